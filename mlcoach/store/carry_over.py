"""Carrying over to a restored backup what the damaged file still holds of what was written
after the backup: its rows, read up to the first unreadable page, its deletions and edits."""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from mlcoach.security.keys import Secret
from mlcoach.store import edit_drafts
from mlcoach.store.file_checks import MOMENT_BODIES, MOMENT_FORM, SEARCH_BODIES

logger = logging.getLogger(__name__)

# Parents before the rows that point to them; the entries a person wrote are counted.
_CARRIED_TABLES = ("people", "prompt_events", "suggestions", "moments", "moment_tags",
                   "reflections", "custom_prompts", "deleted_moments", "deleted_people",
                   "deleted_reflections")
_COUNTED = frozenset(("people", "suggestions", "moments", "reflections"))
# What the user edits in place: the damaged file's later edit wins (_carry_table).
_NEWER_WINS = frozenset(("people", "moments", "reflections"))
# Changed only forward (an outcome, a planned moment's edit, its person renamed or
# deleted) and with no edit time: the damaged file's row is the later, where it reads.
_LATER_WINS = frozenset(("suggestions",))


def carry_over(damaged: Path, restored: Path, secret: Secret) -> int:
    """Add to the restored backup the rows of the damaged file it lacks (a moment captured
    after the backup was taken), as far as they can still be read: a table is read up to
    its first unreadable page. What the backup has stays as it is, except the moments
    deleted since (they stay deleted) and a moment, person or reflection edited since
    (the edit wins; in a plain store only where its search index copy agrees), and a
    suggestion as it is there (reworded with its planned moment, its person renamed or
    deleted since). How many rows came."""
    from mlcoach.store.db import connect_raw

    try:
        src = _DamagedFile(damaged, secret)
    except Exception as exc:  # the damaged file may not open at all: nothing to carry
        logger.info("nothing carried over from the damaged file: %s", exc)
        return 0
    carried = 0
    try:
        dst = connect_raw(restored, secret)
        try:
            _carry_deletions(src, dst)
            vouch = None if secret.mode != "none" else _index_vouches(src)
            for table in _CARRIED_TABLES:
                added = _carry_table(src, dst, table, newer_wins=table in _NEWER_WINS,
                                     later_wins=table in _LATER_WINS, vouch=vouch)
                carried += added if table in _COUNTED else 0
            # all of it into the file itself: the swap moves the file, not a -wal
            busy = dst.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if busy is not None and busy[0]:
                raise OSError("the copy's write-ahead log could not be folded in")
        finally:
            dst.close()
    except Exception as exc:  # the copy is still the whole backup: restore that
        logger.warning("carrying rows over from the damaged file stopped: %s", exc)
    finally:
        src.close()
    logger.info("carried %d rows over from the damaged file", carried)
    return carried


def _carry_deletions(src: _DamagedFile, dst: Any) -> None:
    """Delete from the restored copy the moments the damaged file records as deleted
    since (migration 0008), before its rows are carried: a moment deleted after the
    backup must not come back with it. A moment still in the damaged file is carried
    back right after, so only what the user deleted goes. As far as the list reads;
    the same for the people (migration 0009) and reflections (0010) deleted since; a
    person merged since (0011) leaves what was theirs to the one they went into.
    The suggestion a deleted planned moment was made from goes too (Store.delete_moment),
    unless another moment has it; the damaged file's copy, if it has one, comes back."""
    gone = [row[0] for row in src.rows("SELECT id FROM deleted_moments")]  # none: <0008
    people = dict(src.rows("SELECT id, merged_into FROM deleted_people")) or {
        row[0]: None for row in src.rows("SELECT id FROM deleted_people")}  # <0011; <0009
    days = [row[0] for row in src.rows("SELECT id FROM deleted_reflections")]  # none: <0010
    dst.execute("BEGIN")
    try:
        made_from = set()
        for moment_id in gone:
            row = dst.execute("SELECT suggestion_id FROM moments WHERE id = ?",
                              (moment_id,)).fetchone()
            if row is not None and row[0] is not None:
                made_from.add(row[0])
        dst.executemany("DELETE FROM moments WHERE id = ?", [(i,) for i in gone])
        # their drafts (and the people's below), as Store.delete_moment deletes them
        dst.executemany("DELETE FROM settings WHERE key = ?",
                        [(edit_drafts.moment_key(i),) for i in gone])
        dst.executemany("DELETE FROM suggestions WHERE id = ? AND NOT EXISTS (SELECT 1 FROM "
                        "moments WHERE suggestion_id = ?)", [(i, i) for i in made_from])
        # A person deleted since (Store.delete_person): what was with them stays, unlinked;
        # one merged since (Store.merge_person), with the one they were merged into.
        _drop_coach_draft(dst, [i for i, into in people.items() if into is None])
        for person_id in people:
            into = _merged_into(people, person_id)
            if into is not None and dst.execute("SELECT 1 FROM people WHERE id = ?",
                                                (into,)).fetchone() is None:
                into = None  # added after the backup: the damaged file's moments link it
            if into is not None:  # the words typed about them go along, as merge_person's
                _move_person_draft(dst, person_id, into)
            dst.execute("DELETE FROM settings WHERE key = ?",
                        (edit_drafts.person_key(person_id),))
            for table in ("moments", "suggestions"):
                dst.execute(f"UPDATE {table} SET person_id = ? WHERE person_id = ?",
                            (into, person_id))
            dst.execute("DELETE FROM people WHERE id = ?", (person_id,))
        # A day's reflection deleted since (Store.delete_reflection).
        dst.executemany("DELETE FROM reflections WHERE id = ?", [(i,) for i in days])
        dst.execute("COMMIT")
    except BaseException:
        dst.execute("ROLLBACK")
        raise


