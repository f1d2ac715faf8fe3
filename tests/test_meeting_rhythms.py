"""A team meeting and how often or when it is held, said in passing ("retro every two
weeks instead of weekly", "standups on Friday"): asked as holding it so, and the team's
to decide by example (unit tests of the composer; no store, no Qt)."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind, Size
from mlcoach.influence.composer import (
    ComposerError,
    SuggestionRequest,
    compose,
    supportive_question,
)

DIFF, START = ChangeKind.DIFFERENTLY, ChangeKind.START
TEAM = "for the team to decide"


def _by_example(change: str, action: ChangeKind = DIFF) -> str:
    return compose(SuggestionRequest(change, None, action, Size.MEDIUM, None, True,
                                     "en")).opening


@pytest.mark.parametrize(("change", "question"), [
    ("retro every two weeks instead of weekly",
     "How would it work for you if we held the retro every two weeks instead of weekly?"),
    ("standup twice a week instead of daily",
     "How would it work for you if we held the standup twice a week instead of daily?"),
    ("standup every other day",
     "How would it work for you if we held the standup every other day?"),
    ("the weekly sync every two weeks",
     "How would it work for you if we held the weekly sync every two weeks?"),
    ("retro biweekly", "How would it work for you if we held the retro biweekly?"),
    ("planning every sprint", "How would it work for you if we held planning every sprint?"),
    ("on-call rotation every two weeks instead of every week",
     "How would it work for you if we rotated on-call every two weeks instead of every week?"),
])
def test_a_meeting_s_rhythm_said_is_asked_as_holding_it_so(change: str, question: str) -> None:
    """"retro every two weeks instead of weekly" was quoted ("if we tried this: “retro
    every two weeks instead of weekly”")."""
    assert supportive_question(change, DIFF, "en") == question


@pytest.mark.parametrize(("change", "question"), [
    ("demo once a month", "How would it work for you to demo once a month?"),
    ("a retro every two weeks",
     "How would it work for you if we introduced a retro every two weeks?"),
])
def test_a_verb_or_one_more_meeting_reads_as_before(change: str, question: str) -> None:
    assert supportive_question(change, START if change.startswith("a ") else DIFF,
                               "en") == question


@pytest.mark.parametrize(("change", "action"), [
    ("retro every two weeks instead of weekly", DIFF), ("retros every two weeks", START),
    ("standups on Friday", DIFF), ("the retro on Thursday instead of Friday", DIFF),
    ("check-ins every Monday", DIFF), ("a demo every Friday afternoon", START),
    ("standups in Slack instead of the call", DIFF),
])
def test_a_meeting_s_rhythm_is_the_team_s_to_decide(change: str, action: ChangeKind) -> None:
    """By example, "retro every two weeks instead of weekly" read "Let the work make the
    case: “retro every two weeks”" (the team's meeting as one's own act, and "instead of
    weekly" cut)."""
    with pytest.raises(ComposerError, match=TEAM):
        _by_example(change, action)


@pytest.mark.parametrize(("change", "mine"), [
    ("cap standups at 15 minutes", "cap standups at 15 minutes"),
    ("demo on Fridays", "demo on Fridays"),
])
def test_what_one_does_oneself_stays_one_s_example(change: str, mine: str) -> None:
    assert mine in _by_example(change)


@pytest.mark.parametrize("change", ["retro haftalık yerine iki haftada bir",
                                    "standup haftada iki kez", "retro iki haftada bir olsun"])
def test_a_turkish_meeting_s_rhythm_is_the_team_s_to_decide(change: str) -> None:
    """By example, «retro haftalık yerine iki haftada bir» was the user's own act."""
    with pytest.raises(ComposerError, match=TEAM):
        compose(SuggestionRequest(change, None, DIFF, Size.MEDIUM, None, True, "tr"))


def test_attending_a_meeting_every_week_stays_one_s_own() -> None:
    opening = compose(SuggestionRequest("retroya her hafta katılacağım", None, DIFF,
                                        Size.MEDIUM, None, True, "tr")).opening
    assert "«retroya her hafta katılacağım»" in opening


@pytest.mark.parametrize(("change", "question"), [
    ("retro every two weeks, not weekly",
     "How would it work for you if we held the retro every two weeks, not weekly?"),
    ("retro every fortnight", "How would it work for you if we held the retro every fortnight?"),
])
def test_more_ways_of_saying_a_rhythm(change: str, question: str) -> None:
    assert supportive_question(change, DIFF, "en") == question
