"""Domain types: enums and frozen dataclasses shared by the core and the UI.

Timestamps are timezone-aware datetimes in UTC; the UI converts to local time.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from enum import StrEnum


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(timezone.utc)


def new_id() -> str:
    """Return a fresh stable identifier (UUID4 as text)."""
    return str(uuid.uuid4())


class Kind(StrEnum):
    """What kind of leadership moment it was."""

    EXAMPLE = "example"
    SUGGESTION = "suggestion"
    RECOGNITION = "recognition"
    SUPPORT = "support"
    QUESTION = "question"
    DELEGATION = "delegation"
    OTHER = "other"


class Style(StrEnum):
    """What moves a given audience."""

    FACTS = "facts"
    ENTHUSIASM = "enthusiasm"
    REASSURANCE = "reassurance"
    CREDIBILITY = "credibility"


class Outcome(StrEnum):
    """Whether the other person followed: realized vs attempted leadership."""

    FOLLOWED = "followed"
    NOT_YET = "not_yet"
    DECLINED = "declined"


class Response(StrEnum):
    """What happened to a prompt that was shown."""

    SHOWN = "shown"
    DONE = "done"
    SNOOZED = "snoozed"
    SKIPPED = "skipped"
    NOT_FOR_ME = "not_for_me"
    EXPIRED = "expired"


class ChangeKind(StrEnum):
    """The kind of change asked of someone."""

    START = "start"
    STOP = "stop"
    DIFFERENTLY = "differently"


class Size(StrEnum):
    """How big the change is for the other person."""

    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class DayPart(StrEnum):
    """Parts of the working day a prompt suits."""

    MORNING = "morning"
    MIDDAY = "midday"
    AFTERNOON = "afternoon"
    END_OF_DAY = "end_of_day"


class Theme(StrEnum):
    """The twelve practice themes of the prompt library."""

    RECOGNITION = "recognition"
    EXAMPLE = "example"
    QUESTIONS = "questions"
    ATTENTION = "attention"
    PRESENCE = "presence"
    COMMUNICATION = "communication"
    FEEDBACK = "feedback"
    DELEGATION = "delegation"
    INITIATIVE = "initiative"
    CONSISTENCY = "consistency"
    REMOTE = "remote"
    ENERGY = "energy"


@dataclass(frozen=True, slots=True)
class Person:
    """Someone the user works with. Notes are sensitive and stay in the encrypted store."""

    id: str
    name: str
    style: Style | None = None
    notes: str = ""
    archived: bool = False
    created_at: datetime = field(default_factory=utcnow)


@dataclass(frozen=True, slots=True)
class Moment:
    """A small leadership moment the user captured or planned."""

    id: str
    text: str
    kind: Kind
    created_at: datetime
    person: str | None = None
    style: Style | None = None
    tags: tuple[str, ...] = ()
    outcome: Outcome | None = None
    outcome_at: datetime | None = None
    prompt_event_id: str | None = None
    suggestion_id: str | None = None
    planned: bool = False
    follow_up_on: date | None = None


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A composed influence suggestion the user saved."""

    id: str
    created_at: datetime
    style: Style | None
    change: str
    action: ChangeKind
    size: Size
    text: str
    person: str | None = None
    follow_up_on: date | None = None
    outcome: Outcome | None = None
    outcome_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Reflection:
    """One end-of-day reflection; at most one per local day."""

    id: str
    day: date
    created_at: datetime
    updated_at: datetime
    energy: int | None = None
    went_well: str = ""
    differently: str = ""
    intention: str = ""


@dataclass(frozen=True, slots=True)
class PromptEvent:
    """A prompt shown to the user and what they did with it."""

    id: str
    prompt_id: str
    theme: str
    shown_at: datetime
    response: Response = Response.SHOWN
    responded_at: datetime | None = None
    why: str = ""


@dataclass(frozen=True, slots=True)
class PromptText:
    """The words of a prompt in one language."""

    text: str
    try_this: str


@dataclass(frozen=True, slots=True)
class Prompt:
    """A micro-coaching prompt from the library or the user's own."""

    id: str
    theme: str
    texts: dict[str, PromptText]
    parts: tuple[DayPart, ...] = tuple(DayPart)
    tags: tuple[str, ...] = ()
    custom: bool = False

    def text_for(self, language: str) -> PromptText:
        """Return the wording in `language`, falling back to English."""
        return self.texts.get(language) or self.texts["en"]


WEEKDAYS = (0, 1, 2, 3, 4)


@dataclass(frozen=True, slots=True)
class Settings:
    """User settings with the product defaults."""

    workdays: tuple[int, ...] = WEEKDAYS  # Monday = 0
    day_start: time = time(9, 0)
    day_end: time = time(17, 30)
    prompts_per_day: int = 4
    min_gap_minutes: int = 75
    reflection_time: time = time(17, 15)
    reflection_enabled: bool = True
    focus_themes: tuple[str, ...] = ()
    focus_until: date | None = None
    notification_route: str = "card"  # card | notification | both
    language: str = ""  # "" follows the system locale
    calendar_path: str = ""
    recognition_gap_days: int = 14
    launch_at_login: bool = False
    weekly_review: bool = True
    meeting_prep: bool = True
    meeting_prep_minutes: int = 10
