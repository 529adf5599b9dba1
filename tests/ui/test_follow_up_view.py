"""The follow-up step driven in the real window: the worked example from candidature to soldé.

A person clicks the phase buttons, answers the convention dialog, types the tranches received
and the indicator values in the tables, imports a partner's indicator file, and gets the two
PDFs; a transition is undone with Ctrl+Z; « Solder » is refused, with the domain's French
reason, while a tranche is not received; a bad indicator file imports nothing and lists every
problem by row and column.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QTableView,
    QWidget,
)

from esms_desktop.domain.completeness import Step, missing_items
from esms_desktop.domain.follow_up import MilestoneKind, Phase
from esms_desktop.ui.filed_guard import AmendmentDialog
from esms_desktop.ui.main_window import MainWindow
from esms_desktop.ui.views.follow_up_view import ConventionDialog, FollowUpView, ThresholdDialog
from tests.ui.driving import EXAMPLE_CSV, FileAnswers, ModalCloser, real_window, stub_desktop


class Answers:
    """What a person answers in the dialogs the step opens; every dialog seen is recorded."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.problems: list[str] = []
        self.convention = ("15/01/2026", "400 000", "CONV-2026-12")
        self.threshold = "60 %"

    def __call__(self, dialog: QWidget) -> bool:
        if isinstance(dialog, ConventionDialog):
            for edit, text in zip(
                (dialog.date_edit, dialog.amount_edit, dialog.reference_edit),
                self.convention,
                strict=True,
            ):
                edit.setText(text)
            _ok(dialog)
            return True
        if isinstance(dialog, ThresholdDialog):
            dialog.edit.setText(self.threshold)
            _ok(dialog)
            return True
        if isinstance(dialog, QMessageBox):
            self.messages.append(dialog.text())
            dialog.done(0)
            return True
        if isinstance(dialog, AmendmentDialog):  # an edit of what was filed: cancelled
            changes = dialog.changes
            self.messages.append("\n".join(changes.item(i).text() for i in range(changes.count())))
            dialog.reject()
            return True
        lists = dialog.findChildren(QListWidget)
        if isinstance(dialog, QDialog) and lists:
            self.problems = [lists[0].item(i).text() for i in range(lists[0].count())]
            dialog.reject()
            return True
        return False


