"""Tests for mlcoach.coaching.scheduler: examples first, then properties over simulated days."""

from __future__ import annotations

import importlib.util
import itertools
import json
import os
import random
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from types import ModuleType
from typing import Literal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from mlcoach.coaching.scheduler import (
    BACKOFF_STREAK,
    WAKE_SETTLE,
    Due,
    after_response,
    day_plan,
    effective_count,
    mark_reflection_offered,
    next_due,
    observe_clock,
    on_wake,
    pause,
    prompts_today,
    reflection_due,
    restore,
    resume,
    snooze,
    snooze_live,
)
from mlcoach.coaching.scheduler_state import SchedulerState
from mlcoach.domain.model import PromptEvent, Response, Settings, Theme

BERLIN = ZoneInfo("Europe/Berlin")
ISTANBUL = ZoneInfo("Europe/Istanbul")
NEW_YORK = ZoneInfo("America/New_York")
ZONES = (
    "Europe/Berlin",
    "Europe/Istanbul",
    "America/New_York",
    "UTC",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "America/Sao_Paulo",
    "Pacific/Chatham",
)
# Days around DST changes (and Istanbul's moved and abolished ones).
TRANSITION_DAYS = (
    date(2024, 3, 10),  # New York springs forward
    date(2024, 11, 3),  # New York falls back
    date(2024, 3, 31),  # Berlin springs forward
    date(2024, 10, 27),  # Berlin falls back
    date(2015, 11, 8),  # Istanbul's delayed fall back
    date(2016, 3, 27),  # Istanbul's last spring forward
    date(2016, 9, 7),  # Istanbul stays on +03
    date(2018, 11, 4),  # Sao Paulo springs forward at midnight
)
MAX_WAIT = timedelta(minutes=30)  # what the Qt layer caps a single timer at
STATE = SchedulerState(seed=1234)
MONDAY = date(2024, 6, 3)


def at(day: date, hh: int, mm: int = 0, tz: tzinfo = BERLIN) -> datetime:
    """Return an aware datetime for a local wall time."""
    return datetime.combine(day, time(hh, mm), tzinfo=tz)


def event(
    shown: datetime, response: Response = Response.DONE, n: int = 0, prompt_id: str = "p"
) -> PromptEvent:
    """Return a prompt event shown at `shown`."""
    return PromptEvent(
        id=f"e{n}-{shown.isoformat()}",
        prompt_id=prompt_id,
        theme="presence",
        shown_at=shown.astimezone(UTC),
        response=response,
        responded_at=shown.astimezone(UTC),
    )


def local(instant: datetime | None, tz: tzinfo = BERLIN) -> datetime:
    """Return `instant` in local time (for readable assertions)."""
    assert instant is not None
    return instant.astimezone(tz)


# --------------------------------------------------------------------------- the plan


def test_plan_spreads_four_prompts_inside_hours_on_unround_minutes() -> None:
    for offset in range(14):
        day = MONDAY + timedelta(days=offset)
        slots = day_plan(day, settings=Settings(), state=STATE, tz=BERLIN)
        if day.weekday() >= 5:
            assert slots == []
            continue
        assert len(slots) == 4
        times = [local(s) for s in slots]
        assert all(time(9, 0) <= t.time() < time(16, 45) for t in times)
        assert all((b - a) >= timedelta(minutes=75) for a, b in itertools.pairwise(slots))
        assert sum(t.minute % 5 == 0 for t in times) == 0
        # one in the morning, one at each end of the day: spread, not clustered
        assert times[0].time() < time(11, 0) and times[-1].time() > time(14, 30)


def test_plan_is_the_same_after_a_restart_and_differs_between_days_and_users() -> None:
    again = SchedulerState.from_json(json.loads(json.dumps(STATE.to_json())))
    assert day_plan(MONDAY, settings=Settings(), state=again, tz=BERLIN) == day_plan(
        MONDAY, settings=Settings(), state=STATE, tz=BERLIN
    )
    monday = day_plan(MONDAY, settings=Settings(), state=STATE, tz=BERLIN)
    tuesday = day_plan(MONDAY + timedelta(days=1), settings=Settings(), state=STATE, tz=BERLIN)
    assert [local(s).time() for s in monday] != [local(s).time() for s in tuesday]
    other = SchedulerState(seed=99)
    assert day_plan(MONDAY, settings=Settings(), state=other, tz=BERLIN) != monday


def test_count_is_lowered_when_the_gap_does_not_fit() -> None:
    tight = Settings(
        day_start=time(9),
        day_end=time(11),
        prompts_per_day=6,
        min_gap_minutes=45,
        reflection_enabled=False,
    )
    slots = day_plan(MONDAY, settings=tight, state=STATE, tz=BERLIN)
    assert len(slots) == 2
    assert slots[1] - slots[0] >= timedelta(minutes=45)


def test_zero_prompts_or_no_workdays_is_off() -> None:
    now = at(MONDAY, 10)
    for off in (Settings(prompts_per_day=0), Settings(workdays=())):
        assert next_due(now, settings=off, history=[], state=STATE, tz=BERLIN) == Due(None, "off")


# --------------------------------------------------------------------------- next_due


def test_first_prompt_of_the_day_and_then_the_next_day() -> None:
    plan = day_plan(MONDAY, settings=Settings(), state=STATE, tz=BERLIN)
    due = next_due(at(MONDAY, 7), settings=Settings(), history=[], state=STATE, tz=BERLIN)
    assert due == Due(plan[0], "scheduled")
    assert not due.is_now(at(MONDAY, 7))
    assert due.is_now(plan[0])
    # After the day's four prompts: the next day's first slot.
    history = [event(s, n=i) for i, s in enumerate(plan)]
    late = plan[-1] + timedelta(minutes=1)
    due = next_due(late, settings=Settings(), history=history, state=STATE, tz=BERLIN)
    tomorrow = day_plan(MONDAY + timedelta(days=1), settings=Settings(), state=STATE, tz=BERLIN)
    assert due == Due(tomorrow[0], "scheduled")


