"""A calendar on a network mount that hangs (a server gone with the mount still there):
its read never returns. It ran on the store's worker, so every save after it (a capture,
a reflection) waited behind it for good, and a quit lost them past its bound."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from mlcoach.domain.model import Settings

pytestmark = pytest.mark.gui


def test_a_hung_calendar_read_holds_no_save(qtbot, new_controller, opened, tmp_path: Path,
                                            monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from mlcoach.coaching import calendar_sources
    from mlcoach.ui import ops

    asked, hung = threading.Event(), threading.Event()

    def read(*_args: Any) -> list[Any]:
        asked.set()
        hung.wait(60)  # the mount's server gone: until the test ends
        return []

    monkeypatch.setattr(calendar_sources, "busy_meetings", read)
    calendar = tmp_path / "work.ics"
    calendar.write_text("BEGIN:VCALENDAR\nEND:VCALENDAR\n")
    opened.store.save_settings(Settings(calendar_path=str(calendar)))
    ctl = new_controller()
    try:
        ctl.start("run", tray_wait_ms=0, opened=opened)
        # the start's wait written on the store's worker, then the schedule looked at
        qtbot.waitUntil(asked.is_set, timeout=30_000)
        saved = threading.Event()
        ops.run(saved.set, lambda _r: None, lambda _e: None)  # a capture saved meanwhile
        assert saved.wait(30), "the save waited for the calendar"
        # and a quit has nothing of the calendar's to wait for: the save counts as done
        # once handed over (a bound for a broken build; the read holds its 60 s)
        assert ops.settle(30)
    finally:
        hung.set()
        ctl.stop()
