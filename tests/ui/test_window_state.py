"""The window comes back as the user left it, fitted to the screen it opens on: its size and
place (never larger than the screen, maximised when it must be), the splitters and columns the
user moved, and the step each dossier showed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QStyle

from esms_desktop.domain.completeness import Step
from esms_desktop.services import catalog
from esms_desktop.services.workspace import Workspace
from esms_desktop.storage.store import open_store
from esms_desktop.ui.main_window import MainWindow
from esms_desktop.ui.screen_fit import (
    DEFAULT_SIZE,
    MAXIMIZED_KEY,
    NORMAL_KEY,
    centred,
    clamp_rect,
    client_area,
    fits,
)
from esms_desktop.ui.steps import step_factories
from tests.ui.driving import EXAMPLE_CSV

LAPTOP = (0, 0, 1366, 720)  # 1366×768 less a 48-pixel taskbar


def test_a_window_wider_than_the_screen_is_brought_inside_it() -> None:
    # Saved on a large monitor at 200 %, opened on the laptop.
    assert clamp_rect((1200, 300, 2594, 1400), LAPTOP) == (0, 0, 1366, 720)
    assert clamp_rect((-400, 50, 800, 600), LAPTOP) == (0, 50, 800, 600)
    assert clamp_rect((1000, 500, 800, 600), LAPTOP) == (566, 120, 800, 600)
    assert clamp_rect((100, 100, 800, 600), LAPTOP) == (100, 100, 800, 600)  # already inside
    # A second screen to the right of the first: coordinates are kept relative to it.
    assert clamp_rect((3000, 0, 800, 600), (1366, 0, 1920, 1040)) == (2486, 0, 800, 600)


def test_the_default_size_does_not_fit_a_laptop_less_its_taskbar() -> None:
    room = client_area(LAPTOP, title_bar=30)
    assert room == (8, 38, 1350, 674)
    assert not fits(DEFAULT_SIZE, room)  # 760 pixels high: maximised on first run
    assert fits(DEFAULT_SIZE, client_area((0, 0, 1920, 1040), title_bar=30))
    assert centred((1280, 760), (0, 0, 1920, 1040)) == (320, 140, 1280, 760)


def _window(tmp_path: Path, workspace: Workspace, qtbot) -> MainWindow:
    settings = QSettings(str(tmp_path / "reglages.ini"), QSettings.Format.IniFormat)
    win = MainWindow(
        workspace, step_factories(workspace), settings, catalog.questionnaire().question_count
    )
    qtbot.addWidget(win)
    return win


def _available() -> tuple[int, int, int, int]:
    r = QGuiApplication.primaryScreen().availableGeometry()
    return (r.x(), r.y(), r.width(), r.height())


def test_the_window_opens_inside_the_screen_and_keeps_its_maximised_state(qtbot, tmp_path) -> None:
    workspace = Workspace(open_store(tmp_path / "donnees"))
    try:
        screen = _available()
        win = _window(tmp_path, workspace, qtbot)
        # First run: maximised exactly when the default size does not fit this screen (the
        # offscreen one is 800×800).
        title_bar = win.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)
        too_small = not fits(DEFAULT_SIZE, client_area(screen, title_bar))
        assert too_small
        assert bool(win.windowState() & Qt.WindowState.WindowMaximized)
        win.show()
        qtbot.waitExposed(win)
        win.close()
        # A geometry saved on a bigger screen comes back inside this one, not maximised.
        settings = QSettings(str(tmp_path / "reglages.ini"), QSettings.Format.IniFormat)
        settings.setValue(NORMAL_KEY, [screen[0] + 200, screen[1] + 100, 2594, 1400])
        settings.setValue(MAXIMIZED_KEY, False)
        settings.sync()
        win = _window(tmp_path, workspace, qtbot)
        assert not win.isMaximized()
        g = win.geometry()
        assert screen[0] <= g.x() and g.x() + g.width() <= screen[0] + screen[2]
        assert screen[1] <= g.y() and g.y() + g.height() <= screen[1] + screen[3]
        win.show()
        qtbot.waitExposed(win)
        win.showMaximized()
        qtbot.waitUntil(win.isMaximized)
        win.close()
        # Closed maximised: opens maximised again, its normal geometry kept for later.
        settings = QSettings(str(tmp_path / "reglages.ini"), QSettings.Format.IniFormat)
        assert settings.value(MAXIMIZED_KEY) in (True, "true")
        win = _window(tmp_path, workspace, qtbot)
        win.show()
        qtbot.waitExposed(win)
        assert win.isMaximized()
        win.close()
    finally:
        workspace.close()


def test_splitters_columns_and_the_last_step_come_back(qtbot, tmp_path) -> None:
    workspace = Workspace(open_store(tmp_path / "donnees"))
    try:
        dossier_id = workspace.create("Grappe", "generalisation-2025", EXAMPLE_CSV)
        other_id = workspace.create("Autre", "generalisation-2025", EXAMPLE_CSV)
        win = _window(tmp_path, workspace, qtbot)
        win.show()
        qtbot.waitExposed(win)
        win.open_dossier(dossier_id)
        view = win.dossier_view
        assert view is not None and view.current_step() is Step.PORTEUR
        view.steps.setCurrentRow(view.order.index(Step.BUDGET))  # as a click in the side bar
        budget = view.views[Step.BUDGET]
        header = budget.essms_table.horizontalHeader()  # type: ignore[attr-defined]
        header.resizeSection(1, 333)  # as a drag of the column's edge
        splitter = view.splitter
        sizes = splitter.sizes()
        splitter.moveSplitter(sizes[0] + 40, 1)
        moved = splitter.sizes()
        assert moved != sizes
        win.open_dossier(other_id)  # another dossier: opens on its own (first) step
        assert win.dossier_view is not None
        assert win.dossier_view.current_step() is Step.PORTEUR
        win.close()

        win = _window(tmp_path, workspace, qtbot)
        win.show()
        qtbot.waitExposed(win)
        win.open_dossier(dossier_id)
        view = win.dossier_view
        assert view is not None
        assert view.current_step() is Step.BUDGET
        budget = view.views[Step.BUDGET]
        assert budget.essms_table.horizontalHeader().sectionSize(1) == 333  # type: ignore[attr-defined]
        assert view.splitter.sizes()[0] == moved[0]
        win.close()
    finally:
        workspace.close()


def test_another_data_folder_keeps_its_own_last_dossier_and_steps(qtbot, tmp_path) -> None:
    """Dossier numbers start at 1 in every data folder and the settings are shared: the first
    dossier of a second folder must not open on the step, or as the last dossier, of another's."""
    first = Workspace(open_store(tmp_path / "donnees"))
    try:
        dossier_id = first.create("Grappe", "generalisation-2025", EXAMPLE_CSV)
        win = _window(tmp_path, first, qtbot)
        win.open_dossier(dossier_id)
        assert win.dossier_view is not None
        win.dossier_view.show_step(Step.BUDGET)
        win.close()
    finally:
        first.close()
    second = Workspace(open_store(tmp_path / "autres"))
    try:
        same_id = second.create("Autre", "generalisation-2025", EXAMPLE_CSV)
        assert same_id == dossier_id
        win = _window(tmp_path, second, qtbot)  # the same settings file
        win.open_last_dossier()
        assert win.dossier_view is None  # nothing was opened in this folder yet
        win.open_dossier(same_id)
        assert win.dossier_view is not None
        assert win.dossier_view.current_step() is Step.PORTEUR
        win.close()
    finally:
        second.close()
