"""The « Campagnes » window and the campaign editor, driven in the real window as a director would.

The journey of issue 15: from the menu, « Nouvelle campagne d'après… » on généralisation 2025,
the four amounts typed in the editor's cells, a tranche that breaks the 100 % total refused (Save
greyed, the key named) and undone with Ctrl+Z, saved in the data folder; a dossier made on it;
the file exported, imported into a second data folder, and the same total there. Then the
damaged file, the read-only shipped campaign, unsaved changes on close, deletion, the values of
a dossier promoted to a new campaign, and a long typing session.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from esms_desktop.domain.campaign import ValueStatus, load_campaign
from esms_desktop.domain.completeness import Step
from esms_desktop.importers.grappe_sheet import import_grappe
from esms_desktop.services.assessment import assess_with
from esms_desktop.services.workspace import Workspace
from esms_desktop.storage.store import open_store
from esms_desktop.ui.campaign_editor import CampaignEditor
from esms_desktop.ui.campaigns_dialog import CampaignsDialog, NewCampaignDialog
from esms_desktop.ui.main_window import MainWindow, NewDossierDialog
from esms_desktop.ui.models.campaign_tree import VALUE_COLUMN, KeyPath
from tests.ui.driving import EXAMPLE_CSV, FileAnswers, ModalCloser, real_window

AMOUNTS = {
    "acquisition": ("25 000", Decimal(25000)),
    "conformite": ("12 500,50", Decimal("12500.50")),
    "equipement": ("8000", Decimal(8000)),
    "accompagnement": ("20 000 €", Decimal(20000)),
}


class Script:
    """Answers the modal dialogs in turn: the windows under test stay open, each other dialog
    goes to the next handler (or is closed as with Escape); message boxes' texts are kept."""

    def __init__(self) -> None:
        self.handlers: list[Callable[[QWidget], None]] = []
        self.texts: list[str] = []
        self.failures: list[AssertionError] = []

    def then(self, handler: Callable[[QWidget], None]) -> None:
        self.handlers.append(handler)

    def __call__(self, dialog: QWidget) -> bool:
        if isinstance(dialog, CampaignsDialog | CampaignEditor):
            return True
        if isinstance(dialog, QMessageBox):
            self.texts.append(dialog.text())
        if self.handlers:
            try:
                self.handlers.pop(0)(dialog)
            except AssertionError as failure:  # raised in a timer: kept for the test to raise
                self.failures.append(failure)
                dialog.close()
            return True
        return False

    def check(self) -> None:
        if self.failures:
            raise self.failures[0]


@pytest.fixture
def desk(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple]:
    out = tmp_path / "exports"
    out.mkdir()
    answers = FileAnswers(out_dir=out, any_file=tmp_path / "rien.toml")
    answers.install(monkeypatch)
    script = Script()
    closer = ModalCloser(script)
    closer.start()
    with real_window(qtbot, tmp_path) as (window, workspace):
        yield window, workspace, answers, script
    closer.stop()


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Key presses for ``text``: QTest's keyClicks takes ASCII only, so « é », « — » or « € »
    are sent as the key events a French keyboard produces (their text, no key code)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                QApplication.sendEvent(widget, event)


def click(qtbot, button: QPushButton, script: Script | None = None) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    if script is not None:
        script.check()


def open_campaigns(qtbot, window: MainWindow) -> CampaignsDialog:
    window.campaigns_action.trigger()
    dialog = window.campaigns_dialog
    assert isinstance(dialog, CampaignsDialog)
    qtbot.waitExposed(dialog)
    return dialog


def select_campaign(qtbot, dialog: CampaignsDialog, campaign_id: str) -> None:
    row = next(i for i, e in enumerate(dialog.model.rows) if e.id == campaign_id)
    rect = dialog.table.visualRect(dialog.model.index(row, 0))
    dialog.table.scrollTo(dialog.model.index(row, 0))
    rect = dialog.table.visualRect(dialog.model.index(row, 0))
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.selected_id() == campaign_id


def name_campaign(qtbot, title: str, expected_id: str) -> Callable[[QWidget], None]:
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, NewCampaignDialog)
        dialog.title_edit.selectAll()
        type_text(qtbot, dialog.title_edit, title)
        assert dialog.id_edit.text() == expected_id  # proposed from the title
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))

    return answer


