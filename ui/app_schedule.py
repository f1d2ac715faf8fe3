"""When the app next looks at the schedule, and what it does then: the single timer, the
wake from a sleep, the look at whether the person is busy, the calendar read, a change of
settings, and the tray's line about the next prompt. A mixin of AppController (ui/app.py),
kept apart to keep that small."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from mlcoach.domain.errors import StoreUnavailableError
from mlcoach.ui import ops
from mlcoach.ui.sleep_watch import SleepWatch
from mlcoach.ui.tray import MainWindow, Tray, TrayMenu
from mlcoach.ui.upgrade import QUIET, UpgradeWatch

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

    from mlcoach.coaching.meeting_cache import MeetingCache
    from mlcoach.coaching.meeting_cache import Result as MeetingsRead
    from mlcoach.coaching.service import Coach
    from mlcoach.domain.model import PromptEvent
    from mlcoach.ui.action_notice import ActionNotice
    from mlcoach.ui.attention import BusyLook
    from mlcoach.ui.pace_card import PaceCard
    from mlcoach.ui.prep_card import PrepCard
    from mlcoach.ui.wake import SleepSignals

logger = logging.getLogger("mlcoach.ui.app")  # the log's lines as before the move

# Timers are monotonic and stop during suspend; never wait longer than this before
# looking at the wall clock again (a handful of wake-ups a day, not polling). In ms, as
# the timer takes them: datetime stays off the way to the tray icon.
MAX_WAIT_MS = 10 * 60_000
RETRY_WAIT_MS = 30_000  # after the store could not be read (e.g. mid-restore)


class PromptSchedule:
    """Mixin: the app controller's schedule, looked at when its timer fires or a wake
    is heard."""

    app: QApplication
    data_root: Path
    coach: Coach | None
    stopped: bool
    clock: Callable[[], datetime]
    upgrade: UpgradeWatch
    menu: TrayMenu
    tray: Tray | None
    main_window: MainWindow | None
    current_event: PromptEvent | None
    timer: QTimer
    prompt_expiry: QTimer
    _wake_look: QTimer
    _busy: Callable[[], bool] | None
    _busy_look: BusyLook | None
    _sleep: SleepWatch
    _wake: SleepSignals | None
    _meetings: MeetingCache | None
    _side_expiry: dict[str, QTimer]
    _side_notices: dict[str, ActionNotice]
    _prep_card: PrepCard | None
    _pace_card: PaceCard | None
    _settling = 0  # settings saves whose settle is being written on the worker

    if TYPE_CHECKING:  # provided by AppController, PromptCards and TrayFollowing
        def _owner(self) -> QObject: ...
        def _backup_if_new_day(self) -> None: ...
        def offer_reflection_quietly(self) -> None: ...
        def show_prompt(self, manual: bool) -> None: ...
        def show_prep(self, busy: bool) -> None: ...

    def arm(self, busy: bool = False) -> None:
        """Set the single timer to the next thing the scheduler wants, no sooner."""
        if self.coach is None or self._settling:  # armed once the settle is in
            return
        now = self.coach.now()
        try:
            due = self.coach.next_due(now, desktop_busy=busy)
        except StoreUnavailableError as exc:  # never let the timer die: look again shortly
            logger.warning("schedule not read (%s); trying again", type(exc).__name__)
            self.timer.start(RETRY_WAIT_MS)
            return
        wait_ms = MAX_WAIT_MS if due is None else int((due - now).total_seconds() * 1000)
        self.timer.start(min(max(wait_ms, 1000), MAX_WAIT_MS))
        self.refresh_status()

    def on_timer(self) -> None:
        # Armed again once a settle is in; nothing at all once stopped (a quit).
        if self.coach is None or self._settling or self.stopped:
            return
        if self.upgrade.hold(QUIET):  # the new version plans its own (this timer rests)
            return
        self._backup_if_new_day()
        self.look_busy(self._due_with)

    def _due_with(self, busy: bool) -> None:
        """The rest of on_timer, once the desktop said whether the person is busy."""
        if self.coach is None or self._settling or self.stopped:
            return
        now = self.coach.now()
        asleep = self._sleep.slept()
        if asleep:
            self._catch_up(asleep)
        try:
            if asleep:
                self.coach.woke_up(now)  # the first prompt after a wake waits a moment
            action = self.coach.due_action(now, busy=busy)
            if action == "prompt":
                self.show_prompt(manual=False)
            elif action == "prep":
                self.show_prep(busy)
            elif action == "reflect":
                self.coach.mark_reflection_offered(now)
                self.offer_reflection_quietly()
        except StoreUnavailableError as exc:  # unreadable, or another process writing:
            # nothing was shown; look again shortly, never in a loop that holds the GUI
            logger.warning("schedule not read or saved (%s); trying again",
                           type(exc).__name__)
            self.timer.start(RETRY_WAIT_MS)
            return
        self.arm(busy)

    def listen_for_wake(self) -> None:
        """Hear from logind when the machine wakes (where there is a system bus)."""
        if self._wake is None:
            from mlcoach.ui.wake import SleepSignals, system_bus

            self._wake = SleepSignals(system_bus(), self._owner())
            self._wake.woke.connect(self.on_woke)

    def on_woke(self) -> None:
        """logind says the machine woke: the schedule is looked at now (on_timer sees the
        sleep and catches up), not when its timer, stopped during the sleep, comes round."""
        if not self.stopped:
            self._wake_look.start()

    def _catch_up(self, asleep: float) -> None:
        """What is timed by the wall clock (a card's ten minutes, a meeting's start) loses
        the `asleep` seconds: Qt's timers stopped while the machine slept. Done once per
        sleep, where the sleep is seen (on_timer), however the wake was heard."""
        from mlcoach.ui.wake import catch_up

        asleep_ms = int(asleep * 1000)
        for timer in (self.prompt_expiry, *self._side_expiry.values()):
            catch_up(timer, asleep_ms)
        for card in (self._prep_card, self._pace_card):
            if card is not None:
                card.catch_up(asleep_ms)

    def look_busy(self, then: Callable[[bool], None]) -> None:
        """`then(busy)`: at once with the answer given to the controller (tests), else
        when the look on the asking worker answers (the GUI goes on meanwhile)."""
        if self._busy is not None:
            then(self._busy())
            return
        if self._busy_look is None:
            from mlcoach.ui.attention import BusyLook

            self._busy_look = BusyLook()
        self._busy_look.ask(then)

    def _read_meetings(self, read: Callable[[], MeetingsRead],
                       store: Callable[[MeetingsRead | None], None]) -> None:
        def done(meetings: MeetingsRead) -> None:
            store(meetings)
            self.arm()  # planned again with the meetings read

        def failed(exc: BaseException) -> None:
            logger.warning("calendar not read (%s)", type(exc).__name__)
            store(None)  # the last read stands; asked again after MAX_AGE, not in a loop
            self.arm()

        # Beside the store's work: a calendar on a network mount that hangs never
        # returns, and saves queued behind it would wait for good.
        ops.run(read, done, failed, on=ops.asking_pool())

    def on_settings_changed(self) -> None:
        if self.coach is None:
            return
        if self._meetings is not None:
            self._meetings.forget()
        self.coach.reload_settings()
        coach, now = self.coach, self.clock()
        # No look at the schedule until the settle is written: a look writes the
        # schedule's state on the GUI thread, and one write lost the other.
        self._settling += 1
        self.timer.stop()

        def settled(_: object) -> None:
            self._settling -= 1
            if self.coach is coach and not self.stopped and not self._settling:
                self.arm()  # planned with the moment's wait written (not after a quit)

        def not_settled(exc: BaseException) -> None:  # a prompt sooner is the worst
            logger.warning("settings settle not saved (%s)", type(exc).__name__)
            settled(None)

        # On the store's worker (behind another program's write it held the whole app).
        ops.run(lambda: coach.settings_saved(now), settled, not_settled)
        self.apply_language()

    def apply_language(self) -> None:
        """Use the language chosen in Settings (start-up used the system's until now)."""
        from mlcoach.ui.i18n import install_translators

        if self.coach is None:
            return
        try:
            language = self.coach.settings().language
        except Exception as exc:  # a settings read must not stop the app
            logger.warning("could not read the language setting: %s", exc)
            return
        install_translators(self.app, language)
        from mlcoach.system.language_hint import write_language_hint

        # The file beside the store put right from the setting read here anyway: an older
        # mlcoach that changed the language left it saying the old one (read: a few bytes;
        # written only when it differs).
        write_language_hint(self.data_root, language)

    def refresh_status(self) -> None:
        if self.coach is None:
            return
        now = self.coach.now()
        status = self.coach.status(now)
        lowered = self.coach.lowered_pace(now)
        self.menu.set_paused(status.paused)
        self.menu.set_prompt_waiting(self.current_event is not None)
        self.menu.set_lowered_pace(lowered[1] if lowered is not None else None)
        if self.tray is not None:
            self.tray.set_tooltip(status.tooltip)
            if self.current_event is None:
                self.tray.set_state("paused" if status.paused else "")
        if self.main_window is not None:
            self.main_window.next_label.setText(status.tooltip)
