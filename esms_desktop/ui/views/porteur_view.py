"""Step "Porteur and project": who carries the candidature, the project's title and team.

Identifiers (SIREN, SIRET, FINESS juridique) are checked as typed by ``domain.identifiers`` and
saved as typed even when wrong: the user may be copying a number from a letter one digit at a
time, and the step's status in the side bar keeps the problem visible until it is fixed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from esms_desktop.domain.dossier import Dossier, TeamMember, TeamRole, parse_team_role
from esms_desktop.domain.edits import parse_label, parse_text
from esms_desktop.domain.identifiers import check_finess, siren_problem, siret_problem
from esms_desktop.ui.delegates import CheckingDelegate
from esms_desktop.ui.models.records import Column, RecordsModel
from esms_desktop.ui.undo import Editor
from esms_desktop.ui.widgets import (
    BoundLineEdit,
    Check,
    Writer,
    add_form_row,
    align_labels,
    form_layout,
    refusal_line,
    scroll_page,
    set_tab_order,
    wrapped,
)


def _siren_check(text: str) -> str:
    return siren_problem(text) if text.strip() else ""


def _siret_check(text: str) -> str:
    return siret_problem(text) if text.strip() else ""


def _finess_check(text: str) -> str:
    return check_finess(text).problem if text.strip() else ""


def _to_date(value: QDate) -> date:
    """A Python date from a QDate (the dossier holds plain values, never Qt types)."""
    return date(value.year(), value.month(), value.day())


def _porteur_writer(key: str) -> Writer:
    """A writer replacing one Porteur attribute (the porteur is a frozen value)."""

    def write(dossier: Dossier, text: str) -> Dossier:
        return replace(dossier, porteur=replace(dossier.porteur, **{key: text}))

    return write


class PorteurView(QWidget):
    """The porteur's identity and contacts, the project title and the grappe agreement date.

    ``fields`` maps each field name (``project_title`` or a :class:`Porteur` attribute) to its
    line edit, for the window's "go to the problem" actions and for tests.
    """

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.fields: dict[str, BoundLineEdit] = {}
        self.team_model = RecordsModel(
            editor,
            "team",
            (
                Column("name", self.tr("Name"), parse_label),
                Column(
                    "role",
                    self.tr("Role"),
                    parse_team_role,
                    self._role_label,
                    self.tr("référent, informatique, métier or autre"),
                    lambda r: r.value if isinstance(r, TeamRole) else str(r),
                ),
                Column("function", self.tr("Function"), parse_text),
                Column("organisation", self.tr("Organisation"), parse_text),
                Column(
                    "availability",
                    self.tr("Availability"),
                    parse_text,
                    tooltip=self.tr("Time given to the project, e.g. 20 % or 2 days a month"),
                ),
            ),
            self.tr("Edit a team member"),
        )
        self._build()
        editor.session.subscribe(self._follow)
        self._follow(editor.session.dossier)

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self._labels: list[QLabel] = []
        body = scroll_page(
            self,
            self.tr("Porteur and project"),
            self.tr(
                "The organisation that carries the candidature for the whole grappe, and the "
                "people the ARS will deal with. Identifiers are checked as you type; what you "
                "type is always kept, even when a check fails."
            ),
        )

        project_box = QGroupBox(self.tr("Project"))
        form = form_layout()
        project_box.setLayout(form)
        title = BoundLineEdit(
            self.editor,
            lambda d: d.project_title,
            lambda d, t: replace(d, project_title=t),
            undo_text=self.tr("Edit the project title"),
            merge_key="dossier:project_title",
            accessible_name=self.tr("Project title"),
        )
        title.setPlaceholderText(self.tr("e.g. Shared care record for the grappe's services"))
        self.fields["project_title"] = title
        self._labels.append(add_form_row(form, self.tr("&Project title:"), title))
        body.addWidget(project_box)

        og_box = QGroupBox(self.tr("Porteur organisation"))
        form = form_layout()
        og_box.setLayout(form)
        for key, label, undo, hint, check in (
            ("name", self.tr("&Name:"), self.tr("Edit the porteur's name"), "", None),
            (
                "legal_status",
                self.tr("Legal stat&us:"),
                self.tr("Edit the porteur's legal status"),
                self.tr("e.g. association loi 1901"),
                None,
            ),
            (
                "siren",
                self.tr("&SIREN:"),
                self.tr("Edit the porteur's SIREN"),
                self.tr("9 digits"),
                _siren_check,
            ),
            (
                "siret",
                self.tr("S&IRET of the head office:"),
                self.tr("Edit the porteur's SIRET"),
                self.tr("14 digits"),
                _siret_check,
            ),
            (
                "finess_ej",
                self.tr("FINESS (legal entit&y):"),
                self.tr("Edit the porteur's FINESS"),
                self.tr("9 characters"),
                _finess_check,
            ),
            ("address", self.tr("Add&ress:"), self.tr("Edit the porteur's address"), "", None),
            (
                "postal_code",
                self.tr("Postal co&de:"),
                self.tr("Edit the porteur's postal code"),
                "",
                None,
            ),
            ("town", self.tr("To&wn:"), self.tr("Edit the porteur's town"), "", None),
        ):
            edit = self._porteur_field(key, label, undo, hint, check)
            self._labels.append(add_form_row(form, label, edit))
        self.fields["postal_code"].setMaximumWidth(120)
        body.addWidget(og_box)

        people_box = QGroupBox(self.tr("People"))
        form = form_layout()
        people_box.setLayout(form)
        for key, label, undo, hint in (
            (
                "legal_representative",
                self.tr("&Legal representative:"),
                self.tr("Edit the legal representative"),
                self.tr("First name and surname"),
            ),
            (
                "legal_representative_title",
                self.tr("&Their title:"),
                self.tr("Edit the legal representative's title"),
                self.tr("e.g. Président, Directeur général"),
            ),
            (
                "project_lead",
                self.tr("Pro&ject lead:"),
                self.tr("Edit the project lead"),
                self.tr("First name and surname"),
            ),
            (
                "contact_email",
                self.tr("E-&mail:"),
                self.tr("Edit the contact e-mail"),
                self.tr("name@example.org"),
            ),
            ("contact_phone", self.tr("Ph&one:"), self.tr("Edit the contact phone"), ""),
        ):
            self._labels.append(
                add_form_row(form, label, self._porteur_field(key, label, undo, hint, None))
            )
        body.addWidget(people_box)

        agreement_box = QGroupBox(self.tr("Grappe agreement"))
        form = form_layout()
        agreement_box.setLayout(form)
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        self.convention_set = QCheckBox(self.tr("Signed on"))
        self.convention_set.setAccessibleName(self.tr("Grappe agreement signed"))
        self.convention_date = QDateEdit()
        self.convention_date.setCalendarPopup(True)
        self.convention_date.setDisplayFormat("dd/MM/yyyy")
        self.convention_date.setDate(QDate.currentDate())
        self.convention_date.setAccessibleName(self.tr("Signature date of the grappe agreement"))
        row_layout.addWidget(self.convention_set)
        row_layout.addWidget(self.convention_date)
        row_layout.addStretch(1)
        self._labels.append(
            add_form_row(form, self.tr("&Grappe agreement:"), row, focus=self.convention_set)
        )
        body.addWidget(agreement_box)
        body.addWidget(self._team_box())
        body.addStretch(1)
        align_labels(self._labels)

        self.convention_set.toggled.connect(self._convention_toggled)
        self.convention_date.dateChanged.connect(self._convention_date_changed)
        set_tab_order(
            [
                *self.fields.values(),
                self.convention_set,
                self.convention_date,
                self.team_table,
                self.add_member_button,
                self.remove_member_button,
            ]
        )

    def _role_label(self, role: object) -> str:
        """The role as people read it (a stored value no role has is shown as found)."""
        labels = {
            TeamRole.REFERENT: self.tr("Project referent"),
            TeamRole.INFORMATIQUE: self.tr("IT lead"),
            TeamRole.METIER: self.tr("Business expert"),
            TeamRole.AUTRE: self.tr("Other"),
        }
        return labels.get(role, str(role)) if isinstance(role, TeamRole) else str(role)

    def _team_box(self) -> QGroupBox:
        """The project team: a small table (name, role, function, OG, availability)."""
        box = QGroupBox(self.tr("Project team"))
        layout = QVBoxLayout(box)
        layout.addWidget(
            wrapped(
                self.tr(
                    "The people who carry the project: the referents of each organisation, the "
                    "IT lead, the business experts, and the time each gives to the project. "
                    "Double-click a cell or press F2 to edit it."
                )
            )
        )
        table = QTableView()
        table.setObjectName("porteur.team")  # its columns kept (view_state)
        table.setAccessibleName(self.tr("Project team"))
        table.setModel(self.team_model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        table.setTabKeyNavigation(False)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.setMinimumHeight(130)
        table.setMaximumHeight(240)
        for col, width in enumerate((180, 170, 150, 170)):
            table.setColumnWidth(col, width)
        parsers = {c.key: c.parse for c in self.team_model.columns}
        roles = [
            (r.value, self._role_label(r))
            for r in (TeamRole.REFERENT, TeamRole.INFORMATIQUE, TeamRole.METIER, TeamRole.AUTRE)
        ]
        delegate = CheckingDelegate(
            self.team_model.column_key, parsers, {"role": lambda: roles}, table
        )
        table.setItemDelegate(delegate)
        self.team_table = table
        layout.addWidget(table)
        layout.addWidget(refusal_line(delegate))
        bar = QHBoxLayout()
        self.add_member_button = QPushButton(self.tr("Add a member"))
        self.add_member_button.setAccessibleName(self.tr("Add a member"))
        self.remove_member_button = QPushButton(self.tr("Remove member"))
        self.remove_member_button.setAccessibleName(self.tr("Remove member"))
        bar.addWidget(self.add_member_button)
        bar.addWidget(self.remove_member_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.add_member_button.clicked.connect(self.add_member)
        self.remove_member_button.clicked.connect(self.remove_members)
        return box

    def add_member(self) -> None:
        """A new row, its name cell open for typing (one undo step)."""
        row = self.team_model.append(
            TeamMember(self.tr("New member")), self.tr("Add a team member")
        )
        index = self.team_model.index(row, 0)
        self.team_table.setCurrentIndex(index)
        self.team_table.setFocus()
        self.team_table.edit(index)

    def remove_members(self) -> None:
        rows = [i.row() for i in self.team_table.selectionModel().selectedRows()]
        if not rows and self.team_table.currentIndex().isValid():
            rows = [self.team_table.currentIndex().row()]
        self.team_model.remove_rows(rows, self.tr("Remove team member(s)"))

    def _porteur_field(
        self, key: str, label: str, undo: str, hint: str, check: Check | None
    ) -> BoundLineEdit:
        edit = BoundLineEdit(
            self.editor,
            lambda d: str(getattr(d.porteur, key)),
            _porteur_writer(key),
            undo_text=undo,
            merge_key=f"porteur:{key}",
            accessible_name=label.replace("&", "").rstrip(" :"),
            check=check,
        )
        if hint:
            edit.setPlaceholderText(hint)
        self.fields[key] = edit
        return edit

    # --- the agreement date -------------------------------------------------------------------

    def _convention_toggled(self, checked: bool) -> None:
        dossier = self.editor.session.dossier
        value = _to_date(self.convention_date.date()) if checked else None
        self.convention_date.setEnabled(checked)
        self.editor.apply(
            replace(dossier, convention_date=value),
            self.tr("Set the grappe agreement date")
            if checked
            else self.tr("Clear the grappe agreement date"),
        )

    def _convention_date_changed(self, value: QDate) -> None:
        if not self.convention_set.isChecked():
            return
        dossier = self.editor.session.dossier
        self.editor.apply(
            replace(dossier, convention_date=_to_date(value)),
            self.tr("Change the grappe agreement date"),
            merge_key="dossier:convention_date",
        )

    def focus_field(self, key: str) -> bool:
        """Focus the line edit for a missing item's key (``porteur.siren``…); False if none."""
        edit = self.fields.get(key.removeprefix("porteur."))
        if edit is None:
            return False
        edit.setFocus()
        return True

    def _follow(self, dossier: Dossier) -> None:
        """Show the dossier's agreement date (after undo/redo too), signals blocked."""
        value = dossier.convention_date
        checked = value is not None
        blocked = self.convention_set.blockSignals(True)
        self.convention_set.setChecked(checked)
        self.convention_set.blockSignals(blocked)
        self.convention_date.setEnabled(checked)
        if value is not None and _to_date(self.convention_date.date()) != value:
            blocked = self.convention_date.blockSignals(True)
            self.convention_date.setDate(QDate(value.year, value.month, value.day))
            self.convention_date.blockSignals(blocked)
