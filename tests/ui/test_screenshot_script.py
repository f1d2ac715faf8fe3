"""The 200 % screenshots show each window as it lays itself out on the script's screen
(offscreen, 800×600 at 200 %: 400 logical px wide), not as it was before it arranged
itself: capture-200.png had quick capture's four kinds a row, 528 px wide."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.gui


def test_the_200_percent_screenshots_fit_the_400_px_screen_they_were_taken_on(
        tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "screenshots_scaled.py"),
                           str(tmp_path)], env=env, capture_output=True, text=True,
                          timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-4000:]
    for name in ("capture", "prompt-card", "prep-card"):
        image = QImage(str(tmp_path / f"{name}-200.png"))
        assert not image.isNull(), name
        # 2 device pixels a logical one: at most 400 logical px wide, 300 high
        assert image.width() <= 800, f"{name}: {image.width() // 2} px on a 400 px screen"
        assert image.height() <= 600, f"{name}: {image.height() // 2} px on a 300 px screen"
