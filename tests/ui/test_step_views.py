"""Porteur, solution, targets and self-assessment steps, driven through their widgets.

Each test acts as a person would (typing, clicking, arrow keys), then checks the dossier, the
undo stack (one step per edit, typing merged) and that undo shows the previous value again.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import MappingProxyType

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView

from esms_desktop.domain.dossier import AutodiagResponse, Dossier
from esms_desktop.domain.edits import Parsed, parse_due_date, parse_threshold
from esms_desktop.domain.grappe import ProjectType
from esms_desktop.domain.usage_threshold import UsageThreshold, percentage
from esms_desktop.services.session import DossierSession
from esms_desktop.ui.undo import Editor
from esms_desktop.ui.views.autodiag_view import AutodiagView
from esms_desktop.ui.views.porteur_view import PorteurView
from esms_desktop.ui.views.solution_view import SolutionView
from esms_desktop.ui.views.targets_view import TargetsView
from tests.domain.builders import split_grappe


def _editor(**changes: object) -> Editor:
    dossier = Dossier(name="Test", campaign_id="amorcage-2021-t2", grappe=split_grappe(6, 2))
    if changes:
        from dataclasses import replace

        dossier = replace(dossier, **changes)  # type: ignore[arg-type]
    return Editor(DossierSession(dossier, save=None), QUndoStack())


@pytest.fixture
def editor(qtbot) -> Editor:
    return _editor()


def _show(qtbot, view):
    qtbot.addWidget(view)
    view.resize(1366, 768)
    with qtbot.waitActive(view):  # focus and arrow keys need an active window
        view.show()
        view.activateWindow()
    return view


def _d(editor: Editor) -> Dossier:
    return editor.session.dossier


# --- porteur -------------------------------------------------------------------------------------


def test_typing_a_name_is_one_undo_step_and_undo_shows_it_again(qtbot, editor: Editor) -> None:
    view = _show(qtbot, PorteurView(editor))
    qtbot.keyClicks(view.fields["name"], "Les Tilleuls")
    assert _d(editor).porteur.name == "Les Tilleuls"
    assert editor.stack.count() == 1
    qtbot.keyClicks(view.fields["project_title"], "DUI commun")
    assert _d(editor).project_title == "DUI commun"
    assert editor.stack.count() == 2
    editor.stack.undo()
    assert _d(editor).project_title == ""
    assert view.fields["project_title"].text() == ""
    assert view.fields["name"].text() == "Les Tilleuls"
    editor.stack.undo()
    assert view.fields["name"].text() == ""
    editor.stack.redo()
    assert view.fields["name"].text() == "Les Tilleuls"


def test_an_invalid_siren_warns_but_is_saved_as_typed(qtbot, editor: Editor) -> None:
    view = _show(qtbot, PorteurView(editor))
    siren = view.fields["siren"]
    qtbot.keyClicks(siren, "732 829 321")
    assert _d(editor).porteur.siren == "732 829 321"
    assert "clé" in siren.toolTip()
    assert siren.accessibleDescription() == siren.toolTip()
    siren.selectAll()
    qtbot.keyClicks(siren, "732829320")
    assert _d(editor).porteur.siren == "732829320"
    assert siren.toolTip() == ""
    assert editor.stack.count() == 1  # still the same field: one step


def test_siret_and_finess_are_checked_too(qtbot, editor: Editor) -> None:
    view = _show(qtbot, PorteurView(editor))
    qtbot.keyClicks(view.fields["siret"], "1234")
    qtbot.keyClicks(view.fields["finess_ej"], "59000001")
    assert "14 chiffres" in view.fields["siret"].toolTip()
    assert "8 caractères" in view.fields["finess_ej"].toolTip()
    assert _d(editor).porteur.siret == "1234"
    assert editor.stack.count() == 2


def test_ctrl_z_in_a_field_undoes_through_the_dossier_stack(qtbot, editor: Editor) -> None:
    view = _show(qtbot, PorteurView(editor))
    town = view.fields["town"]
    town.setFocus()
    qtbot.keyClicks(town, "Lille")
    qtbot.keyClick(town, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _d(editor).porteur.town == ""
    assert town.text() == ""
    assert editor.stack.index() == 0


def test_convention_date_can_be_set_changed_and_cleared(qtbot, editor: Editor) -> None:
    view = _show(qtbot, PorteurView(editor))
    assert not view.convention_date.isEnabled()
    qtbot.mouseClick(view.convention_set, Qt.MouseButton.LeftButton)
    assert _d(editor).convention_date == view.convention_date.date().toPython()
    view.convention_date.setDate(QDate(2025, 3, 14))
    assert _d(editor).convention_date == date(2025, 3, 14)
    editor.stack.undo()  # the date change
    editor.stack.undo()  # ticking the box
    assert _d(editor).convention_date is None
    assert not view.convention_set.isChecked()
    assert not view.convention_date.isEnabled()
    editor.stack.redo()
    editor.stack.redo()
    assert view.convention_set.isChecked()
    assert view.convention_date.date() == QDate(2025, 3, 14)


# --- solution ------------------------------------------------------------------------------------


def test_segur_radio_buttons_and_undo(qtbot, editor: Editor) -> None:
    view = _show(qtbot, SolutionView(editor))
    assert view.segur_buttons[None].isChecked()
    qtbot.mouseClick(view.segur_buttons[True], Qt.MouseButton.LeftButton)
    assert _d(editor).grappe.solution.segur_referenced is True
    qtbot.mouseClick(view.segur_buttons[False], Qt.MouseButton.LeftButton)
    assert _d(editor).grappe.solution.segur_referenced is False
    assert editor.stack.count() == 2
    editor.stack.undo()
    assert view.segur_buttons[True].isChecked()
    editor.stack.undo()
    assert view.segur_buttons[None].isChecked()
    assert _d(editor).grappe.solution.segur_referenced is None


def test_justification_is_asked_for_when_an_essms_acquires(qtbot, editor: Editor) -> None:
    view = _show(qtbot, SolutionView(editor))
    assert view.justification_warning.message()  # split_grappe: every ESSMS acquires
    view.justification_edit.setFocus()
    qtbot.keyClicks(view.justification_edit, "Trois editeurs consultes.")
    assert _d(editor).grappe.solution.justification == "Trois editeurs consultes."
    assert editor.stack.count() == 1
    assert not view.justification_warning.message()
    editor.stack.undo()
    assert view.justification_edit.toPlainText() == ""
    assert view.justification_warning.message()


def test_apply_the_solution_to_every_establishment_in_one_step(qtbot, editor: Editor) -> None:
    view = _show(qtbot, SolutionView(editor))
    assert view.rows_list.count() == 1
    assert not view.apply_button.isEnabled()  # rows already name "Éditeur — Produit"
    view.product_edit.selectAll()
    qtbot.keyClicks(view.product_edit, "Dossier+")
    assert _d(editor).grappe.solution.label == "Éditeur — Dossier+"
    assert view.apply_button.isEnabled()
    before = editor.stack.count()
    qtbot.mouseClick(view.apply_button, Qt.MouseButton.LeftButton)
    assert editor.stack.count() == before + 1
    assert {e.dui_solution for _o, e in _d(editor).grappe.rows()} == {"Éditeur — Dossier+"}
    assert not view.apply_button.isEnabled()
    editor.stack.undo()
    assert {e.dui_solution for _o, e in _d(editor).grappe.rows()} == {"Éditeur — Produit"}
    assert view.apply_button.isEnabled()


# --- targets -------------------------------------------------------------------------------------


def test_target_and_milestone_models_pass_the_model_tester(qtmodeltester, editor: Editor) -> None:
    view = TargetsView(editor)
    qtmodeltester.check(view.targets_model)
    view.add_milestone()
    qtmodeltester.check(view.milestones_model)
    view.deleteLater()


def _no_editor(qtbot, table: QTableView) -> None:
    """Wait until the last cell editor is gone (Qt deletes it on the next event loop turn)."""
    qtbot.waitUntil(lambda: table.findChild(QLineEdit) is None)


def _edit_cell(qtbot, table: QTableView, row: int, column: int, text: str) -> QLineEdit:
    _no_editor(qtbot, table)
    index = table.model().index(row, column)
    table.setCurrentIndex(index)
    table.edit(index)
    qtbot.waitUntil(lambda: table.findChild(QLineEdit) is not None)
    line = table.findChild(QLineEdit)
    assert line is not None
    line.selectAll()
    qtbot.keyClicks(line, text)
    return line


def test_typing_a_threshold_in_the_table(qtbot, editor: Editor) -> None:
    view = _show(qtbot, TargetsView(editor))
    line = _edit_cell(qtbot, view.targets_table, 1, 2, "abc")
    assert "pourcentage" in line.toolTip()  # checked as you type
    line.selectAll()
    qtbot.keyClicks(line, "70 %")
    assert line.toolTip() == ""
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.stack.count() == 1)
    assert _d(editor).usage_targets[1].threshold == percentage(70)
    assert view.targets_model.index(1, 2).data() == "70\u00a0%"
    editor.stack.undo()
    assert _d(editor).usage_targets[1].threshold is None
    assert view.targets_model.index(1, 2).data() == ""


def test_a_count_per_period_is_a_threshold_and_reads_back_unchanged(qtbot, editor: Editor) -> None:
    view = _show(qtbot, TargetsView(editor))
    line = _edit_cell(qtbot, view.targets_table, 1, 2, "1000 messages par mois")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.stack.count() == 1)
    expected = UsageThreshold(Decimal(1000), "messages", "mois")
    assert _d(editor).usage_targets[1].threshold == expected
    shown = view.targets_model.index(1, 2).data()
    assert shown == "1\u202f000 messages / mois"
    assert view.targets_model.setData(view.targets_model.index(1, 2), shown)  # F2, Enter
    assert _d(editor).usage_targets[1].threshold == expected and editor.stack.count() == 1


def test_a_refused_threshold_says_why_under_the_table(qtbot, editor: Editor) -> None:
    view = _show(qtbot, TargetsView(editor))
    refusal = view.refusals[id(view.targets_table)]
    assert refusal.isHidden()
    line = _edit_cell(qtbot, view.targets_table, 1, 2, "100")
    assert "unité" in line.toolTip() and "unité" in line.accessibleDescription()
    qtbot.keyClick(line, Qt.Key.Key_Return)
    _no_editor(qtbot, view.targets_table)
    assert _d(editor).usage_targets[1].threshold is None  # never silently « 100 % »
    assert editor.stack.count() == 0
    assert not refusal.isHidden()
    message = refusal.message()
    assert "« 100 »" in message or "“100”" in message
    assert "Seuil" in message or "Threshold" in message
    assert "row 2" in message or "ligne 2" in message
    assert "unité" in message
    line = _edit_cell(qtbot, view.targets_table, 1, 2, "100 messages / mois")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.stack.count() == 1)
    assert refusal.isHidden()  # the next accepted value clears the reason


def test_an_unreadable_threshold_is_refused_and_empty_means_not_set(editor: Editor) -> None:
    view = TargetsView(editor)
    index = view.targets_model.index(0, 2)
    assert not view.targets_model.setData(index, "120 %")
    assert not view.targets_model.setData(index, "120")
    assert view.targets_model.setData(index, "55,5 %")
    assert _d(editor).usage_targets[0].threshold == percentage(Decimal("55.5"))
    assert view.targets_model.setData(index, "")
    assert _d(editor).usage_targets[0].threshold is None
    view.deleteLater()


def test_add_and_remove_targets(qtbot, editor: Editor) -> None:
    view = _show(qtbot, TargetsView(editor))
    count = len(_d(editor).usage_targets)
    qtbot.mouseClick(view.add_target_button, Qt.MouseButton.LeftButton)
    assert len(_d(editor).usage_targets) == count + 1
    view.targets_table.selectRow(0)
    qtbot.mouseClick(view.remove_target_button, Qt.MouseButton.LeftButton)
    assert len(_d(editor).usage_targets) == count
    assert _d(editor).usage_targets[0].indicator == "Identités qualifiées avec l'INS"
    editor.stack.undo()
    assert _d(editor).usage_targets[0].indicator.startswith("Part des personnes")
    assert view.targets_model.rowCount() == count + 1


def test_milestone_with_a_strict_due_date(qtbot, editor: Editor) -> None:
    view = _show(qtbot, TargetsView(editor))
    qtbot.mouseClick(view.add_milestone_button, Qt.MouseButton.LeftButton)
    assert len(_d(editor).milestones) == 1
    assert _d(editor).milestones[0].label  # a placeholder name, never an empty row
    label = view.milestones_table.findChild(QLineEdit)  # the new row opens for typing its name
    assert label is not None
    label.selectAll()
    qtbot.keyClicks(label, "Choix de la solution")
    qtbot.keyClick(label, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _d(editor).milestones[0].label == "Choix de la solution")
    line = _edit_cell(qtbot, view.milestones_table, 0, 1, "2025-12-31")
    assert "jj/mm/aaaa" in line.toolTip()
    line.selectAll()
    qtbot.keyClicks(line, "31/12/2025")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _d(editor).milestones[0].due == date(2025, 12, 31))
    assert view.milestones_model.index(0, 1).data() == "31/12/2025"
    view.milestones_table.selectRow(0)
    qtbot.mouseClick(view.remove_milestone_button, Qt.MouseButton.LeftButton)
    assert _d(editor).milestones == ()
    editor.stack.undo()
    assert _d(editor).milestones[0].due == date(2025, 12, 31)


@pytest.mark.parametrize(
    ("text", "value"),
    [("", None), (" 01/02/2026 ", date(2026, 2, 1)), ("29/02/2024", date(2024, 2, 29))],
)
def test_due_dates_accepted(text: str, value: date | None) -> None:
    assert parse_due_date(text).value == value
    assert parse_due_date(text).ok


@pytest.mark.parametrize(
    "text", ["1/2/2026", "31/02/2025", "2026-02-01", "01/13/2026", "١٢/٠١/٢٠٢٦"]
)
def test_due_dates_refused(text: str) -> None:
    assert parse_due_date(text).problem


def test_threshold_parsing_keeps_empty_as_not_set() -> None:
    assert parse_threshold("  ") == Parsed(None)
    assert parse_threshold("80 %").value == percentage(80)
    assert parse_threshold("101 %").problem


def test_governance_typing_is_one_step(qtbot, editor: Editor) -> None:
    view = _show(qtbot, TargetsView(editor))
    view.governance_edit.setFocus()
    qtbot.keyClicks(view.governance_edit, "Comite mensuel")
    assert _d(editor).governance == "Comite mensuel"
    assert editor.stack.count() == 1
    editor.stack.undo()
    assert view.governance_edit.toPlainText() == ""


def test_attestations_are_check_boxes(qtbot, editor: Editor) -> None:
    view = _show(qtbot, TargetsView(editor))
    assert len(view.attestation_boxes) == len(_d(editor).attestations)
    first = view.attestation_boxes[0]
    qtbot.mouseClick(first.box, Qt.MouseButton.LeftButton)
    assert _d(editor).attestations[0].accepted
    qtbot.mouseClick(view.attestation_boxes[1].label, Qt.MouseButton.LeftButton)  # the text too
    assert _d(editor).attestations[1].accepted
    editor.stack.undo()
    editor.stack.undo()
    assert not any(a.accepted for a in _d(editor).attestations)
    assert not first.box.isChecked()


# --- self-assessment -----------------------------------------------------------------------------


def _answers(editor: Editor, scope: str = "grappe") -> dict[str, int]:
    for response in _d(editor).autodiagnostics:
        if response.scope == scope:
            return dict(response.answers)
    return {}


def test_questionnaire_is_shown_by_domain(qtbot, editor: Editor) -> None:
    view = _show(qtbot, AutodiagView(editor))
    assert view.questionnaire is not None
    # + the levels typed from MaturiN-SMS (hidden while answering) and the results
    assert view.domains.count() == len(view.questionnaire.domains) + 2
    assert len(view.rows) == view.questionnaire.question_count
    assert len(view.rows["gouv.1"].buttons) == 5
    assert len(view.rows["fonc.1"].buttons) == 3  # this question offers three answers
    assert view.rows["gouv.1"].help_label.text()
    assert view.progress.value() == 0
    assert view.progress.maximum() == view.questionnaire.question_count
    assert str(view.questionnaire.question_count) in view.progress_label.text()


def test_each_click_is_one_undo_step_and_undo_unchecks(qtbot, editor: Editor) -> None:
    view = _show(qtbot, AutodiagView(editor))
    row = view.rows["gouv.1"]
    qtbot.mouseClick(row.buttons[3], Qt.MouseButton.LeftButton)
    assert _answers(editor) == {"gouv.1": 3}
    qtbot.mouseClick(row.buttons[1], Qt.MouseButton.LeftButton)
    assert _answers(editor) == {"gouv.1": 1}
    assert editor.stack.count() == 2
    assert view.progress.value() == 1
    editor.stack.undo()
    assert row.buttons[3].isChecked()
    editor.stack.undo()
    assert _answers(editor) == {}
    assert row.value() is None
    assert not any(b.isChecked() for b in row.buttons.values())
    assert view.progress.value() == 0


def test_arrow_keys_move_within_a_question(qtbot, editor: Editor) -> None:
    view = _show(qtbot, AutodiagView(editor))
    row = view.rows["gouv.2"]
    qtbot.mouseClick(row.buttons[2], Qt.MouseButton.LeftButton)
    qtbot.keyClick(row.buttons[2], Qt.Key.Key_Right)
    assert _answers(editor) == {"gouv.2": 3}
    assert row.buttons[3].hasFocus()


def test_other_scopes_and_unknown_answers_are_kept(qtbot) -> None:
    other = AutodiagResponse("og:OG 2", MappingProxyType({"gouv.1": 4}))
    old = AutodiagResponse("grappe", MappingProxyType({"ancienne.question": 2}))
    editor = _editor(autodiagnostics=(other, old))
    view = _show(qtbot, AutodiagView(editor))
    assert view.ignored_warning.message()
    qtbot.mouseClick(view.rows["gouv.1"].buttons[0], Qt.MouseButton.LeftButton)
    assert _d(editor).autodiagnostics[0] == other
    assert _answers(editor) == {"ancienne.question": 2, "gouv.1": 0}


def test_scores_levels_and_recommendations(qtbot, editor: Editor) -> None:
    view = _show(qtbot, AutodiagView(editor))
    assert view.questionnaire is not None
    for question in view.questionnaire.domain("gouv").questions:
        view.rows[question.id].buttons[2].click()
    assert view.result is not None
    assert view.result.domain("gouv").score == 50
    assert "50" in view.overall_label.text()
    assert "50" in view.domains.item(0).text()
    assert "50" in view.chart.accessibleDescription()
    assert view.recommendations  # at least the project advice
    assert view.recommendations_label.text()


def test_apply_the_suggested_project_types_in_one_step(qtbot, editor: Editor) -> None:
    view = _show(qtbot, AutodiagView(editor))
    assert not view.apply_button.isEnabled()  # the current DUI is not known yet
    view.domains.setCurrentRow(1)
    qtbot.mouseClick(view.rows["fonc.1"].buttons[4], Qt.MouseButton.LeftButton)  # referenced
    assert view.apply_button.isEnabled()
    before = editor.stack.count()
    view.domains.setCurrentRow(view.domains.count() - 1)
    qtbot.mouseClick(view.apply_button, Qt.MouseButton.LeftButton)
    assert editor.stack.count() == before + 1
    assert {e.project for _o, e in _d(editor).grappe.rows()} == {ProjectType.CONFORMITE}
    assert not view.apply_button.isEnabled()
    editor.stack.undo()
    assert {e.project for _o, e in _d(editor).grappe.rows()} == {ProjectType.ACQUISITION}
    assert _answers(editor) == {"fonc.1": 4}


def test_next_button_moves_to_the_next_domain(qtbot, editor: Editor) -> None:
    view = _show(qtbot, AutodiagView(editor))
    qtbot.mouseClick(view.next_buttons[0], Qt.MouseButton.LeftButton)
    assert view.domains.currentRow() == 1
    assert view.pages.currentIndex() == 1


def test_porteur_tab_order_follows_reading_order(qtbot, editor: Editor) -> None:
    view = _show(qtbot, PorteurView(editor))
    expected = [*view.fields.values(), view.convention_set]
    expected[0].setFocus()
    seen = [QApplication.focusWidget()]
    for _ in expected[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == expected
    assert all(w.accessibleName() for w in expected)


def test_tab_goes_from_question_to_question(qtbot, editor: Editor) -> None:
    view = _show(qtbot, AutodiagView(editor))
    first, second = view.rows["gouv.1"], view.rows["gouv.2"]
    qtbot.mouseClick(first.buttons[2], Qt.MouseButton.LeftButton)
    assert first.buttons[2].hasFocus()
    qtbot.keyClick(first.buttons[2], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is second.buttons[0]
    editor.stack.undo()  # the answer goes: Tab now lands on the first answer again
    assert first.tab_stop() is first.buttons[0]