def test_friday_evening_points_to_monday() -> None:
    friday = MONDAY + timedelta(days=4)
    due = next_due(at(friday, 18), settings=Settings(), history=[], state=STATE, tz=BERLIN)
    assert local(due.at).date() == MONDAY + timedelta(days=7)


def test_sleep_through_three_slots_gives_one_catch_up_then_the_gap() -> None:
    plan = day_plan(MONDAY, settings=Settings(), state=STATE, tz=BERLIN)
    history = [event(plan[0])]
    wake = plan[3] - timedelta(minutes=20)  # slept through slots 1 and 2
    state = on_wake(STATE, wake)
    due = next_due(wake, settings=Settings(), history=history, state=state, tz=BERLIN)
    assert due == Due(wake + WAKE_SETTLE, "catch_up")
    shown = wake + WAKE_SETTLE
    due = next_due(shown, settings=Settings(), history=history, state=state, tz=BERLIN)
    assert due.is_now(shown) and due.reason == "catch_up"
    history.append(event(shown, n=1))
    due = next_due(shown, settings=Settings(), history=history, state=state, tz=BERLIN)
    assert due.at is not None and due.at - shown >= timedelta(minutes=75)
    assert due.reason == "scheduled"


def test_waking_never_shortens_a_longer_wait() -> None:
    """After the welcome (30 min) or for a meeting's preparation, a wake or a start in the
    meantime keeps the longer wait."""
    now = at(MONDAY, 10)
    held = replace(STATE, settle_until=now + timedelta(minutes=30))
    assert on_wake(held, now).settle_until == now + timedelta(minutes=30)
    assert on_wake(STATE, now).settle_until == now + WAKE_SETTLE


def test_waking_after_hours_shows_nothing_until_tomorrow() -> None:
    wake = at(MONDAY, 19)
    due = next_due(wake, settings=Settings(), history=[], state=on_wake(STATE, wake), tz=BERLIN)
    assert local(due.at).date() == MONDAY + timedelta(days=1)
    assert due.reason == "scheduled"


def test_the_last_prompt_sets_the_gap_even_from_a_manual_one() -> None:
    plan = day_plan(MONDAY, settings=Settings(), state=STATE, tz=BERLIN)
    manual = plan[0] - timedelta(minutes=10)
    due = next_due(manual, settings=Settings(), history=[event(manual)], state=STATE, tz=BERLIN)
    assert due.at == manual + timedelta(minutes=75)


def test_a_meeting_holds_the_prompt_until_a_few_minutes_after_it() -> None:
    plan = day_plan(MONDAY, settings=Settings(), state=STATE, tz=BERLIN)
    meeting = (plan[0] - timedelta(minutes=30), plan[0] + timedelta(minutes=30))
    due = next_due(
        at(MONDAY, 8), settings=Settings(), history=[], state=STATE, tz=BERLIN, busy=[meeting]
    )
    assert due.reason == "held_after_meeting"
    assert due.at is not None
    assert timedelta(minutes=2) <= due.at - meeting[1] <= timedelta(minutes=8)
    assert local(due.at).minute % 5 != 0
    # Asking again when the timer fires gives the same moment: it is shown then.
    again = next_due(
        due.at, settings=Settings(), history=[], state=STATE, tz=BERLIN, busy=[meeting]
    )
    assert again.is_now(due.at) and again.reason == "held_after_meeting"


def test_no_prompt_just_before_a_meeting_and_back_to_back_meetings_are_one_block() -> None:
    plan = day_plan(MONDAY, settings=Settings(), state=STATE, tz=BERLIN)
    first = (plan[0] + timedelta(minutes=3), plan[0] + timedelta(minutes=60))
    second = (first[1] + timedelta(minutes=5), first[1] + timedelta(minutes=50))
    due = next_due(
        at(MONDAY, 8), settings=Settings(), history=[], state=STATE, tz=BERLIN, busy=[second, first]
    )
    assert due.at is not None and due.at > second[1]


def test_a_meeting_running_past_the_hours_moves_the_prompt_to_the_next_day() -> None:
    busy = [(at(MONDAY, 8), at(MONDAY, 18))]
    due = next_due(
        at(MONDAY, 8), settings=Settings(), history=[], state=STATE, tz=BERLIN, busy=busy
    )
    assert local(due.at).date() == MONDAY + timedelta(days=1)


def test_desktop_busy_holds_and_looks_again_in_a_few_minutes() -> None:
    plan = day_plan(MONDAY, settings=Settings(), state=STATE, tz=BERLIN)
    now = plan[0] + timedelta(seconds=1)
    due = next_due(now, settings=Settings(), history=[], state=STATE, tz=BERLIN, desktop_busy=True)
    assert due == Due(now + timedelta(minutes=5), "held_busy")
    later = now + timedelta(minutes=25)
    due = next_due(later, settings=Settings(), history=[], state=STATE, tz=BERLIN)
    assert due.is_now(later) and due.reason == "catch_up"


@pytest.mark.parametrize(
    "kind, length", [("30m", timedelta(minutes=30)), ("1h", timedelta(hours=1))]
)
def test_pauses_end_by_themselves(kind: Literal["30m", "1h"], length: timedelta) -> None:
    plan = day_plan(MONDAY, settings=Settings(), state=STATE, tz=BERLIN)
    now = plan[0] - timedelta(minutes=5)
    paused = pause(STATE, now, kind, BERLIN)
    assert paused.pause_until == now + length
    due = next_due(now, settings=Settings(), history=[], state=paused, tz=BERLIN)
    assert due.at == now + length
    assert resume(paused).pause_until is None
    assert (
        next_due(now, settings=Settings(), history=[], state=resume(paused), tz=BERLIN).at
        == plan[0]
    )


