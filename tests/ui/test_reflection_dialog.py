"""End-of-day reflection: the day at a glance, outcome toggles, saving, reopening, closing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from mlcoach.domain.model import ChangeKind, Kind, Outcome, Response, Size, Style
from mlcoach.ui.reflection_dialog import ReflectionDialog
from mlcoach.ui.widgets import message_box
from tests.ui.conftest import NOW, TZ, today_at
from tests.ui.worker import calls_on_gui, drain

pytestmark = pytest.mark.gui

TODAY = NOW.date()


@pytest.fixture
def answer(monkeypatch):
    """Make QMessageBox.question answer `answer.reply` and count the calls."""

    class Answer:
        reply = QMessageBox.StandardButton.Cancel
        asked = 0

    def question(*args, **kwargs):
        Answer.asked += 1
        return Answer.reply

    monkeypatch.setattr(message_box, "question", staticmethod(question))
    return Answer


def opened(qtbot, dialog: ReflectionDialog) -> ReflectionDialog:
    dialog.load_day()
    drain()  # the day is read on the store's worker
    with qtbot.waitActive(dialog):
        dialog.present()
    return dialog


def test_moments_captured_today_appear_in_order(qtbot, reflection, store):
    store.add_moment("Yesterday's moment", created_at=today_at(16, days_ago=1))
    store.add_moment("Thanked Ana for the release demo", Kind.RECOGNITION, person="Ana",
                     created_at=today_at(10, 42))
    store.add_moment("Left at six and said so", Kind.EXAMPLE, created_at=today_at(16, 50))
    opened(qtbot, reflection)
    rows = reflection.moment_rows()
    assert [r.text for r in rows] == ["Thanked Ana for the release demo",
                                             "Left at six and said so"]
    assert all(r.accessibleName() for r in rows)


def test_toggling_followed_updates_the_store(qtbot, reflection, store):
    moment = store.add_moment("Suggested a written agenda", Kind.SUGGESTION, person="Bo",
                              created_at=today_at(14))
    opened(qtbot, reflection)
    [row] = reflection.moment_rows()
    followed = row.outcome.button(Outcome.FOLLOWED)
    qtbot.mouseClick(followed, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: store.get_moment(moment.id).outcome is Outcome.FOLLOWED)

    qtbot.mouseClick(row.outcome.button(Outcome.DECLINED), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: store.get_moment(moment.id).outcome is Outcome.DECLINED)
    assert not followed.isChecked()

    qtbot.mouseClick(row.outcome.button(Outcome.DECLINED), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: store.get_moment(moment.id).outcome is None)


def test_follow_ups_due_appear_with_toggles(qtbot, reflection, store):
    _, planned = store.add_suggestion(
        style=Style.FACTS, change="Move the checklist into the repository",
        action=ChangeKind.DIFFERENTLY, size=Size.SMALL, text="…", person="Bo",
        follow_up_on=TODAY - timedelta(days=2), created_at=today_at(9, days_ago=5))
    store.add_suggestion(
        style=Style.FACTS, change="Not due yet", action=ChangeKind.START, size=Size.SMALL,
        text="…", follow_up_on=TODAY + timedelta(days=3), created_at=today_at(9, days_ago=1))
    opened(qtbot, reflection)
    [row] = reflection.follow_up_rows()
    assert row.item_id == planned.id
    qtbot.mouseClick(row.outcome.button(Outcome.NOT_YET), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: store.get_moment(planned.id).outcome is Outcome.NOT_YET)


def test_prompts_shown_and_acted_on_today(qtbot, reflection, store):
    earlier = store.record_prompt_shown("p0", "presence", at=today_at(15, days_ago=1))
    store.record_response(earlier.id, Response.DONE, at=today_at(15, 5, days_ago=1))
    for hour, response in ((9, Response.DONE), (11, Response.SKIPPED), (15, Response.DONE)):
        event = store.record_prompt_shown("p", "recognition", at=today_at(hour))
        store.record_response(event.id, response, at=today_at(hour, 5))
    opened(qtbot, reflection)
    assert reflection.prompts_text() == "Prompts today: 3 shown, 2 acted on."


def test_streak_and_small_wins_fill_in(qtbot, reflection, store):
    for days_ago in range(3):
        store.add_moment("Named a small win in standup", Kind.RECOGNITION,
                         created_at=today_at(10, days_ago=days_ago))
    opened(qtbot, reflection)
    qtbot.waitUntil(lambda: reflection.stats_text() != "", timeout=5000)
    assert reflection.stats_text().replace("\u00a0", " ") == \
        "3-day streak · Small wins this week: 3"
    # wrapped at a large font, the number stays with its word ("kazanımlar: 1" was split)
    assert reflection.stats_text().endswith("week:\u00a03")


def test_ctrl_s_saves_energy_and_answers(qtbot, reflection, store):
    opened(qtbot, reflection)
    qtbot.mouseClick(reflection.energy.button(4), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(reflection.went_well, "The demo went calmly")
    qtbot.keyClicks(reflection.differently, "Ask Bo earlier")
    qtbot.keyClicks(reflection.intention, "Send Deniz the notes before lunch")
    with qtbot.waitSignal(reflection.reflection_saved, timeout=2000):
        qtbot.keyClick(reflection.intention, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = store.reflection(TODAY)
    assert (saved.energy, saved.went_well, saved.differently, saved.intention) == (
        4, "The demo went calmly", "Ask Bo earlier", "Send Deniz the notes before lunch")
    assert reflection.result() == QDialog.DialogCode.Accepted
    assert not reflection.isVisible()


def test_reopening_the_same_day_loads_the_reflection_for_editing(qtbot, reflection, store):
    store.save_reflection(TODAY, energy=2, went_well="Quiet focus", intention="Rest")
    opened(qtbot, reflection)
    assert reflection.energy.value() == 2
    assert reflection.went_well.toPlainText() == "Quiet focus"
    assert reflection.intention.text() == "Rest"
    assert not reflection.has_unsaved_changes()

    qtbot.keyClicks(reflection.differently, "Say no to the extra meeting")
    with qtbot.waitSignal(reflection.reflection_saved, timeout=10_000):
        reflection.save()
    again = store.reflection(TODAY)
    assert (again.energy, again.differently) == (2, "Say no to the extra meeting")
    assert len(store.reflections()) == 1


def test_escape_with_typed_text_asks_first(qtbot, reflection, answer):
    opened(qtbot, reflection)
    qtbot.keyClicks(reflection.went_well, "Half written")

    answer.reply = QMessageBox.StandardButton.Cancel
    qtbot.keyClick(reflection, Qt.Key.Key_Escape)
    assert answer.asked == 1
    assert reflection.isVisible()
    assert reflection.went_well.toPlainText() == "Half written"

    answer.reply = QMessageBox.StandardButton.Discard
    qtbot.keyClick(reflection, Qt.Key.Key_Escape)
    assert answer.asked == 2
    assert not reflection.isVisible()
    assert not reflection.has_unsaved_changes()


def test_escape_without_changes_closes_silently(qtbot, reflection, store, answer):
    store.save_reflection(TODAY, energy=3)
    opened(qtbot, reflection)
    qtbot.keyClick(reflection, Qt.Key.Key_Escape)
    assert answer.asked == 0
    assert not reflection.isVisible()


def test_saving_nothing_asks_for_a_line_instead(qtbot, reflection, store):
    opened(qtbot, reflection)
    reflection.save()
    assert reflection.error_text()
    assert store.reflection(TODAY) is None
    assert reflection.isVisible()


def test_on_this_day_shows_a_moment_from_a_year_ago(qtbot, reflection, store):
    store.add_moment("Asked Deniz what would make on-call lighter",
                     created_at=today_at(12).replace(year=NOW.year - 1))
    opened(qtbot, reflection)
    assert reflection.echo_texts() == [
        "A year ago today: Asked Deniz what would make on-call lighter"]


def test_on_this_day_month_and_year_one_quiet_line_each(qtbot, reflection, store):
    long_text = "Walked the new joiner through the release checklist, step by step, " * 3
    store.add_moment(long_text + "\nand left notes", created_at=today_at(9).replace(month=5))
    store.add_moment("Thanked Bo for the calm incident call", Kind.RECOGNITION,
                     created_at=today_at(15).replace(year=NOW.year - 1))
    opened(qtbot, reflection)
    month, year = reflection.echo_texts()
    assert month.startswith("A month ago today: Walked the new joiner")
    assert "\n" not in month and month.endswith("and left notes")
    assert year == "A year ago today: Thanked Bo for the calm incident call"
    labels = [w for w in reflection._echoes if w.isVisible()]
    assert len(labels) == 2
    for label in labels:
        # One line, cut to the dialog's width with the whole text in the tooltip.
        assert label.height() < 2 * label.fontMetrics().lineSpacing()
        assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width()
        assert label.toolTip() == label.full_text()
        # Quiet but readable: the muted colour keeps 4.5:1 against the window.
        fg = label.palette().color(label.foregroundRole())
        bg = reflection.palette().color(reflection.backgroundRole())
        assert _contrast(fg, bg) >= 4.5
    assert labels[0].text().endswith("…")


def test_no_on_this_day_line_without_such_a_moment(qtbot, reflection, store):
    store.add_moment("Last week", created_at=today_at(12, days_ago=7))
    opened(qtbot, reflection)
    assert reflection.echo_texts() == []
    assert not any(w.isVisible() for w in reflection._echoes)


def test_empty_day_reads_kindly(qtbot, reflection):
    opened(qtbot, reflection)
    assert reflection.moment_rows() == []
    assert reflection.follow_up_rows() == []
    assert reflection.prompts_text() == "No prompts today."


def test_loading_a_day_reads_bounded_ranges_only(qtbot, reflection, store, monkeypatch):
    calls = []
    real = store.moments

    def spy(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(store, "moments", spy)
    monkeypatch.setattr(store, "count_moments", lambda: pytest.fail("counted every moment"))
    opened(qtbot, reflection)
    assert calls
    assert all(c["since"] and c["until"] and c["limit"] for c in calls)


@pytest.mark.slow
def test_a_day_loads_only_its_moments_from_50000(qtbot, reflection, store):
    from mlcoach.domain.model import new_id
    from mlcoach.store import models as m

    start = NOW.astimezone(TZ)
    rows = [{"id": new_id(), "text": f"moment {i}", "kind": "other",
             "created_at": start - timedelta(hours=3 * i + 1),
             "updated_at": start, "planned": False} for i in range(50_000)]
    with store.session() as s, s.begin():
        s.execute(m.MomentRow.__table__.insert(), rows)
    # Timing lives in benchmarks/; here: the day shows its own moments only.
    opened(qtbot, reflection)
    assert len(reflection.moment_rows()) == 6  # 17:20 local time, one every three hours


def _luminance(c) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def _contrast(a, b) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)



def test_the_days_question_rotates_and_keeps_the_answer_where_it_was(qtbot, reflection, store):
    from mlcoach.coaching.reflection_questions import question_for
    from mlcoach.ui.reflection_dialog import with_mnemonic

    opened(qtbot, reflection)
    question = question_for(TODAY, "en")
    assert reflection._question.text() == with_mnemonic(question.text, taken="edi")
    assert reflection._question.text().replace("&", "") == question.text
    assert reflection.went_well.accessibleName() == question.text
    assert question_for(TODAY + timedelta(days=1), "en").text != question.text
    qtbot.keyClicks(reflection.went_well, "Priya tried the checklist")
    with qtbot.waitSignal(reflection.reflection_saved, timeout=2000):
        qtbot.keyClick(reflection.went_well, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert store.reflection(TODAY).went_well == "Priya tried the checklist"


def test_mnemonic_skips_letters_already_taken():
    from mlcoach.ui.reflection_dialog import with_mnemonic

    assert with_mnemonic("Did you ask?", taken="edi") == "Did &you ask?"
    assert with_mnemonic("Where did you lead?", taken="edi") == "&Where did you lead?"
    assert with_mnemonic("Q&A today", taken="q") == "Q&&&A today"


def test_tab_goes_round_the_controls_without_an_empty_stop(qtbot, reflection) -> None:  # type: ignore[no-untyped-def]
    """Keyboard only: from the first answer, Tab reaches every control and comes back,
    and no stop is a control that does nothing (the glance's scroll area was one)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QPlainTextEdit

    reflection.load_day()
    drain()  # the day is read on the store's worker
    reflection.present()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is reflection.went_well)
    stops = []
    for _ in range(20):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        stops.append(QApplication.focusWidget())
        if stops[-1] is reflection.went_well:
            break
    assert stops[-1] is reflection.went_well
    assert all(isinstance(w, QAbstractButton | QLineEdit | QPlainTextEdit) for w in stops), \
        [type(w).__name__ for w in stops]
    energy = reflection.energy.buttons()
    assert stops.index(energy[-1]) == len(stops) - 2  # energy, just above, comes before


