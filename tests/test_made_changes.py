"""A change the team has already made ("we moved retro to Friday", "retroyu cumaya
aldık"): the whole suggestion checks in on how it is going, in every style, for every
kind of change and by example; nothing in it proposes a trial of a new way (unit tests
of the composer; no store, no Qt)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlcoach.domain.model import ChangeKind, Size, Style
from mlcoach.influence.composer import Composed, SuggestionRequest, compose, supportive_question

STYLES = [*Style, None]

# What proposes a new way to try, in either language.
_PROPOSES = re.compile(
    r"(?i)\btrial\b|\balternative\b|\bpropos|\bpilot\b|\btry\b|\btried\b|first step|new step"
    r"|lighter way|another way|established way|deneme|denes|alternatif|\böner|ilk adım"
    r"|nasıl olur|baksak|yapsak|başlasak|bıraksak")


def _suggestions(change: str, language: str) -> list[Composed]:
    return [compose(SuggestionRequest(change, style, action, size, "Ayşe", example, language))
            for style in STYLES for action in ChangeKind for size in Size
            for example in (False, True) if not (example and style not in (None, Style.FACTS))]


@pytest.mark.parametrize(("change", "language"), [
    ("we moved retro to Friday", "en"),
    ("we dropped the Friday demo", "en"),
    ("we now do standups async", "en"),
    ("retroyu cumaya aldık", "tr"),
    ("standup'ı kaldırdık", "tr"),
    ("standupi kaldirdik", "tr"),
    ("standup 10'a alındı", "tr"),
])
def test_a_change_made_is_checked_in_on_not_proposed(change: str, language: str) -> None:
    """"Ayşe, I'd like to put the way we do this now next to one alternative …", "Follow
    up in 5 days" after a trial: the opening, tips, "Avoid" and next step proposed a change
    that was already made."""
    for composed in _suggestions(change, language):
        text = "\n".join((composed.opening, *composed.tips, composed.question,
                          composed.avoid, composed.next_step))
        assert _PROPOSES.search(text) is None, text


def test_each_style_checks_in_in_its_own_way() -> None:
    openings = {compose(SuggestionRequest("we moved retro to Friday", style,
                                          ChangeKind.DIFFERENTLY, Size.MEDIUM, None, False,
                                          "en")).opening for style in Style}
    assert len(openings) == len(Style)


@pytest.mark.parametrize(("change", "quoted"), [
    ("retroyu cumaya aldık", "«retroyu cumaya aldık»"),
    ("standup'ı kaldırdık", "«standup'ı kaldırdık»"),
])
def test_a_turkish_change_made_is_asked_how_it_has_gone(change: str, quoted: str) -> None:
    """«Şuna birlikte baksak diyorum: «retroyu cumaya aldık». Bu sizin için nasıl olur?»
    proposed to look at what was already done."""
    for style in STYLES:
        question = compose(SuggestionRequest(change, style, ChangeKind.DIFFERENTLY,
                                             Size.MEDIUM, None, False, "tr")).question
        assert quoted in question and "nasıl gidiyor" in question, question


@pytest.mark.parametrize("change", ["retroyu cumaya alalım", "toplantıyı kaçırdık",
                                    "standup yapmadık", "retroyu cumaya aldık mı?"])
def test_a_turkish_plan_or_a_miss_is_no_change_made(change: str) -> None:
    question = compose(SuggestionRequest(change, Style.FACTS, ChangeKind.DIFFERENTLY,
                                         Size.MEDIUM, None, False, "tr")).question
    assert "nasıl gidiyor" not in question


@pytest.mark.parametrize(("change", "language", "quoted"), [
    ("we moved retro to Friday", "en", "“we moved retro to Friday”"),
    ("retroyu cumaya aldık", "tr", "«retroyu cumaya aldık»"),
])
def test_by_example_the_change_kept_to_is_named(change: str, language: str,
                                                quoted: str) -> None:
    """"What to do yourself" said to keep to "it" without saying which change."""
    for style in STYLES:
        opening = compose(SuggestionRequest(change, style, ChangeKind.DIFFERENTLY,
                                            Size.MEDIUM, None, True, language)).opening
        assert quoted in opening, opening


@pytest.mark.parametrize("change", ["standup'ı kaldırdık, kimse özlemedi",
                                    "retroyu cumaya aldık; herkes memnun"])
def test_a_turkish_change_made_with_more_said_is_still_one(change: str) -> None:
    """«Şuna birlikte baksak diyorum: «standup'ı kaldırdık, kimse özlemedi»»: a change
    made and how it went after it was looked at as a thought, «… nasıl olur»."""
    question = compose(SuggestionRequest(change, Style.FACTS, ChangeKind.DIFFERENTLY,
                                         Size.MEDIUM, None, False, "tr")).question
    assert question.startswith(f"Yaptığımız değişiklik: «{change}».")
    assert "nasıl gidiyor" in question


@pytest.mark.parametrize("change", ["retroyu cumaya aldık, nasıl buldunuz?",
                                    "standup'ı kaldırdık, memnun musunuz?"])
def test_a_turkish_how_did_you_find_it_is_the_apps_to_ask(change: str) -> None:
    """"retroyu cumaya aldık, nasıl buldunuz?" was refused as blame: "buldunuz" read as
    what the person did; the question after the change is the app's own to ask."""
    question = compose(SuggestionRequest(change, Style.FACTS, ChangeKind.DIFFERENTLY,
                                         Size.MEDIUM, None, False, "tr")).question
    assert question.startswith(f"Yaptığımız değişiklik: «{change.split(',')[0]}».")


@settings(max_examples=150, deadline=None)
@given(said=st.sampled_from(["we moved {t} to Friday", "we dropped {t}", "we've cancelled {t}",
                             "last week we shortened {t}", "moved {t} to Friday",
                             "{t} moved to Friday", "{t} was dropped", "we now hold {t} online",
                             "{t} is now on Friday", "we decided to drop {t}"]),
       thing=st.sampled_from(["the retro", "standup", "the Friday demo", "our weekly sync",
                              "status meetings", "the release checklist"]),
       style=st.sampled_from(STYLES), action=st.sampled_from(list(ChangeKind)),
       size=st.sampled_from(list(Size)), example=st.booleans())
def test_any_change_made_is_checked_in_on(said: str, thing: str, style: Style | None,
                                          action: ChangeKind, size: Size,
                                          example: bool) -> None:
    change = said.format(t=thing)
    composed = compose(SuggestionRequest(change, style, action, size, "Dana", example, "en"))
    text = "\n".join((composed.opening, *composed.tips, composed.question, composed.avoid,
                      composed.next_step))
    assert _PROPOSES.search(text) is None, text
    assert thing in (composed.opening if example else composed.question)


@pytest.mark.parametrize(("change", "language", "question"), [
    ("1. we moved retro to Friday 2. drop the demo", "en",
     "How has it been for you since we moved retro to Friday?"),
    ("retroyu cumaya aldık ve ayrıca demoyu kaldıralım", "tr",
     "Yaptığımız değişiklik: «retroyu cumaya aldık». Şu ana kadar sizin için nasıl gidiyor?"),
])
def test_a_change_made_is_no_first_step_of_the_others(change: str, language: str,
                                                      question: str) -> None:
    """"How has it been for you since we moved retro to Friday, as a first step?", "İlk
    adım olarak yaptığımız değişiklik …": what is done was called the first step to take."""
    assert supportive_question(change, ChangeKind.DIFFERENTLY, language) == question
