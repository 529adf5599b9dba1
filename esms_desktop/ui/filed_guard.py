"""A filed candidature is what the ARS judged: the candidature steps refuse to change it.

Once a dossier leaves ``CANDIDATURE`` its grappe, budget inputs, porteur and commitments are
what was filed (:data:`esms_desktop.domain.follow_up_edits.FILED_FIELDS`). The store refuses
such an edit too (``FiledCandidatureError`` on save), but a refusal there would leave the edit on
screen and on the undo stack, failing again at every save: the step views get this editor
instead, which refuses the edit before it is made, with the French list of what it would change
(:func:`~esms_desktop.domain.follow_up_edits.describe_changes`). Recording the change as an
amendment needs the save to be asked as one (``save_dossier(..., amendment=True)``); until the
window offers it, the message says how to proceed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.follow_up_edits import amendment_needed, describe_changes
from esms_desktop.domain.formatting import format_date
from esms_desktop.ui.undo import Editor


class FiledGuardEditor(Editor):
    """The same session and undo stack as ``editor``; an edit of what was filed is refused.

    The message is shown once per field edited in a row (typing in a field refused at its
    first keystroke does not open a dialog per key); ``refused`` keeps the last refusal's
    lines, for the tests and the window.
    """

    def __init__(self, editor: Editor) -> None:
        super().__init__(editor.session, editor.stack)
        self.refused: list[str] = []
        self._last_key: str | None = None

    def apply(self, after: Dossier, text: str, merge_key: str = "") -> None:
        before = self.session.dossier
        if not self.session.read_only and amendment_needed(before, after):
            self._refuse(before, after, merge_key)
            return
        self._last_key = None
        super().apply(after, text, merge_key)

    def _refuse(self, before: Dossier, after: Dossier, merge_key: str) -> None:
        self.refused = describe_changes(before, after) or [text_of_unknown()]
        if merge_key and merge_key == self._last_key:
            return
        self._last_key = merge_key or None
        filed = before.follow_up.filed
        t = QCoreApplication.translate
        when = format_date(filed.filed_on) if filed is not None else "—"
        QMessageBox.warning(
            QApplication.activeWindow(),
            t("FiledGuardEditor", "Candidature already filed"),
            t(
                "FiledGuardEditor",
                "The candidature was filed on %1: what the ARS judged is kept as it was, and "
                "this change was not made:\n\n%2\n\nA change of the filed candidature is an "
                "amendment to agree with your ARS; the follow-up step (convention, payments, "
                "milestones, indicators, thresholds) stays editable.",
            )
            .replace("%1", when)
            .replace("%2", "\n".join(f"• {line}" for line in self.refused)),
        )


def text_of_unknown() -> str:
    return QCoreApplication.translate("FiledGuardEditor", "a part of the filed candidature")
