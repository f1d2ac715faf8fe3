"""Words from users (moments, names, notes, meeting titles, imported files) shown as
text, never as markup.

Qt reads the text of a label, a tooltip or a message box as HTML when it looks like HTML
(Qt::mightBeRichText): a moment typed or imported as "<img src='/dev/zero'>" made the
reflection read /dev/zero until memory ran out, and "<b>" or "<a href>" in a name were
drawn. Every label is made as `Label`, whose text is plain; text for a tooltip or a
message box goes through `as_plain`. The few labels that are rich on purpose set
RichText themselves and escape what they show.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel

if TYPE_CHECKING:
    from PySide6.QtCore import Qt


class Label(QLabel):
    """A QLabel whose text is plain text, unless a format is chosen for it on purpose
    (the few rich labels set RichText and escape what they show).

    Qt reads text as markup only when it holds a "<", so the format is set then, and
    not before: the idle app builds the capture window ahead of time, and touching Qt's
    `Qt` namespace there costs ~1 MB (see capture_window._key)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plain = False
        if "<" in self.text():
            self._make_plain()

    def setText(self, text: str) -> None:
        if "<" in text and not self._plain:
            self._make_plain()
        super().setText(text)

    def setTextFormat(self, text_format: Qt.TextFormat) -> None:
        self._plain = True  # chosen on purpose (RichText, escaped by the caller): kept
        super().setTextFormat(text_format)

    def _make_plain(self) -> None:
        from PySide6.QtCore import Qt

        self.setTextFormat(Qt.TextFormat.PlainText)


class WordsLabel(Label):
    """A wrapped label of a user's words (a moment, a name, notes) that asks for a line
    of `LINE_CHARS` characters at most and needs a word of `WORD_CHARS`: a longer word (a
    link, a name with no spaces) is cut at the label's edge, and the whole text is its
    tooltip. Before, such a word pushed its window past the screen (the reflection was
    1,612 px wide on an 800 px screen for a moment with a link)."""

    LINE_CHARS, WORD_CHARS = 40, 16

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.text():  # given to the constructor: Qt's, which skips setText below
            self.setText(self.text())

    def setText(self, text: str) -> None:
        super().setText(text)
        cut = any(len(word) > self.WORD_CHARS for word in text.split())
        self.setToolTip(as_plain(text) if cut else "")

    def minimumSizeHint(self) -> QSize:
        return self._capped(super().minimumSizeHint(), self.WORD_CHARS)

    def sizeHint(self) -> QSize:
        return self._capped(super().sizeHint(), self.LINE_CHARS)

    def _capped(self, hint: QSize, chars: int) -> QSize:
        return QSize(min(hint.width(), self.fontMetrics().averageCharWidth() * chars),
                     hint.height())


#: A word longer than this (a link, a name without spaces) may wrap between any letters.
LONG_WORD = 30
#: The break opportunity put there: a zero-width space, drawn as nothing.
BREAK = "\u200b"


def breakable(text: str) -> str:
    """`text` for a wrapped label of fixed width (a card's): each word longer than
    LONG_WORD may wrap between its letters. Qt wraps only between words, and such a word
    was cut at the card's edge (a 180-letter name, a link: the rest of it never seen).
    Words of ordinary length are left as they are."""
    return _LONG.sub(lambda m: BREAK.join(m.group()), text)


def unbroken(text: str) -> str:
    """`text` as typed, without what `breakable` put in (for a screen reader)."""
    return text.replace(BREAK, "")


_LONG = re.compile(rf"\S{{{LONG_WORD + 1},}}")


def as_plain(text: str) -> str:
    """`text` for a place that takes rich text (a tooltip, a message box, the tray's
    tooltip), shown as typed. Qt takes text for markup only when it has a tag, so text
    without "<" is left as it is; other text is escaped inside a paragraph that keeps
    its line breaks."""
    if "<" not in text:
        return text
    return f'<p style="white-space:pre-wrap">{html.escape(text, quote=False)}</p>'
