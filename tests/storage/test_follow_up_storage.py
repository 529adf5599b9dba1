"""The follow-up after the candidature (migration 0015): stored exactly, saved by difference,
watched by the summary and snapshot triggers, and migrated up and down."""

from __future__ import annotations

import importlib
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.follow_up import NO_FOLLOW_UP, Period, Phase, TranchePayment
from esms_desktop.services import dossiers, exchange
from esms_desktop.storage import migrate
from esms_desktop.storage.db import connect_raw, create_store_engine, inspect_file
from esms_desktop.storage.quick_read import read_snapshot
from esms_desktop.storage.store import Store, open_store
from tests.storage.factories import full_dossier, full_follow_up
from tests.storage.helpers import sqlite_rows
from tests.storage.test_migrations import _populate_0001

m0015 = importlib.import_module("esms_desktop.storage.migrations.versions.0015_suivi_du_projet")
FOLLOW_UP_TABLES = m0015.DIRECT_TABLES


def _count(store: Store, table: str) -> int:
    ((n,),) = sqlite_rows(store.paths.database, f"SELECT count(*) FROM {table}")
    return int(n)  # type: ignore[call-overload]


def _added(store: Store, dossier: Dossier) -> int:
    with store.uow() as uow:
        new_id = uow.dossiers.add(dossier)
        uow.commit()
    return new_id


def test_a_full_follow_up_round_trips_exactly(store: Store) -> None:
    original = replace(full_dossier(), follow_up=full_follow_up())
    assert original.follow_up.phase is Phase.DEPLOIEMENT
    new_id = _added(store, original)
    with store.uow(read_only=True) as uow:
        loaded = uow.dossiers.get(new_id)
    assert loaded.follow_up == original.follow_up
    assert str(loaded.follow_up.tranches[0].expected) == "88000.00"  # exact text
    assert loaded.follow_up.indicators[1].period == Period(
        2022, 1, loaded.follow_up.indicators[1].period.kind
    )
    assert [v.finess for v in loaded.follow_up.indicators] == [
        v.finess for v in original.follow_up.indicators
    ]  # the user's order, not the FINESS order


def test_a_candidature_has_no_follow_up_row(store: Store) -> None:
    new_id = _added(store, replace(full_dossier(), follow_up=NO_FOLLOW_UP))
    assert all(_count(store, t) == 0 for t in FOLLOW_UP_TABLES)
    with store.uow(read_only=True) as uow:
        assert uow.dossiers.get(new_id).follow_up is NO_FOLLOW_UP


def test_a_save_writes_only_the_changed_part_and_clearing_removes_every_row(store: Store) -> None:
    before = full_dossier()
    new_id = _added(store, before)
    with store.uow(read_only=True) as uow:
        before = uow.dossiers.get(new_id)
    tranches = (
        *before.follow_up.tranches[:1],
        replace(before.follow_up.tranches[1], received=Decimal("22000.00")),
    )
    after = replace(before, follow_up=replace(before.follow_up, tranches=tranches))
    indicator_ids = sqlite_rows(store.paths.database, "SELECT id FROM indicator_value")
    with store.uow() as uow:
        uow.dossiers.save(before, after)
        uow.commit()
    with store.uow(read_only=True) as uow:
        assert uow.dossiers.get(new_id).follow_up.tranches == tranches
    # The indicator rows, untouched, are the same rows.
    assert sqlite_rows(store.paths.database, "SELECT id FROM indicator_value") == indicator_ids
    with store.uow() as uow:
        uow.dossiers.save(after, replace(after, follow_up=NO_FOLLOW_UP))
        uow.commit()
    assert all(_count(store, t) == 0 for t in FOLLOW_UP_TABLES)


def test_a_deleted_dossier_takes_its_follow_up_with_it(store: Store) -> None:
    new_id = _added(store, full_dossier())
    with store.uow() as uow:
        uow.dossiers.delete(new_id)
        uow.commit()
    assert all(_count(store, t) == 0 for t in FOLLOW_UP_TABLES)


