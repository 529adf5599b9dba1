"""The Export step's « Lettre d'engagement » and « Convention de grappe » buttons write PDFs."""

from __future__ import annotations

from pathlib import Path

import pypdf
from PySide6.QtCore import Qt

from esms_desktop.ui.undo import Editor
from esms_desktop.ui.views.export_view import ExportView
from tests.ui.driving import FileAnswers


def test_letter_and_convention_buttons_ask_where_and_write(
    qtbot, editor: Editor, tmp_path: Path, monkeypatch
) -> None:
    answers = FileAnswers(tmp_path, tmp_path / "none")
    answers.install(monkeypatch)
    view = ExportView(editor)
    qtbot.addWidget(view)
    for button, first_words in (
        (view.letter_button, "Objet : lettre d'engagement"),
        (view.convention_button, "Convention de grappe"),
    ):
        before = len(answers.asked)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert len(answers.asked) == before + 1 and answers.asked[-1][0] == "save"
        target = tmp_path / f"export-{len(answers.asked)}.pdf"
        qtbot.waitUntil(lambda t=target: view.last_export == t, timeout=20_000)
        text = " ".join(p.extract_text() for p in pypdf.PdfReader(target).pages)
        assert first_words in " ".join(text.split())
        assert "Association Les Hirondelles" in text
        assert str(target) in view.status.text()


def test_the_online_filing_table_button_writes_a_workbook_of_the_budget(
    qtbot, editor: Editor, tmp_path: Path, monkeypatch
) -> None:
    import openpyxl

    answers = FileAnswers(tmp_path, tmp_path / "none")
    answers.install(monkeypatch)
    view = ExportView(editor)
    qtbot.addWidget(view)
    qtbot.mouseClick(view.filing_button, Qt.MouseButton.LeftButton)
    assert answers.asked[-1][0] == "save"
    target = tmp_path / f"export-{len(answers.asked)}.xlsx"
    qtbot.waitUntil(lambda: view.last_export == target, timeout=20_000)
    sheet = openpyxl.load_workbook(target).worksheets[0]
    finess = [row[0].value for row in sheet.iter_rows(min_row=2) if row[0].value]
    budget = editor.session.budget
    assert finess == [e.finess for e in budget.establishments]  # unfunded ones say why
    assert all(isinstance(f, str) for f in finess)  # text: a leading zero survives Excel
    assert str(target) in view.status.text()


def test_the_checklist_says_when_this_grappe_needs_an_optional_annex(qtbot, editor: Editor) -> None:
    view = ExportView(editor)
    qtbot.addWidget(view)
    model = view.table.model()
    keys = [a.key for a in editor.session.dossier.annexes]
    hours = model.index(keys.index("repartition_heures"), 1).data()
    national = model.index(keys.index("accord_entite_nationale"), 1).data()
    # The worked example's SAAD counts 70 % eligible hours: its split must be attached.
    assert "100 %" in hours and hours != national
