"""`mlcoach capture TEXT` hands its moment to the running app, which has the key and the
store open; the shell writes it itself whenever the app does not answer "stored", and a
moment the app stored whose answer was lost is not written twice.

Real `mlcoach` processes on the offscreen platform and real SQLCipher files; the keyring
is keyrings.alt's file backend (cli_env), or keyring's "fail" backend to show that a
handed-over capture never reads the key in the shell."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlcoach.domain.enums import Kind, Style
from mlcoach.domain.errors import MomentDeletedError
from mlcoach.domain.ids import new_id
from mlcoach.system import instance
from tests.conftest import run_cli
from tests.reliability.test_single_instance import _quit, _start, _wait_ready, app_env

pytestmark = pytest.mark.gui
__all__ = ["app_env"]  # the fixture, shared with test_single_instance

NO_KEYRING = "keyring.backends.fail.Keyring"


def _moments(env: dict[str, str], word: str) -> list[dict[str, object]]:
    """The stored moments whose text has `word`, as `mlcoach export` gives them."""
    out = run_cli(env, "export", "--format", "json")
    assert out.returncode == 0, out.stderr
    return [m for m in json.loads(out.stdout)["moments"] if word in str(m["text"])]


def test_a_running_app_stores_the_shells_capture_without_the_shell_reading_the_key(app_env):
    data = Path(app_env["MLCOACH_DATA_DIR"])
    app = _start(app_env)
    try:
        _wait_ready(app)
        locked_out = dict(app_env, PYTHON_KEYRING_BACKEND=NO_KEYRING)
        out = run_cli(locked_out, "capture", "Thanked @Ana for the handover notes #release",
                      "--kind", "recognition")
        assert out.returncode == 0, out.stderr
        moment_id = out.stdout.strip()
        assert len(moment_id) == 36
    finally:
        assert _quit(app, data, app_env) == 0
    # Without the app, the same shell cannot open the store at all.
    cold = run_cli(dict(app_env, PYTHON_KEYRING_BACKEND=NO_KEYRING), "capture", "x")
    assert cold.returncode == 1 and cold.stderr.count("\n") == 1, cold.stderr
    [found] = _moments(app_env, "handover")
    assert found["id"] == moment_id
    assert found["person"] == "Ana" and found["kind"] == "recognition"
    assert found["tags"] == ["release"]


def _fake_app(path: Path, on_line: Callable[[socket.socket, bytes], object]
              ) -> tuple[socket.socket, threading.Thread]:
    """A listener on the app's channel that takes one connection and calls on_line."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen(1)

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            raw = b""
            while b"\n" not in raw:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                raw += chunk
            on_line(conn, raw.split(b"\n", 1)[0])

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return listener, thread


def _capture_beside(env: dict[str, str], on_line: Callable[[socket.socket, bytes], object],
                    text: str) -> subprocess.CompletedProcess[str]:
    """`mlcoach capture TEXT` with a stand-in app on the channel that calls on_line."""
    data = Path(env["MLCOACH_DATA_DIR"])
    listener, thread = _fake_app(instance.channel_path(data, env), on_line)
    try:
        return run_cli(env, "capture", text)
    finally:
        thread.join(60)
        listener.close()


def _store_exists(env: dict[str, str]) -> None:
    out = run_cli(env, "capture", "first moment, sets the store up")
    assert out.returncode == 0, out.stderr


def test_a_moment_the_app_stored_but_could_not_confirm_is_not_written_twice(cli_env):
    _store_exists(cli_env)
    data = Path(cli_env["MLCOACH_DATA_DIR"])
    env = dict(cli_env, XDG_RUNTIME_DIR=str(Path(cli_env["HOME"]) / "run"))
    seen: list[instance.Message] = []

    def store_then_hang_up(conn: socket.socket, line: bytes) -> None:
        message = instance.parse(line)
        assert message is not None and message.moment is not None
        seen.append(message)
        moment = message.moment  # stored the way the app stores it, then no answer
        code = ("import sys; from pathlib import Path; "
                "from mlcoach.security.keys import OSKeyring; "
                "from mlcoach.store.vault import Layout, open_light; "
                "o = open_light(Layout(Path(sys.argv[1])), keys=OSKeyring()); "
                "o.store.add_moment(sys.argv[2], moment_id=sys.argv[3]); o.close()")
        subprocess.run([sys.executable, "-c", code, str(data), moment.text, moment.id],
                       env=env, check=True, timeout=60)

    out = _capture_beside(env, store_then_hang_up, "Asked the quiet tester first, lost answer")
    assert out.returncode == 0, out.stderr
    assert len(seen) == 1 and out.stdout.strip() == seen[0].moment.id  # type: ignore[union-attr]
    assert len(_moments(cli_env, "tester")) == 1


