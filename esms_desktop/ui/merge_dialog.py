"""Merge a partner's .esms file into the grappe: see what it adds and changes, settle conflicts.

The merge itself is the domain's (``domain/merge.py``, the spreadsheet import's too: OGs by
FINESS juridique, SIREN or name, ESSMS by FINESS), reached through ``services.exchange``; this
dialog shows its report and asks, for each establishment filled on both sides, whose values to
keep. Applying is one undo step.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from esms_desktop.domain.edits import with_grappe
from esms_desktop.domain.merge import Side
from esms_desktop.domain.porteur_link import PorteurChoice
from esms_desktop.services.exchange import ExchangeContent, merge_grappe, read_exchange_file
from esms_desktop.ui.undo import Editor


class MergeDialog(QDialog):
    def __init__(
        self, editor: Editor, content: ExchangeContent, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self.content = content
        self.setWindowTitle(self.tr("Merge a partner's file"))
        grappe = editor.session.dossier.grappe
        _, self.report = merge_grappe(grappe, content.organisations)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("What “%1” brings to the grappe (matched by FINESS):").replace("%1", name)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.summary = summary = QPlainTextEdit(self.report.summary())
        summary.setReadOnly(True)
        summary.setAccessibleName(self.tr("Summary of the merge"))
        layout.addWidget(summary, 2)
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
        self.conflicts = self.report.conflicts
        self.choices: dict[str, QComboBox] = {}
        if self.conflicts:
            label = QLabel(
                self.tr(
                    "Establishments filled in on both sides with different "
                    "values: choose whose values to keep."
                )
            )
            label.setWordWrap(True)
            layout.addWidget(label)
            table = QTableWidget(len(self.conflicts), 3)
            table.setAccessibleName(self.tr("Conflicts"))
            table.setHorizontalHeaderLabels(
                [self.tr("Establishment"), self.tr("Differences"), self.tr("Keep")]
            )
            for row, c in enumerate(self.conflicts):
                table.setItem(row, 0, QTableWidgetItem(f"{c.name} ({c.finess})"))
                diff = "; ".join(
                    f"{d.label} : « {d.ours} » / « {d.theirs} »" for d in c.changes if d.conflict
                )
                table.setItem(row, 1, QTableWidgetItem(diff))
                combo = QComboBox()
                combo.addItem(self.tr("our values"), "ours")
                combo.addItem(self.tr("their values"), "theirs")
                combo.setAccessibleName(self.tr("Values to keep for %1").replace("%1", c.name))
                table.setCellWidget(row, 2, combo)
                self.choices[c.key] = combo
            table.setColumnWidth(0, 220)
            table.setColumnWidth(1, 420)
            table.horizontalHeader().setStretchLastSection(True)
            layout.addWidget(table, 2)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(860, 560)

    def chosen(self) -> dict[str, Side]:
        return {key: combo.currentData() for key, combo in self.choices.items()}

    def porteur_choice(self) -> PorteurChoice:
        if self.porteur_combo is None:
            return PorteurChoice.INCOMING
        return PorteurChoice(self.porteur_combo.currentData())

    def _porteur_chosen(self) -> None:
        grappe = self.editor.session.dossier.grappe
        _, report = merge_grappe(grappe, self.content.organisations, porteur=self.porteur_choice())
        self.summary.setPlainText(report.summary())

    def accept(self) -> None:
        dossier = self.editor.session.dossier
        merged, report = merge_grappe(
            dossier.grappe,
            self.content.organisations,
            self.chosen(),
            porteur=self.porteur_choice(),
        )
        self.editor.apply(
            with_grappe(dossier, merged),
            self.tr("Merge a partner's file (%1 added, %2 changed)")
            .replace("%1", str(len(report.added)))
            .replace("%2", str(len(report.changed))),
        )
        super().accept()


def open_merge(editor: Editor, path: Path, parent: QWidget | None = None) -> MergeDialog:
    """Read ``path`` (raises ExchangeFileError with a French message) and build the dialog."""
    return MergeDialog(editor, read_exchange_file(path), path.name, parent)
