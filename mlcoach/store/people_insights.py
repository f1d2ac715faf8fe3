"""People insights: who is due some recognition, and who is in the next meeting.

Pure reads over the store; no Qt. Both functions answer from one or two short
queries, so they stay quick with hundreds of people and years of moments.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, select

from mlcoach.domain.model import Outcome, Person, Suggestion
from mlcoach.domain.timestamps import from_db
from mlcoach.store import models as m
from mlcoach.store.codec import RECOGNISING_KINDS
from mlcoach.store.core import Store

logger = logging.getLogger(__name__)

_OPEN_OUTCOMES = (None, Outcome.NOT_YET)
_EMAIL_SEPARATORS = str.maketrans({".": " ", "_": " ", "-": " "})


def recognition_due(store: Store, now: datetime,
                    gap_days: int = 14) -> list[tuple[Person, int]]:
    """People not recognised or supported for at least `gap_days`, most overdue first.

    Only people with at least one moment count. The gap runs from their latest
    recognition or support moment or, when there never was one, from their first moment.
    Returns (person, whole days since) pairs; archived people are left out.
    """
    if now.tzinfo is None:
        raise ValueError("recognition_due needs an aware datetime")
    # Per person, two seeks on ix_moments_person_created rather than a scan of moments.
    mine = m.MomentRow.person_id == m.PersonRow.id
    first = select(func.min(m.MomentRow.created_at)).where(mine).scalar_subquery()
    last = (
        select(func.max(m.MomentRow.created_at))
        .where(mine, m.MomentRow.kind.in_([k.value for k in RECOGNISING_KINDS]))
        .scalar_subquery()
    )
    query = select(m.PersonRow.id, first, last)
    with store.session() as s:
        spans = {pid: (f, la) for pid, f, la in s.execute(query) if f is not None}
    due: list[tuple[Person, int]] = []
    for person in store.people():
        if person.id not in spans:
            continue
        first, last = spans[person.id]
        since = from_db(last if last is not None else first)
        if since is None:
            continue
        days = (now - since).days
        if days >= gap_days:
            due.append((person, days))
    due.sort(key=lambda pair: (-pair[1], pair[0].name.casefold()))
    return due


def prep_for_meeting(store: Store,
                     attendee_names_or_emails: Sequence[str]
                     ) -> list[tuple[Person, Suggestion | None]]:
    """Saved people who are among the attendees, with their latest open suggestion.

    A name matches ignoring case and accents. An email matches by its local part:
    ``ana.silva@x`` finds "Ana Silva", or "Ana" when no "Ana Silva" is saved, and
    ``ana@x`` finds a single saved "Ana …". People come back in attendee order, once.
    """
    found = people_among(store.people(), attendee_names_or_emails)
    return [(person, _latest_open(store, person)) for person in found]


def people_among(people: Sequence[Person],
                 attendee_names_or_emails: Sequence[str]) -> list[Person]:
    """The `people` among the attendees (matched as in `prep_for_meeting`), once each."""
    keys = {p.id: _tokens(p.name) for p in people}
    found: list[Person] = []
    for attendee in attendee_names_or_emails:
        for person in _matches(attendee, people, keys):
            if all(person.id != seen.id for seen in found):
                found.append(person)
    return found


def open_suggestions(store: Store, person: str | None = None) -> list[Suggestion]:
    """Saved suggestions with no final outcome yet, soonest follow-up first."""
    open_ = [s for s in store.suggestions(person=person) if s.outcome in _OPEN_OUTCOMES]
    open_.sort(key=lambda s: (s.follow_up_on or date.max, s.created_at))
    return open_


def _matches(attendee: str, people: Sequence[Person],
             keys: dict[str, tuple[str, ...]]) -> list[Person]:
    """The saved people `attendee` (a name or an email address) refers to."""
    text = attendee.strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    if "@" not in text:
        wanted = _tokens(text)
        return [p for p in people if wanted and keys[p.id] == wanted]
    local = text.rsplit("@", 1)[0].split("+", 1)[0]
    parts = _tokens(local.translate(_EMAIL_SEPARATORS))
    if not parts:
        return []
    exact = [p for p in people if keys[p.id] == parts]
    if exact:
        return exact
    # "ana.silva" -> a saved "Ana"; "ana" -> a saved "Ana Silva", when only one fits.
    shorter = [p for p in people if keys[p.id] and parts[: len(keys[p.id])] == keys[p.id]]
    if shorter:
        return shorter
    if len(parts) == 1:
        first_names = [p for p in people if keys[p.id][:1] == parts]
        return first_names if len(first_names) == 1 else []
    return []


def _tokens(text: str) -> tuple[str, ...]:
    """Words of a name, casefolded and without accents ("João" and "joao" match)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return tuple(plain.split())


def _latest_open(store: Store, person: Person) -> Suggestion | None:
    """The newest suggestion for `person` that has no final outcome yet."""
    return next(
        (s for s in store.suggestions(person=person.name) if s.outcome in _OPEN_OUTCOMES),
        None,
    )
