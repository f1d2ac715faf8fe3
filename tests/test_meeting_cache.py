"""MeetingCache: the schedule's meetings answered at once, read elsewhere (unit tests: the
read and the "elsewhere" are plain functions here; tests/ui/test_app.py runs it on the
app's worker)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from mlcoach.coaching.calendar_ics import Meeting
from mlcoach.coaching.meeting_cache import CHECK_EVERY, MAX_AGE, MeetingCache
from mlcoach.domain.model import Settings

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _meeting(hour: int) -> Meeting:
    start = NOW.replace(hour=hour)
    return Meeting(start=start, end=start + timedelta(minutes=30), summary=f"at {hour}",
                   all_day=False, busy=True)


class Later:
    """`refresh` that keeps the reads asked for, to be finished by the test."""

    def __init__(self) -> None:
        self.asked: list[tuple[object, object]] = []

    def __call__(self, read, store) -> None:  # type: ignore[no-untyped-def]
        self.asked.append((read, store))

    def finish(self) -> None:
        read, store = self.asked[-1]
        store(read())


def test_answers_at_once_and_reads_once_until_the_read_is_old(tmp_path: Path) -> None:
    calls: list[tuple[datetime, datetime]] = []

    def read(settings: Settings, start: datetime, end: datetime) -> list[Meeting]:
        calls.append((start, end))
        return [_meeting(10), _meeting(15)]

    clock = [NOW]
    later = Later()
    cache = MeetingCache(later, lambda: clock[0], read=read)
    cal = tmp_path / "work.ics"
    cal.write_text("x")
    settings = Settings(calendar_path=str(cal))
    window = (NOW, NOW + timedelta(hours=12))
    assert cache.meetings(settings, *window) == []  # nothing read yet: no wait for it
    assert cache.meetings(settings, *window) == [] and len(later.asked) == 1  # asked once
    assert calls == []  # not read on the caller's thread
    later.finish()
    assert [m.summary for m in cache.meetings(settings, *window)] == ["at 10", "at 15"]
    assert [m.summary for m in cache.meetings(settings, NOW, NOW.replace(hour=12))] == ["at 10"]
    assert len(later.asked) == 1  # the read covers the schedule's window: no new one
    clock[0] = NOW + MAX_AGE + timedelta(seconds=1)
    assert len(cache.meetings(settings, *window)) == 2  # the old read meanwhile
    assert len(later.asked) == 2  # and a new one asked for


def test_a_changed_calendar_file_or_setting_is_read_again(tmp_path: Path) -> None:
    reads: list[datetime] = []

    def read(settings: Settings, start: datetime, end: datetime) -> list[Meeting]:
        reads.append(start)
        return [_meeting(10)]

    later, clock = Later(), [NOW]
    cache = MeetingCache(later, lambda: clock[0], read=read)
    cal = tmp_path / "work.ics"
    cal.write_text("x")
    settings = Settings(calendar_path=str(cal))
    cache.meetings(settings, NOW, NOW + timedelta(hours=2))
    later.finish()
    cache.meetings(settings, NOW, NOW + timedelta(hours=2))
    assert len(later.asked) == 1
    clock[0] += CHECK_EVERY  # looked at again: unchanged, not read again
    cache.meetings(settings, NOW, NOW + timedelta(hours=2))
    later.finish()
    assert len(later.asked) == 2 and len(reads) == 1
    cache.meetings(settings, NOW, NOW + timedelta(hours=2))
    assert len(later.asked) == 2  # not looked at again before CHECK_EVERY
    cal.write_text("exported again, longer")
    clock[0] += CHECK_EVERY
    assert len(cache.meetings(settings, NOW, NOW + timedelta(hours=2))) == 1  # meanwhile
    assert len(later.asked) == 3
    later.finish()
    assert len(reads) == 2  # changed: read again
    other = Settings(calendar_path=str(tmp_path / "other.ics"))
    assert cache.meetings(other, NOW, NOW + timedelta(hours=2)) == []  # not that calendar's
    assert not cache.has_read(other) and len(later.asked) == 4
    later.finish()
    cache.meetings(settings, NOW, NOW + timedelta(hours=2))  # back to the first calendar
    later.finish()
    asked = len(later.asked)
    cache.forget()  # Settings saved: read again, and meanwhile answer from the last read
    assert len(cache.meetings(settings, NOW, NOW + timedelta(hours=2))) == 1
    assert len(later.asked) == asked + 1


def test_a_failed_read_keeps_the_meetings_last_read(tmp_path: Path) -> None:
    """A calendar caught mid-rewrite replaced the meetings known with none for five
    minutes: a prompt held for a meeting could come inside it."""
    answers: list[list[Meeting] | Exception] = [[_meeting(10)], OSError("mid-rewrite")]

    def read(settings: Settings, start: datetime, end: datetime) -> list[Meeting]:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    def refresh(read_now, store) -> None:  # type: ignore[no-untyped-def]
        try:
            store(read_now())
        except OSError:
            store(None)  # as the app's worker reports a failure

    clock = [NOW]
    cache = MeetingCache(refresh, lambda: clock[0], read=read)
    cal = tmp_path / "work.ics"
    cal.write_text("x")
    settings = Settings(calendar_path=str(cal))
    window = (NOW, NOW + timedelta(hours=12))
    cache.meetings(settings, *window)
    assert [m.summary for m in cache.meetings(settings, *window)] == ["at 10"]
    clock[0] += MAX_AGE + timedelta(seconds=1)
    cache.meetings(settings, *window)  # asks again; that read fails
    assert answers == []
    assert [m.summary for m in cache.meetings(settings, *window)] == ["at 10"]


def test_a_window_asked_minutes_later_is_answered_from_the_last_read(tmp_path: Path) -> None:
    """The coach asks for [now - 12 h, now + 3 days]: its end moves on with the clock, so
    every call read the calendar again."""
    calls: list[datetime] = []

    def read(settings: Settings, start: datetime, end: datetime) -> list[Meeting]:
        calls.append(start)
        return [_meeting(10)]

    clock = [NOW]
    cache = MeetingCache(lambda r, store: store(r()), lambda: clock[0], read=read)
    cal = tmp_path / "work.ics"
    cal.write_text("x")
    settings = Settings(calendar_path=str(cal))
    for minute in range(0, 5):
        clock[0] = NOW + timedelta(minutes=minute)
        cache.meetings(settings, clock[0] - timedelta(hours=12), clock[0] + timedelta(days=3))
    assert len(calls) == 1


def test_the_calendar_file_is_looked_at_elsewhere_never_on_the_callers_thread(
        tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The calendar file may be on a network mount: a stat of a hung one never returns,
    and the tray's thread asked for one at every decision (the cache's key had the
    file's stamp). It is looked at where the read is done."""
    import os

    from mlcoach.coaching import meeting_cache

    looked: list[str] = []
    real = os.stat

    def stat(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).startswith(str(tmp_path)):  # os.stat is everyone's: ours only
            looked.append(str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(meeting_cache.os, "stat", stat)
    later, clock = Later(), [NOW]
    cache = MeetingCache(later, lambda: clock[0], read=lambda s, a, b: [_meeting(10)])
    cal = tmp_path / "work.ics"
    cal.write_text("x")
    settings = Settings(calendar_path=str(cal))
    window = (NOW, NOW + timedelta(hours=2))
    for step in range(3):
        clock[0] = NOW + step * CHECK_EVERY
        cache.meetings(settings, *window)
        assert looked == [], "looked at on the caller's thread"
        later.finish()  # elsewhere: there it is looked at
        assert looked == [str(cal)]
        looked.clear()
