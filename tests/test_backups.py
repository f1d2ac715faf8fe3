"""Rotating backups: daily copies, 7 daily + 4 weekly kept, encrypted like the store."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta

import pytest

from mlcoach.store.backups import backups, daily_backup, rotate
from mlcoach.store.db import connect_raw


def test_one_backup_a_day_and_it_opens_with_the_store_key(opened, layout):
    opened.store.add_moment("kept safe")
    now = datetime(2026, 11, 23, 9, 0)
    first = daily_backup(layout.db, opened.secret, layout.backups, now)
    assert first is not None
    assert daily_backup(layout.db, opened.secret, layout.backups, now + timedelta(hours=3)) is None
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(first).execute("SELECT * FROM sqlite_master").fetchall()
    conn = connect_raw(first, opened.secret)
    assert conn.execute("SELECT text FROM moments").fetchall() == [("kept safe",)]
    conn.close()


def test_rotation_keeps_seven_daily_and_four_weekly(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    start = datetime(2026, 9, 1, 8, 0)
    for i in range(60):
        stamp = (start + timedelta(days=i)).strftime("%Y%m%dT%H%M%S")
        (folder / f"mlcoach-{stamp}-daily.db").write_bytes(b"x")
    today = (start + timedelta(days=59)).date()
    rotate(folder, today)
    kept = [datetime.strptime(p.name[8:23], "%Y%m%dT%H%M%S").date() for p in backups(folder)]
    newest = sorted(kept, reverse=True)
    assert newest[:7] == [today - timedelta(days=i) for i in range(7)]
    assert 7 <= len(kept) <= 7 + 4
    assert min(kept) >= today - timedelta(weeks=5)
    weeks = {d.isocalendar()[:2] for d in kept}
    assert len(weeks) >= 4


def test_a_backup_dated_by_a_clock_set_far_ahead_is_not_the_newest(opened, layout):
    """The clock read 2031 once: its backup was then restored over nine days of captures
    taken since (PRODUCT §6: nothing is lost on a clock jump), and it took a daily slot."""
    from mlcoach.store.recovery import newest_good_backup

    opened.store.add_moment("A")
    wrong = daily_backup(layout.db, opened.secret, layout.backups, datetime(2031, 5, 1, 9))
    assert wrong is not None
    real = datetime(2026, 12, 1, 9)
    for day in range(3):
        opened.store.add_moment(f"C day {day}")
        daily_backup(layout.db, opened.secret, layout.backups, real + timedelta(days=day))
    today = (real + timedelta(days=2)).date()
    assert backups(layout.backups, today)[0] == wrong  # the oldest, in this reading
    best = newest_good_backup(layout.backups, opened.secret, real + timedelta(days=2))
    assert best is not None and best.name.startswith("mlcoach-20261203")
    for day in range(3, 9):
        daily_backup(layout.db, opened.secret, layout.backups, real + timedelta(days=day))
    assert wrong not in backups(layout.backups)  # seven real days: it takes no slot
    assert len(backups(layout.backups)) == 7


def test_a_backup_name_that_is_not_a_date_is_ignored(opened, layout):
    """"mlcoach-20261399T999999-daily.db" (a month 13) stopped every recovery and doctor
    with "unexpected error (ValueError: month must be in 1..12)"."""
    opened.store.add_moment("kept")
    taken = daily_backup(layout.db, opened.secret, layout.backups,
                         datetime(2026, 12, 1, 9))
    assert taken is not None
    stray = layout.backups / "mlcoach-20261399T999999-daily.db"
    stray.write_bytes(b"not ours")
    assert backups(layout.backups) == [taken]
    rotate(layout.backups, datetime(2026, 12, 2, 9).date())
    assert stray.exists()  # not ours to remove either


def test_a_fifo_named_as_todays_backup_does_not_stand_in_for_it(opened, layout):
    """A FIFO (or a folder) named as today's backup: the day's backup was skipped as
    taken, and `doctor` counted the FIFO as the newest backup."""
    opened.store.add_moment("kept")
    now = datetime(2026, 12, 1, 9)
    layout.backups.mkdir(parents=True, exist_ok=True)
    os.mkfifo(layout.backups / f"mlcoach-{now.strftime('%Y%m%d')}T080000-daily.db")
    (layout.backups / f"mlcoach-{now.strftime('%Y%m%d')}T070000-daily.db").mkdir()
    taken = daily_backup(layout.db, opened.secret, layout.backups, now)
    assert taken is not None and backups(layout.backups) == [taken]
