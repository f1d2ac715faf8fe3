"""Recurrence rules bounded before they are expanded.

dateutil, under recurring-ical-events, walks a rule from its start until an occurrence
passes the window asked for. A rule that never matches ("FREQ=SECONDLY;BYMONTH=2;
BYMONTHDAY=31") is walked to the year 9999, and one that never advances (INTERVAL=0)
for ever. Each window is parsed on its own (calendar_ics._parse_cached), so every
RRULE and EXRULE is given an UNTIL no later than the window's last day, which changes
nothing inside the window. Left out, the event then standing alone at its start: a rule
with an INTERVAL below 1, and one that repeats by the second or the minute, or hourly
with BY… filters, which no calendar program writes for a meeting and which dateutil
would walk second by second from its start to the window; and one whose walk from its
start (after calendar_window.skip_ahead) to the window would take more than MAX_STEPS
occurrences and periods ("every hour of every day since the year 1").
"""

from __future__ import annotations

import logging
import warnings
from datetime import UTC, date, datetime
from typing import Any

logger = logging.getLogger(__name__)

# dateutil takes about 10 µs an occurrence: the walk to a window stays near a second.
MAX_STEPS = 100_000
_PERIOD_DAYS = {"YEARLY": 365.25, "MONTHLY": 30.44, "WEEKLY": 7.0, "DAILY": 1.0,
                "HOURLY": 1 / 24}
_DAYS_LOOKED_AT = {"YEARLY": 366, "MONTHLY": 31, "WEEKLY": 7}

# A rule with COUNT gets an UNTIL too (the earlier of the two ends it); dateutil warns
# that RFC 5545 has one or the other, which is so in the file, not here.
warnings.filterwarnings("ignore", message="Using both 'count' and 'until'",
                        category=DeprecationWarning)

RULE_KEYS = ("RRULE", "EXRULE")


def bound_rules(calendar: Any, until: datetime) -> None:
    """End every rule of `calendar` by `until` (aware); drop rules that never advance."""
    for event in calendar.walk("VEVENT"):
        try:
            _bound(event, until)
        except Exception:  # a broken event: recurring-ical-events skips or reports it
            continue


def _bound(event: Any, until: datetime) -> None:
    start = getattr(event.get("DTSTART"), "dt", None)
    if not isinstance(start, date):
        return  # no start: recurring-ical-events skips the event
    for key in RULE_KEYS:
        value = event.get(key)
        if value is None:
            continue
        rules = value if isinstance(value, list) else [value]
        kept = [rule for rule in rules
                if _advances(rule) and _coarse(rule) and _possible(rule)
                and _affordable(rule, start, until)]
        if len(kept) < len(rules):
            logger.warning("a calendar rule that never occurs, never advances, or repeats "
                           "more often than a meeting can, is left out")
        for rule in kept:
            _end_by(rule, start, until)
        del event[key]
        if kept:
            event[key] = kept if len(kept) > 1 else kept[0]


def frequency(rule: Any) -> tuple[str, int | None]:
    """A rule's FREQ (upper case, "" if none) and INTERVAL (1 if none); None for an
    interval that cannot be read, or a rule icalendar could not parse."""
    try:  # a broken rule (icalendar's vBroken) raises AttributeError on .get
        freq = str((rule.get("FREQ") or [""])[0]).upper()
        return freq, int(str((rule.get("INTERVAL") or [1])[0]))
    except (TypeError, ValueError, AttributeError, IndexError):
        return "", None


def _advances(rule: Any) -> bool:
    interval = frequency(rule)[1]
    return interval is not None and interval >= 1


def _coarse(rule: Any) -> bool:
    freq = frequency(rule)[0]
    if freq in ("SECONDLY", "MINUTELY"):
        return False
    return freq != "HOURLY" or not any(str(k).upper().startswith("BY") for k in rule)


_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _possible(rule: Any) -> bool:
    """Whether a day of the month the rule asks for exists in a month it asks for:
    "BYMONTH=2;BYMONTHDAY=30" never occurs, and dateutil, which checks UNTIL only on an
    occurrence, walks such a rule to the year 9999 (seconds, at every read)."""
    try:
        days = [int(str(d)) for d in rule.get("BYMONTHDAY") or ()]
        months = [int(str(m)) for m in rule.get("BYMONTH") or ()] or range(1, 13)
        return not days or any(
            0 < abs(d) <= _MONTH_DAYS[m - 1] for m in months if 1 <= m <= 12 for d in days)
    except (TypeError, ValueError, AttributeError):
        return True  # dateutil refuses the rule, reported with its file


def _affordable(rule: Any, start: date, until: datetime) -> bool:
    """Whether dateutil's walk from `start` to `until` stays within MAX_STEPS."""
    freq, interval = frequency(rule)
    unit = _PERIOD_DAYS.get(freq)
    if unit is None or interval is None:
        return True  # not a frequency: dateutil refuses the rule, reported with its file
    days = (until - _as_utc(start)).total_seconds() / 86_400
    periods = max(0.0, days) / (unit * interval)
    times = 1
    for key in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        times *= max(1, len(rule.get(key) or ()))
    return periods * (times + _DAYS_LOOKED_AT.get(freq, 1) / 20) <= MAX_STEPS


def _end_by(rule: Any, start: date, until: datetime) -> None:
    """UNTIL = the earlier of the rule's own and `until`, in the form DTSTART needs."""
    if isinstance(start, datetime):
        bound: date = until.astimezone(UTC)
        if start.tzinfo is None:
            bound = until.astimezone(UTC).replace(tzinfo=None)  # floating, as DTSTART is
    else:
        bound = until.astimezone(UTC).date()
    own = (rule.get("UNTIL") or [None])[0]
    if isinstance(own, date) and _as_utc(own) <= _as_utc(bound):
        return
    rule["UNTIL"] = [bound]


def _as_utc(value: date) -> datetime:
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
