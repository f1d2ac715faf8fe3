"""Screens that change under what is shown: a monitor unplugged, a panel moved.

Qt's offscreen platform cannot unplug a screen, so the tests put a card or window where
an unplugged monitor was (past every screen: Qt leaves it there) and send the signal Qt
sends then.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from mlcoach.ui.app_windows import Window
from mlcoach.ui.prompt_card import PromptCard, card_position
from tests.ui.test_app import controller  # noqa: F401  (the fixture)

pytestmark = pytest.mark.gui


def unplug_beside(qtbot: Any) -> None:
    """What Qt says when the monitor right of the main screen is unplugged."""
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    app.screenRemoved.emit(QGuiApplication.primaryScreen())


def panel_moved(qtbot: Any) -> None:
    """What Qt says when a panel moves (the free area of the screen changed)."""
    screen = QGuiApplication.primaryScreen()
    screen.availableGeometryChanged.emit(screen.availableGeometry())


def into_the_void(widget: QWidget) -> None:
    area = QGuiApplication.primaryScreen().availableGeometry()
    widget.move(area.topRight() + QPoint(400, 40))  # on the monitor beside, now gone


def whole_on_screen(widget: QWidget) -> bool:
    return QGuiApplication.primaryScreen().availableGeometry().contains(widget.frameGeometry())


@pytest.mark.parametrize("change", [unplug_beside, panel_moved])
def test_a_prompt_card_on_a_monitor_that_went_comes_back_beside_the_tray(
        controller: Any, qtbot: Any, change: Any) -> None:  # noqa: F811
    ctl, clock = controller
    clock.now = ctl.coach.next_due(clock()) + timedelta(seconds=1)
    ctl.on_timer()
    card = ctl.card
    assert card.isVisible()
    placed = card.pos()
    into_the_void(card)
    change(qtbot)
    qtbot.waitUntil(lambda: whole_on_screen(card))
    assert card.pos() == placed and card.isVisible()


def test_a_window_on_a_monitor_that_went_comes_back_on_a_screen(
        controller: Any, qtbot: Any) -> None:  # noqa: F811
    ctl, _clock = controller
    ctl.open_window(Window.SUGGEST)
    window = ctl.windows[Window.SUGGEST]
    assert window.isVisible()
    into_the_void(window)
    unplug_beside(qtbot)
    qtbot.waitUntil(lambda: whole_on_screen(window))


def test_a_question_asked_over_a_window_comes_back_with_it(
        controller: Any, qtbot: Any) -> None:  # noqa: F811
    ctl, _clock = controller
    ctl.open_window(Window.SUGGEST)
    question = QMessageBox(QMessageBox.Icon.Question, "mlcoach", "Discard your changes?",
                           parent=ctl.windows[Window.SUGGEST])
    qtbot.addWidget(question)
    question.show()
    into_the_void(question)
    unplug_beside(qtbot)
    qtbot.waitUntil(lambda: whole_on_screen(question))


def test_a_card_taller_than_the_room_under_a_top_panel_shows_its_top(qtbot: Any) -> None:
    card = PromptCard()
    qtbot.addWidget(card)
    area = QGuiApplication.primaryScreen().availableGeometry()
    card.setFixedSize(480, area.height() - 20)
    icon = QRect(area.right() - 40, area.top(), 24, 24)  # the tray icon, top right
    place = card_position(card, icon)
    assert area.contains(QRect(place, card.size()))


def test_the_pace_card_put_back_keeps_its_own_width(qtbot: Any) -> None:
    from mlcoach.ui.pace_card import PaceCard

    card = PaceCard()
    qtbot.addWidget(card)
    card.show_offer("You have been acting on prompts again.", 4)
    width = card.width()
    into_the_void(card)
    card.place(None)
    assert whole_on_screen(card) and card.width() == width
