"""The meetings the schedule looks at, read somewhere other than the caller's thread.

Reading a calendar (an .ics file of years, or Evolution Data Server over D-Bus) can take
a second; the tray decides on its own thread, which must never wait for it. `meetings`
answers at once from the last read and, when that read is older than `max_age`, was for
other calendar settings or a calendar file changed since, or does not cover the window
asked, hands a new read to `refresh` (the app runs it on its worker) and answers from what
it has meanwhile. When the read is stored, `refresh`'s caller plans again.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mlcoach.coaching.calendar_ics import Meeting
    from mlcoach.domain.model import Settings

#: A read this old is done again (a meeting added in the calendar app shows by then).
MAX_AGE = timedelta(minutes=5)
#: What one read covers around now: the schedule's window (12 h back, 3 days on).
BEFORE, AFTER = timedelta(hours=12), timedelta(days=3)

Read = Callable[[], "list[Meeting]"]
#: `store(None)`: the read failed.
Refresh = Callable[[Read, Callable[["list[Meeting] | None"], None]], None]


@dataclass(frozen=True, slots=True)
class _Kept:
    key: tuple[object, ...]
    start: datetime
    end: datetime
    at: datetime
    meetings: list[Meeting]


def read_calendars(settings: Settings, start: datetime, end: datetime) -> list[Meeting]:
    """calendar_sources.busy_meetings, imported only once a calendar is read."""
    from mlcoach.coaching.calendar_sources import busy_meetings

    return busy_meetings(settings, start, end)


class MeetingCache:
    """See the module's doc. `refresh(read, store)` calls `read()` elsewhere and then
    `store(result)` (or `store(None)` when it failed) on the caller's thread; a test may
    give its own `read(settings, start, end)`."""

    def __init__(self, refresh: Refresh, clock: Callable[[], datetime],
                 max_age: timedelta = MAX_AGE,
                 read: Callable[[Settings, datetime, datetime], list[Meeting]] = read_calendars,
                 ) -> None:
        self._read, self._refresh, self._clock, self._max_age = read, refresh, clock, max_age
        self._kept: _Kept | None = None
        self._pending: tuple[object, ...] | None = None

    def meetings(self, settings: Settings, start: datetime, end: datetime) -> list[Meeting]:
        """The busy meetings in [start, end) as last read; a new read is asked for when
        that one does not answer for now."""
        key = _key(settings)
        now = self._clock()
        kept = self._kept
        # A window asked minutes later ends minutes later (now + AFTER): within max_age of
        # the read's end it is answered from it (otherwise every call read again).
        fresh = (kept is not None and kept.key == key and kept.start <= start
                 and end <= kept.end + self._max_age and abs(now - kept.at) < self._max_age)
        if not fresh and self._pending != key:
            self._ask(settings, key, min(start, now - BEFORE), max(end, now + AFTER), now)
        if kept is None or kept.key[:3] != key[:3]:
            return []  # nothing read yet for these calendars
        return [m for m in kept.meetings if m.end > start and m.start < end]

    def has_read(self, settings: Settings) -> bool:
        """Whether a read for these calendar settings is kept (however old)."""
        return self._kept is not None and self._kept.key[:3] == _key(settings)[:3]

    def forget(self) -> None:
        """Read again at the next question (the settings changed); meanwhile the last read
        still answers for the same calendars, so a meeting keeps holding prompts."""
        kept = self._kept
        if kept is not None:
            self._kept = replace(kept, at=kept.at - 2 * self._max_age)

    def _ask(self, settings: Settings, key: tuple[object, ...], start: datetime,
             end: datetime, now: datetime) -> None:
        self._pending = key

        def store(meetings: list[Meeting] | None) -> None:
            self._pending = None
            kept = self._kept
            if meetings is None and kept is not None and kept.key[:3] == key[:3]:
                # Failed (a calendar caught mid-rewrite): the meetings last read keep
                # holding prompts until the next read, MAX_AGE on, rather than none.
                self._kept = replace(kept, key=key, at=now)
                return
            self._kept = _Kept(key, start, end, now, list(meetings or []))

        read = self._read
        self._refresh(lambda: read(settings, start, end), store)


def _key(settings: Settings) -> tuple[object, ...]:
    """What a read depends on: the calendar settings, and the file's (or folder's) last
    change, so a calendar exported again is read again without waiting for MAX_AGE."""
    path = settings.calendar_path
    stamp: object = None
    if path:
        try:
            info = os.stat(Path(path).expanduser())
            stamp = (info.st_mtime_ns, info.st_size)
        except OSError:
            stamp = "missing"
    return (path, settings.calendar_eds, tuple(settings.calendar_emails), stamp)
