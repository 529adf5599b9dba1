"""Bring a database to the current schema with Alembic, or refuse one we do not understand.

Migrations run at start-up, programmatically (no ``alembic.ini``), in one ``BEGIN IMMEDIATE``
transaction with foreign keys off (batch mode rebuilds tables; with foreign keys on, dropping the
old copy of a parent table would cascade-delete its children). The store takes a backup first.

A file written by a newer esms-desktop (a revision we do not know, or a higher ``user_version``) or
by another program (foreign ``application_id``) is refused *before* anything is written to it: its
owner needs a newer program, not a "repaired" file.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import exc as sa_exc

from esms_desktop.storage.db import (
    APPLICATION_ID,
    FileState,
    connect_raw,
    create_store_engine,
    translate_error,
)
from esms_desktop.storage.errors import DatabaseTooNewError, StoreError
from esms_desktop.storage.revisions import HEAD_REVISION as HEAD_REVISION
from esms_desktop.storage.revisions import REVISION_SCHEMA_VERSION as REVISION_SCHEMA_VERSION
from esms_desktop.storage.revisions import SCHEMA_VERSION as SCHEMA_VERSION

if TYPE_CHECKING:  # Alembic (0.2 s of imports) is loaded only when a migration runs
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    """Alembic configuration pointing at the migrations shipped in the package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@cache
def known_revisions() -> frozenset[str]:
    """Every revision this program ships (read once from ``migrations/versions``); a test
    checks that :data:`REVISION_SCHEMA_VERSION`, which start-up reads, names the same."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(s.revision for s in script.walk_revisions())


def check_compatible(state: FileState, database: Path) -> None:
    """Raise :class:`DatabaseTooNewError` for a newer or foreign database (nothing is written)."""
    if state.status != "ok":
        return
    if state.application_id not in (0, APPLICATION_ID) or (
        state.application_id == 0 and state.has_schema and state.revision is None
    ):
        raise DatabaseTooNewError(
            f"Le fichier « {database} » n'a pas été créé par esms-desktop (ou par une version "
            "inconnue de ce programme) : il n'a pas été ouvert ni modifié. Mettez à jour "
            "esms-desktop, ou choisissez un autre dossier de données.",
            path=database,
        )
    # The shipped revisions as the table lists them: walking the scripts costs Alembic's import.
    unknown_revision = state.revision is not None and state.revision not in REVISION_SCHEMA_VERSION
    if state.user_version > SCHEMA_VERSION or unknown_revision:
        found = state.revision if unknown_revision else str(state.user_version)
        raise DatabaseTooNewError(
            f"La base « {database} » a été enregistrée par une version plus récente "
            f"d'esms-desktop (schéma {found} ; ce programme connaît le schéma {SCHEMA_VERSION}, "
            f"révision {HEAD_REVISION}). Elle n'a pas été modifiée : mettez à jour esms-desktop "
            "pour l'ouvrir.",
            path=database,
        )


def needs_upgrade(state: FileState) -> bool:
    """True when the file is not at our head revision (including a brand-new empty file)."""
    return state.revision != HEAD_REVISION


def upgrade(database: Path, *, journal_mode: str = "WAL", target: str = "head") -> str:
    """Migrate ``database`` to ``target`` in one transaction; returns the revision reached.

    Also stamps ``application_id`` and ``user_version``. Any failure rolls the whole migration
    back and is raised as a typed :class:`StoreError`.
    """
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    engine = create_store_engine(database, journal_mode=journal_mode, foreign_keys=False)
    try:
        with engine.connect() as conn, conn.begin():
            config = alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, target)
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise StoreError(
                    f"La mise à jour de la base « {database} » a été annulée : "
                    f"{len(broken)} lien(s) incohérent(s) entre tables. La base est inchangée.",
                    path=database,
                )
            revision = MigrationContext.configure(conn).get_current_revision()
            if revision is None or revision not in REVISION_SCHEMA_VERSION:
                raise StoreError(  # pragma: no cover - a shipping mistake, not a user situation
                    f"Révision de schéma inattendue après migration : {revision!r}.",
                    path=database,
                )
            conn.exec_driver_sql(f"PRAGMA user_version={REVISION_SCHEMA_VERSION[revision]}")
            conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        engine.dispose()
        _compact_if_mostly_free(database)
        return revision
    except (sa_exc.SQLAlchemyError, sqlite3.Error, OSError) as exc:
        raise translate_error(exc, database) from exc
    finally:
        engine.dispose()


def _compact_if_mostly_free(database: Path) -> None:
    """``VACUUM`` (outside any transaction) a file a migration left mostly empty: 0011 moves the
    FINESS register (up to 35 MiB) out, and the backups would copy the free pages otherwise."""
    with closing(connect_raw(database)) as conn:
        free = int(conn.execute("PRAGMA freelist_count").fetchone()[0])
        total = int(conn.execute("PRAGMA page_count").fetchone()[0])
        if total and free * 4 > total and free > 64:
            conn.execute("VACUUM")
