"""The application shell: remaining models, single instance, self-test, entry point routing."""

from __future__ import annotations

import subprocess
import sys
import uuid
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from esms_desktop.__main__ import wants_gui
from esms_desktop.app import (
    bring_forward_running,
    forward_message,
    instance_key,
    listen_for_others,
)
from esms_desktop.services.workspace import DossierLine, Workspace
from esms_desktop.storage.store import open_store
from esms_desktop.ui.main_window import MainWindow
from esms_desktop.ui.models.budget import LinesModel
from esms_desktop.ui.steps import step_factories
from esms_desktop.ui.undo import Editor
from esms_desktop.ui.views.export_view import AnnexesModel
from esms_desktop.ui.views.home_view import DossiersModel


def test_remaining_models_pass_qtmodeltester(qtmodeltester, editor: Editor) -> None:
    home = DossiersModel()
    home.set_rows(
        [
            DossierLine(1, "A", "amorcage-2021-t1", 3, Decimal(75000), datetime.now()),
            DossierLine(2, "B", "national-2021", 0, None, None),
        ]
    )
    lines = LinesModel(lambda: editor.session.budget.establishments[0].lines)
    lines.refresh()
    assert lines.rowCount() == 2
    for model in (home, AnnexesModel(editor), lines):
        qtmodeltester.check(model)


def test_a_second_launch_brings_the_first_window_forward(qtbot, tmp_path: Path) -> None:
    workspace = Workspace(open_store(tmp_path / "d"))
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(workspace, step_factories(workspace), settings, 45)
    qtbot.addWidget(window)
    key = instance_key(tmp_path / "d")
    assert not bring_forward_running(key)  # nobody listening yet
    server = listen_for_others(key, window)
    try:
        window.showMinimized()
        assert bring_forward_running(key)
        qtbot.waitUntil(lambda: not window.isMinimized())
    finally:
        server.close()
        window.close()
        workspace.close()


def test_gui_or_cli_routing() -> None:
    assert wants_gui([])
    assert wants_gui(["--data-dir", "x", "--lang", "en"])
    assert wants_gui(["dossier.esms"])
    assert not wants_gui(["budget", "x.csv", "--campaign", "y"])
    assert not wants_gui(["--data-dir", "x", "dossier", "list"])


def test_self_test_of_the_installed_program() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "esms_desktop", "--self-test"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert sum(1 for ln in lines if ln.startswith("OK")) == 7
    assert any(ln.startswith("OK     aperçu et impression — 13 pages") for ln in lines)
    assert "560" in proc.stdout and "RÉUSSI" in proc.stdout
    assert any(ln.startswith("OK     Qt for Python") and "PySide6 6." in ln for ln in lines)


def test_self_test_fails_on_a_qt_that_loses_references(monkeypatch: pytest.MonkeyPatch) -> None:
    """The probe reads the count of None: a Qt losing references makes the self-test fail."""
    from esms_desktop import selftest

    counts = iter(range(50_000, 0, -1000))  # each read lower than the one before
    monkeypatch.setattr(selftest.sys, "getrefcount", lambda _obj: next(counts))
    lines: list[str] = []
    assert selftest.run_self_test(lines.append) == 1
    assert any(ln.startswith("ÉCHEC  Qt for Python") and "None" in ln for ln in lines)


def test_a_second_launch_sends_its_files_one_command_a_line(tmp_path: Path) -> None:
    message = forward_message([tmp_path / "été.esms", Path("relatif.esms")]).decode("utf-8")
    lines = message.splitlines()
    assert lines[0] == "raise" and message.endswith("\n")
    assert lines[1] == f"open {tmp_path / 'été.esms'}"
    assert lines[2] == f"open {Path('relatif.esms').absolute()}"  # the other window's cwd differs


def test_the_running_window_reads_commands_whatever_their_cut(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unknown command is ignored; the last line may lack its line break."""
    from PySide6.QtNetwork import QLocalSocket

    workspace = Workspace(open_store(tmp_path / "d"))
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(workspace, step_factories(workspace), settings, 45)
    qtbot.addWidget(window)
    offered: list[Path] = []
    monkeypatch.setattr(window.file_intake, "offer_later", offered.extend)
    key = f"esms-desktop-test-{uuid.uuid4().hex}"
    server = listen_for_others(key, window)
    try:
        socket = QLocalSocket()
        socket.connectToServer(key)
        assert socket.waitForConnected(1000)
        socket.write("bonjour\nopen /tmp/a b.esms\nopen /tmp/dé".encode())
        socket.flush()
        socket.waitForBytesWritten(1000)
        socket.write(b"ja.esms")
        socket.flush()
        socket.waitForBytesWritten(1000)
        socket.disconnectFromServer()
        qtbot.waitUntil(lambda: len(offered) == 2)
    finally:
        server.close()
        window.close()
        workspace.close()
    assert offered == [Path("/tmp/a b.esms"), Path("/tmp/déja.esms")]
