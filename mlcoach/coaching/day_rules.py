"""The small time rules the scheduler is built from: working hours in the local zone,
meetings merged into busy blocks, how long a prompt is held, and when it was shown.

Pure functions of their arguments, like the scheduler itself.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from types import MappingProxyType

from mlcoach.coaching.scheduler_state import SchedulerState
from mlcoach.domain.model import PromptEvent, Response, Settings
from mlcoach.domain.timestamps import as_utc

#: Prompts are never closer than this, whatever the settings say.
MIN_GAP_FLOOR = timedelta(minutes=10)
#: A held prompt comes this many seconds after a meeting ends (drawn per meeting).
HOLD_AFTER_MEETING_S = (120, 360)
#: No prompt pops up this shortly before a meeting starts.
BEFORE_MEETING = timedelta(minutes=5)
#: Two meetings closer than this count as one block.
MEETING_JOIN = timedelta(minutes=10)
#: Prompts stop this long before the end-of-day reflection offer.
BEFORE_REFLECTION = timedelta(minutes=30)

#: A span of time, aware datetimes (UTC in the scheduler).
Interval = tuple[datetime, datetime]




def local_at(day: date, clock: time, tz: tzinfo, *, late: bool = True) -> datetime:
    """Return the UTC instant of wall time `clock` on `day` in `tz`, read late or early."""
    # A wall time that a DST change skips or repeats has two readings.  Working
    # hours start late and end early, so every instant inside them reads as a
    # wall time inside them.
    wall = datetime.combine(day, clock.replace(tzinfo=None), tzinfo=tz)
    readings = (wall.astimezone(UTC), wall.replace(fold=1).astimezone(UTC))
    return max(readings) if late else min(readings)


def day_of(instant: datetime, tz: tzinfo) -> date:
    """Return the local date of `instant` in `tz`."""
    return instant.astimezone(tz).date()


def workdays(settings: Settings) -> frozenset[int]:
    """Return the valid weekday numbers of the settings."""
    return frozenset(d for d in settings.workdays if isinstance(d, int) and 0 <= d <= 6)


def gap(settings: Settings) -> timedelta:
    """Return the minimum gap between prompts, never below the floor."""
    return max(timedelta(minutes=max(0, settings.min_gap_minutes)), MIN_GAP_FLOOR)


def used_up(events: Sequence[PromptEvent]) -> int:
    """How many of the day's prompts `events` (one day's) use up. A prompt put off with
    "Later" and shown again counts once, when it comes back; one put off and not shown
    again counts as shown (Later on every card brought a new card every quarter hour,
    32 in a day)."""
    shown: dict[str, list[datetime]] = {}
    for e in events:
        shown.setdefault(e.prompt_id, []).append(e.shown_at)
    return sum(1 for e in events if e.response is not Response.SNOOZED
               or not any(later > e.shown_at for later in shown[e.prompt_id]))


def is_round(instant: datetime, tz: tzinfo) -> bool:
    """Return True when `instant` falls on a minute divisible by five in `tz`."""
    return instant.astimezone(tz).minute % 5 == 0


def working_hours(day: date, settings: Settings, tz: tzinfo) -> Interval | None:
    """Return the working hours of `day` as UTC instants, or None on a day off."""
    if day.weekday() not in workdays(settings):
        return None
    start = local_at(day, settings.day_start, tz)
    end = local_at(day, settings.day_end, tz, late=False)
    return (start, end) if start < end else None


def prompt_window(day: date, settings: Settings, tz: tzinfo) -> Interval | None:
    """Return the part of the working hours in which prompts may appear."""
    hours = working_hours(day, settings, tz)
    if hours is None:
        return None
    start, end = hours
    if settings.reflection_enabled and settings.day_start < settings.reflection_time:
        quiet_from = local_at(day, settings.reflection_time, tz, late=False) - BEFORE_REFLECTION
        if start < quiet_from < end:
            end = quiet_from
    return start, end


def merge_busy(busy: Iterable[Interval]) -> list[Interval]:
    """Return the busy intervals in UTC, widened a little and merged."""
    spans = sorted((as_utc(a) - BEFORE_MEETING, as_utc(b))
                   for a, b in busy if as_utc(b) > as_utc(a))
    merged: list[Interval] = []
    for start, end in spans:
        if merged and start <= merged[-1][1] + MEETING_JOIN:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def after_meeting(end: datetime, seed: int, tz: tzinfo) -> datetime:
    """Return when a prompt held by a meeting ending at `end` may come (a few minutes on)."""
    rng = random.Random(f"mlcoach-hold:{seed}:{end.isoformat()}")
    at = end + timedelta(seconds=rng.randint(*HOLD_AFTER_MEETING_S))
    if is_round(at, tz):
        at += timedelta(minutes=1)
    return at


def hold(
    at: datetime, pause_until: datetime | None, busy: Sequence[Interval], seed: int, tz: tzinfo
) -> tuple[datetime, bool]:
    """Return `at` moved past the pause and any meeting, and whether a meeting moved it."""
    if pause_until is not None and at < pause_until:
        at = pause_until
    held = False
    for start, end in busy:
        if start <= at < end:
            at = after_meeting(end, seed, tz)
            held = True
    return at, held


@functools.lru_cache(maxsize=8)
def shift_map(shifts: tuple[tuple[str, float], ...]) -> Mapping[str, float]:
    """Return the clock shifts by event id."""
    return MappingProxyType(dict(shifts))


def shown_at(event: PromptEvent, state: SchedulerState) -> datetime:
    """Return when `event` was shown, on today's clock (moved by any clock change since)."""
    shown = as_utc(event.shown_at)
    seconds = shift_map(state.shifts).get(event.id) if state.shifts else None
    return shown if seconds is None else shown + timedelta(seconds=seconds)


def last_shown(
    events: Sequence[PromptEvent], state: SchedulerState, now: datetime
) -> datetime | None:
    """Return when the last prompt was shown, never later than `now` (the clock may go back)."""
    if not events:
        return None
    return min(max(shown_at(e, state) for e in events), now)
