"""Integration: busy detection read from a real dunst, a real X server and GSettings."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mlcoach.system.desktop import gnome_banners_off, x11_fullscreen

pytestmark = [pytest.mark.desktop]


@pytest.fixture
def session_env(desktop, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:  # type: ignore[no-untyped-def]
    for key in ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR"):
        monkeypatch.setenv(key, desktop.env[key])
    yield desktop.env


def _run_in(env: dict[str, str]) -> Any:
    from mlcoach.system.helper_run import run_bounded

    def run(args: list[str], **kw: Any) -> subprocess.CompletedProcess[str]:
        return run_bounded(args, env=env, **kw)
    return run


def test_dunst_pause_holds_prompts(session_env: dict[str, str], qapp: Any) -> None:
    import time

    from mlcoach.ui.attention import server_paused
    from mlcoach.ui.bus_questions import BusQuestions

    bus = BusQuestions("SESSION", time.monotonic() + 60)
    try:
        subprocess.run(["dunstctl", "set-paused", "true"], env=session_env, check=True)
        assert server_paused(bus) is True
        subprocess.run(["dunstctl", "set-paused", "false"], env=session_env, check=True)
        assert server_paused(bus) is False
    finally:
        subprocess.run(["dunstctl", "set-paused", "false"], env=session_env)
        bus.close()


def test_fullscreen_read_from_the_x_server(session_env: dict[str, str]) -> None:
    run = _run_in(session_env)
    # Xvfb has no window manager: play its part on the root window's properties.
    children = subprocess.run(["xwininfo", "-root", "-children"], env=session_env,
                              capture_output=True, text=True).stdout.split("children:")[1]
    wid = children.split()[0]  # any top-level window (dunst's, trayer's)
    set_ = ["xprop", "-root", "-f", "_NET_ACTIVE_WINDOW", "32x", "-set",
            "_NET_ACTIVE_WINDOW", wid]
    subprocess.run(set_, env=session_env, check=True)
    try:
        subprocess.run(["xprop", "-id", wid, "-f", "_NET_WM_STATE", "32a", "-set",
                        "_NET_WM_STATE", "_NET_WM_STATE_FULLSCREEN"], env=session_env,
                       check=True)
        assert x11_fullscreen(run) is True
        subprocess.run(["xprop", "-id", wid, "-remove", "_NET_WM_STATE"], env=session_env,
                       check=True)
        assert x11_fullscreen(run) is False
    finally:
        subprocess.run(["xprop", "-root", "-remove", "_NET_ACTIVE_WINDOW"], env=session_env)


def test_gnome_do_not_disturb_from_gsettings(session_env: dict[str, str],
                                             tmp_path: Path) -> None:
    schemas = Path("/usr/share/glib-2.0/schemas")
    if not (schemas / "org.gnome.desktop.notifications.gschema.xml").exists():
        pytest.skip("gsettings-desktop-schemas not installed")
    env = dict(session_env, GSETTINGS_BACKEND="keyfile",
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    key = ["org.gnome.desktop.notifications", "show-banners"]
    assert gnome_banners_off(_run_in(env)) is False  # the default
    subprocess.run(["gsettings", "set", *key, "false"], env=env, check=True)
    assert gnome_banners_off(_run_in(env)) is True
    assert os.environ.get("GSETTINGS_BACKEND") != "keyfile"  # only the test's env changed
