"""A Turkish start/stop retro's column before the change is read as English "Stop: …" is
(unit tests of the composer; no store, no Qt)."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind
from mlcoach.influence.composer import supportive_question
from tests.test_tidying import DIFF, START, STOP, by_example

_STOP_LEAD = "Şunu bıraksak diyorum"
_START_LEAD = "Şuna başlasak diyorum"


@pytest.mark.parametrize(("change", "words", "lead"), [
    ("Bırak: cuma toplantısı", "cuma toplantısı", _STOP_LEAD),
    ("Bırakalım: uzun durum toplantıları", "uzun durum toplantıları", _STOP_LEAD),
    ("Bırakalım - uzun durum toplantıları", "uzun durum toplantıları", _STOP_LEAD),
    ("BIRAK: cuma toplantısı", "cuma toplantısı", _STOP_LEAD),
    ("Birak: cuma toplantisi", "cuma toplantısı", _STOP_LEAD),
    ("Durdur: gece deploy'ları", "gece deploy'ları", _STOP_LEAD),
    ("Başla: kod incelemelerini sabah yapmak", "kod incelemelerini sabah yapmak", _START_LEAD),
    ("Başlayalım: haftalık demo", "haftalık demo", _START_LEAD),
    ("Basla: haftalik demo", "haftalık demo", _START_LEAD),
])
@pytest.mark.parametrize("action", [DIFF, "said"])
def test_a_retro_column_says_the_kind(change: str, words: str, lead: str,
                                      action: ChangeKind | str) -> None:
    """"Şunu denesek diyorum: «Bırak: cuma toplantısı»": the column was quoted as part of
    the change, and a stop asked as something to try."""
    kind = action if isinstance(action, ChangeKind) else \
        (STOP if lead == _STOP_LEAD else START)
    assert supportive_question(change, kind, "tr") == \
        f"{lead}: «{words}». Bu sizin için nasıl olur?"
    assert f"«{words}»" in by_example(change, kind, "tr")


def test_a_stop_column_by_example_is_working_without_it() -> None:
    assert "«cuma toplantısı» olmadan çalışmak" in by_example("Bırak: cuma toplantısı", DIFF,
                                                              "tr")


def test_how_much_stays_in_the_words() -> None:
    assert supportive_question("Daha az: toplantı", DIFF, "tr") == \
        "Şunu denesek diyorum: «daha az toplantı». Bu sizin için nasıl olur?"


@pytest.mark.parametrize(("change", "action"), [
    ("Bırak: cuma toplantısı", START), ("Başla: haftalık demo", STOP),
    ("Bıraktığımız işler: rapor", DIFF),
])
def test_a_column_against_the_kind_chosen_or_no_column_stays_as_typed(
        change: str, action: ChangeKind) -> None:
    assert f"«{change}»" in supportive_question(change, action, "tr")


_KEEP_LEAD = "Şunu sürdürsek diyorum"


@pytest.mark.parametrize(("change", "words"), [
    ("Devam: haftalık demo", "haftalık demo"),
    ("Devam et: cuma demoları", "cuma demoları"),
    ("Devam edelim: eşli programlama", "eşli programlama"),
    ("DEVAM: haftalık demo", "haftalık demo"),
    ("Devam - haftalık demo", "haftalık demo"),
    ("Sürdür: kod incelemelerini sabah yapmak", "kod incelemelerini sabah yapmak"),
    ("Surdurelim: haftalik demo", "haftalık demo"),
])
@pytest.mark.parametrize("action", [DIFF, START])
def test_a_continue_column_is_asked_as_keeping_it(change: str, words: str,
                                                  action: ChangeKind) -> None:
    """"Şunu denesek diyorum: «Devam: haftalık demo»": what the team already does was asked
    as something new to try, its column quoted with it."""
    assert supportive_question(change, action, "tr") == \
        f"{_KEEP_LEAD}: «{words}». Bu sizin için nasıl olur?"
    assert f"«{words}»" in by_example(change, action, "tr")
    assert "Devam" not in by_example(change, action, "tr")


def test_a_continue_column_chosen_as_a_stop_is_the_stop() -> None:
    """As English "Keep: weekly demo" chosen as a stop: the label goes, the choice says it."""
    assert supportive_question("Devam: haftalık demo", STOP, "tr") == \
        f"{_STOP_LEAD}: «haftalık demo». Bu sizin için nasıl olur?"


@pytest.mark.parametrize("change", ["Devam ettiğimiz işler: rapor",
                                    "devam etmek: haftalık demo"])
def test_other_words_before_a_colon_stay_as_typed(change: str) -> None:
    assert f"«{change}»" in supportive_question(change, DIFF, "tr")


@pytest.mark.parametrize(("change", "language", "question"), [
    ("Merhaba ekip, Devam: haftalik demo", "tr",
     "Şunu sürdürsek diyorum: «haftalık demo». Bu sizin için nasıl olur?"),
    ("Selam, Bırak: cuma toplantısı", "tr",
     "Şunu bıraksak diyorum: «cuma toplantısı». Bu sizin için nasıl olur?"),
    ("Hi team, Stop: long status updates", "en",
     "How would it work for you if we had no more long status updates?"),
])
def test_a_retro_column_after_a_greeting_still_says_the_kind(change: str, language: str,
                                                            question: str) -> None:
    """"if we tried this: “Stop: long status updates”": after a greeting the column was
    no longer read, and quoted."""
    assert supportive_question(change, DIFF, language) == question
