"""A card whole on its screen: in the corner at its own width, and wider rather than taller
than the screen (a long prompt at a large font or at 200 %)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication

from mlcoach.coaching.content import MAX_TEXT_CHARS, MAX_TRY_CHARS
from mlcoach.ui.prompt_card import MARGIN, PromptCard
from tests.ui.test_cards import big_font  # noqa: F401  (the fixture)

pytestmark = pytest.mark.gui

WORDS = "Ask one colleague how the change landed for them, and listen for what they miss. "
# The longest prompt a prompt pack may bring.
LONG = ("Asking supportive questions", (WORDS * 6)[:MAX_TEXT_CHARS],
        (WORDS * 5)[:MAX_TRY_CHARS], "It has been 16 days since you last supported Ana.")


def shown(qtbot: Any) -> PromptCard:
    card = PromptCard()
    qtbot.addWidget(card)
    card.show_prompt(*LONG)
    return card


def test_a_long_prompt_at_a_large_font_keeps_its_buttons_on_the_screen(
        qtbot: Any, big_font: None) -> None:  # noqa: F811
    card = shown(qtbot)
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert area.contains(card.frameGeometry())
    done = card.buttons["done"]
    assert area.contains(QRect(done.mapToGlobal(done.rect().topLeft()), done.size()))


def test_a_card_with_long_lines_sits_in_the_corner_at_its_own_width(qtbot: Any) -> None:
    """Placed by the width its words would take on one line, it stood far from the
    corner (or past the screen's left edge at a large font)."""
    card = shown(qtbot)
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert card.frameGeometry().right() == area.right() - MARGIN
    assert card.frameGeometry().top() == area.top() + MARGIN
