"""A decided Turkish arrangement led by example is not told as made already («Değişiklik
zaten yapıldı» for «Pazartesiden itibaren …»): one that starts later is kept to from its
first day; and «Yeni düzen: …» is asked what it changes for them, not how it "would be"
(unit tests of the composer; no store, no Qt)."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind, Size, Style
from mlcoach.influence.composer import SuggestionRequest, compose, supportive_question

DIFF = ChangeKind.DIFFERENTLY
LATER_TR = [
    "Pazartesiden itibaren test yazmak zorunlu",
    "haftaya demo perşembe günleri yapılacak",
    "Pazartesiden itibaren standup 9:30'da başlıyor",
    "haftaya kod incelemesi zorunlu",
    "yarından itibaren kod incelemesi zorunlu",
    "gelecek sprintten itibaren demo perşembe",
    "karar: 1 Mart'tan itibaren retro cuma günleri",
    "Pazartesiden itibaren: standuplar 9:30'da",  # a note headed by its start
]
NOW_TR = ["Yeni düzen: standuplar 9:30'da", "karar: retro cuma günleri",
          "bugünden itibaren PR'lara iki onay gerekiyor", "kod incelemesi zorunlu"]


def _example(change: str, size: Size = Size.MEDIUM, person: str | None = None):
    return compose(SuggestionRequest(change, None, DIFF, size, person, by_example=True,
                                     language="tr"))


@pytest.mark.parametrize("change", LATER_TR)
@pytest.mark.parametrize("size", list(Size))
def test_a_change_that_starts_later_is_not_said_to_be_made(change: str, size: Size) -> None:
    composed = _example(change, size)
    text = composed.as_text()
    assert "zaten yapıldı" not in text and "Değişiklik yerinde" not in text
    assert "kararlaştırıldı" in composed.opening
    assert composed.next_step.startswith("Başladı")  # from its first day, not "Bu hafta"
    assert not composed.next_step.startswith("Bu hafta")


@pytest.mark.parametrize("change", NOW_TR)
def test_a_decided_change_is_not_said_to_be_done_already(change: str) -> None:
    """«karar: retro cuma günleri» is decided; nobody said it was done."""
    composed = _example(change)
    assert "zaten yapıldı" not in composed.opening
    assert "karar" in composed.opening.lower()


def test_a_change_made_is_still_told_as_made() -> None:
    assert "yapıldı" in _example("standuplar 9:30'a alındı").opening \
        or "yerinde" in _example("standuplar 9:30'a alındı").opening


@pytest.mark.parametrize("change", [*LATER_TR, *NOW_TR, "standup'ı 10'a alıyoruz",
                                    "test yazmak şart"])
def test_a_new_arrangement_is_asked_what_it_changes(change: str) -> None:
    """«Yeni düzen: «…». Bu sizin için nasıl olur?»: how a decision "would be" for them."""
    question = supportive_question(change, DIFF, "tr")
    assert question.endswith("Bu, sizin işinizde neyi değiştirir?"), question
    for style in Style:
        asked = compose(SuggestionRequest(change, style, DIFF, language="tr")).question
        assert "nasıl olur" not in asked and "neyi değiştirir?" in asked


def test_a_proposed_rule_is_still_a_proposal() -> None:
    assert supportive_question("kod incelemesi zorunlu olsun", DIFF, "tr").endswith(
        "Bu sizin için nasıl olur?")


@pytest.mark.parametrize("change", ["haftaya kod incelemesi zorunlu", "test yazmak şart",
                                    "kod incelemesi zorunlu"])
def test_a_stated_rule_is_a_new_arrangement(change: str) -> None:
    """«haftaya kod incelemesi zorunlu» read «Şunu denesek diyorum», a thing to try."""
    assert supportive_question(change, DIFF, "tr").startswith(f"Yeni düzen: «{change}».")


@pytest.mark.parametrize(("change", "language"), [
    *((change, "tr") for change in LATER_TR),
    ("from next sprint we demo on Thursdays", "en"),
    ("starting Monday, it is mandatory to write tests", "en"),
    ("from Monday: standups at 9:30", "en"),
    ("we're moving standup to 10 next week", "en"),
])
@pytest.mark.parametrize("style", [None, *Style])
@pytest.mark.parametrize("size", list(Size))
def test_a_decided_change_that_starts_later_is_talked_over_before_it(
        change: str, language: str, style: Style | None, size: Size) -> None:
    """"This week … In 4 days, ask how it's settling" for a change that starts next sprint:
    it is talked over before it starts, and checked on once it has."""
    step = compose(SuggestionRequest(change, style, DIFF, size, language=language)).next_step
    assert not step.startswith(("This week", "Bu hafta")), step
    assert "start" in step or "Başla" in step or "başla" in step, step


@pytest.mark.parametrize("style", [None, *Style])
def test_a_decided_change_in_place_is_checked_on_as_before(style: Style | None) -> None:
    step = compose(SuggestionRequest("decision: standups at 9:30", style, DIFF)).next_step
    assert "before it starts" not in step.lower()
