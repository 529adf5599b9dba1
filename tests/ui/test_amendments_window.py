"""A filed candidature edited in the real window: refused, or recorded as an amendment.

A person files the worked example, edits a capacity in the Grappe step by keyboard and answers
the dialog: « Annuler » changes nothing; « Créer un avenant » makes the change with an
amendment (its change lines, its note), saved (the store accepts it), one Ctrl+Z undoing change
and amendment together (the store accepts that too), Ctrl+Y doing them again. Typing in a field
asks once and gives one amendment. The « Avenants » panel lists it and edits its note.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from esms_desktop.domain.completeness import Step
from esms_desktop.domain.follow_up import Phase
from esms_desktop.ui.filed_guard import AmendmentDialog
from esms_desktop.ui.main_window import MainWindow
from esms_desktop.ui.views.amendments_panel import AmendmentsPanel
from esms_desktop.ui.views.grappe_view import GrappeView
from tests.ui.driving import ModalCloser, real_window, stub_desktop
from tests.ui.test_follow_up_view import click, open_follow_up, phase, type_in_cell


class Answer:
    """Answers the amendment dialog as told (``accept``, ``note``); records what it listed."""

    def __init__(self) -> None:
        self.accept = False
        self.note = ""
        self.asked: list[list[str]] = []
        self.messages: list[str] = []

    def __call__(self, dialog: QWidget) -> bool:
        if isinstance(dialog, AmendmentDialog):
            changes = dialog.changes
            self.asked.append([changes.item(i).text() for i in range(changes.count())])
            if self.accept:
                dialog.note_edit.setText(self.note)
                dialog.amend_button.click()
            else:
                # Escape, as a person cancelling; Cancel is also the default button.
                assert dialog.cancel_button.isDefault()
                QTest.keyClick(dialog, Qt.Key.Key_Escape)
            return True
        if isinstance(dialog, QMessageBox):
            self.messages.append(dialog.text())
            dialog.done(0)
            return True
        return False


@pytest.fixture
def filed(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple]:
    """The worked example, filed with the phase button, the Grappe step shown."""
    stub_desktop(monkeypatch)
    answer = Answer()
    closer = ModalCloser(answer)
    closer.start()
    with real_window(qtbot, tmp_path) as (window, workspace):
        follow_up = open_follow_up(window, workspace)
        click(qtbot, follow_up.file_button)
        assert phase(window) is Phase.DEPOSE
        yield window, workspace, answer
    closer.stop()


def grappe(window: MainWindow) -> GrappeView:
    assert window.dossier_view is not None
    window.dossier_view.show_step(Step.GRAPPE)
    page = window.dossier_view.views[Step.GRAPPE]
    assert isinstance(page, GrappeView)
    return page


def capacity(window: MainWindow) -> int | None:
    assert window.session is not None
    return window.session.dossier.grappe.organisations[0].establishments[0].capacity


def edit_first_capacity(qtbot, window: MainWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    view = grappe(window)
    model = view.essms_model
    assert window.session is not None
    first = window.session.dossier.grappe.organisations[0].establishments[0].finess
    (source,) = [r for r in range(model.rowCount()) if model.establishment(r).finess == first]
    column = model.column_of("capacity")
    row = view.proxy.mapFromSource(model.index(source, column)).row()
    type_in_cell(qtbot, view.table, row, column, text)


def stored(window: MainWindow, workspace):  # type: ignore[no-untyped-def]
    assert window.session is not None and window.session.dossier.id is not None
    return workspace.load(window.session.dossier.id)


def test_a_refused_amendment_changes_nothing(qtbot, filed) -> None:
    window, workspace, answer = filed
    old, depth = capacity(window), window.undo_stack.count()
    edit_first_capacity(qtbot, window, "77")
    assert len(answer.asked) == 1
    assert any("capacité" in line for line in answer.asked[0]), answer.asked
    assert capacity(window) == old
    assert window.session is not None and window.session.dossier.follow_up.amendments == ()
    assert window.undo_stack.count() == depth
    assert not window.session.unsaved
    assert stored(window, workspace).grappe.organisations[0].establishments[0].capacity == old


def test_an_accepted_amendment_is_one_undo_step_saved_each_way(qtbot, filed) -> None:
    window, workspace, answer = filed
    answer.accept, answer.note = True, "Avenant n° 1"
    old, depth = capacity(window), window.undo_stack.count()
    edit_first_capacity(qtbot, window, "77")
    assert len(answer.asked) == 1 and not answer.messages, answer.messages
    assert capacity(window) == 77
    assert window.session is not None
    (amendment,) = window.session.dossier.follow_up.amendments
    assert amendment.note == "Avenant n° 1"
    assert any("capacité" in line for line in amendment.changes), amendment.changes
    assert window.undo_stack.count() == depth + 1
    assert "amendment" in window.undo_stack.text(depth).lower() or "avenant" in (
        window.undo_stack.text(depth).lower()
    )
    # Saved: the store accepted the change with its amendment.
    assert not window.session.unsaved
    again = stored(window, workspace)
    assert again.grappe.organisations[0].establishments[0].capacity == 77
    assert len(again.follow_up.amendments) == 1
    # One Ctrl+Z undoes change and amendment together, and that is saved too.
    assert window.dossier_view is not None
    window.activateWindow()  # the dialog closed: the window has the keyboard again
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.dossier_view.steps.setFocus()
    qtbot.keyClick(window.dossier_view.steps, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: capacity(window) == old)
    assert window.session.dossier.follow_up.amendments == ()
    assert not window.session.unsaved and not answer.messages, answer.messages
    back = stored(window, workspace)
    assert (
        back.grappe.organisations[0].establishments[0].capacity == old
        and back.follow_up.amendments == ()
    )
    # Redo (Ctrl+Y): both again, saved.
    qtbot.keyClick(window.dossier_view.steps, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert capacity(window) == 77 and len(window.session.dossier.follow_up.amendments) == 1
    assert not window.session.unsaved
    assert len(stored(window, workspace).follow_up.amendments) == 1
    assert len(answer.asked) == 1  # undo and redo never ask


def test_typing_in_a_filed_field_asks_once_and_gives_one_amendment(qtbot, filed) -> None:
    window, workspace, answer = filed
    answer.accept = True
    assert window.dossier_view is not None and window.session is not None
    window.dossier_view.show_step(Step.PORTEUR)
    porteur = window.dossier_view.views[Step.PORTEUR]
    title = porteur.fields["project_title"]  # type: ignore[attr-defined]
    depth = window.undo_stack.count()
    start = window.session.dossier.project_title
    title.setFocus()
    qtbot.keyClicks(title, "Projet")
    qtbot.waitUntil(lambda: window.session.dossier.project_title == start + "Projet")
    assert len(answer.asked) == 1, answer.asked
    assert window.undo_stack.count() == depth + 1
    (amendment,) = window.session.dossier.follow_up.amendments
    # The amendment describes the whole word typed, not its first letter.
    assert any("Projet" in line for line in amendment.changes), amendment.changes
    assert not window.session.unsaved
    assert stored(window, workspace).project_title == start + "Projet"
    window.undo_stack.undo()
    assert window.session.dossier.project_title == start
    assert window.session.dossier.follow_up.amendments == ()
    assert not window.session.unsaved


def test_the_panel_lists_the_amendment_and_edits_its_note(qtbot, filed) -> None:
    window, workspace, answer = filed
    answer.accept, answer.note = True, "motif"
    panel = AmendmentsPanel(window.dossier_view.editor)  # type: ignore[union-attr]
    qtbot.addWidget(panel)
    panel.show()
    assert panel.empty.isVisible() and not panel.table.isVisible()
    assert "avenant" in panel.empty.text().lower() or "amendment" in panel.empty.text().lower()
    edit_first_capacity(qtbot, window, "77")
    assert window.session is not None
    panel.show_dossier(window.session.dossier)
    assert panel.table.isVisible() and not panel.empty.isVisible()
    model = panel.model
    assert model.rowCount() == 1
    assert "capacité" in model.index(0, 1).data()
    assert model.index(0, 2).data() == "motif"
    # The note edited by keyboard: F2, type, Enter; one undo step, saved.
    depth = window.undo_stack.count()
    type_in_cell(qtbot, panel.table, 0, 2, "ARS-2026-04")
    assert window.session.dossier.follow_up.amendments[0].note == "ARS-2026-04"
    assert window.undo_stack.count() == depth + 1
    assert not window.session.unsaved
    assert stored(window, workspace).follow_up.amendments[0].note == "ARS-2026-04"
    panel.show_dossier(window.session.dossier)
    assert model.index(0, 2).data() == "ARS-2026-04"