def test_every_follow_up_table_has_its_triggers(data_dir: Path) -> None:
    """A change to a follow-up row made outside a save makes the summary and snapshot stale."""
    db = data_dir / "esms-desktop.sqlite3"
    with open_store(data_dir) as store:
        dossier = full_dossier()
        new_id = dossiers.create_dossier(store.uow(), dossier.name, dossier.campaign_id)
        loaded = dossiers.load_dossier(store.uow(), new_id)
        saved = dossiers.save_dossier(
            store.uow(),
            replace(loaded, follow_up=full_follow_up()),
            loaded,
            exchange.snapshot_bytes,
        )
        assert saved.follow_up == full_follow_up()
        data = read_snapshot(db, new_id)
        assert data is not None
        assert exchange.dossier_from_snapshot(data, new_id) == saved  # follow-up included
    for table, statement in (
        ("tranche_payment", "UPDATE tranche_payment SET received = '1' WHERE position = 1"),
        ("indicator_value", "DELETE FROM indicator_value WHERE position = 0"),
        ("confirmed_threshold", f"INSERT INTO confirmed_threshold VALUES ({new_id}, 'x')"),
        ("follow_up", "UPDATE follow_up SET phase = 'solde'"),
    ):
        with connect_raw(db) as conn:
            conn.execute("INSERT OR REPLACE INTO dossier_snapshot VALUES (?, x'00')", (new_id,))
            conn.execute("UPDATE dossier SET summary_key = 'k'")
        with connect_raw(db) as conn:
            conn.execute(statement)
        assert read_snapshot(db, new_id) is None, table
        assert sqlite_rows(db, "SELECT summary_key FROM dossier") == [(None,)], table
    names = {n for (n,) in sqlite_rows(db, "SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert {n for n, _sql in m0015.trigger_statements()} <= names
    assert len(m0015.trigger_statements()) == 2 * 3 * len(FOLLOW_UP_TABLES)


def test_a_0014_data_folder_upgrades_as_candidatures(tmp_path: Path) -> None:
    folder = tmp_path / "donnees"
    folder.mkdir()
    db = folder / "esms-desktop.sqlite3"
    assert migrate.upgrade(db, target="0014") == "0014"
    _populate_0001(db)
    with open_store(folder) as opened:
        old = dossiers.load_dossier(opened.uow(), 7)
        assert old.name == "Ancien dossier" and old.follow_up is NO_FOLLOW_UP
    assert inspect_file(db).revision == migrate.HEAD_REVISION
    assert inspect_file(db).user_version == migrate.SCHEMA_VERSION


def test_0015_downgrades_cleanly_and_keeps_the_dossiers(tmp_path: Path) -> None:
    from alembic import command

    folder = tmp_path / "donnees"
    db = folder / "esms-desktop.sqlite3"
    with open_store(folder) as opened, opened.uow() as uow:
        dossier = full_dossier()
        dossier = replace(
            dossier,
            follow_up=replace(
                dossier.follow_up,
                phase=Phase.RETENU,
                tranches=(TranchePayment("Avance", Decimal("1.00")),),
            ),
        )
        uow.dossiers.add(dossier)
        uow.commit()
    engine = create_store_engine(db, foreign_keys=False)
    try:
        with engine.connect() as conn, conn.begin():
            config = migrate.alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "0014")
    finally:
        engine.dispose()
    state = inspect_file(db)
    assert state.revision == "0014"
    assert not set(FOLLOW_UP_TABLES) & set(state.tables)
    triggers = {
        n for (n,) in sqlite_rows(db, "SELECT name FROM sqlite_master WHERE type='trigger'")
    }
    assert not {n for n, _sql in m0015.trigger_statements()} & triggers
    assert sqlite_rows(db, "SELECT name FROM dossier") == [(dossier.name,)]