def test_pause_for_the_rest_of_the_day() -> None:
    now = at(MONDAY, 10)
    paused = pause(STATE, now, "day", BERLIN)
    assert paused.pause_until == at(MONDAY + timedelta(days=1), 0)
    due = next_due(now, settings=Settings(), history=[], state=paused, tz=BERLIN)
    assert local(due.at).date() == MONDAY + timedelta(days=1)
    with pytest.raises(ValueError, match="unknown pause"):
        pause(STATE, now, "week", BERLIN)  # type: ignore[arg-type]


def test_snooze_brings_the_prompt_back_ignoring_the_gap_but_not_meetings() -> None:
    plan = day_plan(MONDAY, settings=Settings(), state=STATE, tz=BERLIN)
    history = [event(plan[0], Response.SNOOZED)]
    state = snooze(STATE, plan[0], 15, prompt_id="presence-01")
    assert state.snoozed_prompt_id == "presence-01"
    due = next_due(plan[0], settings=Settings(), history=history, state=state, tz=BERLIN)
    assert due == Due(plan[0] + timedelta(minutes=15), "snoozed", snoozed=True)
    meeting = (plan[0] + timedelta(minutes=10), plan[0] + timedelta(minutes=40))
    held = next_due(
        plan[0], settings=Settings(), history=history, state=state, tz=BERLIN, busy=[meeting]
    )
    assert held.snoozed and held.at is not None and held.at > meeting[1]
    # Once shown again, the snooze is over and the gap runs from the re-show.
    back = plan[0] + timedelta(minutes=15)
    history.append(event(back, n=1))
    due = next_due(back, settings=Settings(), history=history, state=state, tz=BERLIN)
    assert not due.snoozed and due.at is not None and due.at >= back + timedelta(minutes=75)
    assert prompts_today(history, back, BERLIN) == 1


def test_a_snooze_into_the_evening_lapses() -> None:
    now = at(MONDAY, 17, 25)
    state = snooze(STATE, now, 15)
    due = next_due(
        now, settings=Settings(), history=[event(now, Response.SNOOZED)], state=state, tz=BERLIN
    )
    assert not due.snoozed and local(due.at).date() == MONDAY + timedelta(days=1)


def test_a_snooze_past_the_end_of_the_day_is_not_live_the_next_morning() -> None:
    now = at(MONDAY, 17, 20)
    state = snooze(STATE, now, 15, "p")
    assert not snooze_live(at(MONDAY + timedelta(days=1), 9, 30), Settings(), state, BERLIN)
    assert not snooze_live(at(MONDAY, 17, 36), Settings(), state, BERLIN)
    early = snooze(STATE, at(MONDAY, 10), 15, "p")
    assert snooze_live(at(MONDAY, 10, 16), Settings(), early, BERLIN)
    assert not snooze_live(at(MONDAY, 11, 16), Settings(), early, BERLIN)  # an hour stale


def test_time_zone_change_is_followed() -> None:
    # Flying from Berlin to New York: the same instant, new local working hours.
    now = at(MONDAY, 18)  # 12:00 in New York
    due = next_due(now, settings=Settings(), history=[], state=STATE, tz=NEW_YORK)
    assert local(due.at, NEW_YORK).date() == MONDAY
    assert time(12, 0) <= local(due.at, NEW_YORK).time() < time(17, 30)


@pytest.mark.parametrize(
    "zone, day",
    [
        ("America/New_York", date(2024, 3, 10)),
        ("America/New_York", date(2024, 11, 3)),
        ("Europe/Berlin", date(2024, 3, 31)),
        ("Europe/Berlin", date(2024, 10, 27)),
        ("Europe/Istanbul", date(2016, 3, 27)),
        ("Europe/Istanbul", date(2015, 11, 8)),
    ],
)
def test_working_hours_across_a_dst_change(zone: str, day: date) -> None:
    # Night-owl hours that contain the change: 00:30 to 05:00, every day of the week.
    tz = ZoneInfo(zone)
    owl = Settings(
        workdays=tuple(range(7)),
        day_start=time(0, 30),
        day_end=time(5),
        prompts_per_day=4,
        min_gap_minutes=40,
        reflection_enabled=False,
    )
    start = datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)
    run = simulate(owl, zone, start, 1, seed=5)
    check_run(run, owl, [])
    that_day = [s for s in run.shown if s.wall.astimezone(tz).date() == day]
    assert 2 <= len([s for s in that_day if not s.due.snoozed]) <= 4
    # The hours of that day are 4.5 wall hours but 3.5 or 5.5 real ones.
    slots = day_plan(day, settings=owl, state=STATE, tz=tz)
    assert all(time(0, 30) <= local(s, tz).time() < time(5) for s in slots)


def test_a_wall_time_skipped_by_dst_still_starts_the_day() -> None:
    # 02:30 does not exist in New York on 10 March 2024: the day starts at 03:30 EDT.
    early = Settings(
        workdays=tuple(range(7)),
        day_start=time(2, 30),
        day_end=time(6),
        prompts_per_day=1,
        reflection_enabled=False,
    )
    day = date(2024, 3, 10)
    (slot,) = day_plan(day, settings=early, state=STATE, tz=NEW_YORK)
    assert time(3, 0) <= local(slot, NEW_YORK).time() < time(6)


def test_a_clock_set_forward_keeps_the_real_gap() -> None:
    plan = day_plan(MONDAY, settings=Settings(), state=STATE, tz=BERLIN)
    shown = plan[0]
    history = [event(shown)]
    state = observe_clock(STATE, shown, real=1000.0, history=history, tz=BERLIN)
    # Ten real seconds later the wall clock is set two hours ahead.
    jumped = shown + timedelta(hours=2, seconds=10)
    state = observe_clock(state, jumped, real=1010.0, history=history, tz=BERLIN)
    due = next_due(jumped, settings=Settings(), history=history, state=state, tz=BERLIN)
    assert due.at is not None
    assert due.at - jumped >= timedelta(minutes=75) - timedelta(seconds=10)
    # Without knowing about the change the prompt would come at once.
    naive = next_due(jumped, settings=Settings(), history=history, state=STATE, tz=BERLIN)
    assert naive.is_now(jumped)


