"""GNOME's calendar store as a meeting source: a real evolution-data-server on a private
session bus, holding local calendars with a recurring meeting. Started and stopped by PID."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import run_cli

REGISTRY = Path("/usr/libexec/evolution-source-registry")
TZ = ZoneInfo("Europe/Berlin")
pytestmark = pytest.mark.eds

# A weekly meeting on Tuesdays and Thursdays at 10:00 Berlin time, with one Thursday
# moved to the afternoon, in the shape Evolution keeps it in its local calendar.
WORK = """BEGIN:VCALENDAR
CALSCALE:GREGORIAN
PRODID:-//Ximian//NONSGML Evolution Calendar//EN
VERSION:2.0
BEGIN:VTIMEZONE
TZID:/freeassociation.sourceforge.net/Europe/Berlin
X-LIC-LOCATION:Europe/Berlin
BEGIN:DAYLIGHT
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
END:DAYLIGHT
BEGIN:STANDARD
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:eds-team-sync@laptop
DTSTAMP:20261101T080000Z
DTSTART;TZID=/freeassociation.sourceforge.net/Europe/Berlin:20261103T100000
DTEND;TZID=/freeassociation.sourceforge.net/Europe/Berlin:20261103T103000
RRULE:FREQ=WEEKLY;BYDAY=TU,TH
SUMMARY:Team sync
ORGANIZER;CN=Chris Park:MAILTO:chris@example.net
ATTENDEE;CN=Ana Silva;PARTSTAT=ACCEPTED:MAILTO:ana.silva@example.net
END:VEVENT
BEGIN:VEVENT
UID:eds-team-sync@laptop
DTSTAMP:20261120T080000Z
RECURRENCE-ID;TZID=/freeassociation.sourceforge.net/Europe/Berlin:20261126T100000
DTSTART;TZID=/freeassociation.sourceforge.net/Europe/Berlin:20261126T150000
DTEND;TZID=/freeassociation.sourceforge.net/Europe/Berlin:20261126T153000
SUMMARY:Team sync (afternoon)
ORGANIZER;CN=Chris Park:MAILTO:chris@example.net
ATTENDEE;CN=Ana Silva;PARTSTAT=ACCEPTED:MAILTO:ana.silva@example.net
END:VEVENT
BEGIN:VEVENT
UID:eds-vendor-pitch@laptop
DTSTAMP:20261101T080000Z
DTSTART:20261125T130000Z
DTEND:20261125T140000Z
SUMMARY:Vendor pitch
ORGANIZER;CN=Sales:MAILTO:sales@vendor.example
ATTENDEE;CN=Me;PARTSTAT=DECLINED:MAILTO:Me@Example.org
END:VEVENT
END:VCALENDAR
"""

# The user's mail account as GNOME Online Accounts or Evolution sets it up: its identity
# tells whose PARTSTAT=DECLINED counts.
IDENTITY = ("[Data Source]\nDisplayName=me@example.org\nEnabled=true\n\n"
            "[Mail Identity]\nAddress=me@example.org\nName=Me\n")

HIDDEN = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Ximian//NONSGML Evolution Calendar//EN
BEGIN:VEVENT
UID:hidden@laptop
DTSTAMP:20261101T080000Z
DTSTART:20261124T120000Z
DTEND:20261124T130000Z
SUMMARY:In a calendar the user switched off
END:VEVENT
END:VCALENDAR
"""


def _source(name: str, enabled: bool) -> str:
    return (f"[Data Source]\nDisplayName={name}\nEnabled={'true' if enabled else 'false'}\n"
            "Parent=local-stub\n\n[Calendar]\nBackendName=local\nSelected=true\n")


def _bus_pid(env: dict[str, str], name: str) -> int | None:
    out = subprocess.run(
        ["dbus-send", "--session", "--dest=org.freedesktop.DBus", "--print-reply",
         "/org/freedesktop/DBus", "org.freedesktop.DBus.GetConnectionUnixProcessID",
         f"string:{name}"], env=env, capture_output=True, text=True, timeout=10)
    words = out.stdout.split()
    return int(words[-1]) if words and words[-1].isdigit() else None


