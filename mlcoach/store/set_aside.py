"""The damaged store files kept aside by a restore: their names, and their rotation.

Each holds the user's notes about colleagues as they were when it was set aside, and
what the user deletes afterwards stays readable in it (with the key). So, like the
backups, they do not stay for good: one goes once five weeks old, unless it is the newest
(the one the last recovery named, which the user may still need). Only one known to have
been replaced by a restored backup goes: any other may be the only copy of its history
(set aside with no backup, by an older version, or its record lost), so it stays.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

logger = logging.getLogger(__name__)

DAMAGED_MARK = ".damaged-"
SIDE_FILES = ("-wal", "-shm", "-journal")
KEPT_FOR = timedelta(weeks=5)  # as long as the oldest weekly backup
_STAMP = re.compile(r"^(\d{8})T(\d{6})Z(?:-\d+)?$")


def aside_name(db: Path, now: datetime) -> Path:
    """A name not yet taken for `db` set aside at `now`."""
    stamp = now.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = db.with_name(f"{db.name}{DAMAGED_MARK}{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = db.with_name(f"{db.name}{DAMAGED_MARK}{stamp}-{n}")
    return target


def _base(name: str) -> str:
    for side in SIDE_FILES:
        name = name.removesuffix(side)
    return name


def _stamp(db: Path, base: str) -> datetime | None:
    match = _STAMP.match(base.removeprefix(f"{db.name}{DAMAGED_MARK}"))
    if match is None:
        return None
    day, time = match.group(1), match.group(2)
    try:
        return datetime(int(day[:4]), int(day[4:6]), int(day[6:]), int(time[:2]),
                        int(time[2:4]), int(time[4:]))
    except ValueError:
        return None


def kept_aside(db: Path) -> dict[str, list[Path]]:
    """Every file set aside, by the name of the file it came with (its -wal beside it);
    a vanished store's -wal set aside alone is named as its file would be."""
    found: dict[str, list[Path]] = {}
    for path in db.parent.glob(f"{db.name}{DAMAGED_MARK}*"):
        found.setdefault(_base(path.name), []).append(path)
    return found


def rotate(db: Path, today: date, replaced: frozenset[str]) -> list[Path]:
    """Remove the files set aside more than five weeks before `today` (UTC) that are
    named in `replaced` (a restored backup took their place), except the newest; what went.
    One dated after tomorrow (a clock set wrong) counts as the oldest, and is not old."""
    groups = kept_aside(db)
    dated = [(stamp, base) for base in groups
             if (stamp := _stamp(db, base)) is not None]
    if not dated:
        return []
    tomorrow = today + timedelta(days=1)
    newest = max(dated, key=lambda d: (d[0].date() <= tomorrow, d[0]))[1]
    removed: list[Path] = []
    for stamp, base in dated:
        if base == newest or base not in replaced or today - stamp.date() <= KEPT_FOR:
            continue
        for path in groups[base]:
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            except OSError as exc:  # a read-only folder: tried again the next day
                logger.warning("could not remove %s: %s", path.name, exc.strerror or exc)
                continue
            removed.append(path)
    for path in removed:
        logger.info("damaged file set aside five weeks ago removed: %s", path.name)
    return removed
