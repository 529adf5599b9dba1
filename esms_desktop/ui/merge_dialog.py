"""Merge a partner's .esms file into the grappe: see everything it adds and changes, then approve.

The merge itself is the domain's (``domain/merge.py``, the spreadsheet import's too: OGs by
FINESS juridique, SIREN or name, ESSMS by FINESS), reached through ``services.exchange``; this
dialog shows its whole report before anything is applied: how many ESSMS it adds (first), the
ESSMS of other OGs that a partner's part may not change (refused, in their own section), our
blanks it fills, and, for each establishment filled on both sides, whose values to keep. The
usage indicators a partner's part brings are merged too (``merge_indicators_of``, as the CLI
does): sending them is the follow-up's use case. Once the candidature is filed, its grappe is
what the ARS judged: by default only the indicators are merged, and the grappe's changes are
left out (said in the summary); a check box merges them too, recorded as an amendment
(``amend``). Nothing is applied until OK; applying is one undo step. A file adding too many
ESSMS is refused before the dialog opens (the French message comes from the merge).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from itertools import pairwise
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.edits import with_grappe
from esms_desktop.domain.follow_up_edits import (
    amend,
    amendment_needed,
    candidature_locked,
    describe_changes,
)
from esms_desktop.domain.grappe import Grappe
from esms_desktop.domain.merge import EstablishmentMerge, Side
from esms_desktop.domain.porteur_link import PorteurChoice, sync_porteur
from esms_desktop.services.exchange import (
    ExchangeContent,
    MergeReport,
    merge_content,
    merge_indicators_of,
    read_exchange_file,
)
from esms_desktop.ui.filed_guard import amendment_text
from esms_desktop.ui.undo import Editor


class MergeDialog(QDialog):
    def __init__(
        self, editor: Editor, content: ExchangeContent, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self.content = content
        self.name = name
        self.setWindowTitle(self.tr("Merge a partner's file"))
        _, self.report = self._merge()  # TooManyEstablishmentsError: refused before showing
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("What “%1” brings to the grappe (matched by FINESS):").replace("%1", name)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        # What the user confirms, stated first: « N ESSMS ajoutés, … ».
        self.headline = QLabel(self.report.headline())
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        layout.addWidget(self.headline)
        self.locked = candidature_locked(editor.session.dossier)
        self.grappe_box: QCheckBox | None = None
        if self.locked and self._grappe_changes(self._merge()[0]):
            # Filed: the grappe is what the ARS judged; merging it too is an amendment.
            self.grappe_box = QCheckBox(self.tr("Also merge the &grappe (creates an amendment)"))
            self.grappe_box.toggled.connect(self._refresh_summary)
        self.summary = summary = QPlainTextEdit()
        summary.setReadOnly(True)
        summary.setAccessibleName(self.tr("Summary of the merge"))
        layout.addWidget(summary, 2)
        if self.grappe_box is not None:
            layout.addWidget(self.grappe_box)
        self.porteur_combo: QComboBox | None = None
        if self.report.porteur_clash:  # the file names another porteur: the user chooses
            ours, theirs = self.report.porteur_clash
            self.porteur_combo = QComboBox()
            self.porteur_combo.addItem(theirs, PorteurChoice.INCOMING)
            self.porteur_combo.addItem(ours, PorteurChoice.CURRENT)
            self.porteur_combo.setAccessibleName(self.tr("Porteur of the project"))
            self.porteur_combo.currentIndexChanged.connect(self._porteur_chosen)
            label = QLabel(self.tr("Porteur of the project (the other one becomes a member):"))
            label.setBuddy(self.porteur_combo)
            layout.addWidget(label)
            layout.addWidget(self.porteur_combo)
        self.refused_list = self._refused_section(layout)
        self.fills_table = self._fills_section(layout)
        self.conflicts = self.report.conflicts
        self.choices: dict[str, QComboBox] = {}
        self.conflicts_table = self._conflicts_section(layout)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self.conflicts_table is not None:  # Tab goes from the table through its choices
            chain = [self.conflicts_table, *self.choices.values(), buttons]
            for before, after in pairwise(chain):
                QWidget.setTabOrder(before, after)
        self._refresh_summary()
        self.resize(860, 620)

    # --- the sections ------------------------------------------------------------------------

    def _refused_section(self, layout: QVBoxLayout) -> QListWidget | None:
        """The ESSMS of other OGs the file listed: not applied, each with the reason."""
        if not self.report.refused:
            return None
        label = QLabel(
            self.tr(
                "Not applied: establishments of another organisation, which this file may not "
                "change:"
            )
        )
        label.setWordWrap(True)
        layout.addWidget(label)
        listing = QListWidget()
        listing.setAccessibleName(self.tr("Changes refused"))
        listing.addItems([r.message for r in self.report.refused])
        label.setBuddy(listing)
        layout.addWidget(listing, 1)
        return listing

    def _fills_section(self, layout: QVBoxLayout) -> QTableWidget | None:
        """Our blanks the file fills in: applied on OK, shown so that nothing passes unseen."""
        filling = [c for c in self.report.changed if any(not d.conflict for d in c.changes)]
        if not filling:
            return None
        label = QLabel(self.tr("Our blanks that the file fills in (applied when you press OK):"))
        label.setWordWrap(True)
        layout.addWidget(label)
        table = _read_only_table(len(filling), 2)
        table.setAccessibleName(self.tr("Blanks filled in"))
        table.setHorizontalHeaderLabels([self.tr("Establishment"), self.tr("Differences")])
        for row, c in enumerate(filling):
            table.setItem(row, 0, QTableWidgetItem(_title(c)))
            table.setItem(row, 1, QTableWidgetItem(_differences(c, conflict=False)))
        table.setColumnWidth(0, 220)
        table.horizontalHeader().setStretchLastSection(True)
        label.setBuddy(table)
        layout.addWidget(table, 1)
        return table

    def _conflicts_section(self, layout: QVBoxLayout) -> QTableWidget | None:
        """Each ESSMS filled in on both sides: whose values to keep (ours unless chosen)."""
        if not self.conflicts:
            return None
        label = QLabel(
            self.tr(
                "Establishments filled in on both sides with different "
                "values: choose whose values to keep."
            )
        )
        label.setWordWrap(True)
        layout.addWidget(label)
        table = _read_only_table(len(self.conflicts), 3)
        table.setTabKeyNavigation(False)  # Tab leaves the table for the choices, then OK
        table.setAccessibleName(self.tr("Conflicts"))
        table.setHorizontalHeaderLabels(
            [self.tr("Establishment"), self.tr("Differences"), self.tr("Keep")]
        )
        for row, c in enumerate(self.conflicts):
            table.setItem(row, 0, QTableWidgetItem(_title(c)))
            table.setItem(row, 1, QTableWidgetItem(_differences(c, conflict=True)))
            combo = QComboBox()
            combo.addItem(self.tr("our values"), "ours")
            combo.addItem(self.tr("their values"), "theirs")
            combo.setAccessibleName(self.tr("Values to keep for %1").replace("%1", c.name))
            table.setCellWidget(row, 2, combo)
            self.choices[c.key] = combo
        table.setColumnWidth(0, 220)
        table.setColumnWidth(1, 420)
        table.horizontalHeader().setStretchLastSection(True)
        label.setBuddy(table)
        layout.addWidget(table, 2)
        return table

    # --- choices and applying ----------------------------------------------------------------

    def _merge(
        self,
        choices: Mapping[str, Side] | None = None,
        porteur: PorteurChoice = PorteurChoice.INCOMING,
    ) -> tuple[Grappe, MergeReport]:
        """The file merged into the dossier as it is now: a partner's part touches its OG only."""
        grappe = self.editor.session.dossier.grappe
        return merge_content(grappe, self.content, choices, porteur=porteur, source=self.name)

    def chosen(self) -> dict[str, Side]:
        return {key: combo.currentData() for key, combo in self.choices.items()}

    def porteur_choice(self) -> PorteurChoice:
        if self.porteur_combo is None:
            return PorteurChoice.INCOMING
        return PorteurChoice(self.porteur_combo.currentData())

    def _porteur_chosen(self) -> None:
        self._refresh_summary()

    def merges_grappe(self) -> bool:
        """False in a filed dossier unless the check box asks for the grappe too."""
        return not self.locked or (self.grappe_box is not None and self.grappe_box.isChecked())

    def _grappe_changes(self, merged: Grappe) -> list[str]:
        """What merging ``merged`` would change of the filed candidature (French lines)."""
        dossier = self.editor.session.dossier
        after = sync_porteur(dossier, with_grappe(dossier, merged))
        return describe_changes(dossier, after) if amendment_needed(dossier, after) else []

    def _merged_dossier(self, merged: Grappe) -> tuple[Dossier, str]:
        """The dossier after OK: the grappe (unless left out), then the file's indicators."""
        dossier = self.editor.session.dossier
        after = dossier
        if self.merges_grappe():
            after = sync_porteur(dossier, with_grappe(dossier, merged))
        return merge_indicators_of(after, self.content)

    def _refresh_summary(self) -> None:
        merged, report = self._merge(self.chosen(), self.porteur_choice())
        _, note = self._merged_dossier(merged)
        lines = [report.summary()]
        if note:
            lines.append(note)
        left_out = [] if self.merges_grappe() else self._grappe_changes(merged)
        self.headline.setText(
            self.tr("Usage indicators only: the grappe is left out (%1)").replace(
                "%1", report.headline()
            )
            if left_out
            else report.headline()
        )
        if left_out:
            lines.append(
                self.tr(
                    "The candidature is filed: the %1 change(s) to the grappe are left out; "
                    "merging them would need an amendment (the check box below)."
                ).replace("%1", str(len(left_out)))
            )
        elif self.locked and self.merges_grappe():
            lines.append(
                self.tr(
                    "The candidature is filed: the grappe changes are recorded as an amendment."
                )
            )
        self.summary.setPlainText("\n".join(lines))

    def accept(self) -> None:
        dossier = self.editor.session.dossier
        merged, report = self._merge(self.chosen(), self.porteur_choice())
        after, _note = self._merged_dossier(merged)
        text = (
            self.tr("Merge a partner's file (%1 added, %2 changed)")
            .replace("%1", str(len(report.added)))
            .replace("%2", str(len(report.changed)))
            if self.merges_grappe()
            else self.tr("Merge a partner's usage indicators")
        )
        if amendment_needed(dossier, after):  # asked for with the check box: no second question
            after = amend(
                dossier, after, date.today(), self.tr("Merge of “%1”").replace("%1", self.name)
            )
            text = amendment_text(text)
        self.editor.apply(after, text)
        super().accept()


def _read_only_table(rows: int, columns: int) -> QTableWidget:
    table = QTableWidget(rows, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    return table


def _title(change: EstablishmentMerge) -> str:
    return f"{change.name} ({change.finess})" if change.finess else change.name


def _differences(change: EstablishmentMerge, *, conflict: bool) -> str:
    """The fields of one kind: a conflict as « ours » / « theirs », a fill (ours was blank) as
    the value it gets."""
    return "; ".join(
        f"{d.label} : « {d.ours} » / « {d.theirs} »" if conflict else f"{d.label} : « {d.theirs} »"
        for d in change.changes
        if d.conflict is conflict
    )


def open_merge(editor: Editor, path: Path, parent: QWidget | None = None) -> MergeDialog:
    """Read ``path`` and build the dialog; a file that cannot be read or merged raises a
    UserError with a French message (ExchangeFileError, TooManyEstablishmentsError)."""
    return MergeDialog(editor, read_exchange_file(path), path.name, parent)
