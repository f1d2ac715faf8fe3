"""A session bus connection (jeepney) whose calls share one deadline and a byte budget.

Every call that crosses to another process has one deadline for the whole of it and a
limit on what it reads: Evolution Data Server's calendars and `doctor`'s look at the
desktop's services use it. No Qt.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


class SessionBus:
    """A jeepney connection where every call shares one deadline and a byte budget;
    `too_much(limit)` is the error raised when the bus sends more."""

    def __init__(self, address: str, deadline: float, limit: int,
                 too_much: Callable[[int], Exception]) -> None:
        from jeepney.bus import get_bus
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import DBusConnectionBase, prep_socket

        self.deadline, self.limit, self.received = deadline, limit, 0
        self._too_much = too_much
        sock = prep_socket(get_bus(address), timeout=self._left())
        self.conn = DBusConnectionBase(sock)
        self.unique_name = str(self.send(message_bus.Hello())[0])  # ours on the bus

    def _left(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        return left

    def send(self, message: Any) -> tuple[Any, ...]:
        """Send a method call and return the reply's body (DBusErrorResponse on error)."""
        from jeepney import HeaderFields
        from jeepney.wrappers import unwrap_msg

        conn = self.conn
        serial = next(conn.outgoing_serial)
        data, _fds = conn._serialise(message, serial)
        conn.sock.settimeout(self._left())
        conn.sock.sendall(data)
        while True:
            reply = conn.parser.get_next_message()
            if reply is None:
                before = conn.parser.buf.bytes_buffered
                chunk, _ = conn._read_some_data(timeout=self._left())
                self.received += len(chunk)
                if self.received > self.limit or before + len(chunk) > self.limit:
                    raise self._too_much(self.limit)
                conn.parser.add_data(chunk)
                continue
            if reply.header.fields.get(HeaderFields.reply_serial) == serial:
                body: tuple[Any, ...] = unwrap_msg(reply)
                return body

    def call(self, dest: str, path: str, iface: str, member: str, sig: str = "",
             *args: Any) -> tuple[Any, ...]:
        from jeepney import DBusAddress, new_method_call

        address = DBusAddress(path, bus_name=dest, interface=iface)
        return self.send(new_method_call(address, member, sig or None, args))

    def prop(self, dest: str, path: str, iface: str, name: str) -> Any:
        body = self.call(dest, path, "org.freedesktop.DBus.Properties", "Get", "ss", iface, name)
        return body[0][1]

    def close(self) -> None:
        self.conn.close()
