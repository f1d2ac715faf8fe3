"""A damaged, truncated, zero-length or missing store file: detected at open, kept aside,
the newest good backup restored, the user told once; a wrong key never triggers any of it."""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from mlcoach.cli.doctor import run_checks
from mlcoach.cli.main import main
from mlcoach.domain.errors import MlcoachError, StoreLockedError, StoreUnavailableError
from mlcoach.security.keys import OSKeyring, Secret
from mlcoach.store import recovery
from mlcoach.store.backups import daily_backup
from mlcoach.store.db import connect_raw
from mlcoach.store.vault import Layout, init_store, open_store, unlock_existing

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc)
BACKUP_DAY = datetime(2026, 11, 20, 8, 0, tzinfo=timezone.utc)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _texts(layout: Layout, secret: Secret) -> list[str]:
    conn = connect_raw(layout.db, secret)
    try:
        return [r[0] for r in conn.execute("SELECT text FROM moments ORDER BY created_at")]
    finally:
        conn.close()


def _with_backup(opened, layout: Layout) -> Path:  # type: ignore[no-untyped-def]
    """Two moments in the backup, a third one only in the store."""
    opened.store.add_moment("in the backup 1")
    opened.store.add_moment("in the backup 2")
    made = daily_backup(layout.db, opened.secret, layout.backups, BACKUP_DAY)
    assert made is not None
    os.utime(made, (BACKUP_DAY.timestamp(), BACKUP_DAY.timestamp()))
    opened.store.add_moment("after the backup")
    opened.store.close()
    return made


def _secret(layout: Layout) -> Secret:
    """The store's key, from the keyring as the app would read it."""
    secret = unlock_existing(layout, keys=OSKeyring())
    assert secret is not None
    return secret


def _truncate(path: Path, size: int) -> None:
    with open(path, "r+b") as fh:
        fh.truncate(size)


def _garble(path: Path, offset: int, length: int = 256) -> None:
    with open(path, "r+b") as fh:
        fh.seek(offset)
        fh.write(os.urandom(length))


