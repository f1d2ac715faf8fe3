"""Windows and cards whole on the screen the user has, measured in a child process
(tests/ui/screen_probe.py) on screens Qt's offscreen platform reads from a file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


def screen(name: str, x: int, y: int, width: int, height: int,
           dpr: float = 1) -> dict[str, Any]:
    """A screen of `width`×`height` logical pixels (`dpr` device pixels each)."""
    return {"name": name, "x": x, "y": y, "width": width, "height": height,
            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": dpr}


DESK = screen("desk", 0, 0, 1920, 1080)
# A 1366×768 laptop screen at 200 %, right of the desk monitor.
LAPTOP_200 = screen("laptop", 1920, 0, 683, 384, dpr=2)
# An 800×600 screen at 200 % (a small VM, an old netbook at a large scale).
SMALL_200 = screen("small", 0, 0, 400, 300, dpr=2)


def probe(tmp_path: Path, scenario: str, *screens: dict[str, Any]) -> dict[str, Any]:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": list(screens)}))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "ui" / "screen_probe.py"), str(config),
         scenario], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
        check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def off(area: QRect, places: dict[str, list[int]]) -> list[str]:
    """The names whose place is not whole inside `area`."""
    return [name for name, where in places.items() if not area.contains(QRect(*where))]


@pytest.mark.slow
def test_the_no_tray_window_moved_to_a_short_screen_puts_its_buttons_in_two_columns(
        tmp_path: Path) -> None:
    """Arranged once for the screen it opened on: moved to a laptop at 200 %, its last
    buttons (Settings, Quit) were below the screen's bottom edge."""
    found = probe(tmp_path, "main_moves", DESK, LAPTOP_200)
    assert len({x for x, *_ in found["before"]["buttons"].values()}) == 1  # one column
    area = QRect(*found["area"])
    assert area.contains(QRect(*found["frame"])), found["frame"]
    assert off(area, found["buttons"]) == []


@pytest.mark.slow
def test_a_card_fits_a_screen_narrower_than_its_usual_width(tmp_path: Path) -> None:
    """At 480 px the card reached past the right edge of a 400 px wide screen (800×600
    at 200 %), Capture… with it."""
    found = probe(tmp_path, "card", SMALL_200)
    area = QRect(*found["area"])
    assert area.contains(QRect(*found["frame"])), found["frame"]
    assert off(area, found["buttons"]) == []
    for name, (where, needs) in found["labels"].items():
        assert where[3] >= needs, name  # every wrapped line shown


@pytest.mark.slow
def test_quick_capture_whose_screen_went_comes_back_whole_on_a_narrow_one(
        tmp_path: Path) -> None:
    """Opened on the desk monitor with four kinds a row, then the monitor unplugged: put
    back on the laptop's 800×600 screen at 200 %, it kept them and Support was past its
    edge."""
    found = probe(tmp_path, "capture_screen_gone", SMALL_200,
                  screen("desk", 400, 0, 1920, 1080))
    area = QRect(*found["area"])
    assert area.contains(QRect(*found["frame"])), found["frame"]
    assert off(area, found["buttons"]) == []
