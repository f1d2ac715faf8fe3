"""SIGTERM and SIGHUP (a logout, `kill`, a closed terminal) end a command as Ctrl+C does:
what it was writing is removed, never left half-written beside the target.

A child process runs the real `mlcoach export -o FILE`; its os.fsync sends the process
SIGTERM at the moment the temporary file is written and not yet in place, so the
interruption lands at that point whatever the machine's speed."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli

EXPORT_KILLED_AT_FSYNC = (
    "import os, signal, sys\n"
    "from mlcoach.cli.main import main\n"
    "sent = getattr(signal, sys.argv.pop(1))\n"
    "real = os.fsync\n"
    "def fsync(fd):\n"
    "    os.kill(os.getpid(), sent)\n"
    "    real(fd)\n"
    "os.fsync = fsync\n"
    "sys.exit(main())\n"
)


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_signal_mid_export_leaves_no_half_written_file(cli_env, tmp_path: Path,
                                                         name: str) -> None:
    assert run_cli(cli_env, "init", "--no-encryption").returncode == 0
    assert run_cli(cli_env, "capture", "Thanked @Ana for the release notes").returncode == 0
    out = tmp_path / "out"
    out.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", EXPORT_KILLED_AT_FSYNC, name, "export", "--format", "json",
         "-o", str(out / "export.json")],
        env=cli_env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 128 + getattr(signal, name), done.stderr
    assert done.stderr.strip() == "mlcoach: stopped; nothing half-written was kept"
    assert list(out.iterdir()) == []
