"""The idle app's raw store reads and writes what the ORM store does, on the same file,
and opening it for the tray app does not import SQLAlchemy."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from mlcoach.coaching.service import Coach
from mlcoach.domain.errors import MlcoachError
from mlcoach.domain.model import Kind, Prompt, PromptText, Response, Settings, Style
from mlcoach.security.keys import OSKeyring
from mlcoach.store.light import LightStore
from mlcoach.store.vault import open_light

T0 = datetime(2026, 11, 23, 9, 30, 12, 345678, tzinfo=timezone.utc)


@pytest.fixture
def light(opened, layout) -> LightStore:  # type: ignore[no-untyped-def]
    return LightStore(layout.db, opened.secret)


def test_settings_and_state_round_trip_between_both_stores(opened, light):
    opened.store.save_settings(Settings(prompts_per_day=5, language="tr"))
    assert light.settings() == opened.store.settings()
    light.save_settings(Settings(prompts_per_day=2, min_gap_minutes=90))
    assert opened.store.settings() == Settings(prompts_per_day=2, min_gap_minutes=90)
    light.set_state("k", {"a": [1, "ş"]})
    assert opened.store.get_state("k") == {"a": [1, "ş"]}
    assert light.get_state("missing", 7) == 7


def test_prompt_events_and_responses_read_the_same(opened, light):
    first = opened.store.record_prompt_shown("p1", "feedback", why="w", at=T0)
    second = light.record_prompt_shown("p2", "recognition", at=T0 + timedelta(hours=1))
    answered = light.record_response(second.id, Response.DONE, at=T0 + timedelta(hours=2))
    assert answered.response is Response.DONE
    assert light.prompt_events() == opened.store.prompt_events()
    events = {e.id: e for e in light.prompt_events(since=T0 - timedelta(days=1))}
    assert events[first.id].response is Response.EXPIRED  # a newer prompt was shown
    assert events[second.id] == answered
    assert light.prompt_events(since=T0 + timedelta(minutes=30)) == [answered]
    with pytest.raises(MlcoachError):
        light.record_response("no-such-event", Response.DONE)


def test_reflections_people_and_prompts_read_the_same(opened, light):
    day = date(2026, 11, 20)
    opened.store.save_reflection(day, energy=4, went_well="ok", intention="listen more")
    assert light.reflection(day) == opened.store.reflection(day)
    assert light.reflection(day + timedelta(days=1)) is None
    assert light.last_intention(day + timedelta(days=3)) == "listen more"
    assert light.last_intention(day) is None
    opened.store.add_person("Zeynep", Style.REASSURANCE)
    opened.store.add_person("ana")
    opened.store.add_person("Old")
    opened.store.archive_person("Old")
    assert light.people() == opened.store.people()
    assert light.people(include_archived=True) == opened.store.people(include_archived=True)
    mine = Prompt(id="my-1", theme="feedback", texts={"en": PromptText("Ask", "Try")})
    opened.store.save_custom_prompts([mine])
    assert light.custom_prompts() == opened.store.custom_prompts()


def test_recognition_due_matches_the_orm_query(opened, light):
    store = opened.store
    store.add_moment("thanked", Kind.RECOGNITION, person="Ana", created_at=T0)
    store.add_moment("talked", Kind.OTHER, person="Ana", created_at=T0 + timedelta(days=5))
    store.add_moment("first", Kind.OTHER, person="Bo", created_at=T0 - timedelta(days=3))
    store.add_moment("helped", Kind.SUPPORT, person="Cem", created_at=T0 + timedelta(days=20))
    store.add_person("Nobody")
    now = T0 + timedelta(days=30)
    due = light.recognition_due(now, 14)
    assert due == store.recognition_due(now, 14)
    assert [(p.name, days) for p, days in due] == [("Bo", 33), ("Ana", 30)]


def test_a_capture_through_the_light_store_reads_back_like_the_orm_one(opened, light):
    opened.store.add_person("Ana", Style.REASSURANCE)
    fast = light.add_moment("  Thanked Ana ", Kind.RECOGNITION, person="ANA",
                            tags=["#Release", "ci"])
    slow = opened.store.get_moment(fast.id)
    assert slow is not None
    assert (fast.text, fast.kind, fast.person, fast.style, fast.tags, fast.created_at) == (
        slow.text, slow.kind, slow.person, slow.style, slow.tags, slow.created_at)
    assert light.search("thanked") == opened.store.search("thanked")
    with pytest.raises(MlcoachError):
        light.add_moment("   ")
    assert opened.store.count_moments() == 1  # the empty one changed nothing


def test_the_coach_runs_on_the_light_store(opened, light):
    opened.store.save_settings(Settings(prompts_per_day=4))
    now = datetime(2026, 11, 24, 9, tzinfo=timezone.utc)
    coach = Coach(light, clock=lambda: now, tz=lambda: timezone.utc, rng=random.Random(3))
    offer = coach.offer(now)
    assert offer is not None and offer.event is not None
    coach.respond(offer.event.id, "done")
    (event,) = opened.store.prompt_events()
    assert (event.id, event.response) == (offer.event.id, Response.DONE)
    assert coach.status(now).shown_today == 1


def test_opening_for_the_tray_app_does_not_import_the_orm(opened, layout, memory_keyring):
    opened.store.set_state("welcome_done", True)
    opened.store.close()
    code = textwrap.dedent(f"""
        import random, sys
        from datetime import datetime, timezone
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from memkeyring import MemoryKeyring
        import keyring
        ring = MemoryKeyring()
        ring.items.update({memory_keyring.items!r})
        keyring.set_keyring(ring)
        from pathlib import Path
        from mlcoach.coaching.service import Coach
        from mlcoach.security.keys import OSKeyring
        from mlcoach.store.vault import Layout, open_light
        opened = open_light(Layout(Path({str(layout.root)!r})), keys=OSKeyring())
        coach = Coach(opened.store, clock=lambda: datetime.now(timezone.utc),
                      tz=lambda: timezone.utc, rng=random.Random(1))
        coach.status(coach.now())
        assert not coach.welcome_pending()
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "alembic")))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, check=True)
    assert out.stdout.strip() == "[]"
    again = open_light(layout, keys=OSKeyring())
    assert not again.full_is_open
    assert again.full().store.get_state("welcome_done") is True
    again.close()


