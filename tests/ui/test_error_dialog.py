"""An unexpected error says so in French, once, with a report to copy; so does the next start."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from esms_desktop import crash_log
from esms_desktop.ui import error_dialog
from esms_desktop.ui.error_dialog import ErrorDialog, ErrorReporter


class Opened:
    """Every ErrorDialog opened, and what a person does in each, in order."""

    def __init__(self) -> None:
        self.dialogs: list[ErrorDialog] = []
        self.then: list[Callable[[ErrorDialog], object]] = []

    def __len__(self) -> int:
        return len(self.dialogs)

    def __getitem__(self, index: int) -> ErrorDialog:
        return self.dialogs[index]


@pytest.fixture
def opened(monkeypatch) -> Opened:
    """``ErrorDialog.exec`` records the dialog, plays the next action, and returns at once."""
    record = Opened()

    def exec_(self: ErrorDialog) -> int:
        record.dialogs.append(self)
        if record.then:
            record.then.pop(0)(self)
        return 0

    monkeypatch.setattr(ErrorDialog, "exec", exec_)
    return record


@pytest.fixture
def hooks(qtbot, tmp_path: Path):
    """The application's hooks routed to a reporter; the previous hooks restored afterwards."""
    reporter = ErrorReporter(tmp_path / "journaux" / crash_log.LOG_FILENAME)
    before = (sys.excepthook, threading.excepthook)
    uninstall = crash_log.install_excepthooks(reporter.report)
    try:
        yield reporter
    finally:
        uninstall()
        assert (sys.excepthook, threading.excepthook) == before


def _failing_button(message: str) -> QPushButton:
    button = QPushButton("bouton")

    def slot() -> None:
        raise RuntimeError(message)

    button.clicked.connect(slot)
    return button


def test_an_error_in_a_slot_opens_the_dialog_and_the_report_can_be_copied(
    qtbot, hooks: ErrorReporter, opened: Opened
) -> None:
    seen: dict[str, str] = {}

    def copy(dialog: ErrorDialog) -> None:  # the dialog is deleted once closed: read it now
        dialog.copy_button.click()
        seen.update(
            status=dialog.status.text(),
            where=dialog.where.text(),
            summary=dialog.summary.text(),
            report=dialog.report,
        )

    opened.then.append(copy)
    QApplication.clipboard().clear()
    button = _failing_button("boum dans un slot")
    qtbot.addWidget(button)
    button.click()  # PySide hands the exception to sys.excepthook
    qtbot.waitUntil(lambda: len(opened) == 1)
    copied = QApplication.clipboard().text()
    assert "RuntimeError: boum dans un slot" in copied
    assert "Traceback (most recent call last)" in copied and "in slot" in copied
    assert f"Version : {crash_log.__version__}" in copied and "PySide6 " in copied
    assert seen["report"] == copied
    assert "clipboard" in seen["status"]
    assert str(hooks.log_file) in seen["where"]
    assert seen["summary"] == "RuntimeError: boum dans un slot"


def test_an_error_while_the_dialog_is_open_opens_no_second_one(
    qtbot, hooks: ErrorReporter, opened: Opened
) -> None:
    second = _failing_button("deuxième")
    qtbot.addWidget(second)
    reports: list[str] = []

    def error_while_open(dialog: ErrorDialog) -> None:
        reports.append(dialog.report)
        second.click()

    opened.then.append(error_while_open)
    first = _failing_button("première")
    qtbot.addWidget(first)
    first.click()
    qtbot.waitUntil(lambda: hooks.shown == 1)
    QApplication.processEvents()  # deliver anything wrongly queued
    assert len(opened) == 1 and hooks.suppressed == 1
    assert len(reports) == 1 and "première" in reports[0] and "deuxième" not in reports[0]

    first.click()  # the first dialog is closed: the next error is shown again
    qtbot.waitUntil(lambda: hooks.shown == 2)
    assert len(opened) == 2


def test_a_burst_of_errors_opens_one_dialog(qtbot, hooks: ErrorReporter, opened: Opened) -> None:
    button = _failing_button("en rafale")
    qtbot.addWidget(button)
    for _ in range(50):
        button.click()
    qtbot.waitUntil(lambda: hooks.shown == 1)
    QApplication.processEvents()
    assert len(opened) == 1 and hooks.suppressed == 49


def test_an_error_in_a_thread_opens_the_dialog_in_the_gui_thread(
    qtbot, hooks: ErrorReporter, opened: Opened
) -> None:
    threads: list[bool] = []
    reports: list[str] = []

    def look(dialog: ErrorDialog) -> None:
        threads.append(QThread.currentThread() == QApplication.instance().thread())
        reports.append(dialog.report)

    opened.then.append(look)

    def work() -> None:
        raise ValueError("boum dans le fil")

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(opened) == 1)
    assert threads == [True]
    assert "ValueError: boum dans le fil" in reports[0]


def test_the_dialog_says_work_is_kept_and_where_the_log_is(qtbot, tmp_path: Path) -> None:
    log_file = tmp_path / "journaux" / "esms-desktop.log"
    dialog = ErrorDialog("RuntimeError: x", "Rapport\nTraceback …", log_file)
    qtbot.addWidget(dialog)
    assert "unexpected error" in dialog.message.text()
    assert "saved is kept" in dialog.reassurance.text()
    assert str(log_file) in dialog.where.text()
    assert dialog.close_button.text() == "Close" and dialog.copy_button.text() == "Copy the report"
    dialog.show()
    assert not dialog.details.isVisible()  # the traceback is there, not in the way
    dialog.details_button.click()
    assert dialog.details.isVisible() and "Traceback" in dialog.details.toPlainText()
    dialog.close_button.click()
    assert dialog.result() == ErrorDialog.DialogCode.Rejected and not dialog.isVisible()


def test_the_dialog_says_when_no_log_could_be_written(qtbot) -> None:
    dialog = ErrorDialog("RuntimeError: x", "Rapport", None)
    qtbot.addWidget(dialog)
    assert "No log could be written" in dialog.where.text()


def test_the_next_start_notice_names_the_log_folder(qtbot, tmp_path: Path, monkeypatch) -> None:
    logs = tmp_path / "donnees" / "journaux"
    text = error_dialog.unclean_exit_text(logs)
    assert str(logs) in text and "closed unexpectedly" in text and "%1" not in text
    shown: list[tuple[object, str, str]] = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *args: shown.append(args)))
    parent = QPushButton()
    qtbot.addWidget(parent)
    error_dialog.show_unclean_exit_notice(parent, logs)
    assert shown == [(parent, "esms-desktop", text)]