def test_at_a_large_font_the_dialog_stays_on_the_screen_and_scrolls(qtbot, qapp, store):
    """At 20 pt the reflection was taller than a laptop's screen, with Save below its
    edge; the body scrolls now, the buttons stay in view and no question is cut."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QLabel, QPushButton


    store.add_moment("Thanked Ana for the notes", Kind.RECOGNITION, person="Ana",
                     created_at=today_at(10))
    before = QFont(qapp.font())
    font = QFont(before)
    font.setPointSizeF(20)
    qapp.setFont(font)
    try:
        dialog = ReflectionDialog(store, clock=lambda: NOW, tz=TZ)
        qtbot.addWidget(dialog, before_close_func=lambda d: d.done(0))
        dialog.load_day()
        drain()  # the day is read on the store's worker, and the streak after it
        with qtbot.waitActive(dialog):  # the keys below go to the active window
            dialog.present()
        assert dialog.stats_text()
        room = dialog.screen().availableGeometry()
        assert dialog.frameGeometry().height() <= room.height()
        assert dialog.frameGeometry().width() <= room.width()
        for button in dialog.findChildren(QPushButton):
            if button.text() in ("&Save", "&Close", "Save", "Close"):
                corner = button.mapTo(dialog, button.rect().bottomRight())
                assert dialog.rect().contains(corner), button.text()
        dialog.differently.setFocus()
        qtbot.keyClick(dialog.differently, Qt.Key.Key_Tab)  # to the last field: in view
        assert dialog.intention.hasFocus()
        qtbot.waitUntil(lambda: dialog.intention.visibleRegion().boundingRect().height()
                        == dialog.intention.height())
        for label in dialog.findChildren(QLabel):
            if label.isVisibleTo(dialog) and label.wordWrap() and label.text():
                assert label.height() >= label.heightForWidth(label.width()), label.text()
            elif label.isVisibleTo(dialog) and label.text() and \
                    type(label).__name__ != "ElidedLabel":
                assert label.width() >= label.minimumSizeHint().width(), label.text()
    finally:
        qapp.setFont(before)


def test_loading_the_day_again_draws_only_its_own_rows(qtbot, reflection, store):
    """Loading the day again (a draft brought back, the next morning) took the old rows
    out of the layout but left them drawn where they were until Qt deleted them: their
    words over the new rows' (docs/screenshots/reflection-dark.png)."""
    from mlcoach.ui.widgets.outcome_row import OutcomeRow

    store.add_moment("Asked Ana how a shorter standup would work for her", Kind.QUESTION,
                     person="Ana", created_at=today_at(9, 40))
    opened(qtbot, reflection)
    reflection.load_day()
    reflection.load_day()
    drain()  # the day is read on the store's worker
    QApplication.processEvents()  # the new rows are shown; the old ones wait for deletion
    shown = [row for row in reflection.findChildren(OutcomeRow) if row.isVisible()]
    assert len(shown) == 1


