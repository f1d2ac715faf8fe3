"""How people really phrase a change: shouted, dated, tagged with a question, given a
reason, said in two sentences, or put as a question. The question asks about the plan in
it, the right way round (unit tests of the composer; no store, no Qt)."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind, Size
from mlcoach.influence.composer import (
    ComposerError,
    SuggestionRequest,
    compose,
    supportive_question,
)

START, STOP, DIFF = ChangeKind.START, ChangeKind.STOP, ChangeKind.DIFFERENTLY


def by_example(change: str, action: ChangeKind, language: str = "en",
               person: str | None = None) -> str:
    return compose(SuggestionRequest(change, None, action, Size.MEDIUM, person, True,
                                     language)).opening


@pytest.mark.parametrize(("change", "action", "expected"), [
    # a stop already said in the words is not stopped again
    ("starting next week, no more status emails", STOP,
     "How would it work for you if we had no more status emails starting next week?"),
    ("from Monday, never deploy on Fridays", STOP,
     "How would it work for you to never deploy on Fridays from Monday?"),
    ("team, no more Friday deploys", STOP,
     "How would it work for you if we had no more Friday deploys?"),
    ("let's keep Fridays deploy-free", STOP,
     "How would it work for you to keep Fridays deploy-free?"),
    ("no-meeting Wednesdays", STOP, "How would it work for you if we had no-meeting Wednesdays?"),
    # a proposal put as a question, or with a question tagged on
    ("would it make sense to rotate the on-call weekly?", DIFF,
     "How would it work for you to rotate the on-call weekly?"),
    ("any chance we could start the retro on time?", START,
     "How would it work for you to start the retro on time?"),
    ("how about we skip the Friday sync", STOP,
     "How would it work for you to skip the Friday sync?"),
    ("cant we do async standups", DIFF, "How would it work for you to do async standups?"),
    ("move the standup to 10am, what do you think?", DIFF,
     "How would it work for you to move the standup to 10am?"),
    ("move the standup to 10am, right?", DIFF,
     "How would it work for you to move the standup to 10am?"),
    # words in front that are not the change
    ("URGENT: stop Friday deploys", STOP, "How would it work for you to stop Friday deploys?"),
    ("hey team, please start on time", START, "How would it work for you to start on time?"),
    ("@here let's start on time", START, "How would it work for you to start on time?"),
    ("#meetings start on time", START,
     "When it comes to meetings, how would it work for you to start on time?"),
    ("Use #general for announcements", START,
     "How would it work for you to use #general for announcements?"),
    ("starting tomorrow I'd like us to start meetings on time", START,
     "How would it work for you to start meetings on time starting tomorrow?"),
    # a reason or a complaint beside the plan is not quoted back
    ("stop the weekly report because nobody reads it", STOP,
     "How would it work for you to stop the weekly report?"),
    ("stop the weekly report, because nobody reads it", STOP,
     "How would it work for you to stop the weekly report?"),
    ("Stop the Friday status mail. Nobody reads it.", STOP,
     "How would it work for you to stop the Friday status mail?"),
    ("We keep running over. Let's cap the retro at 45 minutes.", DIFF,
     "How would it work for you to cap the retro at 45 minutes?"),
    ("Can we try something? Demo on Fridays instead of the sprint review.", DIFF,
     "How would it work for you to demo on Fridays instead of the sprint review?"),
    # shouted, asked as it is meant
    ("MOVE THE STANDUP TO 10AM", DIFF, "How would it work for you to move the standup to 10am?"),
    ("STOP THE FRIDAY DEPLOYS!!!", STOP, "How would it work for you to stop the Friday deploys?"),
    ("REVIEW PRS WITHIN A DAY", START, "How would it work for you to review PRs within a day?"),
    ("we should all write down decisions", START,
     "How would it work for you to write down decisions?"),
])
def test_the_plan_inside_the_words_is_asked_about(change: str, action: ChangeKind,
                                                   expected: str) -> None:
    assert supportive_question(change, action, "en") == expected


@pytest.mark.parametrize(("change", "action", "expected"), [
    ("standup'ı 10'a alabilir miyiz?", DIFF,
     "Şöyle yapsak diyorum: «standup'ı 10'a alalım». Bu sizin için nasıl olur?"),
    ("toplantıları kısaltsak mı?", DIFF,
     "Şöyle yapsak diyorum: «toplantıları kısaltalım». Bu sizin için nasıl olur?"),
    ("standup'ı 10'a alalım, ne dersin?", DIFF,
     "Şöyle yapsak diyorum: «standup'ı 10'a alalım». Bu sizin için nasıl olur?"),
    ("standup'ı 10'a alalım çünkü Berlin ekibi geç başlıyor", DIFF,
     "Şöyle yapsak diyorum: «standup'ı 10'a alalım». Bu sizin için nasıl olur?"),
    ("standup'ı 10'a almak istiyorum", DIFF,
     "Şöyle yapsak diyorum: «standup'ı 10'a almak». Bu sizin için nasıl olur?"),
    ("retroyu kısaltmayı öneriyorum", DIFF,
     "Şöyle yapsak diyorum: «retroyu kısaltmak». Bu sizin için nasıl olur?"),
    ("TOPLANTILARI KISALTALIM", DIFF,
     "Şöyle yapsak diyorum: «toplantıları kısaltalım». Bu sizin için nasıl olur?"),
    # a stop said by a negative verb anywhere, or in English, is not "bıraksak"
    ("deploy yapmayalım cuma günleri", STOP,
     "Şunu denesek diyorum: «deploy yapmayalım cuma günleri». Bu sizin için nasıl olur?"),
    ("no more Friday deploys", STOP,
     "Şunu denesek diyorum: «no more Friday deploys». Bu sizin için nasıl olur?"),
    ("«tamam» yerine «anladım» diyelim", DIFF,
     "Şöyle yapsak diyorum: «“tamam” yerine “anladım” diyelim». Bu sizin için nasıl olur?"),
])
def test_turkish_plans_are_asked_about_as_proposals(change: str, action: ChangeKind,
                                                     expected: str) -> None:
    assert supportive_question(change, action, "tr") == expected


@pytest.mark.parametrize(("change", "action", "language", "act"), [
    ("would it make sense to review PRs before lunch?", DIFF, "en", "review PRs before lunch"),
    ("share the agenda a day before, what do you think?", DIFF, "en",
     "share the agenda a day before"),
    ("how about we skip the Friday sync", STOP, "en", "skip the Friday sync"),
    ("PR'lara aynı gün bakabilir miyiz?", DIFF, "tr", "«PR'lara aynı gün bakalım»"),
    ("PR'lara aynı gün bakalım, ne dersin?", DIFF, "tr", "«PR'lara aynı gün bakalım»"),
    ("haftalık raporu kaldıralım, çünkü kimse okumuyor", STOP, "tr",
     "«haftalık raporu kaldıralım»"),
])
def test_a_plan_put_as_a_question_is_an_act_to_lead_by_example(
        change: str, action: ChangeKind, language: str, act: str) -> None:
    """These were refused as "asks a question or says how things are"."""
    opening = by_example(change, action, language)
    assert act in opening
    assert "?" not in opening and "çünkü" not in opening


def test_a_negative_turkish_plan_is_not_done_without() -> None:
    """By example, "«deploy yapmayalım cuma günleri» olmadan çalışmak" (work without
    "let's not deploy on Fridays") said the opposite."""
    opening = by_example("deploy yapmayalım cuma günleri", STOP, "tr")
    assert "«deploy yapmayalım cuma günleri»" in opening and "olmadan" not in opening


@pytest.mark.parametrize("change", ["@Dana could you pair with me on the migration?",
                                    "Dana, could you pair with me on the migration?"])
def test_the_person_asked_is_not_named_to_themselves(change: str) -> None:
    assert supportive_question(change, START, "en", "Dana") == \
        "How would it work for you to pair with me on the migration?"
    with pytest.raises(ComposerError, match="asks something of someone else"):
        by_example(change, START, "en", "Dana")  # still theirs to do, not the user's


@pytest.mark.parametrize(("change", "question"), [
    # the rest says what: a plan alone would lose it
    ("I'd like to try pair programming on Fridays. Just for a month. Then we see.",
     "How would it work for you if we looked at this together: “I'd like to try pair "
     "programming on Fridays. Just for a month. Then we see”?"),
    ("Haftalık raporu kimse okumuyor. Kaldıralım.",
     "Şöyle yapsak diyorum: «Haftalık raporu kimse okumuyor. Kaldıralım». Bu sizin için nasıl "
     "olur?"),
    # mixed case is the user's: not lowered
    ("Pair With Dana On Releases",
     "How would it work for you if we tried this: “Pair With Dana On Releases”?"),
])
def test_what_cannot_stand_alone_is_kept_whole(change: str, question: str) -> None:
    language = "tr" if "ı" in change else "en"
    assert supportive_question(change, DIFF, language) == question


@pytest.mark.parametrize(("change", "action", "person", "expected"), [
    # "cause" is a noun as often as a reason; "as" begins "as usual", "as of", "as well as"
    ("Do root cause analysis after every incident", DIFF, None,
     "How would it work for you to do root cause analysis after every incident?"),
    ("find the cause before fixing the bug", DIFF, None,
     "How would it work for you to find the cause before fixing the bug?"),
    ("run the retro, as usual, but shorter", DIFF, None,
     "How would it work for you if we tried this: “run the retro, as usual, but shorter”?"),
    ("stop using the old tracker, as of Monday", STOP, None,  # "as" is no reason here
     "How would it work for you to stop using the old tracker as of Monday?"),
    ("stop the weekly report, as nobody reads it", STOP, None,
     "How would it work for you to stop the weekly report?"),
    # a second sentence that proposes is not an aside
    ("Let's cap the retro at 45 minutes. The planning meeting should be shorter too.", DIFF,
     None, "How would it work for you if we tried this: “Let's cap the retro at 45 minutes. "
     "The planning meeting should be shorter too”?"),
    # a plan kept from a later sentence loses the capital it had there
    ("The build is slow. Cache the dependencies.", DIFF, None,
     "How would it work for you to cache the dependencies?"),
    # the name before a colon is taken off only before a request
    ("Max: 3 meetings a day", DIFF, "Max",
     "How would it work for you if we tried this: “Max: 3 meetings a day”?"),
    ("SYNC WITH THE US TEAM ON FRIDAYS", DIFF, None,
     "How would it work for you to sync with the US team on Fridays?"),
])
def test_what_only_looks_like_wrapping_is_kept(change: str, action: ChangeKind,
                                                person: str | None, expected: str) -> None:
    assert supportive_question(change, action, "en", person) == expected


@pytest.mark.parametrize("change", ["cuma günleri deploy yasak mı?", "bütçe çok yüksek mi?"])
def test_turkish_adjectives_ending_like_shall_we_stay_questions(change: str) -> None:
    assert f"«{change}»" in supportive_question(change, DIFF, "tr")


@pytest.mark.parametrize(("change", "quoted"), [
    ("retroyu ben yönetmek isterim", "«retroyu yönetmek»"),  # no "ben" left standing
    ("ofise taze ekmek istiyorum", "«ofise taze ekmek istiyorum»"),  # bread, not an act
])
def test_turkish_wants_become_the_act_only_when_they_are_one(change: str, quoted: str) -> None:
    assert quoted in supportive_question(change, DIFF, "tr")
