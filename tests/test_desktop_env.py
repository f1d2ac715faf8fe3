"""mlcoach/system/desktop.py, and the window commands without any display (subprocesses)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mlcoach.system.desktop import (
    BusyAnswer,
    activation_token,
    desktop_name,
    display_problem,
    session_kind,
    shortcut_hint,
)

NO_DISPLAY = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "MLCOACH_DATA_DIR")


def _bare_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in NO_DISPLAY}
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env["XDG_RUNTIME_DIR"] = str(runtime)  # no running app to hand over to
    return env


@pytest.mark.parametrize("args", [[], ["run"], ["capture"], ["reflect"], ["suggest"]])
def test_window_commands_without_a_display_say_so_in_one_line(tmp_path: Path,
                                                               args: list[str]) -> None:
    data = tmp_path / "data"
    res = subprocess.run([sys.executable, "-m", "mlcoach", "--data-dir", str(data), *args],
                         env=_bare_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert res.returncode == 1, res.stderr  # not 134 (Qt's abort)
    lines = res.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("mlcoach: no display"), res.stderr
    assert "DISPLAY" in lines[0] and "Traceback" not in res.stderr
    assert not data.exists()  # nothing was created


def test_capture_with_text_still_works_without_a_display(tmp_path: Path) -> None:
    env = _bare_env(tmp_path)
    env["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    data = tmp_path / "data"
    res = subprocess.run([sys.executable, "-m", "mlcoach", "--data-dir", str(data),
                          "capture", "Asked Bo how a shorter review would work"],
                         env=env, capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip()  # the new moment's id


@pytest.mark.parametrize(("env", "blocked"), [
    ({}, True),
    ({"DISPLAY": ":0"}, False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, False),
    ({"QT_QPA_PLATFORM": "offscreen"}, False),
    ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, True),
    ({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"}, True),
    ({"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":0"}, False),
    ({"QT_QPA_PLATFORM": "xcb:dpi=96", "DISPLAY": ":3"}, False),
])
def test_display_problem_reads_what_qt_reads(env: dict[str, str], blocked: bool) -> None:
    there = display_problem(env, platform="linux", reachable=lambda *_: True)
    assert (there is not None) is blocked


def _free_display() -> int:
    """An X display number nothing listens on here, neither as a file nor abstract."""
    import socket

    for number in range(170, 400):
        if os.path.exists(f"/tmp/.X11-unix/X{number}"):
            continue
        with socket.socket(socket.AF_UNIX) as sock:
            try:
                sock.connect(f"\0/tmp/.X11-unix/X{number}")
            except OSError:
                return number
    raise AssertionError("no free display number")


def test_a_display_that_answers_is_told_from_one_left_behind(tmp_path: Path) -> None:
    """A real socket (as a compositor makes) answers; the same name without one, an X
    display nobody serves and a TCP display with nothing listening do not."""
    import socket

    runtime = tmp_path / "run"
    runtime.mkdir()
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(runtime / "wayland-7"))
        server.listen(1)
        env = {"WAYLAND_DISPLAY": "wayland-7", "XDG_RUNTIME_DIR": str(runtime)}
        assert display_problem(env, platform="linux") is None
        stale = {**env, "WAYLAND_DISPLAY": "wayland-8"}
        assert "nothing answers at WAYLAND_DISPLAY=wayland-8" in (
            display_problem(stale, platform="linux") or "")
        # either display answering is enough, as Qt tries the next plugin
        both = {**env, "DISPLAY": f":{_free_display()}"}
        assert display_problem(both, platform="linux") is None
    assert display_problem({"DISPLAY": f":{_free_display()}"}, platform="linux") is not None
    with socket.socket() as tcp:
        tcp.bind(("127.0.0.1", 0))
        port = tcp.getsockname()[1]
    if port >= 6000:  # a forwarded X display is TCP port 6000 + its number
        gone = {"DISPLAY": f"127.0.0.1:{port - 6000}.0"}
        assert display_problem(gone, platform="linux") is not None


def test_a_display_by_host_name_is_left_to_qt_and_a_protocol_prefix_is_read() -> None:
    """A name would need the resolver, which no deadline bounds: Qt decides (review)."""
    from mlcoach.system.desktop import display_answers

    assert display_answers("DISPLAY", "some-host.example:0", {}) is True
    assert display_answers("DISPLAY", f"tcp/127.0.0.1:{_free_tcp_display()}", {}) is False


def _free_tcp_display() -> int:
    import socket

    for number in range(60, 100):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", 6000 + number)) != 0:
                return number
    raise AssertionError("no free display port")


@pytest.mark.parametrize("args", [["run"], ["capture"], ["reflect"]])
def test_window_commands_on_a_display_that_ended_say_so_in_one_line(
        tmp_path: Path, args: list[str]) -> None:
    """`DISPLAY=:99 mlcoach run` over ssh, after the session ended: Qt aborted the
    process (exit 134) saying that libxcb-cursor0 was needed."""
    env = {**_bare_env(tmp_path), "DISPLAY": f":{_free_display()}"}
    data = tmp_path / "data"
    res = subprocess.run([sys.executable, "-m", "mlcoach", "--data-dir", str(data), *args],
                         env=env, capture_output=True, text=True, timeout=60)
    assert res.returncode == 1, res.stderr
    lines = res.stderr.splitlines()
    assert len(lines) == 1 and "nothing answers at DISPLAY=" in lines[0], res.stderr
    assert not data.exists()


def test_macos_and_windows_need_no_display_variable() -> None:
    assert display_problem({}, platform="darwin") is None
    assert display_problem({}, platform="win32") is None


def test_session_and_desktop_names() -> None:
    assert session_kind({}, "wayland") == "wayland"
    assert session_kind({"WAYLAND_DISPLAY": "w"}, "xcb") == "x11"  # Xwayland client
    assert session_kind({"WAYLAND_DISPLAY": "w", "DISPLAY": ":0"}) == "wayland"
    assert session_kind({"DISPLAY": ":0"}) == "x11"
    assert session_kind({}, "offscreen") == ""
    assert desktop_name({"XDG_CURRENT_DESKTOP": "ubuntu:GNOME"}) == "gnome"
    assert desktop_name({"XDG_CURRENT_DESKTOP": "KDE"}) == "kde"
    assert desktop_name({"SWAYSOCK": "/run/sway"}) == "sway"
    assert desktop_name({"XDG_CURRENT_DESKTOP": "XFCE"}) == "xfce"
    assert "Custom Shortcuts" in shortcut_hint("gnome")
    assert "bindsym" in shortcut_hint("sway")
    assert "mlcoach capture" in shortcut_hint("xfce")


def test_activation_token_prefers_wayland_then_x11_startup_id() -> None:
    assert activation_token({"XDG_ACTIVATION_TOKEN": "w", "DESKTOP_STARTUP_ID": "x"}) == "w"
    assert activation_token({"DESKTOP_STARTUP_ID": "x"}) == "x"
    assert activation_token({}) == ""


class FakeRun:
    """Answers helper commands from a table, as subprocess.run would."""

    def __init__(self, answers: dict[str, tuple[int, str]]) -> None:
        self.answers = answers
        self.calls: list[list[str]] = []

    def __call__(self, args: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
        self.calls.append(args)
        assert kw["timeout"] and float(kw["timeout"]) <= 1.0  # type: ignore[arg-type]
        for prefix, (code, out) in self.answers.items():
            if " ".join(args).startswith(prefix):
                return subprocess.CompletedProcess(args, code, out, "")
        raise FileNotFoundError(args[0])


def test_gnome_do_not_disturb_is_show_banners_false() -> None:
    from mlcoach.system.desktop import gnome_banners_off

    key = "gsettings get org.gnome.desktop.notifications show-banners"
    assert gnome_banners_off(FakeRun({key: (0, "false\n")})) is True
    assert gnome_banners_off(FakeRun({key: (0, "true\n")})) is False
    assert gnome_banners_off(FakeRun({key: (1, "No such schema")})) is None
    assert gnome_banners_off(FakeRun({})) is None  # gsettings not installed


def test_x11_fullscreen_reads_the_active_windows_state() -> None:
    from mlcoach.system.desktop import x11_fullscreen

    active = {"xprop -root": (0, "_NET_ACTIVE_WINDOW(WINDOW): window id # 0x1a00004\n")}
    full = FakeRun({**active, "xprop -id 0x1a00004": (
        0, "_NET_WM_STATE(ATOM) = _NET_WM_STATE_FULLSCREEN\n")})
    assert x11_fullscreen(full) is True
    normal = FakeRun({**active, "xprop -id 0x1a00004": (0, "_NET_WM_STATE(ATOM) = \n")})
    assert x11_fullscreen(normal) is False
    no_wm = FakeRun({"xprop -root": (0, "_NET_ACTIVE_WINDOW:  not found.\n")})
    assert x11_fullscreen(no_wm) is False and len(no_wm.calls) == 1
    assert x11_fullscreen(FakeRun({})) is None  # xprop missing: cannot tell


def test_each_desktop_gets_the_routes_it_publishes() -> None:
    from mlcoach.system.desktop import busy_routes

    def names(env: dict[str, str], qpa: str) -> list[str]:
        return [n for n, _ in busy_routes(env, qpa, server_paused=lambda: False)]

    gnome_wayland = {"XDG_CURRENT_DESKTOP": "GNOME", "WAYLAND_DISPLAY": "wayland-0"}
    assert names(gnome_wayland, "wayland") == ["notifications paused", "GNOME Do Not Disturb"]
    assert names({"XDG_CURRENT_DESKTOP": "KDE"}, "wayland") == ["notifications paused"]
    assert names({"DISPLAY": ":0"}, "xcb") == ["notifications paused", "fullscreen window"]


def test_doctor_says_plainly_that_wayland_cannot_tell_fullscreen() -> None:
    from mlcoach.system.desktop import busy_sources

    status, text = busy_sources({"WAYLAND_DISPLAY": "w", "XDG_CURRENT_DESKTOP": "GNOME"},
                                has=lambda _tool: True)
    assert status == "WARN" and "cannot be seen on Wayland" in text
    assert "GNOME's Do Not Disturb" in text
    status, text = busy_sources({"DISPLAY": ":0"}, has=lambda tool: tool != "xprop")
    assert status == "WARN" and "x11-utils" in text
    assert busy_sources({"DISPLAY": ":0"}, has=lambda _tool: True)[0] == "OK"


def test_the_hand_over_carries_the_activation_token_and_refuses_odd_ones() -> None:
    from mlcoach.system import instance

    raw = instance.encode("capture", "gnome-shell/mlcoach/2-3-host_TIME42").strip()
    assert instance.parse(raw) == instance.Message("capture", "gnome-shell/mlcoach/2-3-host_TIME42")
    assert instance.decode(raw) == "capture"
    assert instance.parse(instance.encode("capture").strip()) == instance.Message("capture")
    assert b"token" not in instance.encode("capture", "has space")  # never sent
    for bad in ("has space", "x" * 300, 7, "", "ünï"):
        msg = json.dumps({"mlcoach": 1, "request": "capture", "token": bad}).encode()
        assert instance.parse(msg) is None or bad == ""


def test_doctor_reports_the_desktop_in_plain_words(tmp_path: Path) -> None:
    import socket

    env = _bare_env(tmp_path)
    env.update(WAYLAND_DISPLAY="wayland-0", XDG_CURRENT_DESKTOP="GNOME",
               PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    with socket.socket(socket.AF_UNIX) as compositor:  # what the display names is there
        compositor.bind(str(Path(env["XDG_RUNTIME_DIR"]) / "wayland-0"))
        compositor.listen(1)
        res = subprocess.run([sys.executable, "-m", "mlcoach", "--data-dir",
                              str(tmp_path / "d"), "doctor", "--json"], env=env,
                             capture_output=True, text=True, timeout=60)
    checks = {c["name"]: c for c in json.loads(res.stdout)}
    assert checks["display"]["status"] == "OK" and "wayland" in checks["display"]["detail"]
    assert "cannot be seen on Wayland" in checks["busy"]["detail"]
    assert "AppIndicator" in checks["tray"]["detail"]
    assert "Custom Shortcuts" in checks["shortcut"]["detail"]
    env.pop("WAYLAND_DISPLAY")
    res = subprocess.run([sys.executable, "-m", "mlcoach", "--data-dir", str(tmp_path / "d"),
                          "doctor", "--json"], env=env, capture_output=True, text=True,
                         timeout=60)
    display = {c["name"]: c for c in json.loads(res.stdout)}["display"]
    assert display["status"] == "WARN" and display["detail"].startswith("no display")


# -- the helpers themselves (real processes) ---------------------------------------------------

def test_a_helper_answer_is_read_whole_when_small() -> None:
    from mlcoach.system.helper_run import run_bounded

    done = run_bounded(["printf", "a\\nb"], timeout=30, limit=64)
    assert (done.returncode, done.stdout) == (0, "a\nb")
    assert run_bounded(["false"], timeout=30, limit=64).returncode == 1


def test_a_flooding_helper_is_cut_off_and_killed() -> None:
    from mlcoach.system.helper_run import TooMuchOutput, run_bounded

    with pytest.raises(TooMuchOutput):
        run_bounded(["yes"], timeout=60, limit=4096)


def test_a_silent_helper_is_stopped_at_the_deadline() -> None:
    from mlcoach.system.helper_run import run_bounded

    with pytest.raises(subprocess.TimeoutExpired):
        run_bounded(["sleep", "600"], timeout=0.2, limit=64)


def test_a_gsettings_that_floods_answers_cannot_tell(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from mlcoach.system.desktop import gnome_banners_off

    fake = tmp_path / "gsettings"
    fake.write_text("#!/bin/sh\nexec yes false\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    assert gnome_banners_off() is None


def test_a_session_up_for_a_while_is_not_waited_on_for_a_tray(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Without a tray the app waited its full 8 s for one even when started by hand in a
    session up for hours; it waits only when the display is new (a start at login)."""
    import os
    import socket
    import time

    from mlcoach.system.desktop import display_age, started_with_the_session

    path = tmp_path / "wayland-7"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(path))
        env = {"WAYLAND_DISPLAY": "wayland-7", "XDG_RUNTIME_DIR": str(tmp_path)}
        now = time.time()
        assert started_with_the_session(env, now)  # made just now: a login start
        hours_ago = now - 3 * 3600
        os.utime(path, (hours_ago, hours_ago))
        age = display_age(env, now)
        assert age is not None and abs(age - 3 * 3600) < 5
        assert not started_with_the_session(env, now)
    finally:
        sock.close()
    # What cannot be told waits, as before: a remote X display, a socket that is gone.
    assert started_with_the_session({"DISPLAY": "otherhost:0"})
    assert started_with_the_session({"WAYLAND_DISPLAY": str(tmp_path / "gone")})


