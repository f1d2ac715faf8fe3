"""logind on a bus: the machine waking (PrepareForSleep) and the session locked or idle.

Integration: a real dbus-daemon with python-dbusmock's logind template on it, standing in
for the system bus (tests/reliability/bus.py: logind_bus); Qt offscreen. The app-level
effects of a wake, with a fake clock: tests/ui/test_app.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.bus import logind_bus, logind_call

pytestmark = pytest.mark.gui

MANAGER = "/org/freedesktop/login1"
MOCK = "org.freedesktop.DBus.Mock"
SESSION = "/org/freedesktop/login1/session/auto"


@pytest.fixture
def logind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    from mlcoach.ui import wake

    with logind_bus(tmp_path) as address:
        monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", address)
        monkeypatch.setattr(wake, "_system", None)
        yield address
        if wake._system is not None:
            wake._system.close()


def _sleep_signal(address: str, going_to_sleep: bool) -> None:
    logind_call(address, MANAGER, MOCK, "EmitSignal", "sssav",
                ("org.freedesktop.login1.Manager", "PrepareForSleep", "b",
                 [("b", going_to_sleep)]))


def _add_session(address: str) -> None:
    logind_call(address, MANAGER, MOCK, "AddSession", "ssusb",
                ("auto", "seat0", 1000, "someone", True))


def test_the_wake_is_heard_and_the_fall_asleep_is_not(logind: str, qtbot) -> None:  # type: ignore[no-untyped-def]
    from mlcoach.ui.wake import SleepSignals, system_bus

    signals = SleepSignals(system_bus())
    qtbot.waitUntil(lambda: signals.listening, timeout=10_000)
    woke: list[bool] = []
    signals.woke.connect(lambda: woke.append(True))
    _sleep_signal(logind, True)
    with qtbot.waitSignal(signals.woke, timeout=10_000):
        _sleep_signal(logind, False)
    assert woke == [True]  # one wake: the going-to-sleep signal did nothing


def _asks() -> Any:
    """A connection of its own to the system bus, as the busy look opens."""
    import time

    from mlcoach.ui.bus_questions import BusQuestions

    return BusQuestions("SYSTEM", time.monotonic() + 60)


def test_without_a_system_bus_nothing_listens(tmp_path: Path, qtbot: Any,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QApplication

    from mlcoach.ui import ops, wake

    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", f"unix:path={tmp_path / 'none'}")
    monkeypatch.setattr(wake, "_system", None)
    signals = wake.SleepSignals(wake.system_bus())
    assert ops.asking_pool().waitForDone(30_000)  # the try to open it is over
    QApplication.processEvents()
    assert not signals.listening
    wake.system_bus().close()  # no try again after this test
    assert wake.session_away(_asks()) is None


def test_a_locked_or_idle_session_holds_prompts(logind: str) -> None:
    from mlcoach.ui.attention import look
    from mlcoach.ui.wake import session_away

    assert session_away(_asks()) is None  # no session known to logind: cannot say
    _add_session(logind)
    assert session_away(_asks()) is False

    def desktop_busy() -> bool:  # as the app's look asks, on this thread
        return look({}, "offscreen", logind).busy  # (no notification server on it)

    assert desktop_busy() is False
    logind_call(logind, SESSION, "org.freedesktop.login1.Session", "SetLockedHint",
                "b", (True,))
    assert session_away(_asks()) is True
    assert desktop_busy() is True
    logind_call(logind, SESSION, "org.freedesktop.login1.Session", "SetLockedHint",
                "b", (False,))
    assert desktop_busy() is False
    logind_call(logind, SESSION, MOCK, "UpdateProperties", "sa{sv}",
                ("org.freedesktop.login1.Session", {"IdleHint": ("b", True)}))
    assert desktop_busy() is False  # the mock's session is a "test" one
    logind_call(logind, SESSION, MOCK, "UpdateProperties", "sa{sv}",
                ("org.freedesktop.login1.Session", {"Type": ("s", "wayland")}))
    assert desktop_busy() is True
    # startx: X on a tty session, whose idle hint logind takes from the unused tty
    logind_call(logind, SESSION, MOCK, "UpdateProperties", "sa{sv}",
                ("org.freedesktop.login1.Session", {"Type": ("s", "tty")}))
    assert desktop_busy() is False


def test_catch_up_takes_the_time_asleep_off_a_timer(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer

    from mlcoach.ui.wake import catch_up

    minute = 60_000
    timer = QTimer()
    timer.setSingleShot(True)
    timer.start(10 * minute)
    catch_up(timer, 4 * minute)
    # (a coarse timer, as the app's are, may be reported up to 5 % late)
    assert 5 * minute < timer.remainingTime() <= 6 * minute * 1.05
    with qtbot.waitSignal(timer.timeout, timeout=10_000):
        catch_up(timer, 7 * minute)  # more than was left: it fires now
    idle = QTimer()
    catch_up(idle, 4 * minute)
    assert not idle.isActive()  # a timer not running is left alone
