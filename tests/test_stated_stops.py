"""A stop said as the state wanted or as a ban ("Friday deploys are banned", "no deploying
on Fridays"): asked as the stop, never as stopping the ban (unit tests of the composer;
no store, no Qt)."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind
from mlcoach.influence.composer import supportive_question
from tests.test_tidying import DIFF, STOP


@pytest.mark.parametrize(("change", "question"), [
    ("Friday deploys are banned", "How would it work for you if we had no Friday deploys?"),
    ("deploys on Fridays are not allowed",
     "How would it work for you if we had no deploys on Fridays?"),
    ("laptops in meetings are a no-go",
     "How would it work for you if we had no laptops in meetings?"),
    ("Friday deploys: no", "How would it work for you if we had no Friday deploys?"),
    ("no deploying on Fridays", "How would it work for you to stop deploying on Fridays?"),
    ("no more pinging people after 6",
     "How would it work for you to stop pinging people after 6?"),
    ("enough with the Friday deploys",
     "How would it work for you if we had no more Friday deploys?"),
    ("stop with the late-night pings",
     "How would it work for you if we had no more late-night pings?"),
    ("Friday deploys should be banned", "How would it work for you to ban Friday deploys?"),
])
@pytest.mark.parametrize("action", [STOP, DIFF])
def test_a_ban_or_a_wanted_state_is_asked_as_the_stop(change: str, question: str,
                                                      action: ChangeKind) -> None:
    """"if we stopped this: “Friday deploys are banned”" asked to stop the ban; "if we had
    no deploying on Fridays", "to stop with the Friday deploys" read clumsily."""
    assert supportive_question(change, action, "en") == question


@pytest.mark.parametrize("change", ["nothing is allowed", "no meetings: never",
                                    "we are not allowed to deploy on Fridays"])
def test_other_bans_keep_their_words(change: str) -> None:
    assert "no no" not in supportive_question(change, STOP, "en")
    assert "had no we" not in supportive_question(change, STOP, "en")
