"""Tests for mlcoach.coaching.calendar_ics: meetings and busy time from local .ics files."""

from __future__ import annotations

import itertools
import os
import time as clock
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from mlcoach.coaching.calendar_ics import (
    Attendee,
    CalendarError,
    busy_intervals,
    calendar_files,
    meetings,
    occurrences,
)
from mlcoach.domain.errors import MlcoachError

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def ics(*events: str, extra: str = "") -> str:
    """Return a calendar holding the given VEVENT bodies."""
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//mlcoach tests//EN\r\n"
        f"{extra}{body}END:VCALENDAR\r\n"
    )


def write(path: Path, text: str) -> Path:
    """Write `text` with CRLF line ends, as calendar programs do."""
    path.write_bytes(text.replace("\r\n", "\n").replace("\n", "\r\n").encode())
    return path


def day(d: date, tz: ZoneInfo = BERLIN) -> tuple[datetime, datetime]:
    """Return the window of one local day."""
    start = datetime.combine(d, time(0), tzinfo=tz)
    return start, start + timedelta(days=1)


def local(instant: datetime, tz: ZoneInfo = BERLIN) -> str:
    """Return HH:MM of `instant` in `tz`."""
    return instant.astimezone(tz).strftime("%H:%M")


STANDUP = """
UID:standup@example.com
SUMMARY:Standup
DTSTART;TZID=Europe/Berlin:20240325T093000
DTEND;TZID=Europe/Berlin:20240325T094500
RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20240501T000000Z
EXDATE;TZID=Europe/Berlin:20240327T093000
ORGANIZER;CN=Grace Hopper:mailto:grace@example.com
ATTENDEE;CN=Ada Lovelace;PARTSTAT=ACCEPTED:mailto:ada@example.com
ATTENDEE:MAILTO:bob@example.com
"""


def test_a_single_meeting_is_busy(tmp_path: Path) -> None:
    path = write(
        tmp_path / "cal.ics",
        ics("""
UID:1
SUMMARY:One-to-one with Sam
DTSTART:20240603T080000Z
DTEND:20240603T083000Z
LOCATION:Room 4
"""),
    )
    found = meetings(path, *day(date(2024, 6, 3)))
    assert len(found) == 1
    assert found[0].summary == "One-to-one with Sam" and found[0].location == "Room 4"
    assert busy_intervals(path, *day(date(2024, 6, 3))) == [
        (datetime(2024, 6, 3, 8, 0, tzinfo=UTC), datetime(2024, 6, 3, 8, 30, tzinfo=UTC))
    ]
    assert busy_intervals(path, *day(date(2024, 6, 4))) == []


def test_weekly_rule_with_byday_exdate_until_across_dst(tmp_path: Path) -> None:
    path = write(tmp_path / "cal.ics", ics(STANDUP))
    start = datetime(2024, 3, 25, tzinfo=BERLIN)
    found = meetings(path, start, start + timedelta(days=60))
    days = [m.start.astimezone(BERLIN).date() for m in found]
    assert date(2024, 3, 25) in days and date(2024, 3, 27) not in days  # EXDATE
    assert date(2024, 4, 1) in days and date(2024, 4, 3) in days
    assert max(days) == date(2024, 4, 29)  # UNTIL
    assert all(m.start.weekday() in (0, 2) for m in found)
    # The wall time stays 09:30 across the change to summer time on 31 March.
    assert {local(m.start) for m in found} == {"09:30"}
    assert {m.end - m.start for m in found} == {timedelta(minutes=15)}
    first = found[0]
    assert first.organizer == Attendee("Grace Hopper", "grace@example.com")
    assert first.attendees == (
        Attendee("Ada Lovelace", "ada@example.com"),
        Attendee("", "bob@example.com"),
    )


def test_daily_rule_with_count_and_an_infinite_rule(tmp_path: Path) -> None:
    path = write(
        tmp_path / "cal.ics",
        ics(
            """
UID:daily
SUMMARY:Daily sync
DTSTART;TZID=America/New_York:20240308T100000
DURATION:PT30M
RRULE:FREQ=DAILY;COUNT=4
""",
            """
UID:forever
SUMMARY:Weekly review
DTSTART;TZID=America/New_York:20100104T160000
DTEND;TZID=America/New_York:20100104T170000
RRULE:FREQ=WEEKLY;BYDAY=MO
""",
        ),
    )
    start = datetime(2024, 3, 8, tzinfo=NEW_YORK)
    found = meetings(path, start, start + timedelta(days=7))
    daily = [m for m in found if m.uid == "daily"]
    assert [m.start.astimezone(NEW_YORK).day for m in daily] == [8, 9, 10, 11]
    assert {local(m.start, NEW_YORK) for m in daily} == {"10:00"}  # across 10 March
    weekly = [m for m in found if m.uid == "forever"]
    assert [m.start.astimezone(NEW_YORK).date() for m in weekly] == [date(2024, 3, 11)]


