"""Meetings from GNOME's calendar store, Evolution Data Server, read over its D-Bus API.

Read-only: the source registry lists the calendars (ObjectManager of
org.gnome.evolution.dataserver.Sources*), the calendar factory opens each one
(CalendarFactory.OpenCalendar), and Calendar.GetObjectList with an
``occur-in-time-range?`` query returns the events of the window as iCalendar
text, with GetTimezone for the zones they name. Those go through the same
expansion as .ics files (calendar_ics.parse_ics). Google, Exchange and CalDAV
accounts set up in GNOME Online Accounts appear here as EDS calendars; EDS
talks to them, mlcoach only talks to EDS on the local session bus.

Every read has one deadline for all its D-Bus calls together and a limit on the
bytes it receives. No Qt.
"""

from __future__ import annotations

import configparser
import os
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from mlcoach.coaching.calendar_ics import (
    CalendarError,
    Listing,
    Meeting,
    ParsedCalendar,
    expand,
    parse_ics,
    sort_key,
)
from mlcoach.system.session_bus import SessionBus

#: The whole read (every D-Bus call) must finish within this many seconds.
DEADLINE = 8.0
#: At most this many bytes are received from the bus in one read.
MAX_BYTES = 16 * 1024 * 1024
#: Calendars read at most (a guard against a registry gone wild).
MAX_CALENDARS = 50

# Debian 12 ships EDS 3.46 (Sources5, Calendar8); the numbers change only when the API does.
SOURCES_NAMES = ("org.gnome.evolution.dataserver.Sources5",)
CALENDAR_NAMES = ("org.gnome.evolution.dataserver.Calendar8",)
SOURCES_PATH = "/org/gnome/evolution/dataserver/SourceManager"
FACTORY_PATH = "/org/gnome/evolution/dataserver/CalendarFactory"
FACTORY_IFACE = "org.gnome.evolution.dataserver.CalendarFactory"
CALENDAR_IFACE = "org.gnome.evolution.dataserver.Calendar"
SOURCE_IFACE = "org.gnome.evolution.dataserver.Source"


class EdsError(CalendarError):
    """Evolution Data Server could not be read; the message is one line."""


@dataclass(frozen=True, slots=True)
class EdsCalendar:
    """One calendar the source registry lists."""

    uid: str
    name: str
    enabled: bool


def _bus(address: str, deadline: float, limit: int) -> SessionBus:
    """A session bus connection with one deadline and a byte budget for all of a read."""
    return SessionBus(address, deadline, limit, too_much=lambda limit: EdsError(
        "Evolution Data Server sent more than {limit} bytes", limit=limit))


def _address(env: Mapping[str, str]) -> str:
    address = env.get("DBUS_SESSION_BUS_ADDRESS", "")
    if not address:
        raise EdsError("no session bus (DBUS_SESSION_BUS_ADDRESS is not set)")
    return address


def _first_name(bus: SessionBus, names: tuple[str, ...]) -> str:
    """The first of `names` the bus has or can start (EDS is D-Bus activated)."""
    activatable = set(bus.call("org.freedesktop.DBus", "/org/freedesktop/DBus",
                               "org.freedesktop.DBus", "ListActivatableNames")[0])
    running = set(bus.call("org.freedesktop.DBus", "/org/freedesktop/DBus",
                           "org.freedesktop.DBus", "ListNames")[0])
    for name in names:
        if name in activatable or name in running:
            return name
    raise EdsError("Evolution Data Server is not installed")


def _sources(bus: SessionBus) -> tuple[list[EdsCalendar], set[str]]:
    """The registry's calendar sources (those with a [Calendar] section), and the user's
    own addresses (its mail identities): a meeting they declined does not hold prompts."""
    dest = _first_name(bus, SOURCES_NAMES)
    objects = bus.call(dest, SOURCES_PATH, "org.freedesktop.DBus.ObjectManager",
                       "GetManagedObjects")[0]
    found: list[EdsCalendar] = []
    addresses: set[str] = set()
    for _path, interfaces in objects.items():
        props = interfaces.get(SOURCE_IFACE)
        if not props:
            continue
        uid, data = props.get("UID", ("s", ""))[1], props.get("Data", ("s", ""))[1]
        keys = configparser.ConfigParser(interpolation=None, strict=False)
        try:
            keys.read_string(data)
        except configparser.Error:
            continue
        if keys.has_section("Mail Identity"):
            address = str(keys["Mail Identity"].get("Address", "")).strip().lower()
            if "@" in address:
                addresses.add(address)
        if not keys.has_section("Calendar"):
            continue
        source = keys["Data Source"] if keys.has_section("Data Source") else {}
        enabled = str(source.get("Enabled", "true")).lower() != "false"
        found.append(EdsCalendar(uid, str(source.get("DisplayName", uid)), enabled))
    return sorted(found, key=lambda c: (c.name.casefold(), c.uid))[:MAX_CALENDARS], addresses


def _calendars(bus: SessionBus) -> list[EdsCalendar]:
    """The registry's calendar sources."""
    return _sources(bus)[0]


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _read_calendar(bus: SessionBus, factory: str, uid: str, start: datetime,
                   end: datetime) -> tuple[bytes, str]:
    """The window's events of one calendar as one iCalendar document, and its owner address."""
    path, dest = bus.call(factory, FACTORY_PATH, FACTORY_IFACE, "OpenCalendar", "s", uid)
    try:
        bus.call(dest, path, CALENDAR_IFACE, "Open")
        query = (f'(occur-in-time-range? (make-time "{_stamp(start)}") '
                 f'(make-time "{_stamp(end)}"))')
        objects: list[str] = list(bus.call(dest, path, CALENDAR_IFACE, "GetObjectList", "s",
                                           query)[0])
        zones = _timezones(bus, dest, path, objects)
        try:
            owner = str(bus.prop(dest, path, CALENDAR_IFACE, "CalEmailAddress") or "")
        except Exception:  # optional: not every backend has an address
            owner = ""
    finally:
        try:
            bus.call(dest, path, CALENDAR_IFACE, "Close")
        except Exception:  # closing is a courtesy to EDS; the read is done
            pass
    body = "".join(f"{text.strip()}\r\n" for text in [*zones, *objects] if text.strip())
    document = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//mlcoach//EDS read//EN\r\n"
                f"{body}END:VCALENDAR\r\n")
    return document.encode("utf-8"), owner.removeprefix("mailto:").lower()


