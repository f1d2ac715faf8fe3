"""Deleting a helper object (a timer, a socket notifier) once the event loop comes round,
without a crash when its deletion frees its parent."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject


def delete_later(obj: QObject) -> None:
    """Delete `obj` at the event loop's next turn, moved under the application first.

    Its connections go with it, and with them the Python callables they hold; where one
    held the last reference to the parent (a `partial(bus._deadline, …)` on a call's
    timer, the bus otherwise dropped), the parent was freed in the middle of the child's
    deletion and deleted the child a second time (SIGSEGV/SIGBUS). Under the application
    (not under None: Python would own it then, and free it at once, perhaps inside its
    own signal), it is deleted once, by this deleteLater. Not for widgets: out of its
    window a widget becomes a window of its own."""
    if obj.isWidgetType():
        raise TypeError("delete_later is for objects that are not widgets")
    app = QCoreApplication.instance()
    if app is not None and obj.thread() is app.thread():
        obj.setParent(app)
    obj.deleteLater()
