"""Calendars as real programs export them (tests/data/calendars/, written for these tests
in the shapes Google, Outlook, Thunderbird, Apple Calendar, Evolution and a CalDAV server
write), read through `mlcoach calendar` and mlcoach.coaching.calendar_ics."""

from __future__ import annotations

import json
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
import x_wr_timezone

from mlcoach.coaching.calendar_ics import busy_intervals, meetings, occurrences
from tests.conftest import run_cli

DATA = Path(__file__).parent / "data" / "calendars"
BERLIN = ZoneInfo("Europe/Berlin")
EXPORTS = sorted(p.name for p in DATA.glob("*.ics"))


def day(d: date, tz: ZoneInfo = BERLIN) -> tuple[datetime, datetime]:
    start = datetime.combine(d, time(0), tzinfo=tz)
    return start, start + timedelta(days=1)


def hhmm(instant: datetime, tz: ZoneInfo = BERLIN) -> str:
    return instant.astimezone(tz).strftime("%H:%M")


# -- the three failures of the old home-made expansion ------------------------------------

def test_a_meeting_moved_this_and_future_is_at_its_new_time_from_then_on() -> None:
    # Evolution: from 28 May the Tuesday review moved from 14:00 to 16:00 (Paris time).
    paris = ZoneInfo("Europe/Paris")
    later = meetings(DATA / "evolution.ics", *day(date(2024, 6, 11), paris))
    assert [(m.summary, hhmm(m.start, paris), hhmm(m.end, paris)) for m in later] == [
        ("Architecture review", "16:00", "17:00")]
    before = meetings(DATA / "evolution.ics", *day(date(2024, 5, 21), paris))
    assert [hhmm(m.start, paris) for m in before] == ["14:00"]


def test_an_hourly_series_from_2023_still_shows_years_later() -> None:
    # 34,000 hours after its start; a cap on occurrences used to end it in 2025.
    found = meetings(DATA / "tenyear.ics", *day(date(2026, 12, 1), UTC))
    checks = [m for m in found if m.summary == "On-call check"]
    assert [m.start.hour for m in checks] == list(range(24))
    assert {m.end - m.start for m in checks} == {timedelta(minutes=10)}
    # 1 December 2026 is a Tuesday: the weekly 15:00 Berlin one-to-one is there too.
    at_two = [m.summary for m in found if m.start.astimezone(UTC).hour == 14]
    assert at_two == ["On-call check", "1:1 with Bruno"]


def test_a_weekly_google_meeting_keeps_its_wall_time_after_the_clock_change() -> None:
    # Google writes the series in UTC and means X-WR-TIMEZONE (Europe/Berlin): 10:00
    # in winter (09:00 UTC) and still 10:00 in summer (08:00 UTC).
    winter = meetings(DATA / "google.ics", *day(date(2024, 3, 28)))
    summer = meetings(DATA / "google.ics", *day(date(2024, 4, 4)))
    assert [hhmm(m.start) for m in winter if m.summary == "Team sync"] == ["10:00"]
    assert [hhmm(m.start) for m in summer if m.summary == "Team sync"] == ["10:00"]
    assert busy_intervals(DATA / "google.ics", *day(date(2024, 4, 4)))[0] == (
        datetime(2024, 4, 4, 8, tzinfo=UTC), datetime(2024, 4, 4, 8, 30, tzinfo=UTC))


# -- each exporter's quirks ---------------------------------------------------------------

def _rows(name: str, d: date, days: int = 1,
          owners: tuple[str, ...] = ()) -> list[tuple[str, str, bool, bool]]:
    start, _ = day(d)
    listing = occurrences(DATA / name, start, start + timedelta(days=days), owners=owners)
    assert listing.problems == []
    return [(m.start.astimezone(BERLIN).strftime("%m-%d %H:%M"), m.summary, m.all_day, m.busy)
            for m in listing.occurrences]


