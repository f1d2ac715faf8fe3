"""Headline figures: streak, this week's moments, realized vs attempted leadership."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any

from sqlalchemy import func, select

from mlcoach.domain.model import Kind, Outcome
from mlcoach.store import models as m
from mlcoach.store.core import Store


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


def compute_stats(store: Store, now: datetime, tz: tzinfo) -> Stats:
    """Compute the headline figures as of `now`, with days in the local zone `tz`."""
    today = now.astimezone(tz).date()
    week_start = today - timedelta(days=today.weekday())
    with store.session() as s:
        total = int(s.scalar(select(func.count()).select_from(m.MomentRow)) or 0)
        since = _local_midnight(today - timedelta(days=800), tz)
        stamps = s.scalars(select(m.MomentRow.created_at).where(m.MomentRow.created_at >= since))
        active = {ts.astimezone(tz).date() for ts in stamps}
        active |= set(s.scalars(select(m.ReflectionRow.day).where(
            m.ReflectionRow.day >= today - timedelta(days=800))))
        week_rows = s.execute(
            select(m.MomentRow.kind, m.MomentRow.created_at).where(
                m.MomentRow.created_at >= _local_midnight(week_start, tz)
            )
        ).all()
        overall, by_person, by_style = _ratios(s)
    moments_today = sum(1 for _, ts in week_rows if ts.astimezone(tz).date() == today)
    wins = sum(1 for kind, _ in week_rows if kind == Kind.RECOGNITION.value)
    return Stats(
        today=today, streak=_streak(active, today), moments_today=moments_today,
        moments_this_week=len(week_rows), small_wins_this_week=wins, total_moments=total,
        overall=overall, by_person=by_person, by_style=by_style,
    )


def _streak(active: set[date], today: date) -> int:
    """Consecutive active days ending today, or yesterday when today is still empty."""
    day = today if today in active else today - timedelta(days=1)
    count = 0
    while day in active:
        count += 1
        day -= timedelta(days=1)
    return count


def _ratios(s: Any) -> tuple[Ratio, dict[str, Ratio], dict[str, Ratio]]:
    followed = m.MomentRow.outcome == Outcome.FOLLOWED.value
    realized = func.sum(func.iif(followed, 1, 0))
    attempted = func.count(m.MomentRow.outcome)
    row = s.execute(select(realized, attempted)).one()
    overall = Ratio(int(row[0] or 0), int(row[1] or 0))
    by_person = {
        name: Ratio(int(r or 0), int(a or 0))
        for name, r, a in s.execute(
            select(m.PersonRow.name, realized, attempted)
            .join(m.PersonRow, m.MomentRow.person_id == m.PersonRow.id)
            .where(m.MomentRow.outcome.is_not(None))
            .group_by(m.PersonRow.id)
        )
    }
    by_style = {
        style: Ratio(int(r or 0), int(a or 0))
        for style, r, a in s.execute(
            select(m.MomentRow.style, realized, attempted)
            .where(m.MomentRow.outcome.is_not(None), m.MomentRow.style.is_not(None))
            .group_by(m.MomentRow.style)
        )
    }
    return overall, by_person, by_style
