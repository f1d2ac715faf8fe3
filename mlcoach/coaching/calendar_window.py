"""Keeping a ten-year calendar cheap to read for one day.

Two narrowings before recurring-ical-events expands a calendar, neither of which
changes what it lists for the window:

* `Calendarfile.only` leaves out single (non-recurring) events whose dates are
  days away from the window, found by a text scan, so icalendar does not parse
  thousands of past meetings. Anything recurring, moved or undated is kept.
* `skip_ahead` moves the start of a simple long series (FREQ up to WEEKLY, no
  COUNT, no BYxxx but BYDAY on a weekly rule) forward by whole periods to just
  before the window. Such a series is the same wall-clock step repeated, so the
  occurrences from there on are exactly the ones it had; dateutil, which
  recurring-ical-events uses, would otherwise walk every hour since 2016.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

_FOLD = re.compile(rb"\r?\n[ \t]")
# The only lines the scan looks at: event bounds, recurrence and date properties.
_LINES = re.compile(
    rb"^(BEGIN:VEVENT|END:VEVENT|RRULE|RDATE|EXRULE|RECURRENCE-ID|DTSTART|DTEND|DURATION)"
    rb"([;:][^\r\n]*)?\r?$", re.M | re.I)
_DAY = re.compile(rb":(\d{4})(\d\d)(\d\d)")
_PERIOD = re.compile(rb":\+?P(?:(\d+)W)?(?:(\d+)D)?")

_UNITS = {"SECONDLY": timedelta(seconds=1), "MINUTELY": timedelta(minutes=1),
          "HOURLY": timedelta(hours=1), "DAILY": timedelta(days=1), "WEEKLY": timedelta(weeks=1)}
_SIMPLE = {"FREQ", "INTERVAL", "UNTIL", "WKST"}


@dataclass(frozen=True, slots=True)
class _Span:
    """Where one VEVENT is in the file and the days it touches (None: keep it always)."""

    start: int
    end: int
    first: date | None
    last: date | None


@dataclass(frozen=True, slots=True)
class Calendarfile:
    """A calendar file's bytes and an index of its events."""

    data: bytes
    events: tuple[_Span, ...]

    @classmethod
    def index(cls, data: bytes) -> Calendarfile:
        # Unfolded once: long lines are valid iCalendar, and no property is split.
        flat = _FOLD.sub(b"", data) if b"\n " in data or b"\n\t" in data else data
        events: list[_Span] = []
        begin, keep, extra = -1, False, 0
        days: list[tuple[bytes, ...]] = []
        for m in _LINES.finditer(flat):
            name, rest = m.group(1).upper(), m.group(2) or b""
            if name == b"BEGIN:VEVENT":
                begin, keep, days, extra = m.start(), False, [], 0
            elif begin < 0:
                continue
            elif name == b"END:VEVENT":
                end = m.end() + (2 if flat[m.end():m.end() + 2] == b"\r\n" else 1)
                events.append(_span(begin, end, keep, days, extra))
                begin = -1
            elif name in (b"RRULE", b"RDATE", b"EXRULE") or b"RANGE=" in rest.upper():
                keep = True
            elif name == b"DURATION":
                found = _PERIOD.search(rest)
                if found:
                    extra = int(found.group(1) or 0) * 7 + int(found.group(2) or 0) + 1
            else:
                found = _DAY.search(rest)
                if found:
                    days.append(found.groups())
        return cls(flat, tuple(events))

    def only(self, first: date, last: date) -> bytes:
        """The file without the single events that lie wholly outside [first, last]."""
        parts: list[bytes] = []
        done = 0
        for e in self.events:
            if e.first is None or e.last is None or (e.last >= first and e.first <= last):
                continue
            parts.append(self.data[done:e.start])
            done = e.end
        if not parts:
            return self.data
        parts.append(self.data[done:])
        return b"".join(parts)


def _span(start: int, end: int, keep: bool, raw: list[tuple[bytes, ...]],
          extra: int) -> _Span:
    """One event's place and days; recurring, moved-range and undated ones are always kept."""
    if keep or not raw:
        return _Span(start, end, None, None)
    try:
        days = [date(int(y), int(m), int(d)) for y, m, d in raw]  # three groups each
        last = max(days) + timedelta(days=min(extra, 100_000))
    except (ValueError, OverflowError):
        return _Span(start, end, None, None)
    return _Span(start, end, min(days), last)


def skip_ahead(calendar: Any, since: datetime) -> None:
    """Start each simple long series of `calendar` at its last period before `since`."""
    ranged = {str(c.get("UID", "")) for c in calendar.walk("VEVENT")
              if "RECURRENCE-ID" in c and "RANGE" in getattr(c["RECURRENCE-ID"], "params", {})}
    for event in calendar.walk("VEVENT"):
        if ("RECURRENCE-ID" in event or "RDATE" in event or "EXRULE" in event
                or str(event.get("UID", "")) in ranged):
            continue
        try:
            step = _step(event.get("RRULE"))
            if step is not None:
                _move_start(event, step, since)
        except Exception:  # a broken event: recurring-ical-events skips or reports it
            continue


def _step(rule: Any) -> timedelta | None:
    """The fixed wall-clock period of a simple rule, or None."""
    if rule is None or isinstance(rule, list):
        return None
    keys = {str(k).upper() for k in rule}
    freq = str((rule.get("FREQ") or [""])[0]).upper()
    allowed = _SIMPLE | ({"BYDAY"} if freq == "WEEKLY" else set())
    if freq not in _UNITS or not keys <= allowed:
        return None
    if freq == "WEEKLY" and "BYDAY" in keys and any(
            not str(d).isalpha() for d in rule.get("BYDAY", [])):
        return None  # BYDAY with ordinals ("1MO") is not a weekly pattern
    interval = (rule.get("INTERVAL") or [1])[0]
    try:
        count = int(interval)
    except (TypeError, ValueError):
        return None
    return _UNITS[freq] * count if count >= 1 else None


def _move_start(event: Any, step: timedelta, since: datetime) -> None:
    start_prop = event.get("DTSTART")
    begin = getattr(start_prop, "dt", None)
    if not isinstance(begin, datetime):
        return
    end_prop = event.get("DTEND")
    end = getattr(end_prop, "dt", None)
    length = end - begin if isinstance(end, datetime) and type(end) is type(begin) else None
    length = length if length is not None else timedelta(days=1)
    # Wall-clock arithmetic, as dateutil steps a series: naive times in the series' zone.
    zone = begin.tzinfo
    target = since.astimezone(zone).replace(tzinfo=None) if zone else since.astimezone(
        UTC).replace(tzinfo=None) - timedelta(days=1)
    target -= max(length, timedelta(0)) + timedelta(days=2)
    wall = begin.replace(tzinfo=None)
    periods = (target - wall) // step
    if periods <= 0:
        return
    shift = step * periods
    start_prop.dt = (wall + shift).replace(tzinfo=zone)
    if isinstance(end, datetime):
        end_prop.dt = (end.replace(tzinfo=None) + shift).replace(tzinfo=end.tzinfo)
