"""Quick capture: one keyboard-first line for a small leadership moment.

The window is built once by the app and re-shown with `present()`; everything is
created up front so that showing it costs one small query (the people list).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Hashable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QStringListModel, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from mlcoach.domain.capture import parse_capture
from mlcoach.domain.errors import MlcoachError, StoreBusyError
from mlcoach.domain.model import Kind, Style
from mlcoach.ui.colours import mute
from mlcoach.ui.draft import Draft, DraftKeeper
from mlcoach.ui.i18n import error_message
from mlcoach.ui.names import kind_names, style_names
from mlcoach.ui.widgets.choice_row import ChoiceRow
from mlcoach.ui.widgets.helpers import announce, close_keys, grow_for_wrapped_text, shortcut
from mlcoach.ui.widgets.on_screen import keep_on_screen, room_on
from mlcoach.ui.widgets.plain_text import Label

if TYPE_CHECKING:
    from PySide6.QtCore import QKeyCombination
    from PySide6.QtGui import QScreen
    from PySide6.QtWidgets import QStyle

    from mlcoach.domain.model import Moment
    from mlcoach.store.core import Store
    from mlcoach.store.light import LightStore

logger = logging.getLogger(__name__)

KINDS: tuple[Kind, ...] = tuple(Kind)  # Alt+1 .. Alt+7, in this order
STYLES: tuple[Style, ...] = tuple(Style)  # Ctrl+1 .. Ctrl+4, in this order

# The @name being typed right before the cursor (same shape parse_capture accepts).
_MENTION = re.compile(r"(?<![\w@])@([^\W\d_][\w.'-]*|)$", re.UNICODE)


def _key(name: str) -> int:
    """A key's code, read without Qt's `Qt` namespace.

    PySide6 builds all ~110 of the namespace's Python enums on its first use (~1 MB),
    and this window is built ahead of time in the idle app: nothing it does until the
    first @name touches `Qt`.
    """
    sequence = QKeySequence.fromString(name, QKeySequence.SequenceFormat.PortableText)
    first: QKeyCombination = sequence[0]  # type: ignore[index]  # not in PySide6's stubs
    return first.toCombined()


_ESCAPE, _RETURN, _ENTER = _key("Esc"), _key("Return"), _key("Enter")
# Keys that belong to the completer popup while it is open.
_POPUP_KEYS = frozenset({_RETURN, _ENTER, _key("Tab"), _key("Backtab"), _ESCAPE})


class _MomentEdit(QLineEdit):
    """The capture line; while the @name popup is open, Enter, Tab and Esc belong to it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.popup_open: Callable[[], bool] = lambda: False

    def event(self, e: QEvent) -> bool:
        if (e.type() == QEvent.Type.KeyPress and isinstance(e, QKeyEvent)
                and e.key() in _POPUP_KEYS and self.popup_open()):
            e.ignore()  # QCompleter then completes or closes its popup
            return False
        return super().event(e)


class PersonCompleter(QCompleter):
    """Completes the @name token before the cursor from the people list."""

    def __init__(self, edit: _MomentEdit) -> None:
        super().__init__(edit)
        self.edit = edit
        # Matched here, not by Qt: a name is found as the store finds it, whichever
        # I it was typed with ("@is" offers "Işık" and "İsmail"), whatever its case.
        self._all: list[str] = []
        self._names = QStringListModel(self)
        self.setModel(self._names)
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setWidget(edit)
        popup = self.popup()
        assert popup is not None  # setModel made it
        self.list: QAbstractItemView = popup
        self.list.setAccessibleName(self.tr("People"))
        edit.popup_open = self.list.isVisible
        edit.textEdited.connect(self.offer)
        # The text overload; PySide6's stubs cannot type an indexed signal.
        self.activated[str].connect(self._insert)  # type: ignore[index]

    def set_names(self, names: Sequence[str]) -> None:
        """Replace the names on offer; an open popup follows (someone deleted meanwhile
        leaves it)."""
        self._all = list(names)
        if self.list.isVisible():
            self.offer()
        else:
            self._names.setStringList([n for n in self._names.stringList() if n in self._all])

    def _token(self) -> re.Match[str] | None:
        return _MENTION.search(self.edit.text(), 0, self.edit.cursorPosition())

    def offer(self) -> None:
        """Open the popup on the names that match the @name before the cursor, if any."""
        token = self._token()
        if token is None:
            self.list.hide()
            return
        from mlcoach.domain.text import name_key

        typed = name_key(token.group(1).replace("_", " "))
        matches = [name for name in self._all if name_key(name).startswith(typed)]
        if not matches:
            self.list.hide()
            return
        if matches != self._names.stringList():
            self._names.setStringList(matches)
        self.list.setCurrentIndex(self.completionModel().index(0, 0))
        self.complete()

    def _insert(self, name: str) -> None:
        token = self._token()
        if token is None:
            return
        text, end = self.edit.text(), self.edit.cursorPosition()
        inserted = "@" + name.replace(" ", "_") + " "
        rest = text[end:].lstrip(" ")
        self.edit.setText(text[: token.start()] + inserted + rest)
        self.edit.setCursorPosition(token.start() + len(inserted))


