"""Whether a change is an act to ask about, a thing to try, or words to quote: the
shapes that still read wrong in round 21 (unit tests of the composer; no store, no Qt)."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind
from mlcoach.influence.composer import ComposerError, supportive_question
from mlcoach.influence.verb_forms import past_tense
from tests.test_tidying import DIFF, START, STOP, by_example


@pytest.mark.parametrize("change", [
    "record meetings for people who can't join",
    "close tickets when they are done",
    "share notes with people who were not there",
    "fix tests that are flaky",
    "merge PRs once they are approved",
    "update the ticket when it is done",
    "fix the build when it is broken",
    "archive channels that aren't used",
    "reply to questions that are urgent",
    "invite people who should be in the decision",
    "loop in people who can answer",
    "cancel meetings that have no agenda",
    "write down decisions that were made in chat",
    "ping reviewers when a PR is ready",
    "put the roadmap where everyone can see it",
    "keep the notes where we can find them",
    "share the roadmap so everyone can see it",
    "record demos so people who missed them can watch",
])
def test_an_act_with_a_clause_of_its_own_is_asked_as_the_act(change: str) -> None:
    """"if we tried this: “close tickets when they are done”": the "are" of the clause
    was taken for the change's own verb, and the act quoted as a thought."""
    assert supportive_question(change, DIFF, "en") == f"How would it work for you to {change}?"
    assert f": {change}." in by_example(change, START)


@pytest.mark.parametrize("change", [
    "the standup that is always late",
    "people who can't join should watch the recording",
])
def test_a_thing_or_a_clause_with_a_clause_of_its_own_stays_quoted(change: str) -> None:
    assert f"“{change}”" in supportive_question(change, DIFF, "en")


@pytest.mark.parametrize("change", [
    "rate limits on the API",
    "message templates for incidents",
    "deploy windows in the afternoon",
    "end dates on every ticket",
    "deploy slots on Tuesdays",
    "deploy freezes before holidays",
    "request templates for the design team",
    "plan templates for each sprint",
    "log files in one place",
    "answer templates for support",
    "end times on every meeting invite",
    "message threads per topic",
    "list views in Jira",
    "book clubs for the team",
])
def test_a_compound_led_by_a_verb_like_word_is_a_thing(change: str) -> None:
    """"How would it work for you to rate limits on the API?": a word that can be a verb
    was read as the act, the compound's head as its object."""
    assert supportive_question(change, START, "en") == \
        f"How would it work for you if we introduced {change}?"
    assert supportive_question(change, DIFF, "en") == \
        f"How would it work for you if we tried {change}?"
    example = by_example(change, START)  # a thing: started, or used when one uses it
    assert f": start {change}." in example or f": start using {change}." in example


@pytest.mark.parametrize("change", [
    "post updates in the channel",
    "deploy updates on Fridays",
    "end meetings five minutes early",
    "answer messages within an hour",
    "book slots for reviews ahead of time",
    "log hours by Friday",
    "deploy changes in the afternoon",
])
def test_an_act_on_a_plural_stays_an_act(change: str) -> None:
    assert supportive_question(change, START, "en") == f"How would it work for you to {change}?"


@pytest.mark.parametrize("change", [
    "demo features at the end of each sprint",
    "demo changes to the team every Friday",
    "demo prototypes early",
    "demo results in the all-hands",
    "release fixes weekly",
    "release features behind flags",
    "log hours every Friday",
    "log hours each evening",
    "answer emails each morning",
    "plan sessions every sprint",
    "label tickets consistently",
    "book rooms every Monday",
])
def test_a_verb_that_is_often_a_noun_is_the_act_before_what_it_is_done_to(change: str) -> None:
    """"if we tried this: “demo features at the end of each sprint”": "demo" and "log" lead
    compounds ("demo days", "log files"), so what they are done to was quoted."""
    assert supportive_question(change, DIFF, "en") == f"How would it work for you to {change}?"
    assert f": {change}" in by_example(change, DIFF)


@pytest.mark.parametrize("change", ["demo days every sprint", "release notes in the wiki"])
def test_a_compound_of_those_verbs_is_still_no_act(change: str) -> None:
    assert f"to {change}" not in supportive_question(change, DIFF, "en")


