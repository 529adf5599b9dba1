"""A backup saved where the user chooses (USB key, Documents), and restored from anywhere."""

from __future__ import annotations

import argparse
import errno
import sys
from datetime import date
from pathlib import Path

import pytest

from esms_desktop.cli import dispatch
from esms_desktop.cli import store as cli_store
from esms_desktop.services import dossiers
from esms_desktop.storage import backups
from esms_desktop.storage.backups import STAMP_TABLE
from esms_desktop.storage.errors import DatabaseCorruptError, DiskFullError, StoreError
from esms_desktop.storage.store import Store, open_store
from tests.storage.factories import CAMPAIGN, grappe
from tests.storage.helpers import dump, read_only, sqlite_rows

RIB = b"%PDF-1.4 RIB de la grappe"


def _content(database: Path) -> list[str]:
    """The data itself, without the stamp a backup carries."""
    return [line for line in dump(database) if STAMP_TABLE not in line]


def test_saved_file_is_the_whole_data_annexes_included(store: Store, tmp_path: Path) -> None:
    first = dossiers.create_dossier(store.uow(), "Grappe Nord", CAMPAIGN, grappe())
    dossiers.attach_annex_file(store.uow(), first, "rib", "RIB.pdf", RIB)
    usb = tmp_path / "cle-usb"
    usb.mkdir()
    target = usb / backups.saved_as_name(date(2026, 12, 7))
    assert target.name == "esms-desktop-sauvegarde-2026-12-07.sqlite3"

    assert store.save_backup_as(target) == target
    assert _content(target) == _content(store.paths.database)
    assert sqlite_rows(target, "SELECT data FROM annex_file") == [(RIB,)]
    assert [p.name for p in usb.iterdir()] == [target.name]  # no temporary file left
    # Stamped as a backup (its place in the order), and described as one from any folder.
    summary = store.describe(target)
    assert (summary.dossiers, summary.establishments) == (1, 6)
    assert summary.taken is not None and summary.taken.date() == date.today()


def test_restore_from_a_file_elsewhere_backs_up_the_current_state_first(
    store: Store, tmp_path: Path
) -> None:
    kept = dossiers.create_dossier(store.uow(), "À garder", CAMPAIGN, grappe())
    target = tmp_path / "Documents" / "ma sauvegarde.sqlite3"
    target.parent.mkdir()
    store.save_backup_as(target)
    dossiers.delete_dossier(store.uow(), kept)
    later = dossiers.create_dossier(store.uow(), "Plus tard", CAMPAIGN, grappe(1, 1))

    result = store.restore(target)

    assert result.restored_from == target
    names = [d.name for d in dossiers.list_dossiers(store.uow())]
    assert names == ["À garder"]
    assert result.previous_backup is not None  # what was replaced can be brought back
    assert sqlite_rows(result.previous_backup, f"SELECT name FROM dossier WHERE id = {later}") == [
        ("Plus tard",)
    ]
    assert target.is_file()  # the user's file is read, never moved


@pytest.mark.parametrize(
    "content",
    [b"", b"pas une base de donnees", b"SQLite format 3\x00" + b"\x00" * 80],
    ids=["empty", "text", "truncated"],
)
def test_a_damaged_file_is_refused_and_nothing_changes(
    store: Store, tmp_path: Path, content: bytes
) -> None:
    dossiers.create_dossier(store.uow(), "Intact", CAMPAIGN, grappe())
    before = _content(store.paths.database)
    backups_before = sorted(store.paths.backups.iterdir())
    damaged = tmp_path / "sauvegarde.sqlite3"
    damaged.write_bytes(content)

    with pytest.raises(StoreError) as caught:
        store.describe(damaged)
    assert "rien n'a été restauré" in caught.value.message or "introuvable" in caught.value.message
    with pytest.raises(DatabaseCorruptError) as caught:
        store.restore(damaged)
    assert str(damaged) in caught.value.message and "rien n'a été restauré" in caught.value.message

    assert _content(store.paths.database) == before
    assert sorted(store.paths.backups.iterdir()) == backups_before  # not even a backup taken
    assert [d.name for d in dossiers.list_dossiers(store.uow())] == ["Intact"]


def test_an_unwritable_folder_is_a_french_message_and_leaves_nothing(
    store: Store, tmp_path: Path
) -> None:
    dossiers.create_dossier(store.uow(), "Un", CAMPAIGN, grappe())
    locked = tmp_path / "protege"
    locked.mkdir()
    with read_only(locked), pytest.raises(StoreError) as caught:
        store.save_backup_as(locked / "sauvegarde.sqlite3")
    assert "Accès refusé" in caught.value.message and str(locked) in caught.value.message
    assert list(locked.iterdir()) == []


def test_a_full_disk_leaves_no_half_file_and_the_older_file_intact(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dossiers.create_dossier(store.uow(), "Un", CAMPAIGN, grappe())
    target = tmp_path / "sauvegarde.sqlite3"
    target.write_bytes(b"la sauvegarde de la semaine passee")

    def no_space(_src: object, _dst: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups.os, "replace", no_space)
    with pytest.raises(DiskFullError) as caught:
        store.save_backup_as(target)
    assert "disque est plein" in caught.value.message and str(target) in caught.value.message
    assert target.read_bytes() == b"la sauvegarde de la semaine passee"
    assert [p.name for p in tmp_path.iterdir() if p.name != "donnees"] == [target.name]


def test_the_database_itself_is_refused_as_a_target(store: Store) -> None:
    dossiers.create_dossier(store.uow(), "Un", CAMPAIGN, grappe())
    before = _content(store.paths.database)
    for name in (store.paths.database.name, store.paths.database.name + "-wal"):
        with pytest.raises(StoreError, match="la base de données elle-même"):
            store.save_backup_as(store.paths.database.with_name(name))
    assert _content(store.paths.database) == before


def test_cli_backup_to_a_file_then_restore_it(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(data_dir) as store:
        kept = dossiers.create_dossier(store.uow(), "Sur la clé", CAMPAIGN, grappe())
    target = tmp_path / "cle" / "copie.sqlite3"
    target.parent.mkdir()
    args = argparse.Namespace(data_dir=data_dir, vers=target)
    assert dispatch(cli_store.cmd_backup, args, sys.stdout) == 0
    assert capsys.readouterr().out.strip() == str(target)
    assert target.is_file()
    with open_store(data_dir) as store:
        dossiers.delete_dossier(store.uow(), kept)

    restore = argparse.Namespace(data_dir=data_dir, latest=False, file=target)
    assert dispatch(cli_store.cmd_restore, restore, sys.stdout) == 0
    assert "Sauvegarde restaurée" in capsys.readouterr().out
    with open_store(data_dir) as store:
        assert dossiers.load_dossier(store.uow(), kept).name == "Sur la clé"


def test_cli_backup_to_an_unwritable_folder_fails_in_french(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(data_dir) as store:
        dossiers.create_dossier(store.uow(), "Un", CAMPAIGN, grappe())
    missing = tmp_path / "cle-debranchee" / "copie.sqlite3"
    args = argparse.Namespace(data_dir=data_dir, vers=missing)
    assert dispatch(cli_store.cmd_backup, args, sys.stdout) != 0
    assert "copie.sqlite3" in capsys.readouterr().err
    assert not missing.parent.exists()
