"""The rotating backups, verified: one a day through SQLite's online backup API, the newest
7 days and 4 weeks kept, encrypted exactly like the store, consistent while the store is
being written, and the app taking them (and telling of a restore once)."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from mlcoach.domain.errors import StoreLockedError
from mlcoach.security.keys import OSKeyring, Secret, new_raw_key
from mlcoach.store import recovery
from mlcoach.store.backups import KEEP_DAILY, KEEP_WEEKLY, backups, daily_backup
from mlcoach.store.db import backup_file, connect_raw
from mlcoach.store.vault import Opened, init_store

START = datetime(2026, 9, 1, 8, 30, tzinfo=timezone.utc)


def _days(folder: Path) -> list[date]:
    return [datetime.strptime(p.name[8:16], "%Y%m%d").date() for p in backups(folder)]


def test_sixty_days_keep_the_newest_seven_days_and_four_weeks(opened, layout):
    taken = []
    for i in range(60):
        if i % 9 == 4:
            continue  # a day the app was not started: no backup that day
        now = START + timedelta(days=i)
        opened.store.add_moment(f"day {i}")
        assert recovery.daily_check(layout.root, opened.secret, now) is None
        # A second start the same day takes no second backup.
        assert daily_backup(layout.db, opened.secret, layout.backups, now) is None
        taken.append(now.date())
    kept = _days(layout.backups)
    newest = sorted(set(taken), reverse=True)
    weekly: dict[tuple[int, int], date] = {}
    for day in newest:  # the newest backup of each ISO week
        weekly.setdefault(day.isocalendar()[:2], day)
    expected = set(newest[:KEEP_DAILY]) | set(sorted(weekly.values(), reverse=True)[:KEEP_WEEKLY])
    assert set(kept) == expected
    assert len(kept) == len(expected) <= KEEP_DAILY + KEEP_WEEKLY
    assert min(kept) >= taken[-1] - timedelta(weeks=KEEP_WEEKLY)
    # The newest backup holds everything up to its day.
    conn = connect_raw(backups(layout.backups)[-1], opened.secret, read_only=True)
    assert conn.execute("SELECT count(*) FROM moments").fetchone()[0] == len(taken)
    conn.close()


def test_backups_are_encrypted_like_the_store(opened, layout, memory_keyring):
    opened.store.add_moment("secret")
    made = daily_backup(layout.db, opened.secret, layout.backups, START)
    assert made is not None
    raw = made.read_bytes()
    assert b"SQLite format 3" not in raw[:16] and b"secret" not in raw
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(made).execute("SELECT * FROM sqlite_master").fetchall()
    with pytest.raises(StoreLockedError):
        connect_raw(made, Secret("keyring", raw_key=new_raw_key())).execute(
            "SELECT count(*) FROM sqlite_master").fetchone()
    assert recovery.opens(made, opened.secret, thorough=True)


def test_a_passphrase_store_has_passphrase_backups_and_a_plain_store_plain_ones(tmp_path,
                                                                               memory_keyring):
    from mlcoach.store.vault import Layout

    phrase = init_store(Layout(tmp_path / "p"), "passphrase", keys=OSKeyring(),
                        passphrase="long enough passphrase")
    plain = init_store(Layout(tmp_path / "n"), "none", keys=OSKeyring())
    for made in (phrase, plain):
        made.store.add_moment("x")
        daily_backup(made.layout.db, made.secret, made.layout.backups, START)
        made.store.close()
    (p_backup,) = backups(phrase.layout.backups)
    (n_backup,) = backups(plain.layout.backups)
    assert recovery.opens(p_backup, phrase.secret, thorough=True)
    assert not recovery.opens(p_backup, Secret("passphrase", passphrase="wrong"))
    assert n_backup.read_bytes()[:16] == b"SQLite format 3\x00"  # chosen unencrypted


def test_the_online_backup_is_consistent_while_the_store_is_written(opened, layout):
    """Writers keep committing while backups are taken: each copy is whole and sound."""
    stop = threading.Event()
    written: list[int] = []

    def writer() -> None:
        conn = connect_raw(layout.db, opened.secret)
        i = 0
        while not stop.is_set():
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO moments (id, text, kind, created_at, updated_at, planned)"
                         " VALUES (?, ?, 'other', '2026-01-01 00:00:00.000000', "
                         "'2026-01-01 00:00:00.000000', 0)", (f"w{i}", "x" * 500))
            conn.execute("COMMIT")
            written.append(i)
            i += 1
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        copies = []
        for n in range(5):
            copies.append(backup_file(layout.db, opened.secret, layout.backups,
                                      START + timedelta(minutes=n), label=f"online{n}"))
    finally:
        stop.set()
        thread.join()
    counts = []
    for copy in copies:
        conn = connect_raw(copy, opened.secret, read_only=True)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        counts.append(conn.execute("SELECT count(*) FROM moments").fetchone()[0])
        conn.close()
    assert counts == sorted(counts) and counts[-1] <= len(written)
    assert written, "the writer never ran"


def test_a_backup_killed_half_way_leaves_nothing_that_counts(opened, layout):
    layout.backups.mkdir(parents=True, exist_ok=True)
    leftover = layout.backups / "mlcoach-20260830T101500-daily.tmp"  # killed days ago
    leftover.write_bytes(b"half a copy")
    (layout.backups / "mlcoach-20260830T101500-daily.tmp-wal").write_bytes(b"")
    made = daily_backup(layout.db, opened.secret, layout.backups, START)
    assert made is not None
    assert sorted(p for p in layout.backups.iterdir()
                  if p.name not in (".daily.lock", "mlcoach-store.json")) == [made]


# -- the app ---------------------------------------------------------------------------------

@pytest.fixture
def controller(qtbot, opened, monkeypatch):  # type: ignore[no-untyped-def]
    """The app's controller on the offscreen platform (no tray: the fallback window)."""
    from PySide6.QtWidgets import QApplication

    from mlcoach.ui.app import AppController
    from mlcoach.ui.instance_server import InstanceServer

    # The backup job waits 5 s after start-up; run it at once here.
    monkeypatch.setattr("mlcoach.ui.app.BACKUP_DELAY_MS", 0)
    opened.store.set_state("welcome_done", True)
    made: list[AppController] = []

    def make(store: Opened) -> AppController:
        ctl = AppController(QApplication.instance(), opened.layout.root,
                            InstanceServer(opened.layout.root), busy=lambda: False)
        made.append(ctl)
        ctl.start("show", tray_wait_ms=0, opened=store)  # no second load of its own
        return ctl

    yield make
    from mlcoach.ui import ops

    ops.pool().waitForDone(10_000)
    for ctl in made:
        ctl.stop()
        for widget in ctl.windows.values():
            widget.hide()
        if ctl.notice_box is not None:
            ctl.notice_box.close()
        if ctl.main_window is not None:
            ctl.main_window.close()


