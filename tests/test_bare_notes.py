"""Short English changes typed as notes ("be on time", "blockers first", "design review")
are asked about in the user's words, not quoted back (unit tests of the composer)."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind
from mlcoach.influence.composer import SuggestionRequest, compose, supportive_question

START, STOP, DIFF = ChangeKind.START, ChangeKind.STOP, ChangeKind.DIFFERENTLY


@pytest.mark.parametrize(("change", "action", "question"), [
    ("be on time", DIFF, "How would it work for you to be on time?"),
    ("Be on time for standup", DIFF, "How would it work for you to be on time for standup?"),
    ("be kind in reviews", DIFF, "How would it work for you to be kind in reviews?"),
    ("blockers first", DIFF, "How would it work for you to put blockers first?"),
    ("the hard tickets first", DIFF, "How would it work for you to put the hard tickets first?"),
    ("blockers first in standup", DIFF,
     "How would it work for you to put blockers first in standup?"),
    ("design review", DIFF, "How would it work for you if we tried a design review?"),
    ("Design review", START, "How would it work for you if we introduced a design review?"),
    ("architecture review", START,
     "How would it work for you if we introduced an architecture review?"),
    ("design review", STOP, "How would it work for you if we did away with the design review?"),
])
def test_a_note_is_asked_in_the_users_words(change: str, action: ChangeKind,
                                            question: str) -> None:
    """Each was quoted back: "if we tried this: “be on time”", "“blockers first”",
    "“design review”"."""
    assert supportive_question(change, action, "en") == question


@pytest.mark.parametrize(("change", "act"), [("be on time", "be on time"),
                                             ("blockers first", "put blockers first")])
def test_a_note_by_example_is_the_act_unquoted(change: str, act: str) -> None:
    opening = compose(SuggestionRequest(change=change, style=None, by_example=True)).opening
    assert f": {act}" in opening and "“" not in opening


@pytest.mark.parametrize("change", ["code review", "be the one who asks", "test first"])
def test_what_is_no_such_note_is_read_as_before(change: str) -> None:
    assert "put " not in supportive_question(change, DIFF, "en")
    assert " a code review" not in supportive_question(change, DIFF, "en")
