"""Asking before words the user typed are dropped (Esc, Cancel, the close button)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def discard_confirmed(parent: QWidget, title: str, text: str) -> bool:
    """True when the user chose to drop their unsaved words; Cancel is the default."""
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(parent, title, text, buttons.Discard | buttons.Cancel,
                                  buttons.Cancel)
    return answer == buttons.Discard