@pytest.mark.gui
def test_the_app_takes_todays_backup_after_start(controller, opened, layout, qtbot):
    controller(opened)
    qtbot.waitUntil(lambda: bool(backups(layout.backups)), timeout=10_000)
    assert backups(layout.backups)[0].name.endswith("-daily.db")


@pytest.mark.gui
def test_the_app_says_once_that_a_backup_was_restored(controller, opened, layout, qtbot):
    opened.store.add_moment("in the backup")
    daily_backup(layout.db, opened.secret, layout.backups, START)
    opened.store.close()
    layout.db.write_bytes(b"")
    from mlcoach.store.vault import open_store

    again = open_store(layout, keys=OSKeyring())  # what the app's start does
    assert again.recovered is not None
    ctl = controller(again)
    box = ctl.notice_box
    assert box.isVisible() and not box.isModal()
    assert "set aside as mlcoach.db.damaged-" in box.text() and "may be missing" in box.text()
    box.close()
    second = controller(again)
    assert second.notice_box is None  # once, not at every start
    again.store.close()


@pytest.mark.gui
def test_the_app_finds_deep_damage_restores_and_says_so(controller, opened, layout, qtbot):
    opened.store.add_moment("in the backup")
    daily_backup(layout.db, opened.secret, layout.backups, START - timedelta(days=1))
    for i in range(300):
        opened.store.add_moment(f"filler {i} " + "y" * 300)
    size = layout.db.stat().st_size
    with open(layout.db, "r+b") as fh:  # a flipped page deep inside: opens fine
        fh.seek((size // 4096 - 2) * 4096 + 900)
        fh.write(bytes(64))
    ctl = controller(opened)
    qtbot.waitUntil(lambda: ctl.notice_box is not None, timeout=15_000)
    assert "backup from" in ctl.notice_box.text()
    # the backup, and what was written after it as far as the damaged file still reads
    texts = [m.text for m in opened.store.moments()]
    assert "in the backup" in texts and len(texts) > 250
    assert all(t == "in the backup" or t.startswith("filler ") for t in texts)
