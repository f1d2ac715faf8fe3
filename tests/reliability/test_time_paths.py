"""Random paths through time, driven the way the desktop app drives the coaching service.

tests/test_scheduler.py checks the pure scheduler. Here the whole loop runs: the Coach
on a real store (state saved and read back, prompts recorded, reflections saved), one
single-shot timer re-armed after every firing and never longer than the app's MAX_WAIT,
and a world that does to it what machines do: the wall clock set forward or back by
hours, DST changes, a change of time zone, an 8-hour suspend (the timer's monotonic
clock stops, the wall and boot clocks run on), and whole days with the app not running.

Promises checked on every path: no prompt outside the working hours of the zone the user
is in, never two prompts closer than the gap in real time (so no storm, and at most one
catch-up after a disturbance), never more than the daily count, the end-of-day
reflection offered at most once per day, and never lost on a day the app was simply
running through its time.
"""

from __future__ import annotations

import itertools
import os
import random
import shutil
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine

from mlcoach.coaching.day_rules import MIN_GAP_FLOOR
from mlcoach.coaching.scheduler import REFLECTION_LATE
from mlcoach.coaching.service import Coach
from mlcoach.domain.model import Response, Settings
from mlcoach.store.core import Store

MAX_WAIT = timedelta(minutes=10)  # ui/app.py: the timer never waits longer
ZONES = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata",
         "Pacific/Chatham", "Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"]
# Days just before DST changes both ways (spring forward and fall back).
DST_DAYS = [date(2024, 3, 9), date(2024, 11, 2), date(2024, 3, 30), date(2024, 10, 26),
            date(2024, 4, 6), date(2024, 10, 5)]
DAYS = 4
EXAMPLES = int(os.environ.get("MLCOACH_EXAMPLES", "60"))
SCENARIOS: Counter[str] = Counter()  # what the runs went through (for docs/reliability.md)

Kind = Literal["jump", "tz", "suspend", "down"]


@dataclass(frozen=True)
class Event:
    """Something that happens to the machine, `at` real minutes after the start."""

    at: int
    kind: Kind
    minutes: int = 0
    zone: str = "UTC"


