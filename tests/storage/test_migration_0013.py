"""Migration 0013: the start-up snapshot of each dossier, and the triggers deleting a stale one."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from esms_desktop.services import dossiers, exchange
from esms_desktop.services.workspace import Workspace
from esms_desktop.storage import migrate
from esms_desktop.storage.db import connect_raw, create_store_engine, inspect_file
from esms_desktop.storage.quick_read import read_snapshot
from esms_desktop.storage.store import Store, open_store
from tests.storage.factories import full_dossier
from tests.storage.helpers import sqlite_rows

m0013 = importlib.import_module(
    "esms_desktop.storage.migrations.versions.0013_instantane_du_dossier"
)


def _triggers(db: Path) -> set[str]:
    rows = sqlite_rows(db, "SELECT name FROM sqlite_master WHERE type = 'trigger'")
    return {name for (name,) in rows}


def _saved(store: Store) -> int:
    """A full dossier created then saved once (the save writes its snapshot)."""
    dossier = full_dossier()
    new_id = dossiers.create_dossier(store.uow(), dossier.name, dossier.campaign_id, dossier.grappe)
    loaded = dossiers.load_dossier(store.uow(), new_id)
    renamed = replace(dossier, id=new_id, name="Enregistré")
    dossiers.save_dossier(store.uow(), renamed, loaded, exchange.snapshot_bytes)
    return new_id


def test_every_table_of_a_dossier_has_its_snapshot_trigger_at_the_head(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    migrate.upgrade(db)
    assert {name for name, _sql in m0013.trigger_statements()} <= _triggers(db)
    assert set(m0013.DIRECT_TABLES) == set(
        importlib.import_module(
            "esms_desktop.storage.migrations.versions.0012_resume_pour_la_liste"
        ).DIRECT_TABLES
    )


def test_a_save_writes_a_snapshot_that_decodes_to_the_stored_dossier(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        dossier_id = _saved(store)
        stored = dossiers.load_dossier(store.uow(), dossier_id)
    data = read_snapshot(data_dir / "esms-desktop.sqlite3", dossier_id)
    assert data is not None
    assert exchange.dossier_from_snapshot(data, dossier_id) == stored


def test_a_change_by_another_path_makes_it_stale_and_the_rows_are_read(data_dir: Path) -> None:
    db = data_dir / "esms-desktop.sqlite3"
    with open_store(data_dir) as store:
        dossier_id = _saved(store)
        dossiers.rename_dossier(store.uow(), dossier_id, "Renommé")  # not a save
        assert read_snapshot(db, dossier_id) is None
        workspace = Workspace(store)
        assert workspace.quick_dossier(dossier_id) is None
        opened = workspace.open(dossier_id)  # the rows, and the snapshot written again
        assert opened.dossier.name == "Renommé"
        quick = workspace.quick_dossier(dossier_id)
        assert quick is not None and quick.dossier == opened.dossier
    with connect_raw(db) as conn:  # a hand edit of an establishment: stale again
        conn.execute("UPDATE establishment SET name = 'À la main' WHERE position = 0")
    assert read_snapshot(db, dossier_id) is None


def test_the_quick_read_needs_the_head_revision(data_dir: Path) -> None:
    db = data_dir / "esms-desktop.sqlite3"
    with open_store(data_dir) as store:
        dossier_id = _saved(store)
    with connect_raw(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0012'")
    assert read_snapshot(db, dossier_id) is None


def test_the_quick_path_does_not_import_sqlalchemy(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        dossier_id = _saved(store)
    code = f"""
import json, sys
from pathlib import Path
from esms_desktop.app import quick_start
from esms_desktop.paths import data_paths
from esms_desktop.ui.main_window import folder_key
from PySide6.QtCore import QSettings
settings = QSettings(str(Path({str(data_dir)!r}) / "s.ini"), QSettings.Format.IniFormat)
paths = data_paths(Path({str(data_dir)!r}))
settings.setValue(folder_key(paths.root, "last_dossier"), {dossier_id})
quick = quick_start(paths, settings)
print(json.dumps([quick is not None, quick.loaded.dossier.name if quick else None,
      sorted(m for m in ("sqlalchemy", "alembic") if m in sys.modules)]))
"""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [True, "Enregistré", []]


def test_0013_downgrades_cleanly(tmp_path: Path) -> None:
    from alembic import command

    db = tmp_path / "x.sqlite3"
    migrate.upgrade(db)
    engine = create_store_engine(db, foreign_keys=False)
    try:
        with engine.connect() as conn, conn.begin():
            config = migrate.alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "0012")
    finally:
        engine.dispose()
    assert inspect_file(db).revision == "0012"
    assert not {t for t in _triggers(db) if t.startswith("snapshot_stale")}
    tables = {t for (t,) in sqlite_rows(db, "SELECT name FROM sqlite_master WHERE type='table'")}
    assert "dossier_snapshot" not in tables
