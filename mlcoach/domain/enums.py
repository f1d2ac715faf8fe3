"""The enumerations of the domain: kinds of moments, audience styles, outcomes, themes.

Kept apart from the dataclasses of mlcoach.domain.model so `mlcoach capture` can use them
without paying for the rest of the model at start-up.
"""

from __future__ import annotations

from enum import StrEnum


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
