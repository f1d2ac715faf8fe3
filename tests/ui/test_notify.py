"""ui/notify.py and ui/prompt_notice.py: what the notification server is sent, and how
its answers become prompt responses (the real server: tests/integration)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal

from mlcoach.system.paths import APP_ID
from mlcoach.ui import notify
from mlcoach.ui.prompt_notice import PromptNotice

pytestmark = pytest.mark.gui


def test_notify_body_has_the_spec_shape_the_app_icon_and_flat_actions() -> None:
    body = notify.notify_body("Recognition", "Thank someone", [("done", "Done"),
                                                               ("snoozed", "Later")])
    app, replaces, icon, title, text, actions, hints, timeout = body
    assert (app, replaces, title, text) == ("mlcoach", 0, "Recognition", "Thank someone")
    assert Path(icon).is_file() and Path(icon).name == f"{APP_ID}.png"
    assert Path(icon).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert actions == ["done", "Done", "snoozed", "Later"]
    assert hints == {"desktop-entry": ("s", APP_ID)}
    assert timeout > 0  # 0 would keep it on screen for ever


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_no_png_icon_where_the_os_cannot_use_one(platform: str) -> None:
    icon = notify.notification_icon(platform)
    assert icon == "" or icon.endswith(".ico")


class FakeServer(QObject):
    """Stands in for ui.notify.Notifications: records calls, emits what a server would."""

    action_invoked = Signal(int, str)
    closed = Signal(int, int)
    activation_token = Signal(int, str)
    server_changed = Signal(str, str)

    def __init__(self, actions: bool = True) -> None:
        super().__init__()
        self.actions = actions
        self.present = True  # a server owns the name (as last heard)
        self.sent: list[tuple[str, Sequence[tuple[str, str]]]] = []
        self.bodies: list[str] = []
        self.transient: list[bool] = []  # per notification: the transient hint
        self.closed_ids: list[int] = []
        self.next_id = 7
        self.reply: Callable[[int], None] | None = None

    def supports_actions(self) -> bool:
        return self.actions

    def server_present(self) -> bool:
        return self.present

    def notify(self, title: str, message: str, actions: Sequence[tuple[str, str]] = (),
               sent: Callable[[int], None] | None = None, transient: bool = False,
               **_: Any) -> None:
        self.sent.append((title, actions))
        self.bodies.append(message)
        self.transient.append(transient)
        self.reply = sent

    def answer(self) -> int:
        assert self.reply is not None
        self.next_id += 1
        self.reply(self.next_id)
        return self.next_id

    def close(self, notification_id: int) -> None:
        self.closed_ids.append(notification_id)


def _notice(server: FakeServer) -> tuple[PromptNotice, list[str], list[str]]:
    notice = PromptNotice(server)  # type: ignore[arg-type]
    got: list[str] = []
    other: list[str] = []
    notice.responded.connect(got.append)
    notice.capture_requested.connect(lambda: other.append("capture"))
    notice.open_requested.connect(lambda: other.append("open"))
    return notice, got, other


def test_done_from_the_notification_is_recorded_once_and_later_closes_are_ignored(
        qapp: Any) -> None:
    server = FakeServer()
    notice, got, _ = _notice(server)
    assert notice.show("Recognition", "Thank someone")
    keys = [k for k, _ in server.sent[0][1]]
    assert keys == ["default", "done", "snoozed", "skipped", "capture"]
    nid = server.answer()
    server.action_invoked.emit(nid + 100, "done")  # someone else's notification
    assert got == []
    server.action_invoked.emit(nid, "done")
    server.closed.emit(nid, notify.CLOSED_DISMISSED)  # dunst closes it after the click
    assert got == ["done"]


def test_capture_answers_done_then_opens_capture_and_expiry_is_recorded(qapp: Any) -> None:
    server = FakeServer()
    notice, got, other = _notice(server)
    notice.show("t", "m")
    server.action_invoked.emit(server.answer(), "capture")
    assert got == ["done"] and other == ["capture"]
    notice.show("t", "m")
    server.closed.emit(server.answer(), notify.CLOSED_EXPIRED)
    assert got == ["done", "expired"]


def test_body_click_opens_the_card_without_answering(qapp: Any) -> None:
    server = FakeServer()
    notice, got, other = _notice(server)
    notice.show("t", "m")
    nid = server.answer()
    server.action_invoked.emit(nid, "default")
    server.closed.emit(nid, notify.CLOSED_DISMISSED)
    assert got == [] and other == ["open"]


def test_answered_on_the_card_withdraws_the_notification_even_before_its_id(
        qapp: Any) -> None:
    server = FakeServer()
    notice, got, _ = _notice(server)
    notice.show("t", "m")
    nid = server.answer()
    notice.withdraw()
    assert server.closed_ids == [nid]
    server.closed.emit(nid, notify.CLOSED_BY_CALL)
    notice.show("t", "m")
    notice.withdraw()  # the server has not replied yet
    late = server.answer()
    assert server.closed_ids == [nid, late] and got == []


def test_a_server_without_buttons_only_tells(qapp: Any) -> None:
    server = FakeServer(actions=False)
    notice, _got, _ = _notice(server)
    assert not notice.show("t", "m")
    assert server.sent == [("t", ())]


def test_the_servers_activation_token_for_our_notification_is_passed_on(qapp: Any) -> None:
    server = FakeServer()
    notice, _got, _ = _notice(server)
    tokens: list[str] = []
    notice.activation_token.connect(tokens.append)
    notice.show("t", "m")
    nid = server.answer()
    server.activation_token.emit(nid + 1, "not-ours")
    server.activation_token.emit(nid, "kwin-42")
    assert tokens == ["kwin-42"]


# -- ActionNotice: a card's message and buttons as a notification (Wayland) ---------------


def _action_notice(server: FakeServer) -> tuple[Any, list[str]]:
    from mlcoach.ui.action_notice import ActionNotice

    notice = ActionNotice(server)  # type: ignore[arg-type]
    acted: list[str] = []
    notice.acted.connect(acted.append)
    return notice, acted


def test_an_action_notice_reports_its_own_buttons_only(qapp: Any) -> None:
    server = FakeServer()
    notice, acted = _action_notice(server)
    notice.show("Before your meeting: Review at 14:00", "Deniz · Facts",
                [("coach", "Open coach…")], timeout_ms=60_000)
    assert server.sent == [("Before your meeting: Review at 14:00", [("coach", "Open coach…")])]
    assert server.bodies == ["Deniz · Facts"]
    nid = server.answer()
    server.action_invoked.emit(nid + 1, "coach")  # another notification's button
    server.action_invoked.emit(nid, "default")  # a click on the body: nothing to do
    assert acted == []
    notice.show("t", "m", [("restore", "Back to 4 a day")], timeout_ms=1000)
    assert server.closed_ids == [nid]  # the one before is taken away
    second = server.answer()
    server.action_invoked.emit(second, "restore")
    server.action_invoked.emit(second, "restore")  # a second click counts once
    assert acted == ["restore"] and notice.keys == ()


def test_an_action_notice_without_buttons_only_tells_and_withdraws_cleanly(qapp: Any) -> None:
    server = FakeServer(actions=False)
    notice, acted = _action_notice(server)
    notice.show("t", "m", [("coach", "Open coach…")], timeout_ms=1000)
    assert server.sent == [("t", [])] and notice.keys == ("coach",)
    notice.withdraw()  # before the server replied
    late = server.answer()
    assert server.closed_ids == [late] and acted == []


def test_an_answer_that_comes_after_a_newer_show_is_closed_not_kept(qapp: Any) -> None:
    server = FakeServer()
    notice, acted = _action_notice(server)
    notice.show("first", "m", [("coach", "Open coach…")], timeout_ms=1000)
    first_reply = server.reply
    notice.show("second", "m", [("coach", "Open coach…")], timeout_ms=1000)
    second = server.answer()
    assert first_reply is not None
    first_reply(99)  # the server's late answer to the first
    assert 99 in server.closed_ids and notice.current == second
    server.action_invoked.emit(99, "coach")
    assert acted == []


class _BusSignals(QObject):
    reconnected = Signal()


class _RecordingBus:
    def __init__(self) -> None:
        self.bodies: list[tuple[Any, ...]] = []
        self._signals = _BusSignals()
        self.reconnected = self._signals.reconnected

    def call(self, msg: Any, ok: Any, fail: Any, **kw: Any) -> None:
        self.bodies.append(msg.body)

    def on_signal(self, *args: Any, **kw: Any) -> None:
        pass

    def watch_owner(self, *args: Any, **kw: Any) -> None:
        pass

    def owner(self, _name: str) -> str:
        return ""


def test_a_private_notice_is_sent_transient_so_servers_keep_no_copy(qapp: Any) -> None:
    """The spec's transient hint: GNOME keeps no copy in its list (shown on the lock
    screen), KDE none in its history; what the app shows there is not private."""
    from mlcoach.ui.action_notice import ActionNotice

    bus = _RecordingBus()
    notifications = notify.Notifications(bus=bus)  # type: ignore[arg-type]
    notifications.capabilities = frozenset({"actions"})
    notice = ActionNotice(notifications)
    notice.show("Before your meeting", "Deniz · Facts", [("coach", "Open coach…")],
                timeout_ms=60_000, private=True)
    assert bus.bodies[-1][6]["transient"] == ("b", True)
    notice.show("mlcoach", "Back to 4 a day?", [("restore", "Back")], timeout_ms=60_000)
    assert "transient" not in bus.bodies[-1][6]


@pytest.mark.parametrize("markup", [True, False])
def test_text_stays_text_where_the_server_reads_markup(qapp: Any, markup: bool) -> None:
    bus = _RecordingBus()
    notifications = notify.Notifications(bus=bus)  # type: ignore[arg-type]
    notifications.capabilities = frozenset({"actions", *(["body-markup"] if markup else [])})
    notifications.notify("Before your meeting", "Ana & Bo · <Facts>")
    body = bus.bodies[-1][4]
    assert body == ("Ana &amp; Bo · &lt;Facts&gt;" if markup else "Ana & Bo · <Facts>")


def test_an_action_notice_is_shown_again_by_a_server_that_restarted(qapp: Any) -> None:
    """The meeting preparation (a private, transient notice) vanished with a server that
    restarted; it is shown again, as it was, and not after it was answered."""
    server = FakeServer()
    notice, acted = _action_notice(server)
    notice.show("Prep", "Dana: facts first", [("ok", "Got it")], 60_000, private=True)
    first = server.answer()
    server.server_changed.emit(":1.5", ":1.9")
    assert server.sent[-1] == ("Prep", [("ok", "Got it")]) and len(server.sent) == 2
    assert server.transient == [True, True]
    assert notice.current == 0  # the old number is no longer ours
    server.action_invoked.emit(first, "ok")
    assert acted == []
    second = server.answer()
    server.action_invoked.emit(second, "ok")
    assert acted == ["ok"]
    server.server_changed.emit(":1.9", ":1.12")
    assert len(server.sent) == 2  # answered: nothing to show again


def test_a_prompt_that_only_told_is_not_told_again_after_a_restart(qapp: Any) -> None:
    server = FakeServer(actions=False)
    notice, _got, _other = _notice(server)
    assert not notice.show("Title", "Text")
    server.answer()
    server.server_changed.emit(":1.5", ":1.9")
    assert len(server.sent) == 1  # the tray menu holds the prompt


def test_a_prompt_withdrawn_or_in_flight_is_not_sent_twice(qapp: Any) -> None:
    server = FakeServer()
    notice, _got, _other = _notice(server)
    notice.show("Title", "Text")
    server.server_changed.emit("", ":1.9")  # activated by this very send
    assert len(server.sent) == 1
    server.answer()
    notice.withdraw()
    server.server_changed.emit(":1.9", ":1.12")
    assert len(server.sent) == 1


def test_a_server_gone_with_none_after_it_gets_the_prompt_once_it_can(qapp: Any,
                                                                      qtbot: Any) -> None:
    """Sent at the moment plasmashell left, the prompt went out without its buttons (the
    capabilities asked of nobody) and again when it was back: two copies. Now it waits
    a little for a server (the next call may start one, as D-Bus starts dunst), and a
    server that keeps restarting gets it a few times, not once per restart."""
    server = FakeServer()
    notice, _got, _other = _notice(server)
    notice.show("Title", "Text")
    server.answer()
    server.server_changed.emit(":1.5", "")
    assert len(server.sent) == 1  # nobody to send it to yet
    server.server_changed.emit("", ":1.9")
    assert len(server.sent) == 2  # the server that came has it
    for n in range(10, 20):
        server.answer()
        server.server_changed.emit(f":1.{n - 1}" if n > 10 else ":1.9", f":1.{n}")
    assert len(server.sent) == 1 + 3  # MAX_RESENDS
    notice.show("Next", "Text")  # a new prompt is sent again as needed
    server.answer()
    server.server_changed.emit(":1.19", "")
    qtbot.waitUntil(lambda: len(server.sent) == 6, timeout=15_000)  # after RESEND_AFTER_MS
    assert server.sent[-1][0] == "Next"


def test_after_our_connection_was_opened_again_the_notice_is_shown_anew(qapp: Any) -> None:
    """A server that sends a click only to the connection that sent the notification
    (KDE) answers nobody for what was shown before the app's connection was opened again."""
    server = FakeServer()
    notice, _acted = _action_notice(server)
    notice.show("Prep", "Dana: facts first", [("ok", "Got it")], 60_000)
    first = server.answer()
    server.server_changed.emit(":1.5", ":1.5")
    assert server.closed_ids == [first] and len(server.sent) == 2


