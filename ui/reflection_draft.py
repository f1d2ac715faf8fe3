"""The reflection being typed, kept inside the encrypted store while it is typed.

Quitting and logging out save a reflection that is open (`ReflectionDialog.keep_unsaved`);
this covers what they cannot: a crash, a kill, a lost display connection. The answers are
written under one state key a moment after the typing pauses, and cleared when the
reflection is saved or discarded. Unlike the quick-capture draft (one line, a private
file: ui/draft.py), a reflection can be long and personal, so it stays encrypted.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

logger = logging.getLogger(__name__)

KEY = "reflection_draft"

Answers = tuple[int | None, str, str, str]  # energy, went well, differently, intention


@dataclass(frozen=True, slots=True)
class ReflectionDraft:
    """What was typed for `day`, as of `at` (the dialog's clock)."""

    day: date
    answers: Answers
    at: datetime

    def to_json(self) -> dict[str, Any]:
        energy, went_well, differently, intention = self.answers
        return {"format": 1, "day": self.day.isoformat(), "at": self.at.isoformat(),
                "energy": energy, "went_well": went_well, "differently": differently,
                "intention": intention}

    def newer_than(self, saved_at: datetime | None) -> bool:
        """Whether the draft was typed after the reflection last saved (None: none is)."""
        return saved_at is None or self.at > saved_at


def from_json(value: object) -> ReflectionDraft | None:
    """The draft saved under KEY; None when there is none or it is not one of ours."""
    if not isinstance(value, dict) or value.get("format") != 1:
        return None
    try:
        day = date.fromisoformat(value["day"])
        at = datetime.fromisoformat(value["at"])
        energy = value["energy"]
        texts = tuple(value[k] for k in ("went_well", "differently", "intention"))
    except (KeyError, TypeError, ValueError):
        logger.warning("the saved reflection draft is not readable; ignoring it")
        return None
    if at.tzinfo is None or not all(isinstance(t, str) for t in texts) or not (
            energy is None or (type(energy) is int and 1 <= energy <= 5)):
        logger.warning("the saved reflection draft is not readable; ignoring it")
        return None
    went_well, differently, intention = texts
    return ReflectionDraft(day, (energy, went_well, differently, intention), at)


def forget_for_day(store: Any, day: date) -> None:
    """Drop the draft typed for `day` (its reflection was deleted): else the next opening
    of the reflection would bring the deleted words back, as it brings back a crash's."""
    draft = from_json(store.get_state(KEY))
    if draft is not None and draft.day == day:
        store.set_state(KEY, None)
