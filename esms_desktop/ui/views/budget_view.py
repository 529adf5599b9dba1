"""Step "Budget": campaign values, lines per ESSMS and per project with their rules, tranches."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.formatting import format_eur
from esms_desktop.ui.chart import BarChart
from esms_desktop.ui.delegates import CheckingDelegate
from esms_desktop.ui.models.budget import (
    BudgetEstablishmentsModel,
    CampaignValuesModel,
    LinesModel,
    TranchesModel,
    parse_amount,
)
from esms_desktop.ui.undo import Editor
from esms_desktop.ui.widgets import fit_column, refusal_line


def _table(name: str, model: object) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setModel(model)  # type: ignore[arg-type]
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setWordWrap(True)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setVisible(False)
    return view


class BudgetView(QWidget):
    promote_requested = Signal()
    """« Save these amounts in a new campaign… »: the window (which has the campaigns) asks a
    title and copies the dossier's campaign with the amounts typed here."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.values_model = CampaignValuesModel(editor)
        self.essms_model = BudgetEstablishmentsModel(editor.session)
        self.lines_model = LinesModel()
        self.project_model = LinesModel(lambda: self.editor.session.budget.project_lines)
        self.tranches_model = TranchesModel(editor.session)
        self._build()
        editor.session.subscribe(self._refresh)
        self._refresh(editor.session.dossier)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<h2>Budget</h2>")))
        self.total_label = QLabel()
        self.total_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.total_label.setWordWrap(True)
        layout.addWidget(self.total_label)

        # The names are the keys under which view_state keeps what the user arranged.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("budget.split")
        top = QSplitter(Qt.Orientation.Horizontal)
        top.setObjectName("budget.top")

        values_box = QGroupBox(self.tr("Campaign values"))
        vl = QVBoxLayout(values_box)
        hint = QLabel(
            self.tr(
                "Amounts marked “to be confirmed with your ARS” can be typed in from your ARS's "
                "call for projects; empty the cell to go back to the campaign's value."
            )
        )
        hint.setWordWrap(True)
        vl.addWidget(hint)
        self.values_table = _table(self.tr("Campaign values"), self.values_model)
        self.values_table.setObjectName("budget.values")
        values_delegate = CheckingDelegate(
            lambda c: "amount" if c == 1 else "",
            {"amount": parse_amount},
            {},
            self.values_table,
        )
        self.values_table.setItemDelegate(values_delegate)
        self.values_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        # The label wraps on two lines, so that on a narrow page the amount stays in view.
        self.values_table.setColumnWidth(0, self.fontMetrics().averageCharWidth() * 26)
        self.values_table.verticalHeader().setDefaultSectionSize(
            2 * self.fontMetrics().lineSpacing() + 10
        )
        fit_column(self.values_table, 1, "1 000 000 €")
        self.values_table.setColumnWidth(2, 170)
        vl.addWidget(self.values_table)
        self.values_refusal = refusal_line(values_delegate)
        vl.addWidget(self.values_refusal)
        self.promote_button = QPushButton(self.tr("Save these amounts in a &new campaign…"))
        self.promote_button.setToolTip(
            self.tr(
                "The amounts typed here become those of a new campaign of yours, so that the "
                "next dossier does not type them again."
            )
        )
        self.promote_button.clicked.connect(self.promote_requested)
        vl.addWidget(self.promote_button, 0, Qt.AlignmentFlag.AlignLeft)
        top.addWidget(values_box)

        totals_box = QGroupBox(self.tr("Totals and tranches"))
        tl = QVBoxLayout(totals_box)
        self.tranches_table = _table(self.tr("Payment tranches"), self.tranches_model)
        self.tranches_table.setObjectName("budget.tranches")
        self.tranches_table.setColumnWidth(0, self.fontMetrics().averageCharWidth() * 32)
        fit_column(self.tranches_table, 1, "100 %")
        fit_column(self.tranches_table, 2, "10 000 000,00 €")
        tl.addWidget(self.tranches_table)
        self.chart = BarChart()
        self.chart.setAccessibleName(self.tr("Amount per organisation"))
        tl.addWidget(QLabel(self.tr("Amount per organisation")))
        tl.addWidget(self.chart)
        top.addWidget(totals_box)
        splitter.addWidget(top)

        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.setObjectName("budget.bottom")
        essms_box = QGroupBox(self.tr("Establishments"))
        el = QVBoxLayout(essms_box)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.essms_model)
        self.proxy = proxy
        self.essms_table = _table(self.tr("Funding per establishment"), proxy)
        self.essms_table.setObjectName("budget.establishments")
        self.essms_table.setSortingEnabled(True)
        self.essms_table.setWordWrap(False)
        self.essms_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.essms_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        for col, width in enumerate((95, 200, 150, 150, 110)):
            self.essms_table.setColumnWidth(col, width)
        fit_column(self.essms_table, 0, "000000000")  # the FINESS, never « 5900500… »
        fit_column(self.essms_table, 4, "10 000 000 €")
        el.addWidget(self.essms_table)
        bottom.addWidget(essms_box)

        detail_box = QGroupBox(self.tr("Detail: lines and rules"))
        dl = QVBoxLayout(detail_box)
        self.detail_title = QLabel(self.tr("Select an establishment to see its lines."))
        self.detail_title.setWordWrap(True)
        dl.addWidget(self.detail_title)
        self.lines_table = _table(self.tr("Lines of the selected establishment"), self.lines_model)
        self.lines_table.setObjectName("budget.lines")
        self.lines_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.lines_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.lines_table.setColumnWidth(0, 170)
        self.lines_table.setColumnWidth(1, 110)
        dl.addWidget(self.lines_table)
        dl.addWidget(QLabel(self.tr("<b>Project lines</b>")))
        self.project_table = _table(self.tr("Project lines"), self.project_model)
        self.project_table.setObjectName("budget.project_lines")
        self.project_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.project_table.setColumnWidth(0, 170)
        self.project_table.setColumnWidth(1, 110)
        dl.addWidget(self.project_table)
        bottom.addWidget(detail_box)
        splitter.addWidget(bottom)
        layout.addWidget(splitter, 1)

        self.essms_table.selectionModel().selectionChanged.connect(self._selection_changed)

    def _selection_changed(self, _sel: QItemSelection, _old: QItemSelection) -> None:
        self._show_detail()

    def _selected_row(self) -> int | None:
        rows = self.essms_table.selectionModel().selectedRows()
        return self.proxy.mapToSource(rows[0]).row() if rows else None

    def _show_detail(self) -> None:
        row = self._selected_row()
        budget = self.editor.session.budget
        if row is None or row >= len(budget.establishments):
            self.lines_model.set_source(tuple)
            return
        e = budget.establishments[row]
        text = f"<b>{e.name}</b> ({e.finess}) — {format_eur(e.amount, missing='…')}"
        if e.reason:
            text += f"<br>{e.reason}"
        self.detail_title.setText(text)
        self.lines_model.set_source(
            lambda: (
                self.editor.session.budget.establishments[row].lines
                if row < len(self.editor.session.budget.establishments)
                else ()
            )
        )

    def _refresh(self, dossier: Dossier) -> None:
        self.promote_button.setEnabled(bool(dossier.overrides))
        budget = self.editor.session.budget
        status = self.tr("eligible") if budget.eligible else self.tr("not eligible")
        parts = [
            self.tr("<b>Total: %1</b>").replace("%1", format_eur(budget.total)),
            self.tr("%1 ESSMS counted, %2 funded — %3")
            .replace("%1", str(budget.counted_establishments))
            .replace("%2", str(budget.funded_count))
            .replace("%3", status),
        ]
        if not budget.complete:
            parts.append(self.tr("incomplete: some amounts are still to be filled in"))
        self.total_label.setText(" · ".join(parts))
        self.project_model.refresh()
        self.project_table.resizeRowsToContents()
        self._show_detail()
        subtotals = budget.subtotal_by_og()
        self.chart.set_bars([(name, float(v), format_eur(v)) for name, v in subtotals.items()])
