"""Read one secret from the Secret Service over the session bus, with jeepney.

The fast path of `mlcoach capture`: the keyring library costs 0.1-0.3 s to import, this
a few milliseconds. jeepney marshals and parses the messages; the socket, the one
deadline for the whole read and the size limit are ours, because the bus and whatever
owns org.freedesktop.secrets may be slow, silent or hostile:

- one deadline covers connecting, authenticating and every call;
- no message may be larger than MAX_MESSAGE, nor the authentication longer than 4 KiB;
- replies must answer our call (reply serial) and come from the bus itself or from
  the connection that owns org.freedesktop.secrets (the sender), nothing else.

The "plain" transfer algorithm sends the value over the user's own session bus, which
only that user's processes can reach; nothing is written or cached.
"""

from __future__ import annotations

import os
import struct
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

SECRETS = "org.freedesktop.secrets"
DEFAULT_COLLECTION = "/org/freedesktop/secrets/aliases/default"  # what keyring reads
BUS_NAME = "org.freedesktop.DBus"
MAX_MESSAGE = 64 * 1024  # a key lookup's replies are a few hundred bytes
_MAX_AUTH = 4096
_MAX_SKIPPED = 256  # signals and strays tolerated while waiting for one reply
# The only shapes our calls' replies may have. jeepney parses any valid message, but a
# few invalid ones (an array of empty structs, "a()") make it loop for ever, so a body is
# handed to it only when its signature is one of these (and a header only when every
# field is a plain string, path, signature or number).
_HEADER_TYPES = frozenset({b"s", b"o", b"g", b"u"})
_REPLY_SIGNATURES = frozenset({"", "s", "o", "ao", "vo", "(oayays)", "a{sv}",
                               "b", "i", "as"})  # the last three: KWallet (kwallet.py)


class SecretServiceError(Exception):
    """The Secret Service could not be asked; the message says what is wrong."""


class BusUnreachable(SecretServiceError):
    """No session bus at the address given."""


class NotAnswering(SecretServiceError):
    """The bus or the service did not answer within the deadline."""


class NoService(SecretServiceError):
    """Nothing owns org.freedesktop.secrets on the bus (keyring may still start one)."""


class Locked(SecretServiceError):
    """The item is in a locked collection: unlocking needs a prompt (keyring does that)."""


class BadReply(SecretServiceError):
    """A reply of the wrong size, shape or origin."""


