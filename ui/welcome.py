"""First run: what mlcoach does, working hours and focus, and the recovery key."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mlcoach.coaching.service import WELCOME_KEY as DONE_KEY
from mlcoach.domain.model import Settings
from mlcoach.store.core import Store
from mlcoach.store.vault import Opened
from mlcoach.ui.i18n import error_message
from mlcoach.ui.privacy import RecoveryKeyView
from mlcoach.ui.quiet_scroll import quiet_scroll_area
from mlcoach.ui.widgets.forms import InlineError, hint_label, theme_display_names, ui_language
from mlcoach.ui.widgets.helpers import close_keys
from mlcoach.ui.widgets.on_screen import keep_on_screen
from mlcoach.ui.widgets.page_tabs import resize_within_screen
from mlcoach.ui.widgets.plain_text import Label
from mlcoach.ui.widgets.schedule_fields import HoursRow, ThemePicker, WorkdayPicker, hours_problem

logger = logging.getLogger(__name__)

MAX_FOCUS = 2
MIN_WIDTH = 560
ICON_SIZE = 48


def heading(text: str) -> QLabel:
    """A step's title, a little larger and bold."""
    label = Label(text)
    label.setWordWrap(True)
    font: QFont = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


def paragraph(text: str) -> QLabel:
    """Body text that wraps."""
    label = Label(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def app_logo(size: int) -> QLabel | None:
    """The app icon as a label, or None when the icon cannot be loaded."""
    try:
        from mlcoach.ui.icons import app_icon

        pixmap = app_icon().pixmap(size, size)
    except Exception as exc:  # a missing icon must not stop the welcome
        logger.debug("no app icon for the welcome: %s", exc)
        return None
    if pixmap.isNull():
        return None
    label = Label()
    label.setPixmap(pixmap)
    label.setAccessibleName("mlcoach")
    return label


class IntroStep(QWidget):
    """Step 1: what the app does and where the data stays."""

    def __init__(self, encrypted: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        icon = app_logo(ICON_SIZE)
        if icon is not None:
            top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
            top.addSpacing(8)
        top.addWidget(heading(self.tr("Practise leadership in small, everyday moments")), 1)
        layout.addLayout(top)
        layout.addSpacing(6)
        layout.addWidget(paragraph(self.tr(
            "A few times each workday, mlcoach suggests one small thing to try, such as "
            "recognizing a colleague's work or asking a question instead of giving the answer. "
            "When something happens, you can note it in a few seconds, and a short reflection "
            "closes the day.")))
        layout.addSpacing(6)
        self.privacy = paragraph(
            self.tr("Everything you write stays on this computer, encrypted. Nothing is sent "
                    "anywhere.") if encrypted else
            self.tr("Everything you write stays on this computer. Nothing is sent anywhere."))
        self.privacy.setAccessibleDescription(self.tr("Where your data stays"))
        layout.addWidget(self.privacy)
        layout.addSpacing(6)
        layout.addWidget(hint_label(self.tr(
            "Setting up takes under a minute. You can skip it and keep the usual settings.")))
        layout.addStretch(1)


class RhythmStep(QWidget):
    """Step 2: working hours, workdays and one or two focus themes."""

    def __init__(self, names: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workdays = WorkdayPicker()
        self.hours = HoursRow()
        self.hours_error = InlineError()
        self.themes = ThemePicker(names, MAX_FOCUS)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("When do you work?")))
        layout.addWidget(hint_label(self.tr("Prompts only come inside these hours, on the "
                                            "days you pick.")))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        days_label = Label(self.tr("&Workdays:"))
        days_label.setBuddy(self.workdays.buttons[0])
        form.addRow(days_label, self.workdays)
        hours_label = Label(self.tr("Working &hours:"))
        hours_label.setBuddy(self.hours.start)
        form.addRow(hours_label, self.hours)
        layout.addLayout(form)
        layout.addWidget(self.hours_error)
        layout.addSpacing(10)
        themes_label = Label(self.tr("What would you like to practise &first?"))
        themes_label.setBuddy(self.themes)
        layout.addWidget(themes_label)
        layout.addWidget(self.themes)
        layout.addWidget(hint_label(self.tr("Pick one or two. You can change this any time in "
                                            "Settings.")))
        layout.addStretch(1)

    def load(self, settings: Settings) -> None:
        """Show `settings`."""
        self.workdays.set_days(settings.workdays)
        self.hours.set_hours(settings.day_start, settings.day_end)
        self.themes.set_themes(settings.focus_themes)

    def collect(self, settings: Settings) -> Settings:
        """`settings` with the choices made here."""
        return self.chosen()(settings)

    def chosen(self) -> Callable[[Settings], Settings]:
        """The choices made here, read now, to put into the settings later (on the
        store's worker, where the settings are read)."""
        start, end = self.hours.hours()
        days, themes = self.workdays.days(), self.themes.themes()
        return lambda settings: replace(settings, workdays=days, day_start=start,
                                        day_end=end, focus_themes=themes, focus_until=None)

    def valid(self) -> bool:
        """Show an inline error and return False when the hours do not make sense."""
        if hours_problem(*self.hours.hours()):
            self.hours_error.show_error(self.tr("The working day has to end after it starts."))
            return False
        self.hours_error.clear()
        return True


class RecoveryStep(QWidget):
    """Step 3: the recovery key, which must be confirmed as saved."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key_view = RecoveryKeyView()
        self.key_view.set_key(key)
        self.saved = QCheckBox(self.tr("I have &saved it somewhere safe"))
        self.saved.setAccessibleName(self.tr("I have saved the recovery key somewhere safe"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Keep your recovery key")))
        layout.addWidget(paragraph(self.tr(
            "Your data is encrypted with a key kept in this computer's keyring. If that entry "
            "is ever lost, this recovery key is the only way to open your data again.")))
        layout.addWidget(paragraph(self.tr(
            "Copy it into a password manager, or write it down and keep it somewhere safe.")))
        layout.addSpacing(6)
        layout.addWidget(self.key_view)
        layout.addSpacing(6)
        layout.addWidget(self.saved)
        layout.addWidget(hint_label(self.tr("You can see this key again later in Settings, "
                                            "Privacy.")))
        layout.addStretch(1)


class WelcomeDialog(QDialog):
    """The first-run welcome: at most three steps, skippable at any point.

    Signals:
        settings_changed(Settings): the chosen settings were saved
    """

    settings_changed = Signal(object)

    def __init__(self, store: Store, opened: Opened, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._closing = False
        self._saving = False  # the choices on their way to the store
        self._failed = False  # they could not be saved: closing now writes nothing
        self._focused = False  # the first show puts the focus on the step
        self.setWindowTitle(self.tr("Welcome to mlcoach"))
        self.setAccessibleName(self.tr("Welcome to mlcoach"))
        settings = store.settings()  # a small read on the GUI thread, as the window is built

        self.intro = IntroStep(opened.meta.encryption != "none")
        self.rhythm = RhythmStep(theme_display_names(ui_language(settings)))
        self.rhythm.load(settings)
        self.recovery = RecoveryStep(opened.recovery_key) if opened.recovery_key else None
        self.stack = QStackedWidget()
        self.stack.setAccessibleName(self.tr("Welcome steps"))
        # Each step scrolls when the screen is too short for it (20 pt on a 768-px
        # laptop): the window stays on the screen and its buttons in view.
        self._areas: dict[QWidget, QScrollArea] = {}
        for step in (self.intro, self.rhythm, self.recovery):
            if step is not None:
                self._areas[step] = quiet_scroll_area(step, self, focus_inside=True)
                self.stack.addWidget(self._areas[step])

        self.progress = Label()
        self.error = InlineError()  # why the choices could not be saved
        self.progress.setAccessibleDescription(self.tr("Step"))
        self.skip_button = QPushButton(self.tr("S&kip"))
        self.skip_button.setAccessibleName(self.tr("Skip the welcome"))
        self.skip_button.setToolTip(self.tr("Keep the usual settings; you can change them any "
                                            "time in Settings."))
        self.back_button = QPushButton(self.tr("&Back"))
        self.back_button.setAccessibleName(self.tr("Back"))
        self.next_button = QPushButton()
        self.next_button.setDefault(True)
        self.skip_button.setAutoDefault(False)
        self.back_button.setAutoDefault(False)
        self.skip_button.clicked.connect(self.skip)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        if self.recovery is not None:
            self.recovery.saved.toggled.connect(self._update_buttons)

        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.progress)
        buttons.addSpacing(12)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._update_buttons()
        close_keys(self, self.reject)  # as Esc: counts as skipping

    def showEvent(self, event: QShowEvent) -> None:
        """At the first show, the keyboard starts on the step, not on Skip (the first
        button in the tab order), and the window is as tall as its tallest step needs,
        as far as the screen allows."""
        super().showEvent(event)
        if not self._focused:
            self._focused = True
            self._fit()
            keep_on_screen(self, recentre=True)  # grown to fit: in the middle again
            self._focus_step()

    def _fit(self) -> None:
        layout = self.layout()
        if layout is not None:
            layout.activate()
        room = self.stack.size()
        extra = 0
        for step, area in self._areas.items():
            width = area.viewport().width() if area.isVisible() else room.width()
            need = step.heightForWidth(width) if step.hasHeightForWidth() else -1
            extra = max(extra, max(need, step.sizeHint().height()) - room.height())
        resize_within_screen(self, max(MIN_WIDTH, self.width()), self.height() + max(0, extra))

    def current_step(self) -> QWidget:
        """The step on show (not its scroll area)."""
        shown = self.stack.currentWidget()
        return next((step for step, area in self._areas.items() if area is shown), self.intro)

    @property
    def step(self) -> int:
        """The index of the step on show (0-based)."""
        return self.stack.currentIndex()

    def steps(self) -> int:
        """How many steps there are (2 or 3)."""
        return self.stack.count()

    def next(self) -> None:
        """Go to the next step, or finish on the last one."""
        if self.current_step() is self.rhythm and not self.rhythm.valid():
            self.rhythm.hours.end.setFocus()
            return
        if self.step < self.steps() - 1:
            self.stack.setCurrentIndex(self.step + 1)
            self._update_buttons()
            self._focus_step()
        elif self._can_finish():
            self._finish(accepted=True)

    def back(self) -> None:
        """Go to the previous step."""
        if self.step > 0:
            self.stack.setCurrentIndex(self.step - 1)
            self._update_buttons()
            self._focus_step()

    def skip(self) -> None:
        """Stop here: keep what was chosen (when it makes sense) and never show this again."""
        self._finish(accepted=False)

    def reject(self) -> None:
        """Closing the window counts as skipping; while the choices are being saved it
        closes once they are (they are never dropped half-way); after they could not be
        saved, it closes with nothing more written: the welcome comes again next time."""
        if self._closing:
            super().reject()
        elif self._saving:
            return  # closes once saved
        elif self._failed:
            self._close(accepted=False)
        else:
            self.skip()

    def _can_finish(self) -> bool:
        return self.recovery is None or self.recovery.saved.isChecked()

    def saving(self) -> bool:
        """Whether the choices are on their way to the store."""
        return self._saving

    def _finish(self, *, accepted: bool) -> None:
        """Save the choices and the welcome as done on the store's worker (another
        process's write, an import, holds it there, never the window); close once they
        are written, so that what follows (the schedule armed) reads them. Meanwhile the
        buttons rest and the step line says "Saving…"."""
        if self._saving or self._closing:
            return
        chosen, store = self.rhythm.chosen(), self.store

        def write() -> Settings | None:
            old = store.settings()
            new = chosen(old)
            changed = new != old and not hours_problem(new.day_start, new.day_end)
            if changed:
                store.save_settings(new)
            store.set_state(DONE_KEY, True)
            return new if changed else None

        from mlcoach.ui import ops

        self._saving = True
        self._show_saving(True)
        ops.run(write, lambda new: self._saved(new, accepted=accepted), self._not_saved)

    def _show_saving(self, on: bool) -> None:
        """A calm wait: the buttons rest (a second press would save nothing more) and
        the step line says why, in place (nothing moves)."""
        for widget in (self.skip_button, self.back_button, self.next_button, self.stack):
            widget.setEnabled(not on)  # the choices as they are being saved
        if on:
            self.error.clear()
            self.progress.setText(self.tr("Saving…"))
        else:
            self._update_buttons()

    def _saved(self, new: Settings | None, *, accepted: bool) -> None:
        if not shiboken6.isValid(self):
            return
        if new is not None:
            self.settings_changed.emit(new)
        self._close(accepted=accepted)

    def _not_saved(self, exc: BaseException) -> None:
        """The choices stay on show with one line saying why: Finish or Skip tries
        again; closing now leaves the welcome for the next start."""
        logger.warning("the welcome could not save its choices: %s",
                       getattr(exc, "template", type(exc).__name__))
        if not shiboken6.isValid(self):
            return
        self._saving = False
        self._failed = True
        self._show_saving(False)
        self.error.show_error(self.tr("Not saved: {reason}").format(
            reason=error_message(exc)))

    def _close(self, *, accepted: bool) -> None:
        self._saving = False
        if self.recovery is not None:
            self.recovery.key_view.clear()
        self._closing = True
        if accepted:
            self.accept()
        else:
            super().reject()

    def _update_buttons(self) -> None:
        if self._saving:
            return  # resting until the choices are saved
        last = self.step == self.steps() - 1
        self.back_button.setEnabled(self.step > 0)
        self.next_button.setText(self.tr("&Finish") if last else self.tr("&Next"))
        self.next_button.setAccessibleName(self.tr("Finish") if last else self.tr("Next"))
        self.next_button.setEnabled(not last or self._can_finish())
        self.progress.setText(self.tr("Step {0} of {1}").format(self.step + 1, self.steps()))

    def _focus_step(self) -> None:
        if self.current_step() is self.rhythm:
            self.rhythm.workdays.buttons[0].setFocus()
        elif self.recovery is not None and self.current_step() is self.recovery:
            self.recovery.key_view.field.setFocus()
        else:
            self.next_button.setFocus()