def _timezones(bus: SessionBus, dest: str, path: str, objects: list[str]) -> list[str]:
    """The VTIMEZONEs the objects name, as EDS has them."""
    import re

    names: set[str] = set()
    for text in objects:
        names.update(m.strip('"') for m in re.findall(r';TZID=("[^"]*"|[^;:]*)', text))
    zones: list[str] = []
    for name in sorted(names):
        try:
            zones.append(str(bus.call(dest, path, CALENDAR_IFACE, "GetTimezone", "s", name)[0]))
        except Exception:  # an unknown zone: icalendar falls back to the zone database
            continue
    return zones


def _failure(exc: BaseException) -> EdsError:
    from jeepney.wrappers import DBusErrorResponse

    if isinstance(exc, EdsError):
        return exc
    if isinstance(exc, TimeoutError):
        return EdsError("Evolution Data Server did not answer within {seconds} s",
                        seconds=int(DEADLINE))
    if isinstance(exc, DBusErrorResponse):
        return EdsError("Evolution Data Server refused ({reason})",
                        reason=f"{exc.name}: {' '.join(map(str, exc.data))}"[:160])
    return EdsError("cannot reach Evolution Data Server ({reason})",
                    reason=" ".join(str(exc).split())[:160] or type(exc).__name__)


def list_calendars(env: Mapping[str, str] | None = None,
                   timeout: float = DEADLINE) -> list[EdsCalendar]:
    """The calendars Evolution Data Server knows; EdsError when it cannot be asked."""
    env = os.environ if env is None else env
    try:
        bus = _bus(_address(env), time.monotonic() + timeout, MAX_BYTES)
        try:
            return _calendars(bus)
        finally:
            bus.close()
    except Exception as exc:
        raise _failure(exc) from exc


#: EDS is asked again after this many seconds; in between the scheduler, which looks at
#: the calendar several times per timer, expands what was read (a hung EDS costs one
#: deadline per TTL, not one per look).
TTL = 120.0
_Parsed = list[tuple[ParsedCalendar, tuple[str, ...]]]  # each calendar with the user's addresses
_cache: dict[tuple[str, date, date], tuple[float, _Parsed, list[CalendarError]]] = {}


def _fetch(address: str, first: date, last: date,
           timeout: float) -> tuple[_Parsed, list[CalendarError]]:
    """Each enabled calendar's events on the days [first, last], parsed, with the user's
    addresses (the calendar's own and the mail identities)."""
    parsed: _Parsed = []
    problems: list[CalendarError] = []
    ask_start = datetime.combine(first, datetime.min.time(), tzinfo=UTC)
    ask_end = datetime.combine(last + timedelta(days=1), datetime.min.time(), tzinfo=UTC)
    try:
        bus = _bus(address, time.monotonic() + timeout, MAX_BYTES)
    except Exception as exc:
        return [], [_failure(exc)]
    try:
        calendars, identities = _sources(bus)
        factory = _first_name(bus, CALENDAR_NAMES)
        for calendar in (c for c in calendars if c.enabled):
            label = f"Evolution calendar {calendar.name!r}"
            try:
                data, owner = _read_calendar(bus, factory, calendar.uid, ask_start, ask_end)
                mine = tuple(sorted(identities | ({owner} if owner else set())))
                parsed.append((parse_ics(data, label, since=ask_start), mine))
            except CalendarError as exc:
                problems.append(exc)
            except Exception as exc:
                failure = _failure(exc)
                problems.append(EdsError("{label}: {reason}", label=label, reason=failure))
                if isinstance(exc, TimeoutError):
                    break
    except Exception as exc:
        problems.append(_failure(exc))
    finally:
        bus.close()
    return parsed, problems


def eds_occurrences(start: datetime, end: datetime, *, owners: Collection[str] = (),
                    env: Mapping[str, str] | None = None, timeout: float = DEADLINE,
                    clock: Callable[[], float] = time.monotonic) -> Listing:
    """Every occurrence in [start, end) in the enabled EDS calendars.

    A calendar that cannot be read is one problem line; the others are still read.
    What EDS gave is reused for TTL seconds for any window within the same days.
    """
    env = os.environ if env is None else env
    try:
        address = _address(env)
    except EdsError as exc:
        return Listing([], [exc], unread=True)
    # Whole days with a margin: a meeting that began just before still overlaps.
    first = start.astimezone(UTC).date() - timedelta(days=1)
    last = end.astimezone(UTC).date() + timedelta(days=1)
    key, now = (address, first, last), clock()
    cached = _cache.get(key)
    if cached is None or not 0 <= now - cached[0] < TTL:
        parsed, problems = _fetch(address, first, last, timeout)
        if len(_cache) > 16:
            _cache.clear()
        _cache[key] = (now, parsed, problems)
    else:
        _, parsed, problems = cached
    found: list[Meeting] = []
    for calendar, mine in parsed:
        found.extend(expand(calendar, start, end, [*owners, *mine]))
    return Listing(sorted(found, key=sort_key), list(problems),
                   unread=not parsed and bool(problems))
