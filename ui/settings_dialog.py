"""The Settings dialog: schedule, focus themes, notifications and privacy."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import time
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QSize, Qt, QTime, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QHideEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QTabWidget,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mlcoach import wipe
from mlcoach.domain import Settings, Theme
from mlcoach.errors import MlcoachError
from mlcoach.keys import KeyStore
from mlcoach.store import Store
from mlcoach.ui import ops
from mlcoach.ui.i18n import error_message
from mlcoach.ui.privacy import ConfirmDeleteDialog, RecoveryKeyView, encryption_sentence
from mlcoach.ui.transfer import Transfer
from mlcoach.ui.transfer import summary as import_summary
from mlcoach.vault import Layout, Opened, recovery_key

logger = logging.getLogger(__name__)

MAX_FOCUS = 3
MAX_PROMPTS = 12
GAP_RANGE = (15, 480)
TIME_FORMAT = "HH:mm"
ROUTES = ("card", "notification", "both")
MIN_WIDTH = 580


# -- small shared pieces ------------------------------------------------------------------

def theme_display_names(language: str) -> dict[str, str]:
    """Theme id -> display name, falling back to the id title-cased."""
    try:
        from mlcoach.content import theme_names

        names = theme_names(language)
    except Exception as exc:  # the library is a nicety here; ids still make fine labels
        logger.warning("theme names are not available: %s", exc)
        names = {}
    return {t.value: names.get(t.value) or t.value.replace("_", " ").title() for t in Theme}


def ui_language(settings: Settings) -> str:
    """The language the user chose, or the system's (the rule the translations follow)."""
    from mlcoach.i18n import ui_language as pick

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
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
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


def _label(text: str, buddy: QWidget) -> QLabel:
    """A form label whose mnemonic moves focus to `buddy`."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def _left(*widgets: QWidget) -> QHBoxLayout:
    """Widgets side by side at their natural size, aligned left."""
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


def _cell(*parts: QWidget | QHBoxLayout) -> QVBoxLayout:
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
    """Enlarge `widget`'s window when newly shown content no longer fits."""
    window = widget.window()
    layout = window.layout()
    if layout is not None:
        layout.activate()
    window.resize(window.size().expandedTo(window.sizeHint()))


