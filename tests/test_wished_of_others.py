"""An act wished of someone else, round 26: "I'd love it if Sam reviewed PRs within a
day", "I'd like Sam to …", "could the design team share mockups earlier" (unit tests of
the composer; no store, no Qt)."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind, Size
from mlcoach.influence.composer import (
    ComposerError,
    SuggestionRequest,
    compose,
    supportive_question,
)

DIFF = ChangeKind.DIFFERENTLY
SOMEONE_ELSE = "asks something of someone else"


def _by_example(change: str, language: str = "en") -> str:
    return compose(SuggestionRequest(change, None, DIFF, Size.MEDIUM, None, True,
                                     language)).opening


@pytest.mark.parametrize("change", [
    "I'd love it if Sam reviewed PRs within a day",
    "it would be great if Sam reviewed PRs within a day",
    "I'd like Sam to review PRs within a day",
    "I want Sam to review PRs within a day",
    "I'd love it if Sam would review PRs within a day",
    "I would really appreciate it if Sam reviewed PRs within a day",
    "could Sam review PRs within a day?",
])
def test_a_wish_of_the_person_asked_is_said_to_them(change: str) -> None:
    """"I'd love it if Sam reviewed PRs within a day", to Sam, was quoted back with Sam in
    the third person ("if we looked at this together: “I'd love it if Sam …”")."""
    assert supportive_question(change, DIFF, "en", "Sam") == \
        "How would it work for you to review PRs within a day?"


@pytest.mark.parametrize("change", [
    "I'd love it if Sam reviewed PRs within a day", "I'd like Sam to review PRs within a day",
    "could Sam review PRs within a day",
])
def test_a_wish_of_someone_else_is_asked_as_the_hypothesis(change: str) -> None:
    assert supportive_question(change, DIFF, "en", "Dana") == \
        "How would it work for you if Sam reviewed PRs within a day?"


@pytest.mark.parametrize(("change", "question"), [
    ("could the design team share mockups earlier",
     "How would it work for you if the design team shared mockups earlier?"),
    ("Could the design team share mockups earlier?",
     "How would it work for you if the design team shared mockups earlier?"),
    ("the design team should share mockups earlier",
     "How would it work for you if the design team shared mockups earlier?"),
    ("I'd like the design team to share mockups earlier",
     "How would it work for you if the design team shared mockups earlier?"),
    ("can QA test earlier", "How would it work for you if QA tested earlier?"),
    ("devs must write tests", "How would it work for you if devs wrote tests?"),
])
def test_another_team_s_act_is_asked_as_theirs(change: str, question: str) -> None:
    """"could the design team share mockups earlier" was quoted as a thing "we tried"."""
    assert supportive_question(change, DIFF, "en", "Sam") == question


@pytest.mark.parametrize("change", [
    "could the design team share mockups earlier", "the design team should share mockups earlier",
    "I'd love it if Sam reviewed PRs within a day", "I'd like Sam to review PRs within a day",
    "I'd like Sam to stop interrupting people", "can QA test earlier",
])
def test_another_s_act_is_no_example_of_one_s_own(change: str) -> None:
    """By example, "could the design team share mockups earlier" was offered as the
    user's own way of working ("Change your own way of working first: “could …”")."""
    with pytest.raises(ComposerError, match=SOMEONE_ELSE):
        _by_example(change)


@pytest.mark.parametrize(("change", "question", "mine"), [
    ("I'd like the team to review PRs within a day",
     "How would it work for you if we all reviewed PRs within a day?",
     "review PRs within a day"),
    ("I want everyone to update their tickets daily",
     "How would it work for you if we all updated our tickets daily?",
     "update your tickets daily"),
])
def test_a_wish_of_the_whole_team_includes_the_user(change: str, question: str,
                                                    mine: str) -> None:
    """"I'd like the team to review PRs within a day" read "if we had the team to review
    PRs within a day?"; by example it is one's own part."""
    assert supportive_question(change, DIFF, "en") == question
    assert f" {mine}." in _by_example(change) or f" {mine}," in _by_example(change)


@pytest.mark.parametrize("change", [
    "if Sam reviews PRs, we merge faster", "I'd love it if Sam would not ping me after 6",
    "could you share mockups earlier",
])
def test_what_is_not_a_wish_of_their_act_is_not_read_as_one(change: str) -> None:
    assert "if Sam reviewed" not in supportive_question(change, DIFF, "en")
    assert "you shared mockups" not in supportive_question(change, DIFF, "en")


