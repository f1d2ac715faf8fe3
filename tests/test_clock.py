"""The local zone is a named zone on every platform, so wall-clock times follow DST."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from mlcoach.system import clock

WINTER, SUMMER = datetime(2026, 1, 15, 12), datetime(2026, 7, 15, 12)


class _Key:
    def __init__(self, values: dict[str, Any]) -> None:
        self.values = list(values.items())

    def Close(self) -> None:  # winreg's name
        pass


def _fake_winreg(zone_key_name: str) -> SimpleNamespace:
    """The part of winreg that tzlocal reads: the TimeZoneInformation key."""
    def open_key(_handle: object, path: str) -> _Key:
        assert path == r"SYSTEM\CurrentControlSet\Control\TimeZoneInformation"
        return _Key({"TimeZoneKeyName": zone_key_name + "\x00junk",
                     "DynamicDaylightTimeDisabled": 0})

    return SimpleNamespace(
        HKEY_LOCAL_MACHINE=0x80000002,
        ConnectRegistry=lambda _machine, hive: hive,
        OpenKey=open_key,
        QueryInfoKey=lambda key: (0, len(key.values), 0),
        EnumValue=lambda key, i: (*key.values[i], 1),
    )


@pytest.fixture
def fresh_tzlocal(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """tzlocal imported anew (it picks its platform module at import), then put back."""
    monkeypatch.delenv("TZ", raising=False)
    saved = {k: v for k, v in sys.modules.items() if k == "tzlocal" or k.startswith("tzlocal.")}
    for name in saved:
        del sys.modules[name]
    yield
    for name in [k for k in sys.modules if k == "tzlocal" or k.startswith("tzlocal.")]:
        del sys.modules[name]
    sys.modules.update(saved)


@pytest.mark.usefixtures("fresh_tzlocal")
def test_windows_registry_zone_becomes_a_named_zone_that_follows_dst(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setitem(sys.modules, "winreg", _fake_winreg("W. Europe Standard Time"))
    zone = clock.local_zone()
    assert str(zone) == "Europe/Berlin"
    assert zone.utcoffset(WINTER) == timedelta(hours=1)
    assert zone.utcoffset(SUMMER) == timedelta(hours=2)  # not the offset of today


def test_tz_variable_wins_and_is_read_on_each_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", ":America/New_York")
    assert str(clock.local_zone()) == "America/New_York"
    monkeypatch.setenv("TZ", "Europe/Istanbul")
    assert clock.local_zone().utcoffset(SUMMER) == timedelta(hours=3)


@pytest.mark.usefixtures("fresh_tzlocal")
def test_linux_without_tz_names_the_system_zone() -> None:
    if not (Path("/etc/localtime").exists() or Path("/etc/timezone").exists()):
        pytest.skip("this system names no local zone")
    zone = clock.local_zone()
    # /etc/localtime on a Debian machine links to a zone: a named zone, not an offset.
    assert isinstance(zone, ZoneInfo), zone


def test_a_failing_lookup_falls_back_to_the_current_offset(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import tzlocal

    monkeypatch.delenv("TZ", raising=False)

    def broken() -> None:
        raise LookupError("Can not find Windows timezone configuration")

    monkeypatch.setattr(tzlocal, "get_localzone", broken)
    monkeypatch.setattr(clock, "LOCALTIME", "/nonexistent/localtime")
    zone = clock.local_zone()
    assert zone.utcoffset(None) == (datetime.now().astimezone().utcoffset()
                                    or timezone.utc.utcoffset(None))


@pytest.mark.parametrize(("target", "name"), [
    ("/usr/share/zoneinfo/Europe/Istanbul", "Europe/Istanbul"),
    ("../usr/share/zoneinfo/America/New_York", "America/New_York"),
    ("/var/db/timezone/zoneinfo/Asia/Kolkata", "Asia/Kolkata"),  # macOS
    ("/usr/share/zoneinfo/posix/Europe/Berlin", "Europe/Berlin"),
])
def test_the_localtime_link_names_the_zone(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, target: str, name: str) -> None:
    """The link is what the C library and `date` follow."""
    link = tmp_path / "localtime"
    link.symlink_to(target)
    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.setattr(clock, "LOCALTIME", str(link))
    zone = clock.local_zone()
    assert isinstance(zone, ZoneInfo) and str(zone) == name


@pytest.mark.parametrize("target", ["/usr/share/zoneinfo/Not/AZone", "/opt/somewhere/else"])
def test_a_link_to_no_known_zone_leaves_it_to_tzlocal(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, target: str) -> None:
    import tzlocal

    link = tmp_path / "localtime"
    link.symlink_to(target)
    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.setattr(clock, "LOCALTIME", str(link))
    monkeypatch.setattr(tzlocal, "get_localzone", lambda: ZoneInfo("Pacific/Auckland"))
    assert str(clock.local_zone()) == "Pacific/Auckland"


@pytest.mark.parametrize("tz", ["Europe", "x" * 5000, "UTC+25"])
def test_a_tz_that_names_no_zone_falls_back_without_an_error(monkeypatch: pytest.MonkeyPatch,
                                                             tz: str) -> None:
    """"Europe" is a folder of the tzdata package (IsADirectoryError), a long name is too
    long for a file name, and "UTC+25" is an offset past a day: each broke commands."""
    monkeypatch.setenv("TZ", tz)
    zone = clock.local_zone()
    assert datetime.now(timezone.utc).astimezone(zone).utcoffset() is not None


@pytest.mark.parametrize(("tz", "january", "july"), [
    ("JST-9", 9 * 60, 9 * 60),
    ("<+1445>-14:45", 14 * 60 + 45, 14 * 60 + 45),
    ("EST5EDT,M3.2.0,M11.1.0", -5 * 60, -4 * 60),
    ("CET-1CEST,M3.5.0,M10.5.0/3", 60, 120),
])
def test_a_posix_tz_rule_is_read_as_libc_reads_it(monkeypatch: pytest.MonkeyPatch, tz: str,
                                                  january: int, july: int) -> None:
    """TZ=JST-9 (what `date` shows as 9 hours ahead) was ignored for /etc/localtime's
    zone: "today", streaks and working hours were nine hours off."""
    import time

    monkeypatch.setenv("TZ", tz)
    try:
        zone = clock.local_zone()
        for month, minutes in ((1, january), (7, july)):
            instant = datetime(2026, month, 15, 12, tzinfo=timezone.utc)
            offset = instant.astimezone(zone).utcoffset()
            assert offset is not None and offset.total_seconds() == minutes * 60, (tz, month)
    finally:
        monkeypatch.undo()
        time.tzset()


@pytest.mark.parametrize("tz", ["JST-9", "EST5EDT,M3.2.0,M11.1.0", "<+14>-14"])
def test_a_posix_tz_rule_gives_a_zone_the_scheduler_can_plan_with(monkeypatch: pytest.MonkeyPatch,
                                                                   tz: str) -> None:
    """The scheduler caches its plans by zone: dateutil's libc zone was unhashable, and
    `mlcoach prompt` (and the app's first plan) failed under TZ=JST-9. One zone per rule,
    so the plans are found again."""
    import time

    monkeypatch.setenv("TZ", tz)
    try:
        zone = clock.local_zone()
        assert hash(zone) == hash(clock.local_zone()) and zone == clock.local_zone()
        assert {zone: 1}[clock.local_zone()] == 1
    finally:
        monkeypatch.undo()
        time.tzset()
