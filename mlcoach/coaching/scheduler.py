"""The day scheduler: when the next prompt and the reflection offer are due.

Everything here is pure.  The caller passes the current time, the time zone,
the prompt history, the calendar's busy intervals and a small persisted
:class:`SchedulerState`; it gets back the moment to wake up.  The Qt layer arms
one single-shot timer at that moment and asks again when it fires.

How a day works:

* Each workday has a *plan*: up to ``prompts_per_day`` slots inside the working
  hours, spread over the day, at least the minimum gap apart and never on a
  round minute.  The plan is drawn from a random source seeded with
  ``state.seed`` and the date, so asking again (after a restart, say) gives the
  same plan.
* A shown prompt *serves* every slot at or before the time it was shown.  So
  after the machine slept, the user was away, or the clock jumped, all missed
  slots collapse into one catch-up prompt; the rest follow the gap.
* Meetings, pauses and Do Not Disturb only ever push a prompt later; a pushed
  prompt that would leave the working hours waits for the next workday.

All results are aware datetimes in UTC; working hours are read in the time zone
passed in, so a change of time zone is followed on the next call.
"""

from __future__ import annotations

import functools
import logging
import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from types import MappingProxyType
from typing import Literal

from mlcoach.coaching.day_rules import (
    Interval,
    day_of,
    gap,
    hold,
    is_round,
    last_shown,
    local_at,
    merge_busy,
    prompt_window,
    shift_map,
    shown_at,
    used_up,
    workdays,
)
from mlcoach.coaching.scheduler_state import SchedulerState
from mlcoach.domain.i18n import N_
from mlcoach.domain.model import PromptEvent, Response, Settings
from mlcoach.domain.timestamps import as_utc

__all__ = [
    "BACKOFF_DAYS",
    "BACKOFF_STREAK",
    "Due",
    "DueReason",
    "Notice",
    "PauseKind",
    "after_response",
    "day_plan",
    "effective_count",
    "mark_reflection_offered",
    "next_due",
    "observe_clock",
    "on_wake",
    "pause",
    "prompts_today",
    "reflection_due",
    "restore",
    "resume",
    "snooze",
    "snooze_live",
]

logger = logging.getLogger(__name__)

DueReason = Literal["scheduled", "catch_up", "held_after_meeting", "held_busy", "snoozed", "off"]
PauseKind = Literal["30m", "1h", "day"]
NoticeKind = Literal["backed_off", "backed_off_missed", "backed_off_mixed", "offer_restore"]
#: What each notice says, in English; the UI looks it up in the catalogue (mlcoach.domain.i18n).
NOTICE_TEXTS: Mapping[str, str] = MappingProxyType({
    "backed_off": N_("You skipped the last {streak} prompts, so for the next week I'll show "
                     "{lowered} a day instead of {current}. You can bring them back any time."),
    "backed_off_missed": N_("The last {streak} prompts went by without an answer, so for the "
                            "next week I'll show {lowered} a day instead of {current}. You can "
                            "bring them back any time."),
    "backed_off_mixed": N_("The last {streak} prompts were skipped or went by without an "
                           "answer, so for the next week I'll show {lowered} a day instead of "
                           "{current}. You can bring them back any time."),
    "offer_restore": N_("Prompts are at {lowered} a day for now. Back to {full} a day?"),
})

