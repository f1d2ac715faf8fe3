"""The app's wiring: the prompt timer with a fake clock, the card, and the single instance.

The controller tests run in-process on the offscreen platform (no tray there, so the
fallback main window is used). The hand-over tests start real app processes.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mlcoach.domain.model import Response, Settings
from mlcoach.system import instance
from mlcoach.ui.app_windows import Window
from mlcoach.ui.tray import Action
from tests.ui.worker import calls_on_gui, drain

pytestmark = pytest.mark.gui

TZ = ZoneInfo("Europe/Istanbul")


class FakeClock:
    """A wall clock the test moves by hand; `real` runs with it unless the test jumps."""

    def __init__(self, start: datetime) -> None:
        self.start = start
        self.now = start
        self.jumped = timedelta(0)
        self.asleep = 0.0

    def __call__(self) -> datetime:
        return self.now.astimezone(timezone.utc)

    def real(self) -> float:
        """Seconds since the start on a clock that counts suspend (boot time)."""
        return (self.now - self.start - self.jumped).total_seconds()

    def steady(self) -> float:
        """Seconds since the start on a clock that stops during suspend (monotonic)."""
        return self.real() - self.asleep

    def sleep(self, span: timedelta) -> None:
        """The machine sleeps for `span`: wall and boot clocks run on, the steady one stops."""
        self.now += span
        self.asleep += span.total_seconds()

    def jump(self, to: datetime) -> None:
        """Change the wall clock without time passing (a manual clock change)."""
        self.jumped += to - self.now
        self.now = to


@pytest.fixture
def controller(qtbot, opened, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from mlcoach.ui import notify
    from mlcoach.ui.app import AppController
    from mlcoach.ui.instance_server import InstanceServer
    from tests.ui.test_notify import FakeServer

    monkeypatch.setattr(notify, "shared", FakeServer)  # no real session bus in these tests

    opened.store.set_state("welcome_done", True)
    opened.store.save_settings(Settings(prompts_per_day=4, min_gap_minutes=75))
    clock = FakeClock(datetime(2026, 11, 23, 8, 0, tzinfo=TZ))  # a Monday, before work
    server = InstanceServer(opened.layout.root)
    ctl = AppController(QApplication.instance(), opened.layout.root, server, clock=clock,
                        tz=lambda: TZ, busy=lambda: False, real_clock=clock.real,
                        steady_clock=clock.steady)
    ctl.start("show", opened=opened)  # the controller starts no store load of its own
    drain()  # the start's records (the first prompt's wait) written on the store's worker
    yield ctl, clock
    ctl.stop()
    ctl.card.hide()
    ctl.pace_card.hide()
    for window in ctl.windows.values():
        window.hide()
    if ctl.main_window is not None:
        ctl.main_window.close()


def _exit_recorded(ctl) -> list[int]:  # type: ignore[no-untyped-def]
    """Let `ctl.quit()` run without ending the test session's QApplication: a real
    QApplication.exit() with no loop running makes every later local loop return at once."""
    exits: list[int] = []
    real = ctl.app

    class App:
        def exit(self, code: int = 0) -> None:
            exits.append(code)

        def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
            return getattr(real, name)

    ctl.app = App()
    return exits


def test_quitting_keeps_the_words_of_a_reflection_not_yet_saved(controller, qtbot, opened):
    """Quit in the menu, or the session ending (SIGTERM), with the reflection open and
    typed in: the words are kept as the day's reflection, not dropped."""
    from mlcoach.security.keys import OSKeyring
    from mlcoach.store.vault import open_store

    ctl, clock = controller
    clock.now = datetime(2026, 11, 23, 18, 30, tzinfo=TZ)
    ctl.open_window(Window.REFLECT)
    drain()  # the day is read on the store's worker, then it is up
    dialog = ctl.reflection_dialog()
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.went_well, "Gave Deniz the lead on the demo")
    exits = _exit_recorded(ctl)
    ctl.quit()
    assert exits == [0]
    reopened = open_store(opened.layout, keys=OSKeyring())
    try:
        kept = reopened.store.reflection(date(2026, 11, 23))
        assert kept is not None and kept.went_well == "Gave Deniz the lead on the demo"
    finally:
        reopened.store.close()


def _files_holding(root: Path, word: bytes) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")
                  if p.is_file() and word in p.read_bytes())


def test_the_capture_draft_is_kept_encrypted(controller, qtbot, opened):  # type: ignore[no-untyped-def]
    """Esc kept "Dana froze in the 1:1" in capture-draft.txt, in clear, for as long as
    the draft lived. The app keeps it in the encrypted store; it comes back after a
    quit, and an older version's file is moved in and removed."""
    from PySide6.QtCore import Qt

    from mlcoach.ui import ops

    ctl, _clock = controller
    assert opened.meta.encryption == "keyring"
    ctl.open_window(Window.CAPTURE)
    window = ctl.capture_window()
    qtbot.keyClicks(window.edit, "Dana froze in the 1:1 CANARYWORD")
    qtbot.keyClick(window.edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: ops.pool().activeThreadCount() == 0 and not ops._live)
    root = opened.layout.root
    assert _files_holding(root, b"CANARYWORD") == []
    exits = _exit_recorded(ctl)
    ctl.quit()
    assert exits == [0] and _files_holding(root, b"CANARYWORD") == []
    from mlcoach.security.keys import OSKeyring
    from mlcoach.store.vault import open_store
    from mlcoach.ui.draft import KEY

    reopened = open_store(opened.layout, keys=OSKeyring())
    try:
        assert "CANARYWORD" in reopened.store.get_state(KEY)["text"]
    finally:
        reopened.store.close()


def test_an_older_versions_draft_file_is_moved_into_the_store(qtbot, opened):  # type: ignore[no-untyped-def]
    from mlcoach.system.paths import DRAFT_NAME
    from mlcoach.ui import ops
    from mlcoach.ui.draft import KEY, Draft, DraftFile, StoreDraft

    file = DraftFile(opened.layout.root / DRAFT_NAME)
    file.save(Draft(text="Half a thought OLDWORD"))
    kept = StoreDraft(opened.store, file)  # as the app's capture window reads it
    assert kept.load() == Draft(text="Half a thought OLDWORD")
    qtbot.waitUntil(lambda: ops.pool().activeThreadCount() == 0 and not ops._live)
    assert not (opened.layout.root / DRAFT_NAME).exists()
    assert _files_holding(opened.layout.root, b"OLDWORD") == []
    assert kept.load() == Draft(text="Half a thought OLDWORD")  # from the store now
    kept.clear()
    qtbot.waitUntil(lambda: ops.pool().activeThreadCount() == 0 and not ops._live)
    assert opened.store.get_state(KEY) is None and kept.load() is None


def test_a_draft_the_store_cannot_take_goes_to_the_file(qtbot, opened, monkeypatch):  # type: ignore[no-untyped-def]
    """A long import holding the store must not cost the words: the file keeps them."""
    from mlcoach.domain.errors import StoreBusyError
    from mlcoach.system.paths import DRAFT_NAME
    from mlcoach.ui import ops
    from mlcoach.ui.draft import Draft, DraftFile, StoreDraft

    def held(*_a: object) -> None:
        raise StoreBusyError("another mlcoach is writing just now")

    monkeypatch.setattr(opened.store, "set_state", held)
    file = DraftFile(opened.layout.root / DRAFT_NAME)
    kept = StoreDraft(opened.store, file)
    kept.save(Draft(text="Asked Bo for the numbers"))
    qtbot.waitUntil(lambda: ops.pool().activeThreadCount() == 0 and not ops._live)
    assert file.load() == Draft(text="Asked Bo for the numbers")
    kept.save_now(Draft(text="Asked Bo for the numbers, twice"))
    assert ops.settle()  # at quit, on the store's worker
    assert file.load() == Draft(text="Asked Bo for the numbers, twice")


def test_a_draft_kept_as_the_window_hid_reaches_the_file_before_the_quit_ends(
        qtbot, opened, monkeypatch):  # type: ignore[no-untyped-def]
    """The capture window hid (focus to the tray menu) and its draft's write waited on a
    store held by an import; Quit then ended the process once the store's worker was
    done, with no event after: the file, written only as the GUI thread heard of the
    failure, never was, and the words were in neither place."""
    from mlcoach.domain.errors import StoreBusyError
    from mlcoach.system.paths import DRAFT_NAME
    from mlcoach.ui import ops
    from mlcoach.ui.draft import Draft, DraftFile, StoreDraft

    def held(*_a: object) -> None:
        raise StoreBusyError("another mlcoach is writing just now")

    monkeypatch.setattr(opened.store, "set_state", held)
    file = DraftFile(opened.layout.root / DRAFT_NAME)
    StoreDraft(opened.store, file).save(Draft(text="Thanked Bo for the late fix"))
    assert ops.settle()  # what quit waits for; no event is handled after it
    assert file.load() == Draft(text="Thanked Bo for the late fix")


