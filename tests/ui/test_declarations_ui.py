"""What the user declares for rules the grappe's data cannot tell, in the real window (issue 15).

From 2023 an ESSMS attached to a GHT may keep the hospital's DUI: a checkable button of the
Grappe step declares the selected rows (one undo step for the selection), and the findings
follow. In 2025 an AHI project whose DUI is not Ségur-referenced needs an editor registered at
the referencing office on the convention date: the DUI solution step asks it (not declared /
yes / no), and « à vérifier » becomes nothing or a blocking finding. Neither control shows under
a campaign without the rule; both are reached from the keyboard, with mnemonics of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from esms_desktop.domain.completeness import Step
from esms_desktop.domain.grappe import Grappe
from esms_desktop.services import catalog
from esms_desktop.ui.dossier_view import DossierView
from esms_desktop.ui.main_window import MainWindow
from esms_desktop.ui.views.grappe_view import GrappeView
from esms_desktop.ui.views.solution_view import SolutionView
from tests.domain.builders import establishments, grappe, og
from tests.ui.driving import real_window

HOSPITAL_DUI = "DUI de l'hôpital"


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    with real_window(qtbot, tmp_path) as (win, _workspace):
        yield win
    catalog.use_data_folder(None)


def open_with(window: MainWindow, campaign_id: str, g: Grappe) -> DossierView:
    """A stored dossier holding ``g`` under ``campaign_id``, opened in the window."""
    workspace = window.workspace
    dossier_id = workspace.create("Déclarations", campaign_id)
    stored = workspace.load(dossier_id)
    workspace.save(replace(stored, grappe=g), before=stored)
    window.open_dossier(dossier_id)
    assert window.dossier_view is not None
    return window.dossier_view


def ght_grappe() -> tuple[Grappe, list[str]]:
    """16 ESSMS on one DUI, except two that keep their GHT's hospital DUI."""
    ests = list(establishments(16))
    for i in (3, 7):
        ests[i] = replace(ests[i], dui_solution=HOSPITAL_DUI)
    return grappe(og("A", tuple(ests), porteur=True, size=20), segur=True), [
        ests[3].finess,
        ests[7].finess,
    ]


def codes(window: MainWindow) -> set[str]:
    assert window.session is not None
    return {f.code for f in window.session.budget.findings}


def shown_codes(view: GrappeView) -> set[str]:
    model = view.findings_model
    return {model.finding(r).code for r in range(model.rowCount())}


def click_row(
    qtbot, view: GrappeView, finess: str, modifier=Qt.KeyboardModifier.NoModifier
) -> None:
    source = next(
        r
        for r in range(view.essms_model.rowCount())
        if view.essms_model.establishment(r).finess == finess
    )
    index = view.proxy.mapFromSource(view.essms_model.index(source, 1))
    view.table.scrollTo(index)
    qtbot.mouseClick(
        view.table.viewport(),
        Qt.MouseButton.LeftButton,
        modifier,
        view.table.visualRect(index).center(),
    )


