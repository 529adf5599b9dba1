"""File dialogs start in Documents, then where the user last chose a file of the same kind —
exports, imports, annexes, backups each their own folder, kept from one session to the next."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from esms_desktop.ui import file_dialogs


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setattr(
        QStandardPaths, "writableLocation", staticmethod(lambda _where: str(folder))
    )
    file_dialogs.use_settings(None)
    yield folder
    file_dialogs.use_settings(None)


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


class Dialogs:
    """Answers the dialogs with ``answer`` and records the folder or path each one was given."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.asked: list[str] = []
        self.answer: Path | None = None
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(self._ask))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(self._save))

    def _ask(self, _parent, _title, folder, _pattern):
        self.asked.append(folder)
        return (str(self.answer) if self.answer else ""), ""

    def _save(self, _parent, _title, suggested, _pattern):
        self.asked.append(suggested)
        return (str(self.answer) if self.answer else ""), ""


def _file(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x", encoding="utf-8")
    return path


def test_dialogs_start_in_documents_then_follow_the_user_per_kind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, documents: Path, parent: QWidget
) -> None:
    dialogs = Dialogs(monkeypatch)
    chosen = _file(tmp_path / "partenaires" / "grappe.csv")
    dialogs.answer = chosen
    assert file_dialogs.open_file(parent, "Importer", "*.csv", kind="imports") == chosen
    assert dialogs.asked[-1] == str(documents)  # never the program's folder

    dialogs.answer = tmp_path / "ARS" / "Dossier.pdf"
    (tmp_path / "ARS").mkdir()
    saved = file_dialogs.save_file(parent, "Exporter", "Dossier.pdf", "*.pdf", kind="exports")
    assert dialogs.asked[-1] == str(documents / "Dossier.pdf")  # an import's folder is not it
    assert saved == tmp_path / "ARS" / "Dossier.pdf"

    file_dialogs.save_file(parent, "Exporter", "Autre.pdf", "*.pdf", kind="exports")
    assert dialogs.asked[-1] == str(tmp_path / "ARS" / "Autre.pdf")
    file_dialogs.open_file(parent, "Importer", "*.csv", kind="imports")
    assert dialogs.asked[-1] == str(chosen.parent)
    file_dialogs.open_file(parent, "Joindre", "*", kind="annexes")
    assert dialogs.asked[-1] == str(documents)  # annexes: a folder of their own, Documents first


def test_defaults_are_imports_for_open_and_exports_for_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, documents: Path, parent: QWidget
) -> None:
    dialogs = Dialogs(monkeypatch)
    dialogs.answer = _file(tmp_path / "recus" / "g.csv")
    file_dialogs.open_file(parent, "Importer", "*.csv")
    assert file_dialogs.start_folder("imports") == tmp_path / "recus"
    assert file_dialogs.start_folder("exports") == documents


def test_last_folders_are_kept_across_sessions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, documents: Path, parent: QWidget
) -> None:
    ini = tmp_path / "reglages.ini"
    file_dialogs.use_settings(QSettings(str(ini), QSettings.Format.IniFormat))
    dialogs = Dialogs(monkeypatch)
    usb = tmp_path / "CLE"
    usb.mkdir()
    dialogs.answer = usb / "sauvegarde.sqlite3"
    file_dialogs.save_file(parent, "Sauvegarde", "s.sqlite3", "*.sqlite3", kind="sauvegardes")

    # Next session: a new settings object over the same file, nothing kept in memory.
    file_dialogs.use_settings(QSettings(str(ini), QSettings.Format.IniFormat))
    assert file_dialogs.start_folder("sauvegardes") == usb
    assert file_dialogs.start_folder("exports") == documents
    file_dialogs.save_file(parent, "Sauvegarde", "s.sqlite3", "*.sqlite3", kind="sauvegardes")
    assert dialogs.asked[-1] == str(usb / "s.sqlite3")

    usb.rmdir()  # the key is unplugged: back to Documents, no dialog in a missing folder
    assert file_dialogs.start_folder("sauvegardes") == documents


def test_cancel_returns_none_and_keeps_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, documents: Path, parent: QWidget
) -> None:
    dialogs = Dialogs(monkeypatch)
    dialogs.answer = _file(tmp_path / "annexes" / "rib.pdf")
    file_dialogs.open_file(parent, "Joindre", "*", kind="annexes")
    dialogs.answer = None
    assert file_dialogs.open_file(parent, "Joindre", "*", kind="annexes") is None
    assert file_dialogs.start_folder("annexes") == tmp_path / "annexes"


def test_an_unknown_kind_is_a_programming_error(documents: Path, parent: QWidget) -> None:
    with pytest.raises(ValueError, match="unknown file kind"):
        file_dialogs.open_file(parent, "Importer", "*.csv", kind="export")


def test_the_window_keeps_its_folders_in_its_settings(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, documents: Path
) -> None:
    """The real window hands its settings to the dialogs: a folder chosen there is in the file."""
    from tests.ui.driving import real_window

    dialogs = Dialogs(monkeypatch)
    dialogs.answer = _file(tmp_path / "partenaires" / "grappe.csv")
    with real_window(qtbot, tmp_path) as (win, _workspace):
        file_dialogs.open_file(win, "Importer", "*.csv", kind="imports")
        win.settings.sync()
    saved = QSettings(str(tmp_path / "reglages.ini"), QSettings.Format.IniFormat)
    assert saved.value("file_dialogs/last_folder_imports") == str(tmp_path / "partenaires")
