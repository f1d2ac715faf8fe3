"""The Store's moments and suggestions: captured, edited, deleted and restored, their
outcomes, and the follow-ups due."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mlcoach.domain.errors import (
    MOMENT_DELETED,
    PERSON_DELETED,
    MlcoachError,
    MomentDeletedError,
    PersonDeletedError,
)
from mlcoach.domain.model import (
    ChangeKind,
    Kind,
    Moment,
    Outcome,
    Size,
    Style,
    Suggestion,
    new_id,
    utcnow,
)
from mlcoach.domain.text import clean_name, clean_tag, clean_text
from mlcoach.store import edit_drafts, rows
from mlcoach.store import models as m
from mlcoach.store.errors import errors_as_domain
from mlcoach.store.store_base import Reword, StoreBase


@errors_as_domain
class MomentStore(StoreBase):
    """Moments and the suggestions they came from (a part of Store)."""

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
            # Deleted means gone from the file; kept in memory for an undo, as its suggestion.
            draft = s.get(m.SettingRow, edit_drafts.moment_key(moment_id))
            if draft is not None:
                self._undo_drafts[moment_id] = draft.value
            self._drop_state(s, edit_drafts.moment_key(moment_id))
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
        """Put back a moment returned by delete_moment (undo), with its suggestion and the
        draft its editor held (offered again when the editor opens)."""
        back = self._restore_moment(moment)
        draft = self._undo_drafts.pop(moment.id, None)
        if draft is not None:
            with self._writes.begin() as s:
                if s.get(m.MomentRow, moment.id) is not None:  # not deleted again since
                    s.merge(m.SettingRow(key=edit_drafts.moment_key(moment.id), value=draft))
        return back

    def _restore_moment(self, moment: Moment) -> Moment:
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
                       suggestion_id: str | None = None,
                       held: str | None = None,
                       reword: Reword | None = None) -> tuple[Suggestion, Moment | None]:
        """Save a composed suggestion; with `plan`, also a planned moment to follow up.

        Args:
            held: the id of the person a window picked as `person`: theirs though renamed
                meanwhile; merged since, the one they were merged into (whatever their
                name); deleted, whoever `person` names now, and when no one does,
                PersonDeletedError: nothing is saved, and they are not brought back
                unasked.
            reword: saved for the one `held` was merged into, composes the text again
                for their name (influence.reworded), as the merge did for the others.
        """
        change = clean_text(change, "change")
        now = created_at or utcnow()
        with self._writes.begin() as s:
            picked = self._person_row(s, "", held=held) if held is not None else None
            if held is not None and picked is None:  # merged meanwhile: the one kept
                picked = self._merged_into(s, held)
            if held is not None and picked is None and person is not None \
                    and self._person_row(s, clean_name(person), endings=True) is None:
                raise PersonDeletedError(PERSON_DELETED, name=person)
            person_id = picked.id if picked is not None else \
                self._person_id(s, person, create=True)
            row = m.SuggestionRow(
                id=suggestion_id or new_id(), created_at=now, person_id=person_id,
                style=style.value if style else None, change=change, action=action.value,
                size=size.value,
                text=text, follow_up_on=follow_up_on,
            )
            s.add(row)
            s.flush()
            if picked is not None and picked.id != held and reword is not None:
                saved = dataclasses.replace(rows.suggestion(row), person=picked.name)
                row.text = reword(saved, saved.change) or row.text  # "With Priya S" no more
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
