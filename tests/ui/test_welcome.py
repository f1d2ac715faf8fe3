"""First-run welcome: skipping, finishing, the recovery key step."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import time

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from mlcoach.coaching.service import welcome_pending as should_show
from mlcoach.domain.model import Settings
from mlcoach.store.vault import Opened
from mlcoach.ui.welcome import WelcomeDialog
from tests.ui.worker import drain

pytestmark = pytest.mark.gui


def make(qtbot, opened: Opened) -> WelcomeDialog:  # type: ignore[no-untyped-def]
    dialog = WelcomeDialog(opened.store, opened)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def welcome(qtbot, opened: Opened) -> WelcomeDialog:  # type: ignore[no-untyped-def]
    return make(qtbot, opened)


def check_theme(dialog: WelcomeDialog, theme: str) -> None:
    picker = dialog.rhythm.themes
    for i in range(picker.count()):
        if picker.item(i).data(Qt.ItemDataRole.UserRole) == theme:
            picker.item(i).setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(theme)


def test_should_show_until_done(store) -> None:  # type: ignore[no-untyped-def]
    assert should_show(store)
    store.set_state("welcome_done", True)
    assert not should_show(store)


def test_skip_marks_done_and_keeps_settings(qtbot, welcome: WelcomeDialog, store) -> None:  # type: ignore[no-untyped-def]
    assert welcome.steps() == 3
    with qtbot.assertNotEmitted(welcome.settings_changed):
        qtbot.mouseClick(welcome.skip_button, Qt.MouseButton.LeftButton)
        drain()  # written on the store's worker
    assert store.get_state("welcome_done") is True
    assert not should_show(store)
    assert store.settings() == Settings()
    assert welcome.result() == QDialog.DialogCode.Rejected
    assert welcome.isHidden()


def test_closing_the_window_counts_as_skipping(welcome: WelcomeDialog, store) -> None:  # type: ignore[no-untyped-def]
    welcome.next()
    welcome.reject()
    drain()
    assert not should_show(store)
    assert welcome.isHidden()


def test_skip_on_step_two_keeps_what_was_chosen(welcome: WelcomeDialog, store) -> None:  # type: ignore[no-untyped-def]
    welcome.next()
    welcome.rhythm.hours.start.setTime(QTime(8, 0))
    welcome.skip()
    drain()
    assert store.settings().day_start == time(8, 0)
    assert not should_show(store)


def test_finishing_saves_hours_workdays_and_focus(qtbot, welcome: WelcomeDialog, store) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(welcome.next_button, Qt.MouseButton.LeftButton)
    assert welcome.current_step() is welcome.rhythm
    welcome.rhythm.hours.start.setTime(QTime(8, 30))
    welcome.rhythm.hours.end.setTime(QTime(16, 0))
    welcome.rhythm.workdays.buttons[4].click()  # Friday off
    check_theme(welcome, "recognition")
    check_theme(welcome, "energy")
    qtbot.mouseClick(welcome.next_button, Qt.MouseButton.LeftButton)
    assert welcome.current_step() is welcome.recovery
    welcome.recovery.saved.setChecked(True)

    with qtbot.waitSignal(welcome.settings_changed, timeout=1000) as blocker:
        qtbot.mouseClick(welcome.next_button, Qt.MouseButton.LeftButton)

    saved = store.settings()
    assert (saved.day_start, saved.day_end) == (time(8, 30), time(16, 0))
    assert saved.workdays == (0, 1, 2, 3)
    assert saved.focus_themes == ("recognition", "energy")
    assert saved.prompts_per_day == Settings().prompts_per_day
    assert blocker.args == [saved]
    assert store.get_state("welcome_done") is True
    assert welcome.result() == QDialog.DialogCode.Accepted


def test_at_most_two_focus_themes(welcome: WelcomeDialog) -> None:
    welcome.next()
    for theme in ("recognition", "example", "questions"):
        check_theme(welcome, theme)
    assert welcome.rhythm.themes.themes() == ("recognition", "example")


def test_step_three_requires_the_checkbox(qtbot, welcome: WelcomeDialog, opened: Opened,  # type: ignore[no-untyped-def]
                                          store) -> None:
    welcome.next()
    welcome.next()
    assert welcome.step == 2
    assert welcome.recovery is not None
    assert welcome.recovery.key_view.key() == opened.recovery_key
    assert welcome.next_button.text().replace("&", "") == "Finish"
    assert not welcome.next_button.isEnabled()

    welcome.next()  # even called directly, it does not finish
    assert welcome.isVisible()
    assert should_show(store)

    qtbot.mouseClick(welcome.recovery.key_view.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == opened.recovery_key

    welcome.recovery.saved.setChecked(True)
    assert welcome.next_button.isEnabled()
    welcome.recovery.saved.setChecked(False)
    assert not welcome.next_button.isEnabled()
    welcome.recovery.saved.setChecked(True)
    qtbot.mouseClick(welcome.next_button, Qt.MouseButton.LeftButton)
    drain()
    assert not should_show(store)
    assert welcome.recovery.key_view.key() == ""  # off the screen once done


def test_without_a_recovery_key_there_are_two_steps(qtbot, opened: Opened, store) -> None:  # type: ignore[no-untyped-def]
    welcome = make(qtbot, opened._replace(recovery_key=None))
    assert welcome.steps() == 2
    assert welcome.recovery is None
    welcome.next()
    assert welcome.next_button.text().replace("&", "") == "Finish"
    check_theme(welcome, "feedback")
    welcome.next()
    drain()
    assert store.settings().focus_themes == ("feedback",)
    assert not should_show(store)


def test_bad_hours_keep_you_on_step_two(welcome: WelcomeDialog, store) -> None:  # type: ignore[no-untyped-def]
    welcome.next()
    welcome.rhythm.hours.start.setTime(QTime(18, 0))
    welcome.rhythm.hours.end.setTime(QTime(9, 0))
    welcome.next()
    assert welcome.current_step() is welcome.rhythm
    assert welcome.rhythm.hours_error.isVisibleTo(welcome)
    welcome.skip()  # skipping still works but keeps the old, valid hours
    drain()
    assert store.settings().day_start == Settings().day_start
    assert not should_show(store)


def test_back_returns_to_the_previous_step(welcome: WelcomeDialog) -> None:
    assert not welcome.back_button.isEnabled()
    welcome.next()
    assert welcome.back_button.isEnabled()
    welcome.back()
    assert welcome.step == 0
    assert "1 of 3" in welcome.progress.text()


def test_intro_says_where_the_data_stays(welcome: WelcomeDialog) -> None:
    text = welcome.intro.privacy.text()
    assert "this computer" in text and "encrypted" in text
    assert "!" not in text


def test_every_control_is_named(welcome: WelcomeDialog) -> None:
    from tests.ui.test_settings_dialog import _controls

    assert [type(w).__name__ for w in _controls(welcome) if not w.accessibleName()] == []


def test_the_keyboard_starts_on_the_step_not_on_skip(qtbot, opened: Opened) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    dialog = make(qtbot, opened)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    assert QApplication.focusWidget() is not dialog.skip_button
    assert QApplication.focusWidget() is dialog.next_button  # the intro has no field
    dialog.next()  # the rhythm step: its first field
    assert QApplication.focusWidget() is dialog.rhythm.workdays.buttons[0]


def _ready_to_finish(welcome: WelcomeDialog) -> list[int]:
    """Walk to the last step with the day starting at 8:00 and the key marked saved; the
    dialog's results from then on."""
    closed: list[int] = []
    welcome.finished.connect(closed.append)
    welcome.next()
    welcome.rhythm.hours.start.setTime(QTime(8, 0))
    welcome.next()
    assert welcome.recovery is not None
    welcome.recovery.saved.setChecked(True)
    return closed


