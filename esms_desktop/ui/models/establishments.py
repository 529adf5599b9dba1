"""Table model of every ESSMS of the grappe, editable in place, over the session's plain data.

The model never computes a rule: typed text is parsed by ``domain.edits``, the amount and the
findings come from the session's budget. Each edit is one undoable step (typing in the same cell
merges).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QApplication, QStyle

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.edits import parse_establishment_field, set_establishment, with_grappe
from esms_desktop.domain.fields import ESTABLISHMENT_BY_NAME
from esms_desktop.domain.findings import Severity
from esms_desktop.domain.finess_register import RegisterEntry, fill_from_register
from esms_desktop.domain.formatting import format_decimal, format_eur, format_pct
from esms_desktop.domain.grappe import DuiSituation, Establishment, ProjectType, services_text
from esms_desktop.domain.identifiers import check_finess
from esms_desktop.ui.undo import Editor

Index = QModelIndex | QPersistentModelIndex


def _t(text: str) -> str:
    return QCoreApplication.translate("EstablishmentsModel", text)


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    editable: bool = True


GRID_KEYS: tuple[str, ...] = (
    "finess",
    "name",
    "og",
    "category",
    "sector",
    "capacity",
    "project",
    "equipment",
    "eligible_hours_pct",
    "dui_solution",
    "current_dui",
    "core_services",
    "amount",
)
"""The grid's columns, left to right: fields of the table, and a few worked out for the view."""


def column_titles() -> dict[str, str]:
    """Every column title of the grid, by key: the one place they are spelt (and translated)."""
    return {
        "finess": _t("FINESS"),
        "name": _t("Name"),
        "og": _t("Organisation"),
        "category": _t("Category"),
        "sector": _t("Sector"),
        "capacity": _t("Capacity"),
        "project": _t("Project"),
        "equipment": _t("Equipment"),
        "eligible_hours_pct": _t("Eligible hours"),
        "dui_solution": _t("DUI solution"),
        "current_dui": _t("Current DUI"),
        "core_services": _t("Core services"),
        "amount": _t("Amount"),
    }


def columns() -> tuple[Column, ...]:
    """The grid's columns; a field of the table (:mod:`esms_desktop.domain.fields`) is editable,
    a column the view works out (OG, sector, amount) is not."""
    shown = column_titles()
    return tuple(Column(key, shown[key], key in ESTABLISHMENT_BY_NAME) for key in GRID_KEYS)


def project_label(project: ProjectType) -> str:
    return {
        ProjectType.ACQUISITION: _t("Acquisition"),
        ProjectType.CONFORMITE: _t("Compliance upgrade"),
        ProjectType.AUCUN: _t("None"),
    }[project]


def situation_label(situation: DuiSituation) -> str:
    return {
        DuiSituation.INCONNUE: _t("Unknown"),
        DuiSituation.AUCUN: _t("No DUI"),
        DuiSituation.NON_REFERENCE: _t("Not Ségur-referenced"),
        DuiSituation.REFERENCE: _t("Ségur-referenced"),
    }[situation]


