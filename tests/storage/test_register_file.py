"""The FINESS register in its own file: out of the backups, kept by restores, rebuilt when lost.

The register (35 MiB for the national extract) is a copy of a public file: in the dossier database
every backup copied it. These tests pin where it lives now and what happens when it goes missing.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from esms_desktop.domain.identifiers import finess_with_key
from esms_desktop.services import dossiers, finess_lookup
from esms_desktop.services.workspace import Workspace
from esms_desktop.storage import migrate, register_file
from esms_desktop.storage.db import inspect_file
from esms_desktop.storage.store import Store, open_store
from tests.importers.test_finess_readers import make_national_file
from tests.storage.factories import CAMPAIGN, grappe
from tests.storage.helpers import sqlite_rows

FILES = Path(__file__).resolve().parents[1] / "fixtures" / "finess_files"
WEB30 = FILES / "finess-web-export-esat-30.csv"
KNOWN = "010001261"  # « ESAT LES BROSSES », in WEB30
REGISTER_TABLES = {"repertoire_finess", "repertoire_finess_info"}


def _register(data_dir: Path) -> Path:
    return data_dir / register_file.REGISTER_FILE_NAME


def _dossier(store: Store) -> int:
    return dossiers.create_dossier(store.uow(), "Grappe de l'Ain", CAMPAIGN, grappe(2, 2))


def _source(tmp_path: Path) -> Path:
    """A copy of the 30-row export the test may delete (the register's source file)."""
    copy = tmp_path / "sources" / WEB30.name
    copy.parent.mkdir(exist_ok=True)
    shutil.copy(WEB30, copy)
    return copy


def test_the_register_lives_in_its_own_file_not_in_the_dossier_database(
    store: Store, data_dir: Path
) -> None:
    finess_lookup.load_register(store.uow(), WEB30)
    assert not REGISTER_TABLES & set(inspect_file(store.paths.database).tables)
    assert sqlite_rows(_register(data_dir), "SELECT count(*) FROM repertoire_finess") == [(30,)]
    entry = finess_lookup.lookup(store.uow(read_only=True), KNOWN)
    assert entry is not None and entry.name == "ESAT LES BROSSES"
    assert [e.finess for e in finess_lookup.search(store.uow(), "brosses")] == [KNOWN]
    assert [p.name for p in data_dir.glob(".repertoire*")] == []  # no temporary file left


def test_a_backup_does_not_grow_with_the_register(tmp_path: Path, data_dir: Path) -> None:
    national = tmp_path / "etalab.csv"
    make_national_file(national, 3000)
    with open_store(data_dir, backup_on_open=False) as store:
        _dossier(store)
        before = store.backup("manuelle")
        finess_lookup.load_register(store.uow(), national)
        after = store.backup("manuelle")
    assert before is not None and after is not None
    assert _register(data_dir).stat().st_size > 500_000  # the register is big…
    assert after.stat().st_size == before.stat().st_size  # …and not in the backup
    assert not REGISTER_TABLES & set(inspect_file(after).tables)


def test_restoring_a_backup_keeps_the_register(store: Store) -> None:
    first = _dossier(store)
    backup = store.backup("manuelle")
    finess_lookup.load_register(store.uow(), WEB30)
    dossiers.create_dossier(store.uow(), "Second", CAMPAIGN)
    store.restore(backup)
    assert [d.id for d in dossiers.list_dossiers(store.uow())] == [first]  # restored…
    info = finess_lookup.status(store.uow())
    assert info is not None and info.count == 30  # …and the register still there
    assert finess_lookup.lookup(store.uow(), KNOWN) is not None


def test_a_deleted_register_is_rebuilt_from_its_source_file(tmp_path: Path, data_dir: Path) -> None:
    source = _source(tmp_path)
    with open_store(data_dir) as store:
        dossier_id = _dossier(store)
        finess_lookup.load_register(store.uow(), source)
        kept = dossiers.load_dossier(store.uow(), dossier_id)
    _register(data_dir).unlink()

    with open_store(data_dir) as store:
        assert store.warning is not None
        assert str(_register(data_dir)) in store.warning and "rechargé" in store.warning
        assert str(source) in store.warning
        assert dossiers.load_dossier(store.uow(), dossier_id) == kept  # dossiers untouched
        workspace = Workspace(store)
        assert workspace.lookup(KNOWN) is not None  # rebuilt at first use
        assert workspace.register_notice is not None
        assert workspace.register_notice.startswith("Répertoire FINESS reconstruit : 30 ")
        assert workspace.register_status() is not None
    with open_store(data_dir) as store:  # rebuilt for good: nothing to say any more
        assert store.warning is None and store.register_lost is None


def test_a_damaged_register_is_set_aside_and_rebuilt(tmp_path: Path, data_dir: Path) -> None:
    source = _source(tmp_path)
    with open_store(data_dir) as store:
        dossier_id = _dossier(store)
        finess_lookup.load_register(store.uow(), source)
    _register(data_dir).write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)

    with open_store(data_dir) as store:
        assert store.warning is not None and "endommagé" in store.warning
        moved = list(data_dir.glob("repertoire-finess.corrompu-*.sqlite3"))
        assert len(moved) == 1 and moved[0].name in store.warning  # set aside, not deleted
        assert dossiers.load_dossier(store.uow(), dossier_id).name == "Grappe de l'Ain"
        workspace = Workspace(store)
        assert [e.finess for e in workspace.search_register("brosses")] == [KNOWN]


