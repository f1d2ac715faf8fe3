"""Setting up and unlocking the store: which secret opens it, and where that secret lives.

``store.json`` beside the database says how the store is protected and names its
keyring entry. It never holds a key.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, cast

from mlcoach.domain.errors import MlcoachError, NotInitializedError, StoreLockedError, UsageError
from mlcoach.domain.i18n import N_
from mlcoach.domain.ids import new_id, utcnow
from mlcoach.domain.text import is_text
from mlcoach.security.keys import (
    KeyringUnavailableError,
    KeyStore,
    ListsEntries,
    Mode,
    Secret,
    decode_recovery_key,
    encode_recovery_key,
    new_raw_key,
)
from mlcoach.system.paths import (
    BACKUP_DIR,
    DB_NAME,
    META_NAME,
    atomic_write,
    ensure_private_dir,
    make_private,
    others_may_write,
    private_mode,
    read_small,
    set_mode,
    shared_folder,
)

if TYPE_CHECKING:
    from mlcoach.store.core import Store
    from mlcoach.store.light import LightStore
    from mlcoach.store.recovery import RecoveryNote

logger = logging.getLogger(__name__)

PassphraseSource = Callable[[], str]
Notify = Callable[["RecoveryNote"], None]

SETUP_LOCK = ".setup.lock"
# How long a start waits for another one that is setting the store up (creating a key in
# the keyring can wait on the keyring daemon; ten starts at once queue behind it).
SETUP_WAIT = 60.0
BUSY_SETTING_UP = N_("another start is setting up mlcoach; try again")

NO_KEYRING_MESSAGE = N_(
    "no secure keyring is available to hold the encryption key; choose one: "
    "`mlcoach init --passphrase` (type a passphrase at each start) or "
    "`mlcoach init --no-encryption` (store data unencrypted)"
)


LOST_META = N_(
    "{path} is missing, so it is unknown how {database} is protected; if a keyring key "
    "protected it, `mlcoach recover` with your recovery key sets it up again; a store "
    "with a passphrase needs that file back (nothing was changed)"
)

SAYS_PLAIN = N_(
    "{path} says the data is not encrypted, but {database} is (was store.json edited or "
    "replaced?); nothing was changed: put back the store.json that came with it (a copy "
    "is kept at {copy})"
)


class StoreMeta(NamedTuple):
    """How a store is protected; safe to keep in plain text."""

    store_id: str
    encryption: Mode
    created_at: str
    format: int = 1


class Layout(NamedTuple):
    """The files of one data folder."""

    root: Path

    @property
    def db(self) -> Path:
        return self.root / DB_NAME

    @property
    def meta(self) -> Path:
        return self.root / META_NAME

    @property
    def backups(self) -> Path:
        return self.root / BACKUP_DIR


def store_files(layout: Layout) -> list[Path]:
    """The database and the files SQLite keeps beside it (-wal, -shm, -journal)."""
    from mlcoach.store.set_aside import SIDE_FILES

    return [layout.db, *(layout.db.with_name(layout.db.name + s) for s in SIDE_FILES)]


def mend_side_files(layout: Layout) -> None:
    """SQLite makes a -wal or -shm with the database's mode of the moment and keeps a
    -shm between opens: one made while the database was 0444 refused every write
    ("read-only") after the database itself was mended. While the database is the
    user's to write, its side files are too."""
    if os.name != "posix":
        return
    try:
        if not layout.db.stat().st_mode & 0o200:
            return  # read-only on purpose, or not yet mended: they follow it then
    except OSError:
        return
    for path in store_files(layout)[1:]:
        try:
            set_mode(path, 0o600)
        except FileNotFoundError:
            continue
        except OSError as exc:  # another user's (a `sudo mlcoach`): named if a write fails
            logger.info("could not make %s the user's: %s", path.name, exc.strerror or exc)