def test_google_zones_declined_and_all_day() -> None:
    assert _rows("google.ics", date(2024, 4, 4)) == [
        ("04-04 00:00", "Company offsite", True, False),
        ("04-04 10:00", "Team sync", False, True),
        # declined by the calendar's owner (X-WR-CALNAME is the address): not busy
        ("04-04 16:00", "Vendor demo", False, False),
        ("04-04 17:00", "Call with the New York office", False, True),  # VTIMEZONE New York
    ]


def test_outlook_windows_zone_names_exdate_moved_and_free() -> None:
    rows = _rows("outlook.ics", date(2024, 3, 18), days=42)
    ana = [(when, busy) for when, summary, _, busy in rows if summary.startswith("1:1 Ana")]
    # Mondays 10:00 "W. Europe Standard Time" across the clock change; Easter Monday
    # excluded; 8 April moved to Tuesday 11:00; COUNT=6 ends it on 22 April.
    assert ana == [("03-18 10:00", True), ("03-25 10:00", True), ("04-09 11:00", True),
                   ("04-15 10:00", True), ("04-22 10:00", True)]
    assert ("04-09 09:00", "Focus time", False, False) in rows  # BUSYSTATUS FREE
    assert ("04-01 00:00", "Ostermontag", True, False) in rows
    # declined by the calendar's owner (Outlook names them in X-OWNER): listed, not busy
    assert ("04-10 14:00", "Declined: Product roadmap webinar", False, False) in rows


def test_exchange_windows_zone_names_without_vtimezone() -> None:
    rows = _rows("exchange-published.ics", date(2024, 7, 1), days=31)
    assert rows == [
        ("07-01 18:00", "West coast stand-up", False, True),  # 09:00 Pacific (PDT)
        ("07-03 10:00", "Sync with the Paris team", False, True),  # Romance = Paris
        ("07-08 18:00", "West coast stand-up", False, True),
        ("07-22 18:00", "West coast stand-up", False, True),  # 15 July excluded
        ("07-29 18:00", "West coast stand-up", False, True),  # UNTIL 16:00Z, inclusive
    ]


def test_thunderbird_exdate_rdate_and_local_zone() -> None:
    rows = _rows("thunderbird.ics", date(2024, 6, 3), days=6)
    assert [r[0] for r in rows if r[1] == "Daily standup"] == [
        "06-03 10:15", "06-04 10:15", "06-06 10:15", "06-07 10:15", "06-08 11:00"]
    assert ("06-06 17:00", "Dentist", False, True) in rows


def test_apple_floating_times_follow_the_local_zone() -> None:
    rows = _rows("apple.ics", date(2024, 6, 6))
    assert rows == [
        ("06-06 00:00", "Ana's birthday", True, False),
        ("06-06 07:30", "Run before work", False, True),
        ("06-06 10:30", "Design critique", False, True),
        ("06-06 12:00", "Lunch (free)", False, False),
    ]
    tokyo = ZoneInfo("Asia/Tokyo")
    (run,) = [m for m in meetings(DATA / "apple.ics", *day(date(2024, 6, 6), tokyo))
              if m.summary == "Run before work"]
    assert hhmm(run.start, tokyo) == "07:30"  # floating: the wall time wherever you are


def test_caldav_cancelled_occurrence_duration_and_rdate_list() -> None:
    rows = _rows("caldav.ics", date(2024, 4, 15), days=29)
    assert [(r[0], r[3]) for r in rows if r[1] == "Sprint planning"] == [
        ("04-15 09:00", True), ("04-29 09:00", False), ("05-13 09:00", True)]
    assert [r[0] for r in rows if r[1] == "Lunch & learn"] == [
        "04-29 14:30", "05-06 14:30", "05-13 14:30"]
    (planning,) = meetings(DATA / "caldav.ics", *day(date(2024, 4, 15)))
    assert planning.end - planning.start == timedelta(hours=1, minutes=30)


# -- the command line against recurring-ical-events itself --------------------------------

