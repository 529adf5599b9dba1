"""Step "Self-assessment": the maturity questionnaire, its scores and what they suggest.

The questionnaire, its scoring and its advice live in ``domain/autodiagnostic.py`` and the data
file, reading and routing the dossier's answers in ``domain/autodiag_routing.py``, and what the
answers say in ``domain/autodiag_summary.py`` — the same summary the PDF prints; this view only
shows it. Answers go to the dossier's ``grappe`` scope, one undo step per
click; answers of other scopes (an OG, an ESSMS) are kept untouched. The suggested project types
can be applied to the grappe in one undoable step, never silently.

A choice at the top lets a director who already answered MaturiN-SMS type her level per
dimension instead (``domain/maturin.py``), one undo step per change; both ways share the results
page, where every figure says its source. The choice itself is only what the page shows: the
dossier keeps answers and typed levels side by side.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import date

from PySide6.QtCore import QDate, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from esms_desktop.domain.autodiag_routing import (
    project_changes,
    scope_answers,
    scope_typed,
    suggested_projects,
    with_scope_answers,
    with_scope_typed,
)
from esms_desktop.domain.autodiag_summary import ScopeSummary, summarise
from esms_desktop.domain.autodiagnostic import (
    AutodiagResult,
    Domain,
    DomainScore,
    FigureSource,
    Question,
    Questionnaire,
    QuestionnaireError,
    Recommendation,
)
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.edits import apply_projects, with_grappe
from esms_desktop.domain.grappe import Grappe, ProjectType
from esms_desktop.domain.maturin import (
    MaturinDimension,
    MaturinFramework,
    TypedLevels,
    usable_levels,
    with_date,
    with_level,
)
from esms_desktop.services import catalog
from esms_desktop.ui.undo import Editor
from esms_desktop.ui.widgets import WarningLine, heading, separator, set_tab_order, wrapped

HORIZONTAL_CHOICES_MAX_CHARS = 80
"""Answers whose labels together exceed this are stacked: a row that wide would be clipped."""

RESERVED_LETTERS = frozenset("feahcv")
"""Letters taken around this page, in French and English: the menu bar's (Fichier/File,
Édition/Edit, Aide/Help), the side bar's « C&hanger de campagne… » / « &Change the campaign… »
and the banner's « nouvelle &version »: no label of this page may take them."""


# --- widgets -------------------------------------------------------------------------------------


