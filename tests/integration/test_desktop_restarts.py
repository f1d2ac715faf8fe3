"""Integration: the desktop's own services restart under the running app (Xvfb, trayer,
dunst, a private session bus): the panel (tray host) and the notification server."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest

from mlcoach.system import instance
from tests.integration.conftest import _wait
from tests.integration.test_desktop import (
    _cli,
    _embedded_in_tray,
    _env,
    _prepare,
    _tray_children,
    _wait_line,
)

pytestmark = [pytest.mark.desktop, pytest.mark.slow]

TRAYER = ("trayer", "--edge", "top", "--align", "right", "--widthtype", "request",
          "--height", "32", "--transparent", "false", "--SetDockType", "true")


def _ours(name: str, env: dict[str, str]) -> list[int]:
    """Pids of the desktop's `name` processes (this test desktop's display only)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "comm").read_text().strip() != name:
                continue
            environ = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if f"DISPLAY={env['DISPLAY']}".encode() in environ:
            found.append(int(entry.name))
    return found


_until = partial(_wait, timeout=15)  # a restarted service takes longer than a start


def test_the_icon_comes_back_when_the_panel_restarts(desktop, tmp_path):  # type: ignore[no-untyped-def]
    env = _env(desktop, tmp_path)
    assert _cli(env, "init").returncode == 0
    _prepare(env, notification_route="notification")
    app = subprocess.Popen([sys.executable, "-m", "mlcoach", "run"], env=env, text=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    data = tmp_path / "data"
    try:
        _wait_line(app, "store")
        assert _until(lambda: _embedded_in_tray(_tray_children(env))), _tray_children(env)
        for pid in _ours("trayer", env):
            os.kill(pid, signal.SIGTERM)
        assert _until(lambda: not _ours("trayer", env))
        desktop.spawn(*TRAYER)
        assert _until(lambda: _embedded_in_tray(_tray_children(env))), _tray_children(env)
        assert app.poll() is None
        # dunst restarting: the prompt sent after it still arrives with its buttons.
        for pid in _ours("dunst", env):
            os.kill(pid, signal.SIGTERM)
        assert _until(lambda: not _ours("dunst", env))
        desktop.spawn("dunst")
        assert _until(lambda: subprocess.run(["dunstctl", "is-paused"], env=env,
                                             capture_output=True).returncode == 0)
        assert instance.send(data, "prompt", timeout=20, env=env)
        _wait_line(app, "prompt")
        assert _until(lambda: subprocess.run(
            ["dunstctl", "count", "displayed"], env=env, capture_output=True,
            text=True).stdout.strip() not in ("", "0"))
    finally:
        instance.send(data, "quit", env=env)
        assert app.wait(timeout=20) == 0
    subprocess.run(["dunstctl", "close-all"], env=env, capture_output=True)
    assert json.loads(_cli(env, "export").stdout)["prompt_events"]


def test_started_again_with_the_panel_gone_the_app_opens_its_window(desktop, tmp_path):  # type: ignore[no-untyped-def]
    """With the panel gone (GNOME's AppIndicator extension switched off, a panel that
    quit), starting mlcoach from the menu said "already running in the tray" into a tray
    no one could see, and the app could not be reached."""
    env = _env(desktop, tmp_path)
    assert _cli(env, "init").returncode == 0
    _prepare(env)
    app = subprocess.Popen([sys.executable, "-m", "mlcoach", "run"], env=env, text=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    data = tmp_path / "data"
    try:
        _wait_line(app, "store")
        assert _until(lambda: _embedded_in_tray(_tray_children(env))), _tray_children(env)
        for pid in _ours("trayer", env):
            os.kill(pid, signal.SIGTERM)
        assert _until(lambda: not _ours("trayer", env))
        again = _cli(env)  # `mlcoach` from the menu: a second start hands "show" over
        assert again.returncode == 0, again.stderr
        _wait_line(app, "window")
    finally:
        desktop.spawn(*TRAYER)  # the panel back for the tests after this one
        instance.send(data, "quit", env=env)
        assert app.wait(timeout=20) == 0
    assert _until(lambda: bool(_ours("trayer", env)))


def _visible_window(env: dict[str, str], title: str) -> bool:
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", f"^{title}$"],
                           env=env, capture_output=True, text=True, timeout=20)
    return bool(found.stdout.split())


def test_a_tray_that_comes_after_the_app_gets_its_icon(desktop, tmp_path):  # type: ignore[no-untyped-def]
    """No tray when the app started (a panel slower than the start's wait): the app
    lived in its window for good, and the tray that came later was never used."""
    env = _env(desktop, tmp_path)
    assert _cli(env, "init").returncode == 0
    _prepare(env)
    data = tmp_path / "data"
    for pid in _ours("trayer", env):
        os.kill(pid, signal.SIGTERM)
    assert _until(lambda: not _ours("trayer", env))
    app = subprocess.Popen([sys.executable, "-m", "mlcoach", "run"], env=env, text=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_line(app, "window")  # no tray: the window stands in for it
        desktop.spawn(*TRAYER)
        _wait_line(app, "tray", timeout=60)
        assert _until(lambda: _embedded_in_tray(_tray_children(env))), _tray_children(env)
        assert _visible_window(env, "mlcoach")  # the window the user may be using stays
    finally:
        if not _ours("trayer", env):
            desktop.spawn(*TRAYER)  # the panel back for the tests after this one
        instance.send(data, "quit", env=env)
        assert app.wait(timeout=20) == 0


def test_the_icon_that_went_to_a_watcher_that_left_is_not_taken_for_shown(desktop,  # type: ignore[no-untyped-def]
                                                                           tmp_path):
    """KDE on X11: the icon goes to the StatusNotifierWatcher, and an XEmbed tray is there
    too. The panel quit: Qt still said there was a tray (the XEmbed one, which never had
    the icon), so a second start said "already running in the tray", with no window."""
    from tests.reliability.bus import SYSTEM_PYTHON, _owned

    if subprocess.run([SYSTEM_PYTHON, "-c", "import dbusmock"], capture_output=True,
                      timeout=30).returncode != 0:
        pytest.skip("missing: python3-dbusmock")
    env = _env(desktop, tmp_path)
    assert _cli(env, "init").returncode == 0
    _prepare(env)
    data = tmp_path / "data"
    name = "org.kde.StatusNotifierWatcher"
    watcher = subprocess.Popen([SYSTEM_PYTHON, "-m", "dbusmock", "--session", name,
                                "/StatusNotifierWatcher", name], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    app = None
    try:
        assert _until(lambda: _owned(env["DBUS_SESSION_BUS_ADDRESS"], name))
        app = subprocess.Popen([sys.executable, "-m", "mlcoach", "run"], env=env, text=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _wait_line(app, "store")
        assert not _embedded_in_tray(_tray_children(env))  # the watcher has the icon
        watcher.kill()
        watcher.wait(timeout=20)
        assert _until(lambda: not _owned(env["DBUS_SESSION_BUS_ADDRESS"], name))
        again = _cli(env)  # `mlcoach` from the menu: a second start hands "show" over
        assert again.returncode == 0, again.stderr
        _wait_line(app, "window")
    finally:
        watcher.kill()
        watcher.wait(timeout=20)
        if app is not None:
            instance.send(data, "quit", env=env)
            assert app.wait(timeout=20) == 0
