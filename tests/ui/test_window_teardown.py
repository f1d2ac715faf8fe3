"""The teardown in conftest.py: a window a test gave qtbot is deleted when that test ends,
not left alive (closed, its deletion pending) into the tests after it.

Left over, such windows still took events in later tests and were freed by Python's cycle
collector at random points; one that had asked for its screen() could take the app's
QScreen with it (PySide gave the shared QScreen wrapper to Python), and the next window
built crashed. The two tests run in this order: the second checks what the first left.
"""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtWidgets import QWidget

pytestmark = pytest.mark.gui

_given: list[QWidget] = []


class _Window(QWidget):
    """A window as the app's are: a Python subclass that asks for its screen."""

    def __init__(self) -> None:
        super().__init__()
        self.room = self.screen().availableGeometry()


def test_a_test_gives_qtbot_a_shown_window(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = _Window()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    _given.append(window)


def test_that_window_is_deleted_before_the_next_test() -> None:
    if not _given:
        pytest.skip("checks what the test before it left; run the module")
    assert not shiboken6.isValid(_given[0]), "the window outlived its test"
    _given.clear()
