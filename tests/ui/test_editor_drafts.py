"""Words typed in the person editor (the People panel, in History and the coach), in
History's moment editor and in the coach window survive the app being gone: kept in the
encrypted store while typed, brought back in that thing's editor only, with a quiet line,
never saved to the person, the moment or as a suggestion unasked; forgotten on Save, on
Discard and when what they are about is deleted.

The kill test runs the real person editor in a child process
(tests/ui/person_typist.py) and SIGKILLs it while it types, as
tests/ui/test_reflection_draft.py does for the reflection.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox

from mlcoach.domain.model import Kind
from mlcoach.store.core import Store
from mlcoach.store.edit_drafts import COACH, NEW_PERSON, moment_key, person_key
from mlcoach.store.timeline import EntryKind
from mlcoach.ui import ops
from mlcoach.ui.history.moment_editor import MomentEditor
from mlcoach.ui.history.window import HistoryWindow
from mlcoach.ui.people_panel import PeoplePanel, PersonDialog
from mlcoach.ui.widgets import message_box
from tests.ui.conftest import NOW, TZ, today_at
from tests.ui.worker import drain

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


def _settled() -> None:
    """The worker's jobs done and their outcomes delivered, and the jobs those gave (a
    Save's outcome forgets the draft in a job of its own)."""
    drain()


def _draft_written(window) -> None:  # type: ignore[no-untyped-def]
    """What `window` holds now written as its draft (as at a pause in the typing)."""
    window.draft.flush()
    _settled()


def _panel(qtbot, store: Store) -> PeoplePanel:  # type: ignore[no-untyped-def]
    panel = PeoplePanel(store, tz=TZ)
    qtbot.addWidget(panel)
    panel.show()
    drain()  # the list is read on the store's worker
    return panel


def _person_editor(qtbot, store: Store, name: str) -> PersonDialog:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, store)
    panel.select(name)
    panel.edit_button.click()
    editor = panel.editor()
    assert editor is not None
    return editor


def _type_at_end(qtbot, box, text: str) -> None:  # type: ignore[no-untyped-def]
    box.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(box, text)


def _typed_and_saved(qtbot, editor, words: str) -> None:  # type: ignore[no-untyped-def]
    """`words` typed at the end of a person editor's notes, kept as its draft at a pause,
    then saved with OK; the editor closed and the worker's jobs done."""
    panel = editor.parent()
    _type_at_end(qtbot, editor.notes, words)
    _draft_written(editor)
    editor.ok_button.click()
    qtbot.waitUntil(lambda: panel.editor() is None, timeout=10_000)
    _settled()


def _history(qtbot, store: Store) -> HistoryWindow:  # type: ignore[no-untyped-def]
    window = HistoryWindow(store, clock=lambda: NOW, tz=TZ)
    qtbot.addWidget(window)
    window.present()
    qtbot.waitUntil(lambda: window.timeline.model.rowCount() > 0, timeout=10_000)
    return window


def _moment_editor(qtbot, store: Store, moment_id: str) -> MomentEditor:  # type: ignore[no-untyped-def]
    window = _history(qtbot, store)
    tab = window.timeline
    row = next(r for r in range(tab.model.rowCount())
               if (e := tab.model.entry(r)) is not None and e.id == moment_id)
    tab.edit_row(row)
    editor = tab.editor()
    assert editor is not None
    return editor


# -- the person editor --------------------------------------------------------------------


def test_notes_typed_about_a_person_come_back_after_the_app_was_gone(qtbot, store):
    ana = store.add_person("Ana", notes="Prefers written agendas.")
    store.add_person("Bo")
    first = _person_editor(qtbot, store, "Ana")
    _type_at_end(qtbot, first.notes, " Ask before moving her 1:1.")
    qtbot.waitUntil(lambda: (store.get_state(person_key(ana.id)) or {}).get(
        "values", {}).get("notes", "").endswith("1:1."), timeout=10_000)
    # The first editor is never saved or closed: as if the app had been killed.
    first.hide()  # gone with the app (a second editor open beside it gets nothing)
    again = _person_editor(qtbot, store, "Ana")
    assert again.notes.toPlainText() == "Prefers written agendas. Ask before moving her 1:1."
    assert again.draft is not None and not again.draft.line.isHidden()
    assert store.find_person("Ana").notes == "Prefers written agendas."  # not saved unasked
    # only in Ana's editor
    bo = _person_editor(qtbot, store, "Bo")
    assert bo.notes.toPlainText() == "" and bo.draft is not None and bo.draft.line.isHidden()
    bo.done(0)

    again.accept()
    qtbot.waitUntil(lambda: not shiboken6.isValid(again), timeout=10_000)
    _settled()
    assert store.find_person("Ana").notes.endswith("Ask before moving her 1:1.")
    assert store.get_state(person_key(ana.id)) is None
    third = _person_editor(qtbot, store, "Ana")
    assert third.draft is not None and third.draft.line.isHidden()
    first.done(0)
    third.done(0)


