"""How people really phrase a change, round 23: a name with no act after it, conditions,
fragments, hedges and decisions (unit tests of the composer; no store, no Qt)."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind
from mlcoach.influence.composer import supportive_question

START, STOP, DIFF = ChangeKind.START, ChangeKind.STOP, ChangeKind.DIFFERENTLY


@pytest.mark.parametrize("change", ["Dana to the release review", "Dana should the demo",
                                    "Dana to a new team"])
def test_a_name_with_no_act_after_it_is_not_dropped(change: str) -> None:
    """"How would it work for you if we tried the release review?": "Dana to …" said to
    Dana was read as her act, though no verb followed, and her part of it was lost."""
    assert "Dana" in supportive_question(change, DIFF, "en", "Dana")
