"""Table model of « Trouver des partenaires »: the OGs that could join the grappe, nearest first.

The ranking, the counts and the preview (counted ESSMS, eligibility, budget difference) are the
service's (:mod:`esms_desktop.services.partner_search`); this model only shows them. A preview
runs the budget engine twice, so it is asked for a row only when the view paints that row's
preview cells (the visible rows), then kept until the list is searched again or the ESSMS chosen
for that OG change.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from esms_desktop.domain.errors import UserError
from esms_desktop.domain.formatting import format_eur
from esms_desktop.domain.partner_search import PartnerCandidate, PartnerPreview

Index = QModelIndex | QPersistentModelIndex
PreviewFn = Callable[[PartnerCandidate, Collection[str] | None], PartnerPreview]
"""How the grappe would stand with a candidate and the FINESS chosen among its ESSMS (None:
all of them): the service's ``preview_for`` bound to the open dossier."""

KEYS: tuple[str, ...] = (
    "name",
    "department",
    "distance",
    "essms",
    "sectors",
    "small",
    "counted_after",
    "eligible_after",
    "difference",
)
PREVIEW_KEYS = frozenset({"counted_after", "eligible_after", "difference"})

CANDIDATE_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's :class:`PartnerCandidate`."""
SORT_ROLE = Qt.ItemDataRole.UserRole


def _t(text: str) -> str:
    return QCoreApplication.translate("PartnersModel", text)


def column_titles() -> dict[str, str]:
    return {
        "name": _t("Organisation"),
        "department": _t("Dept."),
        "distance": _t("Distance"),
        "essms": _t("Eligible ESSMS"),
        "sectors": _t("Sectors"),
        "small": _t("Small OG"),
        "counted_after": _t("ESSMS of the grappe"),
        "eligible_after": _t("Eligible"),
        "difference": _t("Budget difference"),
    }


def distance_text(km: float | None) -> str:
    return _t("unknown") if km is None else f"{km:.1f}".replace(".", ",") + "\u00a0km"


def departments_of(candidate: PartnerCandidate) -> str:
    """The departments of the ESSMS it brings (its seat's when it brings none elsewhere)."""
    found = sorted({e.department for e in candidate.essms if e.department})
    return ", ".join(found) or candidate.og.department


