"""Step "DUI solution": the solution chosen for the project, its Ségur status and justification.

The ESSMS rows of the grappe each name a solution too (as imported or typed); this step lists
those names beside the project's choice so a stray spelling or a different product is seen, and
can align every row on the project's solution in one undoable step.

Under a campaign where, for some sectors (AHI in 2025), an editor registered at the Ségur
referencing office on the convention date is enough, the step asks whether it is: « not
declared » (the findings say « to be checked »), yes or no, one undoable step each.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from esms_desktop.domain.campaign import Campaign, CampaignError
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.edits import (
    declare_editor_registered,
    with_grappe,
    with_solution,
    with_solution_everywhere,
)
from esms_desktop.domain.grappe import (
    DuiSolution,
    Grappe,
    distinct_solutions,
    has_acquisition,
    solution_key,
)
from esms_desktop.services import catalog
from esms_desktop.ui.undo import Editor
from esms_desktop.ui.widgets import (
    BoundLineEdit,
    BoundPlainTextEdit,
    WarningLine,
    add_form_row,
    form_layout,
    scroll_page,
    set_tab_order,
    wrapped,
)

_SEGUR_IDS: dict[bool | None, int] = {True: 0, False: 1, None: 2}
_SEGUR_VALUES: dict[int, bool | None] = {v: k for k, v in _SEGUR_IDS.items()}
_REGISTERED_IDS: dict[bool | None, int] = {None: 0, True: 1, False: 2}
_REGISTERED_VALUES: dict[int, bool | None] = {v: k for k, v in _REGISTERED_IDS.items()}


class SolutionView(QWidget):
    """Editor, product, Ségur referencing, reference and justification of the project's DUI."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self._shown_grappe: Grappe | None = None
        self._build()
        editor.session.subscribe(self._follow)
        self._follow(editor.session.dossier)

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        body = scroll_page(
            self,
            self.tr("DUI solution"),
            self.tr(
                "The shared care record (DUI) solution chosen for the project. For an "
                "acquisition, the programme funds solutions referenced in the Ségur catalogue, "
                "chosen after consulting several editors."
            ),
        )
        box = QGroupBox(self.tr("Solution of the project"))
        form = form_layout()
        box_layout = QVBoxLayout(box)
        box_layout.addLayout(form)

        self.editor_edit = self._line(
            "editor", self.tr("Editor"), self.tr("Edit the solution's editor")
        )
        self.editor_edit.setPlaceholderText(self.tr("Company that publishes the software"))
        add_form_row(form, self.tr("E&ditor:"), self.editor_edit)
        self.product_edit = self._line(
            "product", self.tr("Product"), self.tr("Edit the solution's product")
        )
        self.product_edit.setPlaceholderText(self.tr("Name and version of the software"))
        add_form_row(form, self.tr("&Product:"), self.product_edit)

        segur_row = QWidget()
        segur_layout = QHBoxLayout(segur_row)
        segur_layout.setContentsMargins(0, 0, 0, 0)
        self.segur_group = QButtonGroup(self)
        self.segur_buttons: dict[bool | None, QRadioButton] = {}
        for value, text in (
            (True, self.tr("Referenced")),
            (False, self.tr("Not referenced")),
            (None, self.tr("To be checked")),
        ):
            button = QRadioButton(text)
            button.setAccessibleName(self.tr("Ségur referencing: %1").replace("%1", text))
            self.segur_group.addButton(button, _SEGUR_IDS[value])
            self.segur_buttons[value] = button
            segur_layout.addWidget(button)
        segur_layout.addStretch(1)
        add_form_row(
            form, self.tr("&Ségur referencing:"), segur_row, focus=self.segur_buttons[True]
        )

        self.reference_edit = self._line(
            "segur_reference",
            self.tr("Ségur referencing number"),
            self.tr("Edit the Ségur referencing number"),
        )
        self.reference_edit.setPlaceholderText(
            self.tr("As shown in the list of referenced solutions")
        )
        add_form_row(form, self.tr("Referencing &number:"), self.reference_edit)

        self.justification_edit = BoundPlainTextEdit(
            self.editor,
            lambda d: d.grappe.solution.justification,
            lambda d, t: with_solution(d, justification=t),
            undo_text=self.tr("Edit the justification of the choice"),
            merge_key="solution:justification",
            accessible_name=self.tr("Justification of the choice"),
        )
        self.justification_edit.setPlaceholderText(
            self.tr(
                "Which editors were consulted, on what criteria, and why this solution was chosen."
            )
        )
        self.justification_edit.setMinimumHeight(110)
        self.justification_edit.setMaximumHeight(170)
        add_form_row(form, self.tr("&Justification of the choice:"), self.justification_edit)
        self.justification_warning = WarningLine()
        box_layout.addWidget(self.justification_warning)
        self._build_registration(box_layout)
        body.addWidget(box)

        rows_box = QGroupBox(self.tr("Solutions named on the establishments"))
        rows_layout = QVBoxLayout(rows_box)
        rows_layout.addWidget(
            wrapped(
                self.tr(
                    "What each establishment row of the grappe names as its DUI solution, with "
                    "the number of rows. They should all name the project's solution."
                )
            )
        )
        self.rows_list = QListWidget()
        self.rows_list.setAccessibleName(self.tr("Solutions named on the establishments"))
        self.rows_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.rows_list.setWordWrap(True)
        rows_layout.addWidget(self.rows_list)
        bar = QHBoxLayout()
        self.apply_button = QPushButton(self.tr("Apply this solution to every establishment"))
        self.apply_button.setAccessibleName(self.tr("Apply this solution to every establishment"))
        self.apply_button.clicked.connect(self.apply_to_every_establishment)
        bar.addWidget(self.apply_button)
        bar.addStretch(1)
        rows_layout.addLayout(bar)
        body.addWidget(rows_box)
        body.addStretch(1)

        self.segur_group.idClicked.connect(self._segur_clicked)
        self.registered_group.idClicked.connect(self._registered_clicked)
        set_tab_order(
            [
                self.editor_edit,
                self.product_edit,
                *self.segur_buttons.values(),
                self.reference_edit,
                self.justification_edit,
                *self.registered_buttons.values(),
                self.rows_list,
                self.apply_button,
            ]
        )

    def _build_registration(self, box_layout: QVBoxLayout) -> None:
        """« Is the editor registered at the referencing office on the convention date? »"""
        self.registration_box = QWidget()
        layout = QVBoxLayout(self.registration_box)
        layout.setContentsMargins(0, 6, 0, 0)
        self.registration_label = QLabel(
            self.tr(
                "The editor is &registered at the Ségur referencing office on the date of the "
                "convention:"
            )
        )
        self.registration_label.setWordWrap(True)
        layout.addWidget(self.registration_label)
        row = QHBoxLayout()
        self.registered_group = QButtonGroup(self)
        self.registered_buttons: dict[bool | None, QRadioButton] = {}
        for value, text in (
            (None, self.tr("Not declared")),
            (True, self.tr("Yes")),
            (False, self.tr("No")),
        ):
            button = QRadioButton(text)
            button.setAccessibleName(
                self.tr("Editor registered at the Ségur referencing office: %1").replace("%1", text)
            )
            self.registered_group.addButton(button, _REGISTERED_IDS[value])
            self.registered_buttons[value] = button
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.registration_label.setBuddy(self.registered_buttons[None])
        self.registration_hint = wrapped()
        layout.addWidget(self.registration_hint)
        box_layout.addWidget(self.registration_box)

    def _line(self, key: str, name: str, undo: str) -> BoundLineEdit:
        return BoundLineEdit(
            self.editor,
            lambda d: str(getattr(d.grappe.solution, key)),
            lambda d, t: with_solution(d, **{key: t}),
            undo_text=undo,
            merge_key=f"solution:{key}",
            accessible_name=name,
        )

    # --- actions --------------------------------------------------------------------------

    def _segur_clicked(self, button_id: int) -> None:
        value = _SEGUR_VALUES[button_id]
        dossier = self.editor.session.dossier
        self.editor.apply(
            with_solution(dossier, segur_referenced=value),
            self.tr("Change the Ségur referencing"),
        )

    def _registered_clicked(self, button_id: int) -> None:
        value = _REGISTERED_VALUES[button_id]
        dossier = self.editor.session.dossier
        self.editor.apply(
            declare_editor_registered(dossier, value),
            self.tr("Declare the editor's registration at the referencing office"),
        )

    def apply_to_every_establishment(self) -> None:
        """Name the project's solution on every ESSMS row, in one undoable step."""
        dossier = self.editor.session.dossier
        label = dossier.grappe.solution.label
        if not label:
            return
        self.editor.apply(
            with_grappe(dossier, with_solution_everywhere(dossier.grappe, label)),
            self.tr("Apply the project's solution to every establishment"),
        )

    # --- following the dossier ------------------------------------------------------------

    def _campaign(self, dossier: Dossier) -> Campaign | None:
        try:
            return catalog.library().get(dossier.campaign_id).campaign
        except CampaignError:
            return None

    def _follow_registration(self, dossier: Dossier) -> None:
        """Shown under a campaign with sectors where a registered editor is enough."""
        campaign = self._campaign(dossier)
        sectors = campaign.scope.segur_registered_sectors if campaign is not None else ()
        self.registration_box.setVisible(bool(sectors))
        if not sectors:
            return
        self.registration_hint.setText(
            self.tr(
                "Asked of a project of the %1 sector(s) whose solution is not Ségur-referenced: "
                "until it is declared, the findings say it is to be checked."
            ).replace("%1", ", ".join(sectors))
        )
        button = self.registered_buttons[dossier.declarations.editor_registered]
        if not button.isChecked():
            blocked = self.registered_group.blockSignals(True)
            button.setChecked(True)
            self.registered_group.blockSignals(blocked)

    def _follow(self, dossier: Dossier) -> None:
        self._follow_registration(dossier)
        if dossier.grappe is self._shown_grappe:  # typing elsewhere: nothing to redraw here
            return
        self._shown_grappe = dossier.grappe
        solution: DuiSolution = dossier.grappe.solution
        button = self.segur_buttons[solution.segur_referenced]
        if not button.isChecked():
            blocked = self.segur_group.blockSignals(True)
            button.setChecked(True)
            self.segur_group.blockSignals(blocked)

        if has_acquisition(dossier.grappe) and not solution.justification.strip():
            self.justification_warning.set_message(
                self.tr(
                    "Mandatory: at least one establishment acquires a DUI. Explain which "
                    "editors were consulted and why this solution was chosen."
                )
            )
        else:
            self.justification_warning.set_message("")
        self._fill_rows(dossier.grappe)

    def _fill_rows(self, grappe: Grappe) -> None:
        project_key = solution_key(grappe.solution.label)
        warning = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.rows_list.clear()
        differing = 0
        for label, count in distinct_solutions(grappe):
            shown = label or self.tr("(no solution named)")
            text = (
                self.tr("%1 — %2 establishment(s)").replace("%1", shown).replace("%2", str(count))
            )
            item = QListWidgetItem(text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            if solution_key(label) != project_key:
                differing += count
                item.setIcon(warning)
                item.setToolTip(self.tr("Differs from the project's solution"))
            self.rows_list.addItem(item)
        if not grappe.establishment_count:
            item = QListWidgetItem(self.tr("No establishment in the grappe yet."))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.rows_list.addItem(item)
        rows = max(1, self.rows_list.count())
        frame = 2 * self.rows_list.frameWidth()
        height = self.rows_list.sizeHintForRow(0) * min(rows, 6) + frame + 4
        self.rows_list.setFixedHeight(height)
        self.apply_button.setEnabled(bool(grappe.solution.label) and differing > 0)
        if not grappe.solution.label:
            self.apply_button.setToolTip(self.tr("Type the solution's editor or product first."))
        elif not differing:
            self.apply_button.setToolTip(self.tr("Every establishment already names it."))
        else:
            self.apply_button.setToolTip(
                self.tr("Name “%1” on %2 establishment(s); Ctrl+Z undoes it.")
                .replace("%1", grappe.solution.label)
                .replace("%2", str(differing))
            )
