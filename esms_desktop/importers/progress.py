"""Progress reporting and cancellation shared by every importer.

Reading the national register (100,000 rows) takes a few seconds: the interface runs readers in a
worker thread, shows a progress bar and offers "Annuler". Readers therefore take two optional
arguments, ``progress`` and ``cancel``, and stay free of Qt: the interface adapts a Qt signal to a
plain callable and a button to :meth:`CancelToken.cancel`.

Progress is reported every ~1,000 rows (not every row: a Qt signal per row would cost more than the
parsing) as ``(done, total)`` in bytes when the size is known, ``total`` 0 when it is not.
Cancellation is checked at the same rhythm and raises :class:`Cancelled`, so a reader stops within
milliseconds and returns nothing — a cancelled import must not look like a short register.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

ProgressFn = Callable[[int, int], None]
"""``progress(done, total)``: bytes (or rows) done so far, and the total, 0 when unknown."""

REPORT_EVERY = 1000
"""Rows between two progress reports and cancellation checks."""


class Cancelled(Exception):  # noqa: N818 (a user action, not an error)
    """The user cancelled the import; nothing was imported."""

    def __init__(self, message: str = "Import annulé : rien n'a été importé.") -> None:
        super().__init__(message)


class CancelToken:
    """A thread-safe "stop" flag the interface sets and the reader polls.

    A thin wrapper over :class:`threading.Event` so the reader's thread sees the flag set by the
    interface's thread without locks of our own.
    """

    __slots__ = ("_event",)

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


class Ticker:
    """Counts rows; every ``every`` rows, checks cancellation then reports progress.

    ``position`` is a callable returning the current "done" amount (bytes read so far), so a
    reader only has to call :meth:`tick` once per row.
    """

    __slots__ = ("_cancel", "_count", "_every", "_position", "_progress", "total")

    def __init__(
        self,
        progress: ProgressFn | None,
        cancel: CancelToken | None,
        total: int = 0,
        position: Callable[[], int] | None = None,
        every: int = REPORT_EVERY,
    ) -> None:
        self._progress = progress
        self._cancel = cancel
        self.total = total
        self._position = position
        self._every = max(1, every)
        self._count = 0

    @property
    def count(self) -> int:
        return self._count

    def start(self) -> None:
        """Check cancellation before any work and report 0 so a progress bar appears at once."""
        if self._cancel is not None:
            self._cancel.raise_if_cancelled()
        if self._progress is not None:
            self._progress(0, self.total)

    def tick(self) -> None:
        self._count += 1
        if self._count % self._every == 0:
            self.check()

    def check(self) -> None:
        """Check cancellation and report progress now."""
        if self._cancel is not None:
            self._cancel.raise_if_cancelled()
        if self._progress is not None:
            done = self._position() if self._position is not None else self._count
            self._progress(done, self.total)

    def finish(self) -> None:
        """Report completion (done == total) so the bar reaches its end."""
        if self._cancel is not None:
            self._cancel.raise_if_cancelled()
        if self._progress is not None:
            done = self._position() if self._position is not None else self._count
            self._progress(max(done, self.total), max(done, self.total))
