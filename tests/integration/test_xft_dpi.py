"""Integration: X11 scaling set the classic way, Xft.dpi: 144 in the X resources (what
`xrdb -merge` writes; desktops without their own scaling, such as i3 or Xfce, use it), on
a real X server (Xvfb, trayer's panel at the top right): Qt scales the app by 1.5 from
it, and the tray icon, a prompt card and quick capture are whole on the screen."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mlcoach.system import instance
from mlcoach.ui.prompt_card import CARD_WIDTH
from tests.integration.test_desktop import _cli, _env, _prepare, _wait_embedded, _wait_line
from tests.integration.test_scaled_card import SCREEN, _geometry

pytestmark = [pytest.mark.desktop, pytest.mark.slow]


@pytest.fixture
def xft_dpi_144(desktop) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Xft.dpi: 144 in the root window's resources, as `xrdb -merge` puts it (xrdb's
    package is not among the test tools; xprop, with xwininfo, is); taken away after."""
    subprocess.run(["xprop", "-root", "-f", "RESOURCE_MANAGER", "8s", "-set",
                    "RESOURCE_MANAGER", "Xft.dpi:\t144\n"], env=desktop.env, check=True)
    try:
        yield
    finally:
        subprocess.run(["xprop", "-root", "-remove", "RESOURCE_MANAGER"], env=desktop.env,
                       check=False)


def _window(env: dict[str, str], marker: str, timeout: float = 15) -> tuple[int, ...]:
    deadline = time.monotonic() + timeout
    while True:
        tree = subprocess.run(["xwininfo", "-root", "-tree"], env=env, capture_output=True,
                              text=True).stdout
        if marker in tree or time.monotonic() > deadline:
            return _geometry(tree, marker)
        time.sleep(0.1)


def test_the_icon_card_and_capture_are_whole_at_xft_dpi_144(
        desktop, xft_dpi_144: None, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env = _env(desktop, tmp_path)
    assert _cli(env, "init").returncode == 0
    _prepare(env, notification_route="card")
    app = subprocess.Popen([sys.executable, "-m", "mlcoach", "run"], env=env, text=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    data = tmp_path / "data"
    try:
        _wait_line(app, "store")
        tree = _wait_embedded(env)
        panel = _geometry(tree, '("panel" "trayer")')
        icon = _geometry(tree, '("mlcoach" "mlcoach")')
        assert icon[2] <= panel[2] and icon[3] <= panel[3], (icon, panel)  # in the panel
        assert instance.send(data, "prompt", timeout=20, env=env)
        _wait_line(app, "card")
        x, y, w, h = _window(env, '"mlcoach prompt"')
        assert w >= CARD_WIDTH * 3 // 2, "Qt scaled the app by 1.5 from Xft.dpi"
        assert y >= panel[1] + panel[3], "under the panel"
        assert x >= 0 and x + w <= SCREEN[0] and y + h <= SCREEN[1], (x, y, w, h)
        assert instance.send(data, "capture", timeout=20, env=env)
        x, y, w, h = _window(env, '"Capture a moment"')
        assert x >= 0 and y >= 0 and x + w <= SCREEN[0] and y + h <= SCREEN[1], (x, y, w, h)
    finally:
        instance.send(data, "quit", env=env)
        assert app.wait(timeout=20) == 0