class _Caption(QWidget):
    """A row caption with its shortcut underneath in small, muted type."""

    def __init__(self, text: str, keys: str, parent: QWidget) -> None:
        super().__init__(parent)
        title = Label(text, self)
        hint = mute(Label(keys, self))
        font = hint.font()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        hint.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addStretch(1)  # at the top of its row, beside a control that may be taller


class _Footer(QWidget):
    """One quiet line under the controls: the key hint, an error, or "Saved"."""

    def __init__(self, hint: str, parent: QWidget) -> None:
        super().__init__(parent)
        self._hint = mute(Label(hint, self))
        self._hint.setWordWrap(True)  # on a narrow screen: two lines, not past its edge
        self._hint.setAccessibleDescription(self.tr("Keys"))
        self._icon = Label(self)
        self._text = Label(self)
        self._text.setWordWrap(True)  # a long error wraps; the window keeps its width
        self._text.setAccessibleDescription(self.tr("Status"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self._hint, 1)
        layout.addWidget(self._icon)
        layout.addWidget(self._text, 1)
        self.show_hint()

    def show_hint(self) -> None:
        """Show the key hint, muted."""
        self._icon.hide()
        self._text.hide()
        self._text.clear()
        self._hint.show()

    # QStyle and QAccessible load with the first message: their Python types (QStyle's
    # many enums) are not needed to build the window ahead of time.
    def show_error(self, message: str) -> None:
        """Show a one-line error with a warning icon."""
        from PySide6.QtWidgets import QStyle

        self._show(QStyle.StandardPixmap.SP_MessageBoxWarning, message)

    def show_waiting(self, message: str) -> None:
        """Show that a save is waiting its turn, with an information icon."""
        from PySide6.QtWidgets import QStyle

        self._show(QStyle.StandardPixmap.SP_MessageBoxInformation, message)

    def show_saved(self, message: str) -> None:
        """Show a short, calm confirmation."""
        from PySide6.QtWidgets import QStyle

        self._show(QStyle.StandardPixmap.SP_DialogApplyButton, message)

    def message(self) -> str:
        """The text shown now."""
        return self._hint.text() if self._text.isHidden() else self._text.text()

    def _show(self, icon: QStyle.StandardPixmap, message: str) -> None:
        from PySide6.QtWidgets import QStyle

        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self._icon.setPixmap(self.style().standardIcon(icon).pixmap(size, size))
        self._hint.hide()
        self._icon.show()
        self._text.setText(message)
        self._text.show()
        announce(self._text, message)


class CaptureWindow(QWidget):
    """The quick-capture window: one line, a kind, an audience style, Enter saves.

    Signals:
        moment_saved(str): the id of the moment just stored.
    """

    moment_saved = Signal(str)

    SAVED_MS = 900  # how long "Saved" stays before the window hides
    DRAFT_DELAY_MS = 300  # typing pause before the draft is written
    # While another process writes (an import, say), Enter holds the GUI SAVE_WAIT_MS at
    # most, then tries again every RETRY_MS, waiting RETRY_WAIT_MS each time, for about
    # the store's own minute (RETRIES) before it says "not saved". The text stays.
    SAVE_WAIT_MS = 300
    RETRY_MS = 1000
    RETRY_WAIT_MS = 50
    RETRIES = 60

    def __init__(self, store: Store | LightStore, draft: DraftKeeper,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if parent is not None:
            from PySide6.QtCore import Qt

            self.setWindowFlag(Qt.WindowType.Window)
        self._store = store
        self._draft = draft
        self.setWindowTitle(self.tr("Capture a moment"))
        self.setAccessibleName(self.tr("Capture a moment"))

        self.edit = _MomentEdit(self)
        self.edit.setPlaceholderText(self.tr("What small leadership moment just happened?"))
        self.edit.setAccessibleName(self.tr("Moment"))
        self.edit.setAccessibleDescription(self.tr(
            "Describe the moment in one line. Type @ and a name for a person, "
            "# and a word for a tag. Enter saves, Escape keeps the draft."))
        font = self.edit.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.edit.setFont(font)
        self.edit.setTextMargins(6, 0, 6, 0)
        self.edit.setMinimumHeight(self.edit.sizeHint().height() + 8)
        self._people: list[str] = []
        self._completer: PersonCompleter | None = None  # made with the first @name

        self.kind_choice = ChoiceRow(self._kind_choices(), name=self.tr("Kind"), columns=4,
                                     parent=self)
        self.style_choice = ChoiceRow(self._style_choices(), name=self.tr("Audience style"),
                                      columns=4, parent=self)
        # One width for every segment, so the two controls line up as one grid.
        segments = self.kind_choice.buttons() + self.style_choice.buttons()
        width = max(b.sizeHint().width() for b in segments)
        for b in segments:
            b.setMinimumWidth(width)
        self.footer = _Footer(self.tr("@name for a person · #tag for a tag · "
                                      "Enter saves · Esc keeps the draft"), self)

        self._draft_timer = _single_shot(self, self.DRAFT_DELAY_MS, self.flush_draft)
        self._hide_timer = _single_shot(self, self.SAVED_MS, self.hide)
        self._retry_timer = _single_shot(self, self.RETRY_MS, self._retry)
        self._pending: tuple[str, Draft] | None = None  # (moment id, what Enter saved)
        self._tries_left = 0

        self._build_layout()
        self._bind_keys()
        self._restore_draft()
        self._refresh_people()

        self.edit.textChanged.connect(self._draft_timer.start)
        self.edit.textEdited.connect(self._on_typing)
        self.kind_choice.changed.connect(self._draft_timer.start)
        self.style_choice.changed.connect(self._draft_timer.start)

    # -- public -----------------------------------------------------------------------

    @property
    def completer(self) -> PersonCompleter:
        """The @name completer, made on first use (see _key)."""
        if self._completer is None:
            self._completer = PersonCompleter(self.edit)
            self._completer.set_names(self._people)
        return self._completer

    def present(self) -> None:
        """Show, raise and focus the window, keeping any draft text."""
        self._hide_timer.stop()
        if self._pending is None:  # else it still says that it waits its turn
            self.footer.show_hint()
        self._refresh_people()
        if not self.isVisible():
            keep_on_screen(self, recentre=True)  # where the user is working
            self._fit_height()  # the key hint may wrap at a narrower width
        self.show()
        self.raise_()
        self.activateWindow()
        self.edit.setFocus()
        self.edit.deselect()
        self.edit.end(False)

    def flush_draft(self) -> None:
        """Keep the pending draft now (also done on hide)."""
        self._draft_timer.stop()
        self._draft.save(self.draft())

    def keep_now(self) -> None:
        """Keep what was typed since the last draft kept (the app is quitting): queued on
        the store's worker, which the quit waits for."""
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            self._draft.save_now(self.draft())

    def draft(self) -> Draft:
        """What is typed and picked right now."""
        kind, style = self.kind_choice.value(), self.style_choice.value()
        return Draft(self.edit.text(), kind if isinstance(kind, Kind) else None,
                     style if isinstance(style, Style) else None)

    def message(self) -> str:
        """The footer's current text (hint, error or confirmation)."""
        return self.footer.message()

    # -- events -----------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.keyCombination().toCombined() == _ESCAPE:  # Esc without modifiers
            self.hide()
        elif event.key() in (_RETURN, _ENTER):
            self._save()
        else:
            super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            self._fit_height()
        return handled

    def hideEvent(self, event: QHideEvent) -> None:
        if self._completer is not None:
            self._completer.list.hide()
        self._hide_timer.stop()
        if self._draft_timer.isActive():
            self.flush_draft()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._draft_timer.isActive():
            self.flush_draft()
        super().closeEvent(event)

    # -- internals --------------------------------------------------------------------

    def _kind_choices(self) -> list[tuple[Hashable, str, str]]:
        labels = kind_names()
        return [(k, f"{i} {labels[k]}", self.tr("{name}, Alt+{key}").format(name=labels[k], key=i))
                for i, k in enumerate(KINDS, 1)]

    def _style_choices(self) -> list[tuple[Hashable, str, str]]:
        labels = style_names()
        return [(s, f"{i} {labels[s]}", self.tr("{name}, Ctrl+{key}").format(name=labels[s], key=i))
                for i, s in enumerate(STYLES, 1)]

    def _build_layout(self) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        for row, (caption, keys, choices) in enumerate((
            (self.tr("Kind"), self.tr("Alt+1–7"), self.kind_choice),
            (self.tr("Audience"), self.tr("Ctrl+1–4"), self.style_choice),
        )):
            choices.setAccessibleDescription(self.tr("Shortcut: {keys}").format(keys=keys))
            grid.addWidget(_Caption(caption, keys, self), row, 0)
            grid.addWidget(choices, row, 1)
        grid.setColumnStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.edit)
        layout.addLayout(grid)
        layout.addWidget(self.footer)
        self.resize(max(520, self.sizeHint().width()), self.sizeHint().height())

    def _bind_keys(self) -> None:
        for i, kind in enumerate(KINDS, 1):
            shortcut(self, f"Alt+{i}", partial(self.kind_choice.toggle, kind))
        shortcut(self, "Alt+0", self.kind_choice.clear)
        for i, style in enumerate(STYLES, 1):
            shortcut(self, f"Ctrl+{i}", partial(self.style_choice.toggle, style))
        shortcut(self, "Ctrl+0", self.style_choice.clear)
        close_keys(self, self.hide)  # as Esc: the draft stays

    def _restore_draft(self) -> None:
        draft = self._draft.load()
        if draft is None:
            return
        self.edit.setText(draft.text)
        self.kind_choice.set_value(draft.kind)
        self.style_choice.set_value(draft.style)
        self._draft_timer.stop()  # what is on disk is what we just read

    def people_changed(self) -> None:
        """Someone was added, renamed or deleted elsewhere: @name offers the list as it
        is now (a deleted person's name no longer comes up)."""
        self._refresh_people()

    def _refresh_people(self) -> None:
        try:
            self._people = [p.name for p in self._store.people()]
        except MlcoachError as exc:
            logger.warning("could not load people for completion: %s", exc)
            return
        if self._completer is not None:
            self._completer.set_names(self._people)

    def _on_typing(self) -> None:
        if self._hide_timer.isActive():  # typing again right after a save: stay open
            self._hide_timer.stop()
        self.footer.show_hint()
        if self._completer is None and "@" in self.edit.text():
            self.completer.offer()  # made now; from here on it follows the typing itself

    def _save(self) -> None:
        parsed = parse_capture(self.edit.text())
        if not parsed.text:
            self.footer.show_error(self.tr("Write a few words about what happened."))
            return
        from mlcoach.domain.ids import new_id

        # One id for every try, so a try that did write is never written twice.
        self._pending = (new_id(), self.draft())
        self._tries_left = self.RETRIES
        self._write(self.SAVE_WAIT_MS)

    def _retry(self) -> None:
        if self._pending is None:
            return
        if self.draft() != self._pending[1]:  # changed since Enter: not what was saved
            self._pending = None
            self.footer.show_hint()
            return
        self._tries_left -= 1
        self._write(self.RETRY_WAIT_MS)

    def _write(self, wait_ms: int) -> None:
        """Store the pending capture; while another writer holds the store, try again
        each RETRY_MS instead of holding the GUI for the store's long wait."""
        from mlcoach.store.light import LightStore

        assert self._pending is not None
        moment_id, draft = self._pending
        parsed = parse_capture(draft.text)
        add: Callable[..., Moment] = self._store.add_moment
        if isinstance(self._store, LightStore):
            add = partial(self._store.add_moment, busy_wait_ms=wait_ms)
        try:
            moment = add(parsed.text, draft.kind or Kind.OTHER, person=parsed.person,
                         style=draft.style, tags=parsed.tags, moment_id=moment_id)
        except StoreBusyError as exc:
            if self._tries_left > 0:
                self.flush_draft()  # on disk while it waits
                self.footer.show_waiting(self.tr(
                    "Another mlcoach is writing; this is saved as soon as it is done…"))
                self._retry_timer.start()
                return
            self._failed(exc)
            return
        except MlcoachError as exc:
            self._failed(exc)
            return
        self._pending = None
        self.edit.clear()
        self.kind_choice.set_value(None)
        self.style_choice.set_value(None)
        self._draft_timer.stop()
        self._draft.clear()
        self.footer.show_saved(self.tr("Saved"))
        self.moment_saved.emit(moment.id)
        if self.isVisible():
            self._hide_timer.start()

    def _failed(self, exc: MlcoachError) -> None:
        self._pending = None
        logger.info("capture not saved: %s", exc)
        self.footer.show_error(self.tr("Not saved: {reason}").format(reason=error_message(exc)))

    def arrange_for(self, screen: QScreen) -> None:
        """Kind and audience in rows of four, or of two where four are wider than the
        screen (a portrait monitor at 200 %: Support and Credibility were past its
        edge). keep_on_screen calls it for the screen the window goes on."""
        room = room_on(screen).width()
        for columns in (4, 2):
            for row in (self.kind_choice, self.style_choice):
                row.set_columns(columns)
                inner = row.layout()
                if inner is not None:
                    inner.activate()  # its new minimum now, for the window's below
            layout = self.layout()
            if layout is not None:
                layout.invalidate()
                layout.activate()  # the window's minimum size follows
            if self.minimumSizeHint().width() <= room:
                return

    def _fit_height(self) -> None:
        """Take the height the layout needs at this width: a long message wraps onto a
        second line (a top-level window otherwise keeps its height and squeezes rows)."""
        grow_for_wrapped_text(self, shrink=True)


def _single_shot(parent: QObject, ms: int, slot: Callable[[], object]) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(slot)
    return timer
