"""History & insights window: lazy timeline, search, filters, edit, delete with undo, charts."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFontMetrics, QHelpEvent, QPalette
from PySide6.QtWidgets import QApplication, QToolTip

from mlcoach.coaching.content import load_builtin
from mlcoach.coaching.weekly import STATE_KEY
from mlcoach.domain.model import Kind, Outcome, Response
from mlcoach.store.core import Store
from mlcoach.store.timeline import EntryKind, Timeline, TimelineFilter
from mlcoach.ui import ops
from mlcoach.ui.charts.axis import LineChart, StackedBarChart
from mlcoach.ui.charts.base import series_colour
from mlcoach.ui.charts.calendar import CalendarChart
from mlcoach.ui.history.model import TimelineModel, visible_line
from mlcoach.ui.history.window import HistoryWindow
from mlcoach.ui.widgets import message_box
from tests.ui.conftest import NOW, TZ, today_at

pytestmark = pytest.mark.gui



def open_window(qtbot, store: Store, now: datetime = NOW) -> HistoryWindow:  # type: ignore[no-untyped-def]
    window = HistoryWindow(store, clock=lambda: now, tz=TZ)
    qtbot.addWidget(window)
    window.present()
    qtbot.waitExposed(window)
    settle(qtbot, window)
    return window


def settle(qtbot, window: HistoryWindow) -> None:  # type: ignore[no-untyped-def]
    """Wait until the worker has nothing left and its results have arrived."""
    def idle() -> bool:
        QApplication.processEvents()
        return (ops.pool().activeThreadCount() == 0 and not ops._live
                and not window.timeline.model.loading() and not window.insights.loading())
    qtbot.waitUntil(idle, timeout=10_000)


@pytest.fixture(autouse=True)
def _drain_worker() -> Iterator[None]:
    yield
    ops.pool().waitForDone(10_000)


def texts(window: HistoryWindow) -> list[str]:
    return [e.text for e in window.timeline.model.entries()]


@pytest.fixture
def some(store: Store) -> Store:
    event = store.record_prompt_shown("recognition-01", "recognition", at=today_at(9))
    store.record_response(event.id, Response.DONE, at=today_at(9, 5))
    store.add_moment("Thanked Ana for the release notes", Kind.RECOGNITION, person="Ana",
                     tags=["release"], created_at=today_at(10), prompt_event_id=event.id)
    store.add_moment("Asked Bo how the agenda would work", Kind.QUESTION, person="Bo",
                     created_at=today_at(11), outcome=Outcome.FOLLOWED)
    store.add_moment("Left on time and said so", Kind.EXAMPLE, created_at=today_at(16))
    store.save_reflection(NOW.date() - timedelta(days=1), energy=4,
                          went_well="The agenda helped", at=today_at(18, days_ago=1))
    return store


# -- timeline ---------------------------------------------------------------------------------


def test_timeline_shows_everything_newest_first(qtbot, some: Store) -> None:
    window = open_window(qtbot, some)
    title = next(p for p in load_builtin() if p.id == "recognition-01").texts["en"].text
    assert texts(window) == [
        "Left on time and said so", "Asked Bo how the agenda would work",
        "Thanked Ana for the release notes", title, "The agenda helped",
    ]
    model = window.timeline.model
    assert model.entries()[3].kind is EntryKind.PROMPT
    assert model.index(3, TimelineModel.WHAT).data() == "Prompt · Done"
    assert model.index(2, TimelineModel.PERSON).data() == "Ana"
    assert model.index(2, TimelineModel.TAGS).data() == "#release"
    assert model.index(1, TimelineModel.OUTCOME).data() == "Followed"
    assert model.index(0, TimelineModel.WHEN).data().endswith("16:00")
    assert window.timeline.status.text() == "5 entries"
    assert window.timeline.view.accessibleName()


def test_rows_are_fetched_page_by_page_as_the_view_scrolls(qtbot, store: Store) -> None:
    for i in range(45):
        store.add_moment(f"moment {i}", created_at=today_at(8) - timedelta(hours=i))
    window = HistoryWindow(store, clock=lambda: NOW, tz=TZ)
    qtbot.addWidget(window)
    window.resize(700, 300)  # a few rows visible: the view does not ask for more on its own
    window.timeline.model.page_size = 20
    window.present()
    settle(qtbot, window)
    model, view = window.timeline.model, window.timeline.view
    assert model.rowCount() == 20 and model.canFetchMore()
    while not model.exhausted():
        view.scrollToBottom()
        QApplication.processEvents()
        settle(qtbot, window)
        if model.canFetchMore():
            model.fetchMore()
            settle(qtbot, window)
    assert texts(window) == [f"moment {i}" for i in range(45)]
    assert window.timeline.status.text() == "45 entries"


def test_search_marks_matches_and_offers_both_orders(qtbot, some: Store) -> None:
    window = open_window(qtbot, some)
    tab = window.timeline
    assert not tab.filter_bar.order.isEnabled()
    qtbot.keyClicks(tab.filter_bar.search, "agend")
    qtbot.waitUntil(lambda: tab.model.filters().query == "agend", timeout=3000)
    settle(qtbot, window)
    assert sorted(texts(window)) == ["Asked Bo how the agenda would work", "The agenda helped"]
    assert tab.filter_bar.order.isEnabled() and tab.filter_bar.order.currentText() == "Best match"
    line, spans = tab.model.line(0)
    assert [line[a:b] for a, b in spans] == ["agenda"]
    tab.filter_bar.order.setCurrentIndex(1)
    settle(qtbot, window)
    assert texts(window) == ["Asked Bo how the agenda would work", "The agenda helped"]
    tab.filter_bar.search.clear()
    tab.apply_filters()
    settle(qtbot, window)
    assert len(texts(window)) == 5


def test_a_moment_is_found_by_its_tag_and_the_tag_is_marked(qtbot, store: Store) -> None:
    """A capture takes "#oncall" out of the text: the search finds the moment by its tag,
    and marks the tag where the row shows it."""
    store.add_moment("Fixed the pager rota", Kind.SUPPORT, tags=["oncall", "docs"],
                     created_at=today_at(10))
    store.add_moment("Asked Bo about the oncall notes", created_at=today_at(11))
    store.add_moment("Left on time", created_at=today_at(12))
    window = open_window(qtbot, store)
    tab = window.timeline
    tab.filter_bar.search.setText("oncall")
    tab.apply_filters()
    settle(qtbot, window)
    assert sorted(texts(window)) == ["Asked Bo about the oncall notes", "Fixed the pager rota"]
    row = texts(window).index("Fixed the pager rota")
    line, spans = tab.model.line(row, column=TimelineModel.TAGS)
    assert line == "#oncall #docs" and [line[a:b] for a, b in spans] == ["oncall"]
    assert tab.model.line(row)[1] == []  # nothing in its text to mark
    assert tab.view.itemDelegateForColumn(TimelineModel.TAGS) is not None


def test_a_moment_is_found_by_its_person_and_the_name_is_marked(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    """A moment with Ayşe whose words do not name her is found by her name (0014), and
    her name is marked where the row shows it."""
    store.add_moment("Gave the demo without notes", Kind.RECOGNITION, person="Ayşe Işık",
                     created_at=today_at(10))
    store.add_moment("Left on time", created_at=today_at(11))
    window = open_window(qtbot, store)
    tab = window.timeline
    tab.filter_bar.search.setText("isik")
    tab.apply_filters()
    settle(qtbot, window)
    assert texts(window) == ["Gave the demo without notes"]
    line, spans = tab.model.line(0, column=TimelineModel.PERSON)
    assert line == "Ayşe Işık" and [line[a:b] for a, b in spans] == ["Işık"]
    assert tab.model.line(0)[1] == []
    assert tab.view.itemDelegateForColumn(TimelineModel.PERSON) is not None


def test_a_match_is_shown_in_context_and_from_the_start_when_it_fits(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    text = ("Asked the whole platform team, one by one after the long retro, what we would "
            "change about the sprint demo")
    store.add_moment(text, created_at=today_at(10))
    window = open_window(qtbot, store)
    tab = window.timeline
    tab.filter_bar.search.setText("demo")
    tab.apply_filters()
    settle(qtbot, window)
    font = tab.view.font()
    wide = QFontMetrics(font).horizontalAdvance(text) * 1.2
    line, spans = visible_line(tab.model, 0, font, wide)
    assert line == text and [line[a:b] for a, b in spans] == ["demo"]
    line, spans = visible_line(tab.model, 0, font, 200)
    assert line.startswith("…") and line.endswith("sprint demo")
    assert [line[a:b] for a, b in spans] == ["demo"]


def test_people_notes_matches_offer_a_person_filter(qtbot, some: Store) -> None:
    some.edit_person("Bo", notes="Nervous before demos")
    window = open_window(qtbot, some)
    tab = window.timeline
    tab.filter_bar.search.setText("nervous")
    tab.apply_filters()
    settle(qtbot, window)
    hits = tab.filter_bar.people_hits
    assert hits.isVisibleTo(window) and "Bo" in hits.text()
    tab.filter_bar.people_hits.linkActivated.emit("0")
    settle(qtbot, window)
    assert tab.filter_bar.search.text() == "" and tab.filter_bar.person_box.currentText() == "Bo"
    assert texts(window) == ["Asked Bo how the agenda would work"]


def test_a_person_matching_who_is_not_on_the_list_yet_is_chosen_once_read(
        qtbot, some: Store) -> None:
    """Cem added with notes and a moment after History opened (another window, the
    command line): his link is followed by reading the person list again, then he is
    chosen and the timeline shows his moments alone, the search cleared."""
    window = open_window(qtbot, some)
    tab = window.timeline
    people = tab.filter_bar.person_box
    assert people.findText("Cem") < 0
    some.add_person("Cem", notes="Nervous before demos")
    some.add_moment("Walked Cem through the demo script", Kind.QUESTION, person="Cem",
                    created_at=today_at(12))
    tab.filter_bar.search.setText("nervous")
    tab.apply_filters()
    settle(qtbot, window)
    assert "Cem" in tab.filter_bar.people_hits.text()
    tab.filter_bar.people_hits.linkActivated.emit("0")
    settle(qtbot, window)
    assert tab.filter_bar.search.text() == ""
    assert people.currentText() == "Cem"
    assert texts(window) == ["Walked Cem through the demo script"]


def test_filters(qtbot, some: Store) -> None:
    window = open_window(qtbot, some)
    tab = window.timeline
    people = tab.filter_bar.person_box
    assert [people.itemText(i) for i in range(people.count())] == [
        "Anyone", "Ana", "Bo"]
    tab.filter_bar.kind_box.setCurrentIndex(tab.filter_bar.kind_box.findData(Kind.EXAMPLE.value))
    settle(qtbot, window)
    assert texts(window) == ["Left on time and said so"]
    tab.filter_bar.clear()
    tab.filter_bar.tag_box.setCurrentIndex(tab.filter_bar.tag_box.findData("release"))
    settle(qtbot, window)
    assert texts(window) == ["Thanked Ana for the release notes"]
    tab.filter_bar.clear()
    tab.filter_bar.show_box.setCurrentIndex(tab.filter_bar.show_box.findData(EntryKind.REFLECTION.value))
    settle(qtbot, window)
    assert texts(window) == ["The agenda helped"]
    tab.filter_bar.clear()
    tab.filter_bar.theme_box.setCurrentIndex(tab.filter_bar.theme_box.findData("recognition"))
    settle(qtbot, window)
    assert [e.kind for e in tab.model.entries()] == [EntryKind.MOMENT, EntryKind.PROMPT]
    tab.filter_bar.clear()
    tab.filter_bar.date_box.setCurrentIndex(tab.filter_bar.date_box.findData("custom"))
    assert tab.filter_bar.since_edit.isVisibleTo(window)
    tab.filter_bar.since_edit.setDate(tab.filter_bar.until_edit.date())
    settle(qtbot, window)
    assert len(texts(window)) == 4  # today only: not yesterday's reflection
    tab.filter_bar.outcome_box.setCurrentIndex(tab.filter_bar.outcome_box.findData(Outcome.FOLLOWED.value))
    settle(qtbot, window)
    assert texts(window) == ["Asked Bo how the agenda would work"]
    tab.filter_bar.person_box.setCurrentIndex(tab.filter_bar.person_box.findText("Ana"))
    settle(qtbot, window)
    assert texts(window) == []
    assert tab.status.text() == "Nothing matches."


def test_edit_a_moment_in_place(qtbot, some: Store) -> None:
    window = open_window(qtbot, some)
    tab = window.timeline
    tab.view.selectRow(2)
    tab.edit_selected()
    editor = tab.editor()
    assert editor is not None and editor.text.toPlainText() == "Thanked Ana for the release notes"
    editor.text.setPlainText("Thanked Ana warmly for the release notes")
    editor.kind.setCurrentIndex(editor.kind.findData(Kind.SUPPORT.value))
    editor.outcome.setCurrentIndex(editor.outcome.findData(Outcome.NOT_YET.value))
    editor.accept()
    settle(qtbot, window)
    entry = tab.model.entry(2)
    assert entry is not None and entry.text == "Thanked Ana warmly for the release notes"
    assert entry.moment_kind is Kind.SUPPORT and entry.outcome is Outcome.NOT_YET
    saved = some.get_moment(entry.id)
    assert saved is not None and saved.text == entry.text and saved.tags == ("release",)


def test_empty_text_is_refused_by_the_editor(qtbot, some: Store) -> None:
    window = open_window(qtbot, some)
    window.timeline.edit_row(0)
    editor = window.timeline.editor()
    assert editor is not None
    editor.text.setPlainText("   ")
    editor.accept()
    assert editor.isVisible() and editor.error.text()


def test_closing_the_editor_asks_before_changed_words_are_dropped(
        qtbot, some: Store, expect_dialog) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    window = open_window(qtbot, some)
    window.timeline.edit_row(0)
    editor = window.timeline.editor()
    assert editor is not None
    original = editor.text.toPlainText()
    editor.reject()  # nothing changed: closes without a question
    assert not editor.isVisible()
    window.timeline.edit_row(0)
    editor = window.timeline.editor()
    assert editor is not None
    editor.text.setPlainText(original + " and she agreed to lead the retro")
    asked = expect_dialog.expect(message_box, "question", QMessageBox.StandardButton.Cancel,
                                 QMessageBox.StandardButton.Discard)
    editor.reject()  # Esc, Cancel or the close button
    assert len(asked) == 1 and editor.isVisible()
    # the question is in the message itself: GNOME shows attached dialogs without a title
    assert "Discard your changes?" in str(asked[0][2])
    assert editor.text.toPlainText().endswith("lead the retro")
    editor.reject()
    assert len(asked) == 2 and not editor.isVisible()
    first = window.timeline.model.entry(0)
    assert first is not None and some.get_moment(first.id).text == original


def test_only_moments_open_the_editor(qtbot, some: Store) -> None:
    window = open_window(qtbot, some)
    window.timeline.edit_row(3)  # the prompt
    assert window.timeline.editor() is None


def test_delete_and_undo(qtbot, some: Store) -> None:
    window = open_window(qtbot, some)
    tab = window.timeline
    gone = tab.model.entry(1)
    assert gone is not None
    tab.view.setFocus()
    tab.view.selectRow(1)
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    settle(qtbot, window)
    assert gone.text not in texts(window)
    assert some.get_moment(gone.id) is None
    assert tab.undo_bar.isVisibleTo(window) and "agenda" in tab.undo_label.text()
    qtbot.keyClick(tab.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert texts(window)[1] == gone.text
    restored = some.get_moment(gone.id)
    assert restored is not None and restored.outcome is Outcome.FOLLOWED
    assert not tab.undo_bar.isVisibleTo(window)


def test_a_moment_deleted_in_history_leaves_no_words_in_the_files(qtbot, some: Store,  # type: ignore[no-untyped-def]
                                                                 opened) -> None:
    """History keeps a connection open for its life: a moment deleted there stayed in
    the -wal's frames (readable with the key) until the window closed."""
    from tests.reliability.forensics import readable_bytes

    window = open_window(qtbot, some)
    tab = window.timeline
    gone = tab.model.entry(1)
    assert gone is not None and gone.text == "Asked Bo how the agenda would work"
    tab.view.setFocus()
    tab.view.selectRow(1)
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    settle(qtbot, window)
    assert some.get_moment(gone.id) is None
    kept = tab.timeline._kept  # the window's own connection, still open
    assert kept is not None and kept.is_open
    data = readable_bytes(opened.layout.db, opened.secret.raw_key)
    assert b"how the agenda would" not in data


