"""A private session bus, with or without gnome-keyring as the Secret Service, for tests
that need a real one but no display. Every process is killed by PID afterwards."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


def _kill(pids: list[int]) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in reversed(pids):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        time.sleep(0.1)


def base_env(root: Path) -> dict[str, str]:
    """A clean environment with its own HOME and runtime folder under `root`."""
    home, runtime = root / "home", root / "run"
    home.mkdir(parents=True, exist_ok=True)
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("MLCOACH_", "PYTHON_KEYRING", "DBUS_", "GNOME_KEYRING"))}
    env.update(HOME=str(home), XDG_RUNTIME_DIR=str(runtime),
               XDG_DATA_HOME=str(home / ".local/share"), XDG_CONFIG_HOME=str(home / ".config"))
    env.pop("DISPLAY", None)
    return env


def dbus_daemon(env: dict[str, str], pids: list[int], address: str = "") -> str:
    """Start a private dbus-daemon (at `address`, or one of its choosing); its pid goes
    into `pids`; return its address."""
    out = subprocess.run(["dbus-daemon", "--session", "--fork", "--print-address=1",
                          "--print-pid=1", *([f"--address={address}"] if address else [])],
                         env=env, capture_output=True, text=True, check=True,
                         timeout=30).stdout.split()
    pids.append(int(out[1]))
    return out[0]


@contextlib.contextmanager
def session_bus(root: Path, *, keyring: bool) -> Iterator[dict[str, str]]:
    """Start dbus-daemon (and gnome-keyring's secrets component when `keyring`); yield
    the environment that reaches them."""
    needed = ["dbus-daemon"] + (["gnome-keyring-daemon"] if keyring else [])
    missing = [t for t in needed if shutil.which(t) is None]
    if missing:
        if os.environ.get("MLCOACH_REQUIRE_DESKTOP"):
            pytest.fail(f"missing: {', '.join(missing)}")
        pytest.skip(f"missing: {', '.join(missing)}")
    env = base_env(root)
    pids: list[int] = []
    try:
        env["DBUS_SESSION_BUS_ADDRESS"] = dbus_daemon(env, pids)
        if keyring:
            started = subprocess.run(
                ["gnome-keyring-daemon", "--unlock", "--daemonize", "--components=secrets"],
                input="test-pw", env=env, capture_output=True, text=True, check=True,
                timeout=30)
            for line in started.stdout.splitlines():
                key, _, value = line.partition("=")
                if key == "GNOME_KEYRING_PID" and value.isdigit():
                    pids.append(int(value))
            owner = subprocess.run(
                ["dbus-send", "--session", "--dest=org.freedesktop.DBus", "--print-reply",
                 "/org/freedesktop/DBus", "org.freedesktop.DBus.GetConnectionUnixProcessID",
                 "string:org.freedesktop.secrets"], env=env, capture_output=True, text=True,
                timeout=30)
            words = owner.stdout.split()
            if words and words[-1].isdigit():
                pids.append(int(words[-1]))
        yield env
    finally:
        _kill(pids)


SYSTEM_PYTHON = "/usr/bin/python3"  # python3-dbusmock is Debian's, beside python3-dbus


@contextlib.contextmanager
def logind_bus(root: Path) -> Iterator[str]:
    """A private bus with python-dbusmock's logind on it (standing in for the system
    bus: the app asks it what logind tells, PrepareForSleep and the session's hints);
    yield its address. `logind_call` drives the mock."""
    has_mock = shutil.which("dbus-daemon") is not None and subprocess.run(
        [SYSTEM_PYTHON, "-c", "import dbusmock"], capture_output=True,
        timeout=30).returncode == 0
    if not has_mock:
        if os.environ.get("MLCOACH_REQUIRE_DESKTOP"):
            pytest.fail("missing: dbus-daemon or python3-dbusmock")
        pytest.skip("missing: dbus-daemon or python3-dbusmock")
    env = base_env(root)
    pids: list[int] = []
    try:
        address = dbus_daemon(env, pids)
        mock = subprocess.Popen(
            [SYSTEM_PYTHON, "-m", "dbusmock", "--system", "--template", "logind"],
            env={**env, "DBUS_SYSTEM_BUS_ADDRESS": address},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        pids.append(mock.pid)
        deadline = time.monotonic() + 30
        while not _owned(address, "org.freedesktop.login1"):
            if mock.poll() is not None or time.monotonic() > deadline:
                pytest.fail("python-dbusmock's logind did not start")
            time.sleep(0.05)
        yield address
    finally:
        _kill(pids)


def _owned(address: str, name: str) -> bool:
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    with open_dbus_connection(bus=address) as conn:
        return bool(conn.send_and_get_reply(message_bus.NameHasOwner(name),
                                            timeout=5).body[0])


def logind_call(address: str, path: str, interface: str, method: str,
                signature: str = "", body: tuple[object, ...] = ()) -> tuple[object, ...]:
    """Call a method of the mock logind (its own org.freedesktop.DBus.Mock ones too)."""
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    target = DBusAddress(path, bus_name="org.freedesktop.login1", interface=interface)
    with open_dbus_connection(bus=address) as conn:
        reply = conn.send_and_get_reply(new_method_call(target, method, signature, body),
                                        timeout=10)
    return tuple(reply.body)


def has_dbusmock() -> bool:
    """Whether the system Python has python-dbusmock (the tests' stand-in services)."""
    return subprocess.run([SYSTEM_PYTHON, "-c", "import dbusmock"], capture_output=True,
                          timeout=30).returncode == 0


@contextlib.contextmanager
def dbusmock(env: dict[str, str], owns: str, *args: str) -> Iterator[subprocess.Popen[bytes]]:
    """python-dbusmock on the session bus of `env` (`args` after --session), there once it
    owns the name `owns`, killed when the block ends."""
    proc = subprocess.Popen([SYSTEM_PYTHON, "-m", "dbusmock", "--session", *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while not _owned(env["DBUS_SESSION_BUS_ADDRESS"], owns):
            assert proc.poll() is None and time.monotonic() < deadline, f"no mock {owns}"
            time.sleep(0.05)
        yield proc
    finally:
        proc.kill()
        proc.wait(timeout=30)


class HeldService:
    """A stand-in service owning `name` on the bus at `address`: each call `holds` picks
    waits until `released`, then gets `reply(msg)`; any other call an error at once."""

    def __init__(self, address: str, name: str) -> None:
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection

        self.conn = open_dbus_connection(bus=address)
        self.conn.send_and_get_reply(message_bus.RequestName(name), timeout=30)
        self.asked = threading.Event()
        self.released = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def holds(self, msg: Any) -> bool:
        """Whether the call `msg` is held and answered (every call, unless overridden)."""
        return True

    def reply(self, msg: Any) -> Any:
        """The answer to a held call, once released."""
        raise NotImplementedError

    def _serve(self) -> None:
        from jeepney import MessageType, new_error

        while True:
            try:
                msg = self.conn.receive()
            except OSError:
                return  # closed by the test
            if msg.header.message_type != MessageType.method_call:
                continue
            if self.holds(msg):
                self.asked.set()
                self.released.wait()
                answer = self.reply(msg)
            else:
                answer = new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod")
            try:
                self.conn.send(answer)
            except OSError:
                return

    def close(self) -> None:
        self.released.set()
        self.conn.sock.shutdown(socket.SHUT_RDWR)
        self.thread.join(30)
        self.conn.close()
