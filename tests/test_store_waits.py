"""How long a write waits for another writer: a window's thread a moment, then a plain
"try again"; any other thread (a worker, an import) the store's minute."""

from __future__ import annotations

import threading

import pytest

from mlcoach.domain.errors import StoreBusyError


def test_a_window_thread_waits_a_moment_and_a_worker_the_minute(store) -> None:  # type: ignore[no-untyped-def]
    """Settings' OK during an import held the whole app for up to a minute."""
    store.wait_briefly_here(50)
    outcome: list[object] = []

    def worker() -> None:
        try:
            outcome.append(store.add_person("Bo"))
        except Exception as exc:  # a worker that gave up early would land here
            outcome.append(exc)

    with store.connection() as other_writer:  # another process's import, say
        other_writer.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(StoreBusyError, match="just now"):
                store.add_person("Ana")
            thread = threading.Thread(target=worker)
            thread.start()
            thread.join(3)  # far past the window's moment: the worker is still waiting
            assert thread.is_alive() and outcome == []
        finally:
            other_writer.execute("ROLLBACK")
    thread.join(60)
    assert [p.name for p in outcome] == ["Bo"]  # type: ignore[attr-defined]
    assert [p.name for p in store.people()] == ["Bo"]
    store.add_person("Ana")  # and the window's own write goes through once it is free
    assert [p.name for p in store.people()] == ["Ana", "Bo"]
