"""`mlcoach people`, `search` and `stats`: reading and tending what is stored."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from mlcoach.cli.main import EXIT_OK, local_tz, printable
from mlcoach.domain.errors import UsageError
from mlcoach.domain.i18n import N_, percent, translate, ui_language

if TYPE_CHECKING:
    from mlcoach.cli.main import Context


# What a search hit is, in the listing's type column.
_ENTITY_WORDS = {"moment": N_("moment"), "person": N_("person"),
                 "suggestion": N_("suggestion"), "reflection": N_("reflection")}

def cmd_people(ctx: Context) -> int:
    ns = ctx.ns
    if ns.people_command == "list":
        return _list_people(ctx)
    if ns.people_command == "add":  # a bad name is refused before the store is touched
        from mlcoach.domain.text import clean_notes, name_to_save

        name_to_save(ns.name)
        clean_notes(ns.notes)
    opened = ctx.open(create=ns.people_command == "add")  # edits need a store
    store = opened.store
    try:
        if ns.people_command == "add":
            before = store.find_person(ns.name)
            person = store.add_person(ns.name, ns.style, ns.notes)
            if before is not None and before.archived:
                ctx.out(translate("{name} is back in your people list, with their history",
                                  ui_language(ctx.language), name=person.name))
            else:
                ctx.out_stored(person.id, N_("{name} was added as {id}, but the id could "
                                             "not be printed ({reason}); do not add them "
                                             "again"), name=person.name)
        elif ns.people_command in ("edit", "archive", "merge", "delete"):
            _as_saved(store, ns)
        if ns.people_command == "edit":
            new_style: Any = None if ns.clear_style else (ns.style if ns.style else "")
            if ns.new_name is None and ns.notes is None and new_style == "":
                raise UsageError("nothing to change: give --name, --style, --clear-style "
                                 "or --notes")
            _refuse_a_taken_name(store, ns.name, ns.new_name)
            from mlcoach.influence.reworded import reworded

            person = store.edit_person(ns.name, new_name=ns.new_name, style=new_style,
                                       notes=ns.notes, reword=reworded)
            ctx.out(translate("updated {name}", ui_language(ctx.language), name=person.name))
        elif ns.people_command == "archive":
            person = store.archive_person(ns.name)
            ctx.out(translate("archived {name}; their history stays", ui_language(ctx.language),
                              name=person.name))
        elif ns.people_command == "merge":
            from mlcoach.influence.reworded import reworded

            person = store.merge_person(ns.name, ns.into, reword=reworded)
            ctx.out(translate("merged {name} into {into}: their moments, suggestions and "
                              "notes are with {into} now", ui_language(ctx.language),
                              name=" ".join(ns.name.split()), into=person.name))
        elif ns.people_command == "delete":
            _delete_person(ctx, store)
    finally:
        store.close()
    return EXIT_OK


def _as_saved(store: Any, ns: Any) -> None:
    """The names typed on the line as saved: "Ana'ya" is Ana unless someone is saved as
    "Ana'ya" (a Turkish case ending, as a capture's @Ana'ya is read). A merge's name that
    goes is taken as typed: merged once already, "Ana'ya" is no one, not Ana."""
    for field in ("into",) if ns.people_command == "merge" else ("name",):
        typed = getattr(ns, field, None)
        person = store.find_person(typed, typed=True) if typed else None
        if person is not None:
            setattr(ns, field, person.name)


def _refuse_a_taken_name(store: Any, name: str, new_name: str | None) -> None:
    """A rename onto someone else's name says how to put the two together instead."""
    from mlcoach.domain.errors import MlcoachError
    from mlcoach.domain.text import name_to_save

    person = store.find_person(name)  # "@Ana" is Ana: a rename to it names her
    other = store.find_person(name_to_save(new_name)) if new_name is not None else None
    if person is not None and other is not None and other.id != person.id:
        raise MlcoachError("{new!r} is already in your people list; to put the two "
                           "together: mlcoach people merge {args}", new=other.name,
                           args=" ".join(_quoted(n) for n in (person.name, other.name)))


def _quoted(word: str) -> str:
    """A name as typed into a shell: bare, else in double quotes ("Ana'ya"), else
    shlex's."""
    import re
    import shlex

    if re.fullmatch(r"[\w@%+=:,./-]+", word):
        return word
    return f'"{word}"' if not set(word) & set('"$`\\!') else shlex.quote(word)


_KEPT_NONE = N_("deleted {name} and their notes")
_KEPT_ONE = N_("deleted {name} and their notes; the moment with them stays in your "
               "history, with no one attached")
_KEPT = N_("deleted {name} and their notes; the {n} moments with them stay in your "
           "history, with no one attached")


def kept_message(count: int) -> str:
    """What `people delete` says of the `count` moments that stay: none, one, or more."""
    return _KEPT_NONE if count == 0 else _KEPT_ONE if count == 1 else _KEPT


