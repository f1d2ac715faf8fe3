"""A prompt falls due while a desktop service is slow to say whether the person is busy.

The look asked the notification server's Do Not Disturb (and logind, gsettings, xprop) on
the GUI thread: against a hung server the tray menu and every open window froze until
each question's deadline. Here a stand-in notification server on a private bus holds its
answer until the test releases it; the GUI must go on meanwhile, and the answer, when it
comes, still decides whether the prompt waits.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest

from mlcoach.domain.model import Settings
from tests.reliability.bus import HeldService

pytestmark = pytest.mark.gui

SERVICE = "org.freedesktop.Notifications"


class HeldServer(HeldService):
    """Owns the notification server's name; each property read waits for `release`,
    then answers Do Not Disturb = `paused`. Other calls get an error at once."""

    def __init__(self, address: str) -> None:
        self.paused = False
        self.answer: tuple[str, object] | None = None  # in place of ("b", paused)
        super().__init__(address, SERVICE)

    def release(self, paused: bool) -> None:
        self.paused = paused
        self.released.set()

    def holds(self, msg: Any) -> bool:
        from jeepney import HeaderFields

        return bool(msg.header.fields.get(HeaderFields.member) == "Get")

    def reply(self, msg: Any) -> Any:
        from jeepney import new_method_return

        return new_method_return(msg, "v", (self.answer or ("b", self.paused),))


@pytest.fixture
def held(bus: dict[str, str]) -> Iterator[HeldServer]:
    server = HeldServer(bus["DBUS_SESSION_BUS_ADDRESS"])
    yield server
    server.close()


@pytest.fixture
def looking(qtbot, opened, held, bus, monkeypatch):  # type: ignore[no-untyped-def]
    """The app with its real busy look, on the private bus; notifications are recorded."""
    from PySide6.QtWidgets import QApplication

    from mlcoach.ui import attention, notify
    from mlcoach.ui.app import AppController
    from mlcoach.ui.instance_server import InstanceServer
    from mlcoach.ui.session_bus import SessionBus
    from tests.ui.test_app import FakeClock
    from tests.ui.test_notify import FakeServer

    TZ = __import__("zoneinfo").ZoneInfo("Europe/Istanbul")
    fake: Any = FakeServer()
    fake.bus = SessionBus(address=bus["DBUS_SESSION_BUS_ADDRESS"])
    monkeypatch.setattr(notify, "shared", lambda: fake)
    monkeypatch.delenv("XDG_CURRENT_DESKTOP", raising=False)  # no gsettings route
    # The answer comes when the test releases the server, long before this.
    monkeypatch.setattr(attention, "BUSY_DEADLINE_S", 600.0)
    opened.store.set_state("welcome_done", True)
    opened.store.save_settings(Settings(prompts_per_day=4, min_gap_minutes=75))
    clock = FakeClock(datetime(2026, 11, 23, 8, 0, tzinfo=TZ))
    ctl = AppController(QApplication.instance(), opened.layout.root,
                        InstanceServer(opened.layout.root), clock=clock, tz=lambda: TZ,
                        real_clock=clock.real, steady_clock=clock.steady)
    ctl.start("show", opened=opened)
    yield ctl, clock, fake
    ctl.stop()
    held.release(False)
    _answered()
    ctl.card.hide()
    if ctl.main_window is not None:
        ctl.main_window.close()
    fake.bus.close()


def _answered() -> None:
    """The look's worker is done and its answer handed to the GUI thread."""
    from PySide6.QtWidgets import QApplication

    from mlcoach.ui import ops

    assert ops.asking_pool().waitForDone(30_000)
    QApplication.processEvents()