def test_a_clock_set_back_does_not_stall_prompts() -> None:
    shown = at(MONDAY, 15)
    history = [event(shown)]
    state = observe_clock(STATE, shown, real=0.0, history=history, tz=BERLIN)
    back = at(MONDAY, 9, 1)  # a wrong clock corrected by six hours
    state = observe_clock(state, back, real=60.0, history=history, tz=BERLIN)
    due = next_due(back, settings=Settings(), history=history, state=state, tz=BERLIN)
    assert local(due.at).date() == MONDAY
    assert due.at is not None and due.at - back <= timedelta(hours=3)
    # A year-long jump back (a clock fixed after being far ahead) does not block the year.
    future = [event(at(MONDAY + timedelta(days=365), 10))]
    due = next_due(back, settings=Settings(), history=future, state=STATE, tz=BERLIN)
    assert due.at is not None and due.at - back < timedelta(days=1)


def test_a_prompt_shown_by_a_clock_set_far_ahead_holds_one_gap_not_until_that_date() -> None:
    """The clock came up in 2030, a prompt was shown, and after a reboot with the right
    date the next prompt stayed "a gap from now" at every look: none came for days."""
    shown = at(MONDAY + timedelta(days=2000), 10)
    history = [event(shown)]
    now = at(MONDAY, 9, 30)
    # a fresh boot
    state = observe_clock(STATE, now, real=5.0, history=history, tz=BERLIN)
    due = next_due(now, settings=Settings(), history=history, state=state, tz=BERLIN)
    assert due.at is not None and due.at <= now + timedelta(minutes=75)
    later = due.at + timedelta(seconds=1)
    state = observe_clock(state, later, real=5.0 + (later - now).total_seconds(),
                          history=history, tz=BERLIN)
    assert next_due(later, settings=Settings(), history=history, state=state,
                    tz=BERLIN).is_now(later)


def test_holds_set_by_a_clock_set_far_ahead_are_dropped() -> None:
    wrong = at(MONDAY + timedelta(days=2000), 17)
    state = pause(STATE, wrong, "day", BERLIN)
    state = replace(snooze(state, wrong, 15, "p"), settle_until=wrong,
                    backoff_count=1, backoff_until=(wrong + timedelta(days=6)).date())
    state = mark_reflection_offered(state, wrong, BERLIN)
    now = at(MONDAY, 9, 30)
    state = observe_clock(state, now, real=5.0, history=[], tz=BERLIN)
    assert state.pause_until is None and state.snooze_until is None
    assert state.snoozed_prompt_id is None and state.settle_until is None
    assert effective_count(Settings(), state, MONDAY) == Settings().prompts_per_day
    assert next_due(now, settings=Settings(), history=[], state=state, tz=BERLIN).at == \
        next_due(now, settings=Settings(), history=[], state=STATE, tz=BERLIN).at
    assert reflection_due(now, settings=Settings(), state=state, tz=BERLIN,
                          reflected_today=False) == at(MONDAY, 17, 15)
    offered = mark_reflection_offered(state, at(MONDAY, 17, 15), BERLIN)
    assert offered.reflection_offered_on == MONDAY
    # A pause for the rest of a real day is kept.
    kept = observe_clock(pause(STATE, now, "day", BERLIN), now, real=5.0, history=[],
                         tz=BERLIN)
    assert kept.pause_until == at(MONDAY + timedelta(days=1), 0)


def test_state_json_round_trip_and_garbage() -> None:
    state = replace(
        snooze(pause(STATE, at(MONDAY, 10), "1h", BERLIN), at(MONDAY, 10), 15, "p1"),
        backoff_count=3,
        backoff_until=MONDAY,
        restore_offered=True,
        shifts=(("e1", 7200.0),),
        clock_real=12.5,
        clock_wall=at(MONDAY, 10).astimezone(UTC),
    )
    text = json.dumps(state.to_json())
    assert SchedulerState.from_json(json.loads(text)) == state
    assert SchedulerState.from_json(None) == SchedulerState()
    assert SchedulerState.from_json([1, 2]) == SchedulerState()
    garbage = {
        "seed": "x",
        "pause_until": "yesterday",
        "backoff_count": True,
        "shifts": [[1, 2], ["a", "b"], ["ok", 3]],
        "restore_offered": "yes",
        "clock_real": float("nan"),
        "backoff_until": 5,
    }
    parsed = SchedulerState.from_json(garbage)
    assert parsed == SchedulerState(shifts=(("ok", 3.0),))


def test_new_state_takes_its_seed_from_the_random_source() -> None:
    assert SchedulerState.new(random.Random(5)) == SchedulerState.new(random.Random(5))
    assert SchedulerState.new(random.Random(5)).seed != SchedulerState.new(random.Random(6)).seed


# --------------------------------------------------------------------------- reflection


def test_reflection_is_offered_once_on_workdays() -> None:
    def due(now: datetime, **kw: object) -> datetime | None:
        args: dict[str, object] = {
            "settings": Settings(),
            "state": STATE,
            "tz": BERLIN,
            "reflected_today": False,
        }
        args.update(kw)
        return reflection_due(now, **args)  # type: ignore[arg-type]

    assert due(at(MONDAY, 9)) == at(MONDAY, 17, 15)
    assert due(at(MONDAY, 17, 20)) == at(MONDAY, 17, 20)  # late, still today
    tuesday = at(MONDAY + timedelta(days=1), 17, 15)
    assert due(at(MONDAY, 17, 20), reflected_today=True) == tuesday
    offered = mark_reflection_offered(STATE, at(MONDAY, 17, 15), BERLIN)
    assert due(at(MONDAY, 17, 20), state=offered) == tuesday
    assert due(at(MONDAY, 22)) == tuesday  # too late today
    friday = at(MONDAY + timedelta(days=4), 18)
    assert due(friday, reflected_today=True) == at(MONDAY + timedelta(days=7), 17, 15)
    assert due(at(MONDAY, 9), settings=Settings(reflection_enabled=False)) is None
    meeting = (at(MONDAY, 17), at(MONDAY, 17, 45))
    held = due(at(MONDAY, 9), busy=[meeting])
    assert held is not None and at(MONDAY, 17, 45) < held < at(MONDAY, 17, 55)


