"""How people really phrase a change, the third round: statements of what a thing needs,
stops said as the state wanted, chat and e-mail wrapping, shorthand, and Turkish
question forms. Each case read wrong before (unit tests of the composer; no store, no Qt).
"""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind, Size
from mlcoach.influence.composer import (
    ComposerError,
    SuggestionRequest,
    compose,
    supportive_question,
)

START, STOP, DIFF = ChangeKind.START, ChangeKind.STOP, ChangeKind.DIFFERENTLY


def by_example(change: str, action: ChangeKind, language: str = "en",
               person: str | None = None) -> str:
    return compose(SuggestionRequest(change, None, action, Size.MEDIUM, person, True,
                                     language)).opening


@pytest.mark.parametrize(("change", "action"), [
    ("the team needs to write tests", DIFF),
    ("the build needs to be faster", DIFF),
    ("the onboarding docs need updating", DIFF),
    ("standup starts at 10", DIFF),
    ("retro ends on time", DIFF),
    ("all PRs need tests", START),
    ("the team agrees on a definition of done", START),
])
def test_a_statement_of_what_a_thing_needs_is_quoted_not_made_a_thing(
        change: str, action: ChangeKind) -> None:
    """"if we tried the team needs to write tests?", "start all PRs need tests": the verb
    was read as a plural noun, and the sentence broken."""
    assert f"“{change}”" in supportive_question(change, action, "en")
    assert f"“{change}”" in by_example(change, action)


@pytest.mark.parametrize(("change", "question"), [
    ("zero meetings on Fridays", "How would it work for you if we had zero meetings on Fridays?"),
    ("0 meetings on Fridays", "How would it work for you if we had 0 meetings on Fridays?"),
    ("meetingless Fridays", "How would it work for you if we had meetingless Fridays?"),
    ("try not to schedule meetings before 10",
     "How would it work for you if we tried this: “try not to schedule meetings before 10”?"),
    ("Friday demo: no longer needed",
     "How would it work for you if we tried this: “Friday demo: no longer needed”?"),
])
def test_a_stop_said_as_the_state_wanted_is_not_stopped_again(change: str,
                                                               question: str) -> None:
    """"if we did away with zero meetings on Fridays" said the opposite of the change."""
    assert supportive_question(change, STOP, "en") == question
    assert not by_example(change, STOP).split(": ", 1)[1].startswith("stop ")


@pytest.mark.parametrize("change", ["sıfır toplantı cuma", "cuma günü toplantısız gün"])
def test_a_turkish_stop_said_as_the_state_wanted_is_not_stopped_again(change: str) -> None:
    assert supportive_question(change, STOP, "tr").startswith(f"Şunu denesek diyorum: «{change}»")
    assert "olmadan çalışmak" not in by_example(change, STOP, "tr")


@pytest.mark.parametrize(("change", "language"), [
    ("pointless meetings", "en"), ("deploying without tests", "en"),
    ("gereksiz toplantılar", "tr"),
])
def test_what_is_to_be_stopped_is_still_stopped(change: str, language: str) -> None:
    question = supportive_question(change, STOP, language)
    assert ("did away with" in question or "to stop" in question
            or question.startswith("Şunu bıraksak"))


def test_composer_error_is_still_raised_for_nothing() -> None:
    with pytest.raises(ComposerError):
        supportive_question("   ", STOP, "en")
