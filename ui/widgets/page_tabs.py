"""Tabs whose pages scroll when the screen is too short for them, and window sizes kept
on the screen.

A 1366×768 laptop or a 1080p screen at 200 % has 540–730 px for a window; Qt opens a
window at most two thirds of the screen high, and a page of word-wrapped paragraphs cut
to that height loses its lines. The pages scroll instead, and the window opens as tall as
its tallest page needs, as far as the screen allows.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QScrollArea, QTabWidget, QWidget

from mlcoach.ui.quiet_scroll import quiet_scroll_area
from mlcoach.ui.widgets.on_screen import room_on


def screen_room(window: QWidget) -> QSize:
    """The largest size `window` can have and stay whole on its screen."""
    return room_on(window.screen())


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """`window.resize(width, height)`, but no larger than its screen allows."""
    window.resize(QSize(width, height).boundedTo(screen_room(window))
                  .expandedTo(window.minimumSize()))


class PageTabs(QTabWidget):
    """A QTabWidget of pages, each in a frameless vertical scroll area.

    `currentWidget`, `setCurrentWidget` and `indexOf` take and return the pages, not
    their scroll areas.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._areas: dict[QWidget, QScrollArea] = {}

    def add_page(self, page: QWidget, title: str) -> int:
        """Add `page` in a scroll area under `title`; its index."""
        area = quiet_scroll_area(page, self, name=page.accessibleName() or None,
                                 focus_inside=True)
        self._areas[page] = area
        return self.addTab(area, title)

    def currentWidget(self) -> QWidget:
        shown = super().currentWidget()
        if isinstance(shown, QScrollArea) and shown in self._areas.values():
            return shown.widget() or shown
        return shown

    def setCurrentWidget(self, widget: QWidget) -> None:
        super().setCurrentWidget(self._areas.get(widget, widget))

    def indexOf(self, widget: QWidget) -> int:
        return super().indexOf(self._areas.get(widget, widget))

    def overflow(self) -> int:
        """How many pixels the tallest page needs beyond the height it is shown in."""
        shown = super().currentWidget()
        if not isinstance(shown, QScrollArea):
            return 0
        # Hidden tabs are not laid out: every page gets the shown one's room. Each is
        # measured as wide as it is beside a scroll bar: a scroll area first laid out
        # narrower keeps its bar while the page fills the room to the pixel (Qt measures
        # the page at the width it has), and the page would scroll by those pixels.
        room = shown.viewport().size()
        width = shown.maximumViewportSize().width() - shown.verticalScrollBar().sizeHint().width()
        worst = 0
        for page in self._areas:
            need = page.heightForWidth(width) if page.hasHeightForWidth() else -1
            if need < 0:
                need = page.sizeHint().height()
            worst = max(worst, need - room.height())
        return worst

    def fit_window(self) -> None:
        """Make the window as tall as the tallest page needs, within its screen."""
        window = self.window()
        layout = window.layout()
        if layout is not None:
            layout.activate()
        extra = self.overflow()
        if extra > 0:
            resize_within_screen(window, window.width(), window.height() + extra)
