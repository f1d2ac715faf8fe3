"""Turkish typed without its letters, where a word folds like two ("ise"/"işe",
"soyle": "şöyle"/"söyle", "acil"/"açıl") and its neighbours tell which; and words of
work the list lacked ("sunucu" came back "şunucu", "çöktü"'s forms as "çok…")."""

from __future__ import annotations

import pytest

from mlcoach.influence.composer import supportive_question
from mlcoach.influence.letters import restored
from tests.test_tidying import DIFF


@pytest.mark.parametrize(("typed", "lettered"), [
    ("ise yarar bir sey deneyelim", "işe yarar bir şey deneyelim"),
    ("yeni baslayanlari ise alirken buddy atayalim",
     "yeni başlayanları işe alırken buddy atayalım"),
    ("yeni gelenler ise baslamadan once dokumani okusun",
     "yeni gelenler işe başlamadan önce dokümanı okusun"),
    ("Ise yeni baslayanlara buddy atayalim", "İşe yeni başlayanlara buddy atayalım"),
    ("toplanti uzarsa ise kisa tutalim", "toplantı uzarsa ise kısa tutalım"),
    ("soyle yapalim: standup 10da", "şöyle yapalım: standup 10da"),
    ("soyle bir sey deneyelim", "şöyle bir şey deneyelim"),
    ("bana soyle", "bana söyle"),
    ("Dana'ya soyle, notlari paylassin", "Dana'ya söyle, notları paylaşsın"),
    ("acil durumlarda herkesi arayalim", "acil durumlarda herkesi arayalım"),
    ("acil olmayan isleri cumaya birakalim", "acil olmayan işleri cumaya bırakalım"),
    ("bu is acil", "bu iş acil"),
    ("acil olmayan mesajlari aksama birakalim", "acil olmayan mesajları akşama bırakalım"),
    ("isleri aksama kadar bitirelim", "işleri akşama kadar bitirelim"),
    ("surecte aksama olmasin", "süreçte aksama olmasın"),
    ("surecteki aksamalari konusalim", "süreçteki aksamaları konuşalım"),
])
def test_a_word_that_folds_like_two_is_told_by_its_neighbours(typed: str,
                                                             lettered: str) -> None:
    """The whole text was left as typed for one such word ("ise yarar bir sey
    deneyelim" came back without any of its letters)."""
    assert restored(typed) == lettered


@pytest.mark.parametrize(("typed", "lettered"), [
    ("build coktugu icin deploy yapmayalim", "build çöktüğü için deploy yapmayalım"),
    ("sunucu cokunce haber verelim", "sunucu çökünce haber verelim"),
    ("prod cokmus, bakalim", "prod çökmüş, bakalım"),
    ("sistem cokerse ne yapariz", "sistem çökerse ne yaparız"),
    ("dun gece sunucu coktu", "dün gece sunucu çöktü"),
    ("sunuculari yeniden baslatalim", "sunucuları yeniden başlatalım"),
    ("isler cok fazla", "işler çok fazla"),
    ("retroda herkes soz alsin", "retroda herkes söz alsın"),
    ("is birligini artiralim", "iş birliğini artıralım"),
])
def test_words_of_work_get_their_own_letters(typed: str, lettered: str) -> None:
    """"sunucu" came back "şunucu" ("şunu" with an ending), "çökünce" as "çokunce"."""
    assert restored(typed) == lettered


@pytest.mark.parametrize("typed", ["bunu soyle", "toplantilarda laptop acilmasin"])
def test_where_nothing_tells_the_text_stays_as_typed(typed: str) -> None:
    assert restored(typed) == typed


def test_the_question_quotes_the_lettered_words() -> None:
    assert supportive_question("ise yarar bir sey deneyelim", DIFF, "tr") == \
        "Şöyle yapsak diyorum: «işe yarar bir şey deneyelim». Bu sizin için nasıl olur?"


@pytest.mark.parametrize(("typed", "lettered"), [
    ("PRlari kucultelim", "PRları küçültelim"),
    ("PRlara ayni gun bakalim", "PRlara aynı gün bakalım"),
    ("CIda testler yavas", "CIda testler yavaş"),
    ("MRlari kucuk tutalim", "MRları küçük tutalım"),
    ("APIyi dokumante edelim", "APIyi dokümante edelim"),
    ("QAya daha erken verelim", "QAya daha erken verelim"),
    ("OKRlari birlikte konusalim", "OKRları birlikte konuşalım"),
    ("reviewlari ayni gun yapalim", "reviewları aynı gün yapalım"),
    ("hotfixleri once test edelim", "hotfixleri önce test edelim"),
    ("mergeleri cuma gunu yapmayalim", "mergeleri cuma günü yapmayalım"),
    ("branchleri kisa tutalim", "branchleri kısa tutalım"),
    ("featurelari kucuk parcalara bolelim", "featureları küçük parçalara bölelim"),
    ("deploylari haftada bire indirelim", "deployları haftada bire indirelim"),
    ("wikiye yazalim", "wikiye yazalım"),
    ("workflowlari toplantida konusalim", "workflowları toplantıda konuşalım"),
])
def test_an_english_work_word_with_endings_and_no_apostrophe_is_read(typed: str,
                                                                     lettered: str) -> None:
    """"PRlari kucultelim" was left wholly as typed: an abbreviation or an English word
    with a w or x (or one the list lacked) with its endings typed on was no word the list
    could tell, and one such word keeps the whole text as typed."""
    assert restored(typed) == lettered


def test_the_question_quotes_an_abbreviation_with_its_endings_lettered() -> None:
    assert supportive_question("PRlari kucultelim", DIFF, "tr") == \
        "Şöyle yapsak diyorum: «PRları küçültelim». Bu sizin için nasıl olur?"


@pytest.mark.parametrize("typed", ["we should review PRs on Mondays", "PRs are too big",
                                   "CIs are slow, QA is late"])
def test_english_with_abbreviations_stays_as_typed(typed: str) -> None:
    assert restored(typed) == typed


@pytest.mark.parametrize(("typed", "lettered"), [
    ("refactorlayalim sonra konusalim", "refactorlayalım sonra konuşalım"),
    ("buglari once cozelim", "bugları önce çözelim"),
    ("code reviewlari hizlandiralim", "code reviewları hızlandıralım"),
    ("scrum masterla konusalim", "scrum masterla konuşalım"),
    ("feedbacki hemen verelim", "feedbacki hemen verelim"),
    ("deadlinei bir hafta uzatalim", "deadlineı bir hafta uzatalım"),
])
def test_more_english_work_words_with_endings_are_read(typed: str, lettered: str) -> None:
    """Each was left wholly as typed: "bug", "refactor", "scrum", "deadline" or Turkish
    "hızlandır", "uzat" were words the list lacked; "feedback" takes "-i", as said."""
    assert restored(typed) == lettered
