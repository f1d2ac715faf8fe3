"""The user's words are shown as words, never read as markup (gui tests, offscreen).

A moment typed or imported as "<img src='/dev/zero'>" made the reflection's label read
/dev/zero until the app ran out of memory; "<b>" and "<a href>" in a moment, a name or a
note were drawn. Here the store holds markup in every kind of text, every window that
shows it is opened, and every label, tooltip and model tooltip is looked at.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from mlcoach.domain.model import Kind
from mlcoach.store.core import Store
from mlcoach.ui import ops
from mlcoach.ui.history.window import HistoryWindow
from mlcoach.ui.widgets.plain_text import as_plain
from tests.ui.conftest import NOW, TZ, today_at
from tests.ui.worker import drain

pytestmark = pytest.mark.gui

MARK = "<b>MARKED</b>"  # drawn bold if read as markup; the test looks for it raw
NAME = f"Ana {MARK}"


@pytest.fixture(autouse=True)
def _drain_worker() -> Iterator[None]:
    yield
    ops.pool().waitForDone(10_000)


@pytest.fixture
def marked(store: Store) -> Store:
    store.add_person(NAME, notes=f"notes {MARK}")
    store.add_moment(f"Thanked her {MARK} today", Kind.RECOGNITION, person=NAME,
                     created_at=today_at(10))
    store.add_moment(f"A year ago {MARK}", created_at=today_at(10).replace(year=NOW.year - 1))
    store.add_moment(f"Suggested {MARK}", Kind.SUGGESTION, person=NAME,
                     created_at=today_at(9, days_ago=3), follow_up_on=NOW.date())
    return store


def _settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    def idle() -> bool:
        QApplication.processEvents()
        return ops.pool().activeThreadCount() == 0 and not ops._live
    qtbot.waitUntil(idle, timeout=10_000)


def _read_as_markup(root: QWidget) -> list[str]:
    """Labels and tooltips under `root` whose text holds MARK and would be drawn as
    markup: a label not set to plain text, or a tooltip (always read as rich when it looks
    so) holding it raw."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QLabel) and MARK in widget.text() \
                and widget.textFormat() != Qt.TextFormat.PlainText:
            found.append(f"label {widget.objectName() or type(widget).__name__}: "
                         f"{widget.text()!r}")
        if MARK in widget.toolTip():
            found.append(f"tooltip of {type(widget).__name__}: {widget.toolTip()!r}")
    return found


def test_the_reflection_shows_marked_words_as_words(qtbot, marked, reflection) -> None:  # type: ignore[no-untyped-def]
    reflection.load_day()
    drain()  # the day is read on the store's worker
    with qtbot.waitActive(reflection):
        reflection.present()
    _settle(qtbot)
    shown = [w.text() for w in reflection.findChildren(QLabel)]
    assert any(MARK in text for text in shown), shown  # the moment is there, as typed
    assert _read_as_markup(reflection) == []


def test_history_timeline_and_people_show_marked_words_as_words(qtbot, marked) -> None:  # type: ignore[no-untyped-def]
    window = HistoryWindow(marked, clock=lambda: NOW, tz=TZ)
    qtbot.addWidget(window)
    window.present()
    qtbot.waitExposed(window)
    _settle(qtbot)
    model = window.timeline.model
    tips = [model.data(model.index(row, model.ENTRY), Qt.ItemDataRole.ToolTipRole)
            for row in range(model.rowCount())]
    assert any(MARK in (tip or "") for tip in tips) is False  # only escaped
    assert any("&lt;b&gt;MARKED" in (tip or "") for tip in tips)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        _settle(qtbot)
    people = window.people
    assert people is not None
    people.select(NAME)  # type: ignore[attr-defined]
    _settle(qtbot)
    assert any(MARK in w.text() for w in people.findChildren(QLabel))
    assert _read_as_markup(window) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("plain words", "plain words"),
    ("a & b", "a & b"),  # no tag: Qt reads it as text already
    ("<img src='/dev/zero'>", '<p style="white-space:pre-wrap">&lt;img src=\'/dev/zero\'&gt;</p>'),
])
def test_as_plain_escapes_only_what_qt_would_read_as_markup(text: str, expected: str) -> None:
    assert as_plain(text) == expected


def test_a_label_made_rich_on_purpose_stays_rich(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The prompt card's "<b>Try this:</b> …" is rich on purpose (its words escaped): the
    plain-text default must not turn it into visible tags."""
    from mlcoach.ui.prompt_card import PromptCard
    from mlcoach.ui.widgets.plain_text import Label

    label = Label()
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText("<b>Try this:</b> x")
    assert label.textFormat() == Qt.TextFormat.RichText
    card = PromptCard()
    qtbot.addWidget(card)
    card.show_prompt("Recognition", f"Thank {MARK}", f"Name {MARK}")
    assert card.try_label.textFormat() == Qt.TextFormat.RichText
    assert card.try_label.text().startswith("<b>Try this:</b> ")
    assert MARK not in card.try_label.text()  # the user's part escaped
    assert card.text.textFormat() == Qt.TextFormat.PlainText
