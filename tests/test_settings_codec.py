"""Saved settings read back (unit tests; no store)."""

from __future__ import annotations

from datetime import time

from mlcoach.domain.model import Settings
from mlcoach.domain.settings_codec import settings_from_dict, settings_to_dict


def test_hours_that_end_before_they_start_fall_back_with_their_reflection_time() -> None:
    """Night-shift hours 22:00–06:00 (saved by an import or a hand edit) fell back to the
    default day, but their 05:30 reflection stayed: offered at 05:30 every day."""
    saved = settings_to_dict(Settings())
    saved.update(day_start="22:00", day_end="06:00", reflection_time="05:30")
    read = settings_from_dict(saved, warn=False)
    default = Settings()
    assert (read.day_start, read.day_end) == (default.day_start, default.day_end)
    assert read.reflection_time == default.reflection_time
    kept = settings_from_dict(dict(saved, day_start="05:00", day_end="06:00"), warn=False)
    assert kept.reflection_time == time(5, 30)  # good hours keep their reflection time
