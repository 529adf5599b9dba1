"""Driving the real main window as a person does: menus, buttons, keys, answered dialogs.

The window under test is the one ``esms-desktop`` shows (the real :class:`Workspace` over a
store in a temporary folder, the step views of ``ui.steps.step_factories``, French translations).
File dialogs are answered by :class:`FileAnswers` (a person would pick a file); any other modal
dialog is closed by :class:`ModalCloser` as a person pressing Escape, and recorded, so a test can
say which dialogs a click opened. Exceptions raised in slots and Qt warnings fail the test
(pytest-qt's capture, and ``qt_log_level_fail`` in pyproject.toml).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from esms_desktop.services import catalog
from esms_desktop.services.workspace import Workspace
from esms_desktop.storage.store import open_store
from esms_desktop.ui.i18n import install_translators
from esms_desktop.ui.main_window import MainWindow
from esms_desktop.ui.steps import step_factories

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_CSV = ROOT / "resources" / "examples" / "grappe-exemple.csv"
FINESS_WEB = ROOT / "tests" / "fixtures" / "finess_files" / "finess-web-export-esat-30.csv"


@contextmanager
def real_window(qtbot, tmp_path: Path) -> Iterator[tuple[MainWindow, Workspace]]:
    """The application's window, in French, at a director's laptop size (1366×768)."""
    app = QApplication.instance()
    translators = install_translators(app, "fr")
    workspace = Workspace(open_store(tmp_path / "donnees"))
    settings = QSettings(str(tmp_path / "reglages.ini"), QSettings.Format.IniFormat)
    win = MainWindow(
        workspace, step_factories(workspace), settings, catalog.questionnaire().question_count
    )
    qtbot.addWidget(win)
    # Fresh settings maximise the window on a small screen (offscreen's is 800×800): the tests
    # look at a 1366×768 window, as on a director's laptop.
    win.setWindowState(Qt.WindowState.WindowNoState)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    try:
        yield win, workspace
    finally:
        win.close()
        workspace.close()
        for t in translators:
            app.removeTranslator(t)


_PATTERN = re.compile(r"\*(\.[A-Za-z0-9.]+)")


@dataclass
class FileAnswers:
    """Answers every QFileDialog as a person choosing a sensible file would.

    Open dialogs get the worked example spreadsheet, a FINESS export when the filter names FINESS
    formats only, the last ``.esms`` written when the filter asks for one, else ``any_file``.
    Save dialogs get a new name in ``out_dir`` with the filter's first extension.
    """

    out_dir: Path
    any_file: Path
    esms_file: Path | None = None
    asked: list[tuple[str, str, str]] = field(default_factory=list)
    _count: int = 0

    def open(
        self,
        _parent: QWidget | None = None,
        title: str = "",
        _dir: str = "",
        filt: str = "",
        *_a: object,
        **_k: object,
    ) -> tuple[str, str]:
        self.asked.append(("open", title, filt))
        patterns = _PATTERN.findall(filt)
        if ".esms" in patterns and ".csv" not in patterns:
            chosen = self.esms_file or self.any_file
        elif ".json" in patterns and ".xlsx" not in patterns:
            chosen = FINESS_WEB
        elif ".csv" in patterns:
            chosen = EXAMPLE_CSV
        else:
            chosen = self.any_file
        return str(chosen), filt

    def save(
        self,
        _parent: QWidget | None = None,
        title: str = "",
        suggested: str = "",
        filt: str = "",
        *_a: object,
        **_k: object,
    ) -> tuple[str, str]:
        self.asked.append(("save", title, filt))
        self._count += 1
        patterns = _PATTERN.findall(filt)
        suffix = patterns[0] if patterns else Path(suggested).suffix or ".bin"
        path = self.out_dir / f"export-{self._count}{suffix}"
        if suffix == ".esms":
            self.esms_file = path
        return str(path), filt

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(QFileDialog, "getOpenFileName", self.open)
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self.save)


class ModalCloser:
    """Closes each modal dialog as soon as it shows (Escape), recording its class and title.

    Progress dialogs are left alone: they close themselves when their job ends. ``answer`` may
    handle a dialog instead (return True when it did).
    """

    def __init__(self, answer: Callable[[QWidget], bool] | None = None) -> None:
        self.seen: list[tuple[str, str]] = []
        self.answer = answer
        self._timer = QTimer()
        self._timer.setInterval(30)
        self._timer.timeout.connect(self._look)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _look(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or isinstance(dialog, QProgressDialog) or not dialog.isVisible():
            return
        self.seen.append((type(dialog).__name__, dialog.windowTitle()))
        if self.answer is not None and self.answer(dialog):
            return
        if isinstance(dialog, QMessageBox) and dialog.escapeButton() is None:
            dialog.done(0)
        elif isinstance(dialog, QDialog):
            dialog.reject()
        else:
            dialog.close()


def stub_desktop(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The system viewer is not started in tests: URLs it would open are recorded."""
    opened: list[str] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url.toLocalFile() or url.toString())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return opened


def buttons_of(widget: QWidget) -> list[QAbstractButton]:
    """The push and tool buttons a person can click now (visible, enabled), in layout order."""
    from PySide6.QtWidgets import QPushButton, QToolButton

    found = [
        b
        for b in widget.findChildren(QAbstractButton)
        if isinstance(b, QPushButton | QToolButton) and b.isVisibleTo(widget) and b.isEnabled()
    ]
    return found
