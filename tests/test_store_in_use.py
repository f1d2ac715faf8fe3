"""A newer command line never migrates the store under an older app still running on it:
it refuses in one line and changes nothing; once the app is gone it migrates."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mlcoach.store.migrations import HEAD
from mlcoach.system import instance
from tests.conftest import run_cli

OLDER = f"{int(HEAD) - 1:04d}"

# An app of any version: it holds the channel and answers nobody (as an older one would
# answer a request it does not know).
FAKE_APP = """
import socket, sys
sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
sock.bind(sys.argv[1])
sock.listen(4)
print("listening", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def env(cli_env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = dict(cli_env, XDG_RUNTIME_DIR=str(runtime))
    res = run_cli(env, "init", "--no-encryption")
    assert res.returncode == 0, res.stderr
    return env


def _schema(data: Path) -> str:
    with sqlite3.connect(data / "mlcoach.db") as conn:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def _made_older(data: Path) -> None:
    """The store as the older app left it (this version's last migration not run)."""
    with sqlite3.connect(data / "mlcoach.db") as conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (OLDER,))


def _backups(data: Path) -> list[str]:
    return sorted(p.name for p in (data / "backups").glob("*")) \
        if (data / "backups").exists() else []


def test_a_command_refuses_to_migrate_under_a_running_older_app(env: dict[str, str]) -> None:
    data = Path(env["MLCOACH_DATA_DIR"])
    _made_older(data)
    before = _backups(data)
    path = instance.channel_path(data, env)
    app = subprocess.Popen([sys.executable, "-c", FAKE_APP, str(path)], text=True,
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert app.stdout is not None and app.stdout.readline().strip() == "listening"
        for command in (["stats"], ["people", "add", "Deniz"],
                        ["capture", "Asked Deniz to lead the retro"]):
            res = run_cli(env, *command)
            assert res.returncode == 1, (command, res.stderr)
            assert res.stderr.count("\n") == 1 and "Traceback" not in res.stderr
            assert "older version" in res.stderr and "nothing was changed" in res.stderr
            assert _schema(data) == OLDER  # not migrated under the app
        assert _backups(data) == before  # not even the migration's backup
    finally:
        assert app.stdin is not None
        app.stdin.close()
        app.wait(timeout=60)
    res = run_cli(env, "stats")  # the app is gone (or restarted into this version)
    assert res.returncode == 0, res.stderr
    assert _schema(data) == HEAD


def test_a_socket_left_by_an_app_that_ended_stops_nothing(env: dict[str, str]) -> None:
    data = Path(env["MLCOACH_DATA_DIR"])
    _made_older(data)
    path = instance.channel_path(data, env)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.bind(str(path))  # bound, never listening: nothing answers
    res = run_cli(env, "stats")
    assert res.returncode == 0, res.stderr
    assert _schema(data) == HEAD


def test_the_app_itself_is_not_another_app(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The app claims the channel before it opens (and migrates) the store."""
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    data = tmp_path / "data"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.bind(str(instance.channel_path(data)))
        sock.listen(1)
        assert not instance.app_elsewhere(data)
    assert not instance.app_elsewhere(data)  # gone
