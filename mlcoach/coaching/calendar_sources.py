"""Where meetings come from: the .ics file or folder in Settings and, when chosen,
the calendars of GNOME's Evolution Data Server. Both give the same occurrences."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from mlcoach.coaching.calendar_ics import (
    CalendarError,
    Listing,
    Meeting,
    occurrences,
    sort_key,
)
from mlcoach.domain.model import Settings

logger = logging.getLogger(__name__)


def listing(settings: Settings, start: datetime, end: datetime, *,
            path: Path | None = None, eds: bool | None = None, log: bool = True) -> Listing:
    """Every occurrence in [start, end) from `path` (default: the setting) and, when `eds`
    (default: the setting) is on, Evolution Data Server; problems are listed (and logged
    when `log`), never raised."""
    target = path if path is not None else (
        Path(settings.calendar_path).expanduser() if settings.calendar_path else None)
    use_eds = settings.calendar_eds if eds is None else eds
    owners = tuple(settings.calendar_emails)
    found: list[Meeting] = []
    problems: list[CalendarError] = []
    asked = unread = 0  # sources asked, and those of which nothing could be read
    if target is not None:
        asked += 1
        try:
            part = occurrences(target, start, end, owners=owners)
        except CalendarError as exc:
            problems.append(exc)
            unread += 1
        else:
            found.extend(part.occurrences)
            problems.extend(part.problems)
            unread += part.unread
    if use_eds:
        from mlcoach.coaching.calendar_eds import eds_occurrences

        asked += 1
        part = eds_occurrences(start, end, owners=owners)
        found.extend(part.occurrences)
        problems.extend(part.problems)
        unread += part.unread
    for problem in problems if log else ():
        logger.warning("calendar not read: %s", problem)
    found.sort(key=sort_key)
    return Listing(found, problems, unread=asked > 0 and unread == asked)


def busy_meetings(settings: Settings, start: datetime, end: datetime) -> list[Meeting]:
    """The timed, busy meetings in [start, end): those that hold prompts."""
    if not settings.calendar_path and not settings.calendar_eds:
        return []
    return [m for m in listing(settings, start, end).occurrences if m.busy]

