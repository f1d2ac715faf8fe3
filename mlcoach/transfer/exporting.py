"""Export everything as JSON, CSV or a Markdown journal; import a JSON export.

The rows come from and go to `mlcoach.store.export_rows` / `import_rows` (SQLAlchemy Core
over whole tables, one transaction for an import, so it adds everything or nothing); this
module owns the formats, the header and the validation of what is imported.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlcoach import __version__
from mlcoach.domain.errors import MlcoachError, UsageError
from mlcoach.domain.i18n import N_, Phrase, translate
from mlcoach.domain.model import ChangeKind, DayPart, Kind, Outcome, Response, Size, Style, Theme
from mlcoach.domain.settings_codec import settings_to_dict
from mlcoach.domain.text import MAX_NAME, MAX_TAG, MAX_TEXT, inert, is_text, kept_name
from mlcoach.store.export_rows import SECTIONS, Progress, export_entries, export_sections
from mlcoach.system.paths import expand_user, planted_link, remove_killed_writes

if TYPE_CHECKING:  # the ORM store loads only for an import: exports run on either store
    from mlcoach.store.core import Store
    from mlcoach.store.light import LightStore

logger = logging.getLogger(__name__)

FORMAT = "mlcoach-export"
VERSION = 1
MAX_IMPORT_BYTES = 256 * 1024 * 1024
# Parsed, a JSON value costs 50-100 bytes whatever it took in the file: 255 MB of "[],"
# took 6.5 GB. A ten-year export holds about 1.1 million values (commas and brackets,
# 29 MB), thirty years about 3.3 million: ten million is room to spare, and bounded.
MAX_IMPORT_VALUES = 10_000_000
MIN_YEAR, MAX_YEAR = 1900, 2999  # imported dates outside these are refused (hostile files)
_YEARS = (MIN_YEAR, MAX_YEAR)


def _local() -> tzinfo:
    """The local zone by name (system.clock); the C library's own reading of TZ can be an
    offset Python refuses ("TZ=UTC+25": 25 hours)."""
    from mlcoach.system.clock import local_zone

    return local_zone()


def _header(now: datetime | None) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "app_version": __version__,
        "exported_at": (now or datetime.now(timezone.utc)).astimezone(_local()).isoformat(),
    }


def export_document(store: Store | LightStore, *, now: datetime | None = None,
                    progress: Progress | None = None) -> dict[str, Any]:
    """Everything in the store as one JSON-able document."""
    doc = _header(now)
    doc.update(export_sections(store, progress))
    doc["settings"] = settings_to_dict(store.settings())
    if progress:
        progress(6, 6)
    return doc


def export_json(store: Store | LightStore, *, now: datetime | None = None,
                progress: Progress | None = None) -> str:
    """The JSON export as text: one entry per line, readable and quick to write.

    The entries come as JSON text written by SQLite (`export_entries`), so Python only
    joins lines; `export_document` is the same document parsed."""
    doc: dict[str, Any] = _header(now)
    doc.update(export_entries(store, progress))
    doc["settings"] = settings_to_dict(store.settings())
    if progress:
        progress(6, 6)
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    parts = ["{\n"]  # joined once at the end: the sections are megabytes each
    for i, (key, value) in enumerate(doc.items()):
        parts.append((",\n " if i else " ") + dumps(key) + ": ")
        if key in SECTIONS:
            parts += ["[\n", value, "\n ]"] if value else ["[]"]
        else:
            parts.append(dumps(value))
    parts.append("\n}\n")
    return "".join(parts)


def refuse_data_folder(output: Path, root: Path) -> None:
    """An export never goes into the data folder: it could replace the database, store.json
    or a backup (symlinks resolved, so no other name for the folder gets past)."""
    target = expand_user(output).resolve()
    home = root.resolve()
    if target == home or home in target.parents:
        raise UsageError("cannot export into the data folder {folder}: choose another place "
                         "(nothing was written)", folder=home)


def export_target(output: Path, root: Path) -> Path:
    """The file an export to `output` writes: through a symlink to the file it names (as
    `cp` would), never into the data folder, never over a folder, a fifo or a device.
    Raises UsageError, with nothing written."""
    refuse_data_folder(output, root)
    planted = planted_link(expand_user(output))
    if planted is not None:
        raise UsageError("cannot write {path}: {link} is a link another user made in a "
                         "folder open to everyone (nothing was written)", path=output,
                         link=planted)
    target = Path(os.path.realpath(expand_user(output)))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        if not target.parent.is_dir():
            raise UsageError("cannot write {path}: there is no folder {folder} "
                             "(nothing was written)", path=output, folder=target.parent) from None
        _remove_killed_writes(target)
        return target
    except OSError as exc:
        raise UsageError("cannot write {path}: {reason}", path=output,
                         reason=exc.strerror or exc) from exc
    if stat.S_ISDIR(mode):
        raise UsageError("cannot write {path}: it is a folder; give a file name "
                         "(nothing was written)", path=output)
    if not stat.S_ISREG(mode):
        raise UsageError("cannot write {path}: it is not a regular file "
                         "(nothing was written)", path=output)
    if not mode & stat.S_IWUSR:  # made read-only to keep it: a new file would replace it
        raise UsageError("cannot write {path}: the file is read-only "
                         "(nothing was written)", path=output)
    _remove_killed_writes(target)
    return target


def write_export(output: Path, text: str, root: Path) -> Path:
    """Write `text` to `output` whole or not at all (see export_target); returns the file
    written. A failure names `output`, not the temporary file beside it."""
    from mlcoach.system.paths import atomic_write

    target = export_target(output, root)
    try:
        atomic_write(target, text)
    except OSError as exc:
        raise MlcoachError("cannot write {path}: {reason}", path=output,
                           reason=exc.strerror or exc) from exc
    return target


def _remove_killed_writes(target: Path) -> None:
    """The half-written copies that exports killed mid-write left in `target`'s folder
    (".notes.json.k2x9ab3f.mlcoach-part", the user's words, maybe in a synced folder)."""
    remove_killed_writes(target.parent)


CSV_COLUMNS = ("type", "id", "when", "text", "kind", "person", "style", "tags", "outcome",
               "detail")


def export_csv(store: Store | LightStore, tz: tzinfo | None = None, **kw: Any) -> str:
    """One CSV table: a row per moment, suggestion, reflection and person."""
    doc = export_document(store, **kw)
    out = io.StringIO()
    # RFC 4180's CRLF: the writer then quotes any cell holding a CR or an LF, which a bare
    # "\n" terminator let through unquoted (a lone CR split the row in spreadsheets).
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)

    def row(*cells: Any) -> None:  # every cell, ids and tags too: any of it may be imported
        w.writerow([_csv_safe("" if c is None else str(c)) for c in cells])

    for mo in doc["moments"]:
        row("moment", mo["id"], mo["created_at"], mo["text"], mo["kind"], mo["person"],
            mo["style"], " ".join(mo["tags"]), mo["outcome"], "planned" if mo["planned"] else "")
    for su in doc["suggestions"]:
        row("suggestion", su["id"], su["created_at"], su["change"], su["action"], su["person"],
            su["style"], "", su["outcome"], su["size"])
    for re_ in doc["reflections"]:
        text = " | ".join(x for x in (re_["went_well"], re_["differently"], re_["intention"]) if x)
        row("reflection", re_["id"], re_["day"], text, "", "", "", "", "",
            f"energy {re_['energy']}" if re_["energy"] else "")
    for pe in doc["people"]:
        row("person", pe["id"], pe["created_at"], pe["notes"], "", pe["name"], pe["style"], "",
            "", "archived" if pe["archived"] else "")
    return out.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _csv_safe(value: str) -> str:
    """Stop a spreadsheet from running a cell that starts like a formula (OWASP CSV
    injection: prefix a single quote; the csv module quotes the cell where needed)."""
    value = inert(value)  # no ESC sequence or reordering mark reaches a viewer
    return "'" + value if value.startswith(_FORMULA_START) else value


