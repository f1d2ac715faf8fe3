"""Tests for mlcoach/store/people_insights.py: recognition due and meeting preparation."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from mlcoach.domain.model import ChangeKind, Kind, Outcome, Size, Style
from mlcoach.store.core import Store
from mlcoach.store.people_insights import prep_for_meeting, recognition_due

NOW = datetime(2025, 6, 12, 15, 0, tzinfo=timezone.utc)


def ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def moment(store: Store, person: str, kind: Kind, days_ago: float) -> None:
    store.add_moment(f"{kind.value} with {person}", kind, person=person,
                     created_at=ago(days_ago))


def suggest(store: Store, person: str, change: str, days_ago: float) -> str:
    sug, _ = store.add_suggestion(style=Style.FACTS, change=change,
                                  action=ChangeKind.DIFFERENTLY, size=Size.SMALL,
                                  text=change, person=person, created_at=ago(days_ago))
    return sug.id


# -- recognition_due -----------------------------------------------------------------


def test_recognition_due_sorts_most_overdue_first_with_days(store: Store) -> None:
    moment(store, "Ana", Kind.RECOGNITION, 20)
    moment(store, "Ana", Kind.SUGGESTION, 2)  # other kinds do not reset the gap
    moment(store, "Bo", Kind.SUPPORT, 40)
    moment(store, "Cem", Kind.RECOGNITION, 3)

    due = recognition_due(store, NOW)

    assert [(p.name, days) for p, days in due] == [("Bo", 40), ("Ana", 20)]


def test_support_counts_as_recognition(store: Store) -> None:
    moment(store, "Ana", Kind.RECOGNITION, 30)
    moment(store, "Ana", Kind.SUPPORT, 1)
    assert recognition_due(store, NOW) == []


def test_never_recognised_counts_from_the_first_interaction(store: Store) -> None:
    moment(store, "Ana", Kind.QUESTION, 16)
    moment(store, "Ana", Kind.OTHER, 1)
    moment(store, "Bo", Kind.DELEGATION, 5)  # known for five days only: not yet due

    assert [(p.name, d) for p, d in recognition_due(store, NOW)] == [("Ana", 16)]


def test_people_without_moments_and_archived_people_are_left_out(store: Store) -> None:
    store.add_person("Never Met", Style.FACTS)
    moment(store, "Gone", Kind.RECOGNITION, 90)
    store.archive_person("Gone")

    assert recognition_due(store, NOW) == []


@pytest.mark.parametrize(("days_ago", "due"), [(13.9, False), (14, True), (14.5, True)])
def test_gap_boundary_is_inclusive(store: Store, days_ago: float, due: bool) -> None:
    moment(store, "Ana", Kind.RECOGNITION, days_ago)
    assert bool(recognition_due(store, NOW)) is due


def test_custom_gap(store: Store) -> None:
    moment(store, "Ana", Kind.RECOGNITION, 8)
    assert recognition_due(store, NOW) == []
    assert [d for _, d in recognition_due(store, NOW, gap_days=7)] == [8]


def test_ties_are_sorted_by_name(store: Store) -> None:
    moment(store, "bo", Kind.RECOGNITION, 20)
    moment(store, "Ana", Kind.RECOGNITION, 20)
    assert [p.name for p, _ in recognition_due(store, NOW)] == ["Ana", "bo"]


def test_naive_now_is_refused(store: Store) -> None:
    with pytest.raises(ValueError):
        recognition_due(store, NOW.replace(tzinfo=None))


# -- prep_for_meeting ----------------------------------------------------------------


def names(result: list) -> list[str]:  # type: ignore[type-arg]
    return [person.name for person, _ in result]


def test_names_match_ignoring_case_and_spacing(store: Store) -> None:
    store.add_person("Ana Silva", Style.REASSURANCE)
    store.add_person("Bo")

    assert names(prep_for_meeting(store, ["  ana   SILVA ", "Somebody Else"])) == ["Ana Silva"]


def test_email_local_part_matches_full_name_or_first_name(store: Store) -> None:
    store.add_person("Ana Silva")
    assert names(prep_for_meeting(store, ["ana.silva@example.org"])) == ["Ana Silva"]
    assert names(prep_for_meeting(store, ["mailto:Ana.Silva@example.org"])) == ["Ana Silva"]
    assert names(prep_for_meeting(store, ["ana@example.org"])) == ["Ana Silva"]


def test_email_matches_a_saved_first_name(store: Store) -> None:
    store.add_person("Ana")
    store.add_person("Bo Berg")
    result = prep_for_meeting(store, ["ana.silva@example.org", "bo_berg+cal@example.org"])
    assert names(result) == ["Ana", "Bo Berg"]


def test_full_name_wins_over_first_name(store: Store) -> None:
    store.add_person("Ana")
    store.add_person("Ana Silva")
    store.add_person("Ana Costa")
    assert names(prep_for_meeting(store, ["ana.silva@example.org"])) == ["Ana Silva"]


def test_ambiguous_first_name_email_matches_nobody(store: Store) -> None:
    store.add_person("Ana Silva")
    store.add_person("Ana Costa")
    assert prep_for_meeting(store, ["ana@example.org"]) == []


def test_other_surname_does_not_match(store: Store) -> None:
    store.add_person("Ana Costa")
    assert prep_for_meeting(store, ["ana.silva@example.org"]) == []


def test_accents_are_ignored(store: Store) -> None:
    store.add_person("João Gonçalves")
    assert names(prep_for_meeting(store, ["joao.goncalves@example.org"])) == ["João Gonçalves"]


def test_each_person_once_in_attendee_order_and_archived_left_out(store: Store) -> None:
    store.add_person("Ana Silva")
    store.add_person("Bo")
    store.add_person("Gone")
    store.archive_person("Gone")
    attendees = ["Bo", "ana.silva@example.org", "Ana Silva", "gone@example.org", "Gone"]
    assert names(prep_for_meeting(store, attendees)) == ["Bo", "Ana Silva"]


def test_latest_open_suggestion_comes_with_the_person(store: Store) -> None:
    store.add_person("Ana", Style.FACTS)
    store.add_person("Bo")
    old = suggest(store, "Ana", "share the numbers weekly", 9)
    newer = suggest(store, "Ana", "use the wiki instead of email", 4)
    newest = suggest(store, "Ana", "demo on Fridays", 1)
    store.set_suggestion_outcome(newest, Outcome.FOLLOWED)
    store.set_suggestion_outcome(newer, Outcome.NOT_YET)  # not final: still open

    [(ana, sug), (bo, none)] = prep_for_meeting(store, ["ana@x.org", "bo@x.org"])

    assert (ana.name, ana.style) == ("Ana", Style.FACTS)
    assert sug is not None and sug.id == newer
    assert (bo.name, none) == ("Bo", None)
    store.set_suggestion_outcome(newer, Outcome.DECLINED)
    [(_, sug)] = prep_for_meeting(store, ["Ana"])
    assert sug is not None and sug.id == old


def test_empty_and_odd_attendees(store: Store) -> None:
    store.add_person("Ana")
    assert prep_for_meeting(store, []) == []
    assert prep_for_meeting(store, ["", "   ", "@example.org", "mailto:"]) == []


def test_open_suggestions_soonest_follow_up_first(store: Store) -> None:
    from datetime import date

    from mlcoach.store.people_insights import open_suggestions

    def add(change: str, person: str | None, follow_up: date | None) -> str:
        sug, _ = store.add_suggestion(style=None, change=change, action=ChangeKind.START,
                                      size=Size.SMALL, text=change, person=person,
                                      follow_up_on=follow_up)
        return sug.id

    late = add("late", "Ana", date(2025, 6, 20))
    soon = add("soon", None, date(2025, 6, 14))
    undated = add("undated", "Bo", None)
    done = add("done", "Ana", date(2025, 6, 13))
    waiting = add("waiting", "Ana", date(2025, 6, 15))
    store.set_suggestion_outcome(done, Outcome.FOLLOWED)
    store.set_suggestion_outcome(waiting, Outcome.NOT_YET)

    assert [s.id for s in open_suggestions(store)] == [soon, waiting, late, undated]
    assert [s.id for s in open_suggestions(store, person="ana")] == [waiting, late]