def test_a_lost_register_whose_source_is_gone_asks_to_load_it_again(
    tmp_path: Path, data_dir: Path
) -> None:
    source = _source(tmp_path)
    with open_store(data_dir) as store:
        dossier_id = _dossier(store)
        finess_lookup.load_register(store.uow(), source)
    _register(data_dir).unlink()
    source.unlink()

    with open_store(data_dir) as store:
        assert store.warning is not None
        assert "importez de nouveau un fichier du répertoire FINESS" in store.warning
        assert store.register_lost is None
        workspace = Workspace(store)
        assert workspace.register_status() is None and workspace.lookup(KNOWN) is None
        assert dossiers.load_dossier(store.uow(), dossier_id).name == "Grappe de l'Ain"
        workspace.load_register(WEB30)  # loading by hand works
        assert workspace.lookup(KNOWN) is not None


def test_a_cancelled_load_keeps_the_register_and_leaves_no_file(store: Store) -> None:
    finess_lookup.load_register(store.uow(), WEB30)

    def cancel(done: int, total: int) -> None:
        if done > 700:  # writing has begun
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        finess_lookup.load_register(
            store.uow(), FILES / "finess-structures-extrait.json", progress=cancel
        )
    info = finess_lookup.status(store.uow())
    assert info is not None and info.file == WEB30.name
    assert [p.name for p in store.paths.root.glob(".repertoire*")] == []