def export_markdown(store: Store | LightStore, tz: tzinfo | None = None, *,
                    language: str = "en", **kw: Any) -> str:
    """A readable journal grouped by local day, its words in `language`."""

    def say(text: str, **params: object) -> str:
        return translate(text, language, **params)

    doc = export_document(store, **kw)
    local = tz or _local()
    days: dict[str, list[str]] = {}
    for mo in doc["moments"]:
        when = datetime.fromisoformat(mo["created_at"]).astimezone(local)
        bits = [f"**{_md(say(_MD_KINDS.get(mo['kind'], mo['kind'])))}**"]
        if mo["person"]:
            bits.append(say("with {name}", name=_md(mo["person"])))
        line = f"- {when:%H:%M} {' '.join(bits)}: {_md(mo['text'])}"
        if mo["tags"]:
            line += " " + " ".join(_md(f"#{t}") for t in mo["tags"])
        if mo["outcome"]:
            line += f" — {say(_MD_OUTCOMES.get(mo['outcome'], mo['outcome']))}"
        days.setdefault(when.date().isoformat(), []).append(line)
    for re_ in doc["reflections"]:
        lines = []
        if re_["energy"]:
            lines.append("- " + say("Energy: {n}/5", n=re_["energy"]))
        for label, key in ((N_("Went well"), "went_well"), (N_("Differently"), "differently"),
                           (N_("Intention"), "intention")):
            if re_[key]:
                lines.append(f"- {say(label)}: {_md(re_[key])}")
        if lines:
            heading = say("Reflection")
            days.setdefault(re_["day"], []).append(f"\n*{heading}*\n\n" + "\n".join(lines))
    parts = [f"# {say('mlcoach journal')}\n"]
    for day in sorted(days):
        parts.append(f"\n## {day}\n\n" + "\n".join(days[day]) + "\n")
    return "".join(parts)


