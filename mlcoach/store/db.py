"""Opening the SQLCipher database: engine, connection pragmas, migrations, backups."""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlcoach.domain.errors import MlcoachError, StoreLockedError, StoreUnavailableError
from mlcoach.domain.i18n import N_
from mlcoach.security.keys import Secret
from mlcoach.store.migrations import HEAD
from mlcoach.system.paths import make_private

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

logger = logging.getLogger(__name__)

# How long a write waits for another one to finish (e.g. a capture during a long import)
# before it gives up with "the store is busy". One wait per transaction: writers take the
# write lock at BEGIN (BEGIN IMMEDIATE), so nothing after it waits again.
BUSY_TIMEOUT_MS = 60_000

WAL_SIZE_LIMIT = 4 * 1024 * 1024  # bytes

_PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
    "PRAGMA journal_mode = WAL",
    # FULL: a committed moment survives a power cut, not just a killed process.
    "PRAGMA synchronous = FULL",
    # The -wal goes only when the last connection closes; the app keeps one for months
    # (History's), and the file stayed as large as the largest write ever made (an
    # import): after each checkpoint SQLite now cuts it back to this.
    f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}",
)


def _is_not_a_database(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "not a database" in text or "file is encrypted" in text


#: When a store's file is not there at all: SQLite would make a new, empty one.
GONE_MESSAGE = N_("the data file {path} is not there (wiped or moved while mlcoach was "
                  "using it): nothing was written")


def _existing(path: Path, posix: bool = os.name == "posix") -> tuple[str, dict[str, Any]]:
    r"""The database argument (and extra keywords) for sqlcipher3.connect that open `path`
    only if the file is there, where SQLite would make a new, empty one: mode=rw on POSIX;
    on Windows a check just before (a share's \\server\share path is a URI authority
    that SQLite refuses). FileNotFoundError when it is not there."""
    if posix:
        return f"{path.absolute().as_uri()}?mode=rw", {"uri": True}
    if not path.exists():
        raise FileNotFoundError(2, "No such file", str(path))
    return str(path), {}


def connect_raw(path: Path, secret: Secret, *, read_only: bool = False,
                any_thread: bool = False, must_exist: bool = False) -> Any:
    """Open a DB-API connection with the key applied and our pragmas set.

    Args:
        read_only: open without changing the file at all (no WAL switch, no -wal/-shm),
            e.g. to look into a backup.
        any_thread: usable from other threads (one at a time; see KeptConnection).
        must_exist: StoreUnavailableError (GONE_MESSAGE) when there is no file, instead
            of SQLite making an empty one (a wipe between reading store.json and this).
    """
    import sqlcipher3.dbapi2 as sqlcipher

    same = not any_thread
    if read_only:
        conn = sqlcipher.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True,
                                 isolation_level=None, check_same_thread=same)
    else:
        try:
            target, extra = _existing(path) if must_exist else (str(path), {})
            conn = sqlcipher.connect(target, isolation_level=None, check_same_thread=same,
                                     **extra)
        except (sqlcipher.OperationalError, FileNotFoundError) as exc:
            if must_exist and not path.exists():
                raise StoreUnavailableError(GONE_MESSAGE, path=path) from exc
            raise
    try:
        # SQLCipher logs failed page decryptions to stderr; our own message says it better.
        conn.execute("PRAGMA cipher_log_level = NONE")
        password = secret.sqlcipher_password()
        if password is not None:
            conn.execute("PRAGMA key = " + _quote(password))
        if read_only:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
            # The first read is where a wrong key shows ("file is not a database").
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        else:
            _apply_pragmas(conn)
    except sqlcipher.DatabaseError as exc:
        conn.close()
        if _is_not_a_database(exc):
            raise _locked_error(secret) from exc
        raise
    return conn


def empty_wal(path: Path, connection: Callable[[], contextlib.AbstractContextManager[Any]]
              ) -> None:
    """After a delete, an edit or a cleared draft: fold the -wal into the file and empty
    it, since its frames still hold the text just replaced while any connection stays
    open (a window's kept one). Nothing to do when there is no -wal (the last connection
    closed with the write). Best effort: a reader in the way (waited for 1 s at most)
    leaves it to a later checkpoint; the write is done either way."""
    if not Path(f"{path}-wal").exists():
        return
    try:
        with connection() as conn:
            conn.execute("PRAGMA busy_timeout = 1000")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except MlcoachError as exc:
        logger.info("the -wal was not emptied after a delete: %s", exc)


