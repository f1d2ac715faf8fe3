"""History from other journals: jrnl's JSON export and Day One's JSON export (or its zip).

Each entry becomes a moment with its date and tags, under an id derived from the
entry itself (jrnl: its date, time and text; Day One: its uuid), so importing the
same file twice adds nothing. The result is an ordinary mlcoach export document,
validated and imported by `exporting` like a native export: all or nothing.
"""

from __future__ import annotations

import json
import re
import uuid
import zipfile
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mlcoach.domain.errors import UsageError
from mlcoach.domain.model import Person
from mlcoach.domain.text import MAX_TAG, MAX_TEXT, clean_tag, hidden_character
from mlcoach.transfer.exporting import (
    FORMAT,
    MAX_YEAR,
    MIN_YEAR,
    VERSION,
    ImportError_,
    validate_export,
)

#: A journal file (or the JSON inside a zip) larger than this is refused unread. Reading
#: takes about 25 times the file's size in memory (200k jrnl entries, 27 MB: 600 MB).
MAX_BYTES = 32 * 1024 * 1024
#: A zip holding more files than this is refused before its list is read: zipfile keeps
#: every entry of it in memory (a million empty entries: 546 MB and 20 s). A Day One
#: export holds one JSON per journal and its photos, audio and PDFs.
MAX_ZIP_ENTRIES = 100_000
#: Tag given to entries the other journal marked as starred.
STAR_TAG = "starred"
# Ids are uuid5 in this namespace: the same entry gives the same moment id every time.
_NAMESPACE = uuid.UUID("6f0c2b1e-8d4a-5f3b-9c7e-2a1d0e4b5c6f")
_DAYONE_MEDIA = re.compile(r"!\[[^\]]*\]\(dayone-moment:[^)]*\)")
_DAYONE_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")

#: Finds the saved people a tag names (a name, or a "first.last"-style handle).
PeopleMatcher = Callable[[str], str | None]


class _Why(ImportError_):
    """What is wrong with a journal file: the detail of `_fail`'s sentence, translated
    with it (a separate template, so the UI says the whole line in the user's language)."""


def _fail(source: str, why: _Why) -> ImportError_:
    label = "jrnl" if source == "jrnl" else "Day One"
    return ImportError_("not a {label} JSON export: {why}", label=label, why=why)