def test_a_reflection_deleted_elsewhere_leaves_the_open_window_but_what_is_typed(
        qtbot, reflection, store):
    """Deleted in History while this window showed it, the reflection's words stayed in
    the fields, to be read there and saved back by a click on Save. The answers as they
    were loaded go; what the user has typed since stays."""
    store.save_reflection(TODAY, energy=2, went_well="Priya was curt again",
                          differently="Ask Priya earlier", intention="Talk to Bo")
    opened(qtbot, reflection)
    reflection.intention.setText("Talk to Bo about the release")  # typed since
    store.delete_reflection(TODAY)
    reflection.refresh_glance()  # as the app does when History changed something
    drain()  # the day is read on the store's worker
    assert reflection.went_well.toPlainText() == ""
    assert reflection.differently.toPlainText() == ""
    assert reflection.energy.value() is None
    assert reflection.intention.text() == "Talk to Bo about the release"


def test_saving_untouched_after_a_delete_elsewhere_writes_no_empty_reflection(
        qtbot, reflection, store):
    """The day's reflection was deleted by `mlcoach` in a terminal while this window
    showed it (nothing told the window): Save, with nothing typed, wrote an empty
    reflection for the day. Nothing is written; the window says why and stays open."""
    store.save_reflection(TODAY, energy=2, went_well="Priya was curt again",
                          differently="Ask Priya earlier", intention="Talk to Bo")
    opened(qtbot, reflection)
    store.delete_reflection(TODAY)  # as `mlcoach` would: the window is not told
    saved: list[None] = []
    reflection.reflection_saved.connect(lambda: saved.append(None))
    reflection.save()
    qtbot.waitUntil(lambda: bool(reflection.error_text()))
    assert "deleted elsewhere" in reflection.error_text()
    assert store.reflection(TODAY) is None and store.reflections() == []
    assert saved == [] and reflection.isVisible()
    assert reflection.went_well.toPlainText() == "" and reflection.energy.value() is None
    assert not reflection.has_unsaved_changes()