def test_a_clock_a_day_ahead_for_an_hour_costs_no_reflection() -> None:
    """A clock that ran a day ahead over the reflection time (a bad time sync, a
    dual-boot clock) offered "Tuesday's" reflection on Monday evening; set right, it
    held Tuesday's real one until Wednesday."""
    tuesday = MONDAY + timedelta(days=1)

    def due(now: datetime, state: SchedulerState) -> datetime | None:
        return reflection_due(now, settings=Settings(), state=state, tz=BERLIN,
                              reflected_today=False)

    state = mark_reflection_offered(STATE, at(MONDAY, 17, 15), BERLIN)
    state = mark_reflection_offered(state, at(tuesday, 18), BERLIN)  # the clock runs ahead
    # Set right (on the running app, or before a restart): Monday's was shown.
    state = observe_clock(state, at(MONDAY, 19), real=5.0, history=[], tz=BERLIN)
    assert due(at(MONDAY, 19), state) == at(tuesday, 17, 15)
    state = observe_clock(state, at(tuesday, 9), real=5.0 + 14 * 3600, history=[], tz=BERLIN)
    assert due(at(tuesday, 9), state) == at(tuesday, 17, 15)
    state = mark_reflection_offered(state, at(tuesday, 17, 15), BERLIN)
    assert due(at(tuesday, 17, 30), state) == at(tuesday + timedelta(days=1), 17, 15)
    assert SchedulerState.from_json(state.to_json()) == state
    # Flying west over the date line is no clock fault: an offer made earlier in real
    # time still counts for its day, so it is not made twice.
    tokyo, honolulu = ZoneInfo("Asia/Tokyo"), ZoneInfo("Pacific/Honolulu")
    offered = mark_reflection_offered(STATE, at(tuesday, 17, 15, tokyo), tokyo)
    landed = at(MONDAY, 23, tz=honolulu)
    offered = observe_clock(offered, landed, real=5.0, history=[], tz=honolulu)
    nxt = reflection_due(landed + timedelta(hours=18), settings=Settings(), state=offered,
                         tz=honolulu, reflected_today=False)
    assert nxt == at(tuesday + timedelta(days=1), 17, 15, honolulu)


def test_prompts_stop_before_the_reflection_offer() -> None:
    for offset in range(5):
        day = MONDAY + timedelta(days=offset)
        plan = day_plan(day, settings=Settings(), state=STATE, tz=BERLIN)
        assert local(plan[-1]).time() < time(16, 45)


# --------------------------------------------------------------------------- back-off


def responses(start: datetime, kinds: Sequence[Response]) -> list[PromptEvent]:
    """Return events 90 minutes apart with the given responses."""
    return [event(start + timedelta(minutes=90 * i), r, n=i) for i, r in enumerate(kinds)]


def test_three_skips_in_a_row_lower_the_count_once_and_say_so() -> None:
    history = responses(
        at(MONDAY, 9, 30),
        [Response.DONE, Response.SKIPPED, Response.EXPIRED, Response.SNOOZED, Response.SKIPPED,
         Response.EXPIRED],
    )
    now = history[-1].shown_at
    state, notice = after_response(STATE, history, now, settings=Settings(), tz=BERLIN)
    assert notice is not None and notice.kind == "backed_off_mixed" and notice.count == 3
    assert "3 a day" in notice.text and "\n" not in notice.text
    assert notice.text.startswith("The last 4 prompts were skipped or went by without")
    assert effective_count(Settings(), state, MONDAY) == 3
    assert effective_count(Settings(), state, MONDAY + timedelta(days=6)) == 3
    assert effective_count(Settings(), state, MONDAY + timedelta(days=7)) == 4
    # Said once: asking again with the same history says nothing.
    again, notice = after_response(state, history, now, settings=Settings(), tz=BERLIN)
    assert notice is None and again == state
    # Three more skips lower it again.
    more = history + responses(at(MONDAY + timedelta(days=1), 9, 30), [Response.SKIPPED] * 3)
    state, notice = after_response(state, more, more[-1].shown_at, settings=Settings(), tz=BERLIN)
    assert notice is not None and notice.count == 2
    assert notice.kind == "backed_off" and notice.text.startswith("You skipped the last 3")


def test_back_off_never_goes_below_one() -> None:
    one = Settings(prompts_per_day=1)
    history = responses(at(MONDAY, 9, 30), [Response.SKIPPED] * BACKOFF_STREAK)
    state, notice = after_response(STATE, history, history[-1].shown_at, settings=one, tz=BERLIN)
    assert notice is None and effective_count(one, state, MONDAY) == 1


def test_restore_is_offered_after_prompts_are_acted_on_again() -> None:
    history = responses(at(MONDAY, 9, 30), [Response.SKIPPED] * 3)
    state, _ = after_response(STATE, history, history[-1].shown_at, settings=Settings(), tz=BERLIN)
    history += responses(at(MONDAY + timedelta(days=1), 9, 30), [Response.DONE])
    state, notice = after_response(
        state, history, history[-1].shown_at, settings=Settings(), tz=BERLIN
    )
    assert notice is None
    history += responses(at(MONDAY + timedelta(days=1), 11, 30), [Response.DONE])
    state, notice = after_response(
        state, history, history[-1].shown_at, settings=Settings(), tz=BERLIN
    )
    assert notice is not None and notice.kind == "offer_restore" and notice.count == 4
    state, notice = after_response(
        state, history, history[-1].shown_at, settings=Settings(), tz=BERLIN
    )
    assert notice is None  # offered once
    restored = restore(state)
    assert effective_count(Settings(), restored, MONDAY + timedelta(days=1)) == 4
    # The old skips do not count again after restoring.
    _, notice = after_response(
        restored, history, history[-1].shown_at, settings=Settings(), tz=BERLIN
    )
    assert notice is None


