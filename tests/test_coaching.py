"""The coaching service over a real store with a fake clock."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from mlcoach.coaching import Coach
from mlcoach.domain import Response, Settings

TZ = ZoneInfo("Europe/Berlin")


def _coach(store, now):  # type: ignore[no-untyped-def]
    clock = {"now": now}
    coach = Coach(store, clock=lambda: clock["now"].astimezone(timezone.utc), tz=lambda: TZ,
                  rng=random.Random(3), real_clock=lambda: (clock["now"] - now).total_seconds())
    return coach, clock


def test_first_prompt_after_welcome_waits(store):
    store.save_settings(Settings())
    now = datetime(2026, 11, 24, 14, 0, tzinfo=TZ)  # a Tuesday afternoon, slots missed
    coach, _ = _coach(store, now)
    coach.hold_first_prompt(now.astimezone(timezone.utc))
    due = coach.next_due(now.astimezone(timezone.utc))
    assert due is not None and due >= now + timedelta(minutes=30)


def test_offer_records_an_event_with_why_and_respond_updates_it(store):
    now = datetime(2026, 11, 24, 10, 0, tzinfo=TZ)
    coach, _ = _coach(store, now)
    offer = coach.offer(now.astimezone(timezone.utc))
    assert offer is not None and offer.event is not None and offer.why
    assert offer.text and offer.try_this and offer.theme_name
    coach.respond(offer.event.id, "done")
    (event,) = store.prompt_events()
    assert event.response is Response.DONE


def test_first_prompt_of_the_day_recalls_yesterdays_intention(store):
    store.save_reflection(datetime(2026, 11, 23).date(), energy=3,
                          intention="Ask Bo how the handover went")
    now = datetime(2026, 11, 24, 9, 30, tzinfo=TZ)
    coach, _ = _coach(store, now)
    offer = coach.offer(now.astimezone(timezone.utc))
    assert offer is not None and "Ask Bo how the handover went" in offer.note


def test_three_skips_back_off_and_say_so(store):
    now = datetime(2026, 11, 24, 9, 30, tzinfo=TZ)
    coach, clock = _coach(store, now)
    message = None
    for i in range(3):
        clock["now"] = now + timedelta(hours=2 * i)
        offer = coach.offer(clock["now"].astimezone(timezone.utc))
        assert offer is not None and offer.event is not None
        message = coach.respond(offer.event.id, "skipped")
    assert message and "skipped" in message.lower()


def test_preview_records_nothing(store):
    now = datetime(2026, 11, 24, 10, 0, tzinfo=TZ)
    coach, _ = _coach(store, now)
    preview = coach.preview(now.astimezone(timezone.utc))
    assert preview.text and preview.as_dict()["theme"]
    assert store.prompt_events() == []
