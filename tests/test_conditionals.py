"""A change said as a condition, as people often type one ("if we pair on reviews"): the
hypothesis it is, without the consequence or wish said after it (unit tests of the
composer; no store, no Qt)."""

from __future__ import annotations

import pytest

from mlcoach.influence.composer import supportive_question
from tests.test_tidying import DIFF, STOP


@pytest.mark.parametrize(("change", "question"), [
    ("if we pair on reviews", "How would it work for you if we paired on reviews?"),
    ("if we paired on reviews", "How would it work for you if we paired on reviews?"),
    ("if only we paired on reviews", "How would it work for you if we paired on reviews?"),
    ("if we pair on reviews, things get merged faster",
     "How would it work for you if we paired on reviews?"),
    ("if we write tests first, it'd help a lot",
     "How would it work for you if we wrote tests first?"),
    ("if we could pair on reviews that would be great",
     "How would it work for you to pair on reviews?"),
    ("if we do standups async", "How would it work for you if we did standups async?"),
    ("if we had demo days on Fridays", "How would it work for you if we had demo days on Fridays?"),
    ("if we don't deploy on Fridays", "How would it work for you if we didn't deploy on Fridays?"),
    ("if everyone reviewed PRs within a day",
     "How would it work for you if everyone reviewed PRs within a day?"),
    ("if people reviewed PRs the same day that would be great",
     "How would it work for you if people reviewed PRs the same day?"),
])
def test_a_condition_is_asked_as_the_hypothesis(change: str, question: str) -> None:
    """"if we tried this: “if we pair on reviews”" quoted a condition as a thing to try;
    "to pair on reviews that would be great" kept the wish as the act's words."""
    assert supportive_question(change, DIFF, "en") == question


@pytest.mark.parametrize(("change", "question"), [
    ("wish we had fewer handoffs between teams",
     "How would it work for you if we had fewer handoffs between teams?"),
    ("really wish people would reply in threads", "How would it work for you to reply in threads?"),
    ("I'd love if the team celebrated small wins",
     "How would it work for you if the team celebrated small wins?"),
    ("I'd like if we reviewed PRs within a day",
     "How would it work for you if we reviewed PRs within a day?"),
    ("it'd help if people wrote clearer commit messages",
     "How would it work for you if people wrote clearer commit messages?"),
    ("it would really help if everyone updated their tickets",
     "How would it work for you if everyone updated their tickets?"),
    ("it might help if we paired on reviews", "How would it work for you if we paired on reviews?"),
])
def test_a_wish_typed_as_in_chat_is_asked_as_the_hypothesis(change: str, question: str) -> None:
    """The "I" or the "it" left out, or "it'd help if" for "it'd be great if": each was
    quoted whole ("if we looked at this together: “I'd love if the team …”")."""
    assert supportive_question(change, DIFF, "en") == question


def test_a_wish_list_is_no_wish() -> None:
    assert "“wish list for Q3”" in supportive_question("wish list for Q3", DIFF, "en")


def test_a_condition_chosen_as_a_stop_is_still_the_hypothesis() -> None:
    assert supportive_question("if we stopped the Friday status mail", STOP, "en") == \
        "How would it work for you if we stopped the Friday status mail?"


@pytest.mark.parametrize("change", ["if in doubt, ask in the channel",
                                    "when the build breaks, whoever broke it fixes it first",
                                    # session 32: "their" is the notes, said before it
                                    "since the release notes are long, shorten their intro"])
def test_a_rule_with_its_condition_stays_whole(change: str) -> None:
    assert f"“{change}”" in supportive_question(change, DIFF, "en")


@pytest.mark.parametrize(("change", "act"), [
    ("if the build is red, fix it first", "fix the build first if it is red"),
    ("if a meeting has no agenda, decline it", "decline a meeting if it has no agenda"),
    ("before merging, get a second review", "get a second review before merging"),
    ("if you're blocked for more than an hour, ask for help",
     "ask for help if you're blocked for more than an hour"),
    ("whenever someone ships something, shout it out in the channel",
     "shout it out in the channel whenever someone ships something"),
    # session 32: "its" is named as "it" is, not left before what it means
    ("if a PR is big, split its commits", "split a PR's commits if it is big"),
])
def test_a_rule_with_its_condition_first_is_asked_act_first(change: str, act: str) -> None:
    """Session 31: quoted whole before ("if we tried this: “if the build is red, fix it
    first”"); the act, said first, with what "it" points at, and its condition after."""
    assert supportive_question(change, DIFF, "en") == f"How would it work for you to {act}?"


@pytest.mark.parametrize(("change", "words"), [
    ("eğer review'larda eşli çalışırsak", "review'larda eşli çalışsak"),
    ("review'larda eşli çalışırsak iyi olur", "review'larda eşli çalışsak"),
    ("review'larda eşli çalışsak güzel olur", "review'larda eşli çalışsak"),
    ("review'larda eşli çalışsak ya", "review'larda eşli çalışsak"),
    ("PR'ları aynı gün incelersek", "PR'ları aynı gün incelesek"),
    ("standup'ı 10'a alırsak fena olmaz", "standup'ı 10'a alsak"),
    ("toplantıya erken gidersek", "toplantıya erken gitsek"),
    ("toplantıyı iptal edersek", "toplantıyı iptal etsek"),
    ("herkesi dinlersek", "herkesi dinlesek"),
    ("kodu birlikte yazarsak", "kodu birlikte yazsak"),
])
def test_a_turkish_condition_is_the_proposal(change: str, words: str) -> None:
    """"Şöyle yapsak diyorum: «eğer review'larda eşli çalışırsak»": the condition and the
    wish said after it ("iyi olur") were quoted as the proposal."""
    assert supportive_question(change, DIFF, "tr") == \
        f"Şöyle yapsak diyorum: «{words}». Bu sizin için nasıl olur?"


@pytest.mark.parametrize("change", ["dokümanı okursak", "toplantılar çok uzun sürerse"])
def test_a_turkish_condition_that_cannot_be_told_stays_as_typed(change: str) -> None:
    """"okursak" is "oku-r-sak"; which vowel is the stem's is not guessed."""
    assert f"«{change}»" in supportive_question(change, DIFF, "tr")


@pytest.mark.parametrize(("change", "question"), [
    ("it would be awesome if everyone reviewed PRs within a day",
     "How would it work for you if everyone reviewed PRs within a day?"),
    ("would be nice if people reviewed PRs the same day",
     "How would it work for you if people reviewed PRs the same day?"),
])
def test_a_wish_said_before_the_condition_is_the_hypothesis(change: str, question: str) -> None:
    """"if we tried this: “it would be awesome if everyone …”": only "it would be great if
    we" was read."""
    assert supportive_question(change, DIFF, "en") == question


@pytest.mark.parametrize(("change", "question"), [
    ("if we want, we can skip the retro", "How would it work for you to skip the retro?"),
    ("if needed, we can add a second standup",
     "How would it work for you to add a second standup?"),
    ("if possible, let's move standup to 10",
     "How would it work for you to move standup to 10?"),
    ("if we move standup to 10 we lose the early slot",
     "How would it work for you if we moved standup to 10?"),
])
def test_a_condition_that_is_an_aside_or_has_its_consequence_unmarked(change: str,
                                                                      question: str) -> None:
    """"if we want, we can skip the retro" was asked "if we want" (the plan after the comma
    taken for the consequence); "if needed, …" was quoted; a consequence without its
    comma was asked with the condition."""
    assert supportive_question(change, DIFF, "en") == question
