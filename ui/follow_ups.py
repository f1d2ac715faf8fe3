"""The composer's follow-ups: saved suggestions, oldest due first, with their outcomes."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import (
    QLocale,
    Signal,
)
from PySide6.QtWidgets import (
    QVBoxLayout,
    QWidget,
)

from mlcoach.domain.model import Outcome, Suggestion
from mlcoach.ui.colours import mute
from mlcoach.ui.i18n import qdate
from mlcoach.ui.quiet_scroll import quiet_scroll_area
from mlcoach.ui.widgets.helpers import bold, clear_layout
from mlcoach.ui.widgets.outcome_row import OutcomeRow
from mlcoach.ui.widgets.plain_text import Label

logger = logging.getLogger(__name__)

class FollowUps(QWidget):
    """Open suggestions to follow up on, and realized vs attempted figures.

    Rows stay after an outcome is set until the next `load`, so a slip can be undone.

    Signals:
        outcome_changed(str, object): suggestion id and the new Outcome (or None).
    """

    outcome_changed = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Follow-ups"))
        self.ratio = Label(self)
        self.ratio.setWordWrap(True)
        self.ratio.setAccessibleDescription(self.tr("Realized versus attempted"))
        self._intro = mute(Label(self.tr(
            "Suggestions you saved and have not closed yet. Mark how each one went: "
            "leadership is realized when someone follows."), self))
        self._intro.setWordWrap(True)
        self._empty = mute(Label(self.tr(
            "Nothing to follow up on. Save a suggestion and it appears here."), self))
        self._empty.setWordWrap(True)
        self._rows = QVBoxLayout()
        self._rows.setSpacing(0)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 8, 0)
        column.addLayout(self._rows)
        column.addWidget(self._empty)
        column.addStretch(1)
        area = quiet_scroll_area(content, self, name=self.tr("Open suggestions"),
                                 focus_inside=True)  # the toggles inside take focus
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(bold(self.ratio))
        layout.addWidget(self._intro)
        layout.addSpacing(6)
        layout.addWidget(area, 1)

    def load(self, suggestions: list[Suggestion], today: date) -> None:
        """Show `suggestions` (already open and ordered), due dates relative to `today`."""
        clear_layout(self._rows)
        for suggestion in suggestions:
            row = OutcomeRow(suggestion.id, suggestion.change, self._detail(suggestion, today),
                             outcome=suggestion.outcome, parent=self)
            row.outcome_changed.connect(self.outcome_changed)
            self._rows.addWidget(row)
        self._empty.setVisible(not suggestions)

    def rows(self) -> list[OutcomeRow]:
        """The rows shown, top to bottom."""
        items = (self._rows.itemAt(i) for i in range(self._rows.count()))
        return [w for item in items if item and isinstance(w := item.widget(), OutcomeRow)]

    def row_for(self, suggestion_id: str) -> OutcomeRow:
        """The row of one suggestion."""
        return next(r for r in self.rows() if r.item_id == suggestion_id)

    def _detail(self, suggestion: Suggestion, today: date) -> str:
        parts = [suggestion.person] if suggestion.person else []
        due = suggestion.follow_up_on
        if due is None:
            parts.append(self.tr("no follow-up date"))
        elif due == today:
            parts.append(self.tr("follow up today"))
        else:
            when = QLocale().toString(qdate(due), self.tr("ddd d MMM", "date format"))
            parts.append(self.tr("follow up on {date}").format(date=when) if due > today
                         else self.tr("follow-up was due {date}").format(date=when))
        if suggestion.outcome is Outcome.NOT_YET:
            parts.append(self.tr("not yet"))
        return " · ".join(parts)
