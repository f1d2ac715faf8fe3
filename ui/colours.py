"""Secondary ("muted") text that stays readable: a mix of the palette's text and background.

The PlaceholderText role is often fainter than small text should be (about 3.9:1 on
Fusion's light palette); a 55/45 mix of window text and window keeps 4.5:1 in light and
dark palettes, and is mixed again when the palette changes. Qt only: no store imports,
so the tray can use it at start-up.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel

TEXT_SHARE = 0.55


def mix(a: QColor, b: QColor, share: float) -> QColor:
    """`share` of `a` and the rest of `b`."""
    return QColor.fromRgbF(*(share * x + (1 - share) * y for x, y in zip(
        (a.redF(), a.greenF(), a.blueF()), (b.redF(), b.greenF(), b.blueF()), strict=True)))


def muted_colour(palette: QPalette,
                 group: QPalette.ColorGroup = QPalette.ColorGroup.Active) -> QColor:
    """The colour of secondary text on the window background of `palette`."""
    return mix(palette.color(group, QPalette.ColorRole.WindowText),
               palette.color(group, QPalette.ColorRole.Window), TEXT_SHARE)


class _Muter(QObject):
    """Keeps a label's text muted, re-mixed when the theme changes."""

    def __init__(self, label: QLabel) -> None:
        super().__init__(label)
        self._label = label
        self._busy = False
        label.installEventFilter(self)
        self.apply()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) \
                and not self._busy:
            self.apply()
        return False

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
