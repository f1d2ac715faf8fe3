"""What chat adds at the end of a change (a cheer, a courtesy, an aside) or around it (the
user's own quotes) does not change the question. Unit tests of the composer's words."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind
from mlcoach.influence.composer import supportive_question

DIFF = ChangeKind.DIFFERENTLY

CHANGES = [
    "a weekly demo <3", "Use the wiki :)", "Use the wiki :+1:", "email ➡️ wiki for decisions",
    "standups --> 10am", "the deploy checklist is a mess, I'd like to rewrite it",
    "people keep forgetting the release notes, so let's automate them",
    "share the agenda a day before", "blockers first", "a weekly demo would help",
    "move the standup to 10 #process @team", "going forward, all PRs need two approvals",
    "we're cancelling standup today",
]
ENDINGS = ["{}!!", "{}!!!1", "{} pls", "{}, thanks!", "{} pls thx", "{} (just an idea)",
           '"{}"']


@pytest.mark.parametrize("ending", ENDINGS)
@pytest.mark.parametrize("change", CHANGES)
def test_what_chat_adds_does_not_change_the_question(change: str, ending: str) -> None:
    """Session 32: "a weekly demo <3!!" asked "if we introduced a weekly demo under 3?",
    "share the agenda a day before pls" "to share the agenda a day before pls?", a quoted
    "move the standup to 10 #process @team" 'to "move the standup to 10?', and "(just an
    idea)" was read into "now that it's decided that all PRs need two approvals (just an
    idea) going forward"."""
    assert supportive_question(ending.format(change), DIFF, "en") == \
        supportive_question(change, DIFF, "en")


@pytest.mark.parametrize("change", ["end each retro with a thank you", "say thanks to reviewers",
                                    "send the weekly report to Tia",
                                    "rename the channel to Cheers"])
def test_thanks_and_names_that_are_the_change_stay(change: str) -> None:
    question = supportive_question(change, DIFF, "en")
    assert change.split()[-1] in question


@pytest.mark.parametrize("ending", ["{}!!", "{} lütfen", "{} (sadece bir fikir)", "{} (öneri)",
                                    "{}, teşekkürler!", '"{}"'])
def test_what_chat_adds_to_a_turkish_change_does_not_change_the_question(ending: str) -> None:
    """Session 32: "(sadece bir fikir)" was quoted with the change, and the proposal it
    closed was offered as a thing to try ("Şunu denesek diyorum: «… (sadece bir fikir)»")."""
    change = "standup'ı 10'a alalım"
    assert supportive_question(ending.format(change), DIFF, "tr") == \
        supportive_question(change, DIFF, "tr")


@pytest.mark.parametrize("typed", ["- {}", "* {}", "• {}", '"{}"', "1) {}"])
@pytest.mark.parametrize("change", ["AI: Dana to update the runbook",
                                    "Action item: Priya to share the agenda before planning",
                                    "Decision: standup moves to 10"])
def test_a_note_label_after_a_bullet_or_inside_quotes_is_still_a_label(typed: str,
                                                                        change: str) -> None:
    """Session 32: "- AI: Dana to update the runbook", pasted from meeting notes, was
    quoted whole: the label was only taken off at the start of the line."""
    assert supportive_question(typed.format(change), DIFF, "en") == \
        supportive_question(change, DIFF, "en")
