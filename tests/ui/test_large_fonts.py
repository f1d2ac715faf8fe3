"""At a large desktop font (20 pt) every window still fits a 1366×768 laptop screen, in
English and in Turkish, and its words stay readable: main columns are not squeezed to a
few letters, rows are not cut."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from mlcoach.store.core import Store
from mlcoach.store.vault import Opened
from tests.ui import test_accessibility as a11y
from tests.ui.conftest import NOW, TZ
from tests.ui.test_accessibility import WINDOWS, Built, _settle
from tests.ui.test_history import settle
from tests.ui.worker import drain

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
    a11y.show_window(qtbot, widget)
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


@pytest.fixture(params=WINDOWS, ids=lambda f: f.__name__)
def build(request: pytest.FixtureRequest) -> Any:
    return request.param


def test_every_window_fits_a_laptop_screen_at_20_points(
        qtbot: Any, large_font: QFont, language: str, build: Any, filled: Store,
        opened: Opened, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 20 pt the welcome was taller than a 768-px screen (its theme list ran over its
    hint), the coach wider than a 1366-px one and Settings' pages cut at the right: each
    window can now be as small as the laptop's screen, and nothing in it is cut there."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QScrollArea

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    built = build(qtbot, filled, tmp_path, opened)
    window = _show(qtbot, built)
    problems = []
    for page in built[1]():
        _settle(qtbot)
        smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
        if smallest.width() > LAPTOP.width() or smallest.height() > LAPTOP.height():
            problems.append(f"{page}: needs {smallest.toTuple()}")
        window.resize(window.size().boundedTo(LAPTOP))
        _settle(qtbot)
        for w in window.findChildren(QWidget):
            if not w.isVisibleTo(window) or type(w).__name__ == "ElidedLabel":
                continue
            button = isinstance(w, QAbstractButton) and bool(w.text())
            line = isinstance(w, QLabel) and not w.wordWrap() and bool(w.text()) and \
                w.textFormat() != Qt.TextFormat.RichText and "<" not in w.text()
            if (button or line) and w.width() < w.minimumSizeHint().width():
                problems.append(f"{page}: {a11y.describe(w)} cut")
            if isinstance(w, QScrollArea) and w.widget() is not None and \
                    w.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff \
                    and w.widget().width() > w.viewport().width():
                problems.append(f"{page}: {a11y.describe(w.widget())} cut at the right")
    assert problems == []


LONG_MOMENT = ("Asked Bo about the agenda before the planning meeting, and listened to his "
               "worries about the deadline without jumping in with a fix")


def test_the_reflections_moments_show_their_whole_text(
        qtbot: Any, larger_fonts: QFont, language: str, store: Store) -> None:
    """At 16 and 20 pt the three outcome toggles took the whole row, and each moment in
    "Moments today" was cut to a word or two ("Thank…"), in Turkish to nothing: the text
    now wraps and is shown whole, the toggles go under it when there is no room beside
    it, and nothing in a row is cut or drawn over another part."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from mlcoach.domain.model import Kind, Outcome
    from mlcoach.ui.reflection_dialog import ReflectionDialog
    from tests.ui.conftest import today_at

    store.add_moment("Thanked Ana for the notes", Kind.RECOGNITION, person="Ana Lima",
                     created_at=today_at(10))
    store.add_moment(LONG_MOMENT, Kind.QUESTION, person="Bo Chen", created_at=today_at(11),
                     outcome=Outcome.FOLLOWED)
    store.add_moment("Left on time", Kind.EXAMPLE, created_at=today_at(16))
    dialog = ReflectionDialog(store, clock=lambda: NOW, tz=TZ)
    dialog.load_day()
    drain()  # the day is read on the store's worker
    _show(qtbot, (dialog, lambda: iter(["reflection"])))
    smallest = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    assert smallest.width() <= LAPTOP.width() and smallest.height() <= LAPTOP.height()
    dialog.resize(dialog.size().boundedTo(LAPTOP))
    _settle(qtbot)

    rows = dialog.moment_rows()
    assert [r.text for r in rows] == ["Thanked Ana for the notes", LONG_MOMENT, "Left on time"]
    for row in rows:
        labels = [w for w in row.findChildren(QLabel) if w.isVisibleTo(row)]
        assert row.text in [label.text() for label in labels]  # whole, not "Thank…"
        for label in labels:
            if label.wordWrap():
                assert label.height() >= label.heightForWidth(label.width()), label.text()
            else:
                need = label.fontMetrics().horizontalAdvance(label.text())
                assert label.width() >= need, label.text()
            assert label.width() >= label.minimumSizeHint().width(), label.text()
        buttons = [w for w in row.findChildren(QAbstractButton) if w.isVisibleTo(row)]
        assert len(buttons) == 3
        for button in buttons:
            assert button.width() >= button.minimumSizeHint().width(), button.text()
            at = button.geometry().translated(button.parentWidget().mapTo(row, button.pos())
                                              - button.pos())
            assert row.rect().contains(at), button.text()
            for label in labels:
                where = label.rect().translated(label.mapTo(row, label.rect().topLeft()))
                assert not where.intersects(at), (label.text(), button.text())
