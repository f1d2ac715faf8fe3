"""A restore swaps the store file while the app keeps using it (real SQLCipher files).

The app checks the store on its worker thread while the GUI thread reads the schedule; a
restore must never swap the file under an open connection, and no reader may see (or
create) an empty store at the store's path in between.
"""

from __future__ import annotations

import os
import threading
import time
from datetime import datetime, timedelta, timezone

import pytest

from mlcoach.store import recovery
from mlcoach.store.backups import daily_backup
from mlcoach.store.file_guard import FileGuard, guard_for

START = datetime(2026, 9, 1, 8, 30, tzinfo=timezone.utc)


def _damage_deep_page(db) -> None:  # type: ignore[no-untyped-def]
    size = db.stat().st_size
    with open(db, "r+b") as fh:  # opens fine; one page deep inside fails its HMAC
        fh.seek((size // 4096 - 2) * 4096 + 900)
        fh.write(bytes(64))


def _restored(texts: list[str], *, page: bool = False) -> bool:
    """The backup's moment and, carried over from the damaged file, the fillers written
    after it that still read (recovery.carry_over); `page`: one page of them, newest
    first."""
    whole = "in the backup" in texts and len(texts) > 250
    return (bool(texts) if page else whole) and all(
        t == "in the backup" or t.startswith("filler ") for t in texts)


@pytest.fixture
def damaged(opened, layout):  # type: ignore[no-untyped-def]
    opened.store.add_moment("in the backup")
    daily_backup(layout.db, opened.secret, layout.backups, START - timedelta(days=1))
    for i in range(300):
        opened.store.add_moment(f"filler {i} " + "y" * 300)
    _damage_deep_page(layout.db)
    return opened


def test_every_connection_gives_its_share_back(opened, layout):
    from sqlalchemy import text

    guard = guard_for(layout.db)
    opened.store.add_moment("one")
    opened.store.moments()
    with opened.store.session() as s:
        s.execute(text("SELECT 1"))
        assert guard.shares == 1
    assert guard.shares == 0


def test_a_failed_open_gives_its_share_back(opened, layout):
    from mlcoach.security.keys import Secret, new_raw_key
    from mlcoach.store.core import Store
    from mlcoach.store.db import make_engine

    wrong = Store(make_engine(layout.db, Secret("keyring", raw_key=new_raw_key())))
    from mlcoach.domain.errors import StoreUnavailableError

    with pytest.raises(StoreUnavailableError, match="not a database"):
        wrong.moments()
    assert guard_for(layout.db).shares == 0


def test_a_restore_waits_for_an_open_read_and_holds_new_ones_back(damaged, layout):
    from sqlalchemy import text

    order: list[str] = []
    reading = damaged.store.session()
    reading.execute(text("SELECT count(*) FROM people"))  # a connection is open now
    restorer = threading.Thread(target=lambda: order.append(
        "restored" if recovery.daily_check(layout.root, damaged.secret, START) else "none"))
    restorer.start()
    time.sleep(0.5)  # the check itself takes a moment; the swap must still be waiting
    order.append("read done")
    reading.close()
    restorer.join(20)
    assert order == ["read done", "restored"]
    # A read that starts during or after the swap sees the backup, never an empty store.
    assert _restored([m.text for m in damaged.store.moments()])
    assert guard_for(layout.db).shares == 0


def test_reads_racing_a_restore_never_see_an_empty_store(damaged, layout):
    from sqlalchemy.exc import SQLAlchemyError

    seen: list[str] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                damaged.store.settings()
                seen.append("ok")
            except SQLAlchemyError as exc:
                seen.append(str(exc.orig) if hasattr(exc, "orig") else str(exc))

    readers = [threading.Thread(target=read) for _ in range(2)]
    for t in readers:
        t.start()
    try:
        note = recovery.daily_check(layout.root, damaged.secret, START)
    finally:
        stop.set()
        for t in readers:
            t.join()
    assert note is not None and note.restored_from
    assert not [s for s in seen if "no such table" in s], seen[:3]
    assert _restored([m.text for m in damaged.store.moments()])
    # The damaged file is kept, with its side files, under one aside name.
    assert any(name.startswith("mlcoach.db.damaged-") for name in note.set_aside)
    for name in note.set_aside:
        assert (layout.root / name).exists()


def test_the_store_path_is_never_missing_during_a_swap(damaged, layout, monkeypatch):
    real = os.replace
    missing: list[str] = []

    def watch(src, dst):  # type: ignore[no-untyped-def]
        if not layout.db.exists():
            missing.append(f"{src} -> {dst}")
        real(src, dst)

    monkeypatch.setattr(recovery.os, "replace", watch)
    assert recovery.daily_check(layout.root, damaged.secret, START) is not None
    assert missing == []


def test_a_share_never_given_back_delays_a_restore_only_briefly():
    guard = FileGuard()
    threading.Thread(target=guard.acquire_share).start()  # a leaked share
    time.sleep(0.1)
    began = time.monotonic()
    with guard.exclusive(timeout=0.3):
        pass
    assert 0.25 < time.monotonic() - began < 5


def test_a_thread_holding_a_share_may_open_another_during_a_swap():
    guard = FileGuard()
    guard.acquire_share()
    waiting = threading.Thread(target=lambda: guard.exclusive(timeout=5).__enter__())
    waiting.start()
    time.sleep(0.1)
    guard.acquire_share()  # nested: would deadlock if it waited for the swap
    guard.release_share()
    guard.release_share()
    waiting.join(5)
    assert not waiting.is_alive()


def test_the_light_store_holds_a_share_only_while_a_call_runs(opened, layout):
    from mlcoach.domain.errors import MlcoachError
    from mlcoach.security.keys import Secret, new_raw_key
    from mlcoach.store.light import LightStore

    guard = guard_for(layout.db)
    light = LightStore(layout.db, opened.secret)
    seen: list[int] = []
    with light.connection():
        seen.append(guard.shares)
    light.set_state("k", 1)
    assert seen == [1] and guard.shares == 0
    with pytest.raises(MlcoachError):
        LightStore(layout.db, Secret("keyring", raw_key=new_raw_key())).settings()
    assert guard.shares == 0


def test_a_light_store_call_waits_for_the_swap(opened, layout):
    from mlcoach.store.light import LightStore

    light = LightStore(layout.db, opened.secret)
    done: list[str] = []
    with guard_for(layout.db).exclusive():
        reader = threading.Thread(target=lambda: done.append(str(light.get_state("k", "-"))))
        reader.start()
        time.sleep(0.3)
        assert done == []  # held back while the file is being swapped
    reader.join(10)
    assert done == ["-"]


def test_a_restore_closes_the_connection_a_window_keeps(damaged, layout):
    from mlcoach.store.timeline import Timeline, TimelineFilter

    timeline = Timeline(damaged.store, keep_connection=True)
    assert timeline.choices().tags == []  # (the damaged page holds moments, not people)
    assert guard_for(layout.db).shares == 1  # kept between calls
    t0 = time.monotonic()
    assert recovery.daily_check(layout.root, damaged.secret, START) is not None
    assert time.monotonic() - t0 < 8  # not the 10 s wait for a share never given back
    assert guard_for(layout.db).shares == 0
    texts = [e.text for e in timeline.next_page(TimelineFilter()).entries]
    assert _restored(texts, page=True)  # reopened, on the restored file
    timeline.release()
    assert guard_for(layout.db).shares == 0