def _read_limited(path: Path) -> bytes:
    from mlcoach.system.reading import read_at_most

    try:
        data = read_at_most(path, MAX_BYTES)  # a pipe nobody writes to ends at once
    except OSError as exc:
        raise ImportError_("could not read {path} ({reason})", path=path,
                           reason=exc.strerror or exc) from exc
    if len(data) > MAX_BYTES:
        raise ImportError_("the file is larger than {size} MB", size=MAX_BYTES // (1024 * 1024))
    return data


def zip_entry_count(path: Path) -> int | None:
    """How many files the zip at `path` says it holds, from its end record (and the
    zip64 one), read without its list; None when the record is not found (zipfile then
    says what is wrong). zipfile keeps this record to itself."""
    with path.open("rb") as f:
        f.seek(0, 2)
        size = f.tell()
        tail_start = max(0, size - (22 + 0xFFFF))  # the record, then a comment of ≤ 64 KB
        f.seek(tail_start)
        tail = f.read()
        at = tail.rfind(b"PK\x05\x06")
        # the record whose comment length reaches the end (a comment may hold the marker)
        while at >= 0 and at + 22 + int.from_bytes(tail[at + 20 : at + 22], "little") \
                != len(tail):
            at = tail.rfind(b"PK\x05\x06", 0, at)
        if at < 0:
            return None
        count = int.from_bytes(tail[at + 10 : at + 12], "little")
        if count != 0xFFFF or at < 20 or tail[at - 20 : at - 16] != b"PK\x06\x07":
            return count
        record = int.from_bytes(tail[at - 12 : at - 4], "little")  # the zip64 end record
        if record > size - 56:
            return None
        f.seek(record)
        zip64 = f.read(56)
        if zip64[:4] != b"PK\x06\x06":
            return None
        return int.from_bytes(zip64[32:40], "little")


def _json(data: bytes, source: str) -> Any:
    if not data.strip():
        raise _fail(source, _Why("the file is empty"))
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise _fail(source, _Why("not UTF-8 text")) from exc
    except RecursionError as exc:
        raise _fail(source, _Why("nested too deeply")) from exc
    except ValueError as exc:
        if "digits" in str(exc):  # Python's own advice on int_max_str_digits
            raise _fail(source, _Why("a number has too many digits")) from exc
        raise _fail(source, _Why("not valid JSON ({detail})",
                                  detail=" ".join(str(exc).split())[:120])) from exc


def _dayone_documents(path: Path) -> list[Any]:
    """The journal documents in a Day One export: the .json itself, or each in its zip."""
    # A zip is looked for in regular files only: is_zipfile reads an endless device or a
    # pipe to its end, where the bounded read below stops at MAX_BYTES.
    if not (path.is_file() and zipfile.is_zipfile(path)):
        data = _read_limited(path)
        if data.startswith(b"PK\x03\x04"):  # a zip without its end: cut short in a copy
            raise _fail("dayone", _Why("a zip archive that is cut short or damaged"))
        return [_json(data, "dayone")]
    documents: list[Any] = []
    total = 0
    try:
        entries = zip_entry_count(path)
        if entries is not None and entries > MAX_ZIP_ENTRIES:
            raise _fail("dayone", _Why("the zip holds {count} files; at most {limit} are read",
                                       count=entries, limit=MAX_ZIP_ENTRIES))
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.is_dir() or not info.filename.lower().endswith(".json"):
                    continue  # photos, audio, PDFs
                total += info.file_size
                if total > MAX_BYTES:
                    raise ImportError_("the file is larger than {size} MB",
                                       size=MAX_BYTES // (1024 * 1024))
                with archive.open(info) as member:
                    data = member.read(MAX_BYTES + 1)
                if len(data) > info.file_size or len(data) > MAX_BYTES:
                    raise _fail("dayone", _Why("{name} is not what the zip says it is",
                                                     name=info.filename))
                documents.append(_json(data, "dayone"))
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError) as exc:
        raise _fail("dayone", _Why("the zip cannot be read ({reason})", reason=exc)) from exc
    if not documents:
        raise _fail("dayone", _Why("the zip holds no journal .json"))
    return documents


def _tag(raw: str) -> str | None:
    """A tag as mlcoach keeps it (no symbol, no spaces), or None when nothing is left."""
    tag = "-".join(raw.strip().lstrip("#@").split()).casefold()
    tag.encode("utf-8")  # half a character raises (not is_text): the file is refused whole
    tag = "".join(ch for ch in tag if not hidden_character(ch))[:MAX_TAG]  # "ops\u200b": ops
    try:
        return clean_tag(tag)
    except UsageError:  # nothing that shows is left
        return None


def _text(text: str, source: str, number: int) -> str:
    text = text.replace("\x00", "").strip()
    if not text:
        return ""
    if len(text) > MAX_TEXT:
        raise _fail(source, _Why("entry {number} is longer than {limit} characters",
                                  number=number, limit=MAX_TEXT))
    return text


def _moment(source: str, key: str, text: str, when: datetime, person: str | None,
            tags: Sequence[str]) -> dict[str, Any]:
    return {"id": str(uuid.uuid5(_NAMESPACE, f"{source}\0{key}")), "text": text,
            "kind": "other", "created_at": when.isoformat(), "person": person,
            "tags": list(dict.fromkeys(t for t in tags if t))}


def jrnl_moments(doc: Any, tz: tzinfo, person_for: PeopleMatcher) -> list[dict[str, Any]]:
    """Moments from `jrnl --export json`: {"tags": {...}, "entries": [{"date", "time",
    "title", "body", "tags", "starred"}]}; jrnl's times are local (`tz`)."""
    if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
        raise _fail("jrnl", _Why('no "entries" list'))
    moments: list[dict[str, Any]] = []
    for i, entry in enumerate(doc["entries"]):
        number = i + 1
        if not isinstance(entry, dict):
            raise _fail("jrnl", _Why("entry {number} is not an object", number=number))
        title, body = entry.get("title", ""), entry.get("body", "")
        day, clock, tags = entry.get("date"), entry.get("time", "00:00"), entry.get("tags", [])
        if not all(isinstance(v, str) for v in (title, body, day, clock)) or not (
                isinstance(tags, list) and all(isinstance(t, str) for t in tags)):
            raise _fail("jrnl", _Why("entry {number} has a field of the wrong type",
                                         number=number))
        try:
            at = time.fromisoformat(clock)  # "09:00", or "09:00+05:00" with its own offset
            when = datetime.combine(date.fromisoformat(str(day)), at.replace(tzinfo=None),
                                    tzinfo=at.tzinfo or tz)
            _check_year(when, "jrnl", number)
        except ValueError as exc:
            raise _fail("jrnl", _Why("entry {number} has no valid date and time",
                                         number=number)) from exc
        text = _text(f"{title}\n{body}" if body.strip() else title, "jrnl", number)
        if not text:
            continue  # jrnl cannot write an empty entry; nothing to keep
        person = None
        kept: list[str | None] = []
        for raw in tags:
            found = person_for(raw[1:]) if raw.startswith("@") and person is None else None
            if found:
                person = found
            else:
                kept.append(_tag(raw))
        if entry.get("starred") is True:
            kept.append(STAR_TAG)
        key = f"{day}T{clock}\0{title}\0{body}"
        moments.append(_moment("jrnl", key, text, when, person, [t for t in kept if t]))
    return moments


def _check_year(when: datetime, source: str, number: int) -> None:
    """The years a moment may have (the export format's); said of the entry, not of the
    document it becomes."""
    if not MIN_YEAR <= when.year <= MAX_YEAR:
        raise _fail(source, _Why("entry {number} is dated {year}, outside the years {low} to "
                                 "{high}", number=number, year=when.year, low=MIN_YEAR,
                                 high=MAX_YEAR))


def _dayone_time(entry: dict[str, Any], number: int) -> datetime:
    raw = entry.get("creationDate")
    if not isinstance(raw, str):
        raise _fail("dayone", _Why("entry {number} has no creationDate", number=number))
    try:
        when = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError as exc:
        raise _fail("dayone", _Why("entry {number} has no valid creationDate",
                                   number=number)) from exc
    if when.tzinfo is None:
        raise _fail("dayone", _Why("the creationDate of entry {number} has no time zone",
                                   number=number))
    _check_year(when, "dayone", number)
    zone = entry.get("timeZone")
    if isinstance(zone, str) and zone:
        try:
            return when.astimezone(ZoneInfo(zone))  # the time as the writer saw it
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Europe" is a
            pass  # folder of the tzdata package; an unknown zone keeps the given offset
    return when


def dayone_moments(documents: Sequence[Any]) -> list[dict[str, Any]]:
    """Moments from Day One's export: {"metadata": {...}, "entries": [{"uuid",
    "creationDate", "timeZone", "text", "tags", "starred", ...}]} per journal."""
    moments: list[dict[str, Any]] = []
    seen: dict[str, tuple[int, dict[str, Any]]] = {}  # uuid -> its first entry and moment
    for doc in documents:
        if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
            raise _fail("dayone", _Why('no "entries" list'))
        for i, entry in enumerate(doc["entries"]):
            number = i + 1
            if not isinstance(entry, dict):
                raise _fail("dayone", _Why("entry {number} is not an object",
                                                number=number))
            key, text, tags = entry.get("uuid"), entry.get("text", ""), entry.get("tags", [])
            if not isinstance(key, str) or not key.strip():
                raise _fail("dayone", _Why("entry {number} has no uuid", number=number))
            if not isinstance(text, str) or not (
                    isinstance(tags, list) and all(isinstance(t, str) for t in tags)):
                raise _fail("dayone", _Why("entry {number} has a field of the wrong type",
                                                number=number))
            when = _dayone_time(entry, number)
            plain = _DAYONE_ESCAPE.sub(r"\1", _DAYONE_MEDIA.sub("", text))
            plain = _text(plain, "dayone", number)
            if not plain:
                continue  # a photo-only entry: no words to keep
            kept = [_tag(t) for t in tags]
            if entry.get("starred") is True:
                kept.append(STAR_TAG)
            moment = _moment("dayone", key.strip(), plain, when, None, [t for t in kept if t])
            first = seen.get(key.strip())
            if first is not None:  # one id, two entries: one would silently replace the other
                if first[1] == moment:
                    continue  # the same entry twice (a journal exported twice)
                raise _fail("dayone", _Why("entries {first} and {number} have the same uuid "
                                           "but differ", first=first[0], number=number))
            seen[key.strip()] = (number, moment)
            moments.append(moment)
    return moments


def person_matcher(people: Sequence[Person]) -> PeopleMatcher:
    """A tag ("ana", "ana.silva", "Ana_Silva") -> the one saved person it names, or None;
    matched as meeting attendees are (store.people_insights)."""
    from mlcoach.store.people_insights import people_among

    def person_for(handle: str) -> str | None:
        if not people or not handle.strip():
            return None
        found = people_among(people, [f"{handle}@tag"]) or people_among(people, [handle])
        return found[0].name if len(found) == 1 else None

    return person_for


def guess_source(path: Path) -> str | None:
    """"dayone", "jrnl", or None (an mlcoach export, or unknown) from the file's start."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(64 * 1024)
    except OSError:
        return None
    if head.startswith(b"PK\x03\x04"):
        return "dayone"
    if b'"mlcoach-export"' in head:
        return None
    if b'"entries"' in head:
        return "dayone" if b'"metadata"' in head or b'"creationDate"' in head else "jrnl"
    return None


def load_journal(path: Path, source: str) -> Any:
    """The file read and parsed, bounded: jrnl's JSON document, or Day One's documents;
    ImportError_ (one line) when it cannot be. Turn it into moments with
    `journal_document`."""
    if source == "jrnl":
        return _json(_read_limited(path), "jrnl")
    if source == "dayone":
        return _dayone_documents(path)
    raise ImportError_("unknown journal format {source!r} (choose from jrnl, dayone)",
                       source=source)


def journal_document(loaded: Any, source: str, tz: tzinfo,
                     person_for: PeopleMatcher) -> dict[str, Any]:
    """An mlcoach export document holding the journal's entries (`load_journal`'s result),
    validated; ImportError_ (one line) when they do not make one. Nothing is written.
    Only jrnl's @tags name people, so a Day One document never calls `person_for`."""
    try:
        moments = (jrnl_moments(loaded, tz, person_for) if source == "jrnl"
                   else dayone_moments(loaded))
    except UnicodeEncodeError as exc:  # "\udc80" in the JSON: half a character
        raise ImportError_("an entry of the {label} file holds text that is not valid "
                           "Unicode (nothing was imported)",
                           label="jrnl" if source == "jrnl" else "Day One") from exc
    unique = list({m["id"]: m for m in moments}.values())  # identical entries count once
    # Checked as built, not written out and parsed again (that took 35 times the file).
    return validate_export({"format": FORMAT, "version": VERSION, "moments": unique})


def read_journal(path: Path, source: str, tz: tzinfo,
                 person_for: PeopleMatcher) -> dict[str, Any]:
    """`load_journal` then `journal_document`, for a store already open."""
    return journal_document(load_journal(path, source), source, tz, person_for)


def no_people(_handle: str) -> None:
    """A `PeopleMatcher` for checking a file before any store is opened."""
    return None
