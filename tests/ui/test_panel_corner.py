"""A card where the tray is when Qt cannot say where the icon is (a StatusNotifierItem
tray: KDE Plasma, GNOME with the AppIndicator extension): in the corner by the panel,
read from the room the desktop's panels take of the screen."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, QSize

from mlcoach.ui import prompt_card
from mlcoach.ui.prompt_card import MARGIN, PromptCard, panel_edge, tray_corner
from tests.ui.test_cards import big_font  # noqa: F401  (the fixture)

pytestmark = pytest.mark.gui

SCREEN = QRect(0, 0, 1280, 800)
KDE = QRect(0, 0, 1280, 756)  # Plasma's default panel: 44 px along the bottom
GNOME = QRect(0, 32, 1280, 768)  # the top bar
UBUNTU = QRect(70, 32, 1210, 768)  # the top bar and the dock on the left
VERTICAL = QRect(0, 0, 1236, 800)  # a Plasma panel on the right
CARD = QSize(480, 200)


@pytest.mark.parametrize(("free", "edge"), [
    (KDE, "bottom"), (GNOME, "top"), (UBUNTU, "top"), (VERTICAL, "right"),
    (QRect(60, 0, 1220, 800), "left"), (SCREEN, None),
    (QRect(0, 28, 1280, 722), "bottom"),  # a thin top bar, a taller dock at the bottom
])
def test_the_panel_edge_is_where_the_panels_take_room(free: QRect, edge: str | None) -> None:
    assert panel_edge(SCREEN, free) == edge


def test_a_second_screen_right_of_the_first_reads_its_own_panel() -> None:
    whole = QRect(1920, 0, 1280, 800)
    assert panel_edge(whole, whole.adjusted(0, 0, 0, -44)) == "bottom"
    assert panel_edge(whole, whole) is None


def test_the_corner_is_above_a_bottom_panel_and_under_a_top_bar() -> None:
    assert tray_corner(CARD, SCREEN, KDE) == QPoint(1280 - 480 - MARGIN, 756 - 200 - MARGIN)
    assert tray_corner(CARD, SCREEN, GNOME) == QPoint(1280 - 480 - MARGIN, 32 + MARGIN)
    assert tray_corner(CARD, SCREEN, SCREEN) == QPoint(1280 - 480 - MARGIN, MARGIN)
    assert tray_corner(CARD, SCREEN, VERTICAL) == QPoint(1236 - 480 - MARGIN,
                                                        800 - 200 - MARGIN)


@pytest.mark.parametrize(("free", "corner"), [(KDE, "bottom"), (GNOME, "top")])
def test_a_card_with_no_icon_place_goes_to_the_panels_corner(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, free: QRect, corner: str) -> None:
    """With no place for the icon (Qt's StatusNotifierItem tray gives an empty one), the
    card went to the top right of the screen, far from Plasma's panel at the bottom."""
    monkeypatch.setattr(prompt_card, "_card_rects", lambda anchor: (SCREEN, free))
    card = PromptCard()
    qtbot.addWidget(card)
    card.show_prompt("Recognizing small wins", "Who made your work easier today?",
                     "Thank them in one sentence.", anchor=QRect())  # what Qt says
    frame = card.frameGeometry()
    assert frame.right() == free.right() - MARGIN
    if corner == "bottom":
        assert frame.bottom() == free.bottom() - MARGIN
    else:
        assert frame.top() == free.top() + MARGIN


def test_a_card_the_compositor_places_leaves_room_for_its_title_bar_and_panel(
        qtbot: Any, big_font: None) -> None:  # noqa: F811
    """On Wayland the card is an ordinary window the desktop places (GNOME and KDE
    centre it) under its own title bar, and Qt there does not know the panels: fitted to
    the whole screen, the longest prompt at a large font went past the bottom edge."""
    from PySide6.QtGui import QGuiApplication

    from mlcoach.ui.widgets.on_screen import room_on
    from tests.ui.test_card_fit import LONG

    card = PromptCard(placeable=False)
    qtbot.addWidget(card)
    card.show_prompt(*LONG)
    room = room_on(QGuiApplication.primaryScreen())
    assert card.height() <= room.height() - 2 * MARGIN
    assert card.width() <= room.width() - 2 * MARGIN
