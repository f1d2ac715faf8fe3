"""Acts said with the words of chat and of every day ("stop @-mentioning the whole team",
"come to standup on time"): read as the act, not quoted back (unit tests of the
composer; no store, no Qt)."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind, Size
from mlcoach.influence.composer import SuggestionRequest, compose, supportive_question

DIFF = ChangeKind.DIFFERENTLY


def _by_example(change: str) -> str:
    return compose(SuggestionRequest(change, None, DIFF, Size.MEDIUM, None, True,
                                     "en")).opening


@pytest.mark.parametrize("change", [
    "Please stop @-mentioning the whole team on Slack",
    "stop @-mentioning the whole team on Slack",
])
def test_an_at_mention_said_as_a_verb_is_the_act(change: str) -> None:
    """"Please stop @-mentioning the whole team on Slack" was quoted ("if we tried this:
    “Please stop @-mentioning …”"), and by example quoted as the act."""
    assert supportive_question(change, DIFF, "en", "Sam") == \
        "How would it work for you to stop @-mentioning the whole team on Slack?"
    opening = _by_example(change)
    assert " stop @-mentioning the whole team on Slack" in opening and "“" not in opening
