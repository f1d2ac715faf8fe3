"""The coaching service over a real store with a fake clock."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from mlcoach.coaching.service import Coach
from mlcoach.domain.model import Response, Settings

TZ = ZoneInfo("Europe/Berlin")


def _coach(store, now, prompts=None):  # type: ignore[no-untyped-def]
    clock = {"now": now}
    coach = Coach(store, clock=lambda: clock["now"].astimezone(timezone.utc), tz=lambda: TZ,
                  rng=random.Random(3), real_clock=lambda: (clock["now"] - now).total_seconds(),
                  **({} if prompts is None else {"prompts": prompts}))
    return coach, clock


def test_first_prompt_after_welcome_waits(store):
    store.save_settings(Settings())
    now = datetime(2026, 11, 24, 14, 0, tzinfo=TZ)  # a Tuesday afternoon, slots missed
    coach, _ = _coach(store, now)
    coach.hold_first_prompt(now.astimezone(timezone.utc))
    due = coach.next_due(now.astimezone(timezone.utc))
    assert due is not None and due >= now + timedelta(minutes=30)


def test_offer_records_an_event_with_why_and_respond_updates_it(store):
    now = datetime(2026, 11, 24, 10, 0, tzinfo=TZ)
    coach, _ = _coach(store, now)
    offer = coach.offer(now.astimezone(timezone.utc))
    assert offer is not None and offer.event is not None and offer.why
    assert offer.text and offer.try_this and offer.theme_name
    coach.respond(offer.event.id, "done")
    (event,) = store.prompt_events()
    assert event.response is Response.DONE


def test_first_prompt_of_the_day_recalls_yesterdays_intention(store):
    store.save_reflection(datetime(2026, 11, 23).date(), energy=3,
                          intention="Ask Bo how the handover went")
    now = datetime(2026, 11, 24, 9, 30, tzinfo=TZ)
    coach, _ = _coach(store, now)
    offer = coach.offer(now.astimezone(timezone.utc))
    assert offer is not None and "Ask Bo how the handover went" in offer.note


def test_three_skips_back_off_and_say_so(store):
    now = datetime(2026, 11, 24, 9, 30, tzinfo=TZ)
    coach, clock = _coach(store, now)
    message = None
    for i in range(3):
        clock["now"] = now + timedelta(hours=2 * i)
        offer = coach.offer(clock["now"].astimezone(timezone.utc))
        assert offer is not None and offer.event is not None
        message = coach.respond(offer.event.id, "skipped")
    assert message and message.startswith("You skipped the last 3 prompts")


def test_the_lowered_pace_is_offered_back_and_restored(store):
    store.save_settings(Settings(prompts_per_day=4))
    now = datetime(2026, 11, 24, 9, 30, tzinfo=TZ)
    coach, clock = _coach(store, now)
    assert coach.lowered_pace(now) is None
    answers = ["skipped"] * 3 + ["done"] * 2
    for i, answer in enumerate(answers):
        clock["now"] = now + timedelta(minutes=30 * i)
        offer = coach.offer(clock["now"].astimezone(timezone.utc), manual=True)
        assert offer is not None and offer.event is not None
        message = coach.respond(offer.event.id, answer)
        assert coach.restore_offered() is (i == len(answers) - 1)
    assert message == "Prompts are at 3 a day for now. Back to 4 a day?"
    assert coach.lowered_pace(clock["now"]) == (3, 4)
    coach.restore_pace()
    assert coach.lowered_pace(clock["now"]) is None and not coach.restore_offered()


def test_preview_records_nothing(store):
    now = datetime(2026, 11, 24, 10, 0, tzinfo=TZ)
    coach, _ = _coach(store, now)
    preview = coach.preview(now.astimezone(timezone.utc))
    assert preview.text and preview.as_dict()["theme"]
    assert store.prompt_events() == []


def _prompts_of(theme: str):  # type: ignore[no-untyped-def]
    from mlcoach.coaching.content import load_builtin

    return lambda: [p for p in load_builtin() if p.theme == theme]


def test_a_recognition_prompt_names_someone_not_recognised_for_two_weeks(store):
    from mlcoach.domain.model import Kind

    now = datetime(2026, 11, 24, 10, 0, tzinfo=TZ)
    ana = store.add_person("Ana Silva")
    bo = store.add_person("Bo")
    store.add_moment("Paired with Ana on the flaky test", person=ana.name,
                     created_at=now - timedelta(days=20))
    store.add_moment("Thanked Bo for the calm incident call", Kind.RECOGNITION,
                     person=bo.name, created_at=now - timedelta(days=2))
    coach, clock = _coach(store, now, _prompts_of("recognition"))
    offer = coach.offer(now.astimezone(timezone.utc))
    assert offer is not None
    assert "20 days" in offer.note and "Ana Silva" in offer.note and "Bo" not in offer.note
    # The same name waits a week before it comes up again.
    clock["now"] = now + timedelta(days=1)
    again = coach.offer(clock["now"].astimezone(timezone.utc))
    assert again is not None and "Ana Silva" not in again.note
    # Recognising her clears it for good.
    store.add_moment("Told Ana her test fix saved the release", Kind.RECOGNITION,
                     person=ana.name, created_at=now + timedelta(days=8))
    clock["now"] = now + timedelta(days=9)
    later = coach.offer(clock["now"].astimezone(timezone.utc))
    assert later is not None and "Ana Silva" not in later.note


def test_a_name_noted_by_a_clock_set_far_ahead_does_not_wait_until_then(store):
    """Named "in 2031" by a wrong clock, Ana waited for that date plus a week."""
    now = datetime(2026, 11, 24, 10, 0, tzinfo=TZ)
    ana = store.add_person("Ana Silva")
    store.add_moment("Paired with Ana", person=ana.name, created_at=now - timedelta(days=20))
    coach, _ = _coach(store, now, _prompts_of("recognition"))
    store.set_state("recognition_named", {ana.id: "2031-05-01"})
    offer = coach.offer(now.astimezone(timezone.utc))
    assert offer is not None and "Ana Silva" in offer.note


def test_other_themes_and_a_zero_gap_name_nobody(store):
    now = datetime(2026, 11, 24, 10, 0, tzinfo=TZ)
    ana = store.add_person("Ana Silva")
    store.add_moment("Paired with Ana", person=ana.name, created_at=now - timedelta(days=30))
    coach, _ = _coach(store, now, _prompts_of("energy"))
    offer = coach.offer(now.astimezone(timezone.utc))
    assert offer is not None and "Ana" not in offer.note
    store.save_settings(Settings(recognition_gap_days=0))
    coach, _ = _coach(store, now, _prompts_of("recognition"))
    offer = coach.offer(now.astimezone(timezone.utc))
    assert offer is not None and "Ana" not in offer.note


def test_a_one_day_gap_says_a_day_not_1_days(store):
    """With the recognition gap set to one day, the card said "It has been 1 days"."""
    now = datetime(2026, 11, 24, 10, 0, tzinfo=TZ)
    ana = store.add_person("Ana Silva")
    store.add_moment("Paired with Ana", person=ana.name, created_at=now - timedelta(days=1))
    store.save_settings(Settings(recognition_gap_days=1))
    coach, _ = _coach(store, now, _prompts_of("recognition"))
    offer = coach.offer(now.astimezone(timezone.utc))
    assert offer is not None
    assert "It has been a day since you last recognized or supported Ana Silva." in offer.note
    store.save_settings(Settings(recognition_gap_days=1, language="tr"))
    store.set_state("recognition_named", {})
    coach, _ = _coach(store, now, _prompts_of("recognition"))
    offer = coach.offer(now.astimezone(timezone.utc))
    assert offer is not None
    assert "Ana Silva için son takdir ya da destek anınızın üzerinden bir gün geçti." in \
        offer.note


def _calendar(path, start: datetime, attendee: str):  # type: ignore[no-untyped-def]
    stamp = start.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    end = (start + timedelta(minutes=30)).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        "BEGIN:VEVENT\r\nUID:review-1\r\nDTSTAMP:20261101T000000Z\r\n"
        f"DTSTART:{stamp}\r\nDTEND:{end}\r\nSUMMARY:Release review\r\n"
        f"ATTENDEE;CN={attendee}:mailto:someone@example.org\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    return path


def test_meeting_prep_comes_once_before_a_meeting_with_a_saved_person(store, tmp_path):
    from mlcoach.domain.model import ChangeKind, Size, Style

    meeting = datetime(2026, 11, 24, 14, 0, tzinfo=TZ)
    cal = _calendar(tmp_path / "cal.ics", meeting, "Ana Silva")
    store.save_settings(Settings(calendar_path=str(cal), meeting_prep_minutes=10))
    store.add_person("Ana Silva", Style.REASSURANCE)
    store.add_suggestion(style=Style.REASSURANCE,
                         change="move the release checklist into the wiki instead of email",
                         action=ChangeKind.DIFFERENTLY, size=Size.MEDIUM, text="…",
                         person="Ana Silva")
    now = meeting - timedelta(hours=1)
    coach, clock = _coach(store, now)
    utc = now.astimezone(timezone.utc)
    assert coach.due_action(utc) != "prep"
    assert coach.next_due(utc) <= meeting - timedelta(minutes=10)
    clock["now"] = meeting - timedelta(minutes=9)
    utc = clock["now"].astimezone(timezone.utc)
    assert coach.due_action(utc) == "prep"
    prep = coach.take_prep(utc)
    assert prep is not None and prep.summary == "Release review"
    (who,) = prep.people
    assert who.person.name == "Ana Silva" and "release checklist" in who.question
    # Taken once; and no prompt lands on top of it before the meeting starts.
    assert coach.take_prep(utc) is None and coach.due_action(utc) != "prep"
    due = coach.next_due(utc)
    assert due is None or due >= meeting


def test_no_prep_for_strangers_or_while_presenting(store, tmp_path):
    meeting = datetime(2026, 11, 24, 14, 0, tzinfo=TZ)
    cal = _calendar(tmp_path / "cal.ics", meeting, "Somebody Else")
    store.save_settings(Settings(calendar_path=str(cal)))
    store.add_person("Ana Silva")
    coach, _ = _coach(store, meeting - timedelta(minutes=5))
    assert coach.next_prep((meeting - timedelta(minutes=5)).astimezone(timezone.utc)) is None
    _calendar(cal, meeting, "Ana Silva")
    utc = (meeting - timedelta(minutes=5)).astimezone(timezone.utc)
    assert coach.take_prep(utc, busy=True) is None  # presenting: dropped, not queued
    assert coach.next_prep(utc) is None


def test_a_paused_coach_shows_no_preparation_card(store, tmp_path):
    """"Rest of day" paused the prompts, yet the card came before the afternoon meeting."""
    meeting = datetime(2026, 11, 24, 14, 0, tzinfo=TZ)
    store.save_settings(Settings(calendar_path=str(_calendar(tmp_path / "c.ics", meeting,
                                                             "Ana Silva"))))
    store.add_person("Ana Silva")
    coach, clock = _coach(store, datetime(2026, 11, 24, 9, 0, tzinfo=TZ))
    coach.pause("day")
    clock["now"] = meeting - timedelta(minutes=5)
    utc = clock["now"].astimezone(timezone.utc)
    assert coach.due_action(utc) == "prep"  # due, and then dropped rather than shown
    assert coach.take_prep(utc) is None
    assert coach.next_prep(utc) is None
    coach.resume()  # the same meeting does not come back after a pause
    assert coach.take_prep(utc) is None


def test_a_meeting_at_a_floating_time_holds_prompts_at_that_local_time(store, tmp_path):
    """DTSTART without a zone is the wall clock of whoever reads the calendar: the
    scheduler read it as UTC, and in Berlin prompts came in the middle of the meeting."""
    cal = tmp_path / "float.ics"
    cal.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        "BEGIN:VEVENT\r\nUID:f-1\r\nDTSTAMP:20261101T000000Z\r\n"
        "DTSTART:20261124T090000\r\nDTEND:20261124T170000\r\nSUMMARY:Workshop\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    store.save_settings(Settings(calendar_path=str(cal), min_gap_minutes=15))
    start = datetime(2026, 11, 24, 8, 0, tzinfo=TZ)
    coach, clock = _coach(store, start)
    shown = []
    while clock["now"] < datetime(2026, 11, 24, 17, 0, tzinfo=TZ):
        utc = clock["now"].astimezone(timezone.utc)
        if coach.due_action(utc) == "prompt":
            coach.offer(utc)
            shown.append(clock["now"])
        due = coach.next_due(utc)
        clock["now"] = max(due.astimezone(TZ), clock["now"] + timedelta(minutes=1)) \
            if due is not None else clock["now"] + timedelta(hours=1)
    assert shown == []  # the workshop fills the working day, local 09:00 to 17:00


def test_later_pressed_at_the_end_of_the_day_lapses_and_the_morning_recalls_the_intention(
        store):
    """The snoozed prompt came back the next morning in place of the recall of the
    intention written that evening."""
    from datetime import date

    coach, clock = _coach(store, datetime(2026, 3, 2, 17, 20, tzinfo=TZ))
    offer = coach.offer(clock["now"].astimezone(timezone.utc), manual=True)
    assert offer is not None and offer.event is not None
    coach.respond(offer.event.id, "snoozed")  # back at 17:35, after the day's end
    store.save_reflection(date(2026, 3, 2), energy=4, intention="Thank Ana for the review")
    clock["now"] = datetime(2026, 3, 3, 9, 40, tzinfo=TZ)
    morning = coach.offer(clock["now"].astimezone(timezone.utc))
    assert morning is not None
    assert "Thank Ana for the review" in morning.note
    assert "again a little later" not in morning.why


def _prep_ready(store, tmp_path, meeting, **settings):  # type: ignore[no-untyped-def]
    from mlcoach.domain.model import Style

    cal = _calendar(tmp_path / "cal.ics", meeting, "Ana Silva")
    store.save_settings(Settings(calendar_path=str(cal), meeting_prep_minutes=10, **settings))
    if not store.people():
        store.add_person("Ana Silva", Style.REASSURANCE)
    now = meeting - timedelta(minutes=9)
    coach, _ = _coach(store, now)
    return coach, now.astimezone(timezone.utc)


def test_no_preparation_card_before_work_or_on_a_day_off(store, tmp_path):
    """Cards came at 06:20 for a 06:30 call and on Saturday at 19:50 for a dinner."""
    early = datetime(2026, 11, 25, 6, 30, tzinfo=TZ)  # a Wednesday, before 09:00
    coach, utc = _prep_ready(store, tmp_path, early)
    assert coach.due_action(utc) == "prep" and coach.take_prep(utc) is None
    assert coach.due_action(utc) != "prep"  # dropped, not queued
    saturday = datetime(2026, 11, 28, 14, 0, tzinfo=TZ)
    coach, utc = _prep_ready(store, tmp_path, saturday)
    assert coach.take_prep(utc) is None


def test_no_preparation_card_inside_another_meeting(store, tmp_path):
    """A one-to-one from 13:00 to 14:00 and a review at 14:00: the card for the review
    came at 13:50, while a screen may be shared in the one-to-one."""
    review = datetime(2026, 11, 24, 14, 0, tzinfo=TZ)
    coach, utc = _prep_ready(store, tmp_path, review)
    cal = tmp_path / "cal.ics"
    one_to_one = ("BEGIN:VEVENT\r\nUID:one\r\nDTSTAMP:20261101T000000Z\r\n"
                  "DTSTART:20261124T120000Z\r\nDTEND:20261124T130000Z\r\nSUMMARY:1:1\r\n"
                  "END:VEVENT\r\n")
    cal.write_text(cal.read_text(encoding="utf-8").replace("END:VCALENDAR", one_to_one
                                                           + "END:VCALENDAR"), encoding="utf-8")
    assert coach.take_prep(utc) is None


def test_saved_settings_make_nothing_due_at_once(store):
    """Moving the start of the day from 13:00 to 08:00 at noon brought a prompt one
    second after Save, while the user was still in Settings."""
    from datetime import time

    from mlcoach.coaching.scheduler import WAKE_SETTLE

    store.save_settings(Settings(day_start=time(13, 0)))
    now = datetime(2026, 11, 24, 12, 0, tzinfo=TZ)
    coach, _ = _coach(store, now)
    utc = now.astimezone(timezone.utc)
    store.save_settings(Settings(day_start=time(8, 0)))
    coach.reload_settings()
    coach.settings_saved(utc)
    due = coach.next_due(utc)
    assert due is not None and due >= utc + WAKE_SETTLE


def test_later_brings_a_prompt_back_once_and_the_day_keeps_its_number(store):
    """A user who pressed Later on every card got 32 cards in a day, one every quarter
    hour: snoozes never used up the day's number, and a return could be put off again."""
    store.save_settings(Settings(prompts_per_day=4))
    start = datetime(2026, 11, 24, 8, 0, tzinfo=TZ)
    coach, clock = _coach(store, start)
    now = start.astimezone(timezone.utc)
    shown: list[str] = []
    for _ in range(40):
        due = coach.next_due(now)
        if due is None or due.astimezone(TZ).date() != start.date():
            break
        now = clock["now"] = max(now, due)
        if coach.due_action(now) == "reflect":
            coach.mark_reflection_offered(now)
            continue
        offer = coach.offer(now)
        assert offer is not None and offer.event is not None
        shown.append(offer.prompt.id)
        coach.respond(offer.event.id, "snoozed")
        now += timedelta(seconds=1)
        clock["now"] = now
    assert len(shown) <= 8, shown  # four prompts, each back once
    assert all(shown.count(p) <= 2 for p in shown)


