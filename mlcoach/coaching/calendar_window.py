"""Keeping a ten-year calendar cheap to read for one day.

Two narrowings before recurring-ical-events expands a calendar, neither of which
changes what it lists for the window:

* `Calendarfile.only` leaves out single (non-recurring) events whose dates are
  days away from the window, found by a text scan, so icalendar does not parse
  thousands of past meetings. Anything recurring, moved or undated is kept.
* `skip_ahead` moves the start of a simple long series (FREQ up to WEEKLY, no
  COUNT, no BYxxx but BYDAY and the times of day on a daily or weekly rule) forward by
  whole periods to just
  before the window. Such a series is the same wall-clock step repeated, so the
  occurrences from there on are exactly the ones it had; dateutil, which
  recurring-ical-events uses, would otherwise walk every hour since 2016.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from mlcoach.coaching.calendar_rules import frequency

_FOLD = re.compile(rb"\r?\n[ \t]")
# The only lines the scan looks at: event bounds, recurrence rules, dates and durations.
_LINES = re.compile(
    rb"^(?:(?P<begin>BEGIN:VEVENT)|(?P<end>END:VEVENT)\r?\n?|(?P<rule>RRULE|RDATE|EXRULE)[;:]"
    rb"|(?:DTSTART|DTEND|RECURRENCE-ID)(?P<params>[^:\r\n]*):(?P<day>\d{8})"
    rb"|DURATION[^:\r\n]*:(?P<duration>[^\r\n]*))",
    re.M | re.I)
_DURATION = re.compile(rb"\s*\+?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?\s*",
                       re.I)

_UNITS = {"SECONDLY": timedelta(seconds=1), "MINUTELY": timedelta(minutes=1),
          "HOURLY": timedelta(hours=1), "DAILY": timedelta(days=1), "WEEKLY": timedelta(weeks=1)}
_SIMPLE = {"FREQ", "INTERVAL", "UNTIL", "WKST"}
_SAME_PERIOD = {"BYDAY", "BYHOUR", "BYMINUTE", "BYSECOND"}


@dataclass(frozen=True, slots=True)
class _Span:
    """Where one VEVENT is in the file and the days it touches as b"YYYYMMDD" (None: keep
    it always)."""

    start: int
    end: int
    first: bytes | None
    last: bytes | None


@dataclass(frozen=True, slots=True)
class Calendarfile:
    """A calendar file's bytes and an index of its events."""

    data: bytes
    events: tuple[_Span, ...]
    unclosed: int = 0  # BEGIN:VEVENT inside another: not a calendar program's file

    @classmethod
    def index(cls, data: bytes) -> Calendarfile:
        # Unfolded once: long lines are valid iCalendar, and no property is split.
        flat = _FOLD.sub(b"", data) if b"\n " in data or b"\n\t" in data else data
        if b"BEGIN:VTIMEZONE" in flat.upper():
            flat = _tame_timezones(flat)
        events: list[_Span] = []
        begin, keep, extra, unclosed = -1, False, 0, 0
        days: list[bytes] = []
        for m in _LINES.finditer(flat):
            kind = m.lastgroup
            if kind == "begin":
                unclosed += begin >= 0
                begin, keep, days, extra = m.start(), False, [], 0
            elif begin < 0:
                continue
            elif kind == "end":
                events.append(_span(begin, m.end(), keep, days, extra))
                begin = -1
            elif kind == "day":
                days.append(m.group("day"))
                if b"RANGE=" in m.group("params").upper():
                    keep = True  # RECURRENCE-ID;RANGE=THISANDFUTURE moves what follows
            elif kind == "duration":
                days_long = _days_long(m.group("duration"))
                if days_long is None:
                    keep = True  # a duration we do not read: never left out
                else:  # the longest: an alarm's own DURATION (its repeat) is short
                    extra = max(extra, days_long + 1)
            else:
                keep = True  # a rule or extra dates: it recurs
        return cls(flat, tuple(events), unclosed)

    def kept(self, first: date, last: date) -> int:
        """How many events `only(first, last)` keeps."""
        low, high = first.strftime("%Y%m%d").encode(), last.strftime("%Y%m%d").encode()
        return sum(1 for e in self.events
                   if e.first is None or e.last is None or (e.last >= low and e.first <= high))

    def reach(self) -> tuple[bytes, bytes] | None:
        """The first and last day any event touches, as b"YYYYMMDD"; None when an event
        recurs or has days not read (or there is none): then every window reads the file."""
        if not self.events or any(e.first is None or e.last is None for e in self.events):
            return None
        return (min(e.first for e in self.events if e.first is not None),
                max(e.last for e in self.events if e.last is not None))

    def only(self, first: date, last: date) -> bytes:
        """The file without the single events that lie wholly outside [first, last]."""
        low, high = first.strftime("%Y%m%d").encode(), last.strftime("%Y%m%d").encode()
        parts: list[bytes] = []
        done = 0
        for e in self.events:
            if e.first is None or e.last is None or (e.last >= low and e.first <= high):
                continue
            parts.append(self.data[done:e.start])
            done = e.end
        if not parts:
            return self.data
        parts.append(self.data[done:])
        return b"".join(parts)


