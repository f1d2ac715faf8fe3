"""Fill a store with years of realistic, reproducible history for tests and benchmarks.

Ten years of heavy use (the product's quality bar) is 50,000 moments, 20,000
prompt events, 2,500 reflections and 300 people; `generate(store, years=N)`
writes N tenths of that (people: at least 30) in one transaction with bulk Core
inserts, so the full-text triggers run exactly as they do for real captures.

Run it to create an encrypted store for ``benchmarks/scale.py``::

    PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring \\
        .venv/bin/python -m benchmarks.generate_store --data-dir /tmp/mlcoach-10y

The plaintext keyring backend works headless (no Secret Service needed); the
database itself is still encrypted with SQLCipher.
"""

from __future__ import annotations

import argparse
import itertools
import logging
import random
import sys
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert

from mlcoach.coaching.content import load_builtin
from mlcoach.domain.model import ChangeKind, Kind, Outcome, Response, Size, Style
from mlcoach.store import models as m
from mlcoach.store.core import Store

logger = logging.getLogger(__name__)

#: Ten years of heavy use, from the product's quality bars.
TEN_YEARS = {"moments": 50_000, "prompt_events": 20_000, "reflections": 2_500, "people": 300}
SUGGESTIONS_PER_YEAR = 150
TAGS = (
    "standup", "retro", "planning", "one-to-one", "code-review", "release", "onboarding",
    "incident", "demo", "hiring", "docs", "design", "customer", "remote", "pairing",
    "meeting", "handover", "testing", "mentoring", "budget",
)
FIRST_NAMES = (
    "Ana", "Bo", "Chen", "Dara", "Eli", "Farah", "Gus", "Hana", "Ivo", "Jun", "Kemal",
    "Lea", "Mira", "Nils", "Oona", "Pia", "Quentin", "Rosa", "Sam", "Tomas", "Ula",
    "Vik", "Wen", "Xenia", "Yusuf", "Zoe", "Aylin", "Bram", "Cem", "Defne", "Emre",
    "Femke", "Goran", "Ines", "Jonas", "Kira", "Lars", "Maya", "Noor", "Omar",
)
NOBODY = ("the team", "a colleague", "the new joiner", "everyone")
THINGS = (
    "the release notes", "the sprint demo", "the on-call handover", "the design review",
    "the customer call", "the flaky test", "the onboarding guide", "the budget sheet",
    "the migration plan", "the hiring loop", "the incident write-up", "the roadmap draft",
    "the API docs", "the retro board", "the pairing session", "the dashboard",
)
CHANGES = (
    ("write the agenda before the meeting", "start the meeting cold"),
    ("post status in the channel", "wait to be asked"),
    ("pair on the tricky part", "struggle alone"),
    ("ship a small slice first", "hold the whole feature back"),
    ("ask for review early", "open a huge pull request at the end"),
    ("take notes for everyone", "rely on memory"),
    ("timebox the discussion", "let it run over"),
    ("say no to the extra scope", "quietly absorb it"),
)
TEMPLATES: dict[Kind, Sequence[str]] = {
    Kind.RECOGNITION: (
        "Thanked {name} in the team channel for {thing}",
        "Told {name} that {thing} made the week easier",
        "Named {name}'s quiet work on {thing} in the standup",
        "Wrote {name} a short note about {thing}",
    ),
    Kind.EXAMPLE: (
        "Left on time and said so, to show it is fine",
        "Admitted my mistake on {thing} first",
        "Kept the meeting to the agenda and ended early",
        "Put my phone away while talking with {name}",
        "Wrote down the decision on {thing} for everyone",
    ),
    Kind.SUGGESTION: (
        "Suggested that {name} {a} instead of {b}",
        "Proposed to {name} that we {a}",
        "Offered {name} the numbers behind {thing}",
    ),
    Kind.SUPPORT: (
        "Sat with {name} through {thing}",
        "Reassured {name} about {thing}",
        "Took the follow-up on {thing} off {name}'s plate",
    ),
    Kind.QUESTION: (
        "Asked {name} how it would work to {a} instead of {b}",
        "Asked {name} what would make {thing} easier",
        "Asked the team what we would change about {thing}",
    ),
    Kind.DELEGATION: (
        "Handed {thing} to {name} with the context and the why",
        "Let {name} lead {thing} and stayed in the background",
        "Asked {name} to own {thing} end to end",
    ),
    Kind.OTHER: (
        "Noticed the energy drop in the room during {thing}",
        "Blocked an hour for focus before {thing}",
        "Checked in with {name} after {thing}",
    ),
}
KIND_WEIGHTS = {
    Kind.RECOGNITION: 22, Kind.EXAMPLE: 18, Kind.SUGGESTION: 16, Kind.SUPPORT: 14,
    Kind.QUESTION: 14, Kind.DELEGATION: 9, Kind.OTHER: 7,
}
WENT_WELL = (
    "Recognised {name} for {thing} and it landed well.",
    "The meeting ended on time because I kept to the agenda.",
    "{name} took over {thing} without a fuss.",
    "Asked a question instead of giving the answer.",
)
DIFFERENTLY = (
    "Speak up earlier when {thing} drifts.",
    "Give {name} the facts first, not my enthusiasm.",
    "Stop checking messages during the one-to-one.",
    "",
)
INTENTIONS = (
    "Thank one person for something small.",
    "Ask {name} how {thing} is going.",
    "Leave on time and say so.",
    "Let someone else run the standup.",
)
RESPONSES = (
    (Response.DONE, 40), (Response.SKIPPED, 20), (Response.SNOOZED, 9),
    (Response.NOT_FOR_ME, 3), (Response.EXPIRED, 28),
)
TAG_COUNTS = ((0, 50), (1, 35), (2, 15))
OUTCOMES = ((Outcome.FOLLOWED, 60), (Outcome.NOT_YET, 25), (Outcome.DECLINED, 15))


