"""Meetings from a local calendar: one .ics file or every .ics file in a folder.

Read with icalendar; recurrences (RRULE, RDATE, EXDATE, moved and cancelled
single occurrences, RANGE=THISANDFUTURE) are expanded by recurring-ical-events,
and Google's X-WR-TIMEZONE exports are first made standard by x-wr-timezone.
Every occurrence is listed (`occurrences`); only timed, busy ones hold prompts
(`meetings`, `busy_intervals`): all-day, free (TRANSP:TRANSPARENT or Outlook's
FREE), cancelled and declined ones do not.  Times without a time zone
("floating") are read in the time zone of the window asked for.  Parsed files
are cached while their size, times and inode stay the same, so an edited file
is read again.  Nothing here touches the network.
"""

from __future__ import annotations

import functools
import logging
import os
import warnings
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any

from mlcoach.coaching.calendar_rules import bound_rules
from mlcoach.coaching.calendar_window import Calendarfile, skip_ahead, without_timezones
from mlcoach.domain.errors import MlcoachError

# icalendar warns when it reads a vendor's zone name ("/mozilla.org/…/Europe/Berlin") as
# the zone it ends with. That reading is right, and the user can do nothing about it: it
# is not printed under `mlcoach calendar`'s lines.
warnings.filterwarnings("ignore", message="Timezone .* is a globally unique TZID",
                        category=UserWarning)

__all__ = [
    "Attendee",
    "CalendarError",
    "Listing",
    "Meeting",
    "ParsedCalendar",
    "busy_intervals",
    "calendar_files",
    "meetings",
    "merge_busy",
    "occurrences",
    "parse_ics",
]

logger = logging.getLogger(__name__)

#: Calendar files larger than this are refused rather than read.
MAX_FILE_BYTES = 32 * 1024 * 1024
#: A folder's files are read, by name, until their sizes add up to this; the rest are left
#: out with one line (the app reads every few minutes, on its worker).
MAX_FOLDER_BYTES = 128 * 1024 * 1024
#: At most this many occurrences are read for one window (a guard, never reached by a
#: real calendar: twenty meetings on every day of a year are 7,300).
MAX_LISTED = 10_000
#: At most this many events a day (a series counts once) may lie in the days a window is
#: read for: each costs about 2 ms to parse, and the app reads on its GUI thread (for its
#: five days, 2,000 events). A real calendar has tens a day; a generated or shared one
#: with thousands would hold the tray.
MAX_PER_DAY = 400
#: Events opened inside another (no END:VEVENT) that a file may have and still be read.
MAX_UNCLOSED = 100


class CalendarError(MlcoachError):
    """The calendar file or folder cannot be read; the message is one line."""


@dataclass(frozen=True, slots=True)
class Attendee:
    """Someone invited to a meeting; `status` is their PARTSTAT (ACCEPTED, DECLINED, ...)."""

    name: str
    email: str
    status: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True)
class Meeting:
    """One occurrence of a calendar event, with aware start and end.

    `busy` is whether it holds prompts: timed, not cancelled, not free and not
    declined by the user. All-day occurrences start and end at local midnight.
    """

    summary: str
    start: datetime
    end: datetime
    attendees: tuple[Attendee, ...] = ()
    organizer: Attendee | None = None
    location: str = ""
    uid: str = ""
    all_day: bool = False
    busy: bool = True


@dataclass(frozen=True, slots=True)
class Listing:
    """The occurrences of a window, and one line per calendar that could not be read;
    `unread` when not one calendar asked for could be read."""

    occurrences: list[Meeting]
    problems: list[CalendarError] = field(default_factory=list)
    unread: bool = False


@dataclass(frozen=True, slots=True)
class ParsedCalendar:
    """One parsed calendar, ready to expand: its recurrence queries and its owner's addresses."""

    queries: tuple[Any, ...]  # recurring_ical_events.CalendarQuery
    owners: frozenset[str]  # lower-case e-mail addresses the calendar says are the user's


def _one_line(text: object) -> str:
    """Return `text` on a single line, shortened (an OSError as its plain reason: the
    message names the file already)."""
    if isinstance(text, OSError) and text.strerror:
        text = text.strerror
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
                            reason=_one_line(exc)) from exc
    raise CalendarError("{path}: no calendar file or folder there", path=path)


# -- parsing -----------------------------------------------------------------------------

def _address(value: Any) -> str:
    """The e-mail address of a CAL-ADDRESS value, lower-case, without mailto:."""
    address = str(value).strip()
    if address.lower().startswith("mailto:"):
        address = address[7:]
    return address.strip().lower() if "@" in address else address.strip()


