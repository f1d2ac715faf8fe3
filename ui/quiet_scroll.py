"""A scroll area that looks like part of its page: no frame, no horizontal bar, the
page's own background behind it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QWidget


class _QuietArea(QScrollArea):
    """Never narrower than what it shows needs: with no sideways scroll bar, a wider
    page (a large font, a long translation) would be cut at the right edge."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        content = self.widget()
        if content is None:
            return hint
        need = content.minimumSizeHint().expandedTo(content.minimumSize()).width()
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), need + bar + 2 * self.frameWidth()), hint.height())


def quiet_scroll_area(content: QWidget, parent: QWidget, *, name: str | None = None,
                      focus_inside: bool = False) -> QScrollArea:
    """Wrap `content` in a frameless, vertical-only scroll area.

    Args:
        name: the accessible name of the area.
        focus_inside: the controls inside take focus, so the area itself does not.
    """
    area = quiet(_QuietArea(parent), content, focus_inside=focus_inside)
    if name is not None:
        area.setAccessibleName(name)
    return area


def quiet(area: QScrollArea, content: QWidget, *, focus_inside: bool = True) -> QScrollArea:
    """Make `area` show `content` as part of its page: no frame, no horizontal bar, the
    page's background; with `focus_inside`, the area itself takes no focus."""
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.viewport().setAutoFillBackground(False)
    content.setAutoFillBackground(False)
    if focus_inside:
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area


class RowsArea(_QuietArea):
    """Wrapped rows (a FlowLayout's widget) shown whole where there is room; where the
    window is short (300 px high at 200 %), at least `least_rows` of them, the rest
    scrolled, rather than drawn over what is under them."""

    def __init__(self, parent: QWidget, least_rows: int) -> None:
        super().__init__(parent)
        self._least_rows = least_rows
        # never taller than its rows: the room left goes to what is under them
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def _need(self) -> int:
        content = self.widget()
        if content is None:
            return 0
        width = self.viewport().width() if self.isVisible() else self.width()
        return content.heightForWidth(width) if content.hasHeightForWidth() else -1

    def sizeHint(self) -> QSize:
        need = self._need()
        hint = super().sizeHint()
        return hint if need < 0 else QSize(hint.width(), need)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        content = self.widget()
        need = self._need()
        if content is None or need < 0:
            return hint
        row = content.minimumSizeHint().height()  # one row: the tallest item
        gap = 6
        least = self._least_rows * row + (self._least_rows - 1) * gap
        return QSize(hint.width(), min(need, least))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # as many rows as this width wraps them into


def rows_area(content: QWidget, parent: QWidget, *, least_rows: int = 2) -> QScrollArea:
    """Wrap `content`, whose rows wrap, in a quiet `RowsArea`."""
    return quiet(RowsArea(parent, least_rows), content)


class FittedArea(_QuietArea):
    """A window's whole contents: as large as they ask where the screen has the room
    (`room`, set by the window for the screen it is on), scrolled only beyond it."""

    room = QSize(16_777_215, 16_777_215)

    def sizeHint(self) -> QSize:
        content = self.widget()
        if content is None:
            return super().sizeHint()
        need = content.sizeHint().expandedTo(content.minimumSizeHint())
        if need.height() > self.room.height():  # scrolled: the bar takes room beside
            need += QSize(self.verticalScrollBar().sizeHint().width(), 0)
        return need.boundedTo(self.room)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()  # the contents whole where they fit, the bar only if not
