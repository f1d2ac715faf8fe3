"""Where a widget sits in its window's tree (for the tests that walk every control)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def inside(widget: QWidget, top: QWidget, kinds: type | tuple[type, ...]) -> bool:
    """Whether a widget of `kinds` holds `widget`, below `top`."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, kinds):
            return True
        parent = parent.parentWidget()
    return False
