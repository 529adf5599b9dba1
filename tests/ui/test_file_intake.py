"""Files brought to the window: a second launch's file, File › Import, drops — and never a second
identical dossier created without asking.

The window is the real one (:func:`tests.ui.driving.real_window`); the question « already here »
is answered by replacing :func:`esms_desktop.ui.file_intake.ask_already_here`, file dialogs by
:class:`~tests.ui.driving.FileAnswers`, message boxes by recording them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from esms_desktop.app import bring_forward_running, listen_for_others
from esms_desktop.domain.completeness import Step
from esms_desktop.domain.dossier import Dossier
from esms_desktop.services.exchange import (
    dossier_to_dict,
    organisation_to_dict,
    write_exchange_file,
)
from esms_desktop.services.workspace import Workspace
from esms_desktop.ui import file_intake
from esms_desktop.ui.file_intake import AlreadyHereBox, IntakeChoice
from esms_desktop.ui.import_wizard import ImportWizard
from esms_desktop.ui.main_window import MainWindow, NewDossierDialog
from esms_desktop.ui.merge_dialog import MergeDialog
from tests.ui.driving import EXAMPLE_CSV, FINESS_WEB, FileAnswers, real_window

CREATED = datetime(2026, 3, 2, 9, 30, 15, 123456, tzinfo=UTC)


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[tuple[MainWindow, Workspace]]:
    with real_window(qtbot, tmp_path) as pair:
        yield pair


@pytest.fixture
def esms(tmp_path: Path, example_dossier: Dossier) -> Path:
    """A whole dossier's exchange file, as another computer wrote it."""
    dossier = replace(example_dossier, id=None, name="Grappe des Hirondelles", created=CREATED)
    payload = {"dossier": dossier_to_dict(dossier), "files": []}
    return write_exchange_file(tmp_path / "hirondelles.esms", "dossier", payload)


@pytest.fixture
def part(tmp_path: Path, example_dossier: Dossier) -> Path:
    """One partner OG's part (what « export the part of an organisation » writes)."""
    og = example_dossier.grappe.organisations[0]
    payload = {
        "organisation": organisation_to_dict(og),
        "campaign_id": example_dossier.campaign_id,
        "dossier_name": example_dossier.name,
        "files": [],
    }
    return write_exchange_file(tmp_path / "partenaire.esms", "og", payload)


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Warnings and critical boxes the window shows: (title, text), answered at once."""
    shown: list[tuple[str, str]] = []

    def record(_parent: object, title: str, text: str, *_a: object) -> QMessageBox.StandardButton:
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", record)
    monkeypatch.setattr(QMessageBox, "critical", record)
    return shown


class Answers:
    """Stands for the person answering « already here »: records each question."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, choice: IntakeChoice) -> None:
        self.choice = choice
        self.asked: list[file_intake.IncomingFile] = []
        monkeypatch.setattr(file_intake, "ask_already_here", self._ask)

    def _ask(self, _parent: object, incoming: file_intake.IncomingFile) -> IntakeChoice:
        self.asked.append(incoming)
        return self.choice


def names(workspace: Workspace) -> list[str]:
    return sorted(line.name for line in workspace.list_dossiers())


