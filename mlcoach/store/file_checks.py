"""Telling a damaged store file from a wrong key: what a look at the file says, whether a
key opens it, and the full check of every page (a plain store's data against itself)."""

from __future__ import annotations

import logging
import stat
from pathlib import Path
from typing import Any, Literal

from mlcoach.domain.errors import MlcoachError
from mlcoach.security.keys import Secret
from mlcoach.store.snapshot import one_snapshot

logger = logging.getLogger(__name__)

Reason = Literal["missing", "empty", "damaged"]

# A passphrase runs SQLCipher's KDF on every try: only the newest few backups are tried
# when telling a wrong passphrase from a damaged file.
_PASSPHRASE_TRIES = 3

Identity = tuple[int, int]


def identity(db: Path) -> Identity | None:
    """Which file is at `db` right now, to notice that another process replaced it (a
    repair or a set-up renames a new file into place). Not its size or time: our own
    writes change those in place (a checkpoint of the WAL at any commit or close), and a
    damaged store was then left as it was, taken for one already repaired."""
    try:
        st = db.stat()
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino)


def precheck(db: Path) -> Reason | None:
    """What a look at the file alone says is wrong with it (no key needed). MlcoachError
    when it is no file at all: SQLite waits for ever on a pipe in its place (every command,
    Ctrl+C too), and setting it aside as damaged would open it the same way."""
    try:
        info = db.stat()
    except FileNotFoundError:
        return "missing"
    if not stat.S_ISREG(info.st_mode):
        raise MlcoachError("{path} is not a database file but a pipe, a device or a folder: "
                           "move it away and run the command again (nothing was changed)",
                           path=db)
    size = info.st_size
    # SQLite opens a zero-byte file as a new, empty database: without this check a
    # store emptied by a crash or a sync tool would silently start again from nothing.
    return "empty" if size == 0 else None


def is_corruption(exc: BaseException) -> bool:
    """Whether a database error means the file itself is damaged. Text that is not
    UTF-8 can only come from a damaged plain store (SQLite never checks what it reads)."""
    inner = getattr(exc, "orig", None) or exc
    if isinstance(inner, UnicodeDecodeError) or isinstance(exc, UnicodeDecodeError):
        return True
    text = str(inner).lower()
    return ("malformed" in text or "corrupt" in text
            or "could not decode to utf-8" in text or "vtable constructor failed" in text
            or "unsupported file format" in text)  # a header field of our own file


def might_be_damage(exc: BaseException) -> bool:
    """Whether an error from the database is worth a full check: corruption, or any
    database error that is not about the moment (busy, full, read-only…)."""
    if is_corruption(exc):
        return True
    inner = getattr(exc, "orig", None) or exc
    return type(inner).__module__.startswith("sqlcipher3") and not is_transient(inner)


def opens(path: Path, secret: Secret, *, thorough: bool = False) -> bool:
    """Whether `secret` opens the database at `path` (and, if thorough, it checks out)."""
    from mlcoach.store.db import connect_raw, schema_version

    if not path.is_file():  # a FIFO's open waits for a writer that never comes
        return False
    try:
        conn = connect_raw(path, secret, read_only=True)
    except Exception:
        return False
    try:
        if schema_version(conn) is None:
            return False
        if thorough:
            return bool(conn.execute("PRAGMA quick_check").fetchone()[0] == "ok")
        return True
    except Exception:
        return False
    finally:
        conn.close()


# The doctor waits this long for another writer before saying the store is in use.
INSPECT_LOCK_WAIT_MS = 1000


