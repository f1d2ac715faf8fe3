"""The busy look's questions to the desktop's services (a prompt falling due), asked on
the asking worker, as a user never sees them but a slow or hung service shows them:

- every look opened fresh bus connections (a handshake and Hello each, a few times a
  day): one kept connection per bus is asked again, and opened again when it died;
- the questions were asked one after the other within the look's one deadline: a hung
  logind (asked first) left Do Not Disturb no time, and a prompt came in the middle of
  a presentation. The independent questions are asked together now.

Stand-in services on a private bus hold their answers until the test lets go; nothing
waits on the clock (the look's deadline is ten minutes, never reached).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.bus import HeldService, dbus_daemon
from tests.ui.test_busy_look import HeldServer

pytestmark = pytest.mark.gui

LOGIN1 = "org.freedesktop.login1"
FAR = 600.0  # the look's deadline: never reached by a look that goes as it should


class HeldLogind(HeldService):
    """Owns logind's name; the session's properties are held until `released`."""

    def __init__(self, address: str) -> None:
        super().__init__(address, LOGIN1)

    def reply(self, msg: Any) -> Any:
        from jeepney import new_method_return

        return new_method_return(msg, "a{sv}", (
            {"LockedHint": ("b", False), "IdleHint": ("b", False)},))


def _look(address: str, system: str | None = None, deadline_s: float = FAR) -> Any:
    from mlcoach.ui import attention

    return attention.look({}, "offscreen", address, system_address=system or address,
                          deadline_s=deadline_s)


def _connections_so_far(address: str) -> int:
    """How many connections the bus has let in so far (its unique names count up)."""
    from jeepney.io.blocking import open_dbus_connection

    with open_dbus_connection(bus=address) as probe:
        return int(probe.unique_name.rsplit(".", 1)[1])


@pytest.fixture
def held(bus: dict[str, str]) -> Iterator[HeldServer]:
    server = HeldServer(bus["DBUS_SESSION_BUS_ADDRESS"])
    yield server
    server.close()


def test_looks_ask_again_on_the_connection_they_kept(held: HeldServer,
                                                     bus: dict[str, str]) -> None:
    address = bus["DBUS_SESSION_BUS_ADDRESS"]
    # Not busy: every question is answered (a busy answer ends the ones still asked,
    # and a connection cut so is not kept).
    held.release(paused=False)
    assert not _look(address).busy  # the first look connects
    before = _connections_so_far(address)
    for _ in range(3):
        assert not _look(address).busy
    assert _connections_so_far(address) == before + 1  # the probe's own, no more


@pytest.fixture
def restartable_bus(tmp_path: Path) -> Iterator[Any]:
    """A dbus-daemon at a fixed address, started again there on demand."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("missing: dbus-daemon")
    address = f"unix:path={tmp_path / 'bus'}"
    pids: list[int] = []

    def start() -> None:
        dbus_daemon(dict(os.environ), pids, address)

    def stop() -> None:
        os.kill(pids[-1], signal.SIGKILL)
        (tmp_path / "bus").unlink(missing_ok=True)

    start()
    yield address, start, stop
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_a_kept_connection_that_died_is_opened_again_within_the_look(
        restartable_bus: Any) -> None:
    """The session bus started again (a desktop restarted under the app): the kept
    connection is dead, and the next look opens another and still gets its answer."""
    address, start, stop = restartable_bus
    first = HeldServer(address)
    first.release(paused=False)
    try:
        assert not _look(address).busy
    finally:
        first.close()
    stop()
    start()
    second = HeldServer(address)
    second.release(paused=True)
    try:
        assert _look(address).busy
    finally:
        second.close()


@pytest.fixture
def hung_logind(bus: dict[str, str]) -> Iterator[HeldLogind]:
    logind = HeldLogind(bus["DBUS_SESSION_BUS_ADDRESS"])
    yield logind
    logind.close()


