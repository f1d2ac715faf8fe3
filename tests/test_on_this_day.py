"""On this day: the same date a month and a year ago, in local time, bounded reads."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from mlcoach.coaching.on_this_day import on_this_day, same_date_earlier
from mlcoach.domain.model import Kind, Outcome

TZ = ZoneInfo("Europe/Berlin")
TODAY = date(2025, 6, 12)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def test_month_and_year_ago_nearest_first(store) -> None:  # type: ignore[no-untyped-def]
    store.add_moment("A year ago", created_at=at(date(2024, 6, 12), 10))
    store.add_moment("A month ago", created_at=at(date(2025, 5, 12), 15))
    store.add_moment("Some other day", created_at=at(date(2025, 5, 13), 10))
    echoes = on_this_day(store, TODAY, TZ)
    assert [(e.months, e.years, e.day, e.moment.text) for e in echoes] == [
        (1, 0, date(2025, 5, 12), "A month ago"), (12, 1, date(2024, 6, 12), "A year ago")]


def test_nothing_on_those_dates_gives_nothing(store) -> None:  # type: ignore[no-untyped-def]
    store.add_moment("Last week", created_at=at(date(2025, 6, 5), 10))
    assert on_this_day(store, TODAY, TZ) == []


def test_local_day_edges_decide(store) -> None:  # type: ignore[no-untyped-def]
    # 00:30 in Berlin is still the previous evening in UTC; it belongs to 12 May here.
    store.add_moment("Just after midnight", created_at=at(date(2025, 5, 12), 0, 30))
    store.add_moment("Just before midnight", created_at=at(date(2025, 5, 11), 23, 50))
    [echo] = on_this_day(store, TODAY, TZ)
    assert echo.moment.text == "Just after midnight"


def test_the_most_telling_moment_of_the_day_is_picked(store) -> None:  # type: ignore[no-untyped-def]
    day = date(2025, 5, 12)
    store.add_moment("Plain note", created_at=at(day, 9))
    store.add_moment("Thanked Bo", Kind.RECOGNITION, created_at=at(day, 10))
    store.add_moment("Asked Ana, and she took it up", Kind.QUESTION, created_at=at(day, 11),
                     outcome=Outcome.FOLLOWED)
    [echo] = on_this_day(store, TODAY, TZ)
    assert echo.moment.text == "Asked Ana, and she took it up"


def test_reads_are_bounded(store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls = []
    real = store.moments

    def spy(**kwargs):  # type: ignore[no-untyped-def]
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(store, "moments", spy)
    on_this_day(store, TODAY, TZ)
    assert len(calls) == 2 and all(c["since"] and c["until"] and c["limit"] for c in calls)


@pytest.mark.parametrize(("day", "back", "expected"), [
    (date(2025, 3, 31), {"months": 1}, None),  # there is no 31 February
    (date(2025, 1, 15), {"months": 1}, date(2024, 12, 15)),
    (date(2024, 2, 29), {"years": 1}, None),  # 2023 has no 29 February
    (date(2024, 2, 29), {"months": 12}, None),
    (date(2025, 6, 12), {"years": 1}, date(2024, 6, 12)),
    (date(1, 1, 5), {"months": 1}, None),  # before the calendar starts
])
def test_same_date_earlier(day: date, back: dict[str, int], expected: date | None) -> None:
    assert same_date_earlier(day, **back) == expected