def _ok(dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    box.button(QDialogButtonBox.StandardButton.Ok).click()


@pytest.fixture
def desk(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple]:
    out = tmp_path / "exports"
    out.mkdir()
    answers = FileAnswers(out_dir=out, any_file=tmp_path / "indicateurs.csv")
    answers.install(monkeypatch)
    stub_desktop(monkeypatch)
    script = Answers()
    closer = ModalCloser(script)
    closer.start()
    with real_window(qtbot, tmp_path) as (window, workspace):
        yield window, workspace, answers, script
    closer.stop()


def open_follow_up(window: MainWindow, workspace) -> FollowUpView:  # type: ignore[no-untyped-def]
    window.open_dossier(workspace.create("Grappe", "generalisation-2025", EXAMPLE_CSV))
    view = window.dossier_view
    assert view is not None
    view.show_step(Step.SUIVI)
    page = view.views[Step.SUIVI]
    assert isinstance(page, FollowUpView)
    return page


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_in_cell(qtbot, table: QTableView, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    """F2 on the cell, the text typed over what it held, Enter: as a person edits a cell."""
    table.window().activateWindow()
    table.scrollTo(table.model().index(row, column))
    table.setFocus()
    table.setCurrentIndex(table.model().index(row, column))
    qtbot.keyClick(table, Qt.Key.Key_F2)

    def editing() -> list[QLineEdit]:
        return [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]

    qtbot.waitUntil(lambda: len(editing()) == 1)
    editor = editing()[0]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editing())


def phase(window: MainWindow) -> Phase:
    assert window.session is not None
    return window.session.dossier.follow_up.phase


def write_indicators(path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(["FINESS", "Période", "Indicateur", "Valeur"])
        writer.writerows(rows)
    return path


def answer_open_with(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """The open dialog of « Import indicators… » answered with ``path``."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))


def test_the_worked_example_goes_from_candidature_to_solde(
    qtbot, desk, tmp_path, monkeypatch
) -> None:
    window, workspace, _files, answers = desk
    view = open_follow_up(window, workspace)
    assert phase(window) is Phase.CANDIDATURE
    assert view.file_button.isVisible() and not view.close_button.isVisible()
    # The follow-up step is not part of the candidature's completeness.
    assert window.session is not None
    assert all(
        m.step is not Step.SUIVI
        for m in missing_items(window.session.dossier, window.session.budget)
    )

    click(qtbot, view.file_button)
    assert phase(window) is Phase.DEPOSE
    assert window.session.dossier.follow_up.filed is not None
    assert view.retained_button.isVisible() and view.rejected_button.isVisible()

    click(qtbot, view.retained_button)
    qtbot.waitUntil(lambda: phase(window) is Phase.RETENU)
    follow_up = window.session.dossier.follow_up
    assert (
        follow_up.convention is not None and str(follow_up.convention.amount_granted) == "400000.00"
    )
    assert len(follow_up.tranches) == 2
    assert "400" in view.phase_label.text()

    click(qtbot, view.deploy_button)
    assert phase(window) is Phase.DEPLOIEMENT

    # Closing is refused while a tranche is not received, with the domain's reason.
    click(qtbot, view.close_button)
    qtbot.waitUntil(lambda: bool(answers.messages))
    assert phase(window) is Phase.DEPLOIEMENT
    assert answers.messages[-1]

    # Two tranches received, typed in the table.
    received = view.tranches_model.columns.index(
        next(c for c in view.tranches_model.columns if c.key == "received")
    )
    for row in range(2):
        expected = window.session.dossier.follow_up.tranches[row].expected
        type_in_cell(qtbot, view.tranches_table, row, received, str(expected).replace(".", ","))
        type_in_cell(qtbot, view.tranches_table, row, received + 1, f"1{row}/03/2026")
    tranches = window.session.dossier.follow_up.tranches
    assert all(t.received == t.expected and t.received_on is not None for t in tranches), tranches

    # A milestone: the first ESSMS's set-up done on 02/02/2026 (column 2: set-up done).
    type_in_cell(qtbot, view.milestones_table, 0, 2, "02/02/2026")
    (milestone,) = window.session.dossier.follow_up.milestones
    assert milestone.kind is MilestoneKind.PARAMETRAGE and milestone.done_on == date(2026, 2, 2)
    type_in_cell(qtbot, view.milestones_table, 0, 2, "31/02/2026")  # refused, and said why
    assert window.session.dossier.follow_up.milestones == (milestone,)
    assert view.milestones_refusal.message()

    # Indicators: one typed in the grid, the others imported from a partner's file.
    essms = [
        e.finess for og in window.session.dossier.grappe.organisations for e in og.establishments
    ]
    assert len(essms) == 16
    indicator = window.session.dossier.usage_targets[0].indicator
    view.indicator_combo.setCurrentText(indicator)
    click(qtbot, view.add_period_button)
    type_in_cell(qtbot, view.grid_table, 0, 0, "55")
    values = window.session.dossier.follow_up.indicators
    assert [v.value for v in values if v.indicator == indicator] == [55]
    months = [f"2026-0{m}" for m in range(1, 7)]
    sheet = write_indicators(
        tmp_path / "indicateurs.csv",
        [(f, m, indicator, str(60 + i)) for f in essms for i, m in enumerate(months)],
    )
    answer_open_with(monkeypatch, sheet)
    click(qtbot, view.import_button)
    qtbot.waitUntil(lambda: len(window.session.dossier.follow_up.indicators) >= 16 * 6)
    assert view.grid_model.columnCount() >= 6
    assert view.chart.points  # the project's trajectory drawn

    # The threshold badged « à confirmer » until typed from the convention.
    unconfirmed = view.threshold_badge.text()
    assert indicator not in window.session.dossier.follow_up.confirmed_thresholds
    click(qtbot, view.confirm_button)
    qtbot.waitUntil(lambda: indicator in window.session.dossier.follow_up.confirmed_thresholds)
    assert view.threshold_badge.text() != unconfirmed
    assert window.session.dossier.usage_targets[0].threshold is not None
    assert not window.session.unsaved  # a threshold from the convention is no amendment

    click(qtbot, view.close_button)
    assert phase(window) is Phase.SOLDE
    assert not any(b.isVisible() for b in view.transition_buttons.values())

    # The two PDFs.
    for button in (view.usage_report_button, view.payment_report_button):
        click(qtbot, button)
    pdfs = sorted(p for p in (tmp_path / "exports").iterdir() if p.suffix == ".pdf")
    assert len(pdfs) == 2 and all(p.read_bytes().startswith(b"%PDF") for p in pdfs)


def test_a_transition_is_undone_in_one_step(qtbot, desk) -> None:
    window, workspace, _files, _answers = desk
    view = open_follow_up(window, workspace)
    click(qtbot, view.file_button)
    assert phase(window) is Phase.DEPOSE
    click(qtbot, view.rejected_button)
    assert phase(window) is Phase.NON_RETENU
    assert "Non retenu" in view.phase_label.text()
    window.undo_action.trigger()
    assert phase(window) is Phase.DEPOSE
    assert view.rejected_button.isVisible()
    window.undo_action.trigger()
    assert phase(window) is Phase.CANDIDATURE
    assert view.file_button.isVisible() and not view.retained_button.isVisible()


def test_a_bad_indicator_file_imports_nothing_and_lists_every_problem(
    qtbot, desk, tmp_path, monkeypatch
) -> None:
    window, workspace, _files, answers = desk
    view = open_follow_up(window, workspace)
    assert window.session is not None
    dossier = window.session.dossier
    first = dossier.grappe.organisations[0].establishments[0].finess
    share = dossier.usage_targets[0].indicator
    sheet = write_indicators(
        tmp_path / "indicateurs.csv",
        [
            ("999999999", "2026-01", share, "50"),
            (first, "2026-01", share, "50"),
            (first, "2026-01", share, "60"),
            (first, "2026-02", share, "150"),
        ],
    )
    answer_open_with(monkeypatch, sheet)
    click(qtbot, view.import_button)
    qtbot.waitUntil(lambda: bool(answers.problems))
    assert window.session.dossier.follow_up.indicators == ()
    # Each problem named by its line (1 = header) and column: the unknown FINESS (line 2), the
    # period given twice (line 4), the share above 100 % (line 5).
    joined = "\n".join(answers.problems)
    assert len(answers.problems) >= 3, joined
    assert all(any(f" {n}" in p for n in (2, 4, 5)) for p in answers.problems), joined
    assert "FINESS" in joined and "Période" in joined and "Valeur" in joined, joined


def test_a_filed_candidature_refuses_an_edit_of_its_steps(qtbot, desk) -> None:
    window, workspace, _files, answers = desk
    view = open_follow_up(window, workspace)
    assert window.session is not None and window.dossier_view is not None
    # Before filing, the project's title is typed freely.
    porteur = window.dossier_view.views[Step.PORTEUR]
    window.dossier_view.show_step(Step.PORTEUR)
    title = porteur.fields["project_title"]  # type: ignore[attr-defined]
    title.setFocus()
    qtbot.keyClicks(title, "Projet")
    qtbot.waitUntil(lambda: window.session.dossier.project_title == "Projet")
    window.dossier_view.show_step(Step.SUIVI)
    click(qtbot, view.file_button)
    assert phase(window) is Phase.DEPOSE
    depth = window.undo_stack.count()
    # After filing, the same field is refused: told once, nothing changed, nothing to undo.
    window.dossier_view.show_step(Step.PORTEUR)
    title.setFocus()
    qtbot.keyClicks(title, " bis")
    qtbot.waitUntil(lambda: bool(answers.messages))
    assert len(answers.messages) == 1, answers.messages
    assert window.session.dossier.project_title == "Projet"
    assert window.undo_stack.count() == depth
    assert not window.session.unsaved
    # The follow-up step still edits: the decision is recorded.
    window.dossier_view.show_step(Step.SUIVI)
    click(qtbot, view.rejected_button)
    assert phase(window) is Phase.NON_RETENU
