"""CLI commands of the coaching side: suggest, prompt, prompts."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from mlcoach.domain.errors import MlcoachError, UsageError
from mlcoach.domain.i18n import ui_language

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
    language = ui_language("")
    if ns.person or ns.save:
        opened = ctx.open()
        language = ui_language(opened.store.settings().language)
        if ns.person and style is None:
            person = opened.store.find_person(ns.person)
            style = person.style if person else None
    try:
        try:
            composed = compose(SuggestionRequest(
                change=ns.change, style=style, action=ns.action, size=ns.size,
                person=ns.person, by_example=ns.by_example, language=language))
        except ComposerError as exc:
            raise UsageError(str(exc)) from exc
        saved_id = None
        if ns.save and opened is not None:
            from mlcoach.system.clock import local_zone, now_utc

            today = now_utc().astimezone(local_zone()).date()
            suggestion, _moment = opened.store.add_suggestion(
                style=style, change=ns.change, action=ns.action, size=ns.size,
                text=composed.as_text(), person=ns.person,
                follow_up_on=today + timedelta(days=composed.follow_up_days))
            saved_id = suggestion.id
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
            ctx.stderr.write(f"mlcoach: saved as a planned moment ({saved_id})\n")
    return 0


def cmd_outcome(ctx: Context) -> int:
    """Mark a suggestion (and its planned moment) or a moment followed, not yet or declined."""
    ns = ctx.ns
    if len(ns.id.strip()) < 4:
        raise UsageError("give at least the first 4 characters of the id")
    opened = ctx.open()
    try:
        store = opened.store
        found = store.find_ids(ns.id)
        if len(found) > 1:
            raise UsageError(f"{ns.id!r} matches more than one entry: give more of the id")
        if not found:
            raise MlcoachError(f"no suggestion or moment with id {ns.id!r}")
        kind, full = found[0]
        if kind == "suggestion":
            store.set_suggestion_outcome(full, ns.outcome)
        else:
            store.set_moment_outcome(full, ns.outcome)
    finally:
        opened.store.close()
    ctx.stderr.write(f"mlcoach: {kind} {full[:8]} marked {ns.outcome.value.replace('_', ' ')}\n")
    return 0


def cmd_prompts(ctx: Context) -> int:
    """List, validate, import and export prompts and prompt packs."""
    from mlcoach.coaching.content import PromptFileError, dump_pack, load_builtin, validate_file

    ns = ctx.ns
    if ns.prompts_command == "validate":
        try:
            prompts = validate_file(ns.file, custom=True)
        except PromptFileError as exc:
            raise MlcoachError(str(exc)) from exc
        ctx.out(f"{ns.file}: {len(prompts)} prompt(s), all valid")
        return 0
    if ns.prompts_command == "import":
        try:
            prompts = validate_file(ns.file, custom=True)
        except PromptFileError as exc:
            raise MlcoachError(str(exc)) from exc
        builtin_ids = {p.id for p in load_builtin()}
        clash = sorted(p.id for p in prompts if p.id in builtin_ids)
        if clash:
            raise MlcoachError(f"{ns.file}: prompt id {clash[0]!r} is already used by the "
                               "built-in library; rename it (nothing was imported)")
        opened = ctx.open()
        try:
            count = opened.store.save_custom_prompts(prompts)
        finally:
            opened.store.close()
        ctx.out(f"imported {count} prompt(s) from {ns.file}")
        return 0
    opened = ctx.open()
    try:
        custom = opened.store.custom_prompts()
        language = ui_language(opened.store.settings().language)
    finally:
        opened.store.close()
    if ns.prompts_command == "export":
        prompts = [*load_builtin(), *custom] if ns.all else custom
        text = dump_pack(prompts, name="my prompts")
        if ns.output:
            from mlcoach.system.paths import atomic_write

            atomic_write(ns.output.absolute(), text)
            ctx.out(f"wrote {len(prompts)} prompt(s) to {ns.output}")
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

    opened = ctx.open()
    try:
        now = now_utc()
        # Seeded by the hour, so asking twice in a row gives the same answer.
        coach = Coach(opened.store, clock=now_utc, tz=local_zone,
                      rng=random.Random(int(now.timestamp()) // 3600))
        preview = coach.preview(now)
    finally:
        opened.store.close()
    if ctx.ns.json:
        ctx.out_json(preview.as_dict())
        return 0
    lines = [f"{preview.theme_name}: {preview.text}", f"Try this: {preview.try_this}"]
    if preview.note:
        lines.append(preview.note)
    lines.append(f"Why: {preview.why}")
    lines.append(preview.when_text)
    ctx.out("\n".join(lines))
    return 0