def keep_private(layout: Layout) -> None:
    """Make the data folder, the database and its side files, store.json and the backups
    owner-only again at each open: a chmod, a copy or an archive tool may have loosened
    them."""
    if os.name != "posix":
        return
    backups = sorted(layout.backups.glob("*")) if layout.backups.is_dir() else []
    # a folder kept for several users keeps its mode; one holding the user's own files
    # loses others' write only (paths.private_mode)
    folder = [] if shared_folder(layout.root) or not layout.root.is_dir() \
        else [(layout.root, private_mode(layout.root))]
    for path, mode in (*folder, (layout.backups, 0o700), *((f, 0o600) for f in store_files(layout)),
                       (layout.meta, 0o600), *((p, 0o600) for p in backups if p.is_file())):
        try:
            set_mode(path, mode)
        except FileNotFoundError:
            continue
        except OSError as exc:  # another owner's file, a filesystem without modes
            logger.warning("could not make %s private: %s", path.name, exc.strerror or exc)


def unwritable(layout: Layout) -> Path | None:
    """The data folder, or the first of the database's files, that this user cannot
    write (another user's, say root's after a `sudo mlcoach`; or made read-only)."""
    for path in (layout.root, *store_files(layout)):
        with contextlib.suppress(OSError):
            if path.exists() and not os.access(path, os.W_OK):
                return path
    return None


class Opened(NamedTuple):
    """An open store, plus the recovery key when this call created it (show it once)."""

    store: Store
    layout: Layout
    meta: StoreMeta
    secret: Secret
    recovery_key: str | None = None
    recovered: RecoveryNote | None = None  # a damaged file was replaced by a backup

    def full(self) -> Opened:
        """This store with the ORM (as `LightOpened.full`); already it."""
        return self

    def close(self) -> None:
        self.store.close()


def meta_copy(layout: Layout) -> Path:
    """The copy of store.json kept with the backups: store.json names the keyring entry
    and says how the store is protected, so without it the data could not be opened."""
    from mlcoach.store.backups import META_COPY

    return layout.backups / META_COPY


def _load_meta(path: Path) -> StoreMeta:
    """The StoreMeta in `path`; OSError or MlcoachError when it cannot be read."""
    try:
        raw = json.loads(read_small(path, 64 * 1024).decode("utf-8"))
    except ValueError as exc:
        raise MlcoachError("{path} is unreadable: {reason}", path=path, reason=exc) from exc
    try:
        mode = raw["encryption"]
        if mode not in ("keyring", "passphrase", "none"):
            raise ValueError(mode)
        return StoreMeta(store_id=str(raw["store_id"]), encryption=cast(Mode, mode),
                         created_at=str(raw.get("created_at", "")),
                         format=int(raw.get("format", 1)))
    except (KeyError, TypeError, ValueError) as exc:
        raise MlcoachError("{path} is damaged (field {field})", path=path,
                           field=exc) from exc


def plain_store(layout: Layout) -> bool:
    """Whether the database is an unencrypted SQLite file (its header says so in clear).

    Only the 16-byte magic, not recovery.plain_header_ok's full check: a plain store
    with a damaged header should still get its store.json back, and then be repaired."""
    return _plain_header(layout.db) is True