class InlineError(QWidget):
    """A one-line error shown next to the control it is about; hidden while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAccessibleName(self.tr("Problem"))
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
                palette.setColor(group, QPalette.ColorRole.Button,
                                 base.color(group, QPalette.ColorRole.Highlight))
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
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.buttons: list[DayButton] = []
        width = max(self.fontMetrics().horizontalAdvance(s) for s in short) + 20
        for label, name in zip(short, full, strict=True):
            button = DayButton(label, name)
            button.setMinimumWidth(width)
            button.toggled.connect(self.changed)
            row.addWidget(button)
            self.buttons.append(button)
        row.addStretch(1)

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
        row.addWidget(QLabel(self.tr("to")))
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


# -- tabs ---------------------------------------------------------------------------------

class _Page(QWidget):
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


class SchedulePage(_Page):
    """Workdays, hours, prompts per day, gap, reflection time and calendar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workdays = WorkdayPicker()
        self.hours = HoursRow()
        self.hours_error = InlineError()
        self.prompts = QSpinBox()
        self.prompts.setRange(0, MAX_PROMPTS)
        self.prompts.setSpecialValueText(self.tr("Off"))
        self.prompts.setAccessibleName(self.tr("Prompts per day"))
        self.prompts.setAccessibleDescription(self.tr("0 turns prompts off"))
        self.workdays_error = InlineError()
        self.gap = QSpinBox()
        self.gap.setRange(*GAP_RANGE)
        self.gap.setSingleStep(5)
        self.gap.setSuffix(self.tr(" min"))
        self.gap.setAccessibleName(self.tr("Minimum gap between prompts, in minutes"))
        self.reflection_on = QCheckBox(self.tr("&Offer a reflection at"))
        self.reflection_on.setAccessibleName(self.tr("Offer an end-of-day reflection"))
        self.reflection_time = time_edit(self.tr("Reflection time"))
        self.reflection_on.toggled.connect(self.reflection_time.setEnabled)
        self.calendar = QLineEdit()
        self.calendar.setAccessibleName(self.tr("Calendar file or folder"))
        self.calendar.setPlaceholderText(self.tr("An .ics file or a folder of them"))
        self.calendar.setClearButtonEnabled(True)
        self.browse = QPushButton(self.tr("&Browse…"))
        self.browse.setAccessibleName(self.tr("Choose a calendar file or folder"))
        menu = QMenu(self.browse)
        menu.addAction(self.tr("Calendar file…"), self._pick_file)
        menu.addAction(self.tr("Folder of calendar files…"), self._pick_folder)
        self.browse.setMenu(menu)
        self.calendar_error = InlineError()

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Workdays:"), self.workdays)
        form.addRow(_label(self.tr("Working &hours:"), self.hours.start),
                    _cell(self.hours, self.hours_error))
        form.addRow(_label(self.tr("&Prompts per day:"), self.prompts), _cell(
            _left(self.prompts),
            hint_label(self.tr("At 0 (Off) no prompts come on their own; you can still "
                               "ask for one from the tray.")),
            self.workdays_error))
        form.addRow(_label(self.tr("&Minimum gap:"), self.gap), _left(self.gap))
        form.addRow(self.tr("End of day:"), _left(self.reflection_on, self.reflection_time))
        calendar = QHBoxLayout()
        calendar.addWidget(self.calendar, 1)
        calendar.addWidget(self.browse)
        form.addRow(_label(self.tr("&Calendar:"), self.calendar), _cell(
            calendar,
            hint_label(self.tr("Used to keep prompts out of your meetings. The file is read "
                               "on this computer only; nothing connects to a calendar "
                               "service.")),
            self.calendar_error))

        for signal in (self.workdays.changed, self.hours.changed, self.prompts.valueChanged,
                       self.gap.valueChanged, self.reflection_on.toggled,
                       self.reflection_time.timeChanged, self.calendar.textChanged):
            signal.connect(self.changed)

    def load(self, settings: Settings) -> None:
        self.workdays.set_days(settings.workdays)
        self.hours.set_hours(settings.day_start, settings.day_end)
        self.prompts.setValue(settings.prompts_per_day)
        self.gap.setValue(settings.min_gap_minutes)
        self.reflection_on.setChecked(settings.reflection_enabled)
        self.reflection_time.setTime(to_qtime(settings.reflection_time))
        self.reflection_time.setEnabled(settings.reflection_enabled)
        self.calendar.setText(settings.calendar_path)
        for error in (self.hours_error, self.workdays_error, self.calendar_error):
            error.clear()

    def collect(self, settings: Settings) -> Settings:
        start, end = self.hours.hours()
        return replace(
            settings, workdays=self.workdays.days(), day_start=start, day_end=end,
            prompts_per_day=self.prompts.value(), min_gap_minutes=self.gap.value(),
            reflection_enabled=self.reflection_on.isChecked(),
            reflection_time=from_qtime(self.reflection_time.time()),
            calendar_path=self.calendar.text().strip(),
        )

    def validate(self, settings: Settings) -> QWidget | None:
        first: QWidget | None = None
        if hours_problem(settings.day_start, settings.day_end):
            self.hours_error.show_error(self.tr("The working day has to end after it starts."))
            first = self.hours.end
        else:
            self.hours_error.clear()
        if workdays_problem(settings.workdays, settings.prompts_per_day):
            self.workdays_error.show_error(
                self.tr("Pick at least one workday, or set prompts to Off."))
            first = first or self.workdays.buttons[0]
        else:
            self.workdays_error.clear()
        path = settings.calendar_path
        if path and not Path(path).expanduser().exists():
            self.calendar_error.show_error(self.tr("No calendar file or folder is there."))
            first = first or self.calendar
        else:
            self.calendar_error.clear()
        return first

    def _pick_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a calendar file"), self._start_dir(),
            self.tr("Calendar files (*.ics);;All files (*)"))
        if path:
            self.calendar.setText(path)

    def _pick_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, self.tr("Choose a folder of calendar files"), self._start_dir())
        if path:
            self.calendar.setText(path)

    def _start_dir(self) -> str:
        current = Path(self.calendar.text().strip()).expanduser()
        return str(current if current.is_dir() else current.parent) if current.name else ""


