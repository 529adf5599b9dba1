"""Where the main window opens: on a screen that exists, never larger than what it leaves free.

A geometry saved on a large monitor, or at another scaling, came back 2594 pixels wide on a
1366-pixel laptop; the default size did not fit a 1366×768 screen less its taskbar. The window
is therefore placed inside the available geometry (taskbar excluded) of the screen it will be
on — the primary one when that screen is gone — and maximised when even the default does not
fit. The arithmetic is plain numbers (:func:`clamp_rect`, :func:`fits`) so a test can check it
without screens.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QStyle, QWidget

Rect = tuple[int, int, int, int]
"""x, y, width, height."""

DEFAULT_SIZE = (1280, 760)
FRAME_SIDE = 8
"""What the window frame takes on each side and at the bottom (resize borders), an estimate:
the frame is only known once the window is shown."""

NORMAL_KEY = "window/normal"
MAXIMIZED_KEY = "window/maximized"
LEGACY_KEY = "window/geometry"


def clamp_rect(rect: Rect, area: Rect) -> Rect:
    """``rect`` moved, and shrunk only where needed, to lie wholly inside ``area``."""
    x, y, width, height = rect
    ax, ay, aw, ah = area
    width, height = min(width, aw), min(height, ah)
    x = min(max(x, ax), ax + aw - width)
    y = min(max(y, ay), ay + ah - height)
    return (x, y, width, height)


def fits(size: tuple[int, int], area: Rect) -> bool:
    """Whether a window of ``size`` fits wholly in ``area``."""
    return size[0] <= area[2] and size[1] <= area[3]


def centred(size: tuple[int, int], area: Rect) -> Rect:
    """A rectangle of ``size`` in the middle of ``area`` (clamped when larger)."""
    x = area[0] + (area[2] - size[0]) // 2
    y = area[1] + (area[3] - size[1]) // 2
    return clamp_rect((x, y, *size), area)


def client_area(available: Rect, title_bar: int) -> Rect:
    """The room a window's client area has inside ``available``, its frame taken off."""
    x, y, width, height = available
    return (
        x + FRAME_SIDE,
        y + title_bar + FRAME_SIDE,
        max(0, width - 2 * FRAME_SIDE),
        max(0, height - title_bar - 2 * FRAME_SIDE),
    )


def _rect(r: QRect) -> Rect:
    return (r.x(), r.y(), r.width(), r.height())


def _screen_for(rect: Rect | None) -> QScreen:
    """The screen showing the middle of ``rect``; the primary one when none does."""
    if rect is not None:
        screen = QGuiApplication.screenAt(QPoint(rect[0] + rect[2] // 2, rect[1] + rect[3] // 2))
        if screen is not None:
            return screen
    return QGuiApplication.primaryScreen()


def _saved_rect(settings: QSettings) -> Rect | None:
    value = settings.value(NORMAL_KEY)
    if not isinstance(value, list | tuple) or len(value) != 4:
        return None
    try:
        x, y, width, height = (int(v) for v in value)
    except (TypeError, ValueError):
        return None
    return (x, y, width, height) if width > 0 and height > 0 else None


def _flag(value: object) -> bool:
    """A QSettings boolean: an INI file gives it back as the text « true »."""
    return value is True or str(value).lower() == "true"


def place_window(window: QWidget, settings: QSettings) -> None:
    """Give ``window`` (not shown yet) the size and place it had, fitted to today's screen.

    First run: the default size, centred, or maximised when it does not fit. A maximised window
    opens maximised again, with its normal size kept for when it is restored.
    """
    saved = _saved_rect(settings)
    maximized = _flag(settings.value(MAXIMIZED_KEY, False))
    if saved is None and settings.value(LEGACY_KEY) is not None:  # written by 0.x versions
        window.restoreGeometry(settings.value(LEGACY_KEY))
        saved = _rect(window.geometry())
        maximized = window.isMaximized()
    screen = _screen_for(saved)
    title_bar = window.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)
    room = client_area(_rect(screen.availableGeometry()), title_bar)
    if saved is None:
        maximized = not fits(DEFAULT_SIZE, room)
        saved = centred(DEFAULT_SIZE, room)
    window.setGeometry(QRect(*clamp_rect(saved, room)))
    if maximized:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def save_window(window: QWidget, settings: QSettings) -> None:
    """Remember the window's normal geometry and whether it was maximised."""
    normal = window.normalGeometry() if window.isMaximized() else window.geometry()
    if normal.isValid():
        settings.setValue(NORMAL_KEY, list(_rect(normal)))
    settings.setValue(MAXIMIZED_KEY, window.isMaximized())
    settings.remove(LEGACY_KEY)
