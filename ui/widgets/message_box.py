"""A question box that stays whole on a short screen at a large font.

QMessageBox wraps its words at a width in pixels (half the screen, 500 at most) whatever
the font: at 2.5 times the desktop's font that is 25 characters a line, and the question
about removing a person grew taller than a 1024×600 screen. It also takes its final size
only as it shows, after Qt has placed it, so a grown box reached past the screen's
bottom edge. This one keeps at least READABLE_CHARS characters a line where the screen
is wide enough (more where the box would be taller than the screen), and moves itself
back whole onto its screen once sized.

Every box the app opens is one: `question`, `warning` and `critical` stand in for
QMessageBox's static functions of those names (same arguments, same answer), which build
a plain QMessageBox.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QSpacerItem,
    QWidget,
)

from mlcoach.ui.widgets.on_screen import inside, pointer_screen, room_on
from mlcoach.ui.widgets.plain_text import breakable_markup

#: The fewest characters a line of the question keeps, where the screen allows.
READABLE_CHARS = 40


class MessageBox(QMessageBox):
    """QMessageBox, its lines readable and the box whole on its screen at any font, and
    its words whole: a word too long for a line (a 60-letter name, a link) wraps between
    its letters, as in every label that shows the whole text (plain_text.Label)."""

    _spacer: QSpacerItem | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._given = QMessageBox.text(self)  # given to the constructor: Qt's
        self.setText(self._given)

    def text(self) -> str:
        """The text as given, without the break marks shown."""
        return getattr(self, "_given", None) or QMessageBox.text(self)

    def setText(self, text: str) -> None:
        self._given = text
        super().setText(breakable_markup(text))

    def showEvent(self, event: QShowEvent) -> None:
        parent = self.parentWidget()
        # Not self.screen(): PySide parents the screen's wrapper to the widget (see
        # docs/reliability.md §20); the box opens by its parent, else by the pointer.
        screen = (QGuiApplication.screenAt(parent.window().frameGeometry().center())
                  if parent is not None else None) or pointer_screen()
        room = room_on(screen)
        words = self.findChild(QLabel, "qt_msgbox_label")
        grid = self.layout()
        if words is not None and isinstance(grid, QGridLayout):
            # Not the label's minimum width: QMessageBox then keeps it on one line. A
            # spacer across the box makes the width it wraps the words at no less.
            across = self._spacer_width(words, grid, room, min(
                READABLE_CHARS * words.fontMetrics().averageCharWidth(),
                room.width() * 3 // 4))
            if self._spacer is None:
                self._spacer = QSpacerItem(across, 0, QSizePolicy.Policy.Minimum,
                                           QSizePolicy.Policy.Minimum)
                grid.addItem(self._spacer, grid.rowCount(), 0, 1, grid.columnCount())
            else:
                self._spacer.changeSize(across, 0, QSizePolicy.Policy.Minimum,
                                        QSizePolicy.Policy.Minimum)
                grid.invalidate()
        super().showEvent(event)  # QMessageBox takes its size here
        frame = self.frameGeometry()
        area = screen.availableGeometry()
        if not area.contains(frame):
            self.move(inside(frame, area))

    def _spacer_width(self, words: QLabel, grid: QGridLayout, room: QSize, least: int) -> int:
        """The spacer's width for the words to wrap at `least`, or wider where the box
        would be taller than `room` (a long notice at 2.5 times the font), up to the
        screen's width less the icon and margins."""
        wraps = words.wordWrap()
        words.setWordWrap(True)  # as QMessageBox wraps long words (to measure them so)
        try:
            # The icon's column and the margins: what the words do not take of a row.
            margins = grid.contentsMargins()
            icon = self.findChild(QLabel, "qt_msgboxex_icon_label")
            beside = margins.left() + margins.right() + (
                icon.sizeHint().width() + max(0, grid.horizontalSpacing())
                if icon is not None and not icon.isHidden() else 0)
            widest = room.width() - beside
            width = min(least, widest)
            while width < widest and grid.totalHeightForWidth(width + beside) > room.height():
                width = min(widest, width + max(1, widest // 20))
            # The spacer spans the icon's column too: the words get `width`.
            return width + beside - margins.left() - margins.right()
        finally:
            words.setWordWrap(wraps)


Buttons = QMessageBox.StandardButton


def standard(icon: QMessageBox.Icon, parent: QWidget | None, title: str, text: str,
             buttons: Buttons = Buttons.Ok, default: Buttons = Buttons.NoButton) -> MessageBox:
    """The box QMessageBox's static functions build, sized as MessageBox sizes itself."""
    box = MessageBox(icon, title, text, buttons, parent)
    if default != Buttons.NoButton:
        box.setDefaultButton(default)
    return box


def _answer(box: MessageBox) -> Buttons:
    try:
        return Buttons(box.exec())
    finally:
        box.deleteLater()


def question(parent: QWidget | None, title: str, text: str,
             buttons: Buttons = Buttons.Yes | Buttons.No,
             default: Buttons = Buttons.NoButton) -> Buttons:
    """As QMessageBox.question: the button the user chose (Esc: the escape button)."""
    return _answer(standard(QMessageBox.Icon.Question, parent, title, text, buttons,
                            default))


def warning(parent: QWidget | None, title: str, text: str) -> Buttons:
    """As QMessageBox.warning with its OK button."""
    return _answer(standard(QMessageBox.Icon.Warning, parent, title, text))


def critical(parent: QWidget | None, title: str, text: str) -> Buttons:
    """As QMessageBox.critical with its OK button."""
    return _answer(standard(QMessageBox.Icon.Critical, parent, title, text))


def notice(icon: QMessageBox.Icon, text: str, parent: QWidget | None) -> MessageBox:
    """A box that tells one thing (the app's notices where no tray shows them)."""
    return MessageBox(icon, "mlcoach", text, parent=parent)
