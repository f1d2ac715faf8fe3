"""How people really phrase a change, session 30: how our meetings usually go, said as a
complaint; a wish with its "it" left out; a state with a modal and an adverb (unit tests
of the composer; no store, no Qt)."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind, Size
from mlcoach.influence.composer import SuggestionRequest, compose, supportive_question

DIFF = ChangeKind.DIFFERENTLY
TOGETHER = "How would it work for you if we looked at this together: “{}”?"


@pytest.mark.parametrize("change", [
    "Our retros always end without action items",
    "our builds always fail on Mondays",
    "the 1:1s often get cancelled",
    "our retros never start on time",
    "standups never start on time",
    "meetings don't end on time",
    "stand-ups drag on for 45 minutes",
    "standups run for an hour",
    "reviews usually sit for days",
])
def test_how_ours_usually_go_is_looked_at_together(change: str) -> None:
    """"How would it work for you if we tried our retros always end without action
    items?": how things go was read as a thing to try, and its words as its name."""
    assert supportive_question(change, DIFF, "en") == TOGETHER.format(change)


@pytest.mark.parametrize(("change", "question"), [
    ("would be nice to have a shared calendar for on-call",
     "How would it work for you to have a shared calendar for on-call?"),
    ("Would be good to agree on a branching strategy",
     "How would it work for you to agree on a branching strategy?"),
    ("would be great to pair more", "How would it work for you to pair more?"),
])
def test_a_wish_without_its_it_is_the_act(change: str, question: str) -> None:
    """"if we tried this: “would be nice to have …”": "it would be nice to" was read,
    and the same wish typed as in chat was quoted whole."""
    assert supportive_question(change, DIFF, "en") == question


@pytest.mark.parametrize(("change", "question"), [
    ("standups should always start at 9:30",
     "How would it work for you if standups always started at 9:30?"),
    ("our standups should always start at 9:30",
     "How would it work for you if our standups always started at 9:30?"),
    ("standups will now start at 9:30",
     "How would it work for you if standups now started at 9:30?"),
])
def test_a_state_with_a_modal_and_an_adverb_reads_as_its_hypothesis(change: str,
                                                                    question: str) -> None:
    """"if standups should always started at 9:30": the modal was taken into the thing."""
    assert supportive_question(change, DIFF, "en") == question


@pytest.mark.parametrize("change", ["standups always start at 9:30",
                                    "PRs always need two approvals"])
def test_a_rule_proposed_is_still_no_complaint(change: str) -> None:
    """Without "our" or "the", "always" proposes a rule: it is not looked at as a problem."""
    assert "looked at this together" not in supportive_question(change, DIFF, "en")


def test_a_state_without_an_adverb_is_still_ones_own_to_lead_by_example() -> None:
    opening = compose(SuggestionRequest("Standups should end on time", None, DIFF,
                                        Size.MEDIUM, None, True, "en")).opening
    assert "Standups should end on time" in opening
