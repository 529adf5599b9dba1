"""A FINESS register file given to « Importer un fichier… » or « Nouveau dossier » is never
added whole (hundreds of nameless OGs): it becomes the offline register and the user picks."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPushButton, QWizard

from esms_desktop.services.imports import finess_register_format
from esms_desktop.ui.finess_dialog import FinessDialog
from esms_desktop.ui.main_window import NewDossierDialog
from tests.ui.driving import EXAMPLE_CSV, FINESS_WEB, real_window


def test_register_files_are_told_from_grappe_sheets(tmp_path: Path) -> None:
    assert finess_register_format(FINESS_WEB) == "web"
    assert finess_register_format(EXAMPLE_CSV) is None
    broken = tmp_path / "x.csv"
    broken.write_text("n'importe quoi\n", encoding="utf-8")
    assert finess_register_format(broken) is None  # the ordinary import reports its problem


def _on_modal(qtbot, kind: type, act) -> None:
    """Run ``act(dialog)`` once, on the next modal dialog of class ``kind``."""
    done: list[bool] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible() and not done:
            done.append(True)
            act(dialog)
        elif not done:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)


def _pick_in_finess_dialog(qtbot, town: str):
    """In the search dialog: type a town, select the first result, add it, close."""

    def act(dialog: FinessDialog) -> None:
        qtbot.keyClicks(dialog.search_edit, town)
        qtbot.waitUntil(lambda: dialog.table.rowCount() >= 1, timeout=10_000)
        dialog.table.selectRow(0)
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        dialog.accept()

    return act


def test_import_of_a_finess_file_loads_it_and_lets_the_user_pick(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with real_window(qtbot, tmp_path) as (window, workspace):
        dossier_id = workspace.create("Choisir dans FINESS", "amorcage-2021-t2", None)
        window.refresh_home(dossier_id)
        window.open_dossier(dossier_id)
        view = window.dossier_view
        grappe = next(v for v in view.views.values() if hasattr(v, "load_and_pick"))
        steps_before = window.undo_stack.count()
        # The porteur OG is asked for by name when the grappe is empty.
        monkeypatch.setattr(
            "PySide6.QtWidgets.QInputDialog.getText",
            lambda *a, **k: ("Association des ESAT de l'Ain", True),
        )

        def wizard_act(wizard: QWizard) -> None:
            page = wizard.currentPage()
            qtbot.keyClicks(page.path_edit, str(FINESS_WEB))

            def answer(box: QMessageBox) -> None:
                assert "FINESS" in box.text()
                pick = next(
                    b
                    for b in box.buttons()
                    if box.buttonRole(b) is QMessageBox.ButtonRole.AcceptRole
                )
                _on_modal(qtbot, FinessDialog, _pick_in_finess_dialog(qtbot, "VERNOUX"))
                qtbot.mouseClick(pick, Qt.MouseButton.LeftButton)

            _on_modal(qtbot, QMessageBox, answer)
            wizard.button(QWizard.WizardButton.NextButton).click()

        _on_modal(qtbot, QWizard, wizard_act)
        qtbot.mouseClick(grappe.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: workspace.register_status() is not None, timeout=20_000)
        qtbot.waitUntil(
            lambda: window.session.dossier.grappe.establishment_count == 1, timeout=20_000
        )
        rows = list(window.session.dossier.grappe.rows())
        assert [e.name for _og, e in rows] == ["ESAT LES BROSSES"]
        assert all(not og.name.startswith("OG 0") for og, _e in rows)
        assert window.undo_stack.count() == steps_before + 1
        window.undo_action.trigger()
        assert window.session.dossier.grappe.establishment_count == 0


def test_a_new_dossier_from_a_finess_file_starts_empty_and_offers_the_register(
    qtbot, tmp_path: Path
) -> None:
    with real_window(qtbot, tmp_path) as (window, workspace):
        opened: list[FinessDialog] = []

        def fill(dialog: NewDossierDialog) -> None:
            dialog.name_edit.clear()
            qtbot.keyClicks(dialog.name_edit, "Depuis FINESS")
            qtbot.keyClicks(dialog.file_edit, str(FINESS_WEB))
            _on_modal(qtbot, FinessDialog, lambda d: (opened.append(d), d.accept()))
            ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

        _on_modal(qtbot, NewDossierDialog, fill)
        window.new_action.trigger()
        qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
        assert window.session is not None
        assert window.session.dossier.name == "Depuis FINESS"
        assert window.session.dossier.grappe.establishment_count == 0
        assert workspace.lookup("010001261") is not None
        assert isinstance(opened[0].add_button, QPushButton)
