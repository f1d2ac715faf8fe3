"""Pieces of a settings form shared by Settings and the welcome steps.

Quiet hints, inline errors, buddy labels and rows, time fields, and the base of a
Settings tab (`SettingsPage`).
"""

from __future__ import annotations

import logging
from datetime import time

from PySide6.QtCore import QEvent, QSize, Qt, QTime, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStyle,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from mlcoach.domain.model import Settings, Theme
from mlcoach.ui.widgets.plain_text import Label

logger = logging.getLogger(__name__)

logger = logging.getLogger(__name__)

TIME_FORMAT = "HH:mm"


def theme_display_names(language: str) -> dict[str, str]:
    """Theme id -> display name, falling back to the id title-cased."""
    try:
        from mlcoach.coaching.content import theme_names

        names = theme_names(language)
    except Exception as exc:  # the library is a nicety here; ids still make fine labels
        logger.warning("theme names are not available: %s", exc)
        names = {}
    return {t.value: names.get(t.value) or t.value.replace("_", " ").title() for t in Theme}


def ui_language(settings: Settings) -> str:
    """The language the user chose, or the system's (the rule the translations follow)."""
    from mlcoach.domain.i18n import ui_language as pick

    return pick(settings.language)


def to_qtime(value: time) -> QTime:
    """A datetime.time as QTime."""
    return QTime(value.hour, value.minute)


def from_qtime(value: QTime) -> time:
    """A QTime as datetime.time (minutes precision)."""
    return time(value.hour(), value.minute())


class Hint(QLabel):
    """A quiet, wrapping explanation: text colour eased toward the background, from the palette."""

    STRENGTH = 0.68  # share of the text colour; keeps contrast above 4.5:1 on usual themes
    WIDTH = 400

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._tinting = False
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        # A new policy drops the height-for-width that word wrap set: without it layouts
        # size the hint for its 400-px line length, and a longer (Turkish) one is squeezed.
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._tint()

    def sizeHint(self) -> QSize:
        """Ask for a comfortable line length, so layouts reserve the right height."""
        width = max(super().sizeHint().width(), self.WIDTH)
        return QSize(width, self.heightForWidth(width))

    def changeEvent(self, event: QEvent) -> None:
        """Follow palette changes (a switch to a dark theme, a new parent)."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ParentChange) and (
                not self._tinting):
            self._tint()

    def _tint(self) -> None:
        parent = self.parentWidget()
        base = parent.palette() if parent is not None else QApplication.palette(self)
        text, back = base.color(QPalette.ColorRole.WindowText), base.color(
            QPalette.ColorRole.Window)
        k = self.STRENGTH
        mixed = QColor.fromRgbF(text.redF() * k + back.redF() * (1 - k),
                                text.greenF() * k + back.greenF() * (1 - k),
                                text.blueF() * k + back.blueF() * (1 - k))
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, mixed)
        self._tinting = True
        try:
            self.setPalette(palette)
        finally:
            self._tinting = False


def hint_label(text: str) -> QLabel:
    """A quiet, wrapping explanation under a control."""
    return Hint(text)


def time_edit(name: str) -> QTimeEdit:
    """A 24-hour time field with an accessible name."""
    edit = QTimeEdit()
    edit.setDisplayFormat(TIME_FORMAT)
    edit.setAccessibleName(name)
    return edit


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A form label whose mnemonic moves focus to `buddy`."""
    label = Label(text)
    label.setBuddy(buddy)
    return label


def left_row(*widgets: QWidget) -> QHBoxLayout:
    """Widgets side by side at their natural size, aligned left."""
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


def cell(*parts: QWidget | QHBoxLayout) -> QVBoxLayout:
    """A form field stacked with its hint and error line (hidden ones take no space)."""
    column = QVBoxLayout()
    column.setSpacing(4)
    for part in parts:
        if isinstance(part, QWidget):
            column.addWidget(part)
        else:
            column.addLayout(part)
    return column


def grow_to_fit(widget: QWidget) -> None:
    """Enlarge `widget`'s window when newly shown content no longer fits (within its
    screen: beyond that, pages in `PageTabs` scroll)."""
    from mlcoach.ui.widgets.page_tabs import PageTabs, resize_within_screen

    window = widget.window()
    layout = window.layout()
    if layout is not None:
        layout.activate()
    wanted = window.size().expandedTo(window.sizeHint())
    resize_within_screen(window, wanted.width(), wanted.height())
    tabs = window.findChild(PageTabs)
    if tabs is not None:
        tabs.fit_window()


class InlineError(QWidget):
    """A one-line error shown next to the control it is about; hidden while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        icon = Label()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))
        self.label = Label()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAccessibleDescription(self.tr("Problem"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setVisible(False)

    def show_error(self, text: str) -> None:
        """Show `text`; an empty text hides the line."""
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))

    def text(self) -> str:
        """The error on show, or ''."""
        return "" if self.isHidden() else self.label.text()

    def clear(self) -> None:
        """Hide the line."""
        self.show_error("")


class SettingsPage(QWidget):
    """A Settings tab: loads from Settings, returns changed Settings, validates itself."""

    changed = Signal()

    def load(self, settings: Settings) -> None:
        """Show `settings`."""

    def collect(self, settings: Settings) -> Settings:
        """`settings` with this tab's values."""
        return settings

    def validate(self, settings: Settings) -> QWidget | None:
        """Show inline errors for `settings`; return the control to fix first, or None."""
        return None
