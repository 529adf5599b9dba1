"""Backups: consistent while writing, atomic, rotated, restorable; disk-full is typed."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import threading
import time
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from esms_desktop.services import dossiers
from esms_desktop.storage import backups, fsutil
from esms_desktop.storage.backups import BackupInfo, backups_to_keep, parse_backup_name
from esms_desktop.storage.db import inspect_file
from esms_desktop.storage.errors import DatabaseCorruptError, DatabaseTooNewError, DiskFullError
from esms_desktop.storage.store import Store, open_store
from tests.storage.factories import CAMPAIGN, grappe
from tests.storage.helpers import dump, sqlite_rows


def test_backup_while_another_thread_writes_is_consistent_and_equal(store: Store) -> None:
    dossiers.create_dossier(store.uow(), "Premier", CAMPAIGN, grappe())
    stop = threading.Event()
    written: list[int] = []
    failures: list[BaseException] = []

    def writer() -> None:
        try:
            while not stop.is_set() and len(written) < 400:
                written.append(
                    dossiers.create_dossier(store.uow(), f"D{len(written)}", CAMPAIGN, grappe(1, 2))
                )
        except BaseException as exc:  # reported below: a thread's failure must fail the test
            failures.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    taken: list[Path] = []
    try:
        for _ in range(5):  # each backup starts after more commits, while the writer goes on
            seen = len(written)
            deadline = time.monotonic() + 10
            while len(written) <= seen and thread.is_alive() and time.monotonic() < deadline:
                time.sleep(0.001)
            path = store.backup("auto")
            assert path is not None
            taken.append(path)
    finally:
        stop.set()
        thread.join()
    assert not failures
    sizes = [len(sqlite_rows(p, "SELECT id FROM dossier")) for p in taken]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]  # snapshots taken as data grew
    for path in taken:
        assert inspect_file(path, full_check=True).status == "ok"
        ids = [r[0] for r in sqlite_rows(path, "SELECT id FROM dossier ORDER BY id")]
        assert ids == list(range(1, len(ids) + 1))  # a committed prefix, no gap, no partial
        # every dossier in the snapshot is complete: 2 ESSMS each for the thread's dossiers
        counts = sqlite_rows(
            path,
            "SELECT o.dossier_id, count(e.id) FROM organisation o "
            "JOIN establishment e ON e.organisation_id = o.id GROUP BY o.dossier_id",
        )
        assert all(n == (6 if d == 1 else 2) for d, n in counts)
    final = store.backup("manuelle")
    assert final is not None
    # the same content, plus the backup's stamp (tests/reliability/test_backup_order.py)
    assert [line for line in dump(final) if backups.STAMP_TABLE not in line] == dump(
        store.paths.database
    )


def test_backup_ignores_another_connections_uncommitted_write(store: Store) -> None:
    dossiers.create_dossier(store.uow(), "Validé", CAMPAIGN)
    with closing(sqlite3.connect(store.paths.database, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        other.execute(
            "INSERT INTO dossier (name, campaign_id, governance, created, updated, project_title)"
            " VALUES ('Pas validé', 'x', '', '2021-01-01', '2021-01-01', '')"
        )
        path = store.backup()
        other.execute("COMMIT")
    assert path is not None
    assert sqlite_rows(path, "SELECT name FROM dossier") == [("Validé",)]


def test_backup_file_is_standalone_and_written_atomically(store: Store) -> None:
    dossiers.create_dossier(store.uow(), "Un", CAMPAIGN)
    path = store.backup()
    assert path is not None and path.parent == store.paths.backups
    info = parse_backup_name(path)
    assert info is not None and info.reason == "manuelle"
    assert sqlite_rows(path, "PRAGMA journal_mode") == [("delete",)]
    leftovers = [p for p in store.paths.backups.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_an_empty_database_is_not_backed_up(store: Store) -> None:
    assert store.backup() is None
    assert store.backup(force=True) is not None


def test_full_disk_during_backup_is_typed_and_leaves_no_partial_file(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    dossiers.create_dossier(store.uow(), "Un", CAMPAIGN)
    existing = sorted(store.paths.backups.iterdir())

    def no_space(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups.os, "replace", no_space)
    with pytest.raises(DiskFullError) as caught:
        store.backup()
    assert "disque est plein" in caught.value.message
    assert str(store.paths.backups) in caught.value.message
    assert sorted(store.paths.backups.iterdir()) == existing
    monkeypatch.undo()
    assert dossiers.list_dossiers(store.uow())[0].name == "Un"


def test_maybe_backup_only_after_a_change_and_an_interval(data_dir: Path) -> None:
    with open_store(data_dir, backup_on_open=False) as store:
        assert store.maybe_backup(0) is None  # nothing changed
        dossiers.create_dossier(store.uow(), "Un", CAMPAIGN)
        assert store.maybe_backup(3600) is None  # changed, but too soon
        first = store.maybe_backup(0)
        assert first is not None and parse_backup_name(first).reason == "auto"  # type: ignore[union-attr]
        assert store.maybe_backup(0) is None  # nothing new since
        dossiers.rename_dossier(store.uow(), 1, "Deux")
        assert store.maybe_backup(0) is not None


def test_start_up_backup_is_taken_when_there_is_something_to_save(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        assert store.backups() == []  # empty database: nothing to save
        dossiers.create_dossier(store.uow(), "Un", CAMPAIGN)
    with open_store(data_dir) as store:
        assert [b.reason for b in store.backups()] == ["demarrage"]


def _info(day: int, hour: int, reason: str = "auto") -> BackupInfo:
    taken = datetime(2026, 5, day, hour, 0, 0)
    return BackupInfo(Path(backups.backup_name(taken, reason)), taken, reason)


def test_rotation_keeps_last_ten_and_one_per_day_for_a_week() -> None:
    infos = [_info(day, hour) for day in range(1, 21) for hour in (9, 12, 18)]
    keep = backups_to_keep(infos, today=datetime(2026, 5, 20).date())
    newest_ten = sorted(infos, key=lambda b: b.taken, reverse=True)[:10]
    assert {b.path for b in newest_ten} <= keep
    for day in range(14, 21):  # the last 7 days, today included: the day's newest one
        assert _info(day, 18).path in keep
    assert _info(13, 18).path not in keep
    assert _info(14, 9).path not in keep
    assert len(keep) == 10 + 3  # days 17..20 already covered by the last ten


def test_rotation_keeps_the_last_backups_taken_before_migrations_and_restores() -> None:
    infos = [_info(1, 8, "avant-migration"), _info(2, 8, "avant-restauration")]
    infos += [_info(day, hour) for day in range(10, 20) for hour in (9, 18)]
    keep = backups_to_keep(infos, today=datetime(2026, 5, 19).date())
    assert _info(1, 8, "avant-migration").path in keep
    assert _info(2, 8, "avant-restauration").path in keep


def test_rotation_ranks_by_the_stored_sequence_not_by_the_name() -> None:
    today = datetime(2026, 5, 20).date()
    real = [
        BackupInfo(Path(f"reel-{n}.sqlite3"), datetime(2026, 5, 20, 9, n), "auto", sequence=n)
        for n in range(1, 13)
    ]
    # dated a year ahead (a clock set ahead), yet taken before the real ones
    ahead = [
        BackupInfo(
            Path(f"avance-{n}.sqlite3"), datetime(2027, 5, 20, 9, 12 + n), "auto", sequence=n
        )
        for n in range(-12, 0)
    ]
    old_style = BackupInfo(Path("ancien-2099.sqlite3"), datetime(2099, 1, 1), "auto")  # no stamp
    keep = backups_to_keep([*ahead, old_style, *real], today=today)
    assert keep == {b.path for b in real[-10:]}


def test_rotate_deletes_only_our_old_files(tmp_path: Path) -> None:
    now = datetime(2026, 5, 20, 20, 0)
    names = [backups.backup_name(now - timedelta(hours=h), "auto") for h in range(30)]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "ma-copie-perso.sqlite3").write_bytes(b"garder")
    deleted = backups.rotate(tmp_path, now=now)
    remaining = {p.name for p in tmp_path.iterdir()}
    assert "ma-copie-perso.sqlite3" in remaining
    assert set(names[:10]) <= remaining
    assert len(deleted) == 30 - len(remaining - {"ma-copie-perso.sqlite3"})
    assert deleted and all(not p.exists() for p in deleted)


def test_restore_backs_up_the_current_data_first(store: Store) -> None:
    dossiers.create_dossier(store.uow(), "Ancien", CAMPAIGN)
    old = store.backup()
    dossiers.rename_dossier(store.uow(), 1, "Récent")
    result = store.restore(old)
    assert result.restored_from == old
    assert [s.name for s in dossiers.list_dossiers(store.uow())] == ["Ancien"]
    assert result.previous_backup is not None
    assert sqlite_rows(result.previous_backup, "SELECT name FROM dossier") == [("Récent",)]
    dossiers.create_dossier(store.uow(), "Après", CAMPAIGN)  # the store works after restoring
    assert not store.paths.database.with_name("esms-desktop.sqlite3-journal").exists()


def test_restore_latest_picks_the_newest_valid_backup(store: Store) -> None:
    dossiers.create_dossier(store.uow(), "Un", CAMPAIGN)
    store.backup()
    dossiers.create_dossier(store.uow(), "Deux", CAMPAIGN)
    latest = store.backup()
    dossiers.delete_dossier(store.uow(), 1)
    dossiers.delete_dossier(store.uow(), 2)
    assert store.latest_backup() == latest
    store.restore()
    assert sorted(s.name for s in dossiers.list_dossiers(store.uow())) == ["Deux", "Un"]


def test_restore_refuses_a_damaged_backup_and_changes_nothing(store: Store, tmp_path: Path) -> None:
    dossiers.create_dossier(store.uow(), "Actuel", CAMPAIGN)
    good = store.backup()
    assert good is not None
    bad = tmp_path / "abimee.sqlite3"
    data = good.read_bytes()
    bad.write_bytes(data[: len(data) // 2])
    before = dump(store.paths.database)
    count = len(store.backups())
    with pytest.raises(DatabaseCorruptError) as caught:
        store.restore(bad)
    assert str(bad) in caught.value.message and "rien n'a été restauré" in caught.value.message
    assert dump(store.paths.database) == before
    assert len(store.backups()) == count


def test_restore_refuses_a_backup_from_a_newer_program(store: Store, tmp_path: Path) -> None:
    dossiers.create_dossier(store.uow(), "Actuel", CAMPAIGN)
    good = store.backup()
    assert good is not None
    newer = tmp_path / "future.sqlite3"
    shutil.copyfile(good, newer)
    with closing(sqlite3.connect(newer, isolation_level=None)) as conn:
        conn.execute("PRAGMA user_version = 42")
    with pytest.raises(DatabaseTooNewError):
        store.restore(newer)
    assert [s.name for s in dossiers.list_dossiers(store.uow())] == ["Actuel"]


def test_restoring_an_old_schema_backup_migrates_it(store: Store, tmp_path: Path) -> None:
    from esms_desktop.storage import migrate

    old = tmp_path / "ancienne.sqlite3"
    migrate.upgrade(old, target="0001")
    with closing(sqlite3.connect(old)) as conn:
        conn.execute(
            "INSERT INTO dossier (name, campaign_id, governance, created, updated) "
            "VALUES ('Sauvé en 0001', 'x', '', '2021-01-01T00:00:00', '2021-01-01T00:00:00')"
        )
        conn.commit()
    store.restore(old)
    assert [s.name for s in dossiers.list_dossiers(store.uow())] == ["Sauvé en 0001"]
    assert inspect_file(store.paths.database).revision == migrate.HEAD_REVISION


def test_atomic_write_keeps_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "export.esms"
    target.write_bytes(b"ancien contenu")

    def failing(stream: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(DiskFullError):
        fsutil.atomic_write(target, failing)
    assert target.read_bytes() == b"ancien contenu"
    assert [p.name for p in tmp_path.iterdir()] == ["export.esms"]


def test_os_errors_become_typed_french_errors(tmp_path: Path) -> None:
    full = fsutil.translate_os_error(OSError(errno.ENOSPC, "x"), tmp_path / "f")
    assert isinstance(full, DiskFullError) and str(tmp_path / "f") in full.message
    ro = fsutil.translate_os_error(OSError(errno.EROFS, "x"), tmp_path, "créer le verrou")
    assert type(ro).__name__ == "StoreReadOnlyError"
    assert "impossible de créer le verrou" in ro.message
    other = fsutil.translate_os_error(OSError(errno.EIO, "Input/output error"), tmp_path)
    assert "Input/output error" in other.message


def test_backup_names_are_parsed_and_others_ignored(tmp_path: Path) -> None:
    taken = datetime(2026, 5, 9, 14, 30, 12, 123456)
    name = backups.backup_name(taken, "avant-migration")
    assert name == "esms-desktop-20260509-143012-123456-avant-migration.sqlite3"
    info = parse_backup_name(tmp_path / name)
    assert info is not None and (info.taken, info.reason) == (taken, "avant-migration")
    assert parse_backup_name(tmp_path / "esms-desktop.sqlite3") is None
    assert parse_backup_name(tmp_path / "esms-desktop-2026-notes.txt") is None
    assert os.fspath(info.path).endswith(name)


def test_backup_reasons_are_slugs(store: Store) -> None:
    dossiers.create_dossier(store.uow(), "Un", CAMPAIGN)
    path = store.backup("avant-suppression")
    assert path is not None and parse_backup_name(path).reason == "avant-suppression"  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="raison de sauvegarde"):
        store.backup("../../etc")


def test_restoring_an_old_backup_is_not_undone_by_rotation(store: Store) -> None:
    dossiers.create_dossier(store.uow(), "Il y a un mois", CAMPAIGN)
    old = store.backup()
    assert old is not None
    month_ago = datetime.now() - timedelta(days=30)
    aged = store.paths.backups / backups.backup_name(month_ago, "manuelle")
    shutil.copyfile(old, aged)  # as if it had been kept aside for a month
    dossiers.rename_dossier(store.uow(), 1, "Aujourd'hui")
    for _ in range(10):
        backups.backup_database(store.paths.database, store.paths.backups, "auto")
    # a rotation now would delete the month-old file: the restore must copy it first
    store.restore(aged)
    assert [s.name for s in dossiers.list_dossiers(store.uow())] == ["Il y a un mois"]
    assert not aged.exists()  # rotation ran after the restore
