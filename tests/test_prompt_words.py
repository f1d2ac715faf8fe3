"""Prompts say the moment their tags imply, name another person, and cover the seed ideas."""

from __future__ import annotations

import re

import pytest

from mlcoach.coaching.content import load_builtin
from mlcoach.domain.model import Prompt

MOMENTS = {
    "one-to-one": (r"one-to-one", r"birebir|baş başa"),
    "meeting": (r"meeting|stand-?up|retro|demo|call|planning|agenda|discussion",
                r"toplantı|sunum|demo|görüşme|tartışma|retro|planlama"),
    "code-review": (r"review|\bPRs?\b|pull request", r"incele|\bPR|pull request"),
}
PERSON = r"colleague|teammate|manager|lead\b|person|someone|team|peer|author|who\b"
WHEN = (r"today|tomorrow|before|next|this morning|this week|afternoon|meeting|standup|"
        r"one-to-one|log off|day ends|call")


@pytest.fixture(scope="module")
def library() -> list[Prompt]:
    return load_builtin()


def test_tags_that_imply_a_moment_say_it(library: list[Prompt]) -> None:
    missing = []
    for prompt in library:
        for tag in prompt.tags:
            if tag in MOMENTS:
                en, tr = MOMENTS[tag]
                if not re.search(en, prompt.texts["en"].text, re.I):
                    missing.append((prompt.id, "en", tag))
                if not re.search(tr, prompt.texts["tr"].text, re.I):
                    missing.append((prompt.id, "tr", tag))
    assert missing == []


@pytest.mark.parametrize("pid", ["energy-06", "communication-07", "consistency-03",
                                 "consistency-06", "initiative-07", "initiative-11",
                                 "remote-06"])
def test_reworked_prompts_have_a_person_and_a_moment(library: list[Prompt], pid: str) -> None:
    prompt = next(p for p in library if p.id == pid)
    text = prompt.texts["en"].text
    assert re.search(PERSON, text, re.I), text
    assert re.search(WHEN, text, re.I), text
    assert prompt.texts["en"].try_this != text and prompt.texts["tr"].text


@pytest.mark.parametrize(("idea", "pattern"), [
    ("leading upward", r"your own manager|your manager"),
    ("it is not my place", r"not your place"),
    ("helping carry an idea out, not selling it", r"carrying it out|instead of pitching"),
    ("leadership exists only when someone follows", r"anyone has followed|acted on it"),
])
def test_the_seed_ideas_are_covered(library: list[Prompt], idea: str, pattern: str) -> None:
    hits = [p for p in library if re.search(pattern, p.texts["en"].text, re.I)]
    assert hits, idea
    for prompt in hits:
        assert prompt.texts["tr"].text and prompt.texts["tr"].try_this
