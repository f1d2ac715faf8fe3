"""The private folders a command reads a store copy in: gone after use, and what a killed
command left (a plain store's words in clear) goes at the next such command or a wipe,
while a folder another running command holds stays."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from mlcoach.system import scratch


@pytest.fixture
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder


def _left_by_a_killed_read(runtime: Path, name: str, *, lock_file: bool = True) -> Path:
    folder = runtime / name
    folder.mkdir(mode=0o700)
    (folder / "mlcoach.db").write_text("words about Ana, in clear")
    if lock_file:
        (folder / ".in-use").touch()
    os.utime(folder, (0, 0))  # made long ago (one made just now may not hold its lock yet)
    return folder


def test_a_copy_is_private_locked_and_gone_after_use(runtime: Path) -> None:
    with scratch.scratch_folder("mlcoach-read-") as folder:
        assert folder.parent == runtime and folder.stat().st_mode & 0o777 == 0o700
        with open(folder / ".in-use") as other, pytest.raises(OSError):
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held while in use
    assert not folder.exists()


def test_what_a_killed_read_left_goes_at_the_next_one(runtime: Path) -> None:
    left = _left_by_a_killed_read(runtime, "mlcoach-read-killed1")
    unlocked = _left_by_a_killed_read(runtime, "mlcoach-read-killed2", lock_file=False)
    mine = runtime / "mlcoach-notes"  # not one of ours by name: stays
    mine.mkdir()
    with scratch.scratch_folder("mlcoach-read-"):
        assert not left.exists() and not unlocked.exists()
    assert mine.exists()


def test_a_copy_another_command_is_reading_stays(runtime: Path) -> None:
    busy = _left_by_a_killed_read(runtime, "mlcoach-read-busy")
    with open(busy / ".in-use") as holder:
        fcntl.flock(holder, fcntl.LOCK_EX)
        assert scratch.remove_left_over() == []
        assert busy.exists()
    assert scratch.remove_left_over() == [busy]


def test_wipe_removes_what_a_killed_read_left(runtime: Path, cli_env: dict[str, str]) -> None:
    from tests.conftest import run_cli

    env = dict(cli_env, XDG_RUNTIME_DIR=str(runtime))
    assert run_cli(env, "capture", "Asked Ana about the release").returncode == 0
    left = _left_by_a_killed_read(runtime, "mlcoach-read-x1y2z3")
    assert run_cli(env, "wipe", "--yes").returncode == 0
    assert not left.exists()


def test_a_copy_made_just_now_is_left_to_take_its_lock(runtime: Path) -> None:
    fresh = runtime / "mlcoach-read-fresh"
    fresh.mkdir(mode=0o700)
    assert scratch.remove_left_over() == [] and fresh.exists()


def test_wipe_also_clears_the_temporary_folder_a_command_without_runtime_used(
        runtime: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    other = tmp_path / "tmp"
    other.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(other))
    left = _left_by_a_killed_read(other, "mlcoach-read-overssh")
    assert scratch.remove_left_over() == [left] and not left.exists()
