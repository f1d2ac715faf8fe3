"""The narrowing that keeps a ten-year calendar cheap never changes what is listed:
every simple series and every window gives what recurring-ical-events gives alone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
from hypothesis import given, settings
from hypothesis import strategies as st

from mlcoach.coaching.calendar_ics import expand, parse_ics
from mlcoach.coaching.calendar_window import Calendarfile

ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "floating"]


def _calendar(freq: str, interval: int, start: datetime, zone: str, byday: str,
              until: datetime | None, minutes: int) -> bytes:
    if zone == "floating":
        dtstart = f"DTSTART:{start:%Y%m%dT%H%M%S}"
        dtend = f"DTEND:{start + timedelta(minutes=minutes):%Y%m%dT%H%M%S}"
    else:
        dtstart = f"DTSTART;TZID={zone}:{start:%Y%m%dT%H%M%S}"
        dtend = f"DTEND;TZID={zone}:{start + timedelta(minutes=minutes):%Y%m%dT%H%M%S}"
    rule = f"RRULE:FREQ={freq};INTERVAL={interval}"
    rule += f";BYDAY={byday}" if byday and freq in ("DAILY", "WEEKLY") else ""
    rule += f";UNTIL={until:%Y%m%dT%H%M%SZ}" if until else ""
    return (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:s\r\n"
            f"DTSTAMP:20200101T000000Z\r\n{dtstart}\r\n{dtend}\r\n{rule}\r\n"
            "SUMMARY:series\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode()


@settings(max_examples=80, deadline=None)
@given(
    freq=st.sampled_from(["MINUTELY", "HOURLY", "DAILY", "WEEKLY"]),
    interval=st.integers(1, 5),
    start=st.datetimes(datetime(2015, 1, 1), datetime(2024, 1, 1)).map(
        lambda d: d.replace(second=0, microsecond=0)),
    zone=st.sampled_from(ZONES),
    byday=st.sampled_from(["", "MO", "TU,TH", "MO,WE,FR,SU"]),
    until_days=st.one_of(st.none(), st.integers(30, 4000)),
    minutes=st.integers(1, 600),
    offset_days=st.integers(0, 4000),
    hours=st.integers(1, 72),
)
def test_skip_ahead_lists_exactly_what_the_library_lists(
        freq: str, interval: int, start: datetime, zone: str, byday: str,
        until_days: int | None, minutes: int, offset_days: int, hours: int) -> None:
    if freq == "MINUTELY":
        offset_days = min(offset_days, 60)  # the library alone would take minutes
    until = (start + timedelta(days=until_days)).replace(tzinfo=UTC) if until_days else None
    data = _calendar(freq, interval, start, zone, byday, until, minutes)
    tz = ZoneInfo("Europe/Berlin")
    window_start = datetime.combine(start.date() + timedelta(days=offset_days),
                                    datetime.min.time(), tzinfo=tz) + timedelta(hours=7)
    window_end = window_start + timedelta(hours=hours)
    plain = recurring_ical_events.of(icalendar.Calendar.from_ical(data)).between(
        window_start, window_end)
    expected = sorted(
        (e.DTSTART if e.DTSTART.tzinfo else e.DTSTART.replace(tzinfo=tz)).astimezone(UTC)
        for e in plain)
    narrowed = parse_ics(data, "t.ics", since=window_start - timedelta(days=2))
    got = sorted(m.start.astimezone(UTC) for m in expand(narrowed, window_start, window_end))
    assert got == expected


def test_only_leaves_out_single_events_far_from_the_window() -> None:
    def event(uid: str, body: str) -> str:
        return f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20200101T000000Z\r\n{body}END:VEVENT\r\n"

    data = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n"
            + event("old", "DTSTART:20200101T090000Z\r\nDTEND:20200101T100000Z\r\n")
            + event("near", "DTSTART:20240603T090000Z\r\nDTEND:20240603T100000Z\r\n")
            + event("long", "DTSTART;VALUE=DATE:20240501\r\nDURATION:P6W\r\n")
            + event("series", "DTSTART:20200101T090000Z\r\nDURATION:PT1H\r\n"
                              "RRULE:FREQ=WEEKLY\r\n")
            + event("moved", "RECURRENCE-ID;RANGE=THISANDFUTURE:20200108T090000Z\r\n"
                             "DTSTART:20200108T100000Z\r\nDURATION:PT1H\r\n")
            + event("folded", "DTSTART;TZID=Europe/Berlin:2024060\r\n 3T090000\r\n"
                              "DTEND;TZID=Europe/Berlin:20240603T100000\r\n")
            + event("undated", "SUMMARY:no dates\r\n")
            # 200 hours from May 25th reach June 2nd; 20 hours do not
            + event("hours", "DTSTART:20240525T090000Z\r\nDURATION:PT200H\r\n")
            + event("short", "DTSTART:20240525T090000Z\r\nDURATION:PT20H\r\n")
            + event("mixed", "DTSTART:20240530T090000Z\r\nDURATION:P1DT36H\r\n")
            + event("odd", "DTSTART:20240101T090000Z\r\nDURATION:P1Y\r\n")
            + event("alarmed", "DTSTART:20240525T090000Z\r\nDURATION:PT200H\r\n"
                               "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\n"
                               "DURATION:PT5M\r\nREPEAT:2\r\nEND:VALARM\r\n")
            + "END:VCALENDAR\r\n").encode()
    kept = Calendarfile.index(data).only(date(2024, 6, 1), date(2024, 6, 5))
    uids = {c["UID"] for c in icalendar.Calendar.from_ical(kept).walk("VEVENT")}
    assert uids == {"near", "long", "series", "moved", "folded", "undated", "hours", "mixed",
                    "odd", "alarmed"}


def _all_day(freq: str, interval: int, start: date, days: int, byday: str) -> bytes:
    def day(d: date) -> str:  # strftime leaves years before 1000 unpadded
        return f"{d.year:04d}{d.month:02d}{d.day:02d}"

    rule = f"RRULE:FREQ={freq};INTERVAL={interval}"
    rule += f";BYDAY={byday}" if byday and freq in ("DAILY", "WEEKLY") else ""
    return (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:d\r\n"
            f"DTSTAMP:20200101T000000Z\r\nDTSTART;VALUE=DATE:{day(start)}\r\n"
            f"DTEND;VALUE=DATE:{day(start + timedelta(days=days))}\r\n{rule}\r\n"
            "SUMMARY:all day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode()


@settings(max_examples=60, deadline=None)
@given(
    freq=st.sampled_from(["DAILY", "WEEKLY"]),
    interval=st.integers(1, 5),
    start=st.dates(date(2015, 1, 1), date(2024, 1, 1)),
    days=st.integers(1, 10),
    byday=st.sampled_from(["", "MO", "TU,TH", "MO,WE,FR,SU"]),
    offset_days=st.integers(0, 4000),
    hours=st.integers(1, 96),
)
def test_skip_ahead_keeps_all_day_series_as_the_library_lists_them(
        freq: str, interval: int, start: date, days: int, byday: str, offset_days: int,
        hours: int) -> None:
    data = _all_day(freq, interval, start, days, byday)
    tz = ZoneInfo("Europe/Berlin")
    window_start = datetime.combine(start + timedelta(days=offset_days), datetime.min.time(),
                                    tzinfo=tz) + timedelta(hours=7)
    window_end = window_start + timedelta(hours=hours)
    plain = recurring_ical_events.of(icalendar.Calendar.from_ical(data)).between(
        window_start, window_end)
    expected = sorted(str(e.DTSTART) for e in plain)
    narrowed = parse_ics(data, "t.ics", since=window_start - timedelta(days=2))
    got = sorted(m.start.astimezone(tz).date().isoformat()
                 for m in expand(narrowed, window_start, window_end))
    assert got == expected


def test_an_all_day_series_from_the_year_one_is_started_near_the_window() -> None:
    """A daily all-day series from 0001-01-01 was stepped through day by day from the year
    one: minutes of the GUI thread (the app reads the calendar for every schedule)."""
    from mlcoach.coaching.calendar_window import skip_ahead

    data = _all_day("DAILY", 1, date(1, 1, 1), 1, "")
    calendar = icalendar.Calendar.from_ical(data)
    since = datetime(2026, 11, 30, tzinfo=UTC)
    skip_ahead(calendar, since)
    event = next(iter(calendar.walk("VEVENT")))
    assert timedelta(0) < since.date() - event["DTSTART"].dt <= timedelta(days=5)
    assert event["DTEND"].dt - event["DTSTART"].dt == timedelta(days=1)
    narrowed = parse_ics(data, "t.ics", since=since)
    window = datetime(2026, 12, 1, 8, tzinfo=UTC)
    days = {m.start.date() for m in expand(narrowed, window, window + timedelta(days=2))}
    assert days >= {date(2026, 12, 1), date(2026, 12, 2)}
