"""Figure 6 — the data folder after a week of normal use with the national FINESS register loaded.

A fresh data folder receives the worked example (``resources/examples/grappe-exemple.csv``) as a
dossier and the national-size register (100,000 etalab rows made from the real ones, as in
``imports``). Then a week passes as :mod:`esms_desktop.storage.backups` sees it: each day a
start-up backup and a few automatic ones (the GUI's five-minute timer after edits), each followed
by the rotation the store runs (``KEEP_LAST`` newest, one a day for ``KEEP_DAILY_DAYS`` days).
The whole folder is then measured.

Yardstick: the register file itself (it is needed once). Goal (issue 18): the folder under the
register's 35 MiB + 10 MiB of backups. In the JSON: the estimate of the previous layout, where
every kept backup carried the register too.
"""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks.common import ROOT, Figure, Settings
from esms_desktop.services import dossiers, finess_lookup
from esms_desktop.services.imports import preview_file
from esms_desktop.storage import backups as backups_mod
from esms_desktop.storage.store import open_store
from tests.importers.test_finess_readers import make_national_file

EXAMPLE = ROOT / "resources" / "examples" / "grappe-exemple.csv"
CAMPAIGN = "amorcage-2021-t2"
NATIONAL_ROWS = 100_000
DAYS = 7
AUTO_BACKUPS_PER_DAY = 6
REGISTER_BUDGET_MIB = 35.0
BACKUPS_GOAL_MIB = 10.0
MIB = 1024 * 1024


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _week(data: Path, national: Path) -> dict[str, float]:
    preview = preview_file(EXAMPLE)
    assert preview.grappe is not None, preview.errors
    with open_store(data, backup_on_open=False) as store:
        dossier_id = dossiers.create_dossier(store.uow(), "Exemple", CAMPAIGN, preview.grappe)
        finess_lookup.load_register(store.uow(), national)
        database, folder = store.paths.database, store.paths.backups
        monday = datetime(2026, 12, 7, 9, 0)
        for day in range(DAYS):
            reasons = ("demarrage", *("auto",) * AUTO_BACKUPS_PER_DAY)
            for k, reason in enumerate(reasons):
                taken = monday + timedelta(days=day, minutes=5 * k)
                dossiers.rename_dossier(store.uow(), dossier_id, f"Exemple {day}.{k}")
                backups_mod.backup_database(database, folder, reason, now=taken)
                backups_mod.rotate(folder, now=taken)
        kept = backups_mod.list_backups(folder, now=taken)
        register = store.register_file.stat().st_size
    return {
        "folder_mib": _size(data) / MIB,
        "backups_mib": _size(folder) / MIB,
        "backups_kept": len(kept),
        "register_mib": register / MIB,
        "database_mib": database.stat().st_size / MIB,
    }


def run(settings: Settings) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="esms-bench-data-") as tmp:
        national = Path(tmp) / "etalab-national.csv"
        make_national_file(national, NATIONAL_ROWS)
        sizes = _week(Path(tmp) / "donnees", national)
    per_backup = sizes["backups_mib"] / max(1, sizes["backups_kept"])
    before = sizes["register_mib"] + sizes["backups_kept"] * (per_backup + sizes["register_mib"])
    figure = Figure(
        key="data_folder.week_national_register",
        label=f"Dossier de données après {DAYS} jours (exemple + répertoire national)",
        value=sizes["folder_mib"],
        unit="Mio",
        goal=f"< répertoire + {BACKUPS_GOAL_MIB:.0f} Mio de sauvegardes",
        yardstick=sizes["register_mib"],
        yardstick_label="le fichier du répertoire seul",
        details={
            **sizes,
            "backups_per_day": 1 + AUTO_BACKUPS_PER_DAY,
            "previous_layout_estimate_mib": before,
            "national_rows": NATIONAL_ROWS,
        },
    )
    figure.ok = (
        sizes["register_mib"] <= REGISTER_BUDGET_MIB
        and sizes["folder_mib"] - sizes["register_mib"] < BACKUPS_GOAL_MIB
    )
    return [figure]
