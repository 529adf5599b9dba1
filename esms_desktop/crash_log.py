"""What esms-desktop leaves behind when it stops unexpectedly, so the next start can say so.

Nothing the user typed is lost after a crash (every edit is saved at once), but a silent restart
leaves them wondering, and leaves support with nothing to read. This module keeps, in the data
folder's ``journaux/``:

* ``esms-desktop.log``: an ordinary rotating log (1 MB × 5), opened by :func:`start_logging`;
* ``plantages.txt``: where :mod:`faulthandler` writes the Python traceback of a *fatal* error
  (``Fatal Python error: none_dealloc``, a segmentation fault, ``abort()``), which no Python code
  can catch and which would otherwise go to a console a windowed program does not have;
* ``session-en-cours``: a marker written at start and removed on a clean exit; still there at the
  next start, it means the previous session was killed, crashed or lost power.

It also installs :data:`sys.excepthook` and :data:`threading.excepthook` so that an exception
nobody caught (in a Qt slot, in a worker thread) is logged with its traceback, then handed to a
callback: the window passes one that shows its French error dialog.

Standard library only (import-linter keeps Qt in the interface), and never fatal itself: a log
that cannot be written (read-only or full disk) means logging nowhere, not refusing to start.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import platform
import sys
import threading
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TextIO

from esms_desktop import __version__

LOG_FILENAME = "esms-desktop.log"
CRASH_FILENAME = "plantages.txt"
MARKER_FILENAME = "session-en-cours"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUP_COUNT = 5
LOG_FORMAT = "%(asctime)s %(levelname)s [%(threadName)s] %(name)s : %(message)s"

log = logging.getLogger(__name__)

ErrorCallback = Callable[[type[BaseException], BaseException, TracebackType | None], None]
"""What the hooks call after logging: (exception type, exception, traceback)."""


# ---------------------------------------------------------------------------------------------
# The rotating log


class _LogFileHandler(logging.handlers.RotatingFileHandler):
    """Our handler, told apart from any other on the root logger (for idempotence)."""


_previous_root_level: int | None = None


def start_logging(
    logs_dir: Path,
    *,
    max_bytes: int = LOG_MAX_BYTES,
    backup_count: int = LOG_BACKUP_COUNT,
) -> Path | None:
    """Log INFO and above into ``logs_dir/esms-desktop.log``; the file, or ``None`` if impossible.

    The file rotates (``max_bytes`` × ``backup_count``, tests pass a small size) so years of use
    never fill a disk. Calling again with the same folder changes nothing; with another folder,
    the log moves there (one log at a time). If the folder or the file cannot be created
    (read-only medium, full disk, no permission) the program must still start: nothing is
    attached and ``None`` says that nothing is being written.
    """
    global _previous_root_level
    target = logs_dir / LOG_FILENAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, _LogFileHandler):
            if handler.baseFilename == os.path.abspath(target):
                return target
            root.removeHandler(handler)
            handler.close()
    try:
        logs_dir.mkdir(parents=True, exist_ok=True)
        handler = _LogFileHandler(
            target, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    if _previous_root_level is None:
        _previous_root_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    log.info(
        "esms-desktop %s démarré (pid %s) — Python %s, %s",
        __version__,
        os.getpid(),
        platform.python_version(),
        platform_text(),
    )
    return target


def stop_logging() -> None:
    """Detach and close the log file and give the root logger its level back (tests, restarts)."""
    global _previous_root_level
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, _LogFileHandler):
            root.removeHandler(handler)
            handler.close()
    if _previous_root_level is not None:
        root.setLevel(_previous_root_level)
        _previous_root_level = None


def platform_text() -> str:
    """The operating system in one line, without starting a process.

    On Windows, Python 3.11's ``platform.platform()`` runs ``cmd /c ver``, which flashes a console
    over a windowed program: the version Windows reports to the process is enough.
    """
    if sys.platform == "win32":  # pragma: no cover - Windows only
        version = sys.getwindowsversion()
        return f"Windows {version.major}.{version.minor}.{version.build}"
    return platform.platform()


# ---------------------------------------------------------------------------------------------
# Fatal errors: faulthandler


_crash_file: TextIO | None = None


def enable_crash_file(logs_dir: Path) -> Path | None:
    """Have a fatal error's traceback appended to ``logs_dir/plantages.txt``; the file or None.

    A fatal error (a C extension corrupting memory, ``abort()``, a segmentation fault) kills the
    interpreter before any ``except`` or hook runs; only :mod:`faulthandler`, writing straight to
    a file descriptor, gets the Python traceback out. The file therefore stays open for the whole
    process. Each session appends one header line, so a traceback can be matched with its
    session (and with the log); a file grown over 1 MB is set aside as ``plantages.txt.1``.

    On Windows faulthandler also reports some exceptions that Windows handles itself ("Windows
    fatal exception: code 0x8001010d" around file dialogs): noise, not a crash — the session
    marker, not this file, decides whether the previous session ended badly.
    """
    global _crash_file
    target = logs_dir / CRASH_FILENAME
    if _crash_file is not None and not _crash_file.closed:
        if Path(_crash_file.name) == target:
            return target
        disable_crash_file()
    try:
        logs_dir.mkdir(parents=True, exist_ok=True)
        if target.exists() and target.stat().st_size > LOG_MAX_BYTES:
            os.replace(target, target.with_name(CRASH_FILENAME + ".1"))
        stream = target.open("a", encoding="utf-8")
    except OSError:
        return None
    try:
        stream.write(
            f"--- esms-desktop {__version__}, pid {os.getpid()}, "
            f"démarré le {datetime.now().isoformat(sep=' ', timespec='seconds')} ---\n"
        )
        stream.flush()
        faulthandler.enable(file=stream, all_threads=True)
    except (OSError, ValueError, RuntimeError):
        stream.close()
        return None
    _crash_file = stream
    return target


def disable_crash_file() -> None:
    """Stop writing fatal errors to ``plantages.txt`` and close it (tests; the app never does)."""
    global _crash_file
    if _crash_file is None:
        return
    faulthandler.disable()
    _crash_file.close()
    _crash_file = None


# ---------------------------------------------------------------------------------------------
# Uncaught exceptions: sys.excepthook and threading.excepthook


@dataclass(eq=False)
class _Hooks:
    """The two hooks installed together; ``active`` turns them into pass-throughs once removed
    (a hook installed after ours may still hold and call ours)."""

    on_error: ErrorCallback | None
    previous_sys: Callable[[type[BaseException], BaseException, TracebackType | None], object]
    previous_thread: Callable[[threading.ExceptHookArgs], object]
    active: bool = True

    def sys_hook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if not self.active or issubclass(exc_type, KeyboardInterrupt):
            self.previous_sys(exc_type, exc, tb)  # Ctrl+C in a terminal: not an error to report
            return
        log.error("Erreur inattendue", exc_info=(exc_type, exc, tb))
        self._notify(exc_type, exc, tb)

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if not self.active or issubclass(args.exc_type, SystemExit) or args.exc_value is None:
            self.previous_thread(args)  # SystemExit ends a thread quietly, as by default
            return
        name = args.thread.name if args.thread is not None else "?"
        log.error(
            "Erreur inattendue dans le fil %s",
            name,
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
        )
        self._notify(args.exc_type, args.exc_value, args.exc_traceback)

    def _notify(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if self.on_error is None:
            return
        try:
            self.on_error(exc_type, exc, tb)
        except Exception:  # the dialog failing must not hide the first error, nor loop
            log.exception("Le message d'erreur n'a pas pu être affiché")

    def uninstall(self) -> None:
        self.active = False
        if sys.excepthook == self.sys_hook:
            sys.excepthook = self.previous_sys
        if threading.excepthook == self.thread_hook:
            threading.excepthook = self.previous_thread


def install_excepthooks(on_error: ErrorCallback | None = None) -> Callable[[], None]:
    """Log every uncaught exception with its traceback, then call ``on_error``; returns the undo.

    Without this, an exception in a Qt slot is printed to a console nobody sees and the window
    carries on as if nothing happened. Covered: the main thread and Qt slots (``sys.excepthook``,
    which PySide calls) and Python threads (``threading.excepthook``: ``on_error`` is then called
    *from that thread*, the caller must hop to its GUI thread). KeyboardInterrupt and a thread's
    SystemExit keep their default handling. The returned function puts the previous hooks back
    (tests, and ``app.run`` when the window has closed).
    """
    hooks = _Hooks(on_error, sys.excepthook, threading.excepthook)
    sys.excepthook = hooks.sys_hook
    threading.excepthook = hooks.thread_hook
    return hooks.uninstall


# ---------------------------------------------------------------------------------------------
# The unclean-exit marker


@dataclass(frozen=True, slots=True)
class PreviousSession:
    """A session whose marker was left behind: it did not end cleanly.

    ``started`` and ``pid`` are what the marker says, ``None`` if it could not be read.
    """

    started: datetime | None
    pid: int | None


def previous_session(logs_dir: Path) -> PreviousSession | None:
    """The previous session if it ended badly (its marker is still there), else ``None``.

    Call it *before* :func:`mark_session_started`, and only once this process owns the data
    folder (``app.run`` does it after the store's single-writer lock is taken): a marker seen
    then cannot belong to a session still running, so a second launch never reports the first.
    """
    marker = logs_dir / MARKER_FILENAME
    try:
        text = marker.read_text(encoding="utf-8", errors="replace")
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError:  # there, but unreadable: it was still left behind
        return PreviousSession(started=None, pid=None)
    fields: dict[str, str] = {}
    for line in text.splitlines():  # "pid=…", "debut=…"
        name, _, value = line.partition("=")
        fields[name.strip()] = value.strip()
    started: datetime | None
    try:
        started = datetime.fromisoformat(fields.get("debut", ""))
    except ValueError:
        started = None
    pid_text = fields.get("pid", "")
    return PreviousSession(started=started, pid=int(pid_text) if pid_text.isdigit() else None)


def previous_session_ended_badly(logs_dir: Path) -> bool:
    """True when the previous session's marker was left (see :func:`previous_session`)."""
    return previous_session(logs_dir) is not None


def mark_session_started(logs_dir: Path, *, now: datetime | None = None) -> Path | None:
    """Write ``session-en-cours`` (pid and start time); the marker, or None if it cannot be.

    It is removed by :func:`mark_session_ended` on a clean exit only: whatever stops the process
    otherwise (``kill -9``, a fatal error, a power cut) leaves it for the next start to find.
    """
    marker = logs_dir / MARKER_FILENAME
    started = (now or datetime.now()).isoformat(timespec="seconds")
    try:
        logs_dir.mkdir(parents=True, exist_ok=True)
        marker.write_text(f"pid={os.getpid()}\ndebut={started}\n", encoding="utf-8")
    except OSError:
        return None
    return marker


def mark_session_ended(logs_dir: Path) -> None:
    """Remove the marker: this session ended cleanly (a failure to remove it is not an error)."""
    try:
        (logs_dir / MARKER_FILENAME).unlink(missing_ok=True)
    except NotADirectoryError:  # no folder, hence no marker
        pass
    except OSError:
        log.warning("marqueur de session impossible à supprimer dans %s", logs_dir)


# ---------------------------------------------------------------------------------------------
# Reports


def report_text(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    *,
    details: Mapping[str, str] | None = None,
) -> str:
    """A plain-text report of one error, for the user to paste into a message to support.

    Version, Python, system and date first (what support asks for before anything else), any
    ``details`` the caller adds (the interface adds Qt's version and the log's place), then the
    traceback exactly as Python prints it.
    """
    lines = [
        "Rapport d'erreur esms-desktop",
        f"Version : {__version__}",
        f"Python : {platform.python_version()} ({platform.python_implementation()})",
        f"Système : {platform_text()}",
        f"Date : {datetime.now().isoformat(sep=' ', timespec='seconds')}",
    ]
    lines += [f"{name} : {value}" for name, value in (details or {}).items()]
    return "\n".join(lines) + "\n\n" + "".join(traceback.format_exception(exc_type, exc, tb))


def short_description(exc: BaseException, limit: int = 200) -> str:
    """``Type: first line of the message``, short enough for one line of a message or stderr."""
    try:
        text = str(exc).strip()
    except Exception:  # a broken __str__ must not hide the error being reported
        text = ""
    message = text.splitlines()[0] if text else ""
    if len(message) > limit:
        message = message[: limit - 1] + "…"
    name = type(exc).__name__
    return f"{name}: {message}" if message else name


def record_exception(logs_dir: Path, exc: BaseException) -> Path | None:
    """Append ``exc``'s report to ``logs_dir/esms-desktop.log``; the file, or None if impossible.

    For one-shot programs (the command line) that have no log configured and should not set one
    up for the rest of the process: the entry is written straight to the file, in the log's
    format, and the file is closed again.
    """
    target = logs_dir / LOG_FILENAME
    stamp = datetime.now().isoformat(sep=" ", timespec="milliseconds").replace(".", ",")
    report = report_text(type(exc), exc, exc.__traceback__)
    try:
        logs_dir.mkdir(parents=True, exist_ok=True)
        with target.open("a", encoding="utf-8") as stream:
            stream.write(
                f"{stamp} ERROR [{threading.current_thread().name}] {__name__} : "
                f"Erreur inattendue\n{report}"
            )
    except OSError:
        return None
    return target


def cli_error_line(exc: BaseException, logs_dir: Path | None) -> str:
    """Record ``exc`` in ``logs_dir`` (if any) and return the one French line for stderr.

    The command line promises one French sentence per error, never a traceback: the traceback
    goes to the log, the sentence says where — or that no report could be written.
    """
    what = f"esms-desktop : erreur inattendue ({short_description(exc)})."
    try:
        written = record_exception(logs_dir, exc) if logs_dir is not None else None
    except Exception:  # formatting the report failed too: the line below still goes out
        written = None
    if written is not None:
        return f"{what} Le rapport est dans {written}"
    if logs_dir is not None:
        return f"{what} Aucun rapport n'a pu être écrit dans {logs_dir}."
    return f"{what} Aucun rapport n'a pu être écrit (dossier des données introuvable)."
