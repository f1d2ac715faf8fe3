"""Integration: the prompt card beside the tray icon at 125, 150 and 200 % on a real X
server (Xvfb, trayer's panel at the top right): under the panel, whole on the screen."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from mlcoach.system import instance
from tests.integration.test_desktop import _cli, _env, _prepare, _wait_embedded, _wait_line

pytestmark = [pytest.mark.desktop, pytest.mark.slow]

SCREEN = (1280, 800)  # the desktop fixture's Xvfb screen


def _geometry(tree: str, marker: str) -> tuple[int, int, int, int]:
    """x, y, width, height (device pixels) of the window whose line holds `marker`."""
    for line in tree.splitlines():
        if marker in line:
            found = re.search(r"(\d+)x(\d+)\+(-?\d+)\+(-?\d+)", line)
            assert found, line
            w, h, x, y = map(int, found.groups())
            return x, y, w, h
    raise AssertionError(f"no {marker!r} window in:\n{tree}")


@pytest.mark.parametrize("scale", ["1.25", "1.5", "2"])
def test_the_card_is_under_the_top_panel_and_whole_at_a_scale(desktop, tmp_path: Path,
                                                              scale: str) -> None:
    env = _env(desktop, tmp_path, QT_SCALE_FACTOR=scale)
    assert _cli(env, "init").returncode == 0
    _prepare(env, notification_route="card")
    app = subprocess.Popen([sys.executable, "-m", "mlcoach", "run"], env=env, text=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    data = tmp_path / "data"
    try:
        _wait_line(app, "store")
        _wait_embedded(env)
        assert instance.send(data, "prompt", timeout=20, env=env)
        _wait_line(app, "card")
        tree = subprocess.run(["xwininfo", "-root", "-tree"], env=env, capture_output=True,
                              text=True).stdout
        x, y, w, h = _geometry(tree, '"mlcoach prompt"')
        _px, py, _pw, ph = _geometry(tree, '("panel" "trayer")')
        assert y >= py + ph, "under the panel"
        assert x >= 0 and x + w <= SCREEN[0] and y + h <= SCREEN[1], (x, y, w, h)
    finally:
        instance.send(data, "quit", env=env)
        assert app.wait(timeout=20) == 0
