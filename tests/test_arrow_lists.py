"""Three or more changes said with arrows on one line ("standup → 10, retro → Friday,
demo → Thursday") are a list: the first is asked about as a first step, not the line
quoted back whole."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind, Style
from mlcoach.influence.composer import SuggestionRequest, compose, supportive_question

DIFF = ChangeKind.DIFFERENTLY


@pytest.mark.parametrize("change", [
    "standup → 10, retro → Friday, demo → Thursday",
    "standup -> 10, retro -> Friday, demo -> Thursday",
    "standup → 10; retro → Friday; demo → Thursday",
    "standup -> 10, retro -> Friday and demo -> Thursday",
    "standup → 10, retro → Friday, demo → Thursday, planning → Monday",
])
def test_three_arrowed_changes_ask_the_first_as_a_first_step(change: str) -> None:
    """It was “How would it work for you if we tried this: “move standup to 10, retro to
    Friday and demo to Thursday”?”."""
    assert supportive_question(change, DIFF, "en") == \
        "How would it work for you to move standup to 10, as a first step?"


@pytest.mark.parametrize("style", list(Style))
def test_no_style_quotes_the_arrowed_list(style: Style) -> None:
    composed = compose(SuggestionRequest(
        change="standup → 10, retro → Friday, demo → Thursday", style=style))
    assert "“" not in composed.question and "→" not in composed.question


def test_two_arrowed_changes_are_still_asked_together() -> None:
    assert supportive_question("standup → 10, retro → Friday", DIFF, "en") == \
        "How would it work for you to move standup to 10 and retro to Friday?"


def test_arrowed_changes_on_lines_of_their_own_are_a_list() -> None:
    """Pasted from notes, "standup -> async⏎retro -> biweekly" was joined with a space and
    quoted as “standup -> async retro -> biweekly”."""
    assert supportive_question("standup → 10am\nretro → friday", ChangeKind.DIFFERENTLY,
                               "en") == \
        "How would it work for you to move standup to 10am and retro to friday?"