def test_a_brought_back_draft_keeps_what_was_saved_since_in_the_fields_not_typed(
        qtbot, store):
    """Notes typed in Ana's editor, then the app gone; the coach then saved a style for
    her. The draft held every field as the editor had it, the old style too: brought
    back, Save put the old style back over the newer one. Only what was typed comes back."""
    from mlcoach.domain.model import Style

    ana = store.add_person("Ana", notes="Prefers written agendas.")
    first = _person_editor(qtbot, store, "Ana")
    _type_at_end(qtbot, first.notes, " Ask before moving her 1:1.")
    _draft_written(first)
    first.done(0)
    store.edit_person("Ana", style=Style.FACTS)  # as the coach remembers her style
    again = _person_editor(qtbot, store, "Ana")
    assert again.notes.toPlainText() == "Prefers written agendas. Ask before moving her 1:1."
    again.accept()
    qtbot.waitUntil(lambda: not shiboken6.isValid(again), timeout=10_000)
    _settled()
    saved = store.find_person("Ana")
    assert saved.notes.endswith("1:1.") and saved.style is Style.FACTS
    assert store.get_state(person_key(ana.id)) is None


def test_a_half_typed_rename_is_offered_back_not_applied(qtbot, store):
    ana = store.add_person("Ana")
    first = _person_editor(qtbot, store, "Ana")
    first.name.setText("An")
    _draft_written(first)
    first.hide()  # gone with the app: its words are the store's to bring back
    again = _person_editor(qtbot, store, "Ana")
    assert again.name.text() == "An"
    assert store.find_person("Ana") is not None and store.find_person("An") is None
    assert store.get_state(person_key(ana.id)) is not None
    first.done(0)
    again.done(0)


def test_discarding_a_person_edit_forgets_the_draft(qtbot, store, expect_dialog):
    ana = store.add_person("Ana", notes="Old notes")
    editor = _person_editor(qtbot, store, "Ana")
    editor.notes.setPlainText("Not worth keeping")
    _draft_written(editor)
    assert store.get_state(person_key(ana.id)) is not None
    expect_dialog.expect(message_box, "question", QMessageBox.StandardButton.Discard)
    editor.reject()
    _settled()
    assert not shiboken6.isValid(editor)  # closed (and gone)
    assert store.get_state(person_key(ana.id)) is None
    assert _person_editor(qtbot, store, "Ana").notes.toPlainText() == "Old notes"


def test_someone_new_being_added_comes_back_in_the_add_editor(qtbot, store):
    panel = _panel(qtbot, store)
    panel.add_person()
    first = panel.editor()
    qtbot.keyClicks(first.name, "Deniz")
    first.notes.setPlainText("Likes a heads-up before a change")
    _draft_written(first)
    other = _panel(qtbot, store)
    first.hide()  # gone with the app: its words are the store's to bring back
    other.add_person()
    again = other.editor()
    assert (again.name.text(), again.notes.toPlainText()) == (
        "Deniz", "Likes a heads-up before a change")
    assert store.find_person("Deniz") is None
    again.accept()
    # closed once saved, its draft's forgetting queued then (the person is there before)
    qtbot.waitUntil(lambda: not shiboken6.isValid(again), timeout=10_000)
    _settled()
    assert store.find_person("Deniz") is not None
    assert store.get_state(NEW_PERSON) is None
    first.done(0)


def test_two_add_editors_open_at_once_keep_to_their_own_words(qtbot, store):
    """Add in History's People and in the coach at once: the second was offered the
    first one's words as if the app had been gone (Save in both: Deniz added twice, or
    refused), its typing overwrote them as the one draft, and the first's Save forgot
    the second's. Now the second starts empty and keeps its words once the first is
    saved."""
    first_panel, second_panel = _panel(qtbot, store), _panel(qtbot, store)
    first_panel.add_person()
    first = first_panel.editor()
    qtbot.keyClicks(first.name, "Deniz")
    _draft_written(first)
    second_panel.add_person()
    second = second_panel.editor()
    assert (second.name.text(), second.notes.toPlainText()) == ("", "")
    assert second.draft is not None and second.draft.line.isHidden()
    qtbot.keyClicks(second.name, "Eli")
    _draft_written(second)
    assert store.get_state(NEW_PERSON)["values"]["name"] == "Deniz"  # not overwritten
    first.accept()
    qtbot.waitUntil(lambda: store.find_person("Deniz") is not None, timeout=10_000)
    _settled()
    assert store.get_state(NEW_PERSON) is None
    second.draft.flush()  # its next pause in the typing
    _settled()
    assert store.get_state(NEW_PERSON)["values"]["name"] == "Eli"
    second.accept()
    qtbot.waitUntil(lambda: store.find_person("Eli") is not None, timeout=10_000)
    _settled()
    assert store.get_state(NEW_PERSON) is None


def test_a_deleted_persons_draft_notes_go_with_them(qtbot, store):
    ana = store.add_person("Ana")
    editor = _person_editor(qtbot, store, "Ana")
    editor.notes.setPlainText("Struggling since the reorg; keep this between us")
    _draft_written(editor)
    assert store.get_state(person_key(ana.id)) is not None
    editor.done(0)
    store.delete_person("Ana")  # as `people delete` and the panel's Delete do
    assert store.get_state(person_key(ana.id)) is None
    again = store.add_person("Ana")  # someone new of the same name: nothing comes back
    fresh = _person_editor(qtbot, store, "Ana")
    assert again.id != ana.id and fresh.notes.toPlainText() == ""
    fresh.done(0)