def test_quitting_keeps_a_person_and_a_moment_being_edited_as_drafts(controller, qtbot, opened):  # type: ignore[no-untyped-def]
    """Quit (or the session ending: SIGTERM, SIGHUP go through the same quit) with a change
    typed in the coach, a new person typed in its People tab and a moment changed in
    History's editor: all were dropped without a word, then the editors' saved unasked.
    They are kept as each one's draft, offered back when it next opens, and not applied
    to the person or the moment."""
    from mlcoach.security.keys import OSKeyring
    from mlcoach.store.edit_drafts import COACH
    from mlcoach.store.timeline import EntryKind, Timeline
    from mlcoach.store.vault import open_store
    from mlcoach.ui.history.moment_editor import MomentEditor
    from mlcoach.ui.people_panel import PersonDialog

    ctl, _clock = controller
    moment = opened.store.add_moment("Asked Bo about the release")
    ctl.open_window(Window.SUGGEST)
    coach = ctl.composer_dialog()
    qtbot.keyClicks(coach.change, "share the agenda a day before")
    people = coach.people
    people.add_person()
    person_editor = people.editor()
    assert person_editor is not None
    qtbot.keyClicks(person_editor.name, "Deniz")
    person_editor.notes.setPlainText("Likes a heads-up before a change")
    ctl.open_window(Window.HISTORY)
    timeline = ctl.history_window().timeline
    qtbot.waitUntil(lambda: timeline.model.rowCount() > 0)
    timeline.edit_row(0)
    moment_editor = timeline.editor()
    assert moment_editor is not None
    moment_editor.text.setPlainText("Asked Bo about the release, and he took the checklist")
    exits = _exit_recorded(ctl)
    ctl.quit()
    assert exits == [0]
    person_editor.done(0)  # the app has gone; the test session's QApplication goes on
    reopened = open_store(opened.layout, keys=OSKeyring())
    try:
        assert reopened.store.find_person("Deniz") is None  # not added unasked
        assert reopened.store.suggestions() == []  # nor the coach's change saved
        assert reopened.store.get_state(COACH)["values"]["change"] == (
            "share the agenda a day before")
        assert reopened.store.get_moment(moment.id).text == "Asked Bo about the release"
        again = PersonDialog(lambda _form: None, drafts=reopened.store)
        assert (again.name.text(), again.notes.toPlainText()) == (
            "Deniz", "Likes a heads-up before a change")
        again.deleteLater()
        entry = Timeline(reopened.store).entry(EntryKind.MOMENT, moment.id)
        assert entry is not None
        edited = MomentEditor(entry, drafts=reopened.store)
        edited.restore_draft()
        assert edited.text.toPlainText().endswith("he took the checklist")
        assert not edited.draft.line.isHidden()
        edited.deleteLater()
    finally:
        reopened.store.close()


def test_asking_for_the_reflection_again_keeps_what_is_being_typed(controller, qtbot):
    """Reflect from the tray (or the evening's offer) while the reflection is open and
    typed in brings it forward; it does not load the day over the words."""
    ctl, clock = controller
    clock.now = datetime(2026, 11, 23, 18, 30, tzinfo=TZ)
    ctl.open_window(Window.REFLECT)
    drain()  # the day is read on the store's worker, then it is up
    dialog = ctl.reflection_dialog()
    qtbot.keyClicks(dialog.went_well, "Asked Bo first")
    ctl.open_window(Window.REFLECT)
    drain()  # the day is read on the store's worker, then it is up
    assert dialog.isVisible() and dialog.went_well.toPlainText() == "Asked Bo first"
    dialog.done(0)  # closed without the question, as a test leaves it


def test_asking_for_settings_again_keeps_changes_not_yet_applied(controller):
    ctl, _clock = controller
    ctl.open_window(Window.SETTINGS)
    settings = ctl.settings_dialog()
    before = settings.current()
    settings.schedule.prompts.setValue(before.prompts_per_day + 1)
    assert settings.has_unsaved_changes()
    ctl.open_window(Window.SETTINGS)
    assert settings.current().prompts_per_day == before.prompts_per_day + 1
    settings.done(0)  # closed without the question Esc now asks (changes are pending)


def test_quitting_with_the_reflection_open_and_nothing_typed_saves_nothing(controller, opened):
    from mlcoach.security.keys import OSKeyring
    from mlcoach.store.vault import open_store

    ctl, clock = controller
    clock.now = datetime(2026, 11, 23, 18, 30, tzinfo=TZ)
    ctl.open_window(Window.REFLECT)
    drain()  # the day is read on the store's worker, then it is up
    _exit_recorded(ctl)
    ctl.quit()
    reopened = open_store(opened.layout, keys=OSKeyring())
    try:
        assert reopened.store.reflection(date(2026, 11, 23)) is None
    finally:
        reopened.store.close()


def test_a_start_in_working_hours_does_not_greet_the_login_with_a_prompt(qtbot, opened):
    """Started (logged in) at 10:46 with a slot due, the first prompt waits a moment, as
    after sleep; a prompt asked for from the menu then is not replaced a second later by
    the scheduler's (the desktop matrix saw 'expired', 'done')."""
    from PySide6.QtWidgets import QApplication

    from mlcoach.coaching.scheduler import WAKE_SETTLE
    from mlcoach.ui.app import AppController
    from mlcoach.ui.instance_server import InstanceServer

    opened.store.set_state("welcome_done", True)
    clock = FakeClock(datetime(2026, 11, 25, 10, 46, tzinfo=TZ))  # a Wednesday morning
    server = InstanceServer(opened.layout.root)
    ctl = AppController(QApplication.instance(), opened.layout.root, server, clock=clock,
                        tz=lambda: TZ, busy=lambda: False, real_clock=clock.real,
                        steady_clock=clock.steady)
    ctl.start("show", opened=opened)
    drain()  # the start's wait is written on the store's worker
    try:
        assert ctl.coach is not None
        assert ctl.coach.due_action(clock()) is None
        clock.now = clock() + WAKE_SETTLE
        assert ctl.coach.due_action(clock()) == "prompt"
    finally:
        ctl.stop()
        if ctl.main_window is not None:
            ctl.main_window.close()


def test_timer_is_one_single_shot_armed_for_the_first_slot(controller):
    ctl, clock = controller
    assert ctl.timer.isSingleShot() and ctl.timer.isActive()
    due = ctl.coach.next_due(clock())
    assert due is not None and due.astimezone(TZ).hour >= 9  # inside working hours
    # Never sleeps longer than ten minutes before looking at the wall clock again.
    expected = min(due - clock(), timedelta(minutes=10)).total_seconds() * 1000
    assert abs(ctl.timer.interval() - expected) < 1500


def test_prompt_arrives_as_a_card_and_the_response_is_recorded(controller, qtbot):
    ctl, clock = controller
    due = ctl.coach.next_due(clock())
    clock.now = due + timedelta(seconds=1)
    ctl.on_timer()
    assert ctl.card.isVisible()
    assert ctl.card.text.text()  # the prompt itself
    assert "Try this" in ctl.card.try_label.text()
    (event,) = ctl.opened.store.prompt_events()
    assert event.response is Response.SHOWN and event.why
    qtbot.mouseClick(ctl.card.buttons["done"], _left())
    assert not ctl.card.isVisible()
    (event,) = ctl.opened.store.prompt_events()
    assert event.response is Response.DONE
    # Re-armed for the next slot, which respects the minimum gap.
    nxt = ctl.coach.next_due(clock())
    assert nxt is not None and nxt - event.shown_at >= timedelta(minutes=75)
    assert ctl.timer.isActive()


def _answer_prompts(ctl, clock, answer: str, times: int) -> None:  # type: ignore[no-untyped-def]
    for _ in range(times):
        ctl.show_prompt(manual=True)
        ctl.card.respond(answer)
        clock.now += timedelta(minutes=5)


