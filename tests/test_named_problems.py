"""A problem named as a thing ("long standups", "flaky tests", "slow code reviews"):
asked as what it wants or looked at together, never tried or started; to stop, done away
with (unit tests of the composer; no store, no Qt)."""

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


@pytest.mark.parametrize(("change", "question"), [
    ("long standups", "How would it work for you if standups were shorter?"),
    ("slow code reviews", "How would it work for you if code reviews were faster?"),
    ("unclear tickets", "How would it work for you if tickets were clearer?"),
    ("big PRs", "How would it work for you if PRs were smaller?"),
    ("flaky tests", "How would it work for you if we looked at this together: “flaky tests”?"),
    ("pointless meetings",
     "How would it work for you if we looked at this together: “pointless meetings”?"),
    ("late PR reviews",
     "How would it work for you if we looked at this together: “late PR reviews”?"),
])
@pytest.mark.parametrize("action", [START, DIFF])
def test_a_problem_is_not_tried(change: str, question: str, action: ChangeKind) -> None:
    """"flaky tests" read "if we tried flaky tests?", "long standups" "if we tried long
    standups?"; "slow code reviews" "to slow code reviews?"."""
    assert supportive_question(change, action, "en") == question
    with pytest.raises(ComposerError, match="needs something you will do yourself"):
        compose(SuggestionRequest(change, None, action, Size.MEDIUM, None, True, "en"))


@pytest.mark.parametrize("change", ["slow code reviews", "pointless meetings", "late PR reviews"])
def test_a_problem_to_stop_is_done_away_with(change: str) -> None:
    """To stop, "slow code reviews" read "to no longer slow code reviews?"."""
    assert supportive_question(change, STOP, "en") == \
        f"How would it work for you if we did away with {change}?"
    opening = compose(SuggestionRequest(change, None, STOP, Size.MEDIUM, None, True,
                                        "en")).opening
    assert f"stop {change}." in opening


@pytest.mark.parametrize("change", ["long walks on Fridays", "long-lived branches"])
def test_what_is_no_problem_named_reads_as_before(change: str) -> None:
    assert "looked at this together" not in supportive_question(change, DIFF, "en")


@pytest.mark.parametrize("change", ["big wins", "slow mornings", "long term plans"])
def test_what_is_no_problem_of_the_work_is_not_read_as_one(change: str) -> None:
    assert "looked at this together" not in supportive_question(change, DIFF, "en")
    assert " were " not in supportive_question(change, DIFF, "en")


@pytest.mark.parametrize("change", ["gereksiz toplantılar", "uzun standuplar", "kararsız testler"])
@pytest.mark.parametrize("action", [START, DIFF])
def test_a_turkish_problem_is_looked_at_not_tried(change: str, action: ChangeKind) -> None:
    """«gereksiz toplantılar» read «Şunu denesek diyorum» (let us try unnecessary
    meetings), or «Şuna başlasak diyorum»."""
    assert supportive_question(change, action, "tr").startswith(
        f"Şuna birlikte baksak diyorum: «{change}».")
    with pytest.raises(ComposerError, match="needs something you will do yourself"):
        compose(SuggestionRequest(change, None, action, Size.MEDIUM, None, True, "tr"))


def test_a_turkish_problem_to_stop_is_still_stopped() -> None:
    assert supportive_question("gereksiz toplantılar", STOP, "tr").startswith(
        "Şunu bıraksak diyorum: «gereksiz toplantılar».")
    assert "«uzun vadeli planlar»" in supportive_question("uzun vadeli planlar", DIFF, "tr")
    assert "birlikte baksak" not in supportive_question("uzun vadeli planlar", DIFF, "tr")
