"""Meetings from a local calendar: one .ics file or every .ics file in a folder.

Read with icalendar, recurrences expanded with dateutil's rrule (RRULE, RDATE,
EXDATE and moved or cancelled single occurrences).  All-day, transparent
("free") and cancelled events are not meetings.  Times without a time zone
are read in the time zone of the window asked for.  Nothing here touches the
network.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any

from dateutil.rrule import rrule, rrulestr  # type: ignore[import-untyped]
from icalendar import Calendar, Component, Event, vRecur

from mlcoach.domain.errors import MlcoachError
from mlcoach.domain.timestamps import in_zone

__all__ = [
    "Attendee",
    "CalendarError",
    "Meeting",
    "busy_intervals",
    "calendar_files",
    "meetings",
]

logger = logging.getLogger(__name__)

#: Calendar files larger than this are refused rather than read.
MAX_FILE_BYTES = 32 * 1024 * 1024
#: A recurring event stops expanding after this many occurrences.
MAX_OCCURRENCES = 20_000


class CalendarError(MlcoachError):
    """The calendar file or folder cannot be read; the message is one line."""


@dataclass(frozen=True, slots=True)
class Attendee:
    """Someone invited to a meeting."""

    name: str
    email: str


@dataclass(frozen=True, slots=True)
class Meeting:
    """One occurrence of a meeting, with aware start and end."""

    summary: str
    start: datetime
    end: datetime
    attendees: tuple[Attendee, ...] = ()
    organizer: Attendee | None = None
    location: str = ""
    uid: str = ""


@dataclass(frozen=True, slots=True)
class _Event:
    """A parsed VEVENT before expansion; naive times are floating."""

    uid: str
    summary: str
    location: str
    start: datetime
    duration: timedelta
    rules: tuple[str, ...]
    until: tuple[date | datetime | None, ...]
    rdates: tuple[datetime, ...]
    exdates: tuple[datetime, ...]
    recurrence_id: datetime | None
    attendees: tuple[Attendee, ...]
    organizer: Attendee | None
    busy: bool


def _one_line(text: str) -> str:
    """Return `text` on a single line, shortened."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= 160 else flat[:157] + "..."


def calendar_files(path: Path) -> list[Path]:
    """Return the calendar files at `path`: the file itself or the folder's *.ics files."""
    try:
        if path.is_dir():
            return sorted(p for p in path.iterdir() if p.suffix.lower() == ".ics" and p.is_file())
        if path.is_file():
            return [path]
    except OSError as exc:
        raise CalendarError("{path}: cannot read the calendar ({reason})", path=path,
                            reason=_one_line(str(exc))) from exc
    raise CalendarError("{path}: no calendar file or folder there", path=path)


def _attendee(value: Any) -> Attendee | None:
    """Return an attendee from an ATTENDEE or ORGANIZER value."""
    address = str(value).strip()
    if address.lower().startswith("mailto:"):
        address = address[7:]
    params = getattr(value, "params", {})
    name = str(params.get("CN", "")).strip().strip('"')
    if not address and not name:
        return None
    return Attendee(name=name, email=address)


def _text(component: Component, key: str) -> str:
    """Return a text property as plain str."""
    value = component.get(key)
    return "" if value is None else str(value)


