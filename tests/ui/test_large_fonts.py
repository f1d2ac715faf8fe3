"""At a large desktop font (20 pt) every window still fits a 1366×768 laptop screen, in
English and in Turkish, and its words stay readable: main columns are not squeezed to a
few letters, rows are not cut."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from mlcoach.store.core import Store
from tests.ui import test_accessibility as a11y
from tests.ui.conftest import NOW, TZ
from tests.ui.test_accessibility import Built, _settle
from tests.ui.test_history import settle

pytestmark = pytest.mark.gui
filled = a11y.filled  # the fixture: people, moments, reflections and a suggestion
turkish = a11y.turkish  # the fixture: windows built after it are in Turkish

#: A 1366×768 laptop less the room page_tabs.screen_room leaves for a title bar and panel.
LAPTOP = QSize(1366 - 24, 768 - 48)


def _set_font(qapp: QApplication, points: float) -> Iterator[QFont]:
    before = QFont(qapp.font())
    font = QFont(before)
    font.setPointSizeF(points)
    qapp.setFont(font)
    yield font
    qapp.setFont(before)


@pytest.fixture
def large_font(qapp: QApplication) -> Iterator[QFont]:
    """The desktop's font at 20 pt."""
    yield from _set_font(qapp, 20)


@pytest.fixture(params=[16, 20])
def larger_fonts(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[QFont]:
    """The desktop's font at 16 pt, then 20 pt."""
    yield from _set_font(qapp, request.param)


@pytest.fixture(params=["en", "tr"])
def language(request: pytest.FixtureRequest) -> str:
    if request.param == "tr":
        request.getfixturevalue("turkish")
    return str(request.param)


def _show(qtbot: Any, built: Built) -> QWidget:
    widget = built[0]
    if isinstance(widget, QDialog):
        qtbot.addWidget(widget, before_close_func=lambda d: d.done(0))
    else:
        qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    _settle(qtbot)
    return widget


def test_the_timeline_entries_and_peoples_names_stay_readable(
        qtbot: Any, larger_fonts: QFont, language: str, filled: Store) -> None:
    """At 20 pt the Entry column shrank to a few letters beside the other columns, and
    the People list's names to one or two: each keeps room for a readable run of text."""
    from mlcoach.ui.history.model import TimelineModel
    from mlcoach.ui.history.window import HistoryWindow

    window = HistoryWindow(filled, clock=lambda: NOW, tz=TZ)
    qtbot.addWidget(window)
    window.present()
    qtbot.waitExposed(window)
    window.resize(LAPTOP)
    settle(qtbot, window)
    view = window.timeline.view
    assert view.model().rowCount() > 0
    chars = view.fontMetrics().averageCharWidth()
    assert view.columnWidth(TimelineModel.ENTRY) >= 30 * chars
    # ... and in view, not scrolled off to the right.
    assert view.columnViewportPosition(TimelineModel.ENTRY) + 30 * chars <= \
        view.viewport().width()

    window.show_people()
    settle(qtbot, window)
    assert window.people is not None
    tree = window.people.tree  # type: ignore[attr-defined]
    assert tree.topLevelItemCount() > 0
    assert tree.columnWidth(0) >= 16 * tree.fontMetrics().averageCharWidth()
    longest = max(tree.fontMetrics().horizontalAdvance(name)
                  for name in window.people.people_names())  # type: ignore[attr-defined]
    assert tree.columnWidth(0) >= longest
