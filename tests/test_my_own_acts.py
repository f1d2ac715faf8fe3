"""The supportive question about the user's own act ("share my notes after meetings"):
asked "if I shared my notes …", not "for you to share my notes …", which asked the
colleague to do it. An act on the user's things that the colleague is asked for
("review my PRs") stays theirs to do."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind
from mlcoach.influence.composer import supportive_question

DIFF, STOP, START = ChangeKind.DIFFERENTLY, ChangeKind.STOP, ChangeKind.START


@pytest.mark.parametrize(("change", "action", "question"), [
    ("share my notes after every meeting", DIFF,
     "How would it work for you if I shared my notes after every meeting?"),
    ("block my calendar for focus time", DIFF,
     "How would it work for you if I blocked my calendar for focus time?"),
    ("put my phone away in meetings", DIFF,
     "How would it work for you if I put my phone away in meetings?"),
    ("post my update in the channel, not in the call", DIFF,
     "How would it work for you if I posted my update in the channel, not in the call?"),
    ("stop checking my phone in meetings", DIFF,
     "How would it work for you if I stopped checking my phone in meetings?"),
    ("answering my emails at night", STOP,
     "How would it work for you if I stopped answering my emails at night?"),
    ("merging my own PRs without review", STOP,
     "How would it work for you if I stopped merging my own PRs without review?"),
    ("sharing my screen in standup", START,
     "How would it work for you if I started sharing my screen in standup?"),
])
def test_the_users_own_act_is_asked_as_theirs(change: str, action: ChangeKind,
                                              question: str) -> None:
    assert supportive_question(change, action, "en") == question


@pytest.mark.parametrize("change", [
    "review my PRs within a day", "read my notes before the meeting",
    "help me plan my week", "let me share my notes after every meeting",
    "share your notes after every meeting", "share the notes after every meeting",
])
def test_an_act_asked_of_the_colleague_stays_theirs(change: str) -> None:
    assert supportive_question(change, DIFF, "en") == f"How would it work for you to {change}?"


@pytest.mark.parametrize(("change", "question"), [
    ("pair with Dana on the migration", "How would it work for you if we paired on the migration?"),
    ("have a weekly 1:1 with Dana", "How would it work for you if we had a weekly 1:1?"),
    ("let's check in with Dana every friday",
     "How would it work for you if we checked in every friday?"),
    ("share my notes with Dana after every meeting",
     "How would it work for you if I shared my notes with you after every meeting?"),
    ("send Dana the agenda", "How would it work for you if I sent you the agenda?"),
    ("keep Dana in the loop on releases",
     "How would it work for you if I kept you in the loop on releases?"),
    ("give Dana feedback in private, not in standup",
     "How would it work for you if I gave you feedback in private, not in standup?"),
    # a habit towards them, likely the team's
    ("stop interrupting Dana in meetings",
     "How would it work for you if we stopped interrupting you in meetings?"),
])
def test_an_act_done_with_the_person_asked_is_ours_or_mine(change: str, question: str) -> None:
    """Said to Dana, "pair with Dana on the migration" was quoted whole, naming Dana to
    Dana ("if we tried this: “pair with Dana …”"), and so was every act done with or
    towards her."""
    assert supportive_question(change, DIFF, "en", "Dana") == question


@pytest.mark.parametrize("change", ["pair with Dana and Priya on the migration",
                                    "ask Dana about the release plan"])
def test_more_people_or_a_question_about_them_stay_whole(change: str) -> None:
    assert f"“{change}”" in supportive_question(change, DIFF, "en", "Dana")


@pytest.mark.parametrize(("change", "action", "question"), [
    ("interrupting Dana in meetings", STOP,
     "How would it work for you if we stopped interrupting you in meetings?"),
    ("thanking Dana in public", START,
     "How would it work for you if we started thanking you in public?"),
])
def test_a_habit_towards_the_person_asked_is_ours(change: str, action: ChangeKind,
                                                  question: str) -> None:
    assert supportive_question(change, action, "en", "Dana") == question


@pytest.mark.parametrize(("change", "action", "question"), [
    ("weekly updates from Dana in the channel", DIFF,
     "How would it work for you if we tried weekly updates from you in the channel?"),
    ("no more last-minute invites from Dana", STOP,
     "How would it work for you if we had no more last-minute invites from you?"),
    ("a weekly sync with Dana", START,
     "How would it work for you if we introduced a weekly sync with you?"),
    ("Let's get Dana to present the roadmap", DIFF,
     "How would it work for you to present the roadmap?"),
    ("could we have Dana run the demo?", DIFF, "How would it work for you to run the demo?"),
])
def test_the_person_asked_is_you_in_a_thing_or_an_ask_of_ours(
        change: str, action: ChangeKind, question: str) -> None:
    """Said to Dana, each was quoted whole, naming Dana to Dana."""
    assert supportive_question(change, action, "en", "Dana") == question