#: A prompt shown this late is still "on time" rather than a catch-up.
CATCH_UP_GRACE = timedelta(minutes=5)
#: After waking from sleep the first prompt waits this long.
WAKE_SETTLE = timedelta(minutes=2)
#: While Do Not Disturb or fullscreen is on, look again this often.
BUSY_RECHECK = timedelta(minutes=5)
#: The reflection offer is still made this long after its time (or the end of the day).
REFLECTION_LATE = timedelta(hours=2)
#: A snooze that could not be honoured for this long lapses.
SNOOZE_STALE = timedelta(hours=1)
#: How many days ahead to look for the next slot.
LOOKAHEAD_DAYS = 15
#: Skipped or ignored prompts in a row that lower the daily count by one.
BACKOFF_STREAK = 3
#: How many days a lowered count lasts before it returns by itself.
BACKOFF_DAYS = 7
#: Prompts acted on after a back-off before restoring is offered.
RESTORE_AFTER_DONE = 2
#: Restoring is offered at the latest this many days after a back-off.
RESTORE_OFFER_DAYS = 3
#: Responses older than this play no part in backing off.
RECENT_RESPONSES = timedelta(days=30)
#: After a change of the wall clock, prompts shown this long before it are moved with it.
SHIFT_MEMORY = timedelta(days=3)
#: Wall and steady clock may drift apart this much before it counts as a change.
CLOCK_TOLERANCE = timedelta(minutes=1)
#: A pause, snooze or wait never reaches further ahead than this (a pause for the rest of
#: the day on the 25-hour day clocks go back included); one that does was set by a clock
#: that was wrong (in the future), and is dropped.
FARTHEST_HOLD = timedelta(hours=25, minutes=1)

# How much each unanswered prompt weighs towards a back-off. A card that went by while the
# user was away (a meeting room, an afternoon off at an unlocked desk) says less than
# one they skipped: three such cards lowered the pace for a week, said in a balloon
# nobody was there to read.
_NEGATIVE: Mapping[Response, float] = MappingProxyType({Response.SKIPPED: 1.0,
                                                        Response.EXPIRED: 0.5})
_PAUSES: Mapping[str, timedelta] = {"30m": timedelta(minutes=30), "1h": timedelta(hours=1)}



@dataclass(frozen=True, slots=True)
class Due:
    """When the next prompt is due (UTC) and why; `at` is None only when prompts are off."""

    at: datetime | None
    reason: DueReason
    snoozed: bool = False  # the snoozed prompt (state.snoozed_prompt_id) comes back

    def is_now(self, now: datetime) -> bool:
        """Return True when the prompt should be shown at `now`."""
        return self.at is not None and self.at <= as_utc(now)


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the app should say once about its own pace."""

    kind: NoticeKind
    text: str
    count: int
    params: tuple[tuple[str, int], ...] = ()

    @classmethod
    def of(cls, kind: NoticeKind, count: int, **params: int) -> Notice:
        """The notice `kind` with its English text filled from `params`."""
        return cls(kind, NOTICE_TEXTS[kind].format(**params), count, tuple(params.items()))


# --------------------------------------------------------------------------- the plan


def effective_count(settings: Settings, state: SchedulerState, day: date) -> int:
    """Return how many prompts `day` may have, after any back-off."""
    count = max(0, settings.prompts_per_day)
    if (
        count
        and state.backoff_count is not None
        and state.backoff_until is not None
        # a back-off lasts BACKOFF_DAYS; one that ends later came from a wrong clock
        and day <= state.backoff_until <= day + timedelta(days=BACKOFF_DAYS)
    ):
        count = min(count, max(1, state.backoff_count))
    return count


@functools.lru_cache(maxsize=512)
def _plan(
    window: Interval, count: int, gap: timedelta, seed: int, day: date, tz: tzinfo
) -> tuple[datetime, ...]:
    """Return up to `count` slots in `window`, one per equal segment, `gap` apart."""
    start, end = window
    length = (end - start).total_seconds()
    gap_s = gap.total_seconds()
    count = min(count, max(1, int(length // gap_s)))
    segment = length / count
    half = min(gap_s, segment) / 2
    rng = random.Random(f"mlcoach-plan:{seed}:{day.isoformat()}")
    slots: list[datetime] = []
    for i in range(count):
        # Slot i lies in the middle of segment i, leaving half a gap at each side,
        # so neighbours are always at least a gap apart.
        low = i * segment + half
        high = (i + 1) * segment - half
        first, last = math.ceil(low / 60), math.floor(high / 60)
        if first > last:
            offset = low
        else:
            minute = rng.randint(first, last)
            for _ in range(12):  # not on a round time, when the range allows it
                if not is_round(start + timedelta(minutes=minute), tz):
                    break
                minute = rng.randint(first, last)
            offset = minute * 60 + rng.randint(0, int(min(59, high - minute * 60)))
        slots.append(start + timedelta(seconds=offset))
    return tuple(slots)


def day_plan(day: date, *, settings: Settings, state: SchedulerState, tz: tzinfo) -> list[datetime]:
    """Return the planned prompt slots of a local `day` (UTC), before any holds."""
    window = prompt_window(day, settings, tz)
    count = effective_count(settings, state, day)
    if window is None or count <= 0:
        return []
    return list(_plan(window, count, gap(settings), state.seed, day, tz))


def prompts_today(history: Sequence[PromptEvent], now: datetime, tz: tzinfo) -> int:
    """Return how many prompts count against today's number (snoozes do not)."""
    today = day_of(as_utc(now), tz)
    return used_up([e for e in history if day_of(as_utc(e.shown_at), tz) == today])


