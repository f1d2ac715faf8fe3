"""A stop said as the state wanted or as a ban ("Friday deploys are banned", "no deploying
on Fridays"): asked as the stop, never as stopping the ban (unit tests of the composer;
no store, no Qt)."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind
from mlcoach.influence.composer import supportive_question
from tests.test_tidying import DIFF, STOP


@pytest.mark.parametrize(("change", "question"), [
    ("Friday deploys are banned", "How would it work for you if we had no Friday deploys?"),
    ("deploys on Fridays are not allowed",
     "How would it work for you if we had no deploys on Fridays?"),
    ("laptops in meetings are a no-go",
     "How would it work for you if we had no laptops in meetings?"),
    ("Friday deploys: no", "How would it work for you if we had no Friday deploys?"),
    ("no deploying on Fridays", "How would it work for you to stop deploying on Fridays?"),
    ("no more pinging people after 6",
     "How would it work for you to stop pinging people after 6?"),
    ("enough with the Friday deploys",
     "How would it work for you if we had no more Friday deploys?"),
    ("stop with the late-night pings",
     "How would it work for you if we had no more late-night pings?"),
    ("Friday deploys should be banned", "How would it work for you to ban Friday deploys?"),
])
@pytest.mark.parametrize("action", [STOP, DIFF])
def test_a_ban_or_a_wanted_state_is_asked_as_the_stop(change: str, question: str,
                                                      action: ChangeKind) -> None:
    """"if we stopped this: “Friday deploys are banned”" asked to stop the ban; "if we had
    no deploying on Fridays", "to stop with the Friday deploys" read clumsily."""
    assert supportive_question(change, action, "en") == question


@pytest.mark.parametrize("change", ["nothing is allowed", "no meetings: never",
                                    "we are not allowed to deploy on Fridays"])
def test_other_bans_keep_their_words(change: str) -> None:
    assert "no no" not in supportive_question(change, STOP, "en")
    assert "had no we" not in supportive_question(change, STOP, "en")


@pytest.mark.parametrize(("change", "question"), [
    ("standups are to be kept under 15 minutes",
     "How would it work for you to keep standups under 15 minutes?"),
    ("PRs will be reviewed within a day",
     "How would it work for you to review PRs within a day?"),
    ("PRs should get reviewed within a day",
     "How would it work for you to review PRs within a day?"),
    ("the retro is to be held every two weeks",
     "How would it work for you to hold the retro every two weeks?"),
    ("PRs won't be merged without a review",
     "How would it work for you to no longer merge PRs without a review?"),
])
def test_a_rule_in_the_passive_with_will_is_to_or_get_is_the_act(change: str,
                                                                  question: str) -> None:
    """"should be kept" was read as the act; "will be", "are to be", "should get" were
    quoted whole ("if we tried this: “PRs will be reviewed within a day”")."""
    assert supportive_question(change, DIFF, "en") == question


@pytest.mark.parametrize("change", ["standups will get shorter", "it will be done by Friday",
                                    "PRs will be reviewed by two people"])
def test_a_passive_of_no_act_or_said_of_someone_stays_quoted(change: str) -> None:
    assert f"“{change}”" in supportive_question(change, DIFF, "en")


@pytest.mark.parametrize(("change", "question"), [
    ("the Friday status meeting has to go",
     "How would it work for you to drop the Friday status meeting?"),
    ("the Friday status meeting needs to go",
     "How would it work for you to drop the Friday status meeting?"),
    ("I'd love it if we stopped scheduling meetings over lunch",
     "How would it work for you if we stopped scheduling meetings over lunch?"),
    ("no more meetings over lunch please and thank you",
     "How would it work for you if we had no more meetings over lunch?"),
])
def test_a_stop_said_as_what_has_to_go_or_a_wish_is_the_stop(change: str,
                                                            question: str) -> None:
    """"if we stopped this: “the Friday status meeting has to go”" stopped the going."""
    assert supportive_question(change, STOP, "en") == question


def test_going_somewhere_is_no_stop() -> None:
    assert "“the team has to go to the offsite”" in supportive_question(
        "the team has to go to the offsite", STOP, "en")


@pytest.mark.parametrize(("change", "question"), [
    ("no-deploy Fridays", "How would it work for you if we had no-deploy Fridays?"),
    ("Fridays = no deploys",
     "When it comes to Fridays, how would it work for you if we had no deploys?"),
])
def test_a_stop_written_in_shorthand_is_the_state_wanted(change: str, question: str) -> None:
    """"to no-deploy Fridays" read "deploy" as the act; "if we did away with Fridays = no
    deploys" stopped the Fridays."""
    assert supportive_question(change, STOP, "en") == question


def test_a_closing_going_forward_is_not_the_change() -> None:
    assert supportive_question("All, please move standup to 10 going forward.", DIFF,
                               "en") == "How would it work for you to move standup to 10?"


@pytest.mark.parametrize(("change", "question"), [
    ("standup on Fridays is not needed anymore",
     "How would it work for you to drop standup on Fridays?"),
    ("the Friday status mail is no longer necessary",
     "How would it work for you to drop the Friday status mail?"),
])
def test_what_is_not_needed_is_dropped(change: str, question: str) -> None:
    """"if we looked at this together: “standup on Fridays is not needed anymore”": the
    stop said as what is not needed was read as how things are."""
    assert supportive_question(change, STOP, "en") == question


@pytest.mark.parametrize("change", ["it is not needed anymore",
                                    "the Friday demo is pointless"])
def test_an_opinion_or_a_pronoun_is_not_dropped(change: str) -> None:
    assert "drop" not in supportive_question(change, DIFF, "en")


@pytest.mark.parametrize(("change", "question"), [
    ("nobody should schedule meetings after 5",
     "How would it work for you to stop scheduling meetings after 5?"),
    ("no one should deploy on Fridays", "How would it work for you to stop deploying on Fridays?"),
    ("we shouldn't be doing standups on Fridays",
     "How would it work for you to stop doing standups on Fridays?"),
    ("I don't want meetings after 5 anymore",
     "How would it work for you if we had no more meetings after 5?"),
    ("I don't want to deploy on Fridays anymore",
     "How would it work for you to stop deploying on Fridays?"),
    ("let's never again deploy on a Friday",
     "How would it work for you to never deploy on a Friday?"),
])
def test_a_stop_said_as_what_nobody_should_do_is_the_stop(change: str, question: str) -> None:
    """Each was quoted ("if we looked at this together: “nobody should schedule …”")."""
    assert supportive_question(change, STOP, "en") == question


@pytest.mark.parametrize("change", ["I don't want Dana to feel left out",
                                    "nobody should feel left out", "I don't want it"])
def test_what_someone_should_not_feel_is_no_stop(change: str) -> None:
    assert f"“{change}”" in supportive_question(change, STOP, "en")
