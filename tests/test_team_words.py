"""How people phrase a change, round 25: the team's meetings, changes said in passing,
the person who made a change (unit tests of the composer; no store, no Qt)."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind, Size, Style
from mlcoach.influence.composer import (
    ComposerError,
    SuggestionRequest,
    compose,
    supportive_question,
)
from mlcoach.influence.tidying import addressed_name

START, STOP, DIFF = ChangeKind.START, ChangeKind.STOP, ChangeKind.DIFFERENTLY


def _by_example(change: str, action: ChangeKind = DIFF, language: str = "en") -> str:
    return compose(SuggestionRequest(change, None, action, Size.MEDIUM, None, True,
                                     language)).opening


@pytest.mark.parametrize("change", [
    "Friday demo - way too long", "make the Friday demo shorter",
    "Monday status meeting - way too long", "make the Monday status meeting shorter",
    "make the weekly sync shorter", "all-hands: way too long", "planning is too long",
    "the 1:1s are too long", "move the all-hands to Thursday", "cancel Monday standup",
    "make the status call shorter", "cancel the staff meeting this week",
    "make the weekly kickoff shorter", "no Monday status meeting",
])
def test_a_team_meeting_is_not_the_user_s_own_example(change: str) -> None:
    """"Friday demo - way too long" became, by example, the user's own "make the Friday
    demo shorter": one person cannot shorten a meeting the team holds."""
    with pytest.raises(ComposerError, match="for the team to decide"):
        _by_example(change)


@pytest.mark.parametrize("change", [
    "haftalık toplantıyı kısaltalım", "haftalık toplantıyı iptal edelim",
    "haftalık senkron toplantısını iki haftada bire indirelim",
    "birebirleri 30 dakikaya indirelim", "all-hands'i perşembeye alalım",
    "bu hafta haftalık toplantı yok",
])
def test_a_team_meeting_in_turkish_is_not_the_user_s_own_example(change: str) -> None:
    with pytest.raises(ComposerError, match="for the team to decide"):
        _by_example(change, language="tr")


@pytest.mark.parametrize(("change", "mine"), [
    ("make my 1:1s shorter", "make your 1:1s shorter"),
    ("end my meetings on time", "end your meetings on time"),
    ("prepare the Friday demo on Thursday", "prepare the Friday demo on Thursday"),
])
def test_what_the_user_does_in_a_meeting_stays_their_example(change: str, mine: str) -> None:
    assert mine in _by_example(change)


def test_the_user_s_own_meetings_in_turkish_stay_their_example() -> None:
    assert "«toplantılarımı zamanında bitireyim»" in _by_example(
        "toplantılarımı zamanında bitireyim", language="tr")


@pytest.mark.parametrize(("change", "question"), [
    ("Monday status meeting - way too long",
     "How would it work for you if the Monday status meeting were shorter?"),
    ("the 1:1s are too long", "How would it work for you if the 1:1s were shorter?"),
    ("planning is too long", "How would it work for you if planning were shorter?"),
    ("what if the Monday status meeting were shorter",
     "How would it work for you if the Monday status meeting were shorter?"),
])
def test_a_verdict_on_a_meeting_is_asked_as_its_change(change: str, question: str) -> None:
    """"Monday status meeting - way too long" was quoted whole ("meeting" read as a verb)."""
    assert supportive_question(change, DIFF, "en") == question


@pytest.mark.parametrize(("change", "said", "not_said"), [
    ("Dana moved standup to 10", "since you made this change", "since we made"),
    ("we moved standup to 10", "since we made this change", "since you made"),
    ("standup moved to 10", "since this change came in", "made this change"),
])
def test_a_check_in_says_who_made_the_change(change: str, said: str, not_said: str) -> None:
    """Said to Dana of a change she made, the check-in opened "since we made this change"."""
    openings = {compose(SuggestionRequest(change, style, DIFF, size, person="Dana")).opening
                for style in (None, *Style) for size in Size}
    assert any(said in opening for opening in openings)
    assert not any(not_said in opening for opening in openings)