def _as_list(value: Any) -> list[Any]:
    """Return a property that may appear once or many times as a list."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _decoded_datetime(component: Component, key: str) -> date | datetime | None:
    """Return a decoded date or datetime property, or None if absent or broken."""
    if key not in component:
        return None
    try:
        value = component.decoded(key)
    except (ValueError, TypeError, KeyError):
        return None
    return value if isinstance(value, date) else None


def _parse_event(component: Component) -> _Event | None:
    """Return the event's data, or None when it is not a timed, busy event."""
    start = _decoded_datetime(component, "DTSTART")
    if not isinstance(start, datetime):
        return None  # all-day or broken
    end = _decoded_datetime(component, "DTEND")
    duration: timedelta | None = None
    if isinstance(end, datetime):
        if (end.tzinfo is None) != (start.tzinfo is None):
            end = end.replace(tzinfo=start.tzinfo)
        duration = end - start
    elif "DURATION" in component:
        try:
            raw = component.decoded("DURATION")
        except (ValueError, TypeError):
            raw = None
        duration = raw if isinstance(raw, timedelta) else None
    if duration is None or duration <= timedelta(0):
        return None
    status = _text(component, "STATUS").upper()
    transparent = _text(component, "TRANSP").upper() == "TRANSPARENT"
    free = _text(component, "X-MICROSOFT-CDO-BUSYSTATUS").upper() == "FREE"
    rules: list[str] = []
    until: list[date | datetime | None] = []
    for recur in _as_list(component.get("RRULE")):
        if not isinstance(recur, vRecur):
            continue
        parts = vRecur({k: v for k, v in recur.items() if k.upper() != "UNTIL"})
        ical: bytes = parts.to_ical()  # type: ignore[no-untyped-call]
        rules.append(ical.decode("ascii", "replace"))
        limit = recur.get("UNTIL")
        until.append(limit[0] if isinstance(limit, list) and limit else None)
    rdates: tuple[datetime, ...] = ()
    exdates: tuple[datetime, ...] = ()
    if isinstance(component, Event):
        try:
            rdates = tuple(d for d, _ in component.rdates if isinstance(d, datetime))
            exdates = tuple(d for d in component.exdates if isinstance(d, datetime))
        except (ValueError, TypeError, AttributeError):
            pass
    recurrence_id = _decoded_datetime(component, "RECURRENCE-ID")
    attendees = tuple(
        a for a in (_attendee(v) for v in _as_list(component.get("ATTENDEE"))) if a is not None
    )
    organizer = _attendee(component["ORGANIZER"]) if "ORGANIZER" in component else None
    return _Event(
        uid=_text(component, "UID"),
        summary=_text(component, "SUMMARY"),
        location=_text(component, "LOCATION"),
        start=start,
        duration=duration,
        rules=tuple(rules),
        until=tuple(until),
        rdates=rdates,
        exdates=exdates,
        recurrence_id=recurrence_id if isinstance(recurrence_id, datetime) else None,
        attendees=attendees,
        organizer=organizer,
        busy=status != "CANCELLED" and not transparent and not free,
    )


