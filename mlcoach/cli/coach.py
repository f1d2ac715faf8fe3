"""CLI commands of the coaching side: suggest, prompt, prompts."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from mlcoach.cli.counts import counted
from mlcoach.domain.errors import MlcoachError, UsageError
from mlcoach.domain.i18n import N_, translate, ui_language

if TYPE_CHECKING:
    from mlcoach.cli.main import Context


def cmd_suggest(ctx: Context) -> int:
    """Compose an influence suggestion; --save keeps it as a planned moment."""
    from mlcoach.influence.composer import ComposerError, SuggestionRequest, compose

    ns = ctx.ns
    if not ns.change:
        raise UsageError("--change is required: describe the change you want, e.g. "
                         "--change \"use the wiki instead of email\"")
    style = ns.style
    opened = None
    shown = ns.person
    language = ui_language("")
    person = None
    if ns.save:  # what would be refused is refused before a first use sets a store up
        from mlcoach.domain.text import clean_text, name_to_save

        clean_text(ns.change, N_("change"))
        if ns.person is not None:
            name_to_save(ns.person)  # "---" names no one
        try:
            compose(SuggestionRequest(change=ns.change, style=style, action=ns.action,
                                      size=ns.size, person=shown, by_example=ns.by_example,
                                      language=language))
        except ComposerError as exc:
            raise UsageError(exc.template, **exc.params) from exc
        opened = ctx.open()
        language = ui_language(opened.store.settings().language)
        person = opened.store.find_person(ns.person, typed=True) if ns.person else None
    elif ns.person:  # only read: without --save no store is set up for it
        with ctx.reading() as store:
            language = ui_language(store.settings().language)
            person = store.find_person(ns.person, typed=True)
    if person is None and ns.person:
        from mlcoach.domain.capture import new_person_name

        shown = new_person_name(ns.person)  # someone new: "Selin'e" is Selin, as saved
    if person is not None:
        shown = person.name  # as the user saved it, not as typed on this line
        style = style if style is not None else person.style
    try:
        try:
            composed = compose(SuggestionRequest(
                change=ns.change, style=style, action=ns.action, size=ns.size,
                person=shown, by_example=ns.by_example, language=language))
        except ComposerError as exc:
            raise UsageError(exc.template, **exc.params) from exc
        saved_id = None
        if ns.save and opened is not None:
            from mlcoach.system.clock import local_zone, now_utc

            today = now_utc().astimezone(local_zone()).date()
            suggestion, _moment = opened.store.add_suggestion(
                style=style, change=ns.change, action=ns.action, size=ns.size,
                text=composed.as_text(), person=shown,
                follow_up_on=today + timedelta(days=composed.follow_up_days))
            saved_id = suggestion.id
            ctx.committed(N_("the suggestion was saved as a planned moment ({id})"),
                          id=saved_id)
    finally:
        if opened is not None:
            opened.store.close()
    if ns.json:
        doc = composed.as_dict()
        if saved_id:
            doc["id"] = saved_id
        ctx.out_json(doc)
    else:
        ctx.out(composed.as_text())
        if saved_id:
            ctx.stderr.write("mlcoach: " + translate("saved as a planned moment ({id})",
                                                     ui_language(ctx.language), id=saved_id)
                             + "\n")
    return 0


_MARKED_SUGGESTION = N_("suggestion {id} marked {outcome}")
_MARKED_MOMENT = N_("moment {id} marked {outcome}")
_OUTCOME_WORDS = {"followed": N_("followed"), "not_yet": N_("not yet"),
                  "declined": N_("declined")}


def cmd_outcome(ctx: Context) -> int:
    """Mark a suggestion (and its planned moment) or a moment followed, not yet or declined."""
    ns = ctx.ns
    if len(ns.id.strip()) < 4:
        raise UsageError("give at least the first 4 characters of the id")
    if len(ns.id.strip()) > 36:
        raise UsageError("an id has 36 characters; this one has {n}", n=len(ns.id.strip()))
    opened = ctx.open(create=False)  # nothing to mark in a store that is not there
    try:
        store = opened.store
        found = store.find_ids(ns.id)
        if len(found) > 1:
            raise UsageError("{id} matches more than one entry: give more of the id",
                             id=repr(ns.id))
        if not found:
            raise MlcoachError("no suggestion or moment with id {id}", id=repr(ns.id))
        kind, full = found[0]
        if kind == "suggestion":
            store.set_suggestion_outcome(full, ns.outcome)
        else:
            store.set_moment_outcome(full, ns.outcome)
    finally:
        opened.store.close()
    lang = ui_language(ctx.language)
    said = _MARKED_SUGGESTION if kind == "suggestion" else _MARKED_MOMENT
    ctx.stderr.write("mlcoach: " + translate(said, lang, id=full[:8], outcome=translate(
        _OUTCOME_WORDS[ns.outcome.value], lang)) + "\n")
    return 0


def cmd_prompts(ctx: Context) -> int:
    """List, validate, import and export prompts and prompt packs."""
    from dataclasses import replace

    from mlcoach.coaching.content import PromptFileError, dump_pack, load_builtin, validate_file

    ns = ctx.ns
    if ns.prompts_command in ("validate", "import"):
        # One check for both: "all valid" means `prompts import` takes the file.
        try:
            prompts = validate_file(ns.file, custom=True)
        except PromptFileError as exc:  # in the user's language, as any other error
            raise MlcoachError(exc.template, **exc.params) from exc
        if not prompts:  # an empty file, or a FIFO: "0 prompts, all valid" misled
            raise MlcoachError("{file}: no prompts in this file (nothing was imported)",
                               file=ns.file)
        # A pack written by `prompts export --all` holds the library's own prompts too:
        # those, as the library has them, are skipped; one changed under a library id
        # is refused.
        builtin = {p.id: p for p in load_builtin()}
        in_library = [p for p in prompts
                      if p.id in builtin and replace(p, custom=False) == builtin[p.id]]
        clash = sorted(p.id for p in prompts if p.id in builtin and p not in in_library)
        if clash:
            raise MlcoachError("{file}: prompt id {id} is already used by the built-in library; "
                               "rename it (nothing was imported)", file=ns.file,
                               id=repr(clash[0]))
        language = ui_language(ctx.language)
        skipped = counted("prompts", len(in_library), language)
        if len(in_library) == len(prompts):
            raise MlcoachError("{file}: its {counts} are already in the built-in library "
                               "(nothing was imported)", file=ns.file, counts=skipped)
        prompts = [p for p in prompts if p not in in_library]
    if ns.prompts_command == "validate":
        said = N_("{file}: {counts}, all valid; {skipped} already in the built-in library "
                  "will be skipped") if in_library else N_("{file}: {counts}, all valid")
        ctx.out(translate(said, language, file=ns.file, skipped=skipped,
                          counts=counted("prompts", len(prompts), language)))
        return 0
    if ns.prompts_command == "import":
        opened = ctx.open()
        try:
            count = opened.store.save_custom_prompts(prompts)
        finally:
            opened.store.close()
        said = N_("imported {counts} from {file}; {skipped} already in the built-in "
                  "library skipped") if in_library else N_("imported {counts} from {file}")
        ctx.out(translate(said, language, counts=counted("prompts", count, language),
                          file=ns.file, skipped=skipped))
        return 0
    if ns.prompts_command == "export" and ns.output and str(ns.output) != "-":
        from mlcoach.transfer.exporting import export_target

        export_target(ns.output, ctx.root)  # refused before anything else is done
    with ctx.reading() as store:  # nothing stored yet: the built-in prompts only
        custom = store.custom_prompts()
        language = ui_language(store.settings().language)
    if ns.prompts_command == "export":
        prompts = [*load_builtin(), *custom] if ns.all else custom
        text = dump_pack(prompts, name="my prompts")
        if ns.output and str(ns.output) != "-":
            from mlcoach.transfer.exporting import write_export

            write_export(ns.output, text, ctx.root)
            ctx.out(translate("wrote {counts} to {file}", language,
                              counts=counted("prompts", len(prompts), language),
                              file=ns.output))
        else:
            ctx.stdout.write(text)
        return 0
    prompts = [*load_builtin(), *custom]
    if ns.json:
        ctx.out_json([
            {"id": p.id, "theme": p.theme, "text": p.text_for(language).text,
             "try_this": p.text_for(language).try_this,
             "parts": [x.value for x in p.parts], "tags": list(p.tags), "custom": p.custom}
            for p in prompts
        ])
    else:
        for p in prompts:
            mark = " (yours)" if p.custom else ""
            ctx.out(f"{p.id:<22} {p.theme:<14} {p.text_for(language).text}{mark}")
    return 0


def cmd_prompt(ctx: Context) -> int:
    """Print what the scheduler would show now, with its theme, action and why."""
    import random

    from mlcoach.coaching.service import Coach
    from mlcoach.system.clock import local_zone, now_utc

    with ctx.reading() as store:  # nothing stored yet: the defaults' first prompt
        now = now_utc()
        # Seeded by the hour, so asking twice in a row gives the same answer.
        coach = Coach(store, clock=now_utc, tz=local_zone,
                      rng=random.Random(int(now.timestamp()) // 3600))
        preview = coach.preview(now)
    if ctx.ns.json:
        ctx.out_json(preview.as_dict())
        return 0
    from mlcoach.domain.i18n import translate

    lang = preview.language
    lines = [f"{preview.theme_name}: {preview.text}",
             translate("Try this: {text}", lang, text=preview.try_this)]
    if preview.note:
        lines.append(preview.note)
    lines.append(translate("Why: {text}", lang, text=preview.why))
    lines.append(preview.when_text_in(lang))
    ctx.out("\n".join(lines))
    return 0



def cmd_reflect_text(ctx: Context) -> int:
    """The end-of-day reflection in the terminal: energy, the day's question, intention."""
    from mlcoach.coaching.reflection_questions import question_for
    from mlcoach.domain.i18n import translate
    from mlcoach.system.clock import local_zone, now_utc

    # On first use the answers come first: an empty reflection then sets nothing up. What
    # would stop the set-up afterwards is checked before a word is typed.
    opened = ctx.open() if ctx.has_store() else None
    if opened is None:
        from mlcoach.domain.errors import NotInitializedError
        from mlcoach.store.vault import NO_KEYRING_MESSAGE, refuse_unfit_folder

        refuse_unfit_folder(ctx.layout)
        if not ctx.keys.available():
            raise NotInitializedError(NO_KEYRING_MESSAGE)
    try:
        store = opened.store if opened is not None else None
        lang = ui_language(store.settings().language if store is not None else "")
        now = now_utc()
        day = now.astimezone(local_zone()).date()
        old = store.reflection(day) if store is not None else None
        ctx.out(translate("Reflecting on {day}. Press Enter to skip a question (or to keep "
                          "what you wrote earlier today).", lang, day=day.isoformat()))
        energy = _ask_energy(ctx, lang, old.energy if old else None)
        went_well = _ask(ctx, question_for(day, lang).text, old.went_well if old else "")
        differently = _ask(ctx, translate("What would you do differently?", lang),
                           old.differently if old else "")
        intention = _ask(ctx, translate("One small intention for tomorrow:", lang),
                         old.intention if old else "")
        if energy is None and not (went_well or differently or intention):
            raise MlcoachError("nothing to save: give your energy or write a line "
                               "(nothing was changed)")
        if opened is None:
            opened = ctx.open()
        # An answer kept with Enter keeps what is stored when it is saved: the app or
        # another terminal may have saved this day's reflection while these were typed.
        base = (old.energy, old.went_well, old.differently, old.intention) if old else \
            (None, "", "", "")
        if opened.store.save_reflection(day, energy=energy, went_well=went_well,
                                        differently=differently, intention=intention,
                                        at=now_utc(), base=base) is None:
            raise MlcoachError("nothing saved: today's reflection was deleted while you "
                               "answered, and you changed nothing")
    finally:
        if opened is not None:
            opened.store.close()
    ctx.out(translate("Saved today's reflection.", lang))
    return 0


def _ask(ctx: Context, question: str, current: str) -> str:
    """Ask for one line; Enter keeps `current`. Reads at most 4 KiB."""
    from mlcoach.cli.main import printable

    hint = f" [{printable(current)}]" if current else ""  # stored text: no terminal codes
    ctx.stdout.write(f"{question}{hint} ")
    ctx.stdout.flush()
    line = ctx.stdin.readline(4096)
    if len(line) >= 4096 and not line.endswith("\n"):
        raise UsageError("that answer is too long; keep it to a line or two "
                         "(nothing was changed)")
    answer = line.strip()
    if answer:  # checked as it is typed: a refused answer sets nothing up
        from mlcoach.domain.i18n import N_
        from mlcoach.domain.text import clean_text

        clean_text(answer, N_("answer"))
    return answer or current


def _ask_energy(ctx: Context, lang: str, current: int | None) -> int | None:
    from mlcoach.domain.i18n import translate

    answer = _ask(ctx, translate("Energy, 1 (drained) to 5 (full):", lang),
                  str(current) if current else "")
    if not answer:
        return None
    if answer not in {"1", "2", "3", "4", "5"}:
        raise UsageError("energy must be between 1 and 5")
    return int(answer)