@pytest.mark.parametrize(("change", "asked"), [
    ("I want to review PRs within a day", "if I reviewed PRs within a day"),
    ("I want to post updates in the channel", "if I posted updates in the channel"),
    ("I'd like to share my notes after each meeting", "if I shared my notes after each meeting"),
    ("I'll stop scheduling meetings on Fridays", "if I stopped scheduling meetings on Fridays"),
    ("I'm going to block focus time in the mornings",
     "if I blocked focus time in the mornings"),
    ("I want to use the wiki instead of email", "if I used the wiki instead of email"),
    ("I need to reply faster", "if I replied faster"),
    ("I would like to present at the demo", "if I presented at the demo"),
    ("I'd like to run the retro this time", "if I ran the retro this time"),
    ("I need to write tests first", "if I wrote tests first"),
    ("I plan to send the agenda a day ahead", "if I sent the agenda a day ahead"),
    ("i'm gonna plan the sprint with the team", "if I planned the sprint with the team"),
    ("I want to try async standups", "if I tried async standups"),
    ("from now on I'll send notes after meetings",
     "if I sent notes after meetings from now on"),
])
@pytest.mark.parametrize("action", [DIFF, START, STOP])
def test_what_i_want_to_do_is_asked_as_my_act(change: str, asked: str,
                                                action: ChangeKind) -> None:
    """"if we looked at this together: “I want to review PRs within a day”": one's own
    plan was quoted as a thought; it is asked as what the colleague would make of it,
    and never turned round by a "no longer" when the kind is a stop."""
    assert supportive_question(change, action, "en") == f"How would it work for you {asked}?"


@pytest.mark.parametrize("change", ["I want to be on time", "I want to see fewer meetings"])
def test_a_wish_that_is_no_plain_act_is_still_looked_at_together(change: str) -> None:
    assert f"“{change}”" in supportive_question(change, DIFF, "en")


def test_my_plan_after_a_topic_is_still_my_example() -> None:
    change = "our standup: I'll keep my update under a minute"
    assert supportive_question(change, DIFF, "en") == \
        "When it comes to our standup, how would it work for you if I kept my update " \
        "under a minute?"
    assert f"“{change}”" in by_example(change, DIFF)


@pytest.mark.parametrize(("verb", "past"), [
    ("review", "reviewed"), ("stop", "stopped"), ("plan", "planned"), ("open", "opened"),
    ("visit", "visited"), ("commit", "committed"), ("overcommit", "overcommitted"),
    ("share", "shared"), ("reply", "replied"), ("play", "played"), ("sync", "synced"),
    ("demo", "demoed"), ("time-box", "time-boxed"), ("send", "sent"), ("run", "ran"),
    ("quit", "quit"), ("be", None), ("cc", None),
    # "comed", "becomed", "undoed": the common irregular verbs and their compounds
    ("come", "came"), ("become", "became"), ("overcome", "overcame"), ("undo", "undid"),
    ("rewrite", "rewrote"), ("see", "saw"), ("know", "knew"), ("feel", "felt"),
    ("understand", "understood"), ("draw", "drew"), ("catch", "caught"),
    ("fly", "flew"), ("lose", "lost"), ("hear", "heard"), ("rethink", "rethought"),
    ("fit", "fit"), ("show", "showed"),
])
def test_the_past_of_a_verb(verb: str, past: str | None) -> None:
    assert past_tense(verb) == past


@pytest.mark.parametrize(("change", "act"), [
    ("what if releases were on tuesdays", "release on tuesdays"),
    ("what if deploys were before noon", "deploy before noon"),
    ("what if our demos were on Fridays", "demo on Fridays"),
    ("what if merges were after 4pm", "merge after 4pm"),
    ("what if code reviews were in the morning", "do code reviews in the morning"),
    ("what if design reviews were on Thursdays", "do design reviews on Thursdays"),
    ("what if releases were every two weeks", "release every two weeks"),
])
def test_a_hypothesis_of_when_a_thing_is_done_is_shown_as_doing_it(change: str,
                                                                   act: str) -> None:
    """By example, "what if releases were on tuesdays" was refused as no act at all."""
    assert f": {act}" in by_example(change, DIFF)
    assert supportive_question(change, DIFF, "en") == \
        f"How would it work for you if {change.removeprefix('what if ')}?"


@pytest.mark.parametrize("change", ["what if retros were every two weeks",
                                    "what if the standup was at 10"])
def test_a_hypothesis_of_when_a_meeting_is_held_is_the_teams_to_decide(change: str) -> None:
    with pytest.raises(ComposerError, match="team to decide"):
        by_example(change, DIFF)


def test_a_hypothesis_with_no_act_to_tell_is_still_refused() -> None:
    with pytest.raises(ComposerError, match="something you will do yourself"):
        by_example("what if pair sessions were on Fridays", DIFF)


@pytest.mark.parametrize("change", [
    "release trains every two weeks", "test plans for every feature",
    "sync meetings on Mondays", "time boxes for discussions", "demo days on Fridays",
    "change requests through the board", "trial periods for new tools",
    "post mortems after every incident", "group lunches on Fridays",
])
def test_a_compound_thing_with_a_when_is_asked_as_a_thing(change: str) -> None:
    """"if we tried this: “release trains every two weeks”": a compound led by a word
    that can be a verb was quoted, though its head ("trains", "plans") is no object."""
    assert supportive_question(change, DIFF, "en") == \
        f"How would it work for you if we tried {change}?"
    assert supportive_question(change, START, "en") == \
        f"How would it work for you if we introduced {change}?"