def test_typing_on_after_the_person_was_deleted_elsewhere_keeps_no_draft(qtbot, store):
    """Their editor open in the coach while History (or `people delete`) deletes them:
    the words typed on must not be written down for someone deleted."""
    ana = store.add_person("Ana")
    editor = _person_editor(qtbot, store, "Ana")
    store.delete_person("Ana")
    editor.notes.setPlainText("Struggling since the reorg; keep this between us")
    _draft_written(editor)
    assert store.get_state(person_key(ana.id)) is None
    assert editor.keep_unsaved() is True  # as at quit: still nothing written
    assert ops.settle()
    assert store.get_state(person_key(ana.id)) is None
    editor.done(0)


@pytest.mark.slow
def test_a_killed_app_loses_at_most_the_last_moment_of_a_persons_notes(qtbot, opened, store):
    ana = store.add_person("Ana")
    text = "Prefers a written agenda the day before, and a quiet word after a hard review."
    first = 24
    assert opened.secret.raw_key is not None
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "ui" / "person_typist.py"),
         str(opened.layout.root), opened.secret.raw_key.hex(), "Ana", text, str(first)],
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
    editor = _person_editor(qtbot, store, "Ana")
    back = editor.notes.toPlainText()
    assert back.startswith(text[:first]) and text.startswith(back), back
    assert editor.draft is not None and not editor.draft.line.isHidden()
    assert store.find_person("Ana").notes == ""  # offered back, not saved
    assert store.get_state(person_key(ana.id)) is not None
    editor.done(0)


# -- History's moment editor --------------------------------------------------------------


def test_a_moments_edit_comes_back_in_its_own_editor_only(qtbot, store):
    moment = store.add_moment("Asked Bo about the release", Kind.QUESTION,
                              created_at=today_at(10))
    other = store.add_moment("Thanked Ana for the notes", Kind.RECOGNITION,
                             created_at=today_at(11))
    first = _moment_editor(qtbot, store, moment.id)
    _type_at_end(qtbot, first.text, ", and he took the checklist")
    first.kind.setCurrentIndex(first.kind.findData(Kind.SUPPORT.value))
    qtbot.waitUntil(lambda: store.get_state(moment_key(moment.id)) is not None
                    and store.get_state(moment_key(moment.id))["values"]["kind"] == "support",
                    timeout=10_000)
    # never saved nor closed: as if the app had been killed
    first.hide()  # gone with the app: its words are the store's to bring back
    elsewhere = _moment_editor(qtbot, store, other.id)
    assert elsewhere.text.toPlainText() == "Thanked Ana for the notes"
    assert elsewhere.draft is not None and elsewhere.draft.line.isHidden()
    elsewhere.done(0)
    again = _moment_editor(qtbot, store, moment.id)
    assert again.text.toPlainText() == "Asked Bo about the release, and he took the checklist"
    assert again.kind.currentData() == Kind.SUPPORT.value
    assert again.draft is not None and not again.draft.line.isHidden()
    assert store.get_moment(moment.id).text == "Asked Bo about the release"  # not saved

    again.accept()
    qtbot.waitUntil(lambda: store.get_moment(moment.id).text.endswith("checklist"),
                    timeout=10_000)
    _settled()
    assert store.get_state(moment_key(moment.id)) is None
    first.done(0)


def test_a_moments_draft_keeps_an_outcome_set_since(qtbot, store):
    """The moment's words typed, the app gone; then its outcome set (History's buttons,
    `mlcoach`): the draft brought back the outcome as it was, and Save undid the newer."""
    from mlcoach.domain.model import Outcome

    moment = store.add_moment("Asked Bo about the release", created_at=today_at(10))
    first = _moment_editor(qtbot, store, moment.id)
    _type_at_end(qtbot, first.text, ", and he took the checklist")
    _draft_written(first)
    first.done(0)
    store.set_moment_outcome(moment.id, Outcome.FOLLOWED)
    again = _moment_editor(qtbot, store, moment.id)
    assert again.text.toPlainText().endswith("checklist")
    assert again.outcome.currentData() == Outcome.FOLLOWED.value
    again.accept()
    qtbot.waitUntil(lambda: store.get_moment(moment.id).text.endswith("checklist"),
                    timeout=10_000)
    _settled()
    assert store.get_moment(moment.id).outcome is Outcome.FOLLOWED


def test_discarding_a_moment_edit_forgets_the_draft(qtbot, store, expect_dialog):
    moment = store.add_moment("Asked Bo about the release", created_at=today_at(10))
    editor = _moment_editor(qtbot, store, moment.id)
    editor.text.setPlainText("Not worth keeping")
    _draft_written(editor)
    assert store.get_state(moment_key(moment.id)) is not None
    expect_dialog.expect(message_box, "question", QMessageBox.StandardButton.Discard)
    editor.reject()
    _settled()
    assert store.get_state(moment_key(moment.id)) is None


