"""A retro's "Keep:"/"Continue:" column before a change chosen as a stop (unit tests of
the composer; no store, no Qt)."""

from __future__ import annotations

import pytest

from mlcoach.influence.composer import supportive_question
from tests.test_tidying import START, STOP, by_example


@pytest.mark.parametrize(("change", "question"), [
    ("Keep: weekly demo", "How would it work for you if we did away with the weekly demo?"),
    ("Continue: pairing on Fridays", "How would it work for you to stop pairing on Fridays?"),
    ("Keep - posting notes after the retro",
     "How would it work for you to stop posting notes after the retro?"),
])
def test_a_keep_column_chosen_as_a_stop_is_not_no_longer_keep(change: str,
                                                                question: str) -> None:
    """"How would it work for you to no longer keep weekly demo?": the column was read as
    the act and stopped; chosen as a stop, the kind says it and the label goes."""
    assert supportive_question(change, STOP, "en") == question
    assert "keep" not in by_example(change, STOP).lower()


def test_a_keep_column_chosen_as_a_start_still_keeps() -> None:
    assert supportive_question("Continue: pairing on Fridays", START, "en") \
        == "How would it work for you to keep pairing on Fridays?"