# The words of the Markdown journal that come from stored values.
_MD_KINDS = {"example": N_("example"), "suggestion": N_("suggestion"),
             "recognition": N_("recognition"), "support": N_("support"),
             "question": N_("question"), "delegation": N_("delegation"), "other": N_("other")}
_MD_OUTCOMES = {"followed": N_("followed"), "not_yet": N_("not yet"),
                "declined": N_("declined")}


_MD_SPECIAL = {c: "\\" + c for c in "\\`*_{}[]()#+-.!|~>:/"}
_MD_SPECIAL.update({"<": "&lt;", "&": "&amp;"})
_MD_TABLE = str.maketrans(_MD_SPECIAL)


def _md(text: str) -> str:
    """Text as Markdown shows it literally: one line, every character that could start a
    heading, list, link, image, code span, autolink or HTML escaped."""
    return inert(" ".join(text.split())).translate(_MD_TABLE)


# -- import ------------------------------------------------------------------------------

class ImportError_(MlcoachError):
    """A file that cannot be imported; nothing was changed."""


def _loads(raw: bytes) -> Any:
    """`json.loads(raw)` (UTF-8), in many short steps when `raw` has export_json's layout.

    One json.loads of a ten-year export is a single half-second call that holds
    the GIL, freezing the window while a worker imports; a line at a time does not.
    The lines stay bytes, each decoded as it is parsed: the whole file decoded at once
    was another copy, four bytes a character when one emoji made it UCS-4 (4 GB for a
    250 MB file).
    """
    try:
        doc = _loads_by_line(raw)
    except (ValueError, RecursionError):
        doc = None  # not quite that layout: json.loads decides (and names any error)
    return json.loads(raw.decode("utf-8")) if doc is None else doc


