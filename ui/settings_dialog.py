"""The Settings dialog: schedule, focus themes, notifications and privacy."""

from __future__ import annotations

import logging
from dataclasses import fields, replace
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mlcoach.domain.errors import MlcoachError
from mlcoach.domain.model import SETTING_RANGES, Settings
from mlcoach.security.keys import KeyStore
from mlcoach.store.core import Store
from mlcoach.store.vault import Opened
from mlcoach.system.path_look import kind_of
from mlcoach.ui import ops
from mlcoach.ui.i18n import error_message
from mlcoach.ui.privacy_page import PrivacyPage
from mlcoach.ui.widgets.discard import discard_confirmed
from mlcoach.ui.widgets.forms import (
    InlineError,
    SettingsPage,
    buddy_label,
    cell,
    from_qtime,
    hint_label,
    left_row,
    theme_display_names,
    time_edit,
    to_qtime,
    ui_language,
)
from mlcoach.ui.widgets.helpers import close_keys, tab_keys
from mlcoach.ui.widgets.on_screen import keep_on_screen
from mlcoach.ui.widgets.page_tabs import PageTabs, resize_within_screen
from mlcoach.ui.widgets.plain_text import Label
from mlcoach.ui.widgets.schedule_fields import (
    HoursRow,
    ThemePicker,
    WorkdayPicker,
    hours_problem,
    workdays_problem,
)
from mlcoach.ui.widgets.wrapping_button import WrappingCheckBox, WrappingRadioButton

logger = logging.getLogger(__name__)

MAX_FOCUS = 3
MAX_PROMPTS = SETTING_RANGES["prompts_per_day"][1]
GAP_RANGE = SETTING_RANGES["min_gap_minutes"]
TIME_FORMAT = "HH:mm"
ROUTES = ("card", "notification", "both")
MIN_WIDTH = 580



# -- tabs ---------------------------------------------------------------------------------

class SchedulePage(SettingsPage):
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
        self._calendar_fields()
        self._lay_out()
        for signal in (self.workdays.changed, self.hours.changed, self.prompts.valueChanged,
                       self.gap.valueChanged, self.reflection_on.toggled,
                       self.reflection_time.timeChanged, self.calendar.textChanged,
                       self.eds.toggled):
            signal.connect(self.changed)

    def _calendar_fields(self) -> None:
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
        self.eds = WrappingCheckBox(self.tr("&Use calendars from GNOME/Evolution"))
        self.eds.setAccessibleName(self.tr("Use calendars from GNOME/Evolution"))
        self.eds.setAccessibleDescription(self.tr(
            "Also reads the meetings in the desktop's calendars, including the accounts set "
            "up in Online Accounts, on this computer only"))

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Workdays:"), self.workdays)
        form.addRow(buddy_label(self.tr("Working &hours:"), self.hours.start),
                    cell(self.hours, self.hours_error))
        form.addRow(buddy_label(self.tr("&Prompts per day:"), self.prompts), cell(
            left_row(self.prompts),
            hint_label(self.tr("At 0 (Off) no prompts come on their own; you can still "
                               "ask for one from the tray.")),
            self.workdays_error))
        form.addRow(buddy_label(self.tr("&Minimum gap:"), self.gap), left_row(self.gap))
        form.addRow(self.tr("End of day:"), left_row(self.reflection_on, self.reflection_time))
        calendar = QHBoxLayout()
        calendar.addWidget(self.calendar, 1)
        calendar.addWidget(self.browse)
        form.addRow(buddy_label(self.tr("&Calendar:"), self.calendar), cell(
            calendar,
            hint_label(self.tr("Used to keep prompts out of your meetings. The file is read "
                               "on this computer only; nothing connects to a calendar "
                               "service.")),
            self.calendar_error))
        form.addRow("", self.eds)

    def load(self, settings: Settings) -> None:
        self.workdays.set_days(settings.workdays)
        self.hours.set_hours(settings.day_start, settings.day_end)
        self.prompts.setValue(settings.prompts_per_day)
        self.gap.setValue(settings.min_gap_minutes)
        self.reflection_on.setChecked(settings.reflection_enabled)
        self.reflection_time.setTime(to_qtime(settings.reflection_time))
        self.reflection_time.setEnabled(settings.reflection_enabled)
        self.calendar.setText(settings.calendar_path)
        self.eds.setChecked(settings.calendar_eds)
        for error in (self.hours_error, self.workdays_error, self.calendar_error):
            error.clear()

    def collect(self, settings: Settings) -> Settings:
        start, end = self.hours.hours()
        return replace(
            settings, workdays=self.workdays.days(), day_start=start, day_end=end,
            prompts_per_day=self.prompts.value(), min_gap_minutes=self.gap.value(),
            reflection_enabled=self.reflection_on.isChecked(),
            reflection_time=from_qtime(self.reflection_time.time()),
            calendar_path=self.calendar.text().strip(), calendar_eds=self.eds.isChecked(),
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
        # "Cannot tell" (a network mount that hangs) is no error: the read, on a worker,
        # says what it finds.
        if path and kind_of(Path(path)) == "missing":
            self.calendar_error.show_error(self.tr("No calendar file or folder is there."))
            first = first or self.calendar
        else:
            self.calendar_error.clear()
        return first

    def _pick_file(self) -> None:
        from mlcoach.ui.file_dialogs import fitting

        with fitting():
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Choose a calendar file"), self._start_dir(),
                self.tr("Calendar files (*.ics);;All files (*)"))
        if path:
            self.calendar.setText(path)

    def _pick_folder(self) -> None:
        from mlcoach.ui.file_dialogs import fitting

        with fitting():
            path = QFileDialog.getExistingDirectory(
                self, self.tr("Choose a folder of calendar files"), self._start_dir())
        if path:
            self.calendar.setText(path)

    def _start_dir(self) -> str:
        current = Path(self.calendar.text().strip()).expanduser()
        if not current.name:
            return ""
        return str(current if kind_of(current) == "dir" else current.parent)


