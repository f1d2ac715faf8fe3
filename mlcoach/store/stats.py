"""Headline figures: streak, this week's moments, realized vs attempted leadership."""

from __future__ import annotations

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


def compute_stats(store: Store | LightStore, now: datetime, tz: tzinfo) -> Stats:
    """Compute the headline figures as of `now`, with days in the local zone `tz`.

    Plain SQL on a raw connection, so `mlcoach stats` runs without the ORM.
    """
    today = now.astimezone(tz).date()
    week_start = today - timedelta(days=today.weekday())
    since = to_db(_local_midnight(today - timedelta(days=800), tz))
    with store.connection() as conn:
        total = int(conn.execute("SELECT count(*) FROM moments").fetchone()[0] or 0)
        stamps = conn.execute("SELECT created_at FROM moments WHERE created_at >= ?",
                              (since,)).fetchall()
        days = conn.execute("SELECT day FROM reflections WHERE day >= ?",
                            ((today - timedelta(days=800)).isoformat(),)).fetchall()
        week_rows = [(kind, _local(ts, tz)) for kind, ts in conn.execute(
            "SELECT kind, created_at FROM moments WHERE created_at >= ?",
            (to_db(_local_midnight(week_start, tz)),))]
        overall, by_person, by_style = _ratios(conn)
    active = {_local(ts, tz).date() for (ts,) in stamps}
    active |= {date.fromisoformat(str(day)) for (day,) in days}
    moments_today = sum(1 for _, ts in week_rows if ts.date() == today)
    wins = sum(1 for kind, _ in week_rows if kind == Kind.RECOGNITION.value)
    return Stats(
        today=today, streak=_streak(active, today), moments_today=moments_today,
        moments_this_week=len(week_rows), small_wins_this_week=wins, total_moments=total,
        overall=overall, by_person=by_person, by_style=by_style,
    )


def _local(stamp: str, tz: tzinfo) -> datetime:
    return datetime.fromisoformat(stamp).replace(tzinfo=timezone.utc).astimezone(tz)


def _streak(active: set[date], today: date) -> int:
    """Consecutive active days ending today, or yesterday when today is still empty."""
    day = today if today in active else today - timedelta(days=1)
    count = 0
    while day in active:
        count += 1
        day -= timedelta(days=1)
    return count


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
