"""Rotating backups: one a day, keeping the last 7 daily and 4 weekly copies.

Copies go through SQLite's online backup API (db.backup_file), encrypted with the
store's own key, into the data folder's `backups/`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

from mlcoach.security.keys import Secret
from mlcoach.store.db import backup_file

logger = logging.getLogger(__name__)

LOCK_NAME = ".daily.lock"
META_COPY = "mlcoach-store.json"  # vault's copy of the data folder's store.json
KEEP_DAILY = 7
KEEP_WEEKLY = 4
_KEPT_FOR = timedelta(weeks=KEEP_WEEKLY + 1)  # as long as the oldest weekly copy is kept
_META_COPY_PART = re.compile(re.escape(f".{META_COPY}.") + r"[a-z0-9_]{8}"
                             + re.escape(".mlcoach-part"))
_NAME = re.compile(r"^mlcoach-(\d{8})T(\d{6})-(\w[\w-]*)\.db$")


def written_here(name: str) -> bool:
    """Whether `name`, in the backups folder, is a file mlcoach writes: a copy, a copy cut
    short (".tmp" and its -wal/-shm, -journal), or the daily lock."""
    if name in (LOCK_NAME, META_COPY) or _META_COPY_PART.fullmatch(name):
        return True  # the daily lock, store.json's copy (or one cut short while written)
    base = name
    for side in ("-wal", "-shm", "-journal"):
        base = base.removesuffix(side)
    return bool(_NAME.match(base) or _NAME.match(base.removesuffix(".tmp") + ".db"))


def _stamp(path: Path) -> datetime | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    day, time = match.group(1), match.group(2)
    # Not datetime.strptime: its first call imports _strptime and calendar, which the
    # idle app would then hold all day for this one daily look at the backups.
    try:
        return datetime(int(day[:4]), int(day[4:6]), int(day[6:]),
                        int(time[:2]), int(time[2:4]), int(time[4:]))
    except ValueError:  # "mlcoach-20261399T999999-daily.db": not one of ours
        return None


def backups(folder: Path, today: date | None = None) -> list[Path]:
    """Backup files, oldest first. Given `today` (UTC), backups dated after tomorrow, which
    a clock set wrong into the future wrote, count as the oldest: they are not newer than
    the backups taken since the clock was set right."""
    if not folder.is_dir():
        return []
    # Regular files only: a FIFO under a backup's name blocked the first look into it.
    found = [(s, p) for p in folder.glob("mlcoach-*.db")
             if (s := _stamp(p)) is not None and p.is_file()]
    if today is None:
        return [p for _, p in sorted(found)]
    tomorrow = today + timedelta(days=1)
    return [p for _, _, p in sorted((s.date() <= tomorrow, s, p) for s, p in found)]


def backed_up_today(folder: Path, now: datetime) -> bool:
    """Whether today's daily backup exists (one directory listing, no database opened)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return False
    prefix = f"mlcoach-{now.strftime('%Y%m%d')}T"
    return any(n.startswith(prefix) and n.endswith("-daily.db") and _NAME.match(n)
               and os.path.isfile(folder / n) for n in names)  # a FIFO is no backup


def daily_backup(db: Path, secret: Secret, folder: Path, now: datetime) -> Path | None:
    """Write today's backup unless one exists (or another process is writing it), then
    rotate. Returns the new file."""
    if backed_up_today(folder, now):
        return None
    with _only_one(folder) as mine:
        if not mine or backed_up_today(folder, now):
            return None
        return _daily_backup(db, secret, folder, now)


@contextlib.contextmanager
def _only_one(folder: Path) -> Iterator[bool]:
    """Whether this process may take the backup: the app and command-line writes may
    all find it missing at once; one takes it, the others skip (never wait)."""
    try:
        import fcntl
    except ImportError:
        yield True
        return
    from mlcoach.system.paths import ensure_private_dir

    ensure_private_dir(folder)
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)


def _daily_backup(db: Path, secret: Secret, folder: Path, now: datetime) -> Path | None:
    today = now.date()
    for stale in folder.glob("mlcoach-*.tmp*"):  # a copy cut short by a kill or a full disk
        stale.unlink(missing_ok=True)
    made = backup_file(db, secret, folder, now, label="daily")
    for gone in rotate(folder, today):
        logger.info("old backup removed: %s", gone.name)
    return made


def rotate(folder: Path, today: date) -> list[Path]:
    """Delete daily backups beyond the newest 7 days and 4 weeks, and the copies taken
    before an upgrade once as old as the oldest weekly one could be (they were kept for
    good, and with them every note deleted since); returns what went."""
    removed = []
    for p in backups(folder, today):
        stamp = _stamp(p)
        assert stamp is not None
        if not p.name.endswith("-daily.db") and today - stamp.date() > _KEPT_FOR:
            p.unlink(missing_ok=True)
            removed.append(p)
    files = [p for p in backups(folder, today) if p.name.endswith("-daily.db")]
    keep: set[Path] = set()
    by_day: dict[date, Path] = {}
    for p in files:
        stamp = _stamp(p)
        assert stamp is not None
        by_day[stamp.date()] = p  # newest of each day wins (sorted oldest first)
    days = list(reversed(by_day))  # newest first, a wrong clock's future days last
    keep.update(by_day[d] for d in days[:KEEP_DAILY])
    weeks: dict[tuple[int, int], Path] = {}
    for d in days:  # newest first: the first one seen is the week's newest
        key = d.isocalendar()[:2]
        if key not in weeks and timedelta(0) <= today - d < _KEPT_FOR:
            weeks[key] = by_day[d]
    keep.update(sorted(weeks.values(), key=lambda p: p.name, reverse=True)[:KEEP_WEEKLY])
    for p in files:
        if p not in keep:
            p.unlink(missing_ok=True)
            removed.append(p)
    return removed
