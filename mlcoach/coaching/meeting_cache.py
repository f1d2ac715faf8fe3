"""The meetings the schedule looks at, read somewhere other than the caller's thread.

Reading a calendar (an .ics file of years, or Evolution Data Server over D-Bus) can take
a second; the tray decides on its own thread, which must never wait for it. `meetings`
answers at once from the last read and, when that read is older than `max_age`, was for
other calendar settings or a calendar file changed since, or does not cover the window
asked, hands a new read to `refresh` (the app runs it on its worker) and answers from what
it has meanwhile. When the read is stored, `refresh`'s caller plans again.

Whether the calendar file changed is looked at there too (at most every CHECK_EVERY): the
calendar may be on a network mount, and a stat of a hung one never returns (the tray's
thread asked it at every decision).
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
#: How often, at most, the calendar file is looked at for a change (a calendar exported
#: again is read again without waiting for MAX_AGE).
CHECK_EVERY = timedelta(seconds=30)

#: What a read gives: the calendar file's stamp, and its meetings (None: the file has
#: the stamp last read, not read again).
Result = tuple[object, "list[Meeting] | None"]
Read = Callable[[], Result]
#: `store(None)`: the read failed.
Refresh = Callable[[Read, Callable[["Result | None"], None]], None]


@dataclass(frozen=True, slots=True)
class _Kept:
    key: tuple[object, ...]
    start: datetime
    end: datetime
    at: datetime
    meetings: list[Meeting]
    stamp: object = None  # the calendar file's when it was read
    checked: datetime | None = None  # the stamp looked at last (None: at the read)


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
                 stamp: Callable[[str], object] | None = None) -> None:
        """Args: stamp: the calendar file's last change as `refresh` looks at it
        (os.stat's time and size; a test's own)."""
        self._read, self._refresh, self._clock, self._max_age = read, refresh, clock, max_age
        self._stamp = _stamp if stamp is None else stamp
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
        elif (fresh and kept is not None and settings.calendar_path and self._pending is None
              and abs(now - (kept.checked or kept.at)) >= CHECK_EVERY):
            self._ask(settings, key, kept.start, kept.end, now, kept)  # changed since?
        if kept is None or kept.key != key:
            return []  # nothing read yet for these calendars
        return [m for m in kept.meetings if m.end > start and m.start < end]

    def has_read(self, settings: Settings) -> bool:
        """Whether a read for these calendar settings is kept (however old)."""
        return self._kept is not None and self._kept.key == _key(settings)

    def forget(self) -> None:
        """Read again at the next question (the settings changed); meanwhile the last read
        still answers for the same calendars, so a meeting keeps holding prompts."""
        kept = self._kept
        if kept is not None:
            self._kept = replace(kept, at=kept.at - 2 * self._max_age)

    def _ask(self, settings: Settings, key: tuple[object, ...], start: datetime,
             end: datetime, now: datetime, checking: _Kept | None = None) -> None:
        """Read the calendars for [start, end) elsewhere; `checking`: only when the file
        changed since that read."""
        self._pending = key

        def store(result: Result | None) -> None:
            self._pending = None
            kept = self._kept
            if result is None:
                if kept is not None and kept.key == key:
                    # Failed (a calendar caught mid-rewrite): the meetings last read keep
                    # holding prompts until the next read, MAX_AGE on, rather than none.
                    self._kept = replace(kept, at=now, checked=None)
                else:  # none known: none, asked again MAX_AGE on (not in a loop)
                    self._kept = _Kept(key, start, end, now, [], _UNREAD)
                return
            stamp, meetings = result
            if meetings is None:  # unchanged since the read it was checked against
                if kept is not None and kept is checking:
                    self._kept = replace(kept, checked=now)
                return
            self._kept = _Kept(key, start, end, now, meetings, stamp)

        read, look = self._read, self._stamp
        path, since = settings.calendar_path, (checking.stamp if checking else _UNREAD)

        def job() -> Result:
            stamp = look(path) if path else None
            if stamp == since:
                return stamp, None
            return stamp, list(read(settings, start, end))

        self._refresh(job, store)


_UNREAD = object()  # no stamp equals it: read whatever the file's


def _stamp(path: str) -> object:
    """The calendar file's (or folder's) last change: its time and size."""
    try:
        info = os.stat(Path(path).expanduser())
    except OSError:
        return "missing"
    return (info.st_mtime_ns, info.st_size)


def _key(settings: Settings) -> tuple[object, ...]:
    """What a read depends on: the calendar settings (the file's changes are looked at
    on the worker, see CHECK_EVERY)."""
    return (settings.calendar_path, settings.calendar_eds, tuple(settings.calendar_emails))