def test_discarding_a_moment_edit_whose_save_failed_forgets_the_draft(
        qtbot, store, expect_dialog, monkeypatch):
    """Save failed (the store said no): the editor came back with the words, and Discard
    there left the draft the first editor had kept, offered again at the next edit."""
    from mlcoach.domain.errors import MlcoachError
    from mlcoach.ui.edit_draft import EditDraft

    monkeypatch.setattr(EditDraft, "DELAY_MS", 3_600_000)  # Discard before a typing pause
    moment = store.add_moment("Asked Bo about the release", created_at=today_at(10))
    first = _moment_editor(qtbot, store, moment.id)
    first.text.setPlainText("Asked Bo about the release; he seemed worn out")
    _draft_written(first)
    assert store.get_state(moment_key(moment.id)) is not None

    def refused(*_a: object, **_k: object) -> None:
        raise MlcoachError("the store is busy")

    monkeypatch.setattr(Store, "update_moment", refused)
    tab = first.parent()
    first.accept()
    qtbot.waitUntil(lambda: (e := tab.editor()) is not None and e is not first
                    and e.isVisible(), timeout=10_000)
    again = tab.editor()
    assert again.text.toPlainText() == "Asked Bo about the release; he seemed worn out"
    expect_dialog.expect(message_box, "question", QMessageBox.StandardButton.Discard)
    again.reject()
    _settled()
    assert store.get_state(moment_key(moment.id)) is None
    monkeypatch.undo()
    assert _moment_editor(qtbot, store, moment.id).text.toPlainText() == \
        "Asked Bo about the release"


def test_typing_on_after_the_moment_was_deleted_elsewhere_keeps_no_draft(qtbot, store):
    moment = store.add_moment("Asked Bo about the release", created_at=today_at(10))
    editor = _moment_editor(qtbot, store, moment.id)
    store.delete_moment(moment.id)
    editor.text.setPlainText("Asked Bo about the release; he seemed worn out")
    _draft_written(editor)
    assert store.get_state(moment_key(moment.id)) is None
    editor.done(0)


def test_a_deleted_moments_draft_goes_with_it(qtbot, store):
    moment = store.add_moment("Asked Bo about the release", created_at=today_at(10))
    editor = _moment_editor(qtbot, store, moment.id)
    editor.text.setPlainText("Asked Bo about the release; he seemed worn out")
    _draft_written(editor)
    editor.done(0)
    store.delete_moment(moment.id)
    assert store.get_state(moment_key(moment.id)) is None


def test_undoing_a_moments_delete_brings_back_its_draft(qtbot, store):
    """Words typed in the moment's editor (the app gone before Save), the moment deleted
    in History, then Undo: the moment came back but the words did not, though Undo
    puts back all the delete took. Gone from the file meanwhile, back with the moment."""
    moment = store.add_moment("Asked Bo about the release", created_at=today_at(10))
    typed = "Asked Bo about the release; he seemed worn out"
    first = _moment_editor(qtbot, store, moment.id)
    first.text.setPlainText(typed)
    _draft_written(first)
    first.done(0)  # gone with the app: the words are the store's to bring back
    tab = first.parent()
    row = tab.model.row_of(EntryKind.MOMENT, moment.id)
    tab.delete_row(row)
    _settled()
    assert store.get_moment(moment.id) is None
    assert store.get_state(moment_key(moment.id)) is None  # deleted means gone
    tab.undo_delete()
    _settled()
    assert store.get_moment(moment.id) is not None
    tab.edit_row(tab.model.row_of(EntryKind.MOMENT, moment.id))
    again = tab.editor()
    assert again is not None and again is not first
    assert again.text.toPlainText() == typed
    assert again.draft is not None and not again.draft.line.isHidden()
    assert store.get_moment(moment.id).text == "Asked Bo about the release"  # not saved
    again.done(0)


# -- the coach window -----------------------------------------------------------------------


def _coach(qtbot, store: Store):  # type: ignore[no-untyped-def]
    from mlcoach.ui.composer_dialog import ComposerDialog

    window = ComposerDialog(store, clock=lambda: NOW, tz=TZ)
    qtbot.addWidget(window)
    window.present()
    return window


def test_the_change_typed_in_the_coach_comes_back_after_the_app_was_gone(qtbot, store):
    from mlcoach.domain.model import ChangeKind, Size, Style

    store.add_person("Ana", Style.FACTS)
    first = _coach(qtbot, store)
    first.inputs.set_person("Ana")
    first.size_choice.button(Size.SMALL).click()
    first.kind_choice.button(ChangeKind.START).click()
    qtbot.keyClicks(first.change, "share the agenda a day before")
    qtbot.waitUntil(lambda: (store.get_state(COACH) or {}).get("values", {}).get(
        "change") == "share the agenda a day before", timeout=10_000)
    # never saved nor closed: as if the app had been killed
    first.hide()  # gone with the app: its words are the store's to bring back
    again = _coach(qtbot, store)
    assert again.change.text() == "share the agenda a day before"
    assert again.who.currentText() == "Ana"
    assert (again.size_choice.value(), again.kind_choice.value()) == (Size.SMALL,
                                                                      ChangeKind.START)
    assert not again.draft.line.isHidden()
    assert store.suggestions() == []  # offered back, not saved
    with qtbot.waitSignal(again.suggestion_saved, timeout=10_000):
        again.save()  # written on the store's worker
    _settled()
    assert len(store.suggestions()) == 1
    assert store.get_state(COACH) is None
    third = _coach(qtbot, store)
    assert third.change.text() == "" and third.draft.line.isHidden()