def test_moved_and_cancelled_occurrences(tmp_path: Path) -> None:
    path = write(
        tmp_path / "cal.ics",
        ics(
            STANDUP,
            """
UID:standup@example.com
RECURRENCE-ID;TZID=Europe/Berlin:20240401T093000
SUMMARY:Standup (moved)
DTSTART;TZID=Europe/Berlin:20240401T110000
DTEND;TZID=Europe/Berlin:20240401T113000
""",
            """
UID:standup@example.com
RECURRENCE-ID;TZID=Europe/Berlin:20240403T093000
SUMMARY:Standup
STATUS:CANCELLED
DTSTART;TZID=Europe/Berlin:20240403T093000
DTEND;TZID=Europe/Berlin:20240403T094500
""",
        ),
    )
    monday = meetings(path, *day(date(2024, 4, 1)))
    assert [(m.summary, local(m.start)) for m in monday] == [("Standup (moved)", "11:00")]
    assert meetings(path, *day(date(2024, 4, 3))) == []
    assert len(meetings(path, *day(date(2024, 4, 8)))) == 1


def test_all_day_free_and_cancelled_events_are_not_meetings(tmp_path: Path) -> None:
    path = write(
        tmp_path / "cal.ics",
        ics(
            """
UID:a
SUMMARY:Holiday
DTSTART;VALUE=DATE:20240603
DTEND;VALUE=DATE:20240604
""",
            """
UID:b
SUMMARY:Focus time
TRANSP:TRANSPARENT
DTSTART:20240603T090000Z
DTEND:20240603T100000Z
""",
            """
UID:c
SUMMARY:Called off
STATUS:CANCELLED
DTSTART:20240603T110000Z
DTEND:20240603T120000Z
""",
            """
UID:d
SUMMARY:Marked free in Outlook
X-MICROSOFT-CDO-BUSYSTATUS:FREE
DTSTART:20240603T130000Z
DTEND:20240603T140000Z
""",
            """
UID:e
SUMMARY:A reminder with no length
DTSTART:20240603T150000Z
""",
            """
UID:f
SUMMARY:Real meeting
DTSTART:20240603T160000Z
DTEND:20240603T163000Z
""",
        ),
    )
    assert [m.summary for m in meetings(path, *day(date(2024, 6, 3)))] == ["Real meeting"]


def test_floating_times_are_read_in_the_window_time_zone(tmp_path: Path) -> None:
    path = write(
        tmp_path / "cal.ics",
        ics("""
UID:float
SUMMARY:Lunch
DTSTART:20240603T120000
DTEND:20240603T130000
"""),
    )
    found = meetings(path, *day(date(2024, 6, 3), NEW_YORK))
    assert found[0].start == datetime(2024, 6, 3, 12, tzinfo=NEW_YORK)


def test_custom_vtimezone_definitions_are_used(tmp_path: Path) -> None:
    vtimezone = """BEGIN:VTIMEZONE\r
TZID:W. Europe Standard Time\r
BEGIN:STANDARD\r
DTSTART:16010101T030000\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r
END:STANDARD\r
BEGIN:DAYLIGHT\r
DTSTART:16010101T020000\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r
END:DAYLIGHT\r
END:VTIMEZONE\r
"""
    path = write(
        tmp_path / "outlook.ics",
        ics(
            """
UID:outlook
SUMMARY:Planning
DTSTART;TZID=W. Europe Standard Time:20240603T100000
DTEND;TZID=W. Europe Standard Time:20240603T110000
""",
            extra=vtimezone,
        ),
    )
    (found,) = meetings(path, *day(date(2024, 6, 3)))
    assert found.start.astimezone(UTC) == datetime(2024, 6, 3, 8, tzinfo=UTC)


