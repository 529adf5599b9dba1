"""The « Campagnes » window: the shipped and the user's campaigns, new, edit, import, export.

The list is the :class:`~esms_desktop.services.campaign_library.CampaignLibrary` of the window's
data folder: the programme's campaigns (read-only models) and the user's own, kept in the data
folder's ``campagnes/`` (never in the program's folder). Files of that folder that cannot be read
are listed under the table with their French message; the others stay usable.

« New campaign based on… » asks a title and an identifier (proposed from the title, editable),
copies the selected campaign under them and opens the editor; the same question serves the
budget's « Save these amounts in a new campaign… » (:func:`create_campaign`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from esms_desktop.domain.campaign import CampaignError
from esms_desktop.domain.errors import UserError
from esms_desktop.services.campaign_library import (
    CampaignEntry,
    CampaignExistsError,
    CampaignLibrary,
    check_id,
    id_from_title,
)
from esms_desktop.ui.campaign_editor import CampaignEditor
from esms_desktop.ui.file_dialogs import open_file, save_file
from esms_desktop.ui.widgets import WarningLine, heading, wrapped

Index = QModelIndex | QPersistentModelIndex


class NewCampaignDialog(QDialog):
    """Title and identifier of a new campaign; the identifier follows the title until edited."""

    def __init__(
        self,
        library: CampaignLibrary,
        source: CampaignEntry,
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.setWindowTitle(self.tr("New campaign"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapped(
                self.tr(
                    "The new campaign starts as a copy of “%1” (%2). Give it a title, for "
                    "instance « Généralisation 2026 — ARS Bretagne »; its identifier is what "
                    "the command line and the exchange files use."
                )
                .replace("%1", source.campaign.title)
                .replace("%2", source.id)
            )
        )
        form = QFormLayout()
        self.title_edit = QLineEdit(title or source.campaign.title)
        self.title_edit.setAccessibleName(self.tr("Title of the new campaign"))
        self.title_edit.selectAll()
        self.id_edit = QLineEdit()
        self.id_edit.setAccessibleName(self.tr("Identifier of the new campaign"))
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(max(source.campaign.year, 2000))
        self.year_spin.setAccessibleName(self.tr("Year of the call"))
        form.addRow(self.tr("&Title:"), self.title_edit)
        form.addRow(self.tr("&Identifier:"), self.id_edit)
        form.addRow(self.tr("&Year:"), self.year_spin)
        layout.addLayout(form)
        self.problem = WarningLine()
        self.problem.setObjectName("problem")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._id_typed = False
        self._year_typed = False
        self.title_edit.textChanged.connect(self._title_changed)
        self.id_edit.textEdited.connect(self._id_edited)
        self.year_spin.editingFinished.connect(self._year_edited)
        self._title_changed(self.title_edit.text())
        self.resize(560, 220)

    def _title_changed(self, text: str) -> None:
        """The identifier, and the year when the title names one (« … 2026 »), follow the title
        until they are typed by hand."""
        if not self._id_typed:
            self.id_edit.setText(id_from_title(text))
        year = re.search(r"\b(20[0-9]{2})\b", text)
        if year is not None and not self._year_typed:
            self.year_spin.setValue(int(year.group(1)))
        self._check()

    def _year_edited(self) -> None:
        self._year_typed = True

    def _id_edited(self, _text: str) -> None:
        self._id_typed = True
        self._check()

    def values(self) -> tuple[str, str]:
        return self.title_edit.text().strip(), self.id_edit.text().strip()

    def year(self) -> int:
        return self.year_spin.value()

    def _check(self) -> None:
        title, campaign_id = self.values()
        problem = ""
        if not title:
            problem = self.tr("Give the campaign a title.")
        else:
            try:
                check_id(campaign_id)
            except CampaignError as err:
                problem = err.message
            else:
                taken = self.library.entries().get(campaign_id)
                if taken is not None:
                    problem = (
                        self.tr("The identifier “%1” is already that of “%2”: choose another.")
                        .replace("%1", campaign_id)
                        .replace("%2", taken.campaign.title)
                    )
        self.problem.set_message(problem)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem)


def create_campaign(
    parent: QWidget,
    library: CampaignLibrary,
    source_id: str,
    *,
    title: str = "",
    overrides: Mapping[str, Decimal] | None = None,
    entered_in: str = "",
) -> CampaignEntry | None:
    """Ask a title and identifier, then copy ``source_id`` (with ``overrides`` as its amounts)
    into the user's folder; ``None`` when cancelled or refused (the reason shown)."""
    try:
        source = library.get(source_id)
    except CampaignError as err:
        QMessageBox.warning(parent, "esms-desktop", err.message)
        return None
    dialog = NewCampaignDialog(library, source, title, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    new_title, new_id = dialog.values()
    try:
        return library.derive(
            source_id,
            new_id,
            new_title,
            dict(overrides or {}),
            entered_in=entered_in,
            year=dialog.year(),
        )
    except UserError as exc:
        QMessageBox.warning(parent, dialog.windowTitle(), exc.message)
        return None


class CampaignsModel(QAbstractTableModel):
    """One row per campaign: title, identifier, origin, year, amounts to fill in, file."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[CampaignEntry] = []

    def set_entries(self, entries: list[CampaignEntry]) -> None:
        self.beginResetModel()
        self.rows = entries
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 6

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Title"),
                self.tr("Identifier"),
                self.tr("Origin"),
                self.tr("Year"),
                self.tr("Amounts to fill in"),
                self.tr("File"),
            )[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        entry = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return entry.campaign.title
            if column == 1:
                return entry.id
            if column == 2:
                return self.tr("programme") if entry.shipped else self.tr("yours")
            if column == 3:
                return str(entry.campaign.year)
            if column == 4:
                count = len(entry.campaign.missing_values)
                return str(count) if count else self.tr("none")
            return entry.path.name
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 5:
                return str(entry.path)
            if column == 4:
                return "\n".join(v.label for v in entry.campaign.missing_values) or None
            return entry.campaign.summary or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class CampaignsDialog(QDialog):
    """The « Campagnes » window (see the module's docstring). Enter opens the selected
    campaign, Delete deletes it (the user's only), Escape closes."""

    def __init__(self, library: CampaignLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.editor: CampaignEditor | None = None
        self.setWindowTitle(self.tr("Campaigns — esms-desktop"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Campaigns")))
        folder = str(library.user_folder) if library.user_folder else "—"
        layout.addWidget(
            wrapped(
                self.tr(
                    "The campaigns of the programme are models: they cannot be changed. Your "
                    "own campaigns (a copy completed with your ARS's values, or a file someone "
                    "gave you) are kept in %1."
                ).replace("%1", folder)
            )
        )
        self.model = CampaignsModel()
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Campaigns"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = self.table.horizontalHeader().fontMetrics()
        for column, width in enumerate((330, 220, 100, 60, 150)):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            self.table.setColumnWidth(column, max(width, metrics.horizontalAdvance(title) + 24))
        layout.addWidget(self.table, 1)
        self.problems = WarningLine()
        self.problems.setObjectName("problems")
        layout.addWidget(self.problems)
        self.status_line = wrapped()
        self.status_line.setObjectName("status")
        self.status_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status_line)

        row = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&New campaign based on…"))
        self.open_button = QPushButton(self.tr("Edi&t…"))
        self.import_button = QPushButton(self.tr("&Import…"))
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.delete_button = QPushButton(self.tr("&Delete"))
        self.close_button = QPushButton(self.tr("Close"))
        for button in (
            self.new_button,
            self.open_button,
            self.import_button,
            self.export_button,
            self.delete_button,
        ):
            row.addWidget(button)
            button.setAutoDefault(False)
        row.addStretch(1)
        row.addWidget(self.close_button)
        self.close_button.setAutoDefault(False)
        layout.addLayout(row)

        self.new_button.clicked.connect(self.new_campaign)
        self.open_button.clicked.connect(self.open_selected)
        self.import_button.clicked.connect(self.import_campaign)
        self.export_button.clicked.connect(self.export_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.close_button.clicked.connect(self.reject)
        self.table.activated.connect(self._activated)
        self.table.installEventFilter(self)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.refresh()
        self.resize(1100, 560)
        self.table.setFocus()

    # --- the list --------------------------------------------------------------------------

    def refresh(self, select_id: str | None = None) -> None:
        """Read the campaigns again (files may have changed) and select ``select_id``."""
        current = select_id or self.selected_id()
        try:
            entries = list(self.library.entries().values())
            problems = self.library.problems
        except UserError as exc:
            entries, problems = [], ()
            self.problems.set_message(exc.message)
        else:
            if problems:
                self.problems.set_message(
                    self.tr(
                        "These files of your campaigns folder cannot be used (the other "
                        "campaigns can):"
                    )
                    + "\n"
                    + "\n".join(p.message for p in problems)
                )
            else:
                self.problems.set_message("")
        self.model.set_entries(entries)
        row = next((i for i, e in enumerate(entries) if e.id == current), 0)
        if entries:
            self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> CampaignEntry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.model.rows):
            return None
        return self.model.rows[rows[0].row()]

    def selected_id(self) -> str | None:
        entry = self.selected()
        return entry.id if entry is not None else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Delete in the list deletes the selected campaign (asked first)."""
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Delete)
        ):
            self.delete_selected()
            return True
        return super().eventFilter(watched, event)

    def _activated(self, _index: QModelIndex) -> None:
        self.open_selected()

    def _selection_changed(self, *_args: object) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        entry = self.selected()
        for button in (self.new_button, self.open_button, self.export_button):
            button.setEnabled(entry is not None)
        self.delete_button.setEnabled(entry is not None and not entry.shipped)
        self.open_button.setText(
            self.tr("&View…") if entry is not None and entry.shipped else self.tr("Edi&t…")
        )

    # --- actions ---------------------------------------------------------------------------

    def new_campaign(self, source_id: str | None = None) -> None:
        """« New campaign based on… »: the selected campaign (or ``source_id``) copied under a
        new title and identifier, then opened in the editor."""
        source = source_id or self.selected_id()
        if source is None:
            return
        entry = create_campaign(self, self.library, source)
        if entry is None:
            return
        self.refresh(entry.id)
        self.status_line.setText(
            self.tr("Campaign “%1” created in %2.")
            .replace("%1", entry.campaign.title)
            .replace("%2", str(entry.path))
        )
        self.open_editor(entry.id)

    def open_selected(self) -> None:
        campaign_id = self.selected_id()
        if campaign_id is not None:
            self.open_editor(campaign_id)

    def open_editor(self, campaign_id: str) -> CampaignEditor | None:
        """Open the editor (window-modal; the list follows what it saves)."""
        try:
            editor = CampaignEditor(self.library, campaign_id, self)
        except UserError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.message)
            self.refresh()
            return None
        editor.saved.connect(self.refresh)
        editor.finished.connect(lambda _r: self._editor_closed(editor))
        editor.derive_requested.connect(self.new_campaign)
        self.editor = editor
        editor.open()
        return editor

    def _editor_closed(self, editor: CampaignEditor) -> None:
        if self.editor is editor:
            self.editor = None
        editor.deleteLater()
        self.refresh()

    def import_campaign(self) -> None:
        """Copy a campaign file into the user's folder, checked whole first."""
        path = open_file(
            self,
            self.tr("Import a campaign"),
            self.tr("Campaign files (*.toml);;All files (*)"),
            kind="imports",
        )
        if path is None:
            return
        entry = self._import(path)
        if entry is not None:
            self.refresh(entry.id)
            self.status_line.setText(
                self.tr("Campaign “%1” (%2) imported.")
                .replace("%1", entry.campaign.title)
                .replace("%2", entry.id)
            )

    def _import(self, path: Path) -> CampaignEntry | None:
        try:
            return self.library.import_file(path)
        except CampaignExistsError as exists:
            box = QMessageBox(
                QMessageBox.Icon.Question,
                self.tr("Import a campaign"),
                exists.message,
                QMessageBox.StandardButton.Cancel,
                self,
            )
            replace = box.addButton(self.tr("&Replace"), QMessageBox.ButtonRole.AcceptRole)
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() is not replace:
                return None
            try:
                return self.library.import_file(path, replace=True)
            except UserError as exc:
                self._refused(path, exc)
        except UserError as exc:
            self._refused(path, exc)
        return None

    def _refused(self, path: Path, exc: UserError) -> None:
        QMessageBox.warning(
            self,
            self.tr("Campaign not imported"),
            self.tr("The file %1 was not imported:\n\n%2")
            .replace("%1", path.name)
            .replace("%2", exc.message),
        )

    def export_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        target = save_file(
            self,
            self.tr("Export a campaign"),
            f"{entry.id}.toml",
            self.tr("Campaign files (*.toml)"),
        )
        if target is None:
            return
        try:
            self.library.export(entry.id, target)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Campaign not exported"), exc.message)
            return
        self.status_line.setText(
            self.tr("Campaign “%1” exported to %2.")
            .replace("%1", entry.campaign.title)
            .replace("%2", str(target))
        )

    def delete_selected(self) -> None:
        entry = self.selected()
        if entry is None or entry.shipped:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete the campaign"),
            self.tr(
                "Delete the campaign “%1”? Its file is set aside in the “supprimees” folder "
                "of your campaigns, not erased. Dossiers made with it keep their values."
            ).replace("%1", entry.campaign.title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            where = self.library.delete(entry.id)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Delete the campaign"), exc.message)
            return
        self.refresh()
        self.status_line.setText(
            self.tr("Campaign “%1” deleted: its file was set aside as %2.")
            .replace("%1", entry.campaign.title)
            .replace("%2", str(where))
        )
