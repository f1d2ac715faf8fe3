"""The prompt card: a small window near the tray corner that never takes focus."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QLocale, QMargins, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication, QResizeEvent, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFrame,
    QHBoxLayout,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mlcoach.ui.colours import mute
from mlcoach.ui.quiet_scroll import quiet
from mlcoach.ui.widgets.flow_layout import FlowLayout
from mlcoach.ui.widgets.helpers import announce
from mlcoach.ui.widgets.on_screen import FRAME_ALLOWANCE, inside
from mlcoach.ui.widgets.plain_text import Label, breakable, unbroken

EXPIRE_MS = 10 * 60 * 1000
MARGIN = 12
CARD_WIDTH = 480  # the narrowest a card gets; large fonts and long words make it wider
# A card floats beside the tray and never takes the keyboard from the user's window.
CARD_FLAGS = (Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint
              | Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.WindowDoesNotAcceptFocus)
WINDOW_FLAGS = Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint


class PromptCard(QWidget):
    """Shows one prompt; every button reports a response.

    Signals:
        responded(str): done | snoozed | skipped | not_for_me | expired
        capture_requested(): the user wants to capture a moment about it
    """

    responded = Signal(str)
    capture_requested = Signal()

    def __init__(self, parent: QWidget | None = None, expire_ms: int = EXPIRE_MS,
                 placeable: bool = True) -> None:
        # Where a window cannot choose its place (Wayland) the card is an ordinary
        # window that the desktop places, opened only when the user asks for it.
        super().__init__(parent, CARD_FLAGS if placeable else WINDOW_FLAGS)
        self.placeable = placeable
        self.setWindowTitle(self.tr("mlcoach prompt"))
        self.setAccessibleName(self.tr("Micro-leadership prompt"))
        layout = card_layout(self)

        self.theme = Label()
        self.theme.setAccessibleDescription(self.tr("Theme"))
        mute(self.theme)

        self.text = Label()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAccessibleDescription(self.tr("Prompt"))
        self._scale_fonts()

        self.try_label = Label()
        self.try_label.setWordWrap(True)
        self.try_label.setTextFormat(Qt.TextFormat.RichText)
        self.try_label.setAccessibleDescription(self.tr("Try this"))

        self.note = Label()
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        mute(self.note)
        self.note.setAccessibleDescription(self.tr("Note"))

        words = QWidget()
        column = QVBoxLayout(words)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(layout.spacing())
        for label in (self.theme, self.text, self.try_label, self.note):
            column.addWidget(label)
        self.words = WordsArea(words, self)
        layout.addWidget(self.words)
        layout.addSpacing(4)

        self.buttons: dict[str, QPushButton] = {}
        self._row = self._button_row()
        layout.addLayout(self._row)
        self.buttons["done"].setDefault(True)

        self._expiry = QTimer(self)
        self._expiry.setSingleShot(True)
        self._expiry.setInterval(expire_ms)
        self._expiry.timeout.connect(lambda: self._respond("expired"))
        self.setFixedWidth(CARD_WIDTH)

    def one_row_width(self) -> int:
        """As wide as its answers and Capture… need in one row: at a large font the card
        grows wider rather than wrap them (480 px at 20 pt in Turkish put Skip and Not
        for me on rows of their own), as far as its screen allows."""
        frame = self._row.parentWidget()
        inner = frame.layout() if frame is not None else None
        if frame is None or inner is None:
            return self._row.sizeHint().width()
        margins = inner.contentsMargins()
        return (self._row.sizeHint().width() + margins.left() + margins.right()
                + 2 * getattr(frame, "frameWidth", lambda: 0)())

    def _button_row(self) -> QHBoxLayout:
        """Done · Later · Skip · Not for me, then Capture… at the end; none takes the
        keyboard. The answers wrap onto a second row where the card is narrow (a small
        screen at 200 %), rather than reach past its edge."""
        row = QHBoxLayout()
        row.setSpacing(6)
        answers = FlowLayout(spacing=6, row_spacing=6)
        for key, label, tip in (
            ("done", self.tr("Done"), self.tr("I did it")),
            ("snoozed", self.tr("Later"), self.tr("Remind me in a little while")),
            ("skipped", self.tr("Skip"), self.tr("Not this one today")),
            ("not_for_me", self.tr("Not for me"), self.tr("Don't show this prompt again "
                                                          "for a long while")),
        ):
            button = QPushButton(label)
            button.setToolTip(tip)
            button.setAccessibleName(label)
            button.setAccessibleDescription(tip)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, k=key: self._respond(k))
            answers.addWidget(button)
            self.buttons[key] = button
        row.addLayout(answers)
        row.addStretch(1)
        capture = QPushButton(self.tr("Capture…"))
        capture.setToolTip(self.tr("Write down a moment about this prompt"))
        capture.setAccessibleName(self.tr("Capture a moment"))
        capture.setAccessibleDescription(capture.toolTip())
        capture.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        capture.clicked.connect(self._capture)
        row.addWidget(capture, 0, Qt.AlignmentFlag.AlignTop)  # level with Done
        self.buttons["capture"] = capture
        return row

    def _scale_fonts(self) -> None:
        """The theme a little smaller and spaced, the prompt a little larger, than the
        card's font (the desktop's, which may change while the app runs)."""
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.9)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        self.theme.setFont(font)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.12)
        self.text.setFont(big)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the desktop's font changed
            self._scale_fonts()
            if self.isVisible():
                fit_card(self, framed=not self.placeable)

    def show_prompt(self, theme: str, text: str, try_this: str, note: str = "",
                    anchor: QRect | None = None) -> None:
        """Fill the card and show it near `anchor` (the tray icon) without taking focus."""
        # Upper case by the language's rules (Turkish i -> İ), not the font's.
        self.theme.setText(QLocale().toUpper(theme))
        self.theme.setAccessibleName(theme)  # read as words, not as capitals
        self.text.setText(text)  # a link or a long name wraps inside the card (Label)
        self.try_label.setText(self.tr("<b>Try this:</b> {0}").format(
            html.escape(breakable(try_this))))  # rich: broken before it is escaped
        self.note.setText(note)
        self.note.setVisible(bool(note))
        fit_card(self, anchor, framed=not self.placeable)
        if self.placeable:
            self.move(self._position(anchor))
        self.show()
        self.raise_()
        # The card never takes the focus, so a screen reader would not notice it.
        announce(self, self.spoken())
        self._expiry.start()

    def set_note(self, note: str, anchor: QRect | None = None) -> None:
        """Change the note of the card shown (its reflection was edited), its time left
        as it was; sized and placed again beside `anchor` for the lines it has now."""
        self.note.setText(note)
        self.note.setVisible(bool(note))
        if self.isVisible():
            self.place(anchor)

    def spoken(self) -> str:
        """The card's words as a screen reader says them when it appears."""
        parts = (self.theme.accessibleName(), self.text.text(),
                 QTextDocumentFragment.fromHtml(self.try_label.text()).toPlainText(),
                 self.note.text())
        return unbroken("\n".join(part for part in parts if part))

    def _position(self, anchor: QRect | None) -> QPoint:
        return card_position(self, anchor)

    def place(self, anchor: QRect | None) -> None:
        """Put the card shown back beside the tray icon: the screens changed under it.
        Where the desktop places it (Wayland), only fitted again: it keeps it on screen."""
        if self.placeable:
            place_card(self, anchor)
        else:
            fit_card(self, anchor, framed=True)

    def respond(self, response: str) -> None:
        """Answer the prompt as its button would (the tray menu's keyboard route)."""
        self._respond(response)

    def withdraw(self) -> None:
        """Hide without answering (the prompt was answered elsewhere)."""
        self._expiry.stop()
        self.hide()

    def _respond(self, response: str) -> None:
        self._expiry.stop()
        self.hide()
        self.responded.emit(response)

    def _capture(self) -> None:
        self._expiry.stop()
        self.hide()
        self.responded.emit("done")
        self.capture_requested.emit()


