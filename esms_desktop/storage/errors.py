"""What can go wrong with the user's data, as typed errors carrying a French message.

The unit of work and the store translate every SQLite, SQLAlchemy and file-system failure into one
of these, so the CLI and the GUI only ever catch :class:`StoreError` and show ``message``: the user
reads what happened, to which file, and what to do. Environment problems (disk full, read-only
folder, another instance) get their own type because the interface reacts differently to each.

This module imports nothing beyond the standard library: services and the GUI may import it without
pulling SQLAlchemy in.
"""

from __future__ import annotations

from pathlib import Path

from esms_desktop.domain.errors import UserError


class StoreError(UserError):
    """Base of every storage failure; ``message`` is a French sentence for the user."""

    def __init__(self, message: str, *, path: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return self.message


class DatabaseCorruptError(StoreError):
    """The database file is damaged or is not a database; it was moved aside, never deleted.

    Attributes:
        moved_to: where the damaged file now is (``None`` if it could not be moved).
        backup: the newest valid backup to offer for restoration (``None`` if there is none).
    """

    def __init__(
        self,
        message: str,
        *,
        path: Path | None = None,
        moved_to: Path | None = None,
        backup: Path | None = None,
    ) -> None:
        super().__init__(message, path=path)
        self.moved_to = moved_to
        self.backup = backup


class DatabaseTooNewError(StoreError):
    """Written by a newer esms-desktop (or by another program): refused and left untouched."""


class StoreLockedError(StoreError):
    """Another esms-desktop already works on this data folder; ``pid`` is its process, if known."""

    def __init__(self, message: str, *, path: Path | None = None, pid: int | None = None) -> None:
        super().__init__(message, path=path)
        self.pid = pid


class StoreReadOnlyError(StoreError):
    """The data folder or database cannot be written (read-only medium, permissions)."""


class DiskFullError(StoreError):
    """No space left (or the database reached its size limit); nothing committed was lost."""


class StoreBusyError(StoreError):
    """Another program kept the database locked longer than the busy timeout."""


class NotFoundError(StoreError):
    """A dossier, an OG, an establishment or an attached file that does not (or no longer) exist."""


class InvalidTextError(StoreError):
    """A text SQLite cannot store: a lone surrogate (half an emoji), usually from a paste."""

    def __init__(self, database: Path) -> None:
        super().__init__(
            "Le texte saisi contient un caractère invalide (une moitié d'emoji ou de symbole, "
            "souvent laissée par un copier-coller) : la dernière modification n'a pas été "
            f"enregistrée dans « {database} ». Retapez ce texte ; le reste est intact.",
            path=database,
        )