@pytest.mark.parametrize(("change", "quoted"), [
    ("Ayşe PR'lara bir gün içinde baksa çok iyi olur", "«PR'lara bir gün içinde bakmak»"),
    ("Ayşe retroya gelse fena olmaz", "«retroya gelmek»"),
])
def test_a_turkish_wish_of_the_person_asked_is_said_to_them(change: str, quoted: str) -> None:
    """«Ayşe PR'lara bir gün içinde baksa çok iyi olur», to Ayşe, was quoted with her
    name in the third person."""
    question = supportive_question(change, DIFF, "tr", "Ayşe")
    assert quoted in question and "Ayşe" not in question


def test_a_turkish_wish_of_another_keeps_their_name() -> None:
    change = "Mehmet PR'lara bir gün içinde baksa çok iyi olur"
    assert f"«{change}»" in supportive_question(change, DIFF, "tr", "Ayşe")


@pytest.mark.parametrize(("change", "question"), [
    ("I wish people would not ping me after 6",
     "How would it work for you if no one pinged me after 6?"),
    ("I wish people would stop pinging me after 6",
     "How would it work for you if people stopped pinging me after 6?"),
    ("I wish everyone would not schedule meetings over lunch",
     "How would it work for you if no one scheduled meetings over lunch?"),
    ("I wish we would not schedule meetings over lunch",
     "How would it work for you if we didn't schedule meetings over lunch?"),
])
def test_a_wish_that_people_would_not_is_not_asked_of_the_one(change: str,
                                                              question: str) -> None:
    """"I wish people would not ping me after 6", said to Sam, asked Sam "to no longer ping
    me after 6?": blame of the one for what many do."""
    assert supportive_question(change, DIFF, "en", "Sam") == question


@pytest.mark.parametrize("change", [
    "It'd be awesome if Sam could review PRs within a day",
    "I'd love for Sam to review PRs within a day",
])
def test_more_ways_of_wishing_the_person_s_act(change: str) -> None:
    assert supportive_question(change, DIFF, "en", "Sam") == \
        "How would it work for you to review PRs within a day?"


@pytest.mark.parametrize("change", [
    "Ayşe PR'lara bir gün içinde bakabilir mi?",
    "Ayşe'nin PR'lara bir gün içinde bakmasını isterim",
    "Ayşe'nin PR'lara bir gün içinde bakmasını çok isterim",
])
def test_a_turkish_request_of_the_person_asked_is_said_to_them(change: str) -> None:
    """«Ayşe PR'lara bir gün içinde bakabilir mi?», to Ayşe, was quoted with her name."""
    question = supportive_question(change, DIFF, "tr", "Ayşe")
    assert "«PR'lara bir gün içinde bakmak»" in question and "Ayşe" not in question


@pytest.mark.parametrize("change", [
    "Ayşe'nin PR'lara bir gün içinde bakmasını isterim",
    "tasarım ekibi maketleri daha erken paylaşsa", "tasarım ekibi maketleri daha erken paylaşmalı",
])
def test_a_turkish_act_of_someone_else_is_no_example_of_one_s_own(change: str) -> None:
    with pytest.raises(ComposerError, match=SOMEONE_ELSE):
        _by_example(change, "tr")


def test_a_turkish_act_in_a_team_meeting_stays_one_s_own() -> None:
    assert "«ilk ekip toplantısında herkese söz vermek»" in _by_example(
        "ilk ekip toplantısında herkese söz vermek", "tr")


@pytest.mark.parametrize(("change", "question"), [
    ("design should share mockups earlier",
     "How would it work for you if design shared mockups earlier?"),
    ("maybe the designers could share mockups earlier",
     "How would it work for you if the designers shared mockups earlier?"),
])
def test_a_department_or_a_hedge_before_another_team_s_act(change: str, question: str) -> None:
    assert supportive_question(change, DIFF, "en") == question


@pytest.mark.parametrize(("change", "question"), [
    ("design and dev should talk earlier",
     "How would it work for you if design and dev talked earlier?"),
    ("the designers and QA should test together",
     "How would it work for you if the designers and QA tested together?"),
    ("could design and dev pair on the spike",
     "How would it work for you if design and dev paired on the spike?"),
])
def test_two_teams_wished_one_act_together(change: str, question: str) -> None:
    """Each was quoted whole ("if we tried this: “design and dev should talk earlier”")."""
    assert supportive_question(change, DIFF, "en") == question


def test_a_wish_that_would_only_be_quoted_is_quoted_as_typed() -> None:
    """Never "“what if Anyone shared mockups”": the words read are the user's own. Since
    session 30 "could anyone …" asks for a volunteer, and the one asked is asked the act."""
    assert supportive_question("could Anyone share mockups", DIFF, "en") == \
        "How would it work for you to share mockups?"


