"""The notification server restarts under the running app (plasmashell or GNOME Shell
restarting, dunst killed and started again, or no server yet when the app starts at login).

Integration: a real private dbus-daemon with python-dbusmock's notification_daemon as
the server, stopped and started again (each one numbers its notifications from 1, as
real servers do); Qt offscreen.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.bus import SYSTEM_PYTHON, _owned, dbusmock

pytestmark = pytest.mark.gui

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
MOCK = "org.freedesktop.DBus.Mock"


def _server(env: dict[str, str]) -> contextlib.AbstractContextManager[Any]:
    """A notification server with buttons, running until the block ends."""
    return dbusmock(env, SERVICE, "--template", "notification_daemon",
                    "-p", '{"capabilities": "body actions"}')


def _call(env: dict[str, str], interface: str, method: str, signature: str = "",
          body: tuple[object, ...] = ()) -> tuple[Any, ...]:
    """Call the server (or its mock controls) from a connection of its own."""
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    target = DBusAddress(PATH, bus_name=SERVICE, interface=interface)
    with open_dbus_connection(bus=env["DBUS_SESSION_BUS_ADDRESS"]) as conn:
        reply = conn.send_and_get_reply(new_method_call(target, method, signature, body),
                                        timeout=10)
    return tuple(reply.body)


def _server_says(env: dict[str, str], member: str, signature: str,
                 args: list[tuple[str, object]]) -> None:
    _call(env, MOCK, "EmitSignal", "sssav", (SERVICE, member, signature, args))


def _notified(env: dict[str, str]) -> list[str]:
    """The titles the running server was asked to show."""
    calls = _call(env, MOCK, "GetMethodCalls", "s", ("Notify",))[0]
    return [str(args[3][1]) for _stamp, args in calls]


def _asked(env: dict[str, str], method: str) -> bool:
    """Whether the running server was called `method` (and answered or refused)."""
    if not _owned(env["DBUS_SESSION_BUS_ADDRESS"], SERVICE):
        return False  # the mock not on the bus yet (a call now would start another)
    calls = _call(env, MOCK, "GetMethodCalls", "s", (method,))[0]
    return isinstance(calls, list) and bool(calls)


def _forge(env: dict[str, str], notification_id: int, key: str) -> None:
    """Another connection (not the server) sends ActionInvoked at the server's path."""
    from jeepney import DBusAddress, new_signal
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    emitter = DBusAddress(PATH, interface=SERVICE)
    with open_dbus_connection(bus=env["DBUS_SESSION_BUS_ADDRESS"]) as conn:
        conn.send(new_signal(emitter, "ActionInvoked", "us", (notification_id, key)))
        # The bus has passed the signal on before it answers this.
        conn.send_and_get_reply(message_bus.GetId(), timeout=10)


@pytest.fixture
def notice(bus: dict[str, str], qtbot: Any) -> Iterator[tuple[Any, Any, list[str]]]:
    from mlcoach.ui.notify import Notifications
    from mlcoach.ui.prompt_notice import PromptNotice
    from mlcoach.ui.session_bus import SessionBus

    connection = SessionBus(address=bus["DBUS_SESSION_BUS_ADDRESS"])
    notifications = Notifications(connection)
    prompt = PromptNotice(notifications)
    answers: list[str] = []
    prompt.responded.connect(answers.append)
    prompt.open_requested.connect(lambda: answers.append("opened"))
    yield notifications, prompt, answers
    connection.close()