def inspect(path: Path, secret: Secret) -> tuple[str | None, str]:
    """(schema version, "ok" or "damaged") of the file after its full check: page HMACs
    when encrypted (read-only); a plain store's pages have no checksum, so its data is
    checked against itself (verify: its last step needs a writable connection, though
    it writes nothing). The doctor never changes the store. Errors propagate, but for
    that last step meeting another writer: then "in use" (all else was checked)."""
    from mlcoach.store.db import connect_raw, schema_version

    conn = connect_raw(path, secret, read_only=True)
    try:
        version = schema_version(conn)
        if secret.mode != "none":
            damaged = conn.execute("PRAGMA cipher_integrity_check").fetchall()
            return version, "damaged" if damaged else "ok"
    finally:
        conn.close()
    try:
        sound = verify(path, secret, lock_wait_ms=INSPECT_LOCK_WAIT_MS)
    except Exception as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            return version, "in use"
        raise
    return version, "ok" if sound else "damaged"


def saved_settings(path: Path, secret: Secret) -> dict[str, Any]:
    """The saved settings as stored (JSON object), read-only; {} when none or unreadable."""
    import json

    from mlcoach.store.db import connect_raw

    try:
        conn = connect_raw(path, secret, read_only=True)
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = 'settings'").fetchone()
        finally:
            conn.close()
        raw = json.loads(row[0]) if row else {}
    except Exception:  # the doctor reports the store itself elsewhere
        return {}
    return raw if isinstance(raw, dict) else {}


def key_opens_a_backup(backup_dir: Path, secret: Secret) -> bool:
    """Whether the store's secret opens one of its backups: then the key is right and an
    unreadable store file is damaged, not locked."""
    from mlcoach.store.backups import backups

    candidates = list(reversed(backups(backup_dir)))
    if secret.mode == "passphrase":
        candidates = candidates[:_PASSPHRASE_TRIES]
    return any(opens(p, secret) for p in candidates)


