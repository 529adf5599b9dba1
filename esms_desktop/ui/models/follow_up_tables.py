"""Tables of the follow-up step: tuples of ``Dossier.follow_up`` edited in place, and the grid of
indicator values (ESSMS × period).

Like :mod:`esms_desktop.ui.models.records`, each column says how to show and parse its field, so
the models hold no rule: a value that cannot be read is refused, every accepted edit is one undo
step (editing the same cell again straight away merges into it), and what a cell derives (what
remains to be received, and why) comes from a function of the domain given by the view.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.follow_up import (
    EssmsMilestone,
    FollowUp,
    IndicatorValue,
    MilestoneKind,
    Period,
)
from esms_desktop.domain.follow_up_edits import set_milestone
from esms_desktop.domain.formatting import format_date
from esms_desktop.domain.parsing import Parsed, parse_due_date
from esms_desktop.ui.models.records import Column, RecordsModel
from esms_desktop.ui.undo import Editor

SHORT_COLOUR = "#b3261e"
"""A value below its threshold: the red the reports use for what holds the project back."""

Index = QModelIndex | QPersistentModelIndex


def with_follow_up(dossier: Dossier, **changes: Any) -> Dossier:
    """The dossier with some fields of its follow-up replaced (plain value plumbing)."""
    return replace(dossier, follow_up=replace(dossier.follow_up, **changes))


class FollowUpRecordsModel(RecordsModel):
    """Rows of ``getattr(dossier.follow_up, field)``, editable in place column by column.

    ``derived`` adds read-only columns after the editable ones: each is (title, function of
    the dossier and the row giving the cell's text). They read the whole dossier (what remains
    to be received depends on the indicators too), so every change of the dossier redraws.
    """

    def __init__(
        self,
        editor: Editor,
        field: str,
        columns: tuple[Column, ...],
        undo_text: str,
        derived: Sequence[tuple[str, Callable[[Dossier, int], str]]] = (),
    ) -> None:
        self.derived = tuple(derived)
        super().__init__(editor, field, columns, undo_text)

    def items(self, dossier: Dossier | None = None) -> tuple[Any, ...]:
        follow_up: FollowUp = (dossier or self._editor.session.dossier).follow_up
        return tuple(getattr(follow_up, self.field))

    def column_key(self, column: int) -> str:
        return super().column_key(column) if column < len(self.columns) else ""

    def _dossier_changed(self, dossier: Dossier) -> None:
        count = len(self.items(dossier))
        if count != self._count:
            self.beginResetModel()
            self._count = count
            self.endResetModel()
        elif count:
            last = self.columnCount() - 1
            self.dataChanged.emit(self.index(0, 0), self.index(count - 1, last))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns) + len(self.derived)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and section >= len(self.columns):
            title = self.derived[section - len(self.columns)][0]
            return title if role == Qt.ItemDataRole.DisplayRole else None
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() >= len(self.columns):
            flags &= ~Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.row() < self._count and index.column() >= len(self.columns):
            if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return None
            show = self.derived[index.column() - len(self.columns)][1]
            return show(self._editor.session.dossier, index.row())
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if index.isValid() and index.column() >= len(self.columns):
            return False
        return super().setData(index, value, role)

    def _with_items(self, dossier: Dossier, items: tuple[Any, ...]) -> Dossier:
        return with_follow_up(dossier, **{self.field: items})


class IndicatorGridModel(QAbstractTableModel):
    """The values of one indicator: a row per ESSMS, a column per period, editable.

    An empty cell is no value for that ESSMS and period; typing a value records it (replacing
    the one there), erasing it removes it. ``parse`` reads the typed text (a share or a count,
    as the indicator's target says) and its French problem refuses the value.
    """

    def __init__(self, editor: Editor, undo_text: str) -> None:
        super().__init__()
        self._editor = editor
        self._undo_text = undo_text
        self.indicator = ""
        self.rows: tuple[tuple[str, str], ...] = ()
        """(FINESS, name) of each ESSMS, in the order the view wants them (laggards first)."""
        self.periods: tuple[Period, ...] = ()
        self.parse: Callable[[str], Parsed] = lambda text: Parsed(text)
        self.show: Callable[[Decimal], str] = str
        self.short: Callable[[Decimal], bool] = lambda _value: False
        """Whether a value falls short of the threshold (the domain's rule, given by the view):
        such a cell is drawn in red and says so, so the laggards' months stand out."""
        self._values: dict[tuple[str, Period], IndicatorValue] = {}
        editor.session.subscribe(self._dossier_changed)

    def set_grid(
        self,
        indicator: str,
        rows: Sequence[tuple[str, str]],
        periods: Sequence[Period],
        parse: Callable[[str], Parsed],
        show: Callable[[Decimal], str],
    ) -> None:
        self.beginResetModel()
        self.indicator = indicator
        self.rows = tuple(rows)
        self.periods = tuple(periods)
        self.parse = parse
        self.show = show
        self._read(self._editor.session.dossier)
        self.endResetModel()

    def set_short(self, short: Callable[[Decimal], bool] | None) -> None:
        """A new verdict (the threshold was typed from the convention): the cells redrawn."""
        self.short = short or (lambda _value: False)
        if self.rows and self.periods:
            last = self.index(len(self.rows) - 1, len(self.periods) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def _read(self, dossier: Dossier) -> None:
        self._values = {
            (v.finess, v.period): v
            for v in dossier.follow_up.indicators
            if v.indicator == self.indicator
        }

    def _dossier_changed(self, dossier: Dossier) -> None:
        self._read(dossier)
        if self.rows and self.periods:
            last = self.index(len(self.rows) - 1, len(self.periods) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.periods)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return str(self.periods[section]) if section < len(self.periods) else None
        if section < len(self.rows):
            finess, name = self.rows[section]
            return f"{name} ({finess})" if name else finess
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def value_at(self, row: int, column: int) -> IndicatorValue | None:
        return self._values.get((self.rows[row][0], self.periods[column]))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        found = self.value_at(index.row(), index.column())
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole):
            if found is None or not self.short(found.value):
                return None
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(SHORT_COLOUR)
            return QCoreApplication.translate("IndicatorGridModel", "Below the threshold")
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        return "" if found is None else self.show(found.value)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        text = str(value).strip()
        parsed = self.parse(text) if text else Parsed(None)
        if parsed.problem:
            return False
        finess, period = self.rows[index.row()][0], self.periods[index.column()]
        old = self.value_at(index.row(), index.column())
        if (old.value if old is not None else None) == parsed.value:
            return True
        kept = tuple(
            v
            for v in self._editor.session.dossier.follow_up.indicators
            if (v.finess, v.indicator, v.period) != (finess, self.indicator, period)
        )
        if parsed.value is not None:
            kept = (*kept, IndicatorValue(finess, self.indicator, period, parsed.value))
        self._editor.apply(
            with_follow_up(self._editor.session.dossier, indicators=kept),
            self._undo_text,
            merge_key=f"follow_up.indicator:{self.indicator}:{finess}:{period}",
        )
        return True


MILESTONE_COLUMNS: tuple[tuple[MilestoneKind, str], ...] = (
    (MilestoneKind.PARAMETRAGE, "planned_on"),
    (MilestoneKind.PARAMETRAGE, "done_on"),
    (MilestoneKind.DEPLOIEMENT, "planned_on"),
    (MilestoneKind.DEPLOIEMENT, "done_on"),
)
"""The date columns after the ESSMS's name: (which milestone, which date)."""


class MilestonesModel(QAbstractTableModel):
    """A row per ESSMS of the grappe, its set-up and deployment dates (planned, done).

    A date typed ``jj/mm/aaaa`` records the milestone (one undo step); erasing both dates of a
    milestone removes it. The column titles are given by the view (translated there).
    """

    def __init__(self, editor: Editor, titles: Sequence[str], undo_text: str) -> None:
        super().__init__()
        self._editor = editor
        self._titles = tuple(titles)
        self._undo_text = undo_text
        self.rows: tuple[tuple[str, str], ...] = ()
        self.refresh(editor.session.dossier)
        editor.session.subscribe(self.refresh)

    def refresh(self, dossier: Dossier) -> None:
        rows = tuple(
            (e.finess, e.name) for og in dossier.grappe.organisations for e in og.establishments
        )
        if rows != self.rows:
            self.beginResetModel()
            self.rows = rows
            self.endResetModel()
        elif rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, 4))

    def column_key(self, column: int) -> str:
        return "date" if column > 0 else ""

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 1 + len(MILESTONE_COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return self._titles[section] if section < len(self._titles) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() > 0 else flags

    def milestone(self, row: int, kind: MilestoneKind) -> EssmsMilestone | None:
        finess = self.rows[row][0]
        return next(
            (
                m
                for m in self._editor.session.dossier.follow_up.milestones
                if m.finess == finess and m.kind is kind
            ),
            None,
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        finess, name = self.rows[index.row()]
        if index.column() == 0:
            return f"{name} ({finess})"
        kind, attribute = MILESTONE_COLUMNS[index.column() - 1]
        found = self.milestone(index.row(), kind)
        value: date | None = getattr(found, attribute) if found is not None else None
        if value is None:
            return ""
        return (
            value.strftime("%d/%m/%Y") if role == Qt.ItemDataRole.EditRole else format_date(value)
        )

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() == 0:
            return False
        parsed = parse_due_date(str(value))
        if parsed.problem:
            return False
        kind, attribute = MILESTONE_COLUMNS[index.column() - 1]
        finess = self.rows[index.row()][0]
        old = self.milestone(index.row(), kind) or EssmsMilestone(finess, kind)
        if getattr(old, attribute) == parsed.value:
            return True
        new = replace(old, **{attribute: parsed.value})
        self._editor.apply(
            set_milestone(
                self._editor.session.dossier,
                finess,
                kind,
                planned_on=new.planned_on,
                done_on=new.done_on,
            ),
            self._undo_text,
            merge_key=f"follow_up.milestone:{finess}:{kind}:{attribute}",
        )
        return True