def test_a_coach_save_on_its_way_at_quit_is_not_offered_back_as_a_draft(qtbot, store):
    """Save pressed, then the app told to quit before the write was done: the quit kept
    the change as the coach's draft behind the save, and the next opening offered the
    saved change back, for a second Save to make it twice."""
    from mlcoach.domain.model import ChangeKind, Size

    store.add_person("Ana")
    window = _coach(qtbot, store)
    window.inputs.set_person("Ana")
    window.size_choice.button(Size.SMALL).click()
    window.kind_choice.button(ChangeKind.START).click()
    window.change.setText("share the agenda a day before")
    _draft_written(window)
    assert store.get_state(COACH) is not None
    window.save()  # on the worker ...
    window.keep_unsaved()  # ... and the quit's keep, with no event delivered between
    assert ops.settle()  # as the quit waits: the save's answer never reaches the window
    assert len(store.suggestions()) == 1
    assert store.get_state(COACH) is None
    again = _coach(qtbot, store)
    assert again.change.text() == "" and again.draft.line.isHidden()


def test_clearing_the_change_forgets_the_coach_draft(qtbot, store):
    window = _coach(qtbot, store)
    window.change.setText("use the wiki instead of email")
    _draft_written(window)
    assert store.get_state(COACH) is not None
    window.change.clear()
    _draft_written(window)
    assert store.get_state(COACH) is None


def test_deleting_the_person_the_coach_was_about_takes_its_draft(qtbot, store):
    store.add_person("Ana")
    store.add_person("Bo")
    window = _coach(qtbot, store)
    window.inputs.set_person("Ana")
    window.change.setText("stop cutting Bo off in reviews")
    _draft_written(window)
    store.delete_person("Bo")  # someone else: the draft stays
    assert store.get_state(COACH) is not None
    store.delete_person("Ana")
    assert store.get_state(COACH) is None


def _coach_about(qtbot, store: Store, name: str, change: str):  # type: ignore[no-untyped-def]
    """A coach window with `name` picked in Who and `change` typed, kept as the draft."""
    window = _coach(qtbot, store)
    window.inputs.set_person(name)
    window.change.setText(change)
    _draft_written(window)
    assert (store.get_state(COACH) or {}).get("values", {}).get("who") == name
    return window


def test_a_person_renamed_then_deleted_takes_the_coach_draft_about_them(qtbot, store):
    """The coach's draft about Ana, then Ana renamed Anna and deleted: the draft named
    "Ana", no one's name now, and outlived her with the words about her."""
    store.add_person("Ana")
    _coach_about(qtbot, store, "Ana", "stop cutting Bo off in reviews").hide()
    store.edit_person("Ana", new_name="Anna")
    store.delete_person("Anna")
    assert store.get_state(COACH) is None


def test_the_coach_draft_follows_its_person_renamed_or_merged(qtbot, store):
    """Brought back after Ana was renamed, Who said "Ana", no one saved: a Save made a
    second person of her. Likewise merged into someone under another name."""
    from mlcoach.domain.model import Style

    store.add_person("Ana")
    _coach_about(qtbot, store, "Ana", "stop cutting Bo off in reviews").hide()
    store.edit_person("Ana", new_name="Ana Kaya")
    again = _coach(qtbot, store)
    assert again.who.currentText() == "Ana Kaya"
    assert again.change.text() == "stop cutting Bo off in reviews"
    again.hide()
    store.add_person("Ana K.", Style.FACTS)
    store.merge_person("Ana Kaya", "Ana K.")
    third = _coach(qtbot, store)
    assert third.who.currentText() == "Ana K."
    assert third.effective_style() is Style.FACTS
    with qtbot.waitSignal(third.suggestion_saved, timeout=10_000):
        third.save()
    _settled()
    assert [p.name for p in store.people()] == ["Ana K."]
    assert store.suggestions()[0].person == "Ana K."


def test_the_coach_draft_written_after_an_unseen_rename_is_theirs(qtbot, store):
    """Ana renamed by the command line with the coach open on her (unseen), the change
    typed on and the app gone: the draft said "Ana", no one saved, and a Save made a
    second Ana."""
    ana = store.add_person("Ana")
    first = _coach_about(qtbot, store, "Ana'ya", "stop cutting Bo off")
    store.edit_person("Ana", new_name="Ana Kaya")
    qtbot.keyClicks(first.change, " in reviews")
    _draft_written(first)
    assert store.get_state(COACH)["values"]["who"] == "Ana'ya"  # as the window says
    first.hide()
    again = _coach(qtbot, store)
    assert again.who.currentText() == "Ana Kaya'ya"
    assert again.inputs.person_id() == ana.id
    assert again.change.text() == "stop cutting Bo off in reviews"


