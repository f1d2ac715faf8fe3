"""The axis charts: stacked bars per week and lines per month, with a shared legend."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QWidget,
)

from mlcoach.ui.charts.base import (
    MARKERS,
    Chart,
    fill_brush,
    format_number,
    mix,
    nice_scale,
    paint_marker,
    paint_swatch,
    series_colour,
    spaced_labels,
)


@dataclass(frozen=True, slots=True)
class _Plot:
    """The plotting rectangle and the value scale of an axis chart."""

    area: QRectF
    top: float
    step: float
    low: float = 0.0

    def y(self, value: float) -> float:
        span = self.top - self.low or 1.0
        return self.area.bottom() - (value - self.low) / span * self.area.height()


class _AxisChart(Chart):
    """Shared axes, grid, x labels and legend of the bar and line charts."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._labels: list[str] = []
        self._legend: list[str] = []
        self._low, self._high = 0.0, 0.0
        self._y_format: Callable[[float], str] = format_number
        self._plot: _Plot | None = None

    def _slot(self, plot: _Plot) -> float:
        """The width of one label's column (one bar or one point each)."""
        return plot.area.width() / max(1, len(self._labels))

    def item_rect(self, index: int) -> QRectF:
        plot = self._plot
        if plot is None:
            return QRectF()
        slot = self._slot(plot)
        return QRectF(plot.area.left() + slot * index, plot.area.top(), slot,
                      plot.area.height())

    def sizeHint(self) -> QSize:
        return QSize(480, 220)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 160)

    def _legend_height(self, fm: QFontMetrics, width: float) -> float:
        if len(self._legend) < 2:
            return 0.0
        rows, x = 1, 0.0
        for name in self._legend:
            item = fm.height() + 6 + fm.horizontalAdvance(name) + 14
            if x and x + item > width:
                rows, x = rows + 1, 0.0
            x += item
        return rows * (fm.height() + 4) + 4

    def _paint_legend(self, p: QPainter, fm: QFontMetrics, swatch: Callable[..., None]) -> None:
        if len(self._legend) < 2:
            return
        x, y = 4.0, 2.0
        text = self.palette().color(QPalette.ColorRole.WindowText)
        for i, name in enumerate(self._legend):
            item = fm.height() + 6 + fm.horizontalAdvance(name) + 14
            if x > 4 and x + item > self.width():
                x, y = 4.0, y + fm.height() + 4
            swatch(p, QRectF(x, y + 1, fm.height() - 2, fm.height() - 2), i)
            p.setPen(text)
            p.drawText(QPointF(x + fm.height() + 4, y + fm.ascent()), name)
            x += item

    def _layout(self, fm: QFontMetrics) -> _Plot:
        top, step = nice_scale(self._high) if self._low == 0 else (self._high, 1.0)
        if self._low != 0:
            step = (self._high - self._low) / 4
        ticks = [self._low + i * step for i in range(round((top - self._low) / step) + 1)]
        label_w = max(fm.horizontalAdvance(self._y_format(t)) for t in ticks) + 8
        legend = self._legend_height(fm, self.width() - 8)
        area = QRectF(label_w, legend + fm.height() / 2 + 2, self.width() - label_w - 8,
                      self.height() - legend - fm.height() * 2 - 6)
        return _Plot(area, top, step, self._low)

    def _paint_axes(self, p: QPainter, fm: QFontMetrics, plot: _Plot, slots: int) -> None:
        p.setPen(QPen(self.grid(), 1))
        value = plot.low
        while value <= plot.top + 1e-9:
            y = round(plot.y(value)) + 0.5
            p.drawLine(QPointF(plot.area.left(), y), QPointF(plot.area.right(), y))
            p.setPen(self.muted())
            label = self._y_format(value)
            p.drawText(QRectF(0, y - fm.height() / 2, plot.area.left() - 6, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            p.setPen(QPen(self.grid(), 1))
            value += plot.step
        # x labels: skip those that would overlap the previous one
        p.setPen(self.muted())
        slot = plot.area.width() / max(1, slots)
        placed = []
        for i, label in enumerate(self._labels):
            if label:
                x = plot.area.left() + slot * i + slot / 2
                w = fm.horizontalAdvance(label)
                placed.append((min(max(x - w / 2, 0), self.width() - w), w, label))
        for left, _w, label in spaced_labels(placed, 6):
            p.drawText(QPointF(left, plot.area.bottom() + fm.ascent() + 4), label)


class StackedBarChart(_AxisChart):
    """Bars made of stacked series (e.g. moments per week by kind), with a patterned legend."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._values: list[list[int]] = []

    def set_data(self, labels: Sequence[str], series: Sequence[str],
                 values: Sequence[Sequence[int]], tips: Sequence[str]) -> None:
        """One bar per label; values[i][s] is series s in bar i."""
        self._labels, self._legend = list(labels), list(series)
        self._values = [list(v) for v in values]
        self._tips = list(tips)
        self._high = float(max((sum(v) for v in self._values), default=0))
        self._hover = None
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        if self.paint_empty(p):
            return
        fm = p.fontMetrics()
        pal = self.palette()
        plot = self._plot = self._layout(fm)
        self._paint_legend(p, fm, lambda pp, r, i: paint_swatch(pp, r, pal, i))
        self._paint_axes(p, fm, plot, len(self._values))
        slot = self._slot(plot)
        bar = max(2.0, min(slot * 0.72, 28.0))
        edge = pal.color(QPalette.ColorRole.Window)
        for i, values in enumerate(self._values):
            x = plot.area.left() + slot * i + (slot - bar) / 2
            base = 0
            if i == self._hover:
                p.fillRect(self.item_rect(i), mix(edge, pal.color(QPalette.ColorRole.Highlight),
                                                  0.18))
            for s, value in enumerate(values):
                if not value:
                    continue
                y0, y1 = plot.y(base), plot.y(base + value)
                rect = QRectF(x, y1, bar, y0 - y1)
                fill, hatch = fill_brush(pal, s)
                p.fillRect(rect, fill)
                if hatch.style() != Qt.BrushStyle.SolidPattern and rect.height() >= 3:
                    p.fillRect(rect, hatch)
                p.setPen(QPen(edge, 1))  # a hairline between segments
                p.drawLine(QPointF(rect.left(), rect.top()), QPointF(rect.right(), rect.top()))
                base += value
        self.paint_focus(p)


class LineChart(_AxisChart):
    """One or more lines over the same labels; None leaves a gap. Markers differ per line."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._series: list[list[float | None]] = []

    def set_data(self, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]],
                 tips: Sequence[str], *, y_range: tuple[float, float] | None = None,
                 y_format: Callable[[float], str] = format_number) -> None:
        """Lines over `labels`; a fixed `y_range` keeps scales comparable (e.g. 0-100 %)."""
        self._labels = list(labels)
        self._legend = [name for name, _ in series]
        self._series = [list(values) for _, values in series]
        self._tips = list(tips)
        self._y_format = y_format
        found = [v for values in self._series for v in values if v is not None]
        if y_range is not None:
            self._low, self._high = y_range
        else:
            self._low, self._high = 0.0, max(found, default=0.0)
        if not found:
            self._tips = []
        self._hover = None
        self.update()

    def _x(self, plot: _Plot, index: int) -> float:
        slot = self._slot(plot)
        return plot.area.left() + slot * index + slot / 2

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        if self.paint_empty(p):
            return
        fm = p.fontMetrics()
        pal = self.palette()
        plot = self._plot = self._layout(fm)

        def swatch(pp: QPainter, rect: QRectF, i: int) -> None:
            colour = series_colour(pal, i)
            pp.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            pp.setPen(QPen(colour, 2))
            pp.drawLine(QPointF(rect.left(), rect.center().y()),
                        QPointF(rect.right(), rect.center().y()))
            pp.setBrush(colour)
            paint_marker(pp, rect.center(), MARKERS[i % len(MARKERS)], 6)

        self._paint_legend(p, fm, swatch)
        self._paint_axes(p, fm, plot, len(self._labels))
        if self._hover is not None:
            p.fillRect(self.item_rect(self._hover),
                       mix(pal.color(QPalette.ColorRole.Window),
                           pal.color(QPalette.ColorRole.Highlight), 0.18))
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for s, values in enumerate(self._series):
            colour = series_colour(pal, s)
            pen = QPen(colour, 2)
            if s % 2:
                pen.setStyle(Qt.PenStyle.DashLine)
            path = QPainterPath()
            drawing = False
            for i, value in enumerate(values):
                if value is None:
                    drawing = False
                    continue
                point = QPointF(self._x(plot, i), plot.y(value))
                if drawing:
                    path.lineTo(point)
                else:
                    path.moveTo(point)
                    drawing = True
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
            p.setPen(QPen(pal.color(QPalette.ColorRole.Window), 1))
            p.setBrush(colour)
            size = 7.0 if len(values) <= 60 else 4.0
            for i, value in enumerate(values):
                if value is not None:
                    big = size + 3 if i == self._hover else size
                    paint_marker(p, QPointF(self._x(plot, i), plot.y(value)),
                                 MARKERS[s % len(MARKERS)], big)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        self.paint_focus(p)
