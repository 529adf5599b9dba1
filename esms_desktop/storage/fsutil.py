"""File-system helpers shared by backups, restores and exchange files.

Every file we produce is written to a temporary file in the destination folder, flushed to disk,
then renamed over the target with :func:`os.replace`: a crash or a full disk leaves either the old
file or the new one, never half of one. OS errors are translated into the store's typed errors so
the user reads "disque plein" rather than ``[Errno 28]``.

Standard library only: the exchange service (pure JSON) uses it too.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from esms_desktop.storage.errors import DiskFullError, StoreError, StoreReadOnlyError

_READ_ONLY_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def translate_os_error(exc: OSError, path: Path, action: str = "écrire") -> StoreError:
    """The typed, French error for an ``OSError`` met while doing ``action`` on ``path``.

    ``action`` is an infinitive phrase ("écrire", "créer le verrou", "lire").
    """
    de = "d'" if action[:1].casefold() in "aeéèêiîouy" else "de "
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(
            f"Le disque est plein : impossible {de}{action} « {path} ». "
            "Libérez de la place puis recommencez ; les données déjà enregistrées sont intactes.",
            path=path,
        )
    if exc.errno in _READ_ONLY_ERRNOS or isinstance(exc, PermissionError):
        return StoreReadOnlyError(
            f"Accès refusé : impossible {de}{action} « {path} » (dossier en lecture seule ou "
            "droits insuffisants). Choisissez un autre emplacement ou vérifiez les droits.",
            path=path,
        )
    return StoreError(
        f"Impossible {de}{action} « {path} » : {exc.strerror or exc}.",
        path=path,
    )


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX); a no-op where directories cannot be opened."""
    if os.name == "nt":  # pragma: no cover - Windows has no directory fsync
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - exotic file systems
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - exotic file systems
        pass
    finally:
        os.close(fd)


def temp_path_beside(target: Path, suffix: str = ".tmp") -> Path:
    """A fresh, empty temporary file in ``target``'s folder (same volume, so rename is atomic)."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
    os.close(fd)
    return Path(name)


def atomic_write(target: Path, write: Callable[[BinaryIO], object], action: str = "écrire") -> None:
    """Write ``target`` through ``write(stream)`` into a temp file, fsync, then ``os.replace``.

    On any failure the temp file is removed and ``target`` keeps its previous content; an
    ``OSError`` is raised as the matching :class:`StoreError`.
    """
    target = Path(target)
    tmp: Path | None = None
    try:
        tmp = temp_path_beside(target)
        with tmp.open("wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, target)
        tmp = None
        fsync_dir(target.parent)
    except OSError as exc:
        raise translate_os_error(exc, target, action) from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()


def atomic_write_bytes(target: Path, data: bytes, action: str = "écrire") -> None:
    """:func:`atomic_write` of a bytes value."""
    atomic_write(target, lambda stream: stream.write(data), action)


def free_name(path: Path) -> Path:
    """``path`` if free, else ``stem-2.suffix``, ``stem-3.suffix``… (never overwrite)."""
    if not path.exists():
        return path
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1