def _direct(name: str, start: datetime, end: datetime) -> set[tuple[str, str, str]]:
    """Timed occurrences straight from recurring-ical-events (floating times in Berlin)."""
    found = set()
    for cal in icalendar.Calendar.from_ical((DATA / name).read_bytes(), multiple=True):
        query = recurring_ical_events.of(x_wr_timezone.to_standard(cal))
        for event in query.between(start, end):
            begin, finish = event.DTSTART, event.end
            if not isinstance(begin, datetime):
                continue
            begin = begin if begin.tzinfo else begin.replace(tzinfo=BERLIN)
            finish = finish if finish.tzinfo else finish.replace(tzinfo=BERLIN)
            found.add((begin.astimezone(UTC).isoformat(), finish.astimezone(UTC).isoformat(),
                       str(event.get("SUMMARY", ""))))
    return found


@pytest.mark.parametrize("name, first, last", [
    ("google.ics", "2024-03-25", "2024-04-10"),
    ("outlook.ics", "2024-03-15", "2024-04-30"),
    ("exchange-published.ics", "2024-06-28", "2024-08-05"),
    ("thunderbird.ics", "2024-06-01", "2024-06-30"),
    ("apple.ics", "2024-06-01", "2024-06-30"),
    ("evolution.ics", "2024-05-01", "2024-07-31"),
    ("caldav.ics", "2024-04-10", "2024-06-30"),
    ("tenyear.ics", "2026-11-30", "2026-12-02"),
])
def test_cli_json_lists_the_timed_occurrences_recurring_ical_events_gives(
        cli_env: dict[str, str], name: str, first: str, last: str) -> None:
    assert name in EXPORTS
    cli_env["TZ"] = "Europe/Berlin"
    res = run_cli(cli_env, "calendar", str(DATA / name), "--from", first, "--to", last,
                  "--json")
    assert res.returncode == 0, res.stderr
    listed = json.loads(res.stdout)
    assert listed, "the window should hold occurrences"
    for item in listed:
        assert set(item) == {"start", "end", "summary", "all_day", "busy", "people"}
        assert datetime.fromisoformat(item["start"]).utcoffset() is not None
    timed = {(datetime.fromisoformat(i["start"]).astimezone(UTC).isoformat(),
              datetime.fromisoformat(i["end"]).astimezone(UTC).isoformat(), i["summary"])
             for i in listed if not i["all_day"]}
    start = datetime.combine(date.fromisoformat(first), time(0), tzinfo=BERLIN)
    end = datetime.combine(date.fromisoformat(last) + timedelta(days=1), time(0), tzinfo=BERLIN)
    assert timed == _direct(name, start, end)
    assert not (Path(cli_env["MLCOACH_DATA_DIR"]) / "mlcoach.db").exists()  # nothing created


def test_cli_names_saved_people_and_marks_what_holds_prompts(cli_env: dict[str, str]) -> None:
    cli_env["TZ"] = "Europe/Berlin"
    assert run_cli(cli_env, "people", "add", "Ana Silva").returncode == 0
    res = run_cli(cli_env, "calendar", str(DATA / "google.ics"), "--from", "2024-04-04",
                  "--json")
    assert res.returncode == 0, res.stderr
    by_summary = {i["summary"]: i for i in json.loads(res.stdout)}
    assert by_summary["Team sync"]["people"] == ["Ana Silva"]
    assert by_summary["Team sync"]["start"] == "2024-04-04T10:00:00+02:00"
    assert by_summary["Team sync"]["busy"] is True
    assert by_summary["Company offsite"] == {
        "start": "2024-04-04T00:00:00+02:00", "end": "2024-04-05T00:00:00+02:00",
        "summary": "Company offsite", "all_day": True, "busy": False, "people": []}
    text = run_cli(cli_env, "calendar", str(DATA / "google.ics"), "--from", "2024-04-04")
    assert text.returncode == 0
    assert "2024-04-04 10:00–10:30  busy  Team sync  (Ana Silva)" in text.stdout.splitlines()