def _move_person_draft(dst: Any, gone_id: str, kept_id: str) -> None:
    """The draft typed in the editor of `gone_id` (merged since into `kept_id`), as the
    merge offered it for the one kept (edit_drafts.moved_person_draft): the backup held
    it under the one merged away, whom no editor opens again."""
    gone = _json_of(dst, edit_drafts.person_key(gone_id))
    if gone is None:
        return
    key = edit_drafts.person_key(kept_id)
    own = _json_of(dst, key)
    merged, now = (dst.execute("SELECT name, coalesce(style, ''), notes FROM people "
                               "WHERE id = ?", (i,)).fetchone() for i in (gone_id, kept_id))
    if merged is None or now is None:
        return
    fields = ("name", "style", "notes")
    moved = edit_drafts.moved_person_draft(gone, own, dict(zip(fields, merged, strict=True)),
                                           dict(zip(fields, now, strict=True)))
    if moved is None:
        dst.execute("DELETE FROM settings WHERE key = ?", (key,))
    else:
        dst.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                    (key, json.dumps(moved, ensure_ascii=False)))


def _json_of(dst: Any, key: str) -> object | None:
    row = dst.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    if row is None:
        return None
    try:
        value: object = json.loads(row[0])
    except ValueError:
        return None
    return value


def _drop_coach_draft(dst: Any, deleted: list[str]) -> None:
    """The coach's draft goes when it is about one of the people `deleted` (not merged)
    since (held to them, or its Who names them), as Store.delete_person drops it: the
    backup kept it from before."""
    row = dst.execute("SELECT value FROM settings WHERE key = ?",
                      (edit_drafts.COACH,)).fetchone()
    if row is None or not deleted:
        return
    try:
        value = json.loads(row[0])
    except ValueError:
        return
    keys = ((i, dst.execute("SELECT name_key FROM people WHERE id = ?", (i,)).fetchone())
            for i in deleted)
    if any(edit_drafts.about_person(value, i, key[0] if key is not None else None)
           for i, key in keys):
        dst.execute("DELETE FROM settings WHERE key = ?", (edit_drafts.COACH,))


def _merged_into(deleted: dict[str, str | None], person_id: str) -> str | None:
    """Who a deleted person's moments belong to now: the end of a chain of merges
    ("Anna" into "Ana'ya" into Ana), or None for a person deleted outright."""
    seen = {person_id}
    into = deleted.get(person_id)
    while into is not None and into in deleted:
        if into in seen:
            return None  # a loop cannot be written; a damaged list could hold one
        seen.add(into)
        into = deleted[into]
    return into


class _DamagedFile:
    """The damaged file, read as far as it reads. A read that meets a damaged page leaves
    its connection failing every later read too (SQLCipher: "database disk image is
    malformed", the pages after it fine), so the next read opens the file again: the
    reflections, tags and edits after a damaged moments page were not carried."""

    def __init__(self, path: Path, secret: Secret) -> None:
        self.path, self.secret = path, secret
        self.conn = self._open()
        self._spent: list[Any] = []
        self._hurt = False

    def _open(self) -> Any:
        from mlcoach.store.db import connect_raw

        return connect_raw(self.path, self.secret, read_only=True)

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        if self._hurt:  # the old one is closed at the end: a cursor may still be on it
            self._spent.append(self.conn)
            self.conn, self._hurt = self._open(), False
        return self.conn.execute(sql, params)

    def one(self, sql: str, params: tuple[Any, ...]) -> Any:
        """The first row of `sql`; None when there is none or it cannot be read."""
        try:
            return self.execute(sql, params).fetchone()
        except Exception:
            self._hurt = True
            return None

    def rows(self, sql: str) -> Iterator[Any]:
        """The rows of `sql` up to the first a damaged page keeps from being read."""
        try:
            cursor = self.execute(sql)  # its first step: the table's first page
        except Exception:
            self._hurt = True
            return
        try:
            while True:
                try:
                    row = cursor.fetchone()
                except Exception:  # a damaged page: the rows before it are kept
                    self._hurt = True
                    return
                if row is None:
                    return
                yield row
        finally:
            with contextlib.suppress(Exception):
                cursor.close()

    def close(self) -> None:
        for conn in (*self._spent, self.conn):
            with contextlib.suppress(Exception):
                conn.close()


