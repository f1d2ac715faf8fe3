"""`mlcoach people`, `search` and `stats`: reading and tending what is stored."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from mlcoach.cli.main import EXIT_OK, local_tz
from mlcoach.domain.errors import UsageError
from mlcoach.domain.i18n import N_

if TYPE_CHECKING:
    from mlcoach.cli.main import Context


def cmd_people(ctx: Context) -> int:
    ns = ctx.ns
    if ns.people_command == "list":
        return _list_people(ctx)
    if ns.people_command == "add":  # a bad name is refused before the store is touched
        from mlcoach.domain.text import clean_name

        clean_name(ns.name)
    opened = ctx.open(create=ns.people_command == "add")  # edits need a store
    store = opened.store
    try:
        if ns.people_command == "add":
            person = store.add_person(ns.name, ns.style, ns.notes)
            ctx.out_stored(person.id, N_("{name} was added as {id}, but the id could not be "
                                         "printed ({reason}); do not add them again"),
                           name=person.name)
        elif ns.people_command == "edit":
            new_style: Any = None if ns.clear_style else (ns.style if ns.style else "")
            if ns.new_name is None and ns.notes is None and new_style == "":
                raise UsageError("nothing to change: give --name, --style, --clear-style "
                                 "or --notes")
            person = store.edit_person(ns.name, new_name=ns.new_name, style=new_style,
                                       notes=ns.notes)
            ctx.out(f"updated {person.name}")
        elif ns.people_command == "archive":
            person = store.archive_person(ns.name)
            ctx.out(f"archived {person.name}; their history stays")
    finally:
        store.close()
    return EXIT_OK


def _list_people(ctx: Context) -> int:
    with ctx.reading() as store:  # nothing stored yet: nobody, and nothing set up
        people = store.people(include_archived=ctx.ns.all)
        last = store.last_interactions()
    if ctx.ns.json:
        ctx.out_json([
            {"id": p.id, "name": p.name, "style": p.style, "notes": p.notes,
             "archived": p.archived,
             "last_interaction": last[p.name].isoformat() if p.name in last else None}
            for p in people
        ])
    elif not people:
        ctx.out("no people yet: `mlcoach people add NAME --style facts`")
    else:
        tz = local_tz()
        for p in people:
            when = last.get(p.name)
            seen = f"last {when.astimezone(tz):%Y-%m-%d}" if when else "no moments yet"
            style = p.style.value if p.style else "style not sure yet"
            flag = " (archived)" if p.archived else ""
            ctx.out(f"{p.name}{flag} — {style}; {seen}")
    return EXIT_OK


def cmd_search(ctx: Context) -> int:
    ns = ctx.ns
    tz = local_tz()
    since = None
    if ns.since and ns.since.year > 1:  # year 1 in a zone east of UTC is before year 1
        since = datetime.combine(min(ns.since, date(9999, 12, 30)), time(0), tzinfo=tz)
    if not 1 <= ns.limit <= 10_000:
        raise UsageError("--limit must be between 1 and 10000")
    with ctx.reading(light=True) as store:  # one plain query: no ORM
        hits = store.search(ns.query, person=ns.person, kind=ns.kind, since=since,
                            limit=ns.limit)
    if ns.json:
        ctx.out_json([
            {"type": h.entity, "id": h.ref, "when": h.when.isoformat() if h.when else None,
             "snippet": h.snippet, "rank": round(h.rank, 4)}
            for h in hits
        ])
    elif not hits:
        ctx.out("no matches")
    else:
        for h in hits:
            when = f"{h.when.astimezone(tz):%Y-%m-%d}" if h.when else "          "
            ctx.out(f"{when}  {h.entity:<10} {' '.join(h.snippet.split())}")
    return EXIT_OK


def cmd_stats(ctx: Context) -> int:
    from mlcoach.store.stats import compute_stats
    from mlcoach.system.clock import now_utc

    with ctx.reading(light=True) as store:  # plain SQL: no ORM
        stats = compute_stats(store, now_utc(), local_tz())
    if ctx.ns.json:
        ctx.out_json(stats.as_dict())
        return EXIT_OK
    ratio = stats.overall.ratio
    lines = [
        f"Streak: {stats.streak} day{'s' if stats.streak != 1 else ''}",
        f"Moments this week: {stats.moments_this_week} (today {stats.moments_today})",
        f"Small wins recognised this week: {stats.small_wins_this_week}",
        "Realized vs attempted: "
        + (f"{stats.overall.realized} of {stats.overall.attempted} ({ratio:.0%})"
           if ratio is not None else "no outcomes recorded yet"),
    ]
    for name, r in sorted(stats.by_person.items()):
        lines.append(f"  {name}: {r.realized} of {r.attempted}")
    ctx.out("\n".join(lines))
    return EXIT_OK
