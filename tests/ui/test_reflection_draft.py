"""A reflection being typed survives a crash: kept in the encrypted store while typed,
brought back when the dialog opens again, forgotten once saved or discarded.

In-process tests use the in-memory keyring (tests/conftest.py) and a real SQLCipher file;
the kill test runs the real dialog in a child process (tests/ui/reflection_typist.py)
and SIGKILLs it while it types.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from mlcoach.ui import ops
from mlcoach.ui.reflection_dialog import ReflectionDialog
from mlcoach.ui.reflection_draft import KEY, ReflectionDraft, from_json
from mlcoach.ui.widgets import message_box
from tests.ui.conftest import NOW, TZ
from tests.ui.worker import drain

pytestmark = pytest.mark.gui

TODAY = NOW.date()
ROOT = Path(__file__).resolve().parents[2]


def _dialog(qtbot, store) -> ReflectionDialog:  # type: ignore[no-untyped-def]
    dialog = ReflectionDialog(store, clock=lambda: NOW, tz=TZ)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(0))
    # The day is read on the store's worker, then it is up. Not drain(): a test may hold
    # the store for another writer, and the window's own writes wait behind it.
    dialog.load_day(then=dialog.present)
    qtbot.waitUntil(lambda: not dialog.loading() and dialog.isVisible())
    return dialog


def _kept(store):  # type: ignore[no-untyped-def]
    drain()
    return from_json(store.get_state(KEY))


def test_typed_words_come_back_after_the_app_was_gone(qtbot, store):
    first = _dialog(qtbot, store)
    qtbot.mouseClick(first.energy.button(4), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(first.went_well, "Asked Bo for his view before mine")
    qtbot.keyClicks(first.intention, "Thank Deniz")
    qtbot.waitUntil(lambda: (d := from_json(store.get_state(KEY))) is not None
                    and d.answers[3] == "Thank Deniz", timeout=10_000)
    # The first dialog is never closed or saved: as if the app had been killed.
    again = _dialog(qtbot, store)
    assert again.went_well.toPlainText() == "Asked Bo for his view before mine"
    assert (again.energy.value(), again.intention.text()) == (4, "Thank Deniz")
    assert again.restored_text() and again.has_unsaved_changes()
    assert store.reflection(TODAY) is None  # brought back, not saved behind the user's back

    with qtbot.waitSignal(again.reflection_saved, timeout=10_000):
        again.save()
    saved = store.reflection(TODAY)
    assert (saved.energy, saved.went_well) == (4, "Asked Bo for his view before mine")
    assert _kept(store) is None
    third = _dialog(qtbot, store)
    assert third.restored_text() == "" and not third.has_unsaved_changes()


def test_discarding_forgets_the_words(qtbot, store, monkeypatch):
    monkeypatch.setattr(message_box, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard))
    dialog = _dialog(qtbot, store)
    qtbot.keyClicks(dialog.differently, "Not worth keeping")
    dialog.flush_draft()
    assert _kept(store).answers[2] == "Not worth keeping"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert _kept(store) is None
    assert _dialog(qtbot, store).differently.toPlainText() == ""


def test_typing_back_to_what_was_saved_leaves_no_draft(qtbot, store):
    store.save_reflection(TODAY, energy=3, went_well="Calm day", at=NOW)
    dialog = _dialog(qtbot, store)
    qtbot.keyClicks(dialog.went_well, "!")
    dialog.flush_draft()
    assert _kept(store).answers[1] == "Calm day!"
    qtbot.keyClick(dialog.went_well, Qt.Key.Key_Backspace)
    dialog.flush_draft()
    assert _kept(store) is None


def test_words_typed_on_an_earlier_day_become_that_days_reflection(qtbot, store):
    yesterday = TODAY - timedelta(days=1)
    draft = ReflectionDraft(yesterday, (2, "Long day, kept my temper", "", "Leave at six"),
                            NOW - timedelta(days=1))
    store.set_state(KEY, draft.to_json())
    dialog = _dialog(qtbot, store)
    assert _kept(store) is None  # kept on the worker, then forgotten
    kept = store.reflection(yesterday)
    assert (kept.energy, kept.went_well, kept.intention) == (
        2, "Long day, kept my temper", "Leave at six")
    assert dialog.went_well.toPlainText() == "" and dialog.restored_text() == ""
    assert _kept(store) is None


def test_a_draft_older_than_the_saved_reflection_is_not_brought_back(qtbot, store):
    store.save_reflection(TODAY, energy=5, went_well="Saved later", at=NOW)
    store.set_state(KEY, ReflectionDraft(TODAY, (1, "Typed earlier", "", ""),
                                         NOW - timedelta(hours=1)).to_json())
    dialog = _dialog(qtbot, store)
    assert dialog.went_well.toPlainText() == "Saved later"
    assert dialog.restored_text() == "" and not dialog.has_unsaved_changes()
    assert _kept(store) is None


@pytest.mark.parametrize("value", [
    "text", {"format": 2}, {"format": 1, "day": "yesterday"},
    {"format": 1, "day": "2025-06-12", "at": "2025-06-12T10:00:00", "energy": None,
     "went_well": "", "differently": "", "intention": ""},  # no time zone
    {"format": 1, "day": "2025-06-12", "at": "2025-06-12T10:00:00+02:00", "energy": 9,
     "went_well": "", "differently": "", "intention": ""},
    {"format": 1, "day": "2025-06-12", "at": "2025-06-12T10:00:00+02:00", "energy": True,
     "went_well": "", "differently": "", "intention": ""},
    {"format": 1, "day": "2025-06-12", "at": "2025-06-12T10:00:00+02:00", "energy": 3,
     "went_well": 7, "differently": "", "intention": ""},
])
def test_a_draft_that_is_not_ours_is_ignored(qtbot, store, value):
    store.set_state(KEY, value)
    dialog = _dialog(qtbot, store)
    assert dialog.restored_text() == "" and dialog.went_well.toPlainText() == ""
    assert store.reflections() == []


@pytest.mark.slow
def test_a_killed_app_loses_at_most_the_last_moment_of_typing(qtbot, opened, store):
    text = "Listened to the whole question before answering, and said thank you."
    first = 24
    assert opened.secret.raw_key is not None
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "ui" / "reflection_typist.py"),
         str(opened.layout.root), opened.secret.raw_key.hex(), text, str(first)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    try:
        assert child.stdout is not None
        ready, _, _ = select.select([child.stdout], [], [], 60)  # one deadline for the child
        line = child.stdout.readline() if ready else b"(nothing within 60 s)"
        assert line.strip() == b"kept", child.stderr.read(4000) if child.stderr else line
        time.sleep(random.uniform(0.0, 1.5))  # mid-typing, mid-write or in a pause
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
    dialog = _dialog(qtbot, store)
    back = dialog.went_well.toPlainText()
    assert back.startswith(text[:first]) and text.startswith(back), back
    assert dialog.restored_text()


def test_saving_waits_on_the_worker_not_the_window(qtbot, store, monkeypatch):
    """The write runs on the worker thread; the window stays live and says why it did not
    close when the store refuses."""
    import threading

    from mlcoach.domain.errors import StoreBusyError

    threads: list[str] = []
    real = store.save_reflection

    def busy(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        raise StoreBusyError("the store is busy")

    monkeypatch.setattr(store, "save_reflection", busy)
    dialog = _dialog(qtbot, store)
    qtbot.keyClicks(dialog.went_well, "Asked before deciding")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.error_text() != "", timeout=10_000)
    assert threads and threads[0] != threading.main_thread().name
    assert dialog.isVisible() and dialog.went_well.toPlainText() == "Asked before deciding"

    monkeypatch.setattr(store, "save_reflection", real)
    with qtbot.waitSignal(dialog.reflection_saved, timeout=10_000):
        dialog.save()
    assert store.reflection(TODAY).went_well == "Asked before deciding"
    assert not dialog.isVisible()


def test_words_of_an_earlier_day_are_kept_without_holding_the_window(
        qtbot, store, opened_store_writer):
    """The window opened while another program wrote (an import): keeping yesterday's
    words as yesterday's reflection held the window (and the tray), and gave up. They
    are kept on the worker once the other writer is done; words typed today meanwhile
    stay as today's draft."""
    yesterday = TODAY - timedelta(days=1)
    store.set_state(KEY, ReflectionDraft(yesterday, (2, "Long day", "", ""),
                                         NOW - timedelta(days=1)).to_json())
    with opened_store_writer():
        dialog = _dialog(qtbot, store)  # the window comes up; the write waits its turn
        qtbot.keyClicks(dialog.went_well, "A calm start")
        dialog.flush_draft()
    ops.pool().waitForDone(60_000)
    kept = store.reflection(yesterday)
    assert kept is not None and (kept.energy, kept.went_well) == (2, "Long day")
    today = _kept(store)
    assert today is not None and today.day == TODAY and today.answers[1] == "A calm start"