class WordsArea(QScrollArea):
    """A card's words, as tall as they wrap to; they scroll where the screen is shorter
    than that (the longest prompt on an 800×600 screen at 200 %), the buttons under them
    staying in view."""

    def __init__(self, words: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self._words = words
        quiet(self, words)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        height = self._words.heightForWidth(width)
        return height if height >= 0 else self._words.sizeHint().height()

    def sizeHint(self) -> QSize:
        hint = self._words.sizeHint()
        return QSize(hint.width(), self.heightForWidth(hint.width()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Qt's own test put up a bar for words that fit (it measures them at their
        # preferred width): narrower by it, they wrapped onto a line more, cut off.
        room = self.maximumViewportSize()
        fits = self._words.heightForWidth(room.width()) <= room.height()
        wanted = (Qt.ScrollBarPolicy.ScrollBarAlwaysOff if fits
                  else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        if self.verticalScrollBarPolicy() != wanted:
            self.setVerticalScrollBarPolicy(wanted)
        super().resizeEvent(event)

    def minimumSizeHint(self) -> QSize:
        """As narrow as its words can wrap to; three lines high, the rest scrolled."""
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(self._words.minimumSizeHint().width() + bar,
                     3 * self.fontMetrics().lineSpacing())


def _on_a_screen(anchor: QRect | None) -> QRect | None:
    """`anchor` (the tray icon's place) when a screen holds it; None when none does (no
    place told, or its screen was unplugged)."""
    if anchor is None or not anchor.isValid():
        return None
    return anchor if QGuiApplication.screenAt(anchor.center()) is not None else None


def _card_rects(anchor: QRect | None) -> tuple[QRect, QRect]:
    """The whole screen the card goes on (the tray icon's, or the main one) and the part
    of it that panels leave free."""
    anchor = _on_a_screen(anchor)
    screen = QGuiApplication.screenAt(anchor.center()) if anchor is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.geometry(), screen.availableGeometry()


def _card_area(anchor: QRect | None) -> QRect:
    """The available part of the screen the card goes on: the tray icon's, or the main one."""
    return _card_rects(anchor)[1]


def panel_edge(whole: QRect, free: QRect) -> str | None:
    """The edge of the screen where the panel with the tray is, read from the room the
    desktop's panels take (`whole` less `free`): "top" or "bottom" for a panel along one
    (the deeper where there are both: GNOME's top bar beside a dock at the bottom), else
    "left" or "right" (a vertical panel), else None (no panel known)."""
    top, bottom = free.top() - whole.top(), whole.bottom() - free.bottom()
    left, right = free.left() - whole.left(), whole.right() - free.right()
    if max(top, bottom) > 0:
        return "top" if top >= bottom else "bottom"
    if max(left, right) > 0:
        return "left" if left > right else "right"
    return None


def tray_corner(size: QSize, whole: QRect, free: QRect) -> QPoint:
    """Where a card of `size` goes when the tray icon's place is not known (a
    StatusNotifierItem tray: KDE Plasma, GNOME's AppIndicator extension): in the corner
    by the panel, where such trays are. The bottom right above a bottom panel (Plasma's
    default), the top right under a top bar (GNOME) or with no panel known; by a vertical
    panel, at its bottom (where Plasma puts the tray in one)."""
    edge = panel_edge(whole, free)
    left = free.left() + MARGIN
    right = free.left() + free.width() - size.width() - MARGIN
    top = free.top() + MARGIN
    bottom = free.top() + free.height() - size.height() - MARGIN
    if edge in (None, "top"):
        return QPoint(right, top)
    return QPoint(left if edge == "left" else right, bottom)


def fit_card(card: QWidget, anchor: QRect | None = None, min_width: int = CARD_WIDTH,
             *, framed: bool = False) -> None:
    """Size a filled card to what its words need: at least `min_width` wide, wider when
    its buttons (or a long word) need it at a large font, never wider than the screen
    (narrower than `min_width` on a screen that is: its words and buttons wrap),
    and as tall as its wrapped lines are at that width; as wide as the screen where it
    would be taller than the screen (long words at 200 %, its buttons were cut off).

    Args:
        framed: the card is an ordinary window that the desktop places under a title bar
            (Wayland, where Qt does not know the panels either): room is left for both.
    """
    # Every layout inside, deepest last: a hidden card's inner frame keeps the sizes of
    # the font it was built with until shown (the desktop's font changed meanwhile).
    layouts = [lay for lay in (card.layout(), *card.findChildren(QLayout)) if lay is not None]
    for lay in layouts:
        lay.invalidate()
    # A scroll area's height for a width is cached by the layout holding it until the
    # area itself says it changed: its words changing inside did not, and the next
    # prompt was sized for the last one's words (cut off, or a line too tall).
    for scroll in card.findChildren(QAbstractScrollArea):
        scroll.updateGeometry()
    for lay in reversed(layouts):
        lay.activate()
    area = _card_area(anchor)
    if framed:
        area.setSize(area.size().shrunkBy(QMargins(0, 0, FRAME_ALLOWANCE // 2,
                                                   FRAME_ALLOWANCE)))
    widest = area.width() - 2 * MARGIN  # narrower than `min_width` on a small screen
    # Wider for its buttons in one row where it has one (the prompt card's answers wrap
    # only where the screen is too narrow for them: their least width is one button's).
    one_row = getattr(card, "one_row_width", None)
    wanted = max(min_width, card.minimumSizeHint().width(),
                 one_row() if callable(one_row) else 0)
    width = min(wanted, widest)
    height = _height_at(card, width)
    tallest = area.height() - 2 * MARGIN
    if height > tallest and width < widest:
        width = widest
        height = _height_at(card, width)
    # Still taller than the screen (its words scroll, the buttons stay in view).
    card.setFixedSize(width, min(height, max(tallest, card.minimumSizeHint().height())))


def _height_at(card: QWidget, width: int) -> int:
    height = card.heightForWidth(width)
    if height < 0:
        height = card.sizeHint().height()
    return max(height, card.minimumSizeHint().height())


def card_position(card: QWidget, anchor: QRect | None) -> QPoint:
    """Where a card goes: beside the tray icon, inside its screen; in the corner by the
    panel where the icon's place is not known."""
    anchor = _on_a_screen(anchor)
    whole, area = _card_rects(anchor)
    size = card.size()
    if size != card.maximumSize():  # not fitted yet: the size its words ask for
        size = card.sizeHint().expandedTo(size)
    # MARGIN between the card and each edge of the free area it is near.
    right = area.x() + area.width() - size.width() - MARGIN
    bottom = area.y() + area.height() - size.height() - MARGIN
    if anchor is not None:
        # Beside the icon, on the side where the panel is.
        x = min(max(anchor.center().x() - size.width() // 2, area.left() + MARGIN), right)
        if anchor.center().y() < area.center().y():
            y = max(anchor.bottom() + MARGIN, area.top() + MARGIN)
        else:
            y = min(anchor.top() - size.height() - MARGIN, bottom)
    else:
        corner = tray_corner(size, whole, area)
        x, y = corner.x(), corner.y()
    # Never past the screen's edge: taller than the room beside the icon, its top shows.
    return inside(QRect(QPoint(x, y), size), area)


def place_card(card: QWidget, anchor: QRect | None, min_width: int = CARD_WIDTH) -> None:
    """Size a card shown already for the screen it is on now, and put it back beside the
    tray icon (`anchor`) or in the corner by the panel: the screens changed under it."""
    fit_card(card, anchor, min_width)
    card.move(card_position(card, anchor))


def card_layout(card: QWidget) -> QVBoxLayout:
    """Give `card` (built with CARD_FLAGS) its framed panel; returns the panel's layout."""
    card.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    card.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    frame = QFrame(card)
    frame.setObjectName("card")
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    outer = QVBoxLayout(card)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(frame)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 14, 16, 12)
    layout.setSpacing(8)
    return layout
