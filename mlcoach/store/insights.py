"""Chart data for the Insights tab, grouped in SQL by local day, week or month.

Times are stored as naive UTC text. To group them by the user's local calendar
the SQL shifts each one by the zone's UTC offset at that instant: the offsets in
force over the range (daylight saving changes included) become one ``CASE``,
so a moment at 00:30 local time lands on the right day even in summer.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from mlcoach.domain.model import WEEKDAYS, Kind, Outcome, Response, Theme
from mlcoach.domain.timestamps import to_db
from mlcoach.store.core import Store

__all__ = [
    "ActiveDays",
    "EnergyPoint",
    "EnergyWeek",
    "Insights",
    "MonthRatio",
    "ThemeCount",
    "WeekKinds",
    "active_days",
    "compute_insights",
    "energy_trend",
    "local_date_sql",
    "moments_per_week_by_kind",
    "realized_vs_attempted_by_month",
    "theme_balance",
]

logger = logging.getLogger(__name__)

KINDS: tuple[str, ...] = tuple(k.value for k in Kind)
STREAK_LOOKBACK_DAYS = 3 * 366  # a current streak longer than this is shown as this long


@dataclass(frozen=True, slots=True)
class WeekKinds:
    """Moments captured in one local week (starting Monday), per kind."""

    week: date
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class MonthRatio:
    """Moments of one local month with an outcome (attempted) and those followed (realized)."""

    month: date  # the first of the month
    realized: int
    attempted: int

    @property
    def ratio(self) -> float | None:
        return self.realized / self.attempted if self.attempted else None


@dataclass(frozen=True, slots=True)
class ThemeCount:
    """Prompts of one theme shown, and acted on ("done"), in a period."""

    theme: str
    done: int
    shown: int


@dataclass(frozen=True, slots=True)
class EnergyPoint:
    """The energy (1-5) noted in one day's reflection."""

    day: date
    energy: int


@dataclass(frozen=True, slots=True)
class EnergyWeek:
    """The mean energy of the reflections in one week (starting Monday)."""

    week: date
    mean: float
    days: int


@dataclass(frozen=True, slots=True)
class ActiveDays:
    """Activity per local day over a span, and the streaks it makes.

    A day is active when it has a moment or a reflection. Streaks count workdays
    in a row: a day off neither breaks a streak nor adds to it unless it was active.
    The longest streak is the longest within the span, or the current one if longer.
    """

    start: date
    end: date  # inclusive
    counts: dict[date, int]  # moments, plus one for a reflection
    current_streak: int
    longest_streak: int
    reflected: frozenset[date] = frozenset()

    @property
    def active(self) -> int:
        return sum(1 for d, n in self.counts.items() if n and self.start <= d <= self.end)


@dataclass(frozen=True, slots=True)
class Insights:
    """Everything the Insights tab draws."""

    today: date
    weeks: list[WeekKinds]
    months: list[MonthRatio]
    themes: list[ThemeCount]
    theme_since: date
    energy: list[EnergyPoint]
    calendar: ActiveDays
    energy_weeks: list[EnergyWeek] = field(default_factory=list)


# -- local time in SQL ---------------------------------------------------------------


def _offset(tz: tzinfo, at: datetime) -> int:
    """The zone's UTC offset at `at`, in whole seconds."""
    delta = at.astimezone(tz).utcoffset()
    return int(delta.total_seconds()) if delta is not None else 0


def offset_segments(tz: tzinfo, start: datetime, end: datetime) -> list[tuple[datetime, int]]:
    """(from, offset seconds) pieces covering [start, end): where the zone's offset changes."""
    start, end = start.astimezone(timezone.utc), end.astimezone(timezone.utc)
    segments = [(start, _offset(tz, start))]
    at = start
    while at < end:
        nxt = min(at + timedelta(hours=20), end)  # offsets never change twice within a day
        if _offset(tz, nxt) != segments[-1][1]:
            lo, hi = at, nxt
            while hi - lo > timedelta(seconds=1):
                mid = lo + (hi - lo) / 2
                if _offset(tz, mid) == segments[-1][1]:
                    lo = mid
                else:
                    hi = mid
            hi = hi.replace(microsecond=0)
            segments.append((hi, _offset(tz, hi)))
        at = nxt
    return segments


