"""A hostile or broken session bus: the key read has one deadline, a size limit and a
check of who answers, and every failure names what is wrong.

Two kinds of fake: an in-process fake *bus* (a Unix socket that speaks just enough
D-Bus to send odd, oversized or misattributed replies), and a real private dbus-daemon
where a fake Secret Service owns org.freedesktop.secrets and never answers."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from jeepney.low_level import HeaderFields, Message, MessageType, Parser
from jeepney.wrappers import new_error, new_method_return

from mlcoach.security import secretservice as ss
from tests.reliability.bus import session_bus

SECRET = "ab" * 32
BUS, OWNER = "org.freedesktop.DBus", ":1.9"
Reply = Callable[[Message], list[bytes]]


def _reply(call: Message, sig: str, body: tuple[Any, ...], sender: str = OWNER,
           serial: int = 1000) -> bytes:
    msg = new_method_return(call, sig, body)
    msg.header.fields[HeaderFields.sender] = sender
    return bytes(msg.serialise(serial=serial))


def normal(call: Message) -> list[bytes]:
    member = call.header.fields.get(HeaderFields.member)
    if member == "Hello":
        return [_reply(call, "s", (":1.5",), BUS)]
    if member == "GetNameOwner":
        return [_reply(call, "s", (OWNER,), BUS)]
    if member == "OpenSession":
        return [_reply(call, "vo", (("s", ""), "/org/freedesktop/secrets/session/1"))]
    if member == "SearchItems":
        return [_reply(call, "ao", (["/org/freedesktop/secrets/collection/login/1"],))]
    if member == "GetSecret":
        return [_reply(call, "(oayays)", (("/s", b"", SECRET.encode(), "text/plain"),))]
    return []


def on(member: str, then: Reply) -> Reply:
    def reply(call: Message) -> list[bytes]:
        if call.header.fields.get(HeaderFields.member) == member:
            return then(call)
        return normal(call)
    return reply


def odd_signature(call: Message) -> list[bytes]:
    """A reply of signature "a()" (an array of empty structs: invalid, and a parser that
    trusts it loops for ever)."""
    raw = _reply(call, "aay", ([b"x"] * 4,))
    return [raw.replace(b"\x03aay\x00", b"\x03a()\x00")]


def oversized(call: Message) -> list[bytes]:
    return [_reply(call, "ao", (["/o" * 300_000],))]


def wrong_sender(call: Message) -> list[bytes]:
    return [_reply(call, "(oayays)", (("/s", b"", b"cd" * 32, "text/plain"),),
                   sender=":1.66")]


def signal_flood(call: Message) -> list[bytes]:
    signal = Message.from_buffer(_reply(call, "s", ("x",), BUS))
    signal.header.message_type = MessageType.signal
    signal.header.fields[HeaderFields.path] = "/x"
    signal.header.fields[HeaderFields.interface] = "x.y"
    signal.header.fields[HeaderFields.member] = "Z"
    del signal.header.fields[HeaderFields.reply_serial]
    return [bytes(signal.serialise(serial=2000 + i)) for i in range(400)]


def binary_secret(call: Message) -> list[bytes]:
    return [_reply(call, "(oayays)", (("/s", b"", b"\xff\xfe" * 16, "text/plain"),))]


def silent(call: Message) -> list[bytes]:
    return []


def locked(call: Message) -> list[bytes]:
    err = new_error(call, "org.freedesktop.Secret.Error.IsLocked", "s", ("locked",))
    err.header.fields[HeaderFields.sender] = OWNER
    return [bytes(err.serialise(serial=3000))]


@contextlib.contextmanager
def fake_bus(tmp: Path, reply: Reply, greeting: bytes | None = None) -> Iterator[str]:
    """A one-connection-at-a-time fake bus at a Unix socket; yields its address."""
    path = str(tmp / "fake-bus")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(4)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn, contextlib.suppress(OSError):
                _talk(conn, reply, greeting)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"unix:path={path}"
    finally:
        stop.set()
        with contextlib.suppress(OSError):
            server.shutdown(socket.SHUT_RDWR)  # wakes accept()
        server.close()
        thread.join(5)


def _talk(conn: socket.socket, reply: Reply, greeting: bytes | None) -> None:
    data = b""
    while b"\r\n" not in data:
        data += conn.recv(4096)
    if greeting is not None:  # e.g. an endless line instead of OK
        conn.sendall(greeting)
        while conn.recv(4096):
            pass
        return
    conn.sendall(b"OK 0123456789abcdef0123456789abcdef\r\n")
    while b"BEGIN\r\n" not in data:
        data += conn.recv(4096)
    parser = Parser()
    parser.add_data(data.split(b"BEGIN\r\n", 1)[1])
    while True:
        for msg in iter(parser.get_next_message, None):
            for raw in reply(msg):
                conn.sendall(raw)
        chunk = conn.recv(65536)
        if not chunk:
            return
        parser.add_data(chunk)


def _read(address: str, timeout: float = 2.0) -> str | None:
    return ss.read_secret({"service": "s", "username": "u"},
                          {"DBUS_SESSION_BUS_ADDRESS": address}, timeout)


# -- the fake bus ----------------------------------------------------------------------------

def test_the_fake_bus_answers_like_the_real_one(tmp_path: Path) -> None:
    with fake_bus(tmp_path, normal) as address:
        assert _read(address) == SECRET


@pytest.mark.parametrize(("reply", "error", "words"), [
    (on("SearchItems", odd_signature), ss.BadReply, "malformed"),
    (on("GetNameOwner", odd_signature), ss.BadReply, "malformed"),
    (on("Hello", odd_signature), ss.BadReply, "malformed"),
    (on("SearchItems", oversized), ss.BadReply, "oversized"),
    (on("GetSecret", wrong_sender), ss.BadReply, "someone other"),
    (on("OpenSession", signal_flood), ss.BadReply, "too many"),
    (on("GetSecret", silent), ss.NotAnswering, "did not answer within 1 s"),
    (on("Hello", silent), ss.NotAnswering, "did not answer within 1 s"),
    (on("GetSecret", locked), ss.Locked, "locked"),
    (on("GetSecret", binary_secret), ss.BadReply, "not text"),
])
def test_a_hostile_bus_gets_a_true_error_not_a_hang(tmp_path: Path, reply: Reply,
                                                     error: type[Exception], words: str) -> None:
    with fake_bus(tmp_path, reply) as address, pytest.raises(error, match=words):
        _read(address, 1.0)


def test_an_endless_greeting_is_cut_off(tmp_path: Path) -> None:
    greeting = b"DATA " + b"x" * 100_000
    with fake_bus(tmp_path, normal, greeting=greeting) as address, \
            pytest.raises(ss.BadReply, match="oversized greeting"):
        _read(address)


@pytest.mark.parametrize("greeting", [b"OK \xff\xfe\r\n", b"\xc3(\xa0 garbage\r\n",
                                      b"REJECTED \xffEXTERNAL\r\n"])
def test_a_greeting_that_is_not_text_is_refused_in_one_line(tmp_path: Path,
                                                           greeting: bytes) -> None:
    with fake_bus(tmp_path, normal, greeting=greeting) as address, \
            pytest.raises(ss.SecretServiceError):
        _read(address)


def test_no_bus_at_the_address_says_so(tmp_path: Path) -> None:
    with pytest.raises(ss.BusUnreachable, match="not reachable"):
        _read(f"unix:path={tmp_path}/none")
    with pytest.raises(ss.BusUnreachable, match="no session bus"):
        ss.read_secret({}, {}, 1.0)


# -- a real bus, a silent service --------------------------------------------------------------

SILENT_OWNER = """
import sys, time
from jeepney.io.blocking import open_dbus_connection, Proxy
from jeepney.bus_messages import message_bus
conn = open_dbus_connection(bus=sys.argv[1])
Proxy(message_bus, conn).RequestName("org.freedesktop.secrets")
print("ready", flush=True)
time.sleep(600)
"""


@pytest.fixture
def silent_service(tmp_path: Path) -> Iterator[dict[str, str]]:
    with session_bus(tmp_path, keyring=False) as env:
        owner = subprocess.Popen([sys.executable, "-c", SILENT_OWNER,
                                  env["DBUS_SESSION_BUS_ADDRESS"]], env=env,
                                 stdout=subprocess.PIPE, text=True)
        try:
            assert owner.stdout is not None and owner.stdout.readline().strip() == "ready"
            yield env
        finally:
            owner.kill()
            owner.wait()


def _keyring_store(data: Path) -> None:
    data.mkdir(mode=0o700)
    (data / "store.json").write_text(json.dumps(
        {"store_id": "s1", "encryption": "keyring", "created_at": ""}))


@pytest.mark.secretservice
@pytest.mark.parametrize("backend", ["", "keyring.backends.SecretService.Keyring"])
def test_capture_with_a_silent_secret_service_ends_with_a_true_message(
        silent_service: dict[str, str], tmp_path: Path, backend: str) -> None:
    """Direct read (default) and the keyring library's own call (a chosen backend): both
    end within the deadline and say the keyring did not answer."""
    env = dict(silent_service, MLCOACH_KEYRING_TIMEOUT="2",
               MLCOACH_DATA_DIR=str(tmp_path / "data"))
    if backend:
        env["PYTHON_KEYRING_BACKEND"] = backend
    _keyring_store(tmp_path / "data")
    res = subprocess.run([sys.executable, "-m", "mlcoach", "capture", "x"], env=env,
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 1, res.stderr
    assert len(res.stderr.splitlines()) == 1, res.stderr
    assert "did not answer within 2 s" in res.stderr, res.stderr
    assert "missing" not in res.stderr


def test_an_unreachable_bus_is_not_called_a_missing_key(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("MLCOACH_", "PYTHON_KEYRING", "DBUS_"))}
    env.update(DBUS_SESSION_BUS_ADDRESS=f"unix:path={tmp_path}/no-bus",
               MLCOACH_DATA_DIR=str(tmp_path / "data"), HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / ".config"))
    _keyring_store(tmp_path / "data")
    res = subprocess.run([sys.executable, "-m", "mlcoach", "capture", "x"], env=env,
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 1, res.stderr
    assert "the session bus is not reachable" in res.stderr, res.stderr
    assert "missing" not in res.stderr
