"""A filed candidature is what the ARS judged: an edit of it is refused, or made as an avenant.

Once a dossier leaves ``CANDIDATURE`` its grappe, budget inputs, porteur and commitments are
what was filed (:data:`esms_desktop.domain.follow_up_edits.FILED_FIELDS`). The step views of the
candidature get this editor instead of the plain one: an edit of what was filed is stopped
before it is made, and the director is asked, with the French list of what it would change
(:func:`~esms_desktop.domain.follow_up_edits.describe_changes`), whether to record it as an
avenant (an amendment to agree with the ARS). Refused, nothing is applied and nothing goes on the
undo stack. Accepted, the change and its :class:`~esms_desktop.domain.follow_up.Amendment` are
one undo step: the amendment inside the dossier value is what lets the store save it, so undo
and redo carry it with the change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.follow_up_edits import (
    amend,
    amend_further,
    amendment_needed,
    amendment_recorded,
    describe_changes,
)
from esms_desktop.domain.formatting import format_date
from esms_desktop.domain.porteur_link import sync_porteur
from esms_desktop.ui.undo import DossierEdit, Editor

AMENDMENT_NOTE_LIMIT = 200
"""A reference or a reason on one line: the ARS's letter number, « capacité révisée »…"""


class AmendmentDialog(QDialog):
    """« This candidature was filed »: the changes listed, then « Créer un avenant » or
    « Annuler » (the default, and Esc). The note is the avenant's reference or reason."""

    def __init__(self, filed_on: date | None, changes: list[str], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Candidature already filed"))
        layout = QVBoxLayout(self)
        when = format_date(filed_on) if filed_on is not None else "—"
        intro = QLabel(
            self.tr(
                "This candidature was filed on %1: what the ARS judged is kept as it was. "
                "This change would alter what was filed:"
            ).replace("%1", when)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.changes = QListWidget()
        self.changes.addItems(changes)
        self.changes.setAccessibleName(self.tr("Changes to what was filed"))
        self.changes.setMaximumHeight(140)
        layout.addWidget(self.changes)
        explain = QLabel(
            self.tr(
                "To make it, create an amendment (avenant): a change of the filed candidature "
                "to agree with your ARS. It is recorded with its date, and shown in the "
                "follow-up step and in the reports. Otherwise, cancel: nothing is changed."
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(AMENDMENT_NOTE_LIMIT)
        self.note_edit.setAccessibleName(self.tr("Reference or reason of the amendment"))
        self.note_edit.setPlaceholderText(self.tr("optional"))
        label = QLabel(self.tr("&Reference or reason of the amendment:"))
        label.setBuddy(self.note_edit)
        layout.addWidget(label)
        layout.addWidget(self.note_edit)
        self.buttons = QDialogButtonBox()
        self.amend_button = self.buttons.addButton(
            self.tr("&Create an amendment"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        # Cancel is the default: Enter typed on in the field does not create an amendment.
        self.amend_button.setAutoDefault(False)
        self.cancel_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.cancel_button.setFocus()
        self.resize(560, 380)


@dataclass(frozen=True, slots=True)
class AmendmentAnswer:
    """The director's answer: create the amendment, with this note."""

    note: str = ""


Ask = Callable[[Dossier, list[str]], AmendmentAnswer | None]


def ask_with_dialog(before: Dossier, changes: list[str]) -> AmendmentAnswer | None:
    """The window's question (modal over the active window); ``None`` when cancelled."""
    filed = before.follow_up.filed
    dialog = AmendmentDialog(
        filed.filed_on if filed is not None else None, changes, QApplication.activeWindow()
    )
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return AmendmentAnswer(dialog.note_edit.text().strip())
    finally:
        dialog.deleteLater()


@dataclass(frozen=True, slots=True)
class _Amending:
    """The amendment last made from a field: typing on in it re-describes that one."""

    merge_key: str
    start: Dossier


class FiledGuardEditor(Editor):
    """The same session and undo stack as ``editor``; an edit of what was filed is asked about.

    The question is asked once per field edited in a row: typing on in a field refused at its
    first keystroke stays refused without a dialog per key; typing on in a field whose first
    keystroke made an amendment goes on in that same amendment and undo step. ``refused`` keeps
    the last refusal's lines, for the tests and the window. An edit that already carries its
    amendment (the merge dialog's « also the grappe ») is applied as it is.
    """

    def __init__(
        self,
        editor: Editor,
        ask: Ask = ask_with_dialog,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(editor.session, editor.stack)
        self.refused: list[str] = []
        self.ask = ask
        self.today = today
        self._refused_key: str | None = None
        self._amending: _Amending | None = None

    def apply(self, after: Dossier, text: str, merge_key: str = "") -> None:
        before = self.session.dossier
        if self.session.read_only or not amendment_needed(before, after):
            self._forget()
            super().apply(after, text, merge_key)
            return
        if amendment_recorded(before, after):  # its amendment made elsewhere, already asked
            self._forget()
            super().apply(after, text, merge_key)
            return
        amending = self._amending
        if amending is not None and self._continues(amending, merge_key):
            synced = sync_porteur(before, after)
            if amendment_needed(amending.start, synced):
                further = amend_further(amending.start, synced)
            else:  # typed back to what was filed: no amendment left to record
                further = _without_last_amendment(synced)
            super().apply(further, amendment_text(text), merge_key)
            return
        after = sync_porteur(before, after)  # the porteur's side of it is in the amendment too
        changes = describe_changes(before, after) or [text_of_unknown()]
        if merge_key and merge_key == self._refused_key:
            self.refused = changes
            return
        self._forget()
        answer = self.ask(before, changes)
        if answer is None:
            self.refused = changes
            self._refused_key = merge_key or None
            return
        self.refused = []
        amended = amend(before, after, self.today(), answer.note)
        super().apply(amended, amendment_text(text), merge_key)
        if merge_key:
            self._amending = _Amending(merge_key, before)

    def _forget(self) -> None:
        self._refused_key = None
        self._amending = None

    def _continues(self, amending: _Amending, merge_key: str) -> bool:
        """True when the last step on the stack is the amendment made from this same field."""
        if not merge_key or merge_key != amending.merge_key:
            return False
        index = self.stack.index()
        if index == 0 or index != self.stack.count():
            return False
        top = self.stack.command(index - 1)
        return (
            isinstance(top, DossierEdit)
            and top.merge_key == merge_key
            and top.before == amending.start
            and top.after == self.session.dossier
        )


def _without_last_amendment(dossier: Dossier) -> Dossier:
    follow_up = dossier.follow_up
    return replace(dossier, follow_up=replace(follow_up, amendments=follow_up.amendments[:-1]))


def amendment_text(text: str) -> str:
    """The undo step's text says it is an amendment: « Avenant — Capacité de … »."""
    return QCoreApplication.translate("FiledGuardEditor", "Amendment — %1").replace("%1", text)


def text_of_unknown() -> str:
    return QCoreApplication.translate("FiledGuardEditor", "a part of the filed candidature")
