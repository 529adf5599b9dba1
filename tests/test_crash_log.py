"""After a crash, say so: the log, the fatal-error file, the hooks and the unclean-exit marker."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path

import pytest

from esms_desktop import __version__, crash_log
from esms_desktop.crash_log import (
    CRASH_FILENAME,
    LOG_FILENAME,
    MARKER_FILENAME,
    PreviousSession,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def logging_cleanup():
    """Whatever a test attaches to the root logger is detached afterwards."""
    root = logging.getLogger()
    level = root.level
    yield
    crash_log.stop_logging()
    assert not any(isinstance(h, crash_log._LogFileHandler) for h in root.handlers)
    assert root.level == level


def _our_handlers() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if isinstance(h, crash_log._LogFileHandler)]


def _flush() -> None:
    for handler in _our_handlers():
        handler.flush()


def _unwritable_folder(tmp_path: Path) -> Path:
    """A folder that cannot be created, even by root: its parent is a regular file."""
    blocker = tmp_path / "pas-un-dossier"
    blocker.write_text("fichier", encoding="utf-8")
    return blocker / "journaux"


# ---------------------------------------------------------------------------------------------
# The rotating log


def test_the_log_file_is_created_with_a_start_line(tmp_path: Path, logging_cleanup) -> None:
    logs = tmp_path / "journaux"
    written = crash_log.start_logging(logs)
    assert written == logs / LOG_FILENAME
    assert logging.getLogger().level == logging.INFO
    logging.getLogger("esms_desktop.test").info("une ligne INFO")
    logging.getLogger("esms_desktop.test").debug("une ligne DEBUG")
    _flush()
    text = written.read_text(encoding="utf-8")
    assert f"esms-desktop {__version__} démarré" in text
    assert f"Python {sys.version_info.major}.{sys.version_info.minor}" in text
    assert "une ligne INFO" in text
    assert "une ligne DEBUG" not in text


def test_the_log_rotates(tmp_path: Path, logging_cleanup) -> None:
    logs = tmp_path / "journaux"
    crash_log.start_logging(logs, max_bytes=2_000, backup_count=2)
    for i in range(200):
        logging.getLogger("esms_desktop.test").info("ligne de remplissage numéro %04d", i)
    _flush()
    assert (logs / LOG_FILENAME).stat().st_size <= 2_000
    assert (logs / f"{LOG_FILENAME}.1").is_file()
    assert (logs / f"{LOG_FILENAME}.2").is_file()
    assert not (logs / f"{LOG_FILENAME}.3").exists()  # backup_count kept


def test_starting_twice_adds_one_handler_and_one_line_per_record(
    tmp_path: Path, logging_cleanup
) -> None:
    logs = tmp_path / "journaux"
    first = crash_log.start_logging(logs)
    second = crash_log.start_logging(logs)
    assert first == second
    assert len(_our_handlers()) == 1
    logging.getLogger("esms_desktop.test").warning("une seule fois")
    _flush()
    text = (logs / LOG_FILENAME).read_text(encoding="utf-8")
    assert text.count("une seule fois") == 1
    assert text.count("démarré") == 1


def test_starting_on_another_folder_moves_the_log(tmp_path: Path, logging_cleanup) -> None:
    crash_log.start_logging(tmp_path / "a")
    crash_log.start_logging(tmp_path / "b")
    assert len(_our_handlers()) == 1
    logging.getLogger("esms_desktop.test").warning("dans b")
    _flush()
    assert "dans b" in (tmp_path / "b" / LOG_FILENAME).read_text(encoding="utf-8")
    assert "dans b" not in (tmp_path / "a" / LOG_FILENAME).read_text(encoding="utf-8")


def test_an_impossible_folder_logs_nowhere_without_failing(tmp_path: Path, logging_cleanup) -> None:
    logs = _unwritable_folder(tmp_path)
    assert crash_log.start_logging(logs) is None
    assert _our_handlers() == []
    assert crash_log.enable_crash_file(logs) is None
    assert crash_log.mark_session_started(logs) is None
    crash_log.mark_session_ended(logs)  # nothing to remove, no error either
    assert crash_log.previous_session(logs) is None


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root écrit dans un dossier en lecture seule : chmod n'y restreint rien",
)
def test_a_read_only_folder_logs_nowhere_without_failing(tmp_path: Path, logging_cleanup) -> None:
    logs = tmp_path / "journaux"
    logs.mkdir()
    logs.chmod(0o500)
    try:
        assert crash_log.start_logging(logs) is None
        assert _our_handlers() == []
        assert crash_log.mark_session_started(logs) is None
    finally:
        logs.chmod(0o700)


# ---------------------------------------------------------------------------------------------
# The unclean-exit marker


def test_a_clean_exit_leaves_nothing_to_report(tmp_path: Path) -> None:
    logs = tmp_path / "journaux"
    assert crash_log.previous_session(logs) is None  # first start ever
    marker = crash_log.mark_session_started(logs)
    assert marker == logs / MARKER_FILENAME and marker.is_file()
    crash_log.mark_session_ended(logs)
    assert not marker.exists()
    assert crash_log.previous_session(logs) is None
    assert not crash_log.previous_session_ended_badly(logs)


def test_a_marker_left_behind_is_reported_with_its_start(tmp_path: Path) -> None:
    logs = tmp_path / "journaux"
    started = datetime(2024, 3, 5, 9, 30, 0)
    crash_log.mark_session_started(logs, now=started)
    # … the process is killed here: mark_session_ended never runs.
    assert crash_log.previous_session(logs) == PreviousSession(started=started, pid=os.getpid())
    assert crash_log.previous_session_ended_badly(logs)
    crash_log.mark_session_started(logs)  # the new session replaces the marker
    crash_log.mark_session_ended(logs)
    assert not crash_log.previous_session_ended_badly(logs)


def test_an_unreadable_marker_still_counts_as_a_bad_end(tmp_path: Path) -> None:
    logs = tmp_path / "journaux"
    logs.mkdir()
    (logs / MARKER_FILENAME).write_bytes(b"\xff\xfe n'importe quoi")
    assert crash_log.previous_session(logs) == PreviousSession(started=None, pid=None)


_APP_SESSION = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from esms_desktop import app as app_module

notices = []
QMessageBox.information = staticmethod(lambda *a, **k: notices.append(a[2]))

def close_soon():
    windows = [w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow"]
    if not windows or not windows[0].isVisible():
        QTimer.singleShot(50, close_soon)
        return
    print("MARKER", (Path(sys.argv[1]) / "journaux" / "session-en-cours").is_file())
    windows[0].close()

QTimer.singleShot(0, close_soon)
code = app_module.run(["--data-dir", sys.argv[1], "--lang", "fr"])
print("CODE", code)
print("NOTICES", len(notices), notices)
"""


