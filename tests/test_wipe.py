"""Tests for mlcoach.store.wipe: deleting all data leaves nothing of mlcoach behind."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from mlcoach.security.keys import KEYRING_SERVICE, OSKeyring
from mlcoach.store.db import backup_file
from mlcoach.store.vault import Opened, init_store, open_store
from mlcoach.store.wipe import delete_all
from mlcoach.system.paths import DRAFT_NAME
from tests.memkeyring import MemoryKeyring


def _fill(opened: Opened) -> None:
    """Give the data folder every kind of file mlcoach writes."""
    root = opened.layout.root
    opened.store.add_moment("Asked Ana how the review went")
    opened.store.save_settings(dataclasses.replace(opened.store.settings(), language="tr"))
    backup_file(opened.layout.db, opened.secret, opened.layout.backups,
                datetime(2024, 5, 1, tzinfo=timezone.utc), label="test")
    (root / DRAFT_NAME).write_text("half a thought", "utf-8")
    (root / "mlcoach.log").write_text("log line\n", "utf-8")
    (root / "mlcoach.log.1").write_text("older log line\n", "utf-8")
    (root / f".{DRAFT_NAME}.tmp1234").write_text("left by a crash", "utf-8")


def test_delete_all_removes_everything(opened: Opened, memory_keyring: MemoryKeyring,
                                       tmp_path: Path) -> None:
    layout = opened.layout
    sibling = tmp_path / "sibling"
    sibling.mkdir()
    (sibling / "keep.txt").write_text("mine", "utf-8")
    _fill(opened)
    assert layout.backups.is_dir() and any(layout.backups.iterdir())
    assert (KEYRING_SERVICE, opened.meta.store_id) in memory_keyring.items

    removed = delete_all(layout, OSKeyring(), store=opened.store)

    assert not layout.root.exists()
    assert layout.db in removed and layout.meta in removed and layout.backups in removed
    assert memory_keyring.items == {}
    assert (sibling / "keep.txt").read_text("utf-8") == "mine"
    assert not list(tmp_path.glob("data*"))


def test_delete_all_keeps_files_that_are_not_ours(opened: Opened, memory_keyring: MemoryKeyring,
                                                  tmp_path: Path) -> None:
    layout = opened.layout
    (layout.root / "notes.txt").write_text("the user's own file", "utf-8")
    _fill(opened)

    removed = delete_all(layout, OSKeyring(), store=opened.store)

    assert sorted(p.name for p in layout.root.iterdir()) == ["notes.txt"]
    assert layout.root not in removed
    assert all(layout.root in p.parents for p in removed)


def test_delete_all_follows_no_symlink_out_of_the_folder(opened: Opened,
                                                         memory_keyring: MemoryKeyring,
                                                         tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "precious.db").write_text("not mlcoach's", "utf-8")
    layout = opened.layout
    if layout.backups.exists():
        shutil.rmtree(layout.backups)  # it holds store.json's copy
    layout.backups.symlink_to(outside, target_is_directory=True)
    # The app wrote its backup through the link: the user's words, which wipe must take.
    from datetime import datetime

    from mlcoach.store.backups import daily_backup

    opened.store.add_moment("private words")
    made = daily_backup(layout.db, opened.secret, layout.backups, datetime(2026, 12, 1, 9))
    assert made is not None and (outside / made.name).exists()

    delete_all(layout, OSKeyring(), store=opened.store)

    assert sorted(p.name for p in outside.iterdir()) == ["precious.db"]
    assert layout.backups.is_symlink()  # mlcoach makes no links: this one is the user's
    assert sorted(p.name for p in layout.root.iterdir()) == ["backups"]


def test_a_folder_of_the_users_own_keeps_its_backups_and_logs(
        layout, memory_keyring: MemoryKeyring) -> None:  # type: ignore[no-untyped-def]
    """`--data-dir ~/Documents wipe` once deleted ~/Documents/backups, ~/Documents/logs and
    every *.log there, with or without an mlcoach store in the folder."""
    root = layout.root
    for name in ("backups/2025-taxes.zip", "backups/photos.db", "backups/mlcoach-2019.db",
                 "logs/server.log", "server.log", "build.log.1", "notes.txt"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("the user's own", "utf-8")
    before = sorted(str(p.relative_to(root)) for p in root.rglob("*"))

    assert delete_all(layout, OSKeyring()) == []
    assert sorted(str(p.relative_to(root)) for p in root.rglob("*")) == before


def test_mlcoach_files_among_the_users_own_are_the_only_ones_removed(
        opened: Opened, memory_keyring: MemoryKeyring) -> None:
    layout = opened.layout
    _fill(opened)
    (layout.backups / "mine.db").write_text("the user's own", "utf-8")
    (layout.root / "logs").mkdir()
    (layout.root / "logs" / "mlcoach.log").write_text("ours", "utf-8")
    (layout.root / "server.log").write_text("the user's own", "utf-8")

    delete_all(layout, OSKeyring(), store=opened.store)

    assert sorted(str(p.relative_to(layout.root)) for p in layout.root.rglob("*")) == \
        ["backups", "backups/mine.db", "server.log"]


def test_delete_all_tolerates_missing_pieces(layout, memory_keyring: MemoryKeyring) -> None:  # type: ignore[no-untyped-def]
    assert delete_all(layout, OSKeyring()) == []
    layout.root.mkdir(parents=True)
    (layout.root / DRAFT_NAME).write_text("only a draft", "utf-8")
    assert delete_all(layout, OSKeyring()) == [layout.root / DRAFT_NAME, layout.root]


def test_delete_all_with_a_keyring_entry_already_gone(opened: Opened,
                                                      memory_keyring: MemoryKeyring) -> None:
    memory_keyring.items.clear()
    removed = delete_all(opened.layout, OSKeyring(), store=opened.store)
    assert opened.layout.db in removed
    assert not opened.layout.root.exists()


def test_delete_all_with_a_locked_keyring_still_removes_files(
        opened: Opened, memory_keyring: MemoryKeyring) -> None:
    memory_keyring.locked = True
    delete_all(opened.layout, OSKeyring(), store=opened.store)
    assert not opened.layout.root.exists()


@pytest.mark.parametrize("mode", ["none", "passphrase"])
def test_delete_all_for_stores_without_a_keyring_key(layout, memory_keyring: MemoryKeyring,  # type: ignore[no-untyped-def]
                                                     mode: str) -> None:
    opened = init_store(layout, mode, keys=OSKeyring(),  # type: ignore[arg-type]
                        passphrase="correct horse" if mode == "passphrase" else None)
    opened.store.add_moment("Shared the release notes early")
    delete_all(layout, OSKeyring(), store=opened.store)
    assert not layout.root.exists()


def test_a_new_store_can_be_made_after_deleting(opened: Opened,
                                                memory_keyring: MemoryKeyring) -> None:
    opened.store.add_moment("Thanked Sam for the fix")
    delete_all(opened.layout, OSKeyring(), store=opened.store)
    fresh = open_store(opened.layout, keys=OSKeyring())
    try:
        assert fresh.store.count_moments() == 0
        assert fresh.meta.store_id != opened.meta.store_id
    finally:
        fresh.store.close()


def test_a_write_after_the_file_was_wiped_makes_no_empty_store(opened, layout):
    """A capture that read store.json just before a wipe removed the database once left a
    new, empty mlcoach.db beside no store.json: a folder no command could use."""
    from datetime import UTC, datetime

    from mlcoach.domain.enums import Kind
    from mlcoach.domain.errors import StoreUnavailableError
    from mlcoach.store import quick
    from mlcoach.store.light import LightStore

    opened.store.close()
    for suffix in ("", "-wal", "-shm"):
        layout.db.with_name(layout.db.name + suffix).unlink(missing_ok=True)
    writes = (
        lambda: quick.add_moment(layout.db, opened.secret, "after the wipe", Kind.OTHER,
                                 person=None, style=None, tags=(), now=datetime.now(UTC)),
        lambda: LightStore(layout.db, opened.secret).add_moment("after the wipe"),
        lambda: opened.store.add_moment("after the wipe"),
    )
    for write in writes:
        with pytest.raises(StoreUnavailableError, match="is not there"):
            write()
        assert not layout.db.exists()


def test_windows_opens_an_existing_file_by_its_plain_path(tmp_path):
    """No file: URI there (a share's \\\\server\\share path is one SQLite refuses)."""
    from mlcoach.store.db import _existing

    there = tmp_path / "mlcoach.db"
    with pytest.raises(FileNotFoundError):
        _existing(there, posix=False)
    there.write_bytes(b"")
    assert _existing(there, posix=False) == (str(there), {})
    assert _existing(there, posix=True) == (f"{there.as_uri()}?mode=rw", {"uri": True})
