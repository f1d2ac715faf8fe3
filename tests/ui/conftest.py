"""Fixtures for the Qt tests: offscreen platform, a fixed clock, the windows under test."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

TZ = ZoneInfo("Europe/Berlin")
NOW = datetime(2025, 6, 12, 17, 20, tzinfo=TZ)  # a Thursday, end of the working day


def today_at(hour: int, minute: int = 0, *, days_ago: int = 0) -> datetime:
    """A local time on the test's "today" (or that many days before)."""
    return NOW.replace(hour=hour, minute=minute) - timedelta(days=days_ago)


@pytest.fixture
def draft_path(layout) -> Path:  # type: ignore[no-untyped-def]
    """Where the capture draft lives: the private data folder."""
    layout.root.mkdir(parents=True, exist_ok=True)
    return layout.root / "capture-draft.txt"


@pytest.fixture
def capture(qtbot, store, draft_path):  # type: ignore[no-untyped-def]
    """A capture window, shown and focused as the app would present it."""
    from mlcoach.ui.capture_window import CaptureWindow
    from mlcoach.ui.draft import DraftFile

    window = CaptureWindow(store, DraftFile(draft_path))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.present()
    return window


@pytest.fixture
def reflection(qtbot, store) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A reflection dialog on a fixed clock; background work ends before the store closes."""
    from mlcoach.ui import ops
    from mlcoach.ui.reflection_dialog import ReflectionDialog

    dialog = ReflectionDialog(store, clock=lambda: NOW, tz=TZ)
    # done() closes without asking, even when a test left typed text behind.
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(0))
    yield dialog
    ops.pool().waitForDone(10_000)
