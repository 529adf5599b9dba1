"""One open dossier: the steps in a side bar (with their status) and the current step's view.

A dossier opened with problems (values no door lets in, listed by the service) shows no step:
its page is the list of problems and how to repair, and nothing is computed over them.

The header names the dossier's campaign (title, identifier, the programme's or the user's) with
« Change the campaign… ». A dossier whose campaign file is not in this data folder (a user's
campaign from another computer) cannot be computed: it shows no step either, but a page saying
how to get the campaign back, and the button still works; once it has a campaign, its steps are
built. When its campaign file changed since the dossier was last computed, a banner above the
steps says so, and accepting the new version is one undoable step.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator, Mapping

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from esms_desktop.domain.campaign import CampaignError
from esms_desktop.domain.campaign_version import CAMPAIGN_CHANGED
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
from esms_desktop.domain.edits import accept_campaign_version
from esms_desktop.domain.follow_up_edits import candidature_locked
from esms_desktop.domain.formatting import format_eur
from esms_desktop.domain.validation import Problem, shown
from esms_desktop.services import catalog
from esms_desktop.services.campaign_library import CampaignEntry
from esms_desktop.ui.campaign_switch import CampaignSwitchDialog
from esms_desktop.ui.filed_guard import FiledGuardEditor
from esms_desktop.ui.undo import Editor
from esms_desktop.ui.widgets import Banner, heading, warning_icon_label, wrapped

ViewFactory = Callable[[Editor], QWidget]


class PageStack(QStackedWidget):
    """The step pages, as large as the current page needs (not as the largest page)."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()


