"""One moment or suggestion with followed / not yet / declined toggles beside it."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from mlcoach.ui.colours import mute
from mlcoach.ui.names import outcome_names
from mlcoach.ui.widgets.choice_row import ChoiceRow
from mlcoach.ui.widgets.elided_label import ElidedLabel
from mlcoach.ui.widgets.plain_text import Label


class OutcomeRow(QWidget):
    """A line of text, a muted detail line under it, and the outcome toggles.

    Used for the reflection's moments (one line each, elided) and the composer's
    follow-ups (wrapped, as a suggestion is often long).

    Signals:
        outcome_changed(str, object): the item's id and the new Outcome (or None).
    """

    outcome_changed = Signal(str, object)

    def __init__(self, item_id: str, text: str, detail: str, *, outcome: object,
                 wrap: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item_id, self.text = item_id, text
        self.setAccessibleName(text)
        words = QVBoxLayout()
        words.setSpacing(0)
        for line, muted in ((text, False), (detail, True)):
            label: QLabel = Label(line, self) if wrap else ElidedLabel(line, self)
            if wrap:
                label.setWordWrap(True)
                label.setTextFormat(Qt.TextFormat.PlainText)
            words.addWidget(mute(label) if muted else label)
        names = outcome_names()
        self.outcome = ChoiceRow(
            [(value, name, name) for value, name in names.items()],
            name=self.tr("Outcome for: {text}").format(text=text), parent=self,
        )
        self.outcome.set_value(outcome)
        self.outcome.changed.connect(self._emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4 if wrap else 2, 0, 4 if wrap else 2)
        layout.setSpacing(12)
        layout.addLayout(words, 1)
        layout.addWidget(self.outcome, 0, Qt.AlignmentFlag.AlignVCenter)

    def _emit(self, value: Hashable | None) -> None:
        self.outcome_changed.emit(self.item_id, value)
