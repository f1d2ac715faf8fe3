"""SIGTERM and SIGHUP (a logout, `kill`, a closed terminal) end a command as Ctrl+C does:
what it was writing is removed, never left half-written beside the target.

A child process runs the real `mlcoach export -o FILE`; its os.fsync sends the process
SIGTERM at the moment the temporary file is written and not yet in place, so the
interruption lands at that point whatever the machine's speed."""

from __future__ import annotations

import os
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


def test_an_export_killed_outright_leaves_no_part_file(cli_env, tmp_path: Path) -> None:
    """SIGKILL (the OOM killer, a forced logout) runs no cleanup: the export's part file,
    every word of the history in it, stayed beside the target (a synced folder, a USB
    stick) until an export to that same folder happened to tidy it; `wipe` does not look
    there. The content now has no name until it is whole."""
    assert run_cli(cli_env, "init", "--no-encryption").returncode == 0
    assert run_cli(cli_env, "capture", "Told Zanzibar his review was late").returncode == 0
    out = tmp_path / "out"
    out.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", EXPORT_KILLED_AT_FSYNC, "SIGKILL", "export", "--format",
         "json", "-o", str(out / "export.json")],
        env=cli_env, capture_output=True, text=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert list(out.iterdir()) == []


# The signal lands where the child says: in today's backup after the write ("backup"),
# after the write and before its id is printed ("print"), or before the write ("write").
SIGNAL_AT = (
    "import os, signal, sys\n"
    "from mlcoach.cli import main as cli\n"
    "from mlcoach.store import quick, recovery\n"
    "sent, where = getattr(signal, sys.argv.pop(1)), sys.argv.pop(1)\n"
    # Ctrl+C as at a terminal, even where the suite itself was started with SIGINT
    # ignored (`make test &`, nohup), which every child inherits.
    "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
    "def at(owner, name):\n"
    "    real = getattr(owner, name)\n"
    "    def hit(*a, **k):\n"
    "        os.kill(os.getpid(), sent)\n"
    "        return real(*a, **k)\n"
    "    setattr(owner, name, hit)\n"
    "at(*{'backup': (recovery, 'daily_check'), 'print': (cli.Context, 'out_stored'),\n"
    "     'write': (quick, 'add_moment')}[where])\n"
    "sys.exit(cli.main())\n"
)


def _signalled(cli_env: dict[str, str], name: str, where: str,
               *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", SIGNAL_AT, name, where, *args],
                          env=cli_env, capture_output=True, text=True, timeout=120)


def _moments(cli_env: dict[str, str]) -> list[str]:
    import json

    done = run_cli(cli_env, "export", "--format", "json")
    return [m["text"] for m in json.loads(done.stdout)["moments"]]


@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT"])
def test_a_signal_after_the_write_says_it_was_stored_so_it_is_not_stored_twice(
        cli_env, name: str) -> None:
    """Ctrl+C or SIGTERM during the day's first backup, after the moment was stored, said
    "stopped; nothing half-written was kept" with a failure code: a person typed it again,
    a script's `|| retry` stored it twice."""
    assert run_cli(cli_env, "init", "--no-encryption").returncode == 0
    done = _signalled(cli_env, name, "backup", "capture", "Asked Deniz for a review")
    moment_id = done.stdout.strip()
    assert done.returncode == 0, done.stderr
    assert moment_id and f"stored as {moment_id}" in done.stderr
    assert "backup" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert _moments(cli_env) == ["Asked Deniz for a review"]


def test_a_signal_between_the_write_and_its_id_gives_the_id(cli_env) -> None:
    assert run_cli(cli_env, "init", "--no-encryption").returncode == 0
    assert run_cli(cli_env, "capture", "First").returncode == 0  # today's backup exists
    done = _signalled(cli_env, "SIGTERM", "print", "capture", "Asked Deniz for a review")
    assert done.returncode == 1 and done.stdout == ""
    assert "stored as " in done.stderr and "do not run it again" in done.stderr
    assert _moments(cli_env) == ["First", "Asked Deniz for a review"]


def test_a_signal_before_the_write_keeps_nothing(cli_env) -> None:
    assert run_cli(cli_env, "init", "--no-encryption").returncode == 0
    assert run_cli(cli_env, "capture", "First").returncode == 0
    done = _signalled(cli_env, "SIGTERM", "write", "capture", "Never stored")
    assert done.returncode == 128 + signal.SIGTERM
    assert done.stderr.strip() == "mlcoach: stopped; nothing half-written was kept"
    assert _moments(cli_env) == ["First"]


