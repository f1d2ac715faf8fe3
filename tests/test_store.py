"""Store round trips: what goes in comes back out, the same, in domain types."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from mlcoach.domain.errors import MlcoachError, UsageError
from mlcoach.domain.model import ChangeKind, Kind, Outcome, Response, Settings, Size, Style


def test_moment_round_trip_with_person_tags_and_style(store):
    store.add_person("Ana", Style.REASSURANCE, "prefers written notes")
    m = store.add_moment("Asked Ana how a shorter standup would work", Kind.QUESTION,
                         person="ana", tags=["Meetings", "#standup", "meetings"])
    back = store.get_moment(m.id)
    assert back == m
    assert back.person == "Ana"  # matched ignoring case, the saved spelling wins
    assert back.style is Style.REASSURANCE  # taken from the person
    assert back.tags == ("meetings", "standup")
    assert back.created_at.tzinfo is not None


def test_unknown_person_is_added(store):
    store.add_moment("Thanked Bo for the fix", Kind.RECOGNITION, person="Bo")
    assert [p.name for p in store.people()] == ["Bo"]


def test_names_colliding_by_case_are_one_person(store):
    store.add_person("Ana")
    with pytest.raises(MlcoachError, match="already"):
        store.add_person("ANA")


def test_bad_text_is_refused(store):
    for bad in ("", "   ", "a\x00b"):
        with pytest.raises(UsageError):
            store.add_moment(bad)
    with pytest.raises(UsageError):
        store.add_moment("ok", tags=["two words"])
    assert store.count_moments() == 0


def test_hostile_but_valid_text_is_stored_faithfully(store):
    texts = ["'; DROP TABLE moments; --", "\u202eevil\u202c", "🎉 emoji 👩‍💻", "x" * 1_000_000]
    ids = [store.add_moment(t).id for t in texts]
    assert [store.get_moment(i).text for i in ids] == texts


def test_edit_delete_and_undo(store):
    m = store.add_moment("First draft", tags=["a"])
    edited = store.update_moment(m.id, text="Second draft", kind=Kind.EXAMPLE, tags=["b"])
    assert (edited.text, edited.kind, edited.tags) == ("Second draft", Kind.EXAMPLE, ("b",))
    gone = store.delete_moment(m.id)
    assert store.get_moment(m.id) is None
    store.restore_moment(gone)
    assert store.get_moment(m.id).text == "Second draft"


def test_filters(store):
    base = datetime(2026, 1, 5, 10, tzinfo=timezone.utc)
    store.add_moment("one", Kind.EXAMPLE, person="Ana", tags=["x"], created_at=base)
    store.add_moment("two", Kind.QUESTION, person="Bo", created_at=base + timedelta(days=1))
    store.add_moment("three", Kind.EXAMPLE, created_at=base + timedelta(days=2))
    assert [m.text for m in store.moments(kind=Kind.EXAMPLE)] == ["three", "one"]
    assert [m.text for m in store.moments(person="ANA")] == ["one"]
    assert [m.text for m in store.moments(tag="x")] == ["one"]
    assert [m.text for m in store.moments(since=base + timedelta(hours=1))] == ["three", "two"]


def test_reflection_is_one_per_day_and_editable(store):
    day = date(2026, 11, 23)
    first = store.save_reflection(day, energy=3, went_well="Good review", intention="Ask Bo")
    second = store.save_reflection(day, energy=4, went_well="Good review, calm standup")
    assert first.id == second.id
    assert store.reflection(day).energy == 4
    assert len(store.reflections()) == 1
    with pytest.raises(UsageError):
        store.save_reflection(day, energy=6)
    assert store.last_intention(day + timedelta(days=1)) is None  # second save cleared it


def test_prompt_events_expire_when_the_next_is_shown(store):
    a = store.record_prompt_shown("recognition-01", "recognition", why="because")
    b = store.record_prompt_shown("example-02", "example")
    store.record_response(b.id, Response.DONE)
    events = {e.id: e for e in store.prompt_events()}
    assert events[a.id].response is Response.EXPIRED
    assert events[b.id].response is Response.DONE
    assert events[a.id].why == "because"


def test_suggestion_outcome_reaches_its_planned_moment(store):
    sug, moment = store.add_suggestion(
        style=Style.FACTS, change="use the wiki", action=ChangeKind.DIFFERENTLY,
        size=Size.SMALL, text="...", person="Ana", follow_up_on=date(2026, 12, 1))
    assert moment is not None and moment.planned and moment.suggestion_id == sug.id
    assert [m.id for m in store.follow_ups_due(date(2026, 12, 1))] == [moment.id]
    store.set_suggestion_outcome(sug.id, Outcome.FOLLOWED)
    assert store.get_moment(moment.id).outcome is Outcome.FOLLOWED
    assert store.follow_ups_due(date(2026, 12, 2)) == []


def test_settings_round_trip_and_garbage_is_ignored(store):
    from datetime import time

    s = Settings(prompts_per_day=2, focus_themes=("presence",), day_start=time(8, 30))
    store.save_settings(s)
    assert store.settings() == s
    store.set_state("settings", {"prompts_per_day": "lots", "day_end": "25:99", "language": 5})
    assert store.settings() == Settings()


def test_search_finds_words_across_kinds_and_highlights(store):
    store.add_moment("Praised the migration checklist in standup", person="Ana")
    store.add_moment("Nothing relevant here")
    store.save_reflection(date(2026, 11, 23), energy=3, went_well="The checklist helped")
    hits = store.search("checklist")
    assert {h.entity for h in hits} == {"moment", "reflection"}
    assert all("[checklist]" in h.snippet.lower() for h in hits)
    assert [h.entity for h in store.search("check", person="ana")] == ["moment"]
    assert store.search('"; DROP') == []


@pytest.mark.parametrize("query", ["ışıl", "Işıl", "IŞIL", "işil", "ISIL"])
def test_search_finds_a_turkish_word_whichever_i_it_was_written_with(store, query):
    """Three moments with "Işıl", "IŞIL" and "ışıl": each spelling of the search found only
    one (the index folds I and İ to i and keeps ı), though a name is one person however
    its I was typed (name_key). The light path used by the shell and History does too."""
    for text in ("Işıl ile konuştum", "IŞIL sunumu yaptı", "ışıl teşekkür etti",
                 "İsmail geldi", "Ilgın rapor yazdı"):
        store.add_moment(text)
    hits = store.search(query)
    assert len(hits) == 3, [h.snippet for h in hits]
    assert all("[" in h.snippet for h in hits)
    assert len(store.search("ismail")) == 1 and len(store.search("İSMAİL")) == 1
    assert len(store.search("ılgın")) == 1 and len(store.search("ilgin")) == 1
    assert store.search("isolde") == []


def _nfd(text: str) -> str:
    import unicodedata
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(("stored", "typed"), [
    ("Görüşme çok iyiydi", "görüşme"),          # both composed
    (_nfd("Görüşme çok iyiydi"), "görüşme"),    # pasted decomposed, typed composed
    ("Görüşme çok iyiydi", _nfd("görüşme")),    # typed decomposed (an input method, a paste)
    (_nfd("Çağrı sunumu yaptı"), _nfd("çağrı")),
])
def test_search_finds_a_word_whichever_way_its_accents_were_encoded(store, stored, typed):
    """A search typed with decomposed accents ("s" + U+0327 for "ş") found nothing: the
    query was cut at every accent into "go", "ru", "s", "me", which the index has not."""
    store.add_moment(stored)
    store.add_moment("Başka bir şey")
    hits = store.search(typed)
    assert len(hits) == 1 and "[" in hits[0].snippet, [h.snippet for h in hits]


def test_search_since_a_date_keeps_every_kind_of_entry(store):
    """`search quokka --since 2026-01-01` found only the moment of a moment, a reflection,
    a person and a suggestion all written today: --since is a date, not a kind."""
    from datetime import datetime, timedelta, timezone

    store.add_moment("Saw a quokka at the offsite")
    store.save_reflection(date.today(), energy=3, went_well="the quokka photo")
    store.add_person("Quinn", None, "loves quokkas")
    store.add_suggestion(style=None, change="a quokka sticker for each release",
                         action=ChangeKind.START, size=Size.SMALL, text="t")
    since = datetime.now(timezone.utc) - timedelta(days=1)
    everything = {h.entity for h in store.search("quokka")}
    assert everything == {"moment", "reflection", "person", "suggestion"}
    assert {h.entity for h in store.search("quokka", since=since)} == everything
    assert store.search("quokka", since=since + timedelta(days=3)) == []
    assert {h.entity for h in store.search("quokka", kind=Kind.OTHER)} == {"moment"}


def test_search_index_follows_edits_and_deletes(store):
    m = store.add_moment("alpha")
    store.update_moment(m.id, text="beta")
    assert store.search("alpha") == [] and len(store.search("beta")) == 1
    store.delete_moment(m.id)
    assert store.search("beta") == []


def test_backup_is_encrypted_and_opens_with_the_key(opened, layout):
    import sqlite3

    from mlcoach.store.db import backup_file, connect_raw

    opened.store.add_moment("in the backup")
    target = backup_file(layout.db, opened.secret, layout.backups, datetime.now(timezone.utc))
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(target).execute("SELECT * FROM sqlite_master").fetchall()
    conn = connect_raw(target, opened.secret)
    assert conn.execute("SELECT text FROM moments").fetchall() == [("in the backup",)]
    conn.close()


@pytest.mark.parametrize("name", ["prompts_per_day", "min_gap_minutes", "recognition_gap_days",
                                  "meeting_prep_minutes"])
def test_a_number_setting_outside_its_range_takes_its_nearest_end(store, name):
    from mlcoach.domain.model import SETTING_RANGES

    low, high = SETTING_RANGES[name]
    for value, expected in ((10**30, high), (2_000_000_000, high), (high + 1, high),
                            (low - 1, low), (-1, low), (low, low), (high, high)):
        store.set_state("settings", {name: value})
        assert getattr(store.settings(), name) == expected, value
    store.set_state("settings", {name: "lots"})  # the wrong shape: the default
    assert getattr(store.settings(), name) == getattr(Settings(), name)


@pytest.mark.parametrize("name", ["Ana\u200b", "\u200bAna", "A\u00adna", "A\u202eB", "Ana\ufeff",
                                  "Ana\x1b", "An\x07a", "Ana\x9b"])
def test_a_name_with_a_character_that_hides_in_it_is_refused(store, name):
    """"Ana" and "Ana\u200b" were two people who look the same; "A\u202eB" reorders. So
    were "Ana" and "Ana\x1b": a window draws nothing for a control character."""
    from mlcoach.domain.errors import UsageError

    with pytest.raises(UsageError, match="invisible character"):
        store.add_person(name)
    with pytest.raises(UsageError, match="invisible character"):
        store.add_moment("x", person=name)
    assert store.people() == []
    store.add_person("Ana")
    assert [p.name for p in store.people()] == ["Ana"]


@pytest.mark.parametrize(("name", "value"), [
    ("workdays", [-1, 99999999999]), ("workdays", [0, 0, 1]), ("workdays", "0123"),
    ("notification_route", "\x1b[2J"), ("notification_route", "sometimes"),
    ("language", "xx"), ("calendar_emails", [1, 2]), ("focus_themes", ["a\nb"]),
])
def test_a_setting_outside_what_it_can_be_is_left_at_its_default(store, name, value):
    """From a file or an edited store: taken as they were, exported again as they were."""
    from mlcoach.domain.model import Settings
    from mlcoach.store.import_rows import import_settings_plan

    store.set_state("settings", {name: value})
    assert getattr(store.settings(), name) == getattr(Settings(), name)
    changed, ignored = import_settings_plan({"settings": {name: value}}, {})
    assert changed == {} and ignored == [name]


@pytest.mark.parametrize(("saved", "expected"), [
    ({"day_start": "18:00", "day_end": "09:00"}, ("09:00", "17:30")),
    ({"day_start": "10:00", "day_end": "10:00"}, ("09:00", "17:30")),
    ({"day_start": "18:00"}, ("09:00", "17:30")),  # after the default end of day
    ({"day_start": "07:00", "day_end": "15:00"}, ("07:00", "15:00")),
])
def test_a_working_day_that_does_not_end_after_it_starts_takes_the_default_hours(
        store, saved, expected):
    """Such a day had no room for a prompt: the coach fell silent with no word why."""
    store.set_state("settings", saved)
    settings = store.settings()
    assert (settings.day_start.strftime("%H:%M"), settings.day_end.strftime("%H:%M")) == expected


def test_an_import_takes_working_hours_only_as_a_day_that_ends_after_it_starts():
    from mlcoach.store.import_rows import import_settings_plan

    night = {"day_start": "18:00", "day_end": "09:00"}
    changed, ignored = import_settings_plan({"settings": night}, {})
    assert changed == {} and sorted(ignored) == ["day_end", "day_start"]
    # Each alone is a time; together with the other they make a day.
    late = {"day_start": "18:00", "day_end": "23:00"}
    assert import_settings_plan({"settings": late}, {}) == (late, [])
    # A new end before the start already saved is left out, the start kept.
    changed, ignored = import_settings_plan({"settings": {"day_end": "08:00"}},
                                            {"day_start": "09:00", "day_end": "17:30"})
    assert changed == {} and ignored == ["day_end"]


def test_a_name_or_tag_typed_in_either_unicode_form_is_one(store):
    """"José" typed with "é" and with "e" plus a combining accent were two people who look
    the same; "café" likewise two tags."""
    import unicodedata

    composed, decomposed = "José", unicodedata.normalize("NFD", "José")
    store.add_person(composed)
    assert store.add_moment("x", person=decomposed, tags=["café"]).person == composed
    store.add_moment("y", tags=[unicodedata.normalize("NFD", "café")])
    assert [p.name for p in store.people()] == [composed]
    assert sorted(t for m in store.moments() for t in m.tags) == ["café", "café"]


def test_a_reflection_saved_meanwhile_keeps_the_answers_the_other_left_as_they_were(store):
    """Two `reflect --text` at once (or the window and a terminal): the later save wrote
    back the empty answers it had read at its start, over the other's words."""
    from datetime import date, datetime, timezone

    day = date(2026, 12, 1)
    start = datetime(2026, 12, 1, 17, 0, tzinfo=timezone.utc)
    base = (None, "", "", "")  # what the slower session read when it began
    store.save_reflection(day, energy=4, went_well="Shipped the release", differently="Ask",
                          intention="Pair with Bob", at=start + timedelta(minutes=2))
    saved = store.save_reflection(day, energy=2, went_well="", differently="", intention="",
                                  at=start, base=base)
    assert (saved.energy, saved.went_well, saved.differently, saved.intention) == (
        2, "Shipped the release", "Ask", "Pair with Bob")
    assert saved.updated_at >= saved.created_at
    # Without a base, what is given is what is written (the dialog's Discard-free save).
    plain = store.save_reflection(day, energy=3, went_well="", at=start)
    assert (plain.energy, plain.went_well, plain.intention) == (3, "", "")