def _closed_once_saved(closed: list[int], store) -> None:  # type: ignore[no-untyped-def]
    drain()
    assert closed == [QDialog.DialogCode.Accepted]
    assert store.settings().day_start == time(8, 0)
    assert not should_show(store)


def test_finishing_while_another_program_writes_waits_its_turn(  # type: ignore[no-untyped-def]
        qtbot, welcome: WelcomeDialog, store, opened_store_writer) -> None:
    """Finish while an import held the store: the welcome held the whole app for the
    store's minute, then closed with nothing saved. It is written on the worker, and
    the welcome closes (the schedule is armed next, from the settings) once it is."""
    from PySide6.QtCore import QTimer

    closed = _ready_to_finish(welcome)
    ticks: list[int] = []
    with opened_store_writer():
        welcome.next()  # Finish
        QTimer.singleShot(0, lambda: ticks.append(1))
        qtbot.waitUntil(lambda: ticks == [1])  # the GUI thread goes on meanwhile
        assert closed == [] and welcome.isVisible()  # not before its choices are saved
        assert should_show(store)
    _closed_once_saved(closed, store)


def test_while_its_choices_are_saved_it_says_so_and_a_close_waits_for_them(  # type: ignore[no-untyped-def]
        qtbot, welcome: WelcomeDialog, store, opened_store_writer) -> None:
    """Finish behind another program's write: the window showed nothing for up to the
    store's minute. It says "Saving…" in the step line, its buttons and choices rest,
    and closing it meanwhile loses nothing: it closes once the choices are written."""
    closed = _ready_to_finish(welcome)
    with opened_store_writer():
        welcome.next()  # Finish
        assert welcome.saving() and welcome.progress.text() == "Saving…"
        assert not any(b.isEnabled() for b in (welcome.skip_button, welcome.back_button,
                                               welcome.next_button))
        assert not welcome.stack.isEnabled()
        welcome.recovery.saved.setChecked(False)  # no button wakes up meanwhile
        welcome.recovery.saved.setChecked(True)
        assert not welcome.next_button.isEnabled()
        welcome.reject()  # Esc, or the window's close button
        assert welcome.isVisible() and closed == []
    _closed_once_saved(closed, store)