class _RaceBus(_RecordingBus):
    """A bus that keeps each call's answers for the test to give, and its owner watcher."""

    def __init__(self) -> None:
        super().__init__()
        self.changed: Any = None
        self.calls: list[tuple[str, Any, Any]] = []  # (member, reply, failed)
        self.owner_now = ""

    def call(self, msg: Any, ok: Any, fail: Any, **kw: Any) -> None:
        from jeepney import HeaderFields

        self.calls.append((msg.header.fields[HeaderFields.member], ok, fail))
        self.bodies.append(msg.body)

    def watch_owner(self, _name: str, changed: Any = None) -> None:
        self.changed = changed

    def owner(self, _name: str) -> str:
        return self.owner_now


def test_a_capabilities_answer_from_before_the_server_came_is_not_kept(qapp: Any) -> None:
    """The timeout of a call to no server was kept for the server that came meanwhile:
    every later prompt of the session without buttons."""
    bus = _RaceBus()
    notifications = notify.Notifications(bus=bus)  # type: ignore[arg-type]
    assert notifications.supports_actions() is None  # not known: asked, not waited for
    bus.owner_now = ":1.9"
    bus.changed("", ":1.9")  # a server came while the call waited: it is asked anew
    assert [member for member, _ok, _fail in bus.calls] == ["GetCapabilities"] * 2
    bus.calls[0][2]("no answer within the deadline")
    assert notifications.capabilities is None
    bus.calls[1][1]((["body", "actions"],))
    assert notifications.supports_actions() is True


