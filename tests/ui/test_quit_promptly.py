"""Quit ends the process at once, whatever another process still holds: a keyring read
with its unlock prompt up kept the app's process (and its claim on the store) alive for
up to two minutes after the tray icon had gone. What the user committed is still
written first: a write already queued finishes before the process ends.

Real app processes (`mlcoach run`, offscreen) with a keyring or a job held by the test
at a FIFO until it lets go; nothing here waits on the clock.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import let_go
from tests.ui.test_app import START_DEADLINE, _app_env, _mark_welcome_done, _wait_ready

pytestmark = [pytest.mark.gui, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
HELD = "tests.held_keyring.HeldKeyring"


@contextmanager
def _running(env: dict[str, str], gate: Path, *command: str) -> Iterator[subprocess.Popen[str]]:
    """The app (`command` run by this Python) for the block; then the gate let go of, and
    the app killed if it is still running."""
    app = subprocess.Popen([sys.executable, *command], env=env, text=True, cwd=ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        yield app
    finally:
        let_go(gate)
        if app.poll() is None:
            app.kill()
            app.wait()


def _ended(app: subprocess.Popen[str]) -> int:
    """The exit code; the app is killed (and the test fails) when it does not end."""
    try:
        return app.wait(timeout=START_DEADLINE)
    except subprocess.TimeoutExpired:
        app.kill()
        app.wait()
        raise AssertionError("the app was still running after it was told to quit") from None


def _env(cli_env: dict[str, str], *init: str) -> dict[str, str]:
    env = dict(_app_env(cli_env), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "mlcoach", "init", *init], env=env,
                          capture_output=True, text=True, timeout=START_DEADLINE)
    assert done.returncode == 0, done.stderr
    _mark_welcome_done(env)
    # A prompt up: keyring may wait on the user for up to 10 minutes.
    return dict(env, PYTHON_KEYRING_BACKEND=HELD, MLCOACH_KEYRING_TIMEOUT="600")


def test_quit_while_the_keyring_holds_the_stores_key_ends_the_app(
        cli_env: dict[str, str], gate: Path) -> None:
    """The app started at login, the keyring asks for its password, the user logs out."""
    env = dict(_env(cli_env), MLCOACH_TEST_KEYRING_HELD=str(gate))
    with _running(env, gate, "-m", "mlcoach", "run") as app:
        _wait_ready(app, "keyring-asked")
        app.send_signal(signal.SIGTERM)
        assert _ended(app) == 0


def test_quit_while_a_keyring_question_waits_ends_the_app(
        cli_env: dict[str, str], gate: Path) -> None:
    """Settings' Show recovery key asked, the keyring's prompt up, the user quits."""
    env = dict(_env(cli_env, "--no-encryption"), MLCOACH_TEST_KEYRING_HELD=str(gate),
               MLCOACH_TEST_JOB="question")
    with _running(env, gate, "tests/ui/quit_child.py") as app:
        _wait_ready(app, "keyring-asked")
        app.send_signal(signal.SIGTERM)
        assert _ended(app) == 0


@pytest.mark.parametrize("end", ["quit", "loop"])
def test_a_write_queued_before_quit_is_kept(cli_env: dict[str, str], gate: Path,
                                            end: str) -> None:
    """A write under way when quit comes (a reflection saved as the user logs out) is
    finished before the process ends; also when the event loop ends without the app's
    Quit (the session manager's own quit): the process ended at once, the write cut."""
    env = dict(_env(cli_env, "--no-encryption"), MLCOACH_TEST_GATE=str(gate),
               MLCOACH_TEST_JOB="write", MLCOACH_TEST_END=end)
    with _running(env, gate, "tests/ui/quit_child.py") as app:
        _wait_ready(app, "job")
        app.send_signal(signal.SIGTERM)
        _wait_ready(app, "quitting")
        _wait_ready(app, "settling")  # the write still held: it waits for it
        let_go(gate)
        assert _ended(app) == 0
    env.pop("MLCOACH_TEST_JOB")
    listed = subprocess.run([sys.executable, "-m", "mlcoach", "search", "quit"], env=env,
                            capture_output=True, text=True, timeout=START_DEADLINE)
    assert "Kept through the" in listed.stdout, listed.stderr


def test_a_write_that_never_ends_holds_the_quit_no_longer_than_its_bound(
        cli_env: dict[str, str], gate: Path) -> None:
    """A write stuck for good (another process's lock never let go) is waited for within
    the quit's bound (here none), and the log says so."""
    env = dict(_env(cli_env, "--no-encryption"), MLCOACH_TEST_GATE=str(gate),
               MLCOACH_TEST_JOB="write", MLCOACH_TEST_QUIT_WAIT="0")
    with _running(env, gate, "tests/ui/quit_child.py") as app:
        _wait_ready(app, "job")
        app.send_signal(signal.SIGTERM)
        assert _ended(app) == 0
    log = (Path(env["MLCOACH_DATA_DIR"]) / "mlcoach.log").read_text()
    # the held write, and whatever the app's start queued behind it on the one worker
    assert re.search(r"quitting with [1-9]\d* store job\(s\) unfinished", log), log
