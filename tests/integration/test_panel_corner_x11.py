"""Integration: on a real X server, the panel's room as the window manager publishes it
(_NET_WORKAREA, here set by hand: Xvfb runs no window manager) reaches Qt's available
geometry, and a card whose tray icon has no place (a StatusNotifierItem tray: KDE
Plasma) goes to the corner above a bottom panel."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.desktop, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
PANEL = 44  # Plasma's default panel height along the bottom edge
CHILD = """if True:
    import json
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication
    from mlcoach.ui.prompt_card import PromptCard
    app = QApplication([])
    screen = app.primaryScreen()
    card = PromptCard()
    card.show_prompt("Recognizing small wins", "Who made your work easier today?",
                     "Thank them in one sentence.", anchor=QRect())  # as Qt's SNI tray says
    app.processEvents()
    rect = lambda r: [r.x(), r.y(), r.width(), r.height()]
    print(json.dumps({"platform": app.platformName(), "free": rect(screen.availableGeometry()),
                      "card": rect(card.frameGeometry())}))
"""


def test_a_card_with_no_icon_place_sits_above_a_bottom_panel_on_x11(desktop) -> None:  # type: ignore[no-untyped-def]
    env = {**desktop.env, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT)}
    width, height = 1280, 800  # the desktop fixture's Xvfb screen
    subprocess.run(["xprop", "-root", "-f", "_NET_WORKAREA", "32c", "-set", "_NET_WORKAREA",
                    f"0,0,{width},{height - PANEL}"], env=env, check=True)
    try:
        done = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True,
                              text=True, timeout=60, check=False)
    finally:
        subprocess.run(["xprop", "-root", "-remove", "_NET_WORKAREA"], env=env, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout)
    assert found["platform"] == "xcb"
    assert found["free"] == [0, 0, width, height - PANEL]
    x, y, w, h = found["card"]
    assert y + h == height - PANEL - 12, "above the panel, a margin from it"
    assert x + w == width - 12, "at the right edge"
