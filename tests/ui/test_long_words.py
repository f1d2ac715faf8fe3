"""A user's long word (a name with no spaces, a link in a person's notes, a long tag) in
the windows that show it: it is cut or wrapped inside its place, and never pushes a
window past the screen. Offscreen Qt (tests/ui/conftest.py) on an 800×800 screen."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from mlcoach.domain.model import Kind, Style
from mlcoach.store.core import Store
from tests.ui.test_history import open_window, settle

pytestmark = pytest.mark.gui

NO_SPACES = "A" * 180
LINK = "https://wiki.example.com/teams/platform/onboarding/" + "x" * 120
NOTES = "Prefers written proposals. " * 6 + LINK


def _screen_width() -> int:
    screen = QApplication.primaryScreen()
    assert screen is not None
    return screen.availableGeometry().width()


@pytest.fixture
def long_words(store: Store) -> Store:
    for name in (NO_SPACES, "Ana"):
        store.add_person(name, Style.FACTS, NOTES)
        store.add_moment("Thanked them for the release notes", person=name,
                         kind=Kind.RECOGNITION, tags=[("t" * 60)])
    return store


def test_history_stays_on_the_screen_with_a_long_name_and_tag(qtbot, long_words) -> None:  # type: ignore[no-untyped-def]
    """The Person and Tag lists grew to their longest item: a 180-letter name made the
    History window 1,668 px wide on an 800 px screen once the lists had loaded."""
    window = open_window(qtbot, long_words)
    bar = window.timeline.filter_bar
    assert bar.person_box.findText(NO_SPACES) >= 0  # the lists have loaded
    assert window.frameGeometry().width() <= _screen_width()
    assert bar.person_box.width() < _screen_width() / 2


def test_a_person_with_a_long_name_and_a_link_in_the_notes_fits_the_pane(qtbot, long_words) -> None:  # type: ignore[no-untyped-def]
    """Picked in History's People tab, a name without spaces pushed the pane wider than
    its place: the notes ran on past the window's edge unwrapped, and the history list
    beside them was cut off."""
    window = open_window(qtbot, long_words)
    window.tabs.setCurrentIndex(window.tabs.count() - 1)
    settle(qtbot, window)
    panel = window.people
    assert panel is not None
    for name in (NO_SPACES, "Ana"):
        panel.select(name)
        settle(qtbot, window)
        detail = panel.history
        area = detail.parentWidget()
        assert area is not None
        assert detail.width() <= area.width(), name  # nothing drawn past the pane
        assert window.frameGeometry().width() <= _screen_width()


def cut_words(label: QLabel) -> list[str]:
    """The words of a wrapped label wider than the label: drawn to its edge, the rest cut
    (Qt wraps between words, after a slash, and where `breakable` lets it)."""
    room = label.contentsRect().width()
    fm = label.fontMetrics()
    return [w for w in re.split(r"[\s\u200b]+|(?<=/)", QLabel.text(label))
            if fm.horizontalAdvance(w) > room]


def test_the_reflection_with_a_link_in_a_moment_stays_on_screen(qtbot, reflection, store) -> None:  # type: ignore[no-untyped-def]
    """A moment with a link in it made the reflection 1,612 px wide on an 800 px screen:
    the row's label asked for the link's whole width. Then the link wrapped at its
    slashes and the rest was cut at the row's edge, whole only in the tooltip; it wraps
    whole now, as on the cards."""
    from tests.ui.conftest import today_at
    from tests.ui.test_reflection_dialog import opened

    text = f"Shared {LINK} with the team"
    store.add_person(NO_SPACES, Style.FACTS)
    store.add_moment(text, Kind.RECOGNITION, person=NO_SPACES, created_at=today_at(10, 42))
    opened(qtbot, reflection)
    assert reflection.frameGeometry().width() <= _screen_width()
    row = reflection.moment_rows()[0]
    for label in row.labels:
        assert cut_words(label) == [], label.text()
        assert label.heightForWidth(label.width()) <= label.height()  # no line cut off
    assert row.labels[0].text() == text and row.labels[0].accessibleName() == text


def test_insights_with_a_link_in_the_weeks_win_keeps_to_the_window(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    """The week in review quotes a win: one with a link in it made the Insights page
    scroll sideways, its Table and Accept focus buttons past the window's edge."""
    from datetime import timedelta

    from PySide6.QtWidgets import QScrollArea

    from tests.ui.conftest import NOW

    for days in range(20):
        store.add_moment(f"Shared {LINK}", Kind.RECOGNITION, created_at=NOW - timedelta(days=days))
    window = open_window(qtbot, store)
    window.tabs.setCurrentWidget(window.insights)
    settle(qtbot, window)
    assert "wiki.example.com" in window.insights.banner.text.text()
    area = window.insights.findChild(QScrollArea)
    assert area is not None
    bar = area.horizontalScrollBar()
    assert bar is not None and bar.maximum() == 0


