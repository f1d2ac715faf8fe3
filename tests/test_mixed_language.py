"""Turkish and English mixed as people in English-speaking tech teams type them: English
work words with Turkish endings ("PR'ları", "backlog'u"), and English with Turkish
habits (unit tests of the composer; no store, no Qt)."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind
from mlcoach.influence.composer import supportive_question
from tests.test_tidying import DIFF, START, STOP, by_example


@pytest.mark.parametrize(("change", "action", "question"), [
    ("backlog'u her hafta gözden geçirelim", START,
     "How would it work for you if we started this: “backlog'u her hafta gözden geçirelim”?"),
    ("onboarding doc'unu güncelleyelim", DIFF,
     "How would it work for you if we tried this: “onboarding doc'unu güncelleyelim”?"),
    ("onboarding doc'unu güncelleyelim", STOP,
     "How would it work for you if we stopped this: “onboarding doc'unu güncelleyelim”?"),
    ("sprint review'u kısa tutalım", START,
     "How would it work for you if we started this: “sprint review'u kısa tutalım”?"),
    ("build geçmedi", DIFF, "How would it work for you if we tried this: “build geçmedi”?"),
])
def test_turkish_with_english_work_words_is_quoted_in_the_english_app(
        change: str, action: ChangeKind, question: str) -> None:
    """"How would it work for you to no longer backlog'u her hafta gözden geçirelim?":
    Turkish with only ç, ö, ü or an ending after an apostrophe was read as an English act."""
    assert supportive_question(change, action, "en") == question


def test_by_example_turkish_with_english_work_words_is_quoted() -> None:
    """"Begin with your own work: start onboarding doc'unu güncelleyelim."."""
    assert "“onboarding doc'unu güncelleyelim”" in by_example(
        "onboarding doc'unu güncelleyelim", START)


@pytest.mark.parametrize(("change", "action", "question"), [
    ("pair with Jürgen on releases", START,
     "How would it work for you to pair with Jürgen on releases?"),
    ("review Dana's PRs before lunch", START,
     "How would it work for you to review Dana's PRs before lunch?"),
    ("don't merge on Fridays", STOP, "How would it work for you to no longer merge on Fridays?"),
])
def test_english_with_a_name_or_a_contraction_is_still_read(
        change: str, action: ChangeKind, question: str) -> None:
    assert supportive_question(change, action, "en") == question


@pytest.mark.parametrize(("change", "action", "question"), [
    ("we must to write tests before deploy", START,
     "How would it work for you to write tests before deploy?"),
    ("we should to review PRs the same day", STOP,
     "How would it work for you to no longer review PRs the same day?"),
    ("we can to skip the standup on Fridays", DIFF,
     "How would it work for you to skip the standup on Fridays?"),
])
def test_a_to_after_a_modal_is_read_as_the_modal(change: str, action: ChangeKind,
                                                  question: str) -> None:
    """"we must to write tests": the question quoted it whole (“we must to write …”) while
    by example read the act; English typed with a Turkish speaker's "to" after a modal."""
    assert supportive_question(change, action, "en") == question
    assert "“" not in by_example(change, action)


@pytest.mark.parametrize(("change", "shown"), [
    ("ticket'i kapatalim", "ticket'ı kapatalım"),  # said "tikıt"
    ("pipeline'i duzeltelim", "pipeline'ı düzeltelim"),  # "payplayn"
    ("PR'i bugun merge edelim", "PR'ı bugün merge edelim"),  # "pi-ar"
    ("daily'yi kisa tutalim", "daily'yi kısa tutalım"),  # "deyli"
    ("feature'i bitirelim", "feature'ı bitirelim"),
    ("review'lari bugun bitirelim", "review'ları bugün bitirelim"),
    ("story'leri kucuk tutalim", "story'leri küçük tutalım"),
])
def test_an_ending_after_an_english_word_follows_how_it_is_said(change: str,
                                                                 shown: str) -> None:
    """Turkish typed without its letters: "ticket'i kapatalim" was shown as «ticket'i
    kapatalım», the ending in harmony with the spelled e, not the said ı; "review'lari"
    was left wholly as typed for its w."""
    assert f"«{shown}»" in supportive_question(change, START, "tr")


@pytest.mark.parametrize(("change", "action", "question"), [
    ("I want that we review PRs the same day", START,
     "How would it work for you to review PRs the same day?"),
    ("I would like that we write tests before deploy", DIFF,
     "How would it work for you to write tests before deploy?"),
    ("i offer that we move standup to 10", DIFF,
     "How would it work for you to move standup to 10?"),
])
def test_a_want_said_as_in_turkish_is_a_proposal(change: str, action: ChangeKind,
                                                  question: str) -> None:
    """"I want that we …" (Turkish "… istiyorum ki"), "I offer that we …" ("öneriyorum"):
    asked as a thought to look at together (“I want that we review PRs …”), not a plan."""
    assert supportive_question(change, action, "en") == question
