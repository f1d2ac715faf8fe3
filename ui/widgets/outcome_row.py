"""One moment or suggestion with followed / not yet / declined toggles beside it (under
it when the row is too narrow for both: a large font, a long translation)."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QMargins, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import QLabel, QStyle, QVBoxLayout, QWidget

from mlcoach.ui.colours import mute
from mlcoach.ui.names import outcome_names
from mlcoach.ui.widgets.choice_row import ChoiceRow
from mlcoach.ui.widgets.flow_layout import ItemsLayout
from mlcoach.ui.widgets.plain_text import WordsLabel

#: The narrowest the words may get beside the toggles, in average characters: narrower,
#: and the toggles go under them.
WORDS_BESIDE = 24


class BesideOrUnder(ItemsLayout):
    """Two widgets: `words` on the left and `side` beside it on the right when the width
    leaves `words` room for `comfortable()` pixels (or all it needs, when less); else
    `side` under `words`, at the start of the line. Mirrored in a right-to-left language.

    `comfortable` is asked at each layout, so a change of font is followed."""

    def __init__(self, words: QWidget, side: QWidget, parent: QWidget, *,
                 comfortable: Callable[[], int], spacing: int = 12, row_spacing: int = 6) -> None:
        super().__init__(parent)
        self._words, self._side = words, side
        self._comfortable = comfortable
        self._gap, self._row_gap = spacing, row_spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))
        self.addWidget(words)
        self.addWidget(side)

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def sizeHint(self) -> QSize:
        """The words at their comfortable width, the toggles beside them."""
        side = self._side.sizeHint()
        width = self._comfortable() + self._gap + side.width()
        return self._with_margins(QSize(width, self.heightForWidth(width)))

    def minimumSize(self) -> QSize:
        """As wide as the wider of the two: the toggles go under the words."""
        words = self._words.minimumSizeHint().expandedTo(self._words.minimumSize())
        side = self._side.minimumSizeHint().expandedTo(self._side.minimumSize())
        return self._with_margins(QSize(max(words.width(), side.width()),
                                        max(words.height(), side.height())))

    def _with_margins(self, size: QSize) -> QSize:
        m = self.contentsMargins()
        return QSize(size.width() + m.left() + m.right(), size.height())

    def _beside(self, width: int) -> bool:
        return width - self._gap - self._side.sizeHint().width() >= self._comfortable()

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        width = max(area.width(), 0)
        side = self._side.sizeHint().boundedTo(QSize(width, 1 << 20))
        if self._beside(width):
            words_width = width - self._gap - side.width()
            words_height = self._words.heightForWidth(words_width)
            height = max(words_height, side.height())
            words = QRect(area.x(), area.y(), words_width, height)
            toggles = QRect(area.x() + width - side.width(),
                            area.y() + (height - side.height()) // 2, side.width(),
                            side.height())
        else:
            words_height = self._words.heightForWidth(width)
            words = QRect(area.x(), area.y(), width, words_height)
            toggles = QRect(area.x(), area.y() + words_height + self._row_gap, side.width(),
                            side.height())
            height = words_height + self._row_gap + side.height()
        if move:
            owner = self.parentWidget()
            direction = owner.layoutDirection() if owner is not None \
                else Qt.LayoutDirection.LeftToRight
            self._words.setGeometry(QStyle.visualRect(direction, area, words))
            self._side.setGeometry(QStyle.visualRect(direction, area, toggles))
        return height + m.top() + m.bottom()


class OutcomeRow(QWidget):
    """The item's text (wrapped, whole), a muted detail line under it, and the outcome
    toggles beside them, or under them when the row is too narrow for both.

    Used for the reflection's moments and follow-ups and the composer's follow-ups.

    Signals:
        outcome_changed(str, object): the item's id and the new Outcome (or None).
    """

    outcome_changed = Signal(str, object)

    def __init__(self, item_id: str, text: str, detail: str, *, outcome: object,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item_id, self.text = item_id, text
        self.setAccessibleName(text)
        self.words = QWidget(self)
        words = QVBoxLayout(self.words)
        words.setContentsMargins(0, 0, 0, 0)
        words.setSpacing(0)
        self.labels: list[QLabel] = []
        for line, muted in ((text, False), (detail, True)):
            label = WordsLabel(line, self.words)
            label.setTextFormat(Qt.TextFormat.PlainText)  # a moment's words, never markup
            label.setWordWrap(True)
            words.addWidget(mute(label) if muted else label)
            self.labels.append(label)
        names = outcome_names()
        self.outcome = ChoiceRow(
            [(value, name, name) for value, name in names.items()],
            name=self.tr("Outcome for: {text}").format(text=text), parent=self,
        )
        self.outcome.set_value(outcome)
        self.outcome.changed.connect(self._emit)
        self.layout_ = BesideOrUnder(self.words, self.outcome, self,
                                     comfortable=self._comfortable)
        self.layout_.setContentsMargins(0, 4, 0, 4)

    def _comfortable(self) -> int:
        """The words' whole width on one line, up to WORDS_BESIDE characters."""
        widths = [label.fontMetrics().horizontalAdvance(label.text()) + 2
                  for label in self.labels]
        return min(max(widths), WORDS_BESIDE * self.labels[0].fontMetrics().averageCharWidth())

    def _emit(self, value: Hashable | None) -> None:
        self.outcome_changed.emit(self.item_id, value)