def snooze_live(now: datetime, settings: Settings, state: SchedulerState, tz: tzinfo) -> bool:
    """Whether a snoozed prompt still comes back: within the day's prompt window (not in
    the quiet half hour before the reflection), and not an hour past its time. "Later"
    pressed at the end of the day lapses overnight."""
    until = state.snooze_until
    if until is None or as_utc(now) > until + SNOOZE_STALE:
        return False
    window = prompt_window(day_of(until, tz), settings, tz)
    return window is not None and window[0] <= until < window[1]


# --------------------------------------------------------------------------- next_due


def _due_now(
    now: datetime,
    reason: DueReason,
    window_end: datetime,
    state: SchedulerState,
    busy: Sequence[Interval],
    desktop_busy: bool,
    tz: tzinfo,
) -> Due | None:
    """Return the due moment for something already due, or None if it cannot be today."""
    if now >= window_end:
        return None
    at = now
    if state.settle_until is not None and state.settle_until > now:
        at = state.settle_until
    at, held = hold(at, None, busy, state.seed, tz)
    if held:
        reason = "held_after_meeting"
    if at <= now and desktop_busy:
        at, reason = now + BUSY_RECHECK, "held_busy"
    if at >= window_end:
        return None
    return Due(at, reason)


def _snoozed(
    now: datetime,
    events: Sequence[PromptEvent],
    settings: Settings,
    state: SchedulerState,
    busy: Sequence[Interval],
    desktop_busy: bool,
    tz: tzinfo,
) -> Due | None:
    """Return when a snoozed prompt comes back, or None if there is none to honour."""
    until = state.snooze_until
    if until is None or not snooze_live(now, settings, state, tz):
        return None
    if any(shown_at(e, state) >= until for e in events):
        return None  # already shown again
    window = prompt_window(day_of(until, tz), settings, tz)
    if window is None:
        return None
    at, _ = hold(until, state.pause_until, busy, state.seed, tz)
    if not window[0] <= at < window[1]:
        return None
    if at > now:
        return Due(at, "snoozed", snoozed=True)
    due = _due_now(now, "snoozed", window[1], state, busy, desktop_busy, tz)
    return None if due is None else replace(due, snoozed=True)


def _due_on(
    day: date,
    now: datetime,
    events: Sequence[PromptEvent],
    settings: Settings,
    state: SchedulerState,
    busy: Sequence[Interval],
    desktop_busy: bool,
    tz: tzinfo,
) -> Due | None:
    """Return the next prompt of a local `day`, or None when the day has nothing more."""
    window = prompt_window(day, settings, tz)
    count = effective_count(settings, state, day)
    if window is None or count <= 0:
        return None
    on_day = [e for e in events if day_of(as_utc(e.shown_at), tz) == day]
    if used_up(on_day) >= count:
        return None
    slots = _plan(window, count, gap(settings), state.seed, day, tz)
    served = last_shown(on_day, state, now)
    pending = [s for s in slots if served is None or s > served]
    if not pending:
        return None
    at = pending[0]
    last = last_shown(events, state, now)
    if last is not None:
        at = max(at, last + gap(settings))
    at, held = hold(at, state.pause_until, busy, state.seed, tz)
    if at >= window[1]:
        return None
    if at > now:
        return Due(at, "held_after_meeting" if held else "scheduled")
    reason: DueReason = "held_after_meeting" if held else "scheduled"
    if not held and now - at > CATCH_UP_GRACE:
        reason = "catch_up"
    return _due_now(now, reason, window[1], state, busy, desktop_busy, tz)


