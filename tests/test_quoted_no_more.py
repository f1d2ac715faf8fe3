"""Phrasings that were quoted back whole ("if we tried this: “…”") where a plain question
reads well: a wish of whoever takes it up, of new hires, a meeting's rhythm said first,
and what the team ought to do (by example, one's own part of it)."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind, Style
from mlcoach.influence.composer import (
    ComposerError,
    SuggestionRequest,
    compose,
    supportive_question,
)

DIFF = ChangeKind.DIFFERENTLY


@pytest.mark.parametrize(("change", "question"), [
    ("can someone from design share mockups earlier",
     "How would it work for you if someone from design shared mockups earlier?"),
    ("could someone from QA test on staging first",
     "How would it work for you if someone from QA tested on staging first?"),
    ("can someone share the notes", "How would it work for you if someone shared the notes?"),
    ("new hires should shadow on-call first",
     "How would it work for you if new hires shadowed on-call first?"),
    ("biweekly retro", "How would it work for you if we held the retro every two weeks?"),
    ("monthly retro", "How would it work for you if we held the retro once a month?"),
    ("weekly demo", "How would it work for you if we held the demo every week?"),
    ("async standup", "How would it work for you if the standup were async?"),
    ("optional demo", "How would it work for you if the demo were optional?"),
    ("the team needs to write tests", "How would it work for you if we all wrote tests?"),
    ("the team should review PRs faster",
     "How would it work for you if we all reviewed PRs faster?"),
    ("everyone should update their tickets",
     "How would it work for you if we all updated our tickets?"),
])
def test_a_plain_question_instead_of_a_quote(change: str, question: str) -> None:
    assert supportive_question(change, DIFF, "en") == question


@pytest.mark.parametrize("style", list(Style))
@pytest.mark.parametrize("change", ["can someone from design share mockups earlier",
                                    "new hires should shadow on-call first", "biweekly retro",
                                    "the team needs to write tests"])
def test_no_style_quotes_them(change: str, style: Style) -> None:
    assert "“" not in compose(SuggestionRequest(change=change, style=style,
                                                person="Sam")).question


@pytest.mark.parametrize(("change", "act"), [
    ("the team needs to write tests", "write tests"),
    ("everyone should update their tickets", "update your tickets"),
])
def test_by_example_what_all_ought_to_do_is_ones_own_part(change: str, act: str) -> None:
    opening = compose(SuggestionRequest(change=change, style=None, by_example=True)).opening
    assert f" {act}" in opening and "“" not in opening


def test_a_wish_of_someone_from_another_team_is_not_led_by_example() -> None:
    with pytest.raises(ComposerError, match="someone else"):
        compose(SuggestionRequest(change="can someone from design share mockups earlier",
                                  style=None, by_example=True))


@pytest.mark.parametrize("change", ["what if someone got sick", "what if someone breaks prod",
                                    "what if someone forgot"])
def test_a_worry_about_someone_is_not_read_as_their_act(change: str) -> None:
    assert "“" in supportive_question(change, DIFF, "en")