def test_a_prompt_put_off_into_the_quiet_before_the_reflection_does_not_come_back(store):
    """Later at 16:40 brought the card back at 16:55, in the half hour kept quiet before
    the 17:15 reflection (and after it, on top of the reflection)."""
    from datetime import time

    store.save_settings(Settings(reflection_time=time(17, 15), day_end=time(17, 30)))
    now = datetime(2026, 11, 24, 16, 40, tzinfo=TZ)
    coach, clock = _coach(store, now)
    offer = coach.offer(now.astimezone(timezone.utc), manual=True)
    assert offer is not None and offer.event is not None
    coach.respond(offer.event.id, "snoozed")
    clock["now"] = now + timedelta(minutes=16)
    utc = clock["now"].astimezone(timezone.utc)
    assert coach.due_action(utc) != "prompt"


def test_the_preview_shows_the_prompt_that_will_come_back(store):
    """`mlcoach prompt` said the next prompt was the snoozed one at 13:21, and showed
    another prompt than the one that came back."""
    now = datetime(2026, 11, 24, 13, 6, tzinfo=TZ)
    coach, _ = _coach(store, now)
    utc = now.astimezone(timezone.utc)
    offer = coach.offer(utc, manual=True)
    assert offer is not None and offer.event is not None
    coach.respond(offer.event.id, "snoozed")
    preview = coach.preview(utc + timedelta(minutes=1))
    assert preview.reason == "snoozed"
    assert preview.offer.prompt.id == offer.prompt.id