@pytest.mark.parametrize("change", ["start dates in the roadmap",
                                    "end meetings five minutes early"])
def test_a_start_or_an_end_before_a_compound_head_is_not_started_again(change: str) -> None:
    """No "start start dates in the roadmap" by example: quoted, or the act."""
    assert "start start" not in by_example(change, START)


@pytest.mark.parametrize(("change", "act"), [
    ("we want to post updates in the channel", "post updates in the channel"),
    ("we'd like to move standup to 10", "move standup to 10"),
    ("we would like to try async standups", "try async standups"),
    ("we plan to review PRs within a day", "review PRs within a day"),
    ("we're planning to stop Friday deploys", "stop Friday deploys"),
    ("we intend to share notes after every meeting", "share notes after every meeting"),
    ("we'd love to demo features at the end of each sprint",
     "demo features at the end of each sprint"),
])
def test_what_we_want_to_do_is_the_act(change: str, act: str) -> None:
    """"if we looked at this together: “we want to post updates in the channel”", and
    refused by example as no act."""
    assert supportive_question(change, DIFF, "en") == f"How would it work for you to {act}?"


@pytest.mark.parametrize("change", ["we want to be faster", "we want to see fewer meetings",
                                    "we want to get better at reviews"])
def test_what_we_want_to_be_or_see_is_still_looked_at_together(change: str) -> None:
    assert f"“{change}”" in supportive_question(change, DIFF, "en")


@pytest.mark.parametrize("change", [
    "message people directly", "loop people in early", "tag people who can answer",
    "remind people about the retro", "remind everyone before the demo",
    "message everyone in the channel", "sync everyone on the plan",
    "update colleagues on progress", "ping folks before the meeting",
    "remind Dana to update the board",
])
def test_a_verb_that_is_often_a_noun_before_people_is_the_act(change: str) -> None:
    """"if we tried this: “message people directly”": "people" is no plural in "-s", so
    "message" before it was not read as the verb ("remind", "tag" were not known)."""
    assert supportive_question(change, DIFF, "en") == f"How would it work for you to {change}?"


@pytest.mark.parametrize(("change", "action", "said"), [
    ("end dates on every ticket", ChangeKind.START, "start using end dates on every ticket"),
    ("end dates on every ticket", ChangeKind.STOP, "stop using end dates on every ticket"),
    ("rate limits on the API", ChangeKind.START, "start using rate limits on the API"),
    ("message templates for incidents", ChangeKind.STOP,
     "stop using message templates for incidents"),
])
def test_by_example_a_thing_used_is_not_two_verbs(change: str, action: ChangeKind,
                                                  said: str) -> None:
    """"Begin with your own work: start end dates on every ticket." read as two verbs."""
    assert f": {said}." in by_example(change, action)


@pytest.mark.parametrize("change", ["book clubs for the team", "post mortems after every incident"])
def test_by_example_a_thing_held_is_still_started(change: str) -> None:
    assert f": start {change}." in by_example(change, ChangeKind.START)


@pytest.mark.parametrize("change", [
    "tag names in the release",
    "tag names in the release notes",
    "label names on the board",
    "tag rules for the repo",
    "tag conventions in the wiki",
])
def test_names_and_rules_after_a_verb_like_word_are_a_thing(change: str) -> None:
    """"How would it work for you to tag names in the release?": the names of tags were
    read as what is tagged."""
    assert supportive_question(change, DIFF, "en") == \
        f"How would it work for you if we tried {change}?"


@pytest.mark.parametrize("change", [
    "tag releases in git", "tag people who can answer", "tag owners on every ticket",
    "change names in the release",
])
def test_what_is_tagged_stays_the_act(change: str) -> None:
    assert supportive_question(change, DIFF, "en") == f"How would it work for you to {change}?"


@pytest.mark.parametrize(("change", "question"), [
    ("on Fridays no deploys", "How would it work for you if we had no deploys on Fridays?"),
    ("during focus time no pings",
     "How would it work for you if we had no pings during focus time?"),
    ("in retros more praise", "How would it work for you if we had more praise in retros?"),
    ("on Mondays a short planning",
     "How would it work for you if we tried a short planning on Mondays?"),
])
def test_a_place_or_time_said_first_goes_after_what_it_is_about(change: str, question: str) -> None:
    """"if we tried on Fridays no deploys", "if we did away with on Fridays no deploys"."""
    assert supportive_question(change, DIFF, "en") == question


@pytest.mark.parametrize("change", ["with the customer problem in planning", "with cameras on",
                                    "in pairs", "without meetings on Fridays"])
@pytest.mark.parametrize("action", [DIFF, START, STOP])
def test_words_led_by_a_preposition_are_no_act_nor_thing_to_try(change: str,
                                                               action: ChangeKind) -> None:
    """"How would it work for you to with the customer problem in planning?", "… to no
    longer with …", "if we tried in pairs": quoted as typed now."""
    assert f"“{change}”" in supportive_question(change, action, "en")
