"""Is the person busy? Asked of what the desktop publishes (routes in mlcoach.system.desktop);
the notification server's own Do Not Disturb is read here, over the session bus."""

from __future__ import annotations

import logging
import os

from PySide6.QtGui import QGuiApplication

from mlcoach.system.desktop import ask_busy, busy_routes
from mlcoach.ui.session_bus import BusError, SessionBus

logger = logging.getLogger(__name__)

_SERVICE = "org.freedesktop.Notifications"
_PATH = "/org/freedesktop/Notifications"
#: (interface, property): dunst's pause; the Inhibited property of KDE and dunst ≥ 1.9.
_PAUSE_PROPERTIES = (("org.dunstproject.cmd0", "paused"), (_SERVICE, "Inhibited"))


def server_paused(bus: SessionBus) -> bool | None:
    """True when the notification server is in Do Not Disturb; None when it cannot say."""
    from jeepney import DBusAddress, Properties
    from jeepney.low_level import MessageFlag

    known = False
    for interface, prop in _PAUSE_PROPERTIES:
        address = DBusAddress(_PATH, bus_name=_SERVICE, interface=interface)
        question = Properties(address).get(prop)
        # Not a reason to start a server: D-Bus would hold the call (and the app, which
        # waits for it) while it starts one, as Plasma's waits for plasmashell.
        question.header.flags |= MessageFlag.no_auto_start
        try:
            body = bus.call_blocking(question)
        except BusError as exc:
            logger.debug("%s.%s not readable: %s", interface, prop, exc)
            continue
        known = True
        if body and isinstance(body[0], tuple) and bool(body[0][1]):
            return True
    return False if known else None


def desktop_busy(bus: SessionBus | None = None) -> bool:
    """Hold prompts while presenting, in Do Not Disturb or away from a locked or idle
    session (whatever this desktop tells)."""
    if bus is None:
        from mlcoach.ui.notify import shared

        bus = shared().bus
    from mlcoach.ui.wake import session_away, system_bus

    routes = busy_routes(os.environ, QGuiApplication.platformName(),
                         server_paused=lambda: server_paused(bus),
                         session_away=lambda: session_away(system_bus()))
    answer = ask_busy(routes)
    if answer.busy:
        logger.info("prompt held: %s", answer.reason)
    return answer.busy
