"""The one place that wires storage, services and the Qt interface together.

Start-up order: Qt application and translations, single-instance check (a second launch brings
the running window forward and hands it the files it was given, instead of opening the database
twice). Then, when the last dossier has a fresh start-up snapshot (:func:`quick_start`: the
folder's lock taken first, the snapshot read with ``sqlite3`` alone), the window is shown on it at
once and the store (SQLAlchemy, checks, start-up backup) opens at the event loop's first turn —
or sooner, inside the first edit that needs it: nothing is written before it is open. Otherwise
the store opens first (with its French error dialogs: corrupt database → restore offer, locked,
read-only…), the window is shown with its list of dossiers (totals read as stored) and the last
dossier opens at the next turn of the event loop, on the one step it shows."""

from __future__ import annotations

import argparse
import hashlib
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

# The Qt-free modules first: once PySide6 is loaded, its ``__feature__`` import hook reads the
# source of every module imported after it (``inspect.getsource``, to look for « PySide6 »);
# those imported before are never read.
from esms_desktop import __version__, annex_copies, crash_log
from esms_desktop.paths import DataPaths, data_paths
from esms_desktop.resources import resource_path
from esms_desktop.services import catalog
from esms_desktop.services.dossiers import LoadedDossier
from esms_desktop.services.workspace import Workspace
from esms_desktop.storage.errors import DatabaseCorruptError, StoreError, StoreLockedError
from esms_desktop.storage.lock import StoreLock

# isort: split
from PySide6.QtCore import QSettings, Qt, QThreadPool, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QMessageBox

from esms_desktop.ui.error_dialog import ErrorReporter, show_unclean_exit_notice
from esms_desktop.ui.i18n import DEFAULT_LANGUAGE, install_translators
from esms_desktop.ui.main_window import MainWindow, folder_key
from esms_desktop.ui.steps import step_factories

if TYPE_CHECKING:  # SQLAlchemy comes with the store, opened once the window is shown
    from esms_desktop.storage.store import Store

BACKUP_TIMER_MS = 60_000

log = logging.getLogger(__name__)


def instance_key(data_dir: Path) -> str:
    """One name per data folder: two folders may be open at once, one folder only once."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"esms-desktop-{digest}"


ASFW_ANY = -1
"""``AllowSetForegroundWindow``'s « any process »: the running window may come forward."""
MAX_MESSAGE_BYTES = 64 * 1024
"""A second launch sends a few paths; anything longer on the socket is not ours."""


def forward_message(files: Sequence[Path] = ()) -> bytes:
    """What a second launch sends: ``raise``, then one ``open <absolute path>`` per file,
    one command a line, in UTF-8 (a path holds no line break on Windows; one that does is
    left out)."""
    lines = ["raise"]
    for file in files:
        text = str(Path(file).absolute())
        if "\n" not in text and "\r" not in text:
            lines.append(f"open {text}")
    return "".join(f"{line}\n" for line in lines).encode("utf-8")


def _allow_foreground() -> None:
    """On Windows, let the running window take the foreground: this process got it from
    Explorer's double-click, the other one would otherwise only flash in the taskbar."""
    if sys.platform == "win32":
        import contextlib
        import ctypes

        # An unusual Windows without it: the window only flashes in the taskbar.
        with contextlib.suppress(AttributeError, OSError):
            ctypes.windll.user32.AllowSetForegroundWindow(ASFW_ANY)


def bring_forward_running(key: str, files: Sequence[Path] = ()) -> bool:
    """Ask an instance already running on this folder to show itself and offer ``files``;
    True if one answered (this process then has nothing more to do)."""
    socket = QLocalSocket()
    socket.connectToServer(key)
    if not socket.waitForConnected(300):
        return False
    _allow_foreground()
    socket.write(forward_message(files))
    socket.flush()
    socket.waitForBytesWritten(1000)
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(1000)
    return True