def verify(db: Path, secret: Secret, *, lock_wait_ms: int | None = None) -> bool:
    """A full check of every page: HMACs for an encrypted store; for a plain one, which
    has no checksums, everything SQLite and the data itself can tell (deep_check).
    False when the file is damaged. `lock_wait_ms`: how long a plain store's last step
    waits for another writer (default the store's minute); past it, "database is locked"."""
    from mlcoach.domain.errors import StoreUnavailableError
    from mlcoach.store.db import connect_raw

    if secret.mode == "none" and not plain_header_ok(db):
        return False
    try:  # must_exist: a store wiped meanwhile is gone, not damaged, and not made again
        conn = connect_raw(db, secret, must_exist=True)
    except StoreUnavailableError:
        raise
    except Exception as exc:
        logger.warning("store did not open for its check: %s", type(exc).__name__)
        return False
    try:
        if lock_wait_ms is not None:
            conn.execute(f"PRAGMA busy_timeout = {int(lock_wait_ms)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if secret.mode == "none":
            return deep_check(conn)
        # Returns no rows when every page decrypts and authenticates.
        return not conn.execute("PRAGMA cipher_integrity_check").fetchall()
    except Exception as exc:
        if is_corruption(exc) or "not a database" in str(exc).lower():
            return False
        raise
    finally:
        conn.close()


def plain_header_ok(db: Path) -> bool:
    """Whether a plain store's 100-byte header holds the values mlcoach's SQLite writes
    (format string, page size, versions, payload fractions, UTF-8, reserved bytes): a
    changed one can make SQLite refuse the file, call it read-only or misread it."""
    try:
        with open(db, "rb") as fh:
            head = fh.read(100)
    except OSError:
        return False
    if len(head) < 100 or head[:16] != b"SQLite format 3\0":
        return False
    page = int.from_bytes(head[16:18], "big")
    page = 65536 if page == 1 else page
    return (page >= 512 and page & (page - 1) == 0 and head[18] in (1, 2)
            and head[19] in (1, 2) and head[20] == 0 and head[21:24] == b"\x40\x20\x20"
            and 1 <= int.from_bytes(head[44:48], "big") <= 4
            and int.from_bytes(head[56:60], "big") == 1 and head[72:92] == bytes(20))


_TAG_LINE = ("coalesce(char(10) || (SELECT group_concat(g, ' ') FROM (SELECT '#' || tag AS g "
             "FROM moment_tags WHERE moment_id = t.id ORDER BY position)), '')")
_PERSON_LINE = "coalesce(char(10) || '@' || (SELECT name FROM people WHERE id = t.person_id), '')"
#: A moment's search index entry as each revision's triggers write it, oldest first: its
#: text (0001), then a line of its tags in their order (0013: "#oncall #1on1"), then a
#: line with its person (0014: "@Ana"). A backup or a store not yet migrated holds an
#: older form.
MOMENT_BODIES = ("t.text", f"t.text || {_TAG_LINE}", f"t.text || {_TAG_LINE} || {_PERSON_LINE}")
#: Which of MOMENT_BODIES the file's own triggers write (its place in the tuple).
MOMENT_FORM = ("SELECT coalesce(max(CASE name WHEN 'people_moments_fts_au' THEN 2 "
               "WHEN 'moment_tags_fts_ai' THEN 1 END), 0) FROM sqlite_master "
               "WHERE type = 'trigger'")
# The text each row gives the search index, as the triggers of the newest revision build it.
SEARCH_BODIES = {
    "moment": ("moments", MOMENT_BODIES[-1]),
    "reflection": ("reflections",
                   "t.went_well || char(10) || t.differently || char(10) || t.intention"),
    "suggestion": ("suggestions", "t.change || char(10) || t.text"),
    "person": ("people", "t.name || char(10) || t.notes"),
}


def search_bodies(form: int) -> dict[str, tuple[str, str]]:
    """SEARCH_BODIES for a file whose triggers write moments' entries in `form`."""
    return {**SEARCH_BODIES, "moment": ("moments", MOMENT_BODIES[form])}


def moment_form(conn: Any) -> int:
    """Which of MOMENT_BODIES the file's own triggers write."""
    return int(conn.execute(MOMENT_FORM).fetchone()[0])


def deep_check(conn: Any) -> bool:
    """Everything a plain store can be checked against, since its pages carry no
    checksum: SQLite's integrity_check (structure, indexes), foreign keys, every text
    decoding as UTF-8, and every row's text matching its copy in the search index (a
    changed byte in one of the two copies shows up as a difference)."""
    try:
        # One snapshot for every read: a commit landing between two of them (another
        # process writing) would otherwise look like a row and its index disagreeing.
        with one_snapshot(conn):
            if not _one_snapshot_check(conn):
                return False
        # The index itself (its b-tree blobs): the one check that needs a writable
        # connection (it is an INSERT of a command, though it changes nothing).
        conn.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
        return True
    except Exception as exc:
        if is_transient(exc):
            raise
        logger.warning("the store failed its full check: %s", type(exc).__name__)
        return False  # any other database error on a file that opened is damage


def _one_snapshot_check(conn: Any) -> bool:
    if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
        return False
    if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
        return False
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    for table in tables:  # decoding each value is the check (UnicodeDecodeError)
        for _row in conn.execute(f'SELECT * FROM "{table}"'):
            pass
    indexed: dict[tuple[str, str], str] = {}
    for entity, ref, body in conn.execute("SELECT entity, ref, body FROM search_fts"):
        if indexed.setdefault((entity, ref), body) != body:
            return False  # one row indexed twice, differently
    for entity, (table, body) in search_bodies(moment_form(conn)).items():
        for ref, text in conn.execute(f"SELECT t.id, {body} FROM {table} t"):
            if indexed.pop((entity, ref), None) != text:
                return False
    return not indexed  # left over: index entries whose row is gone (or changed id)


def is_transient(exc: BaseException) -> bool:
    """A database error about the moment, not the file: busy, full, read-only, I/O."""
    text = str(exc).lower()
    return not text or any(word in text for word in (
        "locked", "busy", "disk i/o", "full", "readonly", "read-only", "unable to open",
        "interrupt", "out of memory"))