def test_restore_is_offered_after_three_days_anyway() -> None:
    history = responses(at(MONDAY, 9, 30), [Response.SKIPPED] * 3)
    state, _ = after_response(STATE, history, history[-1].shown_at, settings=Settings(), tz=BERLIN)
    history += responses(at(MONDAY + timedelta(days=3), 10), [Response.EXPIRED])
    _, notice = after_response(state, history, history[-1].shown_at, settings=Settings(), tz=BERLIN)
    assert notice is not None and notice.kind == "offer_restore"


def test_lowered_count_applies_to_the_rest_of_today() -> None:
    plan = day_plan(MONDAY, settings=Settings(), state=STATE, tz=BERLIN)
    history = [event(plan[0], Response.SKIPPED, 0)]
    history += [event(plan[0] + timedelta(minutes=80 * i), Response.SKIPPED, i) for i in (1, 2)]
    state, _ = after_response(STATE, history, history[-1].shown_at, settings=Settings(), tz=BERLIN)
    due = next_due(
        history[-1].shown_at, settings=Settings(), history=history, state=state, tz=BERLIN
    )
    assert local(due.at).date() == MONDAY + timedelta(days=1)


# --------------------------------------------------------------------------- simulation


@dataclass(frozen=True)
class Disturbance:
    """Something that happens to the machine at a real moment."""

    at: timedelta
    kind: Literal["sleep", "jump", "tz", "busy"]
    amount: timedelta = timedelta(0)
    zone: str = "UTC"


@dataclass(frozen=True)
class Shown:
    """One prompt the simulated app showed."""

    real: datetime
    wall: datetime
    tz: tzinfo
    due: Due
    event: PromptEvent
    state: SchedulerState


@dataclass
class Run:
    """What happened in one simulated stretch of days."""

    shown: list[Shown] = field(default_factory=list)
    disturbed: list[datetime] = field(default_factory=list)  # sleeps, jumps, zone changes, DND


def simulate(
    settings: Settings,
    zone: str,
    start: datetime,
    days: int,
    *,
    seed: int,
    disturbances: Sequence[Disturbance] = (),
    meetings: Sequence[tuple[datetime, datetime]] = (),
    watch_clock: bool = True,
) -> Run:
    """Drive the scheduler the way the Qt layer does: one timer, re-armed after each event."""
    rng = random.Random(seed)
    tz: tzinfo = ZoneInfo(zone)
    real, offset = start, timedelta(0)
    end = start + timedelta(days=days)
    state = SchedulerState(seed=seed)
    history: list[PromptEvent] = []
    run = Run()
    queue = sorted(disturbances, key=lambda d: d.at)
    busy_spans = [(start + d.at, start + d.at + d.amount) for d in queue if d.kind == "busy"]
    queue = [d for d in queue if d.kind != "busy"]
    # A stretch of Do Not Disturb, like a sleep, may leave one held prompt to catch up.
    run.disturbed.extend(a for a, _ in busy_spans)
    for _ in range(20_000):
        if real >= end:
            return run
        wall = real + offset
        if watch_clock:
            seconds = (real - start).total_seconds()
            state = observe_clock(state, wall, real=seconds, history=history, tz=BERLIN)
        busy_now = any(a <= real < b for a, b in busy_spans)
        due = next_due(
            wall,
            settings=settings,
            history=history,
            state=state,
            tz=tz,
            busy=meetings,
            desktop_busy=busy_now,
        )
        assert due.at is None or due.at >= wall
        if due.is_now(wall):
            response = rng.choice(
                [
                    Response.DONE,
                    Response.DONE,
                    Response.SKIPPED,
                    Response.EXPIRED,
                    Response.SNOOZED,
                    Response.NOT_FOR_ME,
                ]
            )
            shown = PromptEvent(
                id=f"e{len(history)}",
                prompt_id=f"p{rng.randrange(30)}",
                theme="presence",
                shown_at=wall,
                response=response,
                responded_at=wall,
                why=due.reason,
            )
            history.append(shown)
            run.shown.append(Shown(real, wall, tz, due, shown, state))
            if response is Response.SNOOZED:
                state = snooze(state, wall, 15)
            state, _ = after_response(state, history, wall, settings=settings, tz=tz)
            continue
        wait = MAX_WAIT if due.at is None else min(due.at - wall, MAX_WAIT)
        target = real + wait
        while queue and queue[0].at + start <= target:
            thing = queue.pop(0)
            moment = max(real, start + thing.at)
            if thing.kind == "sleep":
                real = target = moment + thing.amount
                run.disturbed.append(moment)
                state = on_wake(state, real + offset)  # the app hears of the wake-up
                break
            if thing.kind == "jump":
                offset += thing.amount
                run.disturbed.append(moment)
            elif thing.kind == "tz":
                tz = ZoneInfo(thing.zone)
                run.disturbed.append(moment)
        real = target
    raise AssertionError("the simulation did not move on")


def check_run(
    run: Run,
    settings: Settings,
    meetings: Sequence[tuple[datetime, datetime]],
    *,
    real_gap: bool = True,
) -> None:
    """Assert the promises of the scheduler over a simulated run."""
    gap = max(timedelta(minutes=settings.min_gap_minutes), timedelta(minutes=10))
    previous: Shown | None = None
    for i, shown in enumerate(run.shown):
        wall_local = shown.wall.astimezone(shown.tz)
        # never outside working hours or workdays
        assert wall_local.weekday() in settings.workdays, shown
        assert settings.day_start <= wall_local.time() < settings.day_end, shown
        # never during a meeting
        assert not any(a <= shown.wall < b for a, b in meetings), shown
        # never more than the daily count, counted the way the user's day is now
        today = wall_local.date()
        same_day = [
            s
            for s in run.shown[: i + 1]
            if s.event.response is not Response.SNOOZED
            and s.wall.astimezone(shown.tz).date() == today
        ]
        assert len(same_day) <= settings.prompts_per_day, shown
        # gaps respected (a snoozed prompt coming back is the same prompt, not a new one)
        if previous is not None and not shown.due.snoozed:
            elapsed = shown.real - previous.real if real_gap else shown.wall - previous.wall
            assert elapsed >= gap - timedelta(seconds=1), (previous, shown)
        previous = shown
    # at most one catch-up after each sleep, jump, change of time zone or Do Not Disturb
    marks = [*sorted(run.disturbed), datetime.max.replace(tzinfo=UTC)]
    for begin, finish in itertools.pairwise(marks):
        catch_ups = [
            s for s in run.shown if begin <= s.real < finish and s.due.reason == "catch_up"
        ]
        assert len(catch_ups) <= 1, catch_ups