def test_a_prompt_waits_for_the_servers_answer_and_is_sent_once_with_its_buttons(
        qapp: Any) -> None:
    """The prompt's buttons come from the server's answer, which the app does not wait
    for; withdrawn meanwhile, it is not sent at all."""
    bus = _RaceBus()
    notifications = notify.Notifications(bus=bus)  # type: ignore[arg-type]
    prompt = PromptNotice(notifications)
    assert prompt.show("Say thanks", "To someone") is None
    assert [member for member, _ok, _fail in bus.calls] == ["GetCapabilities"]
    bus.calls[0][1]((["actions"],))
    assert [member for member, _ok, _fail in bus.calls] == ["GetCapabilities", "Notify"]
    prompt.withdraw()
    notifications.capabilities = None
    prompt.show("Next", "Text")
    prompt.withdraw()
    bus.calls[-1][1]((["actions"],))
    assert [member for member, _ok, _fail in bus.calls][2:] == ["GetCapabilities"]


def _restart_as_plasma_does(server: FakeServer, notice: Any, old: str, new: str) -> None:
    """plasmashell goes; the notice sent while it is away fails (D-Bus held the call
    while plasma_waitforname waited); the new plasmashell gets it again."""
    server.present = False
    server.server_changed.emit(old, "")
    assert notice._resend_timer.isActive()  # sent again in RESEND_AFTER_MS: now
    notice._resend_timer.timeout.emit()
    assert server.reply is not None
    server.reply(0)  # not shown: nobody answered within the deadline
    server.present = True
    server.server_changed.emit("", new)


