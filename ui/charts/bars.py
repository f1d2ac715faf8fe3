"""A horizontal bar per label with its count written beside it (theme balance)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import (
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QWidget,
)

from mlcoach.ui.charts.base import (
    Chart,
    mix,
    series_colour,
)


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