def test_a_reflection_deleted_meanwhile_is_not_saved_back_empty(store):
    """A window (or `reflect --text`) loaded the day's reflection, the user changed
    nothing, and it was deleted elsewhere before the save: the answers left as loaded
    keep what is stored, which is nothing now, and an empty row was written for the day.
    Nothing is written; an answer changed meanwhile is still saved."""
    day = date(2026, 12, 1)
    loaded = (3, "Calm demo", "Ask Bo earlier", "Rest")
    store.save_reflection(day, energy=3, went_well="Calm demo", differently="Ask Bo earlier",
                          intention="Rest")
    store.delete_reflection(day)
    assert store.save_reflection(day, energy=3, went_well="Calm demo",
                                 differently="Ask Bo earlier", intention="Rest",
                                 base=loaded) is None
    assert store.reflection(day) is None and store.reflections() == []
    saved = store.save_reflection(day, energy=3, went_well="Calm demo",
                                  differently="Ask Bo earlier", intention="Rest, then run",
                                  base=loaded)
    assert saved is not None
    assert (saved.energy, saved.went_well, saved.intention) == (None, "", "Rest, then run")


def test_a_suggestion_held_to_someone_deleted_is_not_saved_and_does_not_make_them(store):
    """A window held Dana's id; Dana was deleted meanwhile: the save made a new Dana."""
    from mlcoach.domain.errors import PersonDeletedError

    dana = store.add_person("Dana", Style.FACTS)
    store.delete_person("Dana")
    with pytest.raises(PersonDeletedError, match="Dana was deleted meanwhile"):
        store.add_suggestion(style=Style.FACTS, change="demo on Fridays",
                             action=ChangeKind.START, size=Size.SMALL, text="t",
                             person="Dana", held=dana.id)
    assert store.people() == [] and store.suggestions() == [] and store.moments() == []
    # merged away: theirs who they were merged into, as before
    ana = store.add_person("Ana'ya", Style.FACTS)
    store.add_person("Ana", Style.FACTS)
    store.merge_person("Ana'ya", into="Ana")
    suggestion, _ = store.add_suggestion(style=Style.FACTS, change="demo on Fridays",
                                         action=ChangeKind.START, size=Size.SMALL, text="t",
                                         person="Ana'ya", held=ana.id)
    assert suggestion.person == "Ana"
    assert [p.name for p in store.people()] == ["Ana"]


@pytest.mark.parametrize("tag", ["ops\u200b", "\u200bops", "ops\x1b", "o\x07ps", "ops\u202e"])
def test_a_tag_with_a_character_that_hides_in_it_is_refused(store, tag):
    """`capture --tag "ops\u200b"` kept a second #ops that looks the same as the first, and
    that `search "#ops"` and the tag filter do not find."""
    from mlcoach.domain.errors import UsageError

    with pytest.raises(UsageError, match="invisible character"):
        store.add_moment("Ran the retro", tags=[tag])
    assert store.count_moments() == 0
    store.add_moment("Ran the retro", tags=["#ops"])
    assert [m.tags for m in store.moments()] == [("ops",)]