def test_rule_with_a_date_until_and_rdate(tmp_path: Path) -> None:
    path = write(
        tmp_path / "cal.ics",
        ics("""
UID:r
SUMMARY:Retro
DTSTART:20240603T140000Z
DTEND:20240603T150000Z
RRULE:FREQ=DAILY;UNTIL=20240605
RDATE:20240610T140000Z
"""),
    )
    start = datetime(2024, 6, 1, tzinfo=UTC)
    found = meetings(path, start, start + timedelta(days=14))
    # A DATE UNTIL on a timed series (not allowed by RFC 5545, written anyway) ends the
    # series at the start of that day, as recurring-ical-events reads it.
    assert [m.start.day for m in found] == [3, 4, 10]


def test_overlapping_meetings_merge_into_one_busy_interval(tmp_path: Path) -> None:
    path = write(
        tmp_path / "cal.ics",
        ics(
            """
UID:x
DTSTART:20240603T090000Z
DTEND:20240603T100000Z
""",
            """
UID:y
DTSTART:20240603T093000Z
DTEND:20240603T103000Z
""",
            """
UID:z
DTSTART:20240603T120000Z
DTEND:20240603T123000Z
""",
        ),
    )
    busy = busy_intervals(path, *day(date(2024, 6, 3)))
    assert [(local(a, ZoneInfo("UTC")), local(b, ZoneInfo("UTC"))) for a, b in busy] == [
        ("09:00", "10:30"),
        ("12:00", "12:30"),
    ]


def test_a_meeting_overlapping_the_window_edge_keeps_its_real_end(tmp_path: Path) -> None:
    path = write(
        tmp_path / "cal.ics",
        ics("""
UID:late
DTSTART:20240603T233000Z
DTEND:20240604T010000Z
"""),
    )
    start = datetime(2024, 6, 4, tzinfo=UTC)
    assert busy_intervals(path, start, start + timedelta(hours=1)) == [
        (datetime(2024, 6, 3, 23, 30, tzinfo=UTC), datetime(2024, 6, 4, 1, tzinfo=UTC))
    ]


