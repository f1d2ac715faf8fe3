"""Commands that only read answer while another mlcoach writes (a long `mlcoach import`):
they read the last committed data and write nothing, so they never wait the store's
minute for the write lock. Each runs in a child process against a real store file (plain,
so the test can hold its write lock); the minute is `db.BUSY_TIMEOUT_MS`, and the
child's deadline below is shorter, so a command that waited for the lock fails here.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mlcoach.store.db import BUSY_TIMEOUT_MS
from tests.conftest import run_cli

DEADLINE_S = 45
assert DEADLINE_S * 1000 < BUSY_TIMEOUT_MS


@pytest.fixture
def plain_cli(cli_env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    for args in (("init", "--no-encryption"), ("capture", "Thanked Ana for the notes"),
                 ("people", "add", "Ana", "--style", "facts"), ("prompt",)):
        res = run_cli(cli_env, *args)
        assert res.returncode == 0, res.stderr
    (tmp_path / "jrnl.json").write_text('{"tags": {}, "entries": []}')
    for backup in (Path(cli_env["MLCOACH_DATA_DIR"]) / "backups").glob("mlcoach-*.db"):
        backup.unlink()  # none today yet: a command that writes would take one now
    return cli_env


@contextmanager
def another_writer(env: dict[str, str]) -> Iterator[None]:
    """Another process's long write: the store's write lock, held until the block ends."""
    conn = sqlite3.connect(Path(env["MLCOACH_DATA_DIR"]) / "mlcoach.db", isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('import', '1')")
        yield
        conn.execute("ROLLBACK")
    finally:
        conn.close()


def _stored(env: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    data = Path(env["MLCOACH_DATA_DIR"])
    with sqlite3.connect(data / "mlcoach.db") as conn:
        settings = dict(conn.execute("SELECT key, value FROM settings"))
    return settings, sorted(p.name for p in (data / "backups").glob("mlcoach-*.db"))


@pytest.mark.parametrize("args", [
    ("prompt",),
    ("prompt", "--json"),
    ("prompts", "list"),
    ("prompts", "export"),
    ("people", "list"),
    ("search", "Ana"),
    ("stats",),
    ("export", "--format", "json"),
    ("suggest", "--style", "facts", "--change", "use the wiki", "--person", "Ana"),
    ("import", "--from", "jrnl", "--dry-run", "JRNL"),
], ids=lambda a: " ".join(a))
def test_a_reading_command_answers_during_another_write_and_writes_nothing(
        plain_cli, tmp_path, args):
    args = tuple(str(tmp_path / "jrnl.json") if a == "JRNL" else a for a in args)
    before = _stored(plain_cli)
    with another_writer(plain_cli):
        res = run_cli(plain_cli, *args, timeout=DEADLINE_S)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip()
    assert _stored(plain_cli) == before  # not the schedule, not a backup


def test_a_command_that_writes_still_takes_the_days_backup(plain_cli):
    assert run_cli(plain_cli, "capture", "Asked Bo about the demo").returncode == 0
    assert _stored(plain_cli)[1] != []


def test_the_preview_shows_what_the_app_would_show(plain_cli):
    """Writing nothing, `mlcoach prompt` still answers the same twice in a row. A prompt
    due now is due at the moment it is asked, so the two may differ in that alone, and
    only while the prompt window has a slot behind it (this failed at 10:35 UTC, passed
    at 09:20)."""
    before = datetime.now(UTC)
    first = json.loads(run_cli(plain_cli, "prompt", "--json").stdout)
    again = json.loads(run_cli(plain_cli, "prompt", "--json").stdout)
    after = datetime.now(UTC)
    when = {answer.pop("next_due") for answer in (first, again)}
    assert first == again
    assert len(when) == 1 or all(before <= datetime.fromisoformat(at) <= after for at in when)


def test_the_doctor_checks_a_store_another_mlcoach_is_writing(plain_cli):
    """It says the store is in use and what it checked, not "cannot be read"."""
    with another_writer(plain_cli):
        res = run_cli(plain_cli, "doctor", timeout=DEADLINE_S)
    store_line = next(line for line in res.stdout.splitlines() if "] store:" in line)
    assert "FAIL" not in store_line and "cannot be read" not in store_line, res.stdout
    assert "writing" in store_line, res.stdout
