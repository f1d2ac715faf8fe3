"""A user's long words (a 180-letter name without spaces, a 60-letter tag, a 170-character
link) in every window that shows them, in English and Turkish, at 1x and 2x the font: no
window is wider or taller than the 800x800 screen (tests/ui/conftest.py), and no button
is cut."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from mlcoach.domain.model import (
    ChangeKind,
    Kind,
    Outcome,
    Prompt,
    PromptText,
    Response,
    Size,
    Style,
)
from mlcoach.store.core import Store
from mlcoach.store.vault import Opened
from mlcoach.ui.widgets.on_screen import keep_on_screen
from tests.ui import test_accessibility as a11y
from tests.ui.conftest import NOW, TZ, today_at
from tests.ui.test_accessibility import WINDOWS, _settle
from tests.ui.test_large_fonts import _set_font
from tests.ui.test_long_words import cut_words

pytestmark = pytest.mark.gui
turkish = a11y.turkish  # the fixture: windows built after it are in Turkish

NAME = "A" * 180
TAG = "t" * 60
LINK = "https://wiki.example.com/teams/platform/onboarding/" + "x" * 119
SCREEN = 800


@pytest.fixture(params=[1, 2], ids=["1x", "2x"])
def font_scale(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[float]:
    points = QFont(qapp.font()).pointSizeF() * request.param
    yield from (request.param for _ in _set_font(qapp, points))


@pytest.fixture(params=["en", "tr"])
def language(request: pytest.FixtureRequest) -> str:
    if request.param == "tr":
        request.getfixturevalue("turkish")
    return str(request.param)


@pytest.fixture
def long_words(store: Store) -> Store:
    store.add_person(NAME, Style.FACTS, notes=f"Prefers written proposals: {LINK}")
    event = store.record_prompt_shown("recognition-01", "recognition", at=today_at(9))
    store.add_moment(f"Shared {LINK} with {NAME}", Kind.RECOGNITION, person=NAME,
                     tags=[TAG], created_at=today_at(10), prompt_event_id=event.id,
                     outcome=Outcome.FOLLOWED)
    for days in range(1, 8, 3):
        store.add_moment(f"Read {LINK}", Kind.EXAMPLE, tags=[TAG],
                         created_at=today_at(16, days_ago=days))
        store.save_reflection(NOW.date() - timedelta(days=days), energy=3, went_well=LINK,
                              differently=NAME, intention=f"Ask {NAME} about {LINK}",
                              at=today_at(18, days_ago=days))
    store.add_suggestion(person=NAME, style=Style.FACTS, change=f"share {LINK} first",
                         action=ChangeKind.START, size=Size.SMALL, text=f"Try {LINK}",
                         follow_up_on=NOW.date(), created_at=today_at(12))
    store.save_custom_prompts([Prompt("mine-1", "recognition",
                                      {"en": PromptText(f"Thank {NAME}", LINK)}, custom=True)])
    shown = store.record_prompt_shown("mine-1", "recognition", at=today_at(13))
    store.record_response(shown.id, Response.DONE, at=today_at(13, 5))
    return store


def _inside(window: QWidget, widget: QWidget) -> bool:
    """Whether `widget` is within its window's width (or a scroll area's that scrolls
    sideways); above or below is a vertical scroll's business."""
    from PySide6.QtWidgets import QAbstractScrollArea

    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea) and parent.horizontalScrollBar().isVisible():
            return True
        parent = parent.parentWidget()
    left = widget.mapTo(window, QPoint(0, 0)).x()
    return left >= 0 and left + widget.width() <= window.width()


def _problems(page: str, window: QWidget) -> list[str]:
    found = []
    frame = window.frameGeometry()
    if frame.width() > SCREEN or frame.height() > SCREEN:
        found.append(f"{page}: {frame.width()}x{frame.height()}")
    smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
    if smallest.width() > SCREEN or smallest.height() > SCREEN:
        found.append(f"{page}: needs {smallest.toTuple()}")
    for label in window.findChildren(QLabel):
        if not label.isVisibleTo(window) or not label.text() \
                or type(label).__name__ == "ElidedLabel":  # one line, cut with "…"
            continue
        if label.wordWrap() and not _inside(window, label):
            found.append(f"{page}: {a11y.describe(label)[:60]} past the window's edge")
        elif label.wordWrap() and label.textFormat() != Qt.TextFormat.RichText \
                and cut_words(label):  # a place that shows the whole text wraps it
            found.append(f"{page}: {a11y.describe(label)[:60]} cuts {cut_words(label)[0][:20]}")
        elif not label.wordWrap() and label.width() < label.minimumSizeHint().width():
            found.append(f"{page}: {a11y.describe(label)[:60]} cut")
    for w in window.findChildren(QAbstractButton):
        if w.isVisibleTo(window) and w.text():
            if w.width() < w.minimumSizeHint().width():
                found.append(f"{page}: {a11y.describe(w)} narrower than its words")
            elif not _inside(window, w) and w.window() is window:
                found.append(f"{page}: {a11y.describe(w)} past the window's edge")
    return found


def prompt_card(qtbot: Any, store: Store, tmp_path: Path, opened: Opened) -> a11y.Built:
    """A custom prompt naming them, its try-this a link, yesterday's intention recalled."""
    from mlcoach.ui.prompt_card import PromptCard

    card = PromptCard()
    card.show_prompt("Recognition", f"Thank {NAME} for the notes", LINK,
                     f"Yesterday you said: “Ask {NAME} about {LINK}”")
    return card, lambda: iter(["prompt card"])


def prep_card(qtbot: Any, store: Store, tmp_path: Path, opened: Opened) -> a11y.Built:
    """A meeting whose title is a link, with them in it."""
    from mlcoach.coaching.meeting_prep import Prep, PrepPerson
    from mlcoach.ui.prep_card import PrepCard

    card = PrepCard()
    people = tuple(PrepPerson(p, None, "") for p in store.people())
    card.show_prep(Prep("k", f"Sync on {LINK}", NOW + timedelta(minutes=10), NOW, people),
                   NOW, TZ)
    return card, lambda: iter(["prep card"])


SHOWN = [w for w in WINDOWS if w.__name__ not in {"prompt_card", "prep_card"}] \
    + [prompt_card, prep_card]


@pytest.mark.parametrize("build", SHOWN, ids=lambda f: f.__name__)
def test_long_words_keep_every_window_on_the_screen(
        qtbot: Any, font_scale: float, language: str, build: Any, long_words: Store,
        opened: Opened, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    built = build(qtbot, long_words, tmp_path, opened)
    window = built[0]
    keep_on_screen(window)  # as the app presents each window (the cards fit themselves)
    a11y.show_window(qtbot, window)
    qtbot.waitExposed(window)
    present = getattr(window, "present", None)
    if callable(present):  # the coach, History, the capture: their lists read and shown
        present()
    problems: list[str] = []
    for page in built[1]():
        _settle(qtbot)
        problems += _problems(page, window)
    assert problems == []
