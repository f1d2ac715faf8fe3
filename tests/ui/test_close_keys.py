"""Ctrl+W (the platform's Close keys) closes every ordinary window, by the same route as
Esc: a window holding typed text still asks first or keeps its draft."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from mlcoach.store.core import Store
from mlcoach.store.vault import Opened
from mlcoach.ui.widgets import message_box
from tests.ui import test_accessibility as a11y
from tests.ui.test_accessibility import (
    Built,
    capture,
    coach,
    confirm_delete,
    history,
    person_dialog,
    reflection,
    settings,
    welcome,
)

pytestmark = pytest.mark.gui
filled = a11y.filled  # the fixture: people, moments, reflections and a suggestion

CLOSABLE = [capture, reflection, settings, welcome, coach, history, person_dialog,
            confirm_delete]


def _show(qtbot: Any, built: Built) -> QWidget:
    widget = built[0]
    a11y.show_window(qtbot, widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


def _ctrl_w(qtbot: Any, window: QWidget) -> None:
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)


@pytest.mark.parametrize("build", CLOSABLE, ids=lambda f: f.__name__)
def test_ctrl_w_closes_the_window(build: Any, qtbot: Any, filled: Store, opened: Opened,
                                  tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    window = _show(qtbot, build(qtbot, filled, tmp_path, opened))
    _ctrl_w(qtbot, window)
    # (the welcome closes once its choices are written, on the store's worker)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)


def test_ctrl_w_asks_before_a_typed_reflection_is_lost(qtbot: Any, filled: Store,
                                                       opened: Opened, tmp_path: Path,
                                                       expect_dialog: Any) -> None:
    window = _show(qtbot, reflection(qtbot, filled, tmp_path, opened))
    window.went_well.setFocus()
    qtbot.keyClicks(window.went_well, "Asked Bo first")
    asked = expect_dialog.expect(message_box, "question", QMessageBox.StandardButton.Cancel)
    _ctrl_w(qtbot, window)
    assert len(asked) == 1 and window.isVisible()
    assert window.went_well.toPlainText() == "Asked Bo first"


def test_ctrl_w_keeps_the_capture_draft(qtbot: Any, filled: Store, opened: Opened,
                                        tmp_path: Path) -> None:
    window = _show(qtbot, capture(qtbot, filled, tmp_path, opened))
    window.edit.setFocus()
    qtbot.keyClicks(window.edit, "Thanked Ana")
    _ctrl_w(qtbot, window)
    assert not window.isVisible()
    assert window.edit.text() == "Thanked Ana"
