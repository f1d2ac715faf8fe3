"""The Store's people: adding, editing, archiving, deleting and merging them, and when
each was last with the user."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from mlcoach.domain.errors import MlcoachError
from mlcoach.domain.model import (
    Person,
    Style,
    new_id,
    utcnow,
)
from mlcoach.domain.text import clean_notes, name_key, name_to_save
from mlcoach.domain.timestamps import from_db
from mlcoach.store import edit_drafts, rows
from mlcoach.store import models as m
from mlcoach.store.errors import errors_as_domain
from mlcoach.store.store_base import Reword, StoreBase


@errors_as_domain
class PeopleStore(StoreBase):
    """The people a user writes about (a part of Store)."""

    # -- people -------------------------------------------------------------------

    def add_person(self, name: str, style: Style | None = None, notes: str = "") -> Person:
        """Add someone; a name that differs only by case is the same person. Adding
        someone archived brings them back, with their history (and the style and notes
        given, notes added to theirs)."""
        name, notes = name_to_save(name), clean_notes(notes)
        with self._writes.begin() as s:
            found = self._person_row(s, name)
            if found is not None and found.archived:
                found.archived = False
                if style is not None:
                    found.style = style.value
                if notes:
                    found.notes = clean_notes(f"{found.notes}\n\n{notes}" if found.notes
                                              else notes)
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
                    archived: bool | None = None, reword: Reword | None = None,
                    held: str | None = None, notes_from: str | None = None) -> Person:
        """Change a person's name, style (None clears it), notes or archived flag.

        Args:
            notes_from: the notes as the window that typed `notes` loaded them: notes
                saved since (a merge added the other's, another window, the command
                line) are kept with the typed ones (domain.rebase), not overwritten.
            held: the id of the person a window shows as `name`: they are edited though
                renamed meanwhile, and no one is if they were deleted or merged (not
                whoever has the name now).
            reword: with a new name, composes the suggestions made for them again for it
                (influence.reworded): their text names them ("With Priya"). Without it,
                or when it gives None, a suggestion keeps its change alone.
        """
        with self._writes.begin() as s:
            row = self._person_row(s, name, held=held)
            if row is None:
                raise self._no_person(s, name, held)
            if new_name is not None:
                new_name = name_to_save(new_name)
                other = self._person_row(s, new_name)
                if other is not None and other.id != row.id:
                    raise MlcoachError("{name!r} is already in your people list",
                                       name=new_name)
                if new_name != row.name:
                    self._rename_in_suggestions(s, row.id, new_name, reword)
                    self._coach_follows(s, row, new_name, row.id)  # Who says it
                row.name, row.name_key = new_name, name_key(new_name)
            if style != "":
                row.style = style.value if isinstance(style, Style) else None
            if notes is not None:
                notes = clean_notes(notes)
                if notes_from is not None and row.notes != notes_from:
                    from mlcoach.domain.rebase import rebased  # rare: not at start-up

                    notes = clean_notes(rebased(notes, notes_from, row.notes))
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

    def archive_person(self, name: str, *, held: str | None = None) -> Person:
        """Hide someone from lists; their history stays (`held`: as for edit_person)."""
        return self.edit_person(name, archived=True, held=held)

    def delete_person(self, name: str, *, reword: Reword | None = None,
                      held: str | None = None) -> Person:
        """Delete someone: their name and notes go. The moments and suggestions with them
        stay in the history, with no one attached (the words in them are the user's own);
        returns who went.

        Args:
            reword: composes a suggestion made for them again for no one in particular
                (influence.reworded); its text names them ("With Priya"). Without it, or
                when it gives None, the suggestion keeps its change alone.
            held: as for edit_person.
        """
        with self._writes.begin() as s:
            row = self._person_row(s, name, held=held)
            if row is None:
                raise self._no_person(s, name, held)
            gone = rows.person(row)
            self._rename_in_suggestions(s, row.id, None, reword)
            for table in (m.MomentRow, m.SuggestionRow):
                s.execute(update(table).where(table.person_id == row.id).values(person_id=None))
            s.delete(row)
            self._drop_state(s, edit_drafts.person_key(row.id))  # their half-typed notes too
            coach = s.get(m.SettingRow, edit_drafts.COACH)  # and the coach's words about them
            if coach is not None and edit_drafts.about_person(_json(coach.value), row.id,
                                                              row.name_key):
                s.delete(coach)
        self._forget_replaced()
        return gone

    def merge_person(self, name: str, into: str, *, reword: Reword | None = None,
                     held: str | None = None) -> Person:
        """Put someone known under two names together ("Ana'ya", captured before endings
        were understood, into "Ana"): their moments and suggestions go to `into`, their
        notes are added to its notes, their style fills a style not set; `name` goes.
        Returns who is left.

        Args:
            reword: composes the suggestions made for `name` again for `into`
                (influence.reworded), as a rename does.
            held: the id of `name`, as for edit_person.
        """
        with self._writes.begin() as s:
            row, kept = self._person_row(s, name, held=held), self._person_row(s, into)
            if row is None or kept is None:
                raise self._no_person(s, name, held) if row is None else \
                    self._no_person(s, into, None)
            if row.id == kept.id:
                raise MlcoachError("{name!r} and {into!r} are the same person",
                                   name=name, into=into)
            self._rename_in_suggestions(s, row.id, kept.name, reword)
            merged_fields = {"name": row.name, "style": row.style or "", "notes": row.notes}
            # The moments' edit time moves: a restore after damage then takes them from
            # the damaged file, linked to `into` (carry_over).
            now = utcnow()
            s.execute(update(m.MomentRow).where(m.MomentRow.person_id == row.id)
                      .values(person_id=kept.id, updated_at=now))
            s.execute(update(m.SuggestionRow).where(m.SuggestionRow.person_id == row.id)
                      .values(person_id=kept.id))
            if row.notes.strip() and row.notes.strip() not in kept.notes:
                kept.notes = clean_notes(f"{kept.notes.rstrip()}\n\n{row.notes.strip()}"
                                         .lstrip())
            kept.style = kept.style or row.style
            kept.archived = kept.archived and row.archived  # shown if either was
            kept.updated_at = now
            s.delete(row)
            s.flush()  # the trigger of migration 0009 keeps the id; where it went, too:
            s.execute(update(m.DeletedPersonRow).where(m.DeletedPersonRow.id == row.id)
                      .values(merged_into=kept.id))
            self._move_drafts(s, row, kept, merged_fields)
            merged = rows.person(kept)
        self._forget_replaced()
        return merged

    def _coach_follows(self, s: Session, row: m.PersonRow, name: str, person_id: str) -> None:
        """The coach's draft about `row` (held to them, or naming them) says `name`, of
        `person_id`, now: renamed or merged, a Save of it is still theirs."""
        coach = s.get(m.SettingRow, edit_drafts.COACH)
        value = _json(coach.value) if coach is not None else None
        if coach is not None and edit_drafts.about_person(value, row.id, row.name_key):
            coach.value = json.dumps(edit_drafts.coach_followed(value, row.name, name,
                                                                person_id), ensure_ascii=False)

    def _move_drafts(self, s: Session, row: m.PersonRow, kept: m.PersonRow,
                     merged: dict[str, str]) -> None:
        """`row` (whose fields were `merged`) merged into `kept`: the words typed about
        them and not saved (in their editor, in the coach) are offered for `kept`; no
        editor opens `row` again."""
        self._coach_follows(s, row, kept.name, kept.id)
        gone = s.get(m.SettingRow, edit_drafts.person_key(row.id))
        key = edit_drafts.person_key(kept.id)
        own = s.get(m.SettingRow, key)
        if gone is None and own is None:
            return
        moved = edit_drafts.moved_person_draft(
            _json(gone.value) if gone is not None else None,
            _json(own.value) if own is not None else None,
            merged, {"name": kept.name, "style": kept.style or "", "notes": kept.notes})
        if gone is not None:
            s.delete(gone)
        if moved is None:
            self._drop_state(s, key)
        else:
            s.merge(m.SettingRow(key=key, value=json.dumps(moved, ensure_ascii=False)))

    def person_now(self, person_id: str) -> Person | None:
        """The person a window holds the id of, as they are now: archived too, or the one
        they were merged into since (a window follows them there); None: deleted."""
        with self._sessions.begin() as s:
            row = s.get(m.PersonRow, person_id) or self._merged_into(s, person_id)
            return rows.person(row) if row is not None else None

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


def _json(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return None