def test_three_skips_lower_the_pace_and_the_menu_brings_it_back(controller):
    ctl, clock = controller
    restore = ctl.menu.actions[Action.RESTORE_PACE]
    assert not restore.isVisible()
    _answer_prompts(ctl, clock, "skipped", 3)
    assert ctl.coach.lowered_pace(clock()) == (3, 4)
    assert restore.isVisible() and restore.text() == "Back to 4 prompts a day"
    if ctl.main_window is not None:  # offscreen: the fallback window has it as a button
        button = ctl.main_window.buttons[Action.RESTORE_PACE]
        assert button.isVisibleTo(ctl.main_window) and button.text() == restore.text()
    restore.trigger()
    assert ctl.coach.lowered_pace(clock()) is None
    assert not restore.isVisible()
    assert ctl.coach.next_due(clock()) is not None and ctl.timer.isActive()


def test_prompts_left_unanswered_as_notifications_are_missed_and_back_off(controller,
                                                                          qtbot):
    """GNOME keeps a notification in its list and never reports it expired: prompts sent
    only as notifications and never answered counted for nothing, and the coach never
    eased off for someone who ignored them all."""
    ctl, clock = controller
    ctl.opened.store.save_settings(Settings(prompts_per_day=4, min_gap_minutes=75,
                                            notification_route="notification"))
    ctl.coach.reload_settings()
    for _ in range(6):  # a card gone by unseen weighs half a skip
        ctl.show_prompt(manual=True)
        assert ctl.current_event is not None and ctl.prompt_expiry.isActive()
        ctl.prompt_expiry.timeout.emit()  # what the timer does ten minutes on
        qtbot.waitUntil(lambda: ctl.current_event is None)
        clock.now += timedelta(minutes=15)
    qtbot.waitUntil(lambda: len([e for e in ctl.opened.store.prompt_events()
                                 if e.response is Response.EXPIRED]) == 6)
    assert ctl.coach.lowered_pace(clock()) == (3, 4)
    assert not ctl.prompt_expiry.isActive()


def test_the_apps_expiry_comes_after_the_cards():
    from mlcoach.ui.app import PROMPT_EXPIRY_MS
    from mlcoach.ui.prompt_card import EXPIRE_MS

    assert EXPIRE_MS < PROMPT_EXPIRY_MS <= EXPIRE_MS + 120_000


def test_an_answered_prompt_stops_its_expiry(controller):
    ctl, _clock = controller
    ctl.show_prompt(manual=True)
    assert ctl.prompt_expiry.isActive()
    ctl.card.respond("done")
    assert not ctl.prompt_expiry.isActive()


def test_a_card_opened_later_from_the_tray_gets_its_own_ten_minutes(controller):
    """Sent as a notification, opened from the tray nine minutes on: the card was taken
    away a minute later, while being read."""
    ctl, _clock = controller
    ctl.opened.store.save_settings(Settings(notification_route="notification"))
    ctl.coach.reload_settings()
    ctl.show_prompt(manual=True)
    ctl.prompt_expiry.stop()  # stands for the minutes gone by
    ctl.open_prompt_card()
    assert ctl.prompt_expiry.isActive()
    assert ctl.prompt_expiry.remainingTime() > ctl.prompt_expiry.interval() - 60_000


def test_the_back_to_full_pace_offer_is_answered_on_its_card(controller, qtbot):
    ctl, clock = controller
    _answer_prompts(ctl, clock, "skipped", 3)
    assert not ctl.pace_card.isVisible()  # the back-off is only told, not offered back
    _answer_prompts(ctl, clock, "done", 2)  # acting on prompts again: the offer comes
    card = ctl.pace_card
    assert card.isVisible() and not card.isActiveWindow()
    assert card.text.text() == "Prompts are at 3 a day for now. Back to 4 a day?"
    assert card.restore_button.text() == "Back to 4 a day"
    qtbot.mouseClick(card.restore_button, _left())
    assert not card.isVisible()
    assert ctl.coach.lowered_pace(clock()) is None
    assert not ctl.menu.actions[Action.RESTORE_PACE].isVisible()


def test_not_now_keeps_the_lower_pace_and_the_menu_offer(controller, qtbot):
    ctl, clock = controller
    _answer_prompts(ctl, clock, "skipped", 3)
    _answer_prompts(ctl, clock, "done", 2)
    qtbot.mouseClick(ctl.pace_card.later_button, _left())
    assert not ctl.pace_card.isVisible()
    assert ctl.coach.lowered_pace(clock()) == (3, 4)
    assert ctl.menu.actions[Action.RESTORE_PACE].isVisible()


def test_after_a_sleep_the_first_prompt_waits_a_moment(controller):
    from mlcoach.coaching.scheduler import WAKE_SETTLE

    ctl, clock = controller
    due = ctl.coach.next_due(clock())
    clock.sleep(due - clock() + timedelta(minutes=1))  # asleep over the prompt's time
    ctl.on_timer()
    assert not ctl.card.isVisible()
    assert ctl.opened.store.prompt_events() == []
    clock.now += WAKE_SETTLE + timedelta(seconds=1)
    ctl.on_timer()
    assert ctl.card.isVisible()


def test_a_card_shown_before_a_suspend_goes_at_the_wake(controller, qtbot):
    """The lid closed a minute after a prompt came; opened the next morning, last
    evening's card stayed up to ten more minutes (Qt's timers stop while asleep)."""
    from mlcoach.coaching.scheduler import WAKE_SETTLE

    ctl, clock = controller
    ctl.show_prompt(manual=True)
    assert ctl.card.isVisible()
    clock.sleep(timedelta(hours=14))
    ctl.on_woke()
    qtbot.waitUntil(lambda: ctl.current_event is None)
    assert not ctl.card.isVisible()
    (event,) = ctl.opened.store.prompt_events()
    assert event.response is Response.EXPIRED
    # The schedule was looked at on waking, and the next prompt waits the wake's moment.
    qtbot.waitUntil(lambda: ctl.timer.isActive() and ctl.timer.interval() > 0)
    due = ctl.coach.next_due(clock())
    assert due is not None and due >= clock() + WAKE_SETTLE - timedelta(seconds=1)


def test_a_short_sleep_only_shortens_the_cards_time(controller, qtbot):
    ctl, clock = controller
    ctl.show_prompt(manual=True)
    clock.sleep(timedelta(seconds=30))  # less than a sleep worth counting: nothing
    ctl.on_woke()
    assert ctl.prompt_expiry.remainingTime() > 10 * 60_000
    clock.sleep(timedelta(minutes=4))
    ctl.on_woke()
    ctl.on_woke()  # heard twice (or forged): the sleep is taken off once
    qtbot.wait(10)
    assert ctl.card.isVisible() and ctl.current_event is not None
    # the eleven minutes less four asleep (a coarse timer may be reported up to 5 % late)
    assert 6 * 60_000 < ctl.prompt_expiry.remainingTime() <= 7 * 60_000 * 1.05


def test_without_logind_the_next_look_at_the_schedule_catches_up(controller, qtbot):
    """No system bus (a container, another OS): the schedule's own timer, at most ten
    minutes after the wake, sees the sleep and takes the card away."""
    ctl, clock = controller
    ctl.show_prompt(manual=True)
    clock.sleep(timedelta(hours=3))
    ctl.on_timer()
    qtbot.waitUntil(lambda: ctl.current_event is None)
    assert not ctl.card.isVisible()


def test_a_wake_past_the_meeting_takes_its_preparation_away(controller, tmp_path, qtbot):
    ctl, clock = controller
    _ten_minutes_before_a_meeting_with_deniz(ctl, clock, tmp_path, qtbot)
    card = ctl._prep_card
    assert card is not None and card.isVisible()
    clock.sleep(timedelta(minutes=30))  # asleep over the meeting's start
    ctl.on_woke()
    qtbot.waitUntil(lambda: not card.isVisible(), timeout=30_000)  # a busy machine


def test_a_wake_is_looked_at_even_when_the_schedule_is_planned_again_meanwhile(
        controller, tmp_path, qtbot):
    """The look a wake asks for was the timer's own, started at 0 ms: a calendar read that
    came in before it fired planned the timer again for the next prompt, hours on, and
    the card for a meeting that had started stayed up (CI: the test above, 1 run in 3)."""
    ctl, clock = controller
    _ten_minutes_before_a_meeting_with_deniz(ctl, clock, tmp_path, qtbot)
    card = ctl._prep_card
    assert card is not None and card.isVisible()
    clock.sleep(timedelta(minutes=30))
    ctl.on_woke()
    ctl.arm()  # as a calendar read coming in does
    qtbot.waitUntil(lambda: not card.isVisible(), timeout=30_000)


