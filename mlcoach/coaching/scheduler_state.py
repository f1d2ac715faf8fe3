"""What the scheduler remembers between calls (pauses, snoozes, back-off, clock checks),
kept by the coach as JSON in the store's state table."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any, TypeGuard

from mlcoach.domain.timestamps import as_utc


@dataclass(frozen=True, slots=True)
class SchedulerState:
    """What the scheduler remembers between calls; persist it as JSON."""

    seed: int = 0
    pause_until: datetime | None = None
    snooze_until: datetime | None = None
    snoozed_prompt_id: str | None = None
    settle_until: datetime | None = None
    backoff_count: int | None = None
    backoff_until: date | None = None
    backoff_since: datetime | None = None
    backoff_anchor: datetime | None = None
    restore_offered: bool = False
    reflection_offered_on: date | None = None
    reflection_offered_at: datetime | None = None
    clock_wall: datetime | None = None
    clock_real: float | None = None
    shifts: tuple[tuple[str, float], ...] = ()

    @classmethod
    def new(cls, rng: random.Random) -> SchedulerState:
        """Return a fresh state whose daily plans are seeded from `rng`."""
        return cls(seed=rng.getrandbits(32))

    def to_json(self) -> dict[str, Any]:
        """Return the state as a plain JSON-able dict."""
        out: dict[str, Any] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, tuple):
                value = [list(pair) for pair in value]
            elif isinstance(value, datetime):
                value = as_utc(value).isoformat()
            elif isinstance(value, date):
                value = value.isoformat()
            out[item.name] = value
        return out

    @classmethod
    def from_json(cls, data: object) -> SchedulerState:
        """Return the state stored by :meth:`to_json`; missing or bad keys get defaults."""
        if not isinstance(data, Mapping):
            return cls()
        seed = data.get("seed")
        count = data.get("backoff_count")
        offered = data.get("restore_offered")
        prompt_id = data.get("snoozed_prompt_id")
        real = data.get("clock_real")
        return cls(
            seed=seed if isinstance(seed, int) and not isinstance(seed, bool) else 0,
            pause_until=_parse_datetime(data.get("pause_until")),
            snooze_until=_parse_datetime(data.get("snooze_until")),
            snoozed_prompt_id=prompt_id if isinstance(prompt_id, str) else None,
            settle_until=_parse_datetime(data.get("settle_until")),
            backoff_count=(
                count if isinstance(count, int) and not isinstance(count, bool) else None
            ),
            backoff_until=_parse_date(data.get("backoff_until")),
            backoff_since=_parse_datetime(data.get("backoff_since")),
            backoff_anchor=_parse_datetime(data.get("backoff_anchor")),
            restore_offered=offered if isinstance(offered, bool) else False,
            reflection_offered_on=_parse_date(data.get("reflection_offered_on")),
            reflection_offered_at=_parse_datetime(data.get("reflection_offered_at")),
            clock_wall=_parse_datetime(data.get("clock_wall")),
            clock_real=float(real) if _is_number(real) else None,
            shifts=_parse_shifts(data.get("shifts")),
        )


# --------------------------------------------------------------------------- parsing


def _parse_datetime(value: object) -> datetime | None:
    """Return an aware UTC datetime parsed from ISO text, or None."""
    if not isinstance(value, str):
        return None
    try:
        return as_utc(datetime.fromisoformat(value))
    except ValueError:
        return None


def _is_number(value: object) -> TypeGuard[int | float]:
    """Return True for a finite int or float that is not a bool."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _parse_shifts(value: object) -> tuple[tuple[str, float], ...]:
    """Return (event id, seconds) pairs parsed from JSON, skipping bad entries."""
    if not isinstance(value, list):
        return ()
    pairs: list[tuple[str, float]] = []
    for item in value:
        if isinstance(item, list | tuple) and len(item) == 2:
            event_id, seconds = item
            if isinstance(event_id, str) and _is_number(seconds):
                pairs.append((event_id, max(-1e9, min(1e9, float(seconds)))))
    return tuple(pairs)


def _parse_date(value: object) -> date | None:
    """Return a date parsed from ISO text, or None."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