def test_a_read_only_store_without_a_register_file_reads_an_empty_one(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        _dossier(store)
    _register(data_dir).unlink()
    with open_store(data_dir, read_only=True) as store:
        assert finess_lookup.status(store.uow(read_only=True)) is None
        assert finess_lookup.search(store.uow(read_only=True), "esat") == []
    assert not _register(data_dir).exists()  # nothing written


def test_a_read_only_store_reads_the_register(store: Store, data_dir: Path) -> None:
    finess_lookup.load_register(store.uow(), WEB30)
    store.close()
    with open_store(data_dir, read_only=True) as reader:
        assert finess_lookup.lookup(reader.uow(read_only=True), KNOWN) is not None


# --- migration 0011 ---------------------------------------------------------------------------


V1_COLUMNS = tuple(
    c for c in register_file.ENTRY_COLUMNS if c not in ("phone", "latitude", "longitude")
)
"""The columns of the register table at migration 0010 (register version 1)."""


def _database_at_0010_with_a_register(data_dir: Path) -> Path:
    """A 0010 database holding a loaded register, as the previous version left it."""
    data_dir.mkdir(parents=True)
    db = data_dir / "esms-desktop.sqlite3"
    migrate.upgrade(db, target="0010")
    fixed = ("246", "ESAT", "", "", "", "01000", "BOURG", "01", 10, "2001-02-03", 0, None)
    names = [f"ESAT NUMERO {n}" for n in range(3000)]
    rows = [
        (finess_with_key(f"0100{n:04d}"), "010000000", "", name, name, *fixed, "etalab", key)
        for n, (name, key) in enumerate((name, f" {name} BOURG ") for name in names)
    ]
    with closing(sqlite3.connect(db)) as conn:
        conn.executemany(
            f"INSERT INTO repertoire_finess ({', '.join(V1_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(V1_COLUMNS))})",
            rows,
        )
        conn.execute(
            "INSERT INTO repertoire_finess_info VALUES "
            "(1, 'ancien.csv', 'etalab', '2026-11-23T10:00:00+00:00', 3000, 2)"
        )
        conn.commit()
    return db


def test_0011_moves_the_register_rows_into_their_file(data_dir: Path) -> None:
    db = _database_at_0010_with_a_register(data_dir)
    size_before = db.stat().st_size
    with open_store(data_dir) as store:
        info = finess_lookup.status(store.uow())
        assert info is not None
        assert (info.file, info.source, info.count, info.rejected) == (
            "ancien.csv",
            "etalab",
            3000,
            2,
        )
        assert info.loaded_at.year == 2026
        entry = finess_lookup.lookup(store.uow(), finess_with_key("01000017"))
        assert entry is not None and entry.capacity == 10 and entry.opened is not None
        assert [e.name for e in finess_lookup.search(store.uow(), "numero 1", 2)] == [
            "ESAT NUMERO 1",
            "ESAT NUMERO 10",
        ]
        backups = store.backups()
    assert not REGISTER_TABLES & set(inspect_file(db).tables)
    assert db.stat().st_size < size_before / 2  # compacted after the move
    [before] = [b for b in backups if b.reason == "avant-migration"]
    assert set(inspect_file(before.path).tables) >= REGISTER_TABLES  # the old file, as it was


def test_0011_never_replaces_a_register_already_in_its_file(data_dir: Path) -> None:
    """An old backup restored (migrated on the way) must not put its old register back."""
    with open_store(data_dir) as store:
        _dossier(store)
        finess_lookup.load_register(store.uow(), WEB30)
    old = _database_at_0010_with_a_register(data_dir.parent / "ancien")  # previous version's file

    with open_store(data_dir) as store:
        store.restore(old)
        info = finess_lookup.status(store.uow())
        assert info is not None and (info.file, info.count) == (WEB30.name, 30)
        assert not REGISTER_TABLES & set(inspect_file(store.paths.database).tables)


def test_0011_downgrade_recreates_the_empty_tables(tmp_path: Path) -> None:
    from alembic import command

    db = tmp_path / "x.sqlite3"
    migrate.upgrade(db, target="0011")
    assert not REGISTER_TABLES & set(inspect_file(db).tables)
    engine = migrate.create_store_engine(db, foreign_keys=False)
    try:
        with engine.connect() as conn, conn.begin():
            config = migrate.alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "0010")
    finally:
        engine.dispose()
    assert set(inspect_file(db).tables) >= REGISTER_TABLES
    assert sqlite_rows(db, "SELECT count(*) FROM repertoire_finess") == [(0,)]
    assert migrate.upgrade(db, target="0011") == "0011"  # and up again


def test_a_foreign_database_in_place_of_the_register_is_set_aside(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        dossier_id = _dossier(store)
        backup = store.backup("manuelle")
    assert backup is not None
    shutil.copy(backup, _register(data_dir))  # a dossier database where the register should be
    with open_store(data_dir) as store:
        assert store.warning is not None
        assert "ce n'est pas un fichier de répertoire FINESS" in store.warning
        assert "importez de nouveau" in store.warning  # never loaded: nothing to rebuild from
        assert finess_lookup.status(store.uow()) is None
        assert dossiers.load_dossier(store.uow(), dossier_id).name == "Grappe de l'Ain"
    assert len(list(data_dir.glob("repertoire-finess.corrompu-*.sqlite3"))) == 1
