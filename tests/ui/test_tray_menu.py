"""The tray menu: its quick-capture shortcut arrives with the first turn of the event
loop (after the icon), so the menu has it whenever it can be opened."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.gui


def test_quick_capture_gets_its_shortcut_once_the_event_loop_runs(qtbot: Any) -> None:
    from PySide6.QtGui import QKeySequence

    from mlcoach.ui.tray import Action, TrayMenu

    menu = TrayMenu()
    try:
        capture = menu.actions[Action.CAPTURE]
        qtbot.waitUntil(lambda: not capture.shortcut().isEmpty(), timeout=10_000)
        assert capture.shortcut() == QKeySequence("Ctrl+Shift+M")
        assert not capture.isShortcutVisibleInContextMenu()
        assert all(a.shortcut().isEmpty() for k, a in menu.actions.items()
                   if k is not Action.CAPTURE)
    finally:
        menu.menu.deleteLater()
