"""Whether a system tray is there now, and word when one comes or goes.

Qt answers `QSystemTrayIcon.isSystemTrayAvailable()` when asked and tells no one when
the answer changes. Two trays, two ways to follow them:

- A StatusNotifierItem tray (KDE Plasma, GNOME with the AppIndicator extension) is
  the owner of org.kde.StatusNotifierWatcher on the session bus; its comings and goings
  are followed on the bus (NameOwnerChanged). Qt (6.11) asks the bus afresh at each
  call, but where an XEmbed tray is there too (KDE on X11: xembedsniproxy holds the
  XEmbed selection) it answers True for that one after the watcher left, though the
  icon went to the watcher and nobody shows it: the watcher gone counts as no tray.
- An XEmbed tray (trayer, stalonetray, older panels on X11) is found by Qt itself,
  when asked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from mlcoach.ui.session_bus import SessionBus

logger = logging.getLogger(__name__)

WATCHER = "org.kde.StatusNotifierWatcher"


def _qt_says() -> bool:
    from PySide6.QtWidgets import QSystemTrayIcon

    return QSystemTrayIcon.isSystemTrayAvailable()


class TrayPresence(QObject):
    """Follows the tray.

    Signals:
        changed(bool): a tray is there now (True), or the one there went away (False).
    """

    changed = Signal(bool)

    def __init__(self, bus: SessionBus | None, qt_says: Callable[[], bool] = _qt_says,
                 parent: QObject | None = None) -> None:
        """Args: bus: the session bus the watcher is followed on (None: not followed);
        qt_says: Qt's own answer (injected by tests that cannot have a tray)."""
        super().__init__(parent)
        self._bus = bus
        self._qt_says = qt_says
        self._watcher_left = False  # it was there and went: no tray, whatever Qt says
        self._last: bool | None = None

    def start(self) -> None:
        """Follow the watcher from now on (its first answer comes later)."""
        self._last = self.available()
        if self._bus is not None:
            self._bus.watch_owner(WATCHER, self._watcher_changed)

    def available(self) -> bool:
        """Whether a tray would show the icon now."""
        return not self._watcher_left and self._qt_says()

    def check(self) -> None:
        """Ask again; say so when the answer changed."""
        now = self.available()
        if now != self._last:
            self._last = now
            logger.info("system tray %s", "there" if now else "gone")
            self.changed.emit(now)

    def _watcher_changed(self, old: str, new: str) -> None:
        logger.info("StatusNotifierWatcher: %r -> %r", old, new)
        self._watcher_left = not new
        self.check()
