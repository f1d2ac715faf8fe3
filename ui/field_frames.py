"""Field frames that show in any palette.

Fusion draws the frame of a line edit, spin box or combo box in a shade darker than the
window colour; in a high-contrast dark palette (black window, black fields) that shade
is black too, and the fields lose their edges. Where the frame's colour would not stand
out from the field, a frame in a mix of the text and field colours is drawn over it.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

from mlcoach.ui.colours import contrast, mix

#: Below this, Fusion's frame does not show at all (its light palette's is about 2.3:1,
#: left as it is); a frame drawn instead gets WCAG's 3:1 for parts of a control.
INVISIBLE = 1.5
MIN_FRAME_CONTRAST = 3.0
#: Fields whose fill stands out from the window this much keep their edge without a frame
#: (Fusion's, Breeze's and Adwaita's dark palettes: 1.12-1.16); only a palette whose
#: fields are the window's colour (high contrast: black on black) gets one drawn.
FILL_STANDS_OUT = 1.1


def fusion_outline(palette: QPalette) -> QColor:
    """The shade Fusion draws field frames in."""
    return palette.color(QPalette.ColorRole.Window).darker(140)


def frame_colour(palette: QPalette) -> QColor | None:
    """A frame colour that stands out from the fields, or None when Fusion's does."""
    base = palette.color(QPalette.ColorRole.Base)
    window = palette.color(QPalette.ColorRole.Window)
    outline = fusion_outline(palette)
    if contrast(outline, base) >= INVISIBLE or contrast(window, base) >= FILL_STANDS_OUT:
        return None
    text = palette.color(QPalette.ColorRole.Text)
    share = 0.6
    colour = mix(text, base, share)
    while share < 1 and min(contrast(colour, base), contrast(colour, window)) < \
            MIN_FRAME_CONTRAST:
        share = min(1.0, share + 0.1)
        colour = mix(text, base, share)
    return colour


class FieldFrameStyle(QProxyStyle):
    """The desktop's style, with field frames kept visible."""

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,
                      painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element == QStyle.PrimitiveElement.PE_FrameLineEdit:
            self._edge(option, painter)

    def drawComplexControl(self, control: QStyle.ComplexControl, option: QStyleOptionComplex,
                           painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in (QStyle.ComplexControl.CC_SpinBox, QStyle.ComplexControl.CC_ComboBox) \
                and getattr(option, "frame", True):
            self._edge(option, painter)

    @staticmethod
    def _edge(option: QStyleOption, painter: QPainter) -> None:
        if option.state & QStyle.StateFlag.State_HasFocus:
            return  # the style's focus frame (in the highlight colour) shows as it is
        colour = frame_colour(option.palette)
        if colour is None:
            return
        painter.save()
        painter.setPen(colour)
        painter.setBrush(QColor(0, 0, 0, 0))
        painter.drawRoundedRect(option.rect.adjusted(0, 0, -1, -1), 2, 2)  # Fusion's corners
        painter.restore()


def install(app: QApplication) -> None:
    """Wrap the application's style so field frames stay visible: Fusion's only (the
    style of PySide6's own wheels); a desktop's native style draws its own frames."""
    style = app.style()
    if style.name().lower() == "fusion" and not isinstance(style, FieldFrameStyle):
        app.setStyle(FieldFrameStyle(style.name()))