def test_the_coach_draft_typed_on_after_an_unseen_merge_is_kept(qtbot, store):
    """Priya S merged into Priya by the command line with the coach open on her
    (unseen), the change typed on: the draft was dropped as if she were deleted, and a
    crash then lost the change."""
    store.add_person("Priya S")
    kept = store.add_person("Priya")
    first = _coach_about(qtbot, store, "Priya S", "use the wiki")
    store.merge_person("Priya S", "Priya")
    assert store.get_state(COACH) is not None  # the merge keeps it, for Priya
    qtbot.keyClicks(first.change, " instead of email")
    _draft_written(first)
    assert (store.get_state(COACH) or {}).get("values", {}).get("change") == \
        "use the wiki instead of email"
    first.hide()
    again = _coach(qtbot, store)
    assert again.who.currentText() == "Priya" and again.inputs.person_id() == kept.id
    assert again.change.text() == "use the wiki instead of email"


def test_words_typed_about_someone_merged_away_are_offered_for_the_one_kept(qtbot, store):
    """Notes typed in Ana'ya's editor (not saved, the app gone), then Ana'ya merged into
    Ana: the merge dropped the draft, and the words with it."""
    store.add_person("Ana", notes="Prefers a call.")
    gone = store.add_person("Ana'ya", notes="Likes agendas.")
    first = _person_editor(qtbot, store, "Ana'ya")
    _type_at_end(qtbot, first.notes, " Ask before moving her 1:1.")
    _draft_written(first)
    first.done(0)
    store.merge_person("Ana'ya", "Ana")
    assert store.get_state(person_key(gone.id)) is None
    editor = _person_editor(qtbot, store, "Ana")
    assert editor.notes.toPlainText() == \
        "Prefers a call.\n\nLikes agendas. Ask before moving her 1:1."
    assert editor.name.text() == "Ana"
    assert editor.draft is not None and not editor.draft.line.isHidden()
    assert store.find_person("Ana").notes == "Prefers a call.\n\nLikes agendas."  # not saved
    editor.done(0)


def test_notes_saved_by_a_rename_onto_someone_else_are_not_offered_again(
        qtbot, store, monkeypatch):
    """Ana'ya's notes typed (kept as the draft), then her editor renamed her Ana and put
    the two together: the notes are saved, so Ana's editor offers nothing after."""
    from mlcoach.ui import person_merge

    store.add_person("Ana", notes="Prefers a call.")
    store.add_person("Ana'ya", notes="Likes agendas.")
    monkeypatch.setattr(person_merge, "confirmed", lambda *_a: True)
    editor = _person_editor(qtbot, store, "Ana'ya")
    panel = editor.parent()
    _type_at_end(qtbot, editor.notes, " Ask before moving her 1:1.")
    _draft_written(editor)
    editor.name.setText("Ana")
    editor.ok_button.click()
    qtbot.waitUntil(lambda: panel.editor() is None, timeout=10_000)
    _settled()
    ana = store.find_person("Ana")
    assert ana.notes == "Prefers a call.\n\nLikes agendas. Ask before moving her 1:1."
    assert store.get_state(person_key(ana.id)) is None
    again = _person_editor(qtbot, store, "Ana")
    assert again.notes.toPlainText() == ana.notes
    assert again.draft is not None and again.draft.line.isHidden()
    again.done(0)


def test_saving_someone_merged_meanwhile_says_into_whom(qtbot, store):
    """Ana'ya's editor open while `people merge` put her into Ana: Save said only
    'No person called "Ana'ya"'. It says where she went; the words stay as typed."""
    store.add_person("Ana")
    store.add_person("Ana'ya", notes="Likes agendas.")
    editor = _person_editor(qtbot, store, "Ana'ya")
    store.merge_person("Ana'ya", "Ana")
    _type_at_end(qtbot, editor.notes, " More.")
    editor.ok_button.click()
    qtbot.waitUntil(lambda: bool(editor.error_text()), timeout=10_000)
    assert "merged into Ana" in editor.error_text()
    assert editor.isVisible() and editor.notes.toPlainText() == "Likes agendas. More."
    editor.done(0)


def test_a_coach_save_for_someone_merged_meanwhile_is_saved_for_the_one_kept(qtbot, store):
    """Priya S picked in Who, then merged into Priya elsewhere (`people merge`, another
    window) with the coach open: Save said "Priya S was deleted meanwhile" and saved
    nothing, though she is Priya now."""
    from mlcoach.domain.model import ChangeKind

    store.add_person("Priya S")
    kept = store.add_person("Priya")
    window = _coach_about(qtbot, store, "Priya S", "use the wiki instead of email")
    window.kind_choice.button(ChangeKind.START).click()
    window.refresh_output()
    store.merge_person("Priya S", "Priya")  # another process: the window hears nothing
    with qtbot.waitSignal(window.suggestion_saved, timeout=10_000):
        window.save()
    _settled()
    [saved] = store.suggestions()
    assert saved.person == "Priya" and "deleted" not in window.status_text()
    assert "Priya S" not in saved.text and "Priya" in saved.text  # "With Priya"
    assert [p.id for p in store.people()] == [kept.id]
    assert window.who.currentText() == "Priya"  # the lists read again after the save


