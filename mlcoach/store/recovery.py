"""A damaged or missing database file: notice it, set it aside, restore the newest good backup.

The bad file (and its -wal/-shm) is renamed with a timestamp and kept in the data
folder, for five weeks or longer (set_aside.py); a note in `recovery.json` records what
happened so the app can say it once and `mlcoach doctor` can report it later.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Callable, Iterator
from datetime import datetime, timezone, tzinfo
from pathlib import Path
from typing import Any, Literal, NamedTuple

from mlcoach.domain.errors import MlcoachError
from mlcoach.domain.i18n import N_
from mlcoach.security.keys import Secret
from mlcoach.store import set_aside
from mlcoach.store.file_guard import guard_for
from mlcoach.store.set_aside import SIDE_FILES
from mlcoach.store.snapshot import one_snapshot
from mlcoach.system.paths import (
    BACKUP_DIR,
    DB_NAME,
    atomic_write,
    fsync_dir,
    make_private,
    read_small,
)

logger = logging.getLogger(__name__)

NOTE_NAME = "recovery.json"
LOCK_NAME = ".recovery.lock"
# A store being created or restored is built under these names and renamed into place.
NEW_NAME = f".{DB_NAME}.new"
RESTORE_NAME = f".{DB_NAME}.restore"
# A passphrase runs SQLCipher's KDF on every try: only the newest few backups are tried
# when telling a wrong passphrase from a damaged file.
_PASSPHRASE_TRIES = 3

Reason = Literal["missing", "empty", "damaged"]

_RESTORED = N_(
    "Your mlcoach data file was damaged, so it was set aside as {aside} and the backup "
    "from {when} was restored: anything you added after that may be missing. The damaged "
    "file is kept until it is five weeks old and no longer the newest.")
_RESTORED_CARRIED = N_(
    "Your mlcoach data file was damaged, so it was set aside as {aside} and the backup "
    "from {when} was restored, with what was added since then carried over from the "
    "damaged file as far as it could still be read ({count} in all); a change made after "
    "the backup may be missing. The damaged file is kept until it is five weeks old and no "
    "longer the newest.")
_RESTORED_MISSING = N_(
    "Your mlcoach data file was missing, so the backup from {when} was restored: anything "
    "you added after that may be missing.")
_NO_BACKUP = N_(
    "Your mlcoach data file was damaged and there was no backup to restore, so it was set "
    "aside as {aside} and a new, empty store was started (nothing was deleted); the damaged "
    "file is kept until you delete it.")


class RecoveryNote(NamedTuple):
    """What happened to a damaged store file, kept in recovery.json."""

    at: str  # ISO-8601 UTC
    reason: Reason
    set_aside: tuple[str, ...]  # file names in the data folder
    restored_from: str | None  # backup file name, None when there was none
    backup_taken_at: str | None  # ISO-8601 UTC of the backup's copy
    app_notified: bool = False
    carried: int = 0  # rows of the damaged file added to the restored backup
    # Set aside, now or before, with no backup restored: the only copies of their history,
    # never rotated.
    only_copies: tuple[str, ...] = ()
    # Set aside, now or before, with a backup restored in their place: the only ones
    # rotated. A name not here (a lost note, an older version's file) is kept.
    replaced: tuple[str, ...] = ()

    def message(self, language: str = "en", tz: tzinfo | None = None) -> str:
        """One plain sentence for the user: what happened and what may be missing."""
        from mlcoach.domain.i18n import translate

        aside = self.set_aside[0] if self.set_aside else ""
        if self.restored_from is None:
            return translate(_NO_BACKUP, language, aside=aside)
        when = _show_time(self.backup_taken_at, tz)
        if self.reason == "missing":
            return translate(_RESTORED_MISSING, language, when=when)
        if self.carried:
            return translate(_RESTORED_CARRIED, language, aside=aside, when=when,
                             count=self.carried)
        return translate(_RESTORED, language, aside=aside, when=when)

    def to_json(self) -> dict[str, Any]:
        data = self._asdict()
        data["set_aside"] = list(self.set_aside)
        data["only_copies"] = list(self.only_copies)
        data["replaced"] = list(self.replaced)
        return data

    @classmethod
    def from_json(cls, data: Any) -> RecoveryNote | None:
        try:
            reason = data["reason"]
            if reason not in ("missing", "empty", "damaged"):
                return None
            return cls(at=str(data["at"]), reason=reason,
                       set_aside=tuple(str(x) for x in data.get("set_aside", [])),
                       restored_from=data.get("restored_from"),
                       backup_taken_at=data.get("backup_taken_at"),
                       app_notified=bool(data.get("app_notified", False)),
                       carried=int(data.get("carried", 0)),
                       only_copies=tuple(str(x) for x in data.get("only_copies", [])),
                       replaced=tuple(str(x) for x in data.get("replaced", [])))
        except (KeyError, TypeError, AttributeError, ValueError):
            return None


def _show_time(iso: str | None, tz: tzinfo | None) -> str:
    if not iso:
        return "an unknown date"
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if tz is None:
        from mlcoach.system.clock import local_zone

        tz = local_zone()
    return when.astimezone(tz).strftime("%Y-%m-%d %H:%M")


# -- telling a damaged file from a wrong key -------------------------------------------------

Identity = tuple[int, int, int, int]


def identity(db: Path) -> Identity | None:
    """Which file is at `db` right now (to notice that another process replaced it)."""
    try:
        st = db.stat()
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def precheck(db: Path) -> Reason | None:
    """What a look at the file alone says is wrong with it (no key needed)."""
    try:
        size = db.stat().st_size
    except FileNotFoundError:
        return "missing"
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
    return type(inner).__module__.startswith("sqlcipher3") and not _is_transient(inner)


def opens(path: Path, secret: Secret, *, thorough: bool = False) -> bool:
    """Whether `secret` opens the database at `path` (and, if thorough, it checks out)."""
    from mlcoach.store.db import connect_raw, schema_version

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


# The text each row gives the search index, as the triggers of migration 0001 build it.
_SEARCH_BODIES = {
    "moment": ("moments", "t.text"),
    "reflection": ("reflections",
                   "t.went_well || char(10) || t.differently || char(10) || t.intention"),
    "suggestion": ("suggestions", "t.change || char(10) || t.text"),
    "person": ("people", "t.name || char(10) || t.notes"),
}


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
        if _is_transient(exc):
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
    for entity, (table, body) in _SEARCH_BODIES.items():
        for ref, text in conn.execute(f"SELECT t.id, {body} FROM {table} t"):
            if indexed.pop((entity, ref), None) != text:
                return False
    return not indexed  # left over: index entries whose row is gone (or changed id)


def _is_transient(exc: BaseException) -> bool:
    """A database error about the moment, not the file: busy, full, read-only, I/O."""
    text = str(exc).lower()
    return not text or any(word in text for word in (
        "locked", "busy", "disk i/o", "full", "readonly", "read-only", "unable to open",
        "interrupt", "out of memory"))


# -- setting aside and restoring --------------------------------------------------------------

@contextlib.contextmanager
def one_change_at_a_time(root: Path) -> Iterator[None]:
    """One recovery or migration at a time per data folder (the app and a CLI call may
    both notice a damaged or older store)."""
    with _recovery_lock(root):  # not POSIX: no concurrent-recovery guard
        yield


def drop_stale_restore(root: Path) -> bool:
    """Remove the copy a restore killed before its swap left (`.mlcoach.db.restore`: the
    backup and what was carried, every word of the history, kept for good otherwise),
    unless a restore is under way now (it holds the recovery lock). Whether one went."""
    restored = root / RESTORE_NAME
    if not any(Path(f"{restored}{side}").exists() for side in ("", *SIDE_FILES)):
        return False
    with _recovery_lock(root, wait=False) as held:
        if not held:  # a restore is running, or (not POSIX) no way to tell: left for it
            return False
        restored.unlink(missing_ok=True)
        _drop_sides(restored)
        return True


@contextlib.contextmanager
def _recovery_lock(root: Path, *, wait: bool = True) -> Iterator[bool | None]:
    """The data folder's recovery lock, held for the block: True once held, False when
    another process holds it and `wait` is off, None where there is none (not POSIX)."""
    try:
        import fcntl
    except ImportError:
        yield None
        return
    fd = os.open(root / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)


def _copy_durably(src: Path, dst: Path) -> None:
    import shutil  # here: with bz2 and lzma it is not for the idle app

    with open(src, "rb") as fin, open(dst, "wb") as fout:
        shutil.copyfileobj(fin, fout, 1024 * 1024)
        fout.flush()
        os.fsync(fout.fileno())
    make_private(dst)


def _swap(db: Path, target: Path, restored: Path | None) -> list[str]:
    """Set `db` aside as `target` and put `restored` (if any) in its place; the names of
    what was set aside. The store's path is never missing meanwhile when the file system
    has hard links, so another process cannot create an empty store there."""
    kept = False
    if restored is not None and db.exists():
        with contextlib.suppress(OSError):
            os.link(db, target)
            kept = True
    aside: list[str] = []
    # The -wal of a bad or vanished file goes too: its pages must not be replayed onto
    # the restored copy.
    for side in ("", *SIDE_FILES):
        src, dst = Path(f"{db}{side}"), Path(f"{target}{side}")
        if side == "" and kept:
            pass
        elif src.exists():
            os.replace(src, dst)
        else:
            continue
        make_private(dst)
        aside.append(dst.name)
    if restored is not None:
        os.replace(restored, db)
    return aside


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


def _fresh_copy(backup: Path, restored: Path) -> None:
    """The backup copied to `restored`, with no -wal or -shm of an earlier try beside it
    (SQLite would replay that onto the copy)."""
    _drop_sides(restored)
    _copy_durably(backup, restored)


def _drop_sides(path: Path) -> None:
    for side in SIDE_FILES:
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{side}").unlink()


def _whole(path: Path, secret: Secret) -> bool:
    """Whether the carried-over copy is all in its file (nothing left in a -wal), synced,
    and opens and checks out."""
    if any(Path(f"{path}{side}").exists() and Path(f"{path}{side}").stat().st_size > 0
           for side in SIDE_FILES if side != "-shm"):
        return False
    try:
        with open(path, "rb+") as fh:
            os.fsync(fh.fileno())
    except OSError:
        return False
    return opens(path, secret, thorough=True)


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
        dst.executemany("DELETE FROM suggestions WHERE id = ? AND NOT EXISTS (SELECT 1 FROM "
                        "moments WHERE suggestion_id = ?)", [(i, i) for i in made_from])
        # A person deleted since (Store.delete_person): what was with them stays, unlinked;
        # one merged since (Store.merge_person), with the one they were merged into.
        for person_id in people:
            into = _merged_into(people, person_id)
            if into is not None and dst.execute("SELECT 1 FROM people WHERE id = ?",
                                                (into,)).fetchone() is None:
                into = None  # added after the backup: the damaged file's moments link it
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
    once, up to its first unreadable page; a row it does not reach is not vouched for."""
    indexed: dict[tuple[str, str], str] = {}
    for entity, ref, body in src.rows("SELECT entity, ref, body FROM search_fts"):
        indexed.setdefault((entity, ref), body)
    entities = {table: (entity, body) for entity, (table, body) in _SEARCH_BODIES.items()}

    def vouch(conn: _DamagedFile, table: str, row_id: str) -> bool:
        if table not in entities:
            return False
        entity, body = entities[table]
        row = conn.one(f"SELECT {body} FROM {table} t WHERE t.id = ?", (row_id,))
        return row is not None and indexed.get((entity, row_id)) == row[0]

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