def next_due(
    now: datetime,
    *,
    settings: Settings,
    history: Sequence[PromptEvent],
    state: SchedulerState,
    tz: tzinfo,
    busy: Sequence[Interval] = (),
    desktop_busy: bool = False,
) -> Due:
    """Return when the next prompt is due; ``due.is_now(now)`` means show one now.

    Args:
        now: the current time (aware).
        history: prompt events, at least those of the last two days.
        state: the persisted scheduler state.
        tz: the current local time zone; working hours are read in it.
        busy: calendar meetings as (start, end) pairs; nothing is due inside them.
        desktop_busy: True while Do Not Disturb or a fullscreen window holds prompts back.
    """
    now = as_utc(now)
    if settings.prompts_per_day <= 0 or not workdays(settings):
        return Due(None, "off")
    # Only recent events matter: today's count, the gap and a pending snooze.
    since = now - gap(settings) - timedelta(days=2)
    events = [e for e in history if shown_at(e, state) >= since]
    intervals = merge_busy(busy)
    snoozed = _snoozed(now, events, settings, state, intervals, desktop_busy, tz)
    if snoozed is not None:
        return snoozed
    today = day_of(now, tz)
    for offset in range(LOOKAHEAD_DAYS):
        due = _due_on(
            today + timedelta(days=offset),
            now,
            events,
            settings,
            state,
            intervals,
            desktop_busy,
            tz,
        )
        if due is not None:
            return due
    return Due(None, "off")


# --------------------------------------------------------------------------- reflection


def reflection_due(
    now: datetime,
    *,
    settings: Settings,
    state: SchedulerState,
    tz: tzinfo,
    reflected_today: bool,
    busy: Sequence[Interval] = (),
    desktop_busy: bool = False,
) -> datetime | None:
    """Return when to offer the end-of-day reflection (UTC), or None when it is off."""
    # Once per workday at the reflection time, held by meetings, pauses and Do Not
    # Disturb like prompts, and given up two hours after the later of the
    # reflection time and the end of the working day.
    now = as_utc(now)
    if not settings.reflection_enabled or not workdays(settings):
        return None
    intervals = merge_busy(busy)
    today = day_of(now, tz)
    offered = _offered_on(state, today)
    for offset in range(LOOKAHEAD_DAYS):
        day = today + timedelta(days=offset)
        if day.weekday() not in workdays(settings):
            continue
        if day == today and reflected_today:
            continue
        # A day already offered, or one before it: after flying west (or a clock set
        # back) the calendar can show an offered day again; it is not offered twice.
        if offered is not None and day <= offered:
            continue
        planned = local_at(day, settings.reflection_time, tz)
        latest = min(
            max(planned, local_at(day, settings.day_end, tz)) + REFLECTION_LATE,
            local_at(day + timedelta(days=1), time(0), tz),
        )
        at, _ = hold(planned, state.pause_until, intervals, state.seed, tz)
        if at <= now:
            due = _due_now(now, "scheduled", latest, state, intervals, desktop_busy, tz)
            if due is None or due.at is None:
                continue
            at = due.at
        if at < latest:
            return at
    return None


def mark_reflection_offered(state: SchedulerState, now: datetime, tz: tzinfo) -> SchedulerState:
    """Return the state after the reflection was offered today."""
    now = as_utc(now)
    day = day_of(now, tz)
    offered = _offered_on(state, day)
    if offered is not None:
        day = max(day, offered)  # the date never goes back
    return replace(state, reflection_offered_on=day, reflection_offered_at=now)


def _offered_on(state: SchedulerState, today: date) -> date | None:
    """The day the reflection was last offered; None for one past tomorrow, which only a
    clock set wrong into the future writes (it would hold every offer until then)."""
    offered = state.reflection_offered_on
    return offered if offered is None or offered <= today + timedelta(days=1) else None