def test_a_server_that_restarts_gets_the_waiting_prompt_again_and_its_numbers_are_new(
        bus: dict[str, str], notice: tuple[Any, Any, list[str]], qtbot: Any) -> None:
    """plasmashell restarting took the waiting prompt with it; the prompt counted as
    missed 11 minutes later (lowering the pace), and a click on another app's
    notification that the new server numbered like ours answered the prompt."""
    notifications, prompt, answers = notice
    with _server(bus):
        prompt.show("Say thanks", "To someone who helped today.")
        qtbot.waitUntil(lambda: prompt.current != 0, timeout=10_000)
        first = prompt.current
    with _server(bus):
        qtbot.waitUntil(lambda: _notified(bus) == ["Say thanks"], timeout=10_000)
        qtbot.waitUntil(lambda: prompt.current != 0, timeout=10_000)
        assert notifications.supports_actions()
        # Another app's notification, numbered by the new server; a click on it is no
        # answer to the prompt (before, the new server's 1 was taken for our old 1).
        other = _call(bus, SERVICE, "Notify", "susssasa{sv}i",
                      ("other app", 0, "", "Build done", "", [], {}, 5000))[0]
        assert first == 1 and other != prompt.current
        _server_says(bus, "ActionInvoked", "us", [("u", other), ("s", "default")])
        _forge(bus, prompt.current, "done")  # not from the server: ignored
        with qtbot.waitSignal(prompt.responded, timeout=10_000):
            _server_says(bus, "ActionInvoked", "us",
                         [("u", prompt.current), ("s", "snoozed")])
    assert answers == ["snoozed"]


def test_a_server_that_comes_after_the_app_is_used_with_its_buttons(
        bus: dict[str, str], notice: tuple[Any, Any, list[str]], qtbot: Any) -> None:
    """Started at login before the panel, the app asked for the server's capabilities
    once, got none, and sent every prompt of the session without buttons."""
    notifications, prompt, answers = notice
    assert not prompt.show("Say thanks", "To someone who helped today.")  # no server yet
    with _server(bus):
        # Sent again to the server that came, asked again: with its buttons (a copy
        # without them that reached it as it came is replaced in place, or taken away).
        qtbot.waitUntil(lambda: prompt.current != 0, timeout=10_000)
        assert notifications.supports_actions()
        calls = _call(bus, MOCK, "GetMethodCalls", "s", ("Notify",))[0]
        assert [str(part) for part in calls[-1][1][5][1]][1::2][:2] == ["Open", "Done"]
        closed = _call(bus, MOCK, "GetMethodCalls", "s", ("CloseNotification",))[0]
        fresh = [args for _stamp, args in calls if int(args[1][1]) == 0]  # replaces none
        assert len(fresh) == 1 + len(closed)
        with qtbot.waitSignal(prompt.responded, timeout=10_000):
            _server_says(bus, "ActionInvoked", "us",
                         [("u", prompt.current), ("s", "done")])
    assert answers == ["done"]


def test_an_answered_prompt_is_not_sent_again_after_a_restart(
        bus: dict[str, str], notice: tuple[Any, Any, list[str]], qtbot: Any) -> None:
    notifications, prompt, answers = notice
    with _server(bus):
        prompt.show("Say thanks", "To someone who helped today.")
        qtbot.waitUntil(lambda: prompt.current != 0, timeout=10_000)
        with qtbot.waitSignal(prompt.responded, timeout=10_000):
            _server_says(bus, "ActionInvoked", "us", [("u", prompt.current), ("s", "done")])
    first = notifications.bus.owner(SERVICE)
    with _server(bus):
        # The change of server has been heard, and the new one asked what it offers.
        qtbot.waitUntil(lambda: notifications.bus.owner(SERVICE) not in ("", first)
                        and bool(notifications.supports_actions()), timeout=10_000)
        assert _notified(bus) == []
    assert answers == ["done"]


def test_signals_are_heard_again_after_the_connection_was_lost(
        bus: dict[str, str], qtbot: Any) -> None:
    """After the app's bus connection was dropped and opened again, the bus had
    forgotten its match rules: no button of a notification answered a prompt again."""
    from mlcoach.ui.notify import Notifications
    from mlcoach.ui.prompt_notice import PromptNotice
    from mlcoach.ui.session_bus import SessionBus

    connection = SessionBus(address=bus["DBUS_SESSION_BUS_ADDRESS"])
    try:
        prompt = PromptNotice(Notifications(connection))
        with _server(bus):
            prompt.show("Say thanks", "To someone who helped today.")
            qtbot.waitUntil(lambda: prompt.current != 0, timeout=10_000)
            first = prompt.current
            connection.close()  # as when the bus drops it
            connection.open()  # opened again (as by the next call)
            # The rules are asked for again, the owner read again, and the prompt shown
            # anew from the new connection (a server may answer only the sender).
            qtbot.waitUntil(lambda: connection.owner(SERVICE) != "", timeout=10_000)
            qtbot.waitUntil(lambda: prompt.current not in (0, first), timeout=10_000)
            with qtbot.waitSignal(prompt.responded, timeout=10_000) as answered:
                _server_says(bus, "ActionInvoked", "us",
                             [("u", prompt.current), ("s", "done")])
            assert answered.args == ["done"]
    finally:
        connection.close()


