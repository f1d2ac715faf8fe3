"""Adding an import's sections to the tables: one transaction, idempotent by id and name.

The document was validated by `mlcoach.transfer.exporting` before it gets here.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from mlcoach.domain.errors import MlcoachError
from mlcoach.domain.settings_codec import (
    setting_taken,
    settings_from_dict,
    settings_to_dict,
)
from mlcoach.domain.text import (
    MAX_TEXT,
    case_key,
    hidden_character,
    kept_name,
    kept_tag,
    name_key,
)
from mlcoach.store import models as m
from mlcoach.store.core import Store
from mlcoach.store.db import writer
from mlcoach.store.export_rows import SECTIONS


def apply_import(store: Store, doc: dict[str, Any], *,
                 write: bool) -> tuple[dict[str, int], int]:
    """Import `doc` (or, with `write` False, decide the same and roll back).

    Returns counts added per section and how many people only a name implied.
    """
    if write:
        with writer(store.engine).begin() as conn:  # BEGIN IMMEDIATE: never fails half-way
            added, implied = _import(conn, doc, write=True)
            added["settings"] = len(_import_settings(conn, doc.get("settings"), write=True)[0])
            return added, implied
    with store.engine.connect() as conn, conn.begin():
        added, implied = _import(conn, doc, write=False)
        added["settings"] = len(_import_settings(conn, doc.get("settings"), write=False)[0])
        return added, implied


# Settings that describe this computer rather than the person, never taken from a file:
# its login, its calendar file, its desktop calendar.
MACHINE_SETTINGS = frozenset({"launch_at_login", "calendar_path", "calendar_eds"})


def import_settings_plan(doc: dict[str, Any], current: dict[str, Any]) -> tuple[
        dict[str, Any], list[str]]:
    """The file's settings that differ from `current` (saved form), and the names of the
    ones ignored: unknown, of the wrong shape, or about this computer."""
    raw = doc.get("settings")
    if not isinstance(raw, dict):
        return {}, []
    effective = settings_to_dict(settings_from_dict(current, warn=False))
    changed: dict[str, Any] = {}
    ignored: list[str] = []
    for key, value in raw.items():
        if key not in effective or key in MACHINE_SETTINGS:
            if key not in effective or value != effective[key]:
                ignored.append(str(key))
            continue
        if not setting_taken(key, value):
            ignored.append(key)  # the wrong shape, or out of range
        elif effective[key] != value:
            changed[key] = value
    merged = settings_to_dict(settings_from_dict({**effective, **changed}, warn=False))
    for key in ("day_start", "day_end"):  # hours that end before they start: neither
        if key in changed and merged[key] != changed[key]:
            del changed[key]
            ignored.append(key)
    return changed, ignored


def _import_settings(conn: Connection, raw: Any, *, write: bool) -> tuple[
        dict[str, Any], list[str]]:
    row = conn.execute(select(m.SettingRow.value).where(m.SettingRow.key == "settings")).first()
    try:
        current = json.loads(row[0]) if row is not None else {}
    except ValueError:
        current = {}
    current = current if isinstance(current, dict) else {}
    changed, ignored = import_settings_plan({"settings": raw}, current)
    if changed and write:
        value = json.dumps({**current, **changed}, ensure_ascii=False)
        if row is None:
            conn.execute(insert(m.SettingRow), [{"key": "settings", "value": value}])
        else:
            conn.execute(update(m.SettingRow).where(m.SettingRow.key == "settings")
                         .values(value=value))
    return changed, ignored


def settings_not_taken(store: Store, doc: dict[str, Any]) -> list[str]:
    """The names of the file's settings an import would not apply."""
    with store.engine.connect() as conn, conn.begin():
        return _import_settings(conn, doc.get("settings"), write=False)[1]


def _utc(v: str | None) -> datetime | None:
    if v is None:
        return None
    return datetime.fromisoformat(v).astimezone(timezone.utc)


def _dday(v: str | None) -> date | None:
    return None if v is None else date.fromisoformat(v)