def cell(qtbot, editor: CampaignEditor, path: KeyPath, column: int = VALUE_COLUMN) -> QModelIndex:
    """Click the cell of ``path`` (its groups opened first), as a person does."""
    index = editor.select(path, column)
    assert index.isValid(), path
    rect = editor.tree.visualRect(index)
    qtbot.mouseClick(editor.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.tree.currentIndex() == index
    return index


def type_in(qtbot, editor: CampaignEditor, path: KeyPath, text: str, key=Qt.Key.Key_F2) -> str:
    """F2 (or Enter) on the cell, the text typed over the old one, Enter; the cell's text."""
    index = cell(qtbot, editor, path)
    qtbot.keyClick(editor.tree, key)
    line = editor.tree.indexWidget(index)
    assert isinstance(line, QLineEdit), f"no editor opened on {path}"
    line.selectAll()
    type_text(qtbot, line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: editor.tree.state() != QAbstractItemView.State.EditingState)
    return str(editor.model.index_for(path, VALUE_COLUMN).data())


def example_budget_total(campaign) -> Decimal:
    grappe = import_grappe(EXAMPLE_CSV).grappe
    assert grappe is not None
    budget = assess_with(grappe, campaign)
    assert budget.complete, "every amount was typed: the total is complete"
    return budget.total


def test_a_campaign_made_from_2025_is_typed_saved_used_exported_and_imported_elsewhere(
    qtbot, desk, tmp_path: Path
) -> None:
    window, workspace, answers, script = desk
    dialog = open_campaigns(qtbot, window)
    assert {"generalisation-2025", "amorcage-2021-t2"} <= {e.id for e in dialog.model.rows}

    # « Nouvelle campagne d'après… » on 2025: title asked, identifier proposed, editor opened.
    select_campaign(qtbot, dialog, "generalisation-2025")
    script.then(name_campaign(qtbot, "Généralisation 2026", "generalisation-2026"))
    click(qtbot, dialog.new_button, script)
    editor = dialog.editor
    assert isinstance(editor, CampaignEditor) and not editor.read_only
    qtbot.waitExposed(editor)
    user_file = workspace.data_dir / "campagnes" / "generalisation-2026.toml"
    assert user_file.is_file()  # in the data folder, never the program's

    # The side panel says where an empty amount sits in a cahier des charges.
    cell(qtbot, editor, ("values", "acquisition"))
    assert editor.guide_icon.isVisibleTo(editor)
    assert "Modalités de financement" in editor.guide_label.text()
    assert editor.tr("Where to find this value:") in editor.guide_label.text()

    # The four amounts, typed in the Valeur cells (F2 for three, Enter for the last).
    for n, (name, (typed, _value)) in enumerate(AMOUNTS.items()):
        key = Qt.Key.Key_Return if n == 3 else Qt.Key.Key_F2
        shown = type_in(qtbot, editor, ("values", name), typed, key)
        assert "€" in shown and "renseigner" not in shown
    assert editor.model.raw(("year",)) == 2026  # the year of the title, not the model's 2025
    assert editor.save_button.isEnabled()
    done = editor.stack.index()

    # A tranche of 40 % breaks the 100 total: Save greyed, the key named, its row marked.
    assert type_in(qtbot, editor, ("tranches", 0), "40") == "40\u00a0%"
    assert not editor.save_button.isEnabled()
    message = editor.problem_line.message()
    assert "tranches" in message and "100" in message and "90" in message
    assert editor.model.problem_node is not None
    assert editor.model.problem_node.path == ("tranches",)
    problem_row = editor.model.index_for(("tranches",))
    assert problem_row.data(Qt.ItemDataRole.DecorationRole) is not None
    editor.problem_line.label.linkActivated.emit("key")  # the message leads to the row
    assert editor.model.node(editor.tree.currentIndex()).path == ("tranches",)

    # Ctrl+Z undoes that one step; Save comes back.
    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.stack.index() == done
    assert editor.model.raw(("tranches", 0, "pct")) == 50
    assert editor.problem_line.message() == ""
    assert editor.save_button.isEnabled()

    click(qtbot, editor.save_button)
    assert not editor.dirty and not editor.save_button.isEnabled()
    saved = load_campaign(user_file)
    assert saved.year == 2026 and saved.title == "Généralisation 2026"
    for name, (_typed, value) in AMOUNTS.items():
        assert saved.values[name].amount == value
        assert saved.values[name].status is ValueStatus.SAISI
    qtbot.keyClick(editor.tree, Qt.Key.Key_Escape)  # nothing unsaved: Escape closes at once
    qtbot.waitUntil(lambda: dialog.editor is None)
    assert "Généralisation 2026" in {e.campaign.title for e in dialog.model.rows}

    # Export through the dialog (the save dialog suggests <id>.toml).
    select_campaign(qtbot, dialog, "generalisation-2026")
    click(qtbot, dialog.export_button)
    kind, _title, filt = answers.asked[-1]
    assert kind == "save" and "*.toml" in filt
    exported = answers.out_dir / "export-1.toml"
    assert exported.read_bytes() == user_file.read_bytes()
    assert str(exported) in dialog.status_line.text()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.campaigns_dialog is None)

    # A dossier on the new campaign, made with the new-dossier dialog: the budget is complete.
    def new_dossier(new: QWidget) -> None:
        assert isinstance(new, NewDossierDialog)
        combo = new.campaign_combo
        assert combo.findData("generalisation-2026") >= 0
        combo.setCurrentIndex(combo.findData("generalisation-2026"))
        new.file_edit.setText(str(EXAMPLE_CSV))
        ok = new.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        click(qtbot, ok)

    script.then(new_dossier)
    window.new_action.trigger()
    assert window.session is not None
    assert window.session.dossier.campaign_id == "generalisation-2026"
    first_total = window.session.budget.total
    assert first_total == example_budget_total(saved) and first_total > 0
    assert window.session.budget.complete

    # Import into a second data folder, through that folder's Campagnes window: same campaign.
    other = Workspace(open_store(tmp_path / "autre-poste"))
    try:
        second = CampaignsDialog(other.campaigns, window)
        second.open()
        qtbot.waitExposed(second)
        answers.any_file = exported
        click(qtbot, second.import_button, script)
        imported = other.campaigns.get("generalisation-2026")
        assert imported.path == tmp_path / "autre-poste" / "campagnes" / "generalisation-2026.toml"
        assert imported.campaign.fingerprint == saved.fingerprint
        assert example_budget_total(imported.campaign) == first_total
        assert "generalisation-2026" in second.status_line.text()

        # Importing it again asks « Remplacer » / « Annuler »: Annuler leaves it as it is.
        before = imported.path.read_bytes()

        def cancel(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            assert "existe déjà" in box.text()
            box.button(QMessageBox.StandardButton.Cancel).click()

        script.then(cancel)
        click(qtbot, second.import_button, script)
        assert imported.path.read_bytes() == before
        second.done(0)
    finally:
        other.close()


def test_a_damaged_file_is_refused_with_its_line_and_key_and_changes_nothing(
    qtbot, desk, tmp_path: Path
) -> None:
    window, workspace, answers, script = desk
    source = (workspace.campaigns.get("generalisation-2025").path).read_text(encoding="utf-8")
    damaged = tmp_path / "abimee.toml"
    damaged.write_text(
        source.replace('id = "generalisation-2025"', 'id = "abimee"').replace(
            "min_severity", "min_severite"
        ),
        encoding="utf-8",
    )
    folder = workspace.data_dir / "campagnes"
    before = sorted(folder.rglob("*")) if folder.exists() else []
    dialog = open_campaigns(qtbot, window)
    answers.any_file = damaged
    click(qtbot, dialog.import_button)
    assert script.texts, "the refusal is shown"
    text = script.texts[-1]
    assert "abimee.toml" in text and "ligne" in text and "size.min_severite" in text
    assert "min_severity" in text  # the message proposes the right key
    assert (sorted(folder.rglob("*")) if folder.exists() else []) == before
    assert "abimee" not in {e.id for e in dialog.model.rows}


def test_a_shipped_campaign_opens_read_only_and_offers_a_copy(qtbot, desk) -> None:
    window, workspace, _answers, script = desk
    dialog = open_campaigns(qtbot, window)
    select_campaign(qtbot, dialog, "generalisation-2025")
    assert dialog.open_button.text() == dialog.tr("&View…")
    assert not dialog.delete_button.isEnabled()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # Enter opens
    editor = dialog.editor
    assert isinstance(editor, CampaignEditor) and editor.read_only
    qtbot.waitExposed(editor)
    assert editor.banner.isVisible() and not editor.save_button.isVisible()
    before = editor.model.mapping
    index = cell(qtbot, editor, ("values", "acquisition"))
    qtbot.keyClick(editor.tree, Qt.Key.Key_F2)
    assert editor.tree.indexWidget(index) is None
    assert editor.tree.state() != QAbstractItemView.State.EditingState
    assert editor.refusal.message()  # why nothing happens is said
    qtbot.keyClicks(editor.tree, "12000")
    qtbot.keyClick(editor.tree, Qt.Key.Key_Delete)
    assert editor.model.setData(index, "12000") is False
    assert editor.model.mapping == before and editor.stack.count() == 0

    # « Nouvelle campagne d'après celle-ci… » closes it and opens the copy, editable.
    script.then(
        name_campaign(
            qtbot, "Généralisation 2026 — ARS Bretagne", "generalisation-2026-ars-bretagne"
        )
    )
    click(qtbot, editor.derive_button, script)
    copy = dialog.editor
    assert isinstance(copy, CampaignEditor) and copy is not editor and not copy.read_only
    assert copy.model.raw(("id",)) == "generalisation-2026-ars-bretagne"
    assert workspace.campaigns.get("generalisation-2026-ars-bretagne").origin == "utilisateur"


def test_closing_with_unsaved_changes_asks_and_delete_sets_the_file_aside(qtbot, desk) -> None:
    window, workspace, _answers, script = desk
    entry = workspace.campaigns.derive("generalisation-2025", "essai", "Essai")
    dialog = open_campaigns(qtbot, window)
    select_campaign(qtbot, dialog, "essai")
    click(qtbot, dialog.open_button)
    editor = dialog.editor
    assert isinstance(editor, CampaignEditor)
    qtbot.waitExposed(editor)
    type_in(qtbot, editor, ("values", "acquisition"), "1000")
    assert editor.dirty and editor.windowTitle().count("[*]") == 1

    def answer(button: QMessageBox.StandardButton) -> Callable[[QWidget], None]:
        def press(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            assert "Essai" in box.text()
            box.button(button).click()

        return press

    script.then(answer(QMessageBox.StandardButton.Cancel))
    qtbot.keyClick(editor.tree, Qt.Key.Key_Escape)
    assert editor.isVisible() and dialog.editor is editor
    script.then(answer(QMessageBox.StandardButton.Discard))
    click(qtbot, editor.close_button, script)
    qtbot.waitUntil(lambda: dialog.editor is None)
    assert load_campaign(entry.path).values["acquisition"].amount is None  # nothing written

    # Delete: asked, then the file set aside (never erased) and where it went said.
    select_campaign(qtbot, dialog, "essai")

    def yes(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Yes).click()

    script.then(yes)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert not entry.path.exists()
    aside = list((entry.path.parent / "supprimees").glob("essai-*.toml"))
    assert len(aside) == 1 and str(aside[0]) in dialog.status_line.text()
    assert "essai" not in {e.id for e in dialog.model.rows}


def test_the_amounts_typed_in_a_dossier_become_a_new_campaign(qtbot, desk) -> None:
    window, workspace, _answers, script = desk
    dossier_id = workspace.create("Grappe Bretagne", "generalisation-2025", EXAMPLE_CSV)
    window.open_dossier(dossier_id)
    view = window.dossier_view
    assert view is not None
    view.show_step(Step.BUDGET)
    budget = view.views[Step.BUDGET]
    assert not budget.promote_button.isEnabled()  # nothing typed yet
    values = budget.values_model  # typing an amount in the budget is its own tests' business
    row = next(r for r in range(values.rowCount()) if values.rows[r].name == "acquisition")
    assert values.setData(values.index(row, 1), "30 000")
    assert window.session.dossier.overrides == {"acquisition": Decimal(30000)}
    assert budget.promote_button.isEnabled()

    def accept_proposed(new: QWidget) -> None:
        assert isinstance(new, NewCampaignDialog)
        assert "Grappe Bretagne" in new.title_edit.text()
        click(qtbot, new.buttons.button(QDialogButtonBox.StandardButton.Ok))

    script.then(accept_proposed)
    script.then(lambda box: box.accept())  # « Campagne créée »
    click(qtbot, budget.promote_button, script)
    created = [e for e in workspace.campaigns.entries().values() if not e.shipped]
    assert len(created) == 1
    value = created[0].campaign.values["acquisition"]
    assert value.amount == Decimal(30000) and value.status is ValueStatus.SAISI
    assert "Grappe Bretagne" in value.source
    assert created[0].id in script.texts[-1]
    assert window.session.dossier.campaign_id == "generalisation-2025"  # the dossier keeps it


def test_a_dossier_moved_to_the_campaign_made_from_its_amounts_keeps_its_total(qtbot, desk) -> None:
    window, workspace, _answers, script = desk
    dossier_id = workspace.create("Grappe Bretagne", "generalisation-2025", EXAMPLE_CSV)
    window.open_dossier(dossier_id)
    view = window.dossier_view
    assert view is not None
    view.show_step(Step.BUDGET)
    budget = view.views[Step.BUDGET]
    values = budget.values_model
    for name, amount in (("acquisition", "30 000"), ("conformite", "12 000,50")):
        row = next(r for r in range(values.rowCount()) if values.rows[r].name == name)
        assert values.setData(values.index(row, 1), amount)
    typed = dict(window.session.dossier.overrides)
    total = window.session.budget.total

    script.then(lambda new: click(qtbot, new.buttons.button(QDialogButtonBox.StandardButton.Ok)))
    script.then(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    click(qtbot, budget.promote_button, script)
    [created] = [e for e in workspace.campaigns.entries().values() if not e.shipped]
    dossier = window.session.dossier
    assert dossier.campaign_id == created.id and not dossier.overrides
    assert dossier.campaign_fingerprint == created.campaign.fingerprint
    assert window.session.budget.total == total  # the amounts now come from the campaign
    assert not window.session.budget.findings or all(
        f.code != "campagne_modifiee" for f in window.session.budget.findings
    )
    window.undo_action.trigger()  # one step back: the old campaign and the typed amounts
    assert window.session.dossier.campaign_id == "generalisation-2025"
    assert dict(window.session.dossier.overrides) == typed
    # Stored as well: the dossier read back from the data folder is the one on screen.
    assert workspace.load(dossier_id).campaign_id == "generalisation-2025"


def test_editing_the_open_dossier_s_campaign_reopens_it_under_the_new_rules(qtbot, desk) -> None:
    window, workspace, _answers, _script = desk
    entry = workspace.campaigns.derive(
        "generalisation-2025", "bretagne", "Bretagne", {k: Decimal(1000) for k in AMOUNTS}
    )
    dossier_id = workspace.create("Grappe", "bretagne", EXAMPLE_CSV)
    window.open_dossier(dossier_id)
    view = window.dossier_view
    assert view is not None
    view.show_step(Step.BUDGET)
    before = window.session.budget.total
    dialog = open_campaigns(qtbot, window)
    mapping = workspace.campaigns.mapping("bretagne")  # as the editor would save it
    mapping["values"]["acquisition"]["amount"] = Decimal(5000)
    workspace.campaigns.save(mapping, previous_id="bretagne")
    dialog.reject()
    qtbot.waitUntil(lambda: window.dossier_view is not view)
    assert window.dossier_view is not None
    assert window.dossier_view.current_step() is Step.BUDGET
    assert window.session.budget.total != before
    codes = {f.code for f in window.session.budget.findings}
    assert "campagne_modifiee" in codes  # the director is told the rules changed
    assert entry.campaign.fingerprint != workspace.campaigns.campaign("bretagne").fingerprint


def test_a_long_editing_session_raises_no_qt_warning(qtbot, desk) -> None:
    window, workspace, _answers, _script = desk
    workspace.campaigns.derive("generalisation-2025", "longue", "Longue session")
    dialog = open_campaigns(qtbot, window)
    select_campaign(qtbot, dialog, "longue")
    click(qtbot, dialog.open_button)
    editor = dialog.editor
    assert isinstance(editor, CampaignEditor)
    keystrokes = 0
    for round_ in range(6):
        for name in AMOUNTS:
            text = f"{1000 + round_} {round_}0"
            type_in(qtbot, editor, ("values", name), text)
            keystrokes += len(text) + 3
        text = f"Remarque numéro {round_}"
        type_in(qtbot, editor, ("notes", 0), text)
        keystrokes += len(text) + 3
        type_in(qtbot, editor, ("windows", 0, "end"), f"{29 + round_ % 2}/06/2026")
        keystrokes += 13
        type_in(qtbot, editor, ("tranches", 1), "abc")  # refused, the old value stays
        assert "abc" in editor.refusal.message()
        keystrokes += 6
    assert keystrokes >= 200
    assert editor.model.raw(("windows", 0, "end")) == date(2026, 6, 30)
    assert editor.model.raw(("tranches", 1, "pct")) == 50
    assert editor.save_button.isEnabled()
    while editor.stack.canUndo():
        qtbot.keyClick(editor.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.model.mapping == workspace.campaigns.mapping("longue")
    assert not editor.dirty


def test_elements_are_added_removed_and_cleared_with_buttons_and_keys(qtbot, desk) -> None:
    window, workspace, _answers, script = desk
    workspace.campaigns.derive("generalisation-2025", "lignes", "Lignes")
    dialog = open_campaigns(qtbot, window)
    select_campaign(qtbot, dialog, "lignes")
    click(qtbot, dialog.open_button)
    editor = dialog.editor
    assert isinstance(editor, CampaignEditor)

    # A payment: added at the end of the tranches, its label typed at once.
    cell(qtbot, editor, ("tranches", 1))
    assert editor.add_button.text() == editor.tr("A&dd a payment")
    click(qtbot, editor.add_button)
    line = editor.tree.indexWidget(editor.tree.currentIndex())
    assert isinstance(line, QLineEdit)
    type_text(qtbot, line, "Solde")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.tree.state() != QAbstractItemView.State.EditingState)
    assert editor.model.raw(("tranches", 2)) == {"label": "Solde", "pct": 0, "status": "saisi"}
    assert editor.problem is None and editor.save_button.isEnabled()

    # Delete on the element removes it; Ctrl+Z brings it back; Ctrl+Y removes it again.
    cell(qtbot, editor, ("tranches", 2), 0)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Delete)
    assert len(editor.model.raw(("tranches",))) == 2
    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.model.raw(("tranches", 2, "label")) == "Solde"
    qtbot.keyClick(editor.tree, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert len(editor.model.raw(("tranches",))) == 2

    # A new amount: its name asked, refused when taken, then its label is to be typed.
    def name(value: str) -> Callable[[QWidget], None]:
        def answer(box: QWidget) -> None:
            edit = box.findChild(QLineEdit)
            assert edit is not None
            type_text(qtbot, edit, value)
            qtbot.keyClick(edit, Qt.Key.Key_Return)

        return answer

    cell(qtbot, editor, ("values", "acquisition"))
    script.then(name("acquisition"))
    click(qtbot, editor.add_button, script)
    assert "acquisition" in editor.refusal.message()
    script.then(name("plafond_essms"))
    click(qtbot, editor.add_button, script)
    line = editor.tree.indexWidget(editor.tree.currentIndex())
    assert isinstance(line, QLineEdit)  # on the new amount's label
    assert editor.problem is not None and editor.problem.path == (
        "values",
        "plafond_essms",
        "label",
    )
    assert not editor.save_button.isEnabled()
    type_text(qtbot, line, "Plafond par ESSMS")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.problem is None)

    # An optional key cleared with its button; a check box toggled with Space.
    cell(qtbot, editor, ("size", "min_severity"))
    click(qtbot, editor.clear_button)
    assert "min_severity" not in editor.model.raw(("size",))
    assert not editor.clear_button.isEnabled()
    cell(qtbot, editor, ("scope", "single_solution"))
    qtbot.keyClick(editor.tree, Qt.Key.Key_Space)
    assert editor.model.raw(("scope", "single_solution")) is False
    click(qtbot, editor.save_button)
    saved = workspace.campaigns.campaign("lignes")
    assert saved.scope.single_solution is False and saved.values["plafond_essms"].amount is None
