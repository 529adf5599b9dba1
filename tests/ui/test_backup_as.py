"""File › Save a backup as…, then Restore a backup… › From a file…, through the real window."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from tests.storage.helpers import read_only
from tests.ui.driving import EXAMPLE_CSV, real_window

RIB = b"%PDF-1.4 RIB"


@dataclass
class Answers:
    """What the person answers: files to pick, the restore choice, and every message shown."""

    save_to: Path | None = None
    open_file: Path | None = None
    pick_last_item: bool = True
    confirm: bool = True
    suggested: list[str] = field(default_factory=list)
    items: list[list[str]] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    messages: list[tuple[str, str]] = field(default_factory=list)

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        def get_save(_parent, _title, suggested, _filter, *_a, **_k):
            self.suggested.append(suggested)
            return (str(self.save_to) if self.save_to else ""), _filter

        def get_open(_parent, _title, folder, _filter, *_a, **_k):
            self.suggested.append(folder)
            return (str(self.open_file) if self.open_file else ""), _filter

        def get_item(_parent, _title, _label, items, *_a, **_k):
            self.items.append(list(items))
            return (items[-1] if self.pick_last_item else items[0]), True

        def question(_parent, _title, text, *_a, **_k):
            self.questions.append(text)
            yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
            return yes if self.confirm else no

        def record(kind: str):
            def show(_parent, _title, text, *_a, **_k):
                self.messages.append((kind, text))
                return QMessageBox.StandardButton.Ok

            return show

        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save))
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(get_open))
        monkeypatch.setattr(QInputDialog, "getItem", staticmethod(get_item))
        monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
        for kind in ("information", "warning", "critical"):
            monkeypatch.setattr(QMessageBox, kind, staticmethod(record(kind)))


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setattr(
        QStandardPaths, "writableLocation", staticmethod(lambda _where: str(folder))
    )
    return folder


def _names(workspace) -> list[str]:
    return [line.name for line in workspace.list_dossiers()]


def test_save_a_backup_as_then_restore_it_from_the_file(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, documents: Path
) -> None:
    usb = tmp_path / "CLE-USB"
    usb.mkdir()
    answers = Answers(save_to=usb / "sauvegarde grappe.sqlite3")
    answers.install(monkeypatch)
    with real_window(qtbot, tmp_path) as (win, workspace):
        kept = workspace.create("Grappe Nord", "generalisation-2025", EXAMPLE_CSV)
        workspace.attach(kept, "rib", _write(tmp_path / "RIB.pdf", RIB))
        win.refresh_home()
        file_actions = win.file_menu.actions()
        assert file_actions.index(win.save_backup_action) + 1 == file_actions.index(
            win.restore_action
        )

        win.save_backup_action.trigger()

        suggested = Path(answers.suggested[0])
        assert suggested.parent == documents  # first time: Documents, never the program folder
        assert suggested.name.startswith("esms-desktop-sauvegarde-")
        assert suggested.suffix == ".sqlite3"
        assert answers.save_to is not None and answers.save_to.is_file()
        assert [p.name for p in usb.iterdir()] == [answers.save_to.name]  # no temporary left
        assert answers.messages[-1][0] == "information"
        assert str(answers.save_to) in answers.messages[-1][1]

        workspace.delete(kept)
        other = workspace.create("Autre", "generalisation-2025")
        win.open_dossier(other)
        assert _names(workspace) == ["Autre"]

        answers.open_file = answers.save_to
        win.restore_action.trigger()

        assert answers.items[-1][-1] == win.tr(
            "From a file… (a backup saved on a USB key, in Documents…)"
        )
        assert Path(answers.suggested[-1]) == usb  # the backups' folder, remembered
        assert len(answers.questions) == 1
        assert answers.save_to.name in answers.questions[0]
        assert _names(workspace) == ["Grappe Nord"]
        assert workspace.annex_file(kept, "rib") == ("RIB.pdf", RIB)
        assert win.dossier_view is None  # back on the home page, the old dossier closed
        reasons = [why for _path, _taken, why in workspace.backups()]
        assert "avant-restauration" in reasons  # the replaced state can be brought back


def test_a_damaged_file_is_refused_before_anything_is_replaced(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, documents: Path
) -> None:
    damaged = documents / "sauvegarde.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00 coupe en deux")
    answers = Answers(open_file=damaged)
    answers.install(monkeypatch)
    with real_window(qtbot, tmp_path) as (win, workspace):
        kept = workspace.create("Intacte", "generalisation-2025", EXAMPLE_CSV)
        win.open_dossier(kept)
        backups_before = workspace.backups()

        win.restore_action.trigger()

        assert answers.questions == []  # refused before the question
        kind, text = answers.messages[-1]
        assert kind == "critical" and str(damaged) in text and "rien n'a été restauré" in text
        assert _names(workspace) == ["Intacte"]
        assert workspace.backups() == backups_before  # nothing replaced, nothing backed up
        assert win.dossier_view is not None  # the open dossier stays open


def test_declining_the_confirmation_changes_nothing(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, documents: Path
) -> None:
    answers = Answers(save_to=documents / "copie.sqlite3", confirm=False)
    answers.install(monkeypatch)
    with real_window(qtbot, tmp_path) as (win, workspace):
        workspace.create("Avant", "generalisation-2025", EXAMPLE_CSV)
        win.save_backup_action.trigger()
        workspace.create("Après", "generalisation-2025")
        answers.open_file = answers.save_to
        win.restore_action.trigger()
        assert len(answers.questions) == 1
        assert sorted(_names(workspace)) == ["Après", "Avant"]


def test_an_unwritable_target_is_refused_in_french_and_leaves_no_file(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, documents: Path
) -> None:
    locked = tmp_path / "protege"
    locked.mkdir()
    answers = Answers(save_to=locked / "sauvegarde.sqlite3")
    answers.install(monkeypatch)
    with real_window(qtbot, tmp_path) as (win, workspace):
        workspace.create("Un", "generalisation-2025", EXAMPLE_CSV)
        with read_only(locked):
            win.save_backup_action.trigger()
        kind, text = answers.messages[-1]
        assert kind == "critical" and "Accès refusé" in text and str(locked) in text
        assert list(locked.iterdir()) == []


def test_without_any_backup_a_file_can_still_be_restored(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, documents: Path
) -> None:
    answers = Answers(save_to=documents / "copie.sqlite3")
    answers.install(monkeypatch)
    for folder in ("ailleurs", "neuf"):
        (tmp_path / folder).mkdir()
    with real_window(qtbot, tmp_path / "ailleurs") as (win, workspace):
        workspace.create("Venu d'ailleurs", "generalisation-2025", EXAMPLE_CSV)
        win.save_backup_action.trigger()
    answers.open_file = answers.save_to
    with real_window(qtbot, tmp_path / "neuf") as (win, workspace):
        assert workspace.backups() == []
        win.restore_action.trigger()
        assert len(answers.items[-1]) == 1  # only « From a file… »
        assert _names(workspace) == ["Venu d'ailleurs"]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
