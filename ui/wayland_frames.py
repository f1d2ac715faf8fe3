"""Wayland's window rules: the compositor places windows, and one full repaint of a
window shortly after it becomes active.

KWin 5.27 drawing in software (virtual machines, headless sessions) sometimes showed a
new window's first frame as stripes, and kept showing them wherever Qt did not paint
again: the quick-capture window in 11 of 17 desktop-matrix runs, in none of 13 with this
repaint. It costs one repaint of the window each time it is activated.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def placed_by_compositor(platform: str | None = None) -> bool:
    """True on Wayland (`platform`: Qt's platform name, the running app's by default),
    where the compositor places a new window (GNOME and KDE centre it) and a client's
    move() is ignored."""
    name = QGuiApplication.platformName() if platform is None else platform
    return name.startswith("wayland")


class RepaintWhenActive(QObject):
    """Event filter for top-level windows: repaint the whole window DELAY_MS after it is
    activated (once the compositor's configure and the first buffers have settled)."""

    DELAY_MS = 100

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate and isinstance(watched, QWidget):
            QTimer.singleShot(self.DELAY_MS, watched, watched.update)
        return False