def test_folder_reads_every_ics_file_and_skips_a_broken_one(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write(tmp_path / "work.ics", ics("UID:w\nDTSTART:20240603T090000Z\nDTEND:20240603T100000Z"))
    write(tmp_path / "home.ICS", ics("UID:h\nDTSTART:20240603T170000Z\nDTEND:20240603T180000Z"))
    (tmp_path / "notes.txt").write_text("not a calendar")
    (tmp_path / "broken.ics").write_text("this is not\nan iCalendar file\n")
    assert [p.name for p in calendar_files(tmp_path)] == ["broken.ics", "home.ICS", "work.ics"]
    found = meetings(tmp_path, *day(date(2024, 6, 3)))
    assert sorted(m.uid for m in found) == ["h", "w"]
    assert "broken.ics" in caplog.text


def test_malformed_files_give_a_one_line_calendar_error(tmp_path: Path) -> None:
    cases = {
        "garbage.ics": b"\x00\xff\xfe garbage\nmore garbage",
        "text.ics": b"hello world",
        "nocal.ics": b"BEGIN:VTODO\r\nSUMMARY:x\r\nEND:VTODO\r\n",
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(CalendarError) as info:
            meetings(path, *day(date(2024, 6, 3)))
        message = str(info.value)
        assert "\n" not in message and name in message and len(message) < 300
        assert isinstance(info.value, MlcoachError)
    only_broken = tmp_path / "folder"
    only_broken.mkdir()
    (only_broken / "a.ics").write_bytes(b"nonsense")
    (only_broken / "b.ics").write_bytes(b"BEGIN:VEVENT")
    with pytest.raises(CalendarError, match="no calendar file could be read"):
        busy_intervals(only_broken, *day(date(2024, 6, 3)))


def test_missing_path_and_empty_things(tmp_path: Path) -> None:
    with pytest.raises(CalendarError, match="no calendar file or folder"):
        meetings(tmp_path / "nope.ics", *day(date(2024, 6, 3)))
    (tmp_path / "empty.ics").write_bytes(b"")
    assert meetings(tmp_path / "empty.ics", *day(date(2024, 6, 3))) == []
    empty_dir = tmp_path / "none"
    empty_dir.mkdir()
    assert meetings(empty_dir, *day(date(2024, 6, 3))) == []
    with pytest.raises(ValueError, match="aware"):
        meetings(empty_dir, datetime(2024, 6, 3), datetime(2024, 6, 4))


def test_a_broken_event_does_not_hide_the_others(tmp_path: Path) -> None:
    path = write(
        tmp_path / "cal.ics",
        ics(
            "UID:bad\nDTSTART:tomorrow-ish\nDTEND:later",
            "UID:bad-rule\nDTSTART:20240603T070000Z\nDTEND:20240603T073000Z\nRRULE:FREQ=SOMETIMES",
            "UID:good\nDTSTART:20240603T090000Z\nDTEND:20240603T100000Z",
        ),
    )
    uids = {m.uid for m in meetings(path, *day(date(2024, 6, 3)))}
    assert "good" in uids and "bad" not in uids


@pytest.mark.parametrize("offset", ["+9999", "+2500", "nonsense"])
def test_a_time_zone_definition_no_one_can_read_does_not_hide_the_meetings(
        tmp_path: Path, offset: str) -> None:
    """One VTIMEZONE with an impossible offset, used or not, refused the whole file: every
    meeting in it was hidden. It is read without the definitions: a zone's own name
    still places its events, an unknown one is local time."""
    weird = ("BEGIN:VTIMEZONE\nTZID:Weird\nBEGIN:STANDARD\nDTSTART:19700101T000000\n"
             f"TZOFFSETFROM:{offset}\nTZOFFSETTO:{offset}\nEND:STANDARD\nEND:VTIMEZONE\n")
    berlin = weird.replace("Weird", "Europe/Berlin")
    path = write(tmp_path / "cal.ics", ics(
        "UID:named\nDTSTART;TZID=Europe/Berlin:20240603T100000\nDURATION:PT30M",
        "UID:weird\nDTSTART;TZID=Weird:20240603T140000\nDURATION:PT30M",
        "UID:utc\nDTSTART:20240603T120000Z\nDURATION:PT30M", extra=weird + berlin))
    found = {m.uid: m for m in meetings(path, *day(date(2024, 6, 3)))}
    assert set(found) == {"named", "weird", "utc"}
    assert local(found["named"].start) == "10:00"
    assert local(found["weird"].start) == "14:00"  # read in the window's zone
    assert found["utc"].start == datetime(2024, 6, 3, 12, tzinfo=UTC)


@pytest.mark.parametrize("tzid", ["Europe", "/mozilla.org/20070129_1/America"])
def test_a_time_zone_named_as_a_folder_of_zones_is_an_unknown_zone(
        tmp_path: Path, tzid: str) -> None:
    """TZID=Europe made the zone lookup read a folder (IsADirectoryError): the whole file
    was refused. It is an unknown zone: local time, and the other meetings stand."""
    path = write(tmp_path / "cal.ics", ics(
        f"UID:odd\nDTSTART;TZID={tzid}:20240603T100000\nDURATION:PT30M",
        "UID:utc\nDTSTART:20240603T120000Z\nDURATION:PT30M"))
    found = {m.uid: m for m in meetings(path, *day(date(2024, 6, 3)))}
    assert set(found) == {"odd", "utc"}
    assert local(found["odd"].start) == "10:00"


def test_changes_to_the_file_are_picked_up(tmp_path: Path) -> None:
    path = write(
        tmp_path / "cal.ics", ics("UID:1\nDTSTART:20240603T090000Z\nDTEND:20240603T100000Z")
    )
    assert len(meetings(path, *day(date(2024, 6, 3)))) == 1
    write(
        path,
        ics(
            "UID:1\nDTSTART:20240603T090000Z\nDTEND:20240603T100000Z",
            "UID:2\nDTSTART:20240603T110000Z\nDTEND:20240603T120000Z",
        ),
    )
    later = clock.time() + 5
    os.utime(path, (later, later))
    assert len(meetings(path, *day(date(2024, 6, 3)))) == 2


@hsettings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.lists(
            st.sampled_from(
                [
                    "BEGIN:VCALENDAR",
                    "END:VCALENDAR",
                    "BEGIN:VEVENT",
                    "END:VEVENT",
                    "UID:x",
                    "DTSTART:20240603T090000Z",
                    "DTEND:20240603T100000Z",
                    "DTSTART;VALUE=DATE:20240603",
                    "DTSTART;TZID=Nowhere/Land:20240603T090000",
                    "RRULE:FREQ=DAILY;COUNT=3",
                    "RRULE:FREQ=WEEKLY;UNTIL=20240601",
                    "RRULE:FREQ=MINUTELY",
                    "EXDATE:garbage",
                    "DURATION:PT1H",
                    "DURATION:nonsense",
                    "RECURRENCE-ID:20240603T090000Z",
                    "STATUS:CANCELLED",
                    'ATTENDEE;CN="A, B":mailto:a@b',
                    "DTEND:20240603",
                    ":::",
                    "BEGIN:X",
                ]
            ),
            max_size=30,
        ).map(lambda lines: "\r\n".join(lines).encode()),
    )
)
def test_any_file_gives_meetings_or_a_calendar_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.ics"
    path.write_bytes(data)
    start = datetime(2024, 6, 3, tzinfo=UTC)
    try:
        busy = busy_intervals(path, start, start + timedelta(days=2))
    except CalendarError as exc:
        assert "\n" not in str(exc)
        return
    assert all(a < b for a, b in busy)
    assert all(b1 < a2 for (_, b1), (a2, _) in itertools.pairwise(busy))