@dataclass(frozen=True, slots=True)
class Counts:
    """How much a generated store holds."""

    moments: int
    prompt_events: int
    reflections: int
    people: int
    suggestions: int


def counts_for(years: int) -> Counts:
    """The row counts `generate` writes for `years` of history."""
    scale = years / 10
    return Counts(
        moments=round(TEN_YEARS["moments"] * scale),
        prompt_events=round(TEN_YEARS["prompt_events"] * scale),
        reflections=round(TEN_YEARS["reflections"] * scale),
        people=max(30, round(TEN_YEARS["people"] * scale)),
        suggestions=SUGGESTIONS_PER_YEAR * years,
    )


class _Maker:
    """Builds rows from one seeded random source."""

    def __init__(self, rng: random.Random, tz: tzinfo, start: date, now: datetime) -> None:
        self.rng, self.tz, self.now = rng, tz, now
        days = [start + timedelta(days=i) for i in range((now.astimezone(tz).date() - start).days)]
        self.workdays = [d for d in days if d.weekday() < 5]
        self.weekend = [d for d in days if d.weekday() >= 5]
        # Busy and quiet stretches: each workday gets a weight; holidays weigh nothing.
        self.day_weights = [self._day_weight(d) for d in self.workdays]
        self._day_cum = list(itertools.accumulate(self.day_weights))
        self._cum: dict[int, tuple[list[Any], list[float]]] = {}
        self.names: list[str] = []

    def _day_weight(self, day: date) -> float:
        if (day.month == 8 and day.day < 15) or (day.month == 12 and day.day > 22):
            return 0.0
        return 0.5 + self.rng.random() * (1.5 if day.weekday() < 4 else 1.0)

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def at(self, day: date, start_hour: float = 8.5, end_hour: float = 18.0) -> datetime:
        """A local time on `day` inside the given hours, as aware UTC (never after now)."""
        hours = start_hour + self.rng.random() * (end_hour - start_hour)
        local = datetime(day.year, day.month, day.day, tzinfo=self.tz) + timedelta(hours=hours)
        return min(local.astimezone(UTC), self.now - timedelta(seconds=1))

    def busy_days(self, n: int) -> list[date]:
        return self.rng.choices(self.workdays, cum_weights=self._day_cum, k=n)

    def person_name(self) -> str:
        # A few people you work with every day, a long tail you meet now and then.
        if self.rng.random() < 0.35:
            return self.rng.choice(self.names)
        return self.names[min(int(self.rng.paretovariate(1.2)) - 1, 39, len(self.names) - 1)]

    def fill(self, template: str, name: str | None) -> str:
        a, b = self.rng.choice(CHANGES)
        first = name.split()[0] if name else self.rng.choice(NOBODY)
        return template.format(name=first, thing=self.rng.choice(THINGS), a=a, b=b)

    def weighted(self, pairs: Sequence[tuple[Any, int]]) -> Any:
        """One item of (item, weight) pairs, by weight."""
        if id(pairs) not in self._cum:
            cum = list(itertools.accumulate(float(w) for _, w in pairs))
            self._cum[id(pairs)] = ([p for p, _ in pairs], cum)
        items, cum = self._cum[id(pairs)]
        return self.rng.choices(items, cum_weights=cum)[0]