class EstablishmentsModel(QAbstractTableModel):
    def __init__(
        self, editor: Editor, lookup: Callable[[str], RegisterEntry | None] | None = None
    ) -> None:
        super().__init__()
        self._editor = editor
        self._lookup = lookup
        self._columns = columns()
        self._rows = self._index_rows(editor.session.dossier)
        editor.session.subscribe(self._dossier_changed)

    # --- structure ------------------------------------------------------------------------

    @staticmethod
    def _index_rows(dossier: Dossier) -> list[tuple[int, int]]:
        return [
            (oi, ei)
            for oi, og in enumerate(dossier.grappe.organisations)
            for ei in range(len(og.establishments))
        ]

    def _dossier_changed(self, dossier: Dossier) -> None:
        rows = self._index_rows(dossier)
        if rows != self._rows:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
        elif rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(rows) - 1, len(self._columns) - 1)
            )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._columns)

    def column_key(self, column: int) -> str:
        return self._columns[column].key

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self._columns) if c.key == key)

    def position(self, row: int) -> tuple[int, int]:
        """(OG index, ESSMS index) of a table row."""
        return self._rows[row]

    def row_of(self, og_index: int, est_index: int) -> int:
        return self._rows.index((og_index, est_index))

    def establishment(self, row: int) -> Establishment:
        oi, ei = self._rows[row]
        return self._editor.session.dossier.grappe.organisations[oi].establishments[ei]

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section].title
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._columns[index.column()].editable:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    # --- data -----------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        key = self._columns[index.column()].key
        est = self.establishment(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(key, index.row(), est)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_text(key, est)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(key, est)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._decoration(key, est)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in (
            "capacity",
            "amount",
            "eligible_hours_pct",
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return self._sort_key(key, index.row(), est)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self._columns[index.column()].title} : {self._display(key, index.row(), est)}"
        return None

    def _display(self, key: str, row: int, est: Establishment) -> str:
        session = self._editor.session
        if key == "og":
            return session.dossier.grappe.organisations[self._rows[row][0]].name
        if key == "category":
            return category_label(est.category)
        if key == "sector":
            return _category(est.category).sector.label
        if key == "capacity":
            return "" if est.capacity is None else str(est.capacity)
        if key == "project":
            return project_label(est.project)
        if key == "equipment":
            return _t("Yes") if est.equipment else _t("No")
        if key == "eligible_hours_pct":
            return format_pct(est.eligible_hours_pct)
        if key == "current_dui":
            return situation_label(est.current_dui)
        if key == "core_services":
            return services_text(est.core_services)
        if key == "amount":
            budget = session.budget.establishments[row]
            if not budget.counted:
                return _t("Not counted")
            if not budget.funded:
                return _t("Not funded")
            return format_eur(budget.amount, missing=_t("to be filled in"))
        return str(getattr(est, key))

    @staticmethod
    def _edit_text(key: str, est: Establishment) -> str:
        value = getattr(est, key, "")
        if key == "project":
            return est.project.value
        if key == "current_dui":
            return est.current_dui.value
        if key == "core_services":
            return services_text(est.core_services)  # « DMP, MSS, INS »: what the parser reads
        if key == "equipment":
            return "oui" if value else "non"
        if key == "capacity":
            return "" if value is None else str(value)
        if key == "eligible_hours_pct":
            return format_decimal(est.eligible_hours_pct)  # « 70 », never « 7E+1 »
        return str(value)

    def _sort_key(self, key: str, row: int, est: Establishment) -> Any:
        if key == "capacity":
            return est.capacity if est.capacity is not None else -1
        if key == "eligible_hours_pct":
            return float(est.eligible_hours_pct)
        if key == "amount":
            amount = self._editor.session.budget.establishments[row].amount
            return float(amount) if amount is not None else -1.0
        return self._display(key, row, est).casefold()

    def _findings(self, est: Establishment) -> list[str]:
        budget = self._editor.session.budget
        return [f.message for f in budget.findings if f.finess and f.finess == est.finess]

    def _tooltip(self, key: str, est: Establishment) -> str | None:
        if key == "finess":
            problem = check_finess(est.finess).problem
            if problem:
                return problem
        if key == "amount":
            row = self._rows.index(self._position_of(est))
            eb = self._editor.session.budget.establishments[row]
            lines = [f"{ln.label} : {format_eur(ln.amount)}\n  {ln.rule}" for ln in eb.lines]
            if eb.reason:
                lines.append(eb.reason)
            return "\n".join(lines) or None
        messages = self._findings(est)
        return "\n".join(messages) if messages and key in ("name", "category") else None

    def _position_of(self, est: Establishment) -> tuple[int, int]:
        for oi, og in enumerate(self._editor.session.dossier.grappe.organisations):
            for ei, e in enumerate(og.establishments):
                if e is est:
                    return (oi, ei)
        raise LookupError(est.finess)

    def _decoration(self, key: str, est: Establishment) -> Any:
        style = QApplication.style()
        if key == "finess" and not check_finess(est.finess).ok:
            return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        if key == "name":
            budget = self._editor.session.budget
            severities = {f.severity for f in budget.findings if f.finess == est.finess}
            if Severity.BLOQUANT in severities:
                return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
            if Severity.AVERTISSEMENT in severities:
                return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return None

    # --- editing --------------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = self._columns[index.column()]
        if not column.editable:
            return False
        parsed = parse_establishment_field(column.key, str(value))
        if parsed.value is None and parsed.problem:
            return False  # nothing usable typed: keep the cell as it was
        oi, ei = self._rows[index.row()]
        dossier = self._editor.session.dossier
        changes = {column.key: parsed.value}
        if column.key == "finess" and parsed.ok and self._lookup is not None:
            entry = self._lookup(parsed.value)
            if entry is not None:
                changes.update(
                    fill_from_register(self.establishment(index.row()), entry, placeholder_names())
                )
        grappe = set_establishment(dossier.grappe, oi, ei, **changes)
        self._editor.apply(
            with_grappe(dossier, grappe),
            _t("Edit %1 of %2").replace("%1", column.title).replace("%2", str(parsed.value)),
        )
        return True


def placeholder_names() -> set[str]:
    """Names a row has before the user types one (filled from the register when found)."""
    from PySide6.QtCore import QCoreApplication as App

    return {"", App.translate("GrappeView", "New establishment"), "New establishment"}


def _category(code: str):  # noqa: ANN202 - Category, imported lazily from the service
    from esms_desktop.services.catalog import nomenclature

    return nomenclature().get(code)


def category_label(code: str) -> str:
    """What a table shows for a category code: « 246 — Établissement et service d'aide par le
    travail », the code alone only when the nomenclature does not know it."""
    category = _category(code)
    return category.display if category.label else code
