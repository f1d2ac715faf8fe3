"""Listing one day of a ten-year calendar (target: under 200 ms).

Writes a calendar that began ten years before the listed day: an hourly series
running all ten years, a daily stand-up with holidays excluded, weekly
one-to-ones with moved occurrences, and ~5,000 single meetings. Then times, in a
fresh process each run, what `mlcoach calendar` does for one day: parse the file
and expand every series (cold), the same listing again with the parse cache
(warm: what the scheduler pays on each timer), and the whole CLI command. The same
single meetings are then written as a vdir (vdirsyncer, khal: one file per event) and
listed twice, as the app's worker does every few minutes.

    .venv/bin/python benchmarks/calendar.py [--runs N] [--smoke] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
DAY = date(2026, 12, 1)
TARGET_MS = 200.0


def _stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def write_calendar(path: Path, years: int = 10, singles: int = 5000) -> int:
    """Write the ten-year calendar; returns how many VEVENTs it holds."""
    rng = random.Random(7)
    start = datetime(DAY.year - years, DAY.month, DAY.day, 8, tzinfo=timezone.utc)
    until = _stamp(start + timedelta(days=365 * years + 30))
    events = [
        f"UID:hourly@bench\nDTSTART:{_stamp(start)}\nDURATION:PT10M\n"
        f"RRULE:FREQ=HOURLY;UNTIL={until}\nSUMMARY:On-call check",
        "UID:standup@bench\nDTSTART;TZID=Europe/Berlin:"
        f"{start:%Y%m%d}T093000\nDTEND;TZID=Europe/Berlin:{start:%Y%m%d}T094500\n"
        f"RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;UNTIL={until}\nSUMMARY:Stand-up\n"
        + "".join(f"EXDATE;TZID=Europe/Berlin:{y}1225T093000\n"
                  for y in range(start.year, DAY.year + 1)).rstrip(),
    ]
    for n in range(20):
        first = start + timedelta(days=n % 5, hours=2 + n % 6)
        events.append(
            f"UID:one-to-one-{n}@bench\nDTSTART:{_stamp(first)}\n"
            f"DTEND:{_stamp(first + timedelta(minutes=30))}\n"
            f"RRULE:FREQ=WEEKLY;UNTIL={until}\nSUMMARY:1:1 number {n}\n"
            f"ATTENDEE;CN=Person {n}:mailto:person{n}@example.org")
        for k in range(1, 40):
            moved = first + timedelta(weeks=13 * k)
            events.append(
                f"UID:one-to-one-{n}@bench\nRECURRENCE-ID:{_stamp(moved)}\n"
                f"DTSTART:{_stamp(moved + timedelta(hours=1))}\n"
                f"DTEND:{_stamp(moved + timedelta(hours=1, minutes=30))}\n"
                f"SUMMARY:1:1 number {n} (moved)")
    for n in range(singles):
        when = start + timedelta(minutes=15 * rng.randrange(365 * years * 96))
        events.append(f"UID:single-{n}@bench\nDTSTART:{_stamp(when)}\n"
                      f"DTEND:{_stamp(when + timedelta(minutes=45))}\nSUMMARY:Meeting {n}")
    body = "".join(f"BEGIN:VEVENT\nDTSTAMP:20160101T000000Z\n{e}\nEND:VEVENT\n" for e in events)
    text = f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//mlcoach bench//EN\n{body}END:VCALENDAR\n"
    path.write_bytes(text.replace("\n", "\r\n").encode())
    return len(events)


IN_PROCESS = """
import json, sys, time
from datetime import date, datetime, time as t, timedelta
from zoneinfo import ZoneInfo
from mlcoach.coaching.calendar_ics import occurrences
tz = ZoneInfo("Europe/Berlin")
start = datetime.combine(date.fromisoformat(sys.argv[2]), t(0), tzinfo=tz)
end = start + timedelta(days=1)
c0, t0 = time.process_time(), time.perf_counter()
import icalendar, recurring_ical_events, x_wr_timezone  # what the first listing imports
c1, t1 = time.process_time(), time.perf_counter()
first = occurrences(sys.argv[1], start, end)
c2, t2 = time.process_time(), time.perf_counter()
again = occurrences(sys.argv[1], start, end)
t3 = time.perf_counter()
print(json.dumps({"imports": (t1 - t0) * 1000, "cold": (t2 - t1) * 1000,
                  "cold_cpu": (c2 - c1) * 1000, "imports_cpu": (c1 - c0) * 1000,
                  "warm": (t3 - t2) * 1000, "listed": len(first.occurrences),
                  "same": first == again}))
