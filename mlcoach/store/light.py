"""The idle app's store: what the tray needs between windows, on raw SQLCipher.

`import sqlalchemy.orm` alone adds ~30 MB to a process, so the long-running app reads its
schedule (settings, recent prompt events, state) and writes prompt events, responses and
quick captures through this class; the ORM `Store` is opened only when a window that needs
it opens. Both return the same domain objects from the same rows (tests/test_light.py holds
them together). Every call holds a share of the file's guard for as long as its connection
is open, so a restore never swaps the file under it.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlcoach.domain.enums import Kind, Response, Style
from mlcoach.domain.errors import MlcoachError, StoreUnavailableError
from mlcoach.domain.ids import new_id, utcnow
from mlcoach.domain.timestamps import from_db, to_db
from mlcoach.security.keys import Secret
from mlcoach.store.db import connect_raw, empty_wal, refuse_moved_on
from mlcoach.store.errors import unavailable
from mlcoach.store.file_guard import KeptConnection, guard_for
from mlcoach.store.search import PERSON_ID, SearchHit, hits, person_params, search_sql

if TYPE_CHECKING:  # the domain model loads with the first call that builds one of its
    # objects, not for `mlcoach stats` or `search` (~15 ms of frozen dataclasses)
    from mlcoach.domain.model import (
        Moment,
        Person,
        Prompt,
        PromptEvent,
        Reflection,
        Settings,
        Suggestion,
    )

logger = logging.getLogger(__name__)

_EVENT_COLUMNS = "id, prompt_id, theme, shown_at, response, responded_at, why"
_PERSON_COLUMNS = "id, name, style, notes, archived, created_at"


class LightStore:
    """The few reads and writes of the idle app and the shell, without SQLAlchemy."""

    def __init__(self, path: Path, secret: Secret) -> None:
        self.path = path
        self._secret = secret
        self._guard = guard_for(path)
        # How long a write waits for another writer (an import in another process) before
        # StoreBusyError; None: the store's own minute. The tray sets a short wait and
        # tries again later, so the GUI is never held for that minute.
        self.write_wait_ms: int | None = None
        # The custom prompts last read, by their version (see custom_prompts)
        self._prompts_kept: tuple[tuple[object, ...], list[Prompt]] | None = None

    def close(self) -> None:
        """Nothing stays open between calls."""

    def keep_connection(self) -> KeptConnection:
        """A connection a window keeps for its life (see KeptConnection)."""
        return kept_connection(self.path, self._secret)

    @contextlib.contextmanager
    def connection(self) -> Iterator[Any]:
        """A raw connection for one call, holding a share of the file's guard."""
        import sqlcipher3.dbapi2 as sqlcipher

        self._guard.acquire_share()
        try:
            try:
                conn = connect_raw(self.path, self._secret, must_exist=True)
            except sqlcipher.Error as exc:
                raise unavailable(exc, path=self.path) from exc
            try:
                yield conn
            except sqlcipher.Error as exc:
                raise unavailable(exc, path=self.path) from exc
            finally:
                conn.close()
        finally:
            self._guard.release_share()

    @contextlib.contextmanager
    def _write(self) -> Iterator[Any]:
        with self.connection() as conn:
            if self.write_wait_ms is not None:
                conn.execute(f"PRAGMA busy_timeout = {int(self.write_wait_ms)}")
            conn.execute("BEGIN IMMEDIATE")
            try:
                refuse_moved_on(conn.execute)
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    # -- settings and small state -------------------------------------------------------

    def get_state(self, key: str, default: Any = None) -> Any:
        """A JSON value saved under `key`."""
        with self.connection() as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        if row is None:
            return default
        try:
            return json.loads(row[0])
        except ValueError:
            logger.warning("setting %s is not valid JSON; using the default", key)
            return default

    def set_state(self, key: str, value: Any) -> None:
        """Save a JSON value under `key`; None (a draft saved or discarded) also empties
        the -wal of what it held (db.empty_wal)."""
        with self._write() as conn:
            conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                         (key, json.dumps(value, ensure_ascii=False)))
        if value is None:
            empty_wal(self.path, self.connection)

    def keep_draft(self, key: str, value: Any, *, person_id: str | None = None,
                   moment_id: str | None = None) -> bool:
        """As Store.keep_draft: kept only while what it is about is still there."""
        with self._write() as conn:
            gone = (person_id is not None and conn.execute(
                "SELECT 1 FROM people WHERE id = ?", (person_id,)).fetchone() is None) or (
                moment_id is not None and conn.execute(
                    "SELECT 1 FROM moments WHERE id = ?", (moment_id,)).fetchone() is None)
            if gone:
                conn.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                there = conn.execute("SELECT value FROM settings WHERE key = ?",
                                     (key,)).fetchone() if person_id is not None else None
                if there is not None:  # words a merge carried here stay
                    from mlcoach.store.edit_drafts import kept_with_carried

                    value = kept_with_carried(there[0], value)
                conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                             (key, json.dumps(value, ensure_ascii=False)))
        return not gone

    def forget_draft(self, key: str, shown: object = None) -> None:
        """As Store.forget_draft."""
        from mlcoach.store.edit_drafts import left_when_forgotten

        with self._write() as conn:
            there = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
            left = left_when_forgotten(there[0] if there is not None else None, shown)
            if left is None:
                conn.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                             (key, json.dumps(left, ensure_ascii=False)))
        empty_wal(self.path, self.connection)

    def forget_state(self, key: str) -> None:
        """Delete what is saved under `key` (a draft saved or discarded), also from the -wal."""
        with self._write() as conn:
            conn.execute("DELETE FROM settings WHERE key = ?", (key,))
        empty_wal(self.path, self.connection)

    def settings(self) -> Settings:
        """The user's settings merged over the defaults (unknown or bad values ignored)."""
        from mlcoach.domain.settings_codec import settings_from_dict

        raw = self.get_state("settings", {})
        return settings_from_dict(raw if isinstance(raw, dict) else {})

    def save_settings(self, settings: Settings) -> None:
        from mlcoach.domain.settings_codec import settings_to_dict

        self.set_state("settings", settings_to_dict(settings))
        from mlcoach.system.language_hint import write_language_hint

        write_language_hint(self.path.parent, settings.language)  # as Store.save_settings

    def custom_prompts(self) -> list[Prompt]:
        """The user's own prompts: read again only when they changed since the last call
        (each prompt chosen asks; reading 9,999 took ~17 ms of the tray's thread)."""
        from mlcoach.store.codec import PROMPTS_SAVED_KEY, custom_prompt

        with self.connection() as conn:
            # Read before the rows: a save in between makes the next call read again.
            # Besides a save's mark, which rows there are (their ids, read from the key's
            # index alone: the rows' pages would cost what reading them does): a write
            # that leaves the mark (an import, a recovery's carry-over) changes them; and
            # which file it is, as a recovery swaps in a backup under the same mark.
            saved = conn.execute("SELECT value FROM settings WHERE key = ?",
                                 (PROMPTS_SAVED_KEY,)).fetchone()
            rows_now = conn.execute("SELECT count(*), group_concat(id, char(31))"
                                    " FROM custom_prompts").fetchone()
            version = (saved[0] if saved is not None else None, *rows_now,
                       _file_identity(self.path))
            kept = self._prompts_kept
            if kept is not None and kept[0] == version:
                return list(kept[1])
            rows = conn.execute("SELECT id, theme, data FROM custom_prompts ORDER BY id")
            prompts = [custom_prompt(*r) for r in rows]
        self._prompts_kept = (version, prompts)
        return list(prompts)

    # -- prompt events ------------------------------------------------------------------

    def prompt_events(self, since: datetime | None = None) -> list[PromptEvent]:
        """Prompt events, oldest first."""
        sql = f"SELECT {_EVENT_COLUMNS} FROM prompt_events"
        args: tuple[Any, ...] = ()
        if since is not None:
            sql, args = sql + " WHERE shown_at >= ?", (to_db(since),)
        with self.connection() as conn:
            return [_event(r) for r in conn.execute(sql + " ORDER BY shown_at", args)]

    def record_prompt_shown(self, prompt_id: str, theme: str, *, why: str = "",
                            at: datetime | None = None) -> PromptEvent:
        """Record that a prompt was shown; earlier unanswered ones expire."""
        from mlcoach.domain.model import PromptEvent

        now = at or utcnow()
        event = PromptEvent(id=new_id(), prompt_id=prompt_id, theme=theme, shown_at=now,
                            why=why)
        with self._write() as conn:
            conn.execute("UPDATE prompt_events SET response = ?, responded_at = ? "
                         "WHERE response = ?",
                         (Response.EXPIRED.value, to_db(now), Response.SHOWN.value))
            conn.execute(f"INSERT INTO prompt_events ({_EVENT_COLUMNS}) "
                         "VALUES (?, ?, ?, ?, ?, NULL, ?)",
                         (event.id, prompt_id, theme, to_db(now), Response.SHOWN.value, why))
        return event

    def record_response(self, event_id: str, response: Response,
                        at: datetime | None = None) -> PromptEvent:
        """Record what the user did with a shown prompt."""
        when = to_db(at or utcnow())
        with self._write() as conn:
            done = conn.execute("UPDATE prompt_events SET response = ?, responded_at = ? "
                                "WHERE id = ?", (response.value, when, event_id))
            if done.rowcount == 0:
                raise MlcoachError("no prompt event with id {id}", id=event_id)
            row = conn.execute(f"SELECT {_EVENT_COLUMNS} FROM prompt_events WHERE id = ?",
                               (event_id,)).fetchone()
        return _event(row)

    # -- reflections ----------------------------------------------------------------------

    def reflection(self, day: date) -> Reflection | None:
        """The reflection written for `day`, if any."""
        from mlcoach.domain.model import Reflection
        from mlcoach.store.codec import parse_day

        with self.connection() as conn:
            row = conn.execute(
                "SELECT id, day, created_at, updated_at, energy, went_well, differently, "
                "intention FROM reflections WHERE day = ?", (day.isoformat(),)).fetchone()
        if row is None:
            return None
        return Reflection(id=row[0], day=parse_day(row[1]) or day,
                          created_at=_ts(row[2]), updated_at=_ts(row[3]), energy=row[4],
                          went_well=row[5], differently=row[6], intention=row[7])

    def last_intention(self, before: date) -> str | None:
        """The intention from the latest reflection before `before`, if it had one."""
        with self.connection() as conn:
            row = conn.execute("SELECT intention FROM reflections WHERE day < ? "
                               "ORDER BY day DESC LIMIT 1", (before.isoformat(),)).fetchone()
        return row[0] if row and row[0] else None

    # -- people and moments -----------------------------------------------------------------

    def people(self, include_archived: bool = False) -> list[Person]:
        """Everyone, sorted by name."""
        where = "" if include_archived else " WHERE archived = 0"
        with self.connection() as conn:
            rows = conn.execute(f"SELECT {_PERSON_COLUMNS} FROM people{where} "
                                "ORDER BY name_key").fetchall()
        return [_person(r) for r in rows]

    def add_moment(self, text: str, kind: Kind = Kind.OTHER, *, person: str | None = None,
                   style: Style | None = None, tags: Sequence[str] = (),
                   moment_id: str | None = None, busy_wait_ms: int | None = None) -> Moment:
        """Store a quick capture; an unknown @person is added to the people list. A
        `moment_id` already stored returns that moment and adds nothing. `busy_wait_ms`:
        how long to wait for another writer (default: `write_wait_ms`); past it,
        StoreBusyError."""
        from mlcoach.domain.model import Moment
        from mlcoach.store.quick import insert_moment

        now = utcnow()
        wait = self.write_wait_ms if busy_wait_ms is None else busy_wait_ms
        with self.connection() as conn:
            if wait is not None:
                conn.execute(f"PRAGMA busy_timeout = {int(wait)}")
            moment_id, name, style_value, tag_list = insert_moment(
                conn, text, kind, person=person, style=style, tags=tags, now=now,
                moment_id=moment_id)
            text_row = conn.execute("SELECT text, created_at FROM moments WHERE id = ?",
                                    (moment_id,)).fetchone()
        return Moment(id=moment_id, text=text_row[0], kind=kind, created_at=_ts(text_row[1]),
                      person=name, style=Style(style_value) if style_value else None,
                      tags=tuple(tag_list))

    def recognition_due(self, now: datetime, gap_days: int = 14) -> list[tuple[Person, int]]:
        """As `people_insights.recognition_due`: people not recognised or supported for at
        least `gap_days`, most overdue first (two index seeks per person)."""
        from mlcoach.store.codec import RECOGNISING_KINDS

        if now.tzinfo is None:
            raise ValueError("recognition_due needs an aware datetime")
        kinds = ", ".join(f"'{k.value}'" for k in RECOGNISING_KINDS)
        sql = (
            f"SELECT {_PERSON_COLUMNS}, "
            "(SELECT min(created_at) FROM moments WHERE person_id = people.id), "
            "(SELECT max(created_at) FROM moments WHERE person_id = people.id "
            f"AND kind IN ({kinds})) FROM people WHERE archived = 0 ORDER BY name_key"
        )
        with self.connection() as conn:
            rows = conn.execute(sql).fetchall()
        due: list[tuple[Person, int]] = []
        for row in rows:
            first, last = row[6], row[7]
            if first is None:
                continue
            days = (now - _ts(last if last is not None else first)).days
            if days >= gap_days:
                due.append((_person(row), days))
        due.sort(key=lambda pair: (-pair[1], pair[0].name.casefold()))
        return due

    def prep_for_meeting(self, names: Sequence[str]
                         ) -> list[tuple[Person, Suggestion | None]]:
        """Meeting preparation matches people by accent-folded names and email parts; it
        runs only with a calendar set, and uses the ORM store's query for it."""
        from mlcoach.store.core import Store
        from mlcoach.store.db import make_engine
        from mlcoach.store.people_insights import prep_for_meeting

        store = Store(make_engine(self.path, self._secret), self.path, self._secret)
        try:
            return prep_for_meeting(store, names)
        finally:
            store.close()

    # -- the shell ----------------------------------------------------------------------------

    def search(self, query: str, *, person: str | None = None, kind: Kind | None = None,
               since: datetime | None = None, limit: int = 50) -> list[SearchHit]:
        """Full-text search, the same statement as `Store.search`."""
        built = search_sql(query, person=person, kind=kind, since=since, limit=limit)
        if built is None:
            return []
        with self.connection() as conn:
            return hits(conn.execute(*built).fetchall())

    def knows(self, name: str) -> bool:
        """Whether anyone saved (archived too) is whom `search --person name` searches."""
        with self.connection() as conn:
            row = conn.execute(f"SELECT {PERSON_ID}", person_params(name)).fetchone()
        return row[0] is not None


