"""Settings dialog: saving, validation, launch at login, recovery key, export, delete all."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import sys
from dataclasses import replace
from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTime, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)

from mlcoach.domain.model import Settings, Theme
from mlcoach.security.keys import KEYRING_SERVICE, OSKeyring
from mlcoach.store.vault import Layout, Opened, init_store, recovery_key
from mlcoach.system import autostart
from mlcoach.ui.privacy import ConfirmDeleteDialog, RecoveryKeyView
from mlcoach.ui.settings_dialog import SettingsDialog
from mlcoach.ui.widgets import message_box
from mlcoach.ui.widgets.forms import theme_display_names
from mlcoach.ui.widgets.schedule_fields import ThemePicker
from tests.memkeyring import MemoryKeyring
from tests.ui.worker import drain

pytestmark = pytest.mark.gui


def applied(dialog: SettingsDialog) -> bool:
    """Save (Apply) and wait until the store's worker has written it."""
    started = dialog.save()
    drain()
    return started


@pytest.fixture
def autostart_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point XDG autostart at temporary folders; returns the autostart folder."""
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "system-config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return config / "autostart"


@pytest.fixture
def dialog(qtbot, opened: Opened, autostart_home: Path) -> SettingsDialog:  # type: ignore[no-untyped-def]
    widget = SettingsDialog(opened.store, opened, keys=OSKeyring())
    # done() closes without asking, even when a test left a changed control behind.
    qtbot.addWidget(widget, before_close_func=lambda d: d.done(0))
    widget.present()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def answer(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Make QMessageBox.question answer `answer.reply` and count the calls."""

    class Answer:
        reply = QMessageBox.StandardButton.Cancel
        asked = 0

    def question(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        Answer.asked += 1
        return Answer.reply

    monkeypatch.setattr(message_box, "question", staticmethod(question))
    return Answer


def theme_item(picker: ThemePicker, theme: str):  # type: ignore[no-untyped-def]
    for i in range(picker.count()):
        if picker.item(i).data(Qt.ItemDataRole.UserRole) == theme:
            return picker.item(i)
    raise AssertionError(theme)


# -- saving and validation -----------------------------------------------------------------

def test_save_writes_prompts_and_focus_and_signals(qtbot, dialog: SettingsDialog, store) -> None:  # type: ignore[no-untyped-def]
    dialog.schedule.prompts.setValue(7)
    theme_item(dialog.focus.themes, "questions").setCheckState(Qt.CheckState.Checked)
    assert dialog.apply_button.isEnabled()

    with qtbot.waitSignal(dialog.settings_changed, timeout=1000) as blocker:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    saved = store.settings()
    assert saved.prompts_per_day == 7
    assert saved.focus_themes == ("questions",)
    assert blocker.args == [saved]
    assert dialog.isHidden()


def test_apply_saves_and_stays_open(qtbot, dialog: SettingsDialog, store) -> None:  # type: ignore[no-untyped-def]
    dialog.schedule.gap.setValue(120)
    dialog.schedule.reflection_on.setChecked(False)
    dialog.focus.language.setCurrentIndex(dialog.focus.language.findData("tr"))
    dialog.notifications.route_buttons["both"].setChecked(True)
    with qtbot.waitSignal(dialog.settings_changed, timeout=1000):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    saved = store.settings()
    assert (saved.min_gap_minutes, saved.reflection_enabled) == (120, False)
    assert (saved.language, saved.notification_route) == ("tr", "both")
    assert dialog.isVisible() and not dialog.apply_button.isEnabled()


def test_every_untouched_setting_survives_a_save(dialog: SettingsDialog, store) -> None:  # type: ignore[no-untyped-def]
    custom = replace(Settings(), recognition_gap_days=21, meeting_prep=False,
                     weekly_review=False, meeting_prep_minutes=5)
    store.save_settings(custom)
    dialog.reload()
    dialog.schedule.prompts.setValue(2)
    assert applied(dialog)
    assert store.settings() == replace(custom, prompts_per_day=2)


def test_a_setting_saved_elsewhere_meanwhile_survives_a_save(dialog: SettingsDialog,  # type: ignore[no-untyped-def]
                                                            store) -> None:
    """Settings open while the weekly review took a focus (or `mlcoach settings` changed
    the gap): saving a new prompt count wrote the old focus and gap back."""
    store.save_settings(replace(store.settings(), focus_themes=("questions",),
                                min_gap_minutes=150))
    dialog.schedule.prompts.setValue(2)
    assert applied(dialog)
    saved = store.settings()
    assert (saved.prompts_per_day, saved.focus_themes, saved.min_gap_minutes) == \
        (2, ("questions",), 150)
    # A second Apply, the window still open, keeps them too (it wrote the old gap back).
    dialog.schedule.prompts.setValue(3)
    assert applied(dialog) and dialog.schedule.gap.value() == 150
    assert (store.settings().prompts_per_day, store.settings().min_gap_minutes) == (3, 150)


def test_a_store_held_too_long_says_not_saved_and_keeps_the_changes(  # type: ignore[no-untyped-def]
        dialog: SettingsDialog, store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The store's own error when another process held it past the wait escaped the
    dialog: no message, nothing saved, and no way to know."""
    from mlcoach.domain.errors import StoreBusyError

    dialog.schedule.prompts.setValue(2)

    def held(_settings: Settings) -> None:
        raise StoreBusyError("the data file is busy")

    monkeypatch.setattr(store, "save_settings", held)
    dialog.accept()
    drain()
    assert dialog.isVisible() and dialog.apply_button.isEnabled()
    assert "Not saved" in dialog.save_error.text() and "busy" in dialog.save_error.text()
    assert dialog.schedule.prompts.value() == 2
    monkeypatch.undo()
    dialog.accept()
    drain()
    assert not dialog.isVisible() and store.settings().prompts_per_day == 2
    assert dialog.save_error.text() == ""


def test_weekly_review_can_be_switched_off(qtbot, dialog: SettingsDialog, store) -> None:  # type: ignore[no-untyped-def]
    dialog.tabs.setCurrentWidget(dialog.focus)
    box = dialog.focus.weekly
    assert box.isVisible() and box.isChecked()
    assert "first workday of the week" in box.text()
    box.click()
    assert applied(dialog)
    assert store.settings().weekly_review is False
    dialog.reload()
    assert not dialog.focus.weekly.isChecked()


def test_invalid_hours_show_an_error_and_save_nothing(qtbot, dialog: SettingsDialog,  # type: ignore[no-untyped-def]
                                                      store) -> None:
    before = store.settings()
    dialog.tabs.setCurrentWidget(dialog.privacy)
    dialog.schedule.hours.start.setTime(QTime(17, 0))
    dialog.schedule.hours.end.setTime(QTime(9, 0))
    dialog.schedule.prompts.setValue(9)

    with qtbot.assertNotEmitted(dialog.settings_changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert store.settings() == before
    assert dialog.isVisible()
    assert dialog.tabs.currentWidget() is dialog.schedule
    assert dialog.schedule.hours_error.isVisibleTo(dialog)
    assert "end after it starts" in dialog.schedule.hours_error.text()
    assert "\n" not in dialog.schedule.hours_error.text()

    dialog.schedule.hours.end.setTime(QTime(18, 0))
    assert applied(dialog)
    assert not dialog.schedule.hours_error.isVisibleTo(dialog)
    assert store.settings().day_end == time(18, 0)


def test_no_workday_is_an_error_only_while_prompts_are_on(dialog: SettingsDialog, store) -> None:  # type: ignore[no-untyped-def]
    dialog.schedule.workdays.set_days(())
    assert not dialog.save()
    assert dialog.schedule.workdays_error.isVisibleTo(dialog)
    assert store.settings().workdays == Settings().workdays

    dialog.schedule.prompts.setValue(0)
    assert dialog.schedule.prompts.text() == "Off"
    assert applied(dialog)
    assert store.settings().workdays == ()
    assert store.settings().prompts_per_day == 0


def test_workday_buttons_map_to_weekday_numbers(dialog: SettingsDialog, store) -> None:  # type: ignore[no-untyped-def]
    picker = dialog.schedule.workdays
    assert picker.days() == (0, 1, 2, 3, 4)
    picker.buttons[0].click()
    picker.buttons[5].click()
    assert applied(dialog)
    assert store.settings().workdays == (1, 2, 3, 4, 5)


def test_missing_calendar_path_is_an_error(dialog: SettingsDialog, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog.schedule.calendar.setText(str(tmp_path / "nowhere.ics"))
    assert not dialog.save()
    assert dialog.schedule.calendar_error.isVisibleTo(dialog)
    ics = tmp_path / "work.ics"
    ics.write_text("BEGIN:VCALENDAR\nEND:VCALENDAR\n", "utf-8")
    dialog.schedule.calendar.setText(str(ics))
    assert applied(dialog)
    assert store.settings().calendar_path == str(ics)


def test_gnome_calendars_can_be_chosen(qtbot, dialog: SettingsDialog, store) -> None:  # type: ignore[no-untyped-def]
    box = dialog.schedule.eds
    assert not box.isChecked() and not dialog.apply_button.isEnabled()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert box.isChecked() and dialog.apply_button.isEnabled()
    assert applied(dialog)
    assert store.settings().calendar_eds is True
    assert store.settings().calendar_path == ""  # one does not need the other


def test_calendar_browse_fills_the_path(dialog: SettingsDialog, tmp_path: Path,  # type: ignore[no-untyped-def]
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: str(tmp_path)))
    dialog.schedule.browse.menu().actions()[1].trigger()
    assert dialog.schedule.calendar.text() == str(tmp_path)


def test_cancel_drops_edits(qtbot, dialog: SettingsDialog, store, answer) -> None:  # type: ignore[no-untyped-def]
    dialog.schedule.prompts.setValue(11)
    answer.reply = QMessageBox.StandardButton.Discard
    with qtbot.assertNotEmitted(dialog.settings_changed):
        dialog.reject()
    assert answer.asked == 1 and not dialog.isVisible()
    assert store.settings().prompts_per_day == Settings().prompts_per_day
    assert dialog.schedule.prompts.value() == Settings().prompts_per_day


def test_escape_with_changes_asks_before_dropping_them(qtbot, dialog: SettingsDialog,  # type: ignore[no-untyped-def]
                                                       store, answer) -> None:
    dialog.schedule.prompts.setValue(11)
    answer.reply = QMessageBox.StandardButton.Cancel  # keep them
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    assert answer.asked == 1
    assert dialog.isVisible() and dialog.schedule.prompts.value() == 11
    assert dialog.has_unsaved_changes()
    answer.reply = QMessageBox.StandardButton.Discard
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    assert answer.asked == 2 and not dialog.isVisible()
    assert dialog.schedule.prompts.value() == Settings().prompts_per_day
    assert store.settings().prompts_per_day == Settings().prompts_per_day


def test_escape_without_changes_closes_without_asking(qtbot, dialog: SettingsDialog,  # type: ignore[no-untyped-def]
                                                      answer) -> None:
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    assert answer.asked == 0 and not dialog.isVisible()


# -- focus themes ------------------------------------------------------------------------------

def test_at_most_three_focus_themes(dialog: SettingsDialog) -> None:
    picker = dialog.focus.themes
    for theme in ("recognition", "example", "questions"):
        theme_item(picker, theme).setCheckState(Qt.CheckState.Checked)
    fourth = theme_item(picker, "energy")
    assert not fourth.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert not fourth.flags() & Qt.ItemFlag.ItemIsEnabled
    theme_item(picker, "example").setCheckState(Qt.CheckState.Unchecked)
    assert fourth.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert picker.themes() == ("recognition", "questions")


def test_space_checks_a_theme(qtbot, dialog: SettingsDialog) -> None:  # type: ignore[no-untyped-def]
    picker = dialog.focus.themes
    dialog.tabs.setCurrentWidget(dialog.focus)
    picker.setFocus()
    picker.setCurrentRow(2)
    qtbot.keyClick(picker, Qt.Key.Key_Space)
    assert picker.themes() == (list(Theme)[2].value,)


def test_theme_names_fall_back_to_the_id(monkeypatch: pytest.MonkeyPatch) -> None:
    import mlcoach.coaching.content

    def broken(language: str) -> dict[str, str]:
        raise RuntimeError("library missing")

    monkeypatch.setattr(mlcoach.coaching.content, "theme_names", broken)
    names = theme_display_names("en")
    assert set(names) == {t.value for t in Theme}
    assert names["recognition"] == "Recognition"


# -- launch at login ---------------------------------------------------------------------------

def test_launch_at_login_writes_and_removes_the_autostart_file(
        qtbot, dialog: SettingsDialog, store, autostart_home: Path) -> None:  # type: ignore[no-untyped-def]
    entry = autostart_home / autostart.DESKTOP_FILE
    assert not dialog.notifications.launch.isChecked()
    dialog.notifications.launch.setChecked(True)
    assert not entry.exists()  # nothing happens before Save
    assert applied(dialog)
    assert entry.is_file() and "[Desktop Entry]" in entry.read_text("utf-8")
    assert autostart.is_enabled()
    assert store.settings().launch_at_login is True
    # this store is not in the default folder: the login session must open it, not that
    # one (it started an empty app with the welcome)
    command = autostart.entry_command() or []
    assert command[-3:] == ["--data-dir", str(dialog.opened.layout.root), "run"], command

    dialog.reload()
    assert dialog.notifications.launch.isChecked()
    dialog.notifications.launch.setChecked(False)
    assert applied(dialog)
    assert not entry.exists()
    assert store.settings().launch_at_login is False


def test_launch_at_login_shows_the_real_state(qtbot, opened: Opened,  # type: ignore[no-untyped-def]
                                             autostart_home: Path) -> None:
    autostart.enable([sys.executable, "-m", "mlcoach", "run"])
    widget = SettingsDialog(opened.store, opened, keys=OSKeyring())
    qtbot.addWidget(widget)
    assert widget.notifications.launch.isChecked()


def test_a_login_entry_of_an_installation_gone_shows_off_and_is_written_again(
        qtbot, opened: Opened, autostart_home: Path,  # type: ignore[no-untyped-def]
        tmp_path: Path) -> None:
    """After moving from one install to another the entry named a program that was gone:
    nothing started at login while Settings showed the box ticked, and ticking it again
    did nothing."""
    autostart.enable([str(tmp_path / "gone" / "mlcoach"), "run"])
    widget = SettingsDialog(opened.store, opened, keys=OSKeyring())
    qtbot.addWidget(widget)
    assert not widget.notifications.launch.isChecked()
    widget.notifications.launch.setChecked(True)
    assert applied(widget)
    command = autostart.entry_command() or []
    assert command[0] != str(tmp_path / "gone" / "mlcoach")
    assert autostart.program_exists(command[0])


def test_launch_at_login_failure_is_reported_and_nothing_saved(
        dialog: SettingsDialog, store, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    def refuse(*args: object, **kwargs: object) -> None:
        raise autostart.AutostartError("the autostart folder is read-only")

    monkeypatch.setattr(autostart, "enable", refuse)
    dialog.notifications.launch.setChecked(True)
    dialog.schedule.prompts.setValue(3)
    assert not dialog.save()
    assert "read-only" in dialog.notifications.launch_error.text()
    assert dialog.tabs.currentWidget() is dialog.notifications
    assert store.settings().prompts_per_day == Settings().prompts_per_day


# -- privacy -----------------------------------------------------------------------------------

def _keyring_answered() -> None:
    """The keyring's answer, read on a worker, has reached the window."""
    from mlcoach.ui import ops

    assert ops.asking_pool().waitForDone(30_000)
    QApplication.processEvents()


class HeldKeys:
    """The OS keyring behind a door: each read waits for `release` (as a hung Secret
    Service, or one showing its unlock prompt), at most FAILSAFE_S seconds."""

    FAILSAFE_S = 20.0  # only so the old code's test ends; the test releases long before

    def __init__(self) -> None:
        import threading

        self.keys = OSKeyring()
        self.asked = threading.Event()
        self.released = threading.Event()

    def available(self) -> bool:
        return self.keys.available()

    def get(self, store_id: str) -> bytes | None:
        self.asked.set()
        self.released.wait(self.FAILSAFE_S)
        return self.keys.get(store_id)

    def set(self, store_id: str, key: bytes) -> None:
        self.keys.set(store_id, key)

    def delete(self, store_id: str) -> None:
        self.keys.delete(store_id)


def test_a_slow_keyring_does_not_freeze_settings(qtbot, opened: Opened, answer,  # type: ignore[no-untyped-def]
                                                 autostart_home: Path) -> None:
    """Show recovery key read the keyring on the GUI thread: with the keyring hung, or
    showing its unlock prompt, the Settings window froze (up to the keyring's deadline,
    10 s, or its prompt's, two minutes). The window now goes on; the key comes after."""
    keys = HeldKeys()
    widget = SettingsDialog(opened.store, opened, keys=keys)
    qtbot.addWidget(widget)
    privacy = widget.privacy
    answer.reply = QMessageBox.StandardButton.Yes
    ran: list[str] = []
    QTimer.singleShot(0, lambda: ran.append(privacy.key_view.key()))
    try:
        privacy.toggle_recovery_key()
        qtbot.waitUntil(lambda: bool(ran), timeout=30_000)
        assert ran == [""]  # the window ran on before the keyring answered
        assert not keys.released.is_set()
        assert not privacy.show_key.isEnabled()  # not asked twice meanwhile
    finally:
        keys.released.set()
    _keyring_answered()
    assert privacy.key_view.key() == opened.recovery_key
    assert privacy.show_key.isEnabled()


def test_a_key_read_after_the_dialog_closed_is_not_shown(qtbot, opened: Opened, answer,  # type: ignore[no-untyped-def]
                                                         autostart_home: Path) -> None:
    keys = HeldKeys()
    widget = SettingsDialog(opened.store, opened, keys=keys)
    qtbot.addWidget(widget)
    answer.reply = QMessageBox.StandardButton.Yes
    try:
        widget.privacy.toggle_recovery_key()
        widget.privacy.hide_recovery_key()  # as when the dialog closes
    finally:
        keys.released.set()
    _keyring_answered()
    assert widget.privacy.key_view.key() == ""
    assert not widget.privacy.key_view.isVisibleTo(widget)


def test_recovery_key_only_after_confirmation(qtbot, dialog: SettingsDialog, opened: Opened,  # type: ignore[no-untyped-def]
                                              answer) -> None:
    privacy = dialog.privacy
    dialog.tabs.setCurrentWidget(privacy)
    assert "encrypted" in privacy.status.text()
    assert not privacy.key_view.isVisibleTo(dialog)

    answer.reply = QMessageBox.StandardButton.Cancel
    qtbot.mouseClick(privacy.show_key, Qt.MouseButton.LeftButton)
    assert answer.asked == 1
    assert not privacy.key_view.isVisibleTo(dialog)
    assert privacy.key_view.key() == ""

    answer.reply = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(privacy.show_key, Qt.MouseButton.LeftButton)
    _keyring_answered()
    assert privacy.key_view.isVisibleTo(dialog)
    shown = privacy.key_view.key()
    assert shown == opened.recovery_key
    assert shown == recovery_key(opened.layout, OSKeyring())
    assert privacy.key_view.field.isReadOnly()
    assert privacy.key_view.field.textInteractionFlags() & (
        Qt.TextInteractionFlag.TextSelectableByKeyboard)

    qtbot.mouseClick(privacy.key_view.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == shown

    qtbot.mouseClick(privacy.show_key, Qt.MouseButton.LeftButton)  # hide again
    assert not privacy.key_view.isVisibleTo(dialog)
    assert privacy.key_view.key() == ""
    assert answer.asked == 2


def test_recovery_key_leaves_the_screen_when_the_dialog_closes(dialog: SettingsDialog,  # type: ignore[no-untyped-def]
                                                               answer) -> None:
    answer.reply = QMessageBox.StandardButton.Yes
    dialog.privacy.toggle_recovery_key()
    _keyring_answered()
    assert dialog.privacy.key_view.key()
    dialog.reject()
    assert dialog.privacy.key_view.key() == ""


def test_recovery_key_error_is_shown_inline(dialog: SettingsDialog, answer,  # type: ignore[no-untyped-def]
                                            memory_keyring: MemoryKeyring) -> None:
    answer.reply = QMessageBox.StandardButton.Yes
    memory_keyring.items.clear()
    dialog.privacy.toggle_recovery_key()
    _keyring_answered()
    assert not dialog.privacy.key_view.isVisibleTo(dialog)
    assert "recovery key cannot be read" in dialog.privacy.key_error.text()


def test_a_passphrase_store_has_no_recovery_key_button(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                       memory_keyring: MemoryKeyring,
                                                       autostart_home: Path) -> None:
    other = init_store(Layout(tmp_path / "other"), "passphrase", keys=OSKeyring(),
                       passphrase="a long passphrase")
    try:
        widget = SettingsDialog(other.store, other, keys=OSKeyring())
        qtbot.addWidget(widget)
        assert not widget.privacy.show_key.isEnabled()
        assert "passphrase" in widget.privacy.status.text()
    finally:
        other.store.close()


def test_open_backup_folder(dialog: SettingsDialog, opened: Opened,  # type: ignore[no-untyped-def]
                            monkeypatch: pytest.MonkeyPatch) -> None:
    opened.layout.backups.mkdir(exist_ok=True)
    dialog.reload()
    opened_urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        staticmethod(lambda url: opened_urls.append(url) or True))
    assert dialog.privacy.open_backups.isEnabled()
    dialog.privacy.open_backups.click()
    assert [u.toLocalFile() for u in opened_urls] == [str(opened.layout.backups)]


@pytest.mark.parametrize(("name", "chosen", "starts"), [
    ("out.json", "", "{"),
    ("out.csv", "", "type,id,when"),
    ("journal", "Markdown journal (*.md)", "# mlcoach journal"),
])
def test_export_writes_the_chosen_format(qtbot, dialog: SettingsDialog, store,  # type: ignore[no-untyped-def]
                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         name: str, chosen: str, starts: str) -> None:
    store.add_moment("Asked Ana which option she would pick")
    target = tmp_path / name
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), chosen)))
    with qtbot.waitSignal(dialog.privacy.exported, timeout=5000) as blocker:
        dialog.privacy.export_button.click()
        assert not dialog.privacy.export_button.isEnabled()  # busy while it writes
    written = target if target.suffix else target.with_suffix(".md")
    assert blocker.args == [written]
    assert dialog.privacy.export_button.isEnabled()
    assert written.read_text("utf-8").startswith(starts)
    assert str(written) in dialog.privacy.export_status.text()
    if written.suffix == ".json":
        doc = json.loads(written.read_text("utf-8"))
        assert doc["format"] == "mlcoach-export"
        assert doc["moments"][0]["text"] == "Asked Ana which option she would pick"


