"""A small horizontal bar chart painted with the palette's colours (no extra dependency)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget


class BarChart(QWidget):
    """Bars for (label, value, shown text); the accessible description repeats the figures."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[tuple[str, float, str]] = []
        self._maximum: float | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(
        self, bars: Sequence[tuple[str, float, str]], maximum: float | None = None
    ) -> None:
        self._bars = list(bars)
        self._maximum = maximum
        self.setAccessibleDescription("; ".join(f"{label} : {text}" for label, _v, text in bars))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(400, max(40, 26 * len(self._bars) + 10))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if not self._bars:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        fm = painter.fontMetrics()
        label_w = min(self.width() // 3, max(fm.horizontalAdvance(b[0]) for b in self._bars) + 12)
        text_w = max(fm.horizontalAdvance(b[2]) for b in self._bars) + 12
        top = 5
        maximum = self._maximum or max((b[1] for b in self._bars), default=0) or 1
        bar_area = max(10, self.width() - label_w - text_w - 10)
        for label, value, text in self._bars:
            painter.setPen(pal.color(QPalette.ColorRole.WindowText))
            elided = fm.elidedText(label, Qt.TextElideMode.ElideRight, label_w - 8)
            painter.drawText(
                QRectF(0, top, label_w - 8, 20),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                elided,
            )
            width = bar_area * max(0.0, value) / maximum
            painter.fillRect(
                QRectF(label_w, top + 3, width, 14), pal.color(QPalette.ColorRole.Highlight)
            )
            painter.drawText(
                QRectF(label_w + width + 6, top, text_w, 20),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                text,
            )
            top += 26
        painter.end()