def bring_window_forward(window: MainWindow) -> None:
    """Out of the taskbar (keeping it maximised if it was), on top, with the focus; a dialog
    the user has not answered yet stays above it."""
    state = window.windowState() & ~Qt.WindowState.WindowMinimized
    window.setWindowState(state | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()
    dialog = QApplication.activeModalWidget()
    if dialog is not None and dialog is not window:  # the question being answered stays on top
        dialog.raise_()
        dialog.activateWindow()


def _serve(conn: QLocalSocket, window: MainWindow) -> None:
    """Read one second launch's commands, a line at a time, until it disconnects."""
    pending = bytearray()

    def command(line: bytes) -> None:
        text = line.decode("utf-8", errors="replace").strip()
        if text == "raise":
            bring_window_forward(window)
        elif text.startswith("open ") and text[5:].strip():
            bring_window_forward(window)
            window.file_intake.offer_later([Path(text[5:].strip())])

    def read() -> None:
        pending.extend(bytes(conn.readAll().data()))
        if len(pending) > MAX_MESSAGE_BYTES:
            pending.clear()
            conn.abort()
            return
        while b"\n" in pending:
            line, _, rest = bytes(pending).partition(b"\n")
            pending[:] = rest
            command(line)

    def finished() -> None:
        read()
        if pending:  # a last command without its line break
            command(bytes(pending))
            pending.clear()
        conn.deleteLater()

    conn.readyRead.connect(read)
    conn.disconnected.connect(finished)
    read()  # what arrived with the connection


def listen_for_others(key: str, window: MainWindow) -> QLocalServer:
    """Serve the second launches on this data folder: ``raise`` and ``open <path>`` lines."""
    server = QLocalServer(window)
    QLocalServer.removeServer(key)  # a stale socket left by a crash

    def arrived() -> None:
        conn = server.nextPendingConnection()
        while conn is not None:
            _serve(conn, window)
            conn = server.nextPendingConnection()

    server.newConnection.connect(arrived)
    server.listen(key)
    return server


def open_store_interactively(data_dir: Path | None, lock: StoreLock | None = None) -> Store | None:
    """Open the store; explain any problem in French and offer what can be done (``lock``: the
    folder's lock when the quick start took it already)."""
    from esms_desktop.storage.store import open_store

    try:
        return open_store(data_dir, lock=lock)
    except DatabaseCorruptError as exc:
        backup = getattr(exc, "backup", None)
        if backup is None:
            QMessageBox.critical(None, "esms-desktop", str(exc))
            return None
        answer = QMessageBox.question(
            None,
            QApplication.translate("App", "Damaged database"),
            QApplication.translate("App", "%1\n\nRestore the most recent valid backup (%2)?")
            .replace("%1", str(exc))
            .replace("%2", Path(backup).name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        try:
            store = open_store(data_dir, lock=lock)
            store.restore(Path(backup))
            return store
        except StoreError as again:
            QMessageBox.critical(None, "esms-desktop", str(again))
            return None
    except StoreLockedError as exc:
        QMessageBox.warning(None, "esms-desktop", str(exc))
        return None
    except StoreError as exc:
        QMessageBox.critical(None, "esms-desktop", str(exc))
        return None


def parse_gui_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="esms-desktop", add_help=False)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--lang", choices=("fr", "en"), default=None)
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("files", nargs="*", type=Path, default=[])
    args, _unknown = parser.parse_known_args(list(argv))
    return args


def run(argv: Sequence[str], qt_args: Sequence[str] = ()) -> int:
    """The window; ``qt_args`` are Qt's standard arguments (``-style fusion``…) for QApplication."""
    args = parse_gui_args(argv)
    if args.self_test:
        from esms_desktop.selftest import run_self_test

        return run_self_test()
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args, *argv])
    assert isinstance(app, QApplication)
    app.setApplicationName("esms-desktop")
    app.setOrganizationName("esms-desktop")
    app.setApplicationVersion(__version__)
    icon = resource_path("icons", "esms-desktop.png")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    settings = QSettings()
    language = args.lang or str(settings.value("preferences/language", DEFAULT_LANGUAGE))
    install_translators(app, language)
    paths = data_paths(args.data_dir)
    key = instance_key(paths.root)
    args.files = [Path(f).absolute() for f in args.files]  # the other window has its own cwd
    if bring_forward_running(key, args.files):
        return 0
    annex_copies.remove_stale_copies()  # copies of opened annexes an earlier run left behind
    # From here this process is the folder's only window: its log, crash file and hooks.
    log_file = crash_log.start_logging(paths.logs)
    crash_log.enable_crash_file(paths.logs)  # left on until the process ends (Qt's teardown)
    reporter = ErrorReporter(log_file)
    uninstall_hooks = crash_log.install_excepthooks(reporter.report)
    try:
        return _open_and_show(args, paths.logs, key, settings, reporter)
    except Exception:
        log.exception("esms-desktop arrêté par une erreur inattendue")
        raise
    finally:
        uninstall_hooks()


@dataclass
class QuickStart:
    """What the window shows before the store opens: the last dossier read from its snapshot
    (:meth:`Workspace.quick_dossier`), with the folder's lock already held."""

    workspace: Workspace
    dossier_id: int
    loaded: LoadedDossier
    lock: StoreLock
    stale: bool = False
    """Set when the store, once open, no longer holds what was shown (a damaged file replaced
    by a backup): the window then reads the dossier again."""


