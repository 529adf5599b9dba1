"""« Trouver des partenaires »: the OGs of the register that could complete the grappe.

A small association rarely knows the two or three other organismes gestionnaires that would
take its grappe to the size a call asks. The search (:mod:`esms_desktop.services.partner_search`)
ranks the OGs of the porteur's and neighbouring departments; this dialog shows them with how the
grappe would stand with each, lets the director narrow the list, pick an OG's ESSMS and add it
in one undo step, and take away a contact sheet or proposal letters for the ones she chose.

Nothing is decided here: the ranking, the counts, eligibility and budget are the service's and
the domain's. The dialog stays open after an addition and searches again, so the OG just added
leaves the list and every preview is of the grappe as it now is.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from esms_desktop.domain.edits import with_grappe
from esms_desktop.domain.errors import UserError
from esms_desktop.domain.formatting import format_eur
from esms_desktop.domain.grappe import Organisation
from esms_desktop.domain.nomenclature import Sector
from esms_desktop.domain.partner_search import (
    PartnerCandidate,
    PartnerFilters,
    PartnerPreview,
    with_partner,
)
from esms_desktop.services.session import DossierSession
from esms_desktop.ui.file_dialogs import open_file, save_file
from esms_desktop.ui.models.establishments import category_label
from esms_desktop.ui.models.partners import CANDIDATE_ROLE, KEYS, SORT_ROLE, PartnersModel
from esms_desktop.ui.undo import Editor

if TYPE_CHECKING:
    from esms_desktop.services.partner_search import PartnerSearch


class PartnerBackend:
    """The service calls of the dialog, bound to the workspace's store and the window's dossier.

    The search and the previews take the session's dossier as it is on screen (the service's
    ``*_from_dossier`` / ``*_in`` forms), so they never lag behind an edit; each store call opens
    its own unit of work, as the workspace's own methods do.
    """

    def __init__(self, workspace: Any, session: DossierSession) -> None:
        self.workspace = workspace
        self.session = session

    def _uow(self, *, read_only: bool = True) -> Any:
        return self.workspace.store.uow(read_only=read_only)

    def register_status(self) -> str | None:
        status: str | None = self.workspace.register_status()
        return status

    def search(self, filters: PartnerFilters, *, include_funded: bool) -> PartnerSearch:
        from esms_desktop.services import partner_search

        return partner_search.search_from_dossier(
            self._uow(), self.session.dossier, filters, include_funded=include_funded
        )

    def preview(
        self, candidate: PartnerCandidate, chosen: Collection[str] | None
    ) -> PartnerPreview:
        from esms_desktop.services import partner_search

        return partner_search.preview_in(self.session.dossier, candidate, chosen)

    def member(self, candidate: PartnerCandidate, chosen: Collection[str] | None) -> Organisation:
        from esms_desktop.services import partner_search

        return partner_search.member_in(self.session.dossier, candidate, chosen)

    def declared_funded(self) -> frozenset[str]:
        from esms_desktop.services import partner_search

        return partner_search.declared_funded(self._uow())

    def set_declared_funded(self, finess: str, funded: bool) -> None:
        from esms_desktop.services import partner_search

        partner_search.set_declared_funded(self._uow(read_only=False), finess, funded)

    def load_register(self) -> Callable[..., Any] | None:
        return getattr(self.workspace, "load_register", None)


class PartnerDialog(QDialog):
    """The candidates, the chosen one's ESSMS and preview, and what to do with the selection."""

    def __init__(
        self, editor: Editor, backend: PartnerBackend, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self.backend = backend
        self.found: PartnerSearch | None = None
        self.setWindowTitle(self.tr("Find partners"))
        self.model = PartnersModel(self.backend.preview)
        self._build()
        # Ctrl+Z / Ctrl+Y work here too (the window's actions do not reach a dialog); any step
        # done or undone searches again, so the list is always of the grappe as it stands.
        undo = editor.stack.createUndoAction(self, self.tr("Undo"))
        undo.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        redo = editor.stack.createRedoAction(self, self.tr("Redo"))
        redo.setShortcut(QKeySequence(QKeySequence.StandardKey.Redo))
        self.addActions([undo, redo])
        editor.stack.indexChanged.connect(self._stack_changed)
        self.refresh()
        self.resize(1180, 660)

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.load_button = QPushButton(self.tr("L&oad a FINESS file…"))
        self.load_button.setToolTip(
            self.tr("Load the national FINESS export or extract as the offline register")
        )
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.load_button)
        layout.addLayout(top)

        filters = QHBoxLayout()
        sector_label = QLabel(self.tr("&Sector:"))
        self.sector_combo = QComboBox()
        self.sector_combo.setAccessibleName(self.tr("Sector"))
        self.sector_combo.addItem(self.tr("All sectors"), None)
        for sector in Sector:
            self.sector_combo.addItem(sector.label, sector)
        sector_label.setBuddy(self.sector_combo)
        self.small_check = QCheckBox(self.tr("S&mall OGs only"))
        radius_label = QLabel(self.tr("&Radius:"))
        self.radius_spin = QSpinBox()
        self.radius_spin.setAccessibleName(self.tr("Radius in kilometres"))
        self.radius_spin.setRange(0, 1000)
        self.radius_spin.setSingleStep(10)
        self.radius_spin.setSuffix(" km")
        self.radius_spin.setSpecialValueText(self.tr("no limit"))
        radius_label.setBuddy(self.radius_spin)
        self.funded_check = QCheckBox(self.tr("Leave out those &declared funded"))
        self.funded_check.setChecked(True)
        self.funded_check.setToolTip(
            self.tr("Organisations you declared already in a funded project are not listed")
        )
        for w in (sector_label, self.sector_combo, self.small_check, radius_label):
            filters.addWidget(w)
        filters.addWidget(self.radius_spin)
        filters.addWidget(self.funded_check)
        filters.addStretch(1)
        layout.addLayout(filters)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("partners.candidates")
        self.table.setAccessibleName(self.tr("Organisations that could join the grappe"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the service's order
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        widths = {
            "name": 280,
            "department": 60,
            "distance": 80,
            "essms": 95,
            "sectors": 180,
            "small": 70,
            "counted_after": 120,
            "eligible_after": 70,
        }
        header = self.table.horizontalHeader()
        for key, width in widths.items():  # never narrower than the column's title
            column = KEYS.index(key)
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            fitted = header.fontMetrics().horizontalAdvance(title) + 24
            self.table.setColumnWidth(column, max(width, fitted))
        self.funded_action = QAction(self.tr("Already in a &funded project"), self)
        self.funded_action.setCheckable(True)
        self.funded_action.setToolTip(
            self.tr(
                "Declare the selected organisation already in a funded project (no double "
                "funding), or withdraw the declaration"
            )
        )
        self.table.addAction(self.funded_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        splitter.addWidget(self.table)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        self.detail_title = QLabel()
        self.detail_title.setTextFormat(Qt.TextFormat.PlainText)
        essms_label = QLabel(self.tr("ESSMS it would &bring (uncheck those that stay out):"))
        self.essms_list = QListWidget()
        self.essms_list.setAccessibleName(self.tr("ESSMS of the selected organisation"))
        essms_label.setBuddy(self.essms_list)
        self.preview_label = QLabel()
        self.preview_label.setWordWrap(True)
        self.preview_label.setTextFormat(Qt.TextFormat.PlainText)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(essms_label)
        detail_layout.addWidget(self.essms_list, 1)
        detail_layout.addWidget(self.preview_label)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([330, 230])
        layout.addWidget(splitter, 1)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add to the grappe"))
        self.add_button.setDefault(True)
        self.add_button.setToolTip(
            self.tr("Add the selected organisation with its checked ESSMS (Enter; Ctrl+Z undoes)")
        )
        self.funded_button = QPushButton(self.funded_action.text())
        self.funded_button.setCheckable(True)
        self.funded_button.setToolTip(self.funded_action.toolTip())
        self.pdf_button = QPushButton(self.tr("Contact sheet (&PDF)…"))
        self.csv_button = QPushButton(self.tr("Contact sheet (CS&V)…"))
        self.letters_button = QPushButton(self.tr("Proposal &letters…"))
        for b in (self.pdf_button, self.csv_button, self.letters_button):
            b.setToolTip(self.tr("For the selected organisations (Ctrl+click to select several)"))
            b.setAutoDefault(False)
        self.funded_button.setAutoDefault(False)
        self.load_button.setAutoDefault(False)
        close = QPushButton(self.tr("&Close"))
        close.setAutoDefault(False)
        for b in (self.add_button, self.funded_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.pdf_button, self.csv_button, self.letters_button, close):
            buttons.addWidget(b)
        layout.addLayout(buttons)

        # Tab order: filters, the list, its ESSMS, then the buttons left to right.
        order: list[QWidget] = [
            self.sector_combo,
            self.small_check,
            self.radius_spin,
            self.funded_check,
            self.table,
            self.essms_list,
            self.add_button,
            self.funded_button,
            self.pdf_button,
            self.csv_button,
            self.letters_button,
            close,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

        self.sector_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.small_check.toggled.connect(lambda _c: self.refresh())
        self.radius_spin.editingFinished.connect(self._radius_changed)
        self.radius_spin.valueChanged.connect(lambda _v: self._radius_changed())
        self.funded_check.toggled.connect(lambda _c: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.essms_list.itemChanged.connect(self._essms_checked)
        self.add_button.clicked.connect(self.add_current)
        self.funded_action.triggered.connect(self.toggle_funded)
        self.funded_button.clicked.connect(self.toggle_funded)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.csv_button.clicked.connect(self.export_csv)
        self.letters_button.clicked.connect(self.export_letters)
        self.load_button.clicked.connect(self.load_register)
        close.clicked.connect(self.accept)
        self._radius = 0

    # --- searching ------------------------------------------------------------------------

    def filters(self) -> PartnerFilters:
        sector = self.sector_combo.currentData()
        radius = self.radius_spin.value()
        return PartnerFilters(
            sectors=frozenset({sector}) if isinstance(sector, Sector) else frozenset(),
            small=True if self.small_check.isChecked() else None,
            max_distance_km=float(radius) if radius else None,
        )

    def _radius_changed(self) -> None:
        if self.radius_spin.value() != self._radius:
            self._radius = self.radius_spin.value()
            self.refresh()

    def refresh(self) -> None:
        """Search again (filters changed, an OG added, a declaration made), keeping the
        current row on the same OG when it is still listed."""
        current = self.current_candidate()
        keep = current.finess_ej if current is not None else ""
        try:
            self.found = self.backend.search(
                self.filters(), include_funded=not self.funded_check.isChecked()
            )
            funded = self.backend.declared_funded()
        except UserError as exc:
            self.found = None
            self.model.set_candidates(())
            self._show_problem(exc.message)
            return
        self.load_button.setVisible(False)
        self.model.set_candidates(self.found.candidates, funded)
        self.status.setText(self._status_text(self.found))
        row = self.model.row_of(keep) if keep else -1
        self._select_row(row if row >= 0 else 0)
        self._show_current()

    def _status_text(self, result: PartnerSearch) -> str:
        n = len(result.candidates)
        text = (
            self.tr(
                "%1 organisation(s) could join the grappe of %2, campaign « %3 » (departments %4)."
            )
            .replace("%1", str(n))
            .replace("%2", result.origin_label)
            .replace("%3", result.campaign.title)
            .replace("%4", ", ".join(sorted(result.departments)))
        )
        if not result.register_has_locations:
            text += " " + self.tr(
                "The register loaded gives no coordinates: distances are unknown (load the "
                "geolocated FINESS extract to rank by distance)."
            )
        return text

    def _show_problem(self, message: str) -> None:
        not_loaded = self.backend.register_status() is None
        self.status.setText(
            self.tr(
                "No FINESS register is loaded on this computer: load the national FINESS file "
                "(export or extract) to find the organisations around you."
            )
            if not_loaded
            else message
        )
        self.load_button.setVisible(not_loaded and self.backend.load_register() is not None)
        self._show_current()

    def _select_row(self, source_row: int) -> None:
        if not 0 <= source_row < self.model.rowCount():
            self.table.clearSelection()
            return
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    # --- the current candidate ------------------------------------------------------------

    def current_candidate(self) -> PartnerCandidate | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        candidate = index.data(CANDIDATE_ROLE)
        return candidate if isinstance(candidate, PartnerCandidate) else None

    def selected_candidates(self) -> list[PartnerCandidate]:
        """The selected rows in the table's order, else the current one."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        found = [self.proxy.index(r, 0).data(CANDIDATE_ROLE) for r in rows]
        chosen = [c for c in found if isinstance(c, PartnerCandidate)]
        if not chosen and (current := self.current_candidate()) is not None:
            chosen = [current]
        return chosen

    def _show_current(self) -> None:
        c = self.current_candidate()
        blocked = self.essms_list.blockSignals(True)
        self.essms_list.clear()
        if c is not None:
            chosen = self.model.chosen(c)
            for e in c.essms:
                where = " ".join(x for x in (e.postal_code, e.town) if x)
                text = f"{e.finess} — {e.long_name or e.name} — {category_label(e.category)}"
                item = QListWidgetItem(text + (f" — {where}" if where else ""))
                item.setData(Qt.ItemDataRole.UserRole, e.finess)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                checked = chosen is None or e.finess in chosen
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                self.essms_list.addItem(item)
            address = ", ".join(
                x
                for x in (c.og.address, " ".join(y for y in (c.og.postal_code, c.og.town) if y))
                if x
            )
            self.detail_title.setText(
                f"{c.name or 'OG ' + c.finess_ej} — FINESS {c.finess_ej}"
                + (f" — {address}" if address else "")
                + (f" — {c.og.phone}" if c.og.phone else "")
            )
        else:
            self.detail_title.setText("")
        self.essms_list.blockSignals(blocked)
        self._show_preview()
        self._update_buttons()

    def _checked_essms(self) -> list[str]:
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in (self.essms_list.item(i) for i in range(self.essms_list.count()))
            if item is not None and item.checkState() == Qt.CheckState.Checked
        ]

    def _essms_checked(self, _item: QListWidgetItem) -> None:
        c = self.current_candidate()
        if c is not None:
            self.model.set_chosen(c, self._checked_essms())
        self._show_preview()
        self._update_buttons()

    def _show_preview(self) -> None:
        c = self.current_candidate()
        if c is None:
            self.preview_label.setText("")
            return
        if not self._checked_essms():
            self.preview_label.setText(
                self.tr("Check at least one ESSMS to add this organisation.")
            )
            return
        p = self.model.preview(c)
        if isinstance(p, str):
            self.preview_label.setText(p)
            return
        verdict = (
            self.tr("the grappe would meet the campaign's rules")
            if p.eligible_after
            else self.tr("the grappe would still not meet the campaign's rules")
        )
        text = (
            self.tr("With this organisation: %1 ESSMS counted (%2 today), %3; budget %4.")
            .replace("%1", str(p.counted_after))
            .replace("%2", str(p.counted_before))
            .replace("%3", verdict)
            .replace("%4", ("+" if p.difference > 0 else "") + format_eur(p.difference))
        )
        if not p.complete_after:
            text += " " + self.tr("Some amounts are still to be confirmed.")
        if p.blocking:
            text += "\n" + "\n".join(f"• {f.message}" for f in p.blocking[:3])
        self.preview_label.setText(text)

    def _update_buttons(self) -> None:
        c = self.current_candidate()
        has = c is not None
        self.add_button.setEnabled(has and bool(self._checked_essms()))
        declared = has and c is not None and c.finess_ej in self.model.funded
        for w in (self.funded_button, self.funded_action):
            blocked = w.blockSignals(True)
            w.setChecked(declared)
            w.setEnabled(has)
            w.blockSignals(blocked)
        exportable = bool(self.selected_candidates())
        for b in (self.pdf_button, self.csv_button, self.letters_button):
            b.setEnabled(exportable)

    # --- actions --------------------------------------------------------------------------

    def add_current(self) -> None:
        """The current OG with its checked ESSMS joins the grappe: one undo step."""
        c = self.current_candidate()
        if c is None or not self._checked_essms():
            return
        chosen = self.model.chosen(c)
        try:
            member = self.backend.member(c, chosen)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Find partners"), exc.message)
            return
        dossier = self.editor.session.dossier
        self.editor.apply(
            with_grappe(dossier, with_partner(dossier.grappe, member)),
            self.tr("Add partner %1").replace("%1", member.name),
        )
        self.message.setText(
            self.tr("%1 added with %2 ESSMS (Ctrl+Z undoes it).")
            .replace("%1", member.name)
            .replace("%2", str(len(member.establishments)))
        )
        self.table.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        # Enter adds the current OG (the default button), except in a filter field, where it
        # only confirms the value typed (a radius typed then Enter must not add a partner).
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.focusWidget() in (self.radius_spin, self.sector_combo):
            self._radius_changed()
            event.accept()
            return
        super().keyPressEvent(event)

    def _stack_changed(self, _index: int) -> None:
        if self.isVisible():
            self.refresh()

    def toggle_funded(self) -> None:
        """Declare the current OG already in a funded project, or withdraw the declaration."""
        c = self.current_candidate()
        if c is None:
            return
        funded = c.finess_ej not in self.model.funded
        try:
            self.backend.set_declared_funded(c.finess_ej, funded)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Find partners"), exc.message)
            return
        self.message.setText(
            (
                self.tr("%1 declared already in a funded project.")
                if funded
                else self.tr("Declaration withdrawn for %1.")
            ).replace("%1", c.name or c.finess_ej)
        )
        self.refresh()

    def load_register(self) -> None:
        """Load a FINESS file as the register (in the background), then search."""
        from esms_desktop.ui.finess_dialog import load_register_in_background

        load = self.backend.load_register()
        if load is None:
            return
        path = open_file(
            self,
            self.tr("Load the FINESS register"),
            self.tr("FINESS files (*.csv *.json *.gz *.txt);;All files (*)"),
            kind="imports",
        )
        if path is not None:
            load_register_in_background(self, load, path, lambda _result: self.refresh())

    # --- exports --------------------------------------------------------------------------

    def _save(self, title: str, name: str, pattern: str, write: Callable[[Path], Any]) -> None:
        path = save_file(self, title, name, pattern, kind="exports")
        if path is None:
            return
        try:
            write(path)
        except UserError as exc:  # ReportWriteError: disk full, read-only folder…
            QMessageBox.warning(self, title, exc.message)
            return
        self.message.setText(self.tr("Saved: %1").replace("%1", str(path)))

    def _origin(self) -> tuple[str, str]:
        result = self.found
        if result is None:
            return "", ""
        return result.origin_label, result.campaign.title

    def export_pdf(self) -> None:
        from esms_desktop.reports.contact_sheet import render_contact_sheet
        from esms_desktop.reports.writer import write_pdf_atomically

        chosen = self.selected_candidates()
        origin, campaign = self._origin()
        self._save(
            self.tr("Contact sheet (PDF)"),
            "fiche-contacts-partenaires.pdf",
            self.tr("PDF documents (*.pdf)"),
            lambda path: write_pdf_atomically(
                render_contact_sheet(chosen, origin, campaign).data, path
            ),
        )

    def export_csv(self) -> None:
        from esms_desktop.reports.contact_sheet import write_contact_csv

        chosen = self.selected_candidates()
        self._save(
            self.tr("Contact sheet (CSV)"),
            "fiche-contacts-partenaires.csv",
            self.tr("CSV files (*.csv)"),
            lambda path: write_contact_csv(chosen, path),
        )

    def export_letters(self) -> None:
        from esms_desktop.reports.partner_letter import render_partner_letters
        from esms_desktop.reports.writer import write_pdf_atomically

        result = self.found
        if result is None:
            return
        chosen = self.selected_candidates()
        previews = {
            c.finess_ej: p for c in chosen if isinstance(p := self.model.preview(c), PartnerPreview)
        }
        session = self.editor.session
        self._save(
            self.tr("Proposal letters"),
            "lettres-proposition-grappe.pdf",
            self.tr("PDF documents (*.pdf)"),
            lambda path: write_pdf_atomically(
                render_partner_letters(
                    session.dossier, session.budget, result.campaign, chosen, previews
                ).data,
                path,
            ),
        )


def open_partner_dialog(editor: Editor, workspace: Any, parent: QWidget | None = None) -> None:
    """Open the dialog over the window's dossier."""
    dialog = PartnerDialog(editor, PartnerBackend(workspace, editor.session), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # it listens to the undo stack
    dialog.exec()