_TIMEZONE = re.compile(rb"^BEGIN:VTIMEZONE\r?$.*?^END:VTIMEZONE\r?$", re.M | re.S | re.I)
_TZ_RULE = re.compile(rb"^RRULE:(?P<rule>[^\r\n]*)\r?\n?", re.M | re.I)
# What a time zone's change of offset is said with ("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
# the older "BYMONTHDAY=8,9,10,11,12,13,14;BYDAY=SU", Lotus Notes' "BYHOUR=2;BYMINUTE=0"),
# and how many values each may hold.
_TZ_RULE_PARTS = {b"FREQ": 1, b"INTERVAL": 1, b"UNTIL": 1, b"COUNT": 1, b"WKST": 1,
                  b"BYMONTH": 1, b"BYDAY": 1, b"BYMONTHDAY": 7, b"BYHOUR": 1, b"BYMINUTE": 1,
                  b"BYSETPOS": 1}


def _tame_timezones(data: bytes) -> bytes:
    """The file with any VTIMEZONE rule that is not a yearly change of offset taken out.

    dateutil expands a time zone's rules from their DTSTART whenever an offset is asked
    for: "FREQ=MINUTELY" from the year 1 ran for minutes and gigabytes. Without its rule,
    such a part applies once, from its DTSTART; real zones keep theirs."""
    def tame(zone: re.Match[bytes]) -> bytes:
        def rule(m: re.Match[bytes]) -> bytes:
            parts = dict(p.partition(b"=")[::2] for p in m["rule"].upper().split(b";") if p)
            yearly = parts.get(b"FREQ") == b"YEARLY" and all(
                key in _TZ_RULE_PARTS and value.count(b",") < _TZ_RULE_PARTS[key]
                for key, value in parts.items())
            return m[0] if yearly else b""
        return _TZ_RULE.sub(rule, zone[0])
    return _TIMEZONE.sub(tame, data)


def without_timezones(data: bytes) -> bytes:
    """The file without its VTIMEZONE parts."""
    return _TIMEZONE.sub(b"", data)


def _days_long(value: bytes) -> int | None:
    """The whole days a DURATION value ("P1W", "PT200H", "P1DT12H") may reach past its
    start day, rounded up; None for one it cannot read."""
    m = _DURATION.fullmatch(value)
    if m is None:
        return None
    weeks, days, hours, minutes, seconds = (int(g or 0) for g in m.groups())
    clock = hours * 3600 + minutes * 60 + seconds
    return weeks * 7 + days + -(-clock // 86_400)


def _span(start: int, end: int, keep: bool, days: list[bytes], extra: int) -> _Span:
    """One event's place and days; recurring, moved-range and undated ones are always kept."""
    if keep or not days:
        return _Span(start, end, None, None)
    last = max(days)
    if extra:
        try:
            later = date(int(last[:4]), int(last[4:6]), int(last[6:8])) + timedelta(
                days=min(extra, 100_000))
        except (ValueError, OverflowError):
            return _Span(start, end, None, None)
        last = later.strftime("%Y%m%d").encode()
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
    freq, count = frequency(rule)
    # Times of day and weekdays repeat with a daily or weekly period as they are.
    allowed = _SIMPLE | (_SAME_PERIOD if freq in ("DAILY", "WEEKLY") else set())
    if freq not in _UNITS or not keys <= allowed:
        return None
    if "BYDAY" in keys and any(not str(d).isalpha() for d in rule.get("BYDAY", [])):
        return None  # BYDAY with ordinals ("1MO") is not a weekly pattern
    if count is None or count < 1:
        return None
    if freq == "DAILY" and "BYDAY" in keys:
        return timedelta(weeks=count)  # the weekday pattern repeats every `count` weeks
    return _UNITS[freq] * count


def _move_start(event: Any, step: timedelta, since: datetime) -> None:
    start_prop = event.get("DTSTART")
    begin = getattr(start_prop, "dt", None)
    if isinstance(begin, date) and not isinstance(begin, datetime):
        _move_all_day_start(event, begin, step, since)
        return
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


def _move_all_day_start(event: Any, begin: date, step: timedelta, since: datetime) -> None:
    """`_move_start` for an all-day series ("DTSTART;VALUE=DATE:00010101"): whole days."""
    if step < timedelta(days=1) or step % timedelta(days=1):
        return  # an hourly all-day series: leave it to the library
    end_prop = event.get("DTEND")
    end = getattr(end_prop, "dt", None)
    length = (end - begin).days if type(end) is date else 1
    target = since.astimezone(UTC).date() - timedelta(days=max(length, 0) + 3)
    periods = (target - begin).days // step.days
    if periods <= 0:
        return
    shift = timedelta(days=step.days * periods)
    event["DTSTART"].dt = begin + shift
    if type(end) is date:
        end_prop.dt = end + shift