def _attendee(value: Any) -> Attendee | None:
    """Return an attendee from an ATTENDEE or ORGANIZER value."""
    params = getattr(value, "params", {})
    name = str(params.get("CN", "")).strip().strip('"')
    email = _address(value)
    if not email and not name:
        return None
    return Attendee(name=name, email=email, status=str(params.get("PARTSTAT", "")).upper())


def _as_list(value: Any) -> list[Any]:
    """Return a property that may appear once or many times as a list."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _owners(calendar: Any) -> set[str]:
    """Addresses a calendar names as its owner: Google puts it in X-WR-CALNAME, Outlook
    in X-OWNER."""
    found = set()
    name = str(calendar.get("X-WR-CALNAME", "")).strip().lower()
    if "@" in name and " " not in name:
        found.add(name)
    owner = _address(calendar.get("X-OWNER", ""))
    if "@" in owner:
        found.add(owner)
    return found


def parse_ics(data: bytes, name: str, since: datetime | None = None,
              until: datetime | None = None) -> ParsedCalendar:
    """Parse iCalendar bytes; CalendarError naming `name` when they are not a calendar.

    With `since`, simple long series start closer to it (see calendar_window.skip_ahead);
    with `until`, every rule ends by then (calendar_rules.bound_rules): the result then
    serves windows between the two only.

    A file refused only for its time zone definitions (an offset of "+9999", a part the
    libraries cannot read, used or not) is read again without them: its events then
    take their zones by name, or the local time for a name no one knows, rather than
    every meeting in it being hidden.
    """
    try:
        return _parse(data, name, since, until)
    except CalendarError:
        plain = without_timezones(data)
        if plain == data:
            raise
        parsed = _parse(plain, name, since, until)
        logger.warning("%s: its time zone definitions could not be read; "
                       "its events are read with the zones' names", name)
        return parsed


def _parse(data: bytes, name: str, since: datetime | None,
           until: datetime | None) -> ParsedCalendar:
    import icalendar
    import recurring_ical_events
    import x_wr_timezone

    _tolerant_zones()
    if b"\x00" in data[:65536]:
        raise CalendarError("{path}: not a valid iCalendar file ({reason})", path=name,
                            reason="binary data")
    if not data.strip():
        return ParsedCalendar((), frozenset())
    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except Exception as exc:  # icalendar raises many kinds on bad input
        raise CalendarError("{path}: not a valid iCalendar file ({reason})", path=name,
                            reason=_one_line(exc)) from exc
    calendars = [c for c in calendars if getattr(c, "name", "") == "VCALENDAR"]
    if not calendars:
        raise CalendarError("{path}: not a valid iCalendar file (no VCALENDAR)", path=name)
    queries: list[Any] = []
    owners: set[str] = set()
    for calendar in calendars:
        owners |= _owners(calendar)
        try:
            standard = x_wr_timezone.to_standard(calendar)
            _drop_events_without_a_start(standard)
            _spans_made_readable(standard)
            if since is not None:
                skip_ahead(standard, since)
            if until is not None:
                bound_rules(standard, until)
            queries.append(recurring_ical_events.of(standard, skip_bad_series=True))
        except Exception as exc:  # a calendar the libraries cannot make sense of
            raise CalendarError("{path}: not a valid iCalendar file ({reason})", path=name,
                                reason=_one_line(exc)) from exc
    return ParsedCalendar(tuple(queries), frozenset(owners))


@functools.cache
def _tolerant_zones() -> None:
    """icalendar's zone lookup, but a TZID naming a folder of the zone database
    ("TZID=Europe") is unknown, as any other unknown name is: zoneinfo's IsADirectoryError
    got out of the lookup and refused the whole file."""
    from icalendar.timezone import tzp
    from icalendar.timezone.zoneinfo import ZONEINFO

    class Zones(ZONEINFO):
        def timezone(self, name: str) -> tzinfo | None:
            try:
                return super().timezone(name)
            except OSError:
                return None

    tzp.use(Zones())


def _drop_events_without_a_start(calendar: Any) -> None:
    """An event without DTSTART (which RFC 5545 requires) made recurring-ical-events
    refuse the whole file: one broken entry hid every real meeting beside it."""
    broken = [c for c in calendar.subcomponents
              if getattr(c, "name", "") == "VEVENT" and "DTSTART" not in c]
    for component in broken:
        calendar.subcomponents.remove(component)
    if broken:
        logger.warning("skipped %d calendar events without a start", len(broken))


#: An event ending after this year is read as starting only: the libraries add days and
#: margins to its end, past what a date can hold.
LAST_END_YEAR = 9000


def _spans_made_readable(calendar: Any) -> None:
    """An event that ends before it starts, or whose end is past what a date holds, is
    read as starting only (no DTEND or DURATION: an instant, or an all-day event's day).
    A DURATION of 99999999 weeks refused the whole file ("date value out of range"),
    hiding every real meeting beside it; a DTEND a year before a daily meeting's DTSTART
    was turned round into a year-long busy block each day, and no prompt came."""
    fixed = 0
    for component in calendar.walk("VEVENT"):
        try:
            start = component["DTSTART"].dt
        except Exception:  # what has no start is dropped above; odd ones are left as read
            continue
        if "DTEND" not in component and "DURATION" not in component:
            continue
        try:
            end = (component["DTEND"].dt if "DTEND" in component
                   else start + component["DURATION"].dt)
            readable = end.year <= LAST_END_YEAR and _comparable(end) >= _comparable(start)
        except Exception:  # OverflowError, a duration that is no duration, a mix of types
            readable = False
        if not readable:
            component.pop("DTEND", None)
            component.pop("DURATION", None)
            fixed += 1
    if fixed:
        logger.warning("%d calendar events end before they start or past the year %d; "
                       "they are read as starting only", fixed, LAST_END_YEAR)


def _comparable(value: date | datetime) -> datetime:
    """`value` as a naive datetime, so a DTEND can be set against its DTSTART whatever
    their kinds (a date, a floating or a zoned time): in UTC when it has a zone."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time(0))
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=None)
    return value.astimezone(UTC).replace(tzinfo=None)


