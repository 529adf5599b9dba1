"""One writer per data folder: an OS-level lock on ``esms-desktop.lock``.

Two windows writing the same SQLite file would not corrupt it, but they would overwrite each
other's edits to the same dossier. The lock is taken by the operating system (``flock`` on POSIX,
``msvcrt.locking`` on Windows), so it disappears when the process dies — a crash never leaves a
stale lock behind — and the file holds the owner's PID so the message can name it. The file itself
is never deleted: deleting a lock file races with the next process taking it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from types import TracebackType

from esms_desktop.storage.errors import StoreLockedError
from esms_desktop.storage.fsutil import translate_os_error

_WINDOWS_LOCK_OFFSET = 4096
"""Windows locks a byte range mandatorily: lock a byte past the PID so others can still read it."""


class StoreLock:
    """An exclusive, non-blocking lock on one file, held until :meth:`release`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock or raise :class:`StoreLockedError` naming the other process."""
        if self._fd is not None:
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        except OSError as exc:
            raise translate_os_error(exc, self.path, "créer le verrou") from exc
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            pid = read_lock_pid(self.path)
            who = f" (processus {pid})" if pid else ""
            raise StoreLockedError(
                f"esms-desktop est déjà ouvert sur ce poste{who} avec les données de "
                f"« {self.path.parent} ». Utilisez la fenêtre déjà ouverte, ou fermez-la avant "
                "de recommencer.",
                path=self.path,
                pid=pid,
            ) from None
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        except OSError:  # the PID is only informative; the lock itself is what matters
            pass
        self._fd = fd

    def release(self) -> None:
        """Give the lock back (idempotent)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)

    def __enter__(self) -> StoreLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def read_lock_pid(path: Path) -> int | None:
    """The PID written in a lock file, if readable."""
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


if sys.platform == "win32":  # pragma: no cover - Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
