"""Small widgets shared by the step views: a scrollable page, fields bound to the dossier.

A bound field writes every keystroke to the dossier through the :class:`Editor` (one undo step
per field, merged while typing) and follows the dossier back after undo/redo without clobbering
what the user is typing. Checks are functions from the domain that return a French problem (empty
when fine): the field shows it with the style's warning icon, a tooltip and an accessible
description — never a hard-coded colour, so light and dark palettes both stay readable.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QAction, QFont, QKeyEvent, QKeySequence, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from esms_desktop.domain.dossier import Dossier
from esms_desktop.ui.delegates import CheckingDelegate
from esms_desktop.ui.undo import Editor

Reader = Callable[[Dossier], str]
Writer = Callable[[Dossier, str], Dossier]
Check = Callable[[str], str]

PAGE_MAX_WIDTH = 880
"""Forms wider than this are hard to read on a wide screen: lines of text get too long."""


def warning_icon_label(size: int = 16) -> QLabel:
    """A label holding the style's warning icon (the platform's own, palette-aware)."""
    label = QLabel()
    icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    label.setPixmap(icon.pixmap(size, size))
    label.setAlignment(Qt.AlignmentFlag.AlignTop)
    return label


def heading(text: str) -> QLabel:
    """A step's title as a level-2 heading, selectable so it can be copied into a mail."""
    label = QLabel(f"<h2>{html.escape(text)}</h2>")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAccessibleName(text)
    return label


def bold_label(text: str) -> QLabel:
    """A bold plain-text label: plain so that its ``&`` letter works as a mnemonic for its
    buddy (``<b>…</b>`` markup would show the ampersand instead)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


def wrapped(text: str = "", *, italic: bool = False) -> QLabel:
    """A word-wrapped plain-text label: data from files is shown as text, never as markup."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if italic:
        font = QFont(label.font())
        font.setItalic(True)
        label.setFont(font)
    return label


class FlowLayout(QLayout):
    """Buttons side by side that go on to a new line when the page is too narrow for them.

    A row of five buttons in an ordinary layout made a 1366-pixel laptop at 150 % scroll the
    whole page sideways (its minimum width was the sum of the buttons'); here the minimum is the
    widest button, and the height follows the width. Not through ``heightForWidth``: a scroll
    area would then size the whole page at its preferred height (tables and all) and scroll it
    on any screen; the height the lines take is set as the layout's minimum once laid out.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._height = 0
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt's name
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt's name
        return Qt.Orientation(0)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt's name
        super().setGeometry(rect)
        height = self._place(rect, move=True)
        if height != self._height:  # more or fewer lines: the page makes room for them
            self._height = height
            self.invalidate()

    def _line_height(self) -> int:
        return max((i.sizeHint().height() for i in self._items if not i.isEmpty()), default=0)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        shown = [i for i in self._items if not i.isEmpty()]
        width = sum(i.sizeHint().width() for i in shown) + self._spacing * max(0, len(shown) - 1)
        return QSize(width, max(self._height, self._line_height()))

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt's name
        width = max((i.sizeHint().width() for i in self._items if not i.isEmpty()), default=0)
        return QSize(width, max(self._height, self._line_height()))

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in lines within ``rect``; the height they take."""
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            if item.isEmpty():  # a hidden button takes no room
                continue
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line > 0:
                x, y, line = rect.x(), y + line + self._spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y()


def button_row(buttons: Sequence[QWidget]) -> QWidget:
    """The buttons in a :class:`FlowLayout`: one line on a wide page, more on a narrow one."""
    holder = QWidget()
    flow = FlowLayout(holder)
    for button in buttons:
        flow.addWidget(button)
    return holder


def fit_column(table: QTableView, column: int, sample: str) -> None:
    """Make ``column`` as wide as its title and as ``sample`` (« 000000000 » for a FINESS),
    measured with the table's own fonts: fixed pixel widths cut « 5900500… » at 150 % or
    with a larger system font. Room is kept for a cell's icon and the header's sort arrow."""
    style = table.style()
    padding = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 8
    icon = table.iconSize().width() if table.iconSize().isValid() else 16
    title = str(table.model().headerData(column, Qt.Orientation.Horizontal) or "")
    header = table.horizontalHeader()
    arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize) + 8
    width = max(
        table.fontMetrics().horizontalAdvance(sample) + padding + max(icon, 16),
        header.fontMetrics().horizontalAdvance(title) + padding + arrow,
    )
    table.setColumnWidth(column, width)


def separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