def _people(mk: _Maker, n: int, created: datetime) -> list[dict[str, Any]]:
    rows, seen = [], set()
    styles = [*Style, None]
    while len(rows) < n:
        name = f"{mk.rng.choice(FIRST_NAMES)} {chr(65 + mk.rng.randrange(26))}."
        if name.casefold() in seen:
            continue
        seen.add(name.casefold())
        notes = mk.rng.choice(("", "", "Prefers written updates.", "New to the team.",
                               "Likes the numbers first.", "Nervous before demos."))
        rows.append({"id": mk.uid(), "name": name, "name_key": name.casefold(),
                     "style": (s := mk.rng.choice(styles)) and s.value, "notes": notes,
                     "archived": mk.rng.random() < 0.05, "created_at": created,
                     "updated_at": created})
    mk.names = [r["name"] for r in rows]
    return rows


def _prompt_events(mk: _Maker, n: int) -> list[dict[str, Any]]:
    prompts = load_builtin()
    rows = []
    for day in mk.busy_days(n):
        prompt = mk.rng.choice(prompts)
        shown = mk.at(day, 9.0, 17.5)
        response = mk.weighted(RESPONSES)
        rows.append({"id": mk.uid(), "prompt_id": prompt.id, "theme": prompt.theme,
                     "shown_at": shown, "response": response.value,
                     "responded_at": min(shown + timedelta(minutes=mk.rng.randint(0, 90)),
                                         mk.now), "why": ""})
    rows.sort(key=lambda r: r["shown_at"])
    return rows


def _outcome(mk: _Maker, created: datetime) -> tuple[str | None, datetime | None]:
    if mk.rng.random() >= 0.6:
        return None, None
    at = min(created + timedelta(hours=mk.rng.randint(1, 240)), mk.now)
    return mk.weighted(OUTCOMES).value, at


Rows = list[dict[str, Any]]


def _suggestions(mk: _Maker, n: int, person_ids: dict[str, str],
                 styles: dict[str, str | None]) -> tuple[Rows, Rows]:
    """Saved suggestions, each with the planned moment the coach creates for it."""
    sugs, moments = [], []
    for day in mk.busy_days(n):
        name = mk.person_name()
        a, b = mk.rng.choice(CHANGES)
        created = mk.at(day)
        outcome, outcome_at = _outcome(mk, created)
        style = styles[name]
        change = f"{a} instead of {b}"
        sid = mk.uid()
        follow = (created + timedelta(days=mk.rng.randint(2, 10))).date()
        sugs.append({"id": sid, "created_at": created, "person_id": person_ids[name],
                     "style": style, "change": change,
                     "action": mk.rng.choice(list(ChangeKind)).value,
                     "size": mk.rng.choice(list(Size)).value,
                     "text": f"How would it work for you to {a} instead of {b}?",
                     "follow_up_on": follow, "outcome": outcome, "outcome_at": outcome_at})
        moments.append(_moment_row(mk, sid=sid, text=change, kind=Kind.SUGGESTION,
                                   created=created, person_id=person_ids[name], style=style,
                                   outcome=(outcome, outcome_at), planned=True,
                                   follow_up_on=follow))
    return sugs, moments


def _moment_row(mk: _Maker, *, text: str, kind: Kind, created: datetime,
                person_id: str | None, style: str | None,
                outcome: tuple[str | None, datetime | None], sid: str | None = None,
                event_id: str | None = None, planned: bool = False,
                follow_up_on: date | None = None) -> dict[str, Any]:
    return {"id": mk.uid(), "text": text, "kind": kind.value, "created_at": created,
            "updated_at": outcome[1] or created, "person_id": person_id, "style": style,
            "outcome": outcome[0], "outcome_at": outcome[1], "prompt_event_id": event_id,
            "suggestion_id": sid, "planned": planned, "follow_up_on": follow_up_on}