def test_a_rule_firing_every_second_is_no_meeting_and_costs_nothing(tmp_path: Path) -> None:
    """Expanding a SECONDLY rule for a year once built 31 million events in memory, and one
    that never matches ("…;BYMONTH=2;BYMONTHDAY=31") ran for ever. No calendar program
    writes such a rule for a meeting: it is left out, the event standing at its start."""
    path = write(tmp_path / "storm.ics", ics(
        "UID:storm\nSUMMARY:Storm\nDTSTART:20240603T080000Z\nDTEND:20240603T080001Z\n"
        "RRULE:FREQ=SECONDLY",
        "UID:never\nSUMMARY:Never\nDTSTART:20240101T090000Z\nDTEND:20240101T090001Z\n"
        "RRULE:FREQ=SECONDLY;BYMONTHDAY=31;BYMONTH=2;BYHOUR=1",
        "UID:minutes\nSUMMARY:Minutes\nDTSTART:20240101T090000Z\nDTEND:20240101T090001Z\n"
        "RRULE:FREQ=MINUTELY;BYSETPOS=-1",
        "UID:lunch\nSUMMARY:Lunch\nDTSTART:20240603T120000Z\nDTEND:20240603T130000Z\n"
        "RRULE:FREQ=DAILY;COUNT=400"))
    start = datetime(2024, 6, 3, tzinfo=UTC)
    found = meetings(path, start, start + timedelta(days=366))
    assert [m.summary for m in found[:2]] == ["Storm", "Lunch"]
    assert {m.summary for m in found[2:]} == {"Lunch"} and len(found) == 1 + 366


@pytest.mark.parametrize("rule", ["FREQ=DAILY;INTERVAL=0", "FREQ=DAILY;INTERVAL=-1",
                                  "FREQ=WEEKLY;INTERVAL=x"])
def test_a_rule_that_never_advances_is_left_out_and_the_rest_is_read(
        tmp_path: Path, rule: str) -> None:
    """INTERVAL=0 made dateutil loop on one instant for ever, its memory growing; -1 was
    an unexpected error that hid every other file of the folder."""
    (tmp_path / "cal").mkdir()
    write(tmp_path / "cal" / "bad.ics", ics(
        f"UID:bad\nSUMMARY:Bad\nDTSTART:20240603T080000Z\nDTEND:20240603T083000Z\n"
        f"RRULE:{rule}"))
    write(tmp_path / "cal" / "good.ics", ics(
        "UID:good\nSUMMARY:Good\nDTSTART:20240604T090000Z\nDTEND:20240604T100000Z"))
    start = datetime(2024, 6, 3, tzinfo=UTC)
    listing = occurrences(tmp_path / "cal", start, start + timedelta(days=7))
    assert [m.summary for m in listing.occurrences] == ["Bad", "Good"]  # the bad one at its start
    assert listing.problems == []


def test_a_rule_that_never_matches_ends_at_the_window(tmp_path: Path) -> None:
    """February 30th every day since 2016: dateutil once walked to the year 9999."""
    path = write(tmp_path / "never.ics", ics(
        "UID:n\nSUMMARY:Never\nDTSTART:20160101T090000Z\nDTEND:20160101T093000Z\n"
        "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "UID:c\nSUMMARY:Counted\nDTSTART:20160101T090000Z\nDTEND:20160101T093000Z\n"
        "RRULE:FREQ=DAILY;COUNT=3;BYMONTH=4;BYMONTHDAY=31",
        "UID:u\nSUMMARY:Until\nDTSTART:20240603T090000Z\nDTEND:20240603T093000Z\n"
        "RRULE:FREQ=DAILY;UNTIL=20240604T090000Z"))
    start = datetime(2024, 6, 3, tzinfo=UTC)
    found = meetings(path, start, start + timedelta(days=3))
    assert [(m.summary, m.start.day) for m in found] == [("Until", 3), ("Until", 4)]


