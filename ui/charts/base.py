"""Small QPainter charts: stacked bars, lines, labelled bars and a year calendar.

No QtCharts (it is not in PySide6-Essentials): each chart is a plain widget that
paints with colours taken from its palette, so it reads in light and dark
themes. Every chart shows exact numbers in a tooltip on hover, and the arrow
keys walk its bars or points for keyboard users; the caller keeps a table of
the same numbers next to it. Charts get their words from the caller, already
translated.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from mlcoach.ui.colours import mute

# Okabe-Ito based series colours, one set tuned for light and one for dark backgrounds:
# each keeps at least 3:1 contrast with its background (WCAG non-text contrast).
_LIGHT = ("#0072B2", "#B86E00", "#008A65", "#B5508F", "#5E3C99", "#8C6D31", "#6B6B6B")
_DARK = ("#56B4E9", "#E69F00", "#2FC79A", "#E08CC2", "#B39DDB", "#D4B483", "#BDBDBD")
# A second cue besides colour: each series also has its own hatching.
PATTERNS = (
    Qt.BrushStyle.SolidPattern, Qt.BrushStyle.BDiagPattern, Qt.BrushStyle.Dense5Pattern,
    Qt.BrushStyle.HorPattern, Qt.BrushStyle.FDiagPattern, Qt.BrushStyle.CrossPattern,
    Qt.BrushStyle.VerPattern,
)
MARKERS = ("circle", "square", "diamond", "triangle")


def is_dark(palette: QPalette) -> bool:
    """Whether the palette paints light text on a dark window."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """`a` moved `t` of the way towards `b`."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def series_colour(palette: QPalette, index: int) -> QColor:
    """The colour of series `index` on this palette."""
    colours = _DARK if is_dark(palette) else _LIGHT
    return QColor(colours[index % len(colours)])


def nice_scale(top: float, steps: int = 4) -> tuple[float, float]:
    """A round axis maximum at or above `top` and its tick step."""
    if top <= 0:
        return 1.0, 1.0
    raw = top / steps
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if step < 1 and top >= 1:
        step = 1
    return step * math.ceil(top / step), step


def _number(value: float) -> str:
    return QLocale().toString(value, "g", 6)  # 2,5 in Turkish


def fill_brush(palette: QPalette, index: int) -> tuple[QBrush, QBrush]:
    """Fill and hatch brushes for series `index`: colour plus a pattern."""
    colour = series_colour(palette, index)
    pattern = PATTERNS[index % len(PATTERNS)]
    hatch = QColor(0, 0, 0, 120) if colour.lightness() > 140 else QColor(255, 255, 255, 140)
    return QBrush(colour), QBrush(hatch, pattern)


def paint_swatch(p: QPainter, rect: QRectF, palette: QPalette, index: int) -> None:
    """A legend swatch: the series colour, its hatching and an outline."""
    fill, hatch = fill_brush(palette, index)
    p.fillRect(rect, fill)
    if hatch.style() != Qt.BrushStyle.SolidPattern:
        p.fillRect(rect, hatch)
    p.setPen(QPen(palette.color(QPalette.ColorRole.WindowText), 1))
    p.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))


def paint_marker(p: QPainter, centre: QPointF, shape: str, size: float) -> None:
    """A point marker; each line series uses its own shape."""
    r = size / 2
    if shape == "square":
        p.drawRect(QRectF(centre.x() - r, centre.y() - r, size, size))
    elif shape == "diamond":
        path = QPainterPath(QPointF(centre.x(), centre.y() - r - 1))
        for dx, dy in ((r + 1, 0), (0, r + 1), (-r - 1, 0)):
            path.lineTo(centre.x() + dx, centre.y() + dy)
        path.closeSubpath()
        p.drawPath(path)
    elif shape == "triangle":
        path = QPainterPath(QPointF(centre.x(), centre.y() - r - 1))
        path.lineTo(centre.x() + r + 1, centre.y() + r)
        path.lineTo(centre.x() - r - 1, centre.y() + r)
        path.closeSubpath()
        p.drawPath(path)
    else:
        p.drawEllipse(centre, r, r)