def scroll_page(owner: QWidget, title: str, intro: str) -> QVBoxLayout:
    """Give ``owner`` a heading and intro inside a scroll area; return the layout to fill.

    Every step must work on a 1366×768 laptop: the page scrolls vertically instead of squeezing
    its fields, and its width is capped so long lines stay readable on a wide screen.
    """
    outer = QVBoxLayout(owner)
    outer.setContentsMargins(0, 0, 0, 0)
    area = QScrollArea(owner)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    outer.addWidget(area)
    content = QWidget()
    content.setMaximumWidth(PAGE_MAX_WIDTH)
    body = QVBoxLayout(content)
    body.addWidget(heading(title))
    intro_label = wrapped(intro)
    body.addWidget(intro_label)
    body.addSpacing(6)
    holder = QWidget()
    centre = QHBoxLayout(holder)
    centre.setContentsMargins(0, 0, 0, 0)
    centre.addWidget(content, 1)
    centre.addStretch(0)
    area.setWidget(holder)
    owner.setProperty("scroll_area", area)
    return body


def add_form_row(
    form: QFormLayout, text: str, field: QWidget, focus: QWidget | None = None
) -> QLabel:
    """Add ``text: field`` to ``form`` with the label as buddy of ``focus`` (default ``field``).

    The buddy makes a screen reader announce the label and lets a mnemonic jump to the field;
    the accessible name is set too, for the widgets that do not take it from a buddy. A checked
    :class:`BoundLineEdit` gets its reason line in a row of its own beneath (hidden rows take no
    room, so the form does not jump while the field is fine).
    """
    label = QLabel(text)
    target = focus or field
    label.setBuddy(target)
    if not target.accessibleName():
        target.setAccessibleName(text.replace("&", "").rstrip(" :"))
    form.addRow(label, field)
    if isinstance(field, BoundLineEdit) and field.checked:
        form.addRow("", field.reason)
    return label


def align_labels(labels: Sequence[QLabel]) -> None:
    """Give the labels of several forms one width, so their fields line up down the page."""
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)


def set_tab_order(widgets: Sequence[QWidget]) -> None:
    """Chain the focus in reading order (Qt's default follows creation order, not layout)."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)


def form_layout() -> QFormLayout:
    """A form whose fields grow with the window and whose labels wrap rather than clip."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return form


class _StackShortcuts(QObject):
    """Send Ctrl+Z / Ctrl+Y of a text field to the dossier's undo stack.

    A text field keeps its own undo history, which would fork from the dossier's: Ctrl+Z in a
    field would then undo keystrokes the stack still holds. One history for the whole window is
    what lets the user trust that undo never loses anything.
    """

    def __init__(self, editor: Editor, parent: QWidget) -> None:
        super().__init__(parent)
        self._editor = editor
        parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(
            event, QKeyEvent
        ):
            if event.matches(QKeySequence.StandardKey.Undo):
                if kind == QEvent.Type.KeyPress:
                    self._editor.stack.undo()
                event.accept()
                return True
            if event.matches(QKeySequence.StandardKey.Redo):
                if kind == QEvent.Type.KeyPress:
                    self._editor.stack.redo()
                event.accept()
                return True
        return False


