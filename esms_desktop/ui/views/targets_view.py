"""Step "Usage targets and commitments": targets, planning, governance and attestations.

Targets and milestones are small tables of frozen values edited in place; one table model
(:mod:`esms_desktop.ui.models.records`) serves both (a column says how to show and parse its
field). Typed text is checked as you type
by the cell editor; a value that cannot be read is refused by the model, so the dossier only ever
holds values of the right type.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from esms_desktop.domain.dossier import Attestation, Dossier, Milestone, UsageTarget
from esms_desktop.domain.edits import (
    parse_due_date,
    parse_label,
    parse_text,
    parse_threshold,
)
from esms_desktop.domain.formatting import format_date, format_threshold
from esms_desktop.ui.delegates import CheckingDelegate
from esms_desktop.ui.models.records import Column, RecordsModel
from esms_desktop.ui.undo import Editor
from esms_desktop.ui.widgets import (
    BoundPlainTextEdit,
    WarningLine,
    WrappingCheckBox,
    refusal_line,
    scroll_page,
    set_tab_order,
    wrapped,
)

Index = QModelIndex | QPersistentModelIndex


def _show_date(value: date | None) -> str:
    return format_date(value)


def _fit_rows(table: QTableView) -> None:
    """Rows as tall as their wrapped text, the table as tall as its rows plus two empty ones.

    The page scrolls as a whole: a table with its own scroll bar inside it would make two
    scroll bars fight for the mouse wheel, and an empty table taller than needed wastes a
    laptop screen.
    """
    table.resizeRowsToContents()
    rows = sum(table.rowHeight(r) for r in range(table.model().rowCount()))
    spare = 2 * table.verticalHeader().minimumSectionSize()
    height = table.horizontalHeader().height() + rows + spare + 2 * table.frameWidth()
    table.setFixedHeight(max(110, min(height, 420)))


# --- the view ----------------------------------------------------------------------------------


class TargetsView(QWidget):
    """Usage targets, planning milestones, governance text and the attestations to accept."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.targets_model = RecordsModel(
            editor,
            "usage_targets",
            (
                Column("indicator", self.tr("Indicator"), parse_label),
                Column("sector", self.tr("Sector"), parse_text),
                Column(
                    "threshold",
                    self.tr("Threshold"),
                    parse_threshold,
                    format_threshold,
                    self.tr(
                        "As set by the call for projects: a percentage (80 %) or a count, per "
                        "period if any (100 messages / mois, 300 DUI actifs); empty when not set"
                    ),
                ),
                Column(
                    "baseline",
                    self.tr("Current value"),
                    parse_text,
                    tooltip=self.tr(
                        "Where the organisations stand today, as you know it (35 %, none…): "
                        "the commitment reads as a move from there to the threshold"
                    ),
                ),
                Column("window", self.tr("Time frame"), parse_text),
                Column("evidence", self.tr("Evidence"), parse_text),
            ),
            self.tr("Edit a usage target"),
        )
        self.milestones_model = RecordsModel(
            editor,
            "milestones",
            (
                Column("label", self.tr("Milestone"), parse_label),
                Column(
                    "due",
                    self.tr("Due date"),
                    parse_due_date,
                    _show_date,
                    self.tr("dd/mm/yyyy"),
                ),
                Column("description", self.tr("Description"), parse_text),
            ),
            self.tr("Edit a milestone"),
        )
        self.attestation_boxes: list[WrappingCheckBox] = []
        self.refusals: dict[int, WarningLine] = {}  # under each table, by id(table)
        self._attestation_keys: tuple[str, ...] = ()
        self._build()
        editor.session.subscribe(self._follow)
        self._follow(editor.session.dossier)

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        body = scroll_page(
            self,
            self.tr("Usage targets and commitments"),
            self.tr(
                "The usage targets the organisations commit to, the project's planning and "
                "governance, and the attestations the porteur signs. Double-click a cell or "
                "press F2 to edit it."
            ),
        )

        targets_box = QGroupBox(self.tr("Usage targets"))
        layout = QVBoxLayout(targets_box)
        layout.addWidget(
            wrapped(
                self.tr(
                    "Thresholds change from one call for projects to the next: copy them from "
                    "your ARS's call, as a percentage (80 %) or a count per period (100 messages "
                    "/ mois). Leave a threshold empty until you know it."
                )
            )
        )
        self.targets_table = self._table(self.targets_model, self.tr("Usage targets"))
        self.targets_table.setObjectName("engagements.targets")  # its columns kept (view_state)
        for col, width in enumerate((300, 110, 170, 120, 130)):  # a count per period needs room
            self.targets_table.setColumnWidth(col, width)
        layout.addWidget(self.targets_table)
        layout.addWidget(self.refusals[id(self.targets_table)])
        self.add_target_button, self.remove_target_button = self._buttons(
            layout, self.tr("Add a target"), self.tr("Remove target")
        )
        body.addWidget(targets_box)

        planning_box = QGroupBox(self.tr("Planning"))
        layout = QVBoxLayout(planning_box)
        layout.addWidget(
            wrapped(
                self.tr(
                    "The key steps of the project (choice of the solution, deployment, first "
                    "uses…), each with its due date typed as dd/mm/yyyy."
                )
            )
        )
        self.milestones_table = self._table(self.milestones_model, self.tr("Planning milestones"))
        self.milestones_table.setObjectName("engagements.milestones")
        self.milestones_table.setColumnWidth(0, 280)
        self.milestones_table.setColumnWidth(1, 110)
        layout.addWidget(self.milestones_table)
        layout.addWidget(self.refusals[id(self.milestones_table)])
        self.add_milestone_button, self.remove_milestone_button = self._buttons(
            layout, self.tr("Add a milestone"), self.tr("Remove milestone")
        )
        body.addWidget(planning_box)

        governance_box = QGroupBox(self.tr("Governance of the project"))
        layout = QVBoxLayout(governance_box)
        hint = wrapped(
            self.tr(
                "How the grappe &steers the project: steering committee, who takes part, how "
                "often it meets, how decisions are recorded."
            )
        )
        layout.addWidget(hint)
        self.governance_edit = BoundPlainTextEdit(
            self.editor,
            lambda d: d.governance,
            lambda d, t: replace(d, governance=t),
            undo_text=self.tr("Edit the governance"),
            merge_key="dossier:governance",
            accessible_name=self.tr("Governance of the project"),
        )
        self.governance_edit.setMinimumHeight(110)
        self.governance_edit.setMaximumHeight(180)
        hint.setBuddy(self.governance_edit)
        layout.addWidget(self.governance_edit)
        body.addWidget(governance_box)

        self.attestations_box = QGroupBox(self.tr("Attestations"))
        self.attestations_layout = QVBoxLayout(self.attestations_box)
        body.addWidget(self.attestations_box)
        body.addStretch(1)

        for model, table in (
            (self.targets_model, self.targets_table),
            (self.milestones_model, self.milestones_table),
        ):
            model.modelReset.connect(lambda t=table: _fit_rows(t))
            model.dataChanged.connect(lambda *_a, t=table: _fit_rows(t))
            table.horizontalHeader().sectionResized.connect(lambda *_a, t=table: _fit_rows(t))
            _fit_rows(table)
        self.add_target_button.clicked.connect(self.add_target)
        self.remove_target_button.clicked.connect(self.remove_targets)
        self.add_milestone_button.clicked.connect(self.add_milestone)
        self.remove_milestone_button.clicked.connect(self.remove_milestones)

    def _table(self, model: RecordsModel, name: str) -> QTableView:
        table = QTableView()
        table.setAccessibleName(name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        # Tab leaves the table for the next field; arrows move between cells.
        table.setTabKeyNavigation(False)
        table.setWordWrap(True)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.verticalHeader().setMinimumSectionSize(26)
        parsers = {c.key: c.parse for c in model.columns}
        delegate = CheckingDelegate(model.column_key, parsers, {}, table)
        table.setItemDelegate(delegate)
        self.refusals[id(table)] = refusal_line(delegate)
        return table

    def _buttons(
        self, layout: QVBoxLayout, add_text: str, remove_text: str
    ) -> tuple[QPushButton, QPushButton]:
        bar = QHBoxLayout()
        add = QPushButton(add_text)
        add.setAccessibleName(add_text)
        remove = QPushButton(remove_text)
        remove.setAccessibleName(remove_text)
        bar.addWidget(add)
        bar.addWidget(remove)
        bar.addStretch(1)
        layout.addLayout(bar)
        return add, remove

    # --- actions --------------------------------------------------------------------------

    def _add(self, table: QTableView, model: RecordsModel, item: Any, undo: str) -> None:
        row = model.append(item, undo)
        index = model.index(row, 0)
        table.setCurrentIndex(index)
        table.setFocus()
        table.edit(index)

    def _remove(self, table: QTableView, model: RecordsModel, undo: str) -> None:
        rows = [i.row() for i in table.selectionModel().selectedRows()]
        if not rows and table.currentIndex().isValid():
            rows = [table.currentIndex().row()]
        model.remove_rows(rows, undo)

    def add_target(self) -> None:
        self._add(
            self.targets_table,
            self.targets_model,
            UsageTarget(self.tr("New indicator")),
            self.tr("Add a usage target"),
        )

    def remove_targets(self) -> None:
        self._remove(self.targets_table, self.targets_model, self.tr("Remove usage target(s)"))

    def add_milestone(self) -> None:
        self._add(
            self.milestones_table,
            self.milestones_model,
            Milestone(self.tr("New milestone")),
            self.tr("Add a milestone"),
        )

    def remove_milestones(self) -> None:
        self._remove(self.milestones_table, self.milestones_model, self.tr("Remove milestone(s)"))

    def _attestation_toggled(self, key: str, checked: bool) -> None:
        dossier = self.editor.session.dossier
        attestations = tuple(
            replace(a, accepted=checked) if a.key == key else a for a in dossier.attestations
        )
        self.editor.apply(
            replace(dossier, attestations=attestations),
            self.tr("Accept an attestation") if checked else self.tr("Withdraw an attestation"),
        )

    # --- following the dossier ------------------------------------------------------------

    def _follow(self, dossier: Dossier) -> None:
        keys = tuple(a.key for a in dossier.attestations)
        if keys != self._attestation_keys:
            self._rebuild_attestations(dossier.attestations)
        for box, attestation in zip(self.attestation_boxes, dossier.attestations, strict=True):
            if box.box.isChecked() != attestation.accepted:
                blocked = box.box.blockSignals(True)
                box.box.setChecked(attestation.accepted)
                box.box.blockSignals(blocked)
            if box.label.text() != attestation.label:
                box.set_text(attestation.label)

    def _rebuild_attestations(self, attestations: tuple[Attestation, ...]) -> None:
        for box in self.attestation_boxes:
            self.attestations_layout.removeWidget(box)
            box.deleteLater()
        self.attestation_boxes = []
        for attestation in attestations:
            box = WrappingCheckBox(attestation.label)
            box.box.toggled.connect(
                lambda checked, key=attestation.key: self._attestation_toggled(key, checked)
            )
            self.attestations_layout.addWidget(box)
            self.attestation_boxes.append(box)
        self._attestation_keys = tuple(a.key for a in attestations)
        self._update_tab_order()

    def _update_tab_order(self) -> None:
        set_tab_order(
            [
                self.targets_table,
                self.add_target_button,
                self.remove_target_button,
                self.milestones_table,
                self.add_milestone_button,
                self.remove_milestone_button,
                self.governance_edit,
                *(b.box for b in self.attestation_boxes),
            ]
        )
