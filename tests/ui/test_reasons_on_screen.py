"""Why a value is wrong is written on screen, not only in a tooltip a keyboard user never sees."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.ui.driving import EXAMPLE_CSV, real_window


def _open(window, workspace, name: str) -> dict:
    dossier_id = workspace.create(name, "amorcage-2021-t2", EXAMPLE_CSV)
    window.refresh_home(dossier_id)
    window.open_dossier(dossier_id)
    view = window.dossier_view
    assert view is not None
    return {s.value: s for s in view.order}


def test_a_wrong_siren_says_why_under_the_field(qtbot, tmp_path: Path) -> None:
    with real_window(qtbot, tmp_path) as (window, workspace):
        step = _open(window, workspace, "Raisons")
        view = window.dossier_view
        view.show_step(step["porteur"])
        porteur = view.views[step["porteur"]]
        siren = porteur.fields["siren"]
        siren.setFocus()
        siren.selectAll()
        qtbot.keyClick(siren, Qt.Key.Key_Delete)
        qtbot.keyClicks(siren, "12345")
        QApplication.processEvents()
        reason = siren.reason
        assert reason.isVisible()  # on screen, under the field
        assert reason.message() and "9" in reason.message()
        assert siren.accessibleDescription() == reason.message()
        assert reason.geometry().top() >= siren.geometry().bottom() - 1  # beneath, not beside
        assert siren.text() == "12345"  # what was typed is kept
        assert window.session is not None and window.session.dossier.porteur.siren == "12345"

        siren.selectAll()
        qtbot.keyClicks(siren, "732829320")  # a SIREN with a valid Luhn key
        QApplication.processEvents()
        assert not reason.isVisible()
        assert siren.accessibleDescription() == ""
        unchecked = porteur.fields["legal_status"]
        assert not unchecked.checked and not unchecked.reason.isVisible()


def test_a_refused_cell_in_the_grid_says_why_under_it(qtbot, tmp_path: Path) -> None:
    with real_window(qtbot, tmp_path) as (window, workspace):
        step = _open(window, workspace, "Grille")
        view = window.dossier_view
        view.show_step(step["grappe"])
        grappe = view.views[step["grappe"]]
        model = grappe.essms_model
        index = grappe.proxy.mapFromSource(model.index(0, model.column_of("capacity")))
        before = index.data(Qt.ItemDataRole.EditRole)
        grappe.table.setCurrentIndex(index)
        grappe.table.setFocus()
        qtbot.keyClick(grappe.table, Qt.Key.Key_F2)

        def editor() -> QLineEdit | None:
            return next((e for e in grappe.table.findChildren(QLineEdit) if e.isVisible()), None)

        qtbot.waitUntil(lambda: editor() is not None)
        line = editor()
        assert line is not None
        line.selectAll()
        qtbot.keyClicks(line, "beaucoup")
        qtbot.keyClick(line, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: editor() is None)
        assert index.data(Qt.ItemDataRole.EditRole) == before
        message = grappe.essms_refusal.message()
        assert grappe.essms_refusal.isVisible()
        assert "« beaucoup »" in message and "ligne 1" in message
        assert "valeur précédente" in message
