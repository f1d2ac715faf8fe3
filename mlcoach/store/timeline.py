"""The timeline: every moment, prompt, suggestion and reflection in one list, page by page.

One SQL ``UNION ALL`` over the four tables, newest first, read a page at a time
with keyset pagination (each arm walks its time index), so the first page of a
ten-year store costs a few milliseconds. With a search text the list can
instead be ordered by FTS5's bm25 rank: the best matches are taken from
``search_fts`` a chunk at a time and only those rows are joined. Matches are ranked in
bands of the newest few thousand (search.RANK_BAND), so a search stays as fast at thirty
years as at ten.
"""

from __future__ import annotations

import contextlib
import logging
import unicodedata
from collections import namedtuple
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from mlcoach.domain.errors import StoreUnavailableError
from mlcoach.domain.model import Kind, Outcome, Response
from mlcoach.domain.text import clean_tag
from mlcoach.domain.timestamps import from_db, to_db
from mlcoach.store.search import (
    BAND_WHERE,
    PERSON_ID,
    fts_query,
    is_token_char,
    person_params,
    query_words,
)

if TYPE_CHECKING:
    from mlcoach.store.core import Store
    from mlcoach.store.light import LightStore

__all__ = [
    "PAGE_SIZE",
    "Cursor",
    "EntryKind",
    "FilterChoices",
    "Timeline",
    "TimelineEntry",
    "TimelineFilter",
    "TimelinePage",
    "excerpt",
    "highlight_spans",
]

logger = logging.getLogger(__name__)

PAGE_SIZE = 200
_RANK_CHUNK = 200  # FTS hits taken per step in rank order (doubles while filters drop them)


class EntryKind(StrEnum):
    """What a timeline row is."""

    MOMENT = "moment"
    PROMPT = "prompt"
    SUGGESTION = "suggestion"
    REFLECTION = "reflection"


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One row of the timeline; `when` is aware UTC.

    `text` is the moment's text, the suggestion's change, the prompt's title (its
    id when no title is known) or the reflection's answers joined by newlines.
    """

    kind: EntryKind
    id: str
    when: datetime
    text: str
    detail: str = ""  # a suggestion's composed wording
    person: str | None = None
    tags: tuple[str, ...] = ()
    outcome: Outcome | None = None
    theme: str | None = None
    moment_kind: Kind | None = None
    response: Response | None = None
    energy: int | None = None
    planned: bool = False
    score: float | None = None  # bm25 (lower is better) when ordered by rank


@dataclass(frozen=True, slots=True)
class TimelineFilter:
    """What to show. Filters that only some entries carry leave the others out.

    `person` (a name) or `person_id` (who a window holds, though renamed since) and
    `outcome` keep moments and suggestions; `moment_kind` and `tag`
    keep moments; `theme` keeps prompts and moments captured from a prompt; a
    search `query` keeps moments, suggestions and reflections. `until` is
    exclusive. With a query, `best_first` orders by rank instead of time.
    """

    query: str = ""
    kinds: frozenset[EntryKind] = frozenset(EntryKind)
    moment_kind: Kind | None = None
    person: str | None = None
    tag: str | None = None
    theme: str | None = None
    outcome: Outcome | None = None
    since: datetime | None = None
    until: datetime | None = None
    best_first: bool = True
    person_id: str | None = None

    @property
    def by_person(self) -> bool:
        """Whether a person is filtered by (by name or by id)."""
        return self.person is not None or self.person_id is not None

    @property
    def match(self) -> str:
        """The FTS5 MATCH expression for `query` ("" when there is none)."""
        return fts_query(self.query)

    @property
    def ranked(self) -> bool:
        """Whether rows come in rank order."""
        return self.best_first and bool(self.match)


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where the next page starts: after a row (time order) or after N hits (rank order)."""

    after: tuple[str, str] | None = None  # (stored time, id) of the last row
    hits: int = 0


@dataclass(frozen=True, slots=True)
class TimelinePage:
    """One page of entries and the cursor for the next (None at the end)."""

    entries: list[TimelineEntry]
    next: Cursor | None


@dataclass(frozen=True, slots=True)
class FilterChoices:
    """Values worth offering in the filter lists, most used first where it matters."""

    people: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    #: `people`'s ids, in the same order: what a window filters by.
    person_ids: list[str] = field(default_factory=list)


# -- SQL -------------------------------------------------------------------------------

