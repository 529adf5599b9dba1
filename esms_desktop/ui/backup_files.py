"""Backups the user carries: File › « Save a backup as… » and « Restore a backup › From a file… ».

The automatic backups sit beside the data, on the same disk: a dead disk or a stolen laptop takes
both. Here the user writes the same consistent copy (every dossier, annexes included) where she
chooses — a USB key, Documents, a network share — and brings such a file back from anywhere.
The file is checked and described (when it was taken, how many dossiers) before anything is
replaced, and the restore itself backs up the current state first, as every restore does.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from esms_desktop.ui.file_dialogs import open_file, save_file

BACKUP_SUFFIX = ".sqlite3"

Guard = Callable[[Callable[[], Any]], Any]
"""The window's ``guard``: runs a call, shows a French dialog for a UserError, returns None."""


class BackupWorkspace(Protocol):
    """What these dialogs ask of the workspace (services/workspace.py)."""

    def backup_file_name(self) -> str: ...
    def save_backup_as(self, path: Path) -> Path: ...
    def describe_backup(self, path: Path) -> Any: ...


class PendingEdits(Protocol):
    """The open dossier's session: edits not yet written are written before the copy."""

    @property
    def unsaved(self) -> bool: ...
    def retry_save(self) -> None: ...


def _t(text: str) -> str:
    return QCoreApplication.translate("BackupFiles", text)


def _pattern() -> str:
    return _t("esms-desktop backups (*.sqlite3);;All files (*)")


def save_backup_as(
    window: QWidget, workspace: BackupWorkspace, guard: Guard, session: PendingEdits | None
) -> Path | None:
    """Ask where, then write the backup there; the file written, or None (cancelled, refused).

    Unsaved edits of the open dossier are written first, so the copy holds what is on screen.
    A full disk, a read-only key or an unplugged one is a French message, and no half file is
    left (the store writes beside the target, then renames).
    """
    target = save_file(
        window,
        _t("Save a backup as"),
        workspace.backup_file_name(),
        _pattern(),
        kind="sauvegardes",
    )
    if target is None:
        return None
    if not target.suffix:
        target = target.with_name(target.name + BACKUP_SUFFIX)
    if session is not None and session.unsaved:
        guard(session.retry_save)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a large dossier: a few seconds
    try:
        saved = guard(lambda: workspace.save_backup_as(target))
    finally:
        QApplication.restoreOverrideCursor()
    if saved is None:
        return None
    QMessageBox.information(
        window,
        _t("Save a backup as"),
        _t(
            "Every dossier, with its annexes, is saved in “%1”.\n\nKeep this file away from this "
            "computer (USB key, network folder): File › Restore a backup… › From a file… brings "
            "it back."
        ).replace("%1", str(saved)),
    )
    return Path(saved)


def choose_backup_file(window: QWidget, workspace: BackupWorkspace, guard: Guard) -> Path | None:
    """A backup file picked anywhere, checked and confirmed by the user; None otherwise.

    The file is read before the question (a damaged file, or one of a newer version of the
    program, is refused here with a French message): nothing has been replaced at this point.
    """
    path = open_file(window, _t("Restore a backup from a file"), _pattern(), kind="sauvegardes")
    if path is None:
        return None
    summary = guard(lambda: workspace.describe_backup(path))
    if summary is None:
        return None
    when = (
        _t("of unknown date")
        if summary.taken is None
        else _t("of %1").replace("%1", f"{summary.taken:%d/%m/%Y %H:%M}")
    )
    text = (
        _t(
            "“%1” is a backup %2: %3 dossier(s), %4 ESSMS.\n\nEvery dossier of this computer will "
            "be replaced by those of the backup (the current state is backed up first). Restore "
            "it?"
        )
        .replace("%4", str(summary.establishments))
        .replace("%3", str(summary.dossiers))
        .replace("%2", when)
        .replace("%1", path.name)  # last: a file name may hold « %2 »
    )
    answer = QMessageBox.question(
        window,
        _t("Restore a backup"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return path if answer == QMessageBox.StandardButton.Yes else None
