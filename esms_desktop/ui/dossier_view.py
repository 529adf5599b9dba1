"""One open dossier: the steps in a side bar (with their status) and the current step's view.

A dossier opened with problems (values no door lets in, listed by the service) shows no step:
its page is the list of problems and how to repair, and nothing is computed over them.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from esms_desktop.domain.completeness import (
    MissingItem,
    Readiness,
    Step,
    StepState,
    missing_items,
    readiness,
    step_statuses,
)
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.validation import Problem, shown
from esms_desktop.ui.undo import Editor
from esms_desktop.ui.widgets import heading, warning_icon_label, wrapped

ViewFactory = Callable[[Editor], QWidget]


def step_title(step: Step) -> str:
    from PySide6.QtCore import QCoreApplication

    t = QCoreApplication.translate
    return {
        Step.PORTEUR: t("DossierView", "Porteur and project"),
        Step.AUTODIAG: t("DossierView", "Self-assessment"),
        Step.GRAPPE: t("DossierView", "Grappe"),
        Step.SOLUTION: t("DossierView", "DUI solution"),
        Step.BUDGET: t("DossierView", "Budget"),
        Step.ENGAGEMENTS: t("DossierView", "Usage targets and commitments"),
        Step.EXPORT: t("DossierView", "Annexes and export"),
    }[step]


def verdict_label(r: Readiness) -> str:
    """The short two-part verdict for the UI; never « Eligible » alone while incomplete."""
    from PySide6.QtCore import QCoreApplication

    t = QCoreApplication.translate
    if r.complete:
        return (
            t("DossierView", "Eligible and complete")
            if r.eligible
            else t("DossierView", "Not eligible")
        )
    text = (
        t("DossierView", "Eligible, dossier incomplete (%1 missing)")
        if r.eligible
        else t("DossierView", "Not eligible, dossier incomplete (%1 missing)")
    )
    return text.replace("%1", str(r.missing_count))


def repair_label() -> str:
    """The verdict of a dossier with problems: it is judged on nothing until repaired."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("DossierView", "To repair")


