"""Tests for mlcoach.coaching.chooser: the rules for the next prompt and the reason given."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from mlcoach.coaching.chooser import (
    REFLECTION_TAG,
    Choice,
    active_focus,
    choose,
    day_part,
    is_first_of_day,
    start_focus,
    suggested_focus,
)
from mlcoach.domain.model import DayPart, Prompt, PromptEvent, PromptText, Response, Settings, Theme

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = date(2024, 6, 3)
THEMES = [t.value for t in Theme]


def make_prompt(
    pid: str, theme: str, parts: tuple[DayPart, ...] = tuple(DayPart), tags: tuple[str, ...] = ()
) -> Prompt:
    """Return a prompt with placeholder words."""
    return Prompt(
        id=pid,
        theme=theme,
        texts={"en": PromptText(f"text {pid}", f"try {pid}")},
        parts=parts,
        tags=tags,
    )


def library(per_theme: int = 3) -> list[Prompt]:
    """Return `per_theme` prompts for each of the twelve themes."""
    return [make_prompt(f"{theme}-{i}", theme) for theme in THEMES for i in range(per_theme)]


def shown(prompt: Prompt, when: datetime, response: Response = Response.DONE) -> PromptEvent:
    """Return an event for `prompt` shown at `when`."""
    return PromptEvent(
        id=f"{prompt.id}@{when.isoformat()}",
        prompt_id=prompt.id,
        theme=prompt.theme,
        shown_at=when.astimezone(UTC),
        response=response,
        responded_at=when.astimezone(UTC),
    )


def at(day: date, hh: int, mm: int = 0) -> datetime:
    """Return a Berlin wall time as an aware datetime."""
    return datetime.combine(day, time(hh, mm), tzinfo=BERLIN)


def pick(
    now: datetime, prompts: list[Prompt], history: list[PromptEvent], seed: int = 0, **kw: object
) -> Choice:
    """Choose with default settings and a seeded random source."""
    args: dict[str, object] = {
        "prompts": prompts,
        "history": history,
        "settings": Settings(),
        "tz": BERLIN,
        "rng": random.Random(seed),
    }
    args.update(kw)
    return choose(now, **args)  # type: ignore[arg-type]


SLOTS = ((9, 40), (11, 10), (14, 5), (16, 20))


def run_days(prompts: list[Prompt], days: int, seed: int = 0, **kw: object) -> list[PromptEvent]:
    """Return the history of choosing four prompts a day for `days` days."""
    rng = random.Random(seed)
    history: list[PromptEvent] = []
    for offset in range(days):
        for hh, mm in SLOTS:
            now = at(MONDAY + timedelta(days=offset), hh, mm)
            args: dict[str, object] = {
                "prompts": prompts,
                "history": history,
                "settings": Settings(),
                "tz": BERLIN,
                "rng": rng,
            }
            args.update(kw)
            choice = choose(now, **args)  # type: ignore[arg-type]
            history.append(shown(choice.prompt, now))
    return history


def test_day_parts() -> None:
    assert day_part(time(9, 0)) is DayPart.MORNING
    assert day_part(time(11, 29)) is DayPart.MORNING
    assert day_part(time(11, 30)) is DayPart.MIDDAY
    assert day_part(time(14, 0)) is DayPart.AFTERNOON
    assert day_part(time(16, 30)) is DayPart.END_OF_DAY
    assert day_part(time(23, 59)) is DayPart.END_OF_DAY


def test_no_prompts_is_an_error() -> None:
    with pytest.raises(ValueError, match="no prompts"):
        pick(at(MONDAY, 10), [], [])


def test_deterministic_for_a_given_random_source() -> None:
    prompts = library()
    assert pick(at(MONDAY, 10), prompts, [], seed=7) == pick(at(MONDAY, 10), prompts, [], seed=7)
    picks = {pick(at(MONDAY, 10), prompts, [], seed=s).prompt.id for s in range(30)}
    assert len(picks) > 5


def test_no_repeat_within_fourteen_days_while_unseen_remain() -> None:
    prompts = library(per_theme=5)  # 60 prompts, 4 a day: 15 days to see them all
    history = run_days(prompts, 14)
    ids = [e.prompt_id for e in history]
    assert len(ids) == len(set(ids)) == 56


def test_when_all_were_seen_the_least_recent_comes_back() -> None:
    prompts = library(per_theme=1)  # 12 prompts, 4 a day: repeats are unavoidable
    history = run_days(prompts, 9)
    for i, event in enumerate(history):
        earlier = [e for e in history[:i] if e.prompt_id == event.prompt_id]
        if earlier:
            # every other prompt was seen at least as recently
            last = earlier[-1].shown_at
            seen_since = {e.prompt_id for e in history[:i] if e.shown_at >= last}
            assert seen_since == {p.id for p in prompts}
    choice = pick(at(MONDAY + timedelta(days=9), 10), prompts, history)
    assert "seen all the others" in choice.why


def test_not_for_me_keeps_a_prompt_away_for_ninety_days() -> None:
    prompts = library(per_theme=1)
    declined = prompts[0]
    history = [shown(declined, at(MONDAY, 10), Response.NOT_FOR_ME)]
    for day in range(1, 89, 3):
        for seed in range(5):
            choice = pick(at(MONDAY + timedelta(days=day), 10), prompts, history, seed=seed)
            assert choice.prompt.id != declined.id
    later = [
        pick(at(MONDAY + timedelta(days=91), 10), prompts, history, seed=s).prompt.id
        for s in range(200)
    ]
    assert declined.id in later


def test_not_for_me_lowers_the_weight_of_its_theme() -> None:
    prompts = library(per_theme=3)
    theme = "feedback"
    declined = [p for p in prompts if p.theme == theme][:2]
    history = [shown(p, at(MONDAY - timedelta(days=20), 10), Response.NOT_FOR_ME) for p in declined]
    counts = Counter(
        pick(at(MONDAY, 10), prompts, history, seed=s).prompt.theme for s in range(3000)
    )
    others = [counts[t] for t in THEMES if t != theme]
    assert counts[theme] < 0.7 * (sum(others) / len(others))


def test_all_prompts_declined_still_gives_a_prompt_and_says_why() -> None:
    prompts = library(per_theme=1)[:2]
    history = [shown(p, at(MONDAY - timedelta(days=1), 10), Response.NOT_FOR_ME) for p in prompts]
    choice = pick(at(MONDAY, 10), prompts, history)
    assert "not for you" in choice.why


def test_focus_theme_weighs_visibly_more() -> None:
    prompts = library(per_theme=3)
    focused = Settings(focus_themes=("presence",), focus_until=MONDAY + timedelta(days=6))
    counts = Counter(
        pick(at(MONDAY, 10), prompts, [], seed=s, settings=focused).prompt.theme
        for s in range(3000)
    )
    others = [counts[t] for t in THEMES if t != "presence"]
    assert counts["presence"] > 2 * max(others)
    # Over a week of real use the focus theme leads while the others still get room.
    history = run_days(prompts, 5, settings=focused)
    themes = Counter(e.theme for e in history)
    assert themes.most_common(1)[0][0] == "presence"
    assert len(themes) >= 9


def test_focus_ends_on_its_date() -> None:
    focused = Settings(focus_themes=("presence",), focus_until=MONDAY)
    assert active_focus(focused, MONDAY) == ("presence",)
    assert active_focus(focused, MONDAY + timedelta(days=1)) == ()
    two_weeks = start_focus(Settings(), "energy", MONDAY, weeks=2)
    assert two_weeks.focus_themes == ("energy",)
    assert two_weeks.focus_until == MONDAY + timedelta(days=13)
    assert start_focus(Settings(), "energy", MONDAY, weeks=9).focus_until == MONDAY + timedelta(
        days=13
    )


def test_focus_theme_from_the_weekly_review_counts_too() -> None:
    prompts = library(per_theme=3)
    counts = Counter(
        pick(at(MONDAY, 10), prompts, [], seed=s, focus_theme="energy").prompt.theme
        for s in range(2000)
    )
    assert counts.most_common(1)[0][0] == "energy"
    choice = next(
        c
        for s in range(50)
        if (c := pick(at(MONDAY, 10), prompts, [], seed=s, focus_theme="energy")).prompt.theme
        == "energy"
    )
    assert "focus" in choice.why


def test_week_stays_balanced_across_themes() -> None:
    prompts = library(per_theme=6)
    history = run_days(prompts, 28, seed=3)
    for week in range(4):
        begin = at(MONDAY + timedelta(days=7 * week), 0)
        themes = Counter(
            e.theme for e in history if begin <= e.shown_at < begin + timedelta(days=7)
        )
        # 28 prompts over 12 themes: nobody gets more than four, most get two or more
        assert max(themes.values()) <= 4, themes
        assert sum(1 for t in THEMES if themes[t] >= 2) >= 8, themes
    assert set(e.theme for e in history) == set(THEMES)


def test_part_of_day_is_respected_when_possible() -> None:
    morning = [make_prompt(f"m{i}", THEMES[i % 12], (DayPart.MORNING,)) for i in range(10)]
    evening = [make_prompt(f"e{i}", THEMES[i % 12], (DayPart.END_OF_DAY,)) for i in range(10)]
    prompts = morning + evening
    for seed in range(50):
        assert pick(at(MONDAY, 9, 30), prompts, [], seed=seed).prompt in morning
        assert pick(at(MONDAY, 17), prompts, [], seed=seed).prompt in evening
    # Nothing fits midday: something is still chosen.
    assert pick(at(MONDAY, 12), prompts, [], seed=1).prompt in prompts


def test_part_of_day_uses_local_time() -> None:
    morning = [make_prompt("m", "presence", (DayPart.MORNING,))]
    evening = [make_prompt("e", "presence", (DayPart.END_OF_DAY,))]
    # 07:30 UTC is 09:30 in Berlin and 03:30 in New York (before 11:30 in both)
    now = datetime(2024, 6, 3, 7, 30, tzinfo=UTC)
    assert pick(now, morning + evening, [], tz=ZoneInfo("Asia/Tokyo")).prompt.id == "e"
    assert pick(now, morning + evening, [], tz=BERLIN).prompt.id == "m"


def test_first_prompt_of_the_day_recalls_yesterdays_intention() -> None:
    prompts = library()
    choice = pick(at(MONDAY, 9, 40), prompts, [], intention="  Ask Mia how the launch felt ")
    assert choice.intention == "Ask Mia how the launch felt"
    assert choice.why.startswith("First prompt today, with the intention you wrote yesterday")
    later = [shown(prompts[0], at(MONDAY, 9, 40))]
    choice = pick(at(MONDAY, 11), prompts, later, intention="Ask Mia")
    assert choice.intention is None
    assert "intention" not in choice.why
    assert pick(at(MONDAY, 9, 40), prompts, [], intention="").intention is None
    assert pick(at(MONDAY, 11), prompts, later, intention="x", first_of_day=True).intention == "x"


def test_is_first_of_day_uses_the_local_day() -> None:
    late_sunday = [shown(make_prompt("p", "energy"), at(MONDAY - timedelta(days=1), 23, 30))]
    assert is_first_of_day(late_sunday, at(MONDAY, 9), BERLIN)
    assert not is_first_of_day(late_sunday, at(MONDAY - timedelta(days=1), 23, 45), BERLIN)


def test_reflection_reminder_is_not_offered_once_reflected() -> None:
    reminder = make_prompt("reflect", "consistency", (DayPart.END_OF_DAY,), (REFLECTION_TAG,))
    other = make_prompt("other", "energy", (DayPart.END_OF_DAY,))
    seen = {pick(at(MONDAY, 17), [reminder, other], [], seed=s).prompt.id for s in range(40)}
    assert seen == {"reflect", "other"}
    for seed in range(40):
        choice = pick(at(MONDAY, 17), [reminder, other], [], seed=seed, reflected_today=True)
        assert choice.prompt.id == "other"


def test_why_names_the_neglected_theme() -> None:
    prompts = library(per_theme=2)
    history = [
        shown(p, at(MONDAY - timedelta(days=1), 10)) for p in prompts if p.theme != "presence"
    ]
    history += [
        shown(p, at(MONDAY - timedelta(days=5), 10)) for p in prompts if p.theme == "presence"
    ][:1]
    focused = Settings(focus_themes=("presence",), focus_until=MONDAY + timedelta(days=4))
    choice = pick(at(MONDAY, 10), prompts, history, settings=focused)
    assert choice.prompt.theme == "presence"
    assert choice.why == (
        "“Presence and awareness” is your focus theme until Friday; 5 days since your last "
        "prompt on it."
    )


@hsettings(max_examples=150, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_prompts=st.integers(1, 40),
    shows=st.lists(
        st.tuples(st.integers(0, 39), st.integers(0, 120 * 24), st.sampled_from(list(Response))),
        max_size=80,
    ),
    minute=st.integers(0, 24 * 60 - 1),
    focus=st.lists(st.sampled_from(THEMES), max_size=2),
)
def test_choices_follow_the_rules(
    seed: int,
    n_prompts: int,
    shows: list[tuple[int, int, Response]],
    minute: int,
    focus: list[str],
) -> None:
    rng = random.Random(seed)
    prompts = [
        make_prompt(
            f"p{i}", rng.choice(THEMES), tuple(sorted(rng.sample(list(DayPart), rng.randint(1, 4))))
        )
        for i in range(n_prompts)
    ]
    now = datetime(2024, 6, 3, tzinfo=BERLIN) + timedelta(minutes=minute)
    history = [
        shown(prompts[i % n_prompts], now - timedelta(hours=hours), response)
        for i, hours, response in shows
    ]
    choice = pick(now, prompts, history, seed=seed, settings=Settings(focus_themes=tuple(focus)))
    prompt = choice.prompt
    assert prompt in prompts
    declined = {
        e.prompt_id
        for e in history
        if e.response is Response.NOT_FOR_ME and now - e.shown_at < timedelta(days=90)
    }
    allowed = [p for p in prompts if p.id not in declined]
    if allowed:
        assert prompt.id not in declined
    recent = {e.prompt_id for e in history if now - e.shown_at < timedelta(days=14)}
    if any(p.id not in recent for p in allowed):
        assert prompt.id not in recent
    part = day_part(now.time())
    fresh = [p for p in allowed if p.id not in recent] or allowed or prompts
    if any(part in p.parts for p in fresh) and prompt.id not in recent:
        assert part in prompt.parts
    assert 0 < len(choice.why) <= 160 and "\n" not in choice.why and choice.why.endswith(".")


def test_suggested_focus_is_the_neglected_theme() -> None:
    prompts = library(per_theme=2)
    now = at(MONDAY, 17)
    history = [shown(p, now - timedelta(days=2)) for p in prompts if p.theme != "remote"]
    assert suggested_focus(history, prompts, now) == "remote"
    # Acted on least beats shown least.
    history = [
        shown(p, now - timedelta(days=2), Response.SKIPPED) for p in prompts if p.theme == "energy"
    ]
    history += [shown(p, now - timedelta(days=2)) for p in prompts if p.theme != "energy"]
    assert suggested_focus(history, prompts, now) == "energy"
    # A theme the user set aside entirely is not suggested.
    declined = [
        shown(p, now - timedelta(days=2), Response.NOT_FOR_ME)
        for p in prompts
        if p.theme == "energy"
    ]
    assert suggested_focus(history + declined, prompts, now) != "energy"
    with pytest.raises(ValueError):
        suggested_focus([], [], now)