def test_an_endless_rule_past_the_window_stops_at_its_end(tmp_path: Path) -> None:
    path = write(tmp_path / "daily.ics", ics(
        "UID:d\nSUMMARY:Daily\nDTSTART:20240603T090000Z\nDTEND:20240603T093000Z\n"
        "RRULE:FREQ=DAILY"))
    start = datetime(2024, 6, 3, tzinfo=UTC)
    found = meetings(path, start, start + timedelta(days=3))
    assert [m.start.day for m in found] == [3, 4, 5]


def test_a_long_walk_to_the_window_is_skipped_or_left_out(tmp_path: Path) -> None:
    """Every hour of every day since the year 1 ran for minutes and took gigabytes: a daily
    or weekly rule with times of day now starts near the window (same occurrences there);
    one that cannot be moved and would walk too far is left out, its event at its start."""
    path = write(tmp_path / "walk.ics", ics(
        "UID:h\nSUMMARY:Hourly\nDTSTART:00010101T090000Z\nDTEND:00010101T091500Z\n"
        "RRULE:FREQ=DAILY;BYHOUR=9,14",
        "UID:w\nSUMMARY:Weekly\nDTSTART:00010101T090000Z\nDTEND:00010101T093000Z\n"
        "RRULE:FREQ=WEEKLY;BYDAY=MO;BYHOUR=10;BYMINUTE=0,30",
        "UID:far\nSUMMARY:Far\nDTSTART:00010101T090000Z\nDTEND:00010101T091500Z\n"
        "RRULE:FREQ=DAILY;BYMONTH=6;BYHOUR=7,8",
        "UID:b\nSUMMARY:Birthday\nDTSTART;VALUE=DATE:16040603\nRRULE:FREQ=YEARLY"))
    start = datetime(2024, 6, 3, tzinfo=UTC)  # a Monday
    found = occurrences(path, start, start + timedelta(days=1)).occurrences
    assert [(m.summary, m.start.hour, m.start.minute) for m in found] == [
        ("Birthday", 0, 0), ("Hourly", 9, 0), ("Weekly", 10, 0), ("Weekly", 10, 30),
        ("Hourly", 14, 0)]


def test_a_calendar_with_thousands_of_events_in_the_window_is_left_out_unparsed(
        tmp_path: Path) -> None:
    """80,000 meetings on one day held the tray for three minutes while they were parsed
    on its thread. Past MAX_PER_DAY events a day around the days asked for, it is left out
    with the reason, before any is parsed; the same file for other days is read."""
    from mlcoach.coaching import calendar_ics

    busy_day = "".join(
        f"BEGIN:VEVENT\r\nUID:e{n}@x\r\nDTSTART:20240325T{9 + n % 8:02d}0000Z\r\n"
        f"DTEND:20240325T{9 + n % 8:02d}3000Z\r\nSUMMARY:Slot {n}\r\nEND:VEVENT\r\n"
        for n in range(calendar_ics.MAX_PER_DAY * 10))  # a day's window reads six days
    one = ("BEGIN:VEVENT\r\nUID:later@x\r\nDTSTART:20240415T090000Z\r\n"
           "DTEND:20240415T093000Z\r\nSUMMARY:Standup\r\nEND:VEVENT\r\n")
    path = tmp_path / "busy.ics"
    path.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + busy_day + one + "END:VCALENDAR\r\n")
    parsed: list[int] = []
    real_parse = calendar_ics.parse_ics
    calendar_ics._parse_cached.cache_clear()
    try:
        calendar_ics.parse_ics = lambda *a, **k: parsed.append(1) or real_parse(*a, **k)  # type: ignore[assignment]
        with pytest.raises(CalendarError, match=r"4000 events .* more than the 2400"):
            meetings(path, *day(date(2024, 3, 25)))
        assert parsed == []
        assert [m.summary for m in meetings(path, *day(date(2024, 4, 15)))] == ["Standup"]
    finally:
        calendar_ics.parse_ics = real_parse  # type: ignore[assignment]
        calendar_ics._parse_cached.cache_clear()


