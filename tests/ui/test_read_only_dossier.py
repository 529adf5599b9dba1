"""A stored dossier that fails validation never stops the program: the real window starts, lists
it « à réparer », and opens it read-only on the list of its problems (issue 14, items 2 and 3).

Driven through the real :class:`MainWindow` over a store poisoned with SQL (see
``tests/services/test_poisoned_store.py``); a Qt warning or an exception in a slot fails the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from esms_desktop.domain.completeness import Step
from esms_desktop.ui.dossier_view import repair_label
from esms_desktop.ui.main_window import MainWindow, folder_key
from tests.services.test_poisoned_store import POISONS, named, poisoned_store
from tests.ui.driving import real_window

VERDICT = 5
TOTAL = 3


def _open_from_home(qtbot, window: MainWindow) -> None:
    """Select the only dossier of the home list and press « Ouvrir », as a person does."""
    window.home.table.selectRow(0)
    qtbot.mouseClick(window.home.open_button, Qt.MouseButton.LeftButton)
    assert window.dossier_view is not None


@pytest.mark.parametrize("poison", sorted(POISONS))
def test_the_program_starts_and_lists_it_to_repair(qtbot, tmp_path: Path, poison: str) -> None:
    dossier_id = poisoned_store(tmp_path / "donnees", POISONS[poison].sql)
    # the last dossier opened is this one: the start opens it again (app.py)
    settings = QSettings(str(tmp_path / "reglages.ini"), QSettings.Format.IniFormat)
    settings.setValue(folder_key(tmp_path / "donnees", "last_dossier"), dossier_id)
    settings.sync()
    with real_window(qtbot, tmp_path) as (window, _workspace):
        assert window.isVisible()
        model = window.home.model
        assert model.rowCount() == 1
        assert model.data(model.index(0, 0)) == "Grappe empoisonnée"
        assert model.data(model.index(0, VERDICT)) == repair_label() == "À réparer"
        assert model.data(model.index(0, TOTAL)) == "—"  # no total computed over the bad value
        window.open_last_dossier()
        assert window.session is not None and window.session.read_only
        assert window.verdict_label.text() == repair_label()


def test_opening_it_is_read_only_with_the_problems_listed(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    poison = POISONS["montant NaN"]
    dossier_id = poisoned_store(tmp_path / "donnees", poison.sql + ";" + POISONS["capacité -5"].sql)
    with real_window(qtbot, tmp_path) as (window, workspace):
        _open_from_home(qtbot, window)
        view, session = window.dossier_view, window.session
        assert view is not None and session is not None and session.read_only
        assert named(session.problems, poison) and len(session.problems) == 2
        # the page of problems instead of the steps: no step view is built over them
        assert view.repair is not None and view.views == {} and view.order == []
        assert view.repair.isVisible() and not view.steps.isVisible()
        table = view.repair.table
        assert table.rowCount() == 2
        shown = [[table.item(r, c).text() for c in range(4)] for r in range(2)]
        assert shown == [[p.where, p.field, p.value, p.expected] for p in session.problems]
        assert view.summary.text() == repair_label()
        assert window.verdict_label.text() == repair_label()
        assert window.windowTitle() == "Grappe empoisonnée — esms-desktop"
        # nothing to print; Ctrl+P and Ctrl+F do nothing rather than fail
        assert not window.pdf_action.isEnabled()
        window.export_pdf()
        window.find_in_dossier()
        # an edit reaching the editor is refused with the list, and nothing is stored
        warned: list[str] = []
        monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(str(a[2])))
        view.editor.apply(session.dossier, "Modifier")
        assert len(warned) == 1 and "lecture seule" in warned[0]
        assert str(session.problems[0]) in warned[0]
        assert window.undo_stack.count() == 0 and not session.unsaved
        assert workspace.open(dossier_id).problems == session.problems
        # back to the list of dossiers
        qtbot.mouseClick(view.repair.home_button, Qt.MouseButton.LeftButton)
        assert window.dossier_view is None and window.pages.currentWidget() is window.home


def test_restoring_a_backup_from_its_page_repairs_it(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    poisoned_store(tmp_path / "donnees", POISONS["projet inconnu"].sql, backup_first=True)
    with real_window(qtbot, tmp_path) as (window, _workspace):
        _open_from_home(qtbot, window)
        assert window.dossier_view is not None and window.dossier_view.repair is not None
        manual = QCoreApplication.translate("MainWindow", "manual")
        offered: list[list[str]] = []

        def choose(_parent, _title, _label, items, *_a, **_k) -> tuple[str, bool]:
            offered.append(list(items))
            return next(i for i in items if i.endswith(manual)), True

        monkeypatch.setattr(QInputDialog, "getItem", choose)
        repair = window.dossier_view.repair
        qtbot.mouseClick(repair.restore_button, Qt.MouseButton.LeftButton)
        assert len(offered) == 1  # the window's own restore, with its list of backups
        model = window.home.model
        assert window.pages.currentWidget() is window.home and model.rowCount() == 1
        assert model.data(model.index(0, VERDICT)) != repair_label()
        _open_from_home(qtbot, window)
        assert window.session is not None and not window.session.read_only
        assert window.dossier_view is not None and Step.GRAPPE in window.dossier_view.views