def _loads_by_line(raw: bytes) -> dict[str, Any] | None:
    """Parse "{", then members one per line (lists: an entry per line), then "}".

    Returns None, or raises ValueError, for any other layout; so valid JSON in this
    layout gives exactly what json.loads gives, and anything else goes to json.loads.
    """
    lines = raw.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    if len(lines) < 2 or lines[0] != b"{" or lines[-1] != b"}":
        return None
    doc: dict[str, Any] = {}
    i, last = 1, len(lines) - 1
    while i < last:
        line = lines[i]
        if not line.startswith(b' "'):
            return None
        if line.endswith(b": ["):  # a list, one entry per line up to " ]"
            head = _json(b"{" + line + b"]}")
            items = head[next(reversed(head))]
            i += 1
            while i < last and lines[i].startswith(b"  "):
                entry = lines[i]
                closing = i + 1 < last and lines[i + 1].startswith(b" ]")
                if entry.endswith(b",") == closing:
                    return None  # a missing or trailing comma
                items.append(_json(entry[:-1] if not closing else entry))
                lines[i] = b""  # parsed: its bytes are not needed twice
                i += 1
            if i >= last or lines[i] not in (b" ]", b" ],") or not items:
                return None
            doc.update(head)
            closed = lines[i]
        else:
            doc.update(_json(b"{" + line.removesuffix(b",") + b"}"))
            closed = line
        i += 1
        if closed.endswith(b",") != (i < last):
            return None  # members are separated by commas, the last has none
    return doc


def _json(line: bytes) -> Any:
    return json.loads(line.decode("utf-8"))


def parse_export(raw: bytes) -> dict[str, Any]:
    """Parse and validate an export file completely before anything is written."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportError_("the file is too large to be an mlcoach export")
    if not raw.strip():
        raise ImportError_("the file is empty")
    if raw.count(b",") + raw.count(b"[") + raw.count(b"{") > MAX_IMPORT_VALUES:
        raise ImportError_("the file holds more entries than an mlcoach export can "
                           "(nothing was imported)")
    try:
        doc = _loads(raw.removeprefix(b"\xef\xbb\xbf"))  # a byte-order mark, as Notepad writes
    except UnicodeDecodeError as exc:
        raise ImportError_("the file is not UTF-8 text") from exc
    except RecursionError as exc:
        raise ImportError_("the file is nested too deeply to be an mlcoach export") from exc
    except ValueError as exc:
        if "digits" in str(exc):  # not Python's advice on int_max_str_digits
            raise ImportError_("the file is not valid JSON (a number has too many digits)") \
                from exc
        raise ImportError_("the file is not valid JSON ({reason})", reason=exc) from exc
    return validate_export(doc)


def validate_export(doc: Any) -> dict[str, Any]:
    """Check a parsed export document completely (`parse_export` without the parsing)."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ImportError_("the file is not an mlcoach export (no \"format\": \"mlcoach-export\")")
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ImportError_("the export has no valid version number")
    if version > VERSION:
        raise ImportError_("the export is format version {version}, newer than this app reads "
                           "({readable}); update mlcoach", version=version, readable=VERSION)
    for section in SECTIONS:
        items = doc.get(section, [])
        if not isinstance(items, list):
            raise ImportError_("{section} must be a list", section=repr(section))
        seen: dict[Any, dict[str, Any]] = {}
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise ImportError_("{where} must be an object", where=f"{section}[{i}]")
            _VALIDATORS[section](item, f"{section}[{i}]")
            if section != "custom_prompts":  # their ids are the prompts' own names
                _canonical_ids(item)
            first = seen.setdefault(item.get("id"), item)
            if first is not item and first != item:  # which one is right? say so, keep all
                raise ImportError_("{where} has the id of an earlier entry but different "
                                   "content; nothing was imported", where=f"{section}[{i}]")
    return doc