@pytest.mark.parametrize(("change", "said", "not_said"), [
    ("Dana moved the retro to Friday", "now that you've made this change", "we've made"),
    ("standup moved to 10", "now that this change is in place", "we've made"),
])
def test_now_that_says_who_made_the_change(change: str, said: str, not_said: str) -> None:
    openings = {compose(SuggestionRequest(change, style, DIFF, size, person="Dana")).opening
                for style in (None, *Style) for size in Size}
    assert any(said in opening for opening in openings)
    assert not any(not_said in opening for opening in openings)


@pytest.mark.parametrize(("change", "said"), [
    ("standup 10'a alındı", "bu değişiklik yapıldı;"),
    ("standup'ı 10'a aldık", "bu değişikliği yaptık;"),
])
def test_a_turkish_check_in_says_who_made_the_change(change: str, said: str) -> None:
    openings = {compose(SuggestionRequest(change, style, DIFF, person="Ayşe",
                                          language="tr")).opening
                for style in (None, *Style)}
    assert any(said in opening for opening in openings)


@pytest.mark.parametrize(("change", "question"), [
    ("Ayşe'nin 1:1'ini cumaya aldık",
     "Yaptığımız değişiklik: «1:1'inizi cumaya aldık». Şu ana kadar sizin için nasıl gidiyor?"),
    ("Ayşe'yi nöbetten çıkardık",
     "Yaptığımız değişiklik: «sizi nöbetten çıkardık». Şu ana kadar sizin için nasıl gidiyor?"),
    ("Ayşe'nin sunumunu kısaltalım",
     "Şöyle yapsak diyorum: «sunumunuzu kısaltalım». Bu sizin için nasıl olur?"),
    ("Ayşe'nin toplantısını cumaya alalım",
     "Şöyle yapsak diyorum: «toplantınızı cumaya alalım». Bu sizin için nasıl olur?"),
    ("Ayşe'ye review'ları verelim",
     "Şöyle yapsak diyorum: «size review'ları verelim». Bu sizin için nasıl olur?"),
])
def test_a_turkish_change_said_to_the_person_it_names_speaks_to_them(change: str,
                                                                      question: str) -> None:
    """«Ayşe'nin 1:1'ini cumaya aldık», said to Ayşe, spoke of her in the third person."""
    assert supportive_question(change, DIFF, "tr", "Ayşe") == question


def test_a_turkish_change_said_to_someone_else_keeps_the_name() -> None:
    assert "«Ayşe'nin 1:1'ini cumaya aldık»" in supportive_question(
        "Ayşe'nin 1:1'ini cumaya aldık", DIFF, "tr", "Mehmet")
    assert "«Ayşe'nin ekibindeki herkes" in supportive_question(
        "Ayşe'nin ekibindeki herkes kod incelesin", DIFF, "tr", "Ayşe")


