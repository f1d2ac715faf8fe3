"""A damaged or missing database file: notice it, set it aside, restore the newest good backup.

The bad file (and its -wal/-shm) is renamed with a timestamp and kept in the data
folder, for five weeks or longer (set_aside.py); a note in `recovery.json` records what
happened so the app can say it once and `mlcoach doctor` can report it later.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from mlcoach.domain.errors import MlcoachError
from mlcoach.security.keys import Secret
from mlcoach.store import set_aside
from mlcoach.store.carry_over import carry_over
from mlcoach.store.file_checks import (
    INSPECT_LOCK_WAIT_MS,
    Identity,
    Reason,
    deep_check,
    identity,
    inspect,
    is_corruption,
    key_opens_a_backup,
    might_be_damage,
    opens,
    plain_header_ok,
    precheck,
    saved_settings,
    verify,
)
from mlcoach.store.file_guard import guard_for
from mlcoach.store.recovery_note import (
    NOTE_NAME,
    RecoveryNote,
    read_note,
    take_app_notice,
    write_note,
)
from mlcoach.store.set_aside import SIDE_FILES
from mlcoach.system.paths import BACKUP_DIR, DB_NAME, fsync_dir, make_private

# Re-exported: callers know these as recovery's (the checks, the note, carrying over).
__all__ = [
    "INSPECT_LOCK_WAIT_MS", "LOCK_NAME", "NEW_NAME", "NOTE_NAME", "RESTORE_NAME", "Identity",
    "Reason", "RecoveryNote", "carry_over", "daily_check", "deep_check", "drop_stale_restore",
    "finish_interrupted_init", "identity", "inspect", "is_corruption", "key_opens_a_backup",
    "might_be_damage", "newest_good_backup", "one_change_at_a_time", "opens",
    "plain_header_ok", "precheck", "read_note", "repair", "saved_settings",
    "take_app_notice", "verify", "write_note",
]

logger = logging.getLogger(__name__)

LOCK_NAME = ".recovery.lock"
# A store being created or restored is built under these names and renamed into place.
NEW_NAME = f".{DB_NAME}.new"
RESTORE_NAME = f".{DB_NAME}.restore"


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
