"""Read-only table models over the session's budget, and the editable campaign values."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from esms_desktop.domain.budget import BudgetLine, EstablishmentBudget, TrancheAmount
from esms_desktop.domain.campaign import CampaignValue, ValueStatus
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.formatting import format_eur, format_pct
from esms_desktop.domain.parsing import (
    AMOUNT_EXPECTED,
    AMOUNT_POSITIVE,
    AMOUNT_TOO_LARGE,
    Parsed,
    parse_money,
)
from esms_desktop.services.assessment import effective_campaign
from esms_desktop.services.session import DossierSession
from esms_desktop.ui.undo import Editor

Index = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _t(text: str) -> str:
    return QCoreApplication.translate("BudgetModels", text)


def status_label(status: ValueStatus) -> str:
    return {
        ValueStatus.SEED: _t("founding documents"),
        ValueStatus.OK: _t("public source"),
        ValueStatus.A_CONFIRMER: _t("to be confirmed with your ARS"),
        ValueStatus.SAISI: _t("entered by you"),
    }[status]


def parse_amount(text: str) -> Parsed:
    """The domain's :func:`parse_money`, its problem in the interface's language (the editor's
    warning); the value is the domain's, rounded half up to the cent as on the command line."""
    parsed = parse_money(text)
    translated = {
        AMOUNT_EXPECTED: _t("an amount in euros is expected"),
        AMOUNT_POSITIVE: _t("a positive amount in euros is expected"),
        AMOUNT_TOO_LARGE: _t("implausible amount: 100,000,000 € at most"),
    }
    return replace(parsed, problem=translated.get(parsed.problem, parsed.problem))


class _SessionTable(QAbstractTableModel):
    """Rebuilds its rows from the session after every change (cheap at our sizes).

    When the rows are the same ones (same :meth:`row_key` in the same order) only their data
    changed: the model says so instead of resetting. A reset inside ``setData`` (typing an
    amount recomputes the budget) dropped the cell's editor from its view while the view was
    still committing it — Qt's « commitData called with an editor that does not belong to this
    view » — and lost the selection at each keystroke elsewhere.
    """

    def __init__(self, session: DossierSession) -> None:
        super().__init__()
        self.session = session
        self.rows: Sequence[Any] = self.collect()
        session.subscribe(self._changed)

    def collect(self) -> Sequence[Any]:
        raise NotImplementedError

    def titles(self) -> Sequence[str]:
        raise NotImplementedError

    def row_key(self, row: Any) -> object:
        """What identifies a row across recomputations; ``None``: rows are always new."""
        return None

    def _changed(self, _dossier: Dossier) -> None:
        rows = self.collect()
        keys = [self.row_key(r) for r in rows]
        if rows and None not in keys and keys == [self.row_key(r) for r in self.rows]:
            self.rows = rows
            last = self.index(len(rows) - 1, len(self.titles()) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.titles())

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.titles()[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None


class CampaignValuesModel(_SessionTable):
    """The campaign's amounts; those "à confirmer" can be typed in (they become overrides)."""

    def __init__(self, editor: Editor) -> None:
        self.editor = editor
        super().__init__(editor.session)

    def collect(self) -> Sequence[CampaignValue]:
        d = self.session.dossier
        return tuple(effective_campaign(d.campaign_id, d.overrides).values.values())

    def row_key(self, row: Any) -> object:
        return row.name

    def titles(self) -> Sequence[str]:
        return (_t("Value"), _t("Amount incl. VAT"), _t("Status"), _t("Source"))

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 1:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        v: CampaignValue = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return v.label
            if col == 1:
                if v.amount is None and v.fallback is not None:
                    return _t("%1 (provisional)").replace("%1", format_eur(v.fallback))
                return format_eur(v.amount, missing=_t("to be filled in"))
            if col == 2:
                return status_label(v.status)
            return v.source
        if role == Qt.ItemDataRole.EditRole and col == 1:
            return "" if v.amount is None else str(v.amount).replace(".", ",")
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{v.label} ({v.name})\n{v.source}"
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 1:
            return RIGHT
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or index.column() != 1:
            return False
        parsed = parse_money(str(value))
        if parsed.problem:
            return False
        name = self.rows[index.row()].name
        dossier = self.session.dossier
        overrides = dict(dossier.overrides)
        if parsed.value is None:
            overrides.pop(name, None)
        else:
            overrides[name] = parsed.value
        self.editor.apply(
            replace(dossier, overrides=MappingProxyType(overrides)),
            _t("Set %1").replace("%1", self.rows[index.row()].label),
        )
        return True


class BudgetEstablishmentsModel(_SessionTable):
    def collect(self) -> Sequence[EstablishmentBudget]:
        return self.session.budget.establishments

    def titles(self) -> Sequence[str]:
        return (
            _t("FINESS"),
            _t("Establishment"),
            _t("Organisation"),
            _t("Project"),
            _t("Amount incl. VAT"),
            _t("Remark"),
        )

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        e: EstablishmentBudget = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 4:
                if not e.funded:
                    return _t("Not funded") if e.counted else _t("Not counted")
                return format_eur(e.amount, missing=_t("to be filled in"))
            if col == 5:
                if any(line.provisional for line in e.lines):
                    return _t("provisional amount, to be confirmed")
                return e.reason
            if col == 3:
                return e.project.label
            return (e.finess, e.name, e.og_name)[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                "\n".join(f"{ln.label} : {format_eur(ln.amount)} — {ln.rule}" for ln in e.lines)
                or e.reason
                or None
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 4:
            return RIGHT
        return None


class LinesModel(QAbstractTableModel):
    """The lines behind one figure, each with the rule that produced it."""

    def __init__(self, lines: Callable[[], Sequence[BudgetLine]] = tuple) -> None:
        super().__init__()
        self._source = lines
        self.rows: Sequence[BudgetLine] = ()

    def set_source(self, lines: Callable[[], Sequence[BudgetLine]]) -> None:
        self._source = lines
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = tuple(self._source())
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 3

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return (_t("Line"), _t("Amount incl. VAT"), _t("Rule"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        line = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return line.label + (_t(" (paid to the editor)") if line.payee == "editeur" else "")
            if index.column() == 1:
                text = format_eur(line.amount, missing=_t("to be filled in"))
                return text + (_t(" — to be confirmed") if line.provisional else "")
            return line.rule
        if role == Qt.ItemDataRole.ToolTipRole:
            return line.rule
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return RIGHT
        return None


class TranchesModel(_SessionTable):
    def collect(self) -> Sequence[TrancheAmount]:
        return self.session.budget.tranches

    def titles(self) -> Sequence[str]:
        return (_t("Tranche"), _t("Share"), _t("Amount incl. VAT"), _t("Status"))

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        t: TrancheAmount = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                t.label,
                format_pct(t.pct),
                format_eur(t.amount, cents=True),
                status_label(t.status),
            )[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (1, 2):
            return RIGHT
        return None
