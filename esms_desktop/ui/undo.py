"""Undo/redo for every edit: a command holds the dossier before and after.

Dossiers are immutable values, so undoing is restoring the previous value (and saving it); typing
in the same field merges into one step, as users expect from a word processor.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.porteur_link import sync_porteur
from esms_desktop.services.session import DossierSession

MERGE_ID = 0x45534D


class DossierEdit(QUndoCommand):
    def __init__(
        self, session: DossierSession, after: Dossier, text: str, merge_key: str = ""
    ) -> None:
        super().__init__(text)
        self._session = session
        self.before = session.dossier
        self.after = after
        self.merge_key = merge_key

    def id(self) -> int:
        return MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, DossierEdit) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self._session.replace(self.after)

    def undo(self) -> None:
        self._session.replace(self.before)


class Editor:
    """What views call to change the dossier: one undoable, saved step per call.

    A storage error raised while saving is caught by the main window's handler (a French
    dialog); the edit stays in memory and on the undo stack, so nothing typed is lost. A session
    that is read-only (a dossier to repair) takes no edit: the refusal and its list of problems
    are shown, and nothing goes on the undo stack.
    """

    def __init__(self, session: DossierSession, stack: QUndoStack) -> None:
        self.session = session
        self.stack = stack

    def apply(self, after: Dossier, text: str, merge_key: str = "") -> None:
        """Push ``after`` as one step; the Porteur page and the porteur OG follow each other
        (:func:`sync_porteur`) inside that same step, so one undo reverts both sides."""
        if self.session.read_only:
            QMessageBox.warning(
                QApplication.activeWindow(), "esms-desktop", self.session.refusal().message
            )
            return
        before = self.session.dossier
        if after == before:
            return
        self.stack.push(DossierEdit(self.session, sync_porteur(before, after), text, merge_key))