@pytest.mark.parametrize(("change", "question"), [
    ("standup cancelled today", "With no standup today, what would help you stay in the loop?"),
    ("standup is cancelled today", "With no standup today, what would help you stay in the loop?"),
    ("standup's cancelled today", "With no standup today, what would help you stay in the loop?"),
    ("Friday demo cancelled this week",
     "With no Friday demo this week, what would help you stay in the loop?"),
    ("retro is off this week", "With no retro this week, what would help you stay in the loop?"),
    ("we're cancelling standup today",
     "With no standup today, what would help you stay in the loop?"),
    ("move standup → 10, retro → Friday",
     "How would it work for you to move standup to 10 and retro to Friday?"),
    ("standup → 10, retro → Friday",
     "How would it work for you to move standup to 10 and retro to Friday?"),
    ("standup -> 10am; retro -> Friday",
     "How would it work for you to move standup to 10am and retro to Friday?"),
    ("standups → async, retro → every two weeks",
     "How would it work for you to make standups async and hold the retro every two weeks?"),
    ("move standup → 10", "How would it work for you to move standup to 10?"),
    ("Dana, could you take notes in the retro?",
     "How would it work for you to take notes in the retro?"),
    ("Dana, please take notes in the retro",
     "How would it work for you to take notes in the retro?"),
    # a decision told with its date, as «bundan sonra her PR'a iki onay gerekiyor» is
    ("going forward, all PRs need two approvals",
     "What would help you most, now that it's decided that all PRs need two approvals "
     "going forward?"),
    ("from now on, all PRs need two approvals",
     "What would help you most, now that it's decided that all PRs need two approvals "
     "from now on?"),
    ("all PRs require a linked ticket",
     "How would it work for you if all PRs required a linked ticket?"),
])
def test_a_change_said_in_passing_is_asked_as_a_change(change: str, question: str) -> None:
    """Each was quoted back ("if we tried this: “standup cancelled today”") or looked at
    together instead of asked as the change it says."""
    assert supportive_question(change, DIFF, "en") == question


@pytest.mark.parametrize(("change", "language", "name"), [
    ("Dana, could you take notes?", "en", "Dana"), ("Dana, please take notes", "en", "Dana"),
    ("Team, could you review?", "en", None), ("Standup, could you be shorter?", "en", None),
    ("Dana, we moved standup", "en", None), ("dana, could you take notes?", "en", None),
    ("Ayşe, retroda not alabilir misiniz?", "tr", "Ayşe"),
    ("Arkadaşlar, retroda not alabilir misiniz?", "tr", None),
])
def test_who_a_request_is_said_to(change: str, language: str, name: str | None) -> None:
    assert addressed_name(change, language) == name


def test_the_one_addressed_is_still_someone_else_by_example() -> None:
    with pytest.raises(ComposerError, match="asks something of someone else"):
        _by_example("Dana, could you take notes in the retro?")


@pytest.mark.parametrize("change", ["from Monday, all deploys go through the pipeline",
                                    "going forward, every PR needs a ticket"])
def test_a_rule_for_each_is_the_team_s_by_example(change: str) -> None:
    with pytest.raises(ComposerError, match="for the team to decide"):
        _by_example(change)


def test_a_rule_for_everyone_is_the_team_s_to_decide() -> None:
    """"all PRs need tests" was quoted whole (once read as "start all PRs need tests")."""
    assert supportive_question("all PRs need tests", START, "en") == \
        "How would it work for you if all PRs needed tests?"
    with pytest.raises(ComposerError, match="for the team to decide"):
        _by_example("going forward, all PRs need two approvals")
    assert "all my PRs" in _by_example("all my PRs need two approvals")


_TRIAL_TR = ("dene", "pilot", "geri dön", "geri alın", "kavram kanıtı")
_TRIAL_EN = ("trial", "try it", "pilot", "way back", "proof of concept")


@pytest.mark.parametrize(("change", "language"), [
    ("karar: standup 10'da", "tr"), ("standup artık yazılı", "tr"),
    ("standup'ı 10'a alıyoruz", "tr"), ("decision: standup at 10", "en"),
    ("standup cancelled today", "en"), ("we're moving standup to 10 next week", "en"),
])
def test_a_settled_change_is_offered_no_trial(change: str, language: str) -> None:
    """The «Yeni düzen» suggestion's tips offered "a short trial" of a change decided."""
    trial = _TRIAL_TR if language == "tr" else _TRIAL_EN
    for style in (None, *Style):
        for size in Size:
            composed = compose(SuggestionRequest(change, style, DIFF, size, "Ayşe",
                                                 language=language))
            said = " ".join((composed.opening, *composed.tips, composed.question,
                             composed.avoid, composed.next_step)).lower()
            assert not any(word in said for word in trial), (style, size, said)


