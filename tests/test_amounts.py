"""A change said as how much there is of something ("too many people in the incident
channel", "not enough tests", "we need better onboarding docs"): asked as the amount it
wants, and no act of one's own by example (unit tests of the composer; no store, no Qt)."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind, Size
from mlcoach.influence.composer import (
    ComposerError,
    SuggestionRequest,
    compose,
    supportive_question,
)

DIFF, STOP = ChangeKind.DIFFERENTLY, ChangeKind.STOP
NOT_AN_ACT = "needs something you will do yourself"


@pytest.mark.parametrize(("change", "question"), [
    ("too many people in the incident channel",
     "How would it work for you if fewer people were in the incident channel?"),
    ("there are way too many people in the incident channel",
     "How would it work for you if fewer people were in the incident channel?"),
    ("too much noise in the incident channel",
     "How would it work for you if we had less noise in the incident channel?"),
    ("too many meetings on Mondays",
     "How would it work for you if we had fewer meetings on Mondays?"),
    ("not enough tests", "How would it work for you if we had more tests?"),
    ("there aren't enough reviewers", "How would it work for you if we had more reviewers?"),
    ("too much context switching", "How would it work for you if we had less context switching?"),
    ("we need better onboarding docs",
     "How would it work for you if we had better onboarding docs?"),
])
def test_an_amount_is_asked_as_the_change_it_wants(change: str, question: str) -> None:
    """"too many people in the incident channel" was quoted as a thing to try ("if we
    tried this: “too many people …”")."""
    assert supportive_question(change, DIFF, "en", "Sam") == question


def test_an_amount_to_stop_is_asked_as_less_of_it() -> None:
    assert supportive_question("too many tickets in progress", STOP, "en") == \
        "How would it work for you if we had fewer tickets in progress?"


@pytest.mark.parametrize("change", [
    "too many people ping me after 6", "too many meetings get scheduled over lunch",
])
def test_an_amount_said_with_what_happens_is_looked_at_together(change: str) -> None:
    """Not "if we had fewer people ping me after 6", nor "if we tried this: …"."""
    assert supportive_question(change, DIFF, "en") == \
        f"How would it work for you if we looked at this together: “{change}”?"


@pytest.mark.parametrize("change", [
    "too many people in the incident channel", "too much noise in the incident channel",
    "not enough tests", "too many meetings", "we need better onboarding docs",
    "we need a weekly demo", "too many meetings get scheduled over lunch",
])
def test_an_amount_or_a_want_is_no_example_of_one_s_own(change: str) -> None:
    """By example, "too many people in the incident channel" read "Let the work make the
    case: “too many people in the incident channel”, visibly"."""
    with pytest.raises(ComposerError, match=NOT_AN_ACT):
        compose(SuggestionRequest(change, None, DIFF, Size.MEDIUM, None, True, "en"))


@pytest.mark.parametrize(("change", "mine"), [
    ("fewer meetings", "have fewer meetings"), ("we need to write more tests", "write more tests"),
])
def test_what_one_does_about_an_amount_stays_an_example(change: str, mine: str) -> None:
    opening = compose(SuggestionRequest(change, None, DIFF, Size.MEDIUM, None, True,
                                        "en")).opening
    assert mine in opening


@pytest.mark.parametrize("change", ["lack of documentation",
                                    "there's a real lack of documentation"])
def test_a_lack_is_asked_as_more_of_it(change: str) -> None:
    assert supportive_question(change, DIFF, "en") == \
        "How would it work for you if we had more documentation?"


@pytest.mark.parametrize(("change", "question"), [
    ("so many meetings", "How would it work for you if we had fewer meetings?"),
    ("so much noise in the incident channel",
     "How would it work for you if we had less noise in the incident channel?"),
])
def test_so_many_is_an_amount_too(change: str, question: str) -> None:
    """"so many meetings" read "if we tried many meetings?" ("so" taken for a filler)."""
    assert supportive_question(change, DIFF, "en") == question


@pytest.mark.parametrize("change", [
    "PRs sitting for days without review", "people joining standup late",
    "meetings running over", "tickets piling up in the backlog", "builds failing on main",
])
def test_what_goes_wrong_is_looked_at_not_tried(change: str) -> None:
    """"PRs sitting for days without review" read "if we tried PRs sitting for days …?"."""
    assert supportive_question(change, DIFF, "en") == \
        f"How would it work for you if we looked at this together: “{change}”?"
    with pytest.raises(ComposerError):
        compose(SuggestionRequest(change, None, DIFF, Size.MEDIUM, None, True, "en"))


@pytest.mark.parametrize("change", ["too much time in meetings",
                                    "way too much time spent in meetings"])
def test_too_much_time_somewhere_is_less_time_spent_there(change: str) -> None:
    """Not "if we had less time in meetings?"."""
    assert supportive_question(change, DIFF, "en") == \
        "How would it work for you if we spent less time in meetings?"


@pytest.mark.parametrize("change", ["too much spent", "too many spent.", "lack of spent",
                                    "not enough spent", "too much spent on tooling"])
@pytest.mark.parametrize("kind", [DIFF, STOP, ChangeKind.START])
def test_an_amount_of_nothing_named_composes_without_an_error(change: str,
                                                              kind: ChangeKind) -> None:
    """"too much spent" raised IndexError: `suggest` said "unexpected error" and the
    coach's words stayed as they were."""
    for example in (False, True):
        try:
            composed = compose(SuggestionRequest(change, None, action=kind,
                                                 by_example=example))
        except ComposerError:
            continue  # a clear refusal is an answer too
        assert composed.as_text()
    assert "less spent" not in supportive_question(change, DIFF)
