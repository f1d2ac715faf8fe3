"""Small helpers for widgets: a shortcut connected in one call, a bold label, words said
to a screen reader."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QLayout, QTabWidget, QWidget

if TYPE_CHECKING:  # the `Qt` namespace costs ~1 MB once built (capture_window._key)
    from PySide6.QtCore import Qt


def shortcut(parent: QWidget, keys: str | QKeySequence, slot: Callable[[], object],
             context: Qt.ShortcutContext | None = None) -> QShortcut:
    """A shortcut on `parent` that calls `slot` (anywhere in its window, by default:
    QShortcut's own context)."""
    made = QShortcut(QKeySequence(keys), parent)
    if context is not None:
        made.setContext(context)
    made.activated.connect(slot)
    return made


def close_keys(window: QWidget, slot: Callable[[], object]) -> QShortcut:
    """The platform's keys for closing a window (Ctrl+W and Ctrl+F4 on Linux and Windows,
    Cmd+W on macOS) call `slot` from anywhere in `window`: the same route as Esc or the
    close button, so a window holding typed text still asks or keeps its draft."""
    made = QShortcut(QKeySequence.StandardKey.Close, window)
    made.activated.connect(slot)
    return made


def tab_keys(window: QWidget, tabs: QTabWidget) -> None:
    """Ctrl+PgDown and Ctrl+PgUp switch `tabs` from anywhere in `window`, as in browsers
    and editors (Ctrl+Tab works only from the tab bar; in a list or a combo box PgDown
    moved the list, or changed the person chosen)."""
    from PySide6.QtCore import Qt  # here: see the note on the import above

    def step(by: int) -> None:
        if tabs.count():
            tabs.setCurrentIndex((tabs.currentIndex() + by) % tabs.count())

    for keys, by in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
        shortcut(window, keys, partial(step, by), Qt.ShortcutContext.WidgetWithChildrenShortcut)


def bold(label: QLabel) -> QLabel:
    """Make `label`'s text bold; returns it."""
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


def spacer(height: int) -> QWidget:
    """A fixed vertical gap usable as a form row."""
    gap = QWidget()
    gap.setFixedHeight(height)
    return gap


def announce(widget: QWidget, message: str) -> None:
    """Have a screen reader say `message` about `widget` without moving the focus: an
    announcement where Qt has them (6.8 and later), an alert before that."""
    # Imported here: QAccessible's types are not needed to build a window ahead of time.
    from PySide6 import QtGui
    from PySide6.QtGui import QAccessible, QAccessibleEvent

    made = getattr(QtGui, "QAccessibleAnnouncementEvent", None)
    if made is not None:
        QAccessible.updateAccessibility(made(widget, message))
    else:
        QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.Alert))


def preferred_width(hint: QSize, width: int) -> QSize:
    """A dialog's size hint at least `width` wide: a wish, not a minimum. Qt bounds a
    dialog's first size to its screen, so it opens that wide where there is room and
    narrower on a small screen (a minimum of 420–440 px was past a 400 px one's edge)."""
    return QSize(max(width, hint.width()), hint.height())


def grow_for_wrapped_text(window: QWidget, shrink: bool = False) -> None:
    """Make top-level `window` as tall as its word-wrapped text needs at its width (Qt
    gives a window the height its layout wants at one width; narrower, on a small
    screen, the lines that wrapped anew were cut off). With `shrink`, also give back
    height the text no longer needs (a window the user does not resize)."""
    layout = window.layout()
    if layout is not None and layout.hasHeightForWidth():
        need = layout.totalHeightForWidth(window.width())
        if need > window.height() or (shrink and need < window.height()):
            window.resize(window.width(), need)


def clear_layout(layout: QLayout) -> None:
    """Take every widget out of `layout` and delete it, hidden at once: Qt deletes it
    only when control is back in the event loop, and until then it was drawn where it
    was, over the rows put in its place."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()
            widget.deleteLater()
