"""A rule stated impersonally ("starting Monday, it is mandatory to write tests", "writing
tests is mandatory") was quoted back as a thing to try ("if we tried this: “it is mandatory
to write tests starting Monday”") and, by example, told as "Change your own way of working
first: “it is mandatory to …”" or "make writing tests mandatory". It is asked as a rule that
holds, and led by example by keeping to it; one's own act that starts later is kept up from
its first day, not "this week" (unit tests of the composer; no store, no Qt)."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind, Size, Style
from mlcoach.influence.composer import (
    ComposerError,
    SuggestionRequest,
    compose,
    supportive_question,
)

DIFF = ChangeKind.DIFFERENTLY


@pytest.mark.parametrize(("change", "question"), [
    ("starting Monday, it is mandatory to write tests",
     "What would help you most, now that it's decided that writing tests is mandatory "
     "starting Monday?"),
    ("it is mandatory to write tests",
     "What would help you most, now that writing tests is mandatory?"),
    ("it's now required to link a ticket in every PR",
     "What would help you most, now that linking a ticket in every PR is required?"),
    ("from next week it will be compulsory to attend the demo",
     "What would help you most, now that attending the demo will be compulsory from next "
     "week?"),
    ("writing tests is mandatory",
     "What would help you most, now that writing tests is mandatory?"),
    ("code review is required before merge",
     "What would help you most, now that code review is required before merge?"),
    ("from next week, code review is mandatory before merge",
     "What would help you most, now that it's decided that code review is mandatory before "
     "merge from next week?"),
    ("it's mandatory for everyone to join standup",
     "What would help you most, now that joining standup is mandatory?"),
    ("it is now required that PRs have two approvals",
     "What would help you most, now that it's required that PRs have two approvals?"),
    ("it is not mandatory to attend the demo",
     "What would help you most, now that attending the demo is not mandatory?"),
    ("mandatory: tests for every PR",
     "What would help you most, now that this is decided: “tests for every PR”?"),
])
def test_a_stated_rule_is_asked_as_one_that_holds(change: str, question: str) -> None:
    assert supportive_question(change, DIFF, "en") == question
    for style in Style:
        asked = compose(SuggestionRequest(change, style, DIFF)).question
        assert "tried" not in asked and "“it" not in asked and "“writing" not in asked


def test_a_proposed_rule_is_still_a_proposal() -> None:
    assert supportive_question("tests should be mandatory", DIFF, "en") == \
        "How would it work for you if tests were mandatory?"


@pytest.mark.parametrize(("change", "kept"), [
    ("starting Monday, it is mandatory to write tests",
     "“writing tests is mandatory starting Monday”"),
    ("it is mandatory to write tests", "“writing tests is mandatory”"),
    ("tests are mandatory", "“tests are mandatory”"),
    ("code review is required before merge", "“code review is required before merge”"),
    ("it is now required that PRs have two approvals",
     "“it's required that PRs have two approvals”"),
])
def test_a_rule_is_led_by_example_by_keeping_to_it(change: str, kept: str) -> None:
    """By example a rule was "Change your own way of working first: “it is mandatory to
    write tests starting Monday”" or "make writing tests mandatory"."""
    composed = compose(SuggestionRequest(change, None, DIFF, by_example=True))
    assert kept in composed.opening and "keeping to it yourself" in composed.opening
    assert "make " not in composed.opening


def test_a_rule_that_starts_later_is_kept_to_from_its_first_day() -> None:
    composed = compose(SuggestionRequest("starting Monday, it is mandatory to write tests",
                                         None, DIFF, by_example=True))
    assert "starts soon" in composed.opening and "first day" in composed.opening
    assert composed.next_step.startswith("In its first week")


@pytest.mark.parametrize("change", ["tests should be mandatory", "make code review mandatory"])
def test_a_rule_proposed_is_the_teams(change: str) -> None:
    """"tests should be mandatory" by example read "Change your own way of working first:
    make tests mandatory", which no one does alone."""
    with pytest.raises(ComposerError, match="for the team to decide together"):
        compose(SuggestionRequest(change, None, DIFF, by_example=True))


def test_a_rule_lifted_is_no_act_to_lead() -> None:
    with pytest.raises(ComposerError, match="something you will do yourself"):
        compose(SuggestionRequest("it is not mandatory to attend the demo", None, DIFF,
                                  by_example=True))


@pytest.mark.parametrize(("change", "language"), [
    ("from next week, I'll share notes after every meeting", "en"),
    ("starting Monday, review PRs in pairs", "en"),
    ("Pazartesiden itibaren toplantı notlarını wiki'ye yazacağım", "tr"),
])
@pytest.mark.parametrize("size", list(Size))
def test_ones_own_act_that_starts_later_is_not_for_this_week(change: str, language: str,
                                                             size: Size) -> None:
    """"This week, make it your routine …: share notes after every meeting from next week"."""
    step = compose(SuggestionRequest(change, None, DIFF, size, by_example=True,
                                     language=language)).next_step
    assert not step.startswith(("This week", "Today", "For the next week", "Bu hafta",
                                "Bugün", "Önümüzdeki bir hafta")), step
    assert "yeni düzen" not in step  # «… yazacağım»: one's own plan, no arrangement


@pytest.mark.parametrize(("change", "language"), [
    ("we're moving the checklist to the wiki next week", "en"),
    ("haftaya kontrol listesini wiki'ye taşıyacağım", "tr"),
])
def test_one_act_on_a_later_day_is_no_routine_from_then_on(change: str, language: str) -> None:
    """"Once it starts, make it your routine …: move the checklist to the wiki next week":
    a one-off act dated later has no start to keep up from."""
    step = compose(SuggestionRequest(change, None, DIFF, by_example=True,
                                     language=language)).next_step
    assert not step.startswith(("Once it starts", "Başladığında"))