def kept_connection(path: Path, secret: Secret) -> KeptConnection:
    """A KeptConnection on the store file, opened with its key on first use."""
    import sqlcipher3.dbapi2 as sqlcipher

    def connect() -> Any:
        try:
            return connect_raw(path, secret, any_thread=True, must_exist=True)
        except sqlcipher.Error as exc:
            raise unavailable(exc, path=path) from exc

    return KeptConnection(path, connect)


def _ts(value: Any) -> datetime:
    parsed = from_db(value)
    if parsed is None:
        raise StoreUnavailableError("the data file could not be read ({detail})",
                                    detail=f"bad timestamp {value!r}")
    return parsed


def _event(r: Sequence[Any]) -> PromptEvent:
    from mlcoach.domain.model import PromptEvent

    return PromptEvent(id=r[0], prompt_id=r[1], theme=r[2], shown_at=_ts(r[3]),
                       response=Response(r[4]), responded_at=from_db(r[5]), why=r[6])


def _person(r: Sequence[Any]) -> Person:
    from mlcoach.domain.model import Person

    return Person(id=r[0], name=r[1], style=Style(r[2]) if r[2] else None, notes=r[3],
                  archived=bool(r[4]), created_at=_ts(r[5]))


def _file_identity(path: Path) -> tuple[int, int] | None:
    """Which file is at `path` (a recovery swaps in another), None when none is."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)