def test_a_hung_logind_leaves_do_not_disturb_its_say(held: HeldServer,
                                                     hung_logind: HeldLogind,
                                                     bus: dict[str, str]) -> None:
    """logind holds its answer (to the look's deadline); the notification server says Do
    Not Disturb at once: the prompt is held, without waiting for logind."""
    address = bus["DBUS_SESSION_BUS_ADDRESS"]
    held.release(paused=True)
    answers: list[Any] = []
    looking = threading.Thread(target=lambda: answers.append(_look(address)), daemon=True)
    looking.start()
    looking.join(60)  # a deadline for the test, not a speed check: FAR is ten minutes
    assert answers, "the look waited for logind"
    assert answers[0].busy and answers[0].reason == "notifications paused"
    hung_logind.released.set()


def test_a_connection_whose_questions_went_wrong_is_not_kept(held: HeldServer,
                                                             bus: dict[str, str]) -> None:
    """Something failed half-way through a look's questions (an answer it could not
    take): the connection may hold what was not read, so the next look opens another."""
    import time

    from jeepney import DBusAddress, Properties

    from mlcoach.ui.bus_questions import BusQuestions, Kept

    address = bus["DBUS_SESSION_BUS_ADDRESS"]
    held.release(paused=True)
    question = Properties(DBusAddress("/org/freedesktop/Notifications",
                                      bus_name="org.freedesktop.Notifications",
                                      interface="org.dunstproject.cmd0")).get("paused")
    kept = Kept()
    with pytest.raises(ValueError), \
            BusQuestions(address, time.monotonic() + FAR, kept=kept) as asks:
        asks.call_blocking(question)
        raise ValueError("not an answer the look can take")
    before = _connections_so_far(address)
    with BusQuestions(address, time.monotonic() + FAR, kept=kept) as asks:
        assert asks.call_blocking(question) == (("b", True),)
    assert _connections_so_far(address) == before + 2  # a new one, and the probe's
    kept.lend(address, time.monotonic() + FAR).close()
    kept.give_back(None)


def _busy_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("mlcoach-busy-")]


def test_a_busy_answer_ends_the_questions_still_waiting(held: HeldServer,
                                                        hung_logind: HeldLogind,
                                                        bus: dict[str, str]) -> None:
    """Do Not Disturb said busy at once; logind, hung, held its question (and the look's
    kept connection to it) on to the look's deadline, look after look, each one more
    thread waiting. The look's answer now ends what is still asked."""
    address = bus["DBUS_SESSION_BUS_ADDRESS"]
    answers: list[Any] = []
    looking = threading.Thread(target=lambda: answers.append(_look(address)), daemon=True)
    looking.start()
    assert hung_logind.asked.wait(60)  # logind was asked, and holds its answer
    held.release(paused=True)
    looking.join(60)
    assert answers and answers[0].busy
    for thread in _busy_threads():
        thread.join(60)  # a bound for a broken build, not a speed check: FAR is 10 min
    assert _busy_threads() == []
    assert _look(address).busy  # the next look is not held by the last one's question


class Helpers:
    """Stands in for the helpers (gsettings, xprop): records what is run, answers as a
    desktop in Do Not Disturb with a fullscreen window would."""

    def __init__(self) -> None:
        self.ran: list[str] = []

    def __call__(self, args: list[str], **_kw: Any) -> subprocess.CompletedProcess[str]:
        self.ran.append(args[0])
        out = {"gsettings": "false\n", "xprop": "window id # 0x1\n_NET_WM_STATE_FULLSCREEN"}
        return subprocess.CompletedProcess(args, 0, out[args[0]], None)