class FocusPage(_Page):
    """Focus themes (at most three) and the language."""

    def __init__(self, names: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.themes = ThemePicker(names, MAX_FOCUS)
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language"))
        self.language.addItem(self.tr("Same as the system"), "")
        self.language.addItem("English", "en")
        self.language.addItem("Türkçe", "tr")

        layout = QVBoxLayout(self)
        title = QLabel(self.tr("&Themes to see more often:"))
        title.setBuddy(self.themes)
        layout.addWidget(title)
        layout.addWidget(self.themes)
        layout.addWidget(hint_label(self.tr(
            "Pick up to three. With none picked, prompts come from every theme in turn.")))
        layout.addSpacing(8)
        self.weekly = QCheckBox(self.tr("Offer a &weekly review on the first workday of the "
                                        "week"))
        self.weekly.setAccessibleName(self.tr("Weekly review on the first workday of the week"))
        layout.addWidget(self.weekly)
        layout.addWidget(hint_label(self.tr(
            "Last week in a few lines at the top of Insights, with one theme to focus on "
            "next; accepting it sets the focus above for a week.")))
        layout.addSpacing(12)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_label(self.tr("&Language:"), self.language), _cell(
            _left(self.language),
            hint_label(self.tr("A new language is used from the next start."))))
        layout.addLayout(form)
        layout.addStretch(1)
        self.themes.changed.connect(self.changed)
        self.language.currentIndexChanged.connect(self.changed)
        self.weekly.toggled.connect(self.changed)

    def load(self, settings: Settings) -> None:
        self.themes.set_themes(settings.focus_themes)
        self.weekly.setChecked(settings.weekly_review)
        index = self.language.findData(settings.language)
        self.language.setCurrentIndex(max(index, 0))

    def collect(self, settings: Settings) -> Settings:
        focus = self.themes.themes()
        until = settings.focus_until if focus == settings.focus_themes else None
        return replace(settings, focus_themes=focus, focus_until=until,
                       language=str(self.language.currentData()),
                       weekly_review=self.weekly.isChecked())


