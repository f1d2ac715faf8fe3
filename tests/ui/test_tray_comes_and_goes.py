"""The tray comes after the app chose its no-tray window (a panel slower than the
start's wait, the AppIndicator extension switched on), or goes (the extension switched
off, the panel quit): the app follows it.

Qt's answer to "is there a tray?" cannot be had offscreen: it is handed in (what
Qt would say), and the StatusNotifierWatcher is a real one on a private session bus
(python-dbusmock's), followed as the app follows it.
"""

from __future__ import annotations

import contextlib
from typing import Any

import pytest

from tests.reliability.bus import dbusmock

pytestmark = pytest.mark.gui

WATCHER = "org.kde.StatusNotifierWatcher"


class QtSays:
    """What Qt's QSystemTrayIcon.isSystemTrayAvailable() would answer; `asked` counts
    the questions (each a blocking call of Qt's on the GUI thread: X, the session bus)."""

    def __init__(self, there: bool) -> None:
        self.there = there
        self.asked = 0

    def __call__(self) -> bool:
        self.asked += 1
        return self.there


# The root window's id on the X server the tests stand in for: far above the ids offscreen
# Qt gives the app's own windows (1, 2, 3… for the whole run; a full suite passed 0x50D).
ROOT = 0x7FFF050D
MANAGER = 0x11A  # the MANAGER atom's id there
WM_PROTOCOLS = 0x12F
TRAY_S0 = 0x13A  # _NET_SYSTEM_TRAY_S0: the tray's selection on screen 0
WM_S0 = 0x13B  # the window manager's


def _x_event(kind: int, fmt: int = 32, window: int = ROOT, atom: int = MANAGER,
             selection: int = TRAY_S0) -> Any:
    """An X event as xcb hands it to Qt: 32 bytes, the type first (33: a client message,
    as a tray manager announces itself on the root window with; 6: the mouse moved),
    then (a client message) its window, its type's atom, its data (a MANAGER message's
    second word: the selection taken)."""
    import ctypes
    import struct

    event = ctypes.create_string_buffer(32)
    event[0], event[1] = kind, fmt
    struct.pack_into("=IIII", event, 4, window, atom, 0, selection)
    return event


_FILTERS: list[Any] = []  # the native event filters the app has installed now


def _x_server_sends(event: Any) -> None:
    """Hand `event` to the app's native event filters as Qt's xcb platform does (PySide
    cannot call QAbstractEventDispatcher.filterNativeEvent: its binding is broken)."""
    import ctypes

    from shiboken6 import VoidPtr

    for installed in list(_FILTERS):  # as Qt hands it: a VoidPtr
        installed.nativeEventFilter(b"xcb_generic_event_t", VoidPtr(ctypes.addressof(event)))


