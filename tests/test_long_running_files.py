"""Files of an app that runs for months: the store's WAL stays small while a window keeps
its connection open (the History window is built once and kept)."""

from __future__ import annotations

from pathlib import Path

from mlcoach.store.db import WAL_SIZE_LIMIT as WAL_LIMIT


def _wal(db: Path) -> int:
    wal = db.with_name(db.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


def test_the_wal_shrinks_after_a_large_write_while_a_connection_stays_open(opened) -> None:
    """SQLite deletes the -wal only when the last connection closes, and otherwise keeps
    it at the largest size it ever reached: an import of a few thousand moments while the
    History window kept its connection left a WAL of that size for the app's life."""
    from mlcoach.store.light import LightStore

    db = opened.layout.db
    light = LightStore(db, opened.secret)
    kept = light.keep_connection()
    with kept.use() as conn:  # the History window's, open for the app's life
        conn.execute("SELECT count(*) FROM moments").fetchone()
    # a large write (an import): well past SQLite's 1000-page checkpoint
    light.set_state("big", "x" * (12 * 1024 * 1024))
    light.set_state("big", None)
    for n in range(40):  # the days after: small writes, each one a checkpoint's chance
        light.set_state("day", n)
        with kept.use() as conn:
            conn.execute("SELECT count(*) FROM moments").fetchone()
    assert _wal(db) <= WAL_LIMIT
    kept.release()


def test_a_calendar_file_rewritten_all_day_is_kept_once(tmp_path: Path) -> None:
    """A calendar exported again every few minutes (a sync job, a downloaded feed): each
    version's bytes (up to 32 MB) and parses stayed in the worker's caches, 16 and 32 of
    them, none of which would ever be asked for again."""
    from datetime import UTC, datetime, timedelta

    from mlcoach.coaching import calendar_ics
    from tests.test_calendar_ics import ics, write

    calendar_ics._read_cached.cache_clear()
    calendar_ics._parse_cached.cache_clear()
    path = tmp_path / "work.ics"
    start = datetime(2024, 6, 3, 6, 0, tzinfo=UTC)
    for n in range(40):  # each export says a little more
        write(path, ics(f"UID:m{n}\r\nSUMMARY:Sync {'x' * n}\r\n"
                        "DTSTART:20240603T080000Z\r\nDTEND:20240603T083000Z"))
        found = calendar_ics.meetings(path, start, start + timedelta(days=1))
        assert [m.uid for m in found] == [f"m{n}"]
    assert calendar_ics._read_cached.cache_info().currsize == 1
    assert calendar_ics._parse_cached.cache_info().currsize == 1


def test_the_daily_check_removes_what_killed_writes_left(opened) -> None:
    """A draft or store.json write killed mid-way (a logout's SIGKILL, a crash) left its
    part file in the data folder, one more each time, for years."""
    import os
    import time
    from datetime import UTC, datetime

    from mlcoach.store.recovery import daily_check
    from mlcoach.system.paths import PART_SUFFIX

    root = opened.layout.root
    killed = [root / f".capture-draft.txt.k2x9ab{n:02d}{PART_SUFFIX}" for n in range(5)]
    for part in killed:
        part.write_text("half a draft")
        old = time.time() - 7200
        os.utime(part, (old, old))
    live = root / f".store.json.a1b2c3d4{PART_SUFFIX}"  # being written now: left alone
    live.write_text("{")
    mine = root / "notes.mlcoach-part.txt"  # not a name of ours
    mine.write_text("the user's")
    daily_check(root, opened.secret, datetime(2026, 12, 4, 9, 0, tzinfo=UTC))
    assert not [p for p in killed if p.exists()]
    assert live.exists() and mine.exists()
