"""The fast path of `mlcoach capture TEXT`: one transaction on the raw SQLCipher
connection, without importing SQLAlchemy's ORM (which alone costs about half a second).

It writes exactly what Store.add_moment writes; a test holds the two together. The idle
app's `LightStore` writes its quick captures through `insert_moment` too.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from mlcoach.domain.capture import new_person_name, person_keys
from mlcoach.domain.enums import Kind, Style
from mlcoach.domain.errors import MOMENT_DELETED, MomentDeletedError
from mlcoach.domain.ids import new_id
from mlcoach.domain.text import clean_name, clean_tag, clean_text, name_key
from mlcoach.domain.timestamps import to_db
from mlcoach.security.keys import Secret
from mlcoach.store.db import connect_raw, refuse_moved_on


def add_moment(path: Path, secret: Secret, text: str, kind: Kind, *, person: str | None,
               style: Style | None, tags: Sequence[str], now: datetime,
               moment_id: str | None = None) -> str:
    """Store one moment (adding an unknown person) and return its id."""
    text = clean_text(text, "moment text")
    conn = connect_raw(path, secret, must_exist=True)
    try:
        return insert_moment(conn, text, kind, person=person, style=style, tags=tags,
                             now=now, moment_id=moment_id)[0]
    finally:
        conn.close()


def insert_moment(conn: Any, text: str, kind: Kind, *, person: str | None,
                  style: Style | None, tags: Sequence[str], now: datetime,
                  moment_id: str | None = None) -> tuple[str, str | None, str | None, list[str]]:
    """Insert one moment in its own transaction on an open raw connection.

    Returns (moment id, the person's name as saved, the style value, the tags as saved).
    A `moment_id` already stored (a hand-over whose answer was lost) adds nothing; one
    stored and deleted since raises MomentDeletedError: the user deleted it.
    """
    text = clean_text(text, "moment text")
    tag_list = list(dict.fromkeys(clean_tag(t) for t in tags))
    stamp = to_db(now)
    conn.execute("BEGIN IMMEDIATE")
    try:
        refuse_moved_on(conn.execute)
        if moment_id is not None:
            saved = _saved_moment(conn, moment_id)
            if saved is not None:
                conn.execute("COMMIT")
                return saved
            if conn.execute("SELECT 1 FROM deleted_moments WHERE id = ?",
                            (moment_id,)).fetchone() is not None:
                raise MomentDeletedError(MOMENT_DELETED, id=moment_id)
        person_id = saved_name = None
        style_value = style.value if style else None
        if person is not None:
            name = clean_name(person)
            own, bare = person_keys(name)  # as Store._person_row looks people up
            row = conn.execute(  # the name as written first (see migration 0004)
                "SELECT id, style, name FROM people WHERE name_key IN (?, ?) OR name = ? "
                "ORDER BY name = ? DESC, name_key = ? DESC LIMIT 1",
                (own, bare, name, name, own)).fetchone()
            if row is None:
                # someone new typed with an ending ("Burak'a") is Burak, as Store's
                person_id, saved_name = new_id(), new_person_name(name)
                conn.execute(
                    "INSERT INTO people (id, name, name_key, style, notes, archived, "
                    "created_at, updated_at) VALUES (?, ?, ?, NULL, '', 0, ?, ?)",
                    (person_id, saved_name, name_key(saved_name), stamp, stamp))
            else:
                person_id, saved_name = row[0], row[2]
                style_value = style_value or row[1]
        moment_id = moment_id or new_id()
        # Its tags first, the foreign keys checked at the commit: the moment's search index
        # entry is then written once, with its tags, not again for each tag (0013).
        conn.execute("PRAGMA defer_foreign_keys = ON")
        conn.executemany(
            "INSERT INTO moment_tags (moment_id, tag, position) VALUES (?, ?, ?)",
            [(moment_id, t, i) for i, t in enumerate(tag_list)])
        conn.execute(
            "INSERT INTO moments (id, text, kind, created_at, updated_at, person_id, style, "
            "outcome, outcome_at, prompt_event_id, suggestion_id, planned, follow_up_on) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, 0, NULL)",
            (moment_id, text, kind.value, stamp, stamp, person_id, style_value))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # SQLite has already rolled back after "disk is full"
            conn.execute("ROLLBACK")
        raise
    return moment_id, saved_name, style_value, tag_list


def _saved_moment(conn: Any, moment_id: str
                  ) -> tuple[str, str | None, str | None, list[str]] | None:
    """What `insert_moment` returns, for a moment already stored under `moment_id`."""
    row = conn.execute("SELECT m.id, p.name, m.style FROM moments m LEFT JOIN people p "
                       "ON p.id = m.person_id WHERE m.id = ?", (moment_id,)).fetchone()
    if row is None:
        return None
    tags = [t for (t,) in conn.execute("SELECT tag FROM moment_tags WHERE moment_id = ? "
                                       "ORDER BY position", (moment_id,))]
    return row[0], row[1], row[2], tags