def test_a_notice_the_bus_delivers_after_its_deadline_is_taken_away(
        bus: dict[str, str], notice: tuple[Any, Any, list[str]], qtbot: Any,
        tmp_path: Path, caplog: Any) -> None:
    """Seen on KDE Plasma: plasmashell ended and came back some seconds later. The
    prompt sent meanwhile made D-Bus start Plasma's server (plasma_waitforname, which
    waits for plasmashell) and hold the calls; the app gave up on them after its
    deadline, yet the bus handed them to the new server: the prompt showed twice, once
    without buttons (its capabilities had not come in time) and deaf to clicks."""
    notifications, prompt, answers = notice
    go = _started_when_told(bus, tmp_path)
    with _server(bus):
        prompt.show("Say thanks", "To someone who helped today.")
        qtbot.waitUntil(lambda: prompt.current != 0, timeout=10_000)
    # The server is gone; the prompt sent again (after RESEND_AFTER_MS) starts one that
    # does not come before the app's call has given up.
    qtbot.waitUntil(lambda: "notification not shown" in caplog.text, timeout=20_000)
    go.touch()
    try:
        qtbot.waitUntil(lambda: prompt.current != 0, timeout=20_000)
        qtbot.waitUntil(lambda: len(_notified(bus)) == 2, timeout=10_000)
        # The late copy, numbered 1 by the new server, is taken away; the one shown has
        # its buttons and answers.
        qtbot.waitUntil(lambda: [int(args[0][1]) for _stamp, args in _call(
            bus, MOCK, "GetMethodCalls", "s", ("CloseNotification",))[0]] == [1],
            timeout=10_000)
        assert prompt.current == 2 and notifications.supports_actions()
        with qtbot.waitSignal(prompt.responded, timeout=10_000):
            _server_says(bus, "ActionInvoked", "us", [("u", prompt.current), ("s", "done")])
    finally:
        _kill_owner(bus)
    assert answers == ["done"]


def test_a_notice_refused_as_too_soon_is_sent_again(
        bus: dict[str, str], notice: tuple[Any, Any, list[str]], qtbot: Any) -> None:
    """Seen on KDE Plasma after plasmashell came back: it refuses a notification whose
    title and text match one it took less than a second before
    (ExcessNotificationGeneration), and the late copy it had just taken was that one.
    The prompt was then never shown as a notification again."""
    _notifications, prompt, answers = notice
    refuse_once = (
        "if not getattr(self, 'refused', False):\n"
        "    self.refused = True\n"
        "    raise dbus.exceptions.DBusException('Created too many similar notifications "
        "in quick succession', name='org.freedesktop.Notifications.Error."
        "ExcessNotificationGeneration')\n"
        "ret = self.next_id\n"
        "self.next_id += 1\n")
    with _server(bus):
        _call(bus, MOCK, "AddMethod", "sssss",
              (SERVICE, "Notify", "susssasa{sv}i", "u", refuse_once))
        prompt.show("Say thanks", "To someone who helped today.")
        qtbot.waitUntil(lambda: prompt.current != 0, timeout=10_000)
        assert _notified(bus) == ["Say thanks", "Say thanks"]  # refused, then taken
        with qtbot.waitSignal(prompt.responded, timeout=10_000):
            _server_says(bus, "ActionInvoked", "us", [("u", prompt.current), ("s", "done")])
    assert answers == ["done"]