def newest_good_backup(backup_dir: Path, secret: Secret,
                       now: datetime | None = None) -> Path | None:
    """The newest backup that opens with `secret` and passes SQLite's quick_check; given
    `now`, one a wrong clock dated in the future comes last."""
    from mlcoach.store.backups import backups

    today = None if now is None else now.astimezone(timezone.utc).date()
    for candidate in reversed(backups(backup_dir, today)):
        if opens(candidate, secret, thorough=True):
            return candidate
        logger.warning("backup %s does not check out; trying an older one", candidate.name)
    return None


def finish_interrupted_init(db: Path, *, interrupted: bool = True) -> bool:
    """Move a store that `init` had fully built but not yet renamed into place (`init`
    itself ends so, `interrupted=False`)."""
    new = db.with_name(NEW_NAME)
    try:
        if db.exists() or new.stat().st_size == 0:
            return False
        os.replace(new, db)
    except FileNotFoundError:  # nothing half set up (or another process just finished it)
        return False
    fsync_dir(db.parent)
    if interrupted:
        logger.info("finished setting up the store after an interrupted start")
    return True


def repair(root: Path, secret: Secret, reason: Reason, now: datetime,
           seen: Identity | None) -> RecoveryNote | None:
    """Set the bad store file aside and put the newest good backup in its place.

    Args:
        seen: identity() of the store file taken before it was found bad; when the
            file has changed since, another process repaired it and nothing is done.

    Returns the note written, or None when there was nothing left to do.
    Raises MlcoachError when the file is missing and there is no backup (nothing is
    changed then: the user may simply have moved it).
    """
    db = root / DB_NAME
    with one_change_at_a_time(root):
        if identity(db) != seen:
            return None
        current = precheck(db)
        if current == "missing" and finish_interrupted_init(db):
            return None
        backup = newest_good_backup(root / BACKUP_DIR, secret, now)
        if backup is None and current == "missing":
            raise MlcoachError(
                "the database {name} is missing from {folder} and there is no backup to "
                "restore; put the file back (nothing was changed)", name=db.name, folder=root)
        restored = root / RESTORE_NAME
        carried = 0
        try:
            if backup is not None:
                _fresh_copy(backup, restored)
                if current != "missing":  # what was written after the backup, if readable
                    carried = carry_over(db, restored, secret)
                    if not _whole(restored, secret):  # a full disk, say
                        logger.warning("the carried-over copy does not check out; "
                                       "restoring the backup alone")
                        _fresh_copy(backup, restored)
                        carried = 0
                    _drop_sides(restored)  # checked empty: only the file is swapped in
            target = set_aside.aside_name(db, now)
            with guard_for(db).exclusive():
                aside = _swap(db, target, restored if backup else None)
            fsync_dir(root)
        except OSError as exc:
            with contextlib.suppress(OSError):
                restored.unlink()
            raise MlcoachError(
                "the database is damaged and could not be restored from its backup: "
                "{reason} (nothing was deleted)", reason=exc.strerror or exc) from exc
        taken = None
        if backup is not None:
            taken = datetime.fromtimestamp(backup.stat().st_mtime, timezone.utc).isoformat()
        before = read_note(root)
        only = _still_there(root, before.only_copies if before else ())
        replaced = _still_there(root, before.replaced if before else ())
        if backup is None and current != "empty" and aside:
            only = (*only, aside[0])
        if backup is not None and aside:  # its -wal alone, when the file had vanished
            replaced = (*replaced, target.name)
        note = RecoveryNote(at=now.astimezone(timezone.utc).isoformat(), reason=reason,
                            set_aside=tuple(aside),
                            restored_from=backup.name if backup is not None else None,
                            backup_taken_at=taken, carried=carried, only_copies=only,
                            replaced=replaced)
        write_note(root, note)
        _rotate_set_aside(root, now)
        # INFO: the user is told in their own words; the file log keeps the details.
        logger.info("store file %s; set aside: %s; restored from: %s", reason,
                    ", ".join(aside) or "nothing", note.restored_from or "no backup")
        return note


