"""Typing an amount in the budget's campaign values through the keyboard, then clicking another
cell: the amount is kept, and Qt has nothing to complain about (it once logged « commitData
called with an editor that does not belong to this view », which fails any test here)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from esms_desktop.ui.undo import Editor
from esms_desktop.ui.views.budget_view import BudgetView


def _editing_line(view: BudgetView) -> QLineEdit | None:
    line = view.values_table.viewport().findChild(QLineEdit)
    return line if line is not None and line.isVisible() else None


def test_an_amount_typed_then_another_cell_clicked(qtbot, editor: Editor) -> None:
    d = editor.session.dossier
    editor.session.replace(replace(d, campaign_id="generalisation-2023"))
    view = BudgetView(editor)
    qtbot.addWidget(view)
    view.resize(1366, 720)
    view.show()
    with qtbot.waitActive(view):
        view.activateWindow()
    table = view.values_table
    model = view.values_model
    row = next(r for r in range(model.rowCount()) if model.rows[r].name == "acquisition")
    table.setFocus()
    table.setCurrentIndex(model.index(row, 1))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: _editing_line(view) is not None)
    line = _editing_line(view)
    assert line is not None
    line.selectAll()
    qtbot.keyClicks(line, "20000")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.session.dossier.overrides.get("acquisition") is not None)
    other = model.index((row + 1) % model.rowCount(), 1)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(other).center()
    )
    qtbot.waitUntil(lambda: table.currentIndex().row() == other.row())
    # A second edit, left by a click rather than Return: kept as well.
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: _editing_line(view) is not None)
    line = _editing_line(view)
    assert line is not None
    line.selectAll()
    qtbot.keyClicks(line, "1234")
    first = model.index(row, 0)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(first).center()
    )
    qtbot.waitUntil(lambda: len(editor.session.dossier.overrides) == 2)
    assert editor.session.dossier.overrides["acquisition"] == Decimal("20000.00")
    assert Decimal("1234.00") in editor.session.dossier.overrides.values()