def test_a_prompt_comes_back_after_each_of_several_plasma_restarts(qapp: Any) -> None:
    """On real Plasma two restarts used the three resends (a send while it was away,
    one to the new server): after a third restart within the prompt's ten minutes the
    prompt was gone. The cap counts the servers that took it and went."""
    server = FakeServer()
    notice, got, _other = _notice(server)
    notice.show("Say thanks", "To someone")
    owner = ":1.5"
    server.answer()
    for n in range(3):
        sent_before = len(server.sent)
        _restart_as_plasma_does(server, notice, owner, f":1.{10 + n}")
        owner = f":1.{10 + n}"
        assert len(server.sent) == sent_before + 2 and server.sent[-1][0] == "Say thanks"
        nid = server.answer()
        assert notice.current == nid
    server.action_invoked.emit(nid, "done")
    assert got == ["done"]


def test_a_notice_that_crashes_its_server_is_not_sent_for_ever(qapp: Any) -> None:
    """A notification that makes its server crash, each server started again (by D-Bus
    for the next call, or by the desktop): it is sent a few times, not in a loop."""
    server = FakeServer()
    notice, _got, _other = _notice(server)
    notice.show("Say thanks", "To someone")
    owner, handled = ":1.5", 0
    for n in range(10):
        if len(server.sent) == handled:
            break  # no longer sent
        handled = len(server.sent)
        new = f":1.{10 + n}"
        if n % 2:  # taken, then the server crashes showing it
            server.answer()
            server.server_changed.emit(owner, new)
        else:  # the server crashes while it handles the call: no answer
            server.server_changed.emit(owner, new)
            assert server.reply is not None
            server.reply(0)
        owner = new
        if notice._resend_timer.isActive():
            notice._resend_timer.timeout.emit()
    assert len(server.sent) <= 1 + 3


