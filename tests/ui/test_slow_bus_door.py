"""A bus slow to let the app in: its connection's handshake and Hello waited on the GUI thread.

The app's connections to the session bus (notifications, the tray's watcher) and to the
system bus (logind) opened on first use, on the GUI thread: a bus daemon slow to accept
(a loaded or hung dbus-daemon, a broker such as dbus-broker restarting) froze the tray
and every window up to the handshake's deadline, and a connection not opened in time at
start was never opened again: the machine's wake went unheard for the app's life.

Here a door in front of a real private bus lets a connection through only when the test
opens it; nothing here waits for the clock.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.gui


class HeldDoor:
    """A Unix socket that relays each connection to the bus at `target` once `open` is
    called (till then a client's handshake gets no answer)."""

    def __init__(self, where: Path, target: str) -> None:
        from jeepney.bus import get_bus

        self._target = get_bus(target)
        self.path = where / "held-bus"
        self.address = f"unix:path={self.path}"
        self._listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._listener.bind(str(self.path))
        self._listener.listen(8)
        self._opened = threading.Event()
        self.knocked = threading.Event()
        self._sockets: list[socket.socket] = [self._listener]
        self._threads: list[threading.Thread] = []
        self._start(self._accept)

    def _start(self, target: Any, *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def open(self) -> None:
        self._opened.set()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # closed
            self._sockets.append(client)
            self.knocked.set()
            self._start(self._relay, client)

    def _relay(self, client: socket.socket) -> None:
        self._opened.wait()
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sockets.append(server)
        try:
            server.connect(self._target)
        except OSError:
            client.close()
            return
        self._start(_pump, server, client)
        _pump(client, server)

    def close(self) -> None:
        self._opened.set()
        for sock in self._sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        for thread in self._threads:
            thread.join(30)


def _pump(source: socket.socket, sink: socket.socket) -> None:
    while True:
        try:
            data = source.recv(65536)
            if not data:
                break
            sink.sendall(data)
        except OSError:
            break
    with contextlib.suppress(OSError):
        sink.shutdown(socket.SHUT_WR)


@contextlib.contextmanager
def held_door(where: Path, target: str) -> Iterator[HeldDoor]:
    door = HeldDoor(where, target)
    try:
        yield door
    finally:
        door.close()


def test_a_call_while_the_bus_is_slow_to_let_us_in_does_not_hold_the_gui(
        bus: dict[str, str], tmp_path: Path, qtbot: Any) -> None:
    from jeepney.bus_messages import message_bus
    from PySide6.QtCore import QTimer

    from mlcoach.ui.session_bus import SessionBus

    with held_door(tmp_path, bus["DBUS_SESSION_BUS_ADDRESS"]) as door:
        connection = SessionBus(address=door.address)
        try:
            order: list[str] = []
            answers: list[Any] = []
            QTimer.singleShot(0, lambda: order.append("the app ran on"))
            # The answer is waited for as long as the test needs: the door decides.
            connection.call(message_bus.NameHasOwner("org.freedesktop.DBus"),
                            answers.append, lambda why: order.append(f"failed: {why}"),
                            deadline_s=600)
            order.append("sent")
            assert order == ["sent"]
            qtbot.waitUntil(lambda: order == ["sent", "the app ran on"], timeout=30_000)
            # The handshake's thread reaches the door in its own time (on a busy machine,
            # after the app has run on): once it waits there, the app still runs on.
            qtbot.waitUntil(door.knocked.is_set, timeout=30_000)
            QTimer.singleShot(0, lambda: order.append("and ran on at the door"))
            qtbot.waitUntil(lambda: order[-1] == "and ran on at the door", timeout=30_000)
            assert answers == []  # held at the door: no answer yet
            door.open()
            qtbot.waitUntil(lambda: bool(answers), timeout=30_000)
            assert answers == [(True,)]
            assert order == ["sent", "the app ran on", "and ran on at the door"]
            assert connection.unique_name.startswith(":")
        finally:
            connection.close()


def test_a_system_bus_slow_at_start_still_tells_the_wake(
        tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """logind's bus let the app in only after its handshake's deadline: the wake was
    never listened for. Now it is, once the bus lets the app in."""
    from mlcoach.ui import wake
    from tests.reliability.bus import logind_bus, logind_call

    with logind_bus(tmp_path / "bus") as address, \
            held_door(tmp_path, address) as door:
        monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", door.address)
        monkeypatch.setattr(wake, "_system", None)
        try:
            signals = wake.SleepSignals(wake.system_bus())
            assert not signals.listening  # not yet: the door is shut
            qtbot.waitUntil(door.knocked.is_set, timeout=30_000)
            door.open()
            qtbot.waitUntil(lambda: signals.listening, timeout=30_000)
            with qtbot.waitSignal(signals.woke, timeout=30_000):
                logind_call(address, "/org/freedesktop/login1", "org.freedesktop.DBus.Mock",
                            "EmitSignal", "sssav", ("org.freedesktop.login1.Manager",
                                                    "PrepareForSleep", "b", [("b", False)]))
        finally:
            wake.system_bus().close()