class QuestionRow(QWidget):
    """One question: its text, its help, and its answers as radio buttons in one group.

    Arrow keys move between the answers (and choose, once one is chosen); Tab goes to the next
    question, as in any Windows dialog with option buttons.
    """

    answered = Signal(str, int)

    def __init__(self, number: str, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        self.text_label = QLabel(f"<b>{html.escape(number)}</b>&nbsp; {html.escape(question.text)}")
        self.text_label.setTextFormat(Qt.TextFormat.RichText)
        self.text_label.setWordWrap(True)
        layout.addWidget(self.text_label)
        self.help_label = wrapped(question.help, italic=True)
        layout.addWidget(self.help_label)

        choices = QWidget()
        choices.setAccessibleName(question.text)
        total = sum(len(c.label) for c in question.choices)
        stacked = total > HORIZONTAL_CHOICES_MAX_CHARS
        box = QVBoxLayout(choices) if stacked else QHBoxLayout(choices)
        box.setContentsMargins(16, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.buttons: dict[int, QRadioButton] = {}
        for choice in question.choices:
            button = QRadioButton(choice.label)
            button.setAccessibleName(choice.label)
            button.setAccessibleDescription(f"{question.text} {question.help}")
            if choice.description:
                button.setToolTip(choice.description)
            self.group.addButton(button, choice.value)
            self.buttons[choice.value] = button
            # Natural width: a stretched button would look clickable where it is not.
            box.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        if not stacked:
            box.addStretch(1)
        layout.addWidget(choices)
        self.text_label.setBuddy(self.buttons[question.choices[0].value])
        self.group.idClicked.connect(lambda value: self.answered.emit(question.id, value))

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return None if checked == -1 else checked

    def show_answer(self, value: int | None) -> None:
        """Show ``value`` (``None``: unanswered) without emitting ``answered``."""
        if value not in self.buttons:
            value = None
        if value != self.value():
            if value is None:
                checked = self.group.checkedButton()
                self.group.setExclusive(False)
                if checked is not None:
                    checked.setChecked(False)
                self.group.setExclusive(True)
            else:
                self.buttons[value].setChecked(True)
        self._fix_tab_stop()

    def tab_stop(self) -> QAbstractButton:
        """The one answer Tab lands on: the chosen one, else the first."""
        return self.group.checkedButton() or self.buttons[self.question.choices[0].value]

    def _fix_tab_stop(self) -> None:
        """After undo the chosen answer may change without focus: Tab must still land on it."""
        stop = self.tab_stop()
        for button in self.buttons.values():
            policy = button.focusPolicy()
            if button is stop:
                button.setFocusPolicy(policy | Qt.FocusPolicy.TabFocus)
            else:
                button.setFocusPolicy(Qt.FocusPolicy(policy.value & ~Qt.FocusPolicy.TabFocus.value))


class ScoreChart(QWidget):
    """One horizontal bar per domain, 0–100, painted with the palette's colours.

    Faint lines mark the maturity levels' bands. A domain without any answer shows "not
    assessed" instead of an empty bar, so it is not read as a score of 0.
    """

    ROW = 26

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, int | None, str]] = []
        self._marks: list[int] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_scores(self, rows: list[tuple[str, int | None, str]], marks: list[int]) -> None:
        """``rows``: (domain label, score or None, text shown after the bar)."""
        self._rows = rows
        self._marks = marks
        self.setAccessibleDescription("; ".join(f"{label} : {text}" for label, _s, text in rows))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(500, self.ROW * len(self._rows) + 8)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(300, self.ROW * len(self._rows) + 8)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        if not self._rows:
            return
        painter = QPainter(self)
        pal = self.palette()
        fm = painter.fontMetrics()
        text_color = pal.color(QPalette.ColorRole.WindowText)
        label_w = min(
            self.width() * 2 // 5, max(fm.horizontalAdvance(r[0]) for r in self._rows) + 12
        )
        value_w = max(fm.horizontalAdvance(r[2]) for r in self._rows) + 12
        bar_x = label_w
        bar_w = max(20, self.width() - label_w - value_w - 4)
        top = 4
        height = self.ROW * len(self._rows)
        for label, value, text in self._rows:
            painter.setPen(text_color)
            painter.drawText(
                QRectF(0, top, label_w - 10, self.ROW),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                fm.elidedText(label, Qt.TextElideMode.ElideRight, label_w - 10),
            )
            track = QRectF(bar_x, top + 6, bar_w, self.ROW - 12)
            painter.fillRect(track, pal.color(QPalette.ColorRole.AlternateBase))
            if value is not None:
                filled = QRectF(track.x(), track.y(), bar_w * value / 100, track.height())
                painter.fillRect(filled, pal.color(QPalette.ColorRole.Highlight))
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Mid)))
            painter.drawRect(track)
            painter.setPen(text_color)
            painter.drawText(
                QRectF(bar_x + bar_w + 8, top, value_w, self.ROW),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                text,
            )
            top += self.ROW
        pen = QPen(pal.color(QPalette.ColorRole.Mid))
        pen.setStyle(Qt.PenStyle.DotLine)
        painter.setPen(pen)
        for mark in self._marks:
            x = bar_x + bar_w * mark / 100
            painter.drawLine(int(x), 4, int(x), 4 + height)
        painter.end()


# --- the view ------------------------------------------------------------------------------------