def test_cli_lines_show_the_day_a_longer_event_ends(cli_env: dict[str, str],
                                                   tmp_path: Path) -> None:
    """An offsite over eight days printed as "2026-03-02 08:00–16:00", a conference over
    three as its first day only."""
    cli_env["TZ"] = "UTC"
    cal = tmp_path / "long.ics"
    cal.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n"
        "BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260301T000000Z\r\nDTSTART:20260302T080000Z\r\n"
        "DURATION:PT200H\r\nSUMMARY:Offsite\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:b\r\nDTSTAMP:20260301T000000Z\r\nDTSTART;VALUE=DATE:20260302\r\n"
        "DTEND;VALUE=DATE:20260305\r\nSUMMARY:Conference\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:c\r\nDTSTAMP:20260301T000000Z\r\nDTSTART:20260303T220000Z\r\n"
        "DTEND:20260304T000000Z\r\nSUMMARY:Late\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8")
    text = run_cli(cli_env, "calendar", str(cal), "--from", "2026-03-09", "--to", "2026-03-09")
    assert text.returncode == 0, text.stderr
    assert text.stdout.splitlines() == ["2026-03-02 08:00–2026-03-10 16:00  busy  Offsite"]
    text = run_cli(cli_env, "calendar", str(cal), "--from", "2026-03-03", "--to", "2026-03-03")
    assert text.stdout.splitlines() == [
        "2026-03-02–2026-03-04 all day  free  Conference",
        "2026-03-02 08:00–2026-03-10 16:00  busy  Offsite",
        "2026-03-03 22:00–00:00  busy  Late"]
    turkish = {**cli_env, "LANG": "tr_TR.UTF-8", "LANGUAGE": "tr"}  # was English there too
    text = run_cli(turkish, "calendar", str(cal), "--from", "2026-03-03", "--to", "2026-03-03")
    assert text.stdout.splitlines() == [
        "2026-03-02–2026-03-04 tüm gün  boş   Conference",
        "2026-03-02 08:00–2026-03-10 16:00  dolu  Offsite",
        "2026-03-03 22:00–00:00  dolu  Late"]


def test_a_vendor_zone_name_is_read_without_warnings_on_stderr(cli_env: dict[str, str],
                                                              tmp_path: Path) -> None:
    """Thunderbird's "/mozilla.org/…/Europe/Berlin" printed four lines of Python warnings."""
    cli_env["TZ"] = "UTC"
    cal = tmp_path / "tb.ics"
    cal.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:a\r\n"
        "DTSTAMP:20260301T000000Z\r\n"
        "DTSTART;TZID=/mozilla.org/20070129_1/Europe/Berlin:20260302T120000\r\n"
        "DTEND;TZID=/mozilla.org/20070129_1/Europe/Berlin:20260302T123000\r\n"
        "SUMMARY:Sync\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    text = run_cli(cli_env, "calendar", str(cal), "--from", "2026-03-02")
    assert text.returncode == 0 and text.stderr == ""
    assert text.stdout.splitlines() == ["2026-03-02 11:00–11:30  busy  Sync"]


def test_a_broken_or_binary_file_is_one_line_and_the_others_still_read(
        cli_env: dict[str, str]) -> None:
    cli_env["TZ"] = "Europe/London"
    res = run_cli(cli_env, "calendar", str(DATA / "broken"), "--from", "2024-06-04", "--json")
    assert res.returncode == 0
    assert [i["summary"] for i in json.loads(res.stdout)] == ["Daily standup"]
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 2, lines
    assert "binary.ics" in lines[0] and "truncated.ics" in lines[1]
    assert all("not a valid iCalendar file" in line for line in lines)
    alone = run_cli(cli_env, "calendar", str(DATA / "broken" / "binary.ics"))
    assert alone.returncode == 1 and alone.stdout == ""
    assert len(alone.stderr.strip().splitlines()) == 1 and "binary.ics" in alone.stderr