def _still_there(root: Path, names: tuple[str, ...]) -> tuple[str, ...]:
    """Those of the files set aside still in the data folder (the file itself, or the
    -wal of a vanished one)."""
    return tuple(n for n in names
                 if any(Path(f"{root / n}{side}").exists() for side in ("", *SIDE_FILES)))


def _rotate_set_aside(root: Path, now: datetime) -> None:
    """Only files the note says a restored backup replaced may go: with the note lost,
    unreadable or from an older version, each may be the only copy, so all are kept."""
    note = read_note(root)
    set_aside.rotate(root / DB_NAME, now.astimezone(timezone.utc).date(),
                     frozenset(note.replaced) if note else frozenset())


# -- the note -------------------------------------------------------------------------------

def read_note(root: Path) -> RecoveryNote | None:
    """The last recovery, if any."""
    try:
        raw = read_small(root / NOTE_NAME, 64 * 1024)
        return RecoveryNote.from_json(json.loads(raw.decode("utf-8")))
    except (OSError, ValueError):
        return None


def write_note(root: Path, note: RecoveryNote) -> None:
    path = root / NOTE_NAME
    try:
        atomic_write(path, json.dumps(note.to_json(), indent=2) + "\n")
        make_private(path)
    except OSError as exc:
        # The restore itself worked. Lost: the reminder, and which files set aside a
        # restored backup replaced (so those are kept until deleted by hand, never lost).
        logger.warning("could not write the recovery note: %s", exc.strerror or exc)


