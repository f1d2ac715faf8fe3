"""Timeline: one chronological list of everything, filters, keyset paging, search and ranking."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import keyring
import pytest

from benchmarks.generate_store import counts_for, generate
from mlcoach.domain.model import ChangeKind, Kind, Outcome, Response, Size, Style
from mlcoach.security.keys import OSKeyring
from mlcoach.store.core import Store
from mlcoach.store.timeline import (
    Cursor,
    EntryKind,
    Timeline,
    TimelineEntry,
    TimelineFilter,
    excerpt,
    highlight_spans,
)
from mlcoach.store.vault import Layout, init_store
from tests.memkeyring import MemoryKeyring

NOW = datetime(2025, 6, 12, 15, 20, tzinfo=UTC)
TZ = ZoneInfo("Europe/Berlin")


def ago(hours: float) -> datetime:
    return NOW - timedelta(hours=hours)


def generated(root: Path, years: int) -> Iterator[Store]:
    """An encrypted store holding `years` of generated history (keyring in memory)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    opened = init_store(Layout(root), "keyring", keys=OSKeyring())
    try:
        generate(opened.store, years=years, seed=7, now=NOW, tz=TZ)
        yield opened.store
    finally:
        opened.store.close()
        keyring.set_keyring(previous)


@pytest.fixture(scope="module")
def year_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    yield from generated(tmp_path_factory.mktemp("year"), years=1)


@pytest.fixture
def filled(store: Store) -> Store:
    """A few of everything at known times."""
    event = store.record_prompt_shown("recognition-01", "recognition", at=ago(30))
    store.record_response(event.id, Response.DONE, at=ago(29.5))
    store.add_moment("Thanked Ana for the release notes", Kind.RECOGNITION, person="Ana",
                     tags=["release", "team"], created_at=ago(29), prompt_event_id=event.id,
                     outcome=Outcome.FOLLOWED)
    store.add_moment("Left on time and said so", Kind.EXAMPLE, created_at=ago(20))
    store.add_suggestion(style=Style.FACTS, change="Write the agenda first",
                         action=ChangeKind.START, size=Size.SMALL,
                         text="How would it work to write the agenda first?", person="Bo",
                         created_at=ago(10), plan=False)
    store.save_reflection(NOW.date() - timedelta(days=1), energy=4,
                          went_well="The release demo went well", differently="",
                          intention="Ask Bo about the agenda", at=ago(5))
    store.add_moment("Asked Bo how the agenda would work", Kind.QUESTION, person="Bo",
                     tags=["meeting"], created_at=ago(2), outcome=Outcome.DECLINED)
    return store


def texts(entries: list[TimelineEntry]) -> list[str]:
    return [e.text for e in entries]


# -- the list ---------------------------------------------------------------------------


def test_everything_newest_first_with_its_details(filled: Store) -> None:
    tl = Timeline(filled, prompt_titles={"recognition-01": "Notice a small win"})
    entries = tl.page(TimelineFilter())
    assert [e.kind for e in entries] == [
        EntryKind.MOMENT, EntryKind.REFLECTION, EntryKind.SUGGESTION, EntryKind.MOMENT,
        EntryKind.MOMENT, EntryKind.PROMPT,
    ]
    assert [e.when for e in entries] == sorted((e.when for e in entries), reverse=True)
    assert all(e.when.tzinfo is not None for e in entries)
    thanked = entries[4]
    assert thanked.person == "Ana" and thanked.tags == ("release", "team")
    assert thanked.theme == "recognition" and thanked.outcome is Outcome.FOLLOWED
    assert thanked.moment_kind is Kind.RECOGNITION
    prompt = entries[5]
    assert prompt.text == "Notice a small win" and prompt.response is Response.DONE
    assert entries[1].text == "The release demo went well\nAsk Bo about the agenda"
    assert entries[1].energy == 4
    assert entries[2].person == "Bo" and "write the agenda" in entries[2].detail
    assert tl.count(TimelineFilter()) == 6


