"""File dialogs start in Documents, then where the user last chose a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from esms_desktop.ui import file_dialogs


def test_dialogs_start_in_documents_then_follow_the_user(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_dialogs, "_last_folder", None)
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(
        QStandardPaths, "writableLocation", staticmethod(lambda _where: str(documents))
    )
    asked: list[str] = []
    chosen = tmp_path / "partenaires" / "grappe.csv"
    chosen.parent.mkdir()

    def get_open(_parent, _title, folder, _pattern):
        asked.append(folder)
        return str(chosen), ""

    def get_save(_parent, _title, suggested, _pattern):
        asked.append(suggested)
        return suggested, ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(get_open))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save))
    parent = QWidget()
    qtbot.addWidget(parent)

    assert file_dialogs.open_file(parent, "Importer", "*.csv") == chosen
    assert asked[0] == str(documents)  # never the program's folder
    saved = file_dialogs.save_file(parent, "Exporter", "Dossier.pdf", "*.pdf")
    assert asked[1] == str(chosen.parent / "Dossier.pdf")  # where the user last went
    assert saved == chosen.parent / "Dossier.pdf"


def test_cancel_returns_none_and_keeps_the_folder(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_dialogs, "_last_folder", tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: ("", "")))
    parent = QWidget()
    qtbot.addWidget(parent)
    assert file_dialogs.open_file(parent, "Importer", "*.csv") is None
    assert file_dialogs.start_folder() == tmp_path