@functools.lru_cache(maxsize=16)
def _parse_cached(path: str, _stamp: tuple[int, int, int, int]) -> tuple[_Event, ...]:
    """Return the events of one file; cached while its size, times and inode stay the same."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise CalendarError("{path}: cannot read the calendar ({reason})", path=path,
                            reason=_one_line(str(exc))) from exc
    if not data.strip():
        return ()
    try:
        calendars = Calendar.from_ical(data, multiple=True)
    except Exception as exc:  # icalendar raises many kinds on bad input
        raise CalendarError("{path}: not a valid iCalendar file ({reason})", path=path,
                            reason=_one_line(str(exc))) from exc
    if not any(getattr(c, "name", "") == "VCALENDAR" for c in calendars):
        raise CalendarError("{path}: not a valid iCalendar file (no VCALENDAR)", path=path)
    events: list[_Event] = []
    for calendar in calendars:
        for component in calendar.walk("VEVENT"):
            try:
                event = _parse_event(component)
            except Exception as exc:  # one odd event must not hide the others
                logger.warning("%s: skipping an unreadable event: %s", path, _one_line(str(exc)))
                continue
            if event is not None:
                events.append(event)
    return tuple(events)


def _parse_file(path: Path) -> tuple[_Event, ...]:
    """Return the events of one calendar file."""
    try:
        info = path.stat()
    except OSError as exc:
        raise CalendarError("{path}: cannot read the calendar ({reason})", path=path,
                            reason=_one_line(str(exc))) from exc
    if info.st_size > MAX_FILE_BYTES:
        raise CalendarError("{path}: calendar file too large ({size} bytes)", path=path,
                            size=info.st_size)
    stamp = (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)
    return _parse_cached(str(path), stamp)



def _until(limit: date | datetime | None, tz: tzinfo | None) -> datetime | None:
    """Return an RRULE UNTIL usable with an aware start."""
    if limit is None:
        return None
    if not isinstance(limit, datetime):
        return datetime.combine(limit, time.max, tzinfo=tz)
    return limit if limit.tzinfo is not None else limit.replace(tzinfo=tz)


def _starts(event: _Event, tz: tzinfo, start: datetime, end: datetime) -> Iterator[datetime]:
    """Yield the occurrence starts of `event` that may overlap [start, end)."""
    first = in_zone(event.start, tz)
    earliest = start - event.duration
    yield first  # DTSTART is always an occurrence, even when the rule would not produce it
    for text, limit in zip(event.rules, event.until, strict=True):
        try:
            rule: rrule = rrulestr(text, dtstart=first)
            if limit is not None:
                rule = rule.replace(until=_until(limit, first.tzinfo))
        except (ValueError, TypeError) as exc:
            logger.warning("skipping a recurrence rule %r: %s", text, exc)
            continue
        for count, occurrence in enumerate(rule):
            if occurrence >= end or count >= MAX_OCCURRENCES:
                break
            if occurrence >= earliest:
                yield occurrence
    for extra in event.rdates:
        yield in_zone(extra, tz)


def _expand(events: Sequence[_Event], start: datetime, end: datetime, tz: tzinfo) -> list[Meeting]:
    """Return the busy occurrences of `events` overlapping [start, end), sorted."""
    moved = {
        (e.uid, in_zone(e.recurrence_id, tz).astimezone(UTC))
        for e in events
        if e.recurrence_id is not None
    }
    found: dict[tuple[str, datetime], Meeting] = {}
    for event in events:
        if not event.busy:
            continue
        excluded = {in_zone(d, tz).astimezone(UTC) for d in event.exdates}
        for begin in _starts(event, tz, start, end):
            key = (event.uid, begin.astimezone(UTC))
            if key[1] in excluded:
                continue
            if event.recurrence_id is None and event.rules and key in moved:
                continue  # this occurrence was moved or cancelled
            finish = begin + event.duration
            if finish <= start or begin >= end:
                continue
            found[key if event.uid else (str(id(event)), key[1])] = Meeting(
                summary=event.summary,
                start=begin,
                end=finish,
                attendees=event.attendees,
                organizer=event.organizer,
                location=event.location,
                uid=event.uid,
            )
    return sorted(found.values(), key=lambda m: (m.start, m.end, m.summary))


def meetings(path: Path, start: datetime, end: datetime) -> list[Meeting]:
    """Return the meetings overlapping [start, end) from a .ics file or folder."""
    # CalendarError when the path or its only file cannot be read; in a folder an
    # unreadable file is logged and skipped as long as another one reads.
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("start and end must be aware datetimes")
    files = calendar_files(Path(path))
    events: list[_Event] = []
    errors: list[CalendarError] = []
    for file in files:
        try:
            events.extend(_parse_file(file))
        except CalendarError as exc:
            if len(files) == 1:
                raise
            logger.warning("%s", exc)
            errors.append(exc)
    if files and len(errors) == len(files):
        raise CalendarError("{path}: no calendar file could be read ({reason})", path=path,
                            reason=errors[0])
    tz = start.tzinfo
    return _expand(events, start, end, tz)


def busy_intervals(path: Path, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    """Return the merged busy intervals overlapping [start, end), sorted, in UTC."""
    merged: list[tuple[datetime, datetime]] = []
    for meeting in meetings(path, start, end):
        begin, finish = meeting.start.astimezone(UTC), meeting.end.astimezone(UTC)
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], finish))
        else:
            merged.append((begin, finish))
    return merged