@pytest.fixture
def eds(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A session bus whose evolution-data-server has a "Work" and a disabled calendar."""
    if not REGISTRY.exists() or shutil.which("dbus-daemon") is None:
        if os.environ.get("MLCOACH_REQUIRE_DESKTOP"):
            pytest.fail("evolution-data-server is missing (scripts/system-deps.sh installs it)")
        pytest.skip("evolution-data-server is not installed (apt install evolution-data-server)")
    home, runtime = tmp_path / "home", tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MLCOACH_", "DBUS_"))}
    env.update(HOME=str(home), XDG_RUNTIME_DIR=str(runtime),
               XDG_DATA_HOME=str(home / ".local/share"), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_CACHE_HOME=str(home / ".cache"), GSETTINGS_BACKEND="memory",
               PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
               MLCOACH_DATA_DIR=str(tmp_path / "data"), TZ="Europe/Berlin")
    sources = home / ".config/evolution/sources"
    sources.mkdir(parents=True)
    (sources / "mlcoach-identity.source").write_text(IDENTITY)
    for uid, name, enabled, text in (("mlcoach-work", "Work", True, WORK),
                                     ("mlcoach-hidden", "Old", False, HIDDEN)):
        (sources / f"{uid}.source").write_text(_source(name, enabled))
        folder = home / ".local/share/evolution/calendar" / uid
        folder.mkdir(parents=True)
        (folder / "calendar.ics").write_text(text.replace("\n", "\r\n"))
    out = subprocess.run(["dbus-daemon", "--session", "--fork", "--print-address=1",
                          "--print-pid=1"], env=env, capture_output=True, text=True,
                         check=True, timeout=20).stdout.split()
    env["DBUS_SESSION_BUS_ADDRESS"], bus_pid = out[0], int(out[1])
    try:
        yield env
    finally:
        # EDS was started by bus activation: find its processes through the bus.
        pids = [pid for pid in (_bus_pid(env, n) for n in (
            "org.gnome.evolution.dataserver.Sources5",
            "org.gnome.evolution.dataserver.Calendar8",
            "org.gnome.evolution.dataserver.AddressBook10")) if pid]
        for pid in [*pids, bus_pid]:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 5
        while pids and time.monotonic() < deadline:
            pids = [p for p in pids if Path(f"/proc/{p}").exists()]
            time.sleep(0.05)
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def test_calendar_eds_lists_the_recurring_meeting_with_the_saved_person(eds):
    assert run_cli(eds, "people", "add", "Ana Silva").returncode == 0
    res = run_cli(eds, "calendar", "--eds", "--from", "2026-11-24", "--to", "2026-11-27",
                  "--json")
    assert res.returncode == 0, res.stderr
    listed = [(i["start"], i["summary"], i["busy"], i["people"]) for i in json.loads(res.stdout)]
    assert listed == [
        ("2026-11-24T10:00:00+01:00", "Team sync", True, ["Ana Silva"]),
        ("2026-11-25T14:00:00+01:00", "Vendor pitch", False, []),  # declined by the user
        ("2026-11-26T15:00:00+01:00", "Team sync (afternoon)", True, ["Ana Silva"]),
    ]  # the disabled calendar's event is not there


def test_a_meeting_in_evolution_holds_prompts_and_brings_the_prep_card(eds, monkeypatch,
                                                                       store):
    from mlcoach.coaching.service import Coach
    from mlcoach.domain.model import Settings

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", eds["DBUS_SESSION_BUS_ADDRESS"])
    store.add_person("Ana Silva")
    meeting = datetime(2026, 12, 1, 10, 0, tzinfo=TZ)  # a Tuesday: the series, weeks on

    def coach_at(now: datetime) -> Coach:
        return Coach(store, clock=lambda: now.astimezone(timezone.utc), tz=lambda: TZ,
                     rng=random.Random(3), real_clock=lambda: 0.0)

    during = (meeting + timedelta(minutes=20)).astimezone(timezone.utc)
    store.save_settings(Settings(calendar_eds=False))
    assert coach_at(during).due_action(during) == "prompt"  # a slot passed this morning
    store.save_settings(Settings(calendar_eds=True))
    coach = coach_at(during)
    assert (meeting.astimezone(timezone.utc), meeting.astimezone(timezone.utc)
            + timedelta(minutes=30)) in coach._busy(during)
    assert coach.due_action(during) is None  # held: the user is in the meeting
    held = coach.next_due(during)
    assert held is not None and held >= meeting + timedelta(minutes=30)
    before = (meeting - timedelta(minutes=5)).astimezone(timezone.utc)
    prep = coach_at(before).take_prep(before)
    assert prep is not None and prep.summary == "Team sync"
    assert [p.person.name for p in prep.people] == ["Ana Silva"]


def test_without_evolution_on_the_bus_it_is_one_line(eds):
    env = dict(eds, DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent/bus")
    res = run_cli(env, "calendar", "--eds", "--json")
    assert res.returncode == 1 and res.stdout == ""  # nothing read: not "no meetings"
    (line,) = res.stderr.strip().splitlines()
    assert "Evolution Data Server" in line


def test_doctor_shows_the_evolution_calendars(eds, monkeypatch, opened):
    from mlcoach.cli.doctor import run_checks
    from mlcoach.domain.model import Settings
    from mlcoach.security.keys import OSKeyring

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", eds["DBUS_SESSION_BUS_ADDRESS"])
    opened.store.save_settings(Settings(calendar_eds=True))
    checks = {c.name: c for c in run_checks(opened.layout, OSKeyring(), lambda: "")}
    found = checks["evolution calendars"]
    assert found.status == "OK" and "read for meetings" in found.detail
    assert "Work" in found.detail and "Old" not in found.detail
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    checks = {c.name: c for c in run_checks(opened.layout, OSKeyring(), lambda: "")}
    assert checks["evolution calendars"].status == "WARN"
    opened.store.save_settings(Settings(calendar_eds=False))
    checks = {c.name: c for c in run_checks(opened.layout, OSKeyring(), lambda: "")}
    assert checks["evolution calendars"].status == "OK"
    assert checks["evolution calendars"].detail.startswith("not used")


def test_evolution_is_asked_once_per_ttl_not_on_every_look(eds, monkeypatch):
    from mlcoach.coaching import calendar_eds

    calls = []
    real_fetch = calendar_eds._fetch
    monkeypatch.setattr(calendar_eds, "_fetch",
                        lambda *a, **k: calls.append(a) or real_fetch(*a, **k))
    monkeypatch.setattr(calendar_eds, "_cache", {})
    now = {"t": 1000.0}
    start = datetime(2026, 12, 3, 8, 0, tzinfo=TZ)  # a Thursday

    def look(minutes: int) -> list[str]:
        at = start + timedelta(minutes=minutes)
        listing = calendar_eds.eds_occurrences(at, at + timedelta(hours=6), env=eds,
                                               clock=lambda: now["t"])
        assert listing.problems == []
        return [m.summary for m in listing.occurrences]

    assert look(0) == ["Team sync"] and look(5) == ["Team sync"]
    assert len(calls) == 1
    now["t"] += calendar_eds.TTL + 1
    assert look(10) == ["Team sync"] and len(calls) == 2
