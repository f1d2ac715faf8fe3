"""A change typed in sentence case ("Core hours", "The 1:1 moves to Thursday") is asked
about as the same words typed in lower case: the capital is the sentence's, not a name's.
Names, tools and capitals a word always has stay. Unit tests of the composer's words."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind
from mlcoach.influence.composer import supportive_question

START, STOP, DIFF = ChangeKind.START, ChangeKind.STOP, ChangeKind.DIFFERENTLY


@pytest.mark.parametrize(("change", "action", "question"), [
    ("Core hours", START,
     "How would it work for you if we introduced core hours?"),
    ("Feature flags for risky changes", START,
     "How would it work for you if we introduced feature flags for risky changes?"),
    ("Office hours instead of ad hoc pings", DIFF,
     "How would it work for you if we tried office hours instead of ad hoc pings?"),
    ("Rubber-stamp approvals", STOP,
     "How would it work for you if we did away with rubber-stamp approvals?"),
    ("Notifications on during focus time", STOP,
     "How would it work for you if notifications were off during focus time?"),
    ("The 1:1 moves to Thursday", DIFF,
     "How would it work for you if the 1:1 moved to Thursday?"),
    ("Our 1:1 should move to Thursday", DIFF,
     "How would it work for you if our 1:1 moved to Thursday?"),
    ("A 5-minute Loom instead of a 30-minute call", DIFF,
     "How would it work for you if we tried a 5-minute Loom instead of a 30-minute call?"),
    ("Standup cancelled today", DIFF,
     "With no standup today, what would help you stay in the loop?"),
    ("Ban on Friday deploys", DIFF,
     "How would it work for you if we had a ban on Friday deploys?"),
    ("Put Blockers first in standup", DIFF,
     "How would it work for you to put blockers first in standup?"),
    ("Recorded demos instead of live ones", DIFF,
     "How would it work for you if we tried recorded demos instead of live ones?"),
    ("Always add a test", DIFF,
     "How would it work for you to always add a test?"),
])
def test_a_sentences_capital_is_not_kept_mid_question(change: str, action: ChangeKind,
                                                      question: str) -> None:
    """Session 32: "if we introduced Core hours?", "if The 1:1 moved to Thursday?", "With
    no Standup today": the note's first capital, asked mid-sentence."""
    assert supportive_question(change, action, "en") == question


@pytest.mark.parametrize(("change", "action", "question"), [
    ("Priya reviews", START,
     "How would it work for you if we introduced Priya reviews?"),
    ("Dana's ticket template", START,
     "How would it work for you if we introduced Dana's ticket template?"),
    ("Notion instead of Confluence", DIFF,
     "How would it work for you if we tried Notion instead of Confluence?"),
    ("Google Slides for quarterly planning", START,
     "How would it work for you if we introduced Google Slides for quarterly planning?"),
    ("T-shirt sizes for estimates", START,
     "How would it work for you if we introduced T-shirt sizes for estimates?"),
    ("Teams calls instead of Zoom", DIFF,
     "How would it work for you if we tried Teams calls instead of Zoom?"),
])
def test_names_and_tools_keep_their_capitals(change: str, action: ChangeKind,
                                             question: str) -> None:
    assert supportive_question(change, action, "en") == question
