"""Check boxes and radio buttons whose words wrap onto more lines where the window is
narrow (800×600 at 200 %: 400 px): Qt's own keep their text on one line, and a long one
made Settings 415 px wide and the coach's questions 482 px.

Each is still a QCheckBox or QRadioButton (its text, mnemonic, accessible name and
signals as before); only its words are drawn by a word-wrapped label beside the
indicator, and its size hints follow that label.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QRadioButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QWidget,
)

from mlcoach.ui.widgets.plain_text import Label


class _Wrapping:
    """The shared part; mixed in before the Qt button class."""

    _INDICATOR = QStyle.PixelMetric.PM_IndicatorWidth
    _SPACING = QStyle.PixelMetric.PM_CheckBoxLabelSpacing
    _CONTROL = QStyle.ControlElement.CE_CheckBox

    def _setup(self, text: str) -> None:
        button = self._button()
        self._words = Label(button)
        self._words.setWordWrap(True)
        self._words.setTextFormat(Qt.TextFormat.RichText)  # escaped: see _marked
        # a click on the words toggles the button
        self._words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        button.setSizePolicy(policy)
        self.setText(text)

    def _button(self) -> QAbstractButton:
        assert isinstance(self, QAbstractButton)
        return self

    def setText(self, text: str) -> None:
        QAbstractButton.setText(self._button(), text)  # the mnemonic and accessible name
        self._words.setText(_marked(text))
        self._button().updateGeometry()
        self._place_words()

    def _indent(self) -> int:
        button = self._button()
        style = button.style()
        return (style.pixelMetric(self._INDICATOR, None, button)
                + style.pixelMetric(self._SPACING, None, button))

    def _indicator_height(self) -> int:
        button = self._button()
        return button.style().pixelMetric(self._INDICATOR, None, button)

    def _place_words(self) -> None:
        button = self._button()
        indent = self._indent()
        width = max(1, button.width() - indent)
        x = 0 if button.isRightToLeft() else indent
        self._words.setGeometry(x, self._words_top(), width, self._words.heightForWidth(width))

    def _words_top(self) -> int:
        """The words' first line centred on the indicator."""
        return max(0, (self._indicator_height() - self._words.fontMetrics().height()) // 2)

    def _size_for(self, words_width: int) -> QSize:
        return QSize(self._indent() + words_width,
                     max(self._indicator_height(),
                         self._words_top() + self._words.heightForWidth(words_width)))

    def sizeHint(self) -> QSize:
        """Its words on one line (a word-wrapped QLabel's own hint is narrower)."""
        words = self._words
        margins = words.contentsMargins()
        line = (words.fontMetrics().horizontalAdvance(words.text() and _plain(self._button()))
                + margins.left() + margins.right() + 2 * words.margin() + 1)
        return self._size_for(line)

    def minimumSizeHint(self) -> QSize:
        # As narrow as its longest word; as high as one line (the layout asks
        # heightForWidth for the height at the width it gives: a minimum as high as
        # the words one to a line made pages taller than they measured, and scroll).
        return QSize(self._size_for(self._words.minimumSizeHint().width()).width(),
                     self.sizeHint().height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._size_for(max(1, width - self._indent())).height()

    def hitButton(self, pos: QPoint) -> bool:
        return self._button().rect().contains(pos)  # the words as well as the box

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place_words()
        QWidget.resizeEvent(self._button(), event)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The indicator (and focus frame) as the style draws it, without the words."""
        button = self._button()
        option = QStyleOptionButton()
        button.initStyleOption(option)  # type: ignore[attr-defined]
        option.text = ""
        # beside the first line of the words, however many lines they take
        option.rect.setHeight(max(self._indicator_height(),
                                  self._words.fontMetrics().height()))
        painter = QStylePainter(button)
        painter.drawControl(self._CONTROL, option)


class WrappingCheckBox(_Wrapping, QCheckBox):
    """A QCheckBox whose words wrap."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        QCheckBox.__init__(self, parent)
        self._setup(text)


class WrappingRadioButton(_Wrapping, QRadioButton):
    """A QRadioButton whose words wrap."""

    _INDICATOR = QStyle.PixelMetric.PM_ExclusiveIndicatorWidth
    _SPACING = QStyle.PixelMetric.PM_RadioButtonLabelSpacing
    _CONTROL = QStyle.ControlElement.CE_RadioButton

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        QRadioButton.__init__(self, parent)
        self._setup(text)


def _marked(text: str) -> str:
    """A button's text as the label shows it: the mnemonic's letter underlined as Qt
    underlines it on a button, "&&" as one "&", everything else escaped."""
    shown, i = [], 0
    while i < len(text):
        char = text[i]
        if char == "&" and i + 1 < len(text):
            i += 1
            following = html.escape(text[i], quote=False)
            shown.append("&amp;" if text[i] == "&" else f"<u>{following}</u>")
        else:
            shown.append(html.escape(char, quote=False))
        i += 1
    return "".join(shown)


def _plain(button: QAbstractButton) -> str:
    """The words of `button` as shown: no mnemonic mark, "&&" as one "&"."""
    return button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
