"""In a high-contrast dark palette the fields' frames were black on black: they show."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing import Any

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from mlcoach.ui.colours import contrast

pytestmark = pytest.mark.gui


def high_contrast_dark() -> QPalette:
    p = QPalette()
    for role, colour in {
        QPalette.ColorRole.Window: "#000000", QPalette.ColorRole.WindowText: "#ffffff",
        QPalette.ColorRole.Base: "#000000", QPalette.ColorRole.AlternateBase: "#000000",
        QPalette.ColorRole.Text: "#ffffff", QPalette.ColorRole.Button: "#000000",
        QPalette.ColorRole.ButtonText: "#ffffff", QPalette.ColorRole.Highlight: "#1aebff",
        QPalette.ColorRole.HighlightedText: "#000000",
    }.items():
        p.setColor(role, QColor(colour))
    return p


def _edge_contrast(widget: QWidget) -> float:
    """The strongest contrast along the left edge's middle, against the field."""
    image = widget.grab().toImage()
    base = widget.palette().color(QPalette.ColorRole.Base)
    y = image.height() // 2
    return max(contrast(QColor(image.pixel(x, y)), base) for x in range(3))


@pytest.mark.parametrize("make", [QLineEdit, QSpinBox, QComboBox],
                         ids=lambda t: t.__name__)
def test_field_frames_show_in_a_high_contrast_dark_palette(qtbot: Any, make: type) -> None:
    from mlcoach.ui.field_frames import FieldFrameStyle

    style = FieldFrameStyle("Fusion")
    field = make()
    qtbot.addWidget(field)
    field.setStyle(style)
    field.setPalette(high_contrast_dark())
    field.resize(200, field.sizeHint().height())
    field.show()
    qtbot.waitExposed(field)
    assert _edge_contrast(field) >= 3.0


def test_a_frame_that_shows_is_left_as_the_style_draws_it() -> None:
    from mlcoach.ui.field_frames import frame_colour

    assert frame_colour(QPalette(QColor("#efefef"))) is None  # Fusion's light palette
    assert frame_colour(high_contrast_dark()) is not None


@pytest.mark.parametrize(("window", "base"), [
    ("#353535", "#2a2a2a"),  # Fusion's dark palette
    ("#202326", "#141618"),  # Breeze Dark
    ("#353535", "#2d2d2d"),  # Adwaita-dark
])
def test_an_ordinary_dark_palette_keeps_the_styles_own_look(window: str, base: str) -> None:
    """The frame was drawn over every dark palette (their fields stand out by their fill):
    a square grey edge on every field, and over Fusion's blue focus frame."""
    from mlcoach.ui.field_frames import frame_colour

    palette = high_contrast_dark()
    palette.setColor(QPalette.ColorRole.Window, QColor(window))
    palette.setColor(QPalette.ColorRole.Base, QColor(base))
    assert frame_colour(palette) is None


def test_a_focused_field_keeps_the_styles_focus_frame(qtbot: Any) -> None:
    from mlcoach.ui.field_frames import FieldFrameStyle

    field = QLineEdit()
    qtbot.addWidget(field)
    field.setStyle(FieldFrameStyle("Fusion"))
    field.setPalette(high_contrast_dark())
    field.resize(200, field.sizeHint().height())
    field.show()
    qtbot.waitExposed(field)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    image = field.grab().toImage()
    highlight = high_contrast_dark().color(QPalette.ColorRole.Highlight)
    y = image.height() // 2
    assert any(contrast(QColor(image.pixel(x, y)), highlight) < 1.5 for x in range(3))
