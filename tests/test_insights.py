"""Insights: chart data grouped by local day, week and month; sums agree with the store."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import keyring
import pytest

from benchmarks.generate_store import generate
from mlcoach.domain.model import Kind, Outcome, Response, Theme
from mlcoach.domain.timestamps import local_day_bounds
from mlcoach.security.keys import OSKeyring
from mlcoach.store import insights as ins
from mlcoach.store.core import Store
from mlcoach.store.stats import compute_stats
from mlcoach.store.vault import Layout, init_store
from tests.memkeyring import MemoryKeyring

TZ = ZoneInfo("Europe/Berlin")
NOW = datetime(2025, 6, 12, 15, 20, tzinfo=UTC)  # a Thursday
TODAY = NOW.date()


@pytest.fixture(scope="module")
def year_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    opened = init_store(Layout(tmp_path_factory.mktemp("gen")), "keyring", keys=OSKeyring())
    try:
        generate(opened.store, years=1, seed=3, now=NOW, tz=TZ)
        yield opened.store
    finally:
        opened.store.close()
        keyring.set_keyring(previous)


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


# -- local time in SQL ---------------------------------------------------------------------


def test_offset_segments_find_daylight_saving_changes() -> None:
    start, end = datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)
    segments = ins.offset_segments(TZ, start, end)
    assert segments == [
        (start, 3600),
        (datetime(2025, 3, 30, 1, 0, tzinfo=UTC), 7200),
        (datetime(2025, 10, 26, 1, 0, tzinfo=UTC), 3600),
    ]
    assert ins.offset_segments(UTC, start, end) == [(start, 0)]


def test_days_follow_the_local_calendar_across_dst(store: Store) -> None:
    # 23:30 UTC is the next local day in winter and summer; 22:30 UTC only in summer.
    stamps = [
        datetime(2025, 1, 14, 23, 30, tzinfo=UTC),  # 00:30 on the 15th
        datetime(2025, 1, 14, 22, 30, tzinfo=UTC),  # 23:30 on the 14th
        datetime(2025, 6, 3, 22, 30, tzinfo=UTC),  # 00:30 on the 4th
        datetime(2025, 3, 30, 0, 30, tzinfo=UTC),  # 01:30 CET, just before the change
        datetime(2025, 3, 30, 1, 30, tzinfo=UTC),  # 03:30 CEST
    ]
    for at in stamps:
        store.add_moment(f"at {at}", created_at=at)
    cal = ins.active_days(store, TODAY, TZ)
    assert cal.counts == {date(2025, 1, 15): 1, date(2025, 1, 14): 1, date(2025, 6, 4): 1,
                          date(2025, 3, 30): 2}
    kolkata = ins.active_days(store, TODAY, ZoneInfo("Asia/Kolkata"))  # +05:30
    assert kolkata.counts[date(2025, 1, 15)] == 2


# -- each chart ----------------------------------------------------------------------------


def test_weeks_by_kind(store: Store) -> None:
    monday = TODAY - timedelta(days=TODAY.weekday())
    store.add_moment("a", Kind.RECOGNITION, created_at=local(monday, 0, 10))
    store.add_moment("b", Kind.RECOGNITION, created_at=local(monday, 9))
    store.add_moment("c", Kind.EXAMPLE, created_at=local(monday - timedelta(days=1), 23, 50))
    store.add_moment("too old", created_at=local(monday - timedelta(weeks=4), 9))
    weeks = ins.moments_per_week_by_kind(store, 4, NOW, TZ)
    assert [w.week for w in weeks] == [monday - timedelta(weeks=i) for i in (3, 2, 1, 0)]
    assert weeks[-1].counts["recognition"] == 2 and weeks[-1].total == 2
    assert weeks[-2].counts == {**dict.fromkeys(ins.KINDS, 0), "example": 1}
    assert sum(w.total for w in weeks) == 3


def test_months_realized_vs_attempted(store: Store) -> None:
    store.add_moment("f", outcome=Outcome.FOLLOWED, created_at=local(date(2025, 5, 31), 23, 30))
    store.add_moment("d", outcome=Outcome.DECLINED, created_at=local(date(2025, 6, 1), 0, 30))
    store.add_moment("n", outcome=Outcome.NOT_YET, created_at=local(date(2025, 6, 2), 9))
    store.add_moment("none", created_at=local(date(2025, 6, 2), 10))
    months = ins.realized_vs_attempted_by_month(store, 3, NOW, TZ)
    assert [(m.month, m.realized, m.attempted) for m in months] == [
        (date(2025, 4, 1), 0, 0), (date(2025, 5, 1), 1, 1), (date(2025, 6, 1), 0, 2)]
    assert months[0].ratio is None and months[1].ratio == 1.0


def test_theme_balance_counts_prompts_acted_on(store: Store) -> None:
    for theme, response in [("energy", Response.DONE), ("energy", Response.DONE),
                            ("energy", Response.SKIPPED), ("feedback", Response.DONE)]:
        event = store.record_prompt_shown(f"{theme}-01", theme, at=NOW - timedelta(days=2))
        store.record_response(event.id, response, at=NOW - timedelta(days=2))
    store.record_prompt_shown("presence-01", "presence", at=NOW - timedelta(days=200))
    themes = ins.theme_balance(store, NOW - timedelta(days=30))
    assert [(t.theme, t.done, t.shown) for t in themes[:2]] == [("energy", 2, 3),
                                                               ("feedback", 1, 1)]
    assert {t.theme for t in themes} == {t.value for t in Theme}
    assert sum(t.shown for t in themes) == 4


def test_energy_trend_and_weekly_means(store: Store) -> None:
    monday = date(2025, 6, 2)
    for i, energy in enumerate([2, 4, None, 5]):
        store.save_reflection(monday + timedelta(days=i), energy=energy)
    store.save_reflection(monday - timedelta(days=1), energy=1)
    points = ins.energy_trend(store, TODAY, days=30)
    assert [(p.day.day, p.energy) for p in points] == [(1, 1), (2, 2), (3, 4), (5, 5)]
    weeks = ins.energy_weeks(points)
    assert [(w.week, w.mean, w.days) for w in weeks] == [
        (date(2025, 5, 26), 1.0, 1), (monday, 11 / 3, 3)]


def test_streaks_skip_days_off(store: Store) -> None:
    # Thursday 12 June is today; active Mon 2 .. Fri 6 and Mon 9 .. Wed 11, nothing today.
    for day in [2, 3, 4, 5, 6, 9, 10, 11]:
        store.add_moment("x", created_at=local(date(2025, 6, day), 10))
    store.save_reflection(date(2025, 5, 28), energy=3)  # a Wednesday, then a gap
    cal = ins.active_days(store, TODAY, TZ)
    assert cal.current_streak == 8
    assert cal.longest_streak == 8 and cal.active == 9
    assert cal.reflected == {date(2025, 5, 28)}
    assert cal.start == TODAY - timedelta(days=364) and cal.end == TODAY
    every_day = ins.active_days(store, TODAY, TZ, workdays=range(7))
    assert every_day.current_streak == 3
    year = ins.active_days(store, TODAY, TZ, year=2024)
    assert year.counts == {} and year.start == date(2024, 1, 1)


# -- sums on a generated year ----------------------------------------------------------------


def test_chart_sums_equal_the_store(year_store: Store) -> None:
    data = ins.compute_insights(year_store, NOW, TZ, weeks=26, months=13)
    first_week = data.weeks[0].week
    start, _ = local_day_bounds(first_week, TZ)
    in_weeks = year_store.moments(since=start)
    assert sum(w.total for w in data.weeks) == len(in_weeks)
    by_kind = Counter(m.kind.value for m in in_weeks)
    for kind in ins.KINDS:
        assert sum(w.counts[kind] for w in data.weeks) == by_kind[kind]

    # thirteen months reach back past the first generated moment: all-time figures
    overall = compute_stats(year_store, NOW, TZ).overall
    assert sum(m.attempted for m in data.months) == overall.attempted
    assert sum(m.realized for m in data.months) == overall.realized

    theme_start, _ = local_day_bounds(data.theme_since, TZ)
    events = year_store.prompt_events(since=theme_start)
    assert sum(t.shown for t in data.themes) == len(events)
    assert sum(t.done for t in data.themes) == sum(
        1 for e in events if e.response is Response.DONE)

    reflections = [r for r in year_store.reflections(since=TODAY - timedelta(days=181))
                   if r.energy is not None]
    assert [(p.day, p.energy) for p in data.energy] == [(r.day, r.energy) for r in reflections]
    assert sum(w.days for w in data.energy_weeks) == len(reflections)

    cal = data.calendar
    span_start, _ = local_day_bounds(cal.start, TZ)
    moments = len(year_store.moments(since=span_start))
    reflected = len(year_store.reflections(since=cal.start, until=cal.end))
    assert sum(cal.counts.values()) == moments + reflected
    assert 0 < cal.longest_streak <= cal.active <= 365


def _streak_by_definition(store: Store, today: date, tz: ZoneInfo) -> int:
    """Consecutive local days with a moment or a reflection, ending today (or yesterday
    when today is empty), at most 800 days back: from every row, the plain way."""
    with store.connection() as conn:
        active = {datetime.fromisoformat(ts).replace(tzinfo=UTC).astimezone(tz).date()
                  for (ts,) in conn.execute("SELECT created_at FROM moments")}
        active |= {date.fromisoformat(d) for (d,) in conn.execute("SELECT day FROM reflections")}
    day = today if today in active else today - timedelta(days=1)
    count = 0
    while day in active and day >= today - timedelta(days=800):
        count += 1
        day -= timedelta(days=1)
    return count


def test_the_streak_counts_local_days_however_far_back_it_goes(store: Store) -> None:
    tz = ZoneInfo("Asia/Kolkata")  # a half-hour offset: local midnight at :30 UTC
    today = date(2026, 3, 10)
    now = datetime(2026, 3, 10, 12, tzinfo=tz)
    for back in range(60):  # 23:50 local: the UTC date is the same, the next hour is not
        store.add_moment(f"day {back}", created_at=datetime.combine(
            today - timedelta(days=back), datetime.min.time(), tzinfo=tz).replace(
            hour=23, minute=50))
    assert compute_stats(store, now, tz).streak == 60  # past the first window read
    store.add_moment("just after midnight", created_at=datetime(2026, 1, 9, 0, 5, tzinfo=tz))
    store.save_reflection(date(2026, 1, 8), energy=3)
    assert compute_stats(store, now, tz).streak == 62 == _streak_by_definition(
        store, today, tz)
    assert compute_stats(store, now, ZoneInfo("UTC")).streak == _streak_by_definition(
        store, today, ZoneInfo("UTC"))


def test_the_streak_matches_its_definition_on_a_generated_year(year_store: Store) -> None:
    for back in range(0, 360, 7):
        now = NOW - timedelta(days=back, hours=back % 11)
        today = now.astimezone(TZ).date()
        assert compute_stats(year_store, now, TZ).streak == _streak_by_definition(
            year_store, today, TZ), back
