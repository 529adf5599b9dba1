"""Grappe and budget steps driven through their widgets, models checked by qtmodeltester."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from esms_desktop.ui.import_wizard import merge_grappes
from esms_desktop.ui.models.budget import (
    BudgetEstablishmentsModel,
    CampaignValuesModel,
    TranchesModel,
)
from esms_desktop.ui.models.establishments import EstablishmentsModel
from esms_desktop.ui.models.findings import FindingsModel
from esms_desktop.ui.models.organisations import OrganisationsModel
from esms_desktop.ui.undo import Editor
from esms_desktop.ui.views.budget_view import BudgetView
from esms_desktop.ui.views.grappe_view import GrappeView


def test_models_pass_qtmodeltester(qtmodeltester, editor: Editor) -> None:
    for model in (
        EstablishmentsModel(editor),
        OrganisationsModel(editor),
        FindingsModel(editor.session),
        CampaignValuesModel(editor),
        BudgetEstablishmentsModel(editor.session),
        TranchesModel(editor.session),
    ):
        qtmodeltester.check(model)


def _cell(view: GrappeView, row: int, key: str):
    source = view.essms_model.index(row, view.essms_model.column_of(key))
    return view.proxy.mapFromSource(source)


def test_typing_a_wrong_finess_key_then_fixing_it(qtbot, editor: Editor) -> None:
    view = GrappeView(editor)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitActive(view):
        view.activateWindow()
    index = _cell(view, 0, "finess")
    view.table.setCurrentIndex(index)
    view.table.edit(index)
    qtbot.waitUntil(lambda: view.table.findChild(QLineEdit) is not None)
    line = view.table.findChild(QLineEdit)
    assert line is not None
    line.selectAll()
    qtbot.keyClicks(line, "590050077")
    assert "clé" in line.toolTip()  # checked as you type
    qtbot.keyClick(line, Qt.Key.Key_Return)  # the view commits on its next event loop turn
    qtbot.waitUntil(lambda: editor.stack.count() == 1)
    assert editor.session.dossier.grappe.organisations[0].establishments[0].finess == "590050077"
    assert editor.session.budget.counted_establishments == 14
    assert any(f.code == "finess_invalide" for f in editor.session.budget.findings)
    assert editor.saved[-1].grappe.organisations[0].establishments[0].finess == "590050077"
    editor.stack.undo()
    assert editor.session.budget.counted_establishments == 15
    assert view.essms_model.data(index_of(view, 0, "finess")) == "590050076"
    editor.stack.redo()
    assert view.essms_model.data(index_of(view, 0, "finess")) == "590050077"


def index_of(view: GrappeView, row: int, key: str):
    return view.essms_model.index(row, view.essms_model.column_of(key))


def test_add_and_remove_rows_are_undoable(qtbot, editor: Editor) -> None:
    view = GrappeView(editor)
    qtbot.addWidget(view)
    before = editor.session.dossier.grappe.establishment_count
    view.og_table.selectRow(1)
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    assert editor.session.dossier.grappe.establishment_count == before + 1
    assert len(editor.session.dossier.grappe.organisations[1].establishments) == 7
    view.table.clearSelection()
    view.table.selectRow(0)
    qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)
    assert editor.session.dossier.grappe.establishment_count == before
    editor.stack.undo()
    editor.stack.undo()
    assert editor.session.dossier.grappe.establishment_count == before
    assert len(editor.session.dossier.grappe.organisations[1].establishments) == 6


def test_filter_and_finding_selects_the_row(qtbot, editor: Editor) -> None:
    view = GrappeView(editor)
    qtbot.addWidget(view)
    qtbot.keyClicks(view.filter_edit, "USLD")
    assert view.proxy.rowCount() == 1
    view.filter_edit.clear()
    row = next(
        r
        for r in range(view.findings_model.rowCount())
        if view.findings_model.finding(r).code == "categorie_usld"
    )
    view._show_finding(view.findings_model.index(row))
    current = view.proxy.mapToSource(view.table.currentIndex()).row()
    assert view.essms_model.establishment(current).category == "362"


def test_budget_view_updates_when_a_value_is_typed(qtbot, editor: Editor) -> None:
    from dataclasses import replace

    d = editor.session.dossier
    editor.session.replace(replace(d, campaign_id="generalisation-2023"))
    view = BudgetView(editor)
    qtbot.addWidget(view)
    assert "0" in view.total_label.text()
    row = next(
        r
        for r in range(view.values_model.rowCount())
        if view.values_model.rows[r].name == "acquisition"
    )
    view.values_model.setData(view.values_model.index(row, 1), "20 000")
    assert editor.session.dossier.overrides["acquisition"] == Decimal("20000.00")
    assert "20\u202f000" in view.values_model.data(view.values_model.index(row, 1))
    assert editor.session.budget.total > 0
    editor.stack.undo()
    assert "acquisition" not in editor.session.dossier.overrides


def test_merge_grappes_adds_new_rows_only(editor: Editor) -> None:
    g = editor.session.dossier.grappe
    merged = merge_grappes(g, g)
    assert merged == g
