"""Simulate a month of workdays with a fake clock: the scheduler and the chooser together.

Drives the core the way the tray app does (one timer, re-armed after every
event), with meetings, nights of suspend, a few naps during the day, snoozes,
skips and end-of-day reflections, then prints what a user would have seen:

    .venv/bin/python benchmarks/simulate_month.py [--seed N] [--tz ZONE] [--synthetic]

Uses the built-in prompt library when it can be loaded, synthetic prompts otherwise.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mlcoach.coaching.chooser import choose
from mlcoach.coaching.scheduler import (
    after_response,
    mark_reflection_offered,
    next_due,
    on_wake,
    reflection_due,
    snooze,
)
from mlcoach.coaching.scheduler_state import SchedulerState
from mlcoach.domain.model import (
    DayPart,
    Prompt,
    PromptEvent,
    PromptText,
    Response,
    Settings,
    Theme,
)

MAX_WAIT = timedelta(minutes=30)  # the Qt layer never arms a longer timer
RESPONSES = (
    (Response.DONE, 0.5),
    (Response.SKIPPED, 0.15),
    (Response.EXPIRED, 0.1),
    (Response.SNOOZED, 0.15),
    (Response.NOT_FOR_ME, 0.03),
    (Response.SHOWN, 0.07),  # left open
)


@dataclass
class MonthReport:
    """What one simulated month looked like."""

    library: str
    events: list[PromptEvent] = field(default_factory=list)
    per_day: Counter[date] = field(default_factory=Counter)
    themes: Counter[str] = field(default_factory=Counter)  # of chosen prompts
    reasons: Counter[str] = field(default_factory=Counter)
    repeats_within_14_days: int = 0
    outside_hours: int = 0
    during_meetings: int = 0
    gap_violations: int = 0
    over_daily_count: int = 0
    reflections_offered: int = 0
    intentions_recalled: int = 0
    notices: list[str] = field(default_factory=list)
    workdays: int = 0


def synthetic_prompts(per_theme: int = 10) -> list[Prompt]:
    """Return a stand-in library: `per_theme` prompts for each of the twelve themes."""
    parts = list(DayPart)
    prompts: list[Prompt] = []
    for theme in Theme:
        for i in range(per_theme):
            prompts.append(
                Prompt(
                    id=f"{theme.value}-{i:02d}",
                    theme=theme.value,
                    texts={"en": PromptText(f"{theme.value} prompt {i}", f"try {i}")},
                    parts=(parts[i % 4],) if i % 3 else tuple(parts),
                )
            )
    return prompts


def builtin_or_synthetic() -> tuple[list[Prompt], str]:
    """Return the built-in library when it loads, else synthetic prompts; and which one."""
    try:
        from mlcoach.coaching.content import load_builtin

        prompts = load_builtin()
    except Exception as exc:  # a missing or broken library still lets the simulation run
        print(f"(built-in library not usable: {exc}; using synthetic prompts)", file=sys.stderr)
        return synthetic_prompts(), "synthetic"
    return (prompts, "built-in") if prompts else (synthetic_prompts(), "synthetic")


def _meetings(day: date, tz: tzinfo, rng: random.Random) -> list[tuple[datetime, datetime]]:
    """Return a day's meetings: a stand-up most days and a few others."""
    found: list[tuple[datetime, datetime]] = []
    if rng.random() < 0.8:
        start = datetime.combine(day, time(9, 30), tzinfo=tz)
        found.append((start, start + timedelta(minutes=15)))
    for _ in range(rng.randint(0, 3)):
        start = datetime.combine(day, time(rng.randint(10, 16), rng.choice((0, 30))), tzinfo=tz)
        found.append((start, start + timedelta(minutes=rng.choice((30, 45, 60, 90)))))
    return [(a.astimezone(UTC), b.astimezone(UTC)) for a, b in found]


def _choose_response(rng: random.Random) -> Response:
    """Return a plausible response to a prompt."""
    roll, total = rng.random(), 0.0
    for response, weight in RESPONSES:
        total += weight
        if roll < total:
            return response
    return Response.DONE


