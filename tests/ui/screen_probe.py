"""A child process for test_screen_fit: one scenario on screens read from a file (Qt's
offscreen platform takes them at start, one Qt application per process).

argv: the screens file, the scenario's name. Prints one JSON object (what the scenario
measured: frames and areas as [x, y, width, height]).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable

os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={sys.argv[1]}"

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

SCENARIOS: dict[str, Callable[[QApplication], dict[str, object]]] = {}


def scenario(run: Callable[[QApplication], dict[str, object]]
             ) -> Callable[[QApplication], dict[str, object]]:
    SCENARIOS[run.__name__] = run
    return run


def rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def on_screen(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


def buttons(window: QWidget) -> dict[str, list[int]]:
    """Every shown button's place on the screen, by its words."""
    return {b.text(): rect(on_screen(b)) for b in window.findChildren(QAbstractButton)
            if b.isVisible()}


def settle(app: QApplication) -> None:
    for _ in range(5):  # a layout's requests, then the window's resize, then its move
        app.processEvents()


@scenario
def main_moves(app: QApplication) -> dict[str, object]:
    """The no-tray window opened on the first screen, then moved by the user to the
    second (shorter) one."""
    from PySide6.QtCore import QObject

    from mlcoach.ui.tray import MainWindow, TrayMenu
    from mlcoach.ui.widgets.on_screen import keep_on_screen

    first, second = app.screens()[:2]
    menu = TrayMenu(QObject())
    menu.set_prompt_waiting(True)
    window = MainWindow(menu)
    keep_on_screen(window)
    window.show()
    settle(app)
    before = {"frame": rect(window.frameGeometry()), "buttons": buttons(window)}
    window.move(second.availableGeometry().topLeft())
    settle(app)
    return {"before": before, "frame": rect(window.frameGeometry()),
            "buttons": buttons(window), "area": rect(second.availableGeometry()),
            "first": rect(first.availableGeometry())}


@scenario
def card(app: QApplication) -> dict[str, object]:
    """The longest prompt's card on the first screen, no tray icon place known."""
    from mlcoach.ui.prompt_card import PromptCard
    from tests.ui.test_card_fit import LONG

    shown = PromptCard()
    shown.show_prompt(*LONG)
    settle(app)
    words = {label.objectName() or str(i): [rect(on_screen(label)),
                                            label.heightForWidth(label.width())]
             for i, label in enumerate(shown.findChildren(QWidget))
             if label.isVisible() and hasattr(label, "wordWrap") and label.wordWrap()}
    return {"frame": rect(shown.frameGeometry()), "buttons": buttons(shown),
            "labels": words, "area": rect(app.screens()[0].availableGeometry())}


@scenario
def capture_screen_gone(app: QApplication) -> dict[str, object]:
    """Quick capture opened on the wide screen, which is then unplugged: the app puts it
    back on the narrow one, as ScreenChanges has it do."""
    import tempfile
    from pathlib import Path

    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QCursor

    from mlcoach.ui.widgets.on_screen import keep_on_screen
    from tests.ui.two_screens import windows

    # By width: the offscreen platform may list them in another order than the file.
    first, second = sorted(app.screens()[:2], key=lambda screen: screen.size().width())
    window = windows(Path(tempfile.mkdtemp()))["capture"]
    QCursor.setPos(second.geometry().center())
    window.present()  # type: ignore[attr-defined]
    settle(app)
    before = rect(window.frameGeometry())
    # Unplugged: Qt leaves the window where the screen was, the pointer goes to the other.
    window.move(second.geometry().bottomRight() + QPoint(200, 200))
    QCursor.setPos(first.geometry().center())
    keep_on_screen(window)  # what the app's follow_screens does then
    settle(app)
    return {"before": before, "frame": rect(window.frameGeometry()),
            "buttons": buttons(window), "area": rect(first.availableGeometry())}


def main() -> None:
    app = QApplication([])
    print(json.dumps(SCENARIOS[sys.argv[2]](app)))


if __name__ == "__main__":
    main()
