"""Cell editors that check as you type: the problem shows as an icon and tooltip in the editor.

No colours are hard-coded (the system palette, light or dark, stays in charge); a warning icon
and an accessible description carry the message instead. A value the model refuses when the
editor closes is announced by :attr:`CheckingDelegate.refused`, so the view can say why under
the table: a cell that silently goes back to its old value looks like a lost keystroke.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from esms_desktop.domain.edits import Parsed

Index = QModelIndex | QPersistentModelIndex
Choices = Callable[[], list[tuple[str, str]]]


class CheckedLineEdit(QLineEdit):
    """A line edit that shows the parser's French problem as you type (icon, tooltip)."""

    def __init__(
        self, parser: Callable[[str], Parsed] | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._parser = parser
        icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._warning = QAction(icon, "", self)
        self.addAction(self._warning, QLineEdit.ActionPosition.TrailingPosition)
        self._warning.setVisible(False)
        if parser is not None:
            self.textChanged.connect(self._check)

    @property
    def problem(self) -> str:
        return self.toolTip()

    def _check(self, text: str) -> None:
        assert self._parser is not None
        problem = self._parser(text).problem
        self._warning.setVisible(bool(problem))
        self._warning.setToolTip(problem)
        self.setToolTip(problem)
        self.setAccessibleDescription(problem)


class CheckingDelegate(QStyledItemDelegate):
    """Line edits checked by ``parsers[column key]``; combo boxes for ``choices[column key]``.

    ``refused`` carries a French sentence naming the value, the column, the row and the reason
    when the model refuses what was typed, and an empty text when the next edit is accepted.
    """

    refused = Signal(str)

    def __init__(
        self,
        key_of: Callable[[int], str],
        parsers: Mapping[str, Callable[[str], Parsed]],
        choices: dict[str, Choices],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._key_of = key_of
        self._parsers = parsers
        self._choices = choices

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        key = self._key_of(index.column())
        if key in self._choices:
            combo = QComboBox(parent)
            for value, label in self._choices[key]():
                combo.addItem(label, value)
            combo.setAccessibleName(
                str(index.model().headerData(index.column(), Qt.Orientation.Horizontal))
            )
            return combo
        edit = CheckedLineEdit(self._parsers.get(key), parent)
        edit.setAccessibleName(
            str(index.model().headerData(index.column(), Qt.Orientation.Horizontal))
        )
        return edit

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            at = editor.findData(value)
            editor.setCurrentIndex(max(at, 0))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: Index
    ) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            text = editor.text()
            if model.setData(index, text, Qt.ItemDataRole.EditRole):
                self.refused.emit("")
                return
            parser = self._parsers.get(self._key_of(index.column()))
            reason = parser(text).problem if parser is not None else ""
            column = str(model.headerData(index.column(), Qt.Orientation.Horizontal))
            self.refused.emit(
                self.tr("“%1” was not kept (%2, row %3): %4. The cell keeps its previous value.")
                .replace("%1", text.strip())
                .replace("%2", column)
                .replace("%3", str(index.row() + 1))
                .replace("%4", reason or self.tr("this value cannot be used here"))
            )
