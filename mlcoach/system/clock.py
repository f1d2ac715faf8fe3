"""The local time zone as a real zone (so DST is followed), and the wall clock."""

from __future__ import annotations

import os
import warnings
from datetime import datetime, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def local_zone() -> tzinfo:
    """The system's time zone by name, so that DST changes are followed.

    $TZ first (read on each call, so a changed TZ takes effect), then tzlocal: the
    /etc/localtime link or /etc/timezone on Linux, the registry's zone mapped to its
    IANA name on Windows, the /etc/localtime link on macOS. Only when none of them
    names a zone, the current fixed offset (wrong after the next DST change).
    """
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    try:
        import tzlocal

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # it warns when two config files disagree
            zone = tzlocal.get_localzone()
    except Exception:  # unknown names, unreadable files, a registry without a zone
        zone = None
    if isinstance(zone, tzinfo):
        return zone
    return datetime.now().astimezone().tzinfo or timezone.utc


def now_utc() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(timezone.utc)
