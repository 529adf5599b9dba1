"""List model of the eligibility findings, most serious first, refreshed after every edit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyle

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.findings import Finding, Severity
from esms_desktop.services.session import DossierSession

Index = QModelIndex | QPersistentModelIndex
ORDER = {Severity.BLOQUANT: 0, Severity.AVERTISSEMENT: 1, Severity.INFO: 2}
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1


def severity_icon(severity: Severity) -> Any:
    pix = {
        Severity.BLOQUANT: QStyle.StandardPixmap.SP_MessageBoxCritical,
        Severity.AVERTISSEMENT: QStyle.StandardPixmap.SP_MessageBoxWarning,
        Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
    }[severity]
    return QApplication.style().standardIcon(pix)


class FindingsModel(QAbstractListModel):
    def __init__(
        self,
        session: DossierSession,
        keep: Callable[[Finding], bool] = lambda f: True,
    ) -> None:
        super().__init__()
        self._session = session
        self._keep = keep
        self._items = self._collect()
        session.subscribe(self._refresh)

    def _collect(self) -> list[Finding]:
        found = [f for f in self._session.budget.findings if self._keep(f)]
        return sorted(found, key=lambda f: ORDER[f.severity])

    def _refresh(self, _dossier: Dossier) -> None:
        self.beginResetModel()
        self._items = self._collect()
        self.endResetModel()

    def finding(self, row: int) -> Finding:
        return self._items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._items):
            return None
        f = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f.message
        if role == Qt.ItemDataRole.DecorationRole:
            return severity_icon(f.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{f.severity.label} — {f.rule}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{f.severity.label} : {f.message}"
        if role == FINDING_ROLE:
            return f
        return None