def drop(window: MainWindow, *paths: Path) -> QDropEvent:
    """Drag files from Explorer onto the window and let go."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    where = QPointF(window.width() / 2, window.height() / 2)
    enter = QDragEnterEvent(
        where.toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0)
    )
    QApplication.sendEvent(window, event)
    assert event.isAccepted()
    return event


def import_through_menu(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, path: Path, out: Path
) -> None:
    answers = FileAnswers(out, path, esms_file=path)
    answers.install(monkeypatch)
    assert window.import_esms_action.isEnabled()
    window.import_esms_action.trigger()


# --- a second launch ------------------------------------------------------------------------


def test_a_second_launch_hands_its_file_to_the_running_window(
    qtbot, window: tuple[MainWindow, Workspace], esms: Path
) -> None:
    win, workspace = window
    key = f"esms-desktop-test-{uuid.uuid4().hex}"
    server = listen_for_others(key, win)
    try:
        win.showMinimized()
        assert bring_forward_running(key, [esms])  # what `esms-desktop fichier.esms` does
        qtbot.waitUntil(lambda: win.session is not None)
    finally:
        server.close()
    assert not win.isMinimized()
    assert win.session is not None and win.session.dossier.name == "Grappe des Hirondelles"
    assert names(workspace) == ["Grappe des Hirondelles"]


def test_a_second_launch_with_a_file_already_here_asks_what_to_do(
    qtbot, window: tuple[MainWindow, Workspace], esms: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    win, workspace = window
    first = workspace.import_esms(esms)
    answers = Answers(monkeypatch, IntakeChoice.OPEN)
    key = f"esms-desktop-test-{uuid.uuid4().hex}"
    server = listen_for_others(key, win)
    try:
        assert bring_forward_running(key, [esms])
        qtbot.waitUntil(lambda: bool(answers.asked))
    finally:
        server.close()
    match = answers.asked[0].best
    assert match is not None and match.dossier_id == first
    assert match.same_origin and match.identical
    qtbot.waitUntil(lambda: win.session is not None)
    assert win.session is not None and win.session.dossier.id == first
    assert names(workspace) == ["Grappe des Hirondelles"]


def test_a_file_offered_during_a_dialog_waits_for_it_to_close(
    qtbot, window: tuple[MainWindow, Workspace], esms: Path
) -> None:
    win, workspace = window
    box = QMessageBox(QMessageBox.Icon.Information, "Autre chose", "…", parent=win)
    box.setWindowModality(Qt.WindowModality.ApplicationModal)
    box.show()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is box)
    win.file_intake.offer_later([esms])
    win.file_intake.offer_waiting()  # as its timer does
    assert workspace.list_dossiers() == []  # nothing opened over the user's dialog
    box.close()
    qtbot.waitUntil(lambda: win.session is not None)
    assert names(workspace) == ["Grappe des Hirondelles"]


# --- File › Import: the same file twice -------------------------------------------------------


def test_importing_the_same_file_twice_asks_and_open_creates_nothing(
    window: tuple[MainWindow, Workspace],
    esms: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    win, workspace = window
    answers = Answers(monkeypatch, IntakeChoice.OPEN)
    import_through_menu(win, monkeypatch, esms, tmp_path)
    assert answers.asked == []  # new here: imported without a question
    assert win.session is not None
    first = win.session.dossier.id
    win.show_home()
    import_through_menu(win, monkeypatch, esms, tmp_path)
    assert len(answers.asked) == 1
    assert names(workspace) == ["Grappe des Hirondelles"]
    assert win.session is not None and win.session.dossier.id == first


def test_create_a_copy_gives_a_second_dossier_named_as_a_copy(
    window: tuple[MainWindow, Workspace],
    esms: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    win, workspace = window
    first = workspace.import_esms(esms)
    answers = Answers(monkeypatch, IntakeChoice.COPY)
    import_through_menu(win, monkeypatch, esms, tmp_path)
    assert len(answers.asked) == 1
    assert names(workspace) == ["Grappe des Hirondelles", "Grappe des Hirondelles (copie)"]
    assert win.session is not None and win.session.dossier.id != first
    # The copy is a dossier of its own: the file is still recognised as the first one.
    incoming = workspace.examine_esms(esms)
    assert incoming.best is not None and incoming.best.dossier_id == first
    copy = next(m for m in incoming.matches if m.dossier_id != first)
    assert copy.identical and not copy.same_origin


def test_cancel_changes_nothing(
    window: tuple[MainWindow, Workspace],
    esms: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    win, workspace = window
    workspace.import_esms(esms)
    win.refresh_home()
    answers = Answers(monkeypatch, IntakeChoice.CANCEL)
    import_through_menu(win, monkeypatch, esms, tmp_path)
    assert len(answers.asked) == 1
    assert names(workspace) == ["Grappe des Hirondelles"]
    assert win.session is None and win.pages.currentWidget() is win.home


def test_merge_opens_the_dossier_and_the_merge_dialog(
    window: tuple[MainWindow, Workspace],
    esms: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    win, workspace = window
    first = workspace.import_esms(esms)
    Answers(monkeypatch, IntakeChoice.MERGE)
    merged: list[str] = []

    def exec_merge(dialog: MergeDialog) -> int:
        merged.append(dialog.name)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(MergeDialog, "exec", exec_merge)
    import_through_menu(win, monkeypatch, esms, tmp_path)
    assert merged == ["hirondelles.esms"]
    assert win.session is not None and win.session.dossier.id == first
    assert win.dossier_view is not None and win.dossier_view.current_step() is Step.GRAPPE
    assert names(workspace) == ["Grappe des Hirondelles"]


def test_the_new_dossier_dialog_asks_too_for_an_esms_already_here(
    window: tuple[MainWindow, Workspace], esms: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    win, workspace = window
    workspace.import_esms(esms)
    answers = Answers(monkeypatch, IntakeChoice.OPEN)

    def accept_with_file(dialog: NewDossierDialog) -> int:
        dialog.file_edit.setText(str(esms))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewDossierDialog, "exec", accept_with_file)
    win.new_action.trigger()
    assert len(answers.asked) == 1
    assert names(workspace) == ["Grappe des Hirondelles"]


def test_a_damaged_esms_is_refused_in_french_and_nothing_is_created(
    window: tuple[MainWindow, Workspace],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[tuple[str, str]],
) -> None:
    win, workspace = window
    broken = tmp_path / "abime.esms"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    import_through_menu(win, monkeypatch, broken, tmp_path)
    assert len(messages) == 1
    assert "abime.esms" in messages[0][1] and "endommagé" in messages[0][1]
    assert workspace.list_dossiers() == []
    assert win.session is None


def test_the_already_here_box_says_which_dossier_and_returns_the_choice(
    qtbot, window: tuple[MainWindow, Workspace], esms: Path
) -> None:
    win, workspace = window
    workspace.import_esms(esms)
    incoming = workspace.examine_esms(esms)
    box = AlreadyHereBox(incoming, win)
    qtbot.addWidget(box)
    assert "hirondelles.esms" in box.text() and "Grappe des Hirondelles" in box.text()
    assert box.defaultButton() is box.open_button  # identical: opening it is enough
    box.show()
    box.copy_button.click()
    assert box.choice() is IntakeChoice.COPY


# --- drag and drop ----------------------------------------------------------------------------


def test_dropping_an_esms_on_the_home_page_imports_and_opens_it(
    qtbot, window: tuple[MainWindow, Workspace], esms: Path
) -> None:
    win, workspace = window
    drop(win, esms)
    qtbot.waitUntil(lambda: win.session is not None)
    assert names(workspace) == ["Grappe des Hirondelles"]


def test_a_partner_part_dropped_on_an_open_dossier_is_merged_into_it(
    qtbot,
    window: tuple[MainWindow, Workspace],
    esms: Path,
    part: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    win, workspace = window
    answers = Answers(monkeypatch, IntakeChoice.CANCEL)
    target = workspace.import_esms(esms)
    win.open_dossier(target)
    merged: list[str] = []
    monkeypatch.setattr(
        MergeDialog, "exec", lambda d: merged.append(d.name) or QDialog.DialogCode.Rejected
    )
    drop(win, part)
    qtbot.waitUntil(lambda: bool(merged))
    assert merged == ["partenaire.esms"] and answers.asked == []
    assert win.session is not None and win.session.dossier.id == target


def test_a_spreadsheet_dropped_on_the_home_page_starts_a_new_dossier_from_it(
    qtbot, window: tuple[MainWindow, Workspace], monkeypatch: pytest.MonkeyPatch
) -> None:
    win, workspace = window
    prefilled: list[str] = []

    def accept(dialog: NewDossierDialog) -> int:
        prefilled.append(dialog.file_edit.text())
        dialog.name_edit.setText("Depuis le tableur")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewDossierDialog, "exec", accept)
    drop(win, EXAMPLE_CSV)
    qtbot.waitUntil(lambda: win.session is not None)
    assert prefilled == [str(EXAMPLE_CSV)]
    assert win.session is not None and win.session.dossier.grappe.establishment_count > 0
    assert names(workspace) == ["Depuis le tableur"]


def test_a_spreadsheet_dropped_on_an_open_dossier_goes_through_the_import_preview(
    qtbot, window: tuple[MainWindow, Workspace], monkeypatch: pytest.MonkeyPatch
) -> None:
    win, workspace = window
    win.open_dossier(workspace.create("Vide", workspace.campaign_choices()[0][0]))
    seen: list[str] = []

    def run_wizard(wizard: ImportWizard) -> int:
        # exec() would wait for the person: here the wizard opens, reaches its preview by itself
        # (the file is chosen), and the person clicks Finish once the preview is read.
        wizard.show()
        wizard.next()
        qtbot.waitUntil(wizard.preview_page.isComplete)
        seen.append(wizard.file_page.path_edit.text())
        assert wizard.currentPage() is wizard.preview_page
        wizard.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportWizard, "exec", run_wizard)
    drop(win, EXAMPLE_CSV)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [str(EXAMPLE_CSV)]
    assert win.session is not None and win.session.dossier.grappe.establishment_count > 0
    assert win.dossier_view is not None and win.dossier_view.current_step() is Step.GRAPPE


def test_a_finess_register_file_dropped_is_loaded_as_the_register(
    qtbot, window: tuple[MainWindow, Workspace], monkeypatch: pytest.MonkeyPatch
) -> None:
    win, _workspace = window
    loaded: list[Path] = []
    monkeypatch.setattr(win, "load_register_file", loaded.append)
    drop(win, FINESS_WEB)
    qtbot.waitUntil(lambda: bool(loaded))
    assert loaded == [FINESS_WEB]


def test_another_kind_of_file_is_refused_naming_it_and_the_kinds_accepted(
    qtbot,
    window: tuple[MainWindow, Workspace],
    tmp_path: Path,
    messages: list[tuple[str, str]],
) -> None:
    win, workspace = window
    other = tmp_path / "courrier.docx"
    other.write_bytes(b"PK\x03\x04")
    drop(win, other)
    qtbot.waitUntil(lambda: bool(messages))
    assert "courrier.docx" in messages[0][1] and ".esms" in messages[0][1]
    folder = tmp_path / "Dossiers ARS"
    folder.mkdir()
    drop(win, folder)
    qtbot.waitUntil(lambda: len(messages) == 2)
    assert "Dossiers ARS" in messages[1][1] and ".xlsx" in messages[1][1]
    assert workspace.list_dossiers() == []


def test_a_mixed_drop_is_refused_whole_and_several_esms_are_taken_in_turn(
    qtbot,
    window: tuple[MainWindow, Workspace],
    esms: Path,
    part: Path,
    messages: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    win, workspace = window
    merged: list[str] = []
    monkeypatch.setattr(
        MergeDialog, "exec", lambda d: merged.append(d.name) or QDialog.DialogCode.Rejected
    )
    drop(win, esms, EXAMPLE_CSV)
    qtbot.waitUntil(lambda: bool(messages))
    assert "hirondelles.esms" in messages[0][1] and "grappe-exemple.csv" in messages[0][1]
    assert workspace.list_dossiers() == []
    drop(win, esms, part)  # the whole dossier, then the partner's part merged into it
    qtbot.waitUntil(lambda: bool(merged))
    assert merged == ["partenaire.esms"]
    assert names(workspace) == ["Grappe des Hirondelles"]


# --- File › Export ----------------------------------------------------------------------------


def test_export_esms_is_greyed_on_the_home_page_and_writes_the_file_from_a_dossier(
    qtbot,
    window: tuple[MainWindow, Workspace],
    esms: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    win, workspace = window
    assert not win.export_esms_action.isEnabled()
    win.open_dossier(workspace.import_esms(esms))
    assert win.export_esms_action.isEnabled()
    out = tmp_path / "sortie"
    out.mkdir()
    answers = FileAnswers(out, esms)
    answers.install(monkeypatch)
    win.export_esms_action.trigger()
    qtbot.waitUntil(lambda: answers.esms_file is not None and answers.esms_file.exists())
    assert win.dossier_view is not None and win.dossier_view.current_step() is Step.EXPORT
    assert answers.esms_file is not None
    written = workspace.examine_esms(answers.esms_file)
    assert written.title == "Grappe des Hirondelles" and written.best is not None