# --------------------------------------------------------------------------- user actions


def pause(state: SchedulerState, now: datetime, kind: PauseKind, tz: tzinfo) -> SchedulerState:
    """Return the state paused for 30 minutes, an hour, or the rest of the local day."""
    now = as_utc(now)
    if kind == "day":
        until = local_at(day_of(now, tz) + timedelta(days=1), time(0), tz)
    elif kind in _PAUSES:
        until = now + _PAUSES[kind]
    else:
        raise ValueError(f"unknown pause {kind!r}; use 30m, 1h or day")
    return replace(state, pause_until=until)


def resume(state: SchedulerState) -> SchedulerState:
    """Return the state with any pause lifted."""
    return replace(state, pause_until=None)


def snooze(
    state: SchedulerState, now: datetime, minutes: int = 15, prompt_id: str | None = None
) -> SchedulerState:
    """Return the state with the current prompt coming back in `minutes`."""
    until = as_utc(now) + timedelta(minutes=max(1, minutes))
    return replace(state, snooze_until=until, snoozed_prompt_id=prompt_id)


def on_wake(state: SchedulerState, now: datetime) -> SchedulerState:
    """Return the state after the machine woke from sleep (or the app started): the first
    prompt waits a moment, or longer where it already had to (after the welcome, a prep)."""
    until = as_utc(now) + WAKE_SETTLE
    if state.settle_until is not None and state.settle_until > until:
        return state
    return replace(state, settle_until=until)


def observe_clock(
    state: SchedulerState, now: datetime, *, real: float, history: Sequence[PromptEvent],
    tz: tzinfo,
) -> SchedulerState:
    """Return the state after comparing the wall clock with a steady clock; call before next_due.

    Args:
        real: seconds on a clock that never jumps and keeps counting during
            suspend (``time.clock_gettime(time.CLOCK_BOOTTIME)`` on Linux).
        history: the recent prompt events.
        tz: the user's zone now.
    """
    # When the wall clock was changed (by hand, or by a large time sync) rather
    # than run on, recent prompts move with it, so the gap holds in real time and
    # the slots they served stay served; a pause or snooze keeps its real length.
    # Time zone and DST changes are not clock changes: all of this is in UTC.
    now = as_utc(now)
    if state.clock_wall is not None and state.clock_real is not None and real >= state.clock_real:
        shift = (now - state.clock_wall) - timedelta(seconds=real - state.clock_real)
        if abs(shift) > CLOCK_TOLERANCE:
            horizon = now - SHIFT_MEMORY
            shifts = shift_map(state.shifts)
            moved = tuple(
                (e.id, shifts.get(e.id, 0.0) + shift.total_seconds())
                for e in history
                if shown_at(e, state) + shift >= horizon
            )
            logger.info("wall clock changed by %s; %d recent prompts moved", shift, len(moved))
            state = replace(
                state,
                shifts=moved,
                settle_until=now + WAKE_SETTLE,
                pause_until=None if state.pause_until is None else state.pause_until + shift,
                snooze_until=None if state.snooze_until is None else state.snooze_until + shift,
            )
    return _without_the_future(replace(state, clock_wall=now, clock_real=real), now, history, tz)