class AutodiagView(QWidget):
    """The questionnaire by domain, answered with option buttons, and its results.

    ``rows`` maps each question id to its :class:`QuestionRow`; ``domains`` is the list of
    domains (plus a last entry, the results) that switches the pages.
    """

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.rows: dict[str, QuestionRow] = {}
        self._first_rows: list[QuestionRow] = []
        self.questionnaire: Questionnaire | None
        self.result: AutodiagResult | None = None
        self.recommendations: tuple[Recommendation, ...] = ()
        self._suggested: dict[str, ProjectType] = {}
        self._shown: tuple[Mapping[str, int], TypedLevels, Grappe] | None = None
        self.level_boxes: dict[str, QComboBox] = {}
        """One level selector per MaturiN-SMS dimension id (empty without a ``[maturin]``)."""
        self.typed_row = -1
        """The row (and page) of the typed levels in ``domains``; -1 when there is none."""
        self._showing = False
        try:
            self.questionnaire = catalog.questionnaire()
        except QuestionnaireError as exc:
            self.questionnaire = None
            self._build_error(str(exc))
            return
        self._build(self.questionnaire)
        editor.session.subscribe(self._follow)
        self._follow(editor.session.dossier)

    # --- layout ---------------------------------------------------------------------------

    def _build_error(self, message: str) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Self-assessment")))
        warning = WarningLine()
        warning.set_message(self.tr("The questionnaire cannot be read: %1").replace("%1", message))
        layout.addWidget(warning)
        layout.addStretch(1)

    def _build(self, questionnaire: Questionnaire) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Self-assessment")))
        intro = wrapped(
            self.tr(
                "A maturity questionnaire in seven domains, answered for the grappe as a whole. "
                "No form is imposed by the programme; the results guide the project type of "
                "each establishment and the priorities of the project."
            )
        )
        layout.addWidget(intro)
        framework = questionnaire.maturin
        self.own_statement = wrapped(
            self.tr(
                "This questionnaire is esms-desktop’s own (%1 questions), inspired by the ANS’s "
                "MaturiN-SMS framework (64 questions), with one different domain: "
                "“Interoperability and core services” instead of “Quality of service”."
            ).replace("%1", str(questionnaire.question_count)),
            italic=True,
        )
        layout.addWidget(self.own_statement)
        self.mode_group = QButtonGroup(self)
        self.answer_mode = QRadioButton(self.tr("Answer the &questionnaire"))
        self.typed_mode = QRadioButton(self.tr("I already answered MaturiN-SMS: type my &levels"))
        choice = QHBoxLayout()
        for i, button in enumerate((self.answer_mode, self.typed_mode)):
            button.setAccessibleName(button.text().replace("&", ""))
            self.mode_group.addButton(button, i)
            choice.addWidget(button)
        choice.addStretch(1)
        self.answer_mode.setChecked(True)
        self.typed_mode.setEnabled(framework is not None)
        self.typed_dui_row: QuestionRow | None = None
        layout.addLayout(choice)

        status = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, questionnaire.question_count)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(260)
        self.progress.setAccessibleName(self.tr("Questions answered"))
        self.progress_label = QLabel()
        self.overall_label = QLabel()
        self.overall_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status.addWidget(self.progress)
        status.addWidget(self.progress_label)
        status.addSpacing(24)
        status.addWidget(self.overall_label, 1)
        layout.addLayout(status)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("autodiag.domains")  # its position is kept across runs
        self.domains = QListWidget()
        self.domains.setAccessibleName(self.tr("Domains of the questionnaire"))
        self.domains.setWordWrap(True)
        self.domains.setSpacing(3)
        self.domains.setMinimumWidth(220)
        self.domains.setMaximumWidth(300)
        self.pages = QStackedWidget()
        self.next_buttons: list[QPushButton] = []
        for i, domain in enumerate(questionnaire.domains):
            item = QListWidgetItem(domain.title)
            item.setToolTip(domain.description)
            self.domains.addItem(item)
            following = (
                questionnaire.domains[i + 1].title if i + 1 < len(questionnaire.domains) else None
            )
            self.pages.addWidget(self._domain_page(domain, following))
        if framework is not None:
            self.typed_row = self.domains.count()
            item = QListWidgetItem(self.tr("Levels typed from MaturiN-SMS"))
            self.domains.addItem(item)
            self.pages.addWidget(self._typed_page(questionnaire, framework))
        self.domains.addItem(QListWidgetItem(self.tr("Results and recommendations")))
        self.pages.addWidget(self._results_page(questionnaire))
        splitter.addWidget(self.domains)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)

        self.domains.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.domains.setCurrentRow(0)
        self._show_mode(typed=False)
        self.mode_group.idToggled.connect(self._mode_toggled)

    def _scroller(self, content: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(content)
        return area

    def _domain_page(self, domain: Domain, following: str | None) -> QScrollArea:
        page = QWidget()
        layout = QVBoxLayout(page)
        title = QLabel(f"<h3>{html.escape(str(domain.number))}. {html.escape(domain.title)}</h3>")
        title.setTextFormat(Qt.TextFormat.RichText)
        title.setAccessibleName(domain.title)
        layout.addWidget(title)
        if domain.description:
            layout.addWidget(wrapped(domain.description))
        for j, question in enumerate(domain.questions, start=1):
            layout.addWidget(separator())
            row = QuestionRow(f"{domain.number}.{j}", question)
            row.answered.connect(self.answer)
            self.rows[question.id] = row
            if j == 1:
                self._first_rows.append(row)
            layout.addWidget(row)
        layout.addWidget(separator())
        bar = QHBoxLayout()
        bar.addStretch(1)
        text = (
            self.tr("Next: %1").replace("%1", following)
            if following
            else self.tr("See the results")
        )
        button = QPushButton(text)
        button.setAccessibleName(text)
        button.clicked.connect(self._next_page)
        self.next_buttons.append(button)
        bar.addWidget(button)
        layout.addLayout(bar)
        layout.addStretch(1)
        return self._scroller(page)

    def _typed_page(self, questionnaire: Questionnaire, framework: MaturinFramework) -> QScrollArea:
        """The 7 MaturiN-SMS dimensions, each with a level selector, and the assessment's date."""
        page = QWidget()
        layout = QVBoxLayout(page)
        title = self.tr("Levels typed from MaturiN-SMS")
        layout.addWidget(QLabel(f"<h3>{html.escape(title)}</h3>"))
        layout.addWidget(
            wrapped(
                self.tr(
                    "Type, for each dimension, the level (1 to 5) your MaturiN-SMS result gives. "
                    "A level stands in for the score of the matching domain of the questionnaire "
                    "as long as that domain has no answer; a dimension without a matching domain "
                    "is shown and printed but guides nothing."
                )
            )
        )
        # A grid, not a form: label, list and hint in three columns, the hint wrapping in the
        # room left (a wrapped label inside a form's field grows tall and gets clipped).
        grid = QGridLayout()
        grid.setColumnStretch(2, 1)
        grid.setHorizontalSpacing(12)
        self.date_set = QCheckBox(self.tr("Known"))
        self.date_set.setAccessibleName(self.tr("Date of the MaturiN-SMS assessment known"))
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setDate(QDate.currentDate())
        self.date_edit.setEnabled(False)
        self.date_edit.setAccessibleName(self.tr("Date of the MaturiN-SMS assessment"))
        date_text = self.tr("MaturiN-SMS assessment &date:")
        taken = set(RESERVED_LETTERS) | {
            _mnemonic(t) for t in (date_text, self.answer_mode.text(), self.typed_mode.text())
        }
        self.dimension_labels: dict[str, QLabel] = {}
        for dimension in framework.dimensions:
            box = QComboBox()
            box.addItem(self.tr("Not entered"), None)
            for level in questionnaire.levels:
                box.addItem(
                    self.tr("Level %1 — %2")
                    .replace("%1", str(level.level))
                    .replace("%2", level.name),
                    level.level,
                )
            box.setAccessibleName(dimension.title)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            box.currentIndexChanged.connect(
                lambda _i, d=dimension, b=box: self._level_chosen(d, b.currentData())
            )
            self.level_boxes[dimension.id] = box
            hint = wrapped(self._dimension_hint(questionnaire, dimension), italic=True)
            box.setAccessibleDescription(hint.text())
            label = QLabel(_with_mnemonic(f"{dimension.number}. {dimension.title}", taken) + " :")
            label.setBuddy(box)
            self.dimension_labels[dimension.id] = label
            row = grid.rowCount()
            grid.addWidget(label, row, 0)
            grid.addWidget(box, row, 1)
            grid.addWidget(hint, row, 2)
        date_row = QWidget()
        date_layout = QHBoxLayout(date_row)
        date_layout.setContentsMargins(0, 0, 0, 0)
        date_layout.addWidget(self.date_set)
        date_layout.addWidget(self.date_edit)
        date_layout.addStretch(1)
        self.date_label = QLabel(date_text)
        self.date_label.setBuddy(self.date_set)
        row = grid.rowCount()
        grid.addWidget(self.date_label, row, 0)
        grid.addWidget(date_row, row, 1, 1, 2)
        layout.addLayout(grid)
        dui_box = QGroupBox(self.tr("Current DUI (to route the project type)"))
        dui_layout = QVBoxLayout(dui_box)
        dui_question = questionnaire.question(questionnaire.routing.dui_question)
        dui_domain = questionnaire.domain_of(dui_question.id)
        position = dui_domain.questions.index(dui_question) + 1
        self.typed_dui_row = QuestionRow(f"{dui_domain.number}.{position}", dui_question)
        self.typed_dui_row.answered.connect(self.answer)
        dui_layout.addWidget(self.typed_dui_row)
        layout.addWidget(dui_box)
        self.date_set.toggled.connect(self._date_toggled)
        self.date_edit.dateChanged.connect(self._date_changed)

        figures_box = QGroupBox(self.tr("Figures used per domain"))
        figures_layout = QVBoxLayout(figures_box)
        self.typed_summary = wrapped()
        self.typed_summary.setTextFormat(Qt.TextFormat.RichText)
        self.typed_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        figures_layout.addWidget(self.typed_summary)
        layout.addWidget(figures_box)
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.typed_next = QPushButton(self.tr("See the results"))
        self.typed_next.setAccessibleName(self.tr("See the results"))
        self.typed_next.clicked.connect(self._next_page)
        bar.addWidget(self.typed_next)
        layout.addLayout(bar)
        layout.addStretch(1)
        # Reading order: the levels, the date, the DUI, then on to the results.
        set_tab_order(
            [
                *self.level_boxes.values(),
                self.date_set,
                self.date_edit,
                *self.typed_dui_row.buttons.values(),
                self.typed_next,
            ]
        )
        return self._scroller(page)

    def _dimension_hint(self, questionnaire: Questionnaire, dimension: MaturinDimension) -> str:
        if dimension.domain_id is None:
            return self.tr("No matching domain in the questionnaire: shown, guides nothing.")
        domain = questionnaire.domain(dimension.domain_id)
        return self.tr("Stands in for domain %1 while it has no answer.").replace(
            "%1", f"{domain.number}. {domain.title}"
        )

    def _mode_toggled(self, button_id: int, checked: bool) -> None:
        if checked:
            self._show_mode(typed=button_id == 1)

    def _show_mode(self, *, typed: bool) -> None:
        """Show the questionnaire's domains or the typed levels in the list; results stay."""
        results_row = self.domains.count() - 1
        for row in range(results_row):
            self.domains.setRowHidden(row, (row == self.typed_row) != typed)
        current = self.domains.currentRow()
        if current == results_row:
            return
        if typed and self.typed_row >= 0:
            self.domains.setCurrentRow(self.typed_row)
        elif not typed and current == self.typed_row:
            self.domains.setCurrentRow(0)

    def _results_page(self, questionnaire: Questionnaire) -> QScrollArea:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(f"<h3>{html.escape(self.tr('Results and recommendations'))}</h3>"))
        self.result_label = wrapped()
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result_label)
        self.ignored_warning = WarningLine()
        layout.addWidget(self.ignored_warning)

        scores_box = QGroupBox(self.tr("Score per domain (out of 100)"))
        scores_layout = QVBoxLayout(scores_box)
        self.chart = ScoreChart()
        self.chart.setAccessibleName(self.tr("Score per domain"))
        scores_layout.addWidget(self.chart)
        levels = wrapped(
            "  ·  ".join(
                f"{level.min_score}–{level.max_score} : {level.name}"
                for level in questionnaire.levels
            ),
            italic=True,
        )
        scores_layout.addWidget(levels)
        layout.addWidget(scores_box)

        recs_box = QGroupBox(self.tr("Recommendations"))
        recs_layout = QVBoxLayout(recs_box)
        self.recommendations_label = wrapped()
        self.recommendations_label.setTextFormat(Qt.TextFormat.RichText)
        self.recommendations_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        recs_layout.addWidget(self.recommendations_label)
        recs_layout.addWidget(separator())
        self.apply_label = wrapped()
        recs_layout.addWidget(self.apply_label)
        bar = QHBoxLayout()
        self.apply_button = QPushButton(self.tr("Apply the suggested project types to the grappe"))
        self.apply_button.setAccessibleName(
            self.tr("Apply the suggested project types to the grappe")
        )
        self.apply_button.clicked.connect(self.apply_suggested_projects)
        bar.addWidget(self.apply_button)
        bar.addStretch(1)
        recs_layout.addLayout(bar)
        layout.addWidget(recs_box)
        layout.addStretch(1)
        return self._scroller(page)

    def _next_page(self) -> None:
        """Go to the next domain and put the focus on its first question, as Tab would."""
        row = self.domains.currentRow() + 1
        while row < self.domains.count() and self.domains.isRowHidden(row):
            row += 1
        if row >= self.domains.count():
            return
        self.domains.setCurrentRow(row)
        page = self.pages.currentWidget()
        if isinstance(page, QScrollArea):
            page.verticalScrollBar().setValue(0)
        first = self._first_rows[row] if row < len(self._first_rows) else None
        if first is not None:
            first.tab_stop().setFocus(Qt.FocusReason.TabFocusReason)
        elif row == self.typed_row and self.level_boxes:
            next(iter(self.level_boxes.values())).setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self.apply_button.setFocus(Qt.FocusReason.TabFocusReason)

    # --- actions --------------------------------------------------------------------------

    def answer(self, question_id: str, value: int) -> None:
        """Record one answer for the grappe: one undo step."""
        dossier = self.editor.session.dossier
        answers = dict(scope_answers(dossier))
        if answers.get(question_id) == value:
            return
        answers[question_id] = value
        assert self.questionnaire is not None
        question = self.questionnaire.question(question_id)
        self.editor.apply(
            with_scope_answers(dossier, answers),
            self.tr("Answer the question “%1”").replace("%1", _short(question.text)),
        )

    def type_level(self, dimension_id: str, level: int | None) -> None:
        """Record the MaturiN-SMS level of one dimension for the grappe (``None``: « not
        entered »): one undo step per dimension, the arrow keys stepping through its list
        merging into it as typing does."""
        assert self.questionnaire is not None and self.questionnaire.maturin is not None
        dossier = self.editor.session.dossier
        typed = scope_typed(dossier)
        if typed.levels.get(dimension_id) == level:
            return
        title = self.questionnaire.maturin.dimension(dimension_id).title
        self.editor.apply(
            with_scope_typed(dossier, with_level(typed, dimension_id, level)),
            self.tr("Type the MaturiN-SMS level of “%1”").replace("%1", title),
            merge_key=f"autodiag:maturin:{dimension_id}",
        )

    def set_assessment_date(self, value: date | None) -> None:
        """Record the date of the MaturiN-SMS assessment (``None``: not known); typing the date
        merges into one undo step."""
        dossier = self.editor.session.dossier
        typed = scope_typed(dossier)
        if typed.assessed_on == value:
            return
        if value is None:
            text, key = self.tr("Clear the MaturiN-SMS assessment date"), ""
        elif typed.assessed_on is None:
            text, key = self.tr("Set the MaturiN-SMS assessment date"), ""
        else:
            text, key = self.tr("Change the MaturiN-SMS assessment date"), "autodiag:maturin_date"
        self.editor.apply(with_scope_typed(dossier, with_date(typed, value)), text, key)

    def _level_chosen(self, dimension: MaturinDimension, level: object) -> None:
        if self._showing:
            return
        self.type_level(dimension.id, level if isinstance(level, int) else None)

    def _date_toggled(self, checked: bool) -> None:
        if self._showing:
            return
        self.date_edit.setEnabled(checked)
        self.set_assessment_date(_to_date(self.date_edit.date()) if checked else None)

    def _date_changed(self, value: QDate) -> None:
        if self._showing or not self.date_set.isChecked():
            return
        self.set_assessment_date(_to_date(value))

    def apply_suggested_projects(self) -> None:
        """Set every routable ESSMS's project type to the suggested one, in one undo step."""
        dossier = self.editor.session.dossier
        changes = project_changes(dossier.grappe, self._suggested)
        if not changes:
            return
        self.editor.apply(
            with_grappe(dossier, apply_projects(dossier.grappe, changes)),
            self.tr("Apply the suggested project types (%1 establishment(s))").replace(
                "%1", str(len(changes))
            ),
        )

    # --- following the dossier ------------------------------------------------------------

    def _follow(self, dossier: Dossier) -> None:
        questionnaire = self.questionnaire
        assert questionnaire is not None
        answers = scope_answers(dossier)
        typed = scope_typed(dossier)
        first = self._shown is None
        if (
            self._shown is not None
            and self._shown[0] == answers
            and self._shown[1] == typed
            and self._shown[2] is dossier.grappe
        ):
            return
        self._shown = (answers, typed, dossier.grappe)
        for qid, row in self.rows.items():
            row.show_answer(answers.get(qid))
        if self.typed_dui_row is not None:
            self.typed_dui_row.show_answer(answers.get(self.typed_dui_row.question.id))
        self._show_typed(questionnaire, typed)
        if first and not answers and typed.levels and self.level_boxes:
            self.typed_mode.setChecked(True)  # she chose to type her levels: show them again
        summary = summarise(questionnaire, dossier).grappe
        result = summary.result
        ignored = summary.ignored
        self.result = result
        self.recommendations = summary.recommendations

        self.progress.setValue(result.answered)
        self.progress_label.setText(
            self.tr("%1 / %2 questions")
            .replace("%1", str(result.answered))
            .replace("%2", str(result.total))
        )
        self.progress.setAccessibleDescription(self.progress_label.text())
        self.overall_label.setText(self._overall_text(result, summary))
        for i, domain_score in enumerate(result.domains):
            item = self.domains.item(i)
            if item is not None:
                item.setText(self._domain_item_text(domain_score))
        self.result_label.setText(self._overall_text(result, summary))
        self.ignored_warning.set_message(
            self.tr(
                "%1 answer(s) to questions this version of the questionnaire no longer has are "
                "kept in the dossier but not counted."
            ).replace("%1", str(ignored))
            if ignored
            else ""
        )
        self.chart.set_scores(
            [
                (
                    f"{d.domain.number}. {d.domain.title}",
                    d.score,
                    self.tr("not assessed")
                    if d.score is None or d.level is None
                    else self.tr("%1 — level %2")
                    .replace("%1", str(d.score))
                    .replace("%2", str(d.level.level))
                    + f" · {self._source_text(d.source)}",
                )
                for d in result.domains
            ],
            [level.min_score for level in questionnaire.levels[1:]],
        )
        self.recommendations_label.setText(
            "".join(
                f"<p><b>{html.escape(r.kind.label)}</b> — {html.escape(r.message)}</p>"
                for r in self.recommendations
            )
        )
        self._update_apply(dossier.grappe, result)
        self._show_figures(summary)
        typed_item = self.domains.item(self.typed_row) if self.typed_row >= 0 else None
        if typed_item is not None:
            rows = summary.typed_rows
            typed_item.setText(
                self.tr("Levels typed from MaturiN-SMS\n%1 / %2 typed")
                .replace("%1", str(sum(1 for _d, level in rows if level is not None)))
                .replace("%2", str(len(rows)))
            )

    def _show_typed(self, questionnaire: Questionnaire, typed: TypedLevels) -> None:
        """Show the typed levels and date without recording anything (undo, another scope)."""
        if not self.level_boxes:
            return
        levels = usable_levels(questionnaire.maturin, typed)
        self._showing = True
        try:
            for dimension_id, box in self.level_boxes.items():
                index = box.findData(levels.get(dimension_id))
                box.setCurrentIndex(max(index, 0))
            known = typed.assessed_on is not None
            self.date_set.setChecked(known)
            self.date_edit.setEnabled(known)
            if typed.assessed_on is not None:
                day = typed.assessed_on
                self.date_edit.setDate(QDate(day.year, day.month, day.day))
        finally:
            self._showing = False

    def _show_figures(self, summary: ScopeSummary) -> None:
        """The figure of every domain with its source, on the typed-levels page."""
        if not self.level_boxes:
            return
        lines = []
        for d in summary.domains:
            title = html.escape(f"{d.domain.number}. {d.domain.title}")
            if d.score is None or d.level is None:
                figure = html.escape(self.tr("not assessed"))
            else:
                figure = html.escape(
                    self.tr("%1 / 100 — %2 (%3)")
                    .replace("%1", str(d.score))
                    .replace("%2", d.level.label)
                    .replace("%3", self._source_text(d.source))
                )
            lines.append(f"{title} — {figure}")
        for dimension, level in summary.typed_rows:
            if dimension.domain_id is not None or level is None:
                continue
            lines.append(
                html.escape(
                    self.tr("%1 (MaturiN-SMS): level %2, guides nothing")
                    .replace("%1", dimension.title)
                    .replace("%2", str(level))
                )
            )
        self.typed_summary.setText("<br>".join(lines))

    def _source_text(self, source: FigureSource) -> str:
        if source is FigureSource.MATURIN:
            return self.tr("MaturiN-SMS, typed")
        return self.tr("questionnaire")

    def _domain_item_text(self, d: DomainScore) -> str:
        """Title, progress and score of a domain for the list (the score once there is one)."""
        title = f"{d.domain.number}. {d.domain.title}"
        if d.source is FigureSource.MATURIN and d.typed_level is not None:
            text = self.tr("%1\n%2 / %3 answered · level %4 typed from MaturiN-SMS").replace(
                "%4", str(d.typed_level)
            )
        elif d.score is None:
            text = self.tr("%1\n%2 / %3 answered")
        else:
            text = self.tr("%1\n%2 / %3 answered · score %4").replace("%4", str(d.score))
        return text.replace("%1", title).replace("%2", str(d.answered)).replace("%3", str(d.total))

    def _overall_text(self, result: AutodiagResult, summary: ScopeSummary) -> str:
        if result.score is None or result.level is None:
            return self.tr("Overall score: not assessed yet")
        text = (
            self.tr("Overall score: %1 / 100 — %2")
            .replace("%1", str(result.score))
            .replace("%2", result.level.label)
        )
        sources = " + ".join(self._source_text(s) for s in FigureSource if s in result.sources)
        return text + " · " + self.tr("source: %1").replace("%1", sources)

    def _update_apply(self, grappe: Grappe, result: AutodiagResult) -> None:
        self._suggested = suggested_projects(grappe, result)
        changes = project_changes(grappe, self._suggested)
        self.apply_button.setEnabled(bool(changes))
        if not grappe.establishment_count:
            text = self.tr("Add the establishments of the grappe to apply the suggestions.")
        elif not self._suggested:
            assert self.questionnaire is not None
            dui = self.questionnaire.routing.dui_question
            text = self.tr(
                "No project type can be suggested yet: answer the question on the current DUI "
                "(domain “%1”) or state it on the establishments."
            ).replace("%1", self.questionnaire.domain_of(dui).title)
        elif not changes:
            text = self.tr("The project types of the grappe already follow the suggestions.")
        else:
            counts: dict[ProjectType, int] = {}
            for project in changes.values():
                counts[project] = counts.get(project, 0) + 1
            parts = [
                self.tr("%1: %2 establishment(s)")
                .replace("%1", project.label)
                .replace("%2", str(count))
                for project, count in counts.items()
            ]
            text = self.tr("Suggested changes — %1.").replace("%1", "; ".join(parts))
        self.apply_label.setText(text)
        self.apply_button.setToolTip(text)


def _to_date(value: QDate) -> date:
    """A Python date from a QDate (the dossier holds plain values, never Qt types)."""
    return date(value.year(), value.month(), value.day())


def _mnemonic(text: str) -> str:
    """The letter after the first single ``&`` of ``text``, lower case ("" when none)."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].casefold()
            i += 1
        i += 1
    return ""


def _with_mnemonic(text: str, taken: set[str]) -> str:
    """``text`` with ``&`` before the first plain letter no other label of the page (nor the menu
    bar) has taken, and that letter marked taken; labels come from the data file, so their
    letters are chosen here rather than written. Without a free letter, no mnemonic."""
    escaped = text.replace("&", "&&")
    for i, char in enumerate(escaped):
        letter = char.casefold()
        # Plain ASCII letters only: Alt+É is not on every keyboard.
        if "a" <= letter <= "z" and letter not in taken:
            taken.add(letter)
            return escaped[:i] + "&" + escaped[i:]
    return escaped


def _short(text: str, limit: int = 60) -> str:
    """A question's text short enough for the Edit menu's "Undo …" entry."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