# Every arm yields the same columns: k, id, ts, body, detail, person, outcome, theme,
# sub (moment kind / prompt response), energy, planned, tags (joined by U+001F), score.
_ARMS: dict[EntryKind, tuple[str, str, str, str]] = {
    # kind: (select list, from clause, time column, id column)
    EntryKind.MOMENT: (
        "'moment' AS k, mo.id AS id, mo.created_at AS ts, mo.text AS body, '' AS detail, "
        "pm.name AS person, mo.outcome AS outcome, pp.theme AS theme, mo.kind AS sub, "
        "NULL AS energy, mo.planned AS planned, "
        "(SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM moment_tags "
        "WHERE moment_id = mo.id ORDER BY position)) AS tags",
        "moments mo LEFT JOIN people pm ON pm.id = mo.person_id "
        "LEFT JOIN prompt_events pp ON pp.id = mo.prompt_event_id",
        "mo.created_at", "mo.id",
    ),
    EntryKind.PROMPT: (
        "'prompt' AS k, pe.id AS id, pe.shown_at AS ts, pe.prompt_id AS body, "
        "pe.why AS detail, NULL AS person, NULL AS outcome, pe.theme AS theme, "
        "pe.response AS sub, NULL AS energy, 0 AS planned, NULL AS tags",
        "prompt_events pe",
        "pe.shown_at", "pe.id",
    ),
    EntryKind.SUGGESTION: (
        "'suggestion' AS k, su.id AS id, su.created_at AS ts, su.change AS body, "
        "su.text AS detail, ps.name AS person, su.outcome AS outcome, NULL AS theme, "
        "su.style AS sub, NULL AS energy, 0 AS planned, NULL AS tags",
        "suggestions su LEFT JOIN people ps ON ps.id = su.person_id",
        "su.created_at", "su.id",
    ),
    EntryKind.REFLECTION: (
        "'reflection' AS k, re.id AS id, re.created_at AS ts, "
        "re.went_well || char(10) || re.differently || char(10) || re.intention AS body, "
        "'' AS detail, NULL AS person, NULL AS outcome, NULL AS theme, NULL AS sub, "
        "re.energy AS energy, 0 AS planned, NULL AS tags",
        "reflections re",
        "re.created_at", "re.id",
    ),
}




def _arm_conditions(kind: EntryKind, f: TimelineFilter) -> list[str] | None:
    """WHERE terms for one arm, or None when the filters leave this kind out."""
    if kind not in f.kinds:
        return None
    moment_only = f.moment_kind is not None or f.tag is not None
    if kind is not EntryKind.MOMENT and moment_only:
        return None
    if kind in (EntryKind.PROMPT, EntryKind.REFLECTION) and (
        f.by_person or f.outcome is not None
    ):
        return None
    if kind in (EntryKind.SUGGESTION, EntryKind.REFLECTION) and f.theme is not None:
        return None
    if kind is EntryKind.PROMPT and f.match:
        return None
    _, _, ts, _ = _ARMS[kind]
    where: list[str] = []
    if f.since is not None:
        where.append(f"{ts} >= :since")
    if f.until is not None:
        where.append(f"{ts} < :until")
    if kind is EntryKind.MOMENT:
        if f.moment_kind is not None:
            # Unary +: walk the time index and test the kind, rather than sort a whole kind.
            where.append("+mo.kind = :moment_kind")
        if f.tag is not None:
            where.append("+mo.id IN (SELECT moment_id FROM moment_tags WHERE tag = :tag)")
        if f.theme is not None:
            where.append("pp.theme = :theme")
    if kind is EntryKind.PROMPT and f.theme is not None:
        where.append("pe.theme = :theme")
    alias = {EntryKind.MOMENT: "mo", EntryKind.SUGGESTION: "su"}.get(kind)
    if alias is not None:
        if f.person_id is not None:  # who the window holds: renamed since, still them
            where.append(f"{alias}.person_id = :person_id")
        elif f.person is not None:
            where.append(f"{alias}.person_id = {PERSON_ID}")
        if f.outcome is not None:
            where.append(f"{alias}.outcome = :outcome")
    return where


def _params(f: TimelineFilter) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if f.since is not None:
        params["since"] = to_db(f.since)
    if f.until is not None:
        params["until"] = to_db(f.until)
    if f.moment_kind is not None:
        params["moment_kind"] = f.moment_kind.value
    if f.tag is not None:
        params["tag"] = clean_tag(f.tag)
    if f.theme is not None:
        params["theme"] = f.theme
    if f.person_id is not None:
        params["person_id"] = f.person_id
    elif f.person is not None:
        params.update(person_params(f.person))
    if f.outcome is not None:
        params["outcome"] = f.outcome.value
    if f.match:
        params["q"] = f.match
    return params


