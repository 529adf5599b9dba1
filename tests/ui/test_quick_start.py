"""The window shown on the last dossier's snapshot, the store opened after: nothing typed lost."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from esms_desktop import app as app_module
from esms_desktop.paths import data_paths
from esms_desktop.services import catalog, dossiers
from esms_desktop.services.exchange import snapshot_bytes
from esms_desktop.storage.store import open_store
from esms_desktop.ui.main_window import MainWindow, folder_key
from esms_desktop.ui.steps import step_factories
from tests.storage.factories import full_dossier


def _saved_dossier(data_dir: Path) -> int:
    dossier = replace(full_dossier(), overrides=MappingProxyType({}))  # the budget computes
    with open_store(data_dir) as store:
        new_id = dossiers.create_dossier(
            store.uow(), dossier.name, dossier.campaign_id, dossier.grappe
        )
        loaded = dossiers.load_dossier(store.uow(), new_id)
        dossiers.save_dossier(store.uow(), replace(dossier, id=new_id), loaded, snapshot_bytes)
    return new_id


def test_a_keystroke_typed_before_the_store_opens_is_saved(qtbot: QtBot, tmp_path: Path) -> None:
    data_dir = tmp_path / "donnees"
    dossier_id = _saved_dossier(data_dir)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    paths = data_paths(data_dir)
    settings.setValue(folder_key(paths.root, "last_dossier"), dossier_id)
    quick = app_module.quick_start(paths, settings)
    assert quick is not None and not quick.workspace.opened
    workspace = quick.workspace
    window = MainWindow(
        workspace, step_factories(workspace), settings, catalog.questionnaire().question_count
    )
    qtbot.addWidget(window)
    window.show_loaded(quick.dossier_id, quick.loaded)
    window.show()
    assert window.dossier_view is not None and not workspace.opened
    edit = next(
        e
        for e in window.dossier_view.findChildren(QLineEdit)
        if e.isVisible() and e.isEnabled() and not e.isReadOnly()
    )
    edit.setFocus()
    qtbot.keyClicks(edit, "Z")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert window.session is not None
    assert window.session.dossier != quick.loaded.dossier  # the keystroke reached the dossier
    app_module._finish_quick_start(window, quick, None)  # the loop's first turn
    assert workspace.opened and not quick.stale
    assert window.session is not None and not window.session.unsaved
    typed = window.session.dossier
    assert [line.id for line in window.home.model._rows] == [dossier_id]
    window.close()
    workspace.close()
    with open_store(data_dir, backup_on_open=False) as store:
        stored = dossiers.load_dossier(store.uow(), dossier_id)
    assert replace(stored, updated=None) == replace(typed, updated=None)