def test_an_outcome_clicked_while_another_program_writes_waits_its_turn(
        qtbot, reflection, store, opened_store_writer):
    """An import in another process held the store: a click on an outcome held the
    window (and the tray) while it waited, then gave up with "Not saved". It is written
    on the worker once the other writer is done."""
    moment = store.add_moment("Suggested a written agenda", Kind.SUGGESTION,
                              created_at=today_at(14))
    opened(qtbot, reflection)
    [row] = reflection.moment_rows()
    with opened_store_writer():
        qtbot.mouseClick(row.outcome.button(Outcome.FOLLOWED), Qt.MouseButton.LeftButton)
        assert reflection.error_text() == ""  # the window went on
    qtbot.waitUntil(lambda: store.get_moment(moment.id).outcome is Outcome.FOLLOWED,
                    timeout=60_000)
    assert reflection.error_text() == ""


def test_the_day_is_read_off_the_gui_thread_and_the_window_comes_up_whole(
        qtbot, reflection, store, monkeypatch):
    """Opening the reflection, or its day read again (left open overnight), read the day
    on the GUI thread (~25 ms on a year's store): the tray and every window stood still.
    Read on the worker now; the window comes up once the day is in it."""
    store.add_moment("Thanked Ana for the release demo", Kind.RECOGNITION, person="Ana",
                     created_at=today_at(10, 42))
    on_gui = calls_on_gui(store, monkeypatch, "moments", "reflection", "prompt_events",
                          "follow_ups_due", "get_state").all
    shown: list[list[str]] = []
    reflection.load_day(then=lambda: shown.append([r.text for r in
                                                   reflection.moment_rows()]))
    assert shown == [] and reflection.loading()
    drain()
    assert shown == [["Thanked Ana for the release demo"]]
    assert on_gui and True not in on_gui