def local_date_sql(column: str, tz: tzinfo, start: datetime, end: datetime,
                   prefix: str = "tz") -> tuple[str, dict[str, Any]]:
    """SQL modifiers that turn stored UTC text in `column` into local time, and their params.

    Use as ``date(column, <modifier>)``; valid for values in [start, end).
    """
    segments = offset_segments(tz, start, end)
    params: dict[str, Any] = {f"{prefix}_o0": f"{segments[0][1]:+d} seconds"}
    if len(segments) == 1:
        return f":{prefix}_o0", params
    cases = []
    for i, (at, off) in enumerate(segments[1:], start=1):
        params[f"{prefix}_b{i}"] = to_db(at)
        params[f"{prefix}_o{i}"] = f"{off:+d} seconds"
        cases.append(f"WHEN {column} < :{prefix}_b{i} THEN :{prefix}_o{i - 1}")
    last = len(segments) - 1
    return f"CASE {' '.join(cases)} ELSE :{prefix}_o{last} END", params



def _midnight(day: date, tz: tzinfo) -> datetime:
    """Local midnight of `day` as aware UTC."""
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(timezone.utc)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


# -- the charts ----------------------------------------------------------------------


def moments_per_week_by_kind(store: Store, weeks: int, now: datetime,
                             tz: tzinfo) -> list[WeekKinds]:
    """Moments per local week and kind, for the last `weeks` weeks (this one included)."""
    with store.engine.connect() as conn:
        return _weeks(conn, weeks, now, tz)


def _weeks(conn: Connection, weeks: int, now: datetime, tz: tzinfo) -> list[WeekKinds]:
    first = _monday(now.astimezone(tz).date()) - timedelta(weeks=weeks - 1)
    start, end = _midnight(first, tz), _midnight(first + timedelta(weeks=weeks), tz)
    mod, params = local_date_sql("created_at", tz, start, end)
    rows = conn.execute(text(
        f"SELECT date(created_at, {mod}, 'weekday 0', '-6 days') AS wk, kind, count(*) "
        "FROM moments WHERE created_at >= :start AND created_at < :end GROUP BY wk, kind"
    ), {**params, "start": to_db(start), "end": to_db(end)})
    table = {first + timedelta(weeks=i): dict.fromkeys(KINDS, 0) for i in range(weeks)}
    for wk, kind, n in rows:
        counts = table.get(date.fromisoformat(wk))
        if counts is not None:
            counts[kind] = counts.get(kind, 0) + int(n)
    return [WeekKinds(week, counts) for week, counts in table.items()]


def realized_vs_attempted_by_month(store: Store, months: int, now: datetime,
                                   tz: tzinfo) -> list[MonthRatio]:
    """Per local month of capture: moments with an outcome, and those followed."""
    with store.engine.connect() as conn:
        return _months(conn, months, now, tz)


def _months(conn: Connection, months: int, now: datetime, tz: tzinfo) -> list[MonthRatio]:
    first = _add_months(now.astimezone(tz).date().replace(day=1), -(months - 1))
    start, end = _midnight(first, tz), _midnight(_add_months(first, months), tz)
    mod, params = local_date_sql("created_at", tz, start, end)
    rows = conn.execute(text(
        f"SELECT strftime('%Y-%m', created_at, {mod}) AS mon, "
        "sum(outcome = :followed), count(outcome) FROM moments "
        "WHERE created_at >= :start AND created_at < :end AND outcome IS NOT NULL GROUP BY mon"
    ), {**params, "start": to_db(start), "end": to_db(end),
        "followed": Outcome.FOLLOWED.value})
    found = {mon: (int(r or 0), int(a or 0)) for mon, r, a in rows}
    out = []
    for i in range(months):
        month = _add_months(first, i)
        realized, attempted = found.get(month.strftime("%Y-%m"), (0, 0))
        out.append(MonthRatio(month, realized, attempted))
    return out


def theme_balance(store: Store, since: datetime,
                  themes: Sequence[str] = ()) -> list[ThemeCount]:
    """Prompts acted on ("done") and shown per theme since `since`, most acted on first.

    Every theme in `themes` (default: the twelve built-in ones) appears, even at zero.
    """
    with store.engine.connect() as conn:
        return _themes(conn, since, themes)


def _themes(conn: Connection, since: datetime, themes: Sequence[str]) -> list[ThemeCount]:
    rows = conn.execute(text(
        "SELECT theme, sum(response = :done), count(*) FROM prompt_events "
        "WHERE shown_at >= :since GROUP BY theme"
    ), {"since": to_db(since), "done": Response.DONE.value})
    found = {theme: ThemeCount(theme, int(d or 0), int(s or 0)) for theme, d, s in rows}
    for theme in themes or [t.value for t in Theme]:
        found.setdefault(theme, ThemeCount(theme, 0, 0))
    return sorted(found.values(), key=lambda c: (-c.done, -c.shown, c.theme))


def energy_trend(store: Store, today: date, days: int = 182) -> list[EnergyPoint]:
    """The energy of each reflection in the last `days` days (today included), oldest first."""
    with store.engine.connect() as conn:
        return _energy(conn, today, days)


