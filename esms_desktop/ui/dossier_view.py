"""One open dossier: the steps in a side bar (with their status) and the current step's view."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from esms_desktop.domain.dossier import Dossier
from esms_desktop.services.progress import Step, StepState, step_statuses
from esms_desktop.ui.undo import Editor

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
        layout.addLayout(side)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
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

    def show_step(self, step: Step) -> None:
        self.steps.setCurrentRow(self.order.index(step))

    def current_step(self) -> Step:
        return self.order[self.steps.currentRow()]

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
        verdict = self.tr("Eligible") if budget.eligible else self.tr("Not eligible")
        self.summary.setText(
            self.tr("%1 — %2 ESSMS counted<br>%3 step(s) with a problem")
            .replace("%1", verdict)
            .replace("%2", str(budget.counted_establishments))
            .replace("%3", str(problems))
        )
