"""`mlcoach import --from jrnl|dayone [--dry-run] FILE`: another journal's export in."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING

from mlcoach.cli.counts import counted, listed
from mlcoach.domain.i18n import translate, ui_language

if TYPE_CHECKING:
    from mlcoach.cli.main import Context
    from mlcoach.store.core import Store


_NO_MEMORY = ("there is not enough memory to read this file at once; nothing was changed "
              "(split it into smaller files)")


def cmd_import_journal(ctx: Context) -> int:
    """Read the whole file first (nothing written on any error), then import or preview."""
    from mlcoach.system.clock import local_zone
    from mlcoach.transfer import exporting, journals

    ns = ctx.ns
    tz = local_zone()
    # Every check before the store is opened (or, on first use, created with its key).
    try:
        loaded = journals.load_journal(ns.file, ns.source)
        doc = journals.journal_document(loaded, ns.source, tz, journals.no_people)
    except MemoryError:
        raise exporting.ImportError_(_NO_MEMORY) from None
    with _store_to_compare(ctx, scratch=ns.dry_run) as store:
        language = ui_language(ctx.language)  # the Settings choice, read with the store
        saved = store.people()
        if saved and ns.source == "jrnl":  # its @tags may name them
            del doc  # not two documents at once
            try:
                doc = journals.journal_document(loaded, ns.source, tz,
                                                journals.person_matcher(saved))
            except MemoryError:
                raise exporting.ImportError_(_NO_MEMORY) from None
        del loaded
        if ns.dry_run:
            preview = exporting.preview_import(store, doc)
            from mlcoach.store.import_rows import stored_moment_ids

            known = stored_moment_ids(store)  # one query, not one per entry (200k: 5 min)
            new = [m for m in doc["moments"] if m["id"] not in known]
            for m in new:
                when = datetime.fromisoformat(m["created_at"]).astimezone(tz)
                marks = [*([f"@{m['person']}"] if m["person"] else []),
                         *(f"#{t}" for t in m["tags"])]
                text = " ".join(m["text"].split())[:80]
                ctx.out(f"{when:%Y-%m-%d %H:%M}  {text}" + (f"  ({' '.join(marks)})" if marks
                                                           else ""))
            counts = {"moments": len(new), "people": preview.added.get("people", 0)}
            ctx.out(translate("would import {counts}; {known} already here; nothing was "
                              "changed", language,
                              counts=listed(counts, language) or counted("moments", 0, language),
                              known=len(doc["moments"]) - len(new)))
            return 0
        added = exporting.import_document(store, doc)
        from mlcoach.cli.main import IMPORT_DONE

        ctx.committed(IMPORT_DONE, counts=added)
    summary = listed(added, language)
    ctx.out(translate("imported {counts}", language, counts=summary) if summary
            else translate("nothing new to import", language))
    return 0


def cmd_preview_native(ctx: Context) -> int:
    """`mlcoach import --dry-run FILE` for an mlcoach export: the counts, nothing written."""
    from mlcoach.transfer import exporting

    doc = exporting.read_export(ctx.ns.file)
    with _store_to_compare(ctx, scratch=True) as store:
        preview = exporting.preview_import(store, doc)
    language = ui_language(ctx.language)
    summary = listed(preview.added, language)
    ctx.out(translate("would import {counts}; nothing was changed", language, counts=summary)
            if summary else translate("nothing new to import", language))
    return 0


@contextmanager
def _store_to_compare(ctx: Context, *, scratch: bool) -> Iterator[Store]:
    """The store an import goes into; for a dry run, `ctx.reading()`: before any store
    exists, an empty one in a temporary folder, so a preview sets nothing up."""
    if scratch:
        with ctx.reading() as store:
            yield store
        return
    opened = ctx.open()
    try:
        yield opened.store
    finally:
        opened.store.close()
