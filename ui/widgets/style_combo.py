"""A combo box of the four audience styles and "Not sure yet" (people and composer windows)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from mlcoach.domain.model import Style
from mlcoach.ui.names import style_name


def fill_style_combo(combo: QComboBox) -> None:
    """Fill `combo` with the four styles, then "Not sure yet" (item data: value or "")."""
    combo.clear()
    for style in Style:
        combo.addItem(style_name(style), style.value)
    combo.addItem(style_name(None), "")


def combo_style(combo: QComboBox) -> Style | None:
    """The style picked in a combo filled by `fill_style_combo`."""
    value = combo.currentData()
    return Style(value) if value else None


def set_combo_style(combo: QComboBox, style: Style | None) -> None:
    """Pick `style` (None: "Not sure yet") in a combo filled by `fill_style_combo`."""
    combo.setCurrentIndex(combo.findData(style.value if style else ""))