def _moments(mk: _Maker, n: int, person_ids: dict[str, str], styles: dict[str, str | None],
             done_events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kinds = tuple(KIND_WEIGHTS.items())
    linked = mk.rng.sample(done_events, min(len(done_events), n // 15))
    rows = []
    for i in range(n):
        kind: Kind = mk.weighted(kinds)
        name = mk.person_name() if mk.rng.random() < 0.72 else None
        event = linked[i] if i < len(linked) else None
        if event is not None:
            created = min(event["responded_at"] + timedelta(minutes=mk.rng.randint(1, 120)),
                          mk.now - timedelta(seconds=1))
        elif mk.rng.random() < 0.04 and mk.weekend:
            created = mk.at(mk.rng.choice(mk.weekend), 10.0, 20.0)
        else:
            created = mk.at(mk.busy_days(1)[0])
        text = mk.fill(mk.rng.choice(TEMPLATES[kind]), name)
        rows.append(_moment_row(
            mk, text=text, kind=kind, created=created,
            person_id=person_ids[name] if name else None, style=styles[name] if name else None,
            outcome=_outcome(mk, created), event_id=event["id"] if event else None))
    return rows


def _tags(mk: _Maker, moments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for row in moments:
        k: int = mk.weighted(TAG_COUNTS)
        for pos, tag in enumerate(mk.rng.sample(TAGS, k)):
            rows.append({"moment_id": row["id"], "tag": tag, "position": pos})
    return rows


def _reflections(mk: _Maker, n: int) -> list[dict[str, Any]]:
    # Mostly workdays; the odd weekend evening when there are not enough of them.
    days = mk.rng.sample(mk.workdays, min(n, len(mk.workdays)))
    days += mk.rng.sample(mk.weekend, min(n - len(days), len(mk.weekend)))
    days.sort()
    rows, energy = [], 3.6
    for day in days:
        # Energy drifts around a fair level, dips on Fridays and in the dark months.
        energy += mk.rng.uniform(-0.5, 0.5) + 0.15 * (3.6 - energy)
        level = energy - (0.6 if day.weekday() == 4 else 0) - (0.4 if day.month in (1, 2) else 0)
        at = mk.at(day, 17.0, 19.5)
        name = mk.person_name()
        rows.append({"id": mk.uid(), "day": day, "created_at": at, "updated_at": at,
                     "energy": None if mk.rng.random() < 0.04 else min(5, max(1, round(level))),
                     "went_well": mk.fill(mk.rng.choice(WENT_WELL), name),
                     "differently": mk.fill(mk.rng.choice(DIFFERENTLY), name),
                     "intention": mk.fill(mk.rng.choice(INTENTIONS), name)})
    return rows


def generate(store: Store, years: int = 10, seed: int = 1, *, now: datetime | None = None,
             tz: tzinfo | None = None) -> Counts:
    """Write `years` of history ending at `now` into an empty store; returns the counts."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    tz = tz or ZoneInfo("Europe/Berlin")
    counts = counts_for(years)
    local_now = now.astimezone(tz).date()
    start = local_now.replace(year=local_now.year - years)
    mk = _Maker(random.Random(seed), tz, start, now)
    people = _people(mk, counts.people, mk.at(start))
    person_ids = {r["name"]: r["id"] for r in people}
    styles = {r["name"]: r["style"] for r in people}
    events = _prompt_events(mk, counts.prompt_events)
    done = [e for e in events if e["response"] == Response.DONE.value]
    sugs, planned = _suggestions(mk, counts.suggestions, person_ids, styles)
    moments = planned + _moments(mk, counts.moments - len(planned), person_ids, styles, done)
    moments.sort(key=lambda r: r["created_at"])  # the order they would have been captured
    tags = _tags(mk, moments)
    reflections = _reflections(mk, counts.reflections)
    with store.engine.begin() as conn:
        # Random UUID keys touch pages all over the indexes: keep them in memory meanwhile.
        conn.exec_driver_sql("PRAGMA cache_size = -262144")
        # Tags before their moments, as a capture and an import write them: each moment's
        # search index entry is written once, with its tags (migration 0013).
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        for table, rows in (
            (m.PersonRow, people), (m.PromptEventRow, events), (m.SuggestionRow, sugs),
            (m.MomentTagRow, tags), (m.MomentRow, moments), (m.ReflectionRow, reflections),
        ):
            if rows:
                conn.execute(insert(table), rows)
    return Counts(moments=len(moments), prompt_events=len(events),
                  reflections=len(reflections), people=len(people), suggestions=len(sugs))


def main(argv: Sequence[str] | None = None) -> int:
    """Create an encrypted store in --data-dir and fill it; prints what it took."""
    from mlcoach.security.keys import OSKeyring
    from mlcoach.store.vault import Layout, init_store

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="an empty folder")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    opened = init_store(Layout(args.data_dir), "keyring", keys=OSKeyring())
    t1 = time.perf_counter()
    try:
        counts = generate(opened.store, years=args.years, seed=args.seed)
    finally:
        opened.store.close()
    t2 = time.perf_counter()
    size = opened.layout.db.stat().st_size
    sys.stdout.write(
        f"created {opened.layout.db} in {t1 - t0:.2f} s, filled in {t2 - t1:.2f} s\n"
        f"{counts.moments} moments, {counts.prompt_events} prompt events, "
        f"{counts.reflections} reflections, {counts.people} people, "
        f"{counts.suggestions} suggestions; {size / 1e6:.1f} MB\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