def _energy(conn: Connection, today: date, days: int) -> list[EnergyPoint]:
    rows = conn.execute(text(
        "SELECT day, energy FROM reflections WHERE day > :first AND day <= :today "
        "AND energy IS NOT NULL ORDER BY day"
    ), {"first": (today - timedelta(days=days)).isoformat(), "today": today.isoformat()})
    return [EnergyPoint(date.fromisoformat(str(d)), int(e)) for d, e in rows]


def energy_weeks(points: Sequence[EnergyPoint]) -> list[EnergyWeek]:
    """Weekly means of `points`, oldest first (weeks without a reflection are left out)."""
    sums: dict[date, list[int]] = {}
    for p in points:
        sums.setdefault(_monday(p.day), []).append(p.energy)
    return [EnergyWeek(w, sum(v) / len(v), len(v)) for w, v in sorted(sums.items())]


def active_days(store: Store, today: date, tz: tzinfo, year: int | None = None,
                workdays: Sequence[int] = WEEKDAYS) -> ActiveDays:
    """Activity per day for `year`, or the last 365 days when `year` is None, with streaks."""
    with store.engine.connect() as conn:
        return _active(conn, today, tz, year, workdays)


def _active(conn: Connection, today: date, tz: tzinfo, year: int | None,
            workdays: Sequence[int]) -> ActiveDays:
    if year is None:
        span_start, span_end = today - timedelta(days=364), today
    else:
        span_start, span_end = date(year, 1, 1), min(date(year, 12, 31), today)
    first = min(span_start, today - timedelta(days=STREAK_LOOKBACK_DAYS))
    start, end = _midnight(first, tz), _midnight(max(span_end, today) + timedelta(days=1), tz)
    mod, params = local_date_sql("created_at", tz, start, end)
    counts: dict[date, int] = {}
    # Only created_at is read, so SQLite answers from its index without the table.
    for d, n in conn.execute(text(
        f"SELECT date(created_at, {mod}) AS d, count(*) FROM moments "
        "WHERE created_at >= :start AND created_at < :end GROUP BY d"
    ), {**params, "start": to_db(start), "end": to_db(end)}):
        counts[date.fromisoformat(d)] = int(n)
    reflected = set()
    for (d,) in conn.execute(text(
        "SELECT day FROM reflections WHERE day >= :first AND day <= :last"
    ), {"first": first.isoformat(), "last": today.isoformat()}):
        day = date.fromisoformat(str(d))
        counts[day] = counts.get(day, 0) + 1
        reflected.add(day)
    in_span = {d: n for d, n in counts.items() if span_start <= d <= span_end}
    current = _current_streak(counts, today, first, set(workdays))
    return ActiveDays(
        start=span_start, end=span_end, counts=in_span, current_streak=current,
        longest_streak=max(_longest_streak(in_span, span_start, span_end, set(workdays)),
                           current if span_end == today else 0),
        reflected=frozenset(d for d in reflected if span_start <= d <= span_end),
    )


def _current_streak(counts: dict[date, int], today: date, first: date,
                    workdays: set[int]) -> int:
    """Active days in a row up to today (today may still be empty); days off don't break it."""
    day, streak = today, 0
    if not counts.get(today):
        day -= timedelta(days=1)
    while day >= first:
        if counts.get(day):
            streak += 1
        elif day.weekday() in workdays:
            break
        day -= timedelta(days=1)
    return streak


def _longest_streak(counts: dict[date, int], start: date, end: date,
                    workdays: set[int]) -> int:
    best = run = 0
    day = start
    while day <= end:
        if counts.get(day):
            run += 1
            best = max(best, run)
        elif day.weekday() in workdays:
            run = 0
        day += timedelta(days=1)
    return best


def compute_insights(store: Store, now: datetime, tz: tzinfo, *, weeks: int = 26,
                     months: int = 24, theme_days: int = 90, energy_days: int = 182,
                     workdays: Sequence[int] | None = None) -> Insights:
    """Every chart's data as of `now`, read over one connection (call it off the GUI thread)."""
    today = now.astimezone(tz).date()
    if workdays is None:
        workdays = store.settings().workdays
    theme_since = today - timedelta(days=theme_days - 1)
    with store.engine.connect() as conn:
        energy = _energy(conn, today, energy_days)
        return Insights(
            today=today,
            weeks=_weeks(conn, weeks, now, tz),
            months=_months(conn, months, now, tz),
            themes=_themes(conn, _midnight(theme_since, tz), ()),
            theme_since=theme_since,
            energy=energy,
            calendar=_active(conn, today, tz, None, workdays),
            energy_weeks=energy_weeks(energy),
        )