def test_the_machine_waking_is_heard_from_logind(controller, qtbot, tmp_path, monkeypatch):
    """End to end: python-dbusmock's logind on a private bus says the machine woke; the
    card shown before the sleep goes."""
    from mlcoach.ui import wake
    from tests.reliability.bus import logind_bus, logind_call

    ctl, clock = controller
    with logind_bus(tmp_path / "bus") as address:
        monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", address)
        monkeypatch.setattr(wake, "_system", None)
        ctl._wake = None
        ctl.listen_for_wake()
        assert ctl._wake is not None
        qtbot.waitUntil(lambda: ctl._wake.listening, timeout=10_000)
        ctl.show_prompt(manual=True)
        clock.sleep(timedelta(hours=2))
        logind_call(address, "/org/freedesktop/login1", "org.freedesktop.DBus.Mock",
                    "EmitSignal", "sssav", ("org.freedesktop.login1.Manager",
                                            "PrepareForSleep", "b", [("b", False)]))
        qtbot.waitUntil(lambda: ctl.current_event is None, timeout=10_000)
        assert not ctl.card.isVisible()
        wake.system_bus().close()


def test_card_never_takes_focus(controller):
    from PySide6.QtCore import Qt

    ctl, _clock = controller
    flags = ctl.card.windowFlags()
    assert flags & Qt.WindowType.WindowDoesNotAcceptFocus
    assert ctl.card.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)


def test_clock_jump_gives_one_catch_up_not_a_burst(controller):
    ctl, clock = controller
    clock.now = datetime(2026, 11, 23, 15, 0, tzinfo=TZ)  # away for most of the day
    ctl.on_timer()
    assert len(ctl.opened.store.prompt_events()) == 1  # one catch-up
    clock.jump(datetime(2026, 11, 23, 16, 0, tzinfo=TZ))  # then the clock is moved on
    ctl.on_card_response("skipped")
    ctl.on_timer()  # firing again at once must not show another
    assert len(ctl.opened.store.prompt_events()) == 1


def test_pause_holds_prompts_and_resumes_by_itself(controller):
    ctl, clock = controller
    clock.now = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)
    ctl.on_action(Action.PAUSE_1H)
    assert ctl.coach.is_paused()
    assert ctl.menu.actions[Action.RESUME].isVisible() if ctl.main_window is None else True
    due = ctl.coach.next_due(clock())
    assert due is not None and due >= clock() + timedelta(hours=1)
    clock.now += timedelta(hours=1, minutes=1)
    assert not ctl.coach.is_paused()


def _ten_minutes_before_a_meeting_with_deniz(ctl, clock, tmp_path, qtbot):  # type: ignore[no-untyped-def]
    """A calendar with a 14:00 review Deniz attends, a suggestion for Deniz, and the app's
    timer at 13:50."""
    from mlcoach.domain.model import ChangeKind, Size, Style

    meeting = datetime(2026, 11, 23, 14, 0, tzinfo=TZ)
    start = meeting.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    cal = tmp_path / "work.ics"
    cal.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:m1\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:{start}\r\nDURATION:PT30M\r\n"
        "SUMMARY:Release review\r\nATTENDEE;CN=Deniz Kaya:mailto:deniz@example.org\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    store = ctl.opened.store
    store.save_settings(Settings(calendar_path=str(cal), meeting_prep_minutes=10))
    store.add_person("Deniz Kaya", Style.FACTS)
    store.add_suggestion(style=Style.FACTS, change="review pull requests before standup",
                         action=ChangeKind.START, size=Size.SMALL, text="…",
                         person="Deniz Kaya")
    ctl.on_settings_changed()
    clock.now = meeting - timedelta(minutes=10)
    ctl.on_timer()  # asks the worker for the calendar; the tray's thread does not read it
    qtbot.waitUntil(lambda: ctl._meetings.has_read(ctl.coach.settings()), timeout=10_000)
    ctl.on_timer()  # now with the meetings read



def test_meeting_prep_card_shows_before_the_meeting_and_leads_to_the_coach(
        controller, tmp_path, qtbot):
    ctl, clock = controller
    _ten_minutes_before_a_meeting_with_deniz(ctl, clock, tmp_path, qtbot)
    card = ctl._prep_card
    assert card is not None and card.isVisible()
    assert "Release review" in card.title.text()
    assert "Deniz Kaya" in card.people.text() and "pull requests" in card.people.text()
    assert not card.isActiveWindow()
    # Shown once: the next timer does not bring it back.
    card.hide()
    ctl.on_timer()
    assert not card.isVisible()
    card.coach_button.click()
    assert ctl.windows[Window.SUGGEST].isVisible()
    ctl.windows[Window.SUGGEST].hide()


def test_the_calendar_is_read_on_the_worker_never_on_the_trays_thread(
        controller, tmp_path, qtbot, monkeypatch):
    """80,000 meetings on one day were parsed on the tray's thread (three minutes without
    an answer), and Evolution was asked over D-Bus there at every timer."""
    import threading

    from mlcoach.coaching import calendar_sources

    ctl, clock = controller
    threads: list[int] = []
    real = calendar_sources.busy_meetings

    def recorded(settings, start, end):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return real(settings, start, end)

    monkeypatch.setattr(calendar_sources, "busy_meetings", recorded)
    _ten_minutes_before_a_meeting_with_deniz(ctl, clock, tmp_path, qtbot)
    assert ctl._prep_card is not None and ctl._prep_card.isVisible()  # it was read
    assert threads and threading.main_thread().ident not in threads


def test_accepting_the_weekly_focus_reaches_the_scheduler(controller):
    ctl, _clock = controller
    ctl.coach.settings()  # cached, as after start-up
    history = ctl.history_window()
    from mlcoach.coaching.weekly import accept_focus

    accept_focus(ctl.coach.store, "recognition", date(2026, 11, 23))
    history.focus_accepted.emit("recognition")
    assert ctl.coach.settings().focus_themes == ("recognition",)
    drain()  # armed again once the settle is written on the worker
    assert ctl.timer.isActive()


def test_a_store_error_never_stops_the_timer(controller, monkeypatch):
    """A database error deep in the store reaches the app as the store's own error type
    (the UI knows nothing of SQLAlchemy) and the timer looks again shortly."""
    from sqlalchemy.exc import OperationalError

    from mlcoach.ui.app import RETRY_WAIT_MS

    ctl, _clock = controller

    class Unreadable:
        def __call__(self, *_a, **_k):  # type: ignore[no-untyped-def]
            raise OperationalError("SELECT 1", {}, Exception("disk I/O error"))

        begin = __call__

    monkeypatch.setattr(ctl.coach.store, "_sessions", Unreadable())
    ctl.coach.reload_settings()  # read them again, from the failing store
    ctl.on_timer()
    assert ctl.timer.isActive()
    assert ctl.timer.interval() == RETRY_WAIT_MS


def test_tooltip_names_next_prompt_and_todays_count(controller):
    ctl, clock = controller
    status = ctl.coach.status(clock())
    assert "next prompt" in status.tooltip and "0 today" in status.tooltip
    if ctl.main_window is not None:
        assert ctl.main_window.next_label.text() == status.tooltip


def _left():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


# -- single instance, with real processes ------------------------------------------------

def _app_env(cli_env: dict[str, str]) -> dict[str, str]:
    env = dict(cli_env, QT_QPA_PLATFORM="offscreen", MLCOACH_READY_SIGNAL="1")
    env["XDG_RUNTIME_DIR"] = str(Path(cli_env["HOME"]) / "run")
    Path(env["XDG_RUNTIME_DIR"]).mkdir(mode=0o700, exist_ok=True)
    return env


def _start_app(env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "mlcoach", "run"], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


# Deadlines, not speed checks: on a busy two-core machine a start can take a minute.
START_DEADLINE = 120.0


_SEEN: dict[int, list[str]] = {}  # lines each app printed that no wait has read yet


def _wait_ready(proc: subprocess.Popen[str], what: str = "store",
                timeout: float = START_DEADLINE) -> None:
    """Read the app's stderr until it says `what` is ready (never blocks past `timeout`).

    Reads the pipe's bytes itself: a buffered readline can swallow the ready line together
    with the line before it, and select() then never wakes for it.
    """
    import selectors

    deadline = time.monotonic() + timeout
    assert proc.stderr is not None
    fd = proc.stderr.fileno()
    lines = _SEEN.setdefault(proc.pid, [])
    partial = b""
    with selectors.DefaultSelector() as sel:
        sel.register(fd, selectors.EVENT_READ)
        while True:
            while lines:
                if lines.pop(0).strip() == f"mlcoach-ready: {what}":
                    return
            left = deadline - time.monotonic()
            if left <= 0 or not sel.select(left):
                break
            chunk = os.read(fd, 65536)
            if not chunk:
                raise AssertionError(f"app exited early: {proc.poll()}")
            *done, partial = (partial + chunk).split(b"\n")
            lines.extend(line.decode("utf-8", "replace") for line in done)
    raise AssertionError(f"app did not say {what!r} within {timeout:.0f} s")


