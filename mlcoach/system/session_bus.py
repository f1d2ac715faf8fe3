"""A session bus connection (jeepney) whose calls share one deadline and a byte budget.

Every call that crosses to another process has one deadline for the whole of it and a
limit on what it reads: Evolution Data Server's calendars and `doctor`'s look at the
desktop's services use it. No Qt.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from typing import Any


class SessionBus:
    """A jeepney connection where every call shares one deadline and a byte budget;
    `too_much(limit)` is the error raised when the bus sends more."""

    def __init__(self, address: str, deadline: float, limit: int,
                 too_much: Callable[[int], Exception],
                 made: Callable[[socket.socket], None] | None = None) -> None:
        """`made(sock)` is called with the socket before it connects: whoever may end
        the wait (a Stop) can shut it during the handshake and Hello too."""
        from jeepney.bus import get_bus
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import DBusConnectionBase

        self.deadline, self.limit, self.received = deadline, limit, 0
        self._too_much = too_much
        sock = socket.socket(family=socket.AF_UNIX)
        try:
            if made is not None:
                made(sock)
            self._authenticate(sock, get_bus(address))
        except BaseException:
            sock.close()
            raise
        self.conn = DBusConnectionBase(sock)
        self.unique_name = str(self.send(message_bus.Hello())[0])  # ours on the bus

    def _authenticate(self, sock: socket.socket, where: str) -> None:
        """jeepney's prep_socket on our socket, within the one deadline (socket.timeout,
        a TimeoutError, when it passes)."""
        from jeepney.auth import BEGIN, Authenticator
        from jeepney.io.blocking import unwrap_read

        sock.settimeout(self._left())
        sock.connect(where)
        sock.settimeout(self._left())
        sock.send(b"\0")  # Linux: the bus checks who we are with SO_PEERCRED
        auth = Authenticator(enable_fds=False, inc_null_byte=False)
        for request in auth:
            sock.settimeout(self._left())
            sock.sendall(request)
            sock.settimeout(self._left())
            auth.feed(unwrap_read(sock.recv(1024)))
        sock.settimeout(self._left())
        sock.sendall(BEGIN)

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
