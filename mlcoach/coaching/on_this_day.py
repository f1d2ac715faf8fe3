"""On this day: a moment captured on the same date a month and a year ago.

The reflection dialog shows these as quiet reminders of how far small habits
go. Each lookup reads one local day with a bounded, indexed query.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, tzinfo

from mlcoach.domain.model import Kind, Moment, Outcome
from mlcoach.domain.timestamps import local_day_bounds
from mlcoach.store.core import Store

__all__ = ["Echo", "on_this_day", "same_date_earlier"]

logger = logging.getLogger(__name__)

PER_DAY = 20  # moments read from the earlier day to pick the most telling one


@dataclass(frozen=True, slots=True)
class Echo:
    """A moment from the same date `months` months ago (12 for a year)."""

    months: int
    day: date
    moment: Moment

    @property
    def years(self) -> int:
        """1 for a year ago, 0 for a month ago."""
        return self.months // 12


def same_date_earlier(day: date, *, years: int = 0, months: int = 0) -> date | None:
    """The same calendar date `years`/`months` earlier, or None if it does not exist."""
    month_index = day.year * 12 + day.month - 1 - years * 12 - months
    if month_index < 12:  # before year 1
        return None
    try:
        return day.replace(year=month_index // 12, month=month_index % 12 + 1)
    except ValueError:  # 31 March has no 31 February; 29 February most years
        return None


def _telling(moment: Moment) -> tuple[bool, bool, bool]:
    """Sort key: a followed moment first, then a recognition, then anything not planned."""
    return (moment.outcome is not Outcome.FOLLOWED, moment.kind is not Kind.RECOGNITION,
            moment.planned)


def on_this_day(store: Store, day: date, tz: tzinfo) -> list[Echo]:
    """Moments from a month ago and a year ago on `day`'s date, nearest first (0 to 2)."""
    echoes = []
    for months in (1, 12):
        earlier = same_date_earlier(day, months=months)
        if earlier is None:
            continue
        start, end = local_day_bounds(earlier, tz)
        found = store.moments(since=start, until=end, limit=PER_DAY, newest_first=False)
        if found:
            # min() keeps the earliest of equals: the day's first such moment.
            echoes.append(Echo(months, earlier, min(found, key=_telling)))
    return echoes