def test_a_moment_deleted_before_the_shell_writes_it_is_not_brought_back(cli_env):
    """The app stored the handed-over moment, its answer was lost, and the user deleted
    the moment in the app before the shell wrote it itself: the shell's write put it
    back. It now says so in one line and stores nothing."""
    _store_exists(cli_env)
    data = Path(cli_env["MLCOACH_DATA_DIR"])
    env = dict(cli_env, XDG_RUNTIME_DIR=str(Path(cli_env["HOME"]) / "run"))

    def store_delete_then_hang_up(_conn: socket.socket, line: bytes) -> None:
        message = instance.parse(line)
        assert message is not None and message.moment is not None
        code = ("import sys; from pathlib import Path; "
                "from mlcoach.security.keys import OSKeyring; "
                "from mlcoach.store.vault import Layout, open_store; "
                "o = open_store(Layout(Path(sys.argv[1])), keys=OSKeyring()); "
                "o.store.add_moment(sys.argv[2], moment_id=sys.argv[3]); "
                "o.store.delete_moment(sys.argv[3]); o.close()")
        subprocess.run([sys.executable, "-c", code, str(data), message.moment.text,
                        message.moment.id], env=env, check=True, timeout=60)

    out = _capture_beside(env, store_delete_then_hang_up, "Deleted Zanzibar remark")
    assert out.returncode == 1 and out.stdout == "", out.stdout
    assert out.stderr.count("\n") == 1
    assert "has since been deleted; it is not stored again" in out.stderr
    assert _moments(cli_env, "Zanzibar") == []


@pytest.mark.parametrize("answer", [b"no\n", b"", b"ok 00000000-0000-4000-8000-000000000000\n",
                                    b"ok\n", b"x" * 4096])
def test_the_shell_writes_the_moment_itself_unless_the_app_says_it_stored_that_one(
        cli_env, answer):
    _store_exists(cli_env)
    env = dict(cli_env, XDG_RUNTIME_DIR=str(Path(cli_env["HOME"]) / "run"))
    out = _capture_beside(env, lambda conn, _line: conn.sendall(answer),
                          "Named the risk before the demo")
    assert out.returncode == 0, out.stderr
    [found] = _moments(cli_env, "demo")
    assert found["id"] == out.stdout.strip()


def test_the_same_moment_handed_over_twice_is_stored_once(app_env):
    data = Path(app_env["MLCOACH_DATA_DIR"])
    app = _start(app_env)
    try:
        _wait_ready(app)
        moment = instance.HandedMoment(new_id(), "Asked a stranger's view on the plan", "question",
                                       "Deniz", "facts", ("plan",))
        assert instance.hand_over_moment(data, moment, timeout=20, env=app_env) == moment.id
        assert instance.hand_over_moment(data, moment, timeout=20, env=app_env) == moment.id
    finally:
        assert _quit(app, data, app_env) == 0
    [found] = _moments(app_env, "stranger")
    assert (found["id"], found["person"], found["style"]) == (moment.id, "Deniz", "facts")


def test_the_app_tells_the_shell_a_moment_sent_again_was_deleted(app_env):
    """The app answered "no" to a moment it had stored and the user had deleted since, and
    the shell then needed the key to learn it (a locked keyring said only that). The
    app now says so, and the shell raises the one-line error without reading the key."""
    data = Path(app_env["MLCOACH_DATA_DIR"])
    app = _start(app_env)
    try:
        _wait_ready(app)
        moment = instance.HandedMoment(new_id(), "Zanzibar was late again", "other")
        assert instance.hand_over_moment(data, moment, timeout=20, env=app_env) == moment.id
        code = ("import sys; from pathlib import Path; "
                "from mlcoach.security.keys import OSKeyring; "
                "from mlcoach.store.vault import Layout, open_store; "
                "o = open_store(Layout(Path(sys.argv[1])), keys=OSKeyring()); "
                "o.store.delete_moment(sys.argv[2]); o.close()")
        subprocess.run([sys.executable, "-c", code, str(data), moment.id], env=app_env,
                       check=True, timeout=60)
        with pytest.raises(MomentDeletedError):
            instance.hand_over_moment(data, moment, timeout=20, env=app_env)
    finally:
        assert _quit(app, data, app_env) == 0
    assert _moments(app_env, "Zanzibar") == []


