"""A change already decided is not asked about as a hypothesis ("what if we …"): the
question asks what would help now; one day's news asks how to stay in the loop."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind, Style
from mlcoach.influence.composer import (
    ComposerError,
    SuggestionRequest,
    compose,
    supportive_question,
)


@pytest.mark.parametrize(("change", "question"), [
    ("we're coming in at 9", "What would help you most, now that we're coming in at 9?"),
    ("we're moving retro to Friday",
     "What would help you most, now that we're moving retro to Friday?"),
    ("we'll be skipping the retro",
     "What would help you most, now that we'll be skipping the retro?"),
    ("new rule: no meetings over lunch",
     "What would help you most, now that we have no meetings over lunch?"),
    ("Decision: we deploy on Tuesdays only",
     "What would help you most, now that we deploy on Tuesdays only?"),
    ("decision: standup at 10", "What would help you most, now that this is decided: "
                                "“standup at 10”?"),
    ("standup cancelled today", "With no standup today, what would help you stay in the loop?"),
    ("the 1:1s are off this week",
     "With no 1:1s this week, what would help you stay in the loop?"),
    ("it was decided that standup is at 10",
     "What would help you most, now that standup is at 10?"),
    ("leadership decided that all PRs need two approvals",
     "What would help you most, now that all PRs need two approvals?"),
])
def test_a_decided_change_is_asked_what_would_help(change: str, question: str) -> None:
    """"we're coming in at 9" was asked "How would it work for you if we came in at 9?"."""
    assert supportive_question(change, ChangeKind.DIFFERENTLY, "en") == question


@pytest.mark.parametrize("style", list(Style))
def test_every_style_asks_the_decided_change_so(style: Style) -> None:
    composed = compose(SuggestionRequest(change="we're coming in at 9", style=style,
                                         person="Sam"))
    assert composed.question.startswith("What would help you most, now that we're coming in")
    assert "what if" not in composed.as_text().lower()


@pytest.mark.parametrize("change", ["move standup to 10", "what if we moved standup to 10",
                                    "we're thinking about moving standup to 10"])
def test_a_proposal_is_still_asked_as_one(change: str) -> None:
    assert supportive_question(change, ChangeKind.DIFFERENTLY, "en").startswith(
        "How would it work for you")


@pytest.mark.parametrize("style", list(Style))
@pytest.mark.parametrize("change", ["standup cancelled today", "retro is off this week",
                                    "we're skipping the retro this week"])
def test_one_days_news_is_not_told_as_a_decided_change(change: str, style: Style) -> None:
    """"standup cancelled today" was told "This change has been decided …" and "the new
    arrangement": it is off once, and the words say so."""
    text = compose(SuggestionRequest(change=change, style=style, person="Sam")).as_text()
    assert "decided" not in text and "arrangement" not in text
    assert "this once" in text or "this time" in text


def test_the_styles_tell_one_days_news_differently() -> None:
    openings = {compose(SuggestionRequest(change="standup cancelled today", style=style))
                .opening for style in Style}
    assert len(openings) == len(Style)


def test_a_lasting_change_announced_is_still_told_as_decided() -> None:
    text = compose(SuggestionRequest(change="we're moving standup to 10",
                                     style=Style.FACTS)).as_text()
    assert "decided" in text and "this once" not in text


@pytest.mark.parametrize("style", list(Style))
@pytest.mark.parametrize("change", ["bugün standup yok", "yarınki demo iptal",
                                    "bu haftaki retro yapılmayacak", "standup iptal bugün"])
def test_turkish_one_days_news_is_told_as_news(change: str, style: Style) -> None:
    """«yarın demo iptal» was asked «Şunu denesek diyorum: «yarın demo iptal»» (let's try
    this), and by example told to be kept up visibly for two weeks."""
    composed = compose(SuggestionRequest(change=change, style=style, language="tr"))
    assert "bu seferlik" in composed.as_text().lower() or "bu sefer" in composed.opening.lower()
    assert composed.question.startswith(f"Bir seferlik bir durum var: «{change}»")
    assert "denesek" not in composed.question and "Yeni düzen" not in composed.question


@pytest.mark.parametrize("change", ["bugün standup yok", "yarın demo iptal"])
def test_turkish_one_days_news_is_not_led_by_example(change: str) -> None:
    with pytest.raises(ComposerError, match="team to decide"):
        compose(SuggestionRequest(change=change, style=None, by_example=True, language="tr"))


@pytest.mark.parametrize("change", ["artık standup yok", "standup'ı iptal edelim",
                                    "bugün standup'ı kısa tutalım"])
def test_a_lasting_turkish_change_is_not_one_days_news(change: str) -> None:
    question = compose(SuggestionRequest(change=change, style=Style.FACTS,
                                         language="tr")).question
    assert "Bir seferlik" not in question


@pytest.mark.parametrize("change", ["standup cancelled today", "retro is off this week"])
def test_one_days_news_is_told_as_news_without_a_style_too(change: str) -> None:
    """With no style chosen, "standup cancelled today" still opened "This change has been
    decided …" and spoke of "the new arrangement"."""
    text = compose(SuggestionRequest(change=change, style=None, person="Sam")).as_text()
    assert "decided" not in text and "arrangement" not in text
    assert "this once" in text or "this time" in text


@pytest.mark.parametrize("change", ["bugün standup yok", "yarınki demo iptal"])
def test_turkish_one_days_news_is_told_as_news_without_a_style_too(change: str) -> None:
    text = compose(SuggestionRequest(change=change, style=None, language="tr")).as_text()
    assert "karara bağlandı" not in text and "yeni düzen" not in text.lower()
    assert "bu seferlik" in text.lower()


@pytest.mark.parametrize("style", [*Style, None])
def test_turkish_one_days_news_asks_how_to_stay_informed(style: Style | None) -> None:
    """«bugün standup yok» was asked «Bu sizin için nasıl olur?», the proposal's question;
    the English asks what would help them stay in the loop."""
    question = compose(SuggestionRequest(change="bugün standup yok", style=style,
                                         language="tr")).question
    assert "nasıl olur" not in question
    assert "haberdar" in question
    assert supportive_question("bugün standup yok", ChangeKind.DIFFERENTLY, "tr").startswith(
        "Bir seferlik bir durum var: «bugün standup yok». Gelişmelerden haberdar")
