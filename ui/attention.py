"""Is the person busy? Asked of what the desktop publishes (routes in mlcoach.system.desktop);
the notification server's own Do Not Disturb is read here, over the session bus.

The look runs on a worker (`BusyLook`) and its answer comes back to the GUI thread: a hung
desktop service or a slow helper holds that worker up to BUSY_DEADLINE_S, never the tray
or an open window.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from PySide6.QtGui import QGuiApplication

from mlcoach.system.desktop import BusyAnswer, Runner, ask_busy_together, busy_routes
from mlcoach.system.stop import Stop
from mlcoach.ui.bus_questions import BusQuestions, Kept
from mlcoach.ui.session_bus import Asks, BusError

#: One deadline for the whole look: every bus question and helper it asks.
BUSY_DEADLINE_S = 2.0
#: The share of it the bus questions have before the helpers start anyway (one of them
#: hung): the helpers (a process each) are started only when the bus has not said busy.
HELPERS_AFTER = 0.25

logger = logging.getLogger(__name__)

_SERVICE = "org.freedesktop.Notifications"
_PATH = "/org/freedesktop/Notifications"
#: (interface, property): dunst's pause; the Inhibited property of KDE and dunst ≥ 1.9.
_PAUSE_PROPERTIES = (("org.dunstproject.cmd0", "paused"), (_SERVICE, "Inhibited"))


def server_paused(bus: Asks) -> bool | None:
    """True when the notification server is in Do Not Disturb; None when it cannot say."""
    from jeepney import DBusAddress, Properties
    from jeepney.low_level import MessageFlag

    from mlcoach.ui.wake import yes_or_no

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
        paused = yes_or_no(body[0]) if body else None
        if paused is None:
            logger.debug("%s.%s is not a yes or no: ignored", interface, prop)
            continue
        known = True
        if paused:
            return True
    return False if known else None


#: The looks' own connections to the session and system buses, kept from one look to
#: the next (worker side) and opened again when they died.
_KEPT_SESSION = Kept()
_KEPT_SYSTEM = Kept()


def _asked_on(address: str, kept: Kept, deadline: float,
              question: Callable[[Asks], bool | None],
              stop: Stop) -> Callable[[], bool | None]:
    """A route that asks `question` on the kept connection to `address` (its own, lent
    for the route's time: routes run side by side), shut when the look has its answer."""
    def route() -> bool | None:
        with BusQuestions(address, deadline, kept=kept, stop=stop) as bus:
            return question(bus)

    return route


def look(env: Mapping[str, str], platform: str, session_address: str,
         system_address: str = "SYSTEM", deadline_s: float = BUSY_DEADLINE_S,
         run: Runner | None = None) -> BusyAnswer:
    """Ask the busy routes this desktop offers, side by side, on the looks' own
    connections, all within `deadline_s`: the bus's questions first, the helpers (a
    process each) once the bus has not said busy; the first busy answer ends the look
    and what is still asked with it. Blocks: for a worker (BusyLook), never the GUI
    thread."""
    from mlcoach.system.helper_run import run_bounded
    from mlcoach.ui.wake import session_away

    begun = time.monotonic()
    deadline = begun + deadline_s
    stop = Stop()
    on_bus = [_asked_on(session_address, _KEPT_SESSION, deadline, server_paused, stop),
              _asked_on(system_address, _KEPT_SYSTEM, deadline, session_away, stop)]
    routes = busy_routes(env, platform, run=run or partial(run_bounded, stop=stop),
                         deadline=deadline, server_paused=on_bus[0],
                         session_away=on_bus[1])
    asked = [(name, route) for name, route in routes if route in on_bus]
    helpers = [(name, route) for name, route in routes if route not in on_bus]
    return ask_busy_together(asked, deadline, stop, later=helpers,
                             later_at=begun + deadline_s * HELPERS_AFTER)


def _where_to_ask() -> dict[str, Any]:
    """What a look needs from the GUI thread: the environment, Qt's platform, the bus
    the notification server is on."""
    from mlcoach.ui.notify import shared

    return {"env": dict(os.environ), "platform": QGuiApplication.platformName(),
            "session_address": shared().bus.address}


class BusyLook:
    """The busy look, run on the asking worker; its answer is handed to the GUI thread.

    One look at a time: asking while one is under way waits for its answer. `cancel`
    drops whoever waits (the app quitting): a look still running then answers no one.
    """

    def __init__(self, deadline_s: float | None = None) -> None:
        self._deadline_s = deadline_s  # None: BUSY_DEADLINE_S
        self._under_way = False
        self._waiting: Callable[[bool], None] | None = None

    def ask(self, then: Callable[[bool], None]) -> None:
        """Look, and call `then(busy)` on the GUI thread once the desktop has answered."""
        from mlcoach.ui import ops

        self._waiting = then
        if self._under_way:
            return
        self._under_way = True
        deadline_s = BUSY_DEADLINE_S if self._deadline_s is None else self._deadline_s
        ops.run(partial(look, deadline_s=deadline_s, **_where_to_ask()), self._answered,
                self._failed, on=ops.asking_pool())

    def cancel(self) -> None:
        self._waiting = None

    def _answered(self, answer: BusyAnswer) -> None:
        if answer.busy:
            logger.info("prompt held: %s", answer.reason)
        self._tell(answer.busy)

    def _failed(self, exc: BaseException) -> None:
        # A desktop quirk must never stop prompts for good: not busy (as a route's)
        logger.warning("busy look failed: %s", exc)
        self._tell(False)

    def _tell(self, busy: bool) -> None:
        self._under_way = False
        then, self._waiting = self._waiting, None
        if then is not None:
            then(busy)
