"""The window that stands in for the tray, whole on a short screen (200 % on a laptop,
a large font): its buttons go in two columns rather than off the bottom edge."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from mlcoach.ui.tray import MainWindow, TrayMenu
from mlcoach.ui.widgets.on_screen import keep_on_screen
from tests.ui.test_cards import big_font  # noqa: F401  (the fixture)

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("gnome", [False, True])
def test_every_button_is_on_the_screen_with_a_prompt_waiting(
        qtbot: Any, big_font: None, gnome: bool) -> None:  # noqa: F811
    menu = TrayMenu()
    menu.set_prompt_waiting(True)  # four answers more
    window = MainWindow(menu, gnome=gnome)
    qtbot.addWidget(window)
    keep_on_screen(window)
    window.show()
    qtbot.waitExposed(window)
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert area.contains(window.frameGeometry())
    for button in window.findChildren(QPushButton):
        if button.isVisible():
            at = QRect(button.mapToGlobal(button.rect().topLeft()), button.size())
            assert area.contains(at), button.text()
            assert button.width() >= button.sizeHint().width(), button.text()


def test_buttons_stay_in_one_column_where_they_fit(qtbot: Any) -> None:
    window = MainWindow(TrayMenu())
    qtbot.addWidget(window)
    window.show()
    shown = [b for b in window.buttons.values() if b.isVisible()]
    assert len({b.x() for b in shown}) == 1
    assert [b.y() for b in shown] == sorted(b.y() for b in shown)


def test_the_buttons_go_in_two_columns_when_the_screen_gets_shorter(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Arranged when it opened, the window kept one column when the screen's scale grew
    under it (or a taller panel took its room): Quit went below the bottom edge."""
    from mlcoach.ui.widgets import on_screen

    window = MainWindow(TrayMenu())
    qtbot.addWidget(window)
    window.show()
    shown = [b for b in window.buttons.values() if b.isVisible()]
    assert len({b.x() for b in shown}) == 1
    monkeypatch.setattr(on_screen, "room_on", lambda screen: QSize(800, 220))
    window.screen().logicalDotsPerInchChanged.emit(192.0)  # as Qt says a new scale
    assert len({b.x() for b in shown}) == 2


@pytest.mark.parametrize("gnome", [False, True])
def test_the_shorter_words_when_a_tray_came_leave_no_blank_band(
        qtbot: Any, big_font: None, gnome: bool) -> None:  # noqa: F811
    """On GNOME the AppIndicator extension turned on: "mlcoach is in the system tray now"
    sat in the middle of the room the longer words had taken, a blank band above and
    below it."""
    from PySide6.QtWidgets import QLabel

    window = MainWindow(TrayMenu(), gnome=gnome)
    qtbot.addWidget(window)
    keep_on_screen(window)
    window.show()
    qtbot.waitExposed(window)
    window.tray_changed(True)
    qtbot.wait(0)
    status = window.status
    assert "in the system tray now" in status.text()
    fresh = QLabel(status.text())  # the room these words take at this width
    fresh.setWordWrap(True)
    assert status.height() - fresh.heightForWidth(status.width()) \
        < status.fontMetrics().lineSpacing()


@pytest.mark.parametrize("gnome", [False, True])
def test_nothing_scrolls_on_a_400x300_screen_in_turkish_with_a_prompt_waiting(
        qtbot: Any, qapp: Any, monkeypatch: pytest.MonkeyPatch, gnome: bool) -> None:
    """An 800×600 screen at 200 %: with a prompt's answers shown the last row (Quit, and
    "Bir an kaydet…") was 20 px below the window's bottom edge, to be scrolled to. The
    gaps between the rows narrow where the screen is that short."""
    from PySide6.QtWidgets import QScrollArea

    from mlcoach.ui.i18n import install_translators
    from mlcoach.ui.widgets import on_screen

    monkeypatch.setattr(on_screen, "room_on", lambda screen: QSize(400 - 24, 300 - 48))
    install_translators(qapp, "tr")  # kept to the end: the window follows a change
    try:
        menu = TrayMenu()
        menu.set_prompt_waiting(True)
        window = MainWindow(menu, gnome=gnome)
        qtbot.addWidget(window)
        window.next_label.setText("mlcoach · sonraki hatırlatma 14:30")  # as the app has it
        keep_on_screen(window)  # as the app shows it
        window.show()
        qtbot.waitExposed(window)
        qapp.processEvents()  # the layout's requests, as the event loop takes them
        assert window.status.text().startswith(("Sistem tepsisi", "GNOME sistem"))
        area = window.findChild(QScrollArea)
        assert area is not None and area.verticalScrollBar().maximum() == 0
        assert window.height() <= 300 - 48
        viewport = area.viewport()
        for button in window.findChildren(QPushButton):
            if button.isVisible():
                at = QRect(button.mapTo(viewport, button.rect().topLeft()), button.size())
                assert viewport.rect().contains(at), button.text()
    finally:
        install_translators(qapp, "en")