def _delete_person(ctx: Context, store: Any) -> None:
    """`people delete`: after "y" on a terminal, or --yes."""
    from mlcoach.domain.errors import MlcoachError

    lang = ui_language(ctx.language)
    person = store.find_person(ctx.ns.name)
    if person is None:
        raise MlcoachError("no person called {name!r}", name=ctx.ns.name)
    count = store.count_moments(person=person.name)
    if not ctx.ns.yes:
        if not ctx.stdin.isatty():
            raise UsageError("people delete removes {name} and their notes for good: run it "
                             "in a terminal to confirm, or add --yes", name=person.name)
        ctx.stderr.write(translate("Delete {name} and their notes for good? [y/N] ", lang,
                                   name=person.name))
        ctx.stderr.flush()
        if ctx.stdin.readline(64).strip().lower() not in ("y", "yes", translate("y", lang)):
            raise MlcoachError("not confirmed; nothing was deleted")
    from mlcoach.influence.reworded import reworded

    gone = store.delete_person(person.name, reword=reworded)  # "With Priya" goes too
    ctx.out(translate(kept_message(count), lang, name=gone.name, n=count))


def _list_people(ctx: Context) -> int:
    with ctx.reading() as store:  # nothing stored yet: nobody, and nothing set up
        people = store.people(include_archived=ctx.ns.all)
        last = store.last_interactions()
    lang = ui_language(ctx.language)  # the Settings choice, read with the store
    if ctx.ns.json:
        ctx.out_json([
            {"id": p.id, "name": p.name, "style": p.style, "notes": p.notes,
             "archived": p.archived,
             "last_interaction": last[p.name].isoformat() if p.name in last else None}
            for p in people
        ])
    elif not people:
        ctx.out(translate("no people yet: `mlcoach people add NAME --style facts`", lang))
    else:
        tz = local_tz()
        for p in people:
            when = last.get(p.name)
            seen = translate("last {day}", lang, day=f"{when.astimezone(tz):%Y-%m-%d}") \
                if when else translate("no moments yet", lang)
            style = translate(STYLE_WORDS[p.style.value], lang) if p.style \
                else translate("style not sure yet", lang)
            flag = translate(" (archived)", lang) if p.archived else ""
            ctx.out(f"{p.name}{flag} — {style}; {seen}")
    return EXIT_OK


STREAK_ONE, STREAK = N_("Streak: {n} day"), N_("Streak: {n} days")
#: How each style reads in a list, in the user's language (`--style` takes the English word).
STYLE_WORDS = {"facts": N_("facts"), "enthusiasm": N_("enthusiasm"),
               "reassurance": N_("reassurance"), "credibility": N_("credibility")}


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
        nobody = not hits and ns.person is not None and not store.knows(ns.person)
    if ns.json:
        ctx.out_json([
            {"type": h.entity, "id": h.ref, "when": h.when.isoformat() if h.when else None,
             "snippet": h.snippet, "rank": round(h.rank, 4)}
            for h in hits
        ])
    elif not hits:
        ctx.out(translate("no matches", ui_language(ctx.language)))
    else:
        lang = ui_language(ctx.language)
        width = max(len(translate(w, lang)) for w in _ENTITY_WORDS.values())
        for h in hits:
            when = f"{h.when.astimezone(tz):%Y-%m-%d}" if h.when else "          "
            entity = translate(_ENTITY_WORDS.get(h.entity, h.entity), lang)
            ctx.out(f"{when}  {entity:<{width}} {' '.join(h.snippet.split())}")
    if nobody:  # a typo reads as "nothing with them": say so; stdout stays as it was
        ctx.stderr.write("mlcoach: " + printable(translate(
            "no one called {name!r} is in your people list", ui_language(ctx.language),
            name=ns.person)) + "\n")
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
    lang = ui_language(ctx.language)
    lines = [
        translate(STREAK_ONE if stats.streak == 1 else STREAK, lang, n=stats.streak),
        translate("Moments this week: {week} (today {today})", lang,
                  week=stats.moments_this_week, today=stats.moments_today),
        translate("Small wins recognized this week: {n}", lang, n=stats.small_wins_this_week),
        translate("Realized vs attempted: {realized} of {attempted} ({ratio})", lang,
                  realized=stats.overall.realized, attempted=stats.overall.attempted,
                  ratio=percent(ratio, lang)) if ratio is not None
        else translate("Realized vs attempted: no outcomes recorded yet", lang),
    ]
    for name, r in sorted(stats.by_person.items()):
        lines.append("  " + translate("{name}: {realized} of {attempted}", lang, name=name,
                                      realized=r.realized, attempted=r.attempted))
    ctx.out("\n".join(lines))
    return EXIT_OK