def test_the_recalled_intention_is_read_again_as_its_reflection_is_now(store):
    """An edit of the reflection shows in the waiting prompt's note; an intention erased
    takes its line away, and the rest of the note stays."""
    from datetime import date

    store.save_reflection(date(2026, 11, 23), energy=3, intention="Tell Priya she was harsh")
    now = datetime(2026, 11, 24, 9, 30, tzinfo=TZ)
    coach, _ = _coach(store, now)
    offer = coach.offer(now.astimezone(timezone.utc))
    assert offer is not None and offer.recalled == "Tell Priya she was harsh"
    assert coach.note_now(offer) is offer  # unchanged: nothing read again differs
    store.save_reflection(date(2026, 11, 23), energy=3, intention="Thank Priya")
    edited = coach.note_now(offer)
    assert edited.note.splitlines()[0] == "Yesterday you meant to: Thank Priya"
    assert "harsh" not in edited.note
    assert edited.note.splitlines()[1:] == offer.note.splitlines()[1:]
    store.save_reflection(date(2026, 11, 23), energy=3, intention="")
    erased = coach.note_now(edited)
    assert "meant to" not in erased.note and "Priya" not in erased.note
    assert erased.note.splitlines() == offer.note.splitlines()[1:]


def test_a_recalled_intention_goes_with_its_deleted_reflection(store):
    """History deletes a whole reflection now: the waiting prompt's "Yesterday you meant
    to" line goes with it."""
    from datetime import date

    store.save_reflection(date(2026, 11, 23), energy=3, intention="Tell Priya she was harsh")
    now = datetime(2026, 11, 24, 9, 30, tzinfo=TZ)
    coach, _ = _coach(store, now)
    offer = coach.offer(now.astimezone(timezone.utc))
    assert offer is not None and offer.recalled == "Tell Priya she was harsh"
    store.delete_reflection(date(2026, 11, 23))
    assert "Priya" not in coach.note_now(offer).note


