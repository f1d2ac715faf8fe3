"""The "Back to N a day?" card: the scheduler's offer to undo a back-off, with its answers.

After three skipped prompts the daily count drops by one for a week; when the user acts on
prompts again (or after a few days) the coach offers the full count back. The offer is shown
where the prompt card was, with the same look, and never takes the keyboard (the tray menu's
"Back to N prompts a day" is the keyboard route and stays while the count is lowered).
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from mlcoach.ui.prompt_card import (
    CARD_FLAGS,
    EXPIRE_MS,
    card_layout,
    card_position,
    fit_card,
    place_card,
)
from mlcoach.ui.widgets.helpers import announce
from mlcoach.ui.widgets.plain_text import Label

PACE_WIDTH = 420  # one sentence: narrower than the prompt card unless its words need more


class PaceCard(QWidget):
    """The offer in one sentence, "Back to N a day" and "Not now".

    Signals:
        restore_requested(): the user wants the full daily count back.
    """

    restore_requested = Signal()

    def __init__(self, parent: QWidget | None = None, expire_ms: int = EXPIRE_MS) -> None:
        super().__init__(parent, CARD_FLAGS)
        self.setWindowTitle(self.tr("mlcoach prompts a day"))
        self.setAccessibleName(self.tr("Prompts a day"))
        layout = card_layout(self)
        self.text = Label()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        row.addStretch(1)
        self.later_button = QPushButton(self.tr("Not now"))
        self.restore_button = QPushButton()
        for button in (self.later_button, self.restore_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            row.addWidget(button)
        self.restore_button.setDefault(True)
        layout.addLayout(row)
        self.later_button.clicked.connect(self.hide)
        self.restore_button.clicked.connect(self._restore)
        self._expire_ms = expire_ms
        self._expiry = QTimer(self)
        self._expiry.setSingleShot(True)
        self._expiry.timeout.connect(self.hide)
        self.setFixedWidth(PACE_WIDTH)

    def show_offer(self, sentence: str, full: int, anchor: QRect | None = None) -> None:
        """Show `sentence` (the coach's offer) with a button back to `full` prompts a day."""
        self.text.setText(sentence)
        self.restore_button.setText(self.restore_label(full))
        self.restore_button.setAccessibleName(self.restore_button.text())
        fit_card(self, anchor, PACE_WIDTH)
        self.move(card_position(self, anchor))
        self.show()
        self.raise_()
        announce(self, sentence)  # it never takes the focus
        self._expiry.start(self._expire_ms)

    def place(self, anchor: QRect | None) -> None:
        """Put the card shown back beside the tray icon: the screens changed under it."""
        place_card(self, anchor, PACE_WIDTH)

    def catch_up(self, asleep_ms: int) -> None:
        """The machine slept: the card's time counts the sleep."""
        from mlcoach.ui.wake import catch_up

        catch_up(self._expiry, asleep_ms)

    def restore_label(self, full: int) -> str:
        """ "Back to 4 a day": the button's words, in the language's own digits."""
        # Never one: a back-off lowers a count of two or more.
        return self.tr("Back to %1 a day").replace("%1", QLocale().toString(full))

    def hideEvent(self, event: QHideEvent) -> None:
        self._expiry.stop()
        super().hideEvent(event)

    def _restore(self) -> None:
        self.hide()
        self.restore_requested.emit()
