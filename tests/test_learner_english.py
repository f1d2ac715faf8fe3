"""English as a Turkish speaker often writes it at work ("stop to merge without review",
from "review'suz merge etmeyi bırakalım"): the question reads the act meant, not the
pause "stop to merge" says (unit tests of the composer; no store, no Qt)."""

from __future__ import annotations

import pytest

from mlcoach.influence.composer import supportive_question
from mlcoach.influence.verb_forms import gerund
from tests.test_tidying import DIFF, STOP, by_example


@pytest.mark.parametrize(("change", "question"), [
    ("can we stop to merge without review",
     "How would it work for you to stop merging without review?"),
    ("stop to deploy on Fridays", "How would it work for you to stop deploying on Fridays?"),
    ("we should stop to ping people after 6pm",
     "How would it work for you to stop pinging people after 6pm?"),
    ("let's quit to write status emails",
     "How would it work for you to quit writing status emails?"),
])
def test_stop_to_an_act_is_stopping_it(change: str, question: str) -> None:
    assert supportive_question(change, DIFF, "en") == question
    assert "stop to" not in by_example(change, STOP) and "quit to" not in by_example(change, STOP)


@pytest.mark.parametrize("change", ["stop to think before merging",
                                    "stop to celebrate small wins"])
def test_stopping_in_order_to_do_something_stays(change: str) -> None:
    """"stop to think" is a pause for thinking: the English is right as typed."""
    assert "stop to" in supportive_question(change, DIFF, "en")


@pytest.mark.parametrize(("verb", "said"), [
    ("merge", "merging"), ("ping", "pinging"), ("stop", "stopping"), ("plan", "planning"),
    ("commit", "committing"), ("tie", "tying"), ("see", "seeing"), ("review", "reviewing"),
    ("deploy", "deploying"), ("open", "opening"), ("time-box", "time-boxing"),
])
def test_a_verbs_ing_form(verb: str, said: str) -> None:
    assert gerund(verb) == said
