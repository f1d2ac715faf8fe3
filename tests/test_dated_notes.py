"""Notes with no verb: a note headed by when it starts ("from Monday: standups at 9:30"),
a meeting's order ("standups: blockers first") and a practice named ("code review", "code
review before merge"). Each was quoted back whole ("if we tried this: “…”"); by example
"decision: two approvals per PR" read "Change your own way of working first: try two
approvals per PR" (unit tests of the composer; no store, no Qt)."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind, Style
from mlcoach.influence.composer import (
    ComposerError,
    SuggestionRequest,
    compose,
    supportive_question,
)

DIFF, START, STOP = ChangeKind.DIFFERENTLY, ChangeKind.START, ChangeKind.STOP


@pytest.mark.parametrize(("change", "question"), [
    ("from Monday: standups at 9:30",
     "What would help you most with the new arrangement: standups at 9:30 from Monday?"),
    ("starting Monday: standups at 9:30",
     "What would help you most with the new arrangement: standups at 9:30 starting Monday?"),
    ("from next week: code review before merge",
     "What would help you most with the new arrangement: code review before merge from "
     "next week?"),
    ("from next sprint: demos on Thursdays",
     "What would help you most with the new arrangement: demos on Thursdays from next "
     "sprint?"),
    ("as of Q3: two approvals per PR",
     "What would help you most with the new arrangement: two approvals per PR as of Q3?"),
    ("from Monday: standup is at 10",
     "What would help you most, now that it's decided that standup is at 10 from Monday?"),
])
def test_a_note_headed_by_its_start_is_a_new_arrangement(change: str, question: str) -> None:
    assert supportive_question(change, DIFF, "en") == question
    for style in Style:
        assert "“" not in compose(SuggestionRequest(change, style, DIFF)).question


@pytest.mark.parametrize(("change", "question"), [
    ("standups: blockers first", "How would it work for you to put blockers first in standups?"),
    ("Standups: blockers first", "How would it work for you to put blockers first in standups?"),
    ("retro: action items first",
     "How would it work for you to put action items first in retro?"),
    ("planning: the risky items first",
     "How would it work for you to put the risky items first in planning?"),
    ("Code reviews: smaller PRs",
     "When it comes to code reviews, how would it work for you if we had smaller PRs?"),
    ("code review", "How would it work for you if we tried code review?"),
    ("code review before merge", "How would it work for you if we tried code review before "
                                 "merge?"),
    ("peer review on every PR", "How would it work for you if we tried peer review on every "
                                "PR?"),
    ("code review before merge from next week",
     "How would it work for you if we tried code review before merge from next week?"),
])
def test_a_note_is_asked_in_the_users_words(change: str, question: str) -> None:
    assert supportive_question(change, DIFF, "en") == question


@pytest.mark.parametrize(("action", "question"), [
    (START, "How would it work for you if we introduced code review?"),
    (STOP, "How would it work for you if we did away with code review?"),
])
def test_code_review_is_a_practice_for_every_kind(action: ChangeKind, question: str) -> None:
    assert supportive_question("code review", action, "en") == question


def test_a_pronoun_first_is_no_act() -> None:
    """"standups: me first" was asked "to me first"."""
    assert "to me first" not in supportive_question("standups: me first", DIFF, "en")


@pytest.mark.parametrize(("change", "kept"), [
    ("decision: two approvals per PR", "“two approvals per PR”"),
    ("new rule: tests before merge", "“tests before merge”"),
    ("from next week: code review before merge", "“code review before merge from next week”"),
])
def test_a_decided_note_is_kept_to_by_example(change: str, kept: str) -> None:
    opening = compose(SuggestionRequest(change, None, DIFF, by_example=True)).opening
    assert kept in opening and "try " not in opening and "new rule:" not in opening
    assert "keeping to it" in opening


@pytest.mark.parametrize("change", ["from Monday: standups at 9:30",
                                    "from next sprint: demos on Thursdays",
                                    "decision: standups at 9:30"])
def test_a_decided_ritual_stays_the_teams(change: str) -> None:
    with pytest.raises(ComposerError, match="for the team to decide together"):
        compose(SuggestionRequest(change, None, DIFF, by_example=True))