@pytest.mark.parametrize("kind", ["prompt", "notice"])
def test_a_copy_without_buttons_that_reached_a_server_coming_is_sent_again_with_them(
        qapp: Any, kind: str) -> None:
    """Asked of no server, the capabilities said none; the copy sent without buttons
    reached a server that came meanwhile (which has them): no click could answer it."""
    from mlcoach.ui.action_notice import ActionNotice

    bus = _RaceBus()
    notifications = notify.Notifications(bus=bus)  # type: ignore[arg-type]
    if kind == "prompt":
        PromptNotice(notifications).show("Say thanks", "To someone")
    else:
        ActionNotice(notifications).show("Prep", "Dana", [("ok", "Got it")], 60_000)
    bus.calls[0][2]("org.freedesktop.DBus.Error.ServiceUnknown")  # nobody there
    assert bus.calls[1][0] == "Notify" and bus.bodies[1][5] == []  # no buttons
    bus.owner_now = ":1.9"
    bus.changed("", ":1.9")  # the call started a server, which took it
    bus.calls[1][1]((5,))
    bus.calls[2][1]((["body", "actions"],))
    members = [member for member, _ok, _fail in bus.calls]
    assert members == ["GetCapabilities", "Notify", "GetCapabilities", "Notify"]
    assert bus.bodies[3][5][:2] in (["default", "Open"], ["ok", "Got it"])  # its buttons
    assert bus.bodies[3][1] == 5  # in place of the copy: not closed and shown anew (a flash)


def test_a_windows_notification_holds_no_save_and_no_quit(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """On Windows plyer shows the balloon and sleeps its 20 s before taking it down. It
    ran on the store's worker: every save for those 20 s waited behind it, and a quit
    waited for it. It runs beside the store's work now, and a quit does not wait."""
    import threading
    from types import SimpleNamespace

    import plyer

    from mlcoach.ui import ops

    showing, shown = threading.Event(), threading.Event()

    def balloon(**_kwargs: object) -> None:
        showing.set()
        shown.wait(60)  # the balloon's time on screen, until the test ends it

    monkeypatch.setattr(plyer, "notification", SimpleNamespace(notify=balloon))
    try:
        notify.send_notification("Recognition", "Thank someone", platform="win32")
        assert showing.wait(30)
        saved = threading.Event()
        ops.run(saved.set, lambda _r: None, lambda _e: None)  # a save queued meanwhile
        assert saved.wait(30), "the save waited for the notification"
        # nothing a quit must wait for: the save counts as done once handed over (a bound
        # for a broken build; the balloon, were it waited for, holds its 60 s)
        assert ops.settle(30)
    finally:
        shown.set()
