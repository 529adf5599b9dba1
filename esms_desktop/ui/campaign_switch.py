"""« Change the campaign… »: another campaign for a dossier, with what it drops said first.

A dossier keeps the values typed for its call when the new campaign has a value of that name and
loses the others (:func:`~esms_desktop.domain.edits.switch_campaign`): the dialog names those,
with their amounts, and the total under the chosen campaign, before the user confirms. The
change itself is the caller's, one :meth:`Editor.apply <esms_desktop.ui.undo.Editor.apply>` step.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from esms_desktop.domain.campaign import Campaign
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.edits import switch_campaign
from esms_desktop.domain.errors import UserError
from esms_desktop.domain.formatting import format_eur
from esms_desktop.services.assessment import assess_dossier
from esms_desktop.services.campaign_library import CampaignEntry
from esms_desktop.ui.widgets import wrapped


class CampaignSwitchDialog(QDialog):
    """Every campaign in a combo (the user's marked), what the chosen one drops, and its total.

    ``current`` is the dossier's campaign when this data folder has it (``None``: its file is
    absent, and the change cannot be undone into a campaign nothing can compute with).
    """

    def __init__(
        self,
        dossier: Dossier,
        entries: Mapping[str, CampaignEntry],
        current: CampaignEntry | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.dossier = dossier
        self.entries = dict(entries)
        self.current = current
        self.setWindowTitle(self.tr("Change the campaign"))
        layout = QVBoxLayout(self)
        if current is not None:
            now = (
                self.tr("This dossier follows the campaign “%1” (%2).")
                .replace("%1", current.campaign.title)
                .replace("%2", current.id)
            )
        else:
            now = self.tr(
                "This dossier's campaign “%1” is not in this data folder. Choosing another "
                "one cannot be undone: to keep “%1”, import its file instead (File › "
                "Campaigns…)."
            ).replace("%1", dossier.campaign_id)
        self.current_label = wrapped(now)
        layout.addWidget(self.current_label)
        form = QFormLayout()
        self.combo = QComboBox()
        self.combo.setAccessibleName(self.tr("Campaign"))
        for entry in self.entries.values():
            text = f"{entry.campaign.title} ({entry.id})"
            if not entry.shipped:
                text += " — " + self.tr("your campaign")
            self.combo.addItem(text, entry.id)
        label = QLabel(self.tr("&Campaign:"))
        label.setBuddy(self.combo)
        form.addRow(label, self.combo)
        layout.addLayout(form)
        self.dropped_label = wrapped()
        self.dropped_label.setObjectName("dropped")
        layout.addWidget(self.dropped_label)
        self.total_label = wrapped()
        self.total_label.setObjectName("total")
        layout.addWidget(self.total_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("C&hange"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if current is not None and current.id in self.entries:
            self.combo.setCurrentIndex(list(self.entries).index(current.id))
        self.combo.currentIndexChanged.connect(lambda _i: self._describe())
        self._describe()
        self.resize(640, 240)

    def chosen(self) -> CampaignEntry:
        return self.entries[str(self.combo.currentData())]

    def switched(self) -> tuple[Dossier, tuple[str, ...]]:
        """The dossier under the chosen campaign, and the typed values it drops."""
        return switch_campaign(self.dossier, self.chosen().campaign)

    def _describe(self) -> None:
        entry = self.chosen()
        same = self.current is not None and entry.id == self.current.id
        self.ok_button.setEnabled(not same)
        if same:
            self.dropped_label.setText(self.tr("This is already the dossier's campaign."))
            self.total_label.setText("")
            return
        after, dropped = self.switched()
        self.dropped_label.setText(self._dropped_text(dropped))
        self.dropped_label.setAccessibleName(self.dropped_label.text())
        try:
            total = format_eur(assess_dossier(after).total)
        except UserError as exc:  # a campaign that cannot be computed with: say why
            self.total_label.setText(exc.message)
            return
        self.total_label.setText(
            self.tr("Total of the dossier with this campaign: %1.").replace("%1", total)
        )

    def _dropped_text(self, dropped: tuple[str, ...]) -> str:
        overrides = self.dossier.overrides
        if not overrides:
            return self.tr("No amount was typed in this dossier: nothing is dropped.")
        if not dropped:
            return self.tr("The %1 amount(s) typed in this dossier are kept.").replace(
                "%1", str(len(overrides))
            )
        old: Campaign | None = self.current.campaign if self.current is not None else None
        names = []
        for name in dropped:
            value = old.values.get(name) if old is not None else None
            shown = f"{value.label} ({name})" if value is not None else name
            names.append(f"{shown} : {format_eur(overrides[name])}")
        text = self.tr(
            "Amounts typed in this dossier that this campaign does not have, and which "
            "will be dropped: %1."
        ).replace("%1", " ; ".join(names))
        kept = len(overrides) - len(dropped)
        if kept:
            text += " " + self.tr("The %1 other(s) are kept.").replace("%1", str(kept))
        return text
