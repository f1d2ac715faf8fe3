"""The weekly review: last week in a few lines, and one focus theme for the week ahead.

It is due on the first workday of a week that the app sees (usually Monday; a
Tuesday when Monday was a day off), once a week, when the `weekly_review`
setting is on. Accepting the suggested theme makes it the scheduler's focus.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from mlcoach.coaching.chooser import start_focus, suggested_focus
from mlcoach.domain.model import Kind, Outcome, Prompt, PromptEvent, Response, Settings
from mlcoach.store.core import Store

__all__ = ["STATE_KEY", "WeeklyReview", "accept_focus", "is_due", "mark_shown",
           "weekly_review"]

logger = logging.getLogger(__name__)

STATE_KEY = "weekly_review_shown"
HISTORY_DAYS = 100  # what the chooser looks at: 90 days of "not for me", two weeks of practice
MAX_WINS = 3
MAX_PEOPLE = 5


@dataclass(frozen=True, slots=True)
class WeeklyReview:
    """Last week (Monday to Sunday, local) in numbers, and the theme to focus on next."""

    week: date  # Monday of the week reviewed
    this_week: date  # Monday of the week the review is for
    moments: int
    small_wins: int  # recognitions, as in the reflection's small-win count
    win_examples: tuple[str, ...]
    influenced: tuple[tuple[str, int], ...]  # (person, moments they followed), most first
    realized: int
    attempted: int
    neglected_theme: str | None  # fewest prompts acted on last week
    suggested_theme: str

    @property
    def ratio(self) -> float | None:
        return self.realized / self.attempted if self.attempted else None


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(timezone.utc)


def is_due(store: Store, now: datetime, tz: tzinfo, settings: Settings | None = None) -> bool:
    """Whether the review should be offered now: a workday, and not yet shown this week."""
    settings = settings or store.settings()
    today = now.astimezone(tz).date()
    if not settings.weekly_review or today.weekday() not in settings.workdays:
        return False
    return bool(store.get_state(STATE_KEY) != _monday(today).isoformat())


def weekly_review(store: Store, now: datetime, tz: tzinfo, prompts: Sequence[Prompt], *,
                  force: bool = False) -> WeeklyReview | None:
    """Last week's review when it is due (or always with `force`), else None."""
    if not force and not is_due(store, now, tz):
        return None
    if not prompts:
        return None
    today = now.astimezone(tz).date()
    this_week = _monday(today)
    week = this_week - timedelta(weeks=1)
    start, end = _midnight(week, tz), _midnight(this_week, tz)
    moments = store.moments(since=start, until=end, newest_first=False)
    wins = [m for m in moments if m.kind is Kind.RECOGNITION]
    influenced = Counter(m.person for m in moments
                         if m.person and m.outcome is Outcome.FOLLOWED)
    attempted = [m for m in moments if m.outcome is not None]
    history = store.prompt_events(since=now - timedelta(days=HISTORY_DAYS))
    return WeeklyReview(
        week=week,
        this_week=this_week,
        moments=len(moments),
        small_wins=len(wins),
        win_examples=tuple(m.text for m in wins[-MAX_WINS:]),
        influenced=tuple(sorted(influenced.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_PEOPLE]),
        realized=sum(1 for m in attempted if m.outcome is Outcome.FOLLOWED),
        attempted=len(attempted),
        neglected_theme=_neglected(history, prompts, start, end),
        suggested_theme=suggested_focus(history, prompts, now),
    )


def _neglected(history: Sequence[PromptEvent], prompts: Sequence[Prompt], start: datetime,
               end: datetime) -> str | None:
    """The theme with the fewest prompts acted on in [start, end), then fewest shown."""
    themes = sorted({p.theme for p in prompts})
    if not themes:
        return None
    done: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    for event in history:
        if start <= event.shown_at < end:
            shown[event.theme] += 1
            if event.response is Response.DONE:
                done[event.theme] += 1
    return min(themes, key=lambda t: (done[t], shown[t], t))


def mark_shown(store: Store, review: WeeklyReview) -> None:
    """Remember that this week's review was seen, so it is not offered again."""
    store.set_state(STATE_KEY, review.this_week.isoformat())


def accept_focus(store: Store, theme: str, today: date) -> Settings:
    """Make `theme` the focus for the coming week; returns the saved settings."""
    settings = start_focus(store.settings(), theme, today)
    store.save_settings(settings)
    logger.info("weekly focus set to %s until %s", theme, settings.focus_until)
    return settings
