"""Opening the store: folders, pragmas, transactions, single writer, busy and read-only folders."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from esms_desktop.services import dossiers
from esms_desktop.storage.db import APPLICATION_ID
from esms_desktop.storage.errors import (
    StoreBusyError,
    StoreError,
    StoreLockedError,
    StoreReadOnlyError,
)
from esms_desktop.storage.migrate import SCHEMA_VERSION
from esms_desktop.storage.store import Store, open_store
from tests.storage.factories import CAMPAIGN, grappe
from tests.storage.helpers import read_only, sqlite_rows

ROOT = Path(__file__).resolve().parents[2]


def test_open_creates_the_folders_and_a_current_database(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        assert store.paths.database.is_file()
        assert store.paths.backups.is_dir()
        assert store.paths.logs.is_dir()
        info = store.diagnostics()
    assert info["application_id"] == APPLICATION_ID
    assert info["user_version"] == SCHEMA_VERSION
    assert sqlite_rows(data_dir / "esms-desktop.sqlite3", "SELECT version_num FROM alembic_version")


def test_every_connection_has_the_pragmas(store: Store) -> None:
    info = store.diagnostics()
    assert str(info["journal_mode"]).lower() == "wal"
    assert info["synchronous"] == 2  # FULL
    assert info["foreign_keys"] == 1
    assert info["busy_timeout"] == 5000


def test_write_units_of_work_take_the_write_lock_up_front(store: Store) -> None:
    """BEGIN IMMEDIATE: another writer is refused as soon as our transaction starts."""
    database = store.paths.database
    with store.uow() as uow, closing(sqlite3.connect(database, timeout=0)) as other:
        uow.dossiers.list_all()  # a read, yet the write lock is already ours
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    with store.uow(read_only=True) as uow, closing(sqlite3.connect(database, timeout=0)) as other:
        uow.dossiers.list_all()
        other.execute("BEGIN IMMEDIATE")  # a read-only unit of work leaves the writer free
        other.execute("ROLLBACK")


def test_a_second_store_on_the_same_folder_is_refused(data_dir: Path) -> None:
    with open_store(data_dir):
        with pytest.raises(StoreLockedError) as caught:
            open_store(data_dir)
        assert caught.value.pid == os.getpid()
        assert "déjà ouvert" in caught.value.message
        assert str(data_dir) in caught.value.message
    with open_store(data_dir) as again:  # released on close
        assert not again.closed


def test_the_lock_holds_across_processes_and_dies_with_its_owner(data_dir: Path) -> None:
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from esms_desktop.storage.store import open_store\n"
        "store = open_store(Path(sys.argv[1]))\n"
        "print('pret', flush=True)\n"
        "time.sleep(60)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(data_dir)], stdout=subprocess.PIPE, env=env, cwd=ROOT
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"pret"
        with pytest.raises(StoreLockedError) as caught:
            open_store(data_dir)
        assert caught.value.pid == child.pid
    finally:
        child.kill()
        child.wait()
        if child.stdout is not None:
            child.stdout.close()
    with open_store(data_dir) as store:  # the OS released the lock with the process
        assert store.diagnostics()["foreign_keys"] == 1


def test_another_program_holding_the_database_gives_a_busy_error(data_dir: Path) -> None:
    with open_store(data_dir, busy_timeout_ms=100) as store:
        with closing(sqlite3.connect(store.paths.database, isolation_level=None)) as other:
            other.execute("BEGIN IMMEDIATE")
            started = time.monotonic()
            with pytest.raises(StoreBusyError) as caught:
                dossiers.create_dossier(store.uow(), "Occupé", CAMPAIGN)
            assert time.monotonic() - started < 3
            other.execute("ROLLBACK")
        assert "occupée par un autre programme" in caught.value.message
        assert dossiers.list_dossiers(store.uow()) == []
        dossiers.create_dossier(store.uow(), "Libre", CAMPAIGN)  # works once released
        assert [s.name for s in dossiers.list_dossiers(store.uow())] == ["Libre"]


def test_a_synchronised_folder_uses_the_rollback_journal_and_warns(tmp_path: Path) -> None:
    folder = tmp_path / "OneDrive - Association" / "esms"
    with open_store(folder) as store:
        assert store.journal.mode == "DELETE"
        assert store.warning is not None and "OneDrive" in store.warning
        assert str(store.diagnostics()["journal_mode"]).lower() == "delete"
        dossiers.create_dossier(store.uow(), "Synchronisé", CAMPAIGN)
    assert not (folder / "esms-desktop.sqlite3-wal").exists()


def test_a_local_folder_has_no_warning(store: Store) -> None:
    assert store.warning is None
    assert store.journal.mode == "WAL"


def test_a_read_only_folder_is_refused_at_open_and_nothing_is_lost(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        kept = dossiers.create_dossier(store.uow(), "Avant lecture seule", CAMPAIGN, grappe())
    before = (data_dir / "esms-desktop.sqlite3").read_bytes()
    with read_only(data_dir / "esms-desktop.sqlite3", data_dir / "esms-desktop.lock", data_dir):
        with pytest.raises(StoreReadOnlyError) as caught:
            open_store(data_dir)
        assert str(data_dir) in caught.value.message
        assert "lecture seule" in caught.value.message
    assert (data_dir / "esms-desktop.sqlite3").read_bytes() == before
    with open_store(data_dir) as store:
        assert dossiers.load_dossier(store.uow(), kept).grappe == grappe()


def test_a_read_only_database_file_is_refused_at_open(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        dossiers.create_dossier(store.uow(), "Déjà enregistré", CAMPAIGN)
    database = data_dir / "esms-desktop.sqlite3"
    with read_only(database), pytest.raises(StoreReadOnlyError) as caught:
        open_store(data_dir)
    assert str(database) in caught.value.message
    with open_store(data_dir) as store:
        assert [s.name for s in dossiers.list_dossiers(store.uow())] == ["Déjà enregistré"]


def test_a_database_that_becomes_read_only_refuses_writes_typed_and_keeps_commits(
    data_dir: Path,
) -> None:
    database = data_dir / "esms-desktop.sqlite3"
    with open_store(data_dir) as store:
        kept = dossiers.create_dossier(store.uow(), "Déjà enregistré", CAMPAIGN, grappe())
        with read_only(database):
            # New connections see the file as it is now (the pool would keep old handles).
            store._disconnect()
            store._connect()
            with pytest.raises(StoreReadOnlyError) as caught:
                dossiers.create_dossier(store.uow(), "Refusé", CAMPAIGN)
            with pytest.raises(StoreReadOnlyError):
                dossiers.rename_dossier(store.uow(), kept, "Renommé")
        assert "lecture seule" in caught.value.message
        assert str(database) in caught.value.message
    with open_store(data_dir) as store:
        assert [s.name for s in dossiers.list_dossiers(store.uow())] == ["Déjà enregistré"]
        assert dossiers.load_dossier(store.uow(), kept).grappe == grappe()


def test_uow_rolls_back_without_commit(store: Store) -> None:
    from esms_desktop.domain.dossier import Dossier

    with store.uow() as uow:
        uow.dossiers.add(Dossier("Jamais validé", CAMPAIGN))
    assert dossiers.list_dossiers(store.uow()) == []


def test_driver_errors_leave_the_unit_of_work_as_store_errors(store: Store) -> None:
    from sqlalchemy import text

    with pytest.raises(StoreError) as caught, store.uow() as uow:
        uow.session.execute(text("SELECT * FROM table_inexistante"))
    assert "table_inexistante" in caught.value.message
    assert str(store.paths.database) in caught.value.message


def test_closed_store_refuses_new_work(data_dir: Path) -> None:
    store = open_store(data_dir)
    store.close()
    store.close()  # idempotent
    with pytest.raises(StoreError, match="fermées"):
        store.uow()
