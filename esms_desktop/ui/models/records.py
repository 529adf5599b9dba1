"""A table over a tuple field of the dossier (usage targets, milestones…), edited in place.

Each column says how to show and parse its field, so the model never holds a rule of its own; a
value that cannot be read is refused (the delegate then says why under the table).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.edits import Parsed
from esms_desktop.ui.undo import Editor

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Column:
    """One column: the item's attribute, its title, how to parse typed text and show a value."""

    key: str
    title: str
    parse: Callable[[str], Parsed]
    show: Callable[[Any], str] = lambda v: "" if v is None else str(v)
    tooltip: str = ""
    edit: Callable[[Any], str] | None = None
    """The cell's edit text when it is not what ``show`` gives (a choice column's stored value,
    which its combo box finds)."""


class RecordsModel(QAbstractTableModel):
    """Rows of ``getattr(dossier, field)`` (a tuple of frozen dataclasses), editable in place.

    Each cell edit is one undo step; editing the same cell again straight away merges into it.
    """

    def __init__(
        self,
        editor: Editor,
        field: str,
        columns: tuple[Column, ...],
        undo_text: str,
    ) -> None:
        super().__init__()
        self._editor = editor
        self.field = field
        self.columns = columns
        self._undo_text = undo_text
        self._shown: tuple[Any, ...] = self.items()
        self._count = len(self._shown)
        editor.session.subscribe(self._dossier_changed)

    def items(self, dossier: Dossier | None = None) -> tuple[Any, ...]:
        return getattr(dossier or self._editor.session.dossier, self.field)

    def column_key(self, column: int) -> str:
        return self.columns[column].key

    def _dossier_changed(self, dossier: Dossier) -> None:
        items = self.items(dossier)
        if items is self._shown:  # another part of the dossier changed: nothing to redraw
            return
        self._shown = items
        count = len(items)
        if count != self._count:
            self.beginResetModel()
            self._count = count
            self.endResetModel()
        elif count:
            self.dataChanged.emit(self.index(0, 0), self.index(count - 1, len(self.columns) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].title
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.columns[section].tooltip or None
            return None
        return section + 1 if role == Qt.ItemDataRole.DisplayRole else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._count:
            return None
        column = self.columns[index.column()]
        value = getattr(self.items()[index.row()], column.key)
        if role == Qt.ItemDataRole.EditRole and column.edit is not None:
            return column.edit(value)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return column.show(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.show(value) or None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = self.columns[index.column()]
        parsed = column.parse(str(value))
        if parsed.problem:
            return False
        items = self.items()
        row = index.row()
        if getattr(items[row], column.key) == parsed.value:
            return True
        changed = replace(items[row], **{column.key: parsed.value})
        dossier = self._editor.session.dossier
        self._editor.apply(
            self._with_items(dossier, (*items[:row], changed, *items[row + 1 :])),
            self._undo_text,
            merge_key=f"{self.field}:{row}:{column.key}",
        )
        return True

    def append(self, item: Any, undo_text: str) -> int:
        """Add ``item`` at the end in one undo step; return its row."""
        dossier = self._editor.session.dossier
        items = self.items()
        self._editor.apply(self._with_items(dossier, (*items, item)), undo_text)
        return len(items)

    def remove_rows(self, rows: list[int], undo_text: str) -> None:
        """Remove ``rows`` in one undo step."""
        gone = set(rows)
        items = self.items()
        kept = tuple(item for i, item in enumerate(items) if i not in gone)
        if len(kept) == len(items):
            return
        dossier = self._editor.session.dossier
        self._editor.apply(self._with_items(dossier, kept), undo_text)

    def _with_items(self, dossier: Dossier, items: tuple[Any, ...]) -> Dossier:
        changes: dict[str, Any] = {self.field: items}  # the field is chosen at construction
        return replace(dossier, **changes)