def test_the_cards_show_a_long_name_and_a_link_whole_and_say_them_as_typed(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A custom prompt naming someone without spaces, its try-this a link: the card drew
    them to its edge and cut the rest (the label 1,665 px wide in a 776 px card). They
    wrap inside it now, and a screen reader hears them as typed."""
    from mlcoach.ui.prompt_card import PromptCard

    card = PromptCard()
    qtbot.addWidget(card)
    note = f"Yesterday you said: “Ask {NO_SPACES} about {LINK}”"
    card.show_prompt("Recognition", f"Thank {NO_SPACES}", LINK, note)
    for label in (card.text, card.try_label, card.note):
        assert label.width() <= card.width()
        assert label.heightForWidth(label.width()) <= label.height()  # no line cut off
    assert card.frameGeometry().width() <= _screen_width()
    spoken = card.spoken()
    assert f"Thank {NO_SPACES}" in spoken and LINK in spoken and note in spoken


def test_the_names_popup_keeps_to_the_screen_with_a_long_name(qtbot, capture, store) -> None:  # type: ignore[no-untyped-def]
    """The quick capture's @name popup with a 180-letter name beside Ana: it stays on the
    screen, as wide as the line it completes."""
    from tests.ui.test_capture_window import type_line

    store.add_person(NO_SPACES)
    store.add_person("Ana")
    capture.present()
    type_line(qtbot, capture, "Asked @A")
    popup = capture.completer.popup()
    assert popup.isVisible()
    assert popup.frameGeometry().right() < _screen_width()
    assert popup.width() <= capture.width()


def test_a_follow_up_row_wraps_a_long_word_as_a_card_does(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The coach's and the reflection's follow-up rows cut a long name or a link at their
    edge (whole only in a tooltip) where the cards wrap them: one rule now, a place that
    shows the whole text wraps it; only one-line places (list cells, filters) cut."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from mlcoach.ui.prompt_card import PromptCard
    from mlcoach.ui.widgets.outcome_row import OutcomeRow

    text = f"Ask {NO_SPACES} to read {LINK} before the demo"
    box = QWidget()
    qtbot.addWidget(box)
    box.resize(460, 300)
    row = OutcomeRow("s1", text, f"Follow up on Friday with {NO_SPACES}", outcome=None,
                     parent=box)
    QVBoxLayout(box).addWidget(row)
    box.show()
    qtbot.waitExposed(box)
    card = PromptCard()
    qtbot.addWidget(card)
    card.show_prompt("Recognition", text, LINK, text)
    for label in (*row.labels, card.text, card.note):
        assert cut_words(label) == [], label.text()[:20]
        assert label.heightForWidth(label.width()) <= label.height()  # no line cut off
        assert label.width() <= label.parentWidget().width()
        assert label.toolTip() == ""  # all of it is there to read
    assert row.labels[0].text() == text  # as typed: no break mark in what is read
    assert row.labels[0].accessibleName() == text


def test_a_link_copied_from_a_persons_notes_opens(qtbot, long_words) -> None:  # type: ignore[no-untyped-def]
    """The notes wrap a link between its letters with zero-width spaces: a selection
    copied from them (Ctrl+C) holds the link as typed, not one that no browser opens."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from mlcoach.ui.people_panel import PeoplePanel
    from tests.ui.conftest import TZ
    from tests.ui.worker import drain

    panel = PeoplePanel(long_words, tz=TZ)
    qtbot.addWidget(panel)
    panel.show()
    drain()  # the list is read on the store's worker
    panel.select("Ana")
    drain()  # and her rows
    notes = panel.history._notes
    assert notes.text() == NOTES and cut_words(notes) == []
    notes.setFocus()
    notes.setSelection(0, len(QLabel.text(notes)))
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(notes, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == NOTES.strip()


@pytest.mark.parametrize("marked", [False, True], ids=["plain", "escaped"])
def test_a_question_naming_someone_without_spaces_shows_the_whole_name(qtbot, marked) -> None:  # type: ignore[no-untyped-def]
    """"Delete AAAA… and their notes?" drew the name to the box's edge and cut the rest,
    where the labels around it wrap it; a name with "<" in it comes escaped (as_plain)."""
    from PySide6.QtWidgets import QMessageBox

    from mlcoach.ui.widgets.message_box import standard
    from mlcoach.ui.widgets.plain_text import as_plain, unbroken

    text = f"Delete {NO_SPACES}{'<b>' if marked else ''} and their notes for good?"
    box = standard(QMessageBox.Icon.Question, None, "mlcoach", as_plain(text))
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    words = box.findChild(QLabel, "qt_msgbox_label")
    assert words is not None and cut_words(words) == []
    assert box.frameGeometry().width() <= _screen_width()
    assert box.text() == as_plain(text)  # as given
    shown = unbroken(words.text())
    assert ("&lt;b&gt;" in shown) is marked and "<b>" not in shown  # shown, not read


def test_a_long_name_picked_in_historys_filter_ends_in_an_ellipsis(qtbot, long_words) -> None:  # type: ignore[no-untyped-def]
    """The Person and Tag lists stop at 32 characters: a long name or tag picked there
    was drawn to the box's edge and cut mid-letter, nothing saying more follows. A
    one-line place cuts with "…", as the timeline's rows and the People list's cells do."""
    window = open_window(qtbot, long_words)
    bar = window.timeline.filter_bar
    for box, item in ((bar.person_box, NO_SPACES), (bar.tag_box, "#" + "t" * 60)):
        box.setCurrentIndex(box.findText(item))
        shown = box.shown_text()
        assert box.currentText() == item and shown.endswith("…") and len(shown) < len(item)
        assert shown[:-1] == item[:len(shown) - 1]


def test_people_matching_a_search_keep_history_on_the_screen(qtbot, long_words) -> None:  # type: ignore[no-untyped-def]
    """"People matching: AAAA…", the names of those whose notes match a search, was one
    line as wide as the name: History grew past the screen. It wraps, the name too."""
    window = open_window(qtbot, long_words)
    bar = window.timeline.filter_bar
    bar.search.setText("proposals")
    window.timeline.apply_filters()
    settle(qtbot, window)
    hits = bar.people_hits
    assert hits.isVisibleTo(window) and "Ana" in hits.text()
    assert window.frameGeometry().width() <= _screen_width()
    assert hits.width() <= window.width() and cut_words(hits) == []
    assert hits.heightForWidth(hits.width()) <= hits.height()  # no line cut off


def _tip_shown(qtbot, text: str, anchor: QWidget) -> QLabel:  # type: ignore[no-untyped-def]
    """Qt's tooltip showing `text` over `anchor` (what a hover shows)."""
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtWidgets import QToolTip

    QToolTip.showText(QPoint(10, 10), text, anchor)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # an earlier tip
    tips = [w for w in QApplication.topLevelWidgets()
            if w.objectName() == "qtooltip_label" and w.isVisible()]
    assert len(tips) == 1 and isinstance(tips[0], QLabel)
    return tips[0]


def test_the_whole_text_of_a_one_line_place_wraps_in_its_tooltip(qtbot, long_words) -> None:  # type: ignore[no-untyped-def]
    """A one-line place cuts a long word with "…" and shows it whole in its tooltip (an
    echo of yesterday's intention, a timeline row): Qt wraps a tooltip wider than the
    screen but not inside a word, and the link ran 1,143 px past an 800 px screen."""
    from mlcoach.ui.widgets.elided_label import ElidedLabel

    text = f"Shared {LINK} with the team"
    echo = ElidedLabel(text)
    qtbot.addWidget(echo)
    window = open_window(qtbot, long_words)
    row_tip = window.timeline.model.index(0, window.timeline.model.ENTRY).data(
        Qt.ItemDataRole.ToolTipRole)
    echo.show()
    for tip_text in (echo.toolTip(), row_tip):
        tip = _tip_shown(qtbot, tip_text, echo)  # the tip is the anchor's: kept with it
        assert tip.width() <= _screen_width() and cut_words(tip) == []
    assert echo.full_text() == text and echo.accessibleName() == text
