"""The machine's sleep and the session's lock, as logind tells them on the system bus.

Qt's timers run on a clock that stops while the machine is suspended: a card shown just
before the lid closed would stay up to its full ten minutes after the wake, and the next
prompt would be planned up to ten minutes late. logind's PrepareForSleep(false) says the
machine woke; the app then takes the time asleep off its timers (`catch_up`).

A locked or idle session (logind's LockedHint and IdleHint, set by GNOME and KDE) holds
prompts as Do Not Disturb does: a card shown to a locked screen only goes by unseen.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from mlcoach.ui.session_bus import Asks, BusError, SessionBus

logger = logging.getLogger(__name__)

LOGIN1 = "org.freedesktop.login1"
_MANAGER_PATH = "/org/freedesktop/login1"
#: The caller's session, or the user's graphical one when the app runs outside it.
_SESSION_PATH = "/org/freedesktop/login1/session/auto"

_GRAPHICAL = ("x11", "wayland", "mir")

_system: SessionBus | None = None


def system_bus() -> SessionBus:
    """The app's one connection to the system bus, opened on first use."""
    global _system
    if _system is None:
        _system = SessionBus(address="SYSTEM")
    return _system


def catch_up(timer: QTimer, asleep_ms: int) -> None:
    """Take `asleep_ms` off an active single-shot timer: it fires now if that was all.

    Timers given here are always started with their time (`start(ms)`), since this one
    changes the interval a bare `start()` would use."""
    if timer.isActive():
        timer.start(max(0, timer.remainingTime() - asleep_ms))


def session_away(bus: Asks) -> bool | None:
    """True while the session is locked or idle; None when logind cannot be asked."""
    from jeepney import DBusAddress, Properties

    session = DBusAddress(_SESSION_PATH, bus_name=LOGIN1, interface=f"{LOGIN1}.Session")
    try:
        body = bus.call_blocking(Properties(session).get_all())
    except BusError as exc:
        logger.debug("logind session not readable: %s", exc)
        return None
    found = body[0] if body and isinstance(body[0], dict) else {}
    # A graphical session sets its idle hint itself; for a text session (startx: X on a
    # tty session) logind works it out from the tty no one types on: idle for good.
    kind = found.get("Type")
    graphical = isinstance(kind, tuple) and len(kind) == 2 and kind[1] in _GRAPHICAL
    names = ("LockedHint", "IdleHint") if graphical else ("LockedHint",)
    hints = [yes_or_no(found.get(name)) for name in names]
    if all(h is None for h in hints):
        return None
    return any(hints)


def yes_or_no(variant: Any) -> bool | None:
    """A D-Bus ('b', value) variant as a bool; None for anything else."""
    if isinstance(variant, tuple) and len(variant) == 2 and variant[0] == "b":
        return bool(variant[1])
    return None


class SleepSignals(QObject):
    """Emits `woke` when logind says the machine resumed from suspend or hibernation.

    Anyone on the system bus may send a signal of that name; the app only acts on it
    when its own clocks show the time asleep (SleepWatch), so a forged one changes nothing.
    """

    woke = Signal()

    def __init__(self, bus: SessionBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # True once the bus routes the signal to us. Without a system bus (a container,
        # macOS, Windows) never: the clocks still tell. A bus slow to let us in is
        # tried again (SessionBus.open), never waited for.
        self.listening = False
        bus.on_signal(f"{LOGIN1}.Manager", "PrepareForSleep", self._on_prepare,
                      rule_path=_MANAGER_PATH, routed=self._routed)

    def _routed(self) -> None:
        self.listening = True

    def _on_prepare(self, body: tuple[Any, ...]) -> None:
        if body and not body[0]:
            logger.info("the machine woke up")
            self.woke.emit()
