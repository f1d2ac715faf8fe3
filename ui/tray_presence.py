"""Whether a system tray is there now, and word when one comes or goes.

Qt answers `QSystemTrayIcon.isSystemTrayAvailable()` when asked and tells no one when
the answer changes. Two trays, two ways to follow them:

- A StatusNotifierItem tray (KDE Plasma, GNOME with the AppIndicator extension) is
  the owner of org.kde.StatusNotifierWatcher on the session bus; its comings and goings
  are followed on the bus (NameOwnerChanged). Qt (6.11) asks the bus afresh at each
  call, but where an XEmbed tray is there too (KDE on X11: xembedsniproxy holds the
  XEmbed selection) it answers True for that one after the watcher left, though the
  icon went to the watcher and nobody shows it: the watcher gone counts as no tray.
  The panel that shows the icons is a StatusNotifierHost, with a bus name of its own
  (org.kde.StatusNotifierHost-PID). On KDE the watcher lives in kded and stays when
  plasmashell goes, still saying a host is registered (Plasma 5.27): the hosts seen
  all gone counts as no tray too, and a host that comes again as the tray back.
  A watcher that is a host itself counts alone: GNOME's AppIndicator extension is
  watcher and host in one (gnome-shell's connection, with no host name, always saying
  a host is registered), and a host name there (another program's, left on the bus)
  comes and goes without the tray; so too a watcher that owns a host name itself.
- An XEmbed tray (trayer, stalonetray, older panels on X11) is found by Qt itself. One
  that comes after the app started says so to the whole screen as it takes the tray's
  selection (a MANAGER client message on the root window, ICCCM 2.8; Qt selects the
  root's StructureNotify for it): while the app has no tray, it listens for that and
  asks Qt again then (`check`); only for that: the window manager's own client
  messages to the app's windows (pings, one per step of a resize) are not it. It used
  to ask every 5 s, each time a call of Qt's own on the GUI thread (the X server, the
  session bus) with no deadline of the app's.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractNativeEventFilter,
    QByteArray,
    QCoreApplication,
    QObject,
    QTimer,
    Signal,
)

from mlcoach.ui.x_manager_message import CLIENT_MESSAGE, ManagerMessage, ask_x_server

if TYPE_CHECKING:
    from mlcoach.ui.session_bus import SessionBus

logger = logging.getLogger(__name__)

WATCHER = "org.kde.StatusNotifierWatcher"
HOST = "org.kde.StatusNotifierHost"  # a host's bus name: this, "-", its own suffix
SHELL = "org.gnome.Shell"  # its connection owns the watcher where the extension is
_XCB_EVENT = b"xcb_generic_event_t"


class _TrayManagerCame(QAbstractNativeEventFilter):
    """Hears the MANAGER message a tray manager sends to the root window as it takes
    its selection (or another manager's, rare: one look more). Installed only while
    the app has no tray: it sees every X event, the window manager's client messages to
    the app's own windows among them (a ping, a sync request at each step of a resize),
    which must not each cost a blocking look."""

    def __init__(self, heard: Callable[[], None],
                 marks: Callable[[], ManagerMessage | None]) -> None:
        super().__init__()
        self._heard = heard
        self._marks_of = marks
        self._marks: ManagerMessage | None = None
        self._asked = False

    def prepare(self) -> None:
        """Learn the announcement's marks (once: one X call; see x_manager_message)."""
        if not self._asked:
            self._asked = True
            self._marks = self._marks_of()
            if self._marks is None:
                logger.info("MANAGER message told apart by its window only")

    def nativeEventFilter(self, eventType: QByteArray | bytes | bytearray | memoryview,
                          message: int) -> object:
        address = int(message)  # a shiboken VoidPtr from Qt
        if address and eventType == _XCB_EVENT:
            kind, fmt = ctypes.string_at(address, 2)
            if kind & 0x7F == CLIENT_MESSAGE and fmt == 32 and self._announces(
                    ctypes.string_at(address, 32)):
                self._heard()
        return False, 0

    def _announces(self, event: bytes) -> bool:
        if self._marks is not None:
            return self._marks.is_one(event)
        # Marks unknown (libxcb not reached): at least not a message to our own windows.
        window = int.from_bytes(event[4:8], sys.byteorder)
        return window not in _own_windows()


def _own_windows() -> set[int]:
    """The X ids of the app's top-level windows made so far (none made here)."""
    from PySide6.QtWidgets import QApplication

    return {int(w.internalWinId()) for w in QApplication.topLevelWidgets()} - {0}


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
                 parent: QObject | None = None, *, xembed: bool | None = None,
                 x_marks: Callable[[], ManagerMessage | None] = ask_x_server) -> None:
        """Args: bus: the session bus the watcher is followed on (None: not followed);
        qt_says: Qt's own answer (injected by tests that cannot have a tray); xembed:
        whether an XEmbed tray can come (None: on X11), looked for while there is none
        (elsewhere only the watcher can bring one, and the bus says when); x_marks: how
        its coming is told apart on the X server (asked once, as the app first looks)."""
        super().__init__(parent)
        if xembed is None:
            from PySide6.QtGui import QGuiApplication

            xembed = QGuiApplication.platformName() == "xcb"
        self._xembed = xembed
        self._bus = bus
        self._qt_says = qt_says
        self._watcher_left = False  # it was there and went: no tray, whatever Qt says
        self._hosts: dict[str, str] = {}  # the hosts' bus names there now: their owners
        self._host_seen = False
        self._last: bool | None = None
        # Asked once the event has been handled (Qt's own tray tracker hears it too).
        self._look = QTimer(self)
        self._look.setSingleShot(True)
        self._look.setInterval(0)
        self._look.timeout.connect(self.check)
        self._listener = _TrayManagerCame(self._look.start, x_marks)
        self._listening = False

    def start(self) -> None:
        """Follow the watcher from now on (its first answer comes later)."""
        self._last = self.available()
        if self._bus is not None:
            self._bus.watch_owner(WATCHER, self._watcher_changed)
            self._bus.watch_owner(SHELL, lambda _old, _new: self.check())
            self._bus.watch_names_under("org.kde", self._name_changed)
            self._bus.reconnected.connect(self._find_hosts)  # changes missed meanwhile
            self._find_hosts()

    def available(self) -> bool:
        """Whether a tray would show the icon now."""
        return not self._watcher_left and not self._hosts_left() and self._qt_says()

    def _hosts_left(self) -> bool:
        """Hosts were seen and none is there now (the panel quit; the watcher stayed),
        where the watcher is no host itself."""
        return self._host_seen and not self._hosts and not self._watcher_hosts()

    def _watcher_hosts(self) -> bool:
        """The watcher is a host itself: its connection is GNOME Shell's (the AppIndicator
        extension) or owns a host name."""
        if self._bus is None:
            return False
        watcher = self._bus.owner(WATCHER)
        return bool(watcher) and (watcher == self._bus.owner(SHELL)
                                  or watcher in self._hosts.values())

    def through_the_bus(self) -> bool:
        """Whether the icon is a StatusNotifierItem (a watcher owns its name): Qt then
        shows the icon's messages over D-Bus too, with a blocking call."""
        return self._bus is not None and bool(self._bus.owner(WATCHER))

    def look_for_one(self, looking: bool) -> None:
        """Listen for an XEmbed tray that comes (while the app has none), or stop."""
        app = QCoreApplication.instance()
        if app is None or looking == self._listening or (looking and not self._xembed):
            return
        if looking:
            self._listener.prepare()
            app.installNativeEventFilter(self._listener)
        else:
            app.removeNativeEventFilter(self._listener)
            self._look.stop()
        self._listening = looking

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

    def _find_hosts(self) -> None:
        """Ask the bus for the hosts already there (one call, answered later); those
        that come and go later are heard of as they do (_name_changed)."""
        if self._bus is None:
            return
        from jeepney.bus_messages import message_bus

        self._bus.call(message_bus.ListNames(), self._names_came,
                       lambda why: logger.info("bus names not listed: %s", why))

    def _names_came(self, body: tuple[object, ...]) -> None:
        names = body[0] if body and isinstance(body[0], list) else []
        hosts = {name for name in names if isinstance(name, str) and _is_host(name)}
        if hosts != set(self._hosts):
            logger.info("StatusNotifierHosts: %s", ", ".join(sorted(hosts)) or "none")
            self._hosts = {name: self._hosts.get(name, "") for name in hosts}
            self._host_seen = self._host_seen or bool(hosts)
            for name in hosts:  # whose they are (the watcher's own?), answered later
                self._ask_host_owner(name)
            self.check()

    def _ask_host_owner(self, name: str) -> None:
        from jeepney.bus_messages import message_bus

        def answered(body: tuple[object, ...]) -> None:
            if name in self._hosts and body and isinstance(body[0], str):
                self._hosts[name] = body[0]
                self.check()

        assert self._bus is not None
        self._bus.call(message_bus.GetNameOwner(name), answered,
                       lambda why: logger.debug("owner of %s not had: %s", name, why))

    def _name_changed(self, name: str, old: str, new: str) -> None:
        if not _is_host(name) or bool(new) == (name in self._hosts):
            return
        logger.info("StatusNotifierHost %s %s", name, "there" if new else "gone")
        if new:
            self._hosts[name] = new
            self._host_seen = True
        else:
            self._hosts.pop(name, None)
        self.check()


def _is_host(name: str) -> bool:
    return name.startswith(HOST + "-")
