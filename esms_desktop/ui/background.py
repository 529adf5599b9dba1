"""Long work (imports, exports) off the GUI thread, with progress and cancel.

The work is a plain function of the services taking ``progress`` and ``cancel``; the result or
the error comes back on the GUI thread through a signal, as in Anki's operations. Only a
:class:`UserError` is the caller's to show; any other exception is a bug and goes to
``sys.excepthook`` (the crash reporter), on the GUI thread, with its traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from esms_desktop.domain.errors import UserError
from esms_desktop.importers.progress import Cancelled, CancelToken

T = TypeVar("T")
Progress = Callable[[int, int], None]


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable, Generic[T]):
    def __init__(
        self, work: Callable[[Progress, CancelToken], T], signals: _Signals, token: CancelToken
    ) -> None:
        super().__init__()
        self.work = work
        self.signals = signals
        self.token = token

    def run(self) -> None:
        try:
            result = self.work(
                lambda done, total: self.signals.progress.emit(done, total), self.token
            )
        except Exception as exc:  # handed to the GUI thread: shown, ignored or reported there
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


def run_with_progress(
    parent: QWidget,
    label: str,
    work: Callable[[Progress, CancelToken], T],
    on_done: Callable[[T], None],
    on_error: Callable[[UserError], None],
) -> CancelToken:
    """Run ``work(progress, cancel)`` in the thread pool behind a cancellable progress dialog.

    Typed like Anki's ``QueryOp[T]``: ``on_done`` receives what ``work`` returns, so a caller
    cannot mistake a PDF result for an import result. ``on_error`` receives a :class:`UserError`
    only (its French message is for the user); a cancel is silent; anything else is a bug and
    goes to ``sys.excepthook``, so it is logged and shown as an unexpected error.
    """
    token = CancelToken()
    signals = _Signals(parent)
    dialog = QProgressDialog(
        label, QCoreApplication.translate("Background", "Cancel"), 0, 0, parent
    )
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(True)
    dialog.canceled.connect(token.cancel)

    def progress(done: int, total: int) -> None:
        if total:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    def finish() -> None:
        dialog.reset()
        dialog.deleteLater()
        signals.deleteLater()

    def done(result: Any) -> None:  # the signal carries ``object``: it is the ``T`` of ``work``
        finish()
        on_done(result)

    def failed(exc: Exception) -> None:
        finish()
        if isinstance(exc, Cancelled):
            return
        if isinstance(exc, UserError):
            on_error(exc)
        else:  # the crash reporter's hook, read now: tests and the app install their own
            sys.excepthook(type(exc), exc, exc.__traceback__)

    signals.progress.connect(progress)
    signals.done.connect(done)
    signals.failed.connect(failed)
    QThreadPool.globalInstance().start(_Job(work, signals, token))
    return token