class BoundLineEdit(QLineEdit):
    """A line edit showing ``read(dossier)``; each keystroke applies ``write(dossier, text)``.

    The text is saved as typed (a half-typed SIREN is kept, with its problem shown): stripping
    or refusing it here would lose what the user typed. Consecutive keystrokes merge into one
    undo step under ``merge_key``.

    A checked field shows its problem three ways: the ⚠ in the field, the sentence in
    :attr:`reason` (a line :func:`add_form_row` puts under the field) and the
    accessible description, so neither a keyboard nor a screen-reader user depends on a tooltip.
    """

    def __init__(
        self,
        editor: Editor,
        read: Reader,
        write: Writer,
        *,
        undo_text: str,
        merge_key: str,
        accessible_name: str,
        check: Check | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._editor = editor
        self._read = read
        self._write = write
        self._undo_text = undo_text
        self._merge_key = merge_key
        self._check = check
        self.setAccessibleName(accessible_name)
        self._warning: QAction | None = None
        self.reason = WarningLine()
        self.reason.label.setObjectName("reason")
        if check is not None:
            icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            self._warning = self.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
            self._warning.setVisible(False)
        _StackShortcuts(editor, self)
        self.setText(read(editor.session.dossier))
        self._show_problem()
        self.textEdited.connect(self._edited)
        editor.session.subscribe(self._follow)

    @property
    def checked(self) -> bool:
        return self._check is not None

    @property
    def problem(self) -> str:
        """The current problem with the text (French, empty when fine or unchecked)."""
        return self._check(self.text()) if self._check is not None else ""

    def _edited(self, text: str) -> None:
        dossier = self._editor.session.dossier
        self._editor.apply(self._write(dossier, text), self._undo_text, self._merge_key)
        self._show_problem()

    def _follow(self, dossier: Dossier) -> None:
        value = self._read(dossier)
        if value != self.text():
            blocked = self.blockSignals(True)
            self.setText(value)
            self.blockSignals(blocked)
            self._show_problem()

    def _show_problem(self) -> None:
        if self._warning is None:
            return
        problem = self.problem
        self._warning.setVisible(bool(problem))
        self._warning.setToolTip(problem)
        self.setToolTip(problem)
        self.setAccessibleDescription(problem)
        self.reason.set_message(problem)


class BoundPlainTextEdit(QPlainTextEdit):
    """A multi-line text bound to the dossier like :class:`BoundLineEdit`.

    Tab moves to the next field instead of inserting a tab: keyboard users must be able to leave
    the box, and a tab character means nothing in a printed dossier.
    """

    def __init__(
        self,
        editor: Editor,
        read: Reader,
        write: Writer,
        *,
        undo_text: str,
        merge_key: str,
        accessible_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._editor = editor
        self._read = read
        self._write = write
        self._undo_text = undo_text
        self._merge_key = merge_key
        self.setAccessibleName(accessible_name)
        self.setTabChangesFocus(True)
        _StackShortcuts(editor, self)
        self.setPlainText(read(editor.session.dossier))
        self.textChanged.connect(self._edited)
        editor.session.subscribe(self._follow)

    def _edited(self) -> None:
        dossier = self._editor.session.dossier
        self._editor.apply(
            self._write(dossier, self.toPlainText()), self._undo_text, self._merge_key
        )

    def _follow(self, dossier: Dossier) -> None:
        value = self._read(dossier)
        if value != self.toPlainText():
            blocked = self.blockSignals(True)
            self.setPlainText(value)
            self.blockSignals(blocked)


class WarningLine(QWidget):
    """The style's warning icon beside a wrapped message; hidden while there is no message."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(warning_icon_label(), 0, Qt.AlignmentFlag.AlignTop)
        self.label = wrapped()
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1, Qt.AlignmentFlag.AlignTop)
        self.setVisible(False)

    def set_message(self, message: str) -> None:
        self.label.setText(message)
        self.setAccessibleName(message)
        self.setVisible(bool(message))

    def message(self) -> str:
        return self.label.text() if not self.isHidden() else ""


def refusal_line(delegate: CheckingDelegate) -> WarningLine:
    """A line to put under a table: why the last value typed in it was refused, until the next
    accepted edit. The reason stays on screen, where a keyboard or screen-reader user finds it."""
    line = WarningLine()
    line.setObjectName("refusal")
    delegate.refused.connect(line.set_message)
    return line


class _ClickLabel(QLabel):
    """A label that toggles its check box when clicked, as a check box's own text does."""

    def __init__(self, text: str, box: QCheckBox) -> None:
        super().__init__(text)
        self._box = box

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton and self._box.isEnabled():
            self._box.click()
            self._box.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mouseReleaseEvent(event)


class WrappingCheckBox(QWidget):
    """A check box whose long text wraps (a plain QCheckBox clips text it cannot fit).

    Attestations are full sentences; on a 1366-pixel screen they would be cut off. The box keeps
    the sentence as accessible name, so a screen reader reads it as a normal check box.
    """

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.box = QCheckBox()
        self.box.setAccessibleName(text)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        self.label = _ClickLabel(text, self.box)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setBuddy(self.box)
        layout.addWidget(self.label, 1)
        self.setFocusProxy(self.box)

    def set_text(self, text: str) -> None:
        self.label.setText(text)
        self.box.setAccessibleName(text)


class Banner(QFrame):
    """A notice across the top of a page: the warning icon, a message and one button to act on it.

    For what concerns the whole dossier (its campaign file changed, say), where a field's
    :class:`WarningLine` would be lost in one step. The message is plain text (it may come from
    a campaign file); the button's text is also its accessible name, the message the frame's, so
    a screen reader announces both. Hidden while there is no message.
    """

    def __init__(self, button_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFrameShadow(QFrame.Shadow.Raised)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        layout = QHBoxLayout(self)
        layout.addWidget(warning_icon_label(24), 0, Qt.AlignmentFlag.AlignTop)
        self.label = wrapped()
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.button = QPushButton(button_text)
        self.button.setAccessibleName(button_text.replace("&", ""))
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setVisible(False)

    def set_message(self, message: str) -> None:
        self.label.setText(message)
        self.setAccessibleName(message)
        self.button.setAccessibleDescription(message)
        self.setVisible(bool(message))

    def message(self) -> str:
        return self.label.text() if not self.isHidden() else ""
