"""A change stated as already made ("we moved standup to 10"): asked how it has been
since, not quoted as a thought to look at together; by example there is nothing left to
do (unit tests of the composer; no store, no Qt)."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind, Size, Style
from mlcoach.influence.composer import (
    SuggestionRequest,
    compose,
    supportive_question,
)
from tests.test_tidying import DIFF, STOP, by_example


@pytest.mark.parametrize(("change", "since"), [
    ("we moved standup to 10", "we moved standup to 10"),
    ("we've moved standup to 10 since last week", "we moved standup to 10"),
    ("we dropped the Friday demo", "we dropped the Friday demo"),
    ("we started doing async standups", "we started doing async standups"),
    ("we have switched to async standups", "we switched to async standups"),
    ("so we just cancelled the Friday status mail", "we cancelled the Friday status mail"),
    ("we stopped the Friday demo and nobody misses it", "we stopped the Friday demo"),
    ("last week we moved standup to 10", "we moved standup to 10"),
    ("Last sprint, we dropped the demo", "we dropped the demo"),
    ("we got rid of the Friday status meeting", "we got rid of the Friday status meeting"),
])
@pytest.mark.parametrize("action", [DIFF, STOP])
def test_a_change_already_made_is_asked_how_it_has_been(change: str, since: str,
                                                       action: ChangeKind) -> None:
    """"How would it work for you if we looked at this together: “we moved standup to
    10”?" asked about a change made as if it were still to be tried."""
    assert supportive_question(change, action, "en") == \
        f"How has it been for you since {since}?"


def test_every_style_asks_it_without_a_trial() -> None:
    for style in Style:
        composed = compose(SuggestionRequest("we moved standup to 10", style, DIFF,
                                             Size.MEDIUM, None, False, "en"))
        assert "How has it been for you since we moved standup to 10?" in composed.question
        assert "trial" not in composed.question and "next week" not in composed.question


def test_by_example_a_change_made_is_kept_to_not_refused() -> None:
    """Refused as "not something you will do": by example, what is left of a change made
    is keeping to it oneself, where others see it."""
    assert "keeping to it yourself" in by_example("we moved standup to 10", DIFF)


@pytest.mark.parametrize("change", ["we broke the build", "we moved standup to 10?",
                                    "we missed the deadline again"])
def test_what_went_wrong_or_a_question_is_no_change_made(change: str) -> None:
    assert "since" not in supportive_question(change, DIFF, "en")


@pytest.mark.parametrize("change", ["we should have moved standup to 10",
                                    "we should've dropped the Friday demo"])
def test_a_change_regretted_is_looked_at_not_asked_as_a_plan(change: str) -> None:
    """"How would it work for you to have moved standup to 10?": a regret over a verb we
    know, on a thing, was read as a wish to have something."""
    assert supportive_question(change, DIFF, "en") == \
        f"How would it work for you if we looked at this together: “{change}”?"


@pytest.mark.parametrize("change", ["we should have dedicated time for reviews",
                                    "we should have automated tests"])
def test_a_thing_to_have_is_still_asked_as_one(change: str) -> None:
    assert supportive_question(change, DIFF, "en") == \
        f"How would it work for you to {change.removeprefix('we should ')}?"


@pytest.mark.parametrize(("change", "now_that"), [
    ("we now do standups async", "we do standups async"),
    ("we're doing standups async now", "we do standups async"),
    ("we are now using the wiki for release notes", "we use the wiki for release notes"),
    ("we now hold the retro every two weeks", "we hold the retro every two weeks"),
])
def test_how_we_work_now_is_asked_how_it_is_going(change: str, now_that: str) -> None:
    """"if we looked at this together: “we now do standups async”": how the team works
    now was asked about as a thought."""
    assert supportive_question(change, DIFF, "en") == \
        f"How is it going for you now that {now_that}?"


@pytest.mark.parametrize("change", ["we're working late now",
                                    "we now have a problem with the build",
                                    "we're doing standups async"])
def test_how_things_go_now_or_a_plan_is_not_how_we_work(change: str) -> None:
    # a plan announced is asked what would help "now that we're doing …", not how it goes
    assert "how is it going" not in supportive_question(change, DIFF, "en").lower()
