"""The fast capture path writes exactly what the ORM store writes."""

from __future__ import annotations

from datetime import datetime, timezone

from mlcoach.domain.model import Kind, Style
from mlcoach.store import quick


def test_quick_capture_reads_back_like_a_store_capture(opened, layout):
    store = opened.store
    store.add_person("Ana", Style.REASSURANCE)
    when = datetime(2026, 11, 23, 9, 30, 12, 345678, tzinfo=timezone.utc)
    fast_id = quick.add_moment(layout.db, opened.secret, "  Thanked Ana  ", Kind.RECOGNITION,
                               person="ANA", style=None, tags=["#Release", "ci", "release"],
                               now=when)
    slow = store.add_moment("Thanked Ana", Kind.RECOGNITION, person="ANA",
                            tags=["#Release", "ci", "release"], created_at=when)
    fast = store.get_moment(fast_id)
    assert fast is not None
    assert (fast.text, fast.kind, fast.person, fast.style, fast.tags, fast.created_at) == (
        slow.text, slow.kind, slow.person, slow.style, slow.tags, slow.created_at)
    assert len(store.search("thanked")) == 2  # the full-text index followed both


def test_quick_capture_adds_an_unknown_person_once(opened, layout):
    now = datetime.now(timezone.utc)
    quick.add_moment(layout.db, opened.secret, "a", Kind.OTHER, person="Deniz", style=None,
                     tags=[], now=now)
    quick.add_moment(layout.db, opened.secret, "b", Kind.OTHER, person="deniz", style=None,
                     tags=[], now=now)
    assert [p.name for p in opened.store.people()] == ["Deniz"]
    assert len(opened.store.moments(person="Deniz")) == 2