def quick_start(paths: DataPaths, settings: QSettings) -> QuickStart | None:
    """The last dossier of ``paths`` read without SQLAlchemy, the lock taken first (so that
    nobody writes the file between this read and the store's opening); ``None``: no last dossier,
    no fresh snapshot, a lock held elsewhere… — start-up then opens the store first."""
    try:
        last_id = int(str(settings.value(folder_key(paths.root, "last_dossier"))))
    except (TypeError, ValueError):
        return None
    if not paths.database.is_file():
        return None
    lock = StoreLock(paths.lock)
    try:
        lock.acquire()
    except StoreError:  # said by the store's opening, with its dialog
        return None
    started: list[QuickStart] = []
    workspace = Workspace.opening(paths, lambda: _deferred_open(paths, started[0]))
    loaded = workspace.quick_dossier(last_id)
    if loaded is None:
        lock.release()
        return None
    started.append(QuickStart(workspace, last_id, loaded, lock))
    return started[0]


def _deferred_open(paths: DataPaths, quick: QuickStart) -> Store:
    """The store of a quick start, opened by the first call that needs it (its dialogs shown),
    before anything is written; the program ends if it cannot be opened (nothing was written:
    nothing is lost)."""
    store = open_store_interactively(paths.root, quick.lock)
    if store is None:
        QApplication.exit(3)
        raise StoreError("Les données n'ont pas pu être ouvertes : esms-desktop se ferme.")
    again = quick.workspace.quick_dossier(quick.dossier_id)
    quick.stale = again is None or again.dossier != quick.loaded.dossier
    return store


def _after_store_opened(store: Store, logs_dir: Path | None, window: MainWindow | None) -> bool:
    """The unclean-exit marker (read and written only with the store's lock held; not without
    ``logs_dir``: a benchmark's) and the store's warning, once the store is open. Whether the
    previous session ended badly: told now when the window exists, else by the caller once it
    does (:func:`_tell_unclean_exit`)."""
    crashed_before = None
    if logs_dir is not None:
        crashed_before = crash_log.previous_session(logs_dir)
        crash_log.mark_session_started(logs_dir)
    if store.warning:
        QMessageBox.information(window, "esms-desktop", store.warning)
    if crashed_before is not None:
        log.warning(
            "la session précédente (début %s) ne s'est pas terminée", crashed_before.started
        )
    if crashed_before is not None and window is not None and logs_dir is not None:
        show_unclean_exit_notice(window, logs_dir)
    return crashed_before is not None


def _finish_quick_start(window: MainWindow, quick: QuickStart, logs_dir: Path | None) -> None:
    """The event loop's first turn after a quick start: open the store (unless an edit did
    already), read the home list, and read the dossier again through the store in the one case
    its snapshot is no longer what the file holds."""
    try:
        store = quick.workspace.store
    except StoreError:
        window.hide()
        return
    _after_store_opened(store, logs_dir, window)
    window.store_opened()
    if quick.stale:
        window.open_dossier(quick.dossier_id)


def _open_and_show(
    args: argparse.Namespace,
    logs_dir: Path,
    key: str,
    settings: QSettings,
    reporter: ErrorReporter,
) -> int:
    """Open the store, show the window, run the event loop; the exit code.

    With a fresh snapshot of the last dossier (:func:`quick_start`), the window is shown on it
    first and the store opens at the event loop's first turn; otherwise the store opens first.
    The unclean-exit marker is read and written only once the store is open: its single-writer
    lock is held then, so a marker left in ``journaux/`` cannot belong to a session still running.
    It is removed only when the event loop has returned and the store is closed.
    """
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    quick = None if args.files else quick_start(data_paths(args.data_dir), settings)
    crashed_before = False
    if quick is not None:
        workspace = quick.workspace
    else:
        store = open_store_interactively(args.data_dir)
        if store is None:
            return 3
        crashed_before = _after_store_opened(store, logs_dir, None)
        workspace = Workspace(store)
    window = MainWindow(
        workspace, step_factories(workspace), settings, catalog.questionnaire().question_count
    )
    reporter.window = window
    server = listen_for_others(key, window)
    timer = QTimer(window)
    timer.timeout.connect(lambda: window.guard(workspace.maybe_backup))
    timer.start(BACKUP_TIMER_MS)
    if quick is not None:  # shown with the window: the store opens at the next turn
        window.show_loaded(quick.dossier_id, quick.loaded)
        started = quick
        QTimer.singleShot(0, window, lambda: _finish_quick_start(window, started, logs_dir))
    window.show()
    if args.files:  # double-clicked in Explorer: offered once the window runs
        window.file_intake.offer_later(args.files)
    elif quick is None:  # the window is painted first (the home list), the dossier next turn
        window.open_last_dossier_later()
    if quick is None and crashed_before:  # told over the window, once it is shown
        QTimer.singleShot(0, window, lambda: show_unclean_exit_notice(window, logs_dir))
    try:
        code = app.exec()
    finally:
        server.close()
        # A background job (import, PDF, register) still running writes through the workspace:
        # let it finish before the store closes under it.
        QThreadPool.globalInstance().waitForDone()
        if workspace.opened:
            workspace.close()
        elif quick is not None:
            quick.lock.release()
    crash_log.mark_session_ended(logs_dir)
    log.info("esms-desktop fermé normalement (code %s)", code)
    return code
