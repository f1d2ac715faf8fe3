"""How people phrase a change, round 25: the team's meetings, changes said in passing,
the person who made a change (unit tests of the composer; no store, no Qt)."""

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


def _by_example(change: str, action: ChangeKind = DIFF, language: str = "en") -> str:
    return compose(SuggestionRequest(change, None, action, Size.MEDIUM, None, True,
                                     language)).opening


@pytest.mark.parametrize("change", [
    "Friday demo - way too long", "make the Friday demo shorter",
    "Monday status meeting - way too long", "make the Monday status meeting shorter",
    "make the weekly sync shorter", "all-hands: way too long", "planning is too long",
    "the 1:1s are too long", "move the all-hands to Thursday", "cancel Monday standup",
    "make the status call shorter", "cancel the staff meeting this week",
    "make the weekly kickoff shorter", "no Monday status meeting",
])
def test_a_team_meeting_is_not_the_user_s_own_example(change: str) -> None:
    """"Friday demo - way too long" became, by example, the user's own "make the Friday
    demo shorter": one person cannot shorten a meeting the team holds."""
    with pytest.raises(ComposerError, match="for the team to decide"):
        _by_example(change)


@pytest.mark.parametrize("change", [
    "haftalık toplantıyı kısaltalım", "haftalık toplantıyı iptal edelim",
    "haftalık senkron toplantısını iki haftada bire indirelim",
    "birebirleri 30 dakikaya indirelim", "all-hands'i perşembeye alalım",
    "bu hafta haftalık toplantı yok",
])
def test_a_team_meeting_in_turkish_is_not_the_user_s_own_example(change: str) -> None:
    with pytest.raises(ComposerError, match="for the team to decide"):
        _by_example(change, language="tr")


@pytest.mark.parametrize(("change", "mine"), [
    ("make my 1:1s shorter", "make your 1:1s shorter"),
    ("end my meetings on time", "end your meetings on time"),
    ("prepare the Friday demo on Thursday", "prepare the Friday demo on Thursday"),
])
def test_what_the_user_does_in_a_meeting_stays_their_example(change: str, mine: str) -> None:
    assert mine in _by_example(change)


def test_the_user_s_own_meetings_in_turkish_stay_their_example() -> None:
    assert "«toplantılarımı zamanında bitireyim»" in _by_example(
        "toplantılarımı zamanında bitireyim", language="tr")


@pytest.mark.parametrize(("change", "question"), [
    ("Monday status meeting - way too long",
     "How would it work for you if the Monday status meeting were shorter?"),
    ("the 1:1s are too long", "How would it work for you if the 1:1s were shorter?"),
    ("planning is too long", "How would it work for you if planning were shorter?"),
    ("what if the Monday status meeting were shorter",
     "How would it work for you if the Monday status meeting were shorter?"),
])
def test_a_verdict_on_a_meeting_is_asked_as_its_change(change: str, question: str) -> None:
    """"Monday status meeting - way too long" was quoted whole ("meeting" read as a verb)."""
    assert supportive_question(change, DIFF, "en") == question
