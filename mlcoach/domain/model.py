"""Domain types: enums and frozen dataclasses shared by the core and the UI.

Timestamps are timezone-aware datetimes in UTC; the UI converts to local time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from mlcoach.domain.enums import ChangeKind, DayPart, Kind, Outcome, Response, Size, Style, Theme
from mlcoach.domain.ids import new_id, utcnow

# The enums and ids live in their own light modules; the rest of the code imports
# them from here as before.
__all__ = [
    "WEEKDAYS",
    "ChangeKind",
    "DayPart",
    "Kind",
    "Moment",
    "Outcome",
    "Person",
    "Prompt",
    "PromptEvent",
    "PromptText",
    "Reflection",
    "Response",
    "Settings",
    "Size",
    "Style",
    "Suggestion",
    "Theme",
    "new_id",
    "utcnow",
]


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


#: The values each number setting may take: the Settings dialog's ranges, and for the two
#: it does not show, bounds no one reaches. A saved value outside its range takes the
#: nearest end of it; an import leaves such a value out and says so.
SETTING_RANGES: dict[str, tuple[int, int]] = {
    "prompts_per_day": (0, 12),
    "min_gap_minutes": (15, 480),
    "recognition_gap_days": (0, 3650),  # 0: the coach names no one to recognise
    "meeting_prep_minutes": (0, 1440),
}


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
    calendar_eds: bool = False  # also read GNOME/Evolution's calendars (over D-Bus)
    calendar_emails: tuple[str, ...] = ()  # the user's own addresses: declined meetings
    recognition_gap_days: int = 14
    launch_at_login: bool = False
    weekly_review: bool = True
    meeting_prep: bool = True
    meeting_prep_minutes: int = 10