def test_a_proposal_is_still_offered_as_a_trial() -> None:
    tips = " ".join(" ".join(compose(SuggestionRequest("standup'ı 10'a alalım", style, DIFF,
                                                       size, language="tr")).tips)
                    for style in (None, *Style) for size in Size).lower()
    assert any(word in tips for word in _TRIAL_TR)


@pytest.mark.parametrize("change", ["standup'ı 10'a alıyoruz", "retroyu iptal ediyoruz",
                                    "Jira'dan Linear'a geçiyoruz"])
def test_a_turkish_announcement_is_no_proposal(change: str) -> None:
    """«Şöyle yapsak diyorum: «standup'ı 10'a alıyoruz»»: a proposal's lead on a change
    announced."""
    assert supportive_question(change, DIFF, "tr") == \
        f"Yapacağımız değişiklik: «{change}». Bu, sizin işinizde neyi değiştirir?"


@pytest.mark.parametrize("change", ["standup'ı 10'a alalım", "toplantılar çok uzun sürüyor",
                                    "artık standup'ı yazılı yapıyoruz"])
def test_what_is_no_announcement_keeps_its_lead(change: str) -> None:
    assert not supportive_question(change, DIFF, "tr").startswith("Yapacağımız")


@pytest.mark.parametrize(("change", "language"), [
    ("toplantıları 25 dakikaya indirelim", "tr"), ("iç toplantıları azaltalım", "tr"),
])
def test_one_s_own_meetings_cut_down_stay_one_s_example(change: str, language: str) -> None:
    """A plain «toplantıları …» may be the meetings the user runs: still their example."""
    assert f"«{change}»" in _by_example(change, language=language)


def test_a_meeting_cancelled_today_is_the_team_s() -> None:
    """"we're cancelling standup today" became, by example, "cancel standup today"."""
    with pytest.raises(ComposerError, match="for the team to decide"):
        _by_example("we're cancelling standup today")


@pytest.mark.parametrize(("change", "question"), [
    ("going forward, every PR needs a ticket",
     "What would help you most, now that it's decided that every PR needs a ticket going forward?"),
    ("going forward, PRs need two approvals",
     "What would help you most, now that it's decided that PRs need two approvals going forward?"),
    ("from Monday, all deploys go through the pipeline",
     "What would help you most, now that it's decided that all deploys go through the pipeline "
     "from Monday?"),
    ("going forward, we review every PR within a day",
     "What would help you most, now that it's decided that we review every PR within a day going "
     "forward?"),
    ("Priya - could you own the release notes?",
     "How would it work for you to own the release notes?"),
    ("Priya could you own the release notes",
     "How would it work for you to own the release notes?"),
    ("standup off tomorrow", "With no standup tomorrow, what would help you stay in the loop?"),
    ("retro skipped this week", "With no retro this week, what would help you stay in the loop?"),
])
def test_more_changes_said_in_passing(change: str, question: str) -> None:
    assert supportive_question(change, DIFF, "en") == question


def test_what_a_thing_needs_done_is_no_rule() -> None:
    assert "“tests need fixing”" in supportive_question("tests need fixing", DIFF, "en")


@pytest.mark.parametrize(("change", "question"), [
    ("Ayşe ile eşli çalışalım",
     "Şöyle yapsak diyorum: «sizinle eşli çalışalım». Bu sizin için nasıl olur?"),
    ("Ayşe'nin PR'larını bir gün içinde inceleyeceğim", "«PR'larınızı bir gün içinde"),
])
def test_more_turkish_said_to_the_person_named(change: str, question: str) -> None:
    assert question in supportive_question(change, DIFF, "tr", "Ayşe")


def test_the_sprint_review_is_the_team_s_and_a_design_review_one_s_own() -> None:
    with pytest.raises(ComposerError, match="for the team to decide"):
        _by_example("shorten the sprint review")
    assert "design review" in _by_example("make the design review shorter")