# Ids as mlcoach writes them: lower-case UUIDs. Another tool's file may carry "m1" or an
# upper-case UUID, which `mlcoach outcome ID` could not find; each becomes the UUID it
# stands for, the same on every import of the file (so importing it again adds nothing).
_UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_ID_FIELDS = ("id", "person_id", "prompt_event_id", "suggestion_id")
_ID_NAMESPACE = "4b1d6c0e-5a7f-5e2b-8c3d-9f0a1b2c3d4e"


def _canonical_ids(item: dict[str, Any]) -> None:
    for key in _ID_FIELDS:
        value = item.get(key)
        if isinstance(value, str) and not _UUID_RE.fullmatch(value):
            item[key] = canonical_id(value)


def canonical_id(value: str) -> str:
    """`value` as a lower-case UUID: itself lower-cased when it is one, else a UUID made
    from it (version 5, so the same text always gives the same id)."""
    lowered = value.strip().lower()
    if _UUID_RE.fullmatch(lowered):
        return lowered
    import uuid

    return str(uuid.uuid5(uuid.UUID(_ID_NAMESPACE), value))


class _V:
    """Small field validators: each raises ImportError_ naming the entry and field."""

    def __init__(self, item: dict[str, Any], where: str) -> None:
        self.item, self.where = item, where

    def fail(self, key: str, why: str, **params: object) -> ImportError_:
        """`why` is an N_ template, filled from `params` (translated with the message)."""
        return ImportError_("{where}: field {key} {why}", where=self.where, key=repr(key),
                            why=Phrase(why, **params))

    def text(self, key: str, *, required: bool = True, limit: int = MAX_TEXT,
             empty_ok: bool = False) -> str | None:
        v = self.item.get(key)
        if v is None:
            if required:
                raise self.fail(key, N_("is missing"))
            return None
        if not isinstance(v, str):
            raise self.fail(key, N_("must be text"))
        if not empty_ok and not v.strip():
            raise self.fail(key, N_("is empty"))
        if len(v) > limit or "\x00" in v:
            raise self.fail(key, N_("is too long or contains a NUL character"))
        if not is_text(v):
            raise self.fail(key, N_("contains invalid characters"))
        return v

    def name(self, key: str, *, required: bool = True) -> str | None:
        """A person's name, checked as `people add` checks one, but for what a store made
        before may hold: signs alone ("---"), or a character that does not show ("Ana\x1b",
        kept as the Ana it shows as). Refused where a name is typed; a backup must come
        back whole."""
        v = self.text(key, required=required, limit=MAX_NAME)
        if v is None:
            return None
        try:
            kept_name(v)
        except UsageError as exc:
            raise self.fail(key, N_("is not a name mlcoach can keep ({reason})"),
                            reason=exc) from exc
        return v

    def ident(self, key: str = "id", *, required: bool = True) -> str | None:
        v = self.text(key, required=required, limit=64)
        return v

    def choice(self, key: str, options: type[StrEnum], *,
               required: bool = False) -> str | None:
        v = self.item.get(key)
        if v is None and not required:
            return None
        if not isinstance(v, str) or v not in {o.value for o in options}:  # [] is unhashable
            raise self.fail(key, N_("must be one of {choices}"),
                            choices=", ".join(o.value for o in options))
        return str(v)

    def when(self, key: str, *, required: bool = True) -> datetime | None:
        v = self.item.get(key)
        if v is None:
            if required:
                raise self.fail(key, N_("is missing"))
            return None
        if not isinstance(v, str):
            raise self.fail(key, N_("must be an ISO-8601 timestamp"))
        try:
            dt = datetime.fromisoformat(v)
        except ValueError as exc:
            raise self.fail(key, N_("must be an ISO-8601 timestamp")) from exc
        if dt.tzinfo is None:
            raise self.fail(key, N_("must carry its UTC offset"))
        if not _YEARS[0] <= dt.year <= _YEARS[1]:
            # Far dates would overflow when shown in local time or grouped by week.
            raise self.fail(key, N_("is outside the years {first} to {last}"),
                            first=_YEARS[0], last=_YEARS[1])
        return dt.astimezone(timezone.utc)

    def day(self, key: str, *, required: bool = False) -> date | None:
        v = self.item.get(key)
        if v is None:
            if required:
                raise self.fail(key, N_("is missing"))
            return None
        try:
            day = date.fromisoformat(v)
        except (TypeError, ValueError) as exc:
            raise self.fail(key, N_("must be a date (YYYY-MM-DD)")) from exc
        if not _YEARS[0] <= day.year <= _YEARS[1]:
            raise self.fail(key, N_("is outside the years {first} to {last}"),
                            first=_YEARS[0], last=_YEARS[1])
        return day

    def flag(self, key: str) -> bool:
        v = self.item.get(key, False)
        if not isinstance(v, bool):
            raise self.fail(key, N_("must be true or false"))
        return v