@pytest.fixture(autouse=True)
def native_filters(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Keep count of the native event filters installed on the app, as Qt does."""
    from PySide6.QtCore import QCoreApplication

    install = QCoreApplication.installNativeEventFilter
    remove = QCoreApplication.removeNativeEventFilter

    def installed(app: Any, f: Any) -> None:
        _FILTERS.append(f)
        install(app, f)

    def removed(app: Any, f: Any) -> None:
        if f in _FILTERS:
            _FILTERS.remove(f)
        remove(app, f)

    monkeypatch.setattr(QCoreApplication, "installNativeEventFilter", installed)
    monkeypatch.setattr(QCoreApplication, "removeNativeEventFilter", removed)
    yield
    _FILTERS.clear()


TRAY_MANAGER_CAME = 33  # a MANAGER client message on the root window (ICCCM 2.8)
MOUSE_MOVED = 6


@pytest.fixture
def make_controller(new_controller, opened, monkeypatch):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QSystemTrayIcon

    from mlcoach.ui.tray_presence import TrayPresence
    from mlcoach.ui.x_manager_message import ManagerMessage

    def make(qt_says: QtSays, bus: Any = None) -> Any:
        # Qt's answer wherever the app asks for it (offscreen Qt never has a tray)
        monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", qt_says)
        presence = TrayPresence(  # as on X11, with what its X server would answer
            bus, qt_says=qt_says, xembed=True,
            x_marks=lambda: ManagerMessage(frozenset({ROOT}), MANAGER, frozenset({TRAY_S0})))
        ctl = new_controller("KDE", tray_presence=presence)
        ctl.start("run", tray_wait_ms=0, opened=opened)
        return ctl

    return make


def _messages(ctl: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    assert ctl.tray is not None
    monkeypatch.setattr(ctl, "tray_says", lambda text, *rest: said.append(text))
    return said


def test_a_tray_that_comes_later_gets_the_icon_and_the_closed_window_goes(
        make_controller, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Started before the panel (slower than the start's wait): the app lived in its
    window for good, the tray that came was never used."""
    qt = QtSays(False)
    ctl = make_controller(qt)
    assert ctl.tray is None and ctl.main_window is not None and ctl.main_window.isVisible()

    qt.there = True  # trayer started: it takes the tray's selection and says so
    _x_server_sends(_x_event(TRAY_MANAGER_CAME))
    qtbot.waitUntil(lambda: ctl.tray is not None)
    assert ctl.tray.icon.isVisible()
    window = ctl.main_window
    assert window is not None and window.isVisible()  # not taken from under the user
    assert "in the system tray now" in window.status.text()

    window.close()  # closed by the user: the app lives in the tray from now on
    qtbot.waitUntil(lambda: ctl.main_window is None)
    said = _messages(ctl, monkeypatch)
    ctl.handle_request("show")  # started again from the menu
    assert ctl.main_window is None and said == ["mlcoach is already running in the tray."]


def test_without_a_tray_qt_is_asked_again_only_when_a_tray_manager_comes(
        make_controller, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Without a tray on X11 the app asked Qt every 5 s whether one had come: a call of
    Qt's own on the GUI thread (the X server, the session bus) with no deadline of the
    app's. It waits for the X server's word that a tray manager came instead. (The old
    look's interval is set to nothing, so that it shows without waiting for the clock.)"""
    from PySide6.QtWidgets import QApplication

    from mlcoach.ui import tray_presence

    monkeypatch.setattr(tray_presence, "LOOK_MS", 0, raising=False)
    qt = QtSays(False)
    ctl = make_controller(qt)
    assert ctl.tray is None
    asked = qt.asked
    for _ in range(5):
        QApplication.processEvents()
        _x_server_sends(_x_event(MOUSE_MOVED))  # the X server's everyday events
        _x_server_sends(_x_event(TRAY_MANAGER_CAME, fmt=8))  # not an announcement
    assert qt.asked == asked and ctl.tray is None
    _x_server_sends(_x_event(TRAY_MANAGER_CAME))
    _x_server_sends(_x_event(TRAY_MANAGER_CAME))  # said twice (two selections): one look
    qtbot.waitUntil(lambda: qt.asked > asked)
    QApplication.processEvents()
    assert qt.asked == asked + 1 and ctl.tray is None  # not a tray after all
    qt.there = True
    _x_server_sends(_x_event(TRAY_MANAGER_CAME))
    qtbot.waitUntil(lambda: ctl.tray is not None)
    asked = qt.asked
    _x_server_sends(_x_event(TRAY_MANAGER_CAME))  # with a tray, no one listens any more
    QApplication.processEvents()
    assert qt.asked == asked


def test_the_window_managers_messages_to_the_apps_window_do_not_each_ask_qt(
        make_controller, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Without a tray, every client message the X server brought made the app ask Qt
    again (a blocking call on the GUI thread): the window manager's pings and, many
    times a second while the no-tray window was resized, its sync requests. Only a
    tray manager's MANAGER message to the root window is a reason to ask."""
    from PySide6.QtWidgets import QApplication

    qt = QtSays(False)
    ctl = make_controller(qt)
    assert ctl.tray is None
    ours = int(ctl.main_window.winId())
    asked = qt.asked
    for _ in range(5):  # a ping, then a resize
        _x_server_sends(_x_event(TRAY_MANAGER_CAME, window=ours, atom=WM_PROTOCOLS))
        _x_server_sends(_x_event(TRAY_MANAGER_CAME | 0x80, window=ours, atom=WM_PROTOCOLS))
        _x_server_sends(_x_event(TRAY_MANAGER_CAME, window=ROOT, atom=WM_PROTOCOLS))
        _x_server_sends(_x_event(TRAY_MANAGER_CAME, window=ours, atom=MANAGER))
        _x_server_sends(_x_event(TRAY_MANAGER_CAME, selection=WM_S0))  # a new WM
        QApplication.processEvents()
    assert qt.asked == asked and ctl.tray is None
    qt.there = True
    _x_server_sends(_x_event(TRAY_MANAGER_CAME | 0x80))  # trayer: sent, to the root
    qtbot.waitUntil(lambda: ctl.tray is not None)
    assert qt.asked > asked


def test_without_the_x_servers_marks_messages_to_the_apps_own_windows_are_not_heard(
        make_controller, monkeypatch, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Where the MANAGER atom cannot be had (libxcb not reached), the window manager's
    messages to the app's own windows still do not make it ask Qt."""
    from PySide6.QtWidgets import QApplication

    from mlcoach.ui.tray_presence import TrayPresence

    qt = QtSays(False)
    plain = TrayPresence.__init__

    def unmarked(self: Any, *args: Any, **kwargs: Any) -> None:
        plain(self, *args, **{**kwargs, "x_marks": lambda: None})

    monkeypatch.setattr(TrayPresence, "__init__", unmarked)
    ctl = make_controller(qt)
    assert ctl.tray is None
    ours = int(ctl.main_window.winId())
    asked = qt.asked
    _x_server_sends(_x_event(TRAY_MANAGER_CAME, window=ours, atom=WM_PROTOCOLS))
    QApplication.processEvents()
    assert qt.asked == asked
    qt.there = True
    _x_server_sends(_x_event(TRAY_MANAGER_CAME))
    qtbot.waitUntil(lambda: ctl.tray is not None)


def test_a_window_not_shown_when_the_tray_came_is_not_kept(make_controller) -> None:  # type: ignore[no-untyped-def]
    qt = QtSays(False)
    ctl = make_controller(qt)
    ctl.main_window.hide()  # closed before the tray came
    qt.there = True
    ctl.tray_presence.check()
    assert ctl.tray is not None and ctl.main_window is None


def test_a_tray_that_came_and_went_while_the_window_was_open_is_not_promised(
        make_controller, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The tray came while the window was open, then went (the panel quit): the window
    still said "mlcoach is in the system tray now. Close this window", and closed, it
    came back with those words at the next start, with no tray to run on in."""
    qt = QtSays(False)
    ctl = make_controller(qt)
    window = ctl.main_window
    qt.there = True
    ctl.tray_presence.check()
    assert "in the system tray now" in window.status.text()

    qt.there = False  # the panel quit again
    ctl.tray_presence.check()
    assert "in the system tray now" not in window.status.text()
    assert "No system tray was found" in window.status.text()
    window.close()  # no tray to live in: the window is kept for the next start
    assert ctl.main_window is window
    ctl.handle_request("show")
    assert window.isVisible() and "in the system tray now" not in window.status.text()


def _watcher(env: dict[str, str]) -> contextlib.AbstractContextManager[Any]:
    """A StatusNotifierWatcher (the tray of KDE Plasma, GNOME's AppIndicator extension),
    there until the block ends."""
    return dbusmock(env, WATCHER, WATCHER, "/StatusNotifierWatcher", WATCHER)


def test_the_watcher_gone_counts_as_no_tray_and_its_return_as_the_tray_back(
        make_controller, bus, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """KDE on X11: the icon went to the StatusNotifierWatcher; the panel quit, and Qt
    still said there was a tray (xembedsniproxy's XEmbed one): a second start said
    "already running in the tray" and offered no window."""
    from mlcoach.ui.session_bus import SessionBus

    qt = QtSays(True)  # a tray all along, as far as Qt can tell
    with _watcher(bus):
        ctl = make_controller(qt, SessionBus(address=bus["DBUS_SESSION_BUS_ADDRESS"]))
        assert ctl.tray is not None and ctl.main_window is None
        qtbot.waitUntil(lambda: bool(ctl.tray_presence._bus.owner(WATCHER)), timeout=10_000)
    with qtbot.waitSignal(ctl.tray_presence.changed, timeout=10_000) as gone:
        pass  # the watcher's process ended with the block
    assert gone.args == [False]
    ctl.handle_request("show")  # started again from the menu
    assert ctl.main_window is not None and ctl.main_window.isVisible()

    with _watcher(bus), qtbot.waitSignal(ctl.tray_presence.changed, timeout=10_000) as back:
        pass
    assert back.args == [True]
    assert ctl.tray.icon.isVisible()
    assert "in the system tray now" in ctl.main_window.status.text()


def _host(env: dict[str, str], pid: int) -> contextlib.AbstractContextManager[Any]:
    """A StatusNotifierHost (the panel that shows the icons: plasmashell), under the bus
    name a host takes, there until the block ends."""
    name = f"org.kde.StatusNotifierHost-{pid}"
    return dbusmock(env, name, name, "/StatusNotifierHost", "org.kde.StatusNotifierHost")


def test_the_panel_gone_with_the_watcher_still_there_counts_as_no_tray(
        make_controller, bus, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Real KDE Plasma 5.27: the watcher lives in kded, and with plasmashell gone for good
    it stays, still saying a host is registered. Qt and the app counted a tray: mlcoach
    started again said "already running in the tray" in a notification nobody showed,
    and offered no window. The panel (its host's bus name) gone now counts as no tray,
    and a host that comes again as the tray back."""
    from mlcoach.ui.session_bus import SessionBus

    qt = QtSays(True)  # the watcher says a host is registered: Qt counts a tray
    with _watcher(bus):
        with _host(bus, 4242):
            ctl = make_controller(qt, SessionBus(address=bus["DBUS_SESSION_BUS_ADDRESS"]))
            assert ctl.tray is not None and ctl.main_window is None
            qtbot.waitUntil(lambda: bool(ctl.tray_presence._hosts), timeout=10_000)
        with qtbot.waitSignal(ctl.tray_presence.changed, timeout=10_000) as gone:
            pass  # plasmashell ended with the block; kded's watcher is still there
        assert gone.args == [False]
        said = _messages(ctl, monkeypatch)
        ctl.handle_request("show")  # started again from the menu
        assert ctl.main_window is not None and ctl.main_window.isVisible()
        assert said == []

        with _host(bus, 4343):  # plasmashell back, under a new name
            with qtbot.waitSignal(ctl.tray_presence.changed, timeout=10_000) as back:
                pass  # the loop runs only here: the signal cannot come before
            assert back.args == [True]
            assert ctl.tray.icon.isVisible()
            assert "in the system tray now" in ctl.main_window.status.text()


@contextlib.contextmanager
def _gnome_shell(env: dict[str, str]) -> Any:
    """GNOME Shell with the AppIndicator extension: watcher and host in one connection
    (tests/ui/stand_in_shell.py), there until the block ends."""
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).with_name("stand_in_shell.py")
    shell = subprocess.Popen([sys.executable, str(script)], env=env, text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert shell.stdout is not None and shell.stdout.readline().strip() == "ready"
        yield shell
    finally:
        if shell.stdin is not None:
            shell.stdin.close()
        shell.wait(timeout=30)


def test_on_gnome_a_stray_host_name_that_goes_takes_no_tray_away(
        make_controller, bus, qtbot) -> None:  # type: ignore[no-untyped-def]
    """GNOME with the AppIndicator extension, and an org.kde.StatusNotifierHost-* name
    on the bus left by another program: when that program ended, the app took the
    tray for gone (as on KDE when plasmashell goes), though GNOME's panel still showed
    the icon; a second start opened the window instead of saying it is in the tray."""
    from mlcoach.ui.session_bus import SessionBus

    qt = QtSays(True)
    with _gnome_shell(bus):
        with _host(bus, 4242):  # the other program's host name
            ctl = make_controller(qt, SessionBus(address=bus["DBUS_SESSION_BUS_ADDRESS"]))
            presence = ctl.tray_presence
            qtbot.waitUntil(lambda: bool(presence._hosts), timeout=10_000)
        changes: list[bool] = []
        presence.changed.connect(changes.append)
        qtbot.waitUntil(lambda: not presence._hosts, timeout=10_000)  # heard it go
        assert changes == []
        assert presence.available()
        ctl.handle_request("show")  # started again from the menu: the tray holds it
        assert ctl.main_window is None


def _notification_server(env: dict[str, str]) -> contextlib.AbstractContextManager[Any]:
    return dbusmock(env, "org.freedesktop.Notifications", "--template",
                    "notification_daemon")


def _notified(env: dict[str, str]) -> list[str]:
    """The bodies the running notification server was asked to show."""
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    mock = DBusAddress("/org/freedesktop/Notifications",
                       bus_name="org.freedesktop.Notifications",
                       interface="org.freedesktop.DBus.Mock")
    with open_dbus_connection(bus=env["DBUS_SESSION_BUS_ADDRESS"]) as conn:
        reply = conn.send_and_get_reply(new_method_call(mock, "GetMethodCalls", "s",
                                                        ("Notify",)), timeout=10)
    return [str(args[4][1]) for _stamp, args in reply.body[0]]


@pytest.fixture
def own_notifications(bus, monkeypatch):  # type: ignore[no-untyped-def]
    """The app's notifications on the private bus (its own connection, as in the app)."""
    from mlcoach.ui import notify
    from mlcoach.ui.session_bus import SessionBus

    connection = SessionBus(address=bus["DBUS_SESSION_BUS_ADDRESS"])
    monkeypatch.setattr(notify, "_shared", notify.Notifications(connection))
    yield connection
    connection.close()


def test_a_line_from_a_bus_tray_goes_on_the_apps_own_connection_not_qts_blocking_call(
        make_controller, bus, own_notifications, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Real Plasma with plasmashell gone: Qt's showMessage on a StatusNotifierItem waited
    while D-Bus started Plasma's server, and the whole app stopped answering for ~25 s
    ("already running in the tray" at a second start). The line goes as the app's own
    notification, whose calls have a deadline."""
    qt = QtSays(True)
    with _watcher(bus), _notification_server(bus):
        ctl = make_controller(qt, own_notifications)
        qtbot.waitUntil(lambda: ctl.tray_presence.through_the_bus(), timeout=10_000)
        by_qt: list[str] = []
        monkeypatch.setattr(ctl.tray.icon, "showMessage",
                            lambda _title, text, *rest: by_qt.append(text))
        ctl.handle_request("show")  # started again from the menu
        qtbot.waitUntil(lambda: "mlcoach is already running in the tray." in _notified(bus),
                        timeout=10_000)
        assert by_qt == []


def test_with_an_xembed_tray_and_no_notification_server_the_icons_bubble_says_it(
        make_controller, bus, own_notifications, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """i3 or another bare X11 desktop: a tray, no notification server. Qt's own bubble by
    the icon (no D-Bus involved) still says the line."""
    ctl = make_controller(QtSays(True), own_notifications)
    by_qt: list[str] = []
    monkeypatch.setattr(ctl.tray.icon, "showMessage",
                        lambda _title, text, *rest: by_qt.append(text))
    ctl.handle_request("show")
    qtbot.waitUntil(lambda: by_qt == ["mlcoach is already running in the tray."],
                    timeout=10_000)


def test_a_stopped_app_stops_waiting_for_the_tray(new_controller, opened, monkeypatch):  # type: ignore[no-untyped-def]
    """Quit while it still waited for a panel (the login's first seconds): the next look,
    half a second later, made and showed the window that stands in for the tray in an
    app that had quit."""
    from mlcoach.ui.app import AppController
    from mlcoach.ui.tray_presence import TrayPresence

    monkeypatch.setattr(AppController, "_tray_may_appear", lambda _self: True)
    presence = TrayPresence(None, qt_says=QtSays(False), xembed=False)
    ctl = new_controller("KDE", tray_presence=presence)
    ctl.start("run", tray_wait_ms=5_000, opened=opened)
    assert ctl.main_window is None  # waiting for a panel
    ctl.stop()
    ctl._show_shell(0)  # the wait's last look, as its timer would run it
    assert ctl.main_window is None and ctl.tray is None


def test_a_tray_that_comes_during_a_quit_changes_nothing(make_controller) -> None:  # type: ignore[no-untyped-def]
    """A panel started while the app quit: the icon was made and shown in the tray of an
    app on its way out."""
    ctl = make_controller(QtSays(False))
    ctl.stop()
    ctl._tray_changed(True)
    assert ctl.tray is None


def _following(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Each time the app starts following the tray: whether its icon was shown by then."""
    from mlcoach.ui.app import AppController

    follows: list[bool] = []
    monkeypatch.setattr(AppController, "_follow_tray",
                        lambda ctl: follows.append(ctl.tray is not None))
    return follows


def test_with_a_tray_at_start_the_icon_comes_first_and_the_tray_is_followed_at_once(  # type: ignore[no-untyped-def]
        new_controller, opened, monkeypatch) -> None:
    """The icon does not wait for the tray's following (the session bus's imports and
    connection, ~10 ms); the following does not wait for the store either: started after
    it, a watcher that took the icon and left meanwhile went unheard."""
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon

    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", QtSays(True))
    follows = _following(monkeypatch)
    ctl = new_controller("KDE")
    ctl.start("run", opened=opened)
    assert ctl.tray is not None and follows == [True]
    QApplication.processEvents()
    assert follows == [True]  # once


def test_without_a_tray_at_start_the_tray_is_followed_before_the_window_is_made(  # type: ignore[no-untyped-def]
        new_controller, opened, monkeypatch) -> None:
    """So a tray that comes while the app waits for one, or after, is heard."""
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon

    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", QtSays(False))
    follows = _following(monkeypatch)
    ctl = new_controller("KDE")
    ctl.start("run", tray_wait_ms=0, opened=opened)
    assert follows == [False] and ctl.main_window is not None
    QApplication.processEvents()
    assert follows == [False]