@dataclass
class World:
    """The real time, the wall clock's error, the zone, and what the app did."""

    start: datetime
    real: datetime
    zone: str
    first_zone: str
    offset: timedelta = timedelta(0)
    # real and wall time, zone, whether it was a snoozed prompt coming back, the answer
    prompts: list[tuple[datetime, datetime, str, bool, Response | None]] = field(
        default_factory=list)
    reflections: list[tuple[datetime, date]] = field(default_factory=list)
    disturbed: list[tuple[datetime, datetime]] = field(default_factory=list)  # real spans
    up: list[tuple[datetime, datetime]] = field(default_factory=list)  # app running

    def wall(self) -> datetime:
        return self.real + self.offset

    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    def boot(self) -> float:
        return (self.real - self.start).total_seconds()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty, migrated, unencrypted store to copy for each example."""
    from mlcoach.security.keys import OSKeyring
    from mlcoach.store.vault import Layout, init_store

    layout = Layout(tmp_path_factory.mktemp("template") / "data")
    init_store(layout, "none", keys=OSKeyring(env={})).store.close()
    return layout.db


@st.composite
def work_settings(draw: st.DrawFn) -> Settings:
    start = draw(st.integers(6 * 60, 11 * 60))
    end = start + draw(st.integers(4 * 60, 11 * 60))
    reflection = draw(st.integers(start + 60, min(end + 90, 23 * 60 + 30)))
    return Settings(
        workdays=tuple(sorted(draw(st.sets(st.integers(0, 6), min_size=3)))),
        day_start=time(start // 60, start % 60),
        day_end=time(min(end, 23 * 60 + 59) // 60, min(end, 23 * 60 + 59) % 60),
        prompts_per_day=draw(st.integers(1, 6)),
        min_gap_minutes=draw(st.integers(10, 150)),
        reflection_time=time(reflection // 60, reflection % 60),
        recognition_gap_days=0,
        meeting_prep=False,
    )


EVENTS = st.one_of(
    st.builds(Event, st.integers(0, DAYS * 1440), st.just("jump"),
              st.sampled_from([-12, -8, -3, -1, 1, 2, 5, 9, 13]).map(lambda h: h * 60)
              | st.integers(-720, 720)),
    st.builds(Event, st.integers(0, DAYS * 1440), st.just("tz"), st.just(0),
              st.sampled_from(ZONES)),
    st.builds(Event, st.integers(0, DAYS * 1440), st.just("suspend"),
              st.just(480) | st.integers(5, 16 * 60)),
    st.builds(Event, st.integers(0, DAYS * 1440), st.just("down"),
              st.just(1440) | st.integers(60, 40 * 60)),
)


def _fast_engine(db: Path) -> Engine:
    """db.make_engine's set-up on one kept connection without fsync: the same store code,
    fast enough for hundreds of simulated days (durability is tests/reliability's other
    business)."""
    import sqlcipher3.dbapi2 as sqlcipher
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import StaticPool

    engine = create_engine(f"sqlite:///{db}", module=sqlcipher, poolclass=StaticPool)

    @event.listens_for(engine, "connect")
    def _on_connect(conn: Any, _record: Any) -> None:
        conn.isolation_level = None
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = OFF")

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


def run_path(db: Path, conf: Settings, zone: str, first: date, seed: int,
             events: list[Event]) -> World:
    """Run the app's loop over DAYS days of real time with `events` happening to it."""
    rng = random.Random(seed)
    start = datetime.combine(first, time(0), tzinfo=ZoneInfo(zone)).astimezone(UTC)
    world = World(start=start, real=start, zone=zone, first_zone=zone)
    store = Store(_fast_engine(db), db)
    store.save_settings(conf)
    coach = Coach(store, clock=world.wall, tz=world.tz, rng=rng, real_clock=world.boot)
    end = start + timedelta(days=DAYS)
    pending = sorted(events, key=lambda e: e.at)
    running_since = world.real

    armed_at = world.real

    def arm() -> datetime:
        """The app's arm(): one single-shot timer for the next due moment, but never longer
        than MAX_WAIT; the ticks in between find nothing to do unless something happened,
        so the timer is set to the due moment and pulled in to the next tick by events."""
        nonlocal armed_at
        armed_at = world.real
        due = coach.next_due(world.wall())
        if due is None:
            return end + MAX_WAIT
        return world.real + max(due - world.wall(), timedelta(seconds=1))

    def next_tick(after: datetime) -> datetime:
        """The first MAX_WAIT tick of the current timer at or after `after`."""
        periods = -(-(after - armed_at) // MAX_WAIT)  # ceiling
        return armed_at + periods * MAX_WAIT

    timer = arm()
    for _ in range(5000):
        nxt = start + timedelta(minutes=pending[0].at) if pending else end
        if timer <= nxt and timer < end:
            world.real = timer
            _fire(coach, store, world, rng, conf)
            timer = arm()
            continue
        if not pending:
            break
        event = pending.pop(0)
        world.real = max(world.real, start + timedelta(minutes=event.at))
        began = world.real
        SCENARIOS[event.kind] += 1
        if event.kind == "jump":
            world.offset += timedelta(minutes=event.minutes)
            timer = min(timer, next_tick(world.real))
        elif event.kind == "tz":
            world.zone = event.zone
            timer = min(timer, next_tick(world.real))
        elif event.kind == "suspend":
            # The timer's monotonic clock stops: its ticks come that much later.
            slept = timedelta(minutes=event.minutes)
            tick = next_tick(world.real)
            world.real += slept
            armed_at += slept
            timer = min(timer, tick) + slept
        elif event.kind == "down":  # quit, a day or more without the app, started again
            world.up.append((running_since, world.real))
            world.real += timedelta(minutes=event.minutes)
            running_since = world.real
        world.disturbed.append((began, world.real))
        if event.kind == "down":
            timer = arm()  # start-up arms the timer afresh
    world.up.append((running_since, min(world.real, end)))
    store.close()
    return world


def _fire(coach: Coach, store: Store, world: World, rng: random.Random,
          conf: Settings) -> None:
    """The app's on_timer(): do what is due now."""
    now = world.wall()
    action = coach.due_action(now)
    if action == "prompt":
        offer = coach.offer(now)
        assert offer is not None and offer.event is not None
        snoozed = offer.why.startswith("You asked to see this one again")
        answer = rng.choice([Response.DONE, Response.DONE, Response.SKIPPED, Response.SNOOZED,
                             Response.NOT_FOR_ME, None])
        world.prompts.append((world.real, now, world.zone, snoozed, answer))
        if answer is not None:
            coach.respond(offer.event.id, answer.value)
    elif action == "reflect":
        coach.mark_reflection_offered(now)
        day = now.astimezone(world.tz()).date()
        world.reflections.append((world.real, day))
        if rng.random() < 0.5:
            store.save_reflection(day, energy=rng.randint(1, 5), went_well="ok", at=now)


def check(world: World, conf: Settings) -> None:
    gap = max(timedelta(minutes=conf.min_gap_minutes), MIN_GAP_FLOOR)
    previous: datetime | None = None
    # A prompt answered "Later" does not count against the day (as the app counts): it
    # comes back, or, once its snooze has lapsed, the day's slot is offered again.
    fresh = [(wall, zone) for _, wall, zone, snoozed, answer in world.prompts
             if not snoozed and answer is not Response.SNOOZED]
    for real, wall, zone, snoozed, _answer in world.prompts:
        local = wall.astimezone(ZoneInfo(zone))
        assert local.weekday() in conf.workdays, (local, conf)
        assert conf.day_start <= local.time() < conf.day_end, (local, conf)
        if snoozed:
            continue  # the same prompt coming back, not a new one
        # The daily count, counted the way the user's day is where they are now (flying
        # west, a calendar date can hold two working days; each gets its own count).
        today = [w for w, _ in fresh if w <= wall
                 and w.astimezone(ZoneInfo(zone)).date() == local.date()]
        assert len(today) <= conf.prompts_per_day, local
        if previous is not None:
            assert real - previous >= gap - timedelta(seconds=1), (previous, real, gap)
        previous = real
    # At most one offer per day, also when the zone or the clock moved the date back.
    days = [day for _, day in world.reflections]
    assert len(days) == len(set(days)), days
    # Never lost: a workday whose whole evening the app ran through, undisturbed.
    for offset in range(DAYS):
        day = world.start.astimezone(ZoneInfo(world.first_zone)).date() + timedelta(days=offset)
        if not _plain_day(world, conf, day):
            continue
        assert day in days, (day, days)


def _plain_day(world: World, conf: Settings, day: date) -> bool:
    """Whether `day`'s reflection window passed with the app up and nothing happened yet."""
    if day.weekday() not in conf.workdays:
        return False
    tz = ZoneInfo(world.first_zone)
    begin = datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)
    planned = datetime.combine(day, conf.reflection_time, tzinfo=tz).astimezone(UTC)
    close = planned + REFLECTION_LATE
    undisturbed = all(close <= a for a, _ in world.disturbed)
    return undisturbed and any(a <= begin and close <= b for a, b in world.up)


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(conf=work_settings(), zone=st.sampled_from(ZONES),
       first=st.sampled_from(DST_DAYS) | st.dates(date(2020, 1, 1), date(2030, 12, 31)),
       seed=st.integers(0, 2**32 - 1), events=st.lists(EVENTS, max_size=6))