class PartnersModel(QAbstractTableModel):
    def __init__(self, preview: PreviewFn) -> None:
        super().__init__()
        self._preview = preview
        self.candidates: tuple[PartnerCandidate, ...] = ()
        self.funded: frozenset[str] = frozenset()
        """FINESS juridiques declared already in a funded project (shown in the name column)."""
        self._chosen: dict[str, frozenset[str]] = {}
        self._previews: dict[str, PartnerPreview | str] = {}
        """Per FINESS juridique: the preview, or the French message of a refused one."""

    # --- content ---------------------------------------------------------------------------

    def set_candidates(
        self, candidates: Sequence[PartnerCandidate], funded: frozenset[str] = frozenset()
    ) -> None:
        """A new search result: previews are asked again (the grappe may have changed)."""
        self.beginResetModel()
        self.candidates = tuple(candidates)
        self.funded = funded
        known = {c.finess_ej for c in self.candidates}
        self._chosen = {k: v for k, v in self._chosen.items() if k in known}
        self._previews.clear()
        self.endResetModel()

    def candidate(self, row: int) -> PartnerCandidate:
        return self.candidates[row]

    def row_of(self, finess_ej: str) -> int:
        return next((r for r, c in enumerate(self.candidates) if c.finess_ej == finess_ej), -1)

    def chosen(self, candidate: PartnerCandidate) -> frozenset[str] | None:
        """The FINESS chosen among its ESSMS, None while the user has not unchecked any."""
        return self._chosen.get(candidate.finess_ej)

    def set_chosen(self, candidate: PartnerCandidate, chosen: Collection[str]) -> None:
        picked = frozenset(chosen)
        every = frozenset(e.finess for e in candidate.essms)
        if picked == every:
            self._chosen.pop(candidate.finess_ej, None)
        else:
            self._chosen[candidate.finess_ej] = picked
        self._previews.pop(candidate.finess_ej, None)
        row = self.row_of(candidate.finess_ej)
        if row >= 0:
            first = KEYS.index("counted_after")
            self.dataChanged.emit(self.index(row, first), self.index(row, len(KEYS) - 1))

    def preview(self, candidate: PartnerCandidate) -> PartnerPreview | str:
        """The candidate's preview (computed once), or the French reason it could not be."""
        key = candidate.finess_ej
        if key not in self._previews:
            try:
                self._previews[key] = self._preview(candidate, self.chosen(candidate))
            except UserError as exc:
                self._previews[key] = exc.message
        return self._previews[key]

    # --- Qt -------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.candidates)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(KEYS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return column_titles()[KEYS[section]]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            key = KEYS[section]
            if key in PREVIEW_KEYS:
                return _t("How the grappe would stand with this organisation and its ESSMS")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        c = self.candidates[index.row()]
        key = KEYS[index.column()]
        if role == CANDIDATE_ROLE:
            return c
        if role == Qt.ItemDataRole.TextAlignmentRole and key not in ("name", "sectors"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if key in PREVIEW_KEYS:
            return self._preview_data(c, key, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(c, key)
        if role == SORT_ROLE:
            return self._sort_value(c, key)
        if role == Qt.ItemDataRole.ToolTipRole and key == "name":
            where = " ".join(x for x in (c.og.postal_code, c.og.town) if x)
            return f"{c.name}\nFINESS {c.finess_ej}" + (f"\n{where}" if where else "")
        return None

    def _text(self, c: PartnerCandidate, key: str) -> str:
        if key == "name":
            name = c.name or f"OG {c.finess_ej}"
            return name + (_t(" (declared funded)") if c.finess_ej in self.funded else "")
        if key == "department":
            return departments_of(c)
        if key == "distance":
            return distance_text(c.distance_km)
        if key == "essms":
            return str(c.eligible_count)
        if key == "sectors":
            return ", ".join(sorted(s.label for s in c.sectors))
        if key == "small":
            return _t("yes") if c.is_small else _t("no")
        return ""

    def _sort_value(self, c: PartnerCandidate, key: str) -> Any:
        if key == "distance":
            return float("inf") if c.distance_km is None else c.distance_km
        if key == "essms":
            return c.eligible_count
        return self._text(c, key)

    def _preview_data(self, c: PartnerCandidate, key: str, role: int) -> Any:
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
            SORT_ROLE,
        ):
            return None
        p = self.preview(c)
        if isinstance(p, str):
            return p if role == Qt.ItemDataRole.ToolTipRole else ("—" if role != SORT_ROLE else 0)
        if key == "counted_after":
            if role == Qt.ItemDataRole.ToolTipRole:
                return (
                    _t("%1 ESSMS counted today, %2 with this organisation")
                    .replace("%1", str(p.counted_before))
                    .replace("%2", str(p.counted_after))
                )
            return p.counted_after if role == SORT_ROLE else str(p.counted_after)
        if key == "eligible_after":
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#1B6E3A" if p.eligible_after else "#A84300"))
            if role == Qt.ItemDataRole.ToolTipRole:
                return "\n".join(f.message for f in p.blocking) or None
            if role == SORT_ROLE:
                return int(p.eligible_after)
            return _t("yes") if p.eligible_after else _t("no")
        # the budget difference
        if role == SORT_ROLE:
            return float(p.difference)
        if role == Qt.ItemDataRole.ToolTipRole:
            return None if p.complete_after else _t("Some amounts are still to be confirmed")
        if role == Qt.ItemDataRole.ForegroundRole:
            return None
        sign = "+" if p.difference > 0 else ""
        text = sign + format_eur(p.difference)
        return text if p.complete_after else text + " *"