def test_asked_twice_while_reading_it_comes_up_once_with_the_newer_read(
        qtbot, reflection, store):
    """Two asks before the first read is in (the tray clicked twice): one show, with the
    day as the second read found it."""
    shown: list[list[str]] = []

    def show() -> None:
        shown.append([r.text for r in reflection.moment_rows()])

    store.add_moment("Left at six and said so", Kind.EXAMPLE, created_at=today_at(16, 50))
    reflection.load_day(then=show)
    reflection.load_day(then=show)
    drain()
    assert shown == [["Left at six and said so"]]


def test_words_typed_while_the_day_is_read_again_stay(qtbot, reflection, store):
    """The open window's day read again (the tray's Reflect) while the user typed on:
    the read leaves the words as typed, and shows the day's new moments."""
    store.save_reflection(TODAY, energy=3, went_well="Saved before")
    opened(qtbot, reflection)
    store.add_moment("Left at six and said so", Kind.EXAMPLE, created_at=today_at(16, 50))
    reflection.load_day()
    qtbot.keyClicks(reflection.intention, "Ask Bo first")  # its outcome not delivered yet
    drain()
    assert reflection.intention.text() == "Ask Bo first"
    assert reflection.went_well.toPlainText() == "Saved before"
    assert [r.text for r in reflection.moment_rows()] == ["Left at six and said so"]


def test_a_day_read_for_a_closed_window_is_dropped(qtbot, store):
    """The window closed (and gone) while its day was read: nothing shown, nothing fails."""
    from shiboken6 import delete

    dialog = ReflectionDialog(store, clock=lambda: NOW, tz=TZ)
    shown: list[bool] = []
    dialog.load_day(then=lambda: shown.append(True))
    dialog.refresh_glance()
    delete(dialog)
    drain()
    assert shown == []
