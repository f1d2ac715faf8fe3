"""The export format's sections read straight from the tables (SQLAlchemy Core, raw rows).

Raw rows and text rewriting keep a ten-year export fast; `mlcoach.transfer.exporting`
adds the header and settings and writes JSON, CSV or Markdown.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from sqlalchemy.engine import Connection

from mlcoach.store.core import Store

Progress = Callable[[int, int], None]


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.replace(tzinfo=timezone.utc).isoformat()


def _ts(value: Any) -> str | None:
    """A stored timestamp (naive UTC text) as ISO 8601 with its offset, like `_iso`.

    The store keeps "YYYY-MM-DD HH:MM:SS.ffffff"; rewriting that text directly is
    several times faster than parsing ten years of rows into datetimes.
    """
    if value is None:
        return None
    if isinstance(value, str) and len(value) == 26 and value[10] == " " and value[19] == ".":
        micro = value[20:]
        return (value[:10] + "T" + value[11:19] + ("" if micro == "000000" else "." + micro)
                + "+00:00")
    return _iso(value if isinstance(value, datetime) else datetime.fromisoformat(str(value)))


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
             "created_at": _ts(created), "updated_at": _ts(updated)}
            for pid, nm, style, notes, archived, created, updated in people.values()
        ]
        if progress:
            progress(1, 6)
        doc["moments"] = [
            {"id": mid, "created_at": _ts(created), "updated_at": _ts(updated), "text": text,
             "kind": kind, "person": name(pid), "person_id": pid, "style": style,
             "tags": tags.get(mid, []), "outcome": outcome, "outcome_at": _ts(outcome_at),
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
            {"id": sid, "created_at": _ts(created), "person": name(pid), "person_id": pid,
             "style": style, "change": change, "action": action, "size": size, "text": text,
             "follow_up_on": follow_up, "outcome": outcome, "outcome_at": _ts(outcome_at)}
            for (sid, created, pid, style, change, action, size, text, follow_up, outcome,
                 outcome_at) in _rows(conn, (
                "SELECT id, created_at, person_id, style, change, action, size, text, "
                "follow_up_on, outcome, outcome_at FROM suggestions ORDER BY created_at, id"))
        ]
        if progress:
            progress(3, 6)
        doc["reflections"] = [
            {"id": rid, "day": day, "created_at": _ts(created), "updated_at": _ts(updated),
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
            {"id": eid, "prompt_id": prompt_id, "theme": theme, "shown_at": _ts(shown),
             "response": response, "responded_at": _ts(responded), "why": why}
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