def test_a_time_zone_rule_that_is_not_a_yearly_change_is_taken_out(tmp_path: Path) -> None:
    """A VTIMEZONE whose STANDARD part repeated every two minutes from the year 1 ran for
    minutes and took gigabytes at every read (dateutil expands it for each offset)."""
    from mlcoach.coaching.calendar_window import Calendarfile

    hostile = ("BEGIN:VTIMEZONE\r\nTZID:W\r\nBEGIN:STANDARD\r\nDTSTART:00010101T000000\r\n"
               "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=MINUTELY;INTERVAL=2\r\n"
               "END:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\n"
               "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
               "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3,4,5,6,7,8,9,10,11,12\r\n"
               "END:DAYLIGHT\r\nEND:VTIMEZONE\r\n")
    outlook = ("BEGIN:VTIMEZONE\r\nTZID:O\r\nBEGIN:STANDARD\r\nDTSTART:16010101T030000\r\n"
               "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;"
               "BYMONTH=10\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:19870405T020000\r\n"
               "TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nRRULE:FREQ=YEARLY;BYMONTH=4;"
               "BYMONTHDAY=1,2,3,4,5,6,7;BYDAY=SU\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n")
    text = ics("UID:s\nSUMMARY:S\nDTSTART;TZID=W:20261203T090000\nDTEND;TZID=W:20261203T100000",
               extra=hostile + outlook)
    kept = Calendarfile.index(write(tmp_path / "tz.ics", text).read_bytes()).data.decode()
    assert "FREQ=MINUTELY" not in kept and "BYMONTH=3,4" not in kept
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in kept  # real zones keep theirs
    assert "BYMONTHDAY=1,2,3,4,5,6,7;BYDAY=SU" in kept
    (found,) = meetings(tmp_path / "tz.ics", datetime(2026, 12, 3, tzinfo=UTC),
                        datetime(2026, 12, 4, tzinfo=UTC))
    assert found.summary == "S"


def test_events_never_closed_are_refused_in_one_line(tmp_path: Path) -> None:
    """BEGIN:VEVENT two million times (32 MB) took 79 s and 1.5 GB to parse."""
    body = "BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261203T090000Z\r\n" * 500
    path = write(tmp_path / "open.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + body
                 + "END:VCALENDAR\r\n")
    with pytest.raises(CalendarError, match="events are never closed") as caught:
        meetings(path, datetime(2026, 12, 3, tzinfo=UTC), datetime(2026, 12, 4, tzinfo=UTC))
    assert "\n" not in str(caught.value)


def test_an_event_without_a_start_does_not_hide_the_others(tmp_path: Path) -> None:
    path = write(tmp_path / "one-bad.ics", ics(
        "UID:good\nSUMMARY:Real standup\nDTSTART:20261203T090000Z\nDTEND:20261203T100000Z",
        "UID:bad\nSUMMARY:No start"))
    found = meetings(path, datetime(2026, 12, 3, tzinfo=UTC), datetime(2026, 12, 4, tzinfo=UTC))
    assert [m.summary for m in found] == ["Real standup"]


@pytest.mark.parametrize(("rule", "possible"), [
    ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", False),
    ("FREQ=YEARLY;BYMONTH=4,6;BYMONTHDAY=31", False),
    ("FREQ=MONTHLY;BYMONTHDAY=31", True),
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", True),
    ("FREQ=MONTHLY;BYMONTHDAY=-1", True),
])
def test_a_day_no_month_has_is_known_before_dateutil_walks_to_9999(rule: str,
                                                                    possible: bool) -> None:
    from icalendar import vRecur

    from mlcoach.coaching.calendar_rules import _possible

    assert _possible(vRecur.from_ical(rule)) is possible


def _one_event_files(folder: Path, days: list[date]) -> None:
    """A vdir (vdirsyncer, khal): each event in a file of its own."""
    folder.mkdir()
    for n, d in enumerate(days):
        write(folder / f"event-{n:03d}.ics",
              ics(f"UID:e{n}@x\nDTSTART:{d:%Y%m%d}T090000Z\nDTEND:{d:%Y%m%d}T093000Z\n"
                  f"SUMMARY:Meeting on {d:%d %B}"))