def _arms_sql(f: TimelineFilter, hits: str | None, *, keyset: bool = False,
              ids: bool = False, count: bool = False) -> list[str]:
    """One SELECT per kind the filters keep; `hits` names a CTE of FTS hits to join."""
    parts = []
    for kind, (cols, source, ts, id_col) in _ARMS.items():
        where = _arm_conditions(kind, f)
        if where is None:
            continue
        score = "NULL AS score"
        if hits is not None:
            source += f" JOIN {hits} h ON h.entity = '{kind.value}' AND h.ref = {id_col}"
            score = "h.score AS score"
        if keyset:
            # The first term lets SQLite walk the time index; the row value breaks ties.
            where += [f"{ts} <= :after_ts",
                      f"({ts}, {id_col}) < (:after_ts, :after_id)"]
        if ids:
            where.append(f"{id_col} = :one_id")
        sql = "SELECT 1 FROM " + source if count else f"SELECT {cols}, {score} FROM {source}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        parts.append(sql)
    return parts


_ALL_HITS = (
    "hits AS MATERIALIZED (SELECT entity, ref, bm25(search_fts) AS score "
    "FROM search_fts WHERE search_fts MATCH :q)"
)
_TOP_HITS = (  # a chunk of one band of matches (search.RANK_BAND), best first
    "hits AS MATERIALIZED (SELECT entity, ref, rank AS score FROM search_fts "
    f"WHERE search_fts MATCH :q AND {BAND_WHERE} ORDER BY rank LIMIT :chunk OFFSET :skip)"
)
_TIME_ORDER = " ORDER BY ts DESC, id DESC"  # ids are UUIDs: (ts, id) is a total order


_ROW_TYPES: dict[tuple[str, ...], Any] = {}


def _named(cursor: Any, row: tuple[Any, ...]) -> Any:
    """Rows whose columns read as attributes (r.ts, r.id), like SQLAlchemy's."""
    names = tuple(d[0] for d in cursor.description)
    kind = _ROW_TYPES.get(names)
    if kind is None:
        kind = _ROW_TYPES.setdefault(names, namedtuple("Row", names, rename=True))
    return kind(*row)


def _rows(conn: Any, sql: str, params: Mapping[str, Any] | None = None) -> list[Any]:
    cur = conn.cursor()
    try:
        cur.row_factory = _named
        return list(cur.execute(sql, dict(params or {})).fetchall())
    finally:
        cur.close()


