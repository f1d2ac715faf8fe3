"""Acts said with the words of chat and of every day ("stop @-mentioning the whole team",
"come to standup on time"): read as the act, not quoted back (unit tests of the
composer; no store, no Qt)."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind, Size
from mlcoach.influence.composer import SuggestionRequest, compose, supportive_question

DIFF = ChangeKind.DIFFERENTLY


def _by_example(change: str) -> str:
    return compose(SuggestionRequest(change, None, DIFF, Size.MEDIUM, None, True,
                                     "en")).opening


@pytest.mark.parametrize("change", [
    "Please stop @-mentioning the whole team on Slack",
    "stop @-mentioning the whole team on Slack",
])
def test_an_at_mention_said_as_a_verb_is_the_act(change: str) -> None:
    """"Please stop @-mentioning the whole team on Slack" was quoted ("if we tried this:
    “Please stop @-mentioning …”"), and by example quoted as the act."""
    assert supportive_question(change, DIFF, "en", "Sam") == \
        "How would it work for you to stop @-mentioning the whole team on Slack?"
    opening = _by_example(change)
    assert " stop @-mentioning the whole team on Slack" in opening and "“" not in opening


@pytest.mark.parametrize(("change", "act"), [
    ("come to standup on time", "come to standup on time"),
    ("speak to customers before the planning", "speak to customers before the planning"),
    ("think twice before merging", "think twice before merging"),
    ("arrive five minutes early to meetings", "arrive five minutes early to meetings"),
    ("stick to the agenda", "stick to the agenda"),
    ("listen before answering in reviews", "listen before answering in reviews"),
])
def test_an_everyday_verb_is_read_as_the_act(change: str, act: str) -> None:
    """"come to standup on time" was quoted ("if we tried this: “come to standup on
    time”"): "come", "speak", "think" were not known as verbs."""
    assert supportive_question(change, DIFF, "en") == f"How would it work for you to {act}?"
    opening = _by_example(change)
    assert f" {act}" in opening and "“" not in opening


def test_coming_in_said_of_us_is_the_act_by_example() -> None:
    """"we're coming in at 9" read, by example, "“what if we came in at 9”" ("came" was
    not known as a past)."""
    assert supportive_question("we're coming in at 9", DIFF, "en") == \
        "What would help you most, now that we're coming in at 9?"
    opening = _by_example("we're coming in at 9")
    assert " come in at 9" in opening and "“" not in opening


@pytest.mark.parametrize(("change", "question"), [
    ("the 1:1s are off this week", "With no 1:1s this week, what would help you stay in the loop?"),
    ("no 1:1s this week", "How would it work for you if we had no 1:1s this week?"),
    ("no standups next week", "How would it work for you if we had no standups next week?"),
])
def test_meetings_none_this_week_are_asked_as_none(change: str, question: str) -> None:
    """"the 1:1s are off this week" read "if we tried this: “no 1:1s this week”" ("1:1s
    this week" was read as a subject and its object)."""
    assert supportive_question(change, DIFF, "en", "Sam") == question