class NotificationsPage(_Page):
    """How prompts are shown, and launch at login."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QGroupBox(self.tr("Show prompts as"))
        box.setAccessibleName(self.tr("Show prompts as"))
        self.route = QButtonGroup(self)
        labels = {
            "card": self.tr("A prompt &card near the tray"),
            "notification": self.tr("A s&ystem notification"),
            "both": self.tr("&Both"),
        }
        inner = QVBoxLayout(box)
        self.route_buttons: dict[str, QRadioButton] = {}
        for i, key in enumerate(ROUTES):
            button = QRadioButton(labels[key])
            button.setAccessibleName(labels[key].replace("&", ""))
            self.route.addButton(button, i)
            inner.addWidget(button)
            self.route_buttons[key] = button
        inner.addWidget(hint_label(self.tr(
            "The card stays quietly in the corner and never takes the keyboard away from "
            "you. A notification can be clicked to open the card.")))
        self.launch = QCheckBox(self.tr("Start mlcoach when I &log in"))
        self.launch.setAccessibleName(self.tr("Start mlcoach when I log in"))
        self.launch_error = InlineError()

        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addSpacing(8)
        layout.addWidget(self.launch)
        layout.addWidget(hint_label(self.tr("It starts in the tray, without opening a "
                                            "window.")))
        layout.addWidget(self.launch_error)
        layout.addStretch(1)
        self.route.idToggled.connect(self._route_toggled)
        self.launch.toggled.connect(self.changed)

    def _route_toggled(self, _id: int, on: bool) -> None:
        if on:
            self.changed.emit()

    def load(self, settings: Settings) -> None:
        route = settings.notification_route if settings.notification_route in ROUTES else "card"
        self.route_buttons[route].setChecked(True)
        enabled = autostart_enabled()
        self.launch.setChecked(settings.launch_at_login if enabled is None else enabled)
        self.launch.setEnabled(enabled is not None)
        self.launch_error.clear()
        if enabled is None:
            self.launch_error.show_error(self.tr("Starting at login cannot be set up on "
                                                 "this system."))

    def collect(self, settings: Settings) -> Settings:
        route = ROUTES[max(self.route.checkedId(), 0)]
        return replace(settings, notification_route=route,
                       launch_at_login=self.launch.isChecked())


def autostart_enabled() -> bool | None:
    """Whether mlcoach starts at login, or None when that cannot be told."""
    try:
        from mlcoach import autostart

        return bool(autostart.is_enabled())
    except Exception as exc:  # a missing or failing autostart must not break Settings
        logger.warning("cannot tell whether mlcoach starts at login: %s", exc)
        return None


def apply_autostart(wanted: bool) -> None:
    """Make launch at login match `wanted` (raises OSError/MlcoachError on failure)."""
    from mlcoach import autostart

    if bool(autostart.is_enabled()) == wanted:
        return
    if wanted:
        autostart.enable()
    else:
        autostart.disable()


class PrivacyPage(_Page):
    """Encryption status, recovery key, backups, export and delete all data.

    Signals:
        data_deleted(): everything was deleted; the store is closed
        exported(Path): an export file was written
        imported(dict): entries were imported (counts added per section)
    """

    data_deleted = Signal()
    exported = Signal(object)
    imported = Signal(dict)

    def __init__(self, store: Store, opened: Opened, keys: KeyStore,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.opened, self.keys = store, opened, keys
        mode = opened.meta.encryption

        self.status = QLabel(encryption_sentence(mode))
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Encryption status"))
        self.show_key = QPushButton(self.tr("Show &recovery key…"))
        self.show_key.setAccessibleName(self.tr("Show recovery key"))
        self.show_key.clicked.connect(self.toggle_recovery_key)
        self.key_view = RecoveryKeyView()
        self.key_view.setVisible(False)
        self.key_hint = hint_label(self.tr(
            "With this key you can open your data if the system keyring loses its entry. "
            "Keep it somewhere safe, such as a password manager."))
        self.key_error = InlineError()
        if mode != "keyring":
            self.show_key.setEnabled(False)
            self.key_hint.setText(self.tr("There is no recovery key: "
                                          "your passphrase opens the store.")
                                  if mode == "passphrase"
                                  else self.tr("There is no recovery key for an unencrypted "
                                               "store."))
        key_box = QGroupBox(self.tr("Encryption"))
        key_layout = QVBoxLayout(key_box)
        key_layout.addWidget(self.status)
        key_layout.addWidget(self.key_hint)
        row = QHBoxLayout()
        row.addWidget(self.show_key)
        row.addStretch(1)
        key_layout.addLayout(row)
        key_layout.addWidget(self.key_view)
        key_layout.addWidget(self.key_error)

        self.backup_path = QLineEdit(str(opened.layout.backups))
        self.backup_path.setReadOnly(True)
        self.backup_path.setAccessibleName(self.tr("Backup folder"))
        self.open_backups = QPushButton(self.tr("&Open folder"))
        self.open_backups.setAccessibleName(self.tr("Open the backup folder"))
        self.open_backups.clicked.connect(self.open_backup_folder)
        backup_box = QGroupBox(self.tr("Backups"))
        backup_layout = QVBoxLayout(backup_box)
        backup_layout.addWidget(hint_label(self.tr(
            "Copies are made automatically, before each upgrade and from time to time; "
            "they are encrypted like the store.")))
        row = QHBoxLayout()
        row.addWidget(self.backup_path, 1)
        row.addWidget(self.open_backups)
        backup_layout.addLayout(row)

        self.transfer = Transfer(store, self)
        self.export_button = QPushButton(self.tr("&Export…"))
        self.export_button.setAccessibleName(self.tr("Export all data to a file"))
        self.export_button.clicked.connect(self.export)
        self.import_button = QPushButton(self.tr("&Import…"))
        self.import_button.setAccessibleName(self.tr("Import data from an export file"))
        self.import_button.clicked.connect(self.import_data)
        # One status line and one error line serve both export and import.
        self.export_status = QLabel()
        self.export_status.setWordWrap(True)
        self.export_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_status.setAccessibleName(self.tr("Export and import result"))
        self.export_error = InlineError()
        self.transfer.busy_changed.connect(self._transfer_busy)
        self.transfer.exported.connect(self._exported)
        self.transfer.imported.connect(self._imported)
        self.transfer.failed.connect(self._transfer_failed)
        self.transfer.cancelled.connect(self._transfer_cancelled)
        self.delete_button = QPushButton(self.tr("&Delete all data…"))
        self.delete_button.setAccessibleName(self.tr("Delete all data"))
        self.delete_button.clicked.connect(self.delete_all)
        self.delete_error = InlineError()
        data_box = QGroupBox(self.tr("Your data"))
        data_layout = QVBoxLayout(data_box)
        data_layout.addWidget(hint_label(self.tr(
            "Export writes everything to a file you choose: JSON (which mlcoach can import "
            "again), CSV or a Markdown journal. The file is not encrypted. Import shows what "
            "a JSON export would add before it adds anything.")))
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.import_button)
        row.addWidget(self.export_status, 1)
        row.addStretch(0)
        data_layout.addLayout(row)
        data_layout.addWidget(self.export_error)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        data_layout.addWidget(line)
        data_layout.addWidget(hint_label(self.tr(
            "Deleting removes everything mlcoach keeps on this computer, including backups "
            "and the encryption key. It cannot be undone.")))
        row = QHBoxLayout()
        row.addWidget(self.delete_button)
        row.addStretch(1)
        data_layout.addLayout(row)
        data_layout.addWidget(self.delete_error)

        layout = QVBoxLayout(self)
        layout.addWidget(key_box)
        layout.addWidget(backup_box)
        layout.addWidget(data_box)
        layout.addStretch(1)

    def load(self, settings: Settings) -> None:
        self.hide_recovery_key()
        self.open_backups.setEnabled(self.opened.layout.backups.is_dir())
        self.open_backups.setToolTip("" if self.open_backups.isEnabled()
                                     else self.tr("No backup has been made yet."))
        for error in (self.key_error, self.export_error, self.delete_error):
            error.clear()
        self.export_status.clear()
        self.export_status.setVisible(False)

    # recovery key

    def toggle_recovery_key(self) -> None:
        """Show the recovery key after a confirmation, or hide it again."""
        if self.key_view.isVisibleTo(self):
            self.hide_recovery_key()
            return
        answer = QMessageBox.question(
            self, self.tr("Show recovery key"),
            self.tr("Anyone who has this key and a copy of your data can read it. Make sure "
                    "no one else can see your screen.\n\nShow the recovery key now?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            key = recovery_key(self.opened.layout, self.keys)
        except MlcoachError as exc:
            self.key_error.show_error(self.tr("The recovery key cannot be read: {0}")
                                      .format(error_message(exc)))
            return
        self.key_error.clear()
        self.key_view.set_key(key)
        self.key_view.setVisible(True)
        grow_to_fit(self)
        self.show_key.setText(self.tr("Hide &recovery key"))
        self.show_key.setAccessibleName(self.tr("Hide recovery key"))
        self.key_view.field.setFocus()
        self.key_view.field.selectAll()

    def hide_recovery_key(self) -> None:
        """Take the recovery key off the screen."""
        self.key_view.clear()
        self.key_view.setVisible(False)
        self.show_key.setText(self.tr("Show &recovery key…"))
        self.show_key.setAccessibleName(self.tr("Show recovery key"))

    # backups, export, delete

    def open_backup_folder(self) -> None:
        """Open the backup folder in the file manager."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.opened.layout.backups)))

    def export(self) -> None:
        """Ask for a file and format, then write the export there (off the GUI thread)."""
        self.transfer.export()

    def import_data(self) -> None:
        """Ask for an export file, preview what it adds, and import it once confirmed."""
        self.transfer.import_file()

    def _transfer_busy(self, busy: bool) -> None:
        self.export_button.setEnabled(not busy)
        self.import_button.setEnabled(not busy)
        if busy:
            self.export_error.clear()
            self.export_status.setText(self.tr("Working…"))
            self.export_status.setVisible(True)

    def _transfer_cancelled(self) -> None:
        self.export_status.clear()
        self.export_status.setVisible(False)

    def _exported(self, written: Path) -> None:
        self.export_status.setText(self.tr("Saved to {0}").format(str(written)))
        self.export_status.setVisible(True)
        self.exported.emit(written)

    def _imported(self, added: dict[str, int]) -> None:
        self.export_status.setText(import_summary(added))
        self.export_status.setVisible(True)
        self.imported.emit(added)

    def _transfer_failed(self, message: str) -> None:
        self._transfer_cancelled()
        self.export_error.show_error(message)

    def delete_all(self) -> None:
        """Delete everything after the user typed the confirmation word."""
        if not ConfirmDeleteDialog.ask(self):
            return
        self.delete_error.clear()
        self.setEnabled(False)
        layout, keys, store = self.opened.layout, self.keys, self.store
        # On the store's worker, so it runs after any store work already queued there.
        ops.run(lambda: self._wipe(layout, keys, store), self._deleted, self._delete_failed)

    @staticmethod
    def _wipe(layout: Layout, keys: KeyStore, store: Store) -> None:
        wipe.delete_all(layout, keys, store=store)
        # Or the next login starts the app again, on an empty folder.
        wipe.remove_login_entry()

    def _deleted(self, _removed: object) -> None:
        self.data_deleted.emit()

    def _delete_failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        if not isinstance(exc, MlcoachError):
            logger.error("deleting all data failed", exc_info=exc)
        self.delete_error.show_error(self.tr("Not everything could be deleted: {0}")
                                     .format(error_message(exc)))


