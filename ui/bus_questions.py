"""Questions to D-Bus services asked off the GUI thread, on a connection of their own.

The app's own bus connections (session_bus.SessionBus) live on the GUI thread and are fed
by its event loop; a question asked there and waited for (a property of a hung
notification server, logind's session) froze the tray and every window until its
deadline. A worker asks here instead: a plain blocking connection, opened when first
asked and closed after, one deadline for everything it does (connecting, the handshake,
Hello, each call) and no answer read larger than MAX_MESSAGE. No Qt: nothing here may
touch a QObject.
"""

from __future__ import annotations

import socket
import struct
import time
from typing import Any

from mlcoach.ui.session_bus import MAX_MESSAGE, BusError, BusTimeout

_FIXED_HEADER = 16  # endianness, type, flags, version, body length, serial, fields length


class BusQuestions:
    """Blocking calls to the bus at `address` ("SESSION", "SYSTEM" or a D-Bus address),
    all within `deadline` (time.monotonic()): for a worker, never the GUI thread."""

    def __init__(self, address: str, deadline: float) -> None:
        self._address = address
        self._deadline = deadline
        self._sock: socket.socket | None = None
        self._serial = 0
        self.unique_name = ""  # ours on the bus, once connected

    def __enter__(self) -> BusQuestions:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None

    def _left(self) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise BusTimeout("no answer within the deadline")
        return left

    def _connect(self) -> socket.socket:
        if self._sock is not None:
            return self._sock
        from jeepney.bus import get_bus
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import prep_socket

        try:
            self._sock = prep_socket(get_bus(self._address), timeout=self._left())
        except TimeoutError as exc:  # (socket.timeout too) let in too slowly
            raise BusTimeout(f"bus too slow to let us in: {exc}") from exc
        except (OSError, ValueError, KeyError) as exc:  # KeyError: no session bus named
            raise BusError(f"bus unreachable: {exc}") from exc
        self.unique_name = str(self.call_blocking(message_bus.Hello())[0])
        return self._sock

    def hand_over(self) -> tuple[socket.socket, str, int]:
        """Connect (handshake and Hello) and give the connection away: its socket, our
        unique name and the last serial used (session_bus opens its connections here,
        on a worker). Nothing of a later message has been read from it."""
        try:
            sock = self._connect()
        except BusError:
            self.close()
            raise
        sock.settimeout(None)
        self._sock = None  # the caller's now
        return sock, self.unique_name, self._serial

    def call_blocking(self, message: Any, deadline_s: float | None = None) -> Any:
        """Send a method call and return its reply body; BusError when the bus or the
        service fails, the deadline passes or the answer is too large. (`deadline_s` is
        SessionBus's; here the one deadline given at the start holds.)"""
        from jeepney import HeaderFields, MessageType

        sock = self._connect()
        self._serial += 1
        serial = self._serial
        data = message.serialise(serial=serial)
        try:
            sock.settimeout(self._left())
            sock.sendall(data)
            while True:
                incoming = self._receive(sock)
                kind = incoming.header.message_type
                if kind not in (MessageType.method_return, MessageType.error):
                    continue  # a signal sent to everyone (NameAcquired): not ours
                if incoming.header.fields.get(HeaderFields.reply_serial) != serial:
                    continue
                if kind == MessageType.error:
                    name = incoming.header.fields.get(HeaderFields.error_name, "error")
                    body = incoming.body
                    detail = body[0] if body and isinstance(body[0], str) else ""
                    raise BusError(f"{name}: {detail}".rstrip(": "))
                return incoming.body
        except TimeoutError as exc:  # (socket.timeout too)
            self.close()
            raise BusTimeout(f"no answer: {exc}") from exc
        except OSError as exc:  # a broken connection
            self.close()
            raise BusError(f"no answer: {exc}") from exc

    def _receive(self, sock: socket.socket) -> Any:
        """One whole message, its size read from its header before anything else."""
        from jeepney.low_level import Parser

        head = self._read(sock, _FIXED_HEADER)
        order = "<" if head[:1] == b"l" else ">"
        body_length, _serial, fields_length = struct.unpack(order + "III", head[4:16])
        fields_padded = (fields_length + 7) & ~7
        total = _FIXED_HEADER + fields_padded + body_length
        if total > MAX_MESSAGE:
            self.close()
            raise BusError(f"an answer of {total} bytes: more than {MAX_MESSAGE}")
        parser = Parser()
        parser.add_data(head + self._read(sock, total - _FIXED_HEADER))
        message = parser.get_next_message()
        if message is None:
            self.close()
            raise BusError("an answer that is not a D-Bus message")
        return message

    def _read(self, sock: socket.socket, size: int) -> bytes:
        got = bytearray()
        while len(got) < size:
            sock.settimeout(self._left())
            chunk = sock.recv(size - len(got))
            if not chunk:
                raise BusError("the bus closed the connection")
            got += chunk
        return bytes(got)