NOT_SERVING_YET = '''
"""A notification server that owns its name before it serves it (Ready() turns it on)."""
BUS_NAME = "org.freedesktop.Notifications"
MAIN_OBJ = "/org/freedesktop/Notifications"
MAIN_IFACE = "org.freedesktop.Notifications"
SYSTEM_BUS = False
NOT_YET = ("if not getattr(self, 'ready', False): raise dbus.exceptions.DBusException("
           "'Object does not exist at path', name='org.freedesktop.DBus.Error.UnknownMethod')\\n")


def load(mock, parameters):
    mock.next_id = 1
    mock.AddMethods(MAIN_IFACE, [
        ("GetCapabilities", "", "as", NOT_YET + "ret = ['body', 'actions']"),
        ("CloseNotification", "u", "", NOT_YET),
        ("Notify", "susssasa{sv}i", "u",
         NOT_YET + "ret = self.next_id\\nself.next_id += 1"),
        ("Ready", "", "", "self.ready = True"),
    ])
'''


def _prompt_to_a_server_not_ready(bus: dict[str, str], notice: tuple[Any, Any, list[str]],
                                  qtbot: Any, template: str) -> list[list[str]]:
    """The prompt shown, its server gone and one from `template` come (ready once told
    Ready()); answered with Done there. The buttons of each Notify the new one had."""
    _notifications, prompt, answers = notice
    with _server(bus):
        prompt.show("Say thanks", "To someone who helped today.")
        qtbot.waitUntil(lambda: prompt.current != 0, timeout=10_000)
    with dbusmock(bus, SERVICE, "--template", template):
        qtbot.waitUntil(lambda: _asked(bus, "GetCapabilities"), timeout=20_000)
        _call(bus, SERVICE, "Ready")
        # Sent again to the server now serving; a click answers it.
        qtbot.waitUntil(lambda: prompt.current != 0, timeout=20_000)
        calls = _call(bus, MOCK, "GetMethodCalls", "s", ("Notify",))[0]
        with qtbot.waitSignal(prompt.responded, timeout=10_000):
            _server_says(bus, "ActionInvoked", "us", [("u", prompt.current), ("s", "done")])
    assert answers == ["done"]
    return [[str(part) for part in call[1][5][1]][1::2] for call in calls]


def test_a_server_that_owns_its_name_before_it_serves_it_gets_the_prompt(
        bus: dict[str, str], notice: tuple[Any, Any, list[str]], qtbot: Any,
        tmp_path: Path) -> None:
    """Seen on GNOME Shell on X11 (`gnome-shell --replace`, as Alt+F2 r restarts it): the
    new shell owns org.freedesktop.Notifications a moment before its object is there.
    The prompt sent to it at once failed ("Object does not exist"), its capabilities
    were kept as none, and the prompt was not shown again that session."""
    template = tmp_path / "not_serving_yet.py"
    template.write_text(NOT_SERVING_YET)
    buttons = _prompt_to_a_server_not_ready(bus, notice, qtbot, str(template))
    assert buttons[-1][:2] == ["Open", "Done"]
    assert notice[0].supports_actions()


def test_a_server_that_shows_before_it_says_it_has_buttons_gets_the_prompt_with_them(
        bus: dict[str, str], notice: tuple[Any, Any, list[str]], qtbot: Any,
        tmp_path: Path) -> None:
    """GNOME Shell replaced on X11, a moment later than above: its capabilities call
    failed but the prompt's Notify, a few milliseconds after, was taken. The prompt was
    shown without buttons (no click could answer it) and counted as shown."""
    template = tmp_path / "shows_before_it_says.py"
    template.write_text(NOT_SERVING_YET.replace(
        '("Notify", "susssasa{sv}i", "u",\n         NOT_YET + ',
        '("Notify", "susssasa{sv}i", "u",\n         '))
    assert "NOT_YET + \"ret = self.next_id" not in template.read_text()
    buttons = _prompt_to_a_server_not_ready(bus, notice, qtbot, str(template))
    assert all(labels[:2] == ["Open", "Done"] for labels in buttons), \
        "never shown without its buttons"
    assert notice[0].supports_actions()


