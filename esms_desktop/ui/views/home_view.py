"""Home: the list of dossiers with create, open, duplicate, rename and delete."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
    SignalInstance,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from esms_desktop.domain.completeness import Readiness
from esms_desktop.domain.formatting import format_eur
from esms_desktop.ui.dossier_view import repair_label, verdict_label

Index = QModelIndex | QPersistentModelIndex


class Summary(Protocol):
    id: int
    name: str
    campaign_id: str
    establishment_count: int
    updated: datetime | None


def _campaign(s: Any) -> str:
    """The campaign's title people read; its identifier when this folder does not have it."""
    return getattr(s, "campaign_title", "") or s.campaign_id


def _verdict(s: Any) -> str:
    """Both verdicts of a home line (eligible / complete / missing count), « — » if unknown, or
    « À réparer » for a dossier with problems (it is judged on nothing)."""
    if getattr(s, "problem_count", 0):
        return repair_label()
    eligible = getattr(s, "eligible", None)
    complete = getattr(s, "complete", None)
    if eligible is None or complete is None:
        return "—"
    readiness = Readiness(eligible, complete, getattr(s, "missing_count", 0), s.establishment_count)
    return verdict_label(readiness)


class DossiersModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def summary(self, row: int) -> Any:
        return self._rows[row]

    def titles(self) -> tuple[str, ...]:
        return (
            self.tr("Name"),
            self.tr("Campaign"),
            self.tr("ESSMS"),
            self.tr("Total"),
            self.tr("Last change"),
            self.tr("Verdict"),
        )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 6

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.titles()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        s = self._rows[index.row()]
        col = index.column()
        total = getattr(s, "total", None)
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return s.name
            if col == 1:
                return _campaign(s)
            if col == 2:
                return str(s.establishment_count)
            if col == 3:
                return format_eur(total, missing="—")
            if col == 4:
                return s.updated.strftime("%d/%m/%Y %H:%M") if s.updated else ""
            return _verdict(s)
        if role == Qt.ItemDataRole.UserRole:
            return (
                s.name.casefold(),
                _campaign(s).casefold(),
                s.establishment_count,
                float(total) if total is not None else -1.0,
                s.updated.isoformat() if s.updated else "",
                _verdict(s),
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 1:
            return s.campaign_id  # the identifier the command line and exchange files use
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class HomeView(QWidget):
    open_requested = Signal(int)
    new_requested = Signal()
    duplicate_requested = Signal(int)
    rename_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DossiersModel()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<h2>Your candidature dossiers</h2>")))
        intro = QLabel(
            self.tr(
                "Each dossier is one candidature to an ESMS numérique call. Everything you type is "
                "saved at once on this computer; automatic backups are kept."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        bar = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&New dossier…"))
        self.open_button = QPushButton(self.tr("&Open"))
        self.duplicate_button = QPushButton(self.tr("D&uplicate"))
        self.rename_button = QPushButton(self.tr("&Rename…"))
        self.delete_button = QPushButton(self.tr("&Delete…"))
        for b in (
            self.new_button,
            self.open_button,
            self.duplicate_button,
            self.rename_button,
            self.delete_button,
        ):
            bar.addWidget(b)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = QTableView()
        self.table.setObjectName("home.dossiers")  # its columns kept (view_state)
        self.table.setAccessibleName(self.tr("Dossiers"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Name, campaign, ESSMS, total, last change; the verdict takes the rest. The date column
        # is as wide as its French title (« Dernière modification »), which was cut at 100 px.
        header = self.table.horizontalHeader()
        for column, width in enumerate((330, 180, 70, 120)):
            self.table.setColumnWidth(column, width)
        title = str(self.table.model().headerData(4, Qt.Orientation.Horizontal))
        self.table.setColumnWidth(4, header.fontMetrics().horizontalAdvance(title) + 40)
        layout.addWidget(self.table, 1)
        self.empty_label = QLabel(
            self.tr("No dossier yet: click “New dossier…” to start a candidature.")
        )
        layout.addWidget(self.empty_label)

        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(lambda: self._emit(self.open_requested))
        self.duplicate_button.clicked.connect(lambda: self._emit(self.duplicate_requested))
        self.rename_button.clicked.connect(lambda: self._emit(self.rename_requested))
        self.delete_button.clicked.connect(lambda: self._emit(self.delete_requested))
        self.table.activated.connect(lambda _i: self._emit(self.open_requested))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def set_dossiers(self, rows: Sequence[Any], select_id: int | None = None) -> None:
        self.model.set_rows(rows)
        self.empty_label.setVisible(not rows)
        target = 0
        for r in range(self.proxy.rowCount()):
            src = self.proxy.mapToSource(self.proxy.index(r, 0)).row()
            if select_id is not None and self.model.summary(src).id == select_id:
                target = r
        if rows:
            self.table.selectRow(target)
        self._update_buttons()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.summary(self.proxy.mapToSource(rows[0]).row()).id

    def _emit(self, signal: SignalInstance) -> None:
        dossier_id = self.selected_id()
        if dossier_id is not None:
            signal.emit(dossier_id)

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        for b in (self.open_button, self.duplicate_button, self.rename_button, self.delete_button):
            b.setEnabled(has)
