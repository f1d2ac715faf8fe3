"""Questions to D-Bus services asked off the GUI thread, on a connection of their own.

The app's own bus connections (session_bus.SessionBus) live on the GUI thread and are fed
by its event loop; a question asked there and waited for (a property of a hung
notification server, logind's session) froze the tray and every window until its
deadline. A worker asks here instead, on the core's connection
(mlcoach.system.session_bus: one deadline for everything it does, connecting and Hello
included, and a limit on the bytes it reads), opened when first asked and closed after.
Errors come as the UI's BusError (BusTimeout for the deadline). No Qt: nothing here may
touch a QObject.
"""

from __future__ import annotations

from typing import Any

from mlcoach.ui.session_bus import MAX_MESSAGE, BusError, BusTimeout


class BusQuestions:
    """Blocking calls to the bus at `address` ("SESSION", "SYSTEM" or a D-Bus address),
    all within `deadline` (time.monotonic()), reading at most `limit` bytes on one
    connection: for a worker, never the GUI thread."""

    def __init__(self, address: str, deadline: float, limit: int = MAX_MESSAGE) -> None:
        self._address, self._deadline, self._limit = address, deadline, limit
        self._bus: Any = None  # mlcoach.system.session_bus.SessionBus, once connected

    def __enter__(self) -> BusQuestions:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._bus is not None:
            self._bus.close()
            self._bus = None

    def _connected(self) -> Any:
        if self._bus is not None:
            return self._bus
        from mlcoach.system.session_bus import SessionBus

        try:
            self._bus = SessionBus(self._address, self._deadline, self._limit,
                                   too_much=_too_much)
        except TimeoutError as exc:  # (socket.timeout too) let in too slowly
            raise BusTimeout(f"the bus did not let us in in time: {exc}") from exc
        except BusError:
            raise
        except Exception as exc:  # refused, no such socket, no address, an error reply
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
            raise BusError(f"the bus connection failed: {exc}") from exc

    def hand_over(self) -> tuple[Any, str, int]:
        """Connect (handshake and Hello) and give the connection away: its jeepney
        connection (with what it has read and not yet parsed), our unique name and the
        last serial used. session_bus opens its connections here, on a worker."""
        bus = self._connected()
        conn = bus.conn
        conn.sock.settimeout(None)
        self._bus = None  # the caller's now
        return conn, bus.unique_name, next(conn.outgoing_serial) - 1


def _too_much(limit: int) -> BusError:
    return BusError(f"the bus sent more than {limit} bytes")
