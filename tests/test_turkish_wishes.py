"""A Turkish wish of what someone else would do («Ayşe PR'lara bir gün içinde baksa çok
iyi olur», «tasarım ekibi mockup'ları daha erken paylaşsa») is theirs: not led by
example, and not asked as "what if we did" («Şöyle yapsak diyorum»)."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind, Style
from mlcoach.influence.composer import (
    ComposerError,
    SuggestionRequest,
    compose,
    supportive_question,
)
from mlcoach.influence.turkish_wishes import wished_of_others_tr

DIFF = ChangeKind.DIFFERENTLY
WISHES = ["Ayşe PR'lara bir gün içinde baksa çok iyi olur",
          "tasarım ekibi mockup'ları daha erken paylaşsa",
          "Mehmet testleri yazsa iyi olur", "ekip standup'a zamanında gelse",
          "Can retroyu yönetse", "Ayşe'nin PR'lara bakması iyi olur",
          "tasarım ekibinin mockup'ları erken paylaşması gerekiyor"]


@pytest.mark.parametrize("change", WISHES)
def test_a_wish_of_someone_else_is_not_led_by_example(change: str) -> None:
    """«Ayşe PR'lara … baksa çok iyi olur», by example, told the user to do it
    themselves: «Önce kendi çalışma biçiminizi değiştirin: «Ayşe PR'lara …»»."""
    with pytest.raises(ComposerError, match="asks something of someone else"):
        compose(SuggestionRequest(change=change, style=None, by_example=True, language="tr"))


@pytest.mark.parametrize("style", list(Style))
@pytest.mark.parametrize("change", WISHES)
def test_a_wish_of_someone_else_is_not_asked_as_ours(change: str, style: Style) -> None:
    question = compose(SuggestionRequest(change=change, style=style,
                                         language="tr")).question
    assert f"Aklımda şöyle bir şey var: «{change}»" in question
    assert "yapsak" not in question and "denesek" not in question


@pytest.mark.parametrize("change", [
    "standup'ı 10'a alsak", "PR'lara bir gün içinde baksak", "toplantılar kısa olsa",
    "Toplantılar kısa olsa", "Kod incelemeleri bir günde bitse", "Testler yazılsa",
    "Ayşe ile PR'lara baksam", "Standup'ı 10'a alsa", "keşke herkes kamerasını açsa",
    "We should have tested it before release", "Asked Anna about the release",
    "Ayşe retroda olsa", "Standup'ın kısa olması iyi olur", "Toplantının kısa olması lazım",
    "Retro'nun cuma yapılması iyi olur"])
def test_what_is_no_wish_of_another_is_not_read_as_one(change: str) -> None:
    assert not wished_of_others_tr(change)


def test_our_own_proposal_keeps_its_lead() -> None:
    assert supportive_question("PR'lara bir gün içinde baksak", DIFF, "tr").startswith(
        "Şöyle yapsak diyorum")


def test_a_wish_of_the_person_asked_is_still_said_to_them() -> None:
    question = supportive_question("Ayşe PR'lara bir gün içinde baksa çok iyi olur", DIFF,
                                   "tr", "Ayşe")
    assert "«PR'lara bir gün içinde bakmak»" in question and "Ayşe" not in question