class RepairPage(QWidget):
    """What a dossier with problems shows instead of its steps: the problems, how to repair.

    The list is the service's (where, field, value, expected), shown as text; the buttons lead
    to the repair the window offers (restoring a backup) or back to the list of dossiers.
    """

    restore_requested = Signal()
    home_requested = Signal()

    def __init__(self, problems: tuple[Problem, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        banner = QHBoxLayout()
        banner.addWidget(warning_icon_label(32))
        words = QVBoxLayout()
        words.addWidget(heading(self.tr("This dossier must be repaired")))
        self.explanation = wrapped(
            self.tr(
                "It holds %1 value(s) that esms-desktop cannot use, listed below: it is open "
                "read-only, and nothing in it can be changed, computed or printed until it is "
                "repaired."
            ).replace("%1", str(len(problems)))
        )
        words.addWidget(self.explanation)
        banner.addLayout(words, 1)
        layout.addLayout(banner)
        self.table = QTableWidget(len(problems), 4)
        self.table.setAccessibleName(self.tr("Values to repair"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Where"), self.tr("Field"), self.tr("Value"), self.tr("Expected")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, problem in enumerate(problems):
            cells = (problem.where, problem.field, problem.value, problem.expected)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table, 1)
        self.hint = wrapped(
            self.tr(
                "To repair it, restore a backup taken before the problem (every dossier goes back "
                "to that moment), or delete this dossier from the list of dossiers."
            )
        )
        layout.addWidget(self.hint)
        buttons = QHBoxLayout()
        self.restore_button = QPushButton(self.tr("&Restore a backup…"))
        self.home_button = QPushButton(self.tr("Back to the &list of dossiers"))
        self.restore_button.clicked.connect(self.restore_requested)
        self.home_button.clicked.connect(self.home_requested)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.home_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)


class DossierView(QWidget):
    def __init__(
        self,
        editor: Editor,
        factories: dict[Step, ViewFactory],
        question_count: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self.question_count = question_count
        self.views: dict[Step, QWidget] = {}
        layout = QHBoxLayout(self)
        side = QVBoxLayout()
        self.title = QLabel()
        self.title.setWordWrap(True)
        side.addWidget(self.title)
        self.steps = QListWidget()
        self.steps.setAccessibleName(self.tr("Steps of the dossier"))
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side.addWidget(self.steps, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setMaximumWidth(300)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        side.addWidget(self.summary)
        # What is left to do: a short scrolling list; activating an item opens its step.
        self.todo_box = QGroupBox(self.tr("What is left to do"))
        self.todo_box.setCheckable(True)
        self.todo_box.setChecked(True)
        self.todo_box.setMaximumWidth(300)
        todo_layout = QVBoxLayout(self.todo_box)
        todo_layout.setContentsMargins(4, 4, 4, 4)
        self.todo = QListWidget()
        self.todo.setAccessibleName(self.tr("What is left to do"))
        self.todo.setWordWrap(True)
        self.todo.setMaximumHeight(180)
        self.todo.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        todo_layout.addWidget(self.todo)
        self.todo_box.toggled.connect(self.todo.setVisible)
        self.todo.itemActivated.connect(self._todo_activated)
        side.addWidget(self.todo_box)
        self.missing: tuple[MissingItem, ...] = ()
        layout.addLayout(side)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.repair: RepairPage | None = None
        self.order: list[Step] = []
        if editor.session.read_only:
            self._show_problems(editor.session.dossier, editor.session.problems)
            return
        self.order = [s for s in Step if s in factories]
        for step in self.order:
            view = factories[step](editor)
            self.views[step] = view
            self.stack.addWidget(view)
            item = QListWidgetItem(step_title(step))
            item.setData(Qt.ItemDataRole.UserRole, step.value)
            self.steps.addItem(item)
        widest = max(self.steps.fontMetrics().horizontalAdvance(step_title(s)) for s in self.order)
        self.steps.setFixedWidth(min(320, widest + self.steps.iconSize().width() + 48))
        self.steps.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.steps.setCurrentRow(0)
        editor.session.subscribe(self._refresh)
        self._refresh(editor.session.dossier)

    def _show_problems(self, dossier: Dossier, problems: tuple[Problem, ...]) -> None:
        """The repair page instead of the steps: no view is built over the problems, and no
        budget or completeness is computed (a ``NaN`` breaks every sum)."""
        name, campaign = (html.escape(shown(v, 200)) for v in (dossier.name, dossier.campaign_id))
        self.title.setText(f"<b>{name}</b><br>{campaign}")
        self.steps.hide()
        self.todo_box.hide()
        self.summary.setText(repair_label())
        self.summary.setAccessibleName(repair_label())
        self.repair = RepairPage(problems)
        self.stack.addWidget(self.repair)

    def show_step(self, step: Step) -> None:
        if step in self.order:  # a dossier to repair has no step
            self.steps.setCurrentRow(self.order.index(step))

    def current_step(self) -> Step:
        return self.order[self.steps.currentRow()]

    def go_to_missing(self, item: MissingItem) -> None:
        """Show the item's step and, when its view knows how, focus the field concerned."""
        if item.step not in self.order:
            return
        self.show_step(item.step)
        focus = getattr(self.views[item.step], "focus_field", None)
        if callable(focus):
            focus(item.field)

    def _todo_activated(self, list_item: QListWidgetItem) -> None:
        row = self.todo.row(list_item)
        if 0 <= row < len(self.missing):
            self.go_to_missing(self.missing[row])

    def _refresh(self, dossier: Dossier) -> None:
        self.title.setText(f"<b>{dossier.name}</b><br>{dossier.campaign_id}")
        statuses = {
            s.step: s
            for s in step_statuses(dossier, self.editor.session.budget, self.question_count)
        }
        style = QApplication.style()
        icons = {
            StepState.COMPLETE: style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton),
            StepState.TODO: style.standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView),
            StepState.PROBLEM: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        words = {
            StepState.COMPLETE: self.tr("complete"),
            StepState.TODO: self.tr("to do"),
            StepState.PROBLEM: self.tr("problem"),
        }
        problems = 0
        for row, step in enumerate(self.order):
            status = statuses[step]
            item = self.steps.item(row)
            item.setIcon(icons[status.state])
            item.setToolTip("\n".join(status.issues) or words[status.state])
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole, f"{step_title(step)} : {words[status.state]}"
            )
            problems += status.state is StepState.PROBLEM
        budget = self.editor.session.budget
        self.missing = missing_items(dossier, budget, self.question_count)
        r = readiness(budget, self.missing)
        eligibility = self.tr("Eligible") if r.eligible else self.tr("Not eligible")
        completeness = (
            self.tr("Complete")
            if r.complete
            else self.tr("Incomplete: %1 item(s) missing").replace("%1", str(r.missing_count))
        )
        lines = [
            self.tr("Eligibility: %1 — %2 ESSMS counted")
            .replace("%1", eligibility)
            .replace("%2", str(r.counted_essms)),
            self.tr("Completeness: %1").replace("%1", completeness),
        ]
        if problems:  # « 0 step(s) with a problem » beside « incomplete » read as « all good »
            lines.append(self.tr("%1 step(s) with a problem").replace("%1", str(problems)))
        self.summary.setText("<br>".join(lines))
        self.summary.setAccessibleName(verdict_label(r))
        self.todo.clear()
        for m in self.missing:
            entry = QListWidgetItem(m.message)
            entry.setData(Qt.ItemDataRole.UserRole, m.field)
            entry.setToolTip(m.message)
            self.todo.addItem(entry)
        self.todo_box.setVisible(bool(self.missing))
