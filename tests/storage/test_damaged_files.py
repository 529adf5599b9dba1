"""Damaged and foreign database files: moved aside (never deleted), or left untouched."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from esms_desktop.services import dossiers
from esms_desktop.storage.errors import DatabaseCorruptError, DatabaseTooNewError
from esms_desktop.storage.store import move_aside, open_store
from tests.storage.factories import CAMPAIGN, full_dossier, grappe


def _populated(data_dir: Path) -> tuple[int, Path]:
    """A data folder with one dossier and one backup of it; returns (dossier id, backup)."""
    with open_store(data_dir) as store:
        new_id = dossiers.create_dossier(store.uow(), "Précieux", CAMPAIGN, grappe())
        backup = store.backup()
    assert backup is not None
    return new_id, backup


def _truncate(db: Path) -> None:
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])


def _garbage_header(db: Path) -> None:
    data = bytearray(db.read_bytes())
    data[:16] = b"PAS UNE BASE!!!\x00"
    db.write_bytes(bytes(data))


def _text_file(db: Path) -> None:
    db.write_text("Ceci est une note, pas une base de données.\n" * 50, encoding="utf-8")


def _short_file(db: Path) -> None:
    db.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20)


def _emptied(db: Path) -> None:
    db.write_bytes(b"")


@pytest.mark.parametrize(
    "damage",
    [_truncate, _garbage_header, _text_file, _short_file, _emptied],
    ids=lambda f: f.__name__,
)
def test_damaged_database_is_moved_aside_and_the_latest_backup_offered(
    data_dir: Path, damage: Callable[[Path], None]
) -> None:
    kept_id, backup = _populated(data_dir)
    db = data_dir / "esms-desktop.sqlite3"
    damage(db)
    damaged_bytes = db.read_bytes()

    with pytest.raises(DatabaseCorruptError) as caught:
        open_store(data_dir)
    error = caught.value
    assert error.backup == backup
    assert error.moved_to is not None and error.moved_to.parent == data_dir
    assert error.moved_to.name.startswith("esms-desktop.corrompu-")
    assert error.moved_to.suffix == ".sqlite3"
    assert error.moved_to.read_bytes() == damaged_bytes  # kept as it was, for a specialist
    assert not db.exists()
    assert "endommagée" in error.message and error.moved_to.name in error.message
    assert str(backup) in error.message

    with open_store(data_dir) as store:  # starts afresh, then restores what was offered
        assert dossiers.list_dossiers(store.uow()) == []
        result = store.restore(error.backup)
        assert result.previous_backup is None  # nothing worth saving in the fresh database
        assert dossiers.load_dossier(store.uow(), kept_id).grappe == grappe()


def test_empty_file_without_backups_is_simply_a_new_database(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "esms-desktop.sqlite3").write_bytes(b"")
    with open_store(data_dir) as store:
        assert dossiers.list_dossiers(store.uow()) == []


def test_corruption_without_any_backup_says_so(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "esms-desktop.sqlite3").write_text("n'importe quoi", encoding="utf-8")
    with pytest.raises(DatabaseCorruptError) as caught:
        open_store(data_dir)
    assert caught.value.backup is None
    assert "Aucune sauvegarde utilisable" in caught.value.message


def test_moving_aside_never_overwrites_an_earlier_damaged_file(tmp_path: Path) -> None:
    db = tmp_path / "esms-desktop.sqlite3"
    moment = datetime(2026, 5, 9, 14, 30, 0)
    db.write_bytes(b"premier")
    (tmp_path / "esms-desktop.sqlite3-wal").write_bytes(b"journal")
    first = move_aside(db, now=moment)
    db.write_bytes(b"second")
    second = move_aside(db, now=moment)
    assert first.name == "esms-desktop.corrompu-20260509-143000.sqlite3"
    assert second != first
    assert first.read_bytes() == b"premier" and second.read_bytes() == b"second"
    assert (tmp_path / (first.name + "-wal")).read_bytes() == b"journal"


def test_the_newest_valid_backup_is_offered_not_a_damaged_one(data_dir: Path) -> None:
    _populated(data_dir)
    with open_store(data_dir) as store:
        dossiers.create_dossier(store.uow(), "Autre", CAMPAIGN)
        newer = store.backup()
    assert newer is not None
    _truncate(newer)  # the newest backup is itself damaged
    _text_file(data_dir / "esms-desktop.sqlite3")
    with pytest.raises(DatabaseCorruptError) as caught:
        open_store(data_dir)
    assert caught.value.backup != newer
    assert caught.value.backup is not None
    with open_store(data_dir) as store:
        store.restore(caught.value.backup)
        assert {s.name for s in dossiers.list_dossiers(store.uow())} >= {"Précieux"}


def _set_pragma(db: Path, statement: str) -> None:
    with closing(sqlite3.connect(db, isolation_level=None)) as conn:
        conn.execute(statement)


def _stamp_unknown_revision(db: Path) -> None:
    _set_pragma(db, "UPDATE alembic_version SET version_num = '0099_future'")


def _newer_user_version(db: Path) -> None:
    _set_pragma(db, "PRAGMA user_version = 99")


def _foreign_application(db: Path) -> None:
    _set_pragma(db, "PRAGMA application_id = 1234")


@pytest.mark.parametrize(
    "make_newer",
    [_stamp_unknown_revision, _newer_user_version, _foreign_application],
    ids=lambda f: f.__name__,
)
def test_newer_or_foreign_database_is_refused_and_left_untouched(
    data_dir: Path, make_newer: Callable[[Path], None]
) -> None:
    with open_store(data_dir) as store:
        dossiers.create_dossier(store.uow(), "Venu du futur", CAMPAIGN)
    db = data_dir / "esms-desktop.sqlite3"
    make_newer(db)
    before = db.read_bytes()
    backups_before = sorted(p.name for p in (data_dir / "sauvegardes").iterdir())

    with pytest.raises(DatabaseTooNewError) as caught:
        open_store(data_dir)

    assert db.read_bytes() == before
    wal = data_dir / "esms-desktop.sqlite3-wal"
    assert not wal.exists() or wal.stat().st_size == 0  # a reader's empty WAL, nothing written
    assert sorted(p.name for p in (data_dir / "sauvegardes").iterdir()) == backups_before
    assert "mettez à jour" in caught.value.message.casefold()
    assert str(db) in caught.value.message
    with pytest.raises(DatabaseTooNewError):  # the lock was released: the refusal repeats
        open_store(data_dir)


def test_someone_elses_sqlite_database_is_refused_untouched(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    db = data_dir / "esms-desktop.sqlite3"
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("CREATE TABLE clients (nom TEXT)")
        conn.execute("INSERT INTO clients VALUES ('Dupont')")
        conn.commit()
    before = db.read_bytes()
    with pytest.raises(DatabaseTooNewError) as caught:
        open_store(data_dir)
    assert "n'a pas été créé par esms-desktop" in caught.value.message
    assert db.read_bytes() == before


def test_full_dossier_in_a_backup_restores_exactly(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        with store.uow() as uow:
            new_id = uow.dossiers.add(full_dossier())
            uow.commit()
        backup = store.backup()
        dossiers.delete_dossier(store.uow(), new_id)
        assert backup is not None
        store.restore(backup)
        with store.uow() as uow:
            assert uow.dossiers.get(new_id) == replace(full_dossier(), id=new_id)


def test_journal_files_left_without_their_database_are_set_aside(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        dossiers.create_dossier(store.uow(), "Ancien", CAMPAIGN)
    db = data_dir / "esms-desktop.sqlite3"
    db.rename(data_dir.parent / "deplace.sqlite3")  # the user moved the database away
    (data_dir / "esms-desktop.sqlite3-wal").write_bytes(b"vieux journal")
    with open_store(data_dir) as store:
        assert dossiers.list_dossiers(store.uow()) == []
        dossiers.create_dossier(store.uow(), "Nouveau", CAMPAIGN)
    orphans = sorted(p.name for p in data_dir.iterdir() if ".orphelin-" in p.name)
    assert len(orphans) == 1 and orphans[0].endswith(".sqlite3-wal")
    assert (data_dir / orphans[0]).read_bytes() == b"vieux journal"