class Bus:
    """A blocking session-bus connection whose every step ends by `deadline`."""

    def __init__(self, address: str, deadline: float,
                 service: str = "the Secret Service") -> None:
        import socket

        from jeepney.bus import get_connectable_addresses

        self.deadline = deadline
        self.service = service  # who answers the calls, as errors name it
        try:
            path = next(get_connectable_addresses(address))
        except (StopIteration, ValueError, KeyError) as exc:
            raise BusUnreachable("the session bus address is not usable") from exc
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._pending = bytearray()
        self._serial = 0
        self._replies: dict[int, Any] = {}
        try:
            self._sock.settimeout(self._left())
            try:
                self._sock.connect(path)
            except TimeoutError:
                raise
            except OSError as exc:
                raise BusUnreachable("the session bus is not reachable") from exc
            self._authenticate()
            from jeepney.bus_messages import message_bus

            # Hello comes first; its reply is awaited with the calls queued behind it.
            self.hello = self.send(message_bus.Hello())
        except TimeoutError as exc:
            self._sock.close()
            raise NotAnswering("the session bus did not answer in time") from exc
        except OSError as exc:
            self._sock.close()
            raise BadReply("the session bus broke the connection") from exc
        except BaseException:
            self._sock.close()
            raise

    def close(self) -> None:
        self._sock.close()

    def __enter__(self) -> Bus:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _left(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        return left

    def _recv(self, n: int) -> bytes:
        self._sock.settimeout(self._left())
        chunk = self._sock.recv(n)
        if not chunk:
            raise BadReply("the session bus closed the connection")
        return chunk

    def _authenticate(self) -> None:
        from jeepney.auth import AuthenticationError, Authenticator

        auth = Authenticator()
        received = 0
        try:
            for line in auth:
                self._sock.settimeout(self._left())
                self._sock.sendall(line)
                chunk = self._recv(1024)
                received += len(chunk)
                if received > _MAX_AUTH:
                    raise BadReply("the session bus sent an oversized greeting")
                auth.feed(chunk)
        except AuthenticationError as exc:
            raise BusUnreachable("the session bus refused the connection") from exc
        if not auth.authenticated:
            raise BusUnreachable("the session bus refused the connection")
        from jeepney.auth import BEGIN

        self._sock.sendall(BEGIN)

    def send(self, message: Any) -> int:
        """Send a method call without waiting; returns its serial for `reply`."""
        self._serial += 1
        self._sock.settimeout(self._left())
        self._sock.sendall(message.serialise(serial=self._serial))
        return int(self._serial)

    def reply(self, serial: int, sender: str) -> tuple[Any, ...]:
        """The values of the reply to call `serial`, which must come from `sender` (a
        unique name, or the bus itself). Calls may be answered in any order."""
        from jeepney.low_level import HeaderFields, MessageType

        for _ in range(_MAX_SKIPPED):
            if serial in self._replies:
                break
            reply = self._receive()
            if reply is None:
                continue  # signals (NameAcquired…)
            answered = reply.header.fields.get(HeaderFields.reply_serial)
            if isinstance(answered, int) and 0 < answered <= self._serial:
                self._replies[answered] = reply
        else:
            raise BadReply("the session bus sent too many messages without answering")
        reply = self._replies.pop(serial)
        fields = reply.header.fields
        if fields.get(HeaderFields.sender) != sender:
            raise BadReply("a reply came from someone other than the service asked")
        if reply.header.message_type == MessageType.error:
            raise _error(str(fields.get(HeaderFields.error_name, "error")), self.service)
        return tuple(reply.body)

    def _receive(self) -> Any:
        from jeepney.low_level import Message, calc_msg_size

        while len(self._pending) < 16:
            self._pending += self._recv(4096)
        try:
            size = calc_msg_size(bytes(self._pending[:16]))
        except (ValueError, KeyError) as exc:
            raise BadReply("the session bus sent a malformed message") from exc
        if size > MAX_MESSAGE:
            raise BadReply(f"the session bus sent an oversized message ({size} bytes)")
        while len(self._pending) < size:
            self._pending += self._recv(size - len(self._pending))
        raw = bytes(self._pending[:size])
        del self._pending[:size]
        if raw[1] not in (2, 3):  # not a method return or error: skipped unparsed
            return None
        try:
            _check_shape(raw)
            return Message.from_buffer(raw)
        except Exception as exc:  # jeepney raises several kinds on a malformed message
            raise BadReply("the session bus sent a malformed message") from exc


def _check_shape(raw: bytes) -> None:
    """Refuse a message jeepney should not parse: header fields other than plain values,
    a body signature none of our replies has, or a variant that is not a plain string."""
    order = {b"l": "<", b"B": ">"}.get(raw[:1])
    if order is None:
        raise ValueError("byte order")
    (fields_len,) = struct.unpack_from(order + "I", raw, 12)
    pos, end, body_sig = 16, 16 + fields_len, ""
    while pos < end:
        pos += -pos % 8
        code, sig_len = raw[pos], raw[pos + 1]
        sig = raw[pos + 2 : pos + 2 + sig_len]
        if sig not in _HEADER_TYPES:
            raise ValueError("header field type")
        pos += 3 + sig_len
        if sig == b"u":
            pos += -pos % 4 + 4
        elif sig == b"g":
            n = raw[pos]
            if code == 8:
                body_sig = raw[pos + 1 : pos + 1 + n].decode("ascii")
            pos += n + 2
        else:
            pos += -pos % 4
            (n,) = struct.unpack_from(order + "I", raw, pos)
            pos += n + 5
    if pos > end or body_sig not in _REPLY_SIGNATURES:
        raise ValueError("signature")
    if body_sig.startswith("v"):  # OpenSession's output: "plain" gives an empty string
        body = end + (-end % 8)
        if raw[body : body + 3] != b"\x01s\x00":
            raise ValueError("variant")


def _error(name: str, service: str = "the Secret Service") -> SecretServiceError:
    if name.endswith(".IsLocked"):
        return Locked("the keyring is locked")
    if name in ("org.freedesktop.DBus.Error.NameHasNoOwner",
                "org.freedesktop.DBus.Error.ServiceUnknown"):
        return NoService(f"{service} is not running")
    if name in ("org.freedesktop.DBus.Error.UnknownMethod",
                "org.freedesktop.DBus.Error.UnknownObject",
                "org.freedesktop.Secret.Error.NoSuchObject"):
        # No default collection (yet), or an item gone between search and read: the
        # keyring library knows how to create or find it.
        return NoService("the Secret Service has no such collection or item")
    return BadReply(f"{service} answered with an error ({name[:80]})")


def _expect(value: Any, kind: type, what: str) -> Any:
    if not isinstance(value, kind):
        raise BadReply(f"the Secret Service sent a malformed {what}")
    return value


class Waiting:
    """Who a read waits for now: named when its deadline passes."""

    def __init__(self) -> None:
        self.on = "the session bus"


@contextmanager
def bus_failures(timeout: float) -> Iterator[Waiting]:
    """One read's failures on the bus, each as one SecretServiceError saying who did not
    answer within `timeout` or that the connection broke."""
    waiting = Waiting()
    try:
        yield waiting
    except NotAnswering as exc:  # connecting or authenticating
        raise NotAnswering(f"the session bus did not answer within {timeout:g} s") from exc
    except TimeoutError as exc:
        raise NotAnswering(f"{waiting.on} did not answer within {timeout:g} s") from exc
    except OSError as exc:
        raise BadReply("the session bus broke the connection") from exc


def read_secret(attributes: Mapping[str, str], env: Mapping[str, str],
                timeout: float = 2.0) -> str | None:
    """The first matching item's secret in the default collection, as keyring stores it
    (UTF-8 text); None when nothing matches. Raises SecretServiceError (saying what is
    wrong) when the service cannot tell, all within `timeout` seconds."""
    from jeepney.bus_messages import message_bus
    from jeepney.wrappers import DBusAddress, new_method_call

    address = env.get("DBUS_SESSION_BUS_ADDRESS")
    if not address:
        raise BusUnreachable("there is no session bus")
    deadline = time.monotonic() + timeout
    with bus_failures(timeout) as waiting, Bus(address, deadline) as bus:
        # Hello and GetNameOwner go together (both answered by the bus); the
        # service's calls go one at a time to the owner it names, whose replies
        # alone are accepted. (Sent all at once, gnome-keyring under load now and
        # then answered SearchItems as if its default collection did not exist.)
        asked_owner = bus.send(message_bus.GetNameOwner(SECRETS))
        bus.reply(bus.hello, BUS_NAME)
        (owner,) = bus.reply(asked_owner, BUS_NAME)
        owner = _expect(owner, str, "owner")
        waiting.on = "the Secret Service"
        service = DBusAddress("/org/freedesktop/secrets", owner,
                              "org.freedesktop.Secret.Service")
        reply = bus.reply(bus.send(new_method_call(service, "OpenSession", "sv",
                                                   ("plain", ("s", "")))), owner)
        if len(reply) != 2:
            raise BadReply("the Secret Service sent a malformed session")
        session = _expect(reply[1], str, "session")
        collection = DBusAddress(DEFAULT_COLLECTION, owner,
                                 "org.freedesktop.Secret.Collection")
        (items,) = bus.reply(bus.send(new_method_call(collection, "SearchItems", "a{ss}",
                                                      (dict(attributes),))), owner)
        if not _expect(items, list, "search result"):
            return None
        item = DBusAddress(_expect(items[0], str, "item"), owner,
                           "org.freedesktop.Secret.Item")
        (secret,) = bus.reply(bus.send(new_method_call(item, "GetSecret", "o",
                                                       (session,))), owner)
        if not isinstance(secret, tuple) or len(secret) != 4:
            raise BadReply("the Secret Service sent a malformed secret")
        value = _expect(secret[2], bytes, "secret")
        # The session ends with the connection; no Close round trip needed.
        try:
            return str(value.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise BadReply("the Secret Service sent a secret that is not text") from exc


def default_timeout(env: Mapping[str, str] | None = None) -> float:
    """Seconds a whole key read may take ($MLCOACH_KEYRING_TIMEOUT, default 10)."""
    raw = (os.environ if env is None else env).get("MLCOACH_KEYRING_TIMEOUT", "")
    try:
        value = float(raw)
    except ValueError:
        return 10.0
    return value if 0 < value <= 600 else 10.0
