"""Telling the user, in plain French, that something unexpected happened — and that work is safe.

Two moments: an exception nobody caught while the window is open (:class:`ErrorReporter` receives
it from the hooks of :mod:`esms_desktop.crash_log` and shows one :class:`ErrorDialog`), and the
start after a session that ended badly (:func:`show_unclean_exit_notice`). Both say that the work
already saved is kept (each edit is saved as it is made) and where the log is, and the dialog
offers the report for the clipboard so that it can be pasted into a message to support.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from types import TracebackType

import PySide6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, qVersion
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from esms_desktop import crash_log

log = logging.getLogger(__name__)


class ErrorDialog(QDialog):
    """« Une erreur inattendue s'est produite », the log's place, the report to copy."""

    def __init__(
        self, summary: str, report: str, log_file: Path | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(self.tr("esms-desktop: unexpected error"))
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        top.addWidget(icon)
        text = QVBoxLayout()
        self.message = QLabel(
            "<b>" + self.tr("An unexpected error occurred in esms-desktop.") + "</b>"
        )
        self.message.setWordWrap(True)
        text.addWidget(self.message)
        self.summary = QLabel(summary)  # "RuntimeError: …", what support asks first
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setEnabled(False)
        text.addWidget(self.summary)
        self.reassurance = QLabel(
            self.tr(
                "The work already saved is kept: esms-desktop saves each change as soon as it is "
                "made. You can close this message and carry on; if the error comes back, restart "
                "esms-desktop."
            )
        )
        self.reassurance.setWordWrap(True)
        text.addWidget(self.reassurance)
        where = (
            self.tr("The log is in: %1").replace("%1", str(log_file))
            if log_file is not None
            else self.tr("No log could be written: the data folder cannot be written to.")
        )
        self.where = QLabel(where)
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.addWidget(self.where)
        self.status = QLabel()
        self.status.setWordWrap(True)
        text.addWidget(self.status)
        top.addLayout(text, 1)
        layout.addLayout(top)

        self.details = QPlainTextEdit(report)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Details of the error"))
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setVisible(False)
        layout.addWidget(self.details, 1)

        buttons = QDialogButtonBox()
        self.details_button = QPushButton(self.tr("Show the details"))
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self._show_details)
        buttons.addButton(self.details_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button = QPushButton(self.tr("Copy the report"))
        self.copy_button.clicked.connect(self.copy_report)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setDefault(True)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 0)

    def copy_report(self) -> None:
        """Put the whole report (versions, date, traceback) in the clipboard, and say so."""
        QApplication.clipboard().setText(self.report)
        self.status.setText(
            self.tr("The report is in the clipboard: paste it into your message to support.")
        )

    def _show_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_button.setText(
            self.tr("Hide the details") if shown else self.tr("Show the details")
        )
        self.adjustSize()


class ErrorReporter(QObject):
    """Shows one :class:`ErrorDialog` per uncaught exception, one at a time.

    :meth:`report` is the callback for :func:`crash_log.install_excepthooks` (which has already
    logged the exception). It may run in any thread and inside Python's own error printing, so it
    only formats the report and queues it; the dialog opens from the event loop of the thread
    this object lives in (the GUI thread). While a dialog is queued or open, further errors are
    only logged and counted in ``suppressed``: a slot failing on every repaint must not stack
    fifty dialogs, nor reopen one from inside the first.
    """

    _queued = Signal(str, str)

    def __init__(self, log_file: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.window: QWidget | None = None  # parent of the dialog; set once the window exists
        self.suppressed = 0
        self.shown = 0
        self._busy = False
        self._lock = threading.Lock()
        self._queued.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def report(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        """Queue the dialog for this error, unless one is already queued or open."""
        with self._lock:
            if self._busy:
                self.suppressed += 1
                log.info("autre erreur pendant que le message est affiché : pas de 2e message")
                return
            self._busy = True
        details = {"Qt": f"PySide6 {PySide6.__version__}, Qt {qVersion()}"}
        if self.log_file is not None:
            details["Journal"] = str(self.log_file)
        text = crash_log.report_text(exc_type, exc, tb, details=details)
        self._queued.emit(crash_log.short_description(exc), text)

    def _show(self, summary: str, text: str) -> None:
        try:
            if QCoreApplication.closingDown():
                return
            parent = self.window if self.window is not None else QApplication.activeWindow()
            dialog = ErrorDialog(summary, text, self.log_file, parent)
            self.shown += 1
            dialog.exec()
            dialog.deleteLater()
        finally:
            with self._lock:
                self._busy = False


def unclean_exit_text(logs_dir: Path) -> str:
    """The next-start notice: the last session ended badly, saved work is kept, where the log is."""
    return QCoreApplication.translate(
        "ErrorDialog",
        "esms-desktop closed unexpectedly the last time it was used. Your saved work has been "
        "kept. The log is in: %1",
    ).replace("%1", str(logs_dir))


def show_unclean_exit_notice(parent: QWidget | None, logs_dir: Path) -> None:
    """Say, once, at the start after a session that did not end cleanly, that nothing is lost."""
    QMessageBox.information(
        parent,
        QCoreApplication.translate("ErrorDialog", "esms-desktop"),
        unclean_exit_text(logs_dir),
    )