MAX_VERSIONS = 16384  # files whose reach (and last stamp) is kept


@functools.lru_cache(maxsize=16)
def _read_cached(path: str, _stamp: tuple[int, int, int, int]) -> Calendarfile:
    """One file's bytes and where its events lie; cached while its size, times and inode
    stay the same (an edited file is read again)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise CalendarError("{path}: cannot read the calendar ({reason})", path=path,
                            reason=_one_line(exc)) from exc
    if len(data) > MAX_FILE_BYTES:
        raise CalendarError("{path}: calendar file too large ({size} bytes)", path=path,
                            size=len(data))
    indexed = Calendarfile.index(data)
    if indexed.unclosed > MAX_UNCLOSED:  # icalendar nests each in the one before: gigabytes
        raise CalendarError("{path}: not a valid iCalendar file ({count} events are never "
                            "closed)", path=path, count=indexed.unclosed)
    return indexed


@functools.lru_cache(maxsize=32)
def _parse_cached(path: str, stamp: tuple[int, int, int, int], first: date,
                  last: date) -> ParsedCalendar:
    """The file parsed for windows within the days [first, last]: only events that may
    occur there are parsed, and long simple series start close to `first`."""
    indexed = _read_cached(path, stamp)
    count, limit = indexed.kept(first, last), MAX_PER_DAY * ((last - first).days + 1)
    if count > limit:
        raise CalendarError("{path}: {count} events around these days, more than the {n} "
                            "mlcoach reads; the calendar is left out", path=path, count=count,
                            n=limit)
    if count == 0 and indexed.events:  # a vdir's one-event files: most lie elsewhere
        return ParsedCalendar((), frozenset())
    data = indexed.only(first, last)
    return parse_ics(data, path, since=datetime.combine(first, time(0), tzinfo=UTC),
                     until=datetime.combine(last + timedelta(days=1), time(0), tzinfo=UTC))


@functools.lru_cache(maxsize=MAX_VERSIONS)
def _reach_cached(path: str, stamp: tuple[int, int, int, int]) -> tuple[bytes, bytes] | None:
    """Calendarfile.reach of one file, kept (two short strings) for far more files than
    their bytes are: a vdir (vdirsyncer, khal) holds each event in a file of its own, and
    the files whose events lie elsewhere are then not read again for each window."""
    return _read_cached(path, stamp).reach()


_versions: dict[str, tuple[int, int, int, int]] = {}  # each file's stamp as last read


def _newest_version(path: str, stamp: tuple[int, int, int, int]) -> None:
    """A file read in a new version: the bytes and parses of its older ones are dropped.
    A calendar exported again every few minutes (a sync job, a downloaded feed) otherwise
    filled both caches with versions nobody would ask for again: up to 16 copies of a
    32 MB file and 32 parses, for as long as the app ran."""
    seen = _versions.get(path)
    if seen == stamp:
        return
    if seen is not None:
        _read_cached.cache_clear()  # a dozen files at most: read again when asked
        _parse_cached.cache_clear()
    if len(_versions) >= MAX_VERSIONS:  # a vdir's files over the years: bounded
        _versions.clear()
    _versions[path] = stamp


def _stat(path: Path) -> os.stat_result:
    try:
        return path.stat()
    except OSError as exc:
        raise CalendarError("{path}: cannot read the calendar ({reason})", path=path,
                            reason=_one_line(exc)) from exc


def _parse_file(path: Path, start: datetime, end: datetime,
                info: os.stat_result | None = None) -> ParsedCalendar:
    """Return one calendar file parsed for the window [start, end) (`info`: its stat)."""
    info = info or _stat(path)
    if info.st_size > MAX_FILE_BYTES:
        raise CalendarError("{path}: calendar file too large ({size} bytes)", path=path,
                            size=info.st_size)
    stamp = (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)
    _newest_version(str(path), stamp)
    # Whole days with a margin wider than any UTC offset, so nearby windows share a parse.
    first = start.astimezone(UTC).date() - timedelta(days=2)
    last = end.astimezone(UTC).date() + timedelta(days=2)
    reach = _reach_cached(str(path), stamp)
    if reach is not None and (reach[1] < first.strftime("%Y%m%d").encode()
                              or reach[0] > last.strftime("%Y%m%d").encode()):
        return ParsedCalendar((), frozenset())
    return _parse_cached(str(path), stamp, first, last)


# -- expansion ---------------------------------------------------------------------------

def _placed(value: date | datetime, tz: tzinfo) -> datetime:
    """Return `value` as an aware datetime: dates at local midnight, floating times in `tz`."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time(0), tzinfo=tz)
    return value.replace(tzinfo=tz) if value.tzinfo is None else value