def test_export_cancelled_writes_nothing(dialog: SettingsDialog, tmp_path: Path,  # type: ignore[no-untyped-def]
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    dialog.privacy.export_button.click()
    assert dialog.privacy.export_status.text() == ""
    assert not dialog.privacy.export_error.text()


def test_export_error_is_shown_inline(qtbot, dialog: SettingsDialog, tmp_path: Path,  # type: ignore[no-untyped-def]
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "missing-folder" / "out.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    dialog.privacy.export_button.click()
    qtbot.waitUntil(lambda: "Could not export" in dialog.privacy.export_error.text(),
                    timeout=5000)
    assert dialog.privacy.export_button.isEnabled()
    assert not target.exists()


def test_delete_confirmation_needs_the_word_typed(qtbot) -> None:  # type: ignore[no-untyped-def]
    confirm = ConfirmDeleteDialog()
    qtbot.addWidget(confirm)
    assert not confirm.delete_button.isEnabled()
    qtbot.keyClicks(confirm.field, "delete")
    assert not confirm.delete_button.isEnabled()
    confirm.accept()
    assert confirm.result() != ConfirmDeleteDialog.DialogCode.Accepted
    confirm.field.clear()
    qtbot.keyClicks(confirm.field, "DELETE")
    assert confirm.delete_button.isEnabled()
    assert confirm.confirmed()


def _answer_confirmation(qtbot, guard, text: str, press_delete: bool) -> None:  # type: ignore[no-untyped-def]
    """Once the modal confirmation is up, type `text` and press Delete or Cancel."""
    guard.allow_real(QDialog)  # the test answers the real dialog

    def act() -> None:
        confirm = QApplication.activeModalWidget()
        assert isinstance(confirm, ConfirmDeleteDialog)
        qtbot.keyClicks(confirm.field, text)
        if press_delete:
            confirm.delete_button.click()
        if confirm.isVisible():
            confirm.reject()

    QTimer.singleShot(0, act)


def test_delete_all_after_typing_delete(qtbot, dialog: SettingsDialog, opened: Opened,  # type: ignore[no-untyped-def]
                                        memory_keyring: MemoryKeyring, expect_dialog) -> None:
    assert (KEYRING_SERVICE, opened.meta.store_id) in memory_keyring.items
    _answer_confirmation(qtbot, expect_dialog, "DELETE", press_delete=True)
    with qtbot.waitSignal(dialog.data_deleted, timeout=5000):
        dialog.privacy.delete_button.click()
    assert not opened.layout.root.exists()
    assert memory_keyring.items == {}
    assert dialog.isHidden()
    assert not dialog.ok_button.isEnabled()
    assert not dialog.save()


def test_delete_all_takes_a_copied_moment_off_the_clipboard(
        qtbot, dialog: SettingsDialog, opened: Opened,  # type: ignore[no-untyped-def]
        expect_dialog) -> None:
    """Delete all data left the moment copied from History on the clipboard."""
    from PySide6.QtGui import QGuiApplication

    from mlcoach.ui.secret_clipboard import copy_private

    copy_private("Priya was curt in the review", ["moment:1"])
    _answer_confirmation(qtbot, expect_dialog, "DELETE", press_delete=True)
    with qtbot.waitSignal(dialog.data_deleted, timeout=5000):
        dialog.privacy.delete_button.click()
    assert QGuiApplication.clipboard().text() == ""


def test_delete_all_also_removes_the_launch_at_login_entry(
        qtbot, dialog: SettingsDialog, opened: Opened, autostart_home: Path,  # type: ignore[no-untyped-def]
        expect_dialog) -> None:
    autostart.enable(["mlcoach", "--data-dir", str(opened.layout.root), "run"])
    assert (autostart_home / autostart.DESKTOP_FILE).exists()
    _answer_confirmation(qtbot, expect_dialog, "DELETE", press_delete=True)
    with qtbot.waitSignal(dialog.data_deleted, timeout=5000):
        dialog.privacy.delete_button.click()
    assert not opened.layout.root.exists()
    # Otherwise the next login would start the app again, on an empty folder.
    assert not (autostart_home / autostart.DESKTOP_FILE).exists()
    assert not autostart.is_enabled()


def test_delete_all_without_the_word_deletes_nothing(qtbot, dialog: SettingsDialog,  # type: ignore[no-untyped-def]
                                                     opened: Opened, expect_dialog) -> None:
    opened.store.add_moment("Thanked Sam for the review")
    _answer_confirmation(qtbot, expect_dialog, "DELET", press_delete=True)
    with qtbot.assertNotEmitted(dialog.data_deleted):
        dialog.privacy.delete_button.click()
    assert opened.layout.db.exists()
    assert opened.store.count_moments() == 1
    assert dialog.isVisible()


# -- accessibility -----------------------------------------------------------------------------

def _controls(root: QWidget) -> list[QWidget]:
    kinds = (QAbstractButton, QAbstractSpinBox, QLineEdit, QComboBox, QListWidget,
             QPlainTextEdit)
    out = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, kinds):
            continue
        parent = widget.parentWidget()
        if isinstance(parent, (QTabBar, QAbstractSpinBox, QComboBox, QLineEdit)):
            continue  # Qt's own sub-controls (scroll arrows, spin box editors, clear buttons)
        out.append(widget)
    return out


def test_every_control_has_an_accessible_name(dialog: SettingsDialog) -> None:
    controls = _controls(dialog)
    assert len(controls) > 25
    unnamed = [f"{type(w).__name__}:{getattr(w, 'text', lambda: '')()}" for w in controls
               if not w.accessibleName()]
    assert unnamed == []


def test_tabs_are_reachable_by_keyboard(qtbot, dialog: SettingsDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(dialog.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert dialog.tabs.currentWidget() is dialog.focus
    for widget in _controls(dialog):
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, type(widget).__name__


def test_recovery_key_view_copy(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = RecoveryKeyView()
    qtbot.addWidget(view)
    view.set_key("ABCD-EFGH")
    with qtbot.waitSignal(view.copied, timeout=1000):
        view.copy_button.click()
    assert QGuiApplication.clipboard().text() == "ABCD-EFGH"
    assert view.note.text()
    # marked so Klipper, KDE Connect and their kind keep no copy of the raw key
    mime = QGuiApplication.clipboard().mimeData()
    assert bytes(mime.data("x-kde-passwordManagerHint").data()) == b"secret"


def test_quitting_takes_the_recovery_key_off_the_clipboard() -> None:
    """In a real app process: quit within the minute, and the key is gone from the
    clipboard; the process exits cleanly (a QMimeData left there crashed Qt's teardown)."""
    import subprocess
    import sys

    probe = (
        "import os\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from mlcoach.ui.secret_clipboard import copy_secret\n"
        "app = QApplication([])\n"
        "copy_secret('ABCD-EFGH')\n"
        "print('before', app.clipboard().text(), flush=True)\n"
        "QTimer.singleShot(0, app.quit)\n"
        "app.exec()\n"
        "print('after', repr(app.clipboard().text()), flush=True)\n"
    )
    res = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         timeout=60)
    assert res.returncode == 0, res.stderr[-2000:]
    assert res.stdout.splitlines() == ["before ABCD-EFGH", "after ''"]


def test_the_recovery_key_leaves_the_clipboard_after_a_while(qtbot) -> None:  # type: ignore[no-untyped-def]
    from mlcoach.ui.secret_clipboard import copy_secret

    clipboard = QGuiApplication.clipboard()
    copy_secret("ABCD-EFGH", clear_after_ms=50)
    assert clipboard.text() == "ABCD-EFGH"
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=5000)

    timer = copy_secret("ABCD-EFGH", clear_after_ms=50)
    clipboard.setText("the user's own words, copied since")
    with qtbot.waitSignal(timer.timeout, timeout=5000):
        pass
    assert clipboard.text() == "the user's own words, copied since"  # not ours to clear


def test_delete_failure_is_shown_and_the_page_stays_usable(
        qtbot, dialog: SettingsDialog, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from mlcoach.domain.errors import MlcoachError
    from mlcoach.store import wipe

    def fail(*args: object, **kwargs: object) -> None:
        raise MlcoachError("could not delete backups: permission denied")

    monkeypatch.setattr(wipe, "delete_all", fail)
    monkeypatch.setattr(ConfirmDeleteDialog, "ask", classmethod(lambda cls, parent=None: True))
    with qtbot.assertNotEmitted(dialog.data_deleted):
        dialog.privacy.delete_button.click()
        qtbot.waitUntil(lambda: "permission denied" in dialog.privacy.delete_error.text(),
                        timeout=5000)
    assert dialog.privacy.isEnabled()
    assert dialog.isVisible()


def test_no_page_is_cut_short_on_a_short_screen(qtbot, dialog: SettingsDialog) -> None:  # type: ignore[no-untyped-def]
    """On a 1366×768 laptop Qt opened the dialog two thirds of the screen high and the
    Privacy page's paragraphs were cut mid-line. Each page now keeps the height its text
    needs and scrolls; on the first show the dialog grows as far as the screen allows."""
    dialog.present()
    qtbot.waitExposed(dialog)
    room = dialog.screen().availableGeometry().height()
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        page = dialog.tabs.currentWidget()
        qtbot.waitUntil(lambda page=page: page.isVisible())
        assert page.height() >= page.heightForWidth(page.width()), page.accessibleName()
    dialog.resize(dialog.width(), 300)  # shorter than any page: they scroll, not squeeze
    dialog.tabs.setCurrentWidget(dialog.privacy)
    qtbot.waitUntil(lambda: dialog.privacy.height() >= dialog.privacy.heightForWidth(
        dialog.privacy.width()))
    assert dialog.tabs.currentWidget() is dialog.privacy
    assert dialog.frameGeometry().height() <= room


def test_the_delete_word_is_asked_in_turkish_and_taken(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    """The Turkish dialog said "Onaylamak için DELETE yazın": the English word to type."""
    from PySide6.QtCore import QTranslator

    from tests.ui.test_translations import FOLDER

    translator = QTranslator()
    assert translator.load(str(FOLDER / "mlcoach_tr.qm"))
    qapp.installTranslator(translator)
    try:
        confirm = ConfirmDeleteDialog()
    finally:
        qapp.removeTranslator(translator)
    qtbot.addWidget(confirm)
    assert confirm.word == "SİL"
    for typed, takes in (("SİL", True), ("SIL", True), ("DELETE", True), ("sil", False)):
        confirm.field.setText(typed)
        assert confirm.delete_button.isEnabled() is takes, typed


def test_every_page_is_whole_without_scrolling_when_the_screen_has_room(
        qtbot, dialog: SettingsDialog) -> None:  # type: ignore[no-untyped-def]
    """The window opened exactly as tall as the Privacy page needed at its width, but that
    page's scroll area was first laid out narrower, with a scroll bar, and kept the bar
    (Qt decides at the width it has): the page scrolled by a few pixels, its last button
    cut, on a screen with room to spare. The window now leaves room for that width."""
    from PySide6.QtWidgets import QScrollArea

    assert dialog.height() < dialog.screen().availableGeometry().height() - 100
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        area = dialog.tabs.widget(index)
        assert isinstance(area, QScrollArea)
        qtbot.waitUntil(lambda a=area: a.widget().isVisible())
        QApplication.processEvents()
        bar = area.verticalScrollBar()
        assert bar.maximum() == 0, (dialog.tabs.tabText(index), bar.maximum())


def test_the_backups_say_how_long_deleted_notes_stay_in_them(dialog: SettingsDialog,  # type: ignore[no-untyped-def]
                                                             ) -> None:
    """A deleted note stays in the backups until they rotate out: the Privacy tab says so,
    and for how long (the longest a copy is kept, backups.rotate)."""
    from mlcoach.store.backups import KEEP_WEEKLY

    hint = dialog.privacy.backup_hint.text()
    assert "Something you delete stays in these copies" in hint
    assert "five weeks at most" in hint
    assert KEEP_WEEKLY + 1 == 5  # rotation changed: change the words too


def test_a_calendar_on_a_hung_network_mount_does_not_freeze_save(
        dialog: SettingsDialog, store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Save looked on the GUI thread whether the calendar was there: on a network mount
    whose server is gone that look never returns, and the app froze. It is looked at
    with a deadline now (here none): cannot tell is no error, the read says later."""
    import os
    import threading

    from mlcoach.system import path_look

    gui, hung, looked = threading.get_ident(), threading.Event(), []
    mount, real = tmp_path / "mnt", os.stat

    def stat(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).startswith(str(mount)):
            looked.append(threading.get_ident() == gui)
            hung.wait(30)  # the mount's server is gone, until the test ends
            raise FileNotFoundError(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(path_look, "LOOK_WAIT_S", 0.0)
    try:
        dialog.schedule.calendar.setText(str(mount / "work.ics"))
        assert applied(dialog)
        assert True not in looked  # never looked at on the GUI thread
        assert store.settings().calendar_path == str(mount / "work.ics")
    finally:
        hung.set()


def test_a_change_made_while_the_save_waits_stays_to_apply_next(  # type: ignore[no-untyped-def]
        qtbot, dialog: SettingsDialog, store, opened_store_writer) -> None:
    """Apply while an import held the store, then another control changed before it was
    written: that change stayed on show, Apply offered for it, and the window's OK did
    not close over it."""
    dialog.schedule.prompts.setValue(2)
    with opened_store_writer():
        assert dialog.save()
        assert not dialog.apply_button.isEnabled() and not dialog.ok_button.isEnabled()
        dialog.schedule.gap.setValue(150)  # typed on while it waits
        assert not dialog.apply_button.isEnabled()  # one save at a time
        assert dialog.has_unsaved_changes()
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=60_000)
    assert store.settings().prompts_per_day == 2
    assert dialog.schedule.gap.value() == 150 and dialog.apply_button.isEnabled()
    assert applied(dialog) and store.settings().min_gap_minutes == 150


def test_a_quit_while_the_save_waits_for_another_writer_keeps_it(  # type: ignore[no-untyped-def]
        dialog: SettingsDialog, store, opened_store_writer) -> None:
    from mlcoach.ui import ops

    dialog.schedule.prompts.setValue(2)
    with opened_store_writer():
        dialog.accept()
    assert ops.settle(60)  # as quitting does, the GUI's events not run again
    assert store.settings().prompts_per_day == 2