def _quit(proc: subprocess.Popen[str], data: Path, env: dict[str, str]) -> int:
    """Ask the app to quit and wait for it; killed when it does not (the test still fails
    on the timeout), so no app outlives its test."""
    instance.send(data, "quit", env=env)
    try:
        return proc.wait(timeout=START_DEADLINE)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise


@pytest.fixture
def app_env(cli_env):  # type: ignore[no-untyped-def]
    env = _app_env(cli_env)
    # Pretend the welcome was seen, so the app starts quietly.
    res = subprocess.run([sys.executable, "-m", "mlcoach", "init"], env=env,
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    return env


def _mark_welcome_done(env: dict[str, str]) -> None:
    code = ("from mlcoach.security.keys import OSKeyring; "
            "from mlcoach.store.vault import Layout, open_store; "
            "from pathlib import Path; import os; "
            "o = open_store(Layout(Path(os.environ['MLCOACH_DATA_DIR'])), keys=OSKeyring()); "
            "o.store.set_state('welcome_done', True); o.store.close()")
    subprocess.run([sys.executable, "-c", code], env=env, check=True)


@pytest.mark.slow
def test_second_start_hands_over_and_exits(app_env):
    _mark_welcome_done(app_env)
    data = Path(app_env["MLCOACH_DATA_DIR"])
    app = _start_app(app_env)
    try:
        _wait_ready(app)
        res = subprocess.run([sys.executable, "-m", "mlcoach", "capture"], env=app_env,
                             capture_output=True, text=True, timeout=START_DEADLINE)
        assert res.returncode == 0, res.stderr  # handed over and done, not a second app
        assert app.poll() is None  # still the one running app
        # Malformed messages are ignored and the app keeps running.
        path = instance.channel_path(data, app_env)
        for junk in (b"hello\n", b'{"mlcoach": 1, "request": "rm -rf"}\n', b"\xff" * 5000):
            with socket.socket(socket.AF_UNIX) as s:
                s.connect(str(path))
                s.sendall(junk)
                s.settimeout(5)
                assert s.recv(16) == b""  # closed without an answer
        assert app.poll() is None
        assert instance.send(data, "show", timeout=20, env=app_env)
    finally:
        assert _quit(app, data, app_env) == 0


@pytest.mark.slow
def test_a_start_through_a_link_to_the_data_folder_hands_over(app_env, tmp_path):
    """A symlink, or "x/../data", to the same folder started a second app on one store:
    two tray icons, two schedulers, and a wipe that stopped only one of them."""
    _mark_welcome_done(app_env)
    data = Path(app_env["MLCOACH_DATA_DIR"])
    link = tmp_path / "link"
    link.symlink_to(data)
    (data.parent / "x").mkdir(exist_ok=True)
    app = _start_app(app_env)
    try:
        _wait_ready(app)
        for other in (link, data.parent / "x" / ".." / data.name):
            second = _start_app(dict(app_env, MLCOACH_DATA_DIR=str(other)))
            try:
                code = second.wait(timeout=START_DEADLINE)
            finally:
                if second.poll() is None:  # a second app: end it, the test fails above
                    second.kill()
                    second.wait()
            assert code == 0  # handed over to the one running app
        assert app.poll() is None
    finally:
        assert _quit(app, data, app_env) == 0


@pytest.mark.slow
@pytest.mark.parametrize("sig", [getattr(signal, name, None) for name in ("SIGTERM", "SIGHUP")],
                         ids=["SIGTERM", "SIGHUP"])
def test_the_session_ending_quits_the_app_cleanly(app_env, sig):
    """Logout (SIGTERM) or a closed terminal (SIGHUP) goes through the app's own quit: the
    open windows keep what was typed (tested above) and the channel is taken down."""
    if sig is None:
        pytest.skip("no SIGHUP on this platform")
    _mark_welcome_done(app_env)
    data = Path(app_env["MLCOACH_DATA_DIR"])
    app = _start_app(app_env)
    try:
        _wait_ready(app)
        app.send_signal(sig)
        assert app.wait(timeout=START_DEADLINE) == 0
        assert not instance.channel_path(data, app_env).exists()
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()


@pytest.mark.slow
def test_a_second_start_says_when_the_running_app_does_not_answer(app_env):
    """A stopped (or hung) app: the second start gives up within its one deadline and
    says so, instead of 40 s of asks and "another mlcoach is starting"."""
    _mark_welcome_done(app_env)
    data = Path(app_env["MLCOACH_DATA_DIR"])
    app = _start_app(app_env)
    try:
        _wait_ready(app)
        app.send_signal(signal.SIGSTOP)
        res = subprocess.run([sys.executable, "-m", "mlcoach", "run"], env=app_env,
                             capture_output=True, text=True, timeout=START_DEADLINE)
        assert res.returncode == 1
        assert "does not answer" in res.stderr and "is starting" not in res.stderr
    finally:
        app.send_signal(signal.SIGCONT)
        assert _quit(app, data, app_env) == 0


@pytest.mark.slow
def test_stale_channel_after_kill_is_recovered(app_env):
    _mark_welcome_done(app_env)
    data = Path(app_env["MLCOACH_DATA_DIR"])
    first = _start_app(app_env)
    _wait_ready(first, "window")
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    assert instance.channel_path(data, app_env).exists()  # left behind
    second = _start_app(app_env)
    try:
        _wait_ready(second)
        assert instance.send(data, "show", timeout=20, env=app_env)
    finally:
        assert _quit(second, data, app_env) == 0


@pytest.mark.slow
def test_ten_simultaneous_starts_give_one_app(app_env):
    _mark_welcome_done(app_env)
    data = Path(app_env["MLCOACH_DATA_DIR"])
    procs = [_start_app(app_env) for _ in range(10)]
    try:
        deadline = time.monotonic() + START_DEADLINE
        while time.monotonic() < deadline and sum(p.poll() is None for p in procs) > 1:
            time.sleep(0.2)
        running = [p for p in procs if p.poll() is None]
        assert len(running) == 1
        assert all(p.returncode == 0 for p in procs if p not in running)
    finally:
        for p in procs:
            if p.poll() is None:
                _quit(p, data, app_env)


# -- Wayland: a card cannot be placed, so prep and the pace offer are notifications ------


@pytest.fixture
def wayland(controller, monkeypatch):  # type: ignore[no-untyped-def]
    from mlcoach.ui import notify
    from tests.ui.test_notify import FakeServer

    server = FakeServer()
    monkeypatch.setattr(notify, "shared", lambda: server)
    ctl, clock = controller
    monkeypatch.setattr(ctl, "card_placeable", lambda: False)
    return ctl, clock, server


def test_on_wayland_the_pace_offer_is_a_notification_with_its_button(wayland):
    ctl, clock, server = wayland
    ctl.tray = None  # GNOME without the extension: no tray to say the back-off
    _answer_prompts(ctl, clock, "skipped", 3)
    assert server.sent[-1] == ("mlcoach", ()) and "3 a day" in server.bodies[-1]
    _answer_prompts(ctl, clock, "done", 2)
    assert not ctl.pace_card.isVisible()  # no bare window in the middle of the screen
    assert server.sent[-1][1] == [("restore", "Back to 4 a day")]
    assert server.bodies[-1] == "Prompts are at 3 a day for now. Back to 4 a day?"
    server.action_invoked.emit(server.answer(), "restore")
    assert ctl.coach.lowered_pace(clock()) is None


def test_on_wayland_meeting_prep_is_a_notification_that_leads_to_the_coach(
        wayland, tmp_path, qtbot):
    ctl, clock, server = wayland
    _ten_minutes_before_a_meeting_with_deniz(ctl, clock, tmp_path, qtbot)
    assert ctl._prep_card is not None and not ctl._prep_card.isVisible()
    title, actions = server.sent[-1]
    assert title.startswith("Before your meeting: Release review at ")
    assert actions == [("coach", "Open coach…")]
    body = server.bodies[-1]
    assert body.startswith("Deniz Kaya · ") and "review pull requests" in body
    assert "<" not in body  # plain text: a server may not take markup
    # A colleague's name and notes: kept in no notification history or lock-screen list.
    assert server.transient[-1]
    expiry = ctl._side_expiry["prep"]  # taken away when the meeting starts, as the card is
    assert expiry is not None and 9 * 60_000 < expiry.remainingTime() <= 11 * 60_000
    server.action_invoked.emit(server.answer(), "coach")
    assert ctl.windows[Window.SUGGEST].isVisible()
    ctl.windows[Window.SUGGEST].hide()


def test_a_dismissed_preparation_notification_does_not_come_back(wayland, tmp_path,
                                                                 qtbot):
    """Wayland: the user dismissed the notification before a meeting; a person on it
    edited since (the coach, History) sent it again, up until the meeting."""
    from mlcoach.domain.model import Style
    from mlcoach.ui import ops

    ctl, clock, server = wayland
    _ten_minutes_before_a_meeting_with_deniz(ctl, clock, tmp_path, qtbot)
    assert server.sent[-1][0].startswith("Before your meeting: ")
    sent = len(server.sent)
    server.closed.emit(server.answer(), 2)  # dismissed by the user
    ctl.opened.store.edit_person("Deniz Kaya", style=Style.ENTHUSIASM)
    ctl.note_follows()
    qtbot.waitUntil(lambda: not ops._live)  # the people read again, and answered
    assert len(server.sent) == sent


def test_quit_takes_the_apps_notifications_away(wayland, tmp_path, qtbot):
    """Quit with the preparation's notification up: it stayed on screen after the app
    had gone, its button answering no one."""
    ctl, clock, server = wayland
    _ten_minutes_before_a_meeting_with_deniz(ctl, clock, tmp_path, qtbot)
    shown = server.answer()
    exits = _exit_recorded(ctl)
    ctl.quit()
    assert exits == [0]
    assert shown in server.closed_ids


def test_the_evening_offer_does_not_take_the_keyboard(controller, qtbot, opened,  # type: ignore[no-untyped-def]
                                                     monkeypatch):
    """The schedule's offer shows the reflection without asking for the keyboard (it took
    the rest of a line typed in quick capture); from the tray, it is presented. What each
    does on a real X server: tests/integration/test_desktop.py. (The offscreen platform
    activates every window it shows, so focus itself cannot be seen here.)"""
    from mlcoach.ui.reflection_dialog import ReflectionDialog

    ctl, clock = controller
    shown: list[str] = []
    for how in ("offer", "present"):
        real = getattr(ReflectionDialog, how)
        monkeypatch.setattr(ReflectionDialog, how,
                            lambda self, how=how, real=real: (shown.append(how), real(self)))
    clock.now = datetime.combine(date(2026, 11, 23), opened.store.settings().reflection_time,
                                 TZ)
    ctl.on_timer()
    drain()  # the day is read on the store's worker, then it is offered
    reflection = ctl.windows.get(Window.REFLECT)
    assert reflection is not None and reflection.isVisible() and shown == ["offer"]
    ctl.open_window(Window.REFLECT)
    drain()  # the day is read on the store's worker, then it is up
    assert shown == ["offer", "present"]


def test_on_wayland_the_evening_offer_is_a_notification_not_a_window(wayland, opened):
    """On sway the offered reflection took the keyboard from the window being typed in
    (a new window gets focus there, whatever Qt asks): where cards are notifications,
    the reflection is offered as one, and opens when it is answered."""
    ctl, clock, server = wayland
    clock.now = datetime.combine(date(2026, 11, 23), opened.store.settings().reflection_time,
                                 TZ)
    ctl.on_timer()
    reflection = ctl.windows.get(Window.REFLECT)
    assert reflection is None or not reflection.isVisible()
    assert server.sent[-1] == ("Reflect on today", [("reflect", "Reflect")])
    server.action_invoked.emit(server.answer(), "reflect")
    drain()  # the day is read on the store's worker, then it is up
    assert ctl.windows[Window.REFLECT].isVisible()
    ctl.windows[Window.REFLECT].done(0)


def test_the_evening_offer_goes_after_its_two_hours_even_across_a_sleep(wayland, opened,
                                                                      qtbot):
    ctl, clock, server = wayland
    clock.now = datetime.combine(date(2026, 11, 23), opened.store.settings().reflection_time,
                                 TZ)
    ctl.on_timer()
    offer = server.answer()
    assert ctl._side_expiry["reflect"].isActive()
    clock.sleep(timedelta(hours=10))  # the lid closed for the night
    ctl.on_woke()
    qtbot.waitUntil(lambda: offer in server.closed_ids)


def test_a_reflection_left_open_overnight_becomes_the_next_days(controller, opened):
    """Offered on Monday and left open, untouched: on Tuesday's offer it still showed
    Monday, and what was typed on Tuesday was saved as Monday's reflection."""
    ctl, clock = controller
    monday = datetime.combine(date(2026, 11, 23), opened.store.settings().reflection_time, TZ)
    clock.now = monday
    ctl.on_timer()
    drain()  # the day is read on the store's worker, then it is offered
    reflection = ctl.windows[Window.REFLECT]
    assert reflection.isVisible() and not reflection.shows_another_day()
    clock.now = monday + timedelta(days=1)
    assert reflection.shows_another_day()
    ctl.on_timer()
    drain()
    assert reflection.isVisible() and not reflection.shows_another_day()
    reflection.went_well.setPlainText("Tuesday's words")
    clock.now += timedelta(days=1)
    ctl.on_timer()  # typed in: left as it is, its words with it
    drain()
    assert reflection.shows_another_day()
    assert reflection.went_well.toPlainText() == "Tuesday's words"
    reflection.done(0)


def test_settings_saved_during_another_write_leave_the_app_free(controller, opened, qtbot):  # type: ignore[no-untyped-def]
    """Settings' OK while an import held the store froze the whole app for its minute,
    later for two seconds and then "Not saved": written on the store's worker now, once
    the other writer is done; meanwhile the app goes on, Save is locked, a second press
    saves nothing twice, and the window closes once saved."""
    from PySide6.QtCore import QTimer

    ctl, _clock = controller
    changed: list[int] = []
    ctl.on_settings_changed = lambda: changed.append(1)  # type: ignore[method-assign]
    ctl.open_window(Window.SETTINGS)
    dialog = ctl.settings_dialog()
    dialog.schedule.prompts.setValue(2)
    during: list[tuple[bool, bool, str]] = []
    with dialog.store.connection() as other_writer:
        other_writer.execute("BEGIN IMMEDIATE")
        try:
            dialog.accept()
            QTimer.singleShot(0, lambda: during.append((
                dialog.ok_button.isEnabled(), dialog.isVisible(), dialog.save_error.text())))
            qtbot.waitUntil(lambda: bool(during))  # the GUI thread runs its events
            assert during == [(False, True, "")]
            assert dialog.save() is False  # Apply pressed again: nothing more queued
        finally:
            other_writer.execute("ROLLBACK")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=60_000)
    assert opened.store.settings().prompts_per_day == 2 and changed == [1]


