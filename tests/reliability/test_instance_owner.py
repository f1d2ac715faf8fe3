"""The single-instance channel never goes to another user: without XDG_RUNTIME_DIR it
lives in our own 0700 folder in /tmp, or in our cache when someone else got there first
(refused when that fails too, though a capture is then stored by the command itself), and a
hand-over checks the listening process's uid (SO_PEERCRED) before saying anything.

Another local user is simulated with uid 65534 (the tests run as root, which can chown
and setuid; they are skipped otherwise)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from mlcoach.domain.errors import MlcoachError
from mlcoach.system import instance
from tests.conftest import run_cli

OTHER = 65534
as_root = pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0,
                             reason="simulating another user needs root")


@pytest.fixture
def tmp_base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in for /tmp (sticky and world-writable like it), with no runtime folder."""
    base = tmp_path / "tmp"
    base.mkdir()
    os.chmod(base, 0o1777)
    monkeypatch.setattr(tempfile, "tempdir", str(base))
    return base


@pytest.fixture
def cache_home() -> Iterator[Path]:
    """A short XDG_CACHE_HOME: a socket's path must stay under 104 bytes."""
    folder = Path(tempfile.mkdtemp(prefix="mlc-", dir="/tmp"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_without_a_runtime_folder_the_channel_gets_our_own_private_folder(tmp_base: Path,
                                                                         tmp_path: Path) -> None:
    path = instance.channel_path(tmp_path / "data", env={})
    folder = tmp_base / f"mlcoach-{os.getuid()}"
    assert path.parent == folder
    st = os.lstat(folder)
    assert st.st_uid == os.getuid() and st.st_mode & 0o777 == 0o700


@as_root
def test_a_folder_another_user_made_first_moves_the_channel_to_our_cache(
        tmp_base: Path, tmp_path: Path, cache_home: Path) -> None:
    """Someone else's /tmp/mlcoach-<uid> (it cannot be removed from a sticky /tmp) used to
    leave `mlcoach run` without a channel: a second start then opened a second app."""
    folder = tmp_base / f"mlcoach-{os.getuid()}"
    folder.mkdir(mode=0o700)
    os.chown(folder, OTHER, OTHER)
    env = {"XDG_CACHE_HOME": str(cache_home)}
    path = instance.channel_path(tmp_path / "data", env=env)
    assert path.parent == cache_home / "mlcoach" / f"run-{socket.gethostname()}"
    st = os.lstat(path.parent)
    assert st.st_uid == os.getuid() and st.st_mode & 0o777 == 0o700
    assert instance.channel_path(tmp_path / "data", env=env) == path  # the same every time
    assert not instance.send(tmp_path / "data", "show", env=env)  # nobody there yet


@as_root
def test_a_folder_another_user_made_first_is_refused_when_the_cache_cannot_serve(
        tmp_base: Path, tmp_path: Path, cache_home: Path) -> None:
    folder = tmp_base / f"mlcoach-{os.getuid()}"
    folder.mkdir(mode=0o700)
    os.chown(folder, OTHER, OTHER)
    cache = cache_home / "mlcoach" / f"run-{socket.gethostname()}"
    cache.mkdir(parents=True, mode=0o700)
    os.chown(cache, OTHER, OTHER)
    env = {"XDG_CACHE_HOME": str(cache_home)}
    with pytest.raises(MlcoachError, match="not a private folder of yours"):
        instance.channel_path(tmp_path / "data", env=env)
    with pytest.raises(MlcoachError, match="not a private folder of yours"):
        instance.send(tmp_path / "data", "show", env=env)
    deep = {"XDG_CACHE_HOME": str(tmp_path / ("x" * 100))}  # too long for a socket path
    with pytest.raises(MlcoachError, match="not a private folder of yours"):
        instance.channel_path(tmp_path / "data", env=deep)
    assert not (tmp_path / ("x" * 100)).exists()


@as_root
def test_a_folder_another_user_made_first_does_not_stop_a_capture(
        tmp_base: Path, tmp_path: Path, cli_env: dict[str, str]) -> None:
    """Without a runtime folder (ssh, cron), another user's /tmp/mlcoach-<uid> failed
    `capture TEXT`, and the moment was not stored: with no channel of ours there is no
    app to hand it to, so the command stores it itself."""
    folder = tmp_base / f"mlcoach-{os.getuid()}"
    folder.mkdir(mode=0o700)
    os.chown(folder, OTHER, OTHER)
    data = tmp_path / "data"
    env = {k: v for k, v in cli_env.items() if k != "XDG_RUNTIME_DIR"}
    env.update(TMPDIR=str(tmp_base), MLCOACH_DATA_DIR=str(data))
    for args in (["init", "--no-encryption"], ["capture", "Asked Bo over ssh"]):
        res = subprocess.run([sys.executable, "-m", "mlcoach", *args], env=env,
                             capture_output=True, text=True, timeout=60)
        assert res.returncode == 0, res.stderr
    found = subprocess.run([sys.executable, "-m", "mlcoach", "search", "ssh"], env=env,
                           capture_output=True, text=True, timeout=60)
    assert "Asked Bo over [ssh]" in found.stdout, found.stderr


@pytest.mark.parametrize("how", ["symlink", "open mode"])
def test_a_link_or_an_open_folder_is_not_used(tmp_base: Path, tmp_path: Path, cache_home: Path,
                                              how: str) -> None:
    folder = tmp_base / f"mlcoach-{os.getuid()}"
    if how == "symlink":
        target = tmp_path / "elsewhere"
        target.mkdir(mode=0o700)
        folder.symlink_to(target)
    else:
        folder.mkdir()
        os.chmod(folder, 0o777)
    env = {"XDG_CACHE_HOME": str(cache_home)}
    path = instance.channel_path(tmp_path / "data", env=env)
    assert path.parent == cache_home / "mlcoach" / f"run-{socket.gethostname()}"
    os.chmod(path.parent, 0o755)  # our cache folder opened up: refused too
    with pytest.raises(MlcoachError, match="not a private folder"):
        instance.channel_path(tmp_path / "data", env=env)


def test_a_shared_runtime_folder_is_not_used(tmp_base: Path, tmp_path: Path) -> None:
    shared = tmp_path / "shared-run"
    shared.mkdir()
    os.chmod(shared, 0o777)
    path = instance.channel_path(tmp_path / "data", env={"XDG_RUNTIME_DIR": str(shared)})
    assert path.parent == tmp_base / f"mlcoach-{os.getuid()}"


LISTENER = """
import os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind(sys.argv[1])
os.setuid(int(sys.argv[2]))  # the listening socket carries this uid from listen() on
s.listen(4)
print("ready", flush=True)
while True:
    conn, _ = s.accept()
    conn.settimeout(5)
    try:
        got = conn.recv(1024)
    except OSError:
        got = b""
    if got:
        print("got", len(got), flush=True)
    conn.sendall(b"ok\\n")
    conn.close()
"""


@as_root
@pytest.mark.parametrize("command", [["capture"], ["run"]])
def test_no_hand_over_to_another_users_process(tmp_path: Path, cli_env: dict[str, str],
                                               command: list[str]) -> None:
    """A process of another user listening on our channel path gets nothing, and the
    command does not exit 0 as if it had handed over."""
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = dict(cli_env, XDG_RUNTIME_DIR=str(runtime), QT_QPA_PLATFORM="offscreen")
    data = Path(env["MLCOACH_DATA_DIR"])
    path = instance.channel_path(data, env)
    listener = subprocess.Popen([sys.executable, "-c", LISTENER, str(path), str(OTHER)],
                                stdout=subprocess.PIPE, text=True)
    try:
        assert listener.stdout is not None and listener.stdout.readline().strip() == "ready"
        res = subprocess.run([sys.executable, "-m", "mlcoach", *command], env=env,
                             capture_output=True, text=True, timeout=60)
    finally:
        listener.kill()
        out, _ = listener.communicate()
    assert res.returncode == 1, res.stderr
    assert "belongs to another user (uid 65534)" in res.stderr
    assert "got" not in out  # it was never sent a request


def test_our_own_listener_still_gets_the_hand_over(tmp_path: Path) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {"XDG_RUNTIME_DIR": str(runtime)}
    path = instance.channel_path(tmp_path / "data", env)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        server.listen(1)
        server.settimeout(30)
        import threading

        got: list[bytes] = []

        def answer() -> None:
            conn, _ = server.accept()
            with conn:
                got.append(conn.recv(1024))
                conn.sendall(b"ok\n")

        thread = threading.Thread(target=answer)
        thread.start()
        assert instance.send(tmp_path / "data", "capture", timeout=20, env=env) is True
        thread.join(30)
    assert instance.decode(got[0].strip()) == "capture"


@as_root
@pytest.mark.parametrize("made", [False, True])
def test_root_refuses_to_work_in_another_users_data_folder(cli_env, tmp_path: Path,
                                                           made: bool) -> None:
    """`sudo mlcoach capture …` with the user's HOME made ~/.local/share root's (0700),
    and on an existing store a backup only root could read: a later repair fell back to
    an older one, and the day's moments left the live store."""
    home = tmp_path / "alice"
    home.mkdir()
    os.chown(home, OTHER, OTHER)
    data = home / ".local" / "share" / "mlcoach"
    if made:
        data.mkdir(parents=True)
        for folder in (data, data.parent, data.parent.parent):
            os.chown(folder, OTHER, OTHER)
    env = {**cli_env, "MLCOACH_DATA_DIR": str(data)}
    done = run_cli(env, "capture", "as root")
    assert done.returncode == 2, done.stderr
    assert "running as root" in done.stderr and "without sudo" in done.stderr
    assert sorted(p.name for p in home.rglob("*")) == (
        [".local", "mlcoach", "share"] if made else [])
