"""The whole candidature driven through the widgets, as a director would do it.

Create a dossier on amorcage-2021-t2, answer the self-assessment, import the worked example
through the wizard, fix a FINESS key typed wrong on purpose, read the budget total, undo and redo,
export the PDF and find the total in it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QWizard,
)

from esms_desktop.domain.completeness import Step
from esms_desktop.services import catalog
from esms_desktop.services.workspace import Workspace
from esms_desktop.storage.store import open_store
from esms_desktop.ui.i18n import install_translators
from esms_desktop.ui.main_window import MainWindow, NewDossierDialog
from esms_desktop.ui.steps import step_factories

TOTAL = "560\u202f000\u00a0€"


@pytest.fixture
def window(qtbot, tmp_path: Path):
    app = QApplication.instance()
    translators = install_translators(app, "fr")
    workspace = Workspace(open_store(tmp_path / "donnees"))
    settings = QSettings(str(tmp_path / "reglages.ini"), QSettings.Format.IniFormat)
    win = MainWindow(
        workspace, step_factories(workspace), settings, catalog.questionnaire().question_count
    )
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    workspace.close()
    for t in translators:
        app.removeTranslator(t)


def _when_modal(qtbot, action) -> None:
    """Run ``action(dialog)`` on the next modal dialog, as soon as it is shown."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, attempt)
            return
        action(dialog)

    QTimer.singleShot(0, attempt)


def test_the_whole_journey(
    qtbot, window: MainWindow, example_csv: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 1. A new dossier on the amorçage T2 call, from the home page.
    def fill_new(dialog: NewDossierDialog) -> None:
        dialog.name_edit.clear()
        qtbot.keyClicks(dialog.name_edit, "Grappe Flandre-Littoral")
        dialog.campaign_combo.setCurrentIndex(dialog.campaign_combo.findData("amorcage-2021-t2"))
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    _when_modal(qtbot, fill_new)
    qtbot.mouseClick(window.home.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.dossier_view is not None)
    view = window.dossier_view
    assert view is not None
    assert window.menuBar().actions()[0].text() == "&Fichier"  # French by default
    assert window.windowTitle().startswith("Grappe Flandre-Littoral")

    # 2. The self-assessment: answer every question of the first domain by clicking.
    view.steps.setCurrentRow(view.order.index(Step.AUTODIAG))
    autodiag = view.views[Step.AUTODIAG]
    radios = [
        r
        for r in autodiag.findChildren(QRadioButton)
        if r.isVisible() and r.group() is not autodiag.mode_group  # answers, not the way to answer
    ]
    assert radios, "the questionnaire shows answer buttons"
    groups = {}
    for r in radios:
        groups.setdefault(r.group(), []).append(r)
    for buttons in groups.values():
        qtbot.mouseClick(buttons[3], Qt.MouseButton.LeftButton)
    answered = sum(len(r.answers) for r in window.session.dossier.autodiagnostics)
    assert answered == len(groups) > 0

    # 3. Import the worked example through the wizard.
    view.steps.setCurrentRow(view.order.index(Step.GRAPPE))
    grappe = view.views[Step.GRAPPE]

    def run_wizard(wizard: QWizard) -> None:
        path_edit = wizard.findChild(QLineEdit)
        qtbot.keyClicks(path_edit, str(example_csv))
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: wizard.button(QWizard.WizardButton.FinishButton).isEnabled(), timeout=10_000
        )
        qtbot.mouseClick(
            wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton
        )

    _when_modal(qtbot, run_wizard)
    qtbot.mouseClick(grappe.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.dossier.grappe.establishment_count == 16)
    assert window.session.budget.total == 560_000

    # 4. Type a wrong FINESS key on purpose, see it counted out, then fix it.
    def type_finess(text: str) -> None:
        model = grappe.essms_model
        index = grappe.proxy.mapFromSource(model.index(0, model.column_of("finess")))
        grappe.table.setCurrentIndex(index)
        grappe.table.setFocus()
        qtbot.keyClick(grappe.table, Qt.Key.Key_F2)

        def editor() -> QLineEdit | None:
            return next((e for e in grappe.table.findChildren(QLineEdit) if e.isVisible()), None)

        qtbot.waitUntil(lambda: editor() is not None)
        line = editor()
        line.selectAll()
        qtbot.keyClicks(line, text)
        qtbot.keyClick(line, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: editor() is None)

    steps_before = window.undo_stack.count()
    type_finess("590050077")
    qtbot.waitUntil(lambda: window.undo_stack.count() == steps_before + 1)
    assert window.session.budget.counted_establishments == 14
    assert any(f.code == "finess_invalide" for f in window.session.budget.findings)
    type_finess("590050076")
    qtbot.waitUntil(lambda: window.session.budget.counted_establishments == 15)

    # 5. The budget shows the total of the worked example.
    view.steps.setCurrentRow(view.order.index(Step.BUDGET))
    budget = view.views[Step.BUDGET]
    assert TOTAL in budget.total_label.text()

    # 6. Undo the last edit (Ctrl+Z), then redo it (Ctrl+Y).
    window.undo_action.trigger()
    assert window.session.budget.counted_establishments == 14
    assert TOTAL not in budget.total_label.text()
    window.redo_action.trigger()
    assert TOTAL in budget.total_label.text()

    # 7. Export the PDF from the last step and find the total in it.
    out = tmp_path / "dossier.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    # the dossier is still incomplete (annexes, attestations…): export a draft anyway
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.steps.setCurrentRow(view.order.index(Step.EXPORT))
    export = view.views[Step.EXPORT]
    pdf_button = next(
        b for b in export.findChildren(QPushButton) if "PDF" in b.text() and "Dossier" in b.text()
    )
    qtbot.mouseClick(pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(out.exists, timeout=20_000)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "560" in text and "000" in text
    assert "560\u202f000" in text or "560 000" in text

    # Everything typed is in the store: reopen the dossier from the home page.
    dossier_id = window.session.dossier.id
    window.show_home()
    window.open_dossier(dossier_id)
    assert window.session.dossier.grappe.establishment_count == 16
    assert window.session.budget.total == 560_000
