"""A change dated in front that states the new way ("starting Monday, standup is at 10"):
told as the decision it announces, not quoted as a thing to try nor asked as a hypothesis
("if standup were at 10"); a dated proposal is still asked as one (unit tests of the
composer; no store, no Qt)."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import Style
from mlcoach.influence.composer import (
    ComposerError,
    SuggestionRequest,
    compose,
    supportive_question,
)
from tests.test_tidying import DIFF


@pytest.mark.parametrize(("change", "question"), [
    ("starting Monday, standup is at 10",
     "What would help you most, now that it's decided that standup is at 10 starting Monday?"),
    ("starting Monday standups are async",
     "What would help you most, now that it's decided that standups are async "
     "starting Monday?"),
    ("as of next week, retros are every two weeks",
     "What would help you most, now that it's decided that retros are every two "
     "weeks as of next week?"),
    ("from next sprint, the demo will be on Thursdays",
     "What would help you most, now that it's decided that the demo will be on "
     "Thursdays from next sprint?"),
    ("from next week, Dana is the release owner",
     "What would help you most, now that it's decided that Dana is the release "
     "owner from next week?"),
])
def test_a_dated_new_state_is_told_as_decided(change: str, question: str) -> None:
    """"if we tried this: “standup is at 10 starting Monday”": the state was quoted as a
    thing to try; without the comma the date stayed in front."""
    assert supportive_question(change, DIFF, "en") == question


def test_a_dated_rule_is_not_cut_to_its_date() -> None:
    """"How would it work for you to try starting Monday?": ", it is …" was cut as a
    reason, leaving only the date, read as the act of starting; then it was quoted back as
    a thing to try (“it is mandatory to write tests starting Monday”): it is a rule."""
    assert supportive_question("starting Monday, it is mandatory to write tests", DIFF,
                               "en") == "What would help you most, now that it's decided " \
        "that writing tests is mandatory starting Monday?"


@pytest.mark.parametrize(("change", "question"), [
    ("starting next week, no more status emails",
     "How would it work for you if we had no more status emails starting next week?"),
    ("from Monday we do standups async",
     "What would help you most, now that it's decided that we do standups async "
     "from Monday?"),
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
     "What would help you most, now that it's decided that retros are monthly from Q3 on?"),
])
def test_a_plan_after_when_it_starts_is_asked_as_the_plan(change: str, question: str) -> None:
    """Each was quoted whole ("if we tried this: “once the release is out, let's …”"):
    only a date said so was moved after the plan."""
    assert supportive_question(change, DIFF, "en") == question


def test_a_rule_whose_act_points_back_at_its_when_is_asked_with_what_it_points_at() -> None:
    """Quoted whole before session 31; "fix it first when the build is red" would leave
    "it" pointing at nothing said yet."""
    assert supportive_question("when the build is red, fix it first", DIFF, "en") == \
        "How would it work for you to fix the build first when it is red?"


@pytest.mark.parametrize(("change", "question"), [
    ("from now on retro is on Friday",
     "What would help you most, now that it's decided that retro is on Friday from now on?"),
    ("from now on standup is at 10",
     "What would help you most, now that it's decided that standup is at 10 from now on?"),
    ("standup is at 10 from now on",
     "What would help you most, now that it's decided that standup is at 10 from now on?"),
    ("standup is at 10 starting Monday",
     "What would help you most, now that it's decided that standup is at 10 starting Monday?"),
])
def test_from_now_on_is_read_whole(change: str, question: str) -> None:
    """"from now on retro is on Friday" was asked "if on retro were on Friday from now"
    ("from now" taken for the date); said after the state, it was quoted whole."""
    assert supportive_question(change, DIFF, "en") == question


@pytest.mark.parametrize("style", [*Style, None])
@pytest.mark.parametrize(("change", "decided"), [
    ("going forward, all PRs need two approvals", "all PRs need two approvals going forward"),
    ("starting Monday, standup is at 10", "standup is at 10 starting Monday"),
    ("from next sprint we demo on Thursdays", "we demo on Thursdays from next sprint"),
    ("From Monday, demos happen on Thursdays", "demos happen on Thursdays from Monday"),
])
def test_a_dated_decision_is_not_asked_as_a_hypothesis(change: str, decided: str,
                                                        style: Style | None) -> None:
    """"going forward, all PRs need two approvals" was asked "How would it work for you if
    all PRs needed two approvals?", as if still to be decided, and offered as a trial."""
    composed = compose(SuggestionRequest(change=change, style=style, person="Sam"))
    assert composed.question.startswith(
        f"What would help you most, now that it's decided that {decided}?")
    assert ("decided" in composed.opening or "arrangement" in composed.opening) \
        and "trial" not in composed.as_text()


@pytest.mark.parametrize("change", ["starting Monday, review PRs in pairs",
                                    "going forward, let's write ADRs for big decisions",
                                    "starting Monday, we should pair more",
                                    "once the release is out, we do a retro",
                                    "the wiki is a mess, I'll clean it up this week"])
def test_a_dated_proposal_is_still_asked_as_one(change: str) -> None:
    assert "decided" not in supportive_question(change, DIFF, "en")


@pytest.mark.parametrize("change", ["önümüzdeki sprintten itibaren demoları perşembe yapıyoruz",
                                    "artık tüm PR'lar iki onay alacak",
                                    "gelecek aydan itibaren retroları iki haftada bir yapacağız"])
def test_a_turkish_dated_decision_is_told_as_decided(change: str) -> None:
    """«önümüzdeki sprintten itibaren demoları perşembe yapıyoruz» was asked «Şöyle yapsak
    diyorum» (what if we did), and «artık tüm PR'lar iki onay alacak» looked at together
    as a thought: both say what was decided."""
    assert supportive_question(change, DIFF, "tr").startswith(f"Yeni düzen: «{change}».")


@pytest.mark.parametrize("change", ["bundan sonra demoları perşembe yapalım",
                                    "önümüzdeki sprintten itibaren demoları perşembe yapsak"])
def test_a_turkish_dated_proposal_is_still_asked_as_one(change: str) -> None:
    assert supportive_question(change, DIFF, "tr").startswith("Şöyle yapsak diyorum")


@pytest.mark.parametrize("change", [
    "from next sprint we demo on Thursdays",
    "from next sprint, we will demo on Thursdays",
    "from next week we hold the retro on Fridays",
    "starting Monday we do standups at 9:30",
    "starting next week we have retros every two weeks",
])
def test_a_teams_dated_routine_is_not_led_by_example(change: str) -> None:
    """"from next sprint we demo on Thursdays" by example read "Change your own way of
    working first: demo on Thursdays from next sprint": the team's decided routine, told
    as the user's own habit. Undated ("we demo on Thursdays") it was already refused."""
    with pytest.raises(ComposerError, match="for the team to decide together"):
        compose(SuggestionRequest(change=change, style=None, by_example=True))


@pytest.mark.parametrize(("change", "act"), [
    ("starting Monday, review PRs in pairs", "review PRs in pairs starting Monday"),
    ("starting Monday we review PRs in pairs", "review PRs in pairs starting Monday"),
    ("from next week, I'll share notes after every meeting",
     "share notes after every meeting from next week"),
])
def test_ones_own_dated_act_is_still_led_by_example(change: str, act: str) -> None:
    opening = compose(SuggestionRequest(change=change, style=None, by_example=True)).opening
    assert act in opening