def test_the_helpers_are_not_started_once_the_bus_said_busy(held: HeldServer,
                                                            bus: dict[str, str]) -> None:
    """A look ran every route each time: gsettings and xprop (a process each) started
    while the notification server had already said Do Not Disturb."""
    from mlcoach.ui import attention

    address = bus["DBUS_SESSION_BUS_ADDRESS"]
    env = {"XDG_CURRENT_DESKTOP": "GNOME", "DISPLAY": ":0"}
    helpers = Helpers()
    held.release(paused=True)
    answer = attention.look(env, "xcb", address, system_address=address,
                            deadline_s=FAR, run=helpers)
    assert answer.busy and answer.reason == "notifications paused"
    for thread in _busy_threads():  # whatever the look started has run its course
        thread.join(60)
    assert helpers.ran == []
    held.paused = False  # Do Not Disturb off: the helpers have their say
    answer = attention.look(env, "xcb", address, system_address=address,
                            deadline_s=FAR, run=helpers)
    assert answer.busy and helpers.ran[0] in ("gsettings", "xprop")


@pytest.fixture
def mute_bus(tmp_path: Path) -> Iterator[tuple[str, Any]]:
    """A bus that lets connections in and never answers their handshake (a dbus-daemon
    stopped, a system bus wedged): its address, and its listening socket."""
    import socket

    path = tmp_path / "mute-bus"
    listening = socket.socket(socket.AF_UNIX)
    listening.bind(str(path))
    listening.listen(8)
    listening.settimeout(60)  # a bound for a broken build, not a speed check
    try:
        yield f"unix:path={path}", listening
    finally:
        listening.close()


def _in_handshake(listening: Any) -> Any:
    """Wait until a connection has begun its handshake (its first byte came): it is ours."""
    client, _ = listening.accept()
    assert client.recv(1) == b"\0"
    return client


def test_a_handshake_under_way_ends_when_the_look_does(held: HeldServer,
                                                       mute_bus: tuple[str, Any],
                                                       bus: dict[str, str]) -> None:
    """The system bus let the look's connection in and never answered its handshake; Do
    Not Disturb said busy: the look answered, but its thread went on waiting for the
    handshake to its deadline (ten minutes here), one more at each look. The handshake
    ends with the look now."""
    address = bus["DBUS_SESSION_BUS_ADDRESS"]
    system, listening = mute_bus
    answers: list[Any] = []
    looking = threading.Thread(target=lambda: answers.append(_look(address, system)),
                               daemon=True)
    looking.start()
    client = _in_handshake(listening)
    held.release(paused=True)
    looking.join(60)
    assert answers and answers[0].busy
    for thread in _busy_threads():
        thread.join(60)  # a bound for a broken build, not a speed check: FAR is 10 min
    assert _busy_threads() == []
    client.close()


def test_a_stop_set_in_the_handshake_ends_it_with_no_longer_needed(
        mute_bus: tuple[str, Any]) -> None:
    """The questions' own stop, set while the bus has not yet let them in: the call
    fails at once, saying why, and no connection is left open."""
    import time

    from jeepney import DBusAddress, Properties

    from mlcoach.system.stop import Stop
    from mlcoach.ui.bus_questions import BusQuestions
    from mlcoach.ui.session_bus import BusError

    system, listening = mute_bus
    stop = Stop()
    failed: list[BaseException] = []
    question = Properties(DBusAddress("/x", bus_name="org.example.X",
                                      interface="org.example.X")).get("y")

    def ask() -> None:
        try:
            with BusQuestions(system, time.monotonic() + FAR, stop=stop) as asks:
                asks.call_blocking(question)
        except BusError as exc:
            failed.append(exc)

    asking = threading.Thread(target=ask, daemon=True)
    asking.start()
    client = _in_handshake(listening)
    stop.set()
    asking.join(60)
    assert not asking.is_alive(), "the handshake ran on to its deadline"
    assert failed and "no longer needed" in str(failed[0])
    client.settimeout(60)
    while client.recv(1024):  # what it sent before the stop; then its end, not held open
        pass
    client.close()
    stop_after = Stop()
    stop_after.set()  # set before the questions began: they fail at once too
    with pytest.raises(BusError, match="no longer needed"), \
            BusQuestions(system, time.monotonic() + FAR, stop=stop_after) as asks:
        asks.call_blocking(question)
