"""One app per user and data folder, under load and after kills; the channel is the user's
own and takes nothing but its own well-formed requests.

Real `mlcoach` processes on the offscreen platform (tests/ui/test_app.py has the single
hand-over; here: rounds of ten simultaneous starts of mixed commands, and starts killed at
random moments)."""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlcoach.system import instance

pytestmark = pytest.mark.gui


def _env(cli_env: dict[str, str]) -> dict[str, str]:
    env = dict(cli_env, QT_QPA_PLATFORM="offscreen", MLCOACH_READY_SIGNAL="1")
    env["XDG_RUNTIME_DIR"] = str(Path(cli_env["HOME"]) / "run")
    Path(env["XDG_RUNTIME_DIR"]).mkdir(mode=0o700, exist_ok=True)
    return env


@pytest.fixture
def app_env(cli_env):  # type: ignore[no-untyped-def]
    env = _env(cli_env)
    code = ("from mlcoach.security.keys import OSKeyring; "
            "from mlcoach.store.vault import Layout, open_store; "
            "from pathlib import Path; import os; "
            "o = open_store(Layout(Path(os.environ['MLCOACH_DATA_DIR'])), keys=OSKeyring()); "
            "o.store.set_state('welcome_done', True); o.store.close()")
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    return env


def _start(env: dict[str, str], *argv: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "mlcoach", *(argv or ("run",))], env=env,
                            text=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_ready(proc: subprocess.Popen[str], what: str = "store", timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    seen: list[str] = []
    assert proc.stderr is not None
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            raise AssertionError(f"app exited early: {proc.poll()} {seen[-5:]}")
        seen.append(line)
        if line.strip() == f"mlcoach-ready: {what}":
            return
    raise AssertionError("app did not become ready")


def _quit(proc: subprocess.Popen[str], data: Path, env: dict[str, str]) -> int:
    """Ask the app to quit and wait for it; killed when it does not (the test still fails
    on the timeout), so no app outlives its test."""
    instance.send(data, "quit", env=env)
    try:
        return proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise


def _settle(procs: list[subprocess.Popen[str]], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and sum(p.poll() is None for p in procs) > 1:
        time.sleep(0.2)


@pytest.mark.slow
@pytest.mark.timeout(280)
def test_rounds_of_ten_simultaneous_starts_give_one_app_and_nine_clean_hand_overs(app_env):
    data = Path(app_env["MLCOACH_DATA_DIR"])
    commands = [("run",), ("capture",), ("reflect",), ("run",), ("capture",)] * 2
    for _ in range(2):
        procs = [_start(app_env, *argv) for argv in commands]
        try:
            _settle(procs)
            running = [p for p in procs if p.poll() is None]
            assert len(running) == 1
            for p in procs:
                if p not in running:
                    assert p.returncode == 0, p.stderr.read() if p.stderr else ""
            # The one left is the app: it answers on the channel.
            assert instance.send(data, "show", timeout=20, env=app_env)
        finally:
            for p in procs:
                if p.poll() is None:
                    assert _quit(p, data, app_env) == 0
        assert not instance.send(data, "show", env=app_env)  # and it is gone


@pytest.mark.slow
@pytest.mark.timeout(280)
def test_starts_killed_at_random_moments_never_block_the_next_one(app_env):
    """SIGKILL anywhere in start-up (before, while and after taking the lock and the
    socket) leaves a stale lock or socket that the next start takes over."""
    data = Path(app_env["MLCOACH_DATA_DIR"])
    rng = random.Random(int(os.environ.get("MLCOACH_KILL_SEED", "8")))
    kills = 0
    for _ in range(6):
        proc = _start(app_env)
        time.sleep(rng.uniform(0.05, 2.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        kills += 1
    app = _start(app_env)
    try:
        _wait_ready(app)
        assert instance.send(data, "show", timeout=20, env=app_env)
        second = subprocess.run([sys.executable, "-m", "mlcoach", "capture"], env=app_env,
                                capture_output=True, text=True, timeout=60)
        assert second.returncode == 0, second.stderr
        assert app.poll() is None
    finally:
        assert _quit(app, data, app_env) == 0
    assert kills == 6


@pytest.mark.slow
def test_the_channel_is_the_users_own_and_refuses_anything_else(app_env):
    data = Path(app_env["MLCOACH_DATA_DIR"])
    app = _start(app_env)
    try:
        _wait_ready(app)
        path = instance.channel_path(data, app_env)
        assert path.parent == Path(app_env["XDG_RUNTIME_DIR"])
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        mode = stat.S_IMODE(path.stat().st_mode)
        assert stat.S_ISSOCK(path.stat().st_mode) and mode & 0o077 == 0, oct(mode)
        junk = [b"\n", b"show\n", b"{}\n", b'{"mlcoach": 1}\n', b'{"request": "show"}\n',
                b'{"mlcoach": 2, "request": "show"}\n', b'{"mlcoach": 1, "request": "exec"}\n',
                b'{"mlcoach": 1, "request": "show", "extra": 1}\n',
                b'{"mlcoach": true, "request": "show"}\n', b'["show"]\n',
                json.dumps({"mlcoach": 1, "request": "quit" + " " * 2000}).encode() + b"\n",
                b"\xff\xfe\x00garbage\n", b"x" * (instance.MAX_MESSAGE + 10)]
        for message in junk:
            with socket.socket(socket.AF_UNIX) as s:
                s.settimeout(10)
                s.connect(str(path))
                s.sendall(message)
                assert s.recv(16) == b"", message  # closed, no answer, nothing done
        # Half a message and a hang-up does nothing either.
        with socket.socket(socket.AF_UNIX) as s:
            s.connect(str(path))
            s.sendall(b'{"mlcoach": 1, "requ')
        assert app.poll() is None
        assert instance.send(data, "show", timeout=20, env=app_env)  # still serving its own
    finally:
        assert _quit(app, data, app_env) == 0


NEAR_MISSES = st.fixed_dictionaries(
    {"mlcoach": st.sampled_from([1, True, 1.0, "1", 2, 0, None, [1]]),
     "request": st.sampled_from([*sorted(instance.REQUESTS), "exec", "", "SHOW", " show"])},
    optional={"extra": st.integers()}).map(lambda d: json.dumps(d).encode())


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=200).map(str.encode) | NEAR_MISSES
       | st.dictionaries(st.text(max_size=10), st.none() | st.integers() | st.text(max_size=10),
                         max_size=4).map(lambda d: json.dumps(d).encode()))
def test_fuzz_only_well_formed_requests_are_understood(raw):
    request = instance.decode(raw)
    if request is not None:
        msg = json.loads(raw)
        assert request in instance.REQUESTS
        token = msg.pop("token", "")  # the launcher's activation token, optional
        assert msg == {"mlcoach": instance.PROTOCOL, "request": request}
        assert token == "" or (isinstance(token, str) and token.isascii()
                               and token.isprintable() and " " not in token)
        assert type(msg["mlcoach"]) is int  # not true, not 1.0
