"""The export format's sections read straight from the tables (SQLAlchemy Core, raw rows).

Raw rows and text rewriting keep a ten-year export fast; `mlcoach.transfer.exporting`
adds the header and settings and writes JSON, CSV or Markdown.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Connection

from mlcoach.domain.timestamps import db_to_iso
from mlcoach.store.core import Store

Progress = Callable[[int, int], None]




def _rows(conn: Connection, sql: str) -> list[tuple[Any, ...]]:
    """Raw rows of one query: no per-value type processing (see `_ts`)."""
    return [tuple(r) for r in conn.exec_driver_sql(sql)]


def export_sections(store: Store, progress: Progress | None = None) -> dict[str, Any]:
    """Every section of the export format (people, moments, …) as JSON-able lists."""
    with store.engine.connect() as conn:
        people = {r[0]: r for r in _rows(conn, (
            "SELECT id, name, style, notes, archived, created_at, updated_at FROM people "
            "ORDER BY created_at, id"))}
        tags: dict[str, list[str]] = {}
        for moment_id, tag in _rows(conn, "SELECT moment_id, tag FROM moment_tags "
                                          "ORDER BY moment_id, position"):
            tags.setdefault(moment_id, []).append(tag)

        def name(pid: str | None) -> str | None:
            return people[pid][1] if pid and pid in people else None

        doc: dict[str, Any] = {}
        doc["people"] = [
            {"id": pid, "name": nm, "style": style, "notes": notes, "archived": bool(archived),
             "created_at": db_to_iso(created), "updated_at": db_to_iso(updated)}
            for pid, nm, style, notes, archived, created, updated in people.values()
        ]
        if progress:
            progress(1, 6)
        doc["moments"] = [
            {"id": mid, "created_at": db_to_iso(created), "updated_at": db_to_iso(updated),
             "text": text,
             "kind": kind, "person": name(pid), "person_id": pid, "style": style,
             "tags": tags.get(mid, []), "outcome": outcome, "outcome_at": db_to_iso(outcome_at),
             "prompt_event_id": event_id, "suggestion_id": sug_id, "planned": bool(planned),
             "follow_up_on": follow_up}
            for (mid, created, updated, text, kind, pid, style, outcome, outcome_at, event_id,
                 sug_id, planned, follow_up) in _rows(conn, (
                "SELECT id, created_at, updated_at, text, kind, person_id, style, outcome, "
                "outcome_at, prompt_event_id, suggestion_id, planned, follow_up_on "
                "FROM moments ORDER BY created_at, id"))
        ]
        if progress:
            progress(2, 6)
        doc["suggestions"] = [
            {"id": sid, "created_at": db_to_iso(created), "person": name(pid), "person_id": pid,
             "style": style, "change": change, "action": action, "size": size, "text": text,
             "follow_up_on": follow_up, "outcome": outcome, "outcome_at": db_to_iso(outcome_at)}
            for (sid, created, pid, style, change, action, size, text, follow_up, outcome,
                 outcome_at) in _rows(conn, (
                "SELECT id, created_at, person_id, style, change, action, size, text, "
                "follow_up_on, outcome, outcome_at FROM suggestions ORDER BY created_at, id"))
        ]
        if progress:
            progress(3, 6)
        doc["reflections"] = [
            {"id": rid, "day": day, "created_at": db_to_iso(created),
             "updated_at": db_to_iso(updated),
             "energy": energy, "went_well": went_well, "differently": differently,
             "intention": intention}
            for rid, day, created, updated, energy, went_well, differently, intention
            in _rows(conn, (
                "SELECT id, day, created_at, updated_at, energy, went_well, differently, "
                "intention FROM reflections ORDER BY day"))
        ]
        if progress:
            progress(4, 6)
        doc["prompt_events"] = [
            {"id": eid, "prompt_id": prompt_id, "theme": theme, "shown_at": db_to_iso(shown),
             "response": response, "responded_at": db_to_iso(responded), "why": why}
            for eid, prompt_id, theme, shown, response, responded, why in _rows(conn, (
                "SELECT id, prompt_id, theme, shown_at, response, responded_at, why "
                "FROM prompt_events ORDER BY shown_at, id"))
        ]
        if progress:
            progress(5, 6)
        doc["custom_prompts"] = [
            {"id": cid, "theme": theme, **json.loads(data)}
            for cid, theme, data in _rows(conn, "SELECT id, theme, data FROM custom_prompts "
                                                "ORDER BY id")
        ]
    return doc
