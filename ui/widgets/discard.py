"""Asking before words the user typed are dropped (Esc, Cancel, the close button)."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QMessageBox, QWidget

from mlcoach.ui.widgets import message_box


def discard_confirmed(parent: QWidget, question: str, detail: str) -> bool:
    """True when the user chose to drop their unsaved words; Cancel is the default.

    The question is the message's first, bold line, not only its title: GNOME shows a
    dialog attached to its window without a title bar, and the title would be lost.
    """
    buttons = QMessageBox.StandardButton
    title = parent.window().windowTitle() or "mlcoach"
    body = f"<b>{escape(question)}</b><br>{escape(detail)}"
    answer = message_box.question(parent, title, body, buttons.Discard | buttons.Cancel,
                                   buttons.Cancel)
    return answer == buttons.Discard