def test_random_clock_paths_through_the_app_loop(template, tmp_path_factory, conf, zone,
                                                  first, seed, events):
    folder = tmp_path_factory.mktemp("path")
    db = folder / "mlcoach.db"
    shutil.copyfile(template, db)
    world = run_path(db, conf, zone, first, seed, events)
    SCENARIOS["paths"] += 1
    SCENARIOS["prompts"] += len(world.prompts)
    SCENARIOS["reflections"] += len(world.reflections)
    check(world, conf)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("zone,first", [("Europe/Berlin", date(2024, 3, 30)),
                                        ("Europe/Berlin", date(2024, 10, 26)),
                                        ("America/New_York", date(2024, 3, 9)),
                                        ("America/New_York", date(2024, 11, 2))])
def test_an_undisturbed_stretch_across_dst_offers_every_reflection(template, tmp_path, zone,
                                                                   first):
    """A control: with nothing happening the promises are not kept by doing nothing."""
    db = tmp_path / "mlcoach.db"
    shutil.copyfile(template, db)
    conf = Settings(workdays=(0, 1, 2, 3, 4, 5, 6), recognition_gap_days=0, meeting_prep=False)
    world = run_path(db, conf, zone, first, 7, [])
    check(world, conf)
    assert sorted(day for _, day in world.reflections) == [
        first + timedelta(days=i) for i in range(DAYS)]
    per_day = Counter(w.astimezone(ZoneInfo(z)).date() for _, w, z, s, _a in world.prompts
                      if not s)
    assert all(n == conf.prompts_per_day for n in per_day.values()) and len(per_day) == DAYS


def test_a_day_without_the_app_gives_one_catch_up_at_most(template, tmp_path):
    """Down from Monday 08:00 to Tuesday 15:00: Tuesday gets no burst, Monday nothing late."""
    db = tmp_path / "mlcoach.db"
    shutil.copyfile(template, db)
    conf = Settings(prompts_per_day=6, min_gap_minutes=30, recognition_gap_days=0,
                    meeting_prep=False)
    world = run_path(db, conf, "Europe/Berlin", date(2024, 6, 3), 3,
                     [Event(8 * 60, "down", 31 * 60)])
    check(world, conf)
    restart = world.start + timedelta(hours=39)
    after = [r for r, _, _, s, _a in world.prompts if r >= restart and not s]
    assert after and after[0] - restart < timedelta(minutes=15)  # one catch-up, soon
    assert all(b - a >= timedelta(minutes=30) for a, b in itertools.pairwise(after))
    assert date(2024, 6, 3) not in [d for _, d in world.reflections]  # Monday's was missed
    assert date(2024, 6, 4) in [d for _, d in world.reflections]