class Chart(QWidget):
    """Base chart: items that can be hovered or walked with the keyboard, with tooltips."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(title)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._hover: int | None = None
        self._tips: list[str] = []
        self._empty_text = ""

    # -- for subclasses -------------------------------------------------------------------

    def item_count(self) -> int:
        """How many hoverable items there are."""
        return len(self._tips)

    def item_rect(self, index: int) -> QRectF:
        """Where item `index` is, for hit-testing and tooltips."""
        return QRectF()

    def item_tip(self, index: int) -> str:
        """The exact numbers of item `index`."""
        return self._tips[index] if 0 <= index < len(self._tips) else ""

    # -- shared behaviour -------------------------------------------------------------------

    def set_empty_text(self, text: str) -> None:
        """What to say when there is nothing to draw."""
        self._empty_text = text
        self.update()

    def hovered(self) -> int | None:
        """The item under the mouse or the keyboard focus."""
        return self._hover

    def set_hovered(self, index: int | None) -> None:
        """Highlight item `index` (None: nothing) and describe it for screen readers."""
        if index is not None and not 0 <= index < self.item_count():
            index = None
        if index != self._hover:
            self._hover = index
            self.setAccessibleDescription(self.item_tip(index) if index is not None else "")
            self.update()

    def item_at(self, pos: QPointF) -> int | None:
        """The item under `pos`, if any."""
        for i in range(self.item_count()):
            if self.item_rect(i).contains(pos):
                return i
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.item_at(QPointF(event.pos()))
            if index is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.item_tip(index), self,
                                  self.item_rect(index).toAlignedRect())
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.set_hovered(self.item_at(event.position()))
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if not self.hasFocus():
            self.set_hovered(None)
        super().leaveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        count = self.item_count()
        moves = {Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_Right: 1,
                 Qt.Key.Key_Down: 1}
        key = Qt.Key(event.key())
        if count and (key in moves or key in (Qt.Key.Key_Home, Qt.Key.Key_End)):
            current = self._hover if self._hover is not None else -1
            if key == Qt.Key.Key_Home:
                index = 0
            elif key == Qt.Key.Key_End:
                index = count - 1
            else:
                index = min(count - 1, max(0, current + moves[key]))
            self.set_hovered(index)
            rect = self.item_rect(index)
            QToolTip.showText(self.mapToGlobal(rect.center().toPoint()), self.item_tip(index),
                              self)
            return
        super().keyPressEvent(event)

    def paint_empty(self, p: QPainter) -> bool:
        """Say there is nothing to show; True when that is the case."""
        if self.item_count():
            return False
        p.setPen(self.muted())
        p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._empty_text)
        return True

    def muted(self) -> QColor:
        """Colour for axes, grid and secondary words."""
        pal = self.palette()
        return mix(pal.color(QPalette.ColorRole.WindowText), pal.color(QPalette.ColorRole.Window),
                   0.42)  # 4.5:1 in light and dark palettes: it writes numbers and words

    def grid(self) -> QColor:
        pal = self.palette()
        return mix(pal.color(QPalette.ColorRole.WindowText), pal.color(QPalette.ColorRole.Window),
                   0.85)

    def paint_focus(self, p: QPainter) -> None:
        if self.hasFocus():
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DotLine)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))


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
        self._y_format: Callable[[float], str] = _number
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
        for left, _w, label in _spaced(placed, 6):
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
                 y_format: Callable[[float], str] = _number) -> None:
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


class LabelledBarChart(Chart):
    """Horizontal bars with their label and number written out (e.g. theme balance).

    Each row shows a filled bar (the main value) over a faint one (the total it is of).
    """

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._labels: list[str] = []
        self._values: list[int] = []
        self._totals: list[int] = []
        self._texts: list[str] = []

    def set_data(self, labels: Sequence[str], values: Sequence[int], totals: Sequence[int],
                 texts: Sequence[str], tips: Sequence[str]) -> None:
        """One row per label: `values` filled, `totals` faint, `texts` written at the end."""
        self._labels, self._values = list(labels), list(values)
        self._totals, self._texts, self._tips = list(totals), list(texts), list(tips)
        self._hover = None
        self.updateGeometry()
        self.update()

    def _row(self) -> float:
        return self.fontMetrics().height() + 6

    def sizeHint(self) -> QSize:
        return QSize(480, int(self._row() * max(len(self._labels), 3)) + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def item_rect(self, index: int) -> QRectF:
        return QRectF(0, 2 + index * self._row(), self.width(), self._row())

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        if self.paint_empty(p):
            return
        fm = p.fontMetrics()
        pal = self.palette()
        label_w = max(fm.horizontalAdvance(t) for t in self._labels) + 12
        text_w = max(fm.horizontalAdvance(t) for t in self._texts) + 12
        width = max(10.0, self.width() - label_w - text_w - 4)
        top = max(max(self._totals, default=0), max(self._values, default=0), 1)
        colour = series_colour(pal, 0)
        faint = mix(pal.color(QPalette.ColorRole.Window), colour, 0.25)
        text = pal.color(QPalette.ColorRole.WindowText)
        for i, label in enumerate(self._labels):
            row = self.item_rect(i)
            if i == self._hover:
                p.fillRect(row, mix(pal.color(QPalette.ColorRole.Window),
                                    pal.color(QPalette.ColorRole.Highlight), 0.18))
            bar_h = row.height() - 8
            y = row.top() + 4
            p.setPen(text)
            p.drawText(QRectF(4, row.top(), label_w - 8, row.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            p.fillRect(QRectF(label_w, y, width * self._totals[i] / top, bar_h), faint)
            p.fillRect(QRectF(label_w, y, width * self._values[i] / top, bar_h), colour)
            end = label_w + width * max(self._totals[i], self._values[i]) / top
            p.setPen(text)
            p.drawText(QRectF(end + 6, row.top(), text_w, row.height()),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self._texts[i])
        self.paint_focus(p)


class CalendarChart(Chart):
    """A year of days as a grid of weeks (columns, Monday on top); darker means more activity."""

    LEVELS = 5

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._start = self._end = date.today()
        self._counts: dict[date, int] = {}
        self._days: list[date] = []
        self._cuts: list[int] = []
        self._month_names: list[str] = []
        self._weekday_names: list[str] = []
        self._today: date | None = None
        self._less_more = ("", "")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_data(self, start: date, end: date, counts: dict[date, int], tips: Sequence[str], *,
                 month_names: Sequence[str], weekday_names: Sequence[str],
                 less_more: tuple[str, str], today: date | None = None) -> None:
        """Days `start`..`end` (tips in that order); month and weekday names from the caller."""
        self._start, self._end, self._counts = start, end, dict(counts)
        self._days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
        self._tips = list(tips)
        self._month_names, self._weekday_names = list(month_names), list(weekday_names)
        self._less_more, self._today = less_more, today
        busy = sorted(n for d, n in counts.items() if n and start <= d <= end)
        # Quartiles of the active days, like GitHub's contribution graph.
        self._cuts = [busy[min(len(busy) - 1, int(len(busy) * q))] for q in (0.25, 0.5, 0.75)] \
            if busy else []
        self._hover = None
        self.update()

    def level(self, count: int) -> int:
        """0 for an empty day, then 1-4 by quartile of the busy days."""
        if count <= 0:
            return 0
        return 1 + sum(1 for cut in self._cuts if count > cut)

    def level_colour(self, level: int) -> QColor:
        pal = self.palette()
        window = pal.color(QPalette.ColorRole.Window)
        text = pal.color(QPalette.ColorRole.WindowText)
        if level == 0:
            return mix(window, text, 0.1)
        accent = QColor("#39D353") if is_dark(pal) else QColor("#1A7F37")
        return mix(window, accent, (0.3, 0.52, 0.76, 1.0)[level - 1])

    def _geometry(self) -> tuple[float, float, float]:
        """(cell size, left edge, top edge)."""
        fm = self.fontMetrics()
        weeks = (self._end - self._start).days // 7 + 2
        left = max((fm.horizontalAdvance(n) for n in self._weekday_names), default=0) + 8
        top = fm.height() + 4
        cell = min((self.width() - left - 4) / weeks,
                   (self.height() - top - fm.height() - 10) / 7, 18.0)
        return max(cell, 6.0), left, top

    def _cell(self, day: date) -> QRectF:
        cell, left, top = self._geometry()
        first_monday = self._start - timedelta(days=self._start.weekday())
        col = (day - first_monday).days // 7
        return QRectF(left + col * cell, top + day.weekday() * cell, cell - 2, cell - 2)

    def item_rect(self, index: int) -> QRectF:
        return self._cell(self._days[index]) if 0 <= index < len(self._days) else QRectF()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Up/down move a day, left/right a week, as the grid is laid out.
        key = Qt.Key(event.key())
        step = {Qt.Key.Key_Left: -7, Qt.Key.Key_Right: 7, Qt.Key.Key_Up: -1,
                Qt.Key.Key_Down: 1}.get(key)
        if step is not None and self._days:
            current = self._hover if self._hover is not None else len(self._days) - 1 - step
            index = min(len(self._days) - 1, max(0, current + step))
            self.set_hovered(index)
            QToolTip.showText(self.mapToGlobal(self.item_rect(index).center().toPoint()),
                              self.item_tip(index), self)
            return
        super().keyPressEvent(event)

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(53 * 16 + 60, 7 * 16 + fm.height() * 2 + 14)

    def minimumSizeHint(self) -> QSize:
        return QSize(53 * 8 + 40, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        if not self._days:
            return
        fm = p.fontMetrics()
        pal = self.palette()
        cell, left, top = self._geometry()
        muted = self.muted()
        p.setPen(muted)
        for row in (0, 2, 4):
            if row < len(self._weekday_names):
                p.drawText(QRectF(0, top + row * cell, left - 6, cell - 2),
                           Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                           self._weekday_names[row])
        months = [(self._cell(day).left(), fm.horizontalAdvance(name), name)
                  for day in self._days
                  if (day.day <= 7 and day.weekday() == 0) or day == self._start
                  for name in [self._month_names[day.month - 1]]]
        for x, _w, name in _spaced(months, 4):
            p.drawText(QPointF(x, fm.ascent()), name)
        for i, day in enumerate(self._days):
            rect = self._cell(day)
            p.fillRect(rect, self.level_colour(self.level(self._counts.get(day, 0))))
            if day == self._today or i == self._hover:
                p.setPen(QPen(pal.color(QPalette.ColorRole.WindowText), 1.5 if i == self._hover
                              else 1))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(rect.adjusted(-0.5, -0.5, 0.5, 0.5))
        # legend: Less [] [] [] [] [] More
        less, more = self._less_more
        y = top + 7 * cell + 4
        size = min(cell, fm.height()) - 2
        x = self.width() - 8 - fm.horizontalAdvance(more) - 6 - self.LEVELS * (size + 3) \
            - fm.horizontalAdvance(less) - 6
        p.setPen(muted)
        p.drawText(QPointF(x, y + fm.ascent()), less)
        x += fm.horizontalAdvance(less) + 6
        for level in range(self.LEVELS):
            p.fillRect(QRectF(x, y + (fm.height() - size) / 2, size, size),
                       self.level_colour(level))
            x += size + 3
        p.setPen(muted)
        p.drawText(QPointF(x + 3, y + fm.ascent()), more)
        self.paint_focus(p)


class ChartCard(QFrame):
    """A titled chart with a one-line summary and a "Table" toggle showing the same numbers."""

    def __init__(self, title: str, chart: Chart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.chart = chart
        self.title = QLabel(title, self)
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        mute(self.summary)
        self.summary.setAccessibleName(self.tr("%1: summary").replace("%1", title))
        self.toggle = QToolButton(self)
        self.toggle.setCheckable(True)
        self.toggle.setText(self.tr("Table"))
        self.toggle.setToolTip(self.tr("Show the exact numbers as a table"))
        self.toggle.setAccessibleName(self.tr("Show %1 as a table").replace("%1", title))
        self.table = QTableView(self)
        self.table.setAccessibleName(self.tr("%1 (table)").replace("%1", title))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setModel(QStandardItemModel(self.table))
        # Ignored: the card is as tall as its chart; the table scrolls within that.
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(chart)
        self.stack.addWidget(self.table)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.toggle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.addLayout(head)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)
        self.toggle.toggled.connect(self.show_table)

    def show_table(self, on: bool) -> None:
        """Switch between the chart and its table."""
        self.toggle.setChecked(on)
        self.stack.setCurrentWidget(self.table if on else self.chart)

    def set_table(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        """The numbers behind the chart, one row per bar, point or day."""
        model = QStandardItemModel(len(rows), len(headers), self.table)
        model.setHorizontalHeaderLabels(list(headers))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QStandardItem(value)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                model.setItem(r, c, item)
        old = self.table.model()
        self.table.setModel(model)
        if old is not None:
            old.deleteLater()

    def table_rows(self) -> list[list[str]]:
        """The table's cells as text (for tests and copying)."""
        model = self.table.model()
        return [[str(model.index(r, c).data() or "") for c in range(model.columnCount())]
                for r in range(model.rowCount())]


def _spaced(labels: Sequence[tuple[float, float, str]],
            gap: float) -> list[tuple[float, float, str]]:
    """(left, width, text) labels left to right, dropping any that would overlap.

    The first label usually names a partial month at the very edge: when it
    crowds the second, the second (a whole month) is the one kept.
    """
    items = list(labels)
    if len(items) >= 2 and items[1][0] < items[0][0] + items[0][1] + gap:
        items.pop(0)
    kept: list[tuple[float, float, str]] = []
    for item in items:
        if not kept or item[0] >= kept[-1][0] + kept[-1][1] + gap:
            kept.append(item)
    return kept
