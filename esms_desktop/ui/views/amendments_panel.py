"""The amendments (avenants) of a filed candidature, in the follow-up step.

An amendment is made by editing a filed step and accepting the question
(:mod:`esms_desktop.ui.filed_guard`) or by merging a partner's grappe into a filed dossier; it
is agreed with the ARS. This panel lists them, date, what changed (one line per change) and
the note; only the note is edited here (its reference at the ARS, its reason), one undo step
each, through :func:`~esms_desktop.domain.follow_up_edits.set_amendment_note`.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.follow_up import Amendment
from esms_desktop.domain.follow_up_edits import set_amendment_note
from esms_desktop.domain.formatting import format_date
from esms_desktop.ui.undo import Editor

_Index = QModelIndex | QPersistentModelIndex
DATE, CHANGES, NOTE = range(3)


class AmendmentsModel(QAbstractTableModel):
    """One row per amendment, oldest first (the dossier's order); the note is editable."""

    def __init__(self, editor: Editor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.amendments: tuple[Amendment, ...] = ()

    def show(self, amendments: tuple[Amendment, ...]) -> None:
        if amendments == self.amendments:
            return
        self.beginResetModel()
        self.amendments = amendments
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's
        return 0 if parent.isValid() else len(self.amendments)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's
        return 0 if parent.isValid() else 3

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is not Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Date"), self.tr("What changed"), self.tr("Reference or reason"))[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        amendment = self.amendments[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == DATE:
                return format_date(amendment.made_on)
            if index.column() == CHANGES:
                return "\n".join(amendment.changes)
            return amendment.note
        if role == Qt.ItemDataRole.EditRole and index.column() == NOTE:
            return amendment.note
        if role == Qt.ItemDataRole.AccessibleTextRole and index.column() == CHANGES:
            return "; ".join(amendment.changes)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == NOTE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(  # noqa: N802 - Qt's name
        self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != NOTE:
            return False
        note = str(value).strip()
        if note == self.amendments[index.row()].note:
            return False
        dossier = self.editor.session.dossier
        self.editor.apply(
            set_amendment_note(dossier, index.row(), note),
            self.tr("Note of the amendment of %1").replace(
                "%1", format_date(self.amendments[index.row()].made_on)
            ),
        )
        return True


class AmendmentsPanel(QGroupBox):
    """« Avenants »: the table, or a sentence saying what an amendment is when there is none.

    The follow-up view calls :meth:`show_dossier` at every change of the dossier.
    """

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Amendments"))
        self.model = AmendmentsModel(editor, self)
        layout = QVBoxLayout(self)
        self.empty = QLabel(
            self.tr(
                "No amendment. An amendment (avenant) is a change of the filed candidature to "
                "agree with your ARS; it is created by editing a filed step (grappe, budget, "
                "porteur, commitments) and accepting to record the change, with its date."
            )
        )
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Amendments"))
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CHANGES, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(NOTE, 240)
        self.table.setMinimumHeight(90)
        self.table.setMaximumHeight(220)
        layout.addWidget(self.table)
        self.setFocusProxy(self.table)
        self.show_dossier(editor.session.dossier)

    def show_dossier(self, dossier: Dossier) -> None:
        amendments = dossier.follow_up.amendments
        self.model.show(amendments)
        self.empty.setVisible(not amendments)
        self.table.setVisible(bool(amendments))