def test_the_cards_recalled_intention_follows_an_edit_of_its_reflection(controller, qtbot):
    """The reflection left open overnight, the morning's card recalls its intention;
    the intention edited there and saved, the card said the old one for its ten minutes,
    and opened again from the tray for eleven."""
    ctl, clock = controller
    clock.now = datetime(2026, 11, 22, 23, 40, tzinfo=TZ)
    ctl.open_window(Window.REFLECT)
    drain()  # the day is read on the store's worker, then it is up
    dialog = ctl.reflection_dialog()
    dialog.intention.setText("Tell Priya her review was harsh")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    clock.now = datetime(2026, 11, 22, 23, 55, tzinfo=TZ)
    ctl.open_window(Window.REFLECT)  # and left open overnight
    drain()  # the day is read on the store's worker, then it is up
    clock.now = datetime(2026, 11, 23, 9, 30, tzinfo=TZ)
    ctl.show_prompt(manual=True)
    assert ctl.card.isVisible()
    assert ctl.card.note.text() == "Yesterday you meant to: Tell Priya her review was harsh"
    dialog.intention.setText("Thank Priya for her review")
    dialog.save()
    qtbot.waitUntil(lambda: "Thank Priya" in ctl.card.note.text())
    assert "harsh" not in ctl.card.spoken()
    ctl.card.hide()
    ctl.open_prompt_card()  # opened again from the tray: the new words, not the old
    assert ctl.card.note.text() == "Yesterday you meant to: Thank Priya for her review"


