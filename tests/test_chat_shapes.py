"""Changes typed as chat: a run-together hashtag, a label before the change (unit tests
of the composer; no store, no Qt)."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind
from mlcoach.influence.composer import supportive_question
from mlcoach.influence.tags import spelled_tag
from tests.test_tidying import DIFF, START, STOP, by_example


@pytest.mark.parametrize(("change", "action", "question"), [
    ("#nomeetingfriday", STOP, "How would it work for you if we had no-meeting Fridays?"),
    ("#NoMeetingFriday", STOP, "How would it work for you if we had no-meeting Fridays?"),
    ("#no-meeting-friday", STOP, "How would it work for you if we had no-meeting Fridays?"),
    ("#nomeetingfriday", DIFF, "How would it work for you if we tried no-meeting Fridays?"),
    ("#meetingfreewednesday", STOP,
     "How would it work for you if we had meeting-free Wednesdays?"),
    ("#asyncstandups", START, "How would it work for you if we introduced async standups?"),
    ("#AsyncStandups", DIFF, "How would it work for you if we tried async standups?"),
    ("let's try #nomeetingfriday", DIFF, "How would it work for you to try no-meeting Fridays?"),
    ("can we start #asyncstandups", START, "How would it work for you to start async standups?"),
    ("#camerasoff", DIFF, "How would it work for you if cameras were off?"),
    ("#docsfirst", DIFF, "How would it work for you to put docs first?"),
])
def test_a_run_together_tag_is_said_as_its_words(change: str, action: ChangeKind,
                                                  question: str) -> None:
    """"How would it work for you if we stopped this: “Nomeetingfriday”?": the tag was
    quoted as one made-up word."""
    assert supportive_question(change, action, "en") == question


@pytest.mark.parametrize(("tag", "words"), [
    ("devops", None), ("kudos", None), ("general", None), ("standup", None),
    ("shipit", "ship it"), ("DemoDay", "demo day"), ("focusfriday", "focus Friday"),
    ("ASYNC", None), ("frontend-guild", None),
])
def test_a_tag_is_split_only_into_words_we_know(tag: str, words: str | None) -> None:
    assert spelled_tag(tag) == words


@pytest.mark.parametrize(("change", "kept"), [
    ("post wins in #kudos", "post wins in #kudos"),
    ("move standup to 10 #nomeetingfriday", "move standup to 10?"),
])
def test_a_channel_or_a_trailing_label_is_as_before(change: str, kept: str) -> None:
    assert supportive_question(change, DIFF, "en").endswith(kept if kept.endswith("?")
                                                            else kept + "?")


def test_by_example_a_tag_is_the_thing_to_try() -> None:
    assert "try no-meeting Fridays" in by_example("let's try #nomeetingfriday", DIFF)


@pytest.mark.parametrize(("change", "question"), [
    ("FYI going forward I'll share the notes after each meeting",
     "How would it work for you if I shared the notes after each meeting?"),
    ("FYI I'll share the notes after each meeting",
     "How would it work for you if I shared the notes after each meeting?"),
    ("fyi we should keep threads short", "How would it work for you to keep threads short?"),
    ("PSA let's keep threads short", "How would it work for you to keep threads short?"),
    ("psa please update your tickets", "How would it work for you to update your tickets?"),
    ("reminder please update your tickets",
     "How would it work for you to update your tickets?"),
    ("heads up let's move standup to 10", "How would it work for you to move standup to 10?"),
    ("Heads-up from now on I'll post the agenda a day ahead",  # as without the label
     "How would it work for you if I posted the agenda a day ahead from now on?"),
])
def test_a_label_said_without_a_colon_is_not_the_change(change: str, question: str) -> None:
    """"How would it work for you if we tried FYI going forward I'll share the notes…?":
    a label typed without its colon was read as the start of a thing to try."""
    assert supportive_question(change, DIFF, "en") == question


@pytest.mark.parametrize("change", ["reminder emails before every demo",
                                    "PSA posts in the general channel"])
def test_a_label_word_that_starts_a_thing_stays(change: str) -> None:
    assert change.split()[0].lower() in supportive_question(change, START, "en").lower()


@pytest.mark.parametrize(("change", "action", "question"), [
    ("heads up we're moving standup to 10", START,
     "What would help you most, now that we're moving standup to 10?"),
    ("FYI from Monday we'll start standup at 9:30", DIFF,
     "What would help you most, now that it's decided that we'll start standup at 9:30 "
     "from Monday?"),
    ("Reminder: we're moving standup to 10", STOP,
     "What would help you most, now that we're moving standup to 10?"),
])
def test_a_label_before_a_clause_is_not_quoted_with_it(change: str, action: ChangeKind,
                                                        question: str) -> None:
    """“heads up we're moving standup to 10”: when the rest is a clause, quoted whole, the
    label was quoted with it (by example already left it out). Since session 34 the label
    comes off before the news is told: the change announced is asked about as news."""
    assert supportive_question(change, action, "en") == question
