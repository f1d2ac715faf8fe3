"""The export format's sections read straight from the tables (plain SQL, raw rows).

SQLite writes each entry's JSON itself (`json_object`, timestamps rewritten to ISO 8601 in
SQL), so a ten-year export is mostly one pass of C over the tables, and a raw connection
of either store (`Store` or `LightStore`) runs it: `mlcoach export` needs no ORM.
`mlcoach.transfer.exporting` adds the header and settings and writes JSON, CSV or Markdown.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mlcoach.domain.timestamps import db_to_iso
from mlcoach.store.snapshot import one_snapshot

if TYPE_CHECKING:
    from mlcoach.store.core import Store
    from mlcoach.store.light import LightStore

Progress = Callable[[int, int], None]

SECTIONS = ("moments", "people", "suggestions", "reflections", "prompt_events",
            "custom_prompts")
_ORDER = ("people", "moments", "suggestions", "reflections", "prompt_events",
          "custom_prompts")  # the order of the sections in an export file


def _iso(col: str) -> str:
    """SQL for `db_to_iso(col)`: the usual stored shape rewritten in SQL, any other
    value through the Python function (registered per connection as mlcoach_iso)."""
    return (f"CASE WHEN {col} IS NULL THEN NULL "
            f"WHEN typeof({col}) = 'text' AND length({col}) = 26 "
            f"AND substr({col}, 11, 1) = ' ' AND substr({col}, 20, 1) = '.' "
            f"THEN substr({col}, 1, 10) || 'T' || substr({col}, 12, 8) || "
            f"iif(substr({col}, 21) = '000000', '', '.' || substr({col}, 21)) || '+00:00' "
            f"ELSE mlcoach_iso({col}) END")


def _flag(col: str) -> str:
    return f"json(iif({col}, 'true', 'false'))"


def _person(col: str) -> str:
    return f"(SELECT p.name FROM people p WHERE p.id = {col})"


# Each section: its entries' keys with the SQL of each value (the key order is the
# format's), the table and the order of its entries.
_ENTRIES: dict[str, tuple[list[tuple[str, str]], str, str]] = {
    "people": ([("id", "id"), ("name", "name"), ("style", "style"), ("notes", "notes"),
                ("archived", _flag("archived")), ("created_at", _iso("created_at")),
                ("updated_at", _iso("updated_at"))], "people m", "created_at, id"),
    "moments": ([("id", "id"), ("created_at", _iso("created_at")),
                 ("updated_at", _iso("updated_at")), ("text", "text"), ("kind", "kind"),
                 ("person", _person("m.person_id")), ("person_id", "person_id"),
                 ("style", "style"),
                 ("tags", "json(coalesce(tg.tags, '[]'))"),
                 ("outcome", "outcome"), ("outcome_at", _iso("outcome_at")),
                 ("prompt_event_id", "prompt_event_id"), ("suggestion_id", "suggestion_id"),
                 ("planned", _flag("planned")), ("follow_up_on", "follow_up_on")],
                "moments m LEFT JOIN tags tg ON tg.moment_id = m.id", "created_at, id"),
    "suggestions": ([("id", "id"), ("created_at", _iso("created_at")),
                     ("person", _person("m.person_id")), ("person_id", "person_id"),
                     ("style", "style"), ("change", "change"), ("action", "action"),
                     ("size", "size"), ("text", "text"), ("follow_up_on", "follow_up_on"),
                     ("outcome", "outcome"), ("outcome_at", _iso("outcome_at"))],
                    "suggestions m", "created_at, id"),
    "reflections": ([("id", "id"), ("day", "day"), ("created_at", _iso("created_at")),
                     ("updated_at", _iso("updated_at")), ("energy", "energy"),
                     ("went_well", "went_well"), ("differently", "differently"),
                     ("intention", "intention")], "reflections m", "day"),
    "prompt_events": ([("id", "id"), ("prompt_id", "prompt_id"), ("theme", "theme"),
                       ("shown_at", _iso("shown_at")), ("response", "response"),
                       ("responded_at", _iso("responded_at")), ("why", "why")],
                      "prompt_events m", "shown_at, id"),
}


# Every moment's tags as one JSON array, built in one pass (a subquery per moment costs a
# sort each: a fifth of the ten-year export's time).
_TAGS = ("WITH tags AS MATERIALIZED (SELECT moment_id, "
         "json_group_array(tag ORDER BY position) AS tags FROM moment_tags GROUP BY moment_id) ")


def _sql(section: str) -> str:
    """One section's entries as the export file's lines ("  {…}", joined by ",\n")."""
    keys, table, order = _ENTRIES[section]
    pairs = ", ".join(f"'{key}', {expr}" for key, expr in keys)
    return (_TAGS if section == "moments" else "") + (
        f"SELECT group_concat('  ' || json_object({pairs}), ',' || char(10) "
        f"ORDER BY {order}) FROM {table}")


def export_entries(store: Store | LightStore,
                   progress: Progress | None = None) -> dict[str, str]:
    """Every section of the export format as its entries' JSON text: one object a line
    (no whitespace between tokens) indented by two spaces, lines joined by ",\n"; ""
    for an empty section. People first, as in an export file."""
    out: dict[str, str] = {}
    with store.connection() as conn:
        conn.create_function("mlcoach_iso", 1, db_to_iso)
        # One snapshot for every section: a person and her moment saved meanwhile (the
        # app, a capture) are both in the file or both not, never the moment alone.
        with one_snapshot(conn):
            _read_sections(conn, out, progress)
    return out


def _read_sections(conn: Any, out: dict[str, str], progress: Progress | None) -> None:
    for step, section in enumerate(_ORDER, 1):
        if section == "custom_prompts":  # a handful; their data is merged in
            out[section] = ",\n".join(
                "  " + json.dumps({"id": cid, "theme": theme, **json.loads(data)},
                                  ensure_ascii=False, separators=(",", ":"))
                for cid, theme, data in conn.execute(
                    "SELECT id, theme, data FROM custom_prompts ORDER BY id"))
        else:
            out[section] = conn.execute(_sql(section)).fetchone()[0] or ""
        if progress and step < len(_ORDER):
            progress(step, len(_ORDER))


def export_sections(store: Store | LightStore,
                    progress: Progress | None = None) -> dict[str, Any]:
    """Every section of the export format (people, moments, …) as JSON-able lists: the
    same entries as `export_entries`, parsed (a JSON text holds no raw line break)."""
    loads = json.loads
    return {section: [loads(line.removesuffix(",")) for line in text.split("\n")]
            if text else [] for section, text in export_entries(store, progress).items()}
