"""Questions to D-Bus services asked off the GUI thread, on a connection of their own.

The app's own bus connections (session_bus.SessionBus) live on the GUI thread and are fed
by its event loop; a question asked there and waited for (a property of a hung
notification server, logind's session) froze the tray and every window until its
deadline. A worker asks here instead, on the core's connection
(mlcoach.system.session_bus: one deadline for everything it does, connecting and Hello
included, and a limit on the bytes it reads), opened when first asked and closed after,
or kept for the next questions (`Kept`: the busy look's, a few times a day, each once
a handshake and a Hello). Errors come as the UI's BusError (BusTimeout for the
deadline). No Qt: nothing here may touch a QObject.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mlcoach.ui.session_bus import MAX_MESSAGE, BusError, BusTimeout

if TYPE_CHECKING:
    from mlcoach.system.stop import Stop


class Kept:
    """One connection kept between one asker's questions (a worker's, never the GUI
    thread's): lent to one BusQuestions at a time, given back when its questions went
    well, dropped when they failed; opened again at the next questions."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._bus: Any = None  # a SessionBus
        self._address = ""

    def lend(self, address: str, deadline: float) -> Any:
        """The kept connection to `address` (None: none kept), lent until `give_back`.
        BusTimeout when another asker holds it past `deadline`."""
        if not self._lock.acquire(timeout=max(0.0, deadline - time.monotonic())):
            raise BusTimeout("the kept connection was not free in time")
        if self._address != address and self._bus is not None:
            self._bus.close()
            self._bus = None
        self._address = address
        bus, self._bus = self._bus, None
        return bus

    def give_back(self, bus: Any) -> None:
        """End the loan: `bus` is kept for next time (None: nothing to keep)."""
        self._bus = bus
        self._lock.release()


class BusQuestions:
    """Blocking calls to the bus at `address` ("SESSION", "SYSTEM" or a D-Bus address),
    all within `deadline` (time.monotonic()), reading at most `limit` bytes on one
    connection (`kept`'s, when given): for a worker, never the GUI thread. `stop` set
    meanwhile (the answer no longer needed) shuts the connection: the call waiting on
    it fails now, and the connection is not kept."""

    def __init__(self, address: str, deadline: float, limit: int = MAX_MESSAGE,
                 kept: Kept | None = None, stop: Stop | None = None) -> None:
        self._address, self._deadline, self._limit = address, deadline, limit
        self._bus: Any = None  # mlcoach.system.session_bus.SessionBus, once connected
        self._stop = stop
        self._forget: Callable[[], None] | None = None  # the stop's hold on the socket
        self._kept = kept
        self._lent = False  # the kept connection is ours until we end
        self._reused = False  # the connection was opened before these questions

    def __enter__(self) -> BusQuestions:
        return self

    def __exit__(self, exc_type: object, *_exc: object) -> None:
        self._unhook()
        if exc_type is not None or (self._stop is not None and self._stop.is_set):
            self.close()  # gone wrong half-way, or shut by the stop: not kept
        if self._lent and self._kept is not None:
            bus, self._bus, self._lent = self._bus, None, False
            self._kept.give_back(bus)
            return
        self.close()

    def close(self) -> None:
        self._unhook()
        if self._bus is not None:
            self._bus.close()
            self._bus = None

    def _unhook(self) -> None:
        if self._forget is not None:
            self._forget()
            self._forget = None

    def _hook(self, sock: socket.socket) -> None:
        """`sock` shut when the stop is set (at once when it already is): from before it
        connects, so a handshake under way ends with the look too."""
        if self._stop is not None:
            self._unhook()
            self._forget = self._stop.on_stop(lambda: _cut(sock))

    def _connected(self) -> Any:
        if self._bus is not None:
            return self._bus
        bus = self._connect()
        if self._reused:
            self._hook(bus.conn.sock)
        return bus

    def _connect(self) -> Any:
        from mlcoach.system.session_bus import SessionBus

        if self._kept is not None and not self._lent:
            self._bus = self._kept.lend(self._address, self._deadline)
            self._lent = True
            if self._bus is not None:  # asked again within this deadline and budget
                self._bus.deadline, self._bus.limit, self._bus.received = (
                    self._deadline, self._limit, 0)
                self._reused = True
                return self._bus
        self._reused = False
        try:
            self._bus = SessionBus(self._address, self._deadline, self._limit,
                                   too_much=_too_much, made=self._hook)
        except TimeoutError as exc:  # (socket.timeout too) let in too slowly
            raise BusTimeout(f"the bus did not let us in in time: {exc}") from exc
        except BusError:
            raise
        except Exception as exc:  # refused, no such socket, no address, an error reply
            self._unhook()
            if self._stop is not None and self._stop.is_set:
                raise BusError("no longer needed: the look had its answer") from exc
            raise BusError(f"bus unreachable: {exc}") from exc
        return self._bus

    def call_blocking(self, message: Any, deadline_s: float | None = None) -> Any:
        """Send a method call and return its reply body; BusError when the bus or the
        service fails, BusTimeout when the deadline passes. (`deadline_s` is ignored:
        the one deadline given at the start holds.)"""
        from jeepney.wrappers import DBusErrorResponse

        bus = self._connected()
        try:
            return bus.send(message)
        except DBusErrorResponse as exc:
            raise BusError(f"{exc.name}: {exc.data}") from exc
        except TimeoutError as exc:
            self.close()
            raise BusTimeout("no answer within the deadline") from exc
        except BusError:  # more than the limit: the rest of it is not read
            self.close()
            raise
        except OSError as exc:
            self.close()
            if self._stop is not None and self._stop.is_set:
                raise BusError("no longer needed: the look had its answer") from exc
            if self._reused:  # kept from before and died meanwhile (the bus restarted)
                self._reused = False
                return self.call_blocking(message)  # on a new one, in the same deadline
            raise BusError(f"the bus connection failed: {exc}") from exc

    def hand_over(self) -> tuple[Any, str, int]:
        """Connect (handshake and Hello) and give the connection away: its jeepney
        connection (with what it has read and not yet parsed), our unique name and the
        last serial used. session_bus opens its connections here, on a worker."""
        bus = self._connected()
        conn = bus.conn
        conn.sock.settimeout(None)
        self._bus = None  # the caller's now (never a kept one: hand_over takes no `kept`)
        return conn, bus.unique_name, next(conn.outgoing_serial) - 1


def _cut(sock: socket.socket) -> None:
    """End what waits on `sock` now: shut when connected (a read under way returns),
    closed when not yet (its connect then fails at once)."""
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        sock.close()


def _too_much(limit: int) -> BusError:
    return BusError(f"the bus sent more than {limit} bytes")
