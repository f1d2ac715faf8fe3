"""Deleting a helper object (a timer, a socket notifier) once the event loop comes round,
without a crash when its deletion frees its parent."""

from __future__ import annotations

from PySide6.QtCore import QObject


def delete_later(obj: QObject) -> None:
    """Delete `obj` at the event loop's next turn, taken out of its parent first.

    Its connections go with it, and with them the Python callables they hold; where one
    held the last reference to the parent (a `partial(bus._deadline, …)` on a call's
    timer, the bus otherwise dropped), the parent was freed in the middle of the child's
    deletion and deleted the child a second time (SIGSEGV/SIGBUS). Out of its parent, the
    child is deleted once, whatever its slots free. Not for widgets: out of its parent a
    widget becomes a window."""
    if obj.isWidgetType():
        raise TypeError("delete_later is for objects that are not widgets")
    obj.setParent(None)
    obj.deleteLater()