def _import(conn: Connection, doc: dict[str, Any], *,
            write: bool) -> tuple[dict[str, int], int]:
    """Insert what is new; returns counts added and how many people only a name implied.

    Long on purpose: the sections go in one order inside one transaction (people, then
    prompt events and suggestions that moments point to, then tags and moments,
    reflections, custom prompts), and that order is the point.

    With `write` False nothing is inserted but every decision is the same: what is
    new depends on what was here before and on the file, never on rows added here.
    """
    added = dict.fromkeys(SECTIONS, 0)
    implied = 0
    person_ids = _import_people(conn, doc.get("people", []), added, write)

    known_pids = set(person_ids.values())

    def pid(item: dict[str, Any]) -> str | None:
        nonlocal implied
        if item.get("person_id") in known_pids:
            return str(item["person_id"])
        if item.get("person"):
            name = kept_name(item["person"])  # "@Ana" is Ana, as typed
            found = person_ids.get(name_key(name))
            if found is None:
                found = _new_person(conn, name, person_ids, write)
                known_pids.add(found)
                added["people"] += 1
                implied += 1
            return found
        return None

    existing = _ids(conn, m.PromptEventRow)
    rows = [
        {"id": e["id"], "prompt_id": e["prompt_id"], "theme": e["theme"],
         "shown_at": _utc(e["shown_at"]), "response": e["response"],
         "responded_at": _utc(e.get("responded_at")), "why": e.get("why") or ""}
        for e in _fresh(doc.get("prompt_events", []), existing)
    ]
    _insert(conn, m.PromptEventRow, rows, added, "prompt_events", write)

    existing = _ids(conn, m.SuggestionRow)
    _merge_outcomes(conn, m.SuggestionRow, doc.get("suggestions", []), existing, added,
                    "suggestions", write)
    rows = [
        {"id": s["id"], "created_at": _utc(s["created_at"]), "person_id": pid(s),
         "style": s.get("style"), "change": s["change"], "action": s["action"],
         "size": s["size"], "text": s.get("text") or "",
         "follow_up_on": _dday(s.get("follow_up_on")), "outcome": s.get("outcome"),
         "outcome_at": _utc(s.get("outcome_at"))}
        for s in _fresh(doc.get("suggestions", []), existing)
    ]
    _insert(conn, m.SuggestionRow, rows, added, "suggestions", write)

    existing = _ids(conn, m.MomentRow)
    _merge_outcomes(conn, m.MomentRow, doc.get("moments", []), existing, added, "moments",
                    write)
    known_events = _ids(conn, m.PromptEventRow)
    known_sugs = _ids(conn, m.SuggestionRow)
    moments = list(_fresh(doc.get("moments", []), existing))
    rows = [
        {"id": mo["id"], "text": mo["text"], "kind": mo["kind"],
         "created_at": _utc(mo["created_at"]),
         "updated_at": _utc(mo.get("updated_at") or mo["created_at"]),
         "person_id": pid(mo), "style": mo.get("style"), "outcome": mo.get("outcome"),
         "outcome_at": _utc(mo.get("outcome_at")),
         "prompt_event_id": mo.get("prompt_event_id")
         if mo.get("prompt_event_id") in known_events else None,
         "suggestion_id": mo.get("suggestion_id")
         if mo.get("suggestion_id") in known_sugs else None,
         "planned": bool(mo.get("planned")),
         "follow_up_on": _dday(mo.get("follow_up_on"))}
        for mo in moments
    ]
    tag_rows = [
        {"moment_id": mo["id"], "tag": t, "position": i}
        for mo in moments
        for i, t in enumerate(dict.fromkeys(filter(None, map(kept_tag, mo.get("tags", [])))))
    ]
    if tag_rows and write:
        # Tags before their moments, the foreign keys checked at the commit: each moment's
        # search index entry is written once, with its tags, not again for each tag (four
        # times faster on a large import; migration 0013).
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        conn.execute(insert(m.MomentTagRow), tag_rows)
    _insert(conn, m.MomentRow, rows, added, "moments", write)

    here = {r.day: dict(r._mapping) for r in conn.execute(select(
        m.ReflectionRow.id, m.ReflectionRow.day, m.ReflectionRow.energy,
        m.ReflectionRow.went_well, m.ReflectionRow.differently, m.ReflectionRow.intention))}
    existing = {r["id"] for r in here.values()}
    rows = []
    for r in doc.get("reflections", []):
        day = date.fromisoformat(r["day"])
        ours = here.get(day)
        if ours is not None:  # one reflection per day: the file's words join the ones here
            merged = _merged_reflection(ours, r)
            if merged:
                if write:
                    conn.execute(update(m.ReflectionRow)
                                 .where(m.ReflectionRow.id == ours["id"])
                                 .values(**merged, updated_at=datetime.now(timezone.utc)))
                ours.update(merged)
                added["reflections"] += 1
            continue
        if r["id"] in existing:
            continue  # the same reflection under another day: leave it where it is
        row = {"id": r["id"], "day": day, "created_at": _utc(r["created_at"]),
               "updated_at": _utc(r.get("updated_at") or r["created_at"]),
               "energy": r.get("energy"), "went_well": r.get("went_well") or "",
               "differently": r.get("differently") or "", "intention": r.get("intention") or ""}
        rows.append(row)
        here[day] = row
        existing.add(r["id"])
    _insert(conn, m.ReflectionRow, rows, added, "reflections", write)

    existing = _ids(conn, m.CustomPromptRow)
    now = datetime.now(timezone.utc)
    rows = [
        {"id": c["id"], "theme": c["theme"], "created_at": now,
         "data": json.dumps({"texts": c["texts"], "parts": c.get("parts", []),
                             "tags": c.get("tags", [])}, ensure_ascii=False)}
        for c in _fresh(doc.get("custom_prompts", []), existing)
    ]
    _insert(conn, m.CustomPromptRow, rows, added, "custom_prompts", write)
    return added, implied


