"""A bug is reported as a bug; only the user's errors become French dialogs.

``MainWindow.guard`` once caught every ``ValueError``: a ``ValueError`` from a programming error
became a warning dialog quoting Python's message, and no traceback was logged. Background jobs
handed every exception to ``on_error`` in the same way.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QThread, QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from esms_desktop import crash_log
from esms_desktop.domain.campaign import CampaignError
from esms_desktop.domain.errors import UserError
from esms_desktop.importers.progress import Cancelled
from esms_desktop.services.workspace import Workspace
from esms_desktop.storage.errors import StoreBusyError
from esms_desktop.storage.store import open_store
from esms_desktop.ui.background import run_with_progress
from esms_desktop.ui.error_dialog import ErrorDialog, ErrorReporter
from esms_desktop.ui.main_window import MainWindow
from esms_desktop.ui.steps import step_factories

Hooked = list[tuple[type[BaseException], BaseException, TracebackType | None]]


@pytest.fixture
def dialogs(monkeypatch) -> list[tuple[str, str]]:
    """Every message box the window opens, as (kind, text); none blocks the test."""
    shown: list[tuple[str, str]] = []
    for kind in ("warning", "critical", "information"):

        def record(*args: Any, _kind: str = kind) -> QMessageBox.StandardButton:
            shown.append((_kind, str(args[2])))
            return QMessageBox.StandardButton.Ok

        monkeypatch.setattr(QMessageBox, kind, record)
    return shown


@pytest.fixture
def hooked(monkeypatch) -> Hooked:
    """What reaches ``sys.excepthook`` (where the application's crash reporter sits)."""
    seen: Hooked = []
    monkeypatch.setattr(sys, "excepthook", lambda *info: seen.append(info))
    return seen


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    workspace = Workspace(open_store(tmp_path / "d"))
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(workspace, step_factories(workspace), settings, 45)
    qtbot.addWidget(win)
    try:
        yield win
    finally:
        win.close()
        workspace.close()


def _backups_raise(monkeypatch, window: MainWindow, exc: BaseException) -> None:
    """File › Restore a backup… asks the workspace for its backups, through ``guard``."""

    def backups() -> list[tuple[Path, Any, str]]:
        raise exc

    monkeypatch.setattr(window.workspace, "backups", backups)


@pytest.mark.parametrize(
    "bug",
    [
        ValueError("invalid literal for int() with base 10: 'x'"),
        KeyError("establishments"),
        RuntimeError("état impossible"),
    ],
    ids=["ValueError", "KeyError", "RuntimeError"],
)
def test_a_bug_in_a_guarded_action_reaches_the_crash_reporter_not_a_warning(
    monkeypatch, window: MainWindow, dialogs: list[tuple[str, str]], hooked: Hooked, bug: Exception
) -> None:
    _backups_raise(monkeypatch, window, bug)
    window.restore_action.trigger()  # PySide hands what the slot raised to sys.excepthook
    assert dialogs == []
    assert [info[1] for info in hooked] == [bug]
    assert hooked[0][2] is not None  # with its traceback, for the log


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (StoreBusyError("La base de données est occupée par un autre programme."), "critical"),
        (CampaignError("campagne « x » inconnue : choisissez-en une autre."), "warning"),
    ],
    ids=["StoreError", "CampaignError"],
)
def test_a_user_error_in_a_guarded_action_is_still_a_french_dialog(
    monkeypatch,
    window: MainWindow,
    dialogs: list[tuple[str, str]],
    hooked: Hooked,
    error: UserError,
    kind: str,
) -> None:
    _backups_raise(monkeypatch, window, error)
    window.restore_action.trigger()
    assert dialogs[0] == (kind, error.message)
    assert hooked == []


def test_the_bug_is_logged_with_its_traceback_and_shown_as_unexpected(
    monkeypatch, qtbot, window: MainWindow, dialogs: list[tuple[str, str]], tmp_path: Path
) -> None:
    """End to end, with the hooks ``app.run`` installs: log file, then the error dialog."""
    reports: list[str] = []
    monkeypatch.setattr(ErrorDialog, "exec", lambda self: reports.append(self.report) or 0)
    log_file = tmp_path / "journaux" / crash_log.LOG_FILENAME
    uninstall = crash_log.install_excepthooks(ErrorReporter(log_file).report)
    try:
        _backups_raise(monkeypatch, window, ValueError("bogue de programmation"))
        window.restore_action.trigger()
        qtbot.waitUntil(lambda: len(reports) == 1)
    finally:
        uninstall()
    assert dialogs == []  # no "esms-desktop" warning passing the bug for the user's mistake
    assert "ValueError: bogue de programmation" in reports[0]
    assert "Traceback (most recent call last)" in reports[0]


# --- background jobs -------------------------------------------------------------------------


def _run(
    qtbot, work: Callable[[Any, Any], object], on_error: list[UserError], hooked: Hooked
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    done: list[object] = []
    run_with_progress(parent, "Travail…", work, done.append, on_error.append)
    qtbot.waitUntil(lambda: bool(done or on_error or hooked))
    assert done == []


def test_a_background_bug_goes_to_the_excepthook_on_the_gui_thread(qtbot, monkeypatch) -> None:
    threads: list[bool] = []
    hooked_on_gui: Hooked = []

    def hook(*info: Any) -> None:
        threads.append(QThread.currentThread() == QApplication.instance().thread())
        hooked_on_gui.append(info)

    monkeypatch.setattr(sys, "excepthook", hook)

    def work(_progress: Any, _cancel: Any) -> object:
        return {}["colonne"]  # a KeyError: a bug, not the user's file

    on_error: list[UserError] = []
    _run(qtbot, work, on_error, hooked_on_gui)
    assert on_error == []
    assert [type(info[1]) for info in hooked_on_gui] == [KeyError] and threads == [True]
    assert hooked_on_gui[0][2] is not None


def test_a_background_user_error_goes_to_on_error(qtbot, hooked: Hooked) -> None:
    error = CampaignError("campagne « x » inconnue")

    def work(_progress: Any, _cancel: Any) -> object:
        raise error

    on_error: list[UserError] = []
    _run(qtbot, work, on_error, hooked)
    assert on_error == [error] and hooked == []


def test_a_cancelled_background_job_says_nothing(qtbot, hooked: Hooked) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[object] = []
    later = CampaignError("après l'annulation")

    def cancelled(_progress: Any, _cancel: Any) -> object:
        raise Cancelled()

    def failing(_progress: Any, _cancel: Any) -> object:
        raise later

    run_with_progress(parent, "Travail…", cancelled, seen.append, seen.append)
    QThreadPool.globalInstance().waitForDone()  # the cancelled job's signal is queued first
    run_with_progress(parent, "Travail…", failing, seen.append, seen.append)
    qtbot.waitUntil(lambda: bool(seen))
    QApplication.processEvents()
    assert seen == [later] and hooked == []
