"""Migration 0012: the home list's summaries in the dossier row, and the triggers clearing them."""

from __future__ import annotations

import importlib
from pathlib import Path

from esms_desktop.services import dossiers
from esms_desktop.services.workspace import Workspace
from esms_desktop.storage import migrate
from esms_desktop.storage.db import create_store_engine, inspect_file
from esms_desktop.storage.store import open_store
from tests.storage.helpers import sqlite_rows
from tests.storage.test_migrations import _populate_0001

m0012 = importlib.import_module(
    "esms_desktop.storage.migrations.versions.0012_resume_pour_la_liste"
)
m0015 = importlib.import_module("esms_desktop.storage.migrations.versions.0015_suivi_du_projet")
m0016 = importlib.import_module("esms_desktop.storage.migrations.versions.0016_avenants")

SUMMARY_COLUMNS = {name for name, _kind in m0012.SUMMARY_COLUMNS}


def _columns(db: Path, table: str) -> list[str]:
    return [row[1] for row in sqlite_rows(db, f"PRAGMA table_info({table})")]


def _triggers(db: Path) -> set[str]:
    rows = sqlite_rows(db, "SELECT name FROM sqlite_master WHERE type = 'trigger'")
    return {name for (name,) in rows}


def test_a_0011_database_lists_its_dossiers_and_keeps_their_summaries(data_dir: Path) -> None:
    """An older database has no summary: the list computes it (as before), then keeps it."""
    data_dir.mkdir(parents=True)
    db = data_dir / "esms-desktop.sqlite3"
    assert migrate.upgrade(db, target="0011") == "0011"
    _populate_0001(db)
    with open_store(data_dir) as store:
        assert sqlite_rows(db, "SELECT summary_key FROM dossier") == [(None,)]
        workspace = Workspace(store)
        (line,) = workspace.list_dossiers()
        loaded = dossiers.load_dossier(store.uow(), 7)
        fresh = dossiers.home_summary(loaded, dossiers.summary_key(loaded.campaign_id))
    assert (line.id, line.name, line.establishment_count) == (7, "Ancien dossier", 2)
    assert (line.total, line.eligible, line.complete, line.missing_count) == (
        fresh.total,
        fresh.eligible,
        fresh.complete,
        fresh.missing_count,
    )
    assert line.total is not None and line.problem_count == 0
    assert sqlite_rows(db, "SELECT summary_key, summary_essms FROM dossier") == [
        (dossiers.summary_key("amorcage-2021-t1"), 2)
    ]
    assert inspect_file(db).revision == migrate.HEAD_REVISION


def test_every_row_of_a_dossier_has_its_trigger_at_the_head(tmp_path: Path) -> None:
    """A later migration rebuilding a table drops its triggers: this says so at once."""
    db = tmp_path / "x.sqlite3"
    migrate.upgrade(db)
    expected = {name for name, _sql in m0012.trigger_statements()}
    assert expected <= _triggers(db)
    tables = {t for (t,) in sqlite_rows(db, "SELECT name FROM sqlite_master WHERE type='table'")}
    holding = {t for t in tables if "dossier_id" in _columns(db, t)} - {
        "change_log",
        "annex_file",
        "dossier_snapshot",
    }
    assert holding == (
        set(m0012.DIRECT_TABLES) | set(m0015.DIRECT_TABLES) | set(m0016.DIRECT_TABLES)
    )
    assert {n for n, _sql in m0015.trigger_statements()} <= _triggers(db)
    assert {n for n, _sql in m0016.trigger_statements()} <= _triggers(db)
    # Every column of the dossier row but its id and the summary itself makes it stale.
    own = set(_columns(db, "dossier")) - SUMMARY_COLUMNS - {"id"}
    assert own == set(m0012.HEAD_COLUMNS)


def test_revisions_read_at_start_up_are_the_shipped_ones() -> None:
    assert frozenset(migrate.REVISION_SCHEMA_VERSION) == migrate.known_revisions()


def test_0012_downgrades_cleanly_and_keeps_the_dossiers(tmp_path: Path) -> None:
    from alembic import command

    db = tmp_path / "x.sqlite3"
    migrate.upgrade(db)
    _populate_0001(db)
    engine = create_store_engine(db, foreign_keys=False)
    try:
        with engine.connect() as conn, conn.begin():
            config = migrate.alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "0011")
    finally:
        engine.dispose()
    assert inspect_file(db).revision == "0011"
    assert not SUMMARY_COLUMNS & set(_columns(db, "dossier"))
    assert not {t for t in _triggers(db) if t.startswith("summary_stale")}
    assert sqlite_rows(db, "SELECT name FROM dossier") == [("Ancien dossier",)]
    assert sqlite_rows(db, "SELECT count(*) FROM establishment") == [(2,)]