# -- the dialog ---------------------------------------------------------------------------

class SettingsDialog(QDialog):
    """Edit the user's settings; Save writes them to the store.

    Signals:
        settings_changed(Settings): new settings were saved
        data_deleted(): all data was deleted and the store is closed; the app should quit
    """

    settings_changed = Signal(object)
    data_deleted = Signal()

    def __init__(self, store: Store, opened: Opened, *, keys: KeyStore,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.opened, self.keys = store, opened, keys
        self._deleted = False
        self.setWindowTitle(self.tr("mlcoach settings"))
        self.setAccessibleName(self.tr("Settings"))
        settings = store.settings()
        names = theme_display_names(ui_language(settings))

        self.schedule = SchedulePage()
        self.focus = FocusPage(names)
        self.notifications = NotificationsPage()
        self.privacy = PrivacyPage(store, opened, keys)
        self.pages: list[_Page] = [self.schedule, self.focus, self.notifications, self.privacy]
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Settings sections"))
        for page, title in zip(self.pages, (self.tr("&Schedule"), self.tr("&Focus"),
                                            self.tr("&Notifications"), self.tr("Pri&vacy")),
                               strict=True):
            page.setAccessibleName(title.replace("&", ""))
            self.tabs.addTab(page, title)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Apply
                                        | QDialogButtonBox.StandardButton.Cancel)
        for which, name in ((QDialogButtonBox.StandardButton.Ok, self.tr("Save and close")),
                            (QDialogButtonBox.StandardButton.Apply, self.tr("Apply")),
                            (QDialogButtonBox.StandardButton.Cancel, self.tr("Cancel"))):
            self.buttons.button(which).setAccessibleName(name)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.apply_button.clicked.connect(self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(MIN_WIDTH)

        for page in self.pages:
            page.changed.connect(self._mark_dirty)
        self.privacy.data_deleted.connect(self._on_data_deleted)
        self.reload()

    @property
    def apply_button(self) -> QPushButton:
        """The Apply button."""
        return self.buttons.button(QDialogButtonBox.StandardButton.Apply)

    @property
    def ok_button(self) -> QPushButton:
        """The OK (save and close) button."""
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def reload(self) -> None:
        """Show the stored settings again, dropping unsaved edits."""
        if self._deleted:
            return
        settings = self.store.settings()
        for page in self.pages:
            page.blockSignals(True)
            page.load(settings)
            page.blockSignals(False)
        self.apply_button.setEnabled(False)

    def present(self) -> None:
        """Show, raise and focus the dialog."""
        self.show()
        self.raise_()
        self.activateWindow()

    def current(self) -> Settings:
        """The settings as the controls show them now (not yet saved)."""
        settings = self.store.settings()
        for page in self.pages:
            settings = page.collect(settings)
        return settings

    def save(self) -> bool:
        """Validate and save; False (nothing saved) when a control needs fixing."""
        if self._deleted:
            return False
        new = self.current()
        first: QWidget | None = None
        for page in self.pages:
            bad = page.validate(new)
            if bad is not None and first is None:
                first = bad
                self.tabs.setCurrentWidget(page)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        actual = autostart_enabled()
        if actual is not None and actual != new.launch_at_login:
            try:
                apply_autostart(new.launch_at_login)
            except Exception as exc:  # permissions, read-only home, unsupported desktop
                logger.warning("could not change launch at login: %s", exc)
                self.notifications.launch_error.show_error(
                    self.tr("Could not change starting at login: {0}").format(error_message(exc)))
                self.tabs.setCurrentWidget(self.notifications)
                self.notifications.launch.setFocus()
                return False
        self.notifications.launch_error.clear()
        self.store.save_settings(new)
        self.apply_button.setEnabled(False)
        self.settings_changed.emit(new)
        return True

    def accept(self) -> None:
        """Save and close; stays open when something needs fixing."""
        if self.save():
            super().accept()

    def reject(self) -> None:
        """Close without saving; the next opening shows the stored settings."""
        super().reject()
        self.reload()

    def hideEvent(self, event: QHideEvent) -> None:
        """Never leave the recovery key on screen behind a hidden window."""
        self.privacy.hide_recovery_key()
        super().hideEvent(event)

    def _mark_dirty(self) -> None:
        if not self._deleted:
            self.apply_button.setEnabled(True)

    def _on_data_deleted(self) -> None:
        self._deleted = True
        for page in self.pages:
            page.setEnabled(False)
        self.ok_button.setEnabled(False)
        self.apply_button.setEnabled(False)
        self.data_deleted.emit()
        self.reject()