class Timeline:
    """Reads the timeline from a store; safe to call from a worker thread.

    Args:
        prompt_titles: prompt id -> the words to show for a prompt event.
    """

    def __init__(self, store: Store | LightStore,
                 prompt_titles: Mapping[str, str] | None = None, *,
                 keep_connection: bool = False) -> None:
        self.store = store
        self.prompt_titles = dict(prompt_titles or {})
        # A window keeps one connection while it is open: SQLCipher's page cache stays
        # warm between pages (a fresh connection decrypts the FTS index pages again).
        self._kept = store.keep_connection() if keep_connection else None

    def release(self) -> None:
        """Close the kept connection (the window closed); the next call opens it again."""
        if self._kept is not None:
            self._kept.release()

    @contextlib.contextmanager
    def _conn(self) -> Iterator[Any]:
        if self._kept is not None:
            import sqlcipher3.dbapi2 as sqlcipher

            with self._kept.use() as conn:
                try:
                    yield conn
                except sqlcipher.Error as exc:
                    raise StoreUnavailableError("the data file could not be read ({detail})",
                                                detail=str(exc)) from exc
        else:
            with self.store.connection() as conn:
                yield conn

    # -- reading ------------------------------------------------------------------------

    def count(self, filters: TimelineFilter) -> int:
        """How many entries the filters keep."""
        parts = _arms_sql(filters, "hits" if filters.match else None, count=True)
        if not parts:
            return 0
        with_ = f"WITH {_ALL_HITS} " if filters.match else ""
        sql = f"{with_}SELECT count(*) FROM ({' UNION ALL '.join(parts)})"
        with self._conn() as conn:
            return int(_rows(conn, sql, _params(filters))[0][0])

    def page(self, filters: TimelineFilter, offset: int = 0,
             limit: int = PAGE_SIZE) -> list[TimelineEntry]:
        """Entries `offset` to `offset + limit` in the filters' order."""
        if filters.ranked:
            entries: list[TimelineEntry] = []
            cursor: Cursor | None = Cursor()
            while cursor is not None and len(entries) < offset + limit:
                got = self.next_page(filters, cursor, offset + limit - len(entries))
                entries += got.entries
                cursor = got.next
            return entries[offset : offset + limit]
        parts = _arms_sql(filters, "hits" if filters.match else None)
        if not parts:
            return []
        with_ = f"WITH {_ALL_HITS} " if filters.match else ""
        sql = f"{with_}{' UNION ALL '.join(parts)}{_TIME_ORDER} LIMIT :limit OFFSET :offset"
        params = {**_params(filters), "limit": limit, "offset": offset}
        with self._conn() as conn:
            return self._entries(_rows(conn, sql, params), filters)

    def next_page(self, filters: TimelineFilter, cursor: Cursor | None = None,
                  limit: int = PAGE_SIZE) -> TimelinePage:
        """The page after `cursor` (None: the first page) and the cursor after it."""
        cursor = cursor or Cursor()
        if filters.ranked:
            return self._ranked_page(filters, cursor, limit)
        parts = _arms_sql(filters, "hits" if filters.match else None,
                          keyset=cursor.after is not None)
        if not parts:
            return TimelinePage([], None)
        with_ = f"WITH {_ALL_HITS} " if filters.match else ""
        sql = f"{with_}{' UNION ALL '.join(parts)}{_TIME_ORDER} LIMIT :limit"
        params = {**_params(filters), "limit": limit}
        if cursor.after is not None:
            params.update(zip(("after_ts", "after_id"), cursor.after, strict=True))
        with self._conn() as conn:
            rows = _rows(conn, sql, params)
        entries = self._entries(rows, filters)
        if len(rows) < limit:
            return TimelinePage(entries, None)
        last = rows[-1]
        return TimelinePage(entries, Cursor(after=(str(last.ts), str(last.id))))

    def _ranked_page(self, filters: TimelineFilter, cursor: Cursor,
                     limit: int) -> TimelinePage:
        """Best matches first: take FTS hits in rank order until `limit` rows pass the
        filters. Hits are ranked a band at a time (search.RANK_BAND), newest band first;
        `Cursor.hits` counts hits in that order."""
        from mlcoach.store.search import RANK_BAND  # read when called (tests narrow it)

        parts = _arms_sql(filters, "hits")
        if not parts:
            return TimelinePage([], None)
        sql = (f"WITH {_TOP_HITS} {' UNION ALL '.join(parts)} "
               "ORDER BY score, ts DESC, id DESC")
        entries: list[TimelineEntry] = []
        skip, chunk = cursor.hits, max(limit, _RANK_CHUNK)
        with self._conn() as conn:
            total = int(_rows(conn, "SELECT count(*) FROM search_fts WHERE search_fts MATCH :q",
                              {"q": filters.match})[0][0])
            while skip < total and len(entries) < limit:
                band_start = skip - skip % RANK_BAND
                take = min(chunk, band_start + RANK_BAND - skip)  # never across a band
                params = {**_params(filters), "band": RANK_BAND, "band_start": band_start,
                          "chunk": take, "skip": skip - band_start}
                rows = _rows(conn, sql, params)
                entries += self._entries(rows, filters)
                skip += take
                chunk *= 2  # the filters dropped most hits: look further at once
        return TimelinePage(entries, Cursor(hits=skip) if skip < total else None)

    def entry(self, kind: EntryKind, entry_id: str) -> TimelineEntry | None:
        """One entry by kind and id (after an edit or an undo)."""
        filters = TimelineFilter(kinds=frozenset({kind}))
        parts = _arms_sql(filters, None, ids=True)
        with self._conn() as conn:
            rows = _rows(conn, parts[0], {"one_id": entry_id})
        found = self._entries(rows, filters)
        return found[0] if found else None

    def choices(self) -> FilterChoices:
        """People, tags and themes that occur, for the filter lists."""
        with self._conn() as conn:
            people = _rows(conn, "SELECT id, name FROM people WHERE archived = 0 "
                                 "ORDER BY name_key")
            tags = [r[0] for r in _rows(
                conn, "SELECT tag FROM moment_tags GROUP BY tag ORDER BY count(*) DESC, tag")]
            themes = [r[0] for r in _rows(
                conn, "SELECT DISTINCT theme FROM prompt_events ORDER BY theme")]
        return FilterChoices([r[1] for r in people], tags, themes, [r[0] for r in people])

    def people_matching(self, query: str, limit: int = 5) -> list[str]:
        """Names of people whose name or notes match `query` (words as prefixes)."""
        terms = _terms(query)
        if not terms:
            return []
        with self._conn() as conn:
            rows = _rows(conn, "SELECT name, notes FROM people WHERE archived = 0 "
                               "ORDER BY name_key")
        found = []
        for name, notes in rows:
            words = {_fold(w) for w in _words(f"{name} {notes}")}
            if all(any(w.startswith(t) for w in words) for t in terms):
                found.append(str(name))
        return found[:limit]

    # -- rows to entries ------------------------------------------------------------------

    def _entries(self, rows: Sequence[Any], filters: TimelineFilter) -> list[TimelineEntry]:
        ranked = filters.ranked
        out = []
        for r in rows:
            kind = EntryKind(r.k)
            body = str(r.body)
            if kind is EntryKind.PROMPT:
                body = self.prompt_titles.get(body, body)
            elif kind is EntryKind.REFLECTION:
                body = "\n".join(part for part in body.split("\n") if part.strip())
            out.append(TimelineEntry(
                kind=kind, id=r.id, when=_when(r.ts), text=body,
                detail=str(r.detail or ""), person=r.person,
                tags=tuple(r.tags.split("\x1f")) if r.tags else (),
                outcome=Outcome(r.outcome) if r.outcome else None, theme=r.theme,
                moment_kind=Kind(r.sub) if kind is EntryKind.MOMENT else None,
                response=Response(r.sub) if kind is EntryKind.PROMPT else None,
                energy=r.energy, planned=bool(r.planned),
                score=float(r.score) if ranked and r.score is not None else None,
            ))
        return out


