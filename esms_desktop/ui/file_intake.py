"""Files brought to the window: a double-click in Explorer, a drop, File › Import an .esms file.

Every way in ends in :meth:`FileIntake.offer`, which decides by the kind of file:

* an ``.esms`` file is imported as a new dossier and opened, unless this data folder already
  holds its dossier (the service recognises it: :func:`~esms_desktop.services.exchange.
  examine_incoming`); the user then chooses to open it, merge the file into it or import a
  copy — never a second identical dossier without being asked. A partner's part dropped while
  a dossier is open is merged into that dossier (the merge dialog shows everything first);
* a grappe spreadsheet (``.csv``, ``.xlsx``, ``.xls``, ``.ods``) is imported into the open
  dossier through the import wizard, or starts a new dossier from the home page;
* a file of the FINESS register is loaded as the offline register;
* anything else is refused with a message naming the file and the kinds accepted.

A file offered while a dialog is open waits until it closes: a double-click in Explorer never
opens a second dialog over the one the user is answering.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from esms_desktop.domain.completeness import Step
from esms_desktop.domain.validation import shown
from esms_desktop.services.exchange import IncomingFile
from esms_desktop.services.session import DossierSession
from esms_desktop.ui.dossier_view import DossierView

EXCHANGE_SUFFIX = ".esms"
SPREADSHEET_SUFFIXES = frozenset({".csv", ".xlsx", ".xls", ".ods"})
REGISTER_SUFFIXES = frozenset({".csv", ".json", ".gz", ".txt"})
"""Suffixes a FINESS register file may have; its content decides (``finess_register_format``)."""
WAIT_FOR_DIALOG_MS = 400


class IntakeWindow(Protocol):
    """What the intake needs of the main window (which imports this module)."""

    workspace: Any
    session: DossierSession | None
    dossier_view: DossierView | None

    def guard(self, call: Any) -> Any: ...
    def open_dossier(self, dossier_id: int) -> None: ...
    def refresh_home(self, select_id: int | None = None) -> None: ...
    def new_dossier(self, source: Path | None = None) -> None: ...
    def load_register_file(self, path: Path) -> None: ...


class IntakeChoice(StrEnum):
    OPEN = "open"
    MERGE = "merge"
    COPY = "copy"
    CANCEL = "cancel"


class AlreadyHereBox(QMessageBox):
    """« This dossier is already here »: open it, merge the file into it, or import a copy."""

    def __init__(self, incoming: IncomingFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        match = incoming.best
        assert match is not None
        part = incoming.content.kind == "og"
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("Already in this data folder"))
        file_name = incoming.path.name
        if part:
            text = self.tr(
                "The file “%1” is the part of “%2”, an organisation already in the dossier “%3”."
            )
            detail = (
                self.tr("Its establishments are already as the file has them.")
                if match.identical
                else self.tr("Merging shows what the file adds and changes before applying it.")
            )
        else:
            text = (
                self.tr(
                    "The file “%1” holds the dossier “%2”, which is already in this data folder."
                )
                if match.name == incoming.title
                else self.tr(
                    "The file “%1” holds the dossier “%2”, which is already in this data folder "
                    "as “%3”."
                )
            )
            if match.identical:
                detail = self.tr("Nothing differs from the file: opening it is enough.")
            else:
                when = (
                    f"{match.updated.astimezone():%d/%m/%Y %H:%M}"
                    if match.updated is not None
                    else "?"
                )
                detail = self.tr(
                    "The two differ (last changed here on %1). Merging brings the file's "
                    "organisations and establishments, each change shown before it is applied."
                ).replace("%1", when)
        others = len(incoming.matches) - 1
        if others > 0:
            also = (
                self.tr("%1 other dossier(s) of this folder have this organisation too.")
                if part
                else self.tr("%1 other dossier(s) of this folder hold it too.")
            )
            detail += " " + also.replace("%1", str(others))
        self.setText(
            text.replace("%1", file_name)
            .replace("%2", shown(incoming.title, 120))
            .replace("%3", shown(match.name, 120))
        )
        self.setInformativeText(detail)
        self.open_button = self.addButton(
            self.tr("&Open the dossier") if part else self.tr("&Open"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        self.merge_button = self.addButton(
            self.tr("&Merge into it…") if part else self.tr("&Merge…"),
            QMessageBox.ButtonRole.ActionRole,
        )
        self.merge_button.setEnabled(not match.read_only)  # a dossier to repair takes nothing
        self.copy_button = self.addButton(
            self.tr("Create a &new dossier") if part else self.tr("Create a &copy"),
            QMessageBox.ButtonRole.ActionRole,
        )
        self.cancel_button = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.open_button if match.identical else self.merge_button)
        self.setEscapeButton(self.cancel_button)

    def choice(self) -> IntakeChoice:
        clicked = self.clickedButton()
        if clicked is self.open_button:
            return IntakeChoice.OPEN
        if clicked is self.merge_button:
            return IntakeChoice.MERGE
        if clicked is self.copy_button:
            return IntakeChoice.COPY
        return IntakeChoice.CANCEL


def ask_already_here(parent: QWidget, incoming: IncomingFile) -> IntakeChoice:
    """What to do with a file whose dossier is already here (tests answer it in its place)."""
    box = AlreadyHereBox(incoming, parent)
    box.exec()
    choice = box.choice()
    box.deleteLater()
    return choice


def local_files(mime: QMimeData) -> list[Path]:
    """The local files a drag carries (a web link or a text carries none)."""
    if not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]


class FileIntake(QObject):
    """Where a file brought to the window goes; one per window."""

    def __init__(self, window: IntakeWindow) -> None:
        assert isinstance(window, QWidget)
        super().__init__(window)
        self.window = window
        self.widget: QWidget = window  # the parent of the messages
        self._waiting: list[Path] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(WAIT_FOR_DIALOG_MS)
        self._timer.timeout.connect(self.offer_waiting)

    # --- ways in -------------------------------------------------------------------------

    def offer_later(self, paths: Sequence[Path]) -> None:
        """Offer files once the event that brought them is over and no dialog is open.

        A drop must return before a dialog opens (Explorer waits for it), and a file sent by a
        second launch arrives in the middle of whatever the user is doing.
        """
        self._waiting.extend(paths)
        if not self._timer.isActive():
            self._timer.start(0)

    def offer_waiting(self) -> None:
        """Offer the files waiting, unless a dialog is open (then look again shortly)."""
        if not self._waiting:
            return
        if QApplication.activeModalWidget() is not None:
            self._timer.start(WAIT_FOR_DIALOG_MS)
            return
        paths, self._waiting = self._waiting, []
        self.offer_all(paths)

    def offer_all(self, paths: Sequence[Path]) -> None:
        """Several files: .esms files are offered in turn; other kinds are taken one at a time
        (each opens its own wizard or dialog), so a mixed drop is refused whole."""
        if len(paths) == 1:
            self.offer(paths[0])
            return
        if paths and all(p.suffix.lower() == EXCHANGE_SUFFIX for p in paths):
            for path in paths:
                self.offer(path)
            return
        QMessageBox.warning(
            self.widget,
            self.tr("Files not opened"),
            self.tr(
                "%1 files were given at once: %2.\n\nSeveral .esms files can be opened "
                "together; a spreadsheet or a FINESS file is opened alone. Nothing was done."
            )
            .replace("%1", str(len(paths)))
            .replace("%2", ", ".join(f"“{p.name}”" for p in paths)),
        )

    def offer(self, path: Path) -> None:
        """The one way in: an .esms file, a grappe spreadsheet, a FINESS register file."""
        if path.is_dir():
            self._refuse(path)
            return
        if not path.is_file():
            QMessageBox.warning(
                self.widget,
                self.tr("File not found"),
                self.tr("The file “%1” cannot be found: it was moved or deleted.").replace(
                    "%1", str(path)
                ),
            )
            return
        suffix = path.suffix.lower()
        if suffix == EXCHANGE_SUFFIX:
            self.offer_esms(path)
        elif suffix in REGISTER_SUFFIXES and self._is_register(path):
            self._register(path)
        elif suffix in SPREADSHEET_SUFFIXES:
            self._spreadsheet(path)
        else:
            self._refuse(path)

    # --- .esms files ---------------------------------------------------------------------

    def offer_esms(
        self, path: Path, *, name: str | None = None, campaign_id: str | None = None
    ) -> None:
        """Import an .esms file, or ask first when its dossier is already here.

        ``name`` and ``campaign_id``: what the New dossier dialog was given with the file.
        """
        workspace: Any = self.window.workspace
        if not hasattr(workspace, "examine_esms"):  # a workspace of the tests without them
            self._open_new(lambda: workspace.create(name or "", campaign_id or "", path))
            return
        incoming: IncomingFile | None = self.window.guard(lambda: workspace.examine_esms(path))
        if incoming is None:  # unreadable, damaged, not ours: the French message was shown
            return
        if incoming.content.kind == "og" and self._open_target() is not None:
            self._merge(path)  # a partner's part while a dossier is open: merged into it
            return
        match = incoming.best
        if match is None:
            self._open_new(lambda: workspace.import_esms(path, name=name, campaign_id=campaign_id))
            return
        choice = ask_already_here(self.widget, incoming)
        if choice is IntakeChoice.OPEN:
            self._open(match.dossier_id)
        elif choice is IntakeChoice.MERGE:
            self._open(match.dossier_id)
            if self._open_target() == match.dossier_id:
                self._merge(path)
        elif choice is IntakeChoice.COPY:
            self._open_new(
                lambda: workspace.import_esms(
                    path, as_copy=True, name=name, campaign_id=campaign_id
                )
            )

    def _open_target(self) -> int | None:
        """The id of the open dossier that can take a merge (not one to repair)."""
        session = self.window.session
        if session is None or session.read_only or self.window.dossier_view is None:
            return None
        return session.dossier.id

    def _open(self, dossier_id: int) -> None:
        session = self.window.session
        if session is None or session.dossier.id != dossier_id:
            self.window.open_dossier(dossier_id)

    def _open_new(self, create: Any) -> None:
        new_id = self.window.guard(create)
        if new_id is not None:
            self.window.open_dossier(new_id)
        else:
            self.window.refresh_home()

    def _merge(self, path: Path) -> None:
        grappe = self._grappe_view()
        if grappe is None or not hasattr(grappe, "merge_partner_file"):
            QMessageBox.warning(
                self.widget,
                self.tr("Merge a partner's file"),
                self.tr(
                    "This dossier cannot take the file “%1” now: its campaign is absent from "
                    "this data folder or it must be repaired first."
                ).replace("%1", path.name),
            )
            return
        grappe.merge_partner_file(path)

    def _grappe_view(self) -> QWidget | None:
        view = self.window.dossier_view
        if view is None or Step.GRAPPE not in view.views:
            return None
        view.show_step(Step.GRAPPE)
        return view.views[Step.GRAPPE]

    # --- spreadsheets and FINESS files ---------------------------------------------------

    @staticmethod
    def _is_register(path: Path) -> bool:
        from esms_desktop.services.imports import finess_register_format

        return finess_register_format(path) is not None

    def _register(self, path: Path) -> None:
        """A dossier open: load, then pick its establishments; else load the register."""
        grappe = self._grappe_view() if self._open_target() is not None else None
        load_and_pick = getattr(grappe, "load_and_pick", None)
        if load_and_pick is not None:
            load_and_pick(path)
        else:
            self.window.load_register_file(path)

    def _spreadsheet(self, path: Path) -> None:
        """Into the open dossier through the import wizard (its preview first), else a new
        dossier started from the file."""
        if self.window.dossier_view is None:
            self.window.new_dossier(source=path)
            return
        grappe = self._grappe_view() if self._open_target() is not None else None
        if grappe is None:
            QMessageBox.warning(
                self.widget,
                self.tr("Import establishments"),
                self.tr(
                    "The open dossier cannot take the establishments of “%1”: its campaign is "
                    "absent from this data folder or it must be repaired first. Go back to the "
                    "home page to start a new dossier from the file."
                ).replace("%1", path.name),
            )
            return
        from esms_desktop.ui.import_wizard import ImportWizard

        assert self.window.dossier_view is not None
        wizard = ImportWizard(self.window.dossier_view.editor, grappe)
        wizard.file_page.path_edit.setText(str(path))
        QTimer.singleShot(0, wizard.next)  # straight to the preview: the file is chosen
        wizard.exec()
        wizard.deleteLater()

    def _refuse(self, path: Path) -> None:
        QMessageBox.warning(
            self.widget,
            self.tr("File not opened"),
            self.tr(
                "“%1” is not a file esms-desktop opens.\n\nAccepted: an exchange file (.esms), "
                "a grappe spreadsheet (.csv, .xlsx, .xls, .ods), a file of the FINESS register "
                "(.csv, .json, .gz, .txt)."
            ).replace("%1", path.name),
        )