def test_a_person_deleted_in_history_leaves_the_card_that_named_them(controller, qtbot,
                                                                     monkeypatch):
    """"It has been 20 days since you last recognized or supported Ana Silva." stayed on
    the card for its ten minutes after Ana Silva was deleted in History's People tab."""

    from mlcoach.coaching.content import load_builtin

    ctl, clock = controller
    clock.now = datetime(2026, 11, 24, 10, 0, tzinfo=TZ)
    store = ctl.opened.store
    store.add_person("Ana Silva")
    store.add_moment("Paired with Ana", person="Ana Silva",
                     created_at=clock.now - timedelta(days=20))
    recognition = [p for p in load_builtin() if p.theme == "recognition"]
    monkeypatch.setattr(ctl.coach, "prompts", lambda: recognition)
    ctl.show_prompt(manual=True)
    assert "Ana Silva" in ctl.card.note.text()
    ctl.open_window(Window.HISTORY)
    history = ctl.history_window()
    history.show_people()
    qtbot.waitUntil(lambda: history.people is not None)
    drain()  # the people list is read on the store's worker
    history.people.select("Ana Silva")
    monkeypatch.setattr("mlcoach.ui.person_removal.ask", lambda *_a: "delete")
    history.people.remove_button.click()
    drain()  # counted on the store's worker, then asked
    qtbot.waitUntil(lambda: "Ana" not in ctl.card.note.text())
    assert "Ana" not in ctl.card.spoken()


def test_the_preparation_card_follows_an_edit_or_a_delete_in_history(
        controller, tmp_path, qtbot, monkeypatch):
    """The card before a meeting said the words of a planned moment edited since, and
    the name of someone deleted since, until the meeting started."""

    ctl, clock = controller
    _ten_minutes_before_a_meeting_with_deniz(ctl, clock, tmp_path, qtbot)
    card = ctl._prep_card
    assert card is not None and card.isVisible()
    assert "pull requests" in card.people.text()
    ctl.open_window(Window.HISTORY)
    history = ctl.history_window()
    tab = history.timeline
    qtbot.waitUntil(lambda: any(e.planned for e in tab.model.entries()))
    row = next(i for i, e in enumerate(tab.model.entries()) if e.planned)
    tab.edit_row(row)
    editor = tab.editor()
    assert editor is not None
    editor.text.setPlainText("share the release notes a day early")
    editor.accept()
    qtbot.waitUntil(lambda: "release notes" in card.people.text())
    assert "pull requests" not in card.people.text()
    history.show_people()
    qtbot.waitUntil(lambda: history.people is not None)
    drain()  # the people list is read on the store's worker
    history.people.select("Deniz Kaya")
    monkeypatch.setattr("mlcoach.ui.person_removal.ask", lambda *_a: "delete")
    history.people.remove_button.click()
    drain()  # counted on the store's worker, then asked
    qtbot.waitUntil(lambda: not card.isVisible())
    history.hide()


def test_the_open_reflection_follows_a_moment_edited_or_deleted_in_history(controller,
                                                                          qtbot):
    """The reflection's glance of today said a moment's words after they were edited,
    and the moment after it was deleted, in History beside it; the answers being typed
    stay as they are."""
    ctl, clock = controller
    clock.now = datetime(2026, 11, 23, 18, 0, tzinfo=TZ)
    store = ctl.opened.store
    store.add_moment("Told Priya her review was harsh", created_at=clock())
    store.add_moment("Thanked Bo for the demo", created_at=clock() - timedelta(hours=1))
    ctl.open_window(Window.REFLECT)
    drain()  # the day is read on the store's worker, then it is up
    reflection = ctl.reflection_dialog()
    reflection.went_well.setPlainText("The demo went well")
    assert sorted(r.text for r in reflection.moment_rows()) == [
        "Thanked Bo for the demo", "Told Priya her review was harsh"]
    ctl.open_window(Window.HISTORY)
    tab = ctl.history_window().timeline
    qtbot.waitUntil(lambda: len(tab.model.entries()) == 2)
    row = next(i for i, e in enumerate(tab.model.entries()) if "harsh" in e.text)
    tab.delete_row(row)
    qtbot.waitUntil(lambda: len(reflection.moment_rows()) == 1)
    assert [r.text for r in reflection.moment_rows()] == ["Thanked Bo for the demo"]
    tab.edit_row(0)
    editor = tab.editor()
    assert editor is not None
    editor.text.setPlainText("Thanked the team for the demo")
    editor.accept()
    qtbot.waitUntil(lambda: [r.text for r in reflection.moment_rows()]
                    == ["Thanked the team for the demo"])
    assert reflection.went_well.toPlainText() == "The demo went well"
    ctl.history_window().hide()


def test_a_reflection_deleted_in_history_leaves_the_open_reflection(controller, qtbot,
                                                                     monkeypatch):
    """Today's reflection deleted in History: the reflection window open beside it no
    longer shows its answers (what is typed there since stays)."""
    ctl, clock = controller
    clock.now = datetime(2026, 11, 23, 18, 0, tzinfo=TZ)
    store = ctl.opened.store
    store.save_reflection(clock().date(), energy=2, went_well="Priya was curt again",
                          at=clock())
    ctl.open_window(Window.REFLECT)
    drain()  # the day is read on the store's worker, then it is up
    reflection = ctl.reflection_dialog()
    assert reflection.went_well.toPlainText() == "Priya was curt again"
    reflection.intention.setText("Ask Bo")
    ctl.open_window(Window.HISTORY)
    tab = ctl.history_window().timeline
    qtbot.waitUntil(lambda: len(tab.model.entries()) == 1)
    monkeypatch.setattr(tab, "confirm_reflection_delete", lambda: True)
    tab.delete_reflection_row(0)
    qtbot.waitUntil(lambda: reflection.went_well.toPlainText() == "")
    assert reflection.intention.text() == "Ask Bo"
    assert store.reflection(clock().date()) is None
    ctl.history_window().hide()


def test_the_open_coach_follows_a_planned_moment_edited_or_deleted_in_history(controller,
                                                                             qtbot):
    """The coach's follow-ups said the words of a planned moment edited in History, and
    listed it after it was deleted there, until the coach was opened again."""
    from mlcoach.domain.model import ChangeKind, Size, Style

    ctl, clock = controller
    clock.now = datetime(2026, 11, 23, 11, 0, tzinfo=TZ)
    ctl.opened.store.add_suggestion(style=Style.FACTS, change="stop the long status round",
                                    action=ChangeKind.STOP, size=Size.SMALL, text="…",
                                    person="Priya", created_at=clock())
    ctl.open_window(Window.SUGGEST)
    coach = ctl.composer_dialog()
    qtbot.waitUntil(lambda: [r.text for r in coach.follow_ups.rows()]
                    == ["stop the long status round"])  # read on the store's worker
    ctl.open_window(Window.HISTORY)
    tab = ctl.history_window().timeline
    qtbot.waitUntil(lambda: any(e.planned for e in tab.model.entries()))
    row = next(i for i, e in enumerate(tab.model.entries()) if e.planned)
    tab.edit_row(row)
    editor = tab.editor()
    assert editor is not None
    editor.text.setPlainText("keep standups to fifteen minutes")
    editor.accept()
    qtbot.waitUntil(lambda: [r.text for r in coach.follow_ups.rows()]
                    == ["keep standups to fifteen minutes"])
    row = next(i for i, e in enumerate(tab.model.entries()) if e.planned)
    tab.delete_row(row)
    qtbot.waitUntil(lambda: coach.follow_ups.rows() == [])
    ctl.history_window().hide()
    coach.hide()


def test_a_person_deleted_in_the_coach_leaves_the_open_captures_completion(
        controller, qtbot, monkeypatch):
    """The capture window, open beside the coach, still offered "@Priya" after Priya was
    deleted there, until it was opened again."""
    ctl, clock = controller
    clock.now = datetime(2026, 11, 23, 11, 0, tzinfo=TZ)
    ctl.opened.store.add_person("Priya")
    ctl.opened.store.add_person("Piet")
    ctl.open_window(Window.CAPTURE)
    capture = ctl.capture_window()
    qtbot.keyClicks(capture.edit, "Lunch with @P")
    offered = lambda: sorted(  # noqa: E731
        capture.completer.completionModel().index(i, 0).data()
        for i in range(capture.completer.completionCount()))
    qtbot.waitUntil(lambda: offered() == ["Piet", "Priya"])
    ctl.open_window(Window.SUGGEST)
    coach = ctl.composer_dialog()
    coach.people.reload()
    drain()  # the people list is read on the store's worker
    coach.people.select("Priya")
    monkeypatch.setattr("mlcoach.ui.person_removal.ask", lambda *_a: "delete")
    coach.people.remove_button.click()
    drain()  # counted on the store's worker, then asked
    qtbot.waitUntil(lambda: offered() == ["Piet"])
    coach.hide()
    capture.hide()