class FocusPage(SettingsPage):
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
        title = Label(self.tr("&Themes to see more often:"))
        title.setBuddy(self.themes)
        layout.addWidget(title)
        layout.addWidget(self.themes)
        layout.addWidget(hint_label(self.tr(
            "Pick up to three. With none picked, prompts come from every theme in turn.")))
        layout.addSpacing(8)
        self.weekly = WrappingCheckBox(self.tr("Offer a &weekly review on the first workday of the "
                                        "week"))
        self.weekly.setAccessibleName(self.tr("Weekly review on the first workday of the week"))
        layout.addWidget(self.weekly)
        layout.addWidget(hint_label(self.tr(
            "Last week in a few lines at the top of Insights, with one theme to focus on "
            "next; accepting it sets the focus above for a week.")))
        layout.addSpacing(12)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(buddy_label(self.tr("&Language:"), self.language), cell(
            left_row(self.language),
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


class NotificationsPage(SettingsPage):
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
            button = WrappingRadioButton(labels[key])
            button.setAccessibleName(labels[key].replace("&", ""))
            self.route.addButton(button, i)
            inner.addWidget(button)
            self.route_buttons[key] = button
        inner.addWidget(hint_label(self.tr(
            "The card stays quietly in the corner and never takes the keyboard away from "
            "you. A notification can be clicked to open the card.")))
        self.launch = WrappingCheckBox(self.tr("Start mlcoach when I &log in"))
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
        from mlcoach.system import autostart

        if not autostart.is_enabled():
            return False
        # an entry whose program is gone (installed elsewhere since) starts nothing: shown
        # off, so ticking the box writes one for this installation
        args = autostart.entry_command()
        return args is not None and autostart.program_exists(args[0])
    except Exception as exc:  # a missing or failing autostart must not break Settings
        logger.warning("cannot tell whether mlcoach starts at login: %s", exc)
        return None


def apply_autostart(wanted: bool, folder: Path | None = None) -> None:
    """Make launch at login match `wanted`, opening the data folder `folder` (raises
    OSError/MlcoachError on failure)."""
    from mlcoach.system import autostart

    if not wanted:
        if autostart.is_enabled():
            autostart.disable()
        return
    command = autostart.command_for(folder)
    if autostart.entry_command() != command:
        autostart.enable(command)


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
        self._saving = False  # a save is on its way to the store
        self._edited_meanwhile = False  # a control was changed while it was
        self.setWindowTitle(self.tr("mlcoach settings"))
        self.setAccessibleName(self.tr("Settings"))
        settings = store.settings()
        self._loaded = settings  # what the controls show (reload() below sets it again)
        self._fitted = False
        names = theme_display_names(ui_language(settings))

        self.schedule = SchedulePage()
        self.focus = FocusPage(names)
        self.notifications = NotificationsPage()
        self.privacy = PrivacyPage(store, opened, keys)
        self.pages: list[SettingsPage] = [self.schedule, self.focus, self.notifications,
                                          self.privacy]
        self.tabs = PageTabs()
        self.tabs.setAccessibleName(self.tr("Settings sections"))
        for page, title in zip(self.pages, (self.tr("&Schedule"), self.tr("&Focus"),
                                            self.tr("&Notifications"), self.tr("Pri&vacy")),
                               strict=True):
            page.setAccessibleName(title.replace("&", ""))
            self.tabs.add_page(page, title)

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

        self.save_error = InlineError()
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        tab_keys(self, self.tabs)
        close_keys(self, self.reject)  # as Esc: asks before changes are lost
        layout.addWidget(self.save_error)
        layout.addWidget(self.buttons)

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
        self._show(self.store.settings())
        self.save_error.clear()
        self.apply_button.setEnabled(False)

    def _show(self, settings: Settings) -> None:
        self._loaded = settings
        for page in self.pages:
            page.blockSignals(True)
            page.load(settings)
            page.blockSignals(False)

    def has_unsaved_changes(self) -> bool:
        """Whether a control was changed since the settings were last loaded or saved."""
        return self.apply_button.isEnabled() or (self._saving and self._edited_meanwhile)

    def present(self) -> None:
        """Show, raise and focus the dialog."""
        if not self.isVisible():
            keep_on_screen(self, recentre=True)  # a dialog: by the pointer, as Qt does
        self.show()
        self.raise_()
        self.activateWindow()

    def current(self) -> Settings:
        """The settings as the controls show them now (not yet saved)."""
        settings = self.store.settings()
        for page in self.pages:
            settings = page.collect(settings)
        return settings

    def save(self, close: bool = False) -> bool:
        """Validate, then save on the store's worker (`settings_changed` says when it is
        written; `close`: close then). False (nothing saved) when a control needs fixing,
        or a save is on its way already."""
        if self._deleted or self._saving:
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
                apply_autostart(new.launch_at_login, self.opened.layout.root)
            except Exception as exc:  # permissions, read-only home, unsupported desktop
                logger.warning("could not change launch at login: %s", exc)
                self.notifications.launch_error.show_error(
                    self.tr("Could not change starting at login: {0}").format(error_message(exc)))
                self.tabs.setCurrentWidget(self.notifications)
                self.notifications.launch.setFocus()
                return False
        self.notifications.launch_error.clear()
        # Only what was changed here, over what is stored then: a focus taken in the
        # weekly review or a `mlcoach settings` meanwhile stays.
        changed = {f.name: getattr(new, f.name) for f in fields(new)
                   if getattr(new, f.name) != getattr(self._loaded, f.name)}
        store = self.store

        def write() -> Settings:
            merged = replace(store.settings(), **changed)
            store.save_settings(merged)
            return merged

        # On the store's worker: another process's write (an import) holds it there, never
        # the window; Save and Apply stay locked until it is written.
        self._saving, self._edited_meanwhile = True, False
        self.apply_button.setEnabled(False)
        self.ok_button.setEnabled(False)
        ops.run(write, lambda merged: self._saved(merged, close), self._not_saved)
        return True

    def _saved(self, new: Settings, close: bool) -> None:
        if not shiboken6.isValid(self):
            return
        self._saving = False
        self.ok_button.setEnabled(not self._deleted)
        if self._edited_meanwhile:  # those edits stay on show, to apply next
            self._loaded = new
            self.apply_button.setEnabled(True)
        else:  # what was saved meanwhile elsewhere shows too: a next Apply keeps it
            self._show(new)
        self.save_error.clear()
        self.settings_changed.emit(new)
        if close and self.isVisible() and not self._edited_meanwhile:
            super().accept()

    def _not_saved(self, exc: BaseException) -> None:
        """One sentence over the buttons; the controls stay as set, to save again."""
        if not shiboken6.isValid(self):
            return
        self._saving = False
        if not isinstance(exc, MlcoachError):  # a fault of ours: its trace goes to the log
            logger.error("the settings could not be saved", exc_info=exc)
        self.ok_button.setEnabled(not self._deleted)
        self.apply_button.setEnabled(not self._deleted)
        self.save_error.show_error(
            self.tr("Not saved: {reason}").format(reason=error_message(exc)))

    def accept(self) -> None:
        """Save, and close once saved; stays open when something needs fixing or the
        store could not take it."""
        self.save(close=True)

    def reject(self) -> None:
        """Close without saving (Esc, Cancel, the close button); ask first when a control
        was changed. The next opening shows the stored settings; a save on its way goes
        on (it shows once written)."""
        if self.has_unsaved_changes() and not discard_confirmed(
                self, self.tr("Discard your changes?"),
                self.tr("Your changes to the settings have not been saved.")):
            return
        super().reject()
        if not self._saving:
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        """At the first show, open as tall as the tallest page needs (within the screen)."""
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            # At least MIN_WIDTH wide; never narrower than the pages need (a set minimum
            # width let a large font's pages be cut at the right edge).
            if self.width() < MIN_WIDTH:
                resize_within_screen(self, MIN_WIDTH, self.height())
            self.tabs.fit_window()
            keep_on_screen(self, recentre=True)  # grown to fit: in the middle again

    def hideEvent(self, event: QHideEvent) -> None:
        """Never leave the recovery key on screen behind a hidden window."""
        self.privacy.hide_recovery_key()
        super().hideEvent(event)

    def _mark_dirty(self) -> None:
        if self._saving:
            self._edited_meanwhile = True  # Apply waits until the save on its way is done
        elif not self._deleted:
            self.apply_button.setEnabled(True)

    def _on_data_deleted(self) -> None:
        self._deleted = True
        for page in self.pages:
            page.setEnabled(False)
        self.ok_button.setEnabled(False)
        self.apply_button.setEnabled(False)
        self.data_deleted.emit()
        self.reject()
