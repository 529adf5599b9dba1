"""The campaign fingerprint and the declarations of a dossier in the store (migration 0006)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from pathlib import Path

from esms_desktop.domain.edits import declare_editor_registered, declare_ght
from esms_desktop.domain.eligibility import NO_DECLARATIONS, Declarations
from esms_desktop.services import dossiers
from esms_desktop.storage import migrate
from esms_desktop.storage.db import create_store_engine, inspect_file
from esms_desktop.storage.store import Store, open_store
from tests.storage.factories import full_dossier, valid_finess
from tests.storage.helpers import sqlite_rows
from tests.storage.test_migrations import _populate_0001


def _stored(store: Store) -> int:
    with store.uow() as uow:
        new_id = uow.dossiers.add(full_dossier())
        uow.commit()
    return new_id


def test_fingerprint_and_declarations_round_trip(store: Store) -> None:
    original = full_dossier()
    assert original.campaign_fingerprint and original.declarations != NO_DECLARATIONS
    new_id = _stored(store)
    loaded = dossiers.load_dossier(store.uow(), new_id)
    assert loaded.campaign_fingerprint == original.campaign_fingerprint
    assert loaded.declarations == original.declarations
    assert sqlite_rows(
        store.paths.database, "SELECT finess FROM ght_declaration ORDER BY finess"
    ) == [(f,) for f in sorted(original.declarations.ght_essms)]
    assert sqlite_rows(
        store.paths.database, "SELECT campaign_fingerprint, editor_registered FROM dossier"
    ) == [(original.campaign_fingerprint, 0)]


def test_each_change_is_written_by_the_one_save_path(store: Store) -> None:
    new_id = _stored(store)
    before = dossiers.load_dossier(store.uow(), new_id)
    steps = [
        replace(before, campaign_fingerprint="fedcba9876543210"),
        declare_editor_registered(before, None),
        declare_editor_registered(before, True),
        declare_ght(before, valid_finess(1), False),
        declare_ght(before, valid_finess(2), True),
        replace(before, declarations=NO_DECLARATIONS),
    ]
    for after in steps:
        saved = dossiers.save_dossier(store.uow(), after, before=before)
        loaded = dossiers.load_dossier(store.uow(), new_id)
        assert (loaded.campaign_fingerprint, loaded.declarations) == (
            after.campaign_fingerprint,
            after.declarations,
        )
        assert loaded == saved
        before = saved
    assert sqlite_rows(store.paths.database, "SELECT count(*) FROM ght_declaration") == [(0,)]


def test_a_deleted_dossier_takes_its_declarations_along(store: Store) -> None:
    new_id = _stored(store)
    dossiers.delete_dossier(store.uow(), new_id)
    assert sqlite_rows(store.paths.database, "SELECT count(*) FROM ght_declaration") == [(0,)]


def test_a_0005_database_upgrades_with_its_data(data_dir: Path) -> None:
    """Dossiers of 0005 keep everything, record no fingerprint (no warning) and declare nothing;
    a declaration is then saved in the new places."""
    data_dir.mkdir(parents=True)
    db = data_dir / "esms-desktop.sqlite3"
    assert migrate.upgrade(db, target="0005") == "0005"
    _populate_0001(db)
    with open_store(data_dir) as store:
        old = dossiers.load_dossier(store.uow(), 7)
        assert old.name == "Ancien dossier" and old.governance == "COPIL"
        assert [e.finess for _, e in old.grappe.rows()] == ["590000012", "590000020"]
        assert old.campaign_fingerprint == "" and old.declarations == NO_DECLARATIONS
        declared = declare_editor_registered(declare_ght(old, "590000020", True), True)
        dossiers.save_dossier(store.uow(), declared, before=old)
        again = dossiers.load_dossier(store.uow(), 7)
        backups = [b for b in store.backups() if b.reason == "avant-migration"]
    assert again.declarations == Declarations(frozenset({"590000020"}), True)
    assert replace(again, declarations=NO_DECLARATIONS, updated=old.updated) == old
    state = inspect_file(db)
    assert (state.revision, state.user_version) == (migrate.HEAD_REVISION, migrate.SCHEMA_VERSION)
    assert inspect_file(backups[0].path).revision == "0005"


def test_0006_downgrades_cleanly(tmp_path: Path) -> None:
    from alembic import command

    db = tmp_path / "x.sqlite3"
    migrate.upgrade(db)
    with closing(sqlite3.connect(db)) as conn:
        conn.execute(
            "INSERT INTO dossier (id, name, campaign_id, governance, created, updated, "
            "project_title, campaign_fingerprint, editor_registered) "
            "VALUES (1, 'D', 'c', '', '2026-01-01', '2026-01-01', '', 'ab', 1)"
        )
        conn.execute("INSERT INTO ght_declaration VALUES (1, '590000012')")
        conn.commit()
    engine = create_store_engine(db, foreign_keys=False)
    try:
        with engine.connect() as conn, conn.begin():
            config = migrate.alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "0005")
    finally:
        engine.dispose()
    state = inspect_file(db)
    assert state.revision == "0005" and "ght_declaration" not in state.tables
    assert sqlite_rows(db, "SELECT id, name FROM dossier") == [(1, "D")]