def test_the_scheduler_still_reads_the_good_files_of_a_folder_with_a_broken_one() -> None:
    found = meetings(DATA / "broken", *day(date(2024, 6, 4)))
    assert [m.summary for m in found] == ["Daily standup"]


@pytest.mark.parametrize("args, fragment", [
    (["calendar"], "give a calendar file or folder"),
    (["calendar", str(DATA), "--from", "2024-06-10", "--to", "2024-06-01"], "--to"),
    (["calendar", str(DATA), "--from", "2000-01-01", "--to", "2024-01-01"], "at most"),
    (["calendar", str(DATA), "--from", "june"], "not a date"),
])
def test_calendar_usage_errors(cli_env: dict[str, str], args: list[str], fragment: str) -> None:
    res = run_cli(cli_env, *args)
    assert res.returncode == 2
    assert fragment in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_calendar_command_never_imports_qt(tmp_path: Path) -> None:
    import subprocess

    code = ("import sys; from mlcoach.cli.main import main; "
            f"main(['--data-dir', {str(tmp_path)!r}, 'calendar', {str(DATA)!r}]); "
            "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_the_coach_keeps_holding_prompts_with_a_broken_file_in_the_folder(
        store, caplog: pytest.LogCaptureFixture) -> None:
    import random
    from datetime import timezone

    from mlcoach.coaching.service import Coach
    from mlcoach.domain.model import Settings

    london = ZoneInfo("Europe/London")
    store.save_settings(Settings(calendar_path=str(DATA / "broken")))
    now = datetime(2024, 6, 4, 9, 20, tzinfo=london)  # during the stand-up (09:15-09:30)
    coach = Coach(store, clock=lambda: now.astimezone(timezone.utc), tz=lambda: london,
                  rng=random.Random(3), real_clock=lambda: 0.0)
    standup = (datetime(2024, 6, 4, 8, 15, tzinfo=UTC), datetime(2024, 6, 4, 8, 30, tzinfo=UTC))
    assert standup in coach._busy(now.astimezone(timezone.utc))
    assert coach.due_action(now.astimezone(timezone.utc)) != "prompt"
    assert "binary.ics" in caplog.text and "truncated.ics" in caplog.text


def test_doctor_names_an_unreadable_calendar_file(opened) -> None:
    from mlcoach.cli.doctor import run_checks
    from mlcoach.domain.model import Settings
    from mlcoach.security.keys import OSKeyring

    opened.store.save_settings(Settings(calendar_path=str(DATA / "broken")))
    checks = {c.name: c for c in run_checks(opened.layout, OSKeyring(), lambda: "")}
    assert checks["calendar"].status == "WARN"
    assert "3 .ics file(s); 2 unreadable" in checks["calendar"].detail
    assert "binary.ics" in checks["calendar"].detail
    opened.store.save_settings(Settings(calendar_path=str(DATA / "google.ics")))
    checks = {c.name: c for c in run_checks(opened.layout, OSKeyring(), lambda: "")}
    assert checks["calendar"].status == "OK" and "all readable" in checks["calendar"].detail
    assert checks["evolution calendars"].detail.startswith("not used")


def test_a_calendar_that_cannot_be_read_is_said_so_in_turkish(cli_env: dict[str, str],
                                                              tmp_path: Path) -> None:
    """The one line for a calendar not read stayed English under a Turkish locale."""
    cal = tmp_path / "open.ics"
    cal.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                   + "BEGIN:VEVENT\r\nUID:x\r\n" * 200 + "END:VCALENDAR\r\n", encoding="utf-8")
    turkish = {**cli_env, "LANG": "tr_TR.UTF-8", "LANGUAGE": "tr"}
    text = run_cli(turkish, "calendar", str(cal), "--from", "2026-03-03", "--to", "2026-03-03")
    assert text.returncode == 1
    assert text.stderr.splitlines() == [
        f"mlcoach: {cal}: geçerli bir iCalendar dosyası değil (199 etkinlik hiç kapatılmamış)"]
