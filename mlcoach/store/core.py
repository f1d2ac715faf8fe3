"""The Store: every read and write of the user's data, as short transactions.

Each method opens its own ``with self._sessions.begin()`` block and returns domain
dataclasses, never ORM rows, so callers (CLI, UI worker thread) hold no session. Database
errors leave a public method as `StoreUnavailableError` (see `_errors_as_domain`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select, text

from mlcoach.domain.errors import MlcoachError, UsageError
from mlcoach.domain.i18n import N_, Term
from mlcoach.domain.model import (
    Kind,
    Person,
    Prompt,
    PromptEvent,
    Reflection,
    Response,
    Settings,
    Suggestion,
    new_id,
    utcnow,
)
from mlcoach.domain.settings_codec import settings_from_dict, settings_to_dict
from mlcoach.domain.text import MAX_TEXT
from mlcoach.store import codec, rows
from mlcoach.store import models as m
from mlcoach.store.edit_drafts import COACH, kept_with_carried, left_when_forgotten
from mlcoach.store.errors import errors_as_domain
from mlcoach.store.moment_store import MomentStore
from mlcoach.store.people_store import PeopleStore
from mlcoach.store.search import SearchHit, hits, search_sql
from mlcoach.store.store_base import Reword

logger = logging.getLogger(__name__)

__all__ = ["Reword", "Store"]

#: A reflection with no energy and no words: never a row of its own.
_NO_ANSWERS: tuple[int | None, str, str, str] = (None, "", "", "")


@errors_as_domain
class Store(PeopleStore, MomentStore):
    """Typed access to the user's data: people (people_store.py), moments and suggestions
    (moment_store.py), and here reflections, prompts, settings and search."""

    # -- reflections ---------------------------------------------------------------

    def save_reflection(self, day: date, *, energy: int | None, went_well: str = "",
                        differently: str = "", intention: str = "",
                        at: datetime | None = None,
                        base: tuple[int | None, str, str, str] | None = None
                        ) -> Reflection | None:
        """Write the reflection for `day`; saving again the same day edits it. None, and
        nothing written, when the answers come to nothing: with `base`, every answer was
        left as it was and the reflection they were loaded from is gone (deleted by
        another window or command meanwhile).

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
            given = (energy, went_well.strip(), differently.strip(), intention.strip())
            if base is not None:
                base = (base[0], base[1].strip(), base[2].strip(), base[3].strip())
                stored = (row.energy, row.went_well or "", row.differently or "",
                          row.intention or "") if row is not None else _NO_ANSWERS
                given = tuple(mine if mine != was else theirs  # type: ignore[assignment]
                              for mine, was, theirs in zip(given, base, stored, strict=True))
            if row is None:
                if given == _NO_ANSWERS:  # an empty row for the day says nothing
                    return None
                row = m.ReflectionRow(id=new_id(), day=day, created_at=now)
                s.add(row)
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
            if prompts:  # the app's coach, keeping them, reads them again
                s.merge(m.SettingRow(key=codec.PROMPTS_SAVED_KEY,
                                     value=json.dumps(new_id())))
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

    def keep_draft(self, key: str, value: Any, *, person_id: str | None = None,
                   moment_id: str | None = None) -> bool:
        """Save an editor's draft under `key` while the person or moment it is about is
        still there, in one transaction: one deleted meanwhile (another window, a
        command) takes its draft with it, and a draft written after would outlive it.
        True when it was kept. The coach's draft follows its person merged since (held to
        the one kept: the same person, under their name)."""
        with self._writes.begin() as s:
            if key == COACH and person_id is not None and s.get(m.PersonRow, person_id) \
                    is None and (into := self._merged_into(s, person_id)) is not None:
                person_id, value = into.id, {**value, "person": into.id}
            if (person_id is not None and s.get(m.PersonRow, person_id) is None) or (
                    moment_id is not None and s.get(m.MomentRow, moment_id) is None):
                s.execute(delete(m.SettingRow).where(m.SettingRow.key == key))
                return False
            there = s.get(m.SettingRow, key) if person_id is not None else None
            if there is not None:  # words a merge carried here stay (edit_drafts.CARRIED)
                value = kept_with_carried(there.value, value)
            s.merge(m.SettingRow(key=key, value=json.dumps(value, ensure_ascii=False)))
        return True

    def forget_draft(self, key: str, shown: object = None) -> None:
        """An editor's draft saved or discarded: it goes, but for words a merge carried
        into it that the editor never showed (`shown`: those it did;
        edit_drafts.left_when_forgotten)."""
        with self._writes.begin() as s:
            there = s.get(m.SettingRow, key)
            left = left_when_forgotten(there.value if there is not None else None, shown)
            if left is None:
                s.execute(delete(m.SettingRow).where(m.SettingRow.key == key))
            else:
                s.merge(m.SettingRow(key=key, value=json.dumps(left, ensure_ascii=False)))
        self._forget_replaced()

    def forget_state(self, key: str) -> None:
        """Delete what is saved under `key` (a draft saved or discarded), also from the -wal."""
        with self._writes.begin() as s:
            s.execute(delete(m.SettingRow).where(m.SettingRow.key == key))
        self._forget_replaced()

    def settings(self) -> Settings:
        """The user's settings merged over the defaults (unknown or bad values ignored)."""
        raw = self.get_state("settings", {})
        return settings_from_dict(raw if isinstance(raw, dict) else {})

    def save_settings(self, settings: Settings) -> None:
        """Persist every setting (the language also beside the store, for the next
        start's passphrase prompt: system/language_hint.py)."""
        self.set_state("settings", settings_to_dict(settings))
        if self.path is not None:
            from mlcoach.system.language_hint import write_language_hint

            write_language_hint(self.path.parent, settings.language)

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

