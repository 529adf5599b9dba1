"""Issue 16: the project team (Porteur step) and the current value of each usage target,
driven through their widgets: one undo step per edit, undo shows the previous value again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox, QLineEdit, QTableView

from esms_desktop.domain.dossier import Dossier, TeamMember, TeamRole
from esms_desktop.services.session import DossierSession
from esms_desktop.ui.undo import Editor
from esms_desktop.ui.views.porteur_view import PorteurView
from esms_desktop.ui.views.targets_view import TargetsView
from tests.domain.builders import split_grappe


def _editor() -> Editor:
    dossier = Dossier(name="Test", campaign_id="amorcage-2021-t2", grappe=split_grappe(6, 2))
    return Editor(DossierSession(dossier, save=None), QUndoStack())


def _show(qtbot, view):
    qtbot.addWidget(view)
    view.resize(1366, 900)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    return view


def _open_editor(qtbot, table: QTableView, row: int, column: int, kind: type):
    qtbot.waitUntil(lambda: table.findChild(QLineEdit) is None)
    index = table.model().index(row, column)
    table.setCurrentIndex(index)
    table.edit(index)
    qtbot.waitUntil(lambda: table.findChild(kind) is not None)
    return table.findChild(kind)


def test_a_team_member_is_added_typed_given_a_role_and_removed(qtbot, qtmodeltester) -> None:
    editor = _editor()
    view = _show(qtbot, PorteurView(editor))
    qtmodeltester.check(view.team_model)
    qtbot.mouseClick(view.add_member_button, Qt.MouseButton.LeftButton)
    assert len(editor.session.dossier.team) == 1 and editor.stack.count() == 1
    line = view.team_table.findChild(QLineEdit)  # the name cell opens for typing
    assert line is not None
    line.selectAll()
    qtbot.keyClicks(line, "Mme Martin")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.stack.count() == 2)
    assert editor.session.dossier.team == (TeamMember("Mme Martin"),)

    combo = _open_editor(qtbot, view.team_table, 0, 1, QComboBox)
    assert combo.currentData() == TeamRole.REFERENT.value  # the combo starts on the role held
    combo.setCurrentIndex(combo.findData(TeamRole.INFORMATIQUE.value))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.stack.count() == 3)
    assert editor.session.dossier.team[0].role is TeamRole.INFORMATIQUE
    assert view.team_model.index(0, 1).data() == "IT lead"

    line = _open_editor(qtbot, view.team_table, 0, 4, QLineEdit)
    qtbot.keyClicks(line, "20 %")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.stack.count() == 4)
    assert editor.session.dossier.team[0].availability == "20 %"
    editor.stack.undo()
    assert editor.session.dossier.team[0].availability == ""
    assert view.team_model.index(0, 4).data() == ""

    view.team_table.selectRow(0)
    qtbot.mouseClick(view.remove_member_button, Qt.MouseButton.LeftButton)
    assert editor.session.dossier.team == ()
    editor.stack.undo()
    assert editor.session.dossier.team[0].name == "Mme Martin"


def test_a_refused_role_is_said_and_nothing_changes(qtbot) -> None:
    editor = _editor()
    view = _show(qtbot, PorteurView(editor))
    view.add_member()
    qtbot.waitUntil(lambda: view.team_table.findChild(QLineEdit) is not None)
    qtbot.keyClick(view.team_table.findChild(QLineEdit), Qt.Key.Key_Escape)
    assert not view.team_model.setData(view.team_model.index(0, 1), "stagiaire")
    assert editor.session.dossier.team[0].role is TeamRole.REFERENT
    assert view.team_model.setData(view.team_model.index(0, 1), "Expert métier")
    assert editor.session.dossier.team[0].role is TeamRole.METIER


def test_the_current_value_of_a_target_is_typed_beside_its_threshold(qtbot) -> None:
    editor = _editor()
    view = _show(qtbot, TargetsView(editor))
    model = view.targets_model
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Current value"
    line = _open_editor(qtbot, view.targets_table, 1, 3, QLineEdit)
    qtbot.keyClicks(line, "35 %")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.stack.count() == 1)
    assert editor.session.dossier.usage_targets[1].baseline == "35 %"
    assert model.index(1, 3).data() == "35 %"
    editor.stack.undo()
    assert editor.session.dossier.usage_targets[1].baseline == ""
    assert model.index(1, 3).data() == ""


def test_the_grid_shows_and_edits_the_core_services(qtbot) -> None:
    from esms_desktop.domain.grappe import CoreService
    from esms_desktop.ui.models.establishments import EstablishmentsModel

    editor = _editor()
    model = EstablishmentsModel(editor)
    column = model.column_of("core_services")
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Core services"
    index = model.index(0, column)
    assert model.index(0, column).data() == ""
    assert model.setData(index, "INS ; Mon espace santé")
    est = editor.session.dossier.grappe.organisations[0].establishments[0]
    assert est.core_services == frozenset({CoreService.DMP, CoreService.INS})
    assert index.data() == "DMP, INS" == index.data(Qt.ItemDataRole.EditRole)
    assert not model.setData(index, "DMP, fax")  # refused whole, the cell keeps its value
    assert index.data() == "DMP, INS" and editor.stack.count() == 1
    editor.stack.undo()
    assert index.data() == ""