_FIELDS = {"id", "text", "kind", "person", "style", "tags"}
# A real UUID's shape, hyphens in their places (36 hex digits are not one).
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@settings(max_examples=400, deadline=None)
@given(st.fixed_dictionaries(
    {"id": st.sampled_from([new_id(), new_id().upper(), "0" * 36, "x" * 36, "", 7]),
     "text": st.none() | st.text(max_size=30),
     "kind": st.sampled_from(["other", "recognition", "Other", "evil", "", 1, None]),
     "person": st.none() | st.text(max_size=5) | st.integers(),
     "style": st.sampled_from([None, "facts", "credibility", "loud", 2]),
     "tags": st.lists(st.text(max_size=5), max_size=3) | st.text(max_size=3)
     | st.lists(st.integers(), max_size=2)},
    optional={"extra": st.integers()}).filter(lambda m: len(m) >= 1)
    | st.dictionaries(st.sampled_from(sorted(_FIELDS)), st.text(max_size=4), max_size=6))
def test_fuzz_a_moment_is_taken_only_in_its_exact_shape(moment):
    raw = b'{"mlcoach": 1, "request": "add", "moment": ' + json.dumps(moment).encode() + b"}"
    got = instance.parse(raw)
    ident, text, tags = moment.get("id"), moment.get("text"), moment.get("tags")
    well_formed = (
        set(moment) == _FIELDS and isinstance(ident, str) and _UUID.fullmatch(ident) is not None
        and isinstance(text, str) and bool(text)
        and moment["kind"] in {k.value for k in Kind}
        and (moment["style"] is None or moment["style"] in {s.value for s in Style})
        and (moment["person"] is None or isinstance(moment["person"], str))
        and isinstance(tags, list) and all(isinstance(t, str) for t in tags))
    assert (got is not None) == well_formed, moment
    if got is not None:
        assert got.request == "add" and got.moment == instance.HandedMoment(
            ident, text, moment["kind"], moment["person"], moment["style"], tuple(tags))


def test_only_a_moment_may_be_longer_than_a_request():
    long_text = "ğ" * 3000
    line = instance.encode_moment(instance.HandedMoment(new_id(), long_text, "other"))
    assert len(line) > instance.MAX_MESSAGE
    assert instance.line_limit(line) == instance.MAX_MOMENT_MESSAGE
    assert instance.parse(line.rstrip(b"\n")) is not None
    padded = json.dumps({"mlcoach": 1, "request": "show", "token": "t" * 2000}).encode()
    assert instance.line_limit(padded) == instance.MAX_MESSAGE
    assert instance.parse(padded) is None
    huge = instance.HandedMoment(new_id(), "a" * instance.MAX_MOMENT_MESSAGE, "other")
    assert instance.hand_over_moment(Path("/nonexistent"), huge) is None  # the shell writes it


@pytest.mark.parametrize("argv", [["fine", "--person", "\ud800"], ["fine", "--tag", "\ud800"],
                                  ["\ud800 bad"], ["fine", "--person", "x" * 300]])
def test_text_that_cannot_be_stored_never_reaches_the_app(cli_env, tmp_path, monkeypatch,
                                                          argv):
    import io

    from mlcoach.cli.main import main

    _store_exists(cli_env)
    data = Path(cli_env["MLCOACH_DATA_DIR"])
    runtime = tmp_path / "run"
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    lines: list[bytes] = []
    listener, thread = _fake_app(instance.channel_path(data),
                                 lambda conn, line: (lines.append(line), conn.sendall(b"no\n")))
    try:
        err = io.StringIO()
        code = main(["--data-dir", str(data), "capture", *argv], stdout=io.StringIO(),
                     stderr=err)
    finally:
        with socket.socket(socket.AF_UNIX) as wake:  # lets the listener's accept return
            wake.connect(str(instance.channel_path(data)))
        thread.join(10)
        listener.close()
    assert code == 2 and err.getvalue().count("\n") == 1, err.getvalue()
    assert "unexpected" not in err.getvalue()
    assert lines == []  # the app was never sent the moment
