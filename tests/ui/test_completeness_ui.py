"""The two verdicts in the interface: the side bar's to-do list and the draft-export question."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from esms_desktop.domain.completeness import Step
from esms_desktop.domain.dossier import AutodiagResponse
from esms_desktop.services import catalog
from esms_desktop.services.export import dossier_missing
from esms_desktop.services.workspace import Workspace
from esms_desktop.storage.store import open_store
from esms_desktop.ui.dossier_view import DossierView
from esms_desktop.ui.main_window import MainWindow
from esms_desktop.ui.steps import step_factories
from esms_desktop.ui.undo import Editor
from esms_desktop.ui.views.export_view import ExportView
from esms_desktop.ui.views.porteur_view import PorteurView
from tests.domain.test_completeness import complete_dossier


def test_export_of_an_incomplete_dossier_asks_first_and_no_writes_nothing(
    qtbot, editor: Editor, tmp_path: Path, monkeypatch
) -> None:
    view = ExportView(editor)
    qtbot.addWidget(view)
    out = tmp_path / "dossier.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    asked: list[str] = []

    def answer_no(_parent, _title, text, *_a, **_k):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer_no)
    qtbot.mouseClick(view.pdf_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    missing = dossier_missing(editor.session.dossier)
    assert len(missing) > 15
    for item in missing[:15]:  # the list of what is missing, the rest summed up
        assert f"• {item.message}" in asked[0]
    assert f"{len(missing) - 15}" in asked[0].splitlines()[-3]
    QApplication.processEvents()
    assert not out.exists()

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(view.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(out.exists, timeout=20_000)


def test_side_bar_shows_both_verdicts_and_goes_to_a_missing_field(qtbot, editor: Editor) -> None:
    view = DossierView(editor, {Step.PORTEUR: PorteurView, Step.EXPORT: lambda e: ExportView(e)}, 0)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    text = view.summary.text()
    assert "Eligibility" in text or "Éligibilité" in text
    assert view.todo.count() == len(view.missing) > 0
    rows = [view.todo.item(i).data(Qt.ItemDataRole.UserRole) for i in range(view.todo.count())]
    assert "porteur.legal_status" in rows
    view.show_step(Step.EXPORT)
    row = rows.index("porteur.legal_status")
    view.todo.setCurrentRow(row)
    view.todo.setFocus()
    qtbot.keyClick(view.todo, Qt.Key.Key_Return)
    assert view.current_step() is Step.PORTEUR
    porteur = view.views[Step.PORTEUR]
    assert QApplication.focusWidget() is porteur.fields["legal_status"]

    # typing the missing value takes it off the list
    editor.session.replace(
        replace(
            editor.session.dossier,
            porteur=replace(editor.session.dossier.porteur, legal_status="Association"),
        )
    )
    rows = [view.todo.item(i).data(Qt.ItemDataRole.UserRole) for i in range(view.todo.count())]
    assert "porteur.legal_status" not in rows


def test_export_of_a_complete_dossier_asks_nothing(
    qtbot, editor: Editor, tmp_path: Path, monkeypatch
) -> None:
    complete = complete_dossier()
    answers = {q.id: q.choices[0].value for q in catalog.questionnaire().questions}
    complete = replace(complete, autodiagnostics=(AutodiagResponse(answers=answers),))
    editor.session.replace(replace(complete, id=editor.session.dossier.id))
    assert dossier_missing(editor.session.dossier) == ()
    view = ExportView(editor)
    qtbot.addWidget(view)
    out = tmp_path / "complet.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    asked: list[object] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a))
    qtbot.mouseClick(view.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(out.exists, timeout=20_000)
    assert asked == []


def test_home_list_and_status_bar_show_both_verdicts(qtbot, tmp_path: Path) -> None:
    workspace = Workspace(open_store(tmp_path / "d"))
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    try:
        empty = workspace.create("Vide", "amorcage-2021-t1")
        window = MainWindow(workspace, step_factories(workspace), settings, 45)
        qtbot.addWidget(window)
        window.refresh_home()
        model = window.home.model
        titles = model.titles()
        col = titles.index("Verdict")
        verdict = model.data(model.index(0, col))
        # an empty grappe: not eligible (no counted ESSMS), and incomplete
        line = workspace.list_dossiers()[0]
        assert (line.eligible, line.complete) == (False, False) and line.missing_count > 0
        assert verdict == f"Not eligible, dossier incomplete ({line.missing_count} missing)"
        assert window.verdict_label.text() == ""
        window.open_dossier(empty)
        assert window.verdict_label.text() == verdict
        window.session.replace(
            replace(
                window.session.dossier,
                porteur=replace(window.session.dossier.porteur, legal_status="Association"),
            )
        )
        assert window.verdict_label.text() == (
            f"Not eligible, dossier incomplete ({line.missing_count - 1} missing)"
        )
        window.close()
    finally:
        workspace.close()
