"""Schedule controls shared by Settings and the welcome steps: workdays, themes, hours."""

from __future__ import annotations

import logging
from datetime import time

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QWidget,
)

from mlcoach.domain.model import Theme
from mlcoach.ui.widgets.flow_layout import FlowLayout
from mlcoach.ui.widgets.forms import from_qtime, time_edit, to_qtime
from mlcoach.ui.widgets.plain_text import Label

logger = logging.getLogger(__name__)


class DayButton(QToolButton):
    """A checkable day button drawn in the palette's highlight colours while checked."""

    def __init__(self, text: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._restyling = False
        self.setText(text)
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(name)
        self.setToolTip(name)
        self.toggled.connect(self._restyle)

    def changeEvent(self, event: QEvent) -> None:
        """Follow palette changes."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ParentChange) and (
                not self._restyling):
            self._restyle()

    def _restyle(self) -> None:
        parent = self.parentWidget()
        base = parent.palette() if parent is not None else QApplication.palette(self)
        palette = QPalette(base)
        if self.isChecked():
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
                # Fusion paints a checked button lighter than its Button colour: start
                # darker so white text keeps a readable contrast (>= 4.5:1) on it.
                palette.setColor(group, QPalette.ColorRole.Button,
                                 base.color(group, QPalette.ColorRole.Highlight).darker(150))
                palette.setColor(group, QPalette.ColorRole.ButtonText,
                                 base.color(group, QPalette.ColorRole.HighlightedText))
        self._restyling = True
        try:
            self.setPalette(palette)
        finally:
            self._restyling = False


class WorkdayPicker(QWidget):
    """Seven checkable day buttons, Monday first.

    Signals:
        changed(): a day was switched on or off
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Workdays"))
        short = (self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"),
                 self.tr("Fri"), self.tr("Sat"), self.tr("Sun"))
        full = (self.tr("Monday"), self.tr("Tuesday"), self.tr("Wednesday"),
                self.tr("Thursday"), self.tr("Friday"), self.tr("Saturday"), self.tr("Sunday"))
        # In one row, or wrapped where the window is narrow (800×600 at 200 %).
        row = FlowLayout(self, spacing=4, row_spacing=4)
        self.buttons: list[DayButton] = []
        for label, name in zip(short, full, strict=True):
            button = DayButton(label, name)
            button.toggled.connect(self.changed)
            row.addWidget(button)
            self.buttons.append(button)
        # One width for all, and never less than the widest day needs (the style's own
        # padding included: a large font's days were cut when the window was narrow).
        width = max(max(b.sizeHint().width() for b in self.buttons),
                    max(self.fontMetrics().horizontalAdvance(s) for s in short) + 20)
        for button in self.buttons:
            button.setMinimumWidth(width)

    def days(self) -> tuple[int, ...]:
        """The checked days (Monday = 0)."""
        return tuple(i for i, b in enumerate(self.buttons) if b.isChecked())

    def set_days(self, days: tuple[int, ...]) -> None:
        """Check exactly `days`."""
        for i, button in enumerate(self.buttons):
            button.setChecked(i in days)


class ThemePicker(QListWidget):
    """A checkable list of the twelve themes that allows at most `limit` checks.

    Signals:
        changed(): the checked themes changed
    """

    changed = Signal()

    def __init__(self, names: dict[str, str], limit: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self.setAccessibleName(self.tr("Focus themes"))
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setUniformItemSizes(True)
        # On the window colour, the check boxes keep their outline in dark palettes too.
        self.viewport().setBackgroundRole(QPalette.ColorRole.Window)
        for theme in Theme:
            item = QListWidgetItem(names.get(theme.value, theme.value))
            item.setData(Qt.ItemDataRole.UserRole, theme.value)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                          | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.setCurrentRow(0, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.itemChanged.connect(self._on_item_changed)
        self.setSpacing(2)
        row = self.sizeHintForRow(0) + 2 * self.spacing()
        self.setFixedHeight(row * self.count() + 2 * self.frameWidth() + self.spacing())

    def themes(self) -> tuple[str, ...]:
        """The checked theme ids, in library order."""
        return tuple(self._id(item) for item in self._items()
                     if item.checkState() == Qt.CheckState.Checked)

    def set_themes(self, themes: tuple[str, ...]) -> None:
        """Check the first `limit` known ids of `themes`."""
        wanted = [t for t in themes if t in {th.value for th in Theme}][: self.limit]
        self.blockSignals(True)
        for item in self._items():
            checked = self._id(item) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.blockSignals(False)
        self._enforce_limit()

    def _items(self) -> list[QListWidgetItem]:
        return [self.item(i) for i in range(self.count())]

    @staticmethod
    def _id(item: QListWidgetItem) -> str:
        return str(item.data(Qt.ItemDataRole.UserRole))

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if len(self.themes()) > self.limit:  # checked some other way than a click
            self.blockSignals(True)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.blockSignals(False)
        self._enforce_limit()
        self.changed.emit()

    def _enforce_limit(self) -> None:
        """Grey out unchecked themes once the limit is reached."""
        full = len(self.themes()) >= self.limit
        self.blockSignals(True)
        for item in self._items():
            flags = item.flags()
            can_check = not full or item.checkState() == Qt.CheckState.Checked
            flags = (flags | Qt.ItemFlag.ItemIsUserCheckable if can_check
                     else flags & ~Qt.ItemFlag.ItemIsUserCheckable)
            flags = flags | Qt.ItemFlag.ItemIsEnabled if can_check else flags & ~(
                Qt.ItemFlag.ItemIsEnabled)
            item.setFlags(flags)
        self.blockSignals(False)


class HoursRow(QWidget):
    """Start and end of the working day side by side."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start = time_edit(self.tr("Working day starts at"))
        self.end = time_edit(self.tr("Working day ends at"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.start)
        row.addWidget(Label(self.tr("to")))
        row.addWidget(self.end)
        row.addStretch(1)
        self.start.timeChanged.connect(self.changed)
        self.end.timeChanged.connect(self.changed)

    def set_hours(self, start: time, end: time) -> None:
        """Show the working hours."""
        self.start.setTime(to_qtime(start))
        self.end.setTime(to_qtime(end))

    def hours(self) -> tuple[time, time]:
        """The working hours as (start, end)."""
        return from_qtime(self.start.time()), from_qtime(self.end.time())


def hours_problem(start: time, end: time) -> bool:
    """Whether the working day does not end after it starts."""
    return end <= start


def workdays_problem(workdays: tuple[int, ...], prompts_per_day: int) -> bool:
    """Whether prompts are on but no day is picked."""
    return prompts_per_day > 0 and not workdays