def test_routes_asked_together_one_hung_leaves_the_others_their_say() -> None:
    """A route that never answers (to the deadline) holds neither a busy answer from
    another nor, once every other has answered not busy, the look past its deadline."""
    import threading
    import time

    from mlcoach.system.desktop import ask_busy_together

    hung = threading.Event()

    def never() -> bool:
        hung.wait()
        return True

    try:
        answer = ask_busy_together([("hung", never), ("paused", lambda: True)],
                                   time.monotonic() + 600)
        assert answer == BusyAnswer(True, "paused")
        assert ask_busy_together([("hung", never), ("no", lambda: False)],
                                 time.monotonic()) == BusyAnswer(False)
        assert ask_busy_together([("broken", lambda: 1 / 0), ("unknown", lambda: None),
                                  ("no", lambda: False)],
                                 time.monotonic() + 600) == BusyAnswer(False)
    finally:
        hung.set()


def test_a_helper_no_longer_needed_is_ended_by_the_looks_stop():
    """The look had its answer: a helper still running (a hung xprop) is killed now, not
    left to its deadline (ten minutes here)."""
    import threading

    from mlcoach.system.helper_run import run_bounded
    from mlcoach.system.stop import Stop

    stop = Stop()
    done: list[int] = []
    started = threading.Event()

    def helper() -> None:
        started.set()
        done.append(run_bounded(["sh", "-c", "exec sleep 600"], timeout=600, limit=64,
                                stop=stop).returncode)

    runner = threading.Thread(target=helper, daemon=True)
    runner.start()
    assert started.wait(60)
    stop.set()
    runner.join(60)  # a bound for a broken build, not a speed check
    assert done and done[0] != 0