def _started_when_told(env: dict[str, str], tmp_path: Path) -> Path:
    """A server D-Bus starts on the first call to its name, which comes only once the
    returned file exists (as plasma_waitforname waits for plasmashell); D-Bus holds the
    calls meanwhile."""
    go = tmp_path / "go"
    services = Path(env["XDG_DATA_HOME"]) / "dbus-1" / "services"
    services.mkdir(parents=True)
    start = tmp_path / "server.sh"
    start.write_text(
        f"#!/bin/sh\nfor _ in $(seq 600); do [ -e {go} ] && exec {SYSTEM_PYTHON} -m "
        "dbusmock --session --template notification_daemon -p "
        "'{\"capabilities\": \"body actions\"}'; sleep 0.05; done\n")
    start.chmod(0o755)
    (services / f"{SERVICE}.service").write_text(
        f"[D-BUS Service]\nName={SERVICE}\nExec={start}\n")
    # The bus reads its folders again: ours comes first (before any dunst installed).
    subprocess.run(["dbus-send", "--session", "--dest=org.freedesktop.DBus", "--print-reply",
                    "/org/freedesktop/DBus", "org.freedesktop.DBus.ReloadConfig"], env=env,
                   check=True, capture_output=True, timeout=30)
    return go


def _kill_owner(env: dict[str, str]) -> None:
    owner = subprocess.run(
        ["dbus-send", "--session", "--dest=org.freedesktop.DBus", "--print-reply",
         "/org/freedesktop/DBus", "org.freedesktop.DBus.GetConnectionUnixProcessID",
         f"string:{SERVICE}"], env=env, capture_output=True, text=True, timeout=30)
    words = owner.stdout.split()
    if words and words[-1].isdigit():
        os.kill(int(words[-1]), signal.SIGKILL)


def test_a_prompt_sent_while_dbus_starts_the_server_does_not_freeze_the_app(
        bus: dict[str, str], qtbot: Any, tmp_path: Path) -> None:
    """Seen on KDE Plasma with plasmashell away: each send and resend of the prompt asked
    the server's capabilities with a blocking call, which D-Bus held while it started
    Plasma's server: the app froze (up to the call's deadline) at every send."""
    from PySide6.QtCore import QTimer

    from mlcoach.ui.notify import Notifications
    from mlcoach.ui.prompt_notice import PromptNotice
    from mlcoach.ui.session_bus import SessionBus

    # (The app's connection has no call that waits any more: SessionBus.call only.)
    go = _started_when_told(bus, tmp_path)
    connection = SessionBus(address=bus["DBUS_SESSION_BUS_ADDRESS"])
    try:
        connection.open()
        qtbot.waitUntil(lambda: connection.unique_name != "", timeout=10_000)
        prompt = PromptNotice(Notifications(connection))
        order: list[str] = []
        QTimer.singleShot(0, lambda: order.append("the app ran on"))
        prompt.show("Say thanks", "To someone who helped today.")
        order.append("sent")
        assert order == ["sent"]
        qtbot.waitUntil(lambda: order == ["sent", "the app ran on"], timeout=10_000)
        go.touch()  # only now may the server come
        qtbot.waitUntil(lambda: prompt.current != 0, timeout=30_000)
        calls = _call(bus, MOCK, "GetMethodCalls", "s", ("Notify",))[0]
        assert [str(part) for part in calls[-1][1][5][1]][1::2][:2] == ["Open", "Done"]
    finally:
        connection.close()
        _kill_owner(bus)


def test_asking_for_do_not_disturb_does_not_start_a_server(
        bus: dict[str, str], tmp_path: Path) -> None:
    """Asked at every look at the schedule, the server's Do Not Disturb was read with a
    call that made D-Bus start Plasma's server while plasmashell was away, and held the
    app until the call's deadline, twice (two properties) each time."""
    import time

    from mlcoach.ui.attention import server_paused
    from mlcoach.ui.bus_questions import BusQuestions

    go = _started_when_told(bus, tmp_path)
    started = tmp_path / "started"
    script = tmp_path / "server.sh"
    script.write_text(script.read_text().replace("#!/bin/sh\n", f"#!/bin/sh\ntouch {started}\n"))
    connection = BusQuestions(bus["DBUS_SESSION_BUS_ADDRESS"], time.monotonic() + 60)
    try:
        assert server_paused(connection) is None  # no server to say
        assert not started.exists() and not go.exists()
    finally:
        connection.close()
        _kill_owner(bus)
