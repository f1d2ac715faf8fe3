"""A drop-down list whose shown item is cut with "…" where it is wider than the box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter


class ElidedCombo(QComboBox):
    """A QComboBox of a user's words (people, tags) kept narrower than its longest item:
    the item shown ends in "…" where it is cut, as a list's cell does. Qt's styles draw
    it to the box's edge and cut the rest mid-letter, with nothing to say more follows
    (a 60-letter tag read as a shorter one). The list it opens shows the item whole
    or elided too; its accessible value is the whole item."""

    def shown_text(self) -> str:
        """The item as the box draws it: whole, or cut with "…" to the box's field."""
        return self._shown(self._option())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = self._option()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self._shown(option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def _option(self) -> QStyleOptionComboBox:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        return option

    def _shown(self, option: QStyleOptionComboBox) -> str:
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        icon = option.iconSize.width() + 4 if not option.currentIcon.isNull() else 0
        return self.fontMetrics().elidedText(option.currentText, Qt.TextElideMode.ElideRight,
                                             max(field.width() - icon, 1))
