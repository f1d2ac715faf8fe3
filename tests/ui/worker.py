"""Waiting for the store's worker in a test: its jobs finished, their outcomes delivered."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from mlcoach.ui import ops


def drain() -> None:
    """Let every job given to the store's worker finish and hand its outcome to the GUI
    thread, and the jobs those outcomes give in turn (a broken build's bound: a minute
    each)."""
    for _ in range(20):
        assert ops.pool().waitForDone(60_000), "the store's worker never finished"
        # questions to other processes (the busy look), each bounded by its deadline
        assert ops.asking_pool().waitForDone(60_000), "a question never finished"
        _deliver()
        # Not ops.idle(): a job an outcome gave may finish just after the delivery, its
        # own outcome posted and not delivered (the coach's follow-up row, now and then).
        if ops.delivered():
            return
    raise AssertionError("the store's worker was given work without end")


def _deliver() -> None:
    """The worker's outcomes, posted to the GUI thread, delivered now: sent directly too,
    as processEvents alone skipped them after a test's app had been told to exit."""
    QApplication.sendPostedEvents()
    QApplication.processEvents()


@dataclass
class GuiCalls:
    """For each call recorded: whether it ran on the GUI thread (all, and by name)."""

    all: list[bool] = field(default_factory=list)
    by_name: dict[str, list[bool]] = field(default_factory=dict)


def calls_on_gui(owner: Any, monkeypatch: pytest.MonkeyPatch, *names: str) -> GuiCalls:
    """Record, for each call of `owner`'s `names` (a store, or a class's methods), the
    thread it ran on."""
    calls = GuiCalls()
    for name in names:
        real = getattr(owner, name)
        mine = calls.by_name.setdefault(name, [])

        def recorded(*args: Any, _real: Any = real, _mine: list[bool] = mine,
                     **kwargs: Any) -> Any:
            on_gui = threading.current_thread() is threading.main_thread()
            calls.all.append(on_gui)
            _mine.append(on_gui)
            return _real(*args, **kwargs)

        monkeypatch.setattr(owner, name, recorded)
    return calls