def undo(qtbot, window: MainWindow) -> None:
    assert window.dossier_view is not None
    qtbot.keyClick(window.dossier_view.steps, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def menu_mnemonics(window: MainWindow) -> set[str]:
    return {
        QKeySequence.mnemonic(action.text()).toString()
        for action in window.menuBar().actions()
        if action.text()
    }


def test_declaring_ghts_on_generalisation_2023_changes_the_findings(
    qtbot, window: MainWindow
) -> None:
    g, hospital = ght_grappe()
    view = open_with(window, "generalisation-2023", g)
    view.show_step(Step.GRAPPE)
    page = view.views[Step.GRAPPE]
    assert isinstance(page, GrappeView)
    button = page.ght_button
    assert button.isVisible() and not button.isEnabled()  # nothing selected yet
    assert "solutions_multiples" in shown_codes(page)
    assert window.session is not None and not window.session.budget.eligible

    # One row: declared, the current row shows it, the two solutions are still one too many.
    click_row(qtbot, page, hospital[0])
    assert button.isEnabled() and not button.isChecked()
    steps = window.undo_stack.count()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.isChecked()
    assert window.session.dossier.declarations.ght_essms == {hospital[0]}
    assert window.undo_stack.count() == steps + 1
    assert "exception_ght" in shown_codes(page) and "solutions_multiples" in shown_codes(page)
    click_row(qtbot, page, establishments(1)[0].finess)  # another row: not declared
    assert not button.isChecked()

    # Both rows of the selection, in one step: the project has one solution again.
    click_row(qtbot, page, hospital[0])
    click_row(qtbot, page, hospital[1], Qt.KeyboardModifier.ControlModifier)
    assert len(page.table.selectionModel().selectedRows()) == 2
    assert not button.isChecked()  # the current row is the second, not declared yet
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.session.dossier.declarations.ght_essms == set(hospital)
    assert window.undo_stack.count() == steps + 2
    assert window.session.budget.eligible
    assert "solutions_multiples" not in shown_codes(page)
    notes = [f for f in window.session.budget.findings if f.code == "exception_ght"]
    assert sorted(f.finess for f in notes) == sorted(hospital)
    assert page.ght_status.text().startswith("2")
    stored = window.workspace.load(window.session.dossier.id)
    assert stored.declarations.ght_essms == set(hospital)

    # Withdrawn from the keyboard: Space on the focused button.
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert not button.isChecked() and not window.session.dossier.declarations.ght_essms
    assert "solutions_multiples" in codes(window)

    undo(qtbot, window)
    assert window.session.dossier.declarations.ght_essms == set(hospital)
    assert button.isChecked() and "solutions_multiples" not in codes(window)
    undo(qtbot, window)
    assert window.session.dossier.declarations.ght_essms == {hospital[0]}
    assert "solutions_multiples" in codes(window)

    # Its mnemonic is its own: not one of the menus' (Fichier, Édition, Aide).
    letter = QKeySequence.mnemonic(button.text()).toString()
    assert letter and letter not in menu_mnemonics(window)


def test_no_ght_button_without_the_exception_nor_on_a_row_without_a_valid_finess(
    qtbot, window: MainWindow
) -> None:
    g, hospital = ght_grappe()
    view = open_with(window, "generalisation-2022", g)  # before 2023: no exception
    view.show_step(Step.GRAPPE)
    page = view.views[Step.GRAPPE]
    assert isinstance(page, GrappeView)
    assert not page.ght_box.isVisible()

    ests = list(g.organisations[0].establishments)
    ests[3] = replace(ests[3], finess="12345")
    broken = replace(g, organisations=(replace(g.organisations[0], establishments=tuple(ests)),))
    view = open_with(window, "generalisation-2023", broken)
    view.show_step(Step.GRAPPE)
    page = view.views[Step.GRAPPE]
    assert isinstance(page, GrappeView)
    click_row(qtbot, page, "12345")
    assert page.ght_box.isVisible() and not page.ght_button.isEnabled()
    click_row(qtbot, page, hospital[1])
    assert page.ght_button.isEnabled()


def ahi_grappe() -> Grappe:
    """16 AHI establishments (CHRS) whose DUI is not Ségur-referenced."""
    return grappe(og("A", establishments(16, category="214"), porteur=True, size=20), segur=False)


def test_the_editor_registration_on_a_2025_ahi_grappe_changes_the_check(
    qtbot, window: MainWindow
) -> None:
    view = open_with(window, "generalisation-2025", ahi_grappe())
    view.show_step(Step.SOLUTION)
    page = view.views[Step.SOLUTION]
    assert isinstance(page, SolutionView)
    assert page.registration_box.isVisible()
    buttons = page.registered_buttons
    assert buttons[None].isChecked()
    assert "inscription_editeur_a_verifier" in codes(window)
    assert "AHI" in page.registration_hint.text()
    steps = window.undo_stack.count()

    qtbot.mouseClick(buttons[True], Qt.MouseButton.LeftButton)
    assert window.session is not None
    assert window.session.dossier.declarations.editor_registered is True
    assert not codes(window) & {"inscription_editeur_a_verifier", "editeur_non_inscrit"}
    assert window.undo_stack.count() == steps + 1

    qtbot.mouseClick(buttons[False], Qt.MouseButton.LeftButton)
    assert "editeur_non_inscrit" in codes(window) and not window.session.budget.eligible
    stored = window.workspace.load(window.session.dossier.id)
    assert stored.declarations.editor_registered is False

    undo(qtbot, window)
    assert buttons[True].isChecked() and window.session.dossier.declarations.editor_registered
    undo(qtbot, window)
    assert buttons[None].isChecked()
    assert "inscription_editeur_a_verifier" in codes(window)

    # The label's mnemonic reaches the choice; arrows move within it, one step each.
    letter = QKeySequence.mnemonic(page.registration_label.text())
    assert letter.toString() and letter.toString() not in menu_mnemonics(window)
    assert letter.toString() != QKeySequence.mnemonic(view.switch_button.text()).toString()
    qtbot.keyClick(page, letter.toString()[-1].lower(), Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is buttons[None]
    qtbot.keyClick(buttons[None], Qt.Key.Key_Right)
    assert buttons[True].isChecked()
    assert window.session.dossier.declarations.editor_registered is True
    assert window.undo_stack.count() == steps + 1


def test_the_registration_question_follows_the_campaign(qtbot, window: MainWindow) -> None:
    view = open_with(window, "generalisation-2024", ahi_grappe())  # 2024 still exempts AHI
    view.show_step(Step.SOLUTION)
    page = view.views[Step.SOLUTION]
    assert isinstance(page, SolutionView)
    assert not page.registration_box.isVisible()
    assert not codes(window) & {"inscription_editeur_a_verifier", "solution_non_referencee"}

    qtbot.mouseClick(view.switch_button, Qt.MouseButton.LeftButton)
    dialog = view.switch_dialog
    assert dialog is not None
    dialog.combo.setCurrentIndex(dialog.combo.findData("generalisation-2025"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.switch_dialog is None)
    assert page.registration_box.isVisible() and page.registered_buttons[None].isChecked()
    assert "inscription_editeur_a_verifier" in codes(window)
    undo(qtbot, window)
    assert not page.registration_box.isVisible()