def test_the_person_a_waiting_prompt_names_is_read_again_as_they_are_now(store):
    """Renamed, the note says the new name; deleted, archived or recognized since, the
    line goes: a card stays up ten minutes with the name on it."""
    now = datetime(2026, 11, 24, 10, 0, tzinfo=TZ)
    ana = store.add_person("Ana Silva")
    store.add_moment("Paired with Ana", person=ana.name, created_at=now - timedelta(days=20))
    coach, _ = _coach(store, now, _prompts_of("recognition"))
    offer = coach.offer(now.astimezone(timezone.utc))
    assert offer is not None and "Ana Silva" in offer.note
    assert coach.note_now(offer) is offer
    store.edit_person("Ana Silva", new_name="Ana Costa")
    renamed = coach.note_now(offer)
    assert "Ana Costa" in renamed.note and "Silva" not in renamed.note
    store.delete_person("Ana Costa")
    gone = coach.note_now(renamed)
    assert "Ana" not in gone.note and gone.named_id is None


@pytest.mark.parametrize(("typed", "line"), [
    ("Tomorrow I will ask my team about the retro",
     "Yesterday you meant to: ask your team about the retro"),
    ("I'll thank Priya for her review", "Yesterday you meant to: thank Priya for her review"),
    ("tomorrow: ask Bo to cc me when I am out",
     "Yesterday you meant to: ask Bo to cc you when you are out"),
    ("Thank Priya", "Yesterday you meant to: Thank Priya"),
])
def test_the_intention_is_recalled_from_todays_side(store, typed: str, line: str):  # type: ignore[no-untyped-def]
    """The reflection asks "Tomorrow I will…" and people type the whole sentence: it came
    back as "Yesterday you meant to: Tomorrow I will ask my team about the retro"."""
    from datetime import date

    store.save_reflection(date(2026, 11, 23), energy=3, intention=typed)
    now = datetime(2026, 11, 24, 9, 30, tzinfo=TZ)
    coach, _ = _coach(store, now)
    offer = coach.offer(now.astimezone(timezone.utc))
    assert offer is not None and offer.recalled == typed  # kept as typed
    assert offer.note.splitlines()[0] == line


def test_a_turkish_intention_is_recalled_without_its_tomorrow():  # type: ignore[no-untyped-def]
    from mlcoach.coaching.intentions import recalled

    assert recalled("Yarın Ana'ya teşekkür edeceğim", "tr") == "Ana'ya teşekkür edeceğim"
    assert recalled("Yarın", "tr") == "Yarın"


def test_a_look_at_the_pause_or_the_pace_writes_nothing(store):
    """The tray's menu asks whether prompts are paused on its own thread: the first ask
    wrote a new scheduler state there, waiting on another process's import to do it."""
    from mlcoach.coaching.service import STATE_KEY

    now = datetime(2026, 11, 24, 10, 0, tzinfo=TZ)
    coach, _ = _coach(store, now)
    assert not coach.is_paused() and coach.lowered_pace(now) is None
    assert not coach.restore_offered()
    assert store.get_state(STATE_KEY) is None
    coach.pause("1h")
    assert coach.is_paused() and store.get_state(STATE_KEY) is not None