def test_a_person_deleted_in_the_coach_leaves_the_open_history(controller, qtbot,
                                                                monkeypatch):
    """History beside the coach kept the name of someone deleted in the coach's people
    list on its rows and in its person filter."""

    ctl, clock = controller
    clock.now = datetime(2026, 11, 23, 11, 0, tzinfo=TZ)
    ctl.opened.store.add_moment("Asked Priya about the handover", person="Priya",
                                created_at=clock())
    ctl.open_window(Window.HISTORY)
    history = ctl.history_window()
    box = history.timeline.filter_bar.person_box
    qtbot.waitUntil(lambda: box.findText("Priya") > 0)
    ctl.open_window(Window.SUGGEST)
    coach = ctl.composer_dialog()
    coach.people.reload()
    drain()  # the people list is read on the store's worker
    coach.people.select("Priya")
    monkeypatch.setattr("mlcoach.ui.person_removal.ask", lambda *_a: "delete")
    coach.people.remove_button.click()
    drain()  # counted on the store's worker, then asked
    qtbot.waitUntil(lambda: box.findText("Priya") == -1)
    qtbot.waitUntil(lambda: all(e.person is None for e in history.timeline.model.entries()))
    history.hide()
    coach.hide()


def test_quit_takes_the_windows_and_the_icon_away_before_it_waits_for_the_writes(
        controller, qtbot, opened, monkeypatch):  # type: ignore[no-untyped-def]
    """Quit with a window open and a write still under way (another process holding the
    store: up to its minute): the app is gone from the screen at once, while it waits
    for the write, and what was typed is still kept."""
    from PySide6.QtWidgets import QApplication

    from mlcoach.security.keys import OSKeyring
    from mlcoach.store.vault import open_store
    from mlcoach.ui import ops
    from mlcoach.ui.tray import Tray

    ctl, clock = controller
    clock.now = datetime(2026, 11, 23, 18, 30, tzinfo=TZ)
    if ctl.tray is None:  # offscreen has no tray: the icon as a tray would hold it
        ctl.tray = Tray(ctl.menu, ctl)
        ctl.tray.show()
    ctl.open_window(Window.REFLECT)
    drain()  # the day is read on the store's worker, then it is up
    dialog = ctl.reflection_dialog()
    qtbot.keyClicks(dialog.went_well, "Asked Deniz before deciding")
    seen_while_waiting: list[tuple[list[str], bool]] = []
    settle = ops.settle

    def waiting(timeout_s: float | None = None) -> bool:
        shown = [type(w).__name__ for w in QApplication.topLevelWidgets() if w.isVisible()]
        seen_while_waiting.append((shown, ctl.tray.icon.isVisible()))
        return settle(timeout_s)

    monkeypatch.setattr(ops, "settle", waiting)
    exits = _exit_recorded(ctl)
    ctl.quit()
    assert exits == [0]
    assert seen_while_waiting == [([], False)]
    reopened = open_store(opened.layout, keys=OSKeyring())
    try:
        kept = reopened.store.reflection(date(2026, 11, 23))
        assert kept is not None and kept.went_well == "Asked Deniz before deciding"
    finally:
        reopened.store.close()


def _started(opened, monkeypatch, *, welcome_done: bool):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from mlcoach.ui import notify
    from mlcoach.ui.app import AppController
    from mlcoach.ui.instance_server import InstanceServer
    from tests.ui.test_notify import FakeServer

    monkeypatch.setattr(notify, "shared", FakeServer)
    opened.store.set_state("welcome_done", welcome_done)
    clock = FakeClock(datetime(2026, 11, 23, 8, 0, tzinfo=TZ))
    ctl = AppController(QApplication.instance(), opened.layout.root,
                        InstanceServer(opened.layout.root), clock=clock, tz=lambda: TZ,
                        busy=lambda: False, real_clock=clock.real, steady_clock=clock.steady)
    ctl.start("show", opened=opened)
    return ctl, clock


def _stop(ctl) -> None:  # type: ignore[no-untyped-def]
    ctl.stop()
    for window in [*ctl.windows.values(), ctl.main_window, getattr(ctl, "welcome", None)]:
        if window is not None:
            window.hide()
    ctl.server.close()


@pytest.mark.parametrize("welcome_done", [True, False])
def test_the_starts_wait_for_the_first_prompt_is_written_off_the_gui_thread(
        qtbot, opened, monkeypatch, welcome_done):  # type: ignore[no-untyped-def]
    """At start, the first prompt's wait (and, at a first start, the wait for the next
    good moment after the welcome) was written on the GUI thread: behind another
    program's write (an import) it held the tray for its wait, then was not written.
    Written on the store's worker now, and the schedule sees it."""
    from mlcoach.coaching.scheduler_state import SchedulerState
    from mlcoach.coaching.service import STATE_KEY, Coach

    on_gui = calls_on_gui(Coach, monkeypatch, "started", "hold_first_prompt").by_name
    ctl, clock = _started(opened, monkeypatch, welcome_done=welcome_done)
    try:
        drain()
        assert on_gui["started"] == [False]
        assert on_gui["hold_first_prompt"] == ([] if welcome_done else [False])
        state = SchedulerState.from_json(opened.store.get_state(STATE_KEY))
        assert state.settle_until is not None and state.settle_until > clock()
    finally:
        _stop(ctl)


def test_settings_changed_write_the_moments_wait_off_the_gui_thread(
        controller, monkeypatch):  # type: ignore[no-untyped-def]
    """New settings saved: the moment's wait before a prompt was written on the GUI
    thread (the tray held behind another writer); on the store's worker now."""
    from mlcoach.coaching.service import Coach

    ctl, _clock = controller
    on_gui = calls_on_gui(Coach, monkeypatch, "settings_saved").by_name
    ctl.on_settings_changed()
    drain()
    assert on_gui["settings_saved"] == [False]
    assert ctl.timer.isActive()


def test_a_stopped_app_looks_at_no_schedule(controller, monkeypatch):  # type: ignore[no-untyped-def]
    """Stopped (a quit under way): a wake heard from logind, or its timer's last turn,
    still looked at the schedule and could show a prompt from an app on its way out."""
    from mlcoach.coaching.service import Coach

    ctl, clock = controller
    clock.now = datetime(2026, 11, 23, 11, 0, tzinfo=TZ)  # a prompt is due by now
    assert ctl.coach.due_action(ctl.coach.now()) == "prompt"
    looks = calls_on_gui(Coach, monkeypatch, "due_action").all
    ctl.stop()
    ctl.on_woke()
    assert not ctl._wake_look.isActive()
    ctl.on_timer()
    drain()
    assert looks == [] and ctl.current_event is None and not ctl.timer.isActive()


def test_the_schedule_waits_for_the_settle_of_new_settings(controller, monkeypatch):  # type: ignore[no-untyped-def]
    """The timer, armed before Settings was saved, fired while the moment's wait was
    being written on the worker: its look wrote the schedule's state on the GUI thread
    at the same time, and one write lost the other (a prompt at once, Settings just
    closed). The schedule is looked at only once the wait is in."""
    import threading

    from mlcoach.coaching.scheduler_state import SchedulerState
    from mlcoach.coaching.service import STATE_KEY, Coach

    ctl, clock = controller
    gate = threading.Event()
    real = Coach.settings_saved

    def held(self, now):  # type: ignore[no-untyped-def]
        assert gate.wait(60), "the test never let the write go"
        real(self, now)

    monkeypatch.setattr(Coach, "settings_saved", held)
    clock.now = datetime(2026, 11, 23, 11, 0, tzinfo=TZ)  # a prompt is due by now
    assert ctl.coach.due_action(ctl.coach.now()) == "prompt"
    looks = calls_on_gui(Coach, monkeypatch, "due_action", "next_due").all
    try:
        ctl.on_settings_changed()
        assert not ctl.timer.isActive()
        ctl.on_timer()  # as the timer armed before the save fires
        ctl.arm()  # as a calendar read that came in meanwhile plans again
        assert looks == [] and ctl.current_event is None and not ctl.timer.isActive()
    finally:
        gate.set()
    drain()
    state = SchedulerState.from_json(ctl.coach.store.get_state(STATE_KEY))
    assert state.settle_until is not None and state.settle_until > clock()
    assert looks and ctl.timer.isActive() and ctl.current_event is None
