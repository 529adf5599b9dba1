"""A small line chart: one indicator's trajectory period after period against its threshold.

QtCharts is not installed, and :class:`esms_desktop.ui.chart.BarChart` draws bars, not a
trajectory: this paints with QPainter and the palette's colours (light or dark). It draws what it
is given — the values come from the domain (``usage_progress``); the accessible description
repeats the figures, so the chart is never the only way to read them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class TrajectoryChart(QWidget):
    """Points (period label, value or None) joined by a line; the threshold as a dashed line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: list[tuple[str, float | None]] = []
        self._threshold: float | None = None
        self._maximum: float | None = None
        self._caption = ""
        self._unit = ""
        self._threshold_label = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(170)

    def set_series(
        self,
        points: Sequence[tuple[str, float | None]],
        threshold: float | None,
        *,
        maximum: float | None = None,
        caption: str = "",
        description: str = "",
        unit: str = "",
        threshold_label: str = "",
    ) -> None:
        """``maximum`` fixes the top of the scale (100 for a share); else the data's top.
        ``unit`` follows the scale's figures (« % »); ``threshold_label`` is written at the
        dashed line's end, so the line reads as the threshold without a legend."""
        self._points = list(points)
        self._unit = unit
        self._threshold_label = threshold_label
        self._threshold = threshold
        self._maximum = maximum
        self._caption = caption
        self.setAccessibleDescription(description)
        self.update()

    @property
    def points(self) -> list[tuple[str, float | None]]:
        return list(self._points)

    @property
    def threshold(self) -> float | None:
        return self._threshold

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(520, 190)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        fm = painter.fontMetrics()
        values = [v for _label, v in self._points if v is not None]
        top_value = self._maximum or max([*values, self._threshold or 0.0, 1.0]) * 1.1
        suffix = f" {self._unit}" if self._unit else ""
        left = fm.horizontalAdvance(f"{top_value:.0f}{suffix}") + 10
        plot = QRectF(left, fm.height() + 6, self.width() - left - 10, 0)
        plot.setBottom(self.height() - fm.height() - 8)
        painter.setPen(text)
        if self._caption:
            painter.drawText(QPointF(left, fm.ascent() + 2), self._caption)
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        painter.drawText(QPointF(2, plot.top() + fm.ascent() / 2), f"{top_value:.0f}{suffix}")
        painter.drawText(QPointF(2, plot.bottom()), f"0{suffix}")
        if not self._points or plot.height() <= 0:
            return

        def y_of(value: float) -> float:
            return plot.bottom() - plot.height() * min(value, top_value) / top_value

        step = plot.width() / max(1, len(self._points))
        xs = [plot.left() + step * (i + 0.5) for i in range(len(self._points))]
        for x, (label, _value) in zip(xs, self._points, strict=True):
            width = fm.horizontalAdvance(label)
            if width < step or len(self._points) <= 8:
                painter.drawText(QPointF(x - width / 2, self.height() - 4), label)
        if self._threshold is not None:
            pen = QPen(pal.color(QPalette.ColorRole.Mid), 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            y = y_of(self._threshold)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            if self._threshold_label:
                # at the left end, before the first period's point: never over a value
                painter.setPen(text)
                painter.drawText(QPointF(plot.left() + 4, y - 3), self._threshold_label)
        line = QPen(pal.color(QPalette.ColorRole.Highlight), 2.0)
        painter.setPen(line)
        path = QPainterPath()
        started = False
        for x, (_label, value) in zip(xs, self._points, strict=True):
            if value is None:
                started = False  # a period without values breaks the line
                continue
            point = QPointF(x, y_of(value))
            if started:
                path.lineTo(point)
            else:
                path.moveTo(point)
                started = True
        painter.drawPath(path)
        painter.setBrush(pal.color(QPalette.ColorRole.Highlight))
        for x, (_label, value) in zip(xs, self._points, strict=True):
            if value is not None:
                painter.drawEllipse(QPointF(x, y_of(value)), 3.0, 3.0)
