"""Which backup is the newest: decided by the sequence written inside it, never by its name.

A clock set ahead once (or a file dated 2099 dropped into ``sauvegardes/``) used to make rotation
delete the real backups and ``restore --latest`` — what the corruption message recommends — bring
back stale data. Here the real backups survive rotation, the corruption message names the real
latest one, and ``restore --latest`` restores it (never the copy its own start-up backup just
took), after saying what it restores.
"""

from __future__ import annotations

import re
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from esms_desktop import cli
from esms_desktop.services import dossiers
from esms_desktop.storage import backups
from esms_desktop.storage.errors import DatabaseCorruptError
from esms_desktop.storage.store import Store, open_store
from tests.storage.factories import CAMPAIGN, grappe
from tests.storage.helpers import sqlite_rows

FUTURE = datetime(2099, 1, 1, 12, 0, 0)


def _names(path: Path) -> list[str]:
    return sorted(str(r[0]) for r in sqlite_rows(path, "SELECT name FROM dossier"))


def _real_backups(store: Store, count: int) -> list[Path]:
    """``count`` backups taken now, each after one more dossier was created."""
    taken = []
    for n in range(count):
        dossiers.create_dossier(store.uow(), f"Réel {n}", CAMPAIGN, grappe(1, 1))
        path = store.backup("auto")
        assert path is not None
        taken.append(path)
    return taken


def test_a_future_dated_file_does_not_make_rotation_delete_the_real_backups(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "données"
    with open_store(data_dir, backup_on_open=False) as store:
        dossiers.create_dossier(store.uow(), "Ancien", CAMPAIGN, grappe(1, 1))
        stale = store.backup("auto")
        assert stale is not None
        # a copy of that old state, named as if taken in 2099 (copied in, or a clock set ahead)
        future = store.paths.backups / backups.backup_name(FUTURE, "auto")
        shutil.copyfile(stale, future)
        real = _real_backups(store, backups.KEEP_LAST + 2)
        backups.rotate(store.paths.backups)  # as after any backup
        newest_ten = real[-backups.KEEP_LAST :]
        assert all(p.exists() for p in newest_ten), [p.name for p in newest_ten if not p.exists()]
        assert store.backups()[0].path == real[-1]
        assert store.latest_backup() == real[-1]
        assert len(_names(store.latest_backup())) == 1 + backups.KEEP_LAST + 2


def test_a_clock_set_ahead_then_back_keeps_the_backups_taken_since(tmp_path: Path) -> None:
    data_dir = tmp_path / "données"
    with open_store(data_dir, backup_on_open=False) as store:
        ahead = []
        for n in range(backups.KEEP_LAST):  # a week with the clock a year ahead
            dossiers.create_dossier(store.uow(), f"Horloge en avance {n}", CAMPAIGN)
            moment = datetime.now() + timedelta(days=365, hours=n)
            ahead.append(
                backups.backup_database(
                    store.paths.database, store.paths.backups, "auto", now=moment
                )
            )
        real = _real_backups(store, 3)  # the clock is right again
        backups.rotate(store.paths.backups)
        assert all(p.exists() for p in real)
        order = [b.path for b in store.backups()]
        assert order[:3] == real[::-1]  # newest first: the ones taken last
        assert store.latest_backup() == real[-1]


def test_the_corruption_message_offers_the_real_latest_backup(tmp_path: Path) -> None:
    data_dir = tmp_path / "données"
    with open_store(data_dir, backup_on_open=False) as store:
        dossiers.create_dossier(store.uow(), "Seul", CAMPAIGN)
        stale = store.backup()
        assert stale is not None
        shutil.copyfile(stale, store.paths.backups / backups.backup_name(FUTURE, "manuelle"))
        latest = _real_backups(store, 2)[-1]
    (data_dir / "esms-desktop.sqlite3").write_bytes(b"pas une base" * 100)
    with pytest.raises(DatabaseCorruptError) as caught:
        open_store(data_dir)
    assert caught.value.backup == latest


def _four_dossiers_then_three_lost(data_dir: Path) -> tuple[Path, list[str]]:
    """Four dossiers backed up; a stale future-dated backup holding one; three then deleted.

    Returns the real latest backup and the four names.
    """
    with open_store(data_dir, backup_on_open=False) as store:
        ids = [
            dossiers.create_dossier(store.uow(), f"Dossier {n}", CAMPAIGN, grappe(1, 2))
            for n in range(4)
        ]
        names = sorted(s.name for s in dossiers.list_dossiers(store.uow()))
        latest = store.backup("manuelle")
        assert latest is not None
        for dossier_id in ids[1:]:
            dossiers.delete_dossier(store.uow(), dossier_id)
    return latest, names


def test_restore_latest_never_restores_its_own_start_up_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "données"
    latest, names = _four_dossiers_then_three_lost(data_dir)

    assert cli.main(["--data-dir", str(data_dir), "restore", "--latest"]) == 0
    out = capsys.readouterr().out
    with open_store(data_dir, backup_on_open=False) as store:
        assert sorted(s.name for s in dossiers.list_dossiers(store.uow())) == names
    assert f"Sauvegarde restaurée : {latest}" in out
    # said before doing it: the date, the dossiers and the ESSMS of what is restored
    taken = backups.read_backup(backups.parse_backup_name(latest)).taken  # type: ignore[arg-type]
    said = re.search(
        r"Restauration de la sauvegarde du (\S+) à (\S+) : (\d+) dossiers, (\d+) ESSMS", out
    )
    assert said is not None, out
    assert said.groups() == (f"{taken:%d/%m/%Y}", f"{taken:%H:%M:%S}", "4", "8")
    assert out.index("Restauration de la sauvegarde") < out.index("Sauvegarde restaurée")


def test_restore_latest_ignores_a_stale_backup_dated_in_the_future(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "données"
    with open_store(data_dir, backup_on_open=False) as store:
        dossiers.create_dossier(store.uow(), "Dossier 0", CAMPAIGN, grappe(1, 2))
        stale = store.backup("manuelle")
        assert stale is not None
    shutil.copyfile(stale, data_dir / "sauvegardes" / backups.backup_name(FUTURE, "manuelle"))
    stale.unlink()
    latest, names = _four_dossiers_then_three_lost(data_dir)

    assert cli.main(["--data-dir", str(data_dir), "restore", "--latest"]) == 0
    out = capsys.readouterr().out
    assert f"Sauvegarde restaurée : {latest}" in out and ": 5 dossiers, 10 ESSMS" in out
    with open_store(data_dir, backup_on_open=False) as store:
        assert sorted(s.name for s in dossiers.list_dossiers(store.uow())) == names
