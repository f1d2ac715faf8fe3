"""The Store: every read and write of the user's data, as short transactions.

Each method opens its own ``with self._sessions.begin()`` block and returns domain
dataclasses, never ORM rows, so callers (CLI, UI worker thread) hold no session. Database
errors leave a public method as `StoreUnavailableError` (see `_errors_as_domain`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import func, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from mlcoach.domain.capture import person_keys
from mlcoach.domain.errors import MOMENT_DELETED, MlcoachError, MomentDeletedError, UsageError
from mlcoach.domain.i18n import N_, Term
from mlcoach.domain.model import (
    ChangeKind,
    Kind,
    Moment,
    Outcome,
    Person,
    Prompt,
    PromptEvent,
    Reflection,
    Response,
    Settings,
    Size,
    Style,
    Suggestion,
    new_id,
    utcnow,
)
from mlcoach.domain.settings_codec import settings_from_dict, settings_to_dict
from mlcoach.domain.text import MAX_TEXT, clean_name, clean_tag, clean_text, name_key
from mlcoach.domain.timestamps import from_db
from mlcoach.security.keys import Secret
from mlcoach.store import models as m
from mlcoach.store import rows
from mlcoach.store.db import empty_wal, writer
from mlcoach.store.errors import errors_as_domain, unavailable
from mlcoach.store.file_guard import KeptConnection
from mlcoach.store.light import kept_connection
from mlcoach.store.search import SearchHit, hits, search_sql

logger = logging.getLogger(__name__)

_E = TypeVar("_E", bound=StrEnum)
# A saved suggestion and its planned moment's new words -> its text composed for them.
Reword = Callable[[Suggestion, str], "str | None"]


@errors_as_domain
class Store:
    """Typed access to the user's data."""

    def __init__(self, engine: Engine, path: Path | None = None,
                 secret: Secret | None = None) -> None:
        self.engine = engine
        self.path = path
        self._secret = secret  # for a kept connection (see keep_connection)
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # Writes begin IMMEDIATE, so they wait for another writer instead of failing.
        self._long_writes = sessionmaker(writer(engine), expire_on_commit=False)
        self._brief: tuple[int, int, sessionmaker[Session]] | None = None
        # The suggestions deleted with their planned moment, by moment id, for an undo
        # (every one: History's undo is a stack). In memory only, never in the file.
        self._undo_suggestions: dict[str, dict[str, Any]] = {}

    def wait_briefly_here(self, wait_ms: int) -> None:
        """Writes from the calling thread (a GUI's) wait at most `wait_ms` for another
        writer, then fail with StoreBusyError, instead of holding it for the store's
        minute; writes from other threads (a worker's) keep the long wait."""
        brief = self._brief
        if brief is not None and brief[:2] == (threading.get_ident(), wait_ms):
            return
        self._brief = (threading.get_ident(), wait_ms,
                       sessionmaker(writer(self.engine, wait_ms), expire_on_commit=False))

    def wait_as_long_as_needed(self) -> None:
        """Writes from every thread wait the store's minute again (the app quitting: what
        was typed is kept even behind a long import)."""
        self._brief = None

    def _waits_briefly(self) -> bool:
        brief = self._brief
        return brief is not None and brief[0] == threading.get_ident()

    @property
    def _writes(self) -> sessionmaker[Session]:
        brief = self._brief  # read once: another thread may change it
        if brief is not None and brief[0] == threading.get_ident():
            return brief[2]
        return self._long_writes

    def close(self) -> None:
        """Release database connections."""
        self.engine.dispose()

    # -- people -------------------------------------------------------------------

    def _person_row(self, s: Session, name: str, *,
                    endings: bool = False) -> m.PersonRow | None:
        # The name as written first: where migration 0004 found two people whose keys now
        # fold together, the one that kept its old key is still reached by its own name.
        # Then its key, then (`endings`: a name a person typed) the name without a Turkish
        # case ending: "Ana'ya". Not for a name a window holds: "Ana'ya" deleted or merged
        # meanwhile, its editor's save must not land on Ana.
        name = " ".join(name.split())
        own, bare = person_keys(name) if endings else (name_key(name),) * 2
        return s.scalar(select(m.PersonRow).where(
            m.PersonRow.name_key.in_((own, bare)) | (m.PersonRow.name == name))
            .order_by((m.PersonRow.name == name).desc(), (m.PersonRow.name_key == own).desc())
            .limit(1))

    def _person_id(self, s: Session, name: str | None, *, create: bool) -> str | None:
        if name is None:
            return None
        name = clean_name(name)
        row = self._person_row(s, name, endings=create)  # as the quick capture's
        if row is None:
            if not create:
                raise MlcoachError("no person called {name!r}", name=name)
            now = utcnow()
            row = m.PersonRow(
                id=new_id(), name=" ".join(name.split()), name_key=name_key(name),
                notes="", archived=False, created_at=now, updated_at=now,
            )
            s.add(row)
            s.flush()
        return row.id

    def add_person(self, name: str, style: Style | None = None, notes: str = "") -> Person:
        """Add someone; a name that differs only by case is the same person. Adding
        someone archived brings them back, with their history (and the style and notes
        given, notes added to theirs)."""
        name = clean_name(name)
        with self._writes.begin() as s:
            found = self._person_row(s, name)
            if found is not None and found.archived:
                found.archived = False
                if style is not None:
                    found.style = style.value
                if notes:
                    found.notes = f"{found.notes}\n\n{notes}" if found.notes else notes
                found.updated_at = utcnow()
                return rows.person(found)
            if found is not None:
                raise MlcoachError("{name!r} is already in your people list", name=name)
            now = utcnow()
            row = m.PersonRow(
                id=new_id(), name=name, name_key=name_key(name),
                style=style.value if style else None, notes=notes, archived=False,
                created_at=now, updated_at=now,
            )
            s.add(row)
            return rows.person(row)

    def edit_person(self, name: str, *, new_name: str | None = None,
                    style: Style | str | None = "", notes: str | None = None,
                    archived: bool | None = None, reword: Reword | None = None) -> Person:
        """Change a person's name, style (None clears it), notes or archived flag.

        Args:
            reword: with a new name, composes the suggestions made for them again for it
                (influence.reworded): their text names them ("With Priya"). Without it,
                or when it gives None, a suggestion keeps its change alone.
        """
        with self._writes.begin() as s:
            row = self._person_row(s, name)
            if row is None:
                raise MlcoachError("no person called {name!r}", name=name)
            if new_name is not None:
                new_name = clean_name(new_name)
                other = self._person_row(s, new_name)
                if other is not None and other.id != row.id:
                    raise MlcoachError("{name!r} is already in your people list",
                                       name=new_name)
                if new_name != row.name:
                    self._rename_in_suggestions(s, row.id, new_name, reword)
                row.name, row.name_key = new_name, name_key(new_name)
            if style != "":
                row.style = style.value if isinstance(style, Style) else None
            if notes is not None:
                row.notes = notes
            if archived is not None:
                row.archived = archived
            row.updated_at = utcnow()
            edited = rows.person(row)
        self._forget_replaced()
        return edited

    def _rename_in_suggestions(self, s: Session, person_id: str, new_name: str | None,
                               reword: Reword | None) -> None:
        """The suggestions made for a person composed again for `new_name` (None: for no
        one in particular), so the name they had goes from their text."""
        for sug in s.scalars(select(m.SuggestionRow)
                             .where(m.SuggestionRow.person_id == person_id)).unique():
            before = rows.suggestion(sug)
            saved = dataclasses.replace(before, person=new_name)
            composed = reword(saved, saved.change) if reword is not None else None
            if composed:
                sug.text = composed
            elif before.person and before.person in sug.text:
                sug.text = saved.change  # not composed again: at least the name goes

    def archive_person(self, name: str) -> Person:
        """Hide someone from lists; their history stays."""
        return self.edit_person(name, archived=True)

    def delete_person(self, name: str, *, reword: Reword | None = None) -> Person:
        """Delete someone: their name and notes go. The moments and suggestions with them
        stay in the history, with no one attached (the words in them are the user's own);
        returns who went.

        Args:
            reword: composes a suggestion made for them again for no one in particular
                (influence.reworded); its text names them ("With Priya"). Without it, or
                when it gives None, the suggestion keeps its change alone.
        """
        with self._writes.begin() as s:
            row = self._person_row(s, name)
            if row is None:
                raise MlcoachError("no person called {name!r}", name=name)
            gone = rows.person(row)
            self._rename_in_suggestions(s, row.id, None, reword)
            for table in (m.MomentRow, m.SuggestionRow):
                s.execute(update(table).where(table.person_id == row.id).values(person_id=None))
            s.delete(row)
        self._forget_replaced()
        return gone

    def merge_person(self, name: str, into: str, *, reword: Reword | None = None) -> Person:
        """Put someone known under two names together ("Ana'ya", captured before endings
        were understood, into "Ana"): their moments and suggestions go to `into`, their
        notes are added to its notes, their style fills a style not set; `name` goes.
        Returns who is left.

        Args:
            reword: composes the suggestions made for `name` again for `into`
                (influence.reworded), as a rename does.
        """
        with self._writes.begin() as s:
            row, kept = self._person_row(s, name), self._person_row(s, into)
            if row is None or kept is None:
                raise MlcoachError("no person called {name!r}",
                                   name=name if row is None else into)
            if row.id == kept.id:
                raise MlcoachError("{name!r} and {into!r} are the same person",
                                   name=name, into=into)
            self._rename_in_suggestions(s, row.id, kept.name, reword)
            # The moments' edit time moves: a restore after damage then takes them from
            # the damaged file, linked to `into` (recovery.carry_over).
            now = utcnow()
            s.execute(update(m.MomentRow).where(m.MomentRow.person_id == row.id)
                      .values(person_id=kept.id, updated_at=now))
            s.execute(update(m.SuggestionRow).where(m.SuggestionRow.person_id == row.id)
                      .values(person_id=kept.id))
            if row.notes.strip() and row.notes.strip() not in kept.notes:
                kept.notes = f"{kept.notes.rstrip()}\n\n{row.notes.strip()}".lstrip()
            kept.style = kept.style or row.style
            kept.archived = kept.archived and row.archived  # shown if either was
            kept.updated_at = now
            s.delete(row)
            s.flush()  # the trigger of migration 0009 keeps the id; where it went, too:
            s.execute(update(m.DeletedPersonRow).where(m.DeletedPersonRow.id == row.id)
                      .values(merged_into=kept.id))
            merged = rows.person(kept)
        self._forget_replaced()
        return merged

    def people(self, include_archived: bool = False) -> list[Person]:
        """Everyone, sorted by name."""
        with self._sessions.begin() as s:
            q = select(m.PersonRow).order_by(m.PersonRow.name_key)
            if not include_archived:
                q = q.where(m.PersonRow.archived.is_(False))
            return [rows.person(r) for r in s.scalars(q)]

    def find_person(self, name: str, *, typed: bool = False) -> Person | None:
        """Look a person up by name, ignoring case; `typed` (a name the user typed, as
        on the command line): "Ana'ya", with a Turkish case ending, is Ana if no one is
        saved as "Ana'ya"."""
        with self._sessions.begin() as s:
            row = self._person_row(s, name, endings=typed)
            return rows.person(row) if row else None

    def last_interactions(self) -> dict[str, datetime]:
        """Person name -> time of their latest moment."""
        with self._sessions.begin() as s:
            # One index seek per person (ix_moments_person_created), not a scan of moments.
            latest = (
                select(func.max(m.MomentRow.created_at))
                .where(m.MomentRow.person_id == m.PersonRow.id)
                .scalar_subquery()
            )
            q = select(m.PersonRow.name, latest).where(latest.is_not(None))
            out: dict[str, datetime] = {}
            for name, when in s.execute(q):
                parsed = from_db(when)
                if parsed is not None:
                    out[name] = parsed
            return out

    # -- moments ------------------------------------------------------------------

    def add_moment(self, text: str, kind: Kind = Kind.OTHER, *, person: str | None = None,
                   style: Style | None = None, tags: Iterable[str] = (),
                   created_at: datetime | None = None, prompt_event_id: str | None = None,
                   suggestion_id: str | None = None, planned: bool = False,
                   follow_up_on: date | None = None, outcome: Outcome | None = None,
                   moment_id: str | None = None) -> Moment:
        """Store a moment (and an unknown @person); a `moment_id` already stored adds
        nothing, one deleted since raises MomentDeletedError (a capture sent again)."""
        return self._add_moment(text, kind, person=person, style=style, tags=tags,
                                created_at=created_at, prompt_event_id=prompt_event_id,
                                suggestion_id=suggestion_id, planned=planned,
                                follow_up_on=follow_up_on, outcome=outcome,
                                moment_id=moment_id, undeleting=False)

    def _add_moment(self, text: str, kind: Kind, *, person: str | None,
                    style: Style | None, tags: Iterable[str], created_at: datetime | None,
                    prompt_event_id: str | None, suggestion_id: str | None, planned: bool,
                    follow_up_on: date | None, outcome: Outcome | None,
                    moment_id: str | None, undeleting: bool) -> Moment:
        text = clean_text(text, "moment text")
        tag_list = rows.dedupe(clean_tag(t) for t in tags)
        now = created_at or utcnow()
        with self._writes.begin() as s:
            found = s.get(m.MomentRow, moment_id) if moment_id is not None else None
            if found is not None:
                return rows.moment(found)
            if (moment_id is not None and not undeleting
                    and s.get(m.DeletedMomentRow, moment_id) is not None):
                raise MomentDeletedError(MOMENT_DELETED, id=moment_id)
            person_id = self._person_id(s, person, create=True)
            if style is None and person_id is not None:
                style = rows.enum_or_none(Style, s.get_one(m.PersonRow, person_id).style)
            row = m.MomentRow(
                id=moment_id or new_id(), text=text, kind=kind.value, created_at=now,
                updated_at=now, person_id=person_id, style=style.value if style else None,
                prompt_event_id=prompt_event_id, suggestion_id=suggestion_id, planned=planned,
                follow_up_on=follow_up_on, outcome=outcome.value if outcome else None,
                outcome_at=now if outcome else None,
            )
            row.tag_rows = [m.MomentTagRow(tag=t, position=i) for i, t in enumerate(tag_list)]
            s.add(row)
            s.flush()
            return rows.moment(row)

    def get_moment(self, moment_id: str) -> Moment | None:
        """One moment by id."""
        with self._sessions.begin() as s:
            row = s.get(m.MomentRow, moment_id)
            return rows.moment(row) if row else None

    def update_moment(self, moment_id: str, *, text: str | None = None,
                      kind: Kind | None = None, person: str | bool | None = False,
                      style: Style | bool | None = False,
                      tags: Iterable[str] | None = None, reword: Reword | None = None
                      ) -> Moment:
        """Edit a moment in place (person/style: False leaves them, None clears).

        Args:
            reword: composes the suggestion a planned moment was made from again for its
                new words (influence.reworded); without it, or when it gives None, the
                suggestion keeps the new words alone: never the old ones.
        """
        with self._writes.begin() as s:
            row = s.get(m.MomentRow, moment_id)
            if row is None:
                raise MlcoachError("no moment with id {id}", id=moment_id)
            if text is not None:
                new_text = clean_text(text, "moment text")
                if new_text != row.text and row.suggestion_id is not None:
                    self._reword_its_suggestion(s, moment_id, row.suggestion_id, new_text,
                                                reword)
                row.text = new_text
            if kind is not None:
                row.kind = kind.value
            if person is not False:
                row.person_id = self._person_id(
                    s, person if isinstance(person, str) else None, create=True
                )
            if style is not False:
                row.style = style.value if isinstance(style, Style) else None
            if tags is not None:
                tag_list = rows.dedupe(clean_tag(t) for t in tags)
                row.tag_rows = [m.MomentTagRow(tag=t, position=i) for i, t in enumerate(tag_list)]
            row.updated_at = utcnow()
            s.flush()
            s.refresh(row)
            edited = rows.moment(row)
        self._forget_replaced()
        return edited

    def _reword_its_suggestion(self, s: Session, moment_id: str, suggestion_id: str,
                               text: str, reword: Reword | None) -> None:
        """The suggestion a planned moment was made from takes its new words (they are
        its change, and its text is composed from them), unless another moment has it."""
        if s.scalar(select(func.count()).select_from(m.MomentRow)
                    .where(m.MomentRow.suggestion_id == suggestion_id)
                    .where(m.MomentRow.id != moment_id)):
            return
        found = s.get(m.SuggestionRow, suggestion_id)
        if found is None:
            return
        composed = reword(rows.suggestion(found), text) if reword is not None else None
        found.change, found.text = text, composed or text

    def delete_moment(self, moment_id: str) -> Moment:
        """Delete a moment and return it, so the caller can offer undo."""
        with self._writes.begin() as s:
            row = s.get(m.MomentRow, moment_id)
            if row is None:
                raise MlcoachError("no moment with id {id}", id=moment_id)
            gone = rows.moment(row)
            s.delete(row)
            self._delete_its_suggestion(s, moment_id, row.suggestion_id)
        self._forget_replaced()
        return gone

    def _delete_its_suggestion(self, s: Session, moment_id: str,
                               suggestion_id: str | None) -> None:
        """The suggestion a planned moment was made from goes with it, unless another
        moment has it: its words are the moment's ("stop interrupting Priya…"), and they
        stayed in search and exports after the moment was deleted. Kept in memory for
        an undo (restore_moment)."""
        if suggestion_id is None:
            return
        s.flush()
        if s.scalar(select(func.count()).select_from(m.MomentRow)
                    .where(m.MomentRow.suggestion_id == suggestion_id)):
            return
        found = s.get(m.SuggestionRow, suggestion_id)
        if found is not None:
            columns = m.SuggestionRow.__table__.columns.keys()
            self._undo_suggestions[moment_id] = {c: getattr(found, c) for c in columns}
            s.delete(found)

    def restore_moment(self, moment: Moment) -> Moment:
        """Put back a moment returned by delete_moment (undo), with its suggestion."""
        kept = self._undo_suggestions.pop(moment.id, None)
        if moment.suggestion_id is not None:
            with self._writes.begin() as s:
                if s.get(m.SuggestionRow, moment.suggestion_id) is None:
                    if kept is None:  # deleted by another window's store: not kept
                        moment = dataclasses.replace(moment, suggestion_id=None)
                    else:
                        s.add(m.SuggestionRow(**kept))
        return self._add_moment(
            moment.text, moment.kind, person=moment.person, style=moment.style,
            tags=moment.tags, created_at=moment.created_at,
            prompt_event_id=moment.prompt_event_id, suggestion_id=moment.suggestion_id,
            planned=moment.planned, follow_up_on=moment.follow_up_on,
            outcome=moment.outcome, moment_id=moment.id, undeleting=True,
        )

    def set_moment_outcome(self, moment_id: str, outcome: Outcome | None,
                           at: datetime | None = None) -> Moment:
        """Mark whether the person followed; also updates a linked suggestion."""
        when = at or utcnow()
        with self._writes.begin() as s:
            row = s.get(m.MomentRow, moment_id)
            if row is None:
                raise MlcoachError("no moment with id {id}", id=moment_id)
            row.outcome = outcome.value if outcome else None
            row.outcome_at = when if outcome else None
            row.updated_at = when
            if row.suggestion_id:
                sug = s.get(m.SuggestionRow, row.suggestion_id)
                if sug is not None:
                    sug.outcome, sug.outcome_at = row.outcome, row.outcome_at
            return rows.moment(row)

    def moments(self, *, since: datetime | None = None, until: datetime | None = None,
                person: str | None = None, kind: Kind | None = None, tag: str | None = None,
                outcome: Outcome | None = None, limit: int | None = None, offset: int = 0,
                newest_first: bool = True) -> list[Moment]:
        """Moments matching every filter given."""
        with self._sessions.begin() as s:
            q = select(m.MomentRow)
            if since is not None:
                q = q.where(m.MomentRow.created_at >= since)
            if until is not None:
                q = q.where(m.MomentRow.created_at < until)
            if person is not None:
                row = self._person_row(s, person)
                if row is None:
                    return []
                q = q.where(m.MomentRow.person_id == row.id)
            if kind is not None:
                q = q.where(m.MomentRow.kind == kind.value)
            if outcome is not None:
                q = q.where(m.MomentRow.outcome == outcome.value)
            if tag is not None:
                q = q.where(
                    m.MomentRow.id.in_(
                        select(m.MomentTagRow.moment_id).where(
                            m.MomentTagRow.tag == clean_tag(tag)
                        )
                    )
                )
            order = m.MomentRow.created_at.desc() if newest_first else m.MomentRow.created_at
            q = q.order_by(order, m.MomentRow.id).offset(offset)
            if limit is not None:
                q = q.limit(limit)
            return [rows.moment(r) for r in s.scalars(q).unique()]

    def count_moments(self, *, person: str | None = None) -> int:
        """How many moments there are (with `person`, when given: none for no such
        person), counted in SQL without loading them."""
        with self._sessions.begin() as s:
            q = select(func.count()).select_from(m.MomentRow)
            if person is not None:
                row = self._person_row(s, person)
                if row is None:
                    return 0
                q = q.where(m.MomentRow.person_id == row.id)
            return int(s.scalar(q) or 0)

    def follow_ups_due(self, day: date, limit: int = 50) -> list[Moment]:
        """Planned moments whose follow-up day has come and that have no final outcome:
        the `limit` most recently due, oldest first (years of them pile up otherwise)."""
        with self._sessions.begin() as s:
            q = (
                select(m.MomentRow)
                .where(m.MomentRow.follow_up_on <= day)
                .where(
                    (m.MomentRow.outcome.is_(None))
                    | (m.MomentRow.outcome == Outcome.NOT_YET.value)
                )
                .order_by(m.MomentRow.follow_up_on.desc(), m.MomentRow.id.desc())
                .limit(limit)
            )
            return [rows.moment(r) for r in reversed(s.scalars(q).unique().all())]

    # -- suggestions ---------------------------------------------------------------

    def add_suggestion(self, *, style: Style | None, change: str, action: ChangeKind, size: Size,
                       text: str, person: str | None = None,
                       follow_up_on: date | None = None, plan: bool = True,
                       created_at: datetime | None = None,
                       suggestion_id: str | None = None) -> tuple[Suggestion, Moment | None]:
        """Save a composed suggestion; with `plan`, also a planned moment to follow up."""
        change = clean_text(change, "change")
        now = created_at or utcnow()
        with self._writes.begin() as s:
            person_id = self._person_id(s, person, create=True)
            row = m.SuggestionRow(
                id=suggestion_id or new_id(), created_at=now, person_id=person_id,
                style=style.value if style else None, change=change, action=action.value,
                size=size.value,
                text=text, follow_up_on=follow_up_on,
            )
            s.add(row)
            s.flush()
            moment = None
            if plan:
                mrow = m.MomentRow(
                    id=new_id(), text=change, kind=Kind.SUGGESTION.value, created_at=now,
                    updated_at=now, person_id=person_id, style=style.value if style else None,
                    suggestion_id=row.id, planned=True, follow_up_on=follow_up_on,
                )
                s.add(mrow)
                s.flush()
                moment = rows.moment(mrow)
            return rows.suggestion(row), moment

    def set_suggestion_outcome(self, suggestion_id: str, outcome: Outcome | None,
                               at: datetime | None = None) -> Suggestion:
        """Record whether the person followed a suggestion (and its planned moments)."""
        when = at or utcnow()
        with self._writes.begin() as s:
            row = s.get(m.SuggestionRow, suggestion_id)
            if row is None:
                raise MlcoachError("no suggestion with id {id}", id=suggestion_id)
            row.outcome = outcome.value if outcome else None
            row.outcome_at = when if outcome else None
            for mrow in s.scalars(
                select(m.MomentRow).where(m.MomentRow.suggestion_id == suggestion_id)
            ).unique():
                mrow.outcome, mrow.outcome_at, mrow.updated_at = row.outcome, row.outcome_at, when
            return rows.suggestion(row)

    def find_ids(self, prefix: str) -> list[tuple[str, str]]:
        """("suggestion" | "moment", id) for every id that starts with `prefix`."""
        prefix = prefix.strip().lower()
        if not prefix or len(prefix) > 36 or any(c not in "0123456789abcdef-" for c in prefix):
            return []  # ids are 36 characters of hex and dashes
        found: list[tuple[str, str]] = []
        with self._sessions.begin() as s:
            for kind, table in (("suggestion", m.SuggestionRow), ("moment", m.MomentRow)):
                ids = s.scalars(select(table.id).where(table.id.startswith(prefix)).limit(5))
                found += [(kind, i) for i in ids]
        return found

    def suggestions(self, person: str | None = None) -> list[Suggestion]:
        """Saved suggestions, newest first."""
        with self._sessions.begin() as s:
            q = select(m.SuggestionRow).order_by(m.SuggestionRow.created_at.desc())
            if person is not None:
                prow = self._person_row(s, person)
                if prow is None:
                    return []
                q = q.where(m.SuggestionRow.person_id == prow.id)
            return [rows.suggestion(r) for r in s.scalars(q).unique()]

    # -- reflections ---------------------------------------------------------------

    def save_reflection(self, day: date, *, energy: int | None, went_well: str = "",
                        differently: str = "", intention: str = "",
                        at: datetime | None = None,
                        base: tuple[int | None, str, str, str] | None = None) -> Reflection:
        """Write the reflection for `day`; saving again the same day edits it.

        Args:
            base: the answers (energy, went well, differently, intention) these were
                edited from. An answer left as it was keeps what is stored now, which
                another window or command may have saved meanwhile; without `base`,
                every answer is written as given.
        """
        if energy is not None and not 1 <= energy <= 5:
            raise UsageError("energy must be between 1 and 5")
        for value, what in ((went_well, N_("what went well")),
                            (differently, N_("what to do differently")),
                            (intention, N_("intention"))):
            if "\x00" in value or len(value) > MAX_TEXT:
                raise UsageError("{what} is not valid text", what=Term(what))
        now = at or utcnow()
        with self._writes.begin() as s:
            row = s.scalar(select(m.ReflectionRow).where(m.ReflectionRow.day == day))
            if row is None:
                row = m.ReflectionRow(id=new_id(), day=day, created_at=now)
                s.add(row)
            given = (energy, went_well.strip(), differently.strip(), intention.strip())
            if base is not None:
                base = (base[0], base[1].strip(), base[2].strip(), base[3].strip())
                stored = (row.energy, row.went_well or "", row.differently or "",
                          row.intention or "")
                given = tuple(mine if mine != was else theirs  # type: ignore[assignment]
                              for mine, was, theirs in zip(given, base, stored, strict=True))
            row.updated_at = max(now, row.created_at) if row.created_at else now
            row.energy, row.went_well, row.differently, row.intention = given
            s.flush()
            saved = rows.reflection(row)
        self._forget_replaced()
        return saved

    def delete_reflection(self, day: date | None = None, *,
                          reflection_id: str | None = None) -> Reflection:
        """Delete the reflection written for `day` (or with `reflection_id`: History's
        row), answers and energy; returns it."""
        with self._writes.begin() as s:
            if reflection_id is not None:
                row = s.get(m.ReflectionRow, reflection_id)
            else:
                row = s.scalar(select(m.ReflectionRow).where(m.ReflectionRow.day == day))
            if row is None:
                if reflection_id is not None:
                    raise MlcoachError("no reflection with id {id}", id=reflection_id)
                raise MlcoachError("no reflection for {day}",
                                   day=day.isoformat() if day else "")
            gone = rows.reflection(row)
            s.delete(row)
        self._forget_replaced()
        return gone

    def reflection(self, day: date) -> Reflection | None:
        """The reflection written for `day`, if any."""
        with self._sessions.begin() as s:
            row = s.scalar(select(m.ReflectionRow).where(m.ReflectionRow.day == day))
            return rows.reflection(row) if row else None

    def reflections(self, since: date | None = None, until: date | None = None) -> list[Reflection]:
        """Reflections in a day range, oldest first."""
        with self._sessions.begin() as s:
            q = select(m.ReflectionRow).order_by(m.ReflectionRow.day)
            if since is not None:
                q = q.where(m.ReflectionRow.day >= since)
            if until is not None:
                q = q.where(m.ReflectionRow.day <= until)
            return [rows.reflection(r) for r in s.scalars(q)]

    def last_intention(self, before: date) -> str | None:
        """The intention from the latest reflection before `before`, if it had one."""
        with self._sessions.begin() as s:
            row = s.scalar(
                select(m.ReflectionRow)
                .where(m.ReflectionRow.day < before)
                .order_by(m.ReflectionRow.day.desc())
                .limit(1)
            )
            return row.intention if row and row.intention else None

    # -- prompt events ------------------------------------------------------------

    def record_prompt_shown(self, prompt_id: str, theme: str, *, why: str = "",
                            at: datetime | None = None) -> PromptEvent:
        """Record that a prompt was shown; earlier unanswered ones expire."""
        now = at or utcnow()
        with self._writes.begin() as s:
            for row in s.scalars(
                select(m.PromptEventRow).where(m.PromptEventRow.response == Response.SHOWN.value)
            ):
                row.response, row.responded_at = Response.EXPIRED.value, now
            row = m.PromptEventRow(
                id=new_id(), prompt_id=prompt_id, theme=theme, shown_at=now,
                response=Response.SHOWN.value, why=why,
            )
            s.add(row)
            return rows.prompt_event(row)

    def record_response(self, event_id: str, response: Response,
                        at: datetime | None = None) -> PromptEvent:
        """Record what the user did with a shown prompt."""
        with self._writes.begin() as s:
            row = s.get(m.PromptEventRow, event_id)
            if row is None:
                raise MlcoachError("no prompt event with id {id}", id=event_id)
            row.response, row.responded_at = response.value, at or utcnow()
            return rows.prompt_event(row)

    def prompt_events(self, since: datetime | None = None) -> list[PromptEvent]:
        """Prompt events, oldest first."""
        with self._sessions.begin() as s:
            q = select(m.PromptEventRow).order_by(m.PromptEventRow.shown_at)
            if since is not None:
                q = q.where(m.PromptEventRow.shown_at >= since)
            return [rows.prompt_event(r) for r in s.scalars(q)]

    # -- custom prompts -------------------------------------------------------------

    def save_custom_prompts(self, prompts: Sequence[Prompt]) -> int:
        """Add or replace the user's own prompts (all or nothing); returns how many."""
        with self._writes.begin() as s:
            for p in prompts:
                data = json.dumps(
                    {
                        "texts": {
                            lang: {"text": t.text, "try": t.try_this}
                            for lang, t in p.texts.items()
                        },
                        "parts": [part.value for part in p.parts],
                        "tags": list(p.tags),
                    },
                    ensure_ascii=False,
                )
                s.merge(m.CustomPromptRow(id=p.id, theme=p.theme, data=data,
                                          created_at=utcnow()))
            return len(prompts)

    def custom_prompts(self) -> list[Prompt]:
        """The user's own prompts."""
        with self._sessions.begin() as s:
            return [rows.custom_prompt(r) for r in s.scalars(
                select(m.CustomPromptRow).order_by(m.CustomPromptRow.id))]

    # -- settings and small state -----------------------------------------------------

    def get_state(self, key: str, default: Any = None) -> Any:
        """A JSON value saved under `key`."""
        with self._sessions.begin() as s:
            row = s.get(m.SettingRow, key)
            if row is None:
                return default
            try:
                return json.loads(row.value)
            except ValueError:
                logger.warning("setting %s is not valid JSON; using the default", key)
                return default

    def set_state(self, key: str, value: Any) -> None:
        """Save a JSON value under `key`; None (a draft saved or discarded) also empties
        the -wal of what it held."""
        with self._writes.begin() as s:
            s.merge(m.SettingRow(key=key, value=json.dumps(value, ensure_ascii=False)))
        if value is None:
            self._forget_replaced()

    def settings(self) -> Settings:
        """The user's settings merged over the defaults (unknown or bad values ignored)."""
        raw = self.get_state("settings", {})
        return settings_from_dict(raw if isinstance(raw, dict) else {})

    def save_settings(self, settings: Settings) -> None:
        """Persist every setting."""
        self.set_state("settings", settings_to_dict(settings))

    # -- people insights (the coach's reads; the queries live in people_insights) ------------

    def recognition_due(self, now: datetime, gap_days: int = 14) -> list[tuple[Person, int]]:
        """People not recognised or supported for at least `gap_days`, most overdue first."""
        from mlcoach.store.people_insights import recognition_due

        return recognition_due(self, now, gap_days)

    def prep_for_meeting(self, names: Sequence[str]) -> list[tuple[Person, Suggestion | None]]:
        """Saved people among a meeting's attendees, with their latest open suggestion."""
        from mlcoach.store.people_insights import prep_for_meeting

        return prep_for_meeting(self, names)

    # -- search ----------------------------------------------------------------------

    def search(self, query: str, *, person: str | None = None, kind: Kind | None = None,
               since: datetime | None = None, limit: int = 50) -> list[SearchHit]:
        """Full-text search over moments, reflections, suggestions and people's notes."""
        built = search_sql(query, person=person, kind=kind, since=since, limit=limit)
        if built is None:
            return []
        with self.engine.connect() as conn:
            return hits(conn.execute(text(built[0]), built[1]).all())

    def _forget_replaced(self) -> None:
        """Empty the -wal after a delete or an edit (db.empty_wal); a store made without
        its path (a test's) keeps no other connection open, so it has nothing to do."""
        if self.path is not None:
            empty_wal(self.path, self.connection)

    # -- whole-store helpers ----------------------------------------------------------

    @contextlib.contextmanager
    def connection(self) -> Iterator[Any]:
        """A raw DB-API connection (holding its share of the file guard) for the store's
        plain-SQL readers, which run on this store and on `LightStore` alike."""
        import sqlcipher3.dbapi2 as sqlcipher
        from sqlalchemy.exc import SQLAlchemyError

        try:
            pooled = self.engine.raw_connection()
        except SQLAlchemyError as exc:
            raise unavailable(exc) from exc
        try:
            yield pooled.driver_connection
        except sqlcipher.Error as exc:
            raise unavailable(exc) from exc
        finally:
            pooled.close()

    def keep_connection(self) -> KeptConnection | None:
        """A connection a window keeps for its life (None for a store made without
        its path and secret, e.g. in a test: then each call opens its own)."""
        if self.path is None or self._secret is None:
            return None
        return kept_connection(self.path, self._secret)

    def session(self) -> Session:
        """An ORM session for the store package's own query modules (stats, people
        insights). Nothing outside `mlcoach.store` may use it: import-linter keeps
        SQLAlchemy inside this package."""
        return self._sessions()