# -- highlighting ----------------------------------------------------------------------


def _fold(word: str) -> str:
    """Casefold and drop diacritics, like FTS5's unicode61 tokenizer (remove_diacritics 2)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    # "ı" as "i": the search finds either (store.search._any_i), so both are marked
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ı", "i")


def _words(value: str) -> list[str]:
    return "".join(ch if is_token_char(ch) else " " for ch in value).split()


def _terms(query: str) -> list[str]:
    """The folded words of a search, as store.fts_query reads them."""
    return [_fold(w) for w in query_words(query)]


def highlight_spans(value: str, query: str) -> list[tuple[int, int]]:
    """(start, end) of each word in `value` that a search for `query` matched as a prefix."""
    terms = _terms(query)
    if not terms:
        return []
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for i, ch in enumerate([*value, " "]):
        if is_token_char(ch):
            if start is None:
                start = i
            continue
        if start is not None:
            word = _fold(value[start:i])
            if any(word.startswith(t) for t in terms):
                spans.append((start, i))
            start = None
    return spans


def excerpt(value: str, spans: Iterable[tuple[int, int]],
            lead: int = 30) -> tuple[str, list[tuple[int, int]]]:
    """`value` on one line, starting a little before the first match; spans moved along."""
    flat = " · ".join(line.strip() for line in value.splitlines() if line.strip())
    # Re-find spans in the flattened text: joining changed the offsets.
    mapping = _offset_map(value, flat)
    moved = [(mapping[a], mapping[b]) for a, b in spans if a in mapping and b in mapping]
    if not moved or moved[0][0] <= lead:
        return flat, moved
    cut = moved[0][0] - lead
    space = flat.rfind(" ", 0, cut + 10)
    if cut - 10 < space < cut + 10:
        cut = space + 1
    return "…" + flat[cut:], [(a - cut + 1, b - cut + 1) for a, b in moved]


def _offset_map(original: str, flat: str) -> dict[int, int]:
    """Offsets in `original` -> offsets in `flat` for characters both share."""
    mapping: dict[int, int] = {}
    pos = 0
    for line_start, line in _lines_with_offsets(original):
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        found = flat.find(stripped, pos)
        if found < 0:
            continue
        for j in range(len(stripped) + 1):
            mapping[line_start + lead + j] = found + j
        pos = found + len(stripped)
    return mapping


def _lines_with_offsets(value: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for line in value.splitlines(keepends=True):
        out.append((start, line.rstrip("\r\n")))
        start += len(line)
    return out


def _when(value: Any) -> datetime:
    when = from_db(value)
    if when is None:
        raise ValueError(f"not a stored timestamp: {value!r}")
    return when