def _run_app_session(data_dir: Path) -> str:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONIOENCODING": "utf-8",
        "XDG_CONFIG_HOME": str(data_dir.parent / "reglages"),  # not the user's own settings
    }
    proc = subprocess.run(
        [sys.executable, "-c", _APP_SESSION, str(data_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=180,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


@pytest.mark.slow
def test_the_window_notices_a_session_that_ended_badly(tmp_path: Path) -> None:
    """app.run in its own process: clean exit → no notice; marker left → one notice."""
    data_dir = tmp_path / "donnees"
    out = _run_app_session(data_dir)
    assert "MARKER True" in out  # written while the window is open
    assert "CODE 0" in out and "NOTICES 0" in out
    logs = data_dir / "journaux"
    assert not (logs / MARKER_FILENAME).exists()  # clean exit
    assert "fermé normalement" in (logs / LOG_FILENAME).read_text(encoding="utf-8")

    out = _run_app_session(data_dir)
    assert "NOTICES 0" in out  # a clean exit is not reported the next time

    (logs / MARKER_FILENAME).write_text("pid=1\ndebut=2024-03-05T09:30:00\n", encoding="utf-8")
    out = _run_app_session(data_dir)
    assert "NOTICES 1" in out and str(logs) in out
    assert not (logs / MARKER_FILENAME).exists()


# ---------------------------------------------------------------------------------------------
# Fatal errors: faulthandler into plantages.txt


_FATAL = """
import sys
from pathlib import Path
from esms_desktop import crash_log

logs = Path(sys.argv[1])
crash_log.start_logging(logs)
crash_log.enable_crash_file(logs)
crash_log.mark_session_started(logs)

def deep_inside_the_program():
    import faulthandler
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file left behind
    faulthandler._sigabrt()

deep_inside_the_program()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="resource (sans fichier core) : POSIX")
def test_a_fatal_error_leaves_its_traceback_and_the_marker(tmp_path: Path) -> None:
    logs = tmp_path / "journaux"
    proc = subprocess.run(
        [sys.executable, "-c", _FATAL, str(logs)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode != 0  # the process did die
    text = (logs / CRASH_FILENAME).read_text(encoding="utf-8")
    assert "Fatal Python error" in text
    assert "deep_inside_the_program" in text  # the Python traceback, not just the signal
    assert f"esms-desktop {__version__}, pid" in text  # the session header before it
    assert crash_log.previous_session_ended_badly(logs)  # the next start will say so


def test_the_crash_file_is_appended_to_not_replaced(tmp_path: Path) -> None:
    logs = tmp_path / "journaux"
    logs.mkdir()
    (logs / CRASH_FILENAME).write_text("plantage d'avant\n", encoding="utf-8")
    code = "import sys; from pathlib import Path; from esms_desktop import crash_log; "
    code += "print(crash_log.enable_crash_file(Path(sys.argv[1])))"
    proc = subprocess.run(
        [sys.executable, "-c", code, str(logs)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert proc.stdout.strip() == str(logs / CRASH_FILENAME)
    text = (logs / CRASH_FILENAME).read_text(encoding="utf-8")
    assert text.startswith("plantage d'avant\n") and "--- esms-desktop" in text


def test_the_module_imports_no_qt() -> None:
    """Only the interface may import Qt: the CLI uses this module too."""
    code = (
        "import sys, esms_desktop.crash_log; print(sorted(m for m in sys.modules if 'PySide' in m))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert proc.stdout.strip() == "[]"


# ---------------------------------------------------------------------------------------------
# Uncaught exceptions


def _raise(exc: BaseException):
    try:
        raise exc
    except BaseException as caught:
        return type(caught), caught, caught.__traceback__


def test_an_uncaught_exception_is_logged_then_handed_to_the_callback(
    tmp_path: Path, logging_cleanup
) -> None:
    logs = tmp_path / "journaux"
    crash_log.start_logging(logs)
    seen: list[BaseException] = []
    before = sys.excepthook
    uninstall = crash_log.install_excepthooks(lambda t, e, tb: seen.append(e))
    try:
        assert sys.excepthook is not before
        sys.excepthook(*_raise(RuntimeError("boum dans un slot")))
    finally:
        uninstall()
    assert sys.excepthook is before
    assert [str(e) for e in seen] == ["boum dans un slot"]
    _flush()
    text = (logs / LOG_FILENAME).read_text(encoding="utf-8")
    assert "Erreur inattendue" in text
    assert "Traceback (most recent call last)" in text and "RuntimeError: boum dans un slot" in text


def test_an_exception_in_a_thread_is_logged_and_reported(tmp_path: Path, logging_cleanup) -> None:
    logs = tmp_path / "journaux"
    crash_log.start_logging(logs)
    seen: list[tuple[str, str]] = []
    before = threading.excepthook
    uninstall = crash_log.install_excepthooks(
        lambda t, e, tb: seen.append((threading.current_thread().name, str(e)))
    )
    try:

        def work() -> None:
            raise ValueError("boum dans le fil")

        worker = threading.Thread(target=work, name="travailleur")
        worker.start()
        worker.join()
    finally:
        uninstall()
    assert threading.excepthook is before
    assert seen == [("travailleur", "boum dans le fil")]
    _flush()
    text = (logs / LOG_FILENAME).read_text(encoding="utf-8")
    assert "dans le fil travailleur" in text and "ValueError: boum dans le fil" in text


def test_a_failing_callback_is_logged_not_raised(caplog) -> None:
    def broken(t, e, tb) -> None:
        raise OSError("le dialogue aussi")

    uninstall = crash_log.install_excepthooks(broken)
    try:
        with caplog.at_level(logging.ERROR, logger="esms_desktop.crash_log"):
            sys.excepthook(*_raise(RuntimeError("première")))
    finally:
        uninstall()
    messages = [r.getMessage() for r in caplog.records]
    assert "Erreur inattendue" in messages
    assert "Le message d'erreur n'a pas pu être affiché" in messages


def test_keyboard_interrupt_goes_to_the_previous_hook(monkeypatch) -> None:
    previous: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "excepthook", lambda t, e, tb: previous.append(t))
    seen: list[BaseException] = []
    uninstall = crash_log.install_excepthooks(lambda t, e, tb: seen.append(e))
    try:
        sys.excepthook(*_raise(KeyboardInterrupt()))
    finally:
        uninstall()
    assert previous == [KeyboardInterrupt] and seen == []


def test_uninstalled_hooks_still_held_by_another_pass_through(monkeypatch) -> None:
    previous: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "excepthook", lambda t, e, tb: previous.append(t))
    seen: list[BaseException] = []
    uninstall = crash_log.install_excepthooks(lambda t, e, tb: seen.append(e))
    ours = sys.excepthook
    sys.excepthook = lambda t, e, tb: ours(t, e, tb)  # someone wrapped our hook afterwards
    uninstall()
    sys.excepthook(*_raise(RuntimeError("après")))
    assert seen == [] and previous == [RuntimeError]


# ---------------------------------------------------------------------------------------------
# Reports


def test_the_report_names_the_versions_and_the_exception() -> None:
    def fails_here() -> None:
        raise ZeroDivisionError("division par zéro dans le budget")

    try:
        fails_here()
    except ZeroDivisionError as exc:
        text = crash_log.report_text(
            type(exc), exc, exc.__traceback__, details={"Journal": "/tmp/x.log"}
        )
    assert f"Version : {__version__}" in text
    assert f"Python : {sys.version_info.major}.{sys.version_info.minor}" in text
    assert "Système : " in text and "Date : " in text and "Journal : /tmp/x.log" in text
    assert "Traceback (most recent call last)" in text
    assert "fails_here" in text
    assert "ZeroDivisionError: division par zéro dans le budget" in text


def test_short_description_is_one_line() -> None:
    assert crash_log.short_description(RuntimeError("a\nb")) == "RuntimeError: a"
    assert crash_log.short_description(KeyError()) == "KeyError"
    assert len(crash_log.short_description(ValueError("x" * 500))) < 220


def test_the_cli_line_says_where_the_report_is(tmp_path: Path) -> None:
    _, exc, _ = _raise(RuntimeError("boum"))
    logs = tmp_path / "journaux"
    line = crash_log.cli_error_line(exc, logs)
    assert line.startswith("esms-desktop : erreur inattendue (RuntimeError: boum).")
    assert str(logs / LOG_FILENAME) in line and "\n" not in line
    text = (logs / LOG_FILENAME).read_text(encoding="utf-8")
    assert "ERROR" in text and "RuntimeError: boum" in text and "Traceback" in text


def test_the_cli_line_says_when_no_report_could_be_written(tmp_path: Path) -> None:
    _, exc, _ = _raise(RuntimeError("boum"))
    logs = _unwritable_folder(tmp_path)
    line = crash_log.cli_error_line(exc, logs)
    assert "RuntimeError: boum" in line and "Aucun rapport n'a pu être écrit" in line
    assert "Aucun rapport" in crash_log.cli_error_line(exc, None)


# ---------------------------------------------------------------------------------------------
# The command line


def _failing_campaigns(args, out) -> int:
    raise RuntimeError("boum dans la commande")


def test_the_cli_reports_an_unexpected_error_in_one_french_line(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    from esms_desktop import cli

    monkeypatch.setattr(cli, "cmd_campaigns", _failing_campaigns)
    data_dir = tmp_path / "donnees"
    code = cli.main(["--data-dir", str(data_dir), "campaigns"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_STORAGE
    assert err.startswith("esms-desktop : erreur inattendue (RuntimeError: boum dans la commande).")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    log_file = data_dir / "journaux" / LOG_FILENAME
    assert f"Le rapport est dans {log_file}" in err
    text = log_file.read_text(encoding="utf-8")
    assert "Traceback" in text and "_failing_campaigns" in text


def test_the_cli_without_a_data_dir_uses_the_default_folder(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    from esms_desktop import cli, paths

    default = tmp_path / "defaut"
    monkeypatch.setattr(paths, "default_data_dir", lambda: default)
    monkeypatch.setattr(cli, "cmd_campaigns", _failing_campaigns)
    assert cli.main(["campaigns"]) == cli.EXIT_STORAGE
    err = capsys.readouterr().err
    assert str(default / "journaux" / LOG_FILENAME) in err
    assert "Traceback" not in err


def test_the_cli_says_so_when_no_report_can_be_written(tmp_path: Path, monkeypatch, capsys) -> None:
    from esms_desktop import cli

    monkeypatch.setattr(cli, "cmd_campaigns", _failing_campaigns)
    data_dir = _unwritable_folder(tmp_path)
    assert cli.main(["--data-dir", str(data_dir), "campaigns"]) == cli.EXIT_STORAGE
    err = capsys.readouterr().err
    assert "erreur inattendue (RuntimeError: boum dans la commande)" in err
    assert "Aucun rapport n'a pu être écrit" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_the_cli_keeps_its_own_errors_as_they_were(tmp_path: Path, monkeypatch, capsys) -> None:
    from esms_desktop import cli

    def bad_input(args, out) -> int:
        raise cli.CliError("fichier illisible")

    monkeypatch.setattr(cli, "cmd_campaigns", bad_input)
    assert cli.main(["--data-dir", str(tmp_path), "campaigns"]) == cli.EXIT_BAD_INPUT
    assert capsys.readouterr().err == "esms-desktop : fichier illisible\n"
    assert not (tmp_path / "journaux").exists()
