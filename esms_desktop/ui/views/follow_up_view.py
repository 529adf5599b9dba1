"""Step « Suivi du projet »: the funded project after its candidature, to its last payment.

The phase and the buttons of the moves NEXT_PHASES allows; the convention's tranches (what came,
what remains and why), what the porteur passed on to each member OG; the milestones of each
ESSMS; the usage indicators as a grid (ESSMS × period) with a chart of the project's trajectory
against the threshold, the ESSMS that hold the project back first; the two PDFs.

Every rule is the domain's (:mod:`~esms_desktop.domain.follow_up_edits`,
:mod:`~esms_desktop.domain.payments`, :mod:`~esms_desktop.domain.usage_progress`): the view only
shows what they return and turns each button into one undoable edit (``editor.apply``). A move
the domain refuses (« Solder » while a tranche is not received) is shown in a French message box.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from esms_desktop.domain import follow_up_edits as edits
from esms_desktop.domain import follow_up_todo as todo
from esms_desktop.domain import payments, usage_progress
from esms_desktop.domain.campaign import Campaign, CampaignError
from esms_desktop.domain.dossier import Dossier, UsageTarget
from esms_desktop.domain.errors import UserError
from esms_desktop.domain.follow_up import (
    Convention,
    MemberTransfer,
    Period,
    PeriodKind,
    Phase,
)
from esms_desktop.domain.formatting import format_date, format_eur, format_threshold
from esms_desktop.domain.parsing import (
    Parsed,
    parse_due_date,
    parse_label,
    parse_money,
    parse_pct,
    parse_text,
    parse_threshold,
)
from esms_desktop.domain.usage_progress import IndicatorProblem
from esms_desktop.services import catalog
from esms_desktop.ui.delegates import CheckingDelegate
from esms_desktop.ui.file_dialogs import open_file, save_file
from esms_desktop.ui.follow_up_state import shares, verdicts
from esms_desktop.ui.models.follow_up_tables import (
    FollowUpRecordsModel,
    IndicatorGridModel,
    MilestonesModel,
)
from esms_desktop.ui.models.records import Column
from esms_desktop.ui.undo import Editor
from esms_desktop.ui.views.amendments_panel import AmendmentsPanel
from esms_desktop.ui.views.follow_up_chart import TrajectoryChart
from esms_desktop.ui.widgets import WarningLine, scroll_page, wrapped


def _money(value: Decimal | None) -> str:
    return "" if value is None else format_eur(value)


def _day(value: date | None) -> str:
    return format_date(value)


def _day_edit(value: date | None) -> str:
    return "" if value is None else value.strftime("%d/%m/%Y")


def _money_edit(value: Decimal | None) -> str:
    return "" if value is None else str(value).replace(".", ",")


def _share(text: str) -> Parsed:
    """A share typed in the grid, read as an imported file's cell is (0–100 %)."""
    value, problem = usage_progress.parse_share(text)
    return Parsed(problem=problem) if problem else Parsed(value)


def _count(text: str) -> Parsed:
    """A count typed in the grid (documents sent, messages…), never negative."""
    value, problem = usage_progress.parse_count(text)
    return Parsed(problem=problem) if problem else Parsed(value)


