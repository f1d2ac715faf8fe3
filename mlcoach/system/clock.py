"""The local time zone as a real zone (so DST is followed), the wall clock, and a clock
that counts suspend."""

from __future__ import annotations

import os
import sys
import time
import warnings
from datetime import datetime, timezone, tzinfo

from mlcoach.system.boot_clock import boot_clock as boot_clock  # where it was


def local_zone() -> tzinfo:
    """The system's time zone by name, so that DST changes are followed.

    $TZ first (read on each call, so a changed TZ takes effect; a POSIX rule as libc
    reads it), then the zone the /etc/localtime link names (what the C library and
    `date` use, on Linux and macOS), then tzlocal: /etc/timezone and other files on
    Linux, the registry's zone mapped to its IANA name on Windows. Only when none of
    them names a zone, the current fixed offset (wrong after the next DST change).
    """
    name = os.environ.get("TZ", "").lstrip(":")
    named = _named_zone(name) if name else None
    if named is not None:
        return named
    if name and sys.platform != "win32":
        # A POSIX rule ("JST-9", "EST5EDT,M3.2.0,M11.1.0"), or a TZ libc cannot read (UTC
        # there): libc's own reading, as `date` and every other program use, not
        # /etc/localtime's zone nine hours off. dateutil asks libc for each instant.
        time.tzset()  # TZ may have changed since the last call
        libc = _libc_zone(name)
        try:
            datetime.now(timezone.utc).astimezone(libc)
            return libc
        except (ValueError, OverflowError):  # "UTC+25": an offset past a day
            pass
    if sys.platform != "win32":
        linked = _linked_zone(LOCALTIME)
        if linked is not None:
            return linked  # tzlocal costs ~15 ms more a start, cross-checking files
    try:
        import tzlocal

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # it warns when two config files disagree
            zone = tzlocal.get_localzone()
    except Exception:  # unknown names, unreadable files, a registry without a zone
        zone = None
    if isinstance(zone, tzinfo):
        return zone
    try:
        return datetime.now().astimezone().tzinfo or timezone.utc
    except (ValueError, OverflowError):  # TZ=UTC+25: an offset past a day
        return timezone.utc


LOCALTIME = "/etc/localtime"

_libc_zones: dict[str, tzinfo] = {}


def _libc_zone(rule: str) -> tzinfo:
    """libc's reading of the TZ `rule`, one object per rule. It must be hashable: the
    scheduler's plans are cached by zone, and dateutil's tzlocal (equal by its two
    offsets) is not, so `TZ=JST-9 mlcoach prompt` and the app's first plan failed with
    "unhashable type". Equal only to itself: two rules with the same offsets may still
    change on different days."""
    zone = _libc_zones.get(rule)
    if zone is None:
        from dateutil import tz  # type: ignore[import-untyped]

        class LibcZone(tz.tzlocal):  # type: ignore[misc]
            __hash__ = object.__hash__

            def __eq__(self, other: object) -> bool:
                return self is other

            def __repr__(self) -> str:
                return f"LibcZone({rule!r})"

        zone = _libc_zones[rule] = LibcZone()
    return zone


def _linked_zone(path: str) -> tzinfo | None:
    """The zone `path` links to inside a zoneinfo tree, or None."""
    try:
        target = os.readlink(path)
    except OSError:  # missing, or a copied file rather than a link
        return None
    _, found, name = target.rpartition("zoneinfo/")
    for prefix in ("posix/", "right/"):
        name = name.removeprefix(prefix)
    return _named_zone(name) if found and name else None


def _named_zone(name: str) -> tzinfo | None:
    """The IANA zone `name`, or None when there is no such zone."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # here: only a zone's read needs it

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Europe" is a folder of
        return None  # the tzdata package, and a very long name too long for a file name


def now_utc() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(timezone.utc)