def _check_moment(item: dict[str, Any], where: str) -> None:
    v = _V(item, where)
    v.ident()
    v.when("created_at")
    v.when("updated_at", required=False)
    v.text("text")
    v.choice("kind", Kind, required=True)
    v.name("person", required=False)
    v.ident("person_id", required=False)
    v.choice("style", Style)
    v.choice("outcome", Outcome)
    v.when("outcome_at", required=False)
    v.ident("prompt_event_id", required=False)
    v.ident("suggestion_id", required=False)
    v.flag("planned")
    v.day("follow_up_on")
    tags = item.get("tags", [])
    if not isinstance(tags, list) or not all(
        # the limit is the stored tag's: "ß" is stored folded, as "ss"
        isinstance(t, str) and 0 < len(t.casefold()) <= MAX_TAG and "\x00" not in t
        and is_text(t) for t in tags
    ):
        raise v.fail("tags", N_("must be a list of short texts"))


def _check_person(item: dict[str, Any], where: str) -> None:
    v = _V(item, where)
    v.ident()
    v.name("name")
    v.choice("style", Style)
    notes = item.get("notes")
    if isinstance(notes, str) and "\x00" in notes:
        # `people add --notes -` kept a NUL read from a pipe before session 27: such a
        # store's exports (its backups) come back, without it
        item["notes"] = notes.replace("\x00", "")
    v.text("notes", required=False, empty_ok=True)
    v.flag("archived")
    v.when("created_at")


def _check_suggestion(item: dict[str, Any], where: str) -> None:
    v = _V(item, where)
    v.ident()
    v.when("created_at")
    v.name("person", required=False)
    v.ident("person_id", required=False)
    v.choice("style", Style)
    v.text("change")
    v.choice("action", ChangeKind, required=True)
    v.choice("size", Size, required=True)
    v.text("text", empty_ok=True)
    v.day("follow_up_on")
    v.choice("outcome", Outcome)
    v.when("outcome_at", required=False)


def _check_reflection(item: dict[str, Any], where: str) -> None:
    v = _V(item, where)
    v.ident()
    v.day("day", required=True)
    v.when("created_at")
    v.when("updated_at", required=False)
    energy = item.get("energy")
    if energy is not None and (
        not isinstance(energy, int) or isinstance(energy, bool) or not 1 <= energy <= 5
    ):
        raise v.fail("energy", N_("must be a whole number from 1 to 5"))
    for key in ("went_well", "differently", "intention"):
        v.text(key, required=False, empty_ok=True)


def _check_prompt_event(item: dict[str, Any], where: str) -> None:
    v = _V(item, where)
    v.ident()
    v.text("prompt_id", limit=64)
    v.text("theme", limit=32)
    v.when("shown_at")
    v.choice("response", Response, required=True)
    v.when("responded_at", required=False)
    v.text("why", required=False, empty_ok=True, limit=2000)


