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
    from PySide6.QtGui import QClipboard


class Label(QLabel):
    """A QLabel whose text is plain text, unless a format is chosen for it on purpose
    (the few rich labels set RichText and escape what they show).

    Qt reads text as markup only when it holds a "<", so the format is set then, and
    not before: the idle app builds the capture window ahead of time, and touching Qt's
    `Qt` namespace there costs ~1 MB (see capture_window._key).

    A wrapped label shows its whole text, so a word too long for a line (a link, a name
    without spaces) wraps between its letters (`breakable`) where Qt would cut it at the
    label's edge; a one-line place cuts it with "…" instead (`ElidedLabel`, a list's
    cells). `text()` is the text as given: a screen reader hears it so, and a selection
    copied from the label holds no break mark."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plain = False
        self._rich = False  # RichText chosen: the caller breaks and escapes its words
        self._given = QLabel.text(self)
        self._spoken = ""  # the accessible name set here for a broken text
        if "<" in self._given:
            self._make_plain()

    def text(self) -> str:
        """The text as given, without the break marks shown."""
        given = getattr(self, "_given", None)  # None: asked while Qt builds the label
        return QLabel.text(self) if given is None else given

    def setText(self, text: str) -> None:
        if "<" in text and not self._plain:
            self._make_plain()
        self._given = text
        self._show()

    def setWordWrap(self, on: bool) -> None:
        super().setWordWrap(on)
        self._show()

    def setTextFormat(self, text_format: Qt.TextFormat) -> None:
        self._plain = True  # chosen on purpose (RichText, escaped by the caller): kept
        self._rich = text_format.name in ("RichText", "MarkdownText")
        super().setTextFormat(text_format)
        self._show()

    def setTextInteractionFlags(self, flags: Qt.TextInteractionFlag) -> None:
        super().setTextInteractionFlags(flags)
        selectable = flags.value & 3  # by mouse or by keyboard
        if selectable and not getattr(self, "_copies_watched", False):
            from PySide6.QtGui import QGuiApplication

            self._copies_watched = True
            QGuiApplication.clipboard().changed.connect(self._copied)

    def _show(self) -> None:
        given = self._given
        shown = breakable(given) if self.wordWrap() and not self._rich else given
        if shown != QLabel.text(self):
            super().setText(shown)
        # A screen reader reads a label's shown text: the words as given instead, unless
        # a name was chosen for the label.
        spoken = given if shown != given else ""
        if spoken != self._spoken and self.accessibleName() == self._spoken:
            self.setAccessibleName(spoken)
            self._spoken = spoken

    def _copied(self, mode: QClipboard.Mode) -> None:
        """What was copied from a selection here (Ctrl+C, Copy, the X11 selection) as
        given: a link copied holds no zero-width spaces, and opens."""
        from PySide6.QtGui import QGuiApplication

        board = QGuiApplication.clipboard()
        copied = board.text(mode)
        if BREAK in copied and self.hasSelectedText() and copied == self.selectedText():
            board.setText(unbroken(copied), mode)

    def _make_plain(self) -> None:
        from PySide6.QtCore import Qt

        self.setTextFormat(Qt.TextFormat.PlainText)


class WordsLabel(Label):
    """A wrapped label of a user's words (a moment, a name, notes) that asks for a line
    of `LINE_CHARS` characters at most: a long paragraph does not make its window wide.
    Its words wrap whole, a word too long for a line between its letters (`Label`):
    before, such a word pushed its window past the screen (the reflection was 1,612 px
    wide on an 800 px screen for a moment with a link), and then was cut at the label's
    edge."""

    LINE_CHARS = 40

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setWordWrap(True)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(min(hint.width(), self.fontMetrics().averageCharWidth() * self.LINE_CHARS),
                     hint.height())


#: A word longer than this (a link, a name without spaces) may wrap between any letters:
#: a word up to it (a Turkish or German word of 20 letters) wraps whole to the next line.
LONG_WORD = 30
#: The break opportunity put there: a zero-width space, drawn as nothing.
BREAK = "\u200b"


def breakable(text: str) -> str:
    """`text` for a wrapped label: each word longer than LONG_WORD may wrap between its
    letters. Qt wraps only between words, and such a word was cut at the label's edge
    (a 180-letter name, a link: the rest of it never seen). Words of ordinary length are
    left as they are. A `Label` that wraps does it itself; a rich label's caller breaks
    the words before escaping them."""
    return _LONG.sub(lambda m: BREAK.join(m.group()), text)


def breakable_markup(text: str) -> str:
    """`text` for a place that takes rich text and wraps it (a message box): plain, or as
    `as_plain` gives it, its long words breakable; other markup as it is."""
    if "<" not in text:
        return breakable(text)
    if text.startswith(_PARAGRAPH) and text.endswith("</p>"):
        return as_plain(breakable(html.unescape(text[len(_PARAGRAPH):-len("</p>")])))
    return text


def as_tip(text: str) -> str:
    """A user's words for a tooltip, the whole text of a one-line place that cuts them
    (a list's cell, `ElidedLabel`): shown as typed (`as_plain`), a long word wrapping
    between its letters. Qt wraps a tooltip wider than the screen, but not inside a word:
    a link ran on past the screen's edge."""
    return as_plain(breakable(text))


def unbroken(text: str) -> str:
    """`text` as typed, without what `breakable` put in (for a screen reader)."""
    return text.replace(BREAK, "")


_LONG = re.compile(rf"[^\s{BREAK}]{{{LONG_WORD + 1},}}")  # broken once: as it is


def as_plain(text: str) -> str:
    """`text` for a place that takes rich text (a tooltip, a message box, the tray's
    tooltip), shown as typed. Qt takes text for markup only when it has a tag, so text
    without "<" is left as it is; other text is escaped inside a paragraph that keeps
    its line breaks."""
    if "<" not in text:
        return text
    return f"{_PARAGRAPH}{html.escape(text, quote=False)}</p>"


_PARAGRAPH = '<p style="white-space:pre-wrap">'
