"""Step "Grappe": the OGs, their ESSMS in an editable table, and the live findings beside them.

From 2023 an ESSMS attached to a GHT may keep the hospital's DUI: only the user can say so (no
file tells), per ESSMS, with a checkable button acting on the selected rows (one undoable step);
the findings say what it changes. The button shows only under a campaign with that exception.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from esms_desktop.domain.campaign import Campaign, CampaignError
from esms_desktop.domain.edits import (
    ESTABLISHMENT_PARSERS,
    add_establishment,
    add_organisation,
    declare_ght,
    remove_establishment,
    remove_organisation,
    with_grappe,
)
from esms_desktop.domain.errors import UserError
from esms_desktop.domain.grappe import (
    DuiSituation,
    Establishment,
    OgRole,
    Organisation,
    ProjectType,
)
from esms_desktop.domain.identifiers import check_finess
from esms_desktop.domain.porteur_link import porteur_organisation
from esms_desktop.services import catalog
from esms_desktop.ui.delegates import CheckingDelegate
from esms_desktop.ui.file_dialogs import open_file
from esms_desktop.ui.finess_dialog import Register
from esms_desktop.ui.models.establishments import (
    EstablishmentsModel,
    project_label,
    situation_label,
)
from esms_desktop.ui.models.findings import FINDING_ROLE, FindingsModel
from esms_desktop.ui.models.organisations import OG_PARSERS, OrganisationsModel
from esms_desktop.ui.undo import Editor
from esms_desktop.ui.widgets import bold_label, button_row, fit_column, refusal_line, wrapped


class GrappeView(QWidget):
    import_requested = Signal()

    def __init__(
        self, editor: Editor, register: Register | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self.register = register
        self.og_model = OrganisationsModel(editor)
        self.essms_model = EstablishmentsModel(
            editor, register.lookup if register is not None else None
        )
        self.findings_model = FindingsModel(editor.session)
        self._build()

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("<h2>Grappe</h2>"))
        intro = QLabel(
            self.tr(
                "The porteur and its partner organisations, each with its establishments (ESSMS). "
                "Every change is saved at once and checked against the campaign's rules."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(intro)

        og_bar = QHBoxLayout()
        og_label = bold_label(self.tr("&Organisations"))
        og_bar.addWidget(og_label)
        og_bar.addStretch(1)
        self.add_og_button = QPushButton(self.tr("Add an organisation"))
        self.remove_og_button = QPushButton(self.tr("Remove organisation"))
        for b in (self.add_og_button, self.remove_og_button):
            og_bar.addWidget(b)
        layout.addLayout(og_bar)

        self.og_table = QTableView()
        self.og_table.setObjectName("grappe.organisations")  # its columns kept (view_state)
        self.og_table.setAccessibleName(self.tr("Organisations of the grappe"))
        self.og_table.setModel(self.og_model)
        self.og_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.og_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.og_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.og_table.horizontalHeader().setStretchLastSection(True)
        og_delegate = CheckingDelegate(
            lambda c: OrganisationsModel.KEYS[c],
            OG_PARSERS,
            {
                "role": lambda: [
                    (OgRole.PORTEUR.value, self.tr("Porteur")),
                    (OgRole.MEMBRE.value, self.tr("Member")),
                ]
            },
            self.og_table,
        )
        self.og_table.setItemDelegate(og_delegate)
        self.og_table.setMaximumHeight(150)
        self.og_table.verticalHeader().setVisible(False)
        self.og_table.setWordWrap(False)
        self.og_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        for col, width in enumerate((230, 80, 95, 130, 110, 110, 70, 160)):
            self.og_table.setColumnWidth(col, width)
        for key in ("siren", "finess_ej"):  # nine digits, never cut
            fit_column(self.og_table, OrganisationsModel.KEYS.index(key), "000000000")
        layout.addWidget(self.og_table)
        og_label.setBuddy(self.og_table)
        self.og_refusal = refusal_line(og_delegate)
        layout.addWidget(self.og_refusal)

        bar = QHBoxLayout()
        filter_label = bold_label(self.tr("Es&tablishments"))
        bar.addWidget(filter_label)
        self.filter_edit = QLineEdit()
        filter_label.setBuddy(self.filter_edit)
        self.filter_edit.setPlaceholderText(self.tr("Filter (name, FINESS, category…)"))
        self.filter_edit.setAccessibleName(self.tr("Filter establishments"))
        self.filter_edit.setClearButtonEnabled(True)
        bar.addWidget(self.filter_edit, 1)
        layout.addLayout(bar)
        # The buttons get a row of their own (beside the filter on a 1366-pixel laptop they left
        # it two letters wide), which wraps on a narrow page (150 %) rather than widen it.
        self.add_button = QPushButton(self.tr("Add an establishment"))
        self.remove_button = QPushButton(self.tr("Remove establishment"))
        self.import_button = QPushButton(self.tr("Import a file…"))
        self.finess_button = QPushButton(self.tr("Add from the FINESS &register…"))
        self.finess_button.setToolTip(
            self.tr("Search the FINESS register loaded on this computer and add establishments")
        )
        self.finess_button.setEnabled(self.register is not None)
        self.partners_button = QPushButton(self.tr("Find &partners…"))
        self.partners_button.setToolTip(
            self.tr(
                "Organisations of the FINESS register around the porteur that could complete "
                "the grappe, with how the grappe would stand with each"
            )
        )
        self.partners_button.setEnabled(self.register is not None)
        self.merge_button = QPushButton(self.tr("Merge a partner's file…"))
        self.merge_button.setToolTip(
            self.tr("Bring in the .esms file a partner organisation filled in on its own computer")
        )
        layout.addWidget(
            button_row(
                (
                    self.add_button,
                    self.remove_button,
                    self.finess_button,
                    self.partners_button,
                    self.import_button,
                    self.merge_button,
                )
            )
        )

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("grappe.findings")
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.essms_model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.table = QTableView()
        self.table.setObjectName("grappe.establishments")
        self.table.setAccessibleName(self.tr("Establishments of the grappe"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        row_height = self.table.fontMetrics().height() + 10
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        parsers = dict(ESTABLISHMENT_PARSERS)
        essms_delegate = CheckingDelegate(
            self.essms_model.column_key,
            parsers,
            {
                "project": lambda: [(p.value, project_label(p)) for p in ProjectType],
                "equipment": lambda: [("non", self.tr("No")), ("oui", self.tr("Yes"))],
                "current_dui": lambda: [(s.value, situation_label(s)) for s in DuiSituation],
            },
            self.table,
        )
        self.table.setItemDelegate(essms_delegate)
        grid = QWidget()
        grid_layout = QVBoxLayout(grid)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.addWidget(self.table)
        self.ght_box = QWidget()
        ght_row = QHBoxLayout(self.ght_box)
        ght_row.setContentsMargins(0, 0, 0, 0)
        self.ght_button = QPushButton(self.tr("Attached to a &GHT (keeps the hospital's DUI)"))
        self.ght_button.setCheckable(True)
        self.ght_button.setAccessibleName(self.tr("Attached to a GHT (keeps the hospital's DUI)"))
        ght_row.addWidget(self.ght_button)
        self.ght_status = wrapped()
        ght_row.addWidget(self.ght_status, 1)
        grid_layout.addWidget(self.ght_box)
        self.essms_refusal = refusal_line(essms_delegate)
        grid_layout.addWidget(self.essms_refusal)
        splitter.addWidget(grid)

        findings_box = QWidget()
        fl = QVBoxLayout(findings_box)
        fl.setContentsMargins(0, 0, 0, 0)
        self.findings_title = QLabel()
        fl.addWidget(self.findings_title)
        self.findings = QListView()
        self.findings.setAccessibleName(self.tr("Eligibility findings"))
        self.findings.setModel(self.findings_model)
        self.findings.setWordWrap(True)
        self.findings.setUniformItemSizes(False)
        fl.addWidget(self.findings)
        splitter.addWidget(findings_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)

        self.add_og_button.clicked.connect(self.add_organisation)
        self.remove_og_button.clicked.connect(self.remove_organisation)
        # Removing needs a selected OG: the button says so instead of doing nothing.
        self.og_table.selectionModel().selectionChanged.connect(self._update_og_buttons)
        self.og_model.modelReset.connect(self._update_og_buttons)
        self._update_og_buttons()
        self.add_button.clicked.connect(self.add_establishment)
        self.remove_button.clicked.connect(self.remove_establishment)
        self.import_button.clicked.connect(self.import_requested)
        self.merge_button.clicked.connect(lambda: self.merge_partner_file())
        self.finess_button.clicked.connect(self.add_from_finess)
        self.partners_button.clicked.connect(self.find_partners)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.findings.activated.connect(self._show_finding)
        self.findings.doubleClicked.connect(self._show_finding)
        self.ght_button.clicked.connect(lambda checked=False: self.declare_ght(checked))
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_ght())
        self.table.selectionModel().currentChanged.connect(lambda *_a: self._update_ght())
        self.editor.session.subscribe(lambda _d: self._update_summary())
        self.editor.session.subscribe(lambda _d: self._update_ght())
        self._update_summary()
        self._update_ght()
        self._resize_columns()

    def _resize_columns(self) -> None:
        widths = {
            "finess": 95,
            "name": 220,
            "og": 170,
            "category": 170,
            "sector": 130,
            "capacity": 70,
            "project": 120,
            "equipment": 80,
            "eligible_hours_pct": 80,
            "dui_solution": 180,
            "current_dui": 140,
        }
        for col in range(self.essms_model.columnCount()):
            key = self.essms_model.column_key(col)
            if key in widths:
                self.table.setColumnWidth(col, widths[key])
        fit_column(self.table, self.essms_model.column_of("finess"), "000000000")

    def _update_summary(self) -> None:
        budget = self.editor.session.budget
        # Not « eligible »: the grappe meeting the rules says nothing of the dossier being
        # complete, which the side bar and the status bar state.
        verdict = (
            self.tr("campaign rules met") if budget.eligible else self.tr("campaign rules not met")
        )
        self.findings_title.setText(
            self.tr("<b>Findings</b> — %1 ESSMS counted, %2")
            .replace("%1", str(budget.counted_establishments))
            .replace("%2", verdict)
        )

    # --- GHT declaration --------------------------------------------------------------------

    def _campaign(self) -> Campaign | None:
        try:
            return catalog.library().get(self.editor.session.dossier.campaign_id).campaign
        except CampaignError:
            return None

    def _current_establishment(self) -> Establishment | None:
        current = self.table.currentIndex()
        if not current.isValid():
            return None
        return self.essms_model.establishment(self.proxy.mapToSource(current).row())

    def _selected_establishments(self) -> list[Establishment]:
        """The selected rows, or the current one; those without a valid FINESS géographique
        left out (the rules count no such ESSMS: there is nothing to declare)."""
        rows = sorted(
            {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        )
        chosen = [self.essms_model.establishment(r) for r in rows]
        if not chosen:
            current = self._current_establishment()
            chosen = [current] if current is not None else []
        return [e for e in chosen if check_finess(e.finess).ok]

    def _update_ght(self) -> None:
        """Shown under a campaign with the GHT exception; checked when the current row is
        declared; usable when a selected row has a valid FINESS."""
        campaign = self._campaign()
        shown = campaign is not None and campaign.scope.ght_exception
        self.ght_box.setVisible(shown)
        if not shown:
            return
        dossier = self.editor.session.dossier
        declared = dossier.declarations.ght_essms
        current = self._current_establishment()
        state = current is not None and check_finess(current.finess).value in declared
        if self.ght_button.isChecked() != state:
            blocked = self.ght_button.blockSignals(True)
            self.ght_button.setChecked(state)
            self.ght_button.blockSignals(blocked)
        usable = bool(self._selected_establishments())
        self.ght_button.setEnabled(usable)
        self.ght_button.setToolTip(
            self.tr(
                "Declare the selected establishments attached to a hospital group (GHT) whose "
                "DUI they keep, or withdraw the declaration; the findings say what it changes. "
                "Ctrl+Z undoes it."
            )
            if usable
            else self.tr("Select one or more establishments with a valid FINESS number.")
        )
        count = sum(
            check_finess(e.finess).value in declared
            for og in dossier.grappe.organisations
            for e in og.establishments
        )
        self.ght_status.setText(
            self.tr("%1 establishment(s) declared attached to a GHT.").replace("%1", str(count))
        )

    def declare_ght(self, attached: bool) -> None:
        """Declare (or withdraw) the selected ESSMS attached to a GHT, in one undoable step."""
        targets = self._selected_establishments()
        if targets:
            dossier = self.editor.session.dossier
            for est in targets:
                dossier = declare_ght(dossier, est.finess, attached)
            text = (
                self.tr("Declare %1 establishment(s) attached to a GHT")
                if attached
                else self.tr("Withdraw the GHT declaration of %1 establishment(s)")
            )
            self.editor.apply(dossier, text.replace("%1", str(len(targets))))
        self._update_ght()

    # --- actions --------------------------------------------------------------------------

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def _update_og_buttons(self) -> None:
        self.remove_og_button.setEnabled(self.og_table.selectionModel().hasSelection())

    def _selected_og(self) -> int:
        rows = self.og_table.selectionModel().selectedRows()
        if rows:
            return rows[0].row()
        current = self.table.currentIndex()
        if current.isValid():
            return self.essms_model.position(self.proxy.mapToSource(current).row())[0]
        return len(self.editor.session.dossier.grappe.organisations) - 1

    def _new_organisation(self, title: str) -> Organisation | None:
        """The OG to add, or ``None`` when the user cancels: never an invented name.

        In an empty grappe it is the porteur the Porteur page names; otherwise the user names it.
        """
        dossier = self.editor.session.dossier
        first = not dossier.grappe.organisations
        if first:
            og = porteur_organisation(dossier)
            if og is not None:
                return og
            prompt = self.tr("Name of the porteur, the organisation that carries the candidature:")
        else:
            prompt = self.tr("Name of the organisation:")
        name, ok = QInputDialog.getText(self, title, prompt)
        if not ok or not name.strip():
            return None
        return Organisation(name=name.strip(), role=OgRole.PORTEUR if first else OgRole.MEMBRE)

    def add_organisation(self) -> None:
        og = self._new_organisation(self.tr("Add an organisation"))
        if og is None:
            return
        dossier = self.editor.session.dossier
        self.editor.apply(
            with_grappe(dossier, add_organisation(dossier.grappe, og)),
            self.tr("Add an organisation"),
        )
        self.og_table.selectRow(len(self.editor.session.dossier.grappe.organisations) - 1)

    def remove_organisation(self) -> None:
        rows = self.og_table.selectionModel().selectedRows()
        if not rows:
            return
        dossier = self.editor.session.dossier
        name = dossier.grappe.organisations[rows[0].row()].name
        self.editor.apply(
            with_grappe(dossier, remove_organisation(dossier.grappe, rows[0].row())),
            self.tr("Remove organisation %1").replace("%1", name),
        )

    def add_establishment(self) -> None:
        grappe = self.editor.session.dossier.grappe
        if grappe.organisations:
            og_index = self._selected_og()
        else:  # the first establishment goes into the porteur OG, added in the same step
            og = self._new_organisation(self.tr("Add an establishment"))
            if og is None:
                return
            grappe, og_index = add_organisation(grappe, og), 0
        dossier = self.editor.session.dossier
        est = Establishment(
            finess="",
            name=self.tr("New establishment"),
            category="",
            project=ProjectType.ACQUISITION,
        )
        self.editor.apply(
            with_grappe(dossier, add_establishment(grappe, og_index, est)),
            self.tr("Add an establishment"),
        )
        count = len(self.editor.session.dossier.grappe.organisations[og_index].establishments)
        source_row = self.essms_model.row_of(og_index, count - 1)
        index = self.proxy.mapFromSource(self.essms_model.index(source_row, 0))
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def remove_establishment(self) -> None:
        rows = sorted(
            {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()},
            reverse=True,
        )
        if not rows:
            current = self.table.currentIndex()
            if not current.isValid():
                return
            rows = [self.proxy.mapToSource(current).row()]
        dossier = self.editor.session.dossier
        grappe = dossier.grappe
        for row in rows:  # bottom-up keeps earlier positions valid
            oi, ei = self.essms_model.position(row)
            grappe = remove_establishment(grappe, oi, ei)
        self.editor.apply(
            with_grappe(dossier, grappe),
            self.tr("Remove %1 establishment(s)").replace("%1", str(len(rows))),
        )

    def add_from_finess(self) -> None:
        from esms_desktop.ui.finess_dialog import FinessDialog

        if self.register is not None:
            FinessDialog(self.editor, self.register, self).exec()

    def find_partners(self) -> None:
        """« Trouver des partenaires »: the register's OGs that could complete the grappe."""
        from esms_desktop.ui.partner_dialog import open_partner_dialog

        if self.register is not None:
            open_partner_dialog(self.editor, self.register, self)

    def load_and_pick(self, path: Path) -> None:
        """Load a FINESS file as the offline register, then pick establishments from it."""
        from esms_desktop.ui.finess_dialog import load_register_in_background

        load = getattr(self.register, "load_register", None)
        if load is not None:
            load_register_in_background(self, load, path, lambda _result: self.add_from_finess())

    def merge_partner_file(self, path: Path | None = None) -> None:
        """Merge a partner's .esms file: preview, conflicts, then one undo step."""
        from esms_desktop.ui.merge_dialog import open_merge

        if path is None:
            path = open_file(
                self,
                self.tr("Merge a partner's file"),
                self.tr("esms-desktop exchange file (*.esms)"),
                kind="imports",
            )
            if path is None:
                return
        try:
            dialog = open_merge(self.editor, path, self)
        except UserError as exc:  # ExchangeFileError: tampered, truncated, newer format…
            QMessageBox.warning(self, self.tr("Merge a partner's file"), exc.message)
            return
        dialog.exec()

    def _show_finding(self, index: QModelIndex) -> None:
        finding = index.data(FINDING_ROLE)
        if finding is None or not finding.finess:
            return
        for row in range(self.essms_model.rowCount()):
            if self.essms_model.establishment(row).finess == finding.finess:
                proxy_index = self.proxy.mapFromSource(self.essms_model.index(row, 0))
                self.table.setCurrentIndex(proxy_index)
                self.table.scrollTo(proxy_index)
                self.table.setFocus()
                return
