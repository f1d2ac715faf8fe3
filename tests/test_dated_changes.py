"""A change dated in front that states the new way ("starting Monday, standup is at 10"):
asked as the hypothesis it proposes, not quoted as a thing to try (unit tests of the
composer; no store, no Qt)."""

from __future__ import annotations

import pytest

from mlcoach.influence.composer import supportive_question
from tests.test_tidying import DIFF


@pytest.mark.parametrize(("change", "question"), [
    ("starting Monday, standup is at 10",
     "How would it work for you if standup were at 10 starting Monday?"),
    ("starting Monday standups are async",
     "How would it work for you if standups were async starting Monday?"),
    ("as of next week, retros are every two weeks",
     "How would it work for you if retros were every two weeks as of next week?"),
    ("from next sprint, the demo will be on Thursdays",
     "How would it work for you if the demo were on Thursdays from next sprint?"),
    ("from next week, Dana is the release owner",
     "How would it work for you if Dana were the release owner from next week?"),
])
def test_a_dated_new_state_is_asked_as_the_hypothesis(change: str, question: str) -> None:
    """"if we tried this: “standup is at 10 starting Monday”": the state was quoted as a
    thing to try; without the comma the date stayed in front."""
    assert supportive_question(change, DIFF, "en") == question


def test_a_dated_rule_is_not_cut_to_its_date() -> None:
    """"How would it work for you to try starting Monday?": ", it is …" was cut as a
    reason, leaving only the date, read as the act of starting."""
    assert supportive_question("starting Monday, it is mandatory to write tests", DIFF,
                               "en") == "How would it work for you if we tried this: “it is " \
        "mandatory to write tests starting Monday”?"


@pytest.mark.parametrize(("change", "question"), [
    ("starting next week, no more status emails",
     "How would it work for you if we had no more status emails starting next week?"),
    ("from Monday we do standups async",
     "How would it work for you to do standups async from Monday?"),
])
def test_a_dated_plan_is_read_as_before(change: str, question: str) -> None:
    assert supportive_question(change, DIFF, "en") == question


@pytest.mark.parametrize(("change", "question"), [
    ("once the release is out, let's move standup to 10",
     "How would it work for you to move standup to 10 once the release is out?"),
    ("when the new hire starts, let's pair on reviews",
     "How would it work for you to pair on reviews when the new hire starts?"),
    ("after the release, we go back to weekly retros",
     "How would it work for you to go back to weekly retros after the release?"),
    ("in the new year, let's try no-meeting Wednesdays",
     "How would it work for you to try no-meeting Wednesdays in the new year?"),
    ("effective immediately, no deploys after 4pm",
     "How would it work for you if we had no deploys after 4pm effective immediately?"),
    ("from Q3 on, retros are monthly",
     "How would it work for you if retros were monthly from Q3 on?"),
])
def test_a_plan_after_when_it_starts_is_asked_as_the_plan(change: str, question: str) -> None:
    """Each was quoted whole ("if we tried this: “once the release is out, let's …”"):
    only a date said so was moved after the plan."""
    assert supportive_question(change, DIFF, "en") == question


def test_a_rule_whose_act_points_back_at_its_when_stays_whole() -> None:
    assert "“when the build is red, fix it first”" in supportive_question(
        "when the build is red, fix it first", DIFF, "en")


@pytest.mark.parametrize(("change", "question"), [
    ("from now on retro is on Friday",
     "How would it work for you if retro were on Friday from now on?"),
    ("from now on standup is at 10",
     "How would it work for you if standup were at 10 from now on?"),
    ("standup is at 10 from now on",
     "How would it work for you if standup were at 10 from now on?"),
    ("standup is at 10 starting Monday",
     "How would it work for you if standup were at 10 starting Monday?"),
])
def test_from_now_on_is_read_whole(change: str, question: str) -> None:
    """"from now on retro is on Friday" was asked "if on retro were on Friday from now"
    ("from now" taken for the date); said after the state, it was quoted whole."""
    assert supportive_question(change, DIFF, "en") == question