def _plain_header(path: Path) -> bool | None:
    """Whether `path` starts with SQLite's clear-text magic; None when it cannot be read."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == b"SQLite format 3\0"
    except OSError:
        return None


def _meta_of_a_plain_store(layout: Layout) -> StoreMeta | None:
    """store.json written again for an unencrypted store that lost it (and its copy):
    nothing secret is needed to know how it is protected. None for an encrypted one."""
    if not plain_store(layout):
        return None
    meta = StoreMeta(store_id=new_id(), encryption="none", created_at=utcnow().isoformat())
    try:
        _write_meta(layout, meta)
    except OSError as exc:
        logger.warning("cannot write store.json again: %s", exc.strerror or exc)
    else:
        logger.warning("store.json was lost; written again for the unencrypted store")
    return meta


def meta_file_ok(layout: Layout) -> bool:
    """Whether store.json itself (not its copy) reads."""
    try:
        _load_meta(layout.meta)
    except (OSError, MlcoachError):
        return False
    return True


def read_meta(layout: Layout) -> StoreMeta | None:
    """Read store.json, or its copy when it is lost or damaged beside a database; None
    when the folder has no store yet."""
    try:
        return _load_meta(layout.meta)
    except (FileNotFoundError, NotADirectoryError):
        problem: MlcoachError | None = None
    except OSError as exc:
        reason = str(exc.strerror or exc)
        if isinstance(exc, PermissionError):
            from mlcoach.system.paths import file_owner_note

            note = file_owner_note(layout.meta, os.R_OK)
            reason += f" ({note})" if note else ""
        problem = MlcoachError("{path} is unreadable: {reason}", path=layout.meta,
                               reason=reason)
    except MlcoachError as exc:
        problem = exc
    if layout.db.exists():
        try:
            meta = _load_meta(meta_copy(layout))
        except (OSError, MlcoachError):
            pass
        else:
            logger.warning("store.json is %s; using its copy in the backups folder",
                           "missing" if problem is None else _unreadable_why(layout.meta))
            return meta
    if problem is not None:
        raise problem
    return None


def _unreadable_why(path: Path) -> str:
    """What is wrong with store.json: "damaged", or why this user may not read it ("not
    readable (it belongs to root)")."""
    from mlcoach.system.paths import file_owner_note

    with contextlib.suppress(OSError):
        if not os.access(path, os.R_OK):
            note = file_owner_note(path, os.R_OK)
            return f"not readable ({note})" if note else "not readable"
    return "damaged"


def _write_meta(layout: Layout, meta: StoreMeta) -> None:
    _write_meta_only(layout, meta)
    _write_meta_copy(layout, meta)


def _write_meta_copy(layout: Layout, meta: StoreMeta) -> None:
    ensure_private_dir(layout.backups)
    atomic_write(meta_copy(layout), json.dumps(meta._asdict(), indent=2) + "\n")
    make_private(meta_copy(layout))


def heal_meta(layout: Layout, meta: StoreMeta) -> None:
    """Write store.json or its copy again where either is missing or says otherwise (a
    store made before the copy existed gets one). Never without a database beside it.

    store.json is read again although read_meta has just read it: 0.09 ms per open
    measured, against threading a flag through every opener."""
    for path, write in ((layout.meta, _write_meta_only), (meta_copy(layout), _write_meta_copy)):
        try:
            if _load_meta(path) == meta:
                continue
        except (OSError, MlcoachError):
            pass
        if not layout.db.exists():
            return  # wiped meanwhile: leave nothing behind
        try:
            write(layout, meta)
            logger.info("wrote %s again", path.name)
        except OSError as exc:  # a read-only folder: the store still opens
            logger.warning("cannot write %s again: %s", path, exc.strerror or exc)
            continue
        if not layout.db.exists():  # a wipe ran between the look and the write: undo it
            with contextlib.suppress(OSError):
                path.unlink()
                for folder in (layout.backups, layout.root):
                    folder.rmdir()  # only when empty: nothing else is touched
            return


def _write_meta_only(layout: Layout, meta: StoreMeta) -> None:
    atomic_write(layout.meta, json.dumps(meta._asdict(), indent=2) + "\n")
    make_private(layout.meta)


class AlreadySetUpError(UsageError):
    """init found a store in the folder (perhaps set up by a start running beside it)."""


@contextlib.contextmanager
def setup_lock(root: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the data folder's set-up lock: one start creates the key, the store and
    store.json while any other start waits here (at most `wait` seconds)."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no guard against simultaneous first starts
        yield
        return
    fd = os.open(root / SETUP_LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + (SETUP_WAIT if wait is None else wait)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise MlcoachError(BUSY_SETTING_UP) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # releases the lock


def _refuse_existing(layout: Layout) -> None:
    if read_meta(layout) is not None or (layout.db.exists() and layout.db.stat().st_size > 0):
        raise AlreadySetUpError("a store already exists in {folder}", folder=layout.root)


def refuse_unfit_folder(layout: Layout) -> None:
    """MlcoachError when the data folder's path is a file (`--data-dir /dev/null`), or a
    folder other users may write in or own (`--data-dir /tmp`): a store of private notes
    does not belong there, and making it owner-only would lock the others out."""
    if layout.root.is_symlink() and not layout.root.exists():
        raise MlcoachError("the data folder {folder} is a link to {target}, which does not "
                           "exist; make that folder or choose another --data-dir (nothing "
                           "was changed)", folder=layout.root,
                           target=os.readlink(layout.root))
    if layout.root.exists() and not layout.root.is_dir():
        raise MlcoachError("the data folder {folder} is a file, not a folder; choose another "
                           "--data-dir (nothing was changed)", folder=layout.root)
    if shared_folder(layout.root) or (others_may_write(layout.root)
                                      and not layout.meta.exists()):
        raise MlcoachError("the data folder {folder} is shared with other users; choose a "
                           "folder of your own for --data-dir (nothing was changed)",
                           folder=layout.root)


def init_store(layout: Layout, mode: Mode, *, keys: KeyStore,
               passphrase: str | None = None) -> Opened:
    """Create a new store protected by `mode`; refuses to touch an existing one.

    The whole set-up (key, database, store.json) is one step under the folder's set-up
    lock, so two first starts never build two stores with two keys."""
    _refuse_existing(layout)
    if mode == "keyring" and not keys.available():
        raise NotInitializedError(NO_KEYRING_MESSAGE)
    if mode == "passphrase":
        check_new_passphrase(passphrase)
    refuse_unfit_folder(layout)
    try:
        ensure_private_dir(layout.root)
    except OSError as exc:
        raise MlcoachError("cannot create the data folder {folder}: {reason}",
                           folder=layout.root, reason=exc.strerror) from exc
    if not os.access(layout.root, os.W_OK):
        raise MlcoachError("the data folder {folder} is not writable", folder=layout.root)
    with setup_lock(layout.root):
        _refuse_existing(layout)  # another start may have finished while we waited
        return _init_locked(layout, mode, keys, passphrase)


def _init_locked(layout: Layout, mode: Mode, keys: KeyStore,
                 passphrase: str | None) -> Opened:
    store_id = new_id()
    recovery: str | None = None
    if mode == "keyring":
        key = new_raw_key()
        keys.set(store_id, key)
        if keys.get(store_id) != key:  # e.g. a backend that silently drops writes
            raise NotInitializedError(NO_KEYRING_MESSAGE)
        secret = Secret("keyring", raw_key=key)
        recovery = encode_recovery_key(key)
    elif mode == "passphrase":
        secret = Secret("passphrase", passphrase=passphrase)
    else:
        secret = Secret("none")
    meta = StoreMeta(store_id=store_id, encryption=mode, created_at=utcnow().isoformat())
    # Build the database under a temporary name, then store.json, then rename: killed
    # before store.json, init simply runs again; killed after it, the next open finishes
    # the rename (recovery.finish_interrupted_init). Never a database without store.json.
    _build_new(layout, secret, store_id if mode == "keyring" else None)
    _write_meta(layout, meta)
    from mlcoach.store.recovery import finish_interrupted_init

    finish_interrupted_init(layout.db, interrupted=False)
    _ensure(layout, secret, utcnow(), None)  # the entry's name went in at the build
    store = _open(layout, secret)
    return Opened(store, layout, meta, secret, recovery)


MIN_PASSPHRASE = 8


def check_new_passphrase(passphrase: str | None) -> str:
    """A new passphrase, or UsageError when it is empty or too short to protect anything."""
    if not passphrase or not passphrase.strip():
        raise UsageError("the passphrase is empty")  # eight spaces protect nothing either
    if len(passphrase) < MIN_PASSPHRASE:
        raise UsageError("the passphrase must have at least {n} characters", n=MIN_PASSPHRASE)
    return passphrase_text(passphrase)


def passphrase_text(passphrase: str) -> str:
    """`passphrase`, when SQLCipher can be given it: text without a NUL (its key is a C
    string, cut at the NUL or refused); UsageError otherwise."""
    if "\x00" in passphrase:
        raise UsageError("the passphrase contains a NUL character")
    if not is_text(passphrase):
        raise UsageError("the passphrase has bytes that are not UTF-8 text")
    return passphrase


def _build_new(layout: Layout, secret: Secret, entry: str | None) -> None:
    """Create an empty, fully migrated store at the temporary name, closed and synced,
    with the name of its keyring `entry` (if any) recorded."""
    from mlcoach.store.db import connect_raw, ensure_schema
    from mlcoach.store.recovery import NEW_NAME
    from mlcoach.store.set_aside import SIDE_FILES

    new = layout.root / NEW_NAME
    try:
        for side in ("", *SIDE_FILES):  # what an interrupted init left behind
            Path(f"{new}{side}").unlink(missing_ok=True)
        ensure_schema(new, secret, layout.backups, utcnow(), entry)
        conn = connect_raw(new, secret)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")  # fold the -wal into the file
        finally:
            conn.close()
    except OSError as exc:
        raise MlcoachError("cannot create {path}: {reason}", path=layout.db,
                           reason=exc.strerror or exc) from exc
    make_private(new)


def resolve_secret(layout: Layout, meta: StoreMeta, keys: KeyStore,
                   passphrase_source: PassphraseSource | None) -> Secret:
    """Find the secret that opens this store, or explain how to get it."""
    if meta.encryption == "none":
        if _encrypted_after_all(layout, meta, keys):
            raise StoreLockedError(SAYS_PLAIN, path=layout.meta, database=layout.db.name,
                                   copy=meta_copy(layout))
        return Secret("none")
    if meta.encryption == "passphrase":
        if passphrase_source is None:
            raise StoreLockedError("this store is protected by a passphrase; none was given")
        passphrase = passphrase_source()
        if not passphrase:
            raise StoreLockedError("no passphrase was given")
        return Secret("passphrase", passphrase=passphrase)
    try:
        key = keys.get(meta.store_id)
    except KeyringUnavailableError as exc:
        raise StoreLockedError(
            "{reason}; unlock your keyring, or run `mlcoach recover` with your recovery key",
            reason=exc,
        ) from exc
    if key is None:
        raise StoreLockedError(
            "the store's encryption key is missing from the system keyring; "
            "run `mlcoach recover` and enter your recovery key (your data is untouched)"
        )
    return Secret("keyring", raw_key=key)


def _encrypted_after_all(layout: Layout, meta: StoreMeta, keys: KeyStore) -> bool:
    """Whether a store that store.json calls unencrypted shows it is not: its database
    is not plain SQLite and its copy of store.json, its keyring entry or a backup says
    it was encrypted. (A plain store whose header is damaged has none of these, and is
    repaired from its backups as before.)"""
    if not layout.db.exists() or layout.db.stat().st_size == 0 or plain_store(layout):
        return False
    try:
        if _load_meta(meta_copy(layout)).encryption != "none":
            return True
    except (OSError, MlcoachError):
        pass
    # Our backups (named as ours, a whole page or more): a stray file is no proof.
    from mlcoach.store.backups import backups

    for backup in backups(layout.backups):
        with contextlib.suppress(OSError):
            if backup.stat().st_size >= 4096 and _plain_header(backup) is False:
                return True
    try:  # last: a keyring may ask to be unlocked
        return keys.get(meta.store_id) is not None
    except (KeyringUnavailableError, MlcoachError):
        return False


def open_store(layout: Layout, *, keys: KeyStore,
               passphrase_source: PassphraseSource | None = None,
               auto_init: bool = True, now: datetime | None = None,
               on_recovered: Notify | None = None) -> Opened:
    """Open the store in `layout`, creating it with a keyring key on first use.

    Args:
        on_recovered: called with the note when a damaged file was set aside and a
            backup restored on the way (see recovery.py).
    """
    meta = read_meta(layout)
    if meta is None and layout.db.exists() and layout.db.stat().st_size > 0:
        meta = _meta_of_a_plain_store(layout)
        if meta is None:
            raise MlcoachError(LOST_META, path=layout.meta, database=layout.db.name)
    if meta is None:
        if not auto_init:
            raise NotInitializedError("no store in {folder} yet; run `mlcoach init`",
                                      folder=layout.root)
        try:
            return init_store(layout, "keyring", keys=keys)
        except AlreadySetUpError:  # a start beside this one set it up: open that store
            meta = read_meta(layout)
            if meta is None:
                raise
    secret = resolve_secret(layout, meta, keys, passphrase_source)
    note = _prepare(layout, meta, secret, now or utcnow(), on_recovered)
    return Opened(_open(layout, secret), layout, meta, secret, recovered=note)


class LightOpened:
    """An open store for the long-running app: the raw `LightStore` now, the ORM `Store`
    (`full()`) only when a window needs it, so the idle app never imports SQLAlchemy."""

    def __init__(self, light: LightStore, layout: Layout, meta: StoreMeta, secret: Secret,
                 recovery_key: str | None = None, recovered: RecoveryNote | None = None,
                 full: Store | None = None) -> None:
        self.store, self.layout, self.meta, self.secret = light, layout, meta, secret
        self.recovery_key, self.recovered = recovery_key, recovered
        self._full: Opened | None = None
        self._opening = threading.Lock()  # the GUI thread and a worker may both ask
        if full is not None:
            self._full = Opened(full, layout, meta, secret, recovery_key, recovered)

    @property
    def full_is_open(self) -> bool:
        return self._full is not None

    def full(self) -> Opened:
        """The ORM store, opened (and SQLAlchemy imported) on the first call."""
        with self._opening:
            if self._full is None:
                self._full = Opened(_open(self.layout, self.secret), self.layout,
                                    self.meta, self.secret, self.recovery_key,
                                    self.recovered)
            return self._full

    def close(self) -> None:
        if self._full is not None:
            self._full.store.close()


def open_light(layout: Layout, *, keys: KeyStore,
               passphrase_source: PassphraseSource | None = None,
               now: datetime | None = None,
               on_recovered: Notify | None = None) -> LightOpened:
    """`open_store` for the tray app: the same checks, recovery and migrations (Alembic is
    imported only when one is pending), then the raw store. A first run creates the store
    with the ORM as `open_store` does."""
    from mlcoach.store.light import LightStore

    meta = read_meta(layout)
    if meta is None:
        created = open_store(layout, keys=keys, passphrase_source=passphrase_source,
                             now=now, on_recovered=on_recovered)
        return LightOpened(LightStore(layout.db, created.secret), layout, created.meta,
                           created.secret, created.recovery_key, created.recovered,
                           full=created.store)
    secret = resolve_secret(layout, meta, keys, passphrase_source)
    note = _prepare(layout, meta, secret, now or utcnow(), on_recovered)
    keep_private(layout)
    return LightOpened(LightStore(layout.db, secret), layout, meta, secret, recovered=note)


def unlock_existing(layout: Layout, *, keys: KeyStore,
                    passphrase_source: PassphraseSource | None = None,
                    now: datetime | None = None,
                    on_recovered: Notify | None = None) -> Secret | None:
    """The secret of an existing store with its schema brought up to date, without
    importing the ORM (the fast path of `mlcoach capture`). None when there is no store."""
    meta = read_meta(layout)
    if meta is None:
        return None
    secret = resolve_secret(layout, meta, keys, passphrase_source)
    _prepare(layout, meta, secret, now or utcnow(), on_recovered)
    return secret


def _prepare(layout: Layout, meta: StoreMeta, secret: Secret, now: datetime,
             on_recovered: Notify | None) -> RecoveryNote | None:
    """Bring the schema up to date. A damaged or missing file is set aside and the newest
    good backup restored first; a wrong key or passphrase changes nothing. Then store.json
    and its copy are written again if either was lost."""
    # A store from before the keyring entry's name was recorded gets it at this open.
    entry = meta.store_id if meta.encryption == "keyring" else None
    mend_side_files(layout)  # before SQLite opens one
    try:
        note = _prepare_db(layout, secret, now, on_recovered, entry)
    except MlcoachError:
        raise
    except Exception as exc:  # said as the store says it: which file, and why
        from mlcoach.store.errors import is_read_only, read_only

        if is_read_only(exc):
            raise read_only(layout.db) from exc
        raise
    heal_meta(layout, meta)
    return note


def _prepare_db(layout: Layout, secret: Secret, now: datetime,
                on_recovered: Notify | None, entry: str | None) -> RecoveryNote | None:
    from mlcoach.store import recovery

    seen = recovery.identity(layout.db)
    reason = recovery.precheck(layout.db)
    if reason == "missing":
        # A start beside this one may be between writing store.json and renaming the
        # new database into place: wait for its set-up, then look again.
        with setup_lock(layout.root):
            recovery.finish_interrupted_init(layout.db)
        seen, reason = recovery.identity(layout.db), recovery.precheck(layout.db)
    if reason is None and secret.mode == "none" and not recovery.plain_header_ok(layout.db):
        reason = "damaged"  # e.g. a write version SQLite takes for "read-only"
    if reason is None:
        try:
            _ensure(layout, secret, now, entry)
            return None
        except StoreLockedError:
            # Page 1 does not decrypt: a wrong key or a damaged file. The key is right
            # when it opens a backup; without one, blame the key and touch nothing.
            if secret.mode != "none" and not recovery.key_opens_a_backup(layout.backups,
                                                                        secret):
                raise
            reason = "damaged"
        except MlcoachError:
            raise
        except Exception as exc:
            if not recovery.is_corruption(exc):
                raise
            reason = "damaged"
    note = recovery.repair(layout.root, secret, reason, now, seen)
    _ensure(layout, secret, now, entry)
    if note is not None and on_recovered is not None:
        on_recovered(note)
    return note


def _ensure(layout: Layout, secret: Secret, now: datetime, entry: str | None) -> None:
    from mlcoach.store.db import ensure_schema

    try:
        ensure_schema(layout.db, secret, layout.backups, now, entry)
    except OSError as exc:
        raise MlcoachError("cannot open {path}: {reason}", path=layout.db,
                           reason=exc.strerror or exc) from exc


def _open(layout: Layout, secret: Secret) -> Store:
    from mlcoach.store.core import Store
    from mlcoach.store.db import make_engine

    keep_private(layout)
    return Store(make_engine(layout.db, secret), layout.db, secret)


def recover(layout: Layout, recovery_text: str, keys: KeyStore) -> None:
    """Check a recovery key against the store and put it back into the keyring."""
    from mlcoach.store.db import (
        connect_raw,
        keyring_entry,
        record_keyring_entry,
        schema_version,
    )

    try:
        meta = read_meta(layout)
    except MlcoachError:
        meta = None  # store.json and its copy damaged: the key decides, as when lost
    if not layout.db.exists():
        raise MlcoachError("no store in {folder}", folder=layout.root)
    if meta is not None and meta.encryption != "keyring":
        raise UsageError("this store does not use a keyring key; there is nothing to recover")
    key = decode_recovery_key(recovery_text)
    secret = Secret("keyring", raw_key=key)
    try:
        conn = connect_raw(layout.db, secret)
        try:
            recorded = keyring_entry(conn) if schema_version(conn) is not None else None
        finally:
            conn.close()
    except Exception as exc:
        if isinstance(exc, StoreLockedError) or "not a database" in str(exc):
            raise StoreLockedError(
                "that recovery key does not open this store (nothing was changed)"
            ) from exc
        raise
    if not keys.available():
        raise MlcoachError(
            "the recovery key is right, but no secure keyring is available to keep it; "
            "unlock or install a keyring and try again"
        )
    if meta is None:  # lost with its copy: the key that opens the store says what it was
        # Under the entry the store recorded, so the old one is replaced, not left behind
        # holding the key; a store that never recorded it takes an entry holding its key,
        # else a new one. Others holding it were left by an older version's recover:
        # they go (the recovery key just given opens whatever else they opened).
        holding = keys.entries_holding(key) if isinstance(keys, ListsEntries) else []
        meta = StoreMeta(store_id=recorded or (holding[0] if holding else new_id()),
                         encryption="keyring", created_at=utcnow().isoformat())
        keys.set(meta.store_id, key)
        for spare in holding:
            if spare != meta.store_id:
                keys.delete(spare)
                logger.info("a keyring entry holding the same key was removed")
        _write_meta(layout, meta)
        if recorded is None:  # or, where the keyring cannot list, a later recover
            record_keyring_entry(layout.db, secret, meta.store_id)  # makes yet another
        logger.warning("store.json was lost; set up again from the recovery key")
    else:
        keys.set(meta.store_id, key)
        heal_meta(layout, meta)
    logger.info("encryption key restored to the keyring")


def recovery_key(layout: Layout, keys: KeyStore) -> str:
    """The recovery key of a keyring-protected store."""
    meta = read_meta(layout)
    if meta is None:
        raise NotInitializedError("no store in {folder} yet", folder=layout.root)
    if meta.encryption != "keyring":
        if meta.encryption == "passphrase":
            raise UsageError("this store is not protected by a keyring key, so it has no "
                             "recovery key (its passphrase opens it)")
        raise UsageError("this store is not protected by a keyring key, so it has no "
                         "recovery key")
    secret = resolve_secret(layout, meta, keys, None)
    assert secret.raw_key is not None
    return encode_recovery_key(secret.raw_key)
