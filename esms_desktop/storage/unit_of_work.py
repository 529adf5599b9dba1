"""The SQLAlchemy unit of work: one transaction, committed explicitly or rolled back.

As in *Architecture Patterns with Python* (cosmicpython): a service opens ``with uow:``, works
through ``uow.dossiers``, and calls ``uow.commit()``; leaving the block without committing — an
exception, a forgotten commit — rolls everything back. The object can be reused: each ``with``
block is a fresh session and transaction.

This is also the error boundary: any SQLite or SQLAlchemy exception raised inside the block or by
``commit`` leaves it as a typed :class:`~esms_desktop.storage.errors.StoreError` with a French
message, so no driver exception ever reaches a service caller.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker

from esms_desktop.storage import register_file
from esms_desktop.storage.db import translate_error
from esms_desktop.storage.errors import InvalidTextError
from esms_desktop.storage.partner_models import SqlAlchemyFundedPartnerRepository
from esms_desktop.storage.register_file import LoadedFrom
from esms_desktop.storage.register_repository import SqlAlchemyRegisterRepository
from esms_desktop.storage.repository import SqlAlchemyDossierRepository

_DB_ERRORS = (sa_exc.SQLAlchemyError, sqlite3.Error)


class SqlAlchemyUnitOfWork:
    """A transaction on the store's database (``BEGIN IMMEDIATE`` unless read-only)."""

    dossiers: SqlAlchemyDossierRepository
    register: SqlAlchemyRegisterRepository
    funded_partners: SqlAlchemyFundedPartnerRepository
    """The offline FINESS look-up table: its own file, attached to the same connection; a new
    table written by ``replace_all`` is put in place by :meth:`commit`."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        database: Path,
        *,
        on_commit: Callable[[], None] | None = None,
        backup: Callable[[str], Path | None] | None = None,
        install_register: Callable[[Path, LoadedFrom | None], None] | None = None,
    ) -> None:
        self._session_factory = session_factory
        self._database = database
        self._on_commit = on_commit
        self._backup = backup
        self._install_register = install_register
        self._session: Session | None = None

    def __enter__(self) -> SqlAlchemyUnitOfWork:
        if self._session is not None:
            raise RuntimeError("unité de travail déjà ouverte (pas de with imbriqués)")
        self._session = self._session_factory()
        self.dossiers = SqlAlchemyDossierRepository(self._session)
        self.register = SqlAlchemyRegisterRepository(self._session, self._database)
        self.funded_partners = SqlAlchemyFundedPartnerRepository(self._session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, self._session = self._session, None
        cleanup_error: BaseException | None = None
        if session is not None:
            self.dossiers.rolled_back()
            self.register.discard()  # a new register file not committed
            try:
                session.rollback()
            except _DB_ERRORS as err:  # pragma: no cover - rollback of a dead connection
                cleanup_error = err
            finally:
                session.close()
        if exc is not None and isinstance(exc, _DB_ERRORS):
            raise translate_error(exc, self._database) from exc
        if isinstance(exc, UnicodeEncodeError):  # SQLite refuses a lone surrogate
            raise InvalidTextError(self._database) from exc
        if exc is None and cleanup_error is not None:  # pragma: no cover - see above
            raise translate_error(cleanup_error, self._database) from cleanup_error

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("unité de travail utilisée hors d'un bloc with")
        return self._session

    def commit(self) -> None:
        """Commit the transaction; a failure is raised typed and nothing of it is kept."""
        try:
            self.session.commit()
        except _DB_ERRORS as exc:
            self.dossiers.rolled_back()
            raise translate_error(exc, self._database) from exc
        except UnicodeEncodeError as exc:
            self.dossiers.rolled_back()
            raise InvalidTextError(self._database) from exc
        except BaseException:
            self.dossiers.rolled_back()
            raise
        self.dossiers.committed()
        self._install_pending_register()
        if self._on_commit is not None:
            self._on_commit()

    def _install_pending_register(self) -> None:
        register = self.register
        if register.pending is None:
            return
        built, source = register.pending, register.pending_source
        register.pending = register.pending_source = None
        if self._install_register is None:  # pragma: no cover - every store passes one
            register_file.discard(built)
            raise RuntimeError("unité de travail sans magasin : répertoire non installé")
        try:
            self._install_register(built, source)
        finally:
            register_file.discard(built)  # already renamed when it worked

    def rollback(self) -> None:
        self.dossiers.rolled_back()
        self.register.discard()
        try:
            self.session.rollback()
        except _DB_ERRORS as exc:  # pragma: no cover - rollback of a dead connection
            raise translate_error(exc, self._database) from exc

    def backup(self, reason: str) -> Path | None:
        """Ask the store for a backup before a risky operation (import, merge); call it outside
        the ``with`` block. Returns the backup file, or ``None`` when there was nothing to save."""
        if self._backup is None:
            return None
        return self._backup(reason)