# The settings row naming the store's keyring entry, so that `recover` after store.json
# (and its copy) were lost puts the key back under the same entry instead of leaving
# the old one in the keyring (a secret nothing would ever remove).
KEYRING_ENTRY = "keyring_entry"


def keyring_entry(conn: Any) -> str | None:
    """The keyring entry the store recorded (None: none yet, or a store from before)."""
    import json

    row = conn.execute("SELECT value FROM settings WHERE key = ?", (KEYRING_ENTRY,)).fetchone()
    try:
        value = json.loads(row[0]) if row is not None else None
    except ValueError:
        return None
    return value if isinstance(value, str) and value else None


def record_keyring_entry(path: Path, secret: Secret, entry: str) -> None:
    """Write the keyring entry's name into the store unless it is there already. Best
    effort: a busy or read-only store is recorded at a later open."""
    import sqlcipher3.dbapi2 as sqlcipher

    try:
        conn = connect_raw(path, secret, must_exist=True)
        try:
            _record_keyring_entry(conn, entry)
        finally:
            conn.close()
    except (sqlcipher.Error, MlcoachError) as exc:
        logger.info("the keyring entry's name was not recorded in the store: %s", exc)


def _record_keyring_entry(conn: Any, entry: str) -> None:
    """record_keyring_entry through a connection already open (one that may write)."""
    import json

    if keyring_entry(conn) == entry:
        return
    conn.execute("PRAGMA busy_timeout = 200")
    conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                 (KEYRING_ENTRY, json.dumps(entry)))


def _quote(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _apply_pragmas(dbapi_conn: Any) -> None:
    cur = dbapi_conn.cursor()
    try:
        for pragma in _PRAGMAS:
            cur.execute(pragma)
        cur.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
    finally:
        cur.close()


def _locked_error(secret: Secret) -> StoreLockedError:
    if secret.mode == "passphrase":
        return StoreLockedError("wrong passphrase: the store did not open (nothing was changed)")
    if secret.mode == "none":
        return StoreLockedError(
            "the database file is encrypted or damaged: it cannot be read without its key"
        )
    return StoreLockedError(
        "the encryption key does not open this store; if you have the recovery key, "
        "run `mlcoach recover`"
    )


WRITE_OPTION = "mlcoach_write"
MIGRATE_OPTION = "mlcoach_migrate"  # the migration's own writes: the schema is not HEAD yet
MOVED_ON_MESSAGE = N_("another mlcoach changed the data's format (schema {schema}) while this "
                      "one was running: nothing was written; restart mlcoach")
_REVISION = re.compile(r"[0-9]{4}")  # every migration's id, this version's and later ones


class StoreDamagedError(Exception):
    """The file opens but what it holds cannot be ours (recovery.is_corruption says so)."""


# How long a write waits for another writer when not the store's minute (Store.wait_briefly_here).
BRIEF_WAIT_OPTION = "mlcoach_wait_ms"


def writer(engine: Engine, wait_ms: int | None = None) -> Engine:
    """The same engine, for transactions that write (they begin IMMEDIATE); `wait_ms`:
    how long they wait for another writer, instead of BUSY_TIMEOUT_MS."""
    options: dict[str, object] = {WRITE_OPTION: True}
    if wait_ms is not None:
        options[BRIEF_WAIT_OPTION] = wait_ms
    return engine.execution_options(**options)


def make_engine(path: Path, secret: Secret) -> Engine:
    """Create the SQLAlchemy engine (sqlite+pysqlcipher) for the store at `path`.

    Long because its connection hooks (key, pragmas, the file guard's share) must be
    closures over this engine's path and secret.
    """
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import URL
    from sqlalchemy.pool import NullPool

    from mlcoach.store.file_guard import guard_for

    password = secret.sqlcipher_password()
    if password is None:
        import sqlcipher3.dbapi2 as sqlcipher

        # Same SQLite build (FTS5 included), no key: an explicitly unencrypted store.
        engine = create_engine(f"sqlite:///{path}", module=sqlcipher, poolclass=NullPool,
                               hide_parameters=True)
    else:
        url = URL.create("sqlite+pysqlcipher", password=password, database=str(path))
        # hide_parameters: error messages and logs never carry what the user wrote.
        engine = create_engine(url, poolclass=NullPool, hide_parameters=True)

    guard, sharing = guard_for(path), set[int]()

    @event.listens_for(engine, "do_connect")
    def _open(dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
        # Each connection holds a share of the file's guard from before the file is
        # opened until it is closed, so a restore never swaps the file under it.
        guard.acquire_share()
        try:
            # An existing file only (a wipe or a restore may have removed it).
            target, extra = _existing(path)
            conn = dialect.loaded_dbapi.connect(target, **{**cparams, **extra})
        except BaseException as exc:
            guard.release_share()
            if isinstance(exc, Exception) and not path.exists():
                raise StoreUnavailableError(GONE_MESSAGE, path=path) from exc
            raise
        sharing.add(id(conn))
        return conn

    def _give_back(dbapi_conn: Any, *_: Any) -> None:
        if id(dbapi_conn) in sharing:
            sharing.discard(id(dbapi_conn))
            guard.release_share()

    event.listen(engine, "close", _give_back)
    event.listen(engine, "close_detached", _give_back)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # pysqlite's own transaction handling conflicts with SQLAlchemy's; take it over.
        dbapi_conn.isolation_level = None
        try:
            _apply_pragmas(dbapi_conn)
        except BaseException:  # the pool closes it without a close event
            _give_back(dbapi_conn)
            raise

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A writer takes the write lock up front: a deferred transaction that reads and
        # then writes fails at once ("database is locked") when another writer committed
        # meanwhile, where BEGIN IMMEDIATE simply waits its turn (busy_timeout).
        options = conn.get_execution_options()
        write = options.get(WRITE_OPTION)
        if write and options.get(BRIEF_WAIT_OPTION) is not None:  # a fresh connection each
            conn.exec_driver_sql(  # time (NullPool): the shorter wait ends with it
                f"PRAGMA busy_timeout = {int(options[BRIEF_WAIT_OPTION])}")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
        if write and not options.get(MIGRATE_OPTION):
            refuse_moved_on(conn.exec_driver_sql)

    return engine


def refuse_moved_on(execute: Callable[[str], Any]) -> None:
    """Inside a write's transaction (the write lock held, so no migration runs meanwhile):
    StoreUnavailableError when the schema is no longer the one this code writes (a newer
    mlcoach migrated it while this one ran), so nothing is written the old way."""
    try:
        row = execute("SELECT version_num FROM alembic_version").fetchone()
    except Exception as exc:
        if "no such table" in str(exc):
            return  # a store being built: its migration is the write
        raise
    if row is not None and str(row[0]) != HEAD:
        raise StoreUnavailableError(MOVED_ON_MESSAGE, schema=row[0])


def schema_version(conn: Any) -> str | None:
    """Return the Alembic revision of an open DB-API connection, None when blank."""
    cur = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    )
    if cur.fetchone() is None:
        return None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])