def take_app_notice(root: Path, language: str = "en",
                    tz: tzinfo | None = None) -> str | None:
    """The sentence the app should show once about the last recovery, then never again."""
    note = read_note(root)
    if note is None or note.app_notified:
        return None
    write_note(root, note._replace(app_notified=True))
    return note.message(language, tz)


def daily_check(root: Path, secret: Secret, now: datetime) -> RecoveryNote | None:
    """The app's job after start-up: check every page of the store; restore the newest good
    backup when it is damaged, otherwise take today's backup (from a checked file only)."""
    from mlcoach.store.backups import daily_backup
    from mlcoach.store.db import ensure_schema
    from mlcoach.system.paths import remove_killed_writes

    # A write killed mid-way (a draft, store.json) left its part file; one more each
    # time, for years, in the data folder.
    for gone in remove_killed_writes(root):
        logger.info("half-written file removed: %s", gone.name)
    db = root / DB_NAME
    if not db.exists():
        return None  # wiped while the command ran: nothing to check, nothing to keep
    _rotate_set_aside(root, now)
    if drop_stale_restore(root):
        logger.info("a restore's copy left by an interrupted restore was removed")
    seen = identity(db)
    if verify(db, secret):
        daily_backup(db, secret, root / BACKUP_DIR, now)
        return None
    note = repair(root, secret, "damaged", now, seen)
    ensure_schema(db, secret, root / BACKUP_DIR, now)  # a restored backup may be older
    return note
