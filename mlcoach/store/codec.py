"""Rows to domain objects and back, without SQLAlchemy: shared by the ORM `Store` and the
raw `LightStore`, so both read and write the same text forms.

SQLAlchemy's SQLite types store datetimes as naive UTC text (``2026-01-02 03:04:05.000006``)
and dates as ``2026-01-02``; these helpers keep to that.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, time, timezone
from typing import Any

from mlcoach.domain.enums import DayPart, Kind
from mlcoach.domain.model import Prompt, PromptText, Settings
from mlcoach.domain.text import name_key

logger = logging.getLogger(__name__)

# Moments that count as having recognised or supported someone.
RECOGNISING_KINDS = (Kind.RECOGNITION, Kind.SUPPORT)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One full-text match: what it is, its id, when, and a highlighted snippet."""

    entity: str  # moment | reflection | suggestion | person
    ref: str
    snippet: str
    rank: float
    when: datetime | None


def db_ts(value: datetime) -> str:
    """The text form SQLAlchemy's SQLite DateTime stores (naive UTC)."""
    return value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")


def parse_ts(value: Any) -> datetime | None:
    """An aware UTC datetime from what the database holds (None stays None)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        dt = value
    else:
        try:
            dt = datetime.fromisoformat(str(value))
        except ValueError:
            return None
    return dt.replace(tzinfo=timezone.utc)


def parse_day(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(str(value))


def custom_prompt(prompt_id: str, theme: str, data_json: str) -> Prompt:
    """A user's own prompt from its stored JSON."""
    data = json.loads(data_json)
    texts = {lang: PromptText(t["text"], t["try"]) for lang, t in data["texts"].items()}
    return Prompt(id=prompt_id, theme=theme, texts=texts,
                  parts=tuple(DayPart(p) for p in data.get("parts", [])) or tuple(DayPart),
                  tags=tuple(data.get("tags", [])), custom=True)


def fts_query(query: str) -> str:
    """Turn what a person types into a safe FTS5 query: every word must match, as a prefix."""
    words = [w for w in "".join(ch if ch.isalnum() else " " for ch in query).split() if w]
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words[:20])


def search_sql(match: str, *, person: str | None, kind: Kind | None,
               since: datetime | None, limit: int) -> tuple[str, dict[str, Any]]:
    """The one search statement (named parameters, for SQLAlchemy and DB-API alike)."""
    filtered = person is not None or kind is not None or since is not None
    params: dict[str, Any] = {"q": match, "limit": limit}
    if filtered:
        source = "search_fts f"
        columns = "snippet(search_fts, 2, '[', ']', '…', 12) AS snip, bm25(search_fts)"
    else:
        # FTS5 ranks and cuts to `limit` first (ORDER BY its own rank column), so only
        # those rows get a snippet and the joins: a common word matches thousands.
        source = ("(SELECT entity, ref, rank, snippet(search_fts, 2, '[', ']', '…', 12) "
                  "AS snip FROM search_fts WHERE search_fts MATCH :q "
                  "ORDER BY rank LIMIT :limit) f")
        columns = "f.snip, f.rank"
    sql = [
        f"SELECT f.entity, f.ref, {columns} AS score,",
        "COALESCE(mo.created_at, re.updated_at, su.created_at, pe.updated_at) AS ts",
        f"FROM {source}",
        "LEFT JOIN moments mo ON f.entity = 'moment' AND mo.id = f.ref",
        "LEFT JOIN reflections re ON f.entity = 'reflection' AND re.id = f.ref",
        "LEFT JOIN suggestions su ON f.entity = 'suggestion' AND su.id = f.ref",
        "LEFT JOIN people pe ON f.entity = 'person' AND pe.id = f.ref",
    ]
    if filtered:
        sql.append("WHERE search_fts MATCH :q AND f.entity = 'moment'")
    if person is not None:
        sql.append("AND mo.person_id = (SELECT id FROM people WHERE name_key = :pk)")
        params["pk"] = name_key(person)
    if kind is not None:
        sql.append("AND mo.kind = :kind")
        params["kind"] = kind.value
    if since is not None:
        sql.append("AND mo.created_at >= :since")
        params["since"] = db_ts(since)
    sql.append("ORDER BY score LIMIT :limit")
    return " ".join(sql), params


def search_hits(rows: Any) -> list[SearchHit]:
    return [SearchHit(entity, ref, snip, float(rank), parse_ts(ts))
            for entity, ref, snip, rank, ts in rows]


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    """A JSON-able dict of every setting."""
    out: dict[str, Any] = {}
    for f in fields(settings):
        value = getattr(settings, f.name)
        if isinstance(value, time):
            value = value.strftime("%H:%M")
        elif isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        out[f.name] = value
    return out


def settings_from_dict(raw: dict[str, Any]) -> Settings:
    """Merge saved values over the defaults, skipping any value of the wrong shape."""
    base = Settings()
    changes: dict[str, Any] = {}
    for f in fields(base):
        if f.name not in raw:
            continue
        default, value = getattr(base, f.name), raw[f.name]
        try:
            if isinstance(default, bool):
                ok = isinstance(value, bool)
            elif isinstance(default, int):
                ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
            elif isinstance(default, time):
                value = time.fromisoformat(value)
                ok = True
            elif isinstance(default, tuple):
                value = tuple(value)
                ok = all(isinstance(v, type(default[0]) if default else (str, int)) for v in value)
            elif f.name == "focus_until":
                value = date.fromisoformat(value) if value else None
                ok = True
            else:
                ok = isinstance(value, str)
        except (TypeError, ValueError):
            ok = False
        if ok:
            changes[f.name] = value
        else:
            logger.warning("ignoring a saved setting of the wrong shape: %s", f.name)
    return replace(base, **changes)