def known_revisions() -> set[str]:
    """Revision ids shipped with this version, read from the versions folder."""
    from mlcoach.store.migrations import versions

    folder = Path(versions.__file__).parent
    return {p.name.split("_", 1)[0] for p in folder.glob("[0-9]*_*.py")}


def upgrade(engine: Engine) -> None:
    """Run Alembic migrations up to HEAD on `engine`."""
    from alembic import command
    from alembic.config import Config

    from mlcoach.store import migrations

    # Alembic's own INFO lines (plugins set up, "Context impl SQLiteImpl", each step) went
    # to the terminal and the log at every migration; ensure_schema says it in one line.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrations.__file__).parent))
    with engine.execution_options(**{MIGRATE_OPTION: True}).begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


#: PRAGMA user_version while a one-time wipe of the file's free space is due (migration
#: 0007 sets it; the wipe clears it). A plain store written before secure_delete holds
#: deleted text in free pages and in the free space inside pages.
WIPE_PENDING = 1


def ensure_schema(path: Path, secret: Secret, backup_dir: Path, now: datetime,
                  keyring_entry: str | None = None) -> bool:
    """Bring the schema to HEAD, backing up a non-empty store first, then do a wipe the
    migration left due. True if it migrated. With `keyring_entry`, also record that
    name in the store if it is not there yet (record_keyring_entry), through the same
    connection when the schema is already HEAD.

    One process migrates at a time: the first start after an upgrade may be the app and
    a few shell commands at once, each finding the store behind.
    """
    version, wipe = _version_or_damage(path, secret, keyring_entry)
    if version == HEAD:
        if wipe:
            _wipe_free_space(path, secret)
        return False
    from mlcoach.store.recovery import one_change_at_a_time

    with one_change_at_a_time(path.parent):
        current, _ = _version_or_damage(path, secret)  # another process may have done it
        if current == HEAD:
            return False
        if current is not None and current not in known_revisions():
            raise MlcoachError(
                "this data was written by a newer mlcoach (schema {schema}); update the app",
                schema=current,
            )
        if current is not None:
            _refuse_under_an_older_app(path.parent)
        if current is not None:
            backup_file(path, secret, backup_dir, now, label=f"pre-migrate-{current}")
        engine = make_engine(path, secret)
        try:
            upgrade(writer(engine))
        finally:
            engine.dispose()
        make_private(path)
    _wipe_free_space(path, secret)
    if keyring_entry is not None:
        record_keyring_entry(path, secret, keyring_entry)
    if current is not None:
        logger.info("updated the store from schema %s to %s", current, HEAD)
    return True


