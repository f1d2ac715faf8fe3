"""Meeting preparation: who is in the next meeting, their style, and the change open with them.

Pure reads over the store and the local calendar; no Qt. The coach asks when
the next card is due and takes it once; the UI only formats what comes back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from mlcoach.coaching.ports import CoachStore
from mlcoach.domain.model import Person, Settings, Suggestion

if TYPE_CHECKING:
    from mlcoach.coaching.calendar_ics import Meeting

logger = logging.getLogger(__name__)

#: How far ahead the calendar is read for the next card.
LOOKAHEAD = timedelta(hours=12)


@dataclass(frozen=True, slots=True)
class PrepPerson:
    """One saved person in the meeting, with the question for the change open with them."""

    person: Person
    suggestion: Suggestion | None
    question: str  # empty when nothing is open with them


@dataclass(frozen=True, slots=True)
class Prep:
    """A preparation card for one meeting occurrence."""

    key: str  # stable per occurrence, so a card is shown once
    summary: str
    start: datetime
    show_at: datetime
    people: tuple[PrepPerson, ...]


def next_prep(store: CoachStore, settings: Settings, now: datetime, language: str,
              shown: Collection[str], *,
              meetings: Callable[[Settings, datetime, datetime], list[Meeting]],
              ) -> Prep | None:
    """The next meeting not yet prepared for whose attendees include a saved person.

    A card is due from `meeting_prep_minutes` before the start until the start;
    meetings already under way, or in `shown`, are passed over.
    """
    if not settings.meeting_prep or not (settings.calendar_path or settings.calendar_eds):
        return None
    upcoming = meetings(settings, now, now + LOOKAHEAD)
    lead = timedelta(minutes=max(0, settings.meeting_prep_minutes))
    for meeting in sorted(upcoming, key=lambda m: m.start):
        key = f"{meeting.uid or meeting.summary}@{meeting.start.astimezone(UTC).isoformat()}"
        if meeting.start <= now or key in shown:
            continue
        names = [a.name or a.email for a in meeting.attendees]
        if meeting.organizer is not None:
            names.append(meeting.organizer.name or meeting.organizer.email)
        matched = store.prep_for_meeting([n for n in names if n])
        if not matched:
            continue
        people = tuple(PrepPerson(p, s, _question(p, s, language)) for p, s in matched)
        return Prep(key, meeting.summary, meeting.start, meeting.start - lead, people)
    return None


def refreshed(prep: Prep, store: CoachStore, language: str) -> Prep | None:
    """`prep` as the store has its people now, for a card up until the meeting starts:
    an open change edited since shows its new words; someone deleted, archived or
    renamed since leaves it (their old name is not shown); None when no one is left."""
    known = {pp.person.id for pp in prep.people}
    matched = store.prep_for_meeting([pp.person.name for pp in prep.people])
    people = tuple(PrepPerson(p, s, _question(p, s, language)) for p, s in matched
                   if p.id in known)
    if people == prep.people:
        return prep
    return replace(prep, people=people) if people else None


def _question(person: Person, suggestion: Suggestion | None, language: str) -> str:
    """The supportive question for the open change, in the person's own style."""
    if suggestion is None:
        return ""
    # Here: the composer and its phrasing tables are for the day a meeting needs them,
    # not for every idle app (most set no calendar).
    from mlcoach.influence.composer import ComposerError, SuggestionRequest, compose

    try:
        composed = compose(SuggestionRequest(
            change=suggestion.change, style=person.style or suggestion.style,
            action=suggestion.action, size=suggestion.size, person=person.name,
            language=language))
    except ComposerError:
        return ""
    return composed.question or composed.opening
