"""Secondary ("muted") text that stays readable: a mix of the palette's text and background.

The PlaceholderText role is often fainter than small text should be (about 3.9:1 on
Fusion's light palette); a 55/45 mix of window text and window keeps 4.5:1 in light and
dark palettes, and is mixed again when the palette changes. Qt only: no store imports,
so the tray can use it at start-up.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel

TEXT_SHARE = 0.55


def mix(a: QColor, b: QColor, share: float) -> QColor:
    """`share` of `a` and the rest of `b`."""
    return QColor.fromRgbF(*(share * x + (1 - share) * y for x, y in zip(
        (a.redF(), a.greenF(), a.blueF()), (b.redF(), b.greenF(), b.blueF()), strict=True)))


def muted_colour(palette: QPalette,
                 group: QPalette.ColorGroup = QPalette.ColorGroup.Active) -> QColor:
    """The colour of secondary text on the window background of `palette`: the mix, with
    more of the text where a theme's colours need it to keep 4.5:1 (#e8e8ea on #323232
    mixed 55/45 is 4.3:1)."""
    text = palette.color(group, QPalette.ColorRole.WindowText)
    back = palette.color(group, QPalette.ColorRole.Window)
    share = TEXT_SHARE
    muted = mix(text, back, share)
    while share < 1 and contrast(muted, back) < MIN_CONTRAST:
        share = min(1.0, share + 0.05)
        muted = mix(text, back, share)
    return muted


MIN_CONTRAST = 4.5


def contrast(a: QColor, b: QColor) -> float:
    """WCAG's contrast ratio of two colours (1 to 21)."""
    def lum(c: QColor) -> float:
        def f(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * f(c.redF()) + 0.7152 * f(c.greenF()) + 0.0722 * f(c.blueF())
    high, low = sorted((lum(a), lum(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# A label muted before it had a parent (built, then laid out) mixes again when it gets one.
_RECOLOUR = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange,
             QEvent.Type.ParentChange)


class _Muter(QObject):
    """Keeps a label's text muted, re-mixed when the theme changes."""

    def __init__(self, label: QLabel) -> None:
        super().__init__(label)
        self._label = label
        self._busy = self._queued = False
        label.installEventFilter(self)
        self.apply()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _RECOLOUR and not self._busy:
            self.apply()
            if not self._queued:  # again once every widget has its new palette: the
                self._queued = True  # parent may get it after the label did
                QTimer.singleShot(0, self, self._again)  # not after the label went
        return False

    def _again(self) -> None:
        self._queued = False
        self.apply()

    def apply(self) -> None:
        """Recompute the muted colour from the surrounding palette."""
        parent = self._label.parentWidget()
        source = parent.palette() if parent is not None else QGuiApplication.palette()
        # palette() hands back a copy already; QPalette(...) would also build Qt's `Qt`
        # namespace (its overloads take a Qt.GlobalColor), ~1 MB at first use.
        palette = self._label.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive,
                      QPalette.ColorGroup.Disabled):
            palette.setColor(group, QPalette.ColorRole.WindowText, muted_colour(source, group))
        self._busy = True
        try:
            self._label.setPalette(palette)
        finally:
            self._busy = False


Label = TypeVar("Label", bound=QLabel)


def mute(label: Label) -> Label:
    """Show `label` as secondary text that follows the palette; returns it."""
    _Muter(label)
    return label