class PageHolder(QWidget):
    """What the pages' scroll area holds: the stack, given all the room the window leaves it
    and never less than the current page's minimum size. So a step scrolls only when the
    window is smaller than that minimum (a 1366×768 laptop at 150 %) — never squeezed below
    what it needs, never cut off — and otherwise fills the window as before.

    No layout on purpose: a layout would answer ``heightForWidth`` with the page's preferred
    height (any word-wrapped label has one), and the scroll area would then scroll every page
    on every screen.
    """

    def __init__(self, stack: PageStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stack = stack
        stack.setParent(self)
        stack.currentChanged.connect(lambda _i: self.updateGeometry())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.stack.minimumSizeHint()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.stack.minimumSizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        self.stack.setGeometry(self.rect())
        super().resizeEvent(event)


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
        Step.SUIVI: t("DossierView", "Project follow-up"),
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


def follow_up_label(dossier: Dossier, points: int) -> str:
    """The short verdict of a filed dossier: its phase and how much is left to follow."""
    from PySide6.QtCore import QCoreApplication

    t = QCoreApplication.translate
    phase = dossier.follow_up.phase.label
    if not points:
        return phase
    return (
        t("DossierView", "%1 — %2 point(s) to see to")
        .replace("%1", phase)
        .replace("%2", str(points))
    )


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


class AbsentCampaignPage(QWidget):
    """What a dossier whose campaign is not in this data folder shows instead of its steps."""

    def __init__(self, campaign_id: str, folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        banner = QHBoxLayout()
        banner.addWidget(warning_icon_label(32))
        words = QVBoxLayout()
        words.addWidget(heading(self.tr("The campaign of this dossier is absent")))
        self.explanation = wrapped(
            self.tr(
                "This dossier follows the campaign “%1”, whose file is not in this data folder "
                "(%2): nothing can be computed without its rules. Import the campaign's file "
                "(File › Campaigns…), then open the dossier again; or change the dossier's "
                "campaign (button on the left)."
            )
            .replace("%1", campaign_id)
            .replace("%2", folder)
        )
        words.addWidget(self.explanation)
        banner.addLayout(words, 1)
        layout.addLayout(banner)
        layout.addStretch(1)


class StepViews(Mapping[Step, QWidget]):
    """The step views of a dossier, each built the first time it is asked for (shown, or
    looked up): opening a dossier builds the step it shows, not the seven of them (the
    self-assessment alone took a fifth of a second). Asking whether a step has a view builds
    nothing."""

    def __init__(
        self, build: Callable[[Step], QWidget], built: Callable[[Step], None] = lambda _s: None
    ) -> None:
        self._build = build
        self._after = built
        self._order: list[Step] = []
        self._built: dict[Step, QWidget] = {}

    def offer(self, order: list[Step]) -> None:
        self._order = list(order)

    def built(self, step: Step) -> QWidget | None:
        """The view of ``step`` if it was built already (never builds it)."""
        return self._built.get(step)

    def __getitem__(self, step: Step) -> QWidget:
        if step not in self._order:
            raise KeyError(step)
        if step not in self._built:
            self._built[step] = self._build(step)
            self._after(step)
        return self._built[step]

    def __contains__(self, step: object) -> bool:
        return step in self._order

    def __iter__(self) -> Iterator[Step]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)


class DossierView(QWidget):
    steps_built = Signal()
    """The list of steps exists (at opening, or once a dossier without campaign was given one);
    each step's view is built when first shown (:attr:`view_built`)."""
    view_built = Signal(object)
    """The view of a step (a :class:`Step`) was just built: ``views.built(step)`` holds it."""
    step_changed = Signal(object)
    """The step shown changed (a :class:`Step`): the window remembers it for the next opening."""

    def __init__(
        self,
        editor: Editor,
        factories: dict[Step, ViewFactory],
        question_count: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self.filed_guard = FiledGuardEditor(editor)
        self.factories = factories
        self.question_count = question_count
        self.views = StepViews(self._build_view, self.view_built.emit)
        layout = QHBoxLayout(self)
        # The side bar and the page in a splitter: on a small screen the user can narrow it.
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("dossier.sidebar")
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter)
        side_widget = QWidget()
        side = QVBoxLayout(side_widget)
        side.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setMaximumWidth(320)
        side.addWidget(self.title)
        self.switch_button = QPushButton(self.tr("&Change the campaign…"))
        self.switch_button.setAccessibleName(self.tr("Change the campaign of the dossier"))
        self.switch_button.setToolTip(
            self.tr(
                "Choose another campaign for this dossier; the amounts it would drop are "
                "named before you confirm, and Ctrl+Z undoes the change."
            )
        )
        self.switch_button.clicked.connect(lambda _checked=False: self.change_campaign())
        side.addWidget(self.switch_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.switch_dialog: CampaignSwitchDialog | None = None
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
        # On a short screen (768 pixels at 150 %) the side bar scrolls rather than squeeze
        # the list of steps, which must always show every step.
        side_area = QScrollArea()
        side_area.setWidgetResizable(True)
        side_area.setFrameShape(QFrame.Shape.NoFrame)
        side_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side_area.setWidget(side_widget)
        self.splitter.addWidget(side_area)
        main_widget = QWidget()
        main = QVBoxLayout(main_widget)
        main.setContentsMargins(0, 0, 0, 0)
        # Above the step pages: the campaign file changed since the dossier was last computed.
        self.banner = Banner(self.tr("Take the new &version into account"))
        self.banner.setObjectName("campaign_changed")
        self.banner.button.setToolTip(
            self.tr(
                "Record that you checked the budget under the campaign's new rules: the warning "
                "stops until the file changes again. Ctrl+Z undoes it."
            )
        )
        self.banner.button.clicked.connect(lambda _checked=False: self.accept_new_version())
        main.addWidget(self.banner)
        self.stack = PageStack()
        self.page_area = QScrollArea()
        self.page_area.setWidgetResizable(True)
        self.page_area.setFrameShape(QFrame.Shape.NoFrame)
        self.page_area.setWidget(PageHolder(self.stack))
        main.addWidget(self.page_area, 1)
        self.splitter.addWidget(main_widget)
        self.splitter.setStretchFactor(1, 1)
        self.repair: RepairPage | None = None
        self.absent: AbsentCampaignPage | None = None
        self.order: list[Step] = []
        if editor.session.read_only:
            self.switch_button.hide()
            self._show_problems(editor.session.dossier, editor.session.problems)
            return
        if self.campaign_entry() is not None:
            self._build_steps()
        else:
            self._show_absent(editor.session.dossier)
        editor.session.subscribe(self._refresh)
        self._refresh(editor.session.dossier)

    def _build_steps(self) -> None:
        """The step views, once the dossier has a campaign to compute with."""
        if self.absent is not None:
            self.stack.removeWidget(self.absent)
            self.absent.deleteLater()
            self.absent = None
        self.order = [s for s in Step if s in self.factories]
        self.views.offer(self.order)
        for step in self.order:
            self.stack.addWidget(QWidget())  # the step's page until it is first shown
            item = QListWidgetItem(step_title(step))
            item.setData(Qt.ItemDataRole.UserRole, step.value)
            self.steps.addItem(item)
        widest = max(self.steps.fontMetrics().horizontalAdvance(step_title(s)) for s in self.order)
        side_width = min(320, widest + self.steps.iconSize().width() + 48)
        self.steps.setFixedWidth(side_width)
        # The side bar as wide as its list of steps: the rest wraps, the page gets the room.
        for part in (self.title, self.summary, self.todo_box):
            part.setMaximumWidth(side_width)
        self.steps.currentRowChanged.connect(self._show_row)
        self.steps.show()
        self.steps.setCurrentRow(0)
        self.steps.currentRowChanged.connect(
            lambda row: self.step_changed.emit(self.order[row]) if row >= 0 else None
        )
        self.steps_built.emit()

    def _build_view(self, step: Step) -> QWidget:
        """Build a step's view in place of its empty page (:class:`StepViews` asks)."""
        # The candidature's steps refuse to change what was filed; the follow-up edits freely.
        editor = self.editor if step is Step.SUIVI else self.filed_guard
        view = self.factories[step](editor)
        index = self.order.index(step)
        placeholder = self.stack.widget(index)
        current = self.stack.currentIndex()
        self.stack.insertWidget(index, view)
        if placeholder is not None:
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        if current == index:
            self.stack.setCurrentIndex(index)
        return view

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self.order):
            self.views[self.order[row]]  # built on first sight
        self.stack.setCurrentIndex(row)

    def _show_absent(self, dossier: Dossier) -> None:
        folder = catalog.library().user_folder
        self.absent = AbsentCampaignPage(dossier.campaign_id, str(folder) if folder else "—")
        self.stack.addWidget(self.absent)
        self.steps.hide()
        self.todo_box.hide()

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

    # --- the campaign ---------------------------------------------------------------------

    def campaign_entry(self) -> CampaignEntry | None:
        """The dossier's campaign in this data folder, ``None`` when its file is absent."""
        try:
            return catalog.library().get(self.editor.session.dossier.campaign_id)
        except CampaignError:
            return None

    def campaign_text(self, entry: CampaignEntry | None) -> str:
        """What the header says of the campaign (plain text)."""
        if entry is None:
            return self.tr(
                "campaign “%1” absent from this data folder: import its file (File › "
                "Campaigns…) or change the campaign"
            ).replace("%1", self.editor.session.dossier.campaign_id)
        origin = self.tr("programme campaign") if entry.shipped else self.tr("user's campaign")
        return (
            self.tr("%1 (%2) — %3")
            .replace("%1", entry.campaign.title)
            .replace("%2", entry.id)
            .replace("%3", origin)
        )

    def change_campaign(self) -> None:
        """« Change the campaign… »: the dialog (window-modal), then one undoable step."""
        dialog = CampaignSwitchDialog(
            self.editor.session.dossier, catalog.library().entries(), self.campaign_entry(), self
        )
        dialog.accepted.connect(lambda: self._switch(dialog))
        dialog.finished.connect(lambda _result: self._switch_closed(dialog))
        self.switch_dialog = dialog
        dialog.open()

    def _switch_closed(self, dialog: CampaignSwitchDialog) -> None:
        if self.switch_dialog is dialog:
            self.switch_dialog = None
        dialog.deleteLater()

    def _switch(self, dialog: CampaignSwitchDialog) -> None:
        entry = dialog.chosen()
        known = self.campaign_entry() is not None
        after, _dropped = dialog.switched()
        self.filed_guard.apply(
            after, self.tr("Change the campaign to %1").replace("%1", entry.campaign.title)
        )
        if not known:
            # Undoing would bring back a campaign nothing can compute with, under step views
            # that compute at every change: the step is not offered (the dialog said so).
            self.editor.stack.clear()

    def accept_new_version(self) -> None:
        """The banner's button: the dossier records the campaign file's current version."""
        entry = self.campaign_entry()
        if entry is None:
            return
        dossier = self.editor.session.dossier
        self.editor.apply(
            accept_campaign_version(dossier, entry.campaign),
            self.tr("Take the new version of the campaign into account"),
        )

    # --- steps ----------------------------------------------------------------------------

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

    def _follow_up_summary(
        self, dossier: Dossier, eligibility: str, counted: int
    ) -> tuple[tuple[MissingItem, ...], list[str]]:
        """A filed dossier's side panel: its phase, the money still to come, and the
        follow-up's own to-do list (the candidature's steps can no longer be completed)."""
        # Imported here: only a filed dossier needs the follow-up's rules (off the start path).
        from esms_desktop.domain.follow_up_todo import follow_up_items
        from esms_desktop.ui.follow_up_state import verdicts

        progress, status = verdicts(dossier)
        items = follow_up_items(dossier, progress, status)
        lines = [
            self.tr("Phase: %1").replace("%1", dossier.follow_up.phase.label),
            self.tr("Filed: %1 — %2 ESSMS counted")
            .replace("%1", eligibility)
            .replace("%2", str(counted)),
        ]
        if status.tranches:
            lines.append(
                self.tr("Received: %1 — still to come: %2")
                .replace("%1", format_eur(status.received))
                .replace("%2", format_eur(status.remaining))
            )
        lines.append(
            self.tr("Follow-up: %1 point(s) to see to").replace("%1", str(len(items)))
            if items
            else self.tr("Follow-up: nothing left to do")
        )
        return items, lines

    def _todo_activated(self, list_item: QListWidgetItem) -> None:
        row = self.todo.row(list_item)
        if 0 <= row < len(self.missing):
            self.go_to_missing(self.missing[row])

    def _show_phase(self, item: QListWidgetItem, dossier: Dossier) -> None:
        """The follow-up step's entry: where the project stands, never « complete »."""
        phase = dossier.follow_up.phase.label
        icon = QStyle.StandardPixmap.SP_MessageBoxInformation
        item.setIcon(QApplication.style().standardIcon(icon))
        item.setToolTip(phase)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{step_title(Step.SUIVI)} : {phase}")

    def _refresh(self, dossier: Dossier) -> None:
        entry = self.campaign_entry()
        name, campaign = (
            html.escape(t, quote=False) for t in (dossier.name, self.campaign_text(entry))
        )
        self.title.setText(f"<b>{name}</b><br>{campaign}")
        self.title.setAccessibleName(f"{dossier.name} — {self.campaign_text(entry)}")
        if entry is None:  # nothing can be computed: no budget, no verdict
            self.banner.set_message("")
            self.summary.setText(self.tr("Campaign absent: nothing is computed."))
            self.summary.setAccessibleName(self.summary.text())
            return
        if not self.order:  # the dossier has just been given a campaign
            self._build_steps()
        budget = self.editor.session.budget
        changed = next((f for f in budget.findings if f.code == CAMPAIGN_CHANGED), None)
        self.banner.set_message(changed.message if changed is not None else "")
        statuses = {s.step: s for s in step_statuses(dossier, budget, self.question_count)}
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
            if step is Step.SUIVI:  # not part of the candidature's completeness: its phase
                self._show_phase(item, dossier)
                continue
            item.setIcon(icons[status.state])
            item.setToolTip("\n".join(status.issues) or words[status.state])
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole, f"{step_title(step)} : {words[status.state]}"
            )
            problems += status.state is StepState.PROBLEM
        # Every step in view, whatever the height of the window (rows measured with their icon).
        rows = sum(self.steps.sizeHintForRow(r) for r in range(self.steps.count()))
        self.steps.setMinimumHeight(rows + 2 * self.steps.frameWidth())
        self.missing = missing_items(dossier, budget, self.question_count)
        r = readiness(budget, self.missing)
        eligibility = self.tr("Eligible") if r.eligible else self.tr("Not eligible")
        if candidature_locked(dossier):  # what is left is the project's, not the candidature's
            self.missing, lines = self._follow_up_summary(dossier, eligibility, r.counted_essms)
            self.summary.setText("<br>".join(html.escape(line, quote=False) for line in lines))
            self.summary.setAccessibleName(follow_up_label(dossier, len(self.missing)))
        else:
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
            todo_item = QListWidgetItem(m.message)
            todo_item.setData(Qt.ItemDataRole.UserRole, m.field)
            todo_item.setToolTip(m.message)
            self.todo.addItem(todo_item)
        self.todo_box.setVisible(bool(self.missing))
