"""`mlcoach calendar`: the occurrences the scheduler sees, so a user can check why a
prompt was held and a test can compare. Never imports Qt."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlcoach.domain.errors import UsageError
from mlcoach.domain.i18n import N_, error_text, translate, ui_language

if TYPE_CHECKING:
    from mlcoach.cli.main import Context
    from mlcoach.coaching.calendar_ics import Meeting
    from mlcoach.domain.model import Person, Settings

#: --from/--to may span at most this many days (a guard against listing a century).
MAX_DAYS = 400


def _saved(ctx: Context) -> tuple[Settings, list[Person]]:
    """The settings and saved people, or the defaults when there is no store yet."""
    from mlcoach.domain.model import Settings
    from mlcoach.store.vault import read_meta

    if read_meta(ctx.layout) is None:
        return Settings(), []
    opened = ctx.open()
    try:
        return opened.store.settings(), opened.store.people()
    finally:
        opened.store.close()


def _window(ns: Any, tz: Any) -> tuple[datetime, datetime]:
    first: date = ns.start or datetime.now(tz).date()
    last: date = ns.end or first
    if last < first:
        raise UsageError("--to must not be before --from")
    if first.year < 1900 or last.year > 9000:  # time zones and margins leave the calendar
        raise UsageError("--from and --to must be dates from 1900 to 9000")
    if (last - first).days >= MAX_DAYS:
        raise UsageError("--from and --to may span at most {days} days", days=MAX_DAYS)
    start = datetime.combine(first, time(0), tzinfo=tz)
    return start, datetime.combine(last + timedelta(days=1), time(0), tzinfo=tz)


def _people(meeting: Meeting, people: list[Person]) -> list[str]:
    if not people:
        return []  # and people_insights (which loads the ORM) stays unloaded
    from mlcoach.store.people_insights import people_among

    names = [a.name or a.email for a in meeting.attendees]
    if meeting.organizer is not None:
        names.append(meeting.organizer.name or meeting.organizer.email)
    return [p.name for p in people_among(people, [n for n in names if n])]


def cmd_calendar(ctx: Context) -> int:
    """List the occurrences in the window; one stderr line per calendar not read."""
    from mlcoach.cli.main import one_line
    from mlcoach.coaching.calendar_sources import listing
    from mlcoach.system.clock import local_zone

    ns = ctx.ns
    tz = local_zone()
    start, end = _window(ns, tz)
    settings, people = _saved(ctx)
    path: Path | None = ns.path
    if path is None and not settings.calendar_path and not (ns.eds or settings.calendar_eds):
        raise UsageError("give a calendar file or folder, or --eds, or choose a calendar "
                         "in Settings")
    use_eds = True if ns.eds else (None if path is None else False)
    result = listing(settings, start, end, path=path, eds=use_eds, log=False)
    language = ui_language(ctx.language)
    for problem in result.problems:
        ctx.stderr.write(f"mlcoach: {one_line(error_text(problem, language))}\n")
    if result.unread:
        return 1  # nothing could be read: the lines above say why
    rows = [(m, _people(m, people)) for m in result.occurrences]
    if ns.json:
        ctx.out_json([
            {"start": m.start.astimezone(tz).isoformat(),
             "end": m.end.astimezone(tz).isoformat(), "summary": m.summary,
             "all_day": m.all_day, "busy": m.busy, "people": who}
            for m, who in rows
        ])
    elif not rows:
        ctx.out(translate("no calendar entries in this window", ui_language(ctx.language)))
    else:
        lang = ui_language(ctx.language)
        for m, who in rows:
            ctx.out(_line(m, who, tz, lang))
    return 0


def _line(m: Meeting, who: list[str], tz: Any, lang: str) -> str:
    start, end = m.start.astimezone(tz), m.end.astimezone(tz)
    last = (end - timedelta(microseconds=1)).date()  # an end at midnight is the day before's
    if m.all_day:
        days = f"{start:%Y-%m-%d}{f'–{last:%Y-%m-%d}' if last > start.date() else ''}"
        when = f"{days} {translate('all day', lang)}"
    elif last > start.date():  # a meeting over several days shows the day it ends
        when = f"{start:%Y-%m-%d %H:%M}–{end:%Y-%m-%d %H:%M}"
    else:
        when = f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"
    flags = [translate(w, lang) for w in (N_("busy"), N_("free"))]
    flag = flags[0 if m.busy else 1].ljust(max(map(len, flags)))
    when = when.ljust(22)  # the width of one day's "YYYY-MM-DD HH:MM–HH:MM"
    extra = f"  ({', '.join(who)})" if who else ""
    title = " ".join(m.summary.split()) or translate("(no title)", lang)
    return f"{when}  {flag}  {title}{extra}"