"""


def write_vdir(folder: Path, singles: int = 5000) -> None:
    """The ten years' single meetings, each in a file of its own."""
    rng = random.Random(7)
    start = datetime(DAY.year - 10, DAY.month, DAY.day, 8, tzinfo=timezone.utc)
    folder.mkdir()
    for n in range(singles):
        when = start + timedelta(minutes=15 * rng.randrange(365 * 10 * 96))
        (folder / f"{n:05d}.ics").write_bytes(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//mlcoach bench//EN\r\n"
            f"BEGIN:VEVENT\r\nUID:single-{n}@bench\r\nDTSTAMP:20160101T000000Z\r\n"
            f"DTSTART:{_stamp(when)}\r\nDTEND:{_stamp(when + timedelta(minutes=45))}\r\n"
            f"SUMMARY:Meeting {n}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".encode())


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--smoke", action="store_true", help="one run (CI: proves the script works)")
    p.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    args = p.parse_args()
    runs = 1 if args.smoke else max(1, args.runs)
    with tempfile.TemporaryDirectory(prefix="mlcoach-bench-cal-") as tmp:
        path = Path(tmp) / "ten-years.ics"
        count = write_calendar(path)
        env = dict(os.environ, TZ="Europe/Berlin", MLCOACH_DATA_DIR=str(Path(tmp) / "data"))
        results, cli = [], []
        for _ in range(runs):
            out = subprocess.run([PY, "-c", IN_PROCESS, str(path), DAY.isoformat()],
                                 capture_output=True, text=True, check=True, cwd=ROOT, env=env)
            results.append(json.loads(out.stdout))
            assert results[-1]["same"], "the cached listing differs from the first"
            t0 = time.perf_counter()
            subprocess.run([PY, "-m", "mlcoach", "calendar", str(path), "--from",
                            DAY.isoformat(), "--json"], capture_output=True, check=True,
                           cwd=ROOT, env=env)
            cli.append((time.perf_counter() - t0) * 1000)
        size = path.stat().st_size
        vdir = Path(tmp) / "vdir"
        write_vdir(vdir)
        folder = []
        for _ in range(runs):
            out = subprocess.run([PY, "-c", IN_PROCESS, str(vdir), DAY.isoformat()],
                                 capture_output=True, text=True, check=True, cwd=ROOT, env=env)
            folder.append(json.loads(out.stdout))

    def med(key: str) -> float:
        return statistics.median(r[key] for r in results)

    print(f"ten-year calendar: {count} VEVENTs ({size // 1024} KiB); "
          f"{results[0]['listed']} occurrences on {DAY}; {runs} run(s), medians (wall / CPU):")
    print(f"  list one day, parse + expand (cold): {med('cold'):7.1f} ms / "
          f"{med('cold_cpu'):.1f} ms")
    print(f"  ... plus importing icalendar & co:   {med('imports'):7.1f} ms / "
          f"{med('imports_cpu'):.1f} ms (once per process)")
    print(f"  list one day again (parse cache):    {med('warm'):7.1f} ms")
    print(f"  `mlcoach calendar FILE --json`:      {statistics.median(cli):7.1f} ms "
          "(with Python start)")
    print(f"  a vdir of 5,000 one-event files, first listing: "
          f"{statistics.median(r['cold'] for r in folder):7.1f} ms; again: "
          f"{statistics.median(r['warm'] for r in folder):.1f} ms (each {runs} run(s))")
    ok = med("cold") < TARGET_MS
    print(f"  target < {TARGET_MS:.0f} ms to list one day (cold): {'met' if ok else 'NOT met'}")
    if args.json:
        figures = {k: med(k) for k in ("cold", "cold_cpu", "imports", "imports_cpu", "warm")}
        figures["vdir_cold"] = statistics.median(r["cold"] for r in folder)
        figures["vdir_warm"] = statistics.median(r["warm"] for r in folder)
        args.json.write_text(json.dumps({**figures, "cli": statistics.median(cli),
                                         "events": count, "target_met": ok}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
