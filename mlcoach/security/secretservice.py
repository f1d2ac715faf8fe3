"""Read one secret from the Secret Service with the standard library only.

Just enough of the D-Bus wire protocol (SASL EXTERNAL, Hello, three method calls)
for `mlcoach capture`: importing jeepney cost 9 ms of a ~100 ms command, keyring far
more. The "plain" transfer algorithm sends the value over the user's own session bus,
which only that user's processes can reach; nothing is written or cached.
Any failure raises; the caller falls back to the keyring library.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator, Mapping
from typing import Any

SECRETS = "org.freedesktop.secrets"
DEFAULT_COLLECTION = "/org/freedesktop/secrets/aliases/default"  # what keyring reads
_METHOD_CALL, _METHOD_RETURN, _ERROR = 1, 2, 3
_ALIGN = {"y": 1, "g": 1, "v": 1, "u": 4, "s": 4, "o": 4, "a": 4, "(": 8, "{": 8}


class DBusError(Exception):
    """The bus or the service answered with an error, or said something unexpected."""


def _types(sig: str) -> Iterator[str]:
    """Split a signature into its complete types: "a{ss}o" -> "a{ss}", "o"."""
    i = 0
    while i < len(sig):
        j = i
        while sig[j] == "a":
            j += 1
        if sig[j] in "({":
            depth = 0
            for k in range(j, len(sig)):
                depth += sig[k] in "({"
                depth -= sig[k] in ")}"
                if depth == 0:
                    j = k
                    break
        yield sig[i : j + 1]
        i = j + 1


def _pad(buf: bytearray, n: int) -> None:
    buf.extend(b"\0" * (-len(buf) % n))


def _put(buf: bytearray, sig: str, value: Any) -> None:
    """Marshal `value` of one complete type (little-endian); offsets are from buf[0]."""
    _pad(buf, _ALIGN[sig[0]])
    if sig in ("s", "o"):
        raw = value.encode()
        buf += struct.pack("<I", len(raw)) + raw + b"\0"
    elif sig == "g":
        raw = value.encode()
        buf += bytes([len(raw)]) + raw + b"\0"
    elif sig == "y":
        buf.append(value)
    elif sig == "u":
        buf += struct.pack("<I", value)
    elif sig == "v":
        inner, inner_value = value
        _put(buf, "g", inner)
        _put(buf, inner, inner_value)
    elif sig[0] == "a":
        at = len(buf)
        buf += b"\0\0\0\0"
        elem = sig[1:]
        _pad(buf, _ALIGN[elem[0]])
        start = len(buf)
        items = value.items() if elem[0] == "{" else value
        for item in items:
            _put(buf, elem, item)
        struct.pack_into("<I", buf, at, len(buf) - start)
    elif sig[0] in "({":
        for part, item in zip(_types(sig[1:-1]), value, strict=True):
            _put(buf, part, item)
    else:
        raise DBusError(f"cannot marshal {sig!r}")


class _Reader:
    def __init__(self, data: bytes, endian: str) -> None:
        self.data, self.pos, self.e = data, 0, endian

    def get(self, sig: str) -> Any:
        self.pos += -self.pos % _ALIGN[sig[0]]
        d = self.data
        if sig in ("s", "o"):
            (n,) = struct.unpack_from(self.e + "I", d, self.pos)
            text = d[self.pos + 4 : self.pos + 4 + n].decode()
            self.pos += 5 + n
            return text
        if sig == "g":
            n = d[self.pos]
            text = d[self.pos + 1 : self.pos + 1 + n].decode()
            self.pos += 2 + n
            return text
        if sig == "y":
            self.pos += 1
            return d[self.pos - 1]
        if sig == "u":
            self.pos += 4
            return struct.unpack_from(self.e + "I", d, self.pos - 4)[0]
        if sig == "v":
            return self.get(self.get("g"))
        if sig == "ay":
            (n,) = struct.unpack_from(self.e + "I", d, self.pos)
            self.pos += 4 + n
            return d[self.pos - n : self.pos]
        if sig[0] == "a":
            (n,) = struct.unpack_from(self.e + "I", d, self.pos)
            self.pos += 4
            self.pos += -self.pos % _ALIGN[sig[1]]
            end, out = self.pos + n, []
            while self.pos < end:
                out.append(self.get(sig[1:]))
            return out
        if sig[0] in "({":
            return tuple(self.get(part) for part in _types(sig[1:-1]))
        raise DBusError(f"cannot read {sig!r}")


def _socket_path(address: str) -> str:
    """The Unix socket of a bus address ("unix:path=..." or "unix:abstract=...")."""
    for option in address.split(";"):
        kind, _, params = option.partition(":")
        if kind != "unix":
            continue
        keys = dict(p.split("=", 1) for p in params.split(",") if "=" in p)
        if "path" in keys:
            return _unescape(keys["path"])
        if "abstract" in keys:
            return "\0" + _unescape(keys["abstract"])
    raise DBusError("no Unix socket in the session bus address")


def _unescape(value: str) -> str:
    from urllib.parse import unquote  # only when the address is escaped

    return unquote(value) if "%" in value else value


class Bus:
    """A blocking connection to the session bus: method calls in, replies out."""

    def __init__(self, address: str, timeout: float) -> None:
        import _socket

        self._sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
        try:
            self._sock.settimeout(timeout)
            self._sock.connect(_socket_path(address))
            uid = str(os.getuid()).encode().hex().encode()
            self._sock.sendall(b"\0AUTH EXTERNAL " + uid + b"\r\n")
            reply = b""
            while not reply.endswith(b"\r\n"):
                chunk = self._sock.recv(256)
                if not chunk:
                    raise DBusError("the bus closed the connection")
                reply += chunk
            if not reply.startswith(b"OK "):
                raise DBusError("the bus refused authentication")
            self._sock.sendall(b"BEGIN\r\n")
            self._serial = 0
            self.call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                      "Hello")
        except BaseException:
            self._sock.close()
            raise

    def close(self) -> None:
        self._sock.close()

    def __enter__(self) -> Bus:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def call(self, dest: str, path: str, iface: str, member: str, sig: str = "",
             *args: Any) -> tuple[Any, ...]:
        """Call a method and return the reply's values."""
        body = bytearray()
        for part, value in zip(_types(sig), args, strict=True):
            _put(body, part, value)
        self._serial += 1
        msg = bytearray(b"l" + bytes([_METHOD_CALL, 0, 1]))
        msg += struct.pack("<II", len(body), self._serial)
        fields: list[tuple[int, tuple[str, str]]] = [
            (1, ("o", path)), (2, ("s", iface)), (3, ("s", member)), (6, ("s", dest))]
        if sig:
            fields.append((8, ("g", sig)))
        _put(msg, "a(yv)", fields)
        _pad(msg, 8)
        self._sock.sendall(bytes(msg + body))
        while True:  # skip signals (NameAcquired) and anything else not ours
            kind, headers, payload, endian = self._receive()
            if headers.get(5) != self._serial:
                continue
            if kind == _ERROR:
                raise DBusError(str(headers.get(4, "error")))
            if kind != _METHOD_RETURN:
                raise DBusError("unexpected reply")
            reader = _Reader(payload, endian)
            return tuple(reader.get(part) for part in _types(headers.get(8, "")))

    def _exactly(self, n: int) -> bytes:
        out = bytearray()
        while len(out) < n:
            chunk = self._sock.recv(n - len(out))
            if not chunk:
                raise DBusError("the bus closed the connection")
            out += chunk
        return bytes(out)

    def _receive(self) -> tuple[int, dict[int, Any], bytes, str]:
        fixed = self._exactly(16)
        endian = "<" if fixed[:1] == b"l" else ">"
        body_len, _serial, fields_len = struct.unpack_from(endian + "III", fixed, 4)
        rest = self._exactly(fields_len + (-(16 + fields_len) % 8) + body_len)
        reader = _Reader(fixed + rest, endian)
        reader.pos = 12
        headers = {code: value for code, value in reader.get("a(yv)")}
        return fixed[1], headers, (fixed + rest)[-body_len:] if body_len else b"", endian


def read_secret(attributes: Mapping[str, str], env: Mapping[str, str],
                timeout: float = 2.0) -> str | None:
    """The first matching item's secret in the default collection, as keyring stores it
    (UTF-8 text); None when nothing matches. Raises when the service cannot tell."""
    with Bus(env["DBUS_SESSION_BUS_ADDRESS"], timeout) as bus:
        _, session = bus.call(SECRETS, "/org/freedesktop/secrets",
                              "org.freedesktop.Secret.Service", "OpenSession", "sv",
                              "plain", ("s", ""))
        (items,) = bus.call(SECRETS, DEFAULT_COLLECTION, "org.freedesktop.Secret.Collection",
                            "SearchItems", "a{ss}", dict(attributes))
        if not items:
            return None
        ((_, _, value, _),) = bus.call(SECRETS, items[0], "org.freedesktop.Secret.Item",
                                       "GetSecret", "o", session)
        # The session ends with the connection; no Close round trip needed.
        return bytes(value).decode("utf-8")
