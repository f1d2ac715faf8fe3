"""A year of days as a calendar grid, shaded by how much was captured each day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QSizePolicy,
    QToolTip,
    QWidget,
)

from mlcoach.ui.charts.base import (
    Chart,
    is_dark,
    mix,
    spaced_labels,
)


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
        for x, _w, name in spaced_labels(months, 4):
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