def _import_people(conn: Connection, people: list[dict[str, Any]],
                   added: dict[str, int], write: bool) -> dict[str, str]:
    here = {r.id: dict(r._mapping) for r in conn.execute(
        select(m.PersonRow.id, m.PersonRow.name_key, m.PersonRow.style, m.PersonRow.notes))}
    person_ids = {r["name_key"]: pid for pid, r in here.items()}
    known = set(person_ids.values())
    from_file: dict[str, str] = {}  # key given to one of this file's people: her old key
    rows: dict[str, dict[str, Any]] = {}  # this file's people to add, by id
    bare = {name_key(kept_name(p["name"])) for p in people if not _at(p["name"])}
    for p in people:
        # Cleaned as a typed name is ("@Ana" is Ana, spaces made single, composed): the
        # file's "@Ana" is the Ana here, not a second one beside her. Unless the file
        # has an Ana of its own: migration 0012 kept the two apart where they were made.
        name = kept_name(p["name"])
        if _at(p["name"]) and name_key(name) in bare:
            name = unicodedata.normalize("NFC", " ".join("".join(
                ch for ch in p["name"] if hidden_character(ch) is None).split()))
        key = name_key(name)
        if p["id"] in known:
            _merge_person(conn, here.get(p["id"]), p, added, write)
            continue
        if key in person_ids:
            if from_file.get(key, case_key(name)) == case_key(name):
                # a name that collides by case with someone here: one person, whose
                # style and notes from the other computer join hers ("@Ana" and "@ Ana"
                # of one file: the second's join the first's)
                pending = rows.get(person_ids[key])
                if pending is not None:
                    pending.update(_joined(pending, p))
                else:
                    _merge_person(conn, here.get(person_ids[key]), p, added, write)
                continue
            # Two people of the file itself whose names fold together only since the
            # Turkish I was folded ("Işık" and "Işik", kept apart by migration 0004 where
            # they were made): apart here too.
            key = _apart_key(name, p["id"], person_ids)
        created = _utc(p["created_at"])
        from_file[key] = case_key(name)
        rows[p["id"]] = {"id": p["id"], "name": name, "name_key": key,
                         "style": p.get("style"), "notes": p.get("notes") or "",
                         "archived": bool(p.get("archived")), "created_at": created,
                         "updated_at": _utc(p.get("updated_at")) or created}
        person_ids[key] = p["id"]
        known.add(p["id"])
    _insert(conn, m.PersonRow, list(rows.values()), added, "people", write)
    return person_ids


def _at(name: str) -> bool:
    """Whether a file's name has an "@" before it that cleaning takes off ("@Ana")."""
    return name.lstrip().startswith("@") and not kept_name(name).startswith("@")


def _merge_person(conn: Connection, ours: dict[str, Any] | None, theirs: dict[str, Any],
                  added: dict[str, int], write: bool) -> None:
    """What the file says of a person already here (the same one, typed on another
    computer): her style where none is set here, her notes below ours where not already
    in them. Nothing here is overwritten, and no word of either is lost."""
    if ours is None:  # one of this file's own, added just now
        return
    changes = _joined(ours, theirs)
    if not changes:
        return
    if write:
        conn.execute(update(m.PersonRow).where(m.PersonRow.id == ours["id"])
                     .values(**changes, updated_at=datetime.now(timezone.utc)))
    ours.update(changes)
    added["people"] += 1


