"""Table model of the grappe's organismes gestionnaires (OG)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.edits import set_organisation, with_grappe
from esms_desktop.domain.fields import ORGANISATION_PARSERS
from esms_desktop.domain.grappe import OgRole, Organisation
from esms_desktop.domain.identifiers import check_finess, siren_problem
from esms_desktop.domain.parsing import Parsed
from esms_desktop.ui.undo import Editor

Index = QModelIndex | QPersistentModelIndex


def _t(text: str) -> str:
    return QCoreApplication.translate("OrganisationsModel", text)


OG_KEYS: tuple[str, ...] = (
    "name",
    "role",
    "siren",
    "finess_ej",
    "declared_size",
    "essms",
    "size_class",
    "contact_name",
    "contact_email",
)
"""The table's columns, left to right: fields of the OG, and a few worked out for the view."""

OG_PARSERS = ORGANISATION_PARSERS
"""The editable columns and their parsers: the domain's, the same the spreadsheet import uses
(and the field table's: tests/domain/test_fields.py checks they are the same functions)."""


def column_titles() -> dict[str, str]:
    """Every column title of the table, by key: the one place they are spelt (and translated)."""
    return {
        "name": _t("Name"),
        "role": _t("Role"),
        "siren": _t("SIREN"),
        "finess_ej": _t("FINESS (legal entity)"),
        "declared_size": _t("ESSMS managed"),
        "essms": _t("ESSMS in project"),
        "size_class": _t("Size"),
        "contact_name": _t("Contact"),
        "contact_email": _t("E-mail"),
    }


class OrganisationsModel(QAbstractTableModel):
    KEYS = OG_KEYS

    def __init__(self, editor: Editor) -> None:
        super().__init__()
        self._editor = editor
        self._count = len(editor.session.dossier.grappe.organisations)
        editor.session.subscribe(self._dossier_changed)

    def titles(self) -> tuple[str, ...]:
        shown = column_titles()
        return tuple(shown[key] for key in self.KEYS)

    def _dossier_changed(self, dossier: Dossier) -> None:
        count = len(dossier.grappe.organisations)
        if count != self._count:
            self.beginResetModel()
            self._count = count
            self.endResetModel()
        elif count:
            self.dataChanged.emit(self.index(0, 0), self.index(count - 1, len(self.KEYS) - 1))

    def organisation(self, row: int) -> Organisation:
        return self._editor.session.dossier.grappe.organisations[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.KEYS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.titles()[section] if orientation == Qt.Orientation.Horizontal else section + 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.KEYS[index.column()] in OG_PARSERS:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._count:
            return None
        og = self.organisation(index.row())
        key = self.KEYS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole):
            if key == "role":
                return _t("Porteur") if og.role is OgRole.PORTEUR else _t("Member")
            if key == "declared_size":
                return str(og.size) if og.declared_size is not None else f"({og.size})"
            if key == "essms":
                return str(len(og.establishments))
            if key == "size_class":
                return {"petit": _t("small"), "moyen": _t("medium"), "grand": _t("large")}[
                    og.size_class.value
                ]
            return str(getattr(og, key))
        if role == Qt.ItemDataRole.EditRole:
            value = getattr(og, key, "")
            if key == "role":
                return og.role.value
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "siren" and og.siren:
                return siren_problem(og.siren) or None
            if key == "finess_ej" and og.finess_ej:
                return check_finess(og.finess_ej).problem or None
            if key == "declared_size" and og.declared_size is None:
                return _t("Not given: the number of its ESSMS in the project is used.")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        key = self.KEYS[index.column()]
        if role != Qt.ItemDataRole.EditRole or key not in OG_PARSERS:
            return False
        parsed = OG_PARSERS[key](str(value))
        if key == "declared_size" and not str(value).strip():
            parsed = Parsed(None)
        elif parsed.value is None:
            return False
        dossier = self._editor.session.dossier
        grappe = set_organisation(dossier.grappe, index.row(), **{key: parsed.value})
        self._editor.apply(
            with_grappe(dossier, grappe),
            _t("Edit organisation %1").replace("%1", self.organisation(index.row()).name),
        )
        return True