class ConventionDialog(QDialog):
    """« Retenu (convention signée)… »: the date signed, the amount granted, the reference."""

    def __init__(self, amount_asked: Decimal | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Convention signed"))
        form = QFormLayout(self)
        self.date_edit = QLineEdit()
        self.date_edit.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.amount_edit = QLineEdit(_money_edit(amount_asked))
        self.reference_edit = QLineEdit()
        form.addRow(self.tr("Signed &on:"), self.date_edit)
        form.addRow(self.tr("Amount &granted:"), self.amount_edit)
        form.addRow(self.tr("&Reference:"), self.reference_edit)
        self.problem = WarningLine()
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.convention: Convention | None = None

    def _accept(self) -> None:
        signed = parse_due_date(self.date_edit.text())
        amount = parse_money(self.amount_edit.text())
        problem = signed.problem or amount.problem
        if not problem and signed.value is None:
            problem = self.tr("the date the convention was signed is needed")
        if not problem and amount.value is None:
            problem = self.tr("the amount granted is needed")
        if problem:
            self.problem.set_message(problem)
            return
        self.convention = Convention(
            signed.value, amount.value, reference=self.reference_edit.text().strip()
        )
        self.accept()


class FollowUpView(QWidget):
    """The follow-up step: phase, payments, milestones, indicators, reports."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.convention_dialog: ConventionDialog | None = None
        self._indicator = ""
        self._build()
        # Wrapped rows are measured at the columns' widths: again when the step is resized
        # (first shown, window resized), else a row measured narrow stays several lines tall.
        self._refit_timer = QTimer(self)
        self._refit_timer.setSingleShot(True)
        self._refit_timer.setInterval(0)
        self._refit_timer.timeout.connect(self._refit)
        tables = (self.tranches_table, self.transfers_table, self.milestones_table)
        for table in (*tables, self.amendments_panel.table):
            table.horizontalHeader().sectionResized.connect(
                lambda *_args: self._refit_timer.start()
            )
        editor.session.subscribe(self._follow)
        self._follow(editor.session.dossier)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._refit_timer.start()

    def _refit(self) -> None:
        self._fit(self.amendments_panel.table, 220)
        self._fit(self.tranches_table)
        self._fit(self.shares_table)
        self._fit(self.transfers_table)
        self._fit(self.milestones_table, 420)

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        body = scroll_page(
            self,
            self.tr("Project follow-up"),
            self.tr(
                "After the candidature: the ARS's decision, the tranches received, each "
                "ESSMS's milestones and the usage indicators the last payment depends on. Each "
                "change is one step Ctrl+Z undoes."
            ),
        )
        body.addWidget(self._phase_box())
        self.amendments_panel = AmendmentsPanel(self.editor)
        body.addWidget(self.amendments_panel)
        body.addWidget(self._payments_box())
        body.addWidget(self._milestones_box())
        body.addWidget(self._indicators_box())
        body.addWidget(self._reports_box())
        body.addStretch(1)

    def _phase_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Phase"))
        layout = QVBoxLayout(box)
        self.phase_label = QLabel()
        self.phase_label.setObjectName("follow_up.phase")
        self.phase_label.setWordWrap(True)
        self.phase_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.phase_label)
        self.lock_note = wrapped()
        layout.addWidget(self.lock_note)
        row = QHBoxLayout()
        self.file_button = QPushButton(self.tr("&Mark as filed"))
        self.retained_button = QPushButton(self.tr("Selec&ted (convention signed)…"))
        self.rejected_button = QPushButton(self.tr("N&ot selected"))
        self.deploy_button = QPushButton(self.tr("Start &deployment"))
        self.close_button = QPushButton(self.tr("&Close the project (last payment)"))
        self.transition_buttons: dict[Phase, QPushButton] = {
            Phase.DEPOSE: self.file_button,
            Phase.RETENU: self.retained_button,
            Phase.NON_RETENU: self.rejected_button,
            Phase.DEPLOIEMENT: self.deploy_button,
            Phase.SOLDE: self.close_button,
        }
        self.file_button.clicked.connect(lambda _c=False: self.mark_filed())
        self.retained_button.clicked.connect(lambda _c=False: self.record_convention())
        self.rejected_button.clicked.connect(lambda _c=False: self.record_rejection())
        self.deploy_button.clicked.connect(lambda _c=False: self.start_deployment())
        self.close_button.clicked.connect(lambda _c=False: self.close_project())
        for button in self.transition_buttons.values():
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        return box

    def _table(self, model: FollowUpRecordsModel | IndicatorGridModel, name: str) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setAccessibleName(name)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        table.horizontalHeader().setStretchLastSection(True)
        table.setWordWrap(True)
        return table

    @staticmethod
    def _fit(table: QTableView, most: int = 300) -> None:
        """Rows as tall as their wrapped text, the table as tall as its rows and one spare row:
        the page scrolls as a whole (two nested scroll bars fight for the wheel)."""
        table.resizeRowsToContents()
        rows = sum(table.rowHeight(r) for r in range(table.model().rowCount()))
        spare = table.verticalHeader().defaultSectionSize()
        height = table.horizontalHeader().height() + rows + spare + 2 * table.frameWidth()
        table.setFixedHeight(max(80, min(height, most)))

    def _checked(self, table: QTableView, model: FollowUpRecordsModel) -> WarningLine:
        """A checking delegate on ``table`` and the line under it that says why a value was
        refused."""
        line = WarningLine()
        parsers = {c.key: c.parse for c in model.columns}
        delegate = CheckingDelegate(model.column_key, parsers, {}, parent=table)
        delegate.refused.connect(line.set_message)
        table.setItemDelegate(delegate)
        return line

    def _payments_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Payments"))
        layout = QVBoxLayout(box)
        self.payments_summary = wrapped()
        self.payments_summary.setObjectName("follow_up.payments")
        layout.addWidget(self.payments_summary)
        money = self.tr("in euros, as on the convention")
        columns = (
            Column("label", self.tr("Tranche"), parse_label),
            Column("condition", self.tr("Condition"), parse_text),
            Column("expected", self.tr("Expected"), parse_money, _money, money, _money_edit),
            Column("received", self.tr("Received"), parse_money, _money, money, _money_edit),
            Column(
                "received_on",
                self.tr("Received on"),
                parse_due_date,
                _day,
                self.tr("dd/mm/yyyy"),
                _day_edit,
            ),
        )
        self.tranches_model = FollowUpRecordsModel(
            self.editor,
            "tranches",
            columns,
            self.tr("Edit a tranche"),
            derived=((self.tr("What remains, and why"), self._tranche_status),),
        )
        self.tranches_table = self._table(self.tranches_model, self.tr("Tranches"))
        self.tranches_table.setObjectName("follow_up.tranches")
        self.tranches_refusal = self._checked(self.tranches_table, self.tranches_model)
        for col, width in enumerate((130, 140, 85, 85, 85)):  # the reason gets the rest
            self.tranches_table.setColumnWidth(col, width)
        layout.addWidget(self.tranches_table)
        layout.addWidget(self.tranches_refusal)

        layout.addWidget(wrapped(self.tr("What comes to each OG of the grappe:")))
        self.shares_model = QStandardItemModel(0, 5, self)
        self.shares_model.setHorizontalHeaderLabels(
            [
                self.tr("OG"),
                self.tr("Share of the grant"),
                self.tr("Share of the tranches received"),
                self.tr("Passed on"),
                self.tr("Still owed"),
            ]
        )
        self.shares_table = QTableView()
        self.shares_table.setObjectName("follow_up.shares")
        self.shares_table.setAccessibleName(self.tr("Shares of each OG"))
        self.shares_table.setModel(self.shares_model)
        self.shares_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.shares_table.verticalHeader().hide()
        header = self.shares_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.shares_table)
        self.shares_reason = wrapped()
        self.shares_reason.setObjectName("follow_up.shares_reason")
        layout.addWidget(self.shares_reason)
        layout.addWidget(wrapped(self.tr("What the porteur passed on to each member OG:")))
        transfer_columns = (
            Column("og_name", self.tr("Member OG"), parse_label),
            Column("finess_ej", self.tr("FINESS EJ"), parse_text),
            Column("amount", self.tr("Amount"), parse_money, _money, money, _money_edit),
            Column("paid_on", self.tr("Paid on"), parse_due_date, _day, "", _day_edit),
            Column("note", self.tr("Note"), parse_text),
        )
        self.transfers_model = FollowUpRecordsModel(
            self.editor, "transfers", transfer_columns, self.tr("Edit a transfer")
        )
        self.transfers_table = self._table(self.transfers_model, self.tr("Member transfers"))
        self.transfers_table.setObjectName("follow_up.transfers")
        self.transfers_refusal = self._checked(self.transfers_table, self.transfers_model)
        layout.addWidget(self.transfers_table)
        layout.addWidget(self.transfers_refusal)
        row = QHBoxLayout()
        self.add_transfer_button = QPushButton(self.tr("Add a t&ransfer"))
        self.remove_transfer_button = QPushButton(self.tr("De&lete the transfer"))
        self.add_transfer_button.clicked.connect(lambda _c=False: self.add_transfer())
        self.remove_transfer_button.clicked.connect(lambda _c=False: self.remove_transfer())
        row.addWidget(self.add_transfer_button)
        row.addWidget(self.remove_transfer_button)
        row.addStretch(1)
        layout.addLayout(row)
        return box

    def _milestones_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Milestones per ESSMS"))
        layout = QVBoxLayout(box)
        layout.addWidget(
            wrapped(
                self.tr(
                    "Set-up and deployment of each ESSMS: planned and done dates, typed as "
                    "dd/mm/yyyy."
                )
            )
        )
        self.milestones_table = QTableView()
        self.milestones_model = MilestonesModel(
            self.editor,
            (
                self.tr("ESSMS"),
                self.tr("Set-up planned"),
                self.tr("Set-up done"),
                self.tr("Deployment planned"),
                self.tr("Deployment done"),
            ),
            self.tr("Edit a milestone"),
        )
        self.milestones_table.setModel(self.milestones_model)
        self.milestones_table.setObjectName("follow_up.milestones")
        self.milestones_table.setAccessibleName(self.tr("Milestones per ESSMS"))
        header = self.milestones_table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the ESSMS's name
        for column in range(1, self.milestones_model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.milestones_table.setWordWrap(True)
        self.milestones_refusal = WarningLine()
        delegate = CheckingDelegate(
            self.milestones_model.column_key,
            {"date": parse_due_date},
            {},
            parent=self.milestones_table,
        )
        delegate.refused.connect(self.milestones_refusal.set_message)
        self.milestones_table.setItemDelegate(delegate)
        layout.addWidget(self.milestones_table)
        layout.addWidget(self.milestones_refusal)
        return box

    def _indicators_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Usage indicators"))
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        self.indicator_combo = QComboBox()
        self.indicator_combo.setAccessibleName(self.tr("Indicator"))
        self.indicator_combo.currentIndexChanged.connect(lambda _i: self._indicator_chosen())
        label = QLabel(self.tr("&Indicator:"))
        label.setBuddy(self.indicator_combo)
        row.addWidget(label)
        row.addWidget(self.indicator_combo, 1)
        self.threshold_badge = QLabel()
        self.threshold_badge.setObjectName("follow_up.threshold")
        row.addWidget(self.threshold_badge)
        self.confirm_button = QPushButton(self.tr("Enter the threshold of my co&nvention…"))
        self.confirm_button.clicked.connect(lambda _c=False: self.ask_threshold())
        row.addWidget(self.confirm_button)
        layout.addLayout(row)
        self.progress_label = wrapped()
        self.progress_label.setObjectName("follow_up.progress")
        layout.addWidget(self.progress_label)
        self.chart = TrajectoryChart()
        self.chart.setAccessibleName(self.tr("Trajectory of the project against the threshold"))
        layout.addWidget(self.chart)
        self.grid_model = IndicatorGridModel(self.editor, self.tr("Enter an indicator value"))
        self.grid_table = QTableView()
        self.grid_table.setModel(self.grid_model)
        self.grid_table.setObjectName("follow_up.indicators")
        self.grid_table.setAccessibleName(self.tr("Values per ESSMS and period"))
        self.grid_table.setMinimumHeight(220)
        self.grid_table.horizontalHeader().setDefaultSectionSize(76)
        self.grid_refusal = WarningLine()
        self._grid_parsers: dict[str, Callable[[str], Parsed]] = {"value": parse_pct}
        self.grid_delegate = CheckingDelegate(
            lambda _column: "value", self._grid_parsers, {}, parent=self.grid_table
        )
        self.grid_delegate.refused.connect(self.grid_refusal.set_message)
        self.grid_table.setItemDelegate(self.grid_delegate)
        layout.addWidget(self.grid_table)
        layout.addWidget(self.grid_refusal)
        buttons = QHBoxLayout()
        self.add_period_button = QPushButton(self.tr("Add the ne&xt month"))
        self.add_period_button.clicked.connect(lambda _c=False: self.add_period())
        self.import_button = QPushButton(self.tr("Im&port indicators…"))
        self.import_button.clicked.connect(lambda _c=False: self.import_indicators())
        buttons.addWidget(self.add_period_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._extra_periods: list[Period] = []
        return box

    def _reports_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Reports"))
        row = QHBoxLayout(box)
        self.usage_report_button = QPushButton(self.tr("&Usage targets report (PDF)…"))
        self.payment_report_button = QPushButton(self.tr("Payment &statement (PDF)…"))
        self.usage_report_button.clicked.connect(lambda _c=False: self.write_usage_report())
        self.payment_report_button.clicked.connect(lambda _c=False: self.write_payments())
        row.addWidget(self.usage_report_button)
        row.addWidget(self.payment_report_button)
        row.addStretch(1)
        return box

    # --- the side list's items ------------------------------------------------------------

    def focus_field(self, key: str) -> bool:
        """Bring the widget of a follow-up to-do item into view and focus it (keys of
        :mod:`~esms_desktop.domain.follow_up_todo`); False for a key of another step."""
        target: QWidget | None = None
        if key == todo.PHASE_FIELD:
            shown = [b for b in self.transition_buttons.values() if b.isVisibleTo(self)]
            target = shown[0] if shown else None
        elif key.startswith(todo.TRANCHE_FIELD):
            row = int(key.removeprefix(todo.TRANCHE_FIELD) or 0)
            self.tranches_table.setCurrentIndex(self.tranches_model.index(row, 0))
            target = self.tranches_table
        elif key.startswith((todo.THRESHOLD_FIELD, todo.INDICATOR_FIELD)):
            threshold = key.startswith(todo.THRESHOLD_FIELD)
            indicator = key.split(":", 1)[1]
            found = self.indicator_combo.findText(indicator)
            if found >= 0:
                self.indicator_combo.setCurrentIndex(found)
            target = self.confirm_button if threshold else self.grid_table
        elif key == todo.MILESTONES_FIELD:
            self.milestones_table.setCurrentIndex(self.milestones_model.index(0, 4))
            target = self.milestones_table
        if target is None:
            return False
        area = self.findChild(QScrollArea)
        if area is not None:
            area.ensureWidgetVisible(target)
        target.setFocus()
        return True

    # --- following the dossier --------------------------------------------------------------

    def _follow(self, dossier: Dossier) -> None:
        follow_up = dossier.follow_up
        phase = follow_up.phase
        text = self.tr("Phase: %1").replace("%1", phase.label)
        if follow_up.convention is not None:
            text += (
                self.tr(" — convention signed on %1, %2 granted")
                .replace("%1", format_date(follow_up.convention.signed_on))
                .replace("%2", format_eur(follow_up.convention.amount_granted))
            )
        self.phase_label.setText(text)
        self.phase_label.setAccessibleName(text)
        filed = follow_up.filed
        self.lock_note.setText(
            self.tr(
                "The candidature was filed on %1: its steps now keep what was filed; a change "
                "there is refused or becomes an amendment."
            ).replace("%1", format_date(filed.filed_on))
            if filed is not None
            else ""
        )
        self.lock_note.setVisible(filed is not None)
        self.amendments_panel.setVisible(filed is not None)  # only a filed dossier is amended
        self.amendments_panel.show_dossier(dossier)
        allowed = NEXT(phase)
        for target, button in self.transition_buttons.items():
            button.setVisible(target in allowed)
        funded = phase in (Phase.RETENU, Phase.DEPLOIEMENT, Phase.SOLDE)
        for widget in (self.add_transfer_button, self.remove_transfer_button):
            widget.setEnabled(funded)
        self.milestones_model.refresh(dossier)
        self._fill_indicators(dossier)
        self._show_payments(dossier)
        self._refit()

    def _computed(
        self, dossier: Dossier
    ) -> tuple[usage_progress.UsageProgress, payments.PaymentStatus]:
        """The domain's verdicts for ``dossier``, computed once per value (each cell of the
        tranches table asks for its line; the side list reads them too)."""
        return verdicts(dossier)

    def _progress(self, dossier: Dossier) -> usage_progress.UsageProgress:
        return self._computed(dossier)[0]

    def _status(self, dossier: Dossier) -> payments.PaymentStatus:
        return self._computed(dossier)[1]

    def _campaign(self, dossier: Dossier) -> Campaign | None:
        try:
            return catalog.library().get(dossier.campaign_id).campaign
        except CampaignError:
            return None

    def _tranche_status(self, dossier: Dossier, row: int) -> str:
        status = self._status(dossier)
        lines = status.tranches
        return lines[row].why if row < len(lines) else ""

    def _show_payments(self, dossier: Dossier) -> None:
        self._show_shares(dossier)
        if not dossier.follow_up.tranches:
            self.payments_summary.setText(
                self.tr("The tranches appear once the convention is recorded (« Selected »).")
            )
            return
        status = self._status(dossier)
        self.payments_summary.setText(
            self.tr("Received: %1 — remaining to be received: %2")
            .replace("%1", format_eur(status.received))
            .replace("%2", format_eur(status.remaining))
        )

    def _show_shares(self, dossier: Dossier) -> None:
        """Each OG's share, as the statement gives it; « à compléter » while the budget cannot
        split the grant, with the domain's reason under the table."""
        statements, reason = shares(dossier)
        blank = self.tr("to be completed")

        def money(value: Decimal | None) -> str:
            return blank if value is None else format_eur(value)

        self.shares_model.setRowCount(0)
        for s in statements:
            name = s.og + (self.tr(" (porteur)") if s.is_porteur else "")
            owed = self.tr("kept") if s.is_porteur else money(s.owed)
            cells = [name, money(s.share), money(s.due), format_eur(s.passed), owed]
            row = []
            for column, text in enumerate(cells):
                item = QStandardItem(text)
                item.setEditable(False)
                if column:
                    item.setTextAlignment(RIGHT)
                row.append(item)
            self.shares_model.appendRow(row)
        self.shares_reason.setText(reason)
        self.shares_reason.setVisible(bool(reason))

    # --- indicators -----------------------------------------------------------------------

    def _targets(self, dossier: Dossier) -> tuple[UsageTarget, ...]:
        return dossier.usage_targets

    def _fill_indicators(self, dossier: Dossier) -> None:
        names = [t.indicator for t in self._targets(dossier)]
        current = self._indicator or (names[0] if names else "")
        if [self.indicator_combo.itemText(i) for i in range(self.indicator_combo.count())] != names:
            self.indicator_combo.blockSignals(True)
            self.indicator_combo.clear()
            self.indicator_combo.addItems(names)
            self.indicator_combo.blockSignals(False)
        if current in names:
            self.indicator_combo.setCurrentIndex(names.index(current))
        self._indicator = current
        self._show_indicator(dossier)

    def _indicator_chosen(self) -> None:
        self._indicator = self.indicator_combo.currentText()
        self._show_indicator(self.editor.session.dossier)

    def _target(self, dossier: Dossier) -> UsageTarget | None:
        return next((t for t in self._targets(dossier) if t.indicator == self._indicator), None)

    def _periods(self, dossier: Dossier) -> list[Period]:
        seen = {v.period for v in dossier.follow_up.indicators if v.indicator == self._indicator}
        return sorted(seen | set(self._extra_periods))

    def _show_indicator(self, dossier: Dossier) -> None:
        target = self._target(dossier)
        share = target is None or usage_progress.is_share(target)
        project = self._progress(dossier).for_target(self._indicator)
        # The ESSMS the target concerns, those holding the project back first (the domain's
        # order, worst first); the exempt ones last, so their empty cells read as « not
        # concerned » rather than as « forgotten ».
        ordered = [(p.finess, p.name) for p in project.essms] if project is not None else []
        if project is not None:
            ordered += list(project.exempt)
        parse = _share if share else _count
        self._grid_parsers["value"] = parse
        if (
            self.grid_model.indicator != self._indicator
            or set(self.grid_model.rows) != set(ordered)  # the order kept while typing
            or list(self.grid_model.periods) != self._periods(dossier)
        ):
            self.grid_model.set_grid(
                self._indicator,
                ordered,
                self._periods(dossier),
                parse,
                _plain_number,
            )
        self.grid_model.set_short(_short_of(target))
        threshold = target.threshold if target is not None else None
        confirmed = self._indicator in dossier.follow_up.confirmed_thresholds
        badge = format_threshold(threshold) or self.tr("no threshold")
        if not confirmed:
            badge += " — " + self.tr("to be confirmed")
        self.threshold_badge.setText(badge)
        self.threshold_badge.setToolTip(
            self.tr("Threshold typed from your signed convention")
            if confirmed
            else self.tr("No public source gives it: enter your convention's value")
        )
        self.progress_label.setText(project.summary if project is not None else "")
        points = [
            (str(p), float(v) if v is not None else None)
            for p, v in (project.by_period if project is not None else ())
        ]
        bar = project.bar if project is not None else None
        bar_text = "" if bar is None else _plain_number(bar) + (" %" if share else "")
        self.chart.set_series(
            points,
            float(bar) if bar is not None else None,
            maximum=100.0 if share else None,
            caption=(f"{self._indicator} — {project.basis.label}" if project is not None else ""),
            description="; ".join(f"{p} : {v}" for p, v in points),
            unit="%" if share else "",
            threshold_label=self.tr("target %1").replace("%1", bar_text) if bar_text else "",
        )

    def add_period(self) -> None:
        """« Add a month »: a column after the last period shown (or this month)."""
        dossier = self.editor.session.dossier
        periods = self._periods(dossier)
        if periods:
            last = periods[-1]
            year, index = (last.year, last.index + 1)
            if index > 12:
                year, index = year + 1, 1
        else:
            today = date.today()
            year, index = today.year, today.month
        added = Period(year, index, PeriodKind.MOIS)
        self._extra_periods.append(added)
        self._show_indicator(dossier)
        # The new month's first cell, ready to be typed in.
        column = list(self.grid_model.periods).index(added)
        self.grid_table.setFocus()
        self.grid_table.setCurrentIndex(self.grid_model.index(0, column))
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(
                self.tr("Month %1 added: type its values in the grid.").replace("%1", str(added)),
                5000,
            )

    def ask_threshold(self) -> None:
        """« Enter the threshold of my convention… »: typed, checked, recorded as confirmed."""
        dossier = self.editor.session.dossier
        target = self._target(dossier)
        if target is None:
            return
        dialog = ThresholdDialog(format_threshold(target.threshold), self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.threshold is None:
            return
        self.editor.apply(
            edits.confirm_threshold(dossier, self._indicator, dialog.threshold),
            self.tr("Enter the threshold of the convention"),
        )

    def import_indicators(self) -> None:
        """« Import indicators… »: a partner's file read and checked whole; a bad file imports
        nothing and its problems are listed by row and column."""
        chosen = open_file(
            self,
            self.tr("Import indicators"),
            self.tr("Spreadsheets (*.csv *.xlsx *.xls *.ods);;All files (*)"),
            kind="imports",
        )
        if chosen is None:
            return
        from esms_desktop.importers.usage_sheet import read_indicator_sheet

        dossier = self.editor.session.dossier
        try:
            sheet = read_indicator_sheet(Path(chosen), dossier)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Import indicators"), exc.message)
            return
        if sheet.problems:
            self._show_problems(sheet.problems)
            return
        self.editor.apply(
            edits.merge_indicators(dossier, sheet.values, replace=True),
            self.tr("Import indicators"),
        )

    def _show_problems(self, problems: Sequence[IndicatorProblem]) -> None:
        """Every problem of a refused file, by row and column (1 = the header line)."""
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Indicators not imported"))
        layout = QVBoxLayout(dialog)
        layout.addWidget(
            wrapped(
                self.tr("Nothing was imported: the file holds these %1 problem(s).").replace(
                    "%1", str(len(problems))
                )
            )
        )
        listing = QListWidget()
        listing.setAccessibleName(self.tr("Problems of the file"))
        for p in problems:
            listing.addItem(
                self.tr("row %1, column “%2”: %3")
                .replace("%1", str(p.row))
                .replace("%2", p.column)
                .replace("%3", p.message)
            )
        listing.setMinimumWidth(560)
        layout.addWidget(listing)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        dialog.exec()
        dialog.deleteLater()

    # --- transitions ----------------------------------------------------------------------

    def _refused(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Project follow-up"), message)

    def mark_filed(self) -> None:
        """« Mark as filed »: the candidature frozen as it is now (its exchange text, the
        fingerprint its PDF prints, the amount asked), in one undo step."""
        from esms_desktop.reports.candidature import data_fingerprint
        from esms_desktop.services.assessment import assess_dossier
        from esms_desktop.services.exchange import canonical_json, dossier_to_dict
        from esms_desktop.services.follow_up import candidature_of

        dossier = self.editor.session.dossier
        candidature = candidature_of(dossier)
        budget = assess_dossier(candidature)
        snapshot = canonical_json({"dossier": dossier_to_dict(candidature)}).decode("utf-8")
        try:
            after = edits.file_candidature(
                dossier,
                date.today(),
                snapshot,
                data_fingerprint(candidature, budget),
                budget.total,
            )
        except ValueError as exc:
            self._refused(str(exc))
            return
        self.editor.apply(after, self.tr("Mark the candidature as filed"))

    def record_convention(self) -> None:
        dossier = self.editor.session.dossier
        filed = dossier.follow_up.filed
        dialog = ConventionDialog(filed.amount_asked if filed is not None else None, self)
        self.convention_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.convention is None:
            return
        self._decide(dialog.convention, self.tr("Record the convention"))

    def record_rejection(self) -> None:
        self._decide(None, self.tr("Record that the dossier was not selected"))

    def _decide(self, convention: Convention | None, label: str) -> None:
        dossier = self.editor.session.dossier
        try:
            after = edits.record_decision(dossier, convention, self._campaign(dossier))
        except ValueError as exc:
            self._refused(str(exc))
            return
        self.editor.apply(after, label)

    def start_deployment(self) -> None:
        dossier = self.editor.session.dossier
        try:
            after = edits.start_deployment(dossier)
        except ValueError as exc:
            self._refused(str(exc))
            return
        self.editor.apply(after, self.tr("Start the deployment"))

    def close_project(self) -> None:
        dossier = self.editor.session.dossier
        try:
            after = edits.close_project(dossier)
        except ValueError as exc:
            self._refused(str(exc))
            return
        self.editor.apply(after, self.tr("Close the project"))

    # --- transfers ------------------------------------------------------------------------

    def add_transfer(self) -> None:
        ogs = self.editor.session.dossier.grappe.organisations
        og = ogs[0] if ogs else None
        row = self.transfers_model.append(
            MemberTransfer(og.finess_ej if og else "", og.name if og else "", Decimal(0)),
            self.tr("Add a transfer"),
        )
        self.transfers_table.setCurrentIndex(self.transfers_model.index(row, 0))

    def remove_transfer(self) -> None:
        rows = sorted({i.row() for i in self.transfers_table.selectionModel().selectedIndexes()})
        if rows:
            self.transfers_model.remove_rows(rows, self.tr("Remove a transfer"))

    # --- reports --------------------------------------------------------------------------

    def write_usage_report(self) -> None:
        self._write(self.tr("Usage targets report"), "rapport-cibles-usage.pdf", "usage")

    def write_payments(self) -> None:
        self._write(self.tr("Payment statement"), "etat-des-versements.pdf", "payments")

    def _write(self, title: str, suggested: str, which: str) -> None:
        chosen = save_file(self, title, suggested, self.tr("PDF (*.pdf)"), kind="exports")
        if chosen is None:
            return
        from esms_desktop.services import follow_up as service

        dossier = self.editor.session.dossier
        try:
            if which == "usage":
                service.write_usage_report(dossier, Path(chosen))
            else:
                service.write_payment_statement(dossier, Path(chosen))
        except UserError as exc:
            QMessageBox.warning(self, title, exc.message)
            return
        self.written = Path(chosen)


def NEXT(phase: Phase) -> tuple[Phase, ...]:  # noqa: N802 - reads as the domain's table
    from esms_desktop.domain.follow_up import NEXT_PHASES

    return NEXT_PHASES[phase]


RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _short_of(target: UsageTarget | None) -> Callable[[Decimal], bool] | None:
    """The domain's verdict on one value, for the grid's red cells (None: nothing to judge)."""
    if target is None or target.threshold is None:
        return None
    return lambda value: usage_progress.reaches(target, value) is False


def _plain_number(value: Decimal) -> str:
    text = format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
    return text.replace(".", ",")


class ThresholdDialog(QDialog):
    """The threshold of the user's signed convention, typed as on the Engagements step."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Threshold of my convention"))
        form = QFormLayout(self)
        self.edit = QLineEdit(current)
        form.addRow(self.tr("&Threshold:"), self.edit)
        self.problem = WarningLine()
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.threshold = None

    def _accept(self) -> None:
        parsed = parse_threshold(self.edit.text())
        if parsed.problem or parsed.value is None:
            self.problem.set_message(parsed.problem or self.tr("a threshold is needed"))
            return
        self.threshold = parsed.value
        self.accept()
