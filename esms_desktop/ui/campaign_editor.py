"""The campaign editor: every key of a campaign in a tree, checked whole after each change.

A director types her ARS's grid here instead of writing TOML: the tree (:mod:`.models.
campaign_tree`) shows every value, threshold, window and tranche with its status and source; the
side panel gives the key's documentation and where such a value usually sits in a cahier des
charges (:mod:`~esms_desktop.domain.campaign_guidance`), prominently while it is empty. After each
change the whole mapping goes through :func:`~esms_desktop.domain.campaign.parse_campaign`, the
one validation: its message is shown under the tree, its row marked, and « Save » stays greyed
until the campaign is valid. Every change is one step of the editor's own undo stack (Ctrl+Z,
Ctrl+Y); closing with unsaved changes asks Save / Don't save / Cancel.

A campaign shipped with the program opens read-only, with a banner and « New campaign based on
this one… ».
"""

from __future__ import annotations

import copy
import html
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from esms_desktop.domain.campaign import CampaignError, parse_campaign
from esms_desktop.domain.campaign_guidance import guidance
from esms_desktop.domain.campaign_schema import Kind, format_path
from esms_desktop.domain.errors import UserError
from esms_desktop.services.campaign_library import CampaignLibrary, check_id
from esms_desktop.ui.delegates import CheckedLineEdit
from esms_desktop.ui.models.campaign_tree import (
    ELEMENT,
    STATUS,
    VALUE_COLUMN,
    CampaignTreeModel,
    KeyPath,
    Node,
    clearable,
    is_element,
    list_of,
    missing,
    value_name_problem,
    with_element,
    without,
)
from esms_desktop.ui.widgets import WarningLine, warning_icon_label, wrapped

Index = QModelIndex | QPersistentModelIndex
Raw = dict[str, Any]


class MappingEdit(QUndoCommand):
    """One change of the campaign: the whole mapping before and after (small, and exact)."""

    def __init__(self, model: CampaignTreeModel, after: Mapping[str, Any], text: str) -> None:
        super().__init__(text)
        self._model = model
        self.before = model.mapping
        self.after = copy.deepcopy(dict(after))

    def redo(self) -> None:
        self._model.set_mapping(self.after)

    def undo(self) -> None:
        self._model.set_mapping(self.before)


class CampaignDelegate(QStyledItemDelegate):
    """A combo box for a choice (status, type of call, a value's name), else a line edit that
    shows the parser's problem as you type."""

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        model = index.model()
        assert isinstance(model, CampaignTreeModel)
        name = f"{model.title(model.node(index) or Node('key', ()))} — " + str(
            model.headerData(index.column(), Qt.Orientation.Horizontal)
        )
        choices = model.choices(index)
        if choices is not None:
            combo = QComboBox(parent)
            for value, label in choices:
                combo.addItem(label, value)
            combo.setAccessibleName(name)
            return combo
        edit = CheckedLineEdit(model.parser(index), parent)
        edit.setAccessibleName(name)
        return edit

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData("" if value is None else value), 0))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: Index
    ) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class CampaignTreeView(QTreeView):
    """The tree: F2 or Enter edits the row's value (whatever column is current), Delete removes
    an element or clears a key, Insert adds an element; a refused edit of a read-only campaign
    says why instead of doing nothing."""

    read_only_refused = Signal()
    delete_pressed = Signal()
    insert_pressed = Signal()

    def edit(self, index: Index, trigger: Any = None, event: Any = None) -> bool:  # type: ignore[override]
        if trigger is None:
            super().edit(index)
            return True
        model = self.model()
        user = trigger in (
            QAbstractItemView.EditTrigger.EditKeyPressed,
            QAbstractItemView.EditTrigger.DoubleClicked,
            QAbstractItemView.EditTrigger.AnyKeyPressed,
        )
        if user and isinstance(model, CampaignTreeModel) and index.isValid():
            if model.read_only:
                self.read_only_refused.emit()
                return False
            if not index.flags() & Qt.ItemFlag.ItemIsEditable and index.column() == ELEMENT:
                value = model.index(index.row(), VALUE_COLUMN, index.parent())
                if value.flags() & Qt.ItemFlag.ItemIsEditable:
                    self.setCurrentIndex(value)
                    return bool(super().edit(value, trigger, event))
        return bool(super().edit(index, trigger, event))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        editing = self.state() == QAbstractItemView.State.EditingState
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not editing:
            index = self.currentIndex()
            if index.isValid():  # Enter edits, as F2; on a group it opens or closes it
                target = index if index.column() != ELEMENT else index.siblingAtColumn(1)
                if target.flags() & Qt.ItemFlag.ItemIsEditable or self._read_only():
                    self.edit(target, QAbstractItemView.EditTrigger.EditKeyPressed, event)
                elif target.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                    state = target.data(Qt.ItemDataRole.CheckStateRole)
                    checked = state == Qt.CheckState.Checked
                    self.model().setData(
                        target,
                        Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked,
                        Qt.ItemDataRole.CheckStateRole,
                    )
                else:
                    first = index.siblingAtColumn(0)
                    self.setExpanded(first, not self.isExpanded(first))
            event.accept()
            return
        if key == Qt.Key.Key_Delete and not editing:
            self.delete_pressed.emit()
            event.accept()
            return
        if key == Qt.Key.Key_Insert and not editing:
            self.insert_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def _read_only(self) -> bool:
        model = self.model()
        return isinstance(model, CampaignTreeModel) and model.read_only