def test_a_folder_of_one_event_files_parses_only_the_files_near_the_window(
        tmp_path: Path) -> None:
    """A vdir of years holds thousands of files: each was parsed at every read (the app
    reads every few minutes), a second of work for 3,000 files, though a day's window
    needs a few of them. A series begun years ago and a trip across the window are still
    read; a file edited to hold a meeting in the window shows it."""
    from mlcoach.coaching import calendar_ics

    folder = tmp_path / "vdir"
    _one_event_files(folder, [date(2024, 1, 1) + timedelta(days=7 * n) for n in range(40)])
    write(folder / "series.ics", ics(STANDUP))
    write(folder / "trip.ics", ics("UID:trip@x\nDTSTART;VALUE=DATE:20240301\n"
                                   "DTEND;VALUE=DATE:20240401\nSUMMARY:Trip"))
    parsed: list[str] = []
    real_parse = calendar_ics.parse_ics
    calendar_ics._parse_cached.cache_clear()
    calendar_ics._read_cached.cache_clear()
    try:
        calendar_ics.parse_ics = lambda data, name, *a, **k: (  # type: ignore[assignment]
            parsed.append(Path(name).name) or real_parse(data, name, *a, **k))
        window = day(date(2024, 3, 25))  # a Monday: event-012's day
        listed = [m.summary for m in occurrences(folder, *window).occurrences]
        assert listed == ["Trip", "Standup", "Meeting on 25 March"]
        assert sorted(parsed) == ["event-012.ics", "series.ics", "trip.ics"]

        write(folder / "event-000.ics", ics("UID:e0@x\nDTSTART:20240325T140000Z\n"
                                            "DTEND:20240325T150000Z\nSUMMARY:Moved here"))
        listed = [m.summary for m in occurrences(folder, *window).occurrences]
        assert listed == ["Trip", "Standup", "Meeting on 25 March", "Moved here"]
    finally:
        calendar_ics.parse_ics = real_parse  # type: ignore[assignment]
        calendar_ics._parse_cached.cache_clear()


def test_a_folder_beyond_the_size_budget_leaves_its_last_files_out_with_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder's files were each capped, their sum not: a folder of large exports was
    read whole every few minutes. The files past the budget (by name) are left out, and
    the listing says how many."""
    from mlcoach.coaching import calendar_ics

    folder = tmp_path / "exports"
    _one_event_files(folder, [date(2024, 3, 25)] * 3)
    size = (folder / "event-000.ics").stat().st_size
    monkeypatch.setattr(calendar_ics, "MAX_FOLDER_BYTES", 2 * size)
    listing = occurrences(folder, *day(date(2024, 3, 25)))
    assert [m.uid for m in listing.occurrences] == ["e0@x", "e1@x"]
    assert [str(p) for p in listing.problems] == [
        f"{folder}: left out 1 of 3 calendar files: together they hold more than the "
        f"{2 * size // (1024 * 1024)} MB mlcoach reads"]
    assert not listing.unread


@pytest.mark.parametrize("span", [
    "DURATION:P99999999W",  # past what a date holds
    "DTEND:99991231T100000Z",  # the libraries add margins to it
    "DTEND:20250101T100000Z\nRRULE:FREQ=DAILY",  # a year before its start, each day
    "DURATION:-P300D\nRRULE:FREQ=WEEKLY",
])
def test_an_event_whose_end_cannot_be_read_hides_nothing_and_holds_no_prompt(
        tmp_path: Path, span: str) -> None:
    """A DURATION of 99999999 weeks refused the whole file ("date value out of range"):
    the real meeting beside it was not seen. A DTEND before a daily meeting's DTSTART
    was turned round into a year-long busy block every day: no prompt came again. Such an
    event is read as starting only (an instant, free), with one warning."""
    path = write(tmp_path / "odd.ics", ics(
        "UID:good\nSUMMARY:Real standup\nDTSTART:20260601T090000Z\nDTEND:20260601T100000Z",
        f"UID:odd\nSUMMARY:Odd\nDTSTART:20260101T120000Z\n{span}"))
    window = (datetime(2026, 6, 1, tzinfo=UTC), datetime(2026, 6, 2, tzinfo=UTC))
    found = meetings(path, *window)
    assert "Real standup" in [m.summary for m in found]
    assert busy_intervals(path, *window) == [
        (datetime(2026, 6, 1, 9, tzinfo=UTC), datetime(2026, 6, 1, 10, tzinfo=UTC))]