@st.composite
def user_settings(draw: st.DrawFn) -> Settings:
    """Draw any reasonable settings."""
    start_min = draw(st.integers(0, 22 * 60))
    length = draw(st.integers(30, 14 * 60))
    end_min = min(start_min + length, 23 * 60 + 59)
    workdays = tuple(sorted(draw(st.sets(st.integers(0, 6), min_size=1))))
    return Settings(
        workdays=workdays,
        day_start=time(start_min // 60, start_min % 60),
        day_end=time(end_min // 60, end_min % 60),
        prompts_per_day=draw(st.integers(0, 8)),
        min_gap_minutes=draw(st.integers(0, 240)),
        reflection_time=draw(st.times()).replace(second=0, microsecond=0),
        reflection_enabled=draw(st.booleans()),
    )


starts = st.one_of(
    st.sampled_from(TRANSITION_DAYS).map(lambda d: d - timedelta(days=1)),
    st.dates(date(2014, 1, 1), date(2027, 12, 31)),
)
disturbance = st.builds(
    Disturbance,
    at=st.integers(0, 3 * 24 * 60).map(lambda m: timedelta(minutes=m)),
    kind=st.sampled_from(["sleep", "jump", "tz", "busy"]),
    amount=st.integers(-6 * 60, 20 * 60).map(lambda m: timedelta(minutes=m)),
    zone=st.sampled_from(ZONES),
)


def _sane(d: Disturbance) -> Disturbance:
    """Return the disturbance with a positive length where it needs one."""
    if d.kind in ("sleep", "busy"):
        return replace(d, amount=abs(d.amount) or timedelta(minutes=1))
    return d


# MLCOACH_EXAMPLES raises the number of examples for a deeper search by hand.
FAST = hsettings(
    max_examples=int(os.environ.get("MLCOACH_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@FAST
@given(
    settings=user_settings(),
    zone=st.sampled_from(ZONES),
    start_day=starts,
    seed=st.integers(0, 2**32 - 1),
    disturbances=st.lists(disturbance.map(_sane), max_size=5),
    meeting_offsets=st.lists(
        st.tuples(st.integers(0, 3 * 24 * 60), st.integers(5, 240)), max_size=6
    ),
)
def test_simulated_days_keep_every_promise(
    settings: Settings,
    zone: str,
    start_day: date,
    seed: int,
    disturbances: list[Disturbance],
    meeting_offsets: list[tuple[int, int]],
) -> None:
    start = datetime.combine(start_day, time(0), tzinfo=ZoneInfo(zone)).astimezone(UTC)
    meetings = [
        (start + timedelta(minutes=a), start + timedelta(minutes=a + length))
        for a, length in meeting_offsets
    ]
    run = simulate(
        settings, zone, start, 3, seed=seed, disturbances=disturbances, meetings=meetings
    )
    check_run(run, settings, meetings)


@FAST
@given(
    settings=user_settings(),
    zone=st.sampled_from(ZONES),
    start_day=starts,
    seed=st.integers(0, 2**32 - 1),
    sleeps=st.lists(st.tuples(st.integers(0, 2 * 24 * 60), st.integers(1, 16 * 60)), max_size=4),
)
def test_sleeps_alone_never_cause_a_burst(
    settings: Settings, zone: str, start_day: date, seed: int, sleeps: list[tuple[int, int]]
) -> None:
    start = datetime.combine(start_day, time(0), tzinfo=ZoneInfo(zone)).astimezone(UTC)
    disturbances = [
        Disturbance(timedelta(minutes=a), "sleep", timedelta(minutes=n)) for a, n in sleeps
    ]
    run = simulate(
        settings, zone, start, 2, seed=seed, disturbances=disturbances, watch_clock=False
    )
    check_run(run, settings, [])
    # Nothing is shown in the first moments after a wake-up (the user settles in first).
    for moment in run.disturbed:
        assert not any(
            moment < s.real < moment + WAKE_SETTLE - timedelta(seconds=1)
            for s in run.shown
            if not s.due.snoozed
        )


@FAST
@given(
    zone=st.sampled_from(ZONES),
    start_day=starts,
    seed=st.integers(0, 2**32 - 1),
)
def test_undisturbed_default_days_get_their_prompts(zone: str, start_day: date, seed: int) -> None:
    """Without sleeps, meetings or skips every workday gets all its prompts, on plan."""
    start = datetime.combine(start_day, time(0), tzinfo=ZoneInfo(zone)).astimezone(UTC)
    settings = Settings()
    run = simulate(settings, zone, start, 7, seed=seed)
    check_run(run, settings, [])
    counted = Counter(
        s.wall.astimezone(s.tz).date()
        for s in run.shown
        if s.event.response is not Response.SNOOZED
    )
    assert all(n <= 4 for n in counted.values())
    workdays = {s.wall.astimezone(s.tz).date() for s in run.shown}
    assert len(workdays) >= 4  # a week always has at least four full workdays in view
    assert all(s.due.reason in ("scheduled", "snoozed") for s in run.shown)


@FAST
@given(
    settings=user_settings(),
    zone=st.sampled_from(ZONES),
    start_day=starts,
    minute=st.integers(0, 24 * 60 - 1),
    kind=st.sampled_from(["30m", "1h", "day"]),
    seed=st.integers(0, 2**32 - 1),
)
def test_pauses_always_end_by_themselves(
    settings: Settings,
    zone: str,
    start_day: date,
    minute: int,
    kind: Literal["30m", "1h", "day"],
    seed: int,
) -> None:
    tz = ZoneInfo(zone)
    now = datetime.combine(start_day, time(0), tzinfo=tz) + timedelta(minutes=minute)
    state = SchedulerState(seed=seed)
    paused = pause(state, now, kind, tz)
    assert paused.pause_until is not None
    assert paused.pause_until - now.astimezone(UTC) <= timedelta(hours=25)
    due = next_due(now, settings=settings, history=[], state=paused, tz=tz)
    if due.at is not None:
        assert due.at >= paused.pause_until
    # Once the pause is over it makes no difference any more.
    after = paused.pause_until + timedelta(seconds=1)
    with_pause = next_due(after, settings=settings, history=[], state=paused, tz=tz)
    without = next_due(after, settings=settings, history=[], state=resume(paused), tz=tz)
    assert with_pause.at == without.at


@FAST
@given(
    settings=user_settings(),
    zone=st.sampled_from(ZONES),
    start_day=starts,
    seed=st.integers(0, 2**32 - 1),
)
def test_plans_stay_inside_the_hours_with_the_gap(
    settings: Settings, zone: str, start_day: date, seed: int
) -> None:
    tz = ZoneInfo(zone)
    state = SchedulerState(seed=seed)
    for offset in range(3):
        day = start_day + timedelta(days=offset)
        slots = day_plan(day, settings=settings, state=state, tz=tz)
        assert len(slots) <= settings.prompts_per_day
        if day.weekday() not in settings.workdays:
            assert slots == []
        for slot in slots:
            wall = slot.astimezone(tz)
            assert wall.date() == day
            assert settings.day_start <= wall.time() < settings.day_end
        gap = max(timedelta(minutes=settings.min_gap_minutes), timedelta(minutes=10))
        assert all(b - a >= gap for a, b in itertools.pairwise(slots))


# --------------------------------------------------------------------------- the month


def _simulate_month_module() -> ModuleType:
    """Import benchmarks/simulate_month.py, which is a script rather than a package."""
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "simulate_month.py"
    spec = importlib.util.spec_from_file_location("simulate_month", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "zone, start",
    [
        ("Europe/Berlin", date(2024, 3, 4)),
        ("America/New_York", date(2024, 10, 14)),
        ("Europe/Istanbul", date(2016, 3, 7)),
    ],
)
def test_a_simulated_month_keeps_every_promise(zone: str, start: date) -> None:
    month = _simulate_month_module()
    report = month.simulate_month(month.synthetic_prompts(), start=start, zone=zone, seed=11)
    assert report.workdays >= 20
    assert set(report.themes) == {t.value for t in Theme}
    assert report.repeats_within_14_days == 0
    assert report.outside_hours == 0
    assert report.during_meetings == 0
    assert report.gap_violations == 0
    assert report.over_daily_count == 0
    per_day = list(report.per_day.values())
    assert max(per_day) <= 4 and sum(per_day) / len(per_day) >= 3
    assert len(report.per_day) == report.workdays  # every workday had prompts, no weekend did
    assert report.reflections_offered == report.workdays
    assert report.intentions_recalled > 0


def test_prompts_a_wrong_clock_dated_ahead_lower_the_pace_once_not_at_every_answer() -> None:
    """Three missed prompts dated 2030 stayed "the newest": every answer after, even Done,
    lowered the pace again, down to one a day."""
    wrong = at(MONDAY + timedelta(days=2000), 10)
    history = [event(wrong + timedelta(hours=i), Response.SKIPPED, n=i) for i in range(3)]
    now = at(MONDAY, 9, 30)
    state = observe_clock(STATE, now, real=5.0, history=history, tz=BERLIN)
    state, notice = after_response(state, history, now, settings=Settings(), tz=BERLIN)
    assert notice is not None and effective_count(Settings(), state, MONDAY) == 3
    for i in range(3):
        now += timedelta(hours=1)
        history.append(event(now, Response.DONE, n=10 + i))
        state = observe_clock(state, now, real=5.0 + 3600 * (i + 1), history=history,
                              tz=BERLIN)
        state, notice = after_response(state, history, now, settings=Settings(), tz=BERLIN)
        assert notice is None or notice.kind == "offer_restore"
    assert effective_count(Settings(), state, MONDAY) == 3


def test_a_pause_for_the_rest_of_the_day_survives_the_night_clocks_go_back() -> None:
    """The last Sunday of October has 25 hours: "until midnight" is more than a day away
    from ten past midnight, and the pause was dropped as if a wrong clock had set it."""
    day = date(2025, 10, 26)
    now = at(day, 0, 10)
    state = pause(STATE, now, "day", BERLIN)
    state = observe_clock(state, now, real=5.0, history=[], tz=BERLIN)
    assert state.pause_until == at(day + timedelta(days=1), 0)


def test_cards_that_went_by_while_away_weigh_half_a_skip() -> None:
    """Away from an unlocked desk for an afternoon, three cards expired unseen and the
    pace dropped for a week ("You skipped the last 3 prompts", said to nobody)."""
    away = responses(at(MONDAY, 11, 30), [Response.EXPIRED] * 3)
    state, notice = after_response(STATE, away, away[-1].shown_at, settings=Settings(),
                                   tz=BERLIN)
    assert notice is None and effective_count(Settings(), state, MONDAY) == 4
    ignored = responses(at(MONDAY, 9, 30), [Response.EXPIRED] * 6)  # a day and a half
    state, notice = after_response(STATE, ignored, ignored[-1].shown_at, settings=Settings(),
                                   tz=BERLIN)
    assert notice is not None and effective_count(Settings(), state, MONDAY) == 3