def _half(path: Path) -> None:
    _truncate(path, path.stat().st_size // 2 + 100)


DAMAGE = {
    "zero-length": lambda p: _truncate(p, 0),
    "truncated": _half,
    "truncated at a page boundary": lambda p: _truncate(p, 8192),
    "garbled header": lambda p: _garble(p, 0),
    "garbled first page": lambda p: _garble(p, 200),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_file_is_set_aside_and_the_newest_backup_restored(opened, layout, damage):
    _with_backup(opened, layout)
    DAMAGE[damage](layout.db)
    bad = layout.db.read_bytes()
    told: list[recovery.RecoveryNote] = []
    again = open_store(layout, keys=OSKeyring(), now=NOW, on_recovered=told.append)
    try:
        texts = sorted(m.text for m in again.store.moments())
        assert texts == ["in the backup 1", "in the backup 2"]
    finally:
        again.store.close()
    # The bad file is kept, byte for byte, next to the restored one.
    aside = sorted(layout.root.glob("mlcoach.db.damaged-*"))
    assert [p.name for p in aside if not p.name.endswith(("-wal", "-shm"))] == [
        "mlcoach.db.damaged-20261123T093000Z"]
    assert aside[0].read_bytes() == bad
    assert len(told) == 1 and again.recovered == told[0]
    sentence = told[0].message(tz=timezone.utc)
    assert "set aside as mlcoach.db.damaged-20261123T093000Z" in sentence
    assert "backup from 2026-11-20 08:00 was restored" in sentence
    assert "may be missing." in sentence and "\n" not in sentence
    assert sentence.endswith("kept until it is five weeks old and no longer the newest.")


def test_a_damaged_store_written_to_while_it_is_checked_is_still_restored(opened, layout):
    """The daily check notes which file it checks, then checks every page (seconds on a
    large store). Meanwhile the app's own writes checkpoint the WAL into the file, which
    changes its size and time in place. The repair took that for another process's
    repair and left the damaged store as it was, with nothing said (the app's test of
    deep damage failed about one run in four)."""
    _with_backup(opened, layout)
    secret = _secret(layout)  # read first: opening the store repairs what it meets
    seen = recovery.identity(layout.db)
    _garble(layout.db, layout.db.stat().st_size - 4096 + 100, 512)  # the last page
    later = layout.db.stat().st_mtime + 5
    os.utime(layout.db, (later, later))  # as a checkpoint writes the file in place
    assert not recovery.verify(layout.db, secret)
    note = recovery.repair(layout.root, secret, "damaged", NOW, seen)
    assert note is not None and note.restored_from is not None
    assert recovery.verify(layout.db, _secret(layout))  # a sound store in its place
    # the backup's, and what the damaged file still reads after it
    assert _texts(layout, _secret(layout))[:2] == ["in the backup 1", "in the backup 2"]


def test_a_fifo_under_a_backups_name_is_passed_over(opened, layout):
    """A FIFO named as a newer backup (another program's, or planted): the restore of a
    damaged store opened it to look inside and waited for a writer for ever, and every
    other piece of the store's work with it. Only regular files are backups."""
    import threading

    _with_backup(opened, layout)
    os.mkfifo(layout.backups / "mlcoach-20261122T080000-daily.db")
    _truncate(layout.db, 0)
    texts: list[str] = []

    def reopen() -> None:
        again = open_store(layout, keys=OSKeyring(), now=NOW)
        try:
            texts.extend(sorted(m.text for m in again.store.moments()))
        finally:
            again.store.close()

    opening = threading.Thread(target=reopen, daemon=True)  # a hang must not hold the suite
    opening.start()
    opening.join(120)  # a broken build's bound, not a timing
    assert not opening.is_alive(), "the restore waited on the FIFO"
    assert texts == ["in the backup 1", "in the backup 2"]


def test_cli_says_it_in_one_line_on_stderr_and_still_captures(opened, layout, tmp_path):
    _with_backup(opened, layout)
    _truncate(layout.db, 0)
    out, err = io.StringIO(), io.StringIO()
    code = main(["--data-dir", str(layout.root), "capture", "new after the damage"],
                keys=OSKeyring(), stdout=out, stderr=err)
    assert code == 0 and out.getvalue().strip()
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and "was damaged, so it was set aside as" in lines[0]
    assert "may be missing" in lines[0]
    secret = _secret(layout)
    assert _texts(layout, secret) == ["in the backup 1", "in the backup 2", "new after the damage"]
    # Told once on the command line; the next command is quiet.
    err2 = io.StringIO()
    assert main(["--data-dir", str(layout.root), "stats"], keys=OSKeyring(),
                stdout=io.StringIO(), stderr=err2) == 0
    assert err2.getvalue() == ""


def test_doctor_reports_the_recovery_and_the_file_kept_aside(opened, layout):
    _with_backup(opened, layout)
    _truncate(layout.db, 0)
    open_store(layout, keys=OSKeyring(), now=NOW).store.close()
    checks = {c.name: c for c in run_checks(layout, OSKeyring(), lambda: "")}
    assert checks["recovery"].status == "WARN"
    assert "2026-11-23 09:30 UTC" in checks["recovery"].detail
    assert "backup from" in checks["recovery"].detail
    assert "mlcoach.db.damaged-20261123T093000Z" in checks["set aside"].detail
    assert checks["store"].status == "OK"


def test_the_app_notice_is_given_once(opened, layout):
    _with_backup(opened, layout)
    _truncate(layout.db, 0)
    open_store(layout, keys=OSKeyring(), now=NOW).store.close()
    first = recovery.take_app_notice(layout.root, "en", timezone.utc)
    assert first is not None and "backup from 2026-11-20 08:00" in first
    assert recovery.take_app_notice(layout.root, "en", timezone.utc) is None
    turkish = recovery.read_note(layout.root)
    assert turkish is not None and "yedek" in turkish.message("tr", timezone.utc)


def test_no_backup_keeps_the_bad_file_and_starts_afresh(opened, layout):
    opened.store.add_moment("only copy")
    opened.store.close()
    _truncate(layout.db, 4096 * 3 + 17)
    bad = _digest(layout.db)
    told: list[recovery.RecoveryNote] = []
    again = open_store(layout, keys=OSKeyring(), now=NOW, on_recovered=told.append)
    try:
        assert again.store.moments() == []
        again.store.add_moment("a new start")
    finally:
        again.store.close()
    aside = layout.root / "mlcoach.db.damaged-20261123T093000Z"
    assert _digest(aside) == bad  # nothing deleted
    assert "there was no backup to restore" in told[0].message()
    assert "nothing was deleted" in told[0].message()


def test_garbled_page_one_without_a_backup_is_blamed_on_the_key_and_left_alone(opened, layout):
    """Without a backup, a page 1 that does not decrypt cannot be told from a wrong key:
    nothing is moved, and the message gives the way forward."""
    opened.store.add_moment("x")
    opened.store.close()
    _garble(layout.db, 100)
    before = _digest(layout.db)
    with pytest.raises(StoreLockedError, match="recover"):
        open_store(layout, keys=OSKeyring(), now=NOW)
    assert _digest(layout.db) == before
    assert not list(layout.root.glob("*.damaged-*"))
    assert recovery.read_note(layout.root) is None


def test_wrong_passphrase_with_backups_changes_nothing(layout, memory_keyring):
    made = init_store(layout, "passphrase", keys=OSKeyring(), passphrase="right horse battery")
    made.store.add_moment("secret")
    daily_backup(layout.db, made.secret, layout.backups, BACKUP_DAY)
    made.store.close()
    before = _digest(layout.db)
    with pytest.raises(StoreLockedError, match="wrong passphrase"):
        open_store(layout, keys=OSKeyring(), passphrase_source=lambda: "wrong", now=NOW)
    assert _digest(layout.db) == before
    assert not list(layout.root.glob("*.damaged-*"))
    again = open_store(layout, keys=OSKeyring(), passphrase_source=lambda: "right horse battery")
    assert [m.text for m in again.store.moments()] == ["secret"]
    again.store.close()


def test_a_wrong_key_in_the_keyring_with_backups_changes_nothing(opened, layout,
                                                                 memory_keyring):
    _with_backup(opened, layout)
    (entry,) = memory_keyring.items
    memory_keyring.items[entry] = os.urandom(32).hex()
    before = _digest(layout.db)
    with pytest.raises(StoreLockedError, match="mlcoach recover"):
        open_store(layout, keys=OSKeyring(), now=NOW)
    assert _digest(layout.db) == before
    assert not list(layout.root.glob("*.damaged-*"))


def test_missing_file_comes_back_from_the_backup(opened, layout):
    _with_backup(opened, layout)
    layout.db.unlink()
    told: list[recovery.RecoveryNote] = []
    again = open_store(layout, keys=OSKeyring(), now=NOW, on_recovered=told.append)
    assert len(again.store.moments()) == 2
    again.store.close()
    assert "was missing, so the backup from" in told[0].message()


def test_missing_file_without_a_backup_is_an_error_that_changes_nothing(opened, layout):
    opened.store.close()
    layout.db.unlink()
    listing = sorted(p.name for p in layout.root.iterdir() if p.name != ".recovery.lock")
    with pytest.raises(MlcoachError, match="no backup to restore; put the file back"):
        open_store(layout, keys=OSKeyring(), now=NOW)
    assert sorted(p.name for p in layout.root.iterdir() if p.name != ".recovery.lock") == listing


def test_unencrypted_store_with_a_garbled_header_is_restored(layout, memory_keyring):
    made = init_store(layout, "none", keys=OSKeyring())
    made.store.add_moment("plain")
    daily_backup(layout.db, made.secret, layout.backups, BACKUP_DAY)
    made.store.close()
    _garble(layout.db, 0, 64)
    again = open_store(layout, keys=OSKeyring(), now=NOW)
    assert [m.text for m in again.store.moments()] == ["plain"]
    assert again.recovered is not None
    again.store.close()


def test_a_damaged_newest_backup_is_skipped_for_an_older_good_one(opened, layout):
    opened.store.add_moment("old and good")
    older = daily_backup(layout.db, opened.secret, layout.backups, BACKUP_DAY)
    opened.store.add_moment("newer")
    newer = daily_backup(layout.db, opened.secret, layout.backups,
                         BACKUP_DAY + timedelta(days=1))
    assert older and newer
    opened.store.close()
    _garble(newer, 5000, 2000)
    _truncate(layout.db, 0)
    again = open_store(layout, keys=OSKeyring(), now=NOW)
    assert [m.text for m in again.store.moments()] == ["old and good"]
    assert again.recovered is not None and again.recovered.restored_from == older.name
    again.store.close()


def test_damage_deep_inside_is_found_by_the_daily_check(opened, layout):
    """A garbled page in the middle passes the cheap checks at open; the app's daily
    check reads every page, restores the backup and does not back up the bad file."""
    _with_backup(opened, layout)
    again = open_store(layout, keys=OSKeyring())
    for i in range(300):
        again.store.add_moment(f"filler {i} " + "x" * 300)
    again.store.close()
    size = layout.db.stat().st_size
    _garble(layout.db, (size // 4096 - 3) * 4096 + 700, 64)
    backups_before = sorted(p.name for p in layout.backups.iterdir())
    note = recovery.daily_check(layout.root, opened.secret, NOW)
    assert note is not None and note.restored_from is not None
    assert sorted(p.name for p in layout.backups.iterdir()) == backups_before
    assert recovery.verify(layout.db, opened.secret)
    # A healthy store gets today's backup instead.
    assert recovery.daily_check(layout.root, opened.secret, NOW + timedelta(days=1)) is None
    assert len(list(layout.backups.glob("*-daily.db"))) == 2


def test_what_was_written_after_the_backup_is_carried_over_as_far_as_it_reads(opened,
                                                                               layout):
    """A page garbled deep inside: the backup came back and everything written after it
    was gone from the store, kept only in the encrypted file set aside. The rows of the
    damaged file that still read now join the restored backup, and the user is told."""
    _with_backup(opened, layout)
    again = open_store(layout, keys=OSKeyring())
    again.store.add_person("Quinn", None, "written after the backup")
    for i in range(300):
        again.store.add_moment(f"filler {i} " + "x" * 300)
    again.store.close()
    size = layout.db.stat().st_size
    _garble(layout.db, (size // 4096 - 3) * 4096 + 700, 64)
    note = recovery.daily_check(layout.root, opened.secret, NOW)
    assert note is not None and note.restored_from is not None and note.carried > 0
    texts = _texts(layout, opened.secret)
    assert texts[:3] == ["in the backup 1", "in the backup 2", "after the backup"]
    assert 250 < len(texts) <= 303  # a damaged page's rows may be lost, not the rest
    assert len(set(texts)) == len(texts)  # the backup's rows are not doubled
    assert recovery.verify(layout.db, opened.secret)  # the result is a sound store
    restored = open_store(layout, keys=OSKeyring())
    try:
        assert [p.name for p in restored.store.people()] == ["Quinn"]
        assert restored.store.search("filler")  # carried rows are indexed for search
    finally:
        restored.store.close()
    sentence = note.message(tz=timezone.utc)
    assert f"carried over from the damaged file as far as it could still be read " \
           f"({note.carried} in all)" in sentence
    assert note.carried <= 302  # the person and the moments written, not tags or events
    assert recovery.RecoveryNote.from_json(note.to_json()) == note


def test_two_processes_noticing_the_same_damage_restore_once(opened, layout):
    _with_backup(opened, layout)
    _truncate(layout.db, 0)
    seen = recovery.identity(layout.db)
    first = recovery.repair(layout.root, opened.secret, "empty", NOW, seen)
    second = recovery.repair(layout.root, opened.secret, "empty", NOW, seen)
    assert first is not None and second is None
    assert len(list(layout.root.glob("mlcoach.db.damaged-*"))) == 1


def test_a_kill_between_building_and_renaming_at_init_is_finished_at_next_open(
        layout, memory_keyring):
    made = init_store(layout, "keyring", keys=OSKeyring())
    made.store.add_moment("first")
    made.store.close()
    # The state a kill after store.json but before the rename leaves behind.
    os.replace(layout.db, layout.root / recovery.NEW_NAME)
    again = open_store(layout, keys=OSKeyring())
    assert [m.text for m in again.store.moments()] == ["first"]
    assert again.recovered is None
    again.store.close()


def test_a_kill_before_store_json_at_init_lets_init_run_again(layout, memory_keyring):
    layout.root.mkdir(parents=True)
    (layout.root / recovery.NEW_NAME).write_bytes(b"half built")
    made = open_store(layout, keys=OSKeyring())
    made.store.add_moment("fine")
    made.store.close()
    assert json.loads(layout.meta.read_text())["encryption"] == "keyring"
    assert not (layout.root / recovery.NEW_NAME).exists()


def test_delete_all_data_also_removes_what_recovery_kept(opened, layout, memory_keyring):
    from mlcoach.store.wipe import delete_all

    _with_backup(opened, layout)
    _truncate(layout.db, 0)
    again = open_store(layout, keys=OSKeyring(), now=NOW)
    (layout.root / recovery.NEW_NAME).write_bytes(b"left by a kill")
    assert list(layout.root.glob("mlcoach.db.damaged-*"))
    assert (layout.root / recovery.NOTE_NAME).exists()
    delete_all(layout, OSKeyring(), store=again.store)
    assert not layout.root.exists()
    assert memory_keyring.items == {}


class _CommitsMidway:
    """A connection that lets another process's write land just before the check reads
    the rows it compares with the search index (as a busy CLI or the app's capture does)."""

    def __init__(self, conn, write) -> None:  # type: ignore[no-untyped-def]
        self._conn, self._write, self.landed = conn, write, False

    def execute(self, sql: str, *args):  # type: ignore[no-untyped-def]
        if sql.startswith("SELECT t.id") and not self.landed:
            self._write()
            self.landed = True
        return self._conn.execute(sql, *args)


def test_a_commit_during_the_full_check_of_a_plain_store_is_not_damage(tmp_path):
    """The check read the index and then the rows as separate reads: a moment saved in
    between looked like a mismatch, the healthy store was set aside and a day-old backup
    restored over the words saved since (a plain store only: it has no page checksums)."""
    from mlcoach.domain.enums import Kind
    from mlcoach.store import quick

    layout = Layout(tmp_path / "data")
    opened = init_store(layout, "none", keys=OSKeyring())
    opened.store.add_moment("already here")
    opened.store.close()
    conn = connect_raw(layout.db, opened.secret)
    try:
        midway = _CommitsMidway(conn, lambda: quick.add_moment(
            layout.db, opened.secret, "saved during the check", Kind.OTHER, person=None,
            style=None, tags=[], now=NOW))
        assert recovery.deep_check(midway)
        assert midway.landed
    finally:
        conn.close()
    assert sorted(_texts(layout, opened.secret)) == ["already here", "saved during the check"]


def test_a_store_wiped_while_a_command_ran_is_not_made_again_by_its_check(opened, layout):
    """A wipe during a long import: the import's daily check made a new empty store, and
    every later command failed for want of store.json."""
    opened.store.close()
    layout.db.unlink()
    assert recovery.daily_check(layout.root, opened.secret, NOW) is None
    assert not layout.db.exists()
    with pytest.raises(StoreUnavailableError):  # gone, and said so; never "damaged"
        recovery.verify(layout.db, opened.secret)
    assert not layout.db.exists()


def test_a_data_folder_that_cannot_be_written_can_still_be_read_and_exported(
        opened, layout, tmp_path, monkeypatch):
    """A disk remounted read-only after an error: search, stats and export all said "the
    data folder is read-only", which left no way to take the data elsewhere. They read a
    private copy; the folder is not touched, and a write still says why it cannot."""
    opened.store.add_moment("kept on a disk gone read-only")
    opened.store.close()
    root = str(layout.root)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, *a, **k: False if (
        str(path) == root and mode & os.W_OK) else real_access(path, mode, *a, **k))
    before = {p.name: p.stat().st_mtime_ns for p in layout.root.iterdir()}
    layout.root.chmod(0o500)  # the real refusal too, for a user other than root
    try:
        out, err = io.StringIO(), io.StringIO()
        target = tmp_path / "rescued.json"
        assert main(["--data-dir", root, "search", "read-only"], keys=OSKeyring(),
                    stdout=out, stderr=err) == 0, err.getvalue()
        assert "kept on a disk gone" in out.getvalue()
        assert main(["--data-dir", root, "export", "-o", str(target)], keys=OSKeyring(),
                    stdout=io.StringIO(), stderr=err) == 0, err.getvalue()
        texts = [m["text"] for m in json.loads(target.read_text())["moments"]]
        assert texts == ["kept on a disk gone read-only"]
        assert {p.name: p.stat().st_mtime_ns for p in layout.root.iterdir()} == before
    finally:
        layout.root.chmod(0o700)


def test_a_data_folder_on_a_read_only_mount_can_be_searched(opened, layout, tmp_path):
    """The same on a real read-only bind mount (root only, where mounts are allowed)."""
    import shutil
    import subprocess

    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount")
    opened.store.add_moment("kept on a disk gone read-only")
    opened.store.close()
    view = tmp_path / "ro"
    view.mkdir()
    if subprocess.run(["mount", "--bind", str(layout.root), str(view)],
                      capture_output=True, timeout=10).returncode != 0:
        pytest.skip("mounts are not allowed here")
    try:
        if subprocess.run(["mount", "-o", "remount,bind,ro", str(view)],
                          capture_output=True, timeout=10).returncode != 0:
            pytest.skip("read-only remounts are not allowed here")
        out, err = io.StringIO(), io.StringIO()
        assert main(["--data-dir", str(view), "search", "read-only"], keys=OSKeyring(),
                    stdout=out, stderr=err) == 0, err.getvalue()
        assert "kept on a disk gone" in out.getvalue()
        assert main(["--data-dir", str(view), "capture", "more"], keys=OSKeyring(),
                    stdout=io.StringIO(), stderr=err) == 1
        assert "read-only" in err.getvalue()
    finally:
        subprocess.run(["umount", str(view)], capture_output=True, timeout=10)


def test_a_damaged_store_in_a_folder_that_cannot_be_written_is_said_to_be_damaged(
        layout, memory_keyring, monkeypatch):
    """Read from its copy, a damaged store was "repaired" into an empty one there, and
    search said "no matches", stats zero: as if the data were gone."""
    made = init_store(layout, "none", keys=OSKeyring())
    made.store.add_moment("Ana shipped it")
    made.store.close()
    _garble(layout.db, 0, 64)
    root = str(layout.root)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, *a, **k: False if (
        str(path) == root and mode & os.W_OK) else real_access(path, mode, *a, **k))
    before = _digest(layout.db)
    err = io.StringIO()
    assert main(["--data-dir", root, "search", "Ana"], keys=OSKeyring(),
                stdout=io.StringIO(), stderr=err) == 1
    assert "is damaged" in err.getvalue() and len(err.getvalue().strip().splitlines()) == 1
    assert _digest(layout.db) == before


def test_doctor_does_not_fail_a_healthy_store_in_a_read_only_folder(
        opened, layout, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """On a read-only mount search and export read the store fine, but doctor said
    "[FAIL] store: the database cannot be read: unable to open database file" (SQLite
    cannot make its -shm file there), pushing the user to "fix" a healthy store. Root
    writes anywhere, so the folder's state and SQLite's answer are stood in for."""
    import os
    import sqlite3

    opened.store.close()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False
                        if mode == os.W_OK and str(path) == str(layout.root)
                        else real_access(path, mode, **kw))

    def refuse(*_a: object, **_k: object) -> None:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(recovery, "inspect", refuse)
    checks = {c.name: c for c in run_checks(layout, OSKeyring(), lambda: "")}
    assert checks["store"].status == "WARN" and "read-only" in checks["store"].detail
    monkeypatch.setattr(os, "access", real_access)  # a writable folder: that is a failure
    checks = {c.name: c for c in run_checks(layout, OSKeyring(), lambda: "")}
    assert checks["store"].status == "FAIL"


def _aside_now(layout: Layout) -> list[str]:
    return sorted(p.name for p in layout.root.glob("mlcoach.db.damaged-*")
                  if not p.name.endswith(("-wal", "-shm", "-journal")))


def _damage_and_open(layout: Layout, now: datetime,
                     damage=lambda p: _garble(p, 200)) -> recovery.RecoveryNote | None:  # type: ignore[no-untyped-def]
    damage(layout.db)
    again = open_store(layout, keys=OSKeyring(), now=now)
    again.store.close()
    return again.recovered


def test_damaged_files_set_aside_go_once_five_weeks_old_but_never_the_newest(opened, layout):
    """Each holds the user's notes, what they delete later included: they no longer
    pile up for good. The newest stays, whatever its age: it may be the one they need."""
    _with_backup(opened, layout)
    first = _damage_and_open(layout, NOW)
    later = NOW + timedelta(weeks=3)
    _damage_and_open(layout, later)
    # Three weeks on, both are kept: the first one may still be needed.
    assert _aside_now(layout) == ["mlcoach.db.damaged-20261123T093000Z",
                                  "mlcoach.db.damaged-20261214T093000Z"]
    # Its five weeks are up: the daily check removes it, -wal and all.
    secret = _secret(layout)
    recovery.daily_check(layout.root, secret, NOW + timedelta(weeks=5, days=1))
    assert _aside_now(layout) == ["mlcoach.db.damaged-20261214T093000Z"]
    assert not list(layout.root.glob("mlcoach.db.damaged-20261123T093000Z*"))
    # A year on, the newest is still there.
    recovery.daily_check(layout.root, secret, NOW + timedelta(weeks=52))
    assert _aside_now(layout) == ["mlcoach.db.damaged-20261214T093000Z"]
    # Said where the user is told of it.
    assert first is not None
    assert "kept until it is five weeks old and no longer the newest" in first.message()
    checks = {c.name: c for c in run_checks(layout, OSKeyring(), lambda: "")}
    assert "five weeks" in checks["set aside"].detail


def _only_copy_set_aside_then_rotated(opened, layout: Layout,  # type: ignore[no-untyped-def]
                                      then: Callable[[Layout], None] = lambda _l: None,
                                      ) -> recovery.RecoveryNote | None:
    """A store damaged with no backup (its file set aside: the one copy of its history),
    `then` done, a new start backed up, damaged again eight weeks on, and the daily
    check a week later: both files set aside are still there. The first note."""
    opened.store.add_moment("only in the damaged file")
    opened.store.close()
    only = _damage_and_open(layout, NOW, lambda p: _truncate(p, 4096 * 3 + 17))
    then(layout)
    secret = _secret(layout)
    store = open_store(layout, keys=OSKeyring(), now=NOW).store
    store.add_moment("the new start")
    store.close()
    made = daily_backup(layout.db, secret, layout.backups, NOW + timedelta(days=1))
    assert made is not None
    _damage_and_open(layout, NOW + timedelta(weeks=8))
    recovery.daily_check(layout.root, secret, NOW + timedelta(weeks=9))
    assert _aside_now(layout) == ["mlcoach.db.damaged-20261123T093000Z",
                                  "mlcoach.db.damaged-20270118T093000Z"]
    return only


def test_a_file_set_aside_without_a_backup_is_kept_however_old(opened, layout):
    """With no backup to restore, the damaged file is the only copy of the history."""
    only = _only_copy_set_aside_then_rotated(opened, layout)
    assert only is not None and only.restored_from is None
    assert "kept until you delete it" in only.message()


def test_a_restore_killed_before_its_swap_leaves_no_copy_for_good(opened, layout):
    """A kill between building the restored copy and swapping it in left
    `.mlcoach.db.restore`, a whole copy of the history, in the data folder until the
    next restore (or wipe): what was deleted since stayed readable there."""
    opened.store.add_moment("in the half-done restore")
    opened.store.close()
    left = layout.root / ".mlcoach.db.restore"
    left.write_bytes(layout.db.read_bytes())
    Path(f"{left}-journal").write_bytes(b"x" * 512)
    secret = _secret(layout)
    recovery.daily_check(layout.root, secret, NOW)
    assert not left.exists() and not Path(f"{left}-journal").exists()
    assert _texts(layout, secret) == ["in the half-done restore"]


def test_a_restore_under_way_keeps_its_copy(opened, layout):
    """Another process restoring holds the recovery lock: its copy is not taken away."""
    opened.store.close()
    left = layout.root / ".mlcoach.db.restore"
    left.write_bytes(layout.db.read_bytes())
    secret = _secret(layout)
    import subprocess
    import sys

    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDWR "
         "| os.O_CREAT); fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); "
         "sys.stdin.read()", str(layout.root / ".recovery.lock")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        recovery.daily_check(layout.root, secret, NOW)
        assert left.exists()
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(10)


def _note_lost(layout: Layout) -> None:
    (layout.root / recovery.NOTE_NAME).unlink()


def _note_unreadable(layout: Layout) -> None:
    (layout.root / recovery.NOTE_NAME).write_text("{not json", encoding="utf-8")


def _note_of_an_older_version(layout: Layout) -> None:
    """Written before notes named the files with no backup restored."""
    path = layout.root / recovery.NOTE_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    for newer in ("only_copies", "replaced"):
        data.pop(newer, None)
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize("note", [_note_lost, _note_unreadable, _note_of_an_older_version])
def test_a_file_set_aside_without_a_backup_is_kept_whatever_became_of_the_note(
        opened, layout, note):
    """Only the note kept the one copy of a history from rotation: with it lost,
    unreadable or written by an older version, the file went after five weeks."""
    _only_copy_set_aside_then_rotated(opened, layout, note)


def test_a_file_set_aside_by_hand_or_an_older_version_is_kept(opened, layout):
    """Nothing says a backup was restored in its place: it may be the only copy."""
    _with_backup(opened, layout)
    old = layout.root / "mlcoach.db.damaged-20260101T000000Z"
    old.write_bytes(layout.db.read_bytes())
    _damage_and_open(layout, NOW)
    secret = _secret(layout)
    recovery.daily_check(layout.root, secret, NOW + timedelta(weeks=52))
    assert old.exists()