def simulate_month(
    prompts: Sequence[Prompt],
    *,
    start: date = date(2024, 3, 4),
    days: int = 31,
    settings: Settings | None = None,
    zone: str = "Europe/Berlin",
    seed: int = 0,
    library: str = "synthetic",
) -> MonthReport:
    """Simulate `days` calendar days from `start` and return what the user saw."""
    settings = settings or Settings()
    tz = ZoneInfo(zone)
    rng = random.Random(seed)
    report = MonthReport(library=library)
    state = SchedulerState.new(rng)
    history: list[PromptEvent] = []
    intention: str | None = None
    meetings: list[tuple[datetime, datetime]] = []
    naps: list[tuple[datetime, datetime]] = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        if day.weekday() in settings.workdays:
            report.workdays += 1
            meetings += _meetings(day, tz, rng)
            if rng.random() < 0.3:  # the laptop is closed for a while during the day
                nap = datetime.combine(day, time(rng.randint(10, 15), rng.randint(0, 59)), tz)
                naps.append((nap.astimezone(UTC), (nap + timedelta(hours=2)).astimezone(UTC)))
    # Nights: the machine sleeps from 19:00 to 08:00.
    for offset in range(days):
        evening = datetime.combine(start + timedelta(days=offset), time(19), tzinfo=tz)
        naps.append((evening.astimezone(UTC), (evening + timedelta(hours=13)).astimezone(UTC)))
    naps.sort()

    now = datetime.combine(start, time(7), tzinfo=tz).astimezone(UTC)
    end = now + timedelta(days=days)
    reflected: set[date] = set()
    gap = max(timedelta(minutes=settings.min_gap_minutes), timedelta(minutes=10))
    while now < end:
        today = now.astimezone(tz).date()
        due = next_due(now, settings=settings, history=history, state=state, tz=tz, busy=meetings)
        offer = reflection_due(
            now,
            settings=settings,
            state=state,
            tz=tz,
            reflected_today=today in reflected,
            busy=meetings,
        )
        if offer is not None and offer <= now:
            report.reflections_offered += 1
            state = mark_reflection_offered(state, now, tz)
            if rng.random() < 0.6:
                reflected.add(today)
                intention = f"intention of {today.isoformat()}"
            continue
        if due.is_now(now):
            first = not any(e.shown_at.astimezone(tz).date() == today for e in history)
            if due.snoozed and state.snoozed_prompt_id is not None:
                prompt = next(p for p in prompts if p.id == state.snoozed_prompt_id)
                why = "You asked to see this one again."
                recalled = None
            else:
                choice = choose(
                    now,
                    prompts=prompts,
                    history=history,
                    settings=settings,
                    tz=tz,
                    rng=rng,
                    intention=intention,
                    first_of_day=first,
                    reflected_today=today in reflected,
                )
                prompt, why, recalled = choice.prompt, choice.why, choice.intention
                report.themes[prompt.theme] += 1
                if recalled:
                    report.intentions_recalled += 1
                    intention = None
                _check(report, prompt, now, history, due.snoozed, settings, tz, meetings, gap)
            response = _choose_response(rng)
            event = PromptEvent(
                id=f"e{len(history)}",
                prompt_id=prompt.id,
                theme=prompt.theme,
                shown_at=now,
                response=response,
                responded_at=now,
                why=why,
            )
            history.append(event)
            report.events.append(event)
            report.reasons[due.reason] += 1
            if response is Response.SNOOZED:
                state = snooze(state, now, 15, prompt_id=prompt.id)
            state, notice = after_response(state, history, now, settings=settings, tz=tz)
            if notice is not None:
                report.notices.append(f"{now.astimezone(tz):%a %d %b}: {notice.text}")
            continue
        times = [t for t in (due.at, offer) if t is not None]
        wake_at = min([*times, now + MAX_WAIT])
        asleep = next(((a, b) for a, b in naps if now <= a < wake_at), None)
        if asleep is not None:
            now = asleep[1]
            state = on_wake(state, now)
        else:
            now = wake_at
    for event in report.events:
        if event.response is not Response.SNOOZED:
            report.per_day[event.shown_at.astimezone(tz).date()] += 1
    report.over_daily_count = sum(
        1 for n in report.per_day.values() if n > settings.prompts_per_day
    )
    return report


def _check(
    report: MonthReport,
    prompt: Prompt,
    now: datetime,
    history: Sequence[PromptEvent],
    snoozed: bool,
    settings: Settings,
    tz: tzinfo,
    meetings: Sequence[tuple[datetime, datetime]],
    gap: timedelta,
) -> None:
    """Count the broken promises of a new prompt about to be shown at `now`."""
    local = now.astimezone(tz)
    if local.weekday() not in settings.workdays or not (
        settings.day_start <= local.time() < settings.day_end
    ):
        report.outside_hours += 1
    if any(a <= now < b for a, b in meetings):
        report.during_meetings += 1
    if history and not snoozed and now - history[-1].shown_at < gap:
        report.gap_violations += 1
    recent = {e.prompt_id for e in history if now - e.shown_at < timedelta(days=14)}
    if prompt.id in recent:
        report.repeats_within_14_days += 1


def print_report(report: MonthReport) -> None:
    """Print the month as a short table and the headline facts."""
    print(f"Library: {report.library}; workdays simulated: {report.workdays}")
    print("Prompts per day:")
    for day, count in sorted(report.per_day.items()):
        print(f"  {day:%a %d %b}  {'#' * count} {count}")
    counts = list(report.per_day.values()) or [0]
    print(f"  min {min(counts)}, max {max(counts)}, mean {sum(counts) / len(counts):.2f}")
    print(f"Themes chosen: {len(report.themes)} of {len(Theme)} (snoozed prompts come back as is)")
    for theme, count in report.themes.most_common():
        print(f"  {theme:<14} {count}")
    print(f"Why each came: {dict(report.reasons)}")
    print(f"Repeats within 14 days: {report.repeats_within_14_days}")
    print(f"Prompts outside working hours: {report.outside_hours}")
    print(f"Prompts during meetings: {report.during_meetings}")
    print(f"Gaps shorter than the minimum: {report.gap_violations}")
    print(f"Days over the daily count: {report.over_daily_count}")
    print(
        f"Reflections offered: {report.reflections_offered}; "
        f"intentions recalled next morning: {report.intentions_recalled}"
    )
    for notice in report.notices:
        print(f"Said: {notice}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the simulation from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tz", default="Europe/Berlin")
    parser.add_argument("--start", type=date.fromisoformat, default=date(2024, 3, 4))
    parser.add_argument("--days", type=int, default=31)
    parser.add_argument("--synthetic", action="store_true", help="use synthetic prompts")
    args = parser.parse_args(argv)
    prompts, library = (
        (synthetic_prompts(), "synthetic") if args.synthetic else builtin_or_synthetic()
    )
    report = simulate_month(
        prompts, start=args.start, days=args.days, zone=args.tz, seed=args.seed, library=library
    )
    print_report(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