def _joined(ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    """What `theirs` adds to `ours` (one person under two entries): a style where ours
    has none, notes not already in ours below them."""
    changes: dict[str, Any] = {}
    if ours.get("style") is None and theirs.get("style") is not None:
        changes["style"] = theirs["style"]
    mine, new = (ours.get("notes") or "").strip(), (theirs.get("notes") or "").strip()
    if new and not _already_has(mine, new):
        changes["notes"] = new if not mine or mine in new else f"{mine}\n\n{new}"
        if len(changes["notes"]) > MAX_TEXT:
            raise MlcoachError("the notes on {name} here and in the file are longer than "
                               "{limit} characters together; nothing was imported",
                               name=theirs["name"], limit=MAX_TEXT)
    return changes


def _merge_outcomes(conn: Connection, table: Any, items: list[dict[str, Any]],
                    existing: set[str], added: dict[str, int], section: str,
                    write: bool) -> None:
    """An outcome recorded on another computer for an entry already here that has none
    ("followed", a week after both had the suggestion): taken, never one here replaced."""
    theirs = {i["id"]: i for i in items if i["id"] in existing and i.get("outcome")}
    if not theirs:
        return
    ids = sorted(theirs)
    open_here: set[str] = set()
    for start in range(0, len(ids), 500):  # SQLite's limit on a statement's parameters
        open_here.update(r[0] for r in conn.execute(select(table.id).where(
            table.id.in_(ids[start : start + 500]), table.outcome.is_(None))))
    for entry_id in sorted(open_here):
        if write:
            conn.execute(update(table).where(table.id == entry_id).values(
                outcome=theirs[entry_id]["outcome"],
                outcome_at=_utc(theirs[entry_id].get("outcome_at"))))
        added[section] += 1


def _apart_key(name: str, person_id: str, taken: dict[str, str]) -> str:
    """A key for a person whose folded key another person has: the name as it folded
    before migration 0004, or failing that, with the person's id."""
    key = case_key(name)
    return key if key not in taken else f"{key}\x1f{person_id}"


def _new_person(conn: Connection, name: str, person_ids: dict[str, str],
                write: bool) -> str:
    from mlcoach.domain.model import new_id

    now = datetime.now(timezone.utc)
    pid = new_id()
    if write:
        conn.execute(insert(m.PersonRow), [{
            "id": pid, "name": name, "name_key": name_key(name),
            "style": None, "notes": "", "archived": False, "created_at": now,
            "updated_at": now}])
    person_ids[name_key(name)] = pid
    return pid


def stored_moment_ids(store: Store) -> set[str]:
    """Every moment id in the store, in one query (a preview's "already here")."""
    with store.engine.connect() as conn:
        return _ids(conn, m.MomentRow)


def _ids(conn: Connection, table: Any) -> set[str]:
    return {r[0] for r in conn.execute(select(table.id))}


def _already_has(mine: str, new: str) -> bool:
    """Whether answer `new` is already in `mine`: as one of its paragraphs (an earlier
    merge), or as its beginning up to a word's end (an older edit). Not any substring:
    "go" is not in "The demo did not go well"."""
    if new in (p.strip() for p in mine.split("\n\n")):
        return True
    if f"\n\n{new}\n\n" in f"\n\n{mine}\n\n":
        return True  # paragraphs of its own, joined here by an earlier merge
    return mine.startswith(new) and (len(mine) == len(new) or not mine[len(new)].isalnum())


def _merged_reflection(ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    """What a file's reflection adds to the one here for the same day (another computer's,
    or an older edit): each answer not already in ours is added below it; an energy only
    where ours has none. Empty when it adds nothing: no word of either is lost."""
    changes: dict[str, Any] = {}
    for key in ("went_well", "differently", "intention"):
        mine, new = (ours.get(key) or "").strip(), (theirs.get(key) or "").strip()
        if not new or _already_has(mine, new):
            continue
        changes[key] = new if not mine or mine in new else f"{mine}\n\n{new}"
        if len(changes[key]) > MAX_TEXT:  # too long to edit or export again: say so
            raise MlcoachError("the reflection for {day} here and the one in the file are "
                               "longer than {limit} characters together; nothing was "
                               "imported", day=theirs["day"], limit=MAX_TEXT)
    if ours.get("energy") is None and theirs.get("energy") is not None:
        changes["energy"] = theirs["energy"]
    return changes


def _fresh(items: list[dict[str, Any]], existing: set[str]) -> Iterator[dict[str, Any]]:
    seen = set(existing)
    for item in items:
        if item["id"] not in seen:
            seen.add(item["id"])
            yield item


def _insert(conn: Connection, table: Any, rows: list[dict[str, Any]],
            added: dict[str, int], section: str, write: bool) -> None:
    if rows and write:
        conn.execute(insert(table), rows)
    added[section] += len(rows)
