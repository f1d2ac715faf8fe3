"""An act done on one occasion ("go to the offsite"), by example: done once and seen, not
kept up "for the next couple of weeks" as a habit (unit tests of the composer)."""

from __future__ import annotations

import pytest

from mlcoach.influence.composer import SuggestionRequest, compose


def _example(change: str, language: str = "en") -> str:
    return compose(SuggestionRequest(change=change, style=None, by_example=True,
                                     person="Sam", language=language)).as_text()


@pytest.mark.parametrize("change", ["the team has to go to the offsite",
                                    "everyone needs to go to the training on Friday",
                                    "attend the all-hands on Friday", "go to the conference"])
def test_one_occasion_by_example_is_not_framed_as_a_habit(change: str) -> None:
    """"go to the offsite, visibly, for the next couple of weeks" made a habit of it."""
    text = _example(change)
    assert "one occasion" in text
    assert not any(habit in text for habit in ("couple of weeks", "Keep it up", "every time",
                                               "routine", "two weeks"))


@pytest.mark.parametrize("change", ["ekip offsite'a gitmeli", "cuma günkü eğitime katılalım"])
def test_one_occasion_in_turkish_too(change: str) -> None:
    text = _example(change, "tr")
    assert "tek seferlik" in text and "iki hafta" not in text


@pytest.mark.parametrize("change", ["attend the all-hands", "join the retro",
                                    "attend every demo"])
def test_a_recurring_meeting_is_still_kept_up(change: str) -> None:
    assert "one occasion" not in _example(change)