def test_stats_read_the_same_through_either_store(opened, light):
    from zoneinfo import ZoneInfo

    from mlcoach.domain.model import Outcome
    from mlcoach.store.stats import compute_stats

    store, tz = opened.store, ZoneInfo("Europe/Istanbul")
    now = datetime(2026, 11, 25, 20, tzinfo=timezone.utc)  # 23:00 local, a Wednesday
    for days in (0, 1, 2, 4):
        store.add_moment(f"day {days}", Kind.RECOGNITION, person="Ana", style=Style.FACTS,
                         created_at=now - timedelta(days=days))
    planned = store.add_moment("try it", Kind.SUGGESTION, person="Bo", created_at=now)
    store.set_moment_outcome(planned.id, Outcome.FOLLOWED)
    store.save_reflection(date(2026, 11, 22), energy=3)
    light_stats = compute_stats(light, now, tz)
    assert light_stats == compute_stats(store, now, tz)
    assert (light_stats.streak, light_stats.moments_today, light_stats.total_moments) == (
        5, 2, 5)  # the reflection on the 22nd bridges the moments of the 21st and 23rd
    assert light_stats.by_person["Bo"].realized == 1


def test_shell_search_and_stats_import_neither_the_orm_nor_the_domain_model(cli_env):
    from tests.conftest import run_cli

    run_cli(cli_env, "init")
    run_cli(cli_env, "capture", "Thanked @Ana for the notes")
    code = textwrap.dedent("""
        import sys
        from mlcoach.cli.main import main
        for argv in (["search", "thanked"], ["stats", "--json"]):
            sys.argv = ["mlcoach", *argv]
            try:
                main()
            except SystemExit as done:
                assert not done.code, done.code
        orm = [m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "alembic")]
        orm += [m for m in ("mlcoach.domain.model",) if m in sys.modules]  # ~20 ms to build
        print("ORM:", sorted(orm))
    """)
    out = subprocess.run([sys.executable, "-c", code], env=cli_env, capture_output=True,
                         text=True, timeout=120, check=True).stdout
    assert "[Thanked] Ana" in out
    assert '"total_moments": 1' in out
    assert out.strip().endswith("ORM: []")