def test_a_merge_seen_by_the_coach_puts_the_one_kept_in_who(qtbot, store):
    """Merged in the People tab or History with the coach open: Who was emptied with
    "Priya S was deleted", though she is Priya now."""
    store.add_person("Priya S")
    store.add_person("Priya")
    window = _coach_about(qtbot, store, "Priya S", "use the wiki instead of email")
    store.merge_person("Priya S", "Priya")
    window.history_changed()  # as History tells it
    _settled()  # the people Who offers are read again on the store's worker
    assert window.who.currentText() == "Priya"
    assert "deleted" not in window.status_text()
    assert window.change.text() == "use the wiki instead of email"


def test_archiving_the_person_in_who_is_not_deleting_them(qtbot, store):
    """Archived in the People tab with the coach open: Who was emptied with "Ana was
    deleted", though she is only hidden from lists. Who stays; a Save is hers."""
    ana = store.add_person("Ana")
    window = _coach_about(qtbot, store, "Ana", "use the wiki instead of email")
    store.archive_person("Ana")
    window.history_changed()
    _settled()  # the people Who offers are read again on the store's worker
    assert window.who.currentText() == "Ana"
    assert "deleted" not in window.status_text()
    with qtbot.waitSignal(window.suggestion_saved, timeout=10_000):
        window.save()
    _settled()
    assert store.suggestions()[0].person == "Ana"
    assert [p.id for p in store.people(include_archived=True)] == [ana.id]


@pytest.mark.parametrize("reloaded", [False, True], ids=["as_it_was", "reopened"])
def test_typing_on_in_the_coach_after_its_person_was_deleted_keeps_no_draft(
        qtbot, store, reloaded):  # type: ignore[no-untyped-def]
    """Ana deleted (People, `people delete`) while the coach is about her: the change
    typed on must not be written down again with her name, as it was. Seen by the window
    (reopened), Who is emptied: the change is kept about no one."""
    store.add_person("Ana")
    window = _coach(qtbot, store)
    window.inputs.set_person("Ana")
    window.change.setText("stop cutting Bo off in reviews")
    window.draft.flush()
    drain()
    store.delete_person("Ana")
    assert store.get_state(COACH) is None
    if reloaded:
        window.present()  # the people list read again: Ana is no one saved now
        drain()
    qtbot.keyClicks(window.change, " and in planning")
    window.draft.flush()
    drain()
    kept = store.get_state(COACH)
    if reloaded:
        assert kept is not None and kept["values"]["who"] == ""
        assert kept["values"]["change"].endswith("and in planning")
    else:
        assert kept is None
    window.inputs.set_person("Bo")  # about someone else now: kept again
    window.draft.flush()
    drain()
    assert (store.get_state(COACH) or {}).get("values", {}).get("who") == "Bo"


# -- a real app told to quit ------------------------------------------------------------------

_READ_BACK = """
import json, os
from pathlib import Path
from mlcoach.security.keys import OSKeyring
from mlcoach.store.timeline import EntryKind
from mlcoach.store.edit_drafts import COACH, moment_key, person_key
from mlcoach.store.vault import Layout, open_store
o = open_store(Layout(Path(os.environ['MLCOACH_DATA_DIR'])), keys=OSKeyring())
s = o.store
[moment] = s.moments()
person = s.find_person('Ana')
print(json.dumps({'moment': moment.text, 'notes': person.notes,
                  'suggestions': len(s.suggestions()),
                  'moment_draft': s.get_state(moment_key(moment.id)),
                  'person_draft': s.get_state(person_key(person.id)),
                  'coach_draft': s.get_state(COACH)}))
o.store.close()
"""


@pytest.mark.slow
def test_sigterm_keeps_every_open_editors_words_as_drafts(cli_env, gate):  # type: ignore[no-untyped-def]
    """Logout (SIGTERM) with History's moment editor, the coach's change and the person
    editor typed in: the real app keeps each as its draft before it ends, and applies
    none of them."""
    import json

    from tests.ui.quit_child import EDITED_CHANGE, EDITED_MOMENT, EDITED_NOTES
    from tests.ui.test_app import START_DEADLINE, _wait_ready
    from tests.ui.test_quit_promptly import _ended, _env, _running

    env = dict(_env(cli_env, "--no-encryption"), MLCOACH_TEST_JOB="edit")
    for args in (("people", "add", "Ana"), ("capture", "Asked Bo about the release")):
        done = subprocess.run([sys.executable, "-m", "mlcoach", *args], env=env,
                              capture_output=True, text=True, timeout=START_DEADLINE)
        assert done.returncode == 0, done.stderr
    with _running(env, gate, "tests/ui/quit_child.py") as app:
        _wait_ready(app, "typed")
        app.send_signal(signal.SIGTERM)
        assert _ended(app) == 0
    read = subprocess.run([sys.executable, "-c", _READ_BACK], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=START_DEADLINE)
    assert read.returncode == 0, read.stderr
    kept = json.loads(read.stdout)
    assert (kept["moment"], kept["notes"], kept["suggestions"]) == (
        "Asked Bo about the release", "", 0)  # nothing applied unasked
    assert kept["moment_draft"]["values"]["text"] == "Asked Bo about the release" + EDITED_MOMENT
    assert kept["person_draft"]["values"]["notes"] == EDITED_NOTES
    assert kept["coach_draft"]["values"]["change"] == EDITED_CHANGE


