"""A segmented control: checkable buttons in a row (or grid) where at most one is on."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from functools import partial

from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QToolButton, QWidget


class SegmentButton(QToolButton):
    """A checkable segment that marks its checked state clearly with the Highlight role."""

    def __init__(self, text: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setText(text)
        self.setCheckable(True)  # reached by Tab only: QToolButton's own focus policy
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.isChecked():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        tint = self.palette().color(QPalette.ColorRole.Highlight)
        pen = QPen(tint, 2)
        tint.setAlpha(48)
        painter.setPen(pen)
        painter.setBrush(tint)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 3, 3)


class ChoiceRow(QWidget):
    """A segmented control of checkable buttons where at most one is on.

    Signals:
        changed(object): the picked value, or None when nothing is picked.
    """

    changed = Signal(object)

    def __init__(self, choices: Sequence[tuple[Hashable, str, str]], *, name: str,
                 columns: int | None = None, parent: QWidget | None = None) -> None:
        """Args: choices: (value, button text, accessible name); columns: buttons per row."""
        super().__init__(parent)
        self.setAccessibleName(name)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self._grid = layout
        self._buttons: dict[Hashable, SegmentButton] = {}
        for value, text, accessible in choices:
            button = SegmentButton(text, self)
            button.setAccessibleName(accessible)
            button.toggled.connect(partial(self._on_toggled, value))
            self._buttons[value] = button
        self._columns = 0
        self.set_columns(columns or len(choices))

    def set_columns(self, columns: int) -> None:
        """Put the buttons in rows of `columns` (fewer on a narrow screen), in order."""
        if columns == self._columns:
            return
        for button in self._buttons.values():
            self._grid.removeWidget(button)
        for column in range(max(columns, self._columns)):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        for i, button in enumerate(self._buttons.values()):
            self._grid.addWidget(button, i // columns, i % columns)
        self._columns = columns

    def columns(self) -> int:
        """How many buttons a row holds."""
        return self._columns

    def buttons(self) -> list[SegmentButton]:
        """The buttons, in order."""
        return list(self._buttons.values())

    def button(self, value: Hashable) -> SegmentButton:
        """The button for `value`."""
        return self._buttons[value]

    def value(self) -> Hashable | None:
        """The picked value, or None."""
        return next((v for v, b in self._buttons.items() if b.isChecked()), None)

    def set_value(self, value: Hashable | None) -> None:
        """Pick `value` (None picks nothing) without emitting `changed`."""
        for v, button in self._buttons.items():
            button.blockSignals(True)
            button.setChecked(v == value)
            button.blockSignals(False)

    def toggle(self, value: Hashable) -> None:
        """Pick `value`, or unpick it when it is already picked (emits `changed`)."""
        button = self._buttons[value]
        button.setChecked(not button.isChecked())

    def clear(self) -> None:
        """Pick nothing (emits `changed` if something was picked)."""
        picked = self.value()
        if picked is not None:
            self._buttons[picked].setChecked(False)

    def _on_toggled(self, value: Hashable, on: bool) -> None:
        if on:
            for v, button in self._buttons.items():
                if v != value and button.isChecked():
                    button.blockSignals(True)
                    button.setChecked(False)
                    button.blockSignals(False)
        self.changed.emit(self.value())
