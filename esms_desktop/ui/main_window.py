"""The main window: home (dossier list) or one dossier, menus, shortcuts, save status."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from esms_desktop import __version__
from esms_desktop.domain.campaign import CampaignError
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.edits import switch_campaign
from esms_desktop.domain.errors import UserError
from esms_desktop.domain.follow_up import Phase
from esms_desktop.domain.validation import shown
from esms_desktop.services.dossiers import LoadedDossier
from esms_desktop.services.session import DossierSession
from esms_desktop.storage.errors import StoreError
from esms_desktop.ui.dossier_view import DossierView, ViewFactory
from esms_desktop.ui.file_dialogs import open_file, use_settings
from esms_desktop.ui.screen_fit import place_window, save_window
from esms_desktop.ui.undo import Editor
from esms_desktop.ui.view_state import remember_layout
from esms_desktop.ui.views.home_view import HomeView

if TYPE_CHECKING:  # the manual's window is built (and its module read) on first F1
    from esms_desktop.ui.help_browser import HelpWindow


class Workspace(Protocol):
    """What the window needs from the services (see services/workspace.py)."""

    @property
    def data_dir(self) -> Path: ...

    on_notice: Callable[[str], None] | None

    @property
    def save_errors(self) -> tuple[type[Exception], ...]: ...

    def list_dossiers(self) -> Sequence[Any]: ...
    def create(self, name: str, campaign_id: str, source: Path | None = None) -> int: ...
    def load(self, dossier_id: int) -> Dossier: ...
    def open(self, dossier_id: int) -> LoadedDossier: ...
    def save(self, dossier: Dossier, *, before: Dossier | None = None) -> Dossier: ...
    def rename(self, dossier_id: int, name: str) -> None: ...
    def duplicate(self, dossier_id: int) -> int: ...
    def delete(self, dossier_id: int) -> None: ...
    def campaign_choices(self) -> Sequence[tuple[str, str]]: ...
    def maybe_backup(self) -> None: ...
    def backups(self) -> Sequence[tuple[Path, Any, str]]: ...
    def restore(self, path: Path) -> None: ...
    def save_backup_as(self, path: Path) -> Path: ...
    def backup_file_name(self) -> str: ...
    def describe_backup(self, path: Path) -> Any: ...


class NewDossierDialog(QDialog):
    """Name, campaign and optionally a file to start from (spreadsheet, FINESS export, .esms)."""

    def __init__(self, campaigns: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New dossier"))
        form = QFormLayout(self)
        self.name_edit = QLineEdit(self.tr("Candidature ESMS numérique"))
        self.name_edit.setAccessibleName(self.tr("Dossier name"))
        form.addRow(self.tr("&Name:"), self.name_edit)
        self.campaign_combo = QComboBox()
        self.campaign_combo.setAccessibleName(self.tr("Campaign"))
        for cid, title in campaigns:
            self.campaign_combo.addItem(f"{title} ({cid})", cid)
        form.addRow(self.tr("&Campaign:"), self.campaign_combo)
        row = QHBoxLayout()
        self.file_edit = QLineEdit()
        self.file_edit.setAccessibleName(self.tr("Start from a file (optional)"))
        self.file_edit.setPlaceholderText(self.tr("optional: spreadsheet, FINESS export or .esms"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.file_edit, 1)
        row.addWidget(browse)
        file_label = QLabel(self.tr("Start &from:"))
        file_label.setBuddy(self.file_edit)
        form.addRow(file_label, row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(620, 180)

    def _browse(self) -> None:
        path = open_file(
            self,
            self.tr("Start from a file"),
            self.tr(
                "Grappe or FINESS files (*.csv *.xlsx *.xls *.ods *.json *.gz *.esms);;"
                "All files (*)"
            ),
            kind="imports",
        )
        if path is not None:
            self.file_edit.setText(str(path))

    def values(self) -> tuple[str, str, Path | None]:
        text = self.file_edit.text().strip()
        return (
            self.name_edit.text().strip(),
            str(self.campaign_combo.currentData()),
            Path(text) if text else None,
        )


def folder_key(data_dir: Path, name: str) -> str:
    """A settings key of one data folder: dossier numbers start at 1 in every folder, and the
    settings are the user's, shared by all her folders (« dossier 1 » of a test folder once
    reopened another folder's dossier 1 on its last step)."""
    digest = hashlib.sha256(str(Path(data_dir).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"folders/{digest}/{name}"


SNAPSHOT_PAUSE_MS = 2000
"""How long the edits pause before the start-up snapshot is written again (ms)."""


class MainWindow(QMainWindow):
    dossier_opened = Signal(int)

    def __init__(
        self,
        workspace: Workspace,
        factories: dict[Any, ViewFactory],
        settings: QSettings,
        question_count: int = 0,
        extra_menus: Callable[[MainWindow], None] | None = None,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.factories = factories
        self.settings = settings
        use_settings(settings)  # each kind of file opens in its last folder, session after session
        workspace.on_notice = self.show_notice
        self.question_count = question_count
        self.session: DossierSession | None = None
        self.dossier_view: DossierView | None = None
        self.undo_stack = QUndoStack(self)
        self.setWindowTitle("esms-desktop")
        self.pages = QStackedWidget()
        self.home = HomeView()
        self.pages.addWidget(self.home)
        self.setCentralWidget(self.pages)
        self.save_label = QLabel()
        self.statusBar().addPermanentWidget(self.save_label)
        self.verdict_label = QLabel()
        self.verdict_label.setAccessibleName(self.tr("Verdict of the dossier"))
        self.statusBar().addPermanentWidget(self.verdict_label)
        self._build_actions()
        self._build_file_intake()
        self._build_backup_file_actions()
        if extra_menus:
            extra_menus(self)
        self.home.new_requested.connect(self.new_dossier)
        self.home.open_requested.connect(self.open_dossier)
        self.home.duplicate_requested.connect(self.duplicate_dossier)
        self.home.rename_requested.connect(self.rename_dossier)
        self.home.delete_requested.connect(self.delete_dossier)
        self.undo_stack.cleanChanged.connect(lambda _c: self._update_save_label())
        self._update_dossier_actions()
        if getattr(workspace, "opened", True):  # else the list is read once the store opens
            self.refresh_home()
        place_window(self, settings)  # fitted to today's screen, maximised if it must be
        remember_layout(self.home, settings)

    # --- menus ----------------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], Any], shortcut: Any = None) -> QAction:
        """A menu action calling ``slot()`` with no argument.

        ``triggered`` carries a ``checked`` flag that PySide passes to any slot accepting a
        parameter: it once landed in ``load_register(path)`` as ``False`` and killed the menu.
        """
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.new_action = self._action(
            self.tr("&New dossier…"), self.new_dossier, QKeySequence.StandardKey.New
        )
        self.open_action = self._action(
            self.tr("&Open a dossier…"), self.show_home, QKeySequence.StandardKey.Open
        )
        self.home_action = self._action(self.tr("&Home"), self.show_home, "Ctrl+H")
        self.campaigns_action = self._action(self.tr("Ca&mpaigns…"), self.show_campaigns)
        self.quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.restore_action = self._action(self.tr("&Restore a backup…"), self.restore_backup)
        self.register_action = self._action(
            self.tr("&Load the FINESS register…"), self.load_register
        )
        self.pdf_action = self._action(
            self.tr("Export the candidature &PDF…"), self.export_pdf, "Ctrl+E"
        )
        self.print_action = self._action(
            self.tr("Pr&int the dossier…"), self.print_dossier, QKeySequence.StandardKey.Print
        )
        for a in (self.new_action, self.open_action, self.home_action, self.campaigns_action):
            file_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(self.pdf_action)
        file_menu.addAction(self.print_action)
        file_menu.addAction(self.register_action)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.file_menu = file_menu

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.find_action = self._action(
            self.tr("&Find…"), self.find_in_dossier, QKeySequence.StandardKey.Find
        )
        self.preferences_action = self._action(
            self.tr("&Preferences…"), self.show_preferences, QKeySequence.StandardKey.Preferences
        )
        for a in (self.undo_action, self.redo_action, self.find_action):
            edit_menu.addAction(a)
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences_action)
        self.edit_menu = edit_menu

        self._build_help_menu()

    # --- home -----------------------------------------------------------------------------

    def refresh_home(self, select_id: int | None = None) -> None:
        self.guard(lambda: self.home.set_dossiers(self.workspace.list_dossiers(), select_id))

    def show_home(self) -> None:
        self.close_dossier()
        self.refresh_home()
        self.pages.setCurrentWidget(self.home)
        self.home.table.setFocus()

    def new_dossier(self, source: Path | None = None) -> None:
        """File › New dossier…; ``source``: a file dropped on the home page, prefilled."""
        dialog = NewDossierDialog(self.workspace.campaign_choices(), self)
        if source is not None:
            dialog.file_edit.setText(str(source))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, campaign_id, source = dialog.values()
        if source is not None and source.suffix.lower() == ".esms":
            # Already here? Then open, merge or copy, never a second dossier unasked.
            self.file_intake.offer_esms(source, name=name or None, campaign_id=campaign_id)
            return
        from esms_desktop.services.imports import finess_register_format

        # A FINESS register file is not a grappe: the dossier starts empty, then the user loads
        # the file as the offline register and picks the establishments it should hold.
        register_file = source if source and finess_register_format(source) else None
        new_id = self.guard(
            lambda: self.workspace.create(
                name or self.tr("New dossier"), campaign_id, None if register_file else source
            )
        )
        if new_id is None:
            return
        self.open_dossier(new_id)
        if register_file is not None and self.dossier_view is not None:
            from esms_desktop.domain.completeness import Step

            self.dossier_view.show_step(Step.GRAPPE)
            grappe = self.dossier_view.views.get(Step.GRAPPE)
            if grappe is not None and hasattr(grappe, "load_and_pick"):
                grappe.load_and_pick(register_file)

    def duplicate_dossier(self, dossier_id: int) -> None:
        new_id = self.guard(lambda: self.workspace.duplicate(dossier_id))
        self.refresh_home(new_id)

    def rename_dossier(self, dossier_id: int) -> None:
        current = next((s.name for s in self.home.model._rows if s.id == dossier_id), "")
        name, ok = QInputDialog.getText(self, self.tr("Rename"), self.tr("New name:"), text=current)
        if ok and name.strip():
            self.guard(lambda: self.workspace.rename(dossier_id, name.strip()))
            self.refresh_home(dossier_id)

    def delete_dossier(self, dossier_id: int) -> None:
        current = next((s.name for s in self.home.model._rows if s.id == dossier_id), "")
        answer = QMessageBox.question(
            self,
            self.tr("Delete the dossier"),
            self.tr(
                "Delete the dossier “%1”? A backup is taken first: it can be brought back "
                "from the backups."
            ).replace("%1", current),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.guard(lambda: self.workspace.delete(dossier_id))
            self.refresh_home()

    # --- one dossier ----------------------------------------------------------------------

    def open_dossier(self, dossier_id: int) -> None:
        """Show a dossier; one with problems (the service lists them) opens read-only, on the
        page that lists them and offers the repair, instead of its steps."""
        loaded: LoadedDossier | None = self.guard(lambda: self.workspace.open(dossier_id))
        if loaded is None:
            return
        self.show_loaded(dossier_id, loaded)

    def show_loaded(self, dossier_id: int, loaded: LoadedDossier) -> None:
        """Show a dossier already read (by :meth:`open_dossier`, or from its start-up snapshot
        before the store is open: its edits are saved through the workspace all the same)."""
        dossier = loaded.dossier
        self.close_dossier()
        self.session = DossierSession(
            dossier, self.workspace.save, self.workspace.save_errors, problems=loaded.problems
        )
        self.session.on_save_error(self._save_failed)
        self.session.subscribe(lambda _d: self._update_save_label())
        self.session.subscribe(lambda _d: self._update_verdict_label())
        self.session.subscribe(lambda _d: self._keep_snapshot_later())
        self.undo_stack.clear()
        editor = Editor(self.session, self.undo_stack)
        self.dossier_view = DossierView(editor, self.factories, self.question_count)
        if self.dossier_view.repair is not None:
            self.dossier_view.repair.restore_requested.connect(self.restore_backup)
            self.dossier_view.repair.home_requested.connect(self.show_home)
        view = self.dossier_view
        view.view_built.connect(lambda step: self._step_view_built(view, step))
        for step in [s for s in view.order if view.views.built(s) is not None]:
            self._step_view_built(view, step)  # built with the view, before this connection
        self._restore_arrangement(view, dossier_id)
        self.pages.addWidget(self.dossier_view)
        self.pages.setCurrentWidget(self.dossier_view)
        self.setWindowTitle(f"{shown(dossier.name, 200)} — esms-desktop")
        self._update_dossier_actions()
        self.settings.setValue(folder_key(self.workspace.data_dir, "last_dossier"), dossier_id)
        self._update_save_label()
        self._update_verdict_label()
        self.dossier_opened.emit(dossier_id)

    def close_dossier(self) -> None:
        if self.dossier_view is not None:
            if self.session is not None and self.session.unsaved:
                self.guard(self.session.retry_save)
            self._keep_snapshot_now()  # the next start shows this dossier at once
            self.pages.removeWidget(self.dossier_view)
            self.dossier_view.deleteLater()
            self.dossier_view = None
            self.session = None
            self.undo_stack.clear()
            self.setWindowTitle("esms-desktop")
            self._update_dossier_actions()

    def _update_dossier_actions(self) -> None:
        """Actions that act on the open dossier are greyed out on the home page, and for a
        dossier to repair (nothing of it is printed)."""
        readable = self.session is not None and not self.session.read_only
        self.pdf_action.setEnabled(self.dossier_view is not None and readable)
        self.print_action.setEnabled(self.dossier_view is not None and readable)
        self.export_esms_action.setEnabled(self.dossier_view is not None and readable)

    def find_in_dossier(self) -> None:
        if self.dossier_view is None:
            self.home.table.setFocus()
            return
        from esms_desktop.domain.completeness import Step

        self.dossier_view.show_step(Step.GRAPPE)
        grappe = self.dossier_view.views.get(Step.GRAPPE)
        if grappe is not None and hasattr(grappe, "focus_filter"):
            grappe.focus_filter()

    # --- campaigns ------------------------------------------------------------------------

    def show_campaigns(self) -> None:
        """File › Campaigns…: the shipped and the user's campaigns (window-modal); when it
        closes, what lists campaigns or totals reads them again."""
        library = getattr(self.workspace, "campaigns", None)
        if library is None:
            return
        from esms_desktop.ui.campaigns_dialog import CampaignsDialog

        dialog = CampaignsDialog(library, self)
        before = self._open_campaign_version()
        dialog.finished.connect(lambda _result: self._campaigns_closed(dialog, before))
        self.campaigns_dialog: Any = dialog
        dialog.open()

    def _open_campaign_version(self) -> str | None:
        """The fingerprint of the open dossier's campaign as this folder has it (``None``:
        no dossier open, or its campaign is absent)."""
        library = getattr(self.workspace, "campaigns", None)
        if self.session is None or library is None:
            return None
        try:
            return str(library.get(self.session.dossier.campaign_id).campaign.fingerprint)
        except CampaignError:
            return None

    def open_dossier_again(self) -> None:
        """Close and reopen the open dossier (saved first), on the step it showed."""
        if self.session is None or self.session.dossier.id is None or self.dossier_view is None:
            return
        dossier_id = self.session.dossier.id
        step = self.dossier_view.current_step() if self.dossier_view.order else None
        self.open_dossier(dossier_id)
        if step is not None and self.dossier_view is not None:
            self.dossier_view.show_step(step)

    def _campaigns_closed(self, dialog: Any, before: str | None) -> None:
        if getattr(self, "campaigns_dialog", None) is dialog:
            self.campaigns_dialog = None
        dialog.deleteLater()
        if self.dossier_view is None:
            self.refresh_home(self.home.selected_id())
        elif self.session is not None and self._open_campaign_version() != before:
            # The open dossier's campaign was edited, replaced, imported or set aside: open it
            # again so that every step computes with what the file now says (or says it is
            # absent) instead of failing on the next edit.
            self.open_dossier_again()

    def _step_view_built(self, view: DossierView, step: Any) -> None:
        """A step's view, built when first shown: its splitters and columns as the user left
        them, and the budget's « save as a campaign » wired."""
        from esms_desktop.domain.completeness import Step

        remember_layout(view, self.settings)
        signal = getattr(view.views.built(step), "promote_requested", None)
        if step is Step.BUDGET and signal is not None:
            signal.connect(self.promote_overrides)

    def promote_overrides(self) -> None:
        """The amounts typed in this dossier saved as a new campaign of the user, so that the
        next dossier does not type them again; this dossier moves to it if the user says so (one
        undo step: the campaign and the typed amounts come back)."""
        library = getattr(self.workspace, "campaigns", None)
        if library is None or self.session is None or not self.session.dossier.overrides:
            return
        from esms_desktop.ui.campaigns_dialog import create_campaign

        dossier = self.session.dossier
        try:
            source_title = library.get(dossier.campaign_id).campaign.title
        except UserError as exc:
            QMessageBox.warning(self, self.tr("esms-desktop"), exc.message)
            return
        entry = create_campaign(
            self,
            library,
            dossier.campaign_id,
            title=f"{source_title} — {shown(dossier.name, 80)}",
            overrides=dossier.overrides,
            entered_in=dossier.name,
        )
        if entry is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Campaign created"),
            self.tr(
                "The campaign “%1” (%2) was created with the %3 amount(s) typed in this "
                "dossier; File › Campaigns… lists it for your next dossiers.\n\nUse it for this "
                "dossier too? Its amounts then come from the campaign instead of being typed "
                "here (Ctrl+Z undoes it)."
            )
            .replace("%1", entry.campaign.title)
            .replace("%2", entry.id)
            .replace("%3", str(len(dossier.overrides))),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes and self.session is not None:
            switched, _dropped = switch_campaign(self.session.dossier, entry.campaign)
            Editor(self.session, self.undo_stack).apply(
                replace(switched, overrides=MappingProxyType({})),
                self.tr("Change the campaign to %1").replace("%1", entry.id),
            )

    def export_pdf(self) -> None:
        """Ctrl+E: go to the export step and write the candidature PDF."""
        if self.dossier_view is None:
            return
        from esms_desktop.domain.completeness import Step

        self.dossier_view.show_step(Step.EXPORT)
        view = self.dossier_view.views.get(Step.EXPORT)
        if view is not None and hasattr(view, "export_pdf"):
            view.export_pdf()

    def print_dossier(self) -> None:
        """Ctrl+P, as in Word or Edge: the export step, then the print dialog over the preview
        of the candidature dossier (written first when it changed since its last export)."""
        if self.dossier_view is None or self.session is None or self.session.read_only:
            return
        from esms_desktop.domain.completeness import Step

        self.dossier_view.show_step(Step.EXPORT)
        view = self.dossier_view.views.get(Step.EXPORT)
        if view is not None and hasattr(view, "print_dossier"):
            view.print_dossier()

    def _update_save_label(self) -> None:
        if self.session is None:
            self.save_label.setText("")
        elif self.session.unsaved:
            self.save_label.setText(self.tr("Not saved — will retry"))
        else:
            self.save_label.setText(self.tr("All changes saved"))

    def _update_verdict_label(self) -> None:
        """Both verdicts (eligibility, completeness) in the status bar, next to the save state."""
        from esms_desktop.domain.completeness import missing_items, readiness
        from esms_desktop.ui.dossier_view import follow_up_label, repair_label, verdict_label

        if self.session is None:
            self.verdict_label.setText("")
            return
        if self.session.read_only:  # no budget over values no door lets in
            self.verdict_label.setText(repair_label())
            return
        try:
            budget = self.session.budget
        except CampaignError:  # its campaign is not in this data folder: the view says what to do
            self.verdict_label.setText(self.tr("Campaign absent: nothing is computed."))
            return
        dossier = self.session.dossier
        if dossier.follow_up.phase is not Phase.CANDIDATURE:
            # filed: the project's to-do, as the side panel counts it
            from esms_desktop.domain.follow_up_todo import follow_up_items
            from esms_desktop.ui.follow_up_state import verdicts

            points = follow_up_items(dossier, *verdicts(dossier))
            self.verdict_label.setText(follow_up_label(dossier, len(points)))
            return
        items = missing_items(dossier, budget, self.question_count)
        self.verdict_label.setText(verdict_label(readiness(budget, items)))

    def _save_failed(self, exc: Exception) -> None:
        self._update_save_label()
        QMessageBox.warning(
            self,
            self.tr("Could not save"),
            self.tr(
                "Your change is kept on screen but could not be saved:\n\n%1\n\nIt will be "
                "saved again with your next change, or when you close the dossier."
            ).replace("%1", str(exc)),
        )

    # --- errors, help ---------------------------------------------------------------------

    def guard(self, call: Callable[[], Any]) -> Any:
        """Run a service call; a storage or input error becomes a French dialog, not a crash.

        Only a :class:`UserError` is the user's to read: anything else (a ``KeyError``, a
        ``ValueError`` from a bug…) goes on to the crash reporter, logged with its traceback,
        instead of passing for a problem with the user's data.
        """
        try:
            return call()
        except UserError as exc:
            if isinstance(exc, StoreError):  # the data folder or database: the data is at stake
                QMessageBox.critical(self, self.tr("esms-desktop"), exc.message)
            else:  # French messages from importers and campaign files
                QMessageBox.warning(self, self.tr("esms-desktop"), exc.message)
        return None

    def load_register(self) -> None:
        """File › Load the FINESS register…: choose the file, then load it."""
        chosen = open_file(
            self,
            self.tr("Load the FINESS register"),
            self.tr("FINESS files (*.csv *.json *.gz *.txt);;All files (*)"),
            kind="imports",
        )
        if chosen is not None:
            self.load_register_file(chosen)

    def load_register_file(self, path: Path) -> None:
        """Load a FINESS export or extract for the offline look-up (in the background)."""
        from esms_desktop.ui.finess_dialog import load_register_in_background

        register = getattr(self.workspace, "load_register", None)
        if register is None:
            return

        def done(result: Any) -> None:
            QMessageBox.information(self, self.tr("FINESS register"), result.summary)

        load_register_in_background(self, register, path, done)

    def restore_backup(self) -> None:
        """Bring back the whole data as it was at a backup (a deleted dossier, say)."""
        backups = self.guard(self.workspace.backups)
        if backups is None:  # the backups folder could not be read: the error was shown
            return
        reasons = {
            "demarrage": self.tr("start"),
            "auto": self.tr("automatic"),
            "manuelle": self.tr("manual"),
            "avant-suppression": self.tr("before deletion"),
            "avant-import": self.tr("before import"),
            "avant-migration": self.tr("before update"),
            "avant-restauration": self.tr("before restore"),
        }
        labels = [
            f"{taken:%d/%m/%Y %H:%M:%S} — {reasons.get(why, why)}" for _path, taken, why in backups
        ]
        from_file = self.tr("From a file… (a backup saved on a USB key, in Documents…)")
        prompt = self.tr(
            "Every dossier will be put back as it was at this moment (the current "
            "state is backed up first):"
        )
        if not backups:
            prompt = self.tr(
                "No backup has been taken on this computer yet. A backup saved elsewhere can "
                "be restored (the current state is backed up first):"
            )
        label, ok = QInputDialog.getItem(
            self, self.tr("Restore a backup"), prompt, [*labels, from_file], 0, False
        )
        if not ok:
            return
        if label == from_file:
            chosen = self.choose_backup_file()
            if chosen is None:
                return
            path = chosen
        else:
            path = backups[labels.index(label)][0]
        self.close_dossier()
        self.guard(lambda: self.workspace.restore(path))
        self.show_home()

    # --- backups the user carries (ui/backup_files.py) ---------------------------------------

    def _build_backup_file_actions(self) -> None:
        """File › Save a backup as…, just above Restore a backup…."""
        self.save_backup_action = self._action(self.tr("Save a &backup as…"), self.save_backup_as)
        self.file_menu.insertAction(self.restore_action, self.save_backup_action)

    def save_backup_as(self) -> Path | None:
        """Every dossier, annexes included, written where the user chooses (USB key…)."""
        from esms_desktop.ui.backup_files import save_backup_as

        return save_backup_as(self, self.workspace, self.guard, self.session)

    def choose_backup_file(self) -> Path | None:
        """A backup file from anywhere, checked and confirmed (Restore › From a file…)."""
        from esms_desktop.ui.backup_files import choose_backup_file

        return choose_backup_file(self, self.workspace, self.guard)

    def show_preferences(self) -> None:
        """Language of the interface (applied at the next start, like most desktop programs)."""
        from esms_desktop.ui.i18n import DEFAULT_LANGUAGE, LANGUAGES

        codes = list(LANGUAGES)
        current = str(self.settings.value("preferences/language", DEFAULT_LANGUAGE))
        label, ok = QInputDialog.getItem(
            self,
            self.tr("Preferences"),
            self.tr("Language of the interface:"),
            [LANGUAGES[c] for c in codes],
            codes.index(current) if current in codes else 0,
            False,
        )
        if ok:
            chosen = codes[[LANGUAGES[c] for c in codes].index(label)]
            self.settings.setValue("preferences/language", chosen)
            if chosen != current:
                QMessageBox.information(
                    self,
                    self.tr("Preferences"),
                    self.tr("The new language will be used the next time esms-desktop starts."),
                )

    # --- the manual (Help menu) ------------------------------------------------------------

    def _build_help_menu(self) -> None:
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help_window: HelpWindow | None = None
        self.help_action = self._action(
            self.tr("&Manual"), self.show_help, QKeySequence.StandardKey.HelpContents
        )
        self.shortcuts_action = self._action(self.tr("&Keyboard shortcuts"), self.show_shortcuts)
        self.about_action = self._action(self.tr("&About esms-desktop"), self.show_about)
        help_menu.addAction(self.help_action)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)
        self.help_menu = help_menu

    def show_help(self) -> None:
        """F1: the manual at the page of the step shown, else at its home page."""
        from esms_desktop.ui.help_browser import HOME, STEP_PAGES

        page = HOME
        view = self.dossier_view
        shown = view is not None and self.pages.currentWidget() is view
        if view is not None and shown and view.order and view.steps.currentRow() >= 0:
            page = STEP_PAGES.get(view.current_step(), HOME)
        self.open_manual(page)

    def show_shortcuts(self) -> None:
        from esms_desktop.ui.help_browser import SHORTCUTS

        self.open_manual(SHORTCUTS)

    def open_manual(self, page: str) -> None:
        """The one manual window (non-modal), opened at ``page`` and brought forward."""
        if self.help_window is None:
            from esms_desktop.ui.help_browser import HelpWindow, window_shortcuts

            self.help_window = HelpWindow(self, shortcuts=lambda: window_shortcuts(self))
        self.help_window.open_page(page)
        # Said here too: the manual is another window, which may open behind or elsewhere.
        title = self.help_window.browser.documentTitle()
        self.statusBar().showMessage(
            self.tr("Manual open in its own window: %1").replace("%1", title), 8000
        )

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About esms-desktop"),
            self.tr(
                "<p><b>esms-desktop %1</b></p><p>Prepare an ESMS numérique candidature, "
                "offline.</p><p>Data folder: %2</p><p>FINESS data: “FINESS — Ministère "
                "chargé de la santé / DREES”. Fonts: DejaVu (Bitstream Vera licence). "
                "Qt for Python (LGPL), ReportLab (BSD), SQLAlchemy and Alembic (MIT), "
                "openpyxl (MIT), platformdirs (MIT).</p>"
            )
            .replace("%1", __version__)
            .replace("%2", str(self.workspace.data_dir)),
        )

    # --- files brought to the window (Explorer, a second launch, a drop, File › Import) -----

    def _build_file_intake(self) -> None:
        """File › Import / Export an .esms file, and drops of files onto the window."""
        from esms_desktop.ui.file_intake import FileIntake

        self.file_intake = FileIntake(self)
        self.import_esms_action = self._action(
            self.tr("&Import an .esms file…"), self.import_esms_file
        )
        self.export_esms_action = self._action(
            self.tr("E&xport this dossier as an .esms file…"), self.export_esms_file
        )
        self.file_menu.insertAction(self.pdf_action, self.import_esms_action)
        self.file_menu.insertAction(self.pdf_action, self.export_esms_action)
        self.setAcceptDrops(True)

    def offer_file(self, path: Path) -> None:
        """The one way in for a file: .esms (opened, or the choice when it is already here),
        grappe spreadsheet, FINESS register file (see ui/file_intake.py)."""
        self.file_intake.offer(path)

    def import_esms_file(self) -> None:
        chosen = open_file(
            self,
            self.tr("Import an .esms file"),
            self.tr("esms-desktop exchange file (*.esms)"),
            kind="imports",
        )
        if chosen is not None:
            self.offer_file(chosen)

    def export_esms_file(self) -> None:
        """The Export step's own « .esms » export (its file dialog, progress and status)."""
        if self.dossier_view is None:
            return
        from esms_desktop.domain.completeness import Step

        self.dossier_view.show_step(Step.EXPORT)
        view = self.dossier_view.views.get(Step.EXPORT)
        if view is not None and hasattr(view, "export_esms"):
            view.export_esms()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        from esms_desktop.ui.file_intake import local_files

        if local_files(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        from esms_desktop.ui.file_intake import local_files

        if local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        from esms_desktop.ui.file_intake import local_files

        paths = local_files(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.file_intake.offer_later(paths)  # after the drop returns: Explorer waits for it

    def show_notice(self, text: str) -> None:
        """A sentence from the services that no dialog asked for: the status bar, long enough
        to be read (the FINESS register rebuilt behind a look-up…)."""
        self.statusBar().showMessage(text, 30_000)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.close_dossier()
        save_window(self, self.settings)
        self.settings.sync()
        event.accept()

    # --- the start-up snapshot (written when the edits pause, not at every save) -------------

    _snapshot_timer: QTimer | None = None

    def _keep_snapshot_later(self) -> None:
        """After an edit: the dossier's start-up snapshot is written once the edits have paused
        for :data:`SNAPSHOT_PAUSE_MS` (each edit starts the wait again); until then the saves'
        triggers have deleted the stale one, so a start in between reads the store."""
        if self._snapshot_timer is None:
            self._snapshot_timer = QTimer(self)
            self._snapshot_timer.setSingleShot(True)
            self._snapshot_timer.setInterval(SNAPSHOT_PAUSE_MS)
            self._snapshot_timer.timeout.connect(self._keep_snapshot_now)
        self._snapshot_timer.start()

    def _keep_snapshot_now(self) -> None:
        """Write the open dossier's snapshot if its saves made it stale (the edits paused, the
        dossier or the window closes)."""
        if self._snapshot_timer is not None:
            self._snapshot_timer.stop()
        session = self.session
        keep = getattr(self.workspace, "keep_snapshot", None)
        if session is None or session.dossier.id is None or session.read_only or keep is None:
            return
        dossier_id = session.dossier.id
        self.guard(lambda: keep(dossier_id))

    def store_opened(self) -> None:
        """The store opened after a quick start: the home list (not shown yet) is read now."""
        self.refresh_home(self.session.dossier.id if self.session is not None else None)

    def open_last_dossier_later(self) -> None:
        """:meth:`open_last_dossier` at the event loop's next turn: the window shown at start-up
        is painted (menus, the list of dossiers) before the dossier's steps are built."""
        QTimer.singleShot(0, self, self._open_last_dossier_if_idle)

    def _open_last_dossier_if_idle(self) -> None:
        # A dossier opened meanwhile (a file handed over at start, a quick double-click) stays:
        # opening the last one over it would delete the view its caller is working with.
        if self.dossier_view is None:
            self.open_last_dossier()

    def open_last_dossier(self) -> None:
        last = self.settings.value(folder_key(self.workspace.data_dir, "last_dossier"))
        try:
            last_id = int(last) if last is not None else None
        except (TypeError, ValueError):
            last_id = None
        ids = {s.id for s in self.home.model._rows}
        if last_id is not None and last_id in ids:
            self.open_dossier(last_id)

    # --- what the user arranged -----------------------------------------------------------

    def _restore_arrangement(self, view: DossierView, dossier_id: int) -> None:
        """The dossier opens on the step it showed last; splitters and columns as the user left
        them (see ui/view_state.py); both are saved as they change."""
        from esms_desktop.domain.completeness import Step

        remember_layout(view, self.settings)
        view.steps_built.connect(lambda: remember_layout(view, self.settings))
        key = folder_key(self.workspace.data_dir, f"dossiers/{dossier_id}/step")
        with suppress(ValueError):  # never shown, or a step of another version
            view.show_step(Step(str(self.settings.value(key, ""))))
        view.step_changed.connect(lambda step: self.settings.setValue(key, step.value))