def _without_the_future(state: SchedulerState, now: datetime,
                        history: Sequence[PromptEvent], tz: tzinfo) -> SchedulerState:
    """A clock that was wrong into the future, then set right, leaves prompts shown "later
    than now" and holds that end after it: the gap from such a prompt never ran out, and a
    pause until 2030 never ended. Such prompts are taken as shown now, and such holds are
    dropped. A reflection offered then counts for today at the latest, so a clock a day
    ahead over the reflection time does not hold tomorrow's."""
    ahead = now + CLOCK_TOLERANCE
    offered_at = state.reflection_offered_at
    if offered_at is not None and offered_at > ahead:
        offered_on = _offered_on(state, day_of(now, tz))  # None when days ahead
        state = replace(state, reflection_offered_at=now, reflection_offered_on=(
            None if offered_on is None else min(offered_on, day_of(now, tz))))
    future = [e for e in history if shown_at(e, state) > ahead]
    if future:
        shifts = dict(shift_map(state.shifts))
        for event in future:
            shifts[event.id] = shifts.get(event.id, 0.0) - (
                shown_at(event, state) - now).total_seconds()
        logger.info("%d prompts were shown later than now; taken as shown now", len(future))
        state = replace(state, shifts=tuple(shifts.items()))
    farthest = now + FARTHEST_HOLD
    if state.pause_until is not None and state.pause_until > farthest:
        state = replace(state, pause_until=None)
    if state.snooze_until is not None and state.snooze_until > farthest:
        state = replace(state, snooze_until=None, snoozed_prompt_id=None)
    if state.settle_until is not None and state.settle_until > farthest:
        state = replace(state, settle_until=None)
    if state.backoff_anchor is not None and state.backoff_anchor > ahead:
        state = replace(state, backoff_anchor=None)
    return state


def restore(state: SchedulerState) -> SchedulerState:
    """Return the state with the daily count back to the setting (undoes a back-off)."""
    return replace(
        state, backoff_count=None, backoff_until=None, backoff_since=None, restore_offered=False
    )


def after_response(
    state: SchedulerState,
    history: Sequence[PromptEvent],
    now: datetime,
    *,
    settings: Settings,
    tz: tzinfo,
) -> tuple[SchedulerState, Notice | None]:
    """Return the state after a recorded response, and a notice to show once, if any."""
    # Three skipped prompts in a row (an unanswered one weighs half: six of those) lower
    # the daily count by one (not below one) for a week; two prompts acted on
    # afterwards, or three days, bring an offer to restore it.
    now = as_utc(now)
    today = day_of(now, tz)
    if state.backoff_until is not None and not (
            today <= state.backoff_until <= today + timedelta(days=BACKOFF_DAYS)):
        state = restore(state)  # over, or set by a clock that was wrong into the future
    since = now - RECENT_RESPONSES
    if state.backoff_anchor is not None:
        since = max(since, state.backoff_anchor)
    # By today's clock (shown_at with the state's shifts): prompts a wrong clock dated in
    # the future would otherwise stay "the newest" and lower the pace at every answer.
    recent = sorted(
        (e for e in history if shown_at(e, state) > since), key=lambda e: shown_at(e, state)
    )
    streak, weight, kinds = 0, 0.0, set()
    for event in reversed(recent):
        if event.response is Response.DONE:
            break
        if event.response in _NEGATIVE:
            streak += 1
            weight += _NEGATIVE[event.response]
            kinds.add(event.response)
    if weight >= BACKOFF_STREAK:
        current = effective_count(settings, state, today)
        state = replace(state, backoff_anchor=shown_at(recent[-1], state))
        if current <= 1:
            return state, None
        lowered = current - 1
        state = replace(
            state,
            backoff_count=lowered,
            backoff_until=today + timedelta(days=BACKOFF_DAYS - 1),
            backoff_since=now,
            restore_offered=False,
        )
        said: NoticeKind = ("backed_off" if kinds == {Response.SKIPPED} else
                            "backed_off_missed" if kinds == {Response.EXPIRED} else
                            "backed_off_mixed")
        return state, Notice.of(said, lowered, streak=streak, lowered=lowered,
                                current=current)
    lowered_now = state.backoff_count
    if lowered_now is not None and state.backoff_until is not None and not state.restore_offered:
        done = sum(1 for e in recent if e.response is Response.DONE)
        since_day = None if state.backoff_since is None else day_of(state.backoff_since, tz)
        waited = since_day is not None and (today - since_day).days >= RESTORE_OFFER_DAYS
        if done >= RESTORE_AFTER_DONE or waited:
            full = max(0, settings.prompts_per_day)
            notice = Notice.of("offer_restore", full, lowered=lowered_now, full=full)
            return replace(state, restore_offered=True), notice
    return state, None
