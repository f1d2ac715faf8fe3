"""The meeting preparation card: who is in the next meeting and how to approach them."""

from __future__ import annotations

import html
from datetime import datetime, tzinfo

from PySide6.QtCore import QLocale, QRect, Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from mlcoach.coaching.meeting_prep import Prep
from mlcoach.ui.colours import mute
from mlcoach.ui.names import style_name
from mlcoach.ui.prompt_card import (
    CARD_FLAGS,
    CARD_WIDTH,
    card_layout,
    card_position,
    fit_card,
    place_card,
)
from mlcoach.ui.widgets.helpers import announce
from mlcoach.ui.widgets.plain_text import Label, breakable

MAX_PEOPLE = 3  # more than this reads as a list, not a preparation


class PrepCard(QWidget):
    """A quiet card that never takes focus; it goes away when the meeting starts.

    Signals:
        coach_requested(str): open the influence coach for this person's name
    """

    coach_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, CARD_FLAGS)
        self.setWindowTitle(self.tr("mlcoach: before your meeting"))
        self.setAccessibleName(self.tr("Meeting preparation"))
        layout = card_layout(self)

        # Upper case by the language's rules (Turkish i -> İ), not the font's.
        self.heading = Label(QLocale().toUpper(self.tr("Before your meeting")))
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.heading.setFont(font)
        mute(self.heading)

        self.title = Label()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.title.setAccessibleDescription(self.tr("Meeting"))
        big = self.title.font()
        big.setPointSizeF(big.pointSizeF() * 1.12)
        self.title.setFont(big)

        self.people = Label()
        self.people.setTextFormat(Qt.TextFormat.RichText)
        self.people.setWordWrap(True)
        self.people.setAccessibleDescription(self.tr("People and approach"))

        layout.addWidget(self.heading)
        layout.addWidget(self.title)
        layout.addWidget(self.people)

        row = QHBoxLayout()
        row.addStretch(1)
        self.coach_button = QPushButton(self.tr("Open coach…"))
        self.coach_button.setAccessibleName(self.tr("Open the influence coach"))
        self.coach_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.coach_button.clicked.connect(self._coach)
        self.close_button = QPushButton(self.tr("Thanks"))
        self.close_button.setAccessibleName(self.tr("Close the preparation card"))
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.clicked.connect(self.hide)
        row.addWidget(self.coach_button)
        row.addWidget(self.close_button)
        layout.addLayout(row)

        self._until = QTimer(self)
        self._until.setSingleShot(True)
        self._until.timeout.connect(self.hide)
        self._first_name = ""
        self.setFixedWidth(CARD_WIDTH)

    def texts(self, prep: Prep, tz: tzinfo, rich: bool = False) -> tuple[str, str]:
        """The meeting's line ("Release review at 14:00") and who is in it, how to approach
        them: rich text for the card, plain text for a notification."""
        local = prep.start.astimezone(tz)
        when = QLocale().toString(QTime(local.hour, local.minute),
                                  QLocale.FormatType.ShortFormat)
        # The title's label wraps a link in it itself (plain_text.Label); the people's
        # are rich text, broken before they are escaped.
        title = self.tr("{0} at {1}").format(prep.summary or self.tr("Meeting"), when)

        def esc(text: str) -> str:
            return html.escape(breakable(text)) if rich else text

        br = "<br>" if rich else "\n"
        blocks = []
        for who in prep.people[:MAX_PEOPLE]:
            name = f"<b>{esc(who.person.name)}</b>" if rich else who.person.name
            line = f"{name} · {esc(style_name(who.person.style))}"
            if who.suggestion is not None:
                line += br + self.tr("Open with them: {0}").format(esc(who.suggestion.change))
                if who.question:
                    line += br + self.tr("Ask: {0}").format(esc(who.question))
            blocks.append(line)
        if len(prep.people) > MAX_PEOPLE:
            blocks.append(self.tr("and %n more you know", "", len(prep.people) - MAX_PEOPLE))
        return title, (br * 2).join(blocks)

    def show_prep(self, prep: Prep, now: datetime, tz: tzinfo,
                  anchor: QRect | None = None) -> None:
        """Fill the card and show it beside the tray icon until the meeting starts."""
        title, people = self.texts(prep, tz, rich=True)
        self.title.setText(title)
        self.people.setText(people)
        self._first_name = prep.people[0].person.name if prep.people else ""
        # Rich text wraps late in sizeHint(): the height is asked for at the card's width.
        fit_card(self, anchor)
        self.move(card_position(self, anchor))
        self.show()
        self.raise_()
        announce(self, "\n".join(self.texts(prep, tz)))  # it never takes the focus
        self._until.start(max(1000, int((prep.start - now).total_seconds() * 1000)))

    def place(self, anchor: QRect | None) -> None:
        """Put the card shown back beside the tray icon: the screens changed under it."""
        place_card(self, anchor)

    def catch_up(self, asleep_ms: int) -> None:
        """The machine slept: the card goes if its meeting started meanwhile."""
        from mlcoach.ui.wake import catch_up

        catch_up(self._until, asleep_ms)

    def _coach(self) -> None:
        self.hide()
        self.coach_requested.emit(self._first_name)
