"""Full-text search over moments, reflections, suggestions and people's notes (FTS5).

The SQL is built here as plain text so both the Store and a raw connection can run it.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mlcoach.domain.capture import person_keys, without_ending
from mlcoach.domain.enums import Kind
from mlcoach.domain.timestamps import from_db, to_db


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One full-text match: what it is, its id, when, and a highlighted snippet."""

    entity: str  # moment | reflection | suggestion | person
    ref: str
    snippet: str
    rank: float
    when: datetime | None


#: "Best match first" ranks the newest RANK_BAND matches together, then the next
#: RANK_BAND, and so on. FTS5 computes bm25 for every match it orders, so ranking all of
#: them grows with the years of history (19 ms at 30 years for a common word, against 6
#: ms in bands); newer matches come first when relevance cannot tell them apart anyway.
RANK_BAND = 2000

# The rowid of the match `offset` places from the newest (rowids grow as rows are indexed).
_NTH_NEWEST = ("(SELECT rowid FROM search_fts WHERE search_fts MATCH :q "
               "ORDER BY rowid DESC LIMIT 1 OFFSET {})")
#: Keeps a `search_fts MATCH :q` query to one band: the matches :band_start to
#: :band_start + :band - 1 places from the newest. FTS5 takes rowid bounds into its scan,
#: so its bm25 ordering (ORDER BY rank) and snippets cover that band alone.
BAND_WHERE = (f"search_fts.rowid <= {_NTH_NEWEST.format(':band_start')} AND search_fts.rowid >= "
              f"coalesce({_NTH_NEWEST.format(':band_start + :band - 1')}, 0)")


def is_token_char(ch: str) -> bool:
    """Whether the index's tokenizer (unicode61) keeps `ch` inside a word: letters, digits,
    private-use characters, and the combining accents it drops (U+0300–U+036F), so a word
    typed or pasted decomposed ("s" + U+0327 for "ş") is one word, as the index has it."""
    return ch.isalnum() or "\u0300" <= ch <= "\u036f" or unicodedata.category(ch) == "Co"


_TRAILING = ".,;:!?)]}\"\u201d"  # after a word typed with an ending: "Ana'ya,"


def query_words(query: str) -> list[str]:
    """The words of a search as the index reads them, composed (NFC), 20 at most. A
    word's ending after an apostrophe is left out, as a name typed on its own is read:
    "Ana'ya" finds Ana's moments, though only her name, not "ya", is in most of them."""
    composed = unicodedata.normalize("NFC", query)
    words = " ".join(without_ending(w.rstrip(_TRAILING)) for w in composed.split())
    return "".join(ch if is_token_char(ch) else " " for ch in words).split()[:20]



def fts_query(query: str) -> str:
    """Turn what a person types into a safe FTS5 query: every word must match, as a prefix,
    whichever Turkish I it was written with (see `_any_i`)."""
    return " AND ".join(_any_i(w) for w in query_words(query))


# The index folds "I" and "İ" to "i" (unicode61) but keeps "ı", a letter of its own: "Işıl"
# is indexed "isıl", "IŞIL" "isil", "ışıl" "ısıl". A word is looked for with each of its
# first few i's as either letter, as name_key folds names (Turkish pairs I with ı).
_MAX_I_SPOTS = 4  # 16 spellings at most


def _any_i(word: str) -> str:
    def quoted(w: str) -> str:
        return '"' + w.replace('"', '""') + '"*'

    base = word.replace("İ", "i").replace("I", "i").lower()
    spots = [n for n, ch in enumerate(base) if ch in "iı"][:_MAX_I_SPOTS]
    if not spots:
        return quoted(word)
    spellings = set()
    for letters in itertools.product("iı", repeat=len(spots)):
        chars = list(base)
        for spot, letter in zip(spots, letters, strict=True):
            chars[spot] = letter
        spellings.add("".join(chars))
    return "(" + " OR ".join(quoted(w) for w in sorted(spellings)) + ")"


#: The id of the person `person_params` names: by the key as typed first, then by the
#: name without a Turkish case ending ("Ana'ya": Ana), as the store looks people up.
PERSON_ID = ("(SELECT id FROM people WHERE name_key IN (:pk, :pk_bare) "
             "ORDER BY name_key = :pk DESC LIMIT 1)")


def person_params(person: str) -> dict[str, str]:
    """The parameters of `PERSON_ID` for a name typed."""
    own, bare = person_keys(" ".join(person.split()))
    return {"pk": own, "pk_bare": bare}


def search_sql(query: str, *, person: str | None = None, kind: Kind | None = None,
               since: datetime | None = None,
               limit: int = 50) -> tuple[str, dict[str, Any]] | None:
    """(SQL, named parameters) for a search, or None when the query has no words."""
    match = fts_query(query)
    if not match:
        return None
    filtered = person is not None or kind is not None or since is not None
    params: dict[str, Any] = {"q": match, "limit": limit}
    if filtered:
        source = "search_fts f"
        columns = "snippet(search_fts, 2, '[', ']', '…', 12) AS snip, bm25(search_fts)"
    else:
        # FTS5 ranks the newest band and cuts to `limit` first (ORDER BY its own rank
        # column), so only those rows get a snippet and the joins: a word may match
        # thousands.
        params.update(band=RANK_BAND, band_start=0)
        source = ("(SELECT entity, ref, rank, snippet(search_fts, 2, '[', ']', '…', 12) "
                  f"AS snip FROM search_fts WHERE search_fts MATCH :q AND {BAND_WHERE} "
                  "ORDER BY rank LIMIT :limit) f")
        columns = "f.snip, f.rank"
    when = "COALESCE(mo.created_at, re.updated_at, su.created_at, pe.updated_at)"
    sql = [
        f"SELECT f.entity, f.ref, {columns} AS score,",
        f"{when} AS ts",
        f"FROM {source}",
        "LEFT JOIN moments mo ON f.entity = 'moment' AND mo.id = f.ref",
        "LEFT JOIN reflections re ON f.entity = 'reflection' AND re.id = f.ref",
        "LEFT JOIN suggestions su ON f.entity = 'suggestion' AND su.id = f.ref",
        "LEFT JOIN people pe ON f.entity = 'person' AND pe.id = f.ref",
    ]
    if filtered:
        sql.append("WHERE search_fts MATCH :q")
    if kind is not None:  # what a moment has: moments only
        sql.append("AND f.entity = 'moment'")
    if person is not None:  # what is about them: their moments and suggestions
        sql.append(f"AND coalesce(mo.person_id, su.person_id) = {PERSON_ID}")
        params.update(person_params(person))
    if kind is not None:
        sql.append("AND mo.kind = :kind")
        params["kind"] = kind.value
    if since is not None:  # alone, a date: reflections, suggestions and people too
        sql.append(f"AND {when} >= :since")
        params["since"] = to_db(since)
    sql.append("ORDER BY score LIMIT :limit")
    return " ".join(sql), params


def hits(rows: Iterable[Sequence[Any]]) -> list[SearchHit]:
    """SearchHits from the rows of `search_sql`'s query."""
    return [SearchHit(entity, ref, snip, float(rank), from_db(ts))
            for entity, ref, snip, rank, ts in rows]