def _text(component: Any, key: str) -> str:
    """Return a text property as plain str."""
    value = component.get(key)
    return "" if value is None else str(value)


def _occurrence(component: Any, tz: tzinfo, owners: Collection[str]) -> Meeting | None:
    """Return one expanded VEVENT as a Meeting, or None when it has no usable start."""
    first = component.get("DTSTART")
    if first is None:
        return None
    begin_raw: date | datetime = first.dt
    all_day = not isinstance(begin_raw, datetime)
    try:
        finish_raw: date | datetime = component.end
    except Exception:  # no DTEND or DURATION: RFC 5545 says a day, or an instant
        finish_raw = begin_raw + timedelta(days=1) if all_day else begin_raw
    begin, finish = _placed(begin_raw, tz), _placed(finish_raw, tz)
    if finish < begin:
        finish = begin
    attendees = tuple(
        a for a in (_attendee(v) for v in _as_list(component.get("ATTENDEE"))) if a is not None
    )
    organizer = _attendee(component["ORGANIZER"]) if "ORGANIZER" in component else None
    declined = any(a.status == "DECLINED" and a.email in owners for a in attendees)
    busy = not (
        all_day
        or finish <= begin
        or declined
        or _text(component, "STATUS").upper() == "CANCELLED"
        or _text(component, "TRANSP").upper() == "TRANSPARENT"
        or _text(component, "X-MICROSOFT-CDO-BUSYSTATUS").upper() == "FREE"
    )
    return Meeting(
        summary=_text(component, "SUMMARY"),
        start=begin,
        end=finish,
        attendees=attendees,
        organizer=organizer,
        location=_text(component, "LOCATION"),
        uid=_text(component, "UID"),
        all_day=all_day,
        busy=busy,
    )


def expand(parsed: ParsedCalendar, start: datetime, end: datetime,
           owners: Collection[str] = ()) -> list[Meeting]:
    """Return the occurrences of one parsed calendar overlapping [start, end)."""
    tz = start.tzinfo
    assert tz is not None
    mine = {o.lower() for o in owners} | parsed.owners
    found: list[Meeting] = []
    # after() yields occurrences in start order, a day's worth at a time; between() would
    # build the whole window first (a SECONDLY rule gives 86,400 a day: gigabytes a year).
    past = end + timedelta(days=1)  # a day's slack: all-day dates float, times do not
    for query in parsed.queries:
        unreadable = 0
        for seen, component in enumerate(query.after(start)):
            first = component.get("DTSTART")
            if first is not None and _placed(first.dt, tz) >= past:
                break  # in start order: nothing later is in the window
            if seen >= MAX_LISTED or len(found) >= MAX_LISTED:
                logger.warning("a calendar has more than %d events in this window; "
                               "the rest are left out", MAX_LISTED)
                break
            try:
                meeting = _occurrence(component, tz, mine)
            except Exception as exc:  # one odd event must not hide the others
                unreadable += 1
                if unreadable == 1:
                    logger.warning("skipping an unreadable event: %s", _one_line(exc))
                continue
            if meeting is None:
                continue
            if meeting.start >= end or (meeting.end <= start and meeting.start < start):
                continue
            found.append(meeting)
        if unreadable > 1:
            logger.warning("skipped %d unreadable events in all", unreadable)
    return found