Vouch = Callable[[_DamagedFile, str, str], bool]


def _index_vouches(src: _DamagedFile) -> Vouch:
    """For a plain store, whose pages carry no checksum: whether a row of the damaged
    file reads as it was written, its words being the same as the copy its search index
    keeps (another table, other pages; deep_check's test, row by row). The index is read
    once, up to its first unreadable page; a row it does not reach is not vouched for.
    A moment's copy holds its tags from revision 0013 on, and its person from 0014;
    where the file cannot say which it is, any form vouches (each holds the text whole)."""
    indexed: dict[tuple[str, str], str] = {}
    for entity, ref, body in src.rows("SELECT entity, ref, body FROM search_fts"):
        indexed.setdefault((entity, ref), body)
    found = src.one(MOMENT_FORM, ())  # None: its schema page is unreadable
    forms = {table: (entity, [body]) for entity, (table, body) in SEARCH_BODIES.items()}
    forms["moments"] = ("moment", list(MOMENT_BODIES) if found is None
                        else [MOMENT_BODIES[int(found[0])]])

    def vouch(conn: _DamagedFile, table: str, row_id: str) -> bool:
        if table not in forms:
            return False
        entity, bodies = forms[table]
        copy = indexed.get((entity, row_id))
        return any(copy == row[0] for body in bodies if (row := conn.one(
            f"SELECT {body} FROM {table} t WHERE t.id = ?", (row_id,))) is not None)

    return vouch


def _carry_table(src: _DamagedFile, dst: Any, table: str, *, newer_wins: bool = False,
                 later_wins: bool = False, vouch: Vouch | None = None) -> int:
    """Add the rows of `table` the restored copy lacks. `newer_wins`: a row it has, the
    damaged file's copy replaces where that was edited later (updated_at), so words the
    user edited away after the backup do not come back. In an encrypted store a row
    that reads is the row that was written (authenticated pages); a plain store's
    (`vouch` given) must agree with its search index copy. `later_wins`: a table with no
    edit time, changed only forward, whose rows the damaged file's replace outright."""
    try:
        theirs = {r[1] for r in src.execute(f"PRAGMA table_info({table})")}
    except Exception:  # its schema page is unreadable
        return 0
    columns = [r[1] for r in dst.execute(f"PRAGMA table_info({table})") if r[1] in theirs]
    if not columns:
        return 0
    names, marks = ", ".join(columns), ", ".join("?" * len(columns))
    newer = None
    if newer_wins and "id" in columns and "updated_at" in columns:
        newer = (f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in columns)} "
                 "WHERE id = ? AND updated_at < ?",
                 columns.index("id"), columns.index("updated_at"))
    later = None
    if later_wins and "id" in columns:
        later = (f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
                 columns.index("id"), f"SELECT {names} FROM {table} WHERE id = ?")
    added = 0
    dst.execute("BEGIN")
    try:
        for row in src.rows(f"SELECT {names} FROM {table}"):
            try:
                took = dst.execute(f"INSERT OR IGNORE INTO {table} ({names}) "
                                   f"VALUES ({marks})", row).rowcount
                added += took
                if not took and newer is not None:
                    sql, key, stamp = newer
                    if vouch is None or (dst.execute(  # asked only of an edited row
                            f"SELECT 1 FROM {table} WHERE id = ? AND updated_at < ?",
                            (row[key], row[stamp])).fetchone() is not None
                            and vouch(src, table, row[key])):
                        dst.execute(sql, (*row, row[key], row[stamp]))
                elif not took and later is not None:
                    sql, key, ours = later
                    if dst.execute(ours, (row[key],)).fetchone() != tuple(row) and (
                            vouch is None or vouch(src, table, row[key])):  # changed only
                        dst.execute(sql, (*row, row[key]))
            except Exception:  # a row the backup cannot take (its person is unreadable)
                continue
    except Exception:  # the table's first page is unreadable
        pass
    dst.execute("COMMIT")
    return added