def _refuse_under_an_older_app(root: Path) -> None:
    """An app still running on the data from before the upgrade would write it the old way
    once migrated: refuse, changing nothing. The app, seeing its files upgraded, restarts
    into this version (ui/upgrade.py), and that start migrates."""
    from mlcoach.system import instance

    if instance.app_elsewhere(root):
        raise MlcoachError("the mlcoach app running on this data is an older version; quit "
                           "it (or open one of its windows so it restarts into this "
                           "version) and try again (nothing was changed)")


def _wipe_free_space(path: Path, secret: Secret) -> None:
    """Once, when WIPE_PENDING: copy a plain store afresh (VACUUM, all or nothing: a kill
    leaves the store as it was, still due), so no deleted text stays in its free space.
    SQLCipher always wiped what it deleted, so an encrypted store only clears the mark.
    A VACUUM that cannot run (it needs room for a second copy: a full disk) leaves the
    wipe due for a later start; this start goes on."""
    import sqlcipher3.dbapi2 as sqlcipher

    from mlcoach.store.recovery import one_change_at_a_time

    with one_change_at_a_time(path.parent):
        conn = connect_raw(path, secret)
        try:
            if conn.execute("PRAGMA user_version").fetchone()[0] != WIPE_PENDING:
                return  # another process did it
            if secret.mode == "none":
                try:
                    conn.execute("VACUUM")
                except sqlcipher.OperationalError as exc:
                    logger.warning("the data file's free space was not wiped (%s); "
                                   "trying again at the next start", exc)
                    return
            conn.execute("PRAGMA user_version = 0")
        finally:
            conn.close()
    logger.info("wiped the free space of the data file")


def _version_or_damage(path: Path, secret: Secret, entry: str | None = None
                       ) -> tuple[str | None, bool]:
    """The store's schema revision (None: a new file) and whether a wipe is due;
    StoreDamagedError for tables without a version, or a version no mlcoach writes.
    At HEAD, `entry` is recorded as the keyring entry's name if it is not yet."""
    import sqlcipher3.dbapi2 as sqlcipher

    conn = connect_raw(path, secret)
    try:
        try:
            current = schema_version(conn)
            wipe = conn.execute("PRAGMA user_version").fetchone()[0] == WIPE_PENDING
            built = current is None and conn.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'moments'").fetchone() is not None
        except Exception as exc:
            if _is_not_a_database(exc):
                raise _locked_error(secret) from exc
            raise
        if current == HEAD and entry is not None:
            try:
                _record_keyring_entry(conn, entry)
            except sqlcipher.Error as exc:
                logger.info("the keyring entry's name was not recorded in the store: %s", exc)
    finally:
        conn.close()
    if current == HEAD:
        return current, wipe
    if built or (current is not None and not _REVISION.fullmatch(current)):
        # Tables without a version, or a version no mlcoach writes: the file is damaged.
        raise StoreDamagedError("database corrupt: unreadable schema version")
    return current, wipe


def backup_file(path: Path, secret: Secret, backup_dir: Path, now: datetime,
                label: str = "daily") -> Path:
    """Copy the store with SQLite's online backup API, encrypted with the same key."""
    from mlcoach.system.paths import ensure_private_dir

    ensure_private_dir(backup_dir)
    stamp = now.strftime("%Y%m%dT%H%M%S")
    target = backup_dir / f"mlcoach-{stamp}-{label}.db"
    tmp = target.with_suffix(".tmp")
    if tmp.exists():
        tmp.unlink()
    try:
        src = connect_raw(path, secret)
        try:
            dst = connect_raw(tmp, secret)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
    except BaseException:
        _remove_with_sides(tmp)  # a half-written copy (disk full, killed) is never kept
        raise
    for side in (Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        if side.exists():
            side.unlink()
    import shutil  # here: with bz2 and lzma it is not for the idle app

    shutil.move(str(tmp), str(target))
    make_private(target)
    logger.info("backup written: %s", target.name)
    return target


def _remove_with_sides(path: Path) -> None:
    for side in ("", "-wal", "-shm", "-journal"):
        try:
            Path(f"{path}{side}").unlink(missing_ok=True)
        except OSError:
            pass
