"""Headline figures: streak, this week's moments, realized vs attempted leadership."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING, Any

from mlcoach.domain.enums import Kind, Outcome
from mlcoach.domain.timestamps import to_db

if TYPE_CHECKING:
    from mlcoach.store.core import Store
    from mlcoach.store.light import LightStore


@dataclass(frozen=True, slots=True)
class Ratio:
    """Realized (followed) out of attempted (an outcome was recorded)."""

    realized: int = 0
    attempted: int = 0

    @property
    def ratio(self) -> float | None:
        return self.realized / self.attempted if self.attempted else None


@dataclass(frozen=True, slots=True)
class Stats:
    """What `mlcoach stats` and the reflection dialog show."""

    today: date
    streak: int
    moments_today: int
    moments_this_week: int
    small_wins_this_week: int
    total_moments: int
    overall: Ratio
    by_person: dict[str, Ratio] = field(default_factory=dict)
    by_style: dict[str, Ratio] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-able form with the ratios spelled out."""
        def r(x: Ratio) -> dict[str, Any]:
            return {**asdict(x), "ratio": None if x.ratio is None else round(x.ratio, 4)}

        return {
            "today": self.today.isoformat(),
            "streak": self.streak,
            "moments_today": self.moments_today,
            "moments_this_week": self.moments_this_week,
            "small_wins_this_week": self.small_wins_this_week,
            "total_moments": self.total_moments,
            "realized": self.overall.realized,
            "attempted": self.overall.attempted,
            "realized_ratio": r(self.overall)["ratio"],
            "by_person": {k: r(v) for k, v in sorted(self.by_person.items())},
            "by_style": {k: r(v) for k, v in sorted(self.by_style.items())},
        }


def _local_midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(timezone.utc)


_STREAK_DAYS = 800  # the streak counts back at most this far
_FIRST_WINDOW = 40  # days read first; a longer streak reads the rest


def compute_stats(store: Store | LightStore, now: datetime, tz: tzinfo) -> Stats:
    """Compute the headline figures as of `now`, with days in the local zone `tz`.

    Plain SQL on a raw connection, so `mlcoach stats` runs without the ORM.
    """
    today = now.astimezone(tz).date()
    week_start = today - timedelta(days=today.weekday())
    with store.connection() as conn:
        total = int(conn.execute("SELECT count(*) FROM moments").fetchone()[0] or 0)
        week_rows = [(kind, _local(ts, tz)) for kind, ts in conn.execute(
            "SELECT kind, created_at FROM moments WHERE created_at >= ?",
            (to_db(_local_midnight(week_start, tz)),))]
        streak = _streak_in(conn, today, tz)
        overall, by_person, by_style = _ratios(conn)
    moments_today = sum(1 for _, ts in week_rows if ts.date() == today)
    wins = sum(1 for kind, _ in week_rows if kind == Kind.RECOGNITION.value)
    return Stats(
        today=today, streak=streak, moments_today=moments_today,
        moments_this_week=len(week_rows), small_wins_this_week=wins, total_moments=total,
        overall=overall, by_person=by_person, by_style=by_style,
    )


def _local(stamp: str, tz: tzinfo) -> datetime:
    return datetime.fromisoformat(stamp).replace(tzinfo=timezone.utc).astimezone(tz)


def _streak_in(conn: Any, today: date, tz: tzinfo) -> int:
    """Consecutive active days (a moment or a reflection) ending today, or yesterday when
    today is still empty, counting back at most _STREAK_DAYS.

    Reads the last _FIRST_WINDOW days first and further back only when the streak reaches
    past them."""
    span = _FIRST_WINDOW
    while True:
        span = min(span, _STREAK_DAYS)
        first = today - timedelta(days=span)
        day, count = _walk(conn, today, first, tz)
        if day >= first or span == _STREAK_DAYS:
            return count
        span *= 8


def _walk(conn: Any, today: date, first: date, tz: tzinfo) -> tuple[date, int]:
    """Walk back from today over active days no earlier than `first`: the day it stopped
    at and the days counted. A day is active when a stored stamp lies between its local
    midnights (two conversions a day walked instead of one per moment)."""
    stamps = sorted(
        ts if isinstance(ts, str) and len(ts) == 26 else to_db(_local(str(ts), tz))
        for (ts,) in conn.execute("SELECT created_at FROM moments WHERE created_at >= ?",
                                  (to_db(_local_midnight(first, tz)),)))
    days = {str(d) for (d,) in conn.execute("SELECT day FROM reflections WHERE day >= ?",
                                            (first.isoformat(),))}

    def active(day: date) -> bool:
        if day.isoformat() in days:
            return True
        at = bisect_left(stamps, to_db(_local_midnight(day, tz)))
        return at < len(stamps) and stamps[at] < to_db(
            _local_midnight(day + timedelta(days=1), tz))

    day = today if active(today) else today - timedelta(days=1)
    count = 0
    while day >= first and active(day):
        count += 1
        day -= timedelta(days=1)
    return day, count


def _ratios(conn: Any) -> tuple[Ratio, dict[str, Ratio], dict[str, Ratio]]:
    """Realized vs attempted overall, per person and per style, from one index-only scan
    (ix_moments_outcome covers outcome, person and style) summed up here."""
    people = dict(conn.execute("SELECT id, name FROM people").fetchall())
    counts: dict[tuple[str, str], list[int]] = {}
    overall = [0, 0]
    for outcome, person_id, style, n in conn.execute(
            "SELECT outcome, person_id, style, count(*) FROM moments "
            "WHERE outcome IS NOT NULL GROUP BY outcome, person_id, style"):
        realized = n if outcome == Outcome.FOLLOWED.value else 0
        overall[0] += realized
        overall[1] += n
        keys = [("person", people[person_id])] if person_id in people else []
        if style is not None:
            keys.append(("style", style))
        for key in keys:
            got = counts.setdefault(key, [0, 0])
            got[0] += realized
            got[1] += n
    by_person = {k: Ratio(*v) for (what, k), v in counts.items() if what == "person"}
    by_style = {k: Ratio(*v) for (what, k), v in counts.items() if what == "style"}
    return Ratio(*overall), by_person, by_style