def _check_custom_prompt(item: dict[str, Any], where: str) -> None:
    v = _V(item, where)
    v.ident()
    v.choice("theme", Theme, required=True)
    texts = item.get("texts")
    if not isinstance(texts, dict) or "en" not in texts:
        raise v.fail("texts", N_("must hold at least the English text"))
    for lang, t in texts.items():
        if not isinstance(t, dict):
            raise v.fail("texts", N_("entry {lang} must be an object"), lang=repr(lang))
        tv = _V(t, f"{where}.texts.{lang}")
        tv.text("text", limit=400)
        tv.text("try", limit=300)
    parts = item.get("parts", [])
    if not isinstance(parts, list) or not all(
            isinstance(p, str) and p in {d.value for d in DayPart} for p in parts):
        raise v.fail("parts", N_("must list parts of the day"))
    tags = item.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) and is_text(t) for t in tags):
        raise v.fail("tags", N_("must be a list of texts"))
    from mlcoach.coaching.content import PromptFileError, check_custom_prompt

    try:  # and as `prompts import` checks a pack: what it refuses, an import refuses too
        check_custom_prompt(item, where)
    except PromptFileError as exc:
        raise ImportError_("{problem}", problem=exc) from None


_VALIDATORS: dict[str, Callable[[dict[str, Any], str], None]] = {
    "moments": _check_moment,
    "people": _check_person,
    "suggestions": _check_suggestion,
    "reflections": _check_reflection,
    "prompt_events": _check_prompt_event,
    "custom_prompts": _check_custom_prompt,
}


def read_limited(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes, reading at most `limit` + 1 of them whatever the file claims to
    be (st_size is 0 for /dev/zero and pipes); ImportError_ when there are more."""
    from mlcoach.system.reading import read_at_most

    limit = MAX_IMPORT_BYTES if limit is None else limit
    raw = read_at_most(path, limit)
    if len(raw) > limit:
        raise ImportError_("the file is too large to be an mlcoach export")
    return raw


def read_export(path: Path) -> dict[str, Any]:
    """Read and validate an export file; ImportError_ (one line) when it cannot be used."""
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:  # refused before reading anything
            raise ImportError_("the file is too large to be an mlcoach export")
        raw = read_limited(path)
    except OSError as exc:
        raise ImportError_("could not read {path} ({reason})", path=path,
                           reason=exc.strerror or exc) from exc
    return parse_export(raw)


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """What importing a document would do to the store now, per section.

    `added` counts new entries (people include those named by a moment or
    suggestion but missing from the file's people list, reflections include a day's
    reflection the file adds answers to); `skipped` counts the file's entries already
    here: the same id, a person of the same name, a day's answers already there.
    """

    added: dict[str, int]
    skipped: dict[str, int]

    @property
    def nothing_new(self) -> bool:
        """Whether importing would change nothing."""
        return not any(self.added.values())


def import_document(store: Store, doc: dict[str, Any]) -> dict[str, int]:
    """Add what the store does not have yet, in one transaction. Returns counts added."""
    from mlcoach.store.import_rows import apply_import

    added, _implied = apply_import(store, doc, write=True)
    return added


def preview_import(store: Store, doc: dict[str, Any]) -> ImportPreview:
    """A dry run of `import_document`: the same decisions, nothing written."""
    from mlcoach.store.import_rows import apply_import

    added, implied = apply_import(store, doc, write=False)
    skipped = {section: len(doc.get(section, [])) - added[section] for section in SECTIONS}
    skipped["people"] += implied
    skipped["settings"] = len(ignored_settings(store, doc))
    return ImportPreview(added, skipped)


def ignored_settings(store: Store, doc: dict[str, Any]) -> list[str]:
    """The names of the file's settings an import would not apply (unknown, of the wrong
    shape, or about this computer: launch at login, the calendar file)."""
    from mlcoach.store.import_rows import settings_not_taken

    return settings_not_taken(store, doc)


