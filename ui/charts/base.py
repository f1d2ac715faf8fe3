"""The base of the QPainter charts, their colours and patterns, and the card that holds one.

No QtCharts (it is not in PySide6-Essentials): each chart is a plain widget that
paints with colours taken from its palette, so it reads in light and dark
themes. Every chart shows exact numbers in a tooltip on hover, and the arrow
keys walk its bars or points for keyboard users; the caller keeps a table of
the same numbers next to it. Charts get their words from the caller, already
translated.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
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
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from mlcoach.ui.colours import mute
from mlcoach.ui.widgets.plain_text import Label

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


def format_number(value: float) -> str:
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


class ChartCard(QFrame):
    """A titled chart with a one-line summary and a "Table" toggle showing the same numbers."""

    def __init__(self, title: str, chart: Chart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.chart = chart
        self.title = Label(title, self)
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.summary = Label(self)
        self.summary.setWordWrap(True)
        mute(self.summary)
        self.summary.setAccessibleDescription(self.tr("%1: summary").replace("%1", title))
        self.toggle = QToolButton(self)
        self.toggle.setCheckable(True)
        self.toggle.setText(self.tr("Table"))
        self.toggle.setToolTip(self.tr("Show the exact numbers as a table"))
        self.toggle.setAccessibleName(self.tr("Show %1 as a table").replace("%1", title))
        self.table = QTableView(self)
        self.table.setAccessibleName(self.tr("%1 (table)").replace("%1", title))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
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


def spaced_labels(labels: Sequence[tuple[float, float, str]],
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