def test_notes_merged_in_under_an_open_editor_are_kept_by_its_save(qtbot, store):
    """Ana's editor open while Ana'ya was merged into her (`people merge`, another
    window): Ana's notes gained Ana'ya's; notes typed in the editor and saved put the
    notes it had loaded back over them, and Ana'ya's were gone for good."""
    store.add_person("Ana", notes="Prefers a call.")
    store.add_person("Ana'ya", notes="Likes agendas.")
    editor = _person_editor(qtbot, store, "Ana")
    panel = editor.parent()
    store.merge_person("Ana'ya", "Ana")
    _type_at_end(qtbot, editor.notes, " Ask first.")
    editor.ok_button.click()
    qtbot.waitUntil(lambda: panel.editor() is None, timeout=10_000)
    _settled()
    assert store.find_person("Ana").notes == "Prefers a call. Ask first.\n\nLikes agendas."


def test_notes_saved_elsewhere_under_a_kept_draft_are_kept_when_it_comes_back(qtbot, store):
    """Notes typed in Bo's editor (the app then gone), and Bo's notes saved anew from the
    command line: brought back, the draft's notes showed without what was saved since,
    and Save put them over it."""
    bo = store.add_person("Bo", notes="Prefers a call.")
    first = _person_editor(qtbot, store, "Bo")
    _type_at_end(qtbot, first.notes, " Ask first.")
    _draft_written(first)
    first.hide()  # gone with the app
    store.edit_person("Bo", notes="Prefers a call. Hates Mondays.")
    again = _person_editor(qtbot, store, "Bo")
    assert again.notes.toPlainText() == "Prefers a call. Ask first. Hates Mondays."
    assert again.draft is not None and not again.draft.line.isHidden()
    again.accept()
    qtbot.waitUntil(lambda: not shiboken6.isValid(again), timeout=10_000)
    _settled()
    assert store.find_person("Bo").notes == "Prefers a call. Ask first. Hates Mondays."
    assert store.get_state(person_key(bo.id)) is None
    first.done(0)


def test_words_typed_about_someone_merged_in_survive_an_editor_open_since_before(
        qtbot, store):
    """Notes typed in Ana'ya's editor (the app then gone), and Ana's editor open while
    Ana'ya was merged into her: the merge offered Ana'ya's words in Ana's draft, and
    the next pause in Ana's editor wrote over them; its Save forgot them. They stay,
    offered in Ana's editor next time."""
    ana = store.add_person("Ana", notes="Prefers a call.")
    store.add_person("Ana'ya", notes="Likes agendas.")
    gone = _person_editor(qtbot, store, "Ana'ya")
    _type_at_end(qtbot, gone.notes, " Ask before moving her 1:1.")
    _draft_written(gone)
    gone.done(0)
    editor = _person_editor(qtbot, store, "Ana")  # open since before the merge
    store.merge_person("Ana'ya", "Ana")
    _typed_and_saved(qtbot, editor, " Call first.")
    assert store.find_person("Ana").notes == "Prefers a call. Call first.\n\nLikes agendas."
    again = _person_editor(qtbot, store, "Ana")
    assert again.notes.toPlainText() == \
        "Prefers a call. Call first.\n\nLikes agendas. Ask before moving her 1:1."
    assert again.draft is not None and not again.draft.line.isHidden()
    again.accept()
    qtbot.waitUntil(lambda: not shiboken6.isValid(again), timeout=10_000)
    _settled()
    assert store.find_person("Ana").notes.endswith("Likes agendas. Ask before moving her 1:1.")
    assert store.get_state(person_key(ana.id)) is None  # shown and saved: nothing left


def test_words_a_second_merge_carried_survive_an_editor_showing_the_first_ones(qtbot, store):
    """Ana's editor brought back the words typed about Ana'ya, merged into her; while it
    was open, Ana K (her own typed notes kept as a draft) was merged into her too. The
    editor's next pause and its Save took Ana K's typed words with the first ones: gone."""
    ana = store.add_person("Ana", notes="Prefers a call.")
    store.add_person("Ana'ya", notes="Likes agendas.")
    store.add_person("Ana K", notes="Works Tuesdays.")
    for name, words in (("Ana'ya", " Ask before moving her 1:1."), ("Ana K", " Back in May.")):
        gone = _person_editor(qtbot, store, name)
        _type_at_end(qtbot, gone.notes, words)
        _draft_written(gone)
        gone.done(0)  # the app gone: the words stay as the draft
    store.merge_person("Ana'ya", "Ana")
    editor = _person_editor(qtbot, store, "Ana")
    assert "Ask before moving her 1:1." in editor.notes.toPlainText()  # brought back
    store.merge_person("Ana K", "Ana")
    _typed_and_saved(qtbot, editor, " Call first.")
    saved = store.find_person("Ana").notes
    assert "Ask before moving her 1:1. Call first." in saved and "Works Tuesdays." in saved
    again = _person_editor(qtbot, store, "Ana")
    assert "Works Tuesdays. Back in May." in again.notes.toPlainText()
    assert again.draft is not None and not again.draft.line.isHidden()
    again.done(0)
    assert store.get_state(person_key(ana.id)) is not None