def test_prompt_title_falls_back_to_its_id(filled: Store) -> None:
    [prompt] = Timeline(filled).page(TimelineFilter(kinds=frozenset({EntryKind.PROMPT})))
    assert prompt.text == "recognition-01"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (TimelineFilter(moment_kind=Kind.EXAMPLE), ["Left on time and said so"]),
        (TimelineFilter(person="ana"), ["Thanked Ana for the release notes"]),
        (TimelineFilter(person="Bo"), ["Asked Bo how the agenda would work",
                                       "Write the agenda first"]),
        (TimelineFilter(tag="#Release"), ["Thanked Ana for the release notes"]),
        (TimelineFilter(theme="recognition"), ["Thanked Ana for the release notes",
                                               "recognition-01"]),
        (TimelineFilter(outcome=Outcome.DECLINED), ["Asked Bo how the agenda would work"]),
        (TimelineFilter(since=ago(12), until=ago(4)), ["The release demo went well\n"
                                                       "Ask Bo about the agenda",
                                                       "Write the agenda first"]),
        (TimelineFilter(kinds=frozenset({EntryKind.SUGGESTION, EntryKind.REFLECTION})),
         ["The release demo went well\nAsk Bo about the agenda", "Write the agenda first"]),
        (TimelineFilter(person="Nobody"), []),
        (TimelineFilter(kinds=frozenset()), []),
    ],
)
def test_filters(filled: Store, filters: TimelineFilter, expected: list[str]) -> None:
    tl = Timeline(filled)
    assert texts(tl.page(filters)) == expected
    assert tl.count(filters) == len(expected)


def test_naive_times_are_refused(filled: Store) -> None:
    with pytest.raises(ValueError, match="naive"):
        Timeline(filled).page(TimelineFilter(since=datetime(2025, 1, 1)))


def test_entry_reads_one_row_back(filled: Store) -> None:
    tl = Timeline(filled)
    first = tl.page(TimelineFilter())[0]
    assert tl.entry(first.kind, first.id) == first
    assert tl.entry(EntryKind.MOMENT, "missing") is None


def test_edits_and_undo_show_up(filled: Store) -> None:
    tl = Timeline(filled)
    first = tl.page(TimelineFilter())[0]
    filled.update_moment(first.id, text="Asked Bo a supportive question", kind=Kind.SUPPORT)
    again = tl.entry(EntryKind.MOMENT, first.id)
    assert again is not None and again.text == "Asked Bo a supportive question"
    assert again.moment_kind is Kind.SUPPORT and again.tags == ("meeting",)
    gone = filled.delete_moment(first.id)
    assert first.id not in {e.id for e in tl.page(TimelineFilter())}
    filled.restore_moment(gone)
    assert tl.page(TimelineFilter())[0].id == first.id


# -- search -------------------------------------------------------------------------------


def test_search_finds_moments_suggestions_and_reflections(filled: Store) -> None:
    tl = Timeline(filled)
    by_time = tl.page(TimelineFilter(query="agenda", best_first=False))
    assert [e.kind for e in by_time] == [EntryKind.MOMENT, EntryKind.REFLECTION,
                                         EntryKind.SUGGESTION]
    assert all(e.score is None for e in by_time)
    ranked = tl.page(TimelineFilter(query="agenda"))
    assert {e.id for e in ranked} == {e.id for e in by_time}
    scores = [e.score for e in ranked]
    assert all(s is not None for s in scores) and scores == sorted(scores)  # type: ignore[type-var]
    assert tl.count(TimelineFilter(query="agenda")) == 3


def test_search_is_prefix_and_accent_insensitive(filled: Store) -> None:
    filled.add_moment("Café chat with Émile about the roadmap", created_at=ago(1))
    tl = Timeline(filled)
    assert texts(tl.page(TimelineFilter(query="cafe emil"))) == [
        "Café chat with Émile about the roadmap"]
    assert tl.page(TimelineFilter(query="\"; DROP TABLE moments; --")) == []


def test_search_combines_with_filters(filled: Store) -> None:
    tl = Timeline(filled)
    assert texts(tl.page(TimelineFilter(query="agenda", person="Bo",
                                        kinds=frozenset({EntryKind.MOMENT})))) == [
        "Asked Bo how the agenda would work"]
    assert tl.page(TimelineFilter(query="agenda", moment_kind=Kind.EXAMPLE)) == []
    # prompts carry no text of the user's, so a search leaves them out
    assert tl.page(TimelineFilter(query="recognition")) == []


def test_best_match_comes_first(store: Store) -> None:
    store.add_moment("agenda", created_at=ago(50))
    store.add_moment("A long note that mentions the agenda once among many other words "
                     "about the sprint, the demo, the release and the roadmap", created_at=ago(1))
    ranked = Timeline(store).page(TimelineFilter(query="agenda"))
    assert ranked[0].text == "agenda"