@pytest.mark.parametrize(("change", "question"), [
    ("I'd prefer if Sam reviewed PRs within a day",
     "How would it work for you to review PRs within a day?"),
    ("would really appreciate if Sam reviewed PRs within a day",
     "How would it work for you to review PRs within a day?"),
    ("I need Sam to review PRs within a day",
     "How would it work for you to review PRs within a day?"),
    ("I'd love it if Sam led the retro", "How would it work for you to lead the retro?"),
    ("it would be great if Sam put the notes in the wiki",
     "How would it work for you to put the notes in the wiki?"),
    ("I'd like it if Sam and Dana reviewed PRs",
     "How would it work for you if you and Dana reviewed PRs?"),
])
def test_still_more_ways_of_wishing_the_person_s_act(change: str, question: str) -> None:
    """"I'd love it if Sam led the retro" ("lead" was not read as a verb here) and "it
    would be great if Sam put the notes in the wiki" (read "if we tried this: “what if
    Sam put …”", the words it was reworded into) were quoted."""
    assert supportive_question(change, DIFF, "en", "Sam") == question


@pytest.mark.parametrize(("change", "question"), [
    ("it would be great if Sam put the notes in the wiki",
     "How would it work for you if Sam put the notes in the wiki?"),
    ("could Sam lead the retro next week",
     "How would it work for you if Sam led the retro next week?"),
])
def test_the_same_wishes_said_to_another(change: str, question: str) -> None:
    assert supportive_question(change, DIFF, "en", "Dana") == question
    with pytest.raises(ComposerError, match=SOMEONE_ELSE):
        _by_example(change)


@pytest.mark.parametrize(("change", "question"), [
    ("people should update Jira daily", "How would it work for you if people updated Jira daily?"),
    ("people should stop pinging me after 6",
     "How would it work for you if people stopped pinging me after 6?"),
    ("folks need to stop lurking in the incident channel",
     "How would it work for you if folks stopped lurking in the incident channel?"),
])
def test_what_people_should_do_is_asked_of_people(change: str, question: str) -> None:
    """"people should update Jira daily" was quoted as a thing "we tried"."""
    assert supportive_question(change, DIFF, "en", "Sam") == question
    with pytest.raises(ComposerError, match=SOMEONE_ELSE):
        _by_example(change)


@pytest.mark.parametrize(("change", "question"), [
    ("could Slack remind us about standup",
     "How would it work for you if Slack reminded us about standup?"),
    ("can GitHub block merges without review",
     "How would it work for you if GitHub blocked merges without review?"),
])
def test_what_a_tool_would_do_is_asked_and_is_no_one_s_to_ask(change: str,
                                                              question: str) -> None:
    """"could Slack remind us about standup" was quoted as a thing "we tried"; by example
    it is no act of one's own, and no one's to ask either."""
    assert supportive_question(change, DIFF, "en") == question
    with pytest.raises(ComposerError, match="needs something you will do yourself"):
        _by_example(change)


def test_what_juniors_should_do_is_asked_of_them() -> None:
    """"juniors should pair more" was quoted as a thing "we tried"."""
    assert supportive_question("juniors should pair more", DIFF, "en") == \
        "How would it work for you if juniors paired more?"


@pytest.mark.parametrize(("change", "question"), [
    ("Could You share mockups earlier", "How would it work for you to share mockups earlier?"),
    ("Can We move standup to 10", "How would it work for you to move standup to 10?"),
])
def test_a_capitalised_pronoun_is_no_one_s_name(change: str, question: str) -> None:
    assert supportive_question(change, DIFF, "en") == question


@pytest.mark.parametrize("change", [
    "I want Deniz to stop pushing to main on Fridays",
    "I'd like Deniz to stop pushing to main on Fridays",
    "could Deniz stop pushing to main on Fridays",
    "Deniz should stop pushing to main on Fridays",
])
def test_a_stop_wished_of_the_person_asked_is_asked_of_them(change: str) -> None:
    """Said to Deniz, "I want Deniz to stop pushing to main on Fridays" was quoted whole,
    naming Deniz to Deniz ("if we looked at this together: “I want Deniz to …”"). Asked
    of someone else it stays quoted: feedback about one is no question for another."""
    for person in ("Deniz", "Deniz Kaya"):
        assert supportive_question(change, DIFF, "en", person) == \
            "How would it work for you to stop pushing to main on Fridays?", person
    assert "Deniz stopped" not in supportive_question(change, DIFF, "en", "Mert")
    assert "Deniz stopped" not in supportive_question(change, DIFF, "en")