def test_choices_not_saved_stay_on_show_with_why(  # type: ignore[no-untyped-def]
        qtbot, welcome: WelcomeDialog, store, monkeypatch) -> None:
    """The choices could not be written: the welcome closed, and they were lost (the
    welcome came again with the usual hours). It stays open, saying why in one line,
    with the choices as made; Finish again saves them."""
    from mlcoach.domain.errors import StoreBusyError

    real = store.set_state

    def busy(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise StoreBusyError("the store is busy")

    monkeypatch.setattr(store, "set_state", busy)
    _ready_to_finish(welcome)
    welcome.next()  # Finish
    drain()
    assert welcome.isVisible() and not welcome.saving()
    assert welcome.error.text().startswith("Not saved:")
    assert welcome.next_button.isEnabled() and welcome.stack.isEnabled()
    assert welcome.rhythm.hours.hours()[0] == time(8, 0)
    assert welcome.progress.text() == "Step 3 of 3"
    monkeypatch.setattr(store, "set_state", real)
    welcome.next()  # Finish again
    drain()
    assert welcome.isHidden() and welcome.result() == QDialog.DialogCode.Accepted
    assert store.settings().day_start == time(8, 0) and not should_show(store)


def test_closed_after_its_choices_were_not_saved_it_comes_again(  # type: ignore[no-untyped-def]
        qtbot, welcome: WelcomeDialog, store, monkeypatch) -> None:
    """Closed once the line says the choices were not saved: it closes, writing
    nothing more, and comes again at the next start."""
    from mlcoach.domain.errors import StoreBusyError

    def busy(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise StoreBusyError("the store is busy")

    monkeypatch.setattr(store, "set_state", busy)
    welcome.skip()
    drain()
    assert welcome.isVisible() and welcome.error.text()
    welcome.reject()
    drain()
    assert welcome.isHidden() and should_show(store)
