"""How people phrase a change, round 24: the person addressed, fragments, hopes and
decisions, a change made in Turkish (unit tests of the composer; no store, no Qt)."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind, Style
from mlcoach.influence.composer import SuggestionRequest, compose, supportive_question

START, STOP, DIFF = ChangeKind.START, ChangeKind.STOP, ChangeKind.DIFFERENTLY


@pytest.mark.parametrize(("change", "act"), [
    ("Dana should be in the retro", "to be in the retro?"),
    ("Dana should be at the design review", "to be at the design review?"),
    ("I think Dana should be on call less", "to be on call less?"),
    ("maybe Dana could lead standup", "to lead standup?"),
    ("Dana should lead standup", "to lead standup?"),
])
def test_the_person_addressed_is_spoken_to(change: str, act: str) -> None:
    """"How would it work for you if Dana were in the retro?", said to Dana: the person
    was spoken of in the third person while being asked."""
    question = supportive_question(change, DIFF, "en", "Dana")
    assert question.endswith(act)
    assert "Dana" not in question
    for style in Style:
        composed = compose(SuggestionRequest(change=change, style=style, person="Dana"))
        assert "Dana were" not in composed.question and act in composed.question


def test_someone_else_s_state_stays_theirs() -> None:
    """Said to Priya, "Dana should be in the retro" is still Dana's."""
    assert supportive_question("Dana should be in the retro", DIFF, "en", "Priya") == \
        "How would it work for you if Dana were in the retro?"