def test_the_keypads_enter_opens_a_moment_and_shift_f10_its_menu(qtbot, some: Store,  # type: ignore[no-untyped-def]
                                                                 monkeypatch) -> None:
    """Return opened the editor but the keypad's Enter did not; the row's menu opened
    only with a Menu key, which most laptops lack."""
    from PySide6.QtWidgets import QMenu

    window = open_window(qtbot, some)
    tab = window.timeline
    popped: list[list[str]] = []
    monkeypatch.setattr(QMenu, "popup", lambda menu, *_a: popped.append(
        [a.text() for a in menu.actions()]))
    tab.view.setFocus()
    tab.view.setCurrentIndex(tab.model.index(1, 0))
    qtbot.keyClick(tab.view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    assert popped and "&Copy text" in popped[0]
    qtbot.keyClick(tab.view, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    editor = tab.editor()
    assert editor is not None and editor.isVisible()
    editor.done(0)


def test_copy_text_is_kept_by_no_clipboard_manager(qtbot, some: Store,  # type: ignore[no-untyped-def]
                                                   monkeypatch) -> None:
    """A moment copied from History went to the clipboard unmarked: Klipper and GNOME's
    clipboard extensions kept it in their history files, KDE Connect sent it to phones."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMenu

    window = open_window(qtbot, some)
    tab = window.timeline
    menus: list[QMenu] = []
    monkeypatch.setattr(QMenu, "popup", lambda menu, *_a: menus.append(menu))
    tab.view.setFocus()
    tab.view.setCurrentIndex(tab.model.index(0, 0))
    qtbot.keyClick(tab.view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    entry = tab.model.entry(0)
    assert menus and entry is not None
    next(a for a in menus[0].actions() if a.text() == "&Copy text").trigger()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text() == entry.text
    assert bytes(mime.data("x-kde-passwordManagerHint").data()) == b"secret"


def _copy_row(qtbot, tab, row: int, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Copy `row`'s text with its menu's "Copy text", as a user does."""
    from PySide6.QtWidgets import QMenu

    menus: list[QMenu] = []
    monkeypatch.setattr(QMenu, "popup", lambda menu, *_a: menus.append(menu))
    tab.view.setFocus()
    tab.view.setCurrentIndex(tab.model.index(row, 0))
    qtbot.keyClick(tab.view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    next(a for a in menus[-1].actions() if a.text() == "&Copy text").trigger()


def _row_of(tab, text: str) -> int:  # type: ignore[no-untyped-def]
    return next(r for r in range(tab.model.rowCount())
                if (e := tab.model.entry(r)) is not None and e.text == text)


def test_deleting_a_copied_moment_takes_its_words_off_the_clipboard(
        qtbot, some: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """"Copy text", then Delete: the clipboard still held the deleted words, to be pasted
    anywhere after the user deleted them."""
    from PySide6.QtGui import QGuiApplication

    window = open_window(qtbot, some)
    tab = window.timeline
    _copy_row(qtbot, tab, _row_of(tab, "Asked Bo how the agenda would work"), monkeypatch)
    assert QGuiApplication.clipboard().text() == "Asked Bo how the agenda would work"
    tab.delete_row(_row_of(tab, "Asked Bo how the agenda would work"))
    settle(qtbot, window)
    assert QGuiApplication.clipboard().text() == ""
    tab.undo_delete()  # undo puts the moment back; the clipboard stays empty
    settle(qtbot, window)
    assert some.get_moment(tab.model.entry(_row_of(tab, "Asked Bo how the agenda would work")
                                          ).id) is not None


def test_deleting_a_moment_leaves_a_clipboard_that_holds_something_else(
        qtbot, some: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Another moment copied, or the user's own copy made since, stays to be pasted."""
    from PySide6.QtGui import QGuiApplication

    window = open_window(qtbot, some)
    tab = window.timeline
    _copy_row(qtbot, tab, _row_of(tab, "Thanked Ana for the release notes"), monkeypatch)
    tab.delete_row(_row_of(tab, "Asked Bo how the agenda would work"))
    settle(qtbot, window)
    assert QGuiApplication.clipboard().text() == "Thanked Ana for the release notes"
    _copy_row(qtbot, tab, _row_of(tab, "Thanked Ana for the release notes"), monkeypatch)
    QGuiApplication.clipboard().setText("copied from the user's editor")
    tab.delete_row(_row_of(tab, "Thanked Ana for the release notes"))
    settle(qtbot, window)
    assert QGuiApplication.clipboard().text() == "copied from the user's editor"


def test_a_days_reflection_is_deleted_whole_from_its_menu(
        qtbot, some: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A reflection could only be emptied (its energy stayed, the day stayed listed);
    its row's menu now deletes it, once asked, and a copy of its answers goes too."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMenu

    window = open_window(qtbot, some)
    tab = window.timeline
    changed: list[int] = []
    tab.entries_changed.connect(lambda: changed.append(1))
    day = NOW.date() - timedelta(days=1)
    row = _row_of(tab, "The agenda helped")
    _copy_row(qtbot, tab, row, monkeypatch)
    assert QGuiApplication.clipboard().text() == "The agenda helped"
    answers = iter([False, True])
    monkeypatch.setattr(tab, "confirm_reflection_delete", lambda: next(answers))
    menus: list[QMenu] = []
    monkeypatch.setattr(QMenu, "popup", lambda menu, *_a: menus.append(menu))
    tab.view.setCurrentIndex(tab.model.index(row, 0))
    qtbot.keyClick(tab.view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    next(a for a in menus[-1].actions() if a.text() == "&Delete…").trigger()  # cancelled
    settle(qtbot, window)
    assert some.reflection(day) is not None and "The agenda helped" in texts(window)
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)  # the Delete key asks the same
    settle(qtbot, window)
    assert some.reflection(day) is None
    assert "The agenda helped" not in texts(window)
    assert QGuiApplication.clipboard().text() == ""
    assert tab.status.text() == "The reflection was deleted."
    assert changed  # the open reflection and the cards follow (app_windows)


@pytest.mark.parametrize("draft_days_ago", [1, 2])
def test_a_deleted_reflections_words_do_not_come_back_from_its_draft(
        qtbot, some: Store, monkeypatch, draft_days_ago: int) -> None:  # type: ignore[no-untyped-def]
    """Quitting with the reflection open saves it and leaves its draft (older, so ignored
    later); deleted in History, the next opening found no reflection for the draft and
    kept it as that day's again: the deleted words were back. A draft of another day is
    not this deletion's to drop."""
    from mlcoach.ui.reflection_draft import KEY, ReflectionDraft, from_json

    day = NOW.date() - timedelta(days=1)
    draft_day = NOW.date() - timedelta(days=draft_days_ago)
    some.set_state(KEY, ReflectionDraft(draft_day, (3, "Private words", "", ""),
                                        NOW - timedelta(days=1)).to_json())
    window = open_window(qtbot, some)
    tab = window.timeline
    monkeypatch.setattr(tab, "confirm_reflection_delete", lambda: True)
    tab.delete_reflection_row(_row_of(tab, "The agenda helped"))
    settle(qtbot, window)
    assert some.reflection(day) is None
    left = from_json(some.get_state(KEY))
    assert (left is not None) == (draft_day != day)


def test_deleting_a_reflection_asks_first_and_cancel_is_the_default(
        qtbot, some: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialog, QMessageBox

    window = open_window(qtbot, some)
    tab = window.timeline
    asked: list[tuple[str, str, str]] = []

    def shown(box: QMessageBox) -> int:  # as Return or Escape would: the default, Cancel
        asked.append((box.text(), box.defaultButton().text(), box.escapeButton().text()))
        return 0

    for owner in (QDialog, QMessageBox):
        monkeypatch.setattr(owner, "exec", shown)
    tab.delete_reflection_row(_row_of(tab, "The agenda helped"))
    settle(qtbot, window)
    assert asked == [("Its answers and energy go for good.", "Cancel", "Cancel")]
    assert some.reflection(NOW.date() - timedelta(days=1)) is not None


def test_outcome_from_the_list(qtbot, some: Store) -> None:
    window = open_window(qtbot, some)
    tab = window.timeline
    entry = tab.model.entry(0)
    assert entry is not None
    tab.set_outcome(0, Outcome.DECLINED)
    settle(qtbot, window)
    assert tab.model.index(0, TimelineModel.OUTCOME).data() == "Declined"
    saved = some.get_moment(entry.id)
    assert saved is not None and saved.outcome is Outcome.DECLINED


def test_people_tab_reads_the_store_only_when_shown(qtbot, some: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls: list[int] = []
    real = some.last_interactions
    monkeypatch.setattr(some, "last_interactions", lambda: calls.append(1) or real())
    window = open_window(qtbot, some)  # ten years of people history is not read at open
    assert calls == [] and window.people is None
    window.show_people()
    settle(qtbot, window)  # the list is read on the store's worker
    assert window.people is not None and window.people.isVisible()
    assert {"Ana", "Bo"} <= set(window.people.people_names())  # type: ignore[attr-defined]
    assert calls == [1]
    window.present()  # on show: refreshed
    settle(qtbot, window)
    assert calls == [1, 1]
    window.tabs.setCurrentWidget(window.timeline)
    window.present()  # not on show: left alone until it is
    settle(qtbot, window)
    assert calls == [1, 1]


# -- insights -----------------------------------------------------------------------------------


def test_insights_charts_and_tables_agree_with_the_store(qtbot, some: Store) -> None:
    window = open_window(qtbot, some)
    window.show_insights()
    settle(qtbot, window)
    tab = window.insights
    assert tab.data is not None
    weeks = tab.weeks.table_rows()
    assert sum(int(r[1]) for r in weeks) == 3
    assert weeks[-1][0] == "9 Jun 2025" and weeks[-1][1] == "3"
    ratio = tab.ratio.table_rows()
    assert ratio[-1][1:] == ["1", "1", "100%"]
    themes = {r[0]: r[1:] for r in tab.themes.table_rows()}
    assert themes["Recognizing small wins"] == ["1", "1"]
    assert tab.energy.table_rows() == [["9 Jun 2025", "4.0", "1"]]
    calendar = tab.calendar.table_rows()
    assert [r[1:] for r in calendar] == [["0", "yes"], ["3", ""]]
    assert sum(int(r[1]) for r in calendar) == 3
    for card in tab.cards():
        assert card.chart.accessibleName() and card.toggle.accessibleName()
        assert card.summary.text()
    tab.weeks.toggle.click()
    assert tab.weeks.stack.currentWidget() is tab.weeks.table
    tab.weeks.toggle.click()
    assert tab.weeks.stack.currentWidget() is tab.weeks.chart


def test_insights_say_one_of_a_thing_without_a_plural(qtbot, store: Store) -> None:
    """"1 moments in the last 12 weeks", "from 1 reflections", "Current streak: 1
    workdays", "of 1 prompts shown"."""
    event = store.record_prompt_shown("recognition-01", "recognition", at=today_at(9))
    store.record_response(event.id, Response.DONE, at=today_at(9, 5))
    store.add_moment("Thanked Ana for the release notes", Kind.RECOGNITION,
                     created_at=today_at(10), prompt_event_id=event.id)
    store.save_reflection(NOW.date(), energy=4, went_well="Calm", at=today_at(18))
    window = open_window(qtbot, store)
    window.show_insights()
    settle(qtbot, window)
    tab = window.insights
    assert tab.weeks.summary.text().startswith("1 moment in the last ")
    assert tab.calendar.summary.text().startswith("Current streak: 1 workday · ")
    energy = [tab.energy.chart.item_tip(i) for i in range(60)]
    assert any(t.endswith("on average from 1 reflection") for t in energy), energy
    themes = [tab.themes.chart.item_tip(i) for i in range(20)]
    assert any(t.endswith("acted on 1 of 1 prompt shown") for t in themes), themes


def test_charts_show_exact_numbers_on_hover_and_keys(qtbot, some: Store) -> None:
    window = open_window(qtbot, some)
    window.resize(1100, 1200)
    window.show_insights()
    settle(qtbot, window)
    chart = window.insights.weeks.chart
    assert isinstance(chart, StackedBarChart)
    chart.grab()  # lays the chart out
    last = chart.item_count() - 1
    centre = chart.item_rect(last).center()
    event = QHelpEvent(QEvent.Type.ToolTip, centre.toPoint(), chart.mapToGlobal(
        centre.toPoint()))
    QApplication.sendEvent(chart, event)
    assert QToolTip.text() == "Week of 9 Jun 2025: 3 moments\nExample 1, Recognition 1, Question 1"
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_End)
    assert chart.hovered() == last and "3 moments" in chart.accessibleDescription()
    qtbot.keyClick(chart, Qt.Key.Key_Left)
    assert chart.hovered() == last - 1
    calendar = window.insights.calendar.chart
    assert isinstance(calendar, CalendarChart)
    calendar.grab()
    index = calendar.item_at(calendar.item_rect(calendar.item_count() - 1).center())
    assert index == calendar.item_count() - 1
    assert calendar.item_tip(index) == "Thu 12 Jun 2025: 3 moments"
    assert calendar.item_tip(index - 1) == "Wed 11 Jun 2025: reflection written"
    assert calendar.item_tip(index - 2) == "Tue 10 Jun 2025: nothing captured"


def test_empty_store_says_so(qtbot, store: Store) -> None:
    window = open_window(qtbot, store)
    assert "Nothing here yet" in window.timeline.status.text()
    window.show_insights()
    settle(qtbot, window)
    assert window.insights.ratio.summary.text() == "No outcomes recorded yet."
    line = window.insights.ratio.chart
    assert isinstance(line, LineChart) and line.item_count() == 0


def test_weekly_review_accept_sets_the_focus(qtbot, some: Store) -> None:
    monday = datetime(2025, 6, 16, 9, 0, tzinfo=TZ)
    window = open_window(qtbot, some, now=monday)
    window.show_insights()
    settle(qtbot, window)
    banner = window.insights.banner
    assert banner.isVisibleTo(window) and banner.review is not None
    assert "3 moments" in banner.text.text()
    theme = banner.review.suggested_theme
    with qtbot.waitSignal(window.focus_accepted, timeout=5000) as signal:
        banner.accept_button.click()
    assert signal.args == [theme]
    settings = some.settings()
    assert settings.focus_themes == (theme,) and settings.focus_until == date(2025, 6, 22)
    assert some.get_state(STATE_KEY) == "2025-06-16"
    assert not banner.accept_button.isVisibleTo(window) and "Focus set" in banner.text.text()


def test_weekly_review_says_1_small_win_not_wins(qtbot, some: Store) -> None:
    window = open_window(qtbot, some, now=datetime(2025, 6, 16, 9, 0, tzinfo=TZ))
    window.show_insights()
    settle(qtbot, window)
    assert "Last week: 3 moments, 1 small win." in window.insights.banner.text.text()


def test_weekly_review_dismissed_stays_away(qtbot, some: Store) -> None:
    monday = datetime(2025, 6, 16, 9, 0, tzinfo=TZ)
    window = open_window(qtbot, some, now=monday)
    window.show_insights()
    settle(qtbot, window)
    window.insights.banner.dismiss_button.click()
    settle(qtbot, window)
    assert some.get_state(STATE_KEY) == "2025-06-16"
    window.present()
    settle(qtbot, window)
    assert not window.insights.banner.isVisibleTo(window)


def test_weekly_review_stays_away_when_switched_off(qtbot, some: Store) -> None:
    some.save_settings(replace(some.settings(), weekly_review=False))
    monday = datetime(2025, 6, 16, 9, 0, tzinfo=TZ)
    window = open_window(qtbot, some, now=monday)
    window.show_insights()
    settle(qtbot, window)
    assert window.insights.data is not None  # the charts loaded
    assert not window.insights.banner.isVisibleTo(window)
    assert some.get_state(STATE_KEY) is None


def test_weekly_review_waits_for_a_workday(qtbot, some: Store) -> None:
    sunday = datetime(2025, 6, 15, 10, 0, tzinfo=TZ)
    window = open_window(qtbot, some, now=sunday)
    window.show_insights()
    settle(qtbot, window)
    assert not window.insights.banner.isVisibleTo(window)


def test_no_review_midweek(qtbot, some: Store) -> None:
    window = open_window(qtbot, some)  # a Thursday; the review was never shown this week
    window.show_insights()
    settle(qtbot, window)
    assert window.insights.banner.isVisibleTo(window)  # first workday the app sees
    some.set_state(STATE_KEY, "2025-06-09")  # this week's Monday: seen already
    window.present()
    settle(qtbot, window)
    assert not window.insights.banner.isVisibleTo(window)


# -- colours ------------------------------------------------------------------------------------


def _luminance(c: QColor) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def _contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("window_colour", ["#efefef", "#ffffff", "#2b2b2b", "#1e1e1e"])
def test_series_colours_hold_contrast_in_light_and_dark(qtbot, window_colour: str) -> None:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(window_colour))
    colours = [series_colour(palette, i) for i in range(7)]
    assert len({c.name() for c in colours}) == 7
    for colour in colours:
        assert _contrast(colour, QColor(window_colour)) >= 3.0, colour.name()


def test_axis_labels_never_overlap_and_prefer_a_whole_month_over_the_edge() -> None:
    from mlcoach.ui.charts.base import spaced_labels

    # "May" at the very edge crowds "Jun": June is kept, then every label that has room.
    labels = [(0.0, 30.0, "May"), (20.0, 30.0, "Jun"), (90.0, 30.0, "Jul"),
              (110.0, 30.0, "Aug"), (160.0, 30.0, "Sep")]
    assert [t for _x, _w, t in spaced_labels(labels, 6)] == ["Jun", "Jul", "Sep"]
    roomy = [(0.0, 30.0, "May"), (60.0, 30.0, "Jun")]
    assert [t for _x, _w, t in spaced_labels(roomy, 6)] == ["May", "Jun"]
    assert spaced_labels([], 6) == []


def test_charts_repaint_with_a_dark_palette(qtbot, some: Store) -> None:
    window = open_window(qtbot, some)
    window.show_insights()
    settle(qtbot, window)
    dark = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"),
                         (QPalette.ColorRole.WindowText, "#e6e6e6"),
                         (QPalette.ColorRole.Base, "#1f1f1f"),
                         (QPalette.ColorRole.Text, "#e6e6e6")):
        dark.setColor(role, QColor(colour))
    window.setPalette(dark)
    for card in window.insights.cards():
        image = card.chart.grab().toImage()
        assert not image.isNull()
    calendar = window.insights.calendar.chart
    assert isinstance(calendar, CalendarChart)
    empty, busiest = calendar.level_colour(0), calendar.level_colour(4)
    assert _contrast(busiest, QColor("#2b2b2b")) > _contrast(empty, QColor("#2b2b2b"))


def test_the_window_keeps_one_connection_while_open_and_gives_it_back_closed(qtbot, store):
    from mlcoach.store.file_guard import guard_for

    store.add_moment("kept warm")
    guard = guard_for(store.path)
    window = open_window(qtbot, store)
    assert texts(window) == ["kept warm"]
    assert guard.shares == 1  # the timeline's connection stays open between pages
    window.close()
    settle(qtbot, window)
    assert guard.shares == 0  # a closed window holds nothing open
    window.present()
    settle(qtbot, window)
    assert texts(window) == ["kept warm"]


def test_an_edit_whose_save_fails_comes_back_in_the_editor(qtbot, some: Store,  # type: ignore[no-untyped-def]
                                                          monkeypatch, expect_dialog) -> None:
    """The editor closed on Save; a store held by another process past the wait then
    failed the write a minute later, and the edit was gone."""
    from PySide6.QtWidgets import QMessageBox

    from mlcoach.domain.errors import StoreBusyError

    window = open_window(qtbot, some)
    window.timeline.edit_row(0)
    editor = window.timeline.editor()
    entry = window.timeline.model.entry(0)
    assert editor is not None and entry is not None
    moment_id = entry.id

    def held(*_args: object, **_kwargs: object) -> None:
        raise StoreBusyError("the data file is busy")

    monkeypatch.setattr(some, "update_moment", held)
    editor.text.setPlainText("Thanked Ana for the calm release call")
    editor.accept()
    qtbot.waitUntil(lambda: window.timeline.editor() not in (None, editor))
    back = window.timeline.editor()
    assert back is not None and back.isVisible()
    assert back.text.toPlainText() == "Thanked Ana for the calm release call"
    assert "busy" in back.error.text()
    # Cancel still asks before the typed words go, as for any change.
    asked = expect_dialog.expect(message_box, "question", QMessageBox.StandardButton.Cancel,
                                 QMessageBox.StandardButton.Discard)
    back.reject()
    assert len(asked) == 1 and back.isVisible()
    monkeypatch.undo()
    back.accept()
    qtbot.waitUntil(lambda: some.get_moment(moment_id).text  # type: ignore[union-attr]
                    == "Thanked Ana for the calm release call")


def test_escape_closes_the_window_as_it_closes_the_others(qtbot, some: Store) -> None:
    from PySide6.QtCore import Qt

    window = open_window(qtbot, some)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Escape)
    assert not window.isVisible()


def _activate(qtbot, window: HistoryWindow) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)


def test_tab_and_shift_tab_leave_the_timeline(qtbot, some: Store) -> None:
    """Tab moves between the window's controls, not between the timeline's cells."""
    from PySide6.QtCore import Qt

    window = open_window(qtbot, some)
    _activate(qtbot, window)
    view = window.timeline.view
    for key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        view.setFocus(Qt.FocusReason.TabFocusReason)
        view.setCurrentIndex(view.model().index(0, 0))
        assert view.hasFocus()
        qtbot.keyClick(view, key)
        assert not view.hasFocus(), key
        assert view.currentIndex().column() == 0  # the cell did not move either


def test_escape_in_the_search_empties_it_before_it_closes_the_window(qtbot, some: Store) -> None:
    from PySide6.QtCore import Qt

    window = open_window(qtbot, some)
    _activate(qtbot, window)
    search = window.timeline.filter_bar.search
    search.setFocus()
    qtbot.keyClicks(search, "agenda")
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert window.isVisible() and search.text() == "" and search.hasFocus()
    qtbot.waitUntil(lambda: len(texts(window)) == 5)  # every entry again
    qtbot.keyClick(search, Qt.Key.Key_Escape)  # nothing left to empty: the window closes
    assert not window.isVisible()


def test_down_in_the_search_moves_to_the_rows(qtbot, some: Store) -> None:
    from PySide6.QtCore import Qt

    window = open_window(qtbot, some)
    _activate(qtbot, window)
    search, view = window.timeline.filter_bar.search, window.timeline.view
    search.setFocus()
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert view.hasFocus() and view.currentIndex().row() == 0
    qtbot.keyClick(view, Qt.Key.Key_Down)  # and on down the rows from there
    assert view.currentIndex().row() == 1


def test_ctrl_page_down_switches_tabs_from_the_rows(qtbot, some: Store) -> None:  # type: ignore[no-untyped-def]
    """From the timeline, where the keyboard starts, Ctrl+PgDown jumped a page of rows."""
    window = open_window(qtbot, some)
    window.timeline.view.setFocus()
    qtbot.keyClick(window.timeline.view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.insights
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_PageUp,
                   Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.timeline


def test_the_empty_timeline_note_wraps_rather_than_widen_the_window(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    """The note on one line made the window 591 px at least: wider than a 1080 px
    portrait monitor at 200 % (516 px of room), once the first load had finished."""
    window = open_window(qtbot, store)
    assert window.timeline.status.text().startswith("Nothing here yet")
    assert window.minimumSizeHint().width() <= 516


def test_editing_a_planned_moment_rewords_its_suggestion(qtbot, store: Store) -> None:
    """The suggestion saved with a planned moment is composed from the moment's words:
    an edit in History composes it again from the new words, as the coach would, and
    the old ones are gone from it."""
    from mlcoach.domain.enums import ChangeKind, Size, Style
    from mlcoach.influence.composer import SuggestionRequest, compose

    def composed(change: str) -> str:
        return compose(SuggestionRequest(change=change, style=Style.FACTS,
                                         action=ChangeKind.STOP, size=Size.SMALL,
                                         person="Priya")).as_text()

    old = "stop the long status round in standups"
    store.add_suggestion(style=Style.FACTS, change=old, action=ChangeKind.STOP,
                         size=Size.SMALL, text=composed(old), person="Priya",
                         created_at=today_at(10))
    window = open_window(qtbot, store)
    tab = window.timeline
    row = next(i for i, e in enumerate(tab.model.entries()) if e.kind is EntryKind.MOMENT)
    tab.edit_row(row)
    editor = tab.editor()
    assert editor is not None
    new = "stop reading the whole board aloud in standups"
    editor.text.setPlainText(new)
    editor.accept()
    settle(qtbot, window)
    [suggestion] = store.suggestions()
    assert suggestion.change == new
    assert suggestion.text == composed(new)
    assert "status round" not in suggestion.text


def _planned_suggestion(store: Store, change: str) -> None:
    from mlcoach.domain.enums import ChangeKind, Size, Style

    store.add_suggestion(style=Style.FACTS, change=change, action=ChangeKind.STOP,
                         size=Size.SMALL, text=f"Influence suggestion\n\n{change}",
                         person="Priya", created_at=today_at(10))


def test_the_suggestion_on_screen_follows_its_planned_moments_edit(qtbot, store: Store
                                                                   ) -> None:
    """The suggestion's row showed the words edited away until History was reopened."""
    _planned_suggestion(store, "stop the long status round in standups")
    window = open_window(qtbot, store)
    tab = window.timeline
    assert texts(window).count("stop the long status round in standups") == 2
    row = next(i for i, e in enumerate(tab.model.entries()) if e.kind is EntryKind.MOMENT)
    tab.edit_row(row)
    editor = tab.editor()
    assert editor is not None
    editor.text.setPlainText("stop reading the board aloud")
    editor.accept()
    settle(qtbot, window)
    assert texts(window) == ["stop reading the board aloud"] * 2
    assert all("status round" not in e.detail for e in tab.model.entries())


def test_a_deleted_planned_moment_takes_its_suggestion_off_the_screen(qtbot, store: Store
                                                                      ) -> None:
    """The store deletes the suggestion with its planned moment; its row stayed, words
    and all, until History was reopened. Undo puts both back."""
    _planned_suggestion(store, "stop the long status round in standups")
    window = open_window(qtbot, store)
    tab = window.timeline
    row = next(i for i, e in enumerate(tab.model.entries()) if e.kind is EntryKind.MOMENT)
    tab.delete_row(row)
    settle(qtbot, window)
    assert texts(window) == [] and store.suggestions() == []
    tab.undo_delete()
    settle(qtbot, window)
    assert sorted(e.kind for e in tab.model.entries()) == [EntryKind.MOMENT,
                                                           EntryKind.SUGGESTION]


def test_two_planned_moments_deleted_then_undone_twice_keep_their_suggestions(
        qtbot, store: Store) -> None:
    """Undo is a stack, but the store kept only the last deletion's suggestion: the
    first moment came back without its suggestion (gone for good), while its row showed
    on screen anyway."""
    _planned_suggestion(store, "stop the long status round in standups")
    _planned_suggestion(store, "stop reading the board aloud")
    window = open_window(qtbot, store)
    tab = window.timeline
    for _ in range(2):
        row = next(i for i, e in enumerate(tab.model.entries())
                   if e.kind is EntryKind.MOMENT)
        tab.delete_row(row)
        settle(qtbot, window)
    assert texts(window) == [] and store.suggestions() == []
    tab.undo_delete()
    settle(qtbot, window)
    tab.undo_delete()
    settle(qtbot, window)
    assert sorted(s.change for s in store.suggestions()) == [
        "stop reading the board aloud", "stop the long status round in standups"]
    assert all(m.suggestion_id is not None for m in store.moments())
    assert sorted(e.kind for e in tab.model.entries()) == [
        EntryKind.MOMENT, EntryKind.MOMENT, EntryKind.SUGGESTION, EntryKind.SUGGESTION]


def test_an_undo_without_the_suggestion_shows_no_suggestion_row(qtbot, store: Store
                                                                ) -> None:
    """When the store could not put the suggestion back (it no longer held it: the
    moment comes back alone), its row still came back on screen, words and all."""
    _planned_suggestion(store, "stop the long status round in standups")
    window = open_window(qtbot, store)
    tab = window.timeline
    row = next(i for i, e in enumerate(tab.model.entries()) if e.kind is EntryKind.MOMENT)
    tab.delete_row(row)
    settle(qtbot, window)
    store._undo_suggestions.clear()  # stands in for a store that did not keep it
    tab.undo_delete()
    settle(qtbot, window)
    assert store.suggestions() == []
    assert [e.kind for e in tab.model.entries()] == [EntryKind.MOMENT]


def test_a_person_deleted_in_the_people_tab_leaves_the_timeline_and_its_filter(
        qtbot, some: Store, monkeypatch) -> None:
    """The timeline's rows and the person filter still said the name of someone deleted
    (or renamed, or archived) in the People tab beside them, until History was reopened."""

    window = open_window(qtbot, some)
    assert window.timeline.filter_bar.person_box.findText("Ana") > 0
    window.show_people()
    settle(qtbot, window)
    panel = window.people
    assert panel is not None
    panel.select("Ana")  # type: ignore[attr-defined]
    monkeypatch.setattr("mlcoach.ui.person_removal.ask", lambda *_a: "delete")
    panel.remove_button.click()  # type: ignore[attr-defined]
    settle(qtbot, window)
    assert window.timeline.filter_bar.person_box.findText("Ana") == -1
    assert all(e.person != "Ana" for e in window.timeline.model.entries())


def test_the_people_tab_follows_a_moment_edited_on_the_timeline_tab(qtbot, some: Store
                                                                    ) -> None:
    """A person's history in the People tab said a moment's words edited away on the
    Timeline tab of the same window, until the window was opened again."""
    window = open_window(qtbot, some)
    window.show_people()
    settle(qtbot, window)  # the list is read on the store's worker
    panel = window.people
    assert panel is not None
    panel.select("Ana")  # type: ignore[attr-defined]
    settle(qtbot, window)  # and their rows
    assert any("release notes" in e for e in panel.history.entries())  # type: ignore[attr-defined]
    window.tabs.setCurrentWidget(window.timeline)
    tab = window.timeline
    settle(qtbot, window)
    row = next(i for i, e in enumerate(tab.model.entries()) if e.person == "Ana")
    tab.edit_row(row)
    editor = tab.editor()
    assert editor is not None
    editor.text.setPlainText("Thanked Ana for the changelog")
    editor.accept()
    settle(qtbot, window)
    window.show_people()
    settle(qtbot, window)
    entries = panel.history.entries()  # type: ignore[attr-defined]
    assert any("changelog" in e for e in entries)
    assert not any("release notes" in e for e in entries)


def test_the_person_filter_follows_someone_renamed_or_merged_elsewhere(
        qtbot, some: Store) -> None:
    """Filtered to Ana, History held her name: renamed "Ana Lima" in the coach's people
    list, the timeline went empty ("Nothing matches.") and the filter then said "Anyone"
    over the empty list. It holds who she is now: the filter says her new name and her
    rows stay; merged into Bo, she is no one to filter by and the list shows everyone."""
    window = open_window(qtbot, some)
    tab = window.timeline
    box = tab.filter_bar.person_box
    box.setCurrentIndex(box.findText("Ana"))
    settle(qtbot, window)
    hers = texts(window)
    assert hers and all("Ana" in t for t in hers)
    some.edit_person("Ana", new_name="Ana Lima")
    window.history_changed()  # as the app says a change made in the coach
    settle(qtbot, window)
    assert box.currentText() == "Ana Lima"
    assert texts(window) == hers
    everyone = len(Timeline(some).page(TimelineFilter(), 0, 50))
    some.merge_person("Ana Lima", into="Bo")
    window.history_changed()
    settle(qtbot, window)
    assert box.currentText() == "Anyone" and box.findText("Ana Lima") == -1
    assert len(texts(window)) == everyone