def test_matches_are_ranked_a_band_at_a_time_newest_band_first(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """With thousands of matches, the best of the newest RANK_BAND come first, then the
    best of the next band: every match is still listed exactly once."""
    from mlcoach.store import search

    monkeypatch.setattr(search, "RANK_BAND", 3)
    filler = " among many other words about the sprint, the demo and the release"
    for i in range(8):  # written oldest first; the oldest is the best match of all
        store.add_moment("agenda" if i == 0 else f"agenda {i}{filler * (8 - i)}",
                         created_at=ago(100 - i))
    tl = Timeline(store)
    for limit in (1, 2, 5, 50):
        ranked = walk(tl, TimelineFilter(query="agenda"), limit)
        assert len(ranked) == len({e.id for e in ranked}) == 8, limit
        bands = [ranked[0:3], ranked[3:6], ranked[6:]]
        for band in bands:  # best first inside a band
            scores = [e.score or 0.0 for e in band]
            assert scores == sorted(scores), limit
        newest = sorted(ranked, key=lambda e: e.when, reverse=True)
        assert [{e.id for e in b} for b in bands] == [
            {e.id for e in newest[0:3]}, {e.id for e in newest[3:6]}, {e.id for e in newest[6:]}]
        assert ranked[6].text == "agenda"  # the best match of all leads the oldest band
    hits = store.search("agenda", limit=2)
    assert [h.ref for h in hits] == [e.id for e in walk(tl, TimelineFilter(query="agenda"), 2)[:2]]
    assert all("[agenda]" in h.snippet for h in hits)
    monkeypatch.setattr(search, "RANK_BAND", 2000)
    assert store.search("agenda", limit=1)[0].snippet == "[agenda]"  # one band: the best


def test_people_notes_are_searched(filled: Store) -> None:
    filled.edit_person("Bo", notes="Nervous before demos; likes the facts first")
    tl = Timeline(filled)
    assert tl.people_matching("nervous demo") == ["Bo"]
    assert tl.people_matching("ana") == ["Ana"]
    assert tl.people_matching("") == []


def test_choices(filled: Store) -> None:
    choices = Timeline(filled).choices()
    assert choices.people == ["Ana", "Bo"]
    assert set(choices.tags) == {"release", "team", "meeting"}
    assert choices.themes == ["recognition"]
    assert choices.person_ids == [filled.find_person(n).id for n in choices.people]


def test_a_person_held_by_id_is_filtered_by_though_renamed(filled: Store) -> None:
    """A window's filter holds who it shows: renamed since, their rows still; merged
    into someone else, none (not whoever has the name now)."""
    tl = Timeline(filled)
    ana = filled.find_person("Ana").id
    hers = walk(tl, TimelineFilter(person_id=ana), 50)
    assert hers and all(e.person == "Ana" for e in hers)
    filled.edit_person("Ana", new_name="Ana Lima")
    assert [e.id for e in walk(tl, TimelineFilter(person_id=ana), 50)] == [e.id for e in hers]
    assert walk(tl, TimelineFilter(person="Ana"), 50) == []
    filled.merge_person("Ana Lima", into="Bo")
    assert walk(tl, TimelineFilter(person_id=ana), 50) == []


@pytest.mark.parametrize(
    ("value", "query", "marked"),
    [
        ("Thanked Ana for the release notes", "thank rel", ["Thanked", "release"]),
        ("Café with Émile", "cafe EMIL", ["Café", "Émile"]),
        ("re-release of the REL", "rel", ["release", "REL"]),
        ("nothing here", "agenda", []),
        ("anything", "", []),
        ("Işıl, IŞIL ve ışıl", "işıl", ["Işıl", "IŞIL", "ışıl"]),  # as the search finds them
        # decomposed accents (a paste, an input method) stay inside their word
        (unicodedata.normalize("NFD", "Görüşme iyiydi"), "görüş",
         [unicodedata.normalize("NFD", "Görüşme")]),
        ("Görüşme iyiydi", unicodedata.normalize("NFD", "görüş"), ["Görüşme"]),
    ],
)
def test_highlight_spans(value: str, query: str, marked: list[str]) -> None:
    assert [value[a:b] for a, b in highlight_spans(value, query)] == marked


def test_excerpt_starts_near_the_first_match_on_one_line() -> None:
    value = "went well\n" + "word " * 30 + "the agenda was short\nintention"
    spans = highlight_spans(value, "agenda")
    line, moved = excerpt(value, spans)
    assert line.startswith("…") and "\n" not in line
    assert [line[a:b] for a, b in moved] == ["agenda"]
    short, kept = excerpt("The agenda\nnext", highlight_spans("The agenda\nnext", "agenda"))
    assert short == "The agenda · next" and [short[a:b] for a, b in kept] == ["agenda"]


# -- a generated year -------------------------------------------------------------------------


def walk(tl: Timeline, filters: TimelineFilter, limit: int) -> list[TimelineEntry]:
    """Every entry, page by page through the cursors."""
    out: list[TimelineEntry] = []
    cursor: Cursor | None = None
    while True:
        page = tl.next_page(filters, cursor, limit)
        out += page.entries
        if page.next is None:
            return out
        cursor = page.next


def test_generated_year_pages_cover_everything_once(year_store: Store) -> None:
    tl = Timeline(year_store)
    counts = counts_for(1)
    everything = walk(tl, TimelineFilter(), 500)
    total = counts.moments + counts.prompt_events + counts.reflections + counts.suggestions
    assert len(everything) == total == tl.count(TimelineFilter())
    assert len({(e.kind, e.id) for e in everything}) == total
    keys = [(e.when, e.id) for e in everything]
    assert keys == sorted(keys, reverse=True)
    # keyset pages and offset pages agree
    assert tl.page(TimelineFilter(), offset=1000, limit=200) == everything[1000:1200]


def test_generated_year_filters_match_the_store(year_store: Store) -> None:
    tl = Timeline(year_store)
    person = year_store.people()[0].name
    since, until = NOW - timedelta(days=90), NOW - timedelta(days=30)
    moments_only = frozenset({EntryKind.MOMENT})
    cases = [
        (TimelineFilter(kinds=moments_only, person=person),
         year_store.moments(person=person)),
        (TimelineFilter(moment_kind=Kind.DELEGATION), year_store.moments(kind=Kind.DELEGATION)),
        (TimelineFilter(tag="release"), year_store.moments(tag="release")),
        (TimelineFilter(kinds=moments_only, outcome=Outcome.NOT_YET),
         year_store.moments(outcome=Outcome.NOT_YET)),
        (TimelineFilter(kinds=moments_only, since=since, until=until),
         year_store.moments(since=since, until=until)),
    ]
    for filters, expected in cases:
        got = walk(tl, filters, 300)
        assert [e.id for e in got] == [m.id for m in expected], filters
        assert tl.count(filters) == len(expected)


def test_generated_year_search(year_store: Store) -> None:
    tl = Timeline(year_store)
    filters = TimelineFilter(query="thanked")
    ranked = walk(tl, filters, 100)
    by_time = walk(tl, TimelineFilter(query="thanked", best_first=False), 100)
    assert ranked and {e.id for e in ranked} == {e.id for e in by_time}
    assert len(ranked) == len({e.id for e in ranked}) == tl.count(filters)
    assert all(highlight_spans(e.text, "thanked") for e in ranked)
    scores = [e.score or 0.0 for e in ranked]
    assert scores == sorted(scores)
    store_hits = year_store.search("thanked", limit=20)
    assert {h.ref for h in store_hits} <= {e.id for e in ranked}
    person = year_store.people()[1].name
    mine = walk(tl, TimelineFilter(query="thanked", person=person), 50)
    assert mine and all(e.person == person for e in mine)


@pytest.fixture(scope="module")
def ten_years(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    yield from generated(tmp_path_factory.mktemp("ten"), years=10)


@pytest.mark.slow
def test_ten_years_counts_search_and_paging(ten_years: Store) -> None:
    tl = Timeline(ten_years)
    assert ten_years.count_moments() == 50_000
    assert len(ten_years.prompt_events()) == 20_000
    assert len(ten_years.reflections()) == 2_500
    assert len(ten_years.people(include_archived=True)) == 300
    total = tl.count(TimelineFilter())
    assert total == 50_000 + 20_000 + 2_500 + counts_for(10).suggestions
    first = walk_some(tl, TimelineFilter(), pages=5, limit=200)
    assert first == tl.page(TimelineFilter(), offset=0, limit=1000)
    assert tl.page(TimelineFilter(), offset=total - 3, limit=10)[-1].when < first[-1].when
    ranked = tl.next_page(TimelineFilter(query="agenda"), None, 200).entries
    assert len(ranked) == 200 and all(highlight_spans(e.text, "agenda") for e in ranked)
    assert ten_years.search("agenda", limit=5)


def walk_some(tl: Timeline, filters: TimelineFilter, pages: int,
              limit: int) -> list[TimelineEntry]:
    out: list[TimelineEntry] = []
    cursor: Cursor | None = None
    for _ in range(pages):
        page = tl.next_page(filters, cursor, limit)
        out += page.entries
        cursor = page.next
    return out