def test_an_import_stopped_in_its_backup_says_it_was_done(cli_env, tmp_path: Path) -> None:
    assert run_cli(cli_env, "init", "--no-encryption").returncode == 0
    assert run_cli(cli_env, "capture", "Thanked Ana").returncode == 0
    exported = tmp_path / "export.json"
    assert run_cli(cli_env, "export", "--format", "json", "-o", str(exported)).returncode == 0
    cli_env = {**cli_env, "MLCOACH_DATA_DIR": str(tmp_path / "other")}
    assert run_cli(cli_env, "init", "--no-encryption").returncode == 0
    done = _signalled(cli_env, "SIGHUP", "backup", "import", str(exported))
    assert done.returncode == 0 and "the import was done (1 moment" in done.stderr


def test_a_saved_suggestion_whose_output_fails_says_it_was_saved(cli_env) -> None:
    """`suggest --save >/dev/full` said only "No space left on device": run again, it
    saved the planned moment a second time."""
    assert run_cli(cli_env, "init", "--no-encryption").returncode == 0
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "mlcoach", "suggest", "--style", "facts",
                               "--change", "use the wiki for notes", "--save"],
                              env=cli_env, stdout=full, stderr=subprocess.PIPE, text=True,
                              timeout=60)
    assert done.returncode == 1
    assert "saved as a planned moment" in done.stderr and "do not run it again" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_usage_error_with_standard_error_closed_still_exits_2(cli_env) -> None:
    done = subprocess.run([sys.executable, "-m", "mlcoach", "search", "x", "--limit", "0"],
                          env=cli_env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          timeout=60, pass_fds=(), close_fds=True,
                          preexec_fn=lambda: os.close(2))
    assert done.returncode == 2


# The signal lands once the command has ended, as Python shuts down.
SIGNAL_AFTER = (
    "import os, signal, sys\n"
    "from mlcoach.cli import main as cli\n"
    "sent = getattr(signal, sys.argv.pop(1))\n"
    "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
    "code = cli.main()\n"
    "os.kill(os.getpid(), sent)\n"
    "sys.exit(code)\n"
)


@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT", "SIGHUP"])
def test_a_signal_after_the_command_has_ended_changes_nothing(cli_env, name: str) -> None:
    """A capture that had stored its moment and printed its id was killed by a SIGTERM or
    Ctrl+C landing while Python shut down (exit -15 or -2, or a traceback, no word of what
    was stored): a script's `|| retry` stored it twice."""
    assert run_cli(cli_env, "init", "--no-encryption").returncode == 0
    assert run_cli(cli_env, "capture", "First").returncode == 0  # today's backup exists
    done = subprocess.run([sys.executable, "-c", SIGNAL_AFTER, name, "capture",
                           "Asked Deniz for a review"], env=cli_env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and done.stderr == "", (done.returncode, done.stderr)
    assert len(done.stdout.strip()) == 36
    assert _moments(cli_env) == ["First", "Asked Deniz for a review"]


# The command has ended; Python's shutdown then stalls (a stuck thread, a slow disk).
ENDED_THEN_STALLED = (
    "import signal, sys, time\n"
    "from pathlib import Path\n"
    "from mlcoach.cli import main as cli\n"
    "ended = Path(sys.argv.pop(1))\n"
    "code = cli.main()\n"
    "ended.write_text(str(code))\n"
    "time.sleep(600)\n"
    "sys.exit(code)\n"
)


@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT", "SIGHUP"])
def test_a_command_that_has_ended_can_still_be_stopped_and_says_what_it_did(
        cli_env, tmp_path: Path, name: str) -> None:
    """Once a command had ended these signals were ignored for good: a shutdown that
    stalled could only be ended by SIGKILL (exit -9, no word of the stored moment). It
    ends at once now, with the command's own code and its id printed."""
    import time

    assert run_cli(cli_env, "init", "--no-encryption").returncode == 0
    ended = tmp_path / "ended"
    child = subprocess.Popen([sys.executable, "-c", ENDED_THEN_STALLED, str(ended),
                              "capture", "Asked Deniz for a review"], env=cli_env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120  # a broken build's bound, not a timing
        while not ended.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ended.exists(), child.communicate(timeout=60)
        child.send_signal(getattr(signal, name))
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert (child.returncode, err) == (0, "")
    assert len(out.strip()) == 36
    assert _moments(cli_env) == ["Asked Deniz for a review"]
