"""Two letters swapped in a word of teamwork are mended before the change is read; no
correctly spelled word, and no name, is ever changed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mlcoach.domain.model import ChangeKind
from mlcoach.influence.composer import (
    ComposerError,
    SuggestionRequest,
    compose,
    supportive_question,
)
from mlcoach.influence.typos import mended_typos

ROOT = Path(__file__).parent.parent
DIFF = ChangeKind.DIFFERENTLY


@pytest.mark.parametrize(("change", "question"), [
    ("mvoe stnadup to 10", "How would it work for you to move standup to 10?"),
    ("Mvoe standup to 10", "How would it work for you to move standup to 10?"),
    ("lets mvoe the retro to firday", "How would it work for you to move the retro to Friday?"),
    ("reivew PRs within a day insetad of a week",
     "How would it work for you to review PRs within a day instead of a week?"),
])
def test_a_swapped_letter_is_not_quoted_back(change: str, question: str) -> None:
    """"mvoe stnadup to 10" was quoted back whole: “mvoe stnadup to 10”."""
    assert supportive_question(change, ChangeKind.DIFFERENTLY, "en") == question


def test_a_turkish_change_has_its_team_word_mended_too() -> None:
    assert "«standup'ı 10'a alalım»" in supportive_question(
        "stnadup'ı 10'a alalım", ChangeKind.DIFFERENTLY, "tr")


@pytest.mark.parametrize("text", ["ask Deom about the release", "Retor, could you review?",
                                  "Deom should be shorter", "pair with Dmeo on Friday",
                                  "STNADUP", "McOve owns the release",
                                  "see https://deom.example/mvoe", "#stnadup", "file mvoe.py"])
def test_a_name_is_never_mended(text: str) -> None:
    assert mended_typos(text) == text


def _words_of(path: Path) -> set[str]:
    return set(re.findall(r"[^\W\d_]+", path.read_text(encoding="utf-8")))


def test_no_correctly_spelled_word_is_ever_changed() -> None:
    """Every word of the wording, the prompts and the phrasing corpora, as written."""
    files = [*sorted((ROOT / "resources").rglob("*.toml")),
             *sorted((ROOT / "resources").rglob("*.md")),
             ROOT / "tests" / "data" / "question_corpus.toml",
             *sorted((ROOT / "tests").glob("test_*phrasings.py")),
             ROOT / "tests" / "test_words_to_the_person.py",
             ROOT / "tests" / "test_team_words.py"]
    words = set().union(*(_words_of(path) for path in files if path.exists()))
    words -= {"mvoe", "stnadup"}  # the corpus's own slips, mended on purpose
    assert len(words) > 3000
    changed = {word: mended_typos(word) for word in words if mended_typos(word) != word}
    assert changed == {}


@pytest.mark.parametrize(("change", "question"), [
    ("standp at 10", "How would it work for you if standup were at 10?"),
    ("move the metting to 10", "How would it work for you to move the meeting to 10?"),
    ("move the meetting to 10", "How would it work for you to move the meeting to 10?"),
    ("mvoe the retroo to Friday", "How would it work for you to move the retro to Friday?"),
    ("cancel the standdup tomorow", "How would it work for you to cancel the standup tomorrow?"),
])
def test_a_dropped_or_doubled_letter_is_mended_too(change: str, question: str) -> None:
    """"standp at 10" was asked "if the standp were at 10"; "metting" quoted back."""
    assert supportive_question(change, ChangeKind.DIFFERENTLY, "en") == question


@pytest.mark.parametrize("word", ["canceled", "meting", "panning", "planing", "print",
                                  "prints", "Frida", "Mona", "sync", "demo", "retro",
                                  "mowing", "reviewer", "released", "meetup", "standups"])
def test_a_real_word_one_letter_from_a_team_word_is_never_mended(word: str) -> None:
    assert mended_typos(f"{word} on Friday") == f"{word} on Friday"


@pytest.mark.parametrize(("change", "question"), [
    ("Standp at 10", "How would it work for you if standup were at 10?"),
    ("Metting moved to 3", "How has it been for you since meeting moved to 3?"),
    ("Standp is too long. Metting moved", "How would it work for you if we looked at this "
                                          "together: “Standup is too long. Meeting moved”?"),
])
def test_a_slip_said_first_with_its_capital_is_mended(change: str, question: str) -> None:
    """"Standp at 10" was asked "if the Standp were at 10", "Metting moved" quoted back: a
    sentence's capital was taken for a name's."""
    assert supportive_question(change, ChangeKind.DIFFERENTLY, "en") == question


@pytest.mark.parametrize("text", ["Deom on Friday", "Retor, the standup is long",
                                  "Standp, could you review?", "ask Standp about it"])
def test_a_short_or_called_name_said_first_is_still_never_mended(text: str) -> None:
    assert mended_typos(text) == text


@pytest.mark.parametrize(("change", "mended"), [
    ("move the Retor to Friday", "move the Retro to Friday"),
    ("our Retor is too long", "our Retro is too long"),
    ("skip next Retor", "skip next Retro"),
    ("Friday's Retor runs late", "Friday's Retro runs late"),
    ("move the Deom to 3", "move the Demo to 3"),
    ("tell the Metting owner", "tell the Meeting owner"),
])
def test_a_capitalised_slip_after_a_determiner_is_mended(change: str, mended: str) -> None:
    """"move the Retor to Friday" was asked "to move the Retor to Friday" (and by example
    led as one's own act): after "the", "our", "next", a capital is no name's."""
    assert mended_typos(change) == mended


@pytest.mark.parametrize("change", ["Retor", "ask Retor", "the Frida meeting",
                                    "the Dana notes", "Deom at 10"])
def test_a_capitalised_word_that_may_be_a_name_is_left(change: str) -> None:
    assert mended_typos(change) == change


def test_the_mended_retro_is_asked_and_is_the_teams() -> None:
    assert supportive_question("move the Retor to Friday", DIFF, "en") == \
        "How would it work for you to move the retro to Friday?"
    with pytest.raises(ComposerError, match="for the team to decide together"):
        compose(SuggestionRequest("move the Retor to Friday", None, DIFF, by_example=True))