class ProblemLine(QWidget):
    """The validation's message under the tree; the key it names is a link to its row."""

    activated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.icon = warning_icon_label()
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        self.label = QLabel()
        self.label.setObjectName("validation")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.label.linkActivated.connect(lambda _link: self.activated.emit())
        layout.addWidget(self.label, 1)
        self._message = ""

    def show_problem(self, message: str) -> None:
        self._message = message
        self.icon.setVisible(bool(message))
        if message:
            link = self.tr("show the key")
            self.label.setText(f'{html.escape(message)} — <a href="key">{html.escape(link)}</a>')
        else:
            self.label.setText(html.escape(self.tr("No problem found: the campaign can be used.")))
        self.label.setAccessibleName(message or self.label.text())

    def message(self) -> str:
        return self._message


class CampaignEditor(QDialog):
    """Edit one campaign (see the module's docstring); ``saved`` carries the identifier saved,
    ``derive_requested`` the identifier of a shipped campaign to copy."""

    saved = Signal(str)
    derive_requested = Signal(str)

    def __init__(
        self, library: CampaignLibrary, campaign_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.library = library
        entry = library.get(campaign_id)
        self.read_only = entry.shipped
        self.previous_id: str | None = None if entry.shipped else entry.id
        self.stack = QUndoStack(self)
        self.model = CampaignTreeModel(
            library.mapping(campaign_id), read_only=self.read_only, commit=self._commit
        )
        self._expanded: set[KeyPath] = set()
        self._current: tuple[KeyPath, int] | None = None
        self._build()
        self.stack.indexChanged.connect(self._stack_moved)
        self.stack.cleanChanged.connect(self._clean_changed)
        self.model.refused.connect(self.refusal.set_message)
        self.model.modelAboutToBeReset.connect(self._remember_view)
        self.model.modelReset.connect(self._restore_view)
        self._changed()
        self._fit_screen()

    # --- building --------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.banner = QFrame()
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner_layout = QHBoxLayout(self.banner)
        info = QLabel()
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        info.setPixmap(icon.pixmap(24, 24))
        banner_layout.addWidget(info, 0, Qt.AlignmentFlag.AlignTop)
        self.banner_text = wrapped(
            self.tr(
                "This campaign is shipped with the program: it can be read, not changed. To "
                "enter your ARS's values, create a new campaign from it."
            )
        )
        banner_layout.addWidget(self.banner_text, 1)
        self.derive_button = QPushButton(self.tr("&New campaign based on this one…"))
        self.derive_button.clicked.connect(self._derive)
        banner_layout.addWidget(self.derive_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.banner.setVisible(self.read_only)
        layout.addWidget(self.banner)

        hint = wrapped(
            self.tr(
                "F2 or Enter edits the selected value, Enter keeps it, Escape leaves it as it "
                "was; Ctrl+Z undoes, Ctrl+Y redoes. Amounts in euros (12 500), dates as "
                "DD/MM/YYYY, percentages as 50 or 33,5."
            )
        )
        if not self.read_only:
            layout.addWidget(hint)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.tree = CampaignTreeView()
        self.tree.setAccessibleName(self.tr("Keys of the campaign"))
        self.tree.setModel(self.model)
        self.tree.setItemDelegate(CampaignDelegate(self.tree))
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.tree.setAllColumnsShowFocus(False)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((ELEMENT, 300), (VALUE_COLUMN, 230), (STATUS, 205)):
            self.tree.setColumnWidth(column, width)
        left_layout.addWidget(self.tree, 1)

        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("A&dd…"))
        self.add_button.clicked.connect(self.add_element)
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.remove_button.clicked.connect(self.remove_element)
        self.clear_button = QPushButton(self.tr("C&lear the value"))
        self.clear_button.clicked.connect(self.clear_key)
        for button in (self.add_button, self.remove_button, self.clear_button):
            row.addWidget(button)
            button.setVisible(not self.read_only)
        row.addStretch(1)
        left_layout.addLayout(row)
        self.refusal = WarningLine()
        self.refusal.setObjectName("refusal")
        left_layout.addWidget(self.refusal)
        self.problem_line = ProblemLine()
        self.problem_line.activated.connect(self.show_problem)
        left_layout.addWidget(self.problem_line)
        splitter.addWidget(left)

        side = QScrollArea()
        side.setWidgetResizable(True)
        side.setFrameShape(QFrame.Shape.NoFrame)
        panel = QWidget()
        panel_layout = QVBoxLayout(panel)
        self.side_title = QLabel()
        self.side_title.setTextFormat(Qt.TextFormat.RichText)
        self.side_title.setWordWrap(True)
        panel_layout.addWidget(self.side_title)
        self.side_key = wrapped()
        self.side_key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        panel_layout.addWidget(self.side_key)
        self.side_doc = wrapped()
        panel_layout.addWidget(self.side_doc)
        self.side_value = wrapped()  # a long text (a note, a summary) in full
        self.side_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        panel_layout.addWidget(self.side_value)
        self.guide_frame = QFrame()
        self.guide_frame.setFrameShape(QFrame.Shape.StyledPanel)
        guide_layout = QHBoxLayout(self.guide_frame)
        self.guide_icon = QLabel()
        self.guide_icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation).pixmap(20, 20)
        )
        guide_layout.addWidget(self.guide_icon, 0, Qt.AlignmentFlag.AlignTop)
        self.guide_label = QLabel()
        self.guide_label.setObjectName("guidance")
        self.guide_label.setTextFormat(Qt.TextFormat.RichText)
        self.guide_label.setWordWrap(True)
        self.guide_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        guide_layout.addWidget(self.guide_label, 1)
        panel_layout.addWidget(self.guide_frame)
        panel_layout.addStretch(1)
        side.setWidget(panel)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 300])
        layout.addWidget(splitter, 1)

        bottom = QHBoxLayout()
        self.status_line = wrapped()
        bottom.addWidget(self.status_line, 1)
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.clicked.connect(self.save)
        self.save_button.setVisible(not self.read_only)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)  # Enter edits in the tree; it never saves or closes

        self.undo_action = self.stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        save_shortcut.activated.connect(self.save)

        self.tree.read_only_refused.connect(self._refuse_read_only)
        self.tree.delete_pressed.connect(self._delete_pressed)
        self.tree.insert_pressed.connect(self.add_element)
        self.tree.selectionModel().currentChanged.connect(self._current_moved)
        for top in range(self.model.rowCount()):
            self.tree.expand(self.model.index(top, 0))
        self.tree.setCurrentIndex(self.model.index(0, 0))
        self.tree.setFocus()

    def _fit_screen(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1240, 700
        if screen is not None:
            width, height = min(width, screen.width() - 20), min(height, screen.height() - 40)
        self.resize(width, height)

    # --- state -----------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return not self.read_only and not self.stack.isClean()

    def _commit(self, after: Raw, text: str) -> None:
        self.stack.push(MappingEdit(self.model, after, text))

    def _stack_moved(self, _index: int) -> None:
        self._changed()

    def _clean_changed(self, _clean: bool) -> None:
        self._update_title()

    def _current_moved(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._current_changed()

    def _changed(self) -> None:
        self.problem = None if self.read_only else self.validate()
        self.model.set_problem(self.problem.path if self.problem is not None else None)
        self.problem_line.show_problem(self.problem.message if self.problem else "")
        self.problem_line.setVisible(not self.read_only)
        self.save_button.setEnabled(self.problem is None and self.dirty)
        self._update_title()
        self._current_changed()

    def _update_title(self) -> None:
        mapping = self.model.mapping
        title = str(mapping.get("title", "")) or str(mapping.get("id", ""))
        self.setWindowTitle(
            self.tr("Campaign “%1” (%2)[*] — esms-desktop")
            .replace("%1", title)
            .replace("%2", str(mapping.get("id", "")))
        )
        self.setWindowModified(self.dirty)
        self.save_button.setEnabled(getattr(self, "problem", None) is None and self.dirty)

    def validate(self) -> CampaignError | None:
        """The first problem of the campaign as it stands, or ``None`` when it can be saved."""
        mapping = self.model.mapping
        campaign_id = str(mapping.get("id", ""))
        try:
            parse_campaign(mapping, f"{campaign_id or 'campagne'}.toml")
            check_id(campaign_id)
        except CampaignError as err:
            return err
        taken = self.library.entries().get(campaign_id)
        if taken is not None and (taken.shipped or campaign_id != self.previous_id):
            message = (
                self.tr(
                    "Identifier “%1” is already that of the campaign “%2”: give this one "
                    "another identifier (key id)."
                )
                .replace("%1", campaign_id)
                .replace("%2", taken.campaign.title)
            )
            return CampaignError(message, path=("id",), problem=message)
        return None

    # --- the current row -------------------------------------------------------------------

    def current_node(self) -> Node | None:
        return self.model.node(self.tree.currentIndex())

    def _current_changed(self) -> None:
        node = self.current_node()
        owner = list_of(node)
        self.add_button.setEnabled(owner is not None and not self.read_only)
        self.add_button.setText(self._add_text(owner))
        self.remove_button.setEnabled(is_element(node) and not self.read_only)
        self.clear_button.setEnabled(clearable(self.model, node))
        self._show_side(node)

    def _add_text(self, owner: Node | None) -> str:
        name = str(owner.path[-1]) if owner is not None else ""
        return {
            "windows": self.tr("A&dd a step"),
            "values": self.tr("A&dd an amount…"),
            "essms_lines": self.tr("A&dd a line"),
            "project_lines": self.tr("A&dd a line"),
            "og_lines": self.tr("A&dd a line"),
            "bands": self.tr("A&dd a band"),
            "tranches": self.tr("A&dd a payment"),
            "reminders": self.tr("A&dd a reminder"),
            "notes": self.tr("A&dd a note"),
        }.get(name, self.tr("A&dd…"))

    def _show_side(self, node: Node | None) -> None:
        if node is None:
            for label in (self.side_title, self.side_key, self.side_doc, self.side_value):
                label.setText("")
            self.guide_frame.setVisible(False)
            return
        self.side_title.setText(f"<h3>{html.escape(self.model.title(node))}</h3>")
        path = node.value_path
        self.side_key.setText(
            self.tr("Key in the file: %1").replace("%1", format_path(path)) if path else ""
        )
        key = node.value_key or node.key
        self.side_doc.setText(key.doc if key is not None else "")
        text = str(self.model.index_of(node, VALUE_COLUMN).data() or "")
        long_text = node.kind == "note" or (key is not None and key.kind is Kind.TEXT)
        self.side_value.setText(self.tr("Value: %1").replace("%1", text) if long_text else "")
        self.side_value.setVisible(bool(long_text and text))
        where = guidance(path)
        self.guide_frame.setVisible(bool(where))
        empty = node.value_key is not None and missing(self.model.raw(path))
        self.guide_icon.setVisible(empty)
        if empty:
            heading = self.tr("Where to find this value:")
            self.guide_label.setText(f"<b>{html.escape(heading)}</b><br>{html.escape(where)}")
        else:
            heading = self.tr("Where this value usually is:")
            self.guide_label.setText(f"{html.escape(heading)}<br>{html.escape(where)}")
        self.guide_label.setAccessibleName(f"{heading} {where}")

    def show_problem(self) -> None:
        """Put the cursor on the row the validation's message names."""
        if self.problem is None:
            return
        index = self.model.index_for(self.problem.path, VALUE_COLUMN)
        if index.isValid():
            self.tree.scrollTo(index)
            self.tree.setCurrentIndex(index)
            self.tree.setFocus()

    def _remember_view(self) -> None:
        self._expanded = {
            n.path
            for n in self.model.nodes()
            if n.children and self.tree.isExpanded(self.model.index_of(n))
        }
        node = self.current_node()
        self._current = (node.path, self.tree.currentIndex().column()) if node else None

    def _restore_view(self) -> None:
        for node in self.model.nodes():
            if node.children and (node.top or node.path in self._expanded):
                self.tree.expand(self.model.index_of(node))
        if self._current is not None:
            path, column = self._current
            index = self.model.index_for(path, column)
            if index.isValid():
                self.tree.setCurrentIndex(index)

    def select(self, path: KeyPath, column: int = VALUE_COLUMN) -> QModelIndex:
        """Show the row of ``path`` (its parents expanded) and make it current."""
        index = self.model.index_for(path, column)
        parent = index.parent()
        while parent.isValid():
            self.tree.expand(parent)
            parent = parent.parent()
        self.tree.scrollTo(index)
        self.tree.setCurrentIndex(index)
        return index

    # --- structure -------------------------------------------------------------------------

    def add_element(self) -> None:
        owner = list_of(self.current_node())
        if owner is None or self.read_only:
            return
        name = ""
        if owner.kind == "map":
            name, ok = QInputDialog.getText(
                self,
                self.tr("New amount"),
                self.tr(
                    "Name of the amount (lower-case letters, digits and _; the lines refer to "
                    "it by this name):"
                ),
            )
            if not ok:
                return
            name = name.strip()
            problem = value_name_problem(self.model.mapping, name)
            if problem:
                self.refusal.set_message(
                    self.tr("“%1” cannot name an amount: %2.")
                    .replace("%1", name)
                    .replace("%2", problem)
                )
                return
        after, path = with_element(self.model.mapping, owner, name)
        self._commit(after, self._add_text(owner).replace("&", ""))
        node = self.model.find(path)
        if node is None:
            return
        target = node.children[0] if node.children else node
        index = self.select(target.path)
        self.tree.expand(self.model.index_of(node))
        if index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.tree.edit(index)

    def remove_element(self) -> None:
        node = self.current_node()
        if not is_element(node) or self.read_only:
            return
        assert node is not None
        title = self.model.title(node)
        self._commit(without(self.model.mapping, node), self.tr("Remove %1").replace("%1", title))

    def clear_key(self) -> None:
        node = self.current_node()
        if not clearable(self.model, node):
            return
        assert node is not None
        title = self.model.title(node)
        self._commit(without(self.model.mapping, node), self.tr("Clear %1").replace("%1", title))

    def _delete_pressed(self) -> None:
        node = self.current_node()
        if is_element(node):
            self.remove_element()
        elif clearable(self.model, node):
            self.clear_key()

    def _refuse_read_only(self) -> None:
        self.refusal.set_message(
            self.tr(
                "A campaign shipped with the program cannot be changed: use “New campaign "
                "based on this one…” to enter your ARS's values."
            )
        )

    def _derive(self) -> None:
        campaign_id = str(self.model.mapping.get("id", ""))
        self.done(QDialog.DialogCode.Rejected)
        self.derive_requested.emit(campaign_id)

    # --- saving and closing ----------------------------------------------------------------

    def save(self) -> bool:
        """Write the campaign to the user's folder; False (and why, in a dialog) when it is not
        valid or could not be written."""
        if self.read_only:
            return False
        problem = self.validate()
        if problem is not None:
            QMessageBox.warning(
                self,
                self.tr("Campaign not saved"),
                self.tr("The campaign cannot be saved yet:\n\n%1").replace("%1", problem.message),
            )
            self.show_problem()
            return False
        try:
            entry = self.library.save(self.model.mapping, previous_id=self.previous_id)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Campaign not saved"), exc.message)
            return False
        self.previous_id = entry.id
        self.stack.setClean()
        self.status_line.setText(self.tr("Saved in %1").replace("%1", str(entry.path)))
        self._changed()
        self.saved.emit(entry.id)
        return True

    def reject(self) -> None:
        """Escape, « Close » or the window's cross: unsaved changes are asked about first."""
        if self.dirty:
            box = QMessageBox(
                QMessageBox.Icon.Question,
                self.tr("Unsaved changes"),
                self.tr("The campaign “%1” has changes that are not saved. Save them?").replace(
                    "%1", str(self.model.mapping.get("title", ""))
                ),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                self,
            )
            box.setDefaultButton(QMessageBox.StandardButton.Save)
            box.button(QMessageBox.StandardButton.Discard).setText(self.tr("Do&n't save"))
            answer = QMessageBox.StandardButton(box.exec())
            if answer == QMessageBox.StandardButton.Save:
                if not self.save():
                    return
            elif answer != QMessageBox.StandardButton.Discard:  # Cancel, Escape: stay
                return
        super().reject()
