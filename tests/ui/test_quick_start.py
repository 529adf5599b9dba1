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


# --- the snapshot is written when the edits pause, not at every save ---------------------------


def _window_on(qtbot: QtBot, tmp_path: Path, data_dir: Path, dossier_id: int) -> MainWindow:
    """The window over the store, on ``dossier_id`` opened as a person opens it."""
    from esms_desktop.services.workspace import Workspace

    workspace = Workspace(open_store(data_dir))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        workspace, step_factories(workspace), settings, catalog.questionnaire().question_count
    )
    qtbot.addWidget(window)
    window.show()
    window.open_dossier(dossier_id)
    assert window.dossier_view is not None
    return window


def _type_a_letter(qtbot: QtBot, window: MainWindow) -> None:
    assert window.dossier_view is not None and window.session is not None
    before = window.session.dossier
    edit = next(
        e
        for e in window.dossier_view.findChildren(QLineEdit)
        if e.isVisible() and e.isEnabled() and not e.isReadOnly()
    )
    edit.setFocus()
    qtbot.keyClicks(edit, "Z")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert window.session.dossier != before and not window.session.unsaved


def _snapshot_of(data_dir: Path, dossier_id: int) -> object:
    """The dossier the next start would show from its snapshot (None: it reads the store)."""
    from esms_desktop.services import exchange
    from esms_desktop.storage.quick_read import read_snapshot

    data = read_snapshot(data_paths(data_dir).database, dossier_id)
    return None if data is None else exchange.dossier_from_snapshot(data, dossier_id)


def _same(a: object, b: object) -> bool:
    return replace(a, updated=None) == replace(b, updated=None)  # type: ignore[type-var]


def _stored(data_dir: Path, dossier_id: int) -> object:
    """The dossier the store holds (what a start without the snapshot shows)."""
    with open_store(data_dir, backup_on_open=False) as store:
        return dossiers.load_dossier(store.uow(), dossier_id)


def test_a_save_leaves_no_stale_snapshot_and_the_pause_writes_a_fresh_one(
    qtbot: QtBot, tmp_path: Path
) -> None:
    data_dir = tmp_path / "donnees"
    dossier_id = _saved_dossier(data_dir)
    window = _window_on(qtbot, tmp_path, data_dir, dossier_id)
    before = _snapshot_of(data_dir, dossier_id)
    assert before is not None  # written with the save above
    _type_a_letter(qtbot, window)
    assert _snapshot_of(data_dir, dossier_id) is None  # the save made it stale: deleted
    timer = window._snapshot_timer
    assert timer is not None and timer.isActive()
    qtbot.waitUntil(lambda: not timer.isActive(), timeout=10_000)
    shown = _snapshot_of(data_dir, dossier_id)
    assert shown is not None and not _same(shown, before)  # the edit is in it
    window.close()
    window.workspace.close()  # type: ignore[attr-defined]
    assert _same(shown, _stored(data_dir, dossier_id))


def test_closing_the_window_writes_the_snapshot_of_the_last_edit(
    qtbot: QtBot, tmp_path: Path
) -> None:
    data_dir = tmp_path / "donnees"
    dossier_id = _saved_dossier(data_dir)
    window = _window_on(qtbot, tmp_path, data_dir, dossier_id)
    before = _snapshot_of(data_dir, dossier_id)
    _type_a_letter(qtbot, window)
    assert window._snapshot_timer is not None and window._snapshot_timer.isActive()
    window.close()  # before the pause is over
    window.workspace.close()  # type: ignore[attr-defined]
    shown = _snapshot_of(data_dir, dossier_id)
    assert shown is not None and not _same(shown, before)
    assert _same(shown, _stored(data_dir, dossier_id))


def test_a_kill_before_the_pause_leaves_the_store_path_showing_the_last_edit(
    qtbot: QtBot, tmp_path: Path
) -> None:
    data_dir = tmp_path / "donnees"
    dossier_id = _saved_dossier(data_dir)
    before = _stored(data_dir, dossier_id)
    window = _window_on(qtbot, tmp_path, data_dir, dossier_id)
    _type_a_letter(qtbot, window)
    # Killed: no pause, no close_dossier, no closeEvent — only what the saves committed is left.
    assert window._snapshot_timer is not None
    window._snapshot_timer.stop()
    window.workspace.close()  # type: ignore[attr-defined]  # the lock of a dead process freed
    settings = QSettings(str(tmp_path / "later.ini"), QSettings.Format.IniFormat)
    paths = data_paths(data_dir)
    settings.setValue(folder_key(paths.root, "last_dossier"), dossier_id)
    assert app_module.quick_start(paths, settings) is None  # no snapshot: the store first
    assert _snapshot_of(data_dir, dossier_id) is None
    assert not _same(_stored(data_dir, dossier_id), before)  # the edit was saved all the same


def test_the_window_module_leaves_what_the_first_screen_does_not_show_unread() -> None:
    """``esms_desktop.app`` (what ``esms-desktop`` imports first) loads neither the store's
    libraries nor the FINESS readers nor the manual's window: they come with their first use."""
    import subprocess
    import sys

    code = (
        "import sys, esms_desktop.app\n"
        "late = ('sqlalchemy', 'alembic', 'reportlab', 'openpyxl', 'esms_desktop.storage.store',"
        " 'esms_desktop.services.finess_lookup', 'esms_desktop.importers.finess_detect',"
        " 'esms_desktop.ui.help_browser')\n"
        "print(','.join(m for m in late if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == ""
