"""Weekly review: due once on the first workday of a week, last week's figures, focus."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from mlcoach.coaching.chooser import suggested_focus
from mlcoach.coaching.content import load_builtin
from mlcoach.coaching.weekly import STATE_KEY, accept_focus, is_due, mark_shown, weekly_review
from mlcoach.domain.model import Kind, Outcome, Response
from mlcoach.store.core import Store

TZ = ZoneInfo("Europe/Berlin")
MONDAY = date(2025, 6, 16)
LAST_MONDAY = MONDAY - timedelta(weeks=1)
PROMPTS = load_builtin()


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


@pytest.fixture
def last_week(store: Store) -> Store:
    """A week with wins, outcomes, people and prompts, plus moments just outside it."""
    store.add_moment("Thanked Ana for the demo", Kind.RECOGNITION, person="Ana",
                     outcome=Outcome.FOLLOWED, created_at=at(LAST_MONDAY, 0, 15))
    store.add_moment("Thanked Bo for the notes", Kind.RECOGNITION, person="Bo",
                     created_at=at(LAST_MONDAY + timedelta(days=2), 11))
    store.add_moment("Suggested an agenda to Ana", Kind.SUGGESTION, person="Ana",
                     outcome=Outcome.FOLLOWED, created_at=at(LAST_MONDAY + timedelta(days=3), 9))
    store.add_moment("Asked Cem to lead the retro", Kind.DELEGATION, person="Cem",
                     outcome=Outcome.DECLINED, created_at=at(LAST_MONDAY + timedelta(days=4), 9))
    store.add_moment("Sunday night", Kind.RECOGNITION, outcome=Outcome.FOLLOWED,
                     created_at=at(MONDAY - timedelta(days=1), 23, 50))
    store.add_moment("Too early", Kind.RECOGNITION, created_at=at(LAST_MONDAY, 0) -
                     timedelta(minutes=1))
    store.add_moment("This week", Kind.RECOGNITION, created_at=at(MONDAY, 8))
    themes = ["recognition", "recognition", "energy", "feedback"]
    for i, theme in enumerate(themes):
        event = store.record_prompt_shown(f"{theme}-01", theme,
                                          at=at(LAST_MONDAY + timedelta(days=i), 10))
        store.record_response(event.id, Response.DONE if i < 3 else Response.SKIPPED,
                              at=at(LAST_MONDAY + timedelta(days=i), 10, 5))
    return store


def test_due_on_the_first_workday_once(last_week: Store) -> None:
    assert is_due(last_week, at(MONDAY, 9), TZ)
    assert not is_due(last_week, at(MONDAY - timedelta(days=1), 9), TZ)  # Sunday
    review = weekly_review(last_week, at(MONDAY, 9), TZ, PROMPTS)
    assert review is not None and review.this_week == MONDAY
    mark_shown(last_week, review)
    assert last_week.get_state(STATE_KEY) == MONDAY.isoformat()
    assert weekly_review(last_week, at(MONDAY, 15), TZ, PROMPTS) is None
    assert weekly_review(last_week, at(MONDAY + timedelta(days=1), 9), TZ, PROMPTS) is None
    assert is_due(last_week, at(MONDAY + timedelta(weeks=1), 9), TZ)
    assert weekly_review(last_week, at(MONDAY, 15), TZ, PROMPTS, force=True) is not None


def test_a_day_off_on_monday_moves_it_to_tuesday(last_week: Store) -> None:
    last_week.save_settings(replace(last_week.settings(), workdays=(1, 2, 3, 4)))
    assert not is_due(last_week, at(MONDAY, 9), TZ)
    assert is_due(last_week, at(MONDAY + timedelta(days=1), 9), TZ)


def test_the_setting_turns_it_off(last_week: Store) -> None:
    last_week.save_settings(replace(last_week.settings(), weekly_review=False))
    assert weekly_review(last_week, at(MONDAY, 9), TZ, PROMPTS) is None


def test_last_weeks_figures(last_week: Store) -> None:
    now = at(MONDAY, 9)
    review = weekly_review(last_week, now, TZ, PROMPTS)
    assert review is not None
    assert review.week == LAST_MONDAY
    assert review.moments == 5
    assert review.small_wins == 3
    assert review.win_examples == ("Thanked Ana for the demo", "Thanked Bo for the notes",
                                   "Sunday night")
    assert review.influenced == (("Ana", 2),)
    assert (review.realized, review.attempted) == (3, 4) and review.ratio == 0.75
    # every theme but recognition and energy had no prompt acted on; first by name
    assert review.neglected_theme == "attention"
    history = last_week.prompt_events()
    assert review.suggested_theme == suggested_focus(history, PROMPTS, now)
    assert review.suggested_theme not in ("recognition", "energy")


def test_an_empty_week(store: Store) -> None:
    review = weekly_review(store, at(MONDAY, 9), TZ, PROMPTS)
    assert review is not None
    assert (review.moments, review.small_wins, review.attempted) == (0, 0, 0)
    assert review.ratio is None and review.influenced == ()
    assert weekly_review(store, at(MONDAY, 9), TZ, []) is None


def test_accepting_the_focus_sets_the_schedulers_focus(store: Store) -> None:
    settings = accept_focus(store, "delegation", MONDAY)
    assert settings.focus_themes == ("delegation",)
    assert settings.focus_until == MONDAY + timedelta(days=6)
    assert store.settings() == settings