def _sorted(found: Iterable[Meeting]) -> list[Meeting]:
    """Sorted by start, without repeats (the same occurrence in two files counts once)."""
    unique: dict[tuple[str, datetime, datetime, str], Meeting] = {}
    for m in found:
        key = (m.uid, m.start.astimezone(UTC), m.end.astimezone(UTC), m.summary)
        previous = unique.get(key)
        if previous is None or (m.busy and not previous.busy):
            unique[key] = m
    return sorted(unique.values(), key=sort_key)


def sort_key(m: Meeting) -> tuple[datetime, bool, datetime, str]:
    """Occurrences in time order, a day's all-day ones first."""
    return (m.start.astimezone(UTC), not m.all_day, m.end.astimezone(UTC), m.summary)


def occurrences(path: Path, start: datetime, end: datetime, *,
                owners: Collection[str] = ()) -> Listing:
    """Every occurrence overlapping [start, end) from a .ics file or folder.

    A file that cannot be read becomes one entry in `problems` and the other files are
    still read; CalendarError only when `path` itself is missing or unreadable.
    `owners` are the user's own addresses: a meeting they declined is not busy.
    """
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("start and end must be aware datetimes")
    found: list[Meeting] = []
    problems: list[CalendarError] = []
    files = calendar_files(Path(path))
    budget, left_out = MAX_FOLDER_BYTES, 0
    for file in files:
        try:
            info = _stat(file)
            if len(files) > 1 and info.st_size <= MAX_FILE_BYTES:
                if info.st_size > budget:
                    left_out += 1
                    continue
                budget -= info.st_size
            found.extend(expand(_parse_file(file, start, end, info), start, end, owners))
        except CalendarError as exc:
            problems.append(exc)
        except Exception as exc:  # a rule dateutil refuses while expanding: this file only
            problems.append(CalendarError("{path}: a recurring event cannot be read "
                                          "({reason})", path=file, reason=_one_line(exc)))
    if left_out:
        problems.append(CalendarError(
            "{path}: left out {count} of {total} calendar files: together they hold more "
            "than the {size} MB mlcoach reads", path=path, count=left_out, total=len(files),
            size=MAX_FOLDER_BYTES // (1024 * 1024)))
    unread = bool(files) and len(problems) - bool(left_out) + left_out == len(files)
    return Listing(_sorted(found), problems, unread=unread)


def meetings(path: Path, start: datetime, end: datetime, *,
             owners: Collection[str] = ()) -> list[Meeting]:
    """Return the busy, timed meetings overlapping [start, end) from a .ics file or folder.

    CalendarError when the path cannot be read or none of its files can; in a folder
    an unreadable file is logged and skipped as long as another one reads.
    """
    listing = occurrences(path, start, end, owners=owners)
    for problem in listing.problems:
        logger.warning("%s", problem)
    if listing.unread:
        if len(listing.problems) == 1:
            raise listing.problems[0]
        raise CalendarError("{path}: no calendar file could be read ({reason})", path=path,
                            reason=listing.problems[0])
    return [m for m in listing.occurrences if m.busy]


def merge_busy(found: Sequence[Meeting]) -> list[tuple[datetime, datetime]]:
    """The merged busy intervals of `found`, sorted, in UTC."""
    merged: list[tuple[datetime, datetime]] = []
    spans = sorted((m.start.astimezone(UTC), m.end.astimezone(UTC)) for m in found if m.busy)
    for begin, finish in spans:
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], finish))
        else:
            merged.append((begin, finish))
    return merged


def busy_intervals(path: Path, start: datetime, end: datetime, *,
                   owners: Collection[str] = ()) -> list[tuple[datetime, datetime]]:
    """Return the merged busy intervals overlapping [start, end), sorted, in UTC."""
    return merge_busy(meetings(path, start, end, owners=owners))