def _fall_due(ctl, clock, held: HeldServer, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The prompt's time comes; the look asks the server, which holds its answer."""
    clock.now = ctl.coach.next_due(clock()) + timedelta(seconds=1)
    ctl.timer.start(0)
    qtbot.waitUntil(held.asked.is_set, timeout=30_000)


def _gui_goes_on(ctl, qtbot) -> list[bool]:  # type: ignore[no-untyped-def]
    """An event posted to the GUI thread is handled; what it saw: was a prompt up?"""
    from PySide6.QtCore import QTimer

    seen: list[bool] = []
    QTimer.singleShot(0, lambda: seen.append(ctl.card.isVisible()))
    qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
    return seen


def test_the_gui_goes_on_while_a_busy_server_holds_its_answer(looking, held, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The answer is held: events are handled meanwhile and no prompt comes before it;
    then the server says Do Not Disturb and the prompt waits."""
    ctl, clock, fake = looking
    _fall_due(ctl, clock, held, qtbot)
    # Handled while the server still holds the answer: nothing decided yet.
    assert _gui_goes_on(ctl, qtbot) == [False]
    assert not held.released.is_set()
    held.release(paused=True)
    _answered()
    assert not ctl.card.isVisible() and fake.sent == []
    assert ctl.opened.store.prompt_events() == []
    assert ctl.timer.isActive()  # looked at again in a few minutes, not dropped
    assert ctl.timer.interval() <= 10 * 60 * 1000


def test_a_server_that_says_not_busy_lets_the_prompt_come(looking, held, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctl, clock, _fake = looking
    _fall_due(ctl, clock, held, qtbot)
    assert _gui_goes_on(ctl, qtbot) == [False]
    held.release(paused=False)
    _answered()
    assert ctl.card.isVisible()
    assert len(ctl.opened.store.prompt_events()) == 1


def test_a_look_answered_after_quit_shows_nothing(looking, held, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Quit while the look waits: its late answer opens no card and sends no
    notification."""
    from tests.ui.test_app import _exit_recorded

    ctl, clock, fake = looking
    _fall_due(ctl, clock, held, qtbot)
    assert _gui_goes_on(ctl, qtbot) == [False]
    exits = _exit_recorded(ctl)
    ctl.quit()
    assert exits == [0]
    held.release(paused=False)
    _answered()
    assert not ctl.card.isVisible() and fake.sent == []
    assert not ctl.timer.isActive()


@pytest.mark.parametrize("answer", [("s", "x" * 1_000_000), ("s", "yes"), ("u", 1)],
                         ids=["a megabyte", "a string", "a number"])
def test_an_answer_not_a_yes_or_no_holds_no_prompt(looking, held, qtbot, answer) -> None:  # type: ignore[no-untyped-def]
    """A server that answers Do Not Disturb with something else (a megabyte of text, a
    word, a number) holds no prompt: the look reads no more than a small answer and
    takes only a yes or no."""
    ctl, clock, _fake = looking
    held.answer = answer
    _fall_due(ctl, clock, held, qtbot)
    held.release(paused=False)
    _answered()
    assert ctl.card.isVisible()


def test_a_megabyte_answer_is_not_read(held, bus) -> None:  # type: ignore[no-untyped-def]
    """The look's own connection stops reading an answer past MAX_MESSAGE (a hostile or
    broken server cannot fill the app's memory)."""
    import time

    from jeepney import DBusAddress, Properties

    from mlcoach.ui.bus_questions import BusQuestions
    from mlcoach.ui.session_bus import BusError

    held.answer = ("s", "x" * 1_000_000)
    held.release(paused=False)
    address = DBusAddress("/org/freedesktop/Notifications", bus_name=SERVICE,
                          interface="org.dunstproject.cmd0")
    with BusQuestions(bus["DBUS_SESSION_BUS_ADDRESS"], time.monotonic() + 600) as asks:
        with pytest.raises(BusError, match="more than"):
            asks.call_blocking(Properties(address).get("paused"))
        held.answer = ("b", True)
        # the connection was dropped with the unread answer; the next call opens another
        assert asks.call_blocking(Properties(address).get("paused")) == (("b", True),)