@pytest.mark.parametrize("change", ["standup'ı 9:30'a çekiyoruz",
                                    "retroyu iki haftada bire indiriyoruz"])
def test_more_turkish_announcements(change: str) -> None:
    assert supportive_question(change, DIFF, "tr").startswith("Yapacağımız değişiklik")


@pytest.mark.parametrize(("change", "question", "opening"), [
    ("I moved standup to 10", "How has it been for you since I moved standup to 10?",
     "since I made this change"),
    ("I've switched our board to Linear",
     "How has it been for you since I switched our board to Linear?", None),
])
def test_a_change_the_user_made_is_checked_in_on(change: str, question: str,
                                                 opening: str | None) -> None:
    """"I moved standup to 10" was looked at together, quoted, as if a thought."""
    assert supportive_question(change, DIFF, "en", "Dana") == question
    if opening:
        openings = {compose(SuggestionRequest(change, style, DIFF, size, "Dana")).opening
                    for style in (None, *Style) for size in Size}
        assert any(opening in said for said in openings)
        assert not any("since we made" in said for said in openings)


@pytest.mark.parametrize("change", ["I dropped the ball on the release",
                                    "we dropped the ball on the release",
                                    "I made a mistake in the deploy", "I cut corners on the tests",
                                    "we made a bad call on the migration"])
def test_what_went_wrong_is_no_change_to_check_in_on(change: str) -> None:
    """"How has it been for you since we dropped the ball on the release?"."""
    assert "since" not in supportive_question(change, DIFF, "en", "Dana")


@pytest.mark.parametrize("change", ["bundan sonra her PR'a iki onay gerekiyor",
                                    "bundan sonra her PR'a iki onay lazım"])
def test_a_turkish_rule_from_now_on_is_a_new_arrangement(change: str) -> None:
    """«going forward, all PRs need two approvals» in Turkish read «Şöyle yapsak diyorum»."""
    assert supportive_question(change, DIFF, "tr") == \
        f"Yeni düzen: «{change}». Bu, sizin işinizde neyi değiştirir?"


def test_how_someone_works_now_is_not_said_to_be_their_change() -> None:
    """"Dana now runs the retro", to Dana: the team may have made it so."""
    openings = {compose(SuggestionRequest("Dana now runs the retro", style, DIFF, size,
                                          "Dana")).opening
                for style in (None, *Style) for size in Size}
    assert not any("you made this change" in said or "you've made this change" in said
                   for said in openings)


@pytest.mark.parametrize(("change", "question"), [
    ("Ayşe standup'ı 10'a aldı",
     "Yaptığınız değişiklik: «standup'ı 10'a aldınız». Şu ana kadar sizin için nasıl gidiyor?"),
    ("Ayşe retroyu cumaya taşıdı",
     "Yaptığınız değişiklik: «retroyu cumaya taşıdınız». Şu ana kadar sizin için nasıl gidiyor?"),
])
def test_a_turkish_change_the_person_made_is_checked_in_on_as_theirs(change: str,
                                                                     question: str) -> None:
    """«Ayşe standup'ı 10'a aldı», said to Ayşe, read «Şunu denesek diyorum: «Ayşe
    standup'ı 10'a aldı»»: a change made, offered as one to try, her name in the third
    person; "Dana moved standup to 10" was checked in on."""
    assert supportive_question(change, DIFF, "tr", "Ayşe") == question
    openings = {compose(SuggestionRequest(change, style, DIFF, size, "Ayşe",
                                          language="tr")).opening
                for style in (None, *Style) for size in Size}
    assert any("yaptınız" in said or "yaptığınızdan" in said for said in openings)


def test_a_turkish_complaint_about_the_person_is_still_refused() -> None:
    with pytest.raises(ComposerError):
        supportive_question("Ayşe toplantılarda telefona bakıyor", DIFF, "tr", "Ayşe")
