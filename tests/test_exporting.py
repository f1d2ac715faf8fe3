"""Export and import: round trips, idempotence, and refusing bad files without change."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest

from mlcoach.domain import timestamps
from mlcoach.domain.errors import MlcoachError
from mlcoach.domain.model import ChangeKind, Kind, Outcome, Size, Style
from mlcoach.domain.text import hidden_character
from mlcoach.security.keys import OSKeyring
from mlcoach.store.vault import Layout, open_store
from mlcoach.transfer import exporting


def _fill(store):
    store.add_person("Ana", Style.FACTS, "likes numbers")
    m = store.add_moment("Showed Ana the build times", Kind.SUGGESTION, person="Ana",
                         tags=["ci", "speed"])
    store.set_moment_outcome(m.id, Outcome.FOLLOWED)
    store.add_suggestion(style=Style.REASSURANCE, change="try pairing once",
                         action=ChangeKind.START, size=Size.SMALL, text="opening...", person="Bo",
                         follow_up_on=date(2026, 12, 1))
    store.save_reflection(date(2026, 11, 23), energy=4, went_well="w", differently="d",
                          intention="i")
    ev = store.record_prompt_shown("recognition-01", "recognition", why="w")
    store.add_moment("Thanked the team", Kind.RECOGNITION, prompt_event_id=ev.id)


def _strip(doc):
    doc = dict(doc)
    doc.pop("exported_at")
    return doc


def test_export_import_export_is_identical(store, tmp_path, memory_keyring):
    _fill(store)
    first = exporting.export_document(store)
    assert first["format"] == "mlcoach-export" and first["version"] == 1
    assert all(first[k] for k in ("moments", "people", "suggestions", "reflections",
                                  "prompt_events"))
    other = open_store(Layout(tmp_path / "other"), keys=OSKeyring())
    added = exporting.import_document(other.store, exporting.parse_export(
        json.dumps(first).encode()))
    assert added["moments"] == 3 and added["people"] == 2
    assert _strip(exporting.export_document(other.store)) == _strip(first)
    again = exporting.import_document(other.store, exporting.parse_export(
        json.dumps(first).encode()))
    assert sum(again.values()) == 0
    assert _strip(exporting.export_document(other.store)) == _strip(first)
    other.store.close()


def test_timestamps_carry_their_offset(store):
    _fill(store)
    doc = exporting.export_document(store)
    assert doc["moments"][0]["created_at"].endswith("+00:00")


@pytest.mark.parametrize("raw, message", [
    (b"not json", "not valid JSON"),
    (b"\xff\xfe", "not UTF-8"),
    (b"[]", "not an mlcoach export"),
    (b'{"format": "mlcoach-export", "version": 2}', "newer than this app"),
    (b'{"format": "mlcoach-export", "version": 1, "moments": [{"id": "x"}]}', "moments[0]"),
    (b'{"format": "mlcoach-export", "version": 1, "moments": {}}', "must be a list"),
    (b"[" * 100_000 + b"]" * 100_000, ""),
])
def test_bad_files_are_refused_with_one_line(raw, message):
    with pytest.raises(MlcoachError) as err:
        exporting.parse_export(raw)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_refused_import_changes_nothing(store):
    _fill(store)
    before = exporting.export_document(store)
    doc = json.loads(json.dumps(before))
    doc["moments"].append({"id": "new", "created_at": "2026-01-01T00:00:00+00:00",
                           "text": "t", "kind": "nonsense"})
    with pytest.raises(MlcoachError, match="kind"):
        exporting.import_document(store, exporting.parse_export(json.dumps(doc).encode()))
    assert _strip(exporting.export_document(store)) == _strip(before)


def test_two_computers_reflections_on_one_day_both_survive_an_import(store, tmp_path,
                                                                      memory_keyring):
    """The laptop and the desktop each reflected on the same day: importing one into the
    other keeps every answer of both (it said "nothing new" and dropped the file's)."""
    day = date(2026, 11, 23)
    store.save_reflection(day, energy=4, went_well="Laptop: the demo landed",
                          intention="Laptop: ask Deniz about the release")
    laptop = exporting.export_document(store)
    desktop = open_store(Layout(tmp_path / "desktop"), keys=OSKeyring()).store
    desktop.save_reflection(day, energy=2, went_well="Desktop: paired with Ana",
                            differently="Desktop: shorter standup")
    assert exporting.import_document(desktop, laptop)["reflections"] == 1
    kept = desktop.reflection(day)
    assert kept is not None and kept.energy == 2
    assert kept.went_well == "Desktop: paired with Ana\n\nLaptop: the demo landed"
    assert kept.differently == "Desktop: shorter standup"
    assert kept.intention == "Laptop: ask Deniz about the release"
    assert exporting.preview_import(desktop, laptop).nothing_new  # again: nothing to add
    assert exporting.import_document(desktop, laptop)["reflections"] == 0
    assert desktop.reflection(day) == kept


def test_what_another_computer_says_of_a_person_and_an_outcome_is_merged(store, tmp_path,
                                                                       memory_keyring):
    """Quinn added on both computers, with notes and a style only on the laptop; a
    suggestion marked followed on the laptop a week after both had it. Importing the
    laptop's export said "nothing new to import" and dropped the notes, the style and
    the outcome."""
    laptop_ = store
    laptop_.add_person("quinn", Style.REASSURANCE, "prefers written proposals")
    sug, _ = laptop_.add_suggestion(style=Style.FACTS, change="use the wiki",
                                 action=ChangeKind.DIFFERENTLY, size=Size.SMALL, text="t",
                                 person="quinn")
    desktop = open_store(Layout(tmp_path / "desktop"), keys=OSKeyring()).store
    desktop.add_person("Quinn", None, "met at the offsite")
    exporting.import_document(desktop, exporting.export_document(laptop_))
    laptop_.set_suggestion_outcome(sug.id, Outcome.FOLLOWED)
    laptop = exporting.export_document(laptop_)
    assert not exporting.preview_import(desktop, laptop).nothing_new
    exporting.import_document(desktop, laptop)
    (quinn,) = [p for p in exporting.export_document(desktop)["people"]]
    assert quinn["name"] == "Quinn" and quinn["style"] == "reassurance"
    assert quinn["notes"] == "met at the offsite\n\nprefers written proposals"
    (merged,) = exporting.export_document(desktop)["suggestions"]
    assert merged["outcome"] == "followed"
    assert exporting.preview_import(desktop, laptop).nothing_new  # again: nothing to add
    # What is set here is never replaced: a style chosen here, an outcome recorded here.
    desktop.set_suggestion_outcome(sug.id, Outcome.DECLINED)
    laptop_.add_person("Bo", Style.FACTS, "")
    exporting.import_document(desktop, exporting.export_document(laptop_))
    assert exporting.export_document(desktop)["suggestions"][0]["outcome"] == "declined"


def test_notes_and_answers_of_several_paragraphs_merge_once(store, tmp_path, memory_keyring):
    """Notes of two paragraphs were joined again at every import of the same file
    ("imported 1 people" each time, the notes growing), as were a reflection's answers."""
    store.add_person("Quinn", None, "Prefers email.\n\nTwo kids; ask about football.")
    store.save_reflection(date(2026, 11, 23), energy=3, went_well="Demo.\n\nPairing.")
    laptop = exporting.export_document(store)
    desktop = open_store(Layout(tmp_path / "desktop"), keys=OSKeyring()).store
    desktop.add_person("quinn", None, "met at the offsite")
    desktop.save_reflection(date(2026, 11, 23), energy=2, went_well="Desktop day.")
    exporting.import_document(desktop, laptop)
    for _ in range(2):
        assert exporting.preview_import(desktop, laptop).nothing_new
        assert sum(exporting.import_document(desktop, laptop).values()) == 0
    (quinn,) = exporting.export_document(desktop)["people"]
    assert quinn["notes"] == "met at the offsite\n\nPrefers email.\n\nTwo kids; ask about football."
    kept = desktop.reflection(date(2026, 11, 23))
    assert kept is not None and kept.went_well == "Desktop day.\n\nDemo.\n\nPairing."


def test_an_id_twice_with_different_content_is_refused_whole(store):
    _fill(store)
    doc = json.loads(json.dumps(exporting.export_document(store)))
    twin = dict(doc["moments"][0], text="the same id, other words")
    doc["moments"].append(twin)
    with pytest.raises(MlcoachError, match=r"moments\[3\] has the id of an earlier entry"):
        exporting.parse_export(json.dumps(doc).encode())
    doc["moments"][-1] = dict(doc["moments"][0])  # the very same entry twice is fine
    exporting.parse_export(json.dumps(doc).encode())


def test_csv_and_markdown_exports(store):
    _fill(store)
    store.add_moment("=HYPERLINK(\"x\")")
    csv_text = exporting.export_csv(store)
    assert csv_text.splitlines()[0].startswith("type,id,when,text")
    assert "'=HYPERLINK" in csv_text
    md = exporting.export_markdown(store)
    assert "## 2026-" in md and "Showed Ana the build times" in md and "Energy: 4/5" in md
    assert md.startswith("# mlcoach journal")
    # The human-readable export was English under Turkish too.
    tr = exporting.export_markdown(store, language="tr")
    assert tr.startswith("# mlcoach günlüğü") and "Enerji: 4/5" in tr
    assert "Showed Ana the build times" in tr and "Energy" not in tr
    assert "*Değerlendirme*" in tr and " ile: " in tr


def test_preview_counts_what_an_import_would_add_and_changes_nothing(store, tmp_path,
                                                                       memory_keyring):
    _fill(store)
    doc = exporting.export_document(store)
    other = open_store(Layout(tmp_path / "other"), keys=OSKeyring()).store
    other.add_person("ana", None)  # the same person by name: one, given the file's style
    # and notes (counted among the people the import changes)
    other.save_reflection(date(2026, 11, 23), energy=2)  # that day already has one
    before = _strip(exporting.export_document(other))
    preview = exporting.preview_import(other, doc)
    assert _strip(exporting.export_document(other)) == before
    # The file's answers for that day join the reflection here (its energy stays).
    assert preview.added == {"moments": 3, "people": 2, "suggestions": 1, "reflections": 1,
                             "prompt_events": 1, "custom_prompts": 0, "settings": 0}
    assert preview.skipped == {"moments": 0, "people": 0, "suggestions": 0, "reflections": 0,
                               "prompt_events": 0, "custom_prompts": 0, "settings": 0}
    assert not preview.nothing_new
    assert exporting.import_document(other, doc) == preview.added
    merged = other.reflection(date(2026, 11, 23))
    assert merged is not None and (merged.energy, merged.went_well, merged.differently) == \
        (2, "w", "d")
    ana = other.find_person("Ana")
    assert ana is not None and (ana.name, ana.style, ana.notes) == \
        ("ana", Style.FACTS, "likes numbers")
    again = exporting.preview_import(other, doc)
    assert again.nothing_new and again.skipped["moments"] == 3 and again.skipped["people"] == 2
    other.close()


def test_people_named_only_by_a_moment_are_counted(store):
    doc = exporting.parse_export(json.dumps({
        "format": "mlcoach-export", "version": 1, "people": [],
        "moments": [{"id": "m1", "created_at": "2026-01-05T09:00:00+00:00", "text": "Asked Cem",
                     "kind": "question", "person": "Cem"}],
    }).encode())
    preview = exporting.preview_import(store, doc)
    assert preview.added["people"] == 1 and preview.skipped["people"] == 0
    assert store.people() == []
    assert exporting.import_document(store, doc)["people"] == 1
    assert [p.name for p in store.people()] == ["Cem"]


def test_two_people_of_one_file_whose_names_fold_together_stay_two(store):
    """"Işık" and "Işik", kept apart by migration 0004 where they were made, were merged by
    an export and an import: the second one's style and notes were dropped, her moments
    given to the first."""
    first, second = "0b9f3c2a-1d4e-4f5a-8b6c-7d8e9f0a1b21", "0b9f3c2a-1d4e-4f5a-8b6c-7d8e9f0a1b22"
    doc = exporting.parse_export(json.dumps({
        "format": "mlcoach-export", "version": 1,
        "people": [{"id": first, "name": "Işık", "style": "facts", "notes": "one",
                    "created_at": "2026-01-05T09:00:00+00:00"},
                   {"id": second, "name": "Işik", "style": "reassurance", "notes": "two",
                    "created_at": "2026-01-05T09:00:00+00:00"}],
        "moments": [{"id": "0b9f3c2a-1d4e-4f5a-8b6c-7d8e9f0a1b23", "text": "Asked her",
                     "created_at": "2026-01-05T09:00:00+00:00", "kind": "question",
                     "person": "Işik", "person_id": second}],
    }).encode())
    assert exporting.import_document(store, doc)["people"] == 2
    people = {p.name: (p.style.value if p.style else None, p.notes) for p in store.people()}
    assert people == {"Işık": ("facts", "one"), "Işik": ("reassurance", "two")}
    (moment,) = store.moments()
    assert moment.person == "Işik"
    assert store.add_moment("again", person="Işik").person == "Işik"
    again = exporting.parse_export(json.dumps(exporting.export_document(store)).encode())
    assert exporting.import_document(store, again)["people"] == 0  # the same file: nothing new


def test_ids_from_another_tool_become_ids_the_command_line_can_name(store):
    upper = "0B9F3C2A-1D4E-4F5A-8B6C-7D8E9F0A1B2C"
    raw = json.dumps({
        "format": "mlcoach-export", "version": 1,
        "people": [{"id": "p1", "name": "Cem", "created_at": "2026-01-05T09:00:00+00:00"}],
        "suggestions": [{"id": "s1", "created_at": "2026-01-05T09:00:00+00:00", "person_id": "p1",
                         "change": "a shared agenda", "action": "start", "size": "small",
                         "text": "…"}],
        "moments": [
            {"id": "m1", "created_at": "2026-01-05T10:00:00+00:00", "text": "Asked Cem",
             "kind": "question", "person_id": "p1", "suggestion_id": "s1"},
            {"id": upper, "created_at": "2026-01-05T11:00:00+00:00", "text": "Thanked Cem",
             "kind": "recognition", "person_id": "p1"}],
    }).encode()
    added = exporting.import_document(store, exporting.parse_export(raw))
    assert (added["moments"], added["people"], added["suggestions"]) == (2, 1, 1)
    moments = {m.text: m for m in store.moments()}
    assert moments["Thanked Cem"].id == upper.lower()
    asked = moments["Asked Cem"]
    assert asked.person == "Cem" and asked.suggestion_id == store.suggestions()[0].id
    for entry in (asked.id, asked.suggestion_id, moments["Thanked Cem"].id):
        assert store.find_ids(entry[:8]) != []  # `mlcoach outcome` can name each
    again = exporting.import_document(store, exporting.parse_export(raw))
    assert sum(again.values()) == 0  # the same file gives the same ids


def test_an_export_saved_with_a_byte_order_mark_is_read(store, tmp_path):
    """Notepad saves UTF-8 with a byte-order mark: the export was refused as "not valid
    JSON (Unexpected UTF-8 BOM …)", while a journal with one was read."""
    _fill(store)
    path = tmp_path / "notepad.json"
    path.write_bytes(b"\xef\xbb\xbf" + exporting.export_json(store).encode())
    doc = exporting.read_export(path)
    assert len(doc["moments"]) == 3


def test_read_export_refuses_unreadable_files_in_one_line(tmp_path):
    with pytest.raises(MlcoachError, match=r"could not read .*missing\.json") as err:
        exporting.read_export(tmp_path / "missing.json")  # which file: it named none
    assert "\n" not in str(err.value)
    path = tmp_path / "notes.json"
    path.write_text("hello")
    with pytest.raises(MlcoachError, match="not valid JSON"):
        exporting.read_export(path)


def test_timestamps_read_raw_match_isoformat_exactly(store):
    from datetime import datetime, timezone

    whole = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    fine = whole.replace(microsecond=7)
    store.add_moment("whole second", created_at=whole)
    store.add_moment("a few microseconds", created_at=fine)
    doc = exporting.export_document(store)
    assert [m["created_at"] for m in doc["moments"]] == [whole.isoformat(), fine.isoformat()]
    # any other stored shape goes through a parse:
    assert timestamps.db_to_iso(None) is None
    assert timestamps.db_to_iso("2026-01-02 03:04:05") == whole.isoformat()


def test_json_export_is_one_entry_per_line(store):
    _fill(store)
    text = exporting.export_json(store)
    doc = json.loads(text)
    lines = text.splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    entries = sum(len(doc[s]) for s in exporting.SECTIONS)
    assert sum(1 for line in lines if line.startswith("  {")) == entries
    assert exporting.parse_export(text.encode()) == doc


def _variants(text: str) -> dict[str, str]:
    lines = text.split("\n")
    first_entry = next(i for i, line in enumerate(lines) if line.startswith("  {"))
    last_entry = next(i for i in range(first_entry, len(lines))
                      if lines[i + 1].startswith(" ]"))
    trailing = lines.copy()
    trailing[last_entry] += ","
    missing = lines.copy()
    missing[first_entry] = missing[first_entry].removesuffix(",")
    two_on_a_line = lines.copy()
    two_on_a_line[first_entry] = two_on_a_line[first_entry] + " " + lines[first_entry]
    return {"trailing comma": "\n".join(trailing), "missing comma": "\n".join(missing),
            "two entries on a line": "\n".join(two_on_a_line),
            "windows line ends": text.replace("\n", "\r\n")}


def test_line_by_line_parsing_gives_what_json_loads_gives(store):
    _fill(store)
    text = exporting.export_json(store)
    assert exporting._loads_by_line(text.encode()) == json.loads(text)  # the quick path
    doc = json.loads(text)
    for other in (json.dumps(doc, indent=1), json.dumps(doc), json.dumps(doc, indent=4)):
        assert exporting._loads(other.encode()) == doc
    for name, variant in _variants(text).items():
        try:
            expected: object = json.loads(variant)
        except ValueError as exc:
            expected = type(exc)
        try:
            got: object = exporting._loads(variant.encode())
        except ValueError as exc:
            got = type(exc)
        assert got == expected, name


def test_a_trailing_comma_is_refused_like_any_invalid_json(store):
    _fill(store)
    raw = _variants(exporting.export_json(store))["trailing comma"].encode()
    with pytest.raises(MlcoachError, match="not valid JSON"):
        exporting.parse_export(raw)


def test_entries_written_by_sqlite_are_what_python_would_write(store):
    """SQLite writes each entry's JSON: the same keys in the same order, the same values
    (escapes, flags, tags in their order, timestamps of any stored shape) and the same
    text Python's encoder gives for them, bar whitespace."""
    tricky = "Şule said \"hi\"\\ \n\t\x01\x1f ✓ \u2028 😀"
    store.add_person("Ana", Style.FACTS, tricky)
    store.archive_person("Ana")
    m = store.add_moment(tricky, Kind.SUGGESTION, person="Ana", tags=["zeta", "alpha", "ç"])
    plain = store.add_moment("no person, no tags")
    with store.connection() as conn:  # a stored shape other than the usual one
        conn.execute("UPDATE moments SET updated_at = '2026-01-02 03:04:05' WHERE id = ?",
                     (plain.id,))
        conn.commit()
    text = exporting.export_json(store)
    doc = exporting.export_document(store)
    assert json.loads(text) == doc | {"exported_at": json.loads(text)["exported_at"]}
    lines = [line.removesuffix(",")[2:] for line in text.split("\n")
             if line.startswith("  {")]
    entries = [e for s in ("people", "moments", "suggestions", "reflections",
                           "prompt_events", "custom_prompts") for e in doc[s]]
    assert [json.loads(line) for line in lines] == entries
    for line in lines:
        assert line == json.dumps(json.loads(line), ensure_ascii=False,
                                  separators=(",", ":"))
    first, second = sorted(doc["moments"], key=lambda e: e["id"] != m.id)
    assert list(first) == ["id", "created_at", "updated_at", "text", "kind", "person",
                           "person_id", "style", "tags", "outcome", "outcome_at",
                           "prompt_event_id", "suggestion_id", "planned", "follow_up_on"]
    assert first["text"] == tricky and first["person"] == "Ana"
    assert first["tags"] == ["zeta", "alpha", "ç"] and first["planned"] is False
    assert first["created_at"] == m.created_at.isoformat()
    assert second["tags"] == [] and second["person"] is None
    assert second["updated_at"] == "2026-01-02T03:04:05+00:00"
    assert doc["people"][0]["archived"] is True and doc["people"][0]["notes"] == tricky




_OWN_PROMPT = {"id": "my-own-1", "theme": "recognition", "parts": [], "tags": [],
               "texts": {"en": {"text": "Thank someone by name today.",
                                "try": "Say what they did and why it helped."}}}


@pytest.mark.parametrize(("change", "why"), [
    ({"texts": {"en": {"text": "a", "try": "b\u0000"}}}, "NUL"),
    ({"texts": {"en": {"text": "a\u001b[2J", "try": "b"}}}, "U\\+001B"),
    ({"texts": {"en": {"text": "\u202eevil", "try": "b"}}}, "U\\+202E"),
    ({"texts": {"en": {"text": "\u200b", "try": "b"}}}, "must not be empty"),
    ({"id": "attention-01"}, "built-in prompt"),
    ({"id": "has space"}, "invalid id"),
    ({"tags": ["a b"]}, "unknown tag"),
])
def test_an_import_takes_no_prompt_that_prompts_import_would_refuse(store, change, why):
    """A prompt the pack checker refuses once went in through a JSON import, and then
    `prompts export` failed, or the next restore of the export did."""
    before = exporting.export_document(store)
    doc = json.loads(json.dumps(before))
    doc["custom_prompts"] = [{**_OWN_PROMPT, **change}]
    with pytest.raises(MlcoachError, match=why):
        exporting.import_document(store, exporting.parse_export(json.dumps(doc).encode()))
    assert _strip(exporting.export_document(store)) == _strip(before)
    doc["custom_prompts"] = [_OWN_PROMPT]
    exporting.import_document(store, exporting.parse_export(json.dumps(doc).encode()))
    assert [p.id for p in store.custom_prompts()] == ["my-own-1"]


def test_a_tag_that_grows_when_folded_is_refused_not_stored_too_long(store):
    """"ß" * 51 folds to 102 letters: stored, it made the export impossible to import."""
    with pytest.raises(MlcoachError, match="longer than 100"):
        store.add_moment("x", tags=["ß" * 51])
    store.add_moment("y", tags=["ß" * 50])
    doc = exporting.export_document(store)
    assert doc["moments"][0]["tags"] == ["ss" * 50]
    exporting.parse_export(json.dumps(doc).encode())  # its own export reads back
    # An import checks the folded length too: a file with "ß" * 51 was taken, and the
    # export written after it could not be imported.
    doc["moments"][0]["tags"] = ["ß" * 51]
    with pytest.raises(MlcoachError, match="short texts"):
        exporting.parse_export(json.dumps(doc).encode())


def test_a_file_of_countless_tiny_values_is_refused_before_it_is_parsed(store, monkeypatch):
    """255 MB of "[]," took 6.5 GB to parse (each value costs ~60 bytes in memory); the
    byte limit alone does not bound that. The values are counted first."""
    monkeypatch.setattr(exporting, "MAX_IMPORT_VALUES", 1000)
    before = exporting.export_document(store)
    hostile = b'{"format": "mlcoach-export", "version": 1, "x": [' + b"[]," * 2000 + b"[]]}"
    with pytest.raises(MlcoachError, match="more entries than an mlcoach export can"):
        exporting.parse_export(hostile)
    ok = json.dumps(before).encode()
    assert ok.count(b",") < 1000 and exporting.parse_export(ok)["format"] == "mlcoach-export"


def test_an_answer_that_is_a_few_letters_of_ours_is_still_taken(store, tmp_path,
                                                                memory_keyring):
    """"go" was dropped as already there because "The demo did not go well" holds it."""
    day = date(2026, 11, 23)
    store.save_reflection(day, energy=None, went_well="go", intention="Ask Deniz")
    other = exporting.export_document(store)
    here = open_store(Layout(tmp_path / "here"), keys=OSKeyring()).store
    here.save_reflection(day, energy=None, went_well="The demo did not go well",
                         intention="Ask Deniz about the release")
    exporting.import_document(here, other)
    kept = here.reflection(day)
    assert kept is not None and kept.went_well == "The demo did not go well\n\ngo"
    assert kept.intention == "Ask Deniz about the release"  # an older edit of ours: kept


def test_an_export_is_one_moment_in_time_while_others_write(store, tmp_path, monkeypatch):
    """Each section was read on its own: a person and her moment saved by the app between
    the people and the moments came out as a moment naming someone not in the file, and
    her style was lost on import."""
    import contextlib

    from mlcoach.domain.model import Style
    from mlcoach.store import quick

    assert store.path is not None and store._secret is not None
    path, secret = store.path, store._secret
    store.add_person("Ana")
    real = store.connection

    class Midway:
        def __init__(self, conn) -> None:  # type: ignore[no-untyped-def]
            self.conn, self.reads = conn, 0

        def execute(self, sql: str, *args):  # type: ignore[no-untyped-def]
            if "FROM moments" in sql and self.reads == 0:
                self.reads += 1
                from mlcoach.domain.enums import Kind

                quick.add_moment(path, secret, "Thanked Bo", Kind.RECOGNITION, person="Bo",
                                 style=Style.FACTS, tags=[], now=datetime.now(timezone.utc))
            return self.conn.execute(sql, *args)

        def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
            return getattr(self.conn, name)

    @contextlib.contextmanager
    def midway_connection():  # type: ignore[no-untyped-def]
        with real() as conn:
            yield Midway(conn)

    monkeypatch.setattr(store, "connection", midway_connection)
    doc = exporting.export_document(store)
    people = {p["id"] for p in doc["people"]}
    assert all(m["person_id"] in people for m in doc["moments"] if m.get("person_id"))
    assert [p["name"] for p in doc["people"]] == ["Ana"]  # as it was when the export began
    monkeypatch.undo()
    assert len(exporting.export_document(store)["people"]) == 2  # Bo, saved meanwhile


def test_a_tag_holding_half_a_character_is_refused_in_one_line(cli_env, tmp_path):
    """"tags": ["\\ud800"] passed the checks and failed the write with "unexpected error"."""
    from tests.conftest import run_cli

    assert run_cli(cli_env, "capture", "kept as it was").returncode == 0
    bad = tmp_path / "half.json"
    bad.write_text('{"format": "mlcoach-export", "version": 1, "moments": [{"id": "m1", '
                   '"text": "hi", "kind": "other", "created_at": "2024-03-01T09:00:00+00:00", '
                   '"tags": ["\\ud800"]}]}')
    res = run_cli(cli_env, "import", str(bad))
    assert res.returncode == 1 and "tags" in res.stderr and "unexpected" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    out = run_cli(cli_env, "export")
    assert [m["text"] for m in json.loads(out.stdout)["moments"]] == ["kept as it was"]


def test_what_a_killed_export_left_beside_its_file_goes_at_the_next(cli_env, tmp_path):
    """SIGKILL mid-write left ".notes.json.k2x9ab3f" (the words, maybe in a synced folder)
    for good, or for an hour when the next export went to the same file; the next export
    into the folder removes every part whose writer is gone (its lock went with it), not
    one still being written."""
    import fcntl
    import os
    import time

    from tests.conftest import run_cli

    assert run_cli(cli_env, "capture", "Asked Ana about the release").returncode == 0
    target = tmp_path / "notes.json"
    two_minutes_ago = time.time() - 120
    killed = tmp_path / ".notes.json.k2x9ab3f.mlcoach-part"  # minutes ago, not an hour
    killed.write_text('{"moments": [{"text": "Asked Ana')
    other = tmp_path / ".journal.md.zz9x8y7w.mlcoach-part"  # a killed export to another name
    other.write_text("# mlcoach journal")
    writing = tmp_path / ".notes.json.a1b2c3d4.mlcoach-part"  # another export, writing now
    writing.write_text("{")
    for part in (killed, other, writing):
        os.utime(part, (two_minutes_ago, two_minutes_ago))
    new = tmp_path / ".notes.json.n3w0n3w0.mlcoach-part"  # made just now, not yet locked
    new.write_text("")
    mine = tmp_path / ".notes.json.20240101"  # the user's own, named like a leftover
    mine.write_text("kept")
    os.utime(mine, (0, 0))
    with writing.open("rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # as atomic_write holds it while writing
        assert run_cli(cli_env, "export", "-o", str(target)).returncode == 0
    assert not killed.exists() and not other.exists()
    assert writing.exists() and new.exists() and mine.exists()
    assert "Asked Ana" in target.read_text()


@pytest.mark.parametrize(("name", "kept"), [("Ana\u200b", "Ana"), ("Evil\u202eeman", "Evileman"),
                                          ("\u2066Bo", "Bo"), ("Ana\x1b", "Ana")])
@pytest.mark.parametrize("where", ["people", "moments", "suggestions"])
def test_an_imported_name_is_kept_as_it_shows(store, name, kept, where):
    """"Ana\u200b" (a second Ana who looks the same) and "Evil\u202eeman" (which turns the
    rest of a terminal line around) were imported, though `people add` refuses both.
    Then (sessions 30, 31) the file was refused, and a store made before those checks
    could not take its own export back. Now the name is kept as it shows: the Ana of
    the file is the Ana here, and no character that does not show comes in."""
    _fill(store)
    doc = exporting.export_document(store)
    entry = dict(doc[where][0])
    entry["id"] = "11111111-1111-4111-8111-111111111111"
    entry["name" if where == "people" else "person"] = name
    entry.pop("person_id", None)  # known by name only
    doc[where] = [*doc[where], entry]
    exporting.import_document(store, exporting.parse_export(json.dumps(doc).encode()))
    names = {p.name for p in store.people(include_archived=True)}
    assert kept in names
    assert not any(hidden_character(n) for n in names)


def test_a_store_made_before_takes_its_own_export_back(store, tmp_path, memory_keyring):
    """Session 31 left this open: a store whose person was saved as "Ana\x1b" before
    such names were refused wrote an export that its own import refused."""
    _fill(store)
    store.add_moment("Paired with Cem", person="Cem")
    with store.connection() as conn:
        conn.execute("UPDATE people SET name = ? WHERE name = ?", ("Cem\x1b", "Cem"))
        conn.commit()
    doc = exporting.export_document(store)
    other = open_store(Layout(tmp_path / "other"), keys=OSKeyring())
    try:
        exporting.import_document(other.store, exporting.parse_export(json.dumps(doc).encode()))
        paired = next(m for m in other.store.moments() if m.text == "Paired with Cem")
        assert paired.person == "Cem"
    finally:
        other.store.close()


def test_an_imported_tag_is_kept_as_a_typed_one_is(store):
    """A "#" before an imported tag was kept in it: the moment showed "##speed", and
    neither `search "#speed"` nor the tag filter's "speed" found it. "ops\u200b" (or one
    with a control character) was a second #ops that looks the same; one of nothing that
    shows was a bare "#". A space stays (a backup holding "two words" comes back whole)."""
    _fill(store)
    doc = exporting.export_document(store)
    doc["moments"][0].update(id="11111111-1111-4111-8111-111111111111",
                             tags=["#Speed", "ci", "#ci", "ci\u200b", "c\x1bi", "\u200b",
                                   "#", "two words"])
    exporting.import_document(store, exporting.parse_export(json.dumps(doc).encode()))
    imported = next(m for m in store.moments() if m.id.startswith("11111111"))
    assert imported.tags == ("speed", "ci", "two words")


def test_a_name_that_turns_a_terminal_line_around_is_masked_when_printed():
    from mlcoach.cli.main import printable

    assert printable("Evil\u202eeman; Ana\u2067x\u2069 ok") == "Evil\ufffdeman; Ana\ufffdx\ufffd ok"
    assert printable("Işık\tand\nDana") == "Işık\tand\nDana"  # tab and newline stay


@pytest.mark.parametrize("value", [[], {}, ["facts"], {"a": 1}])
def test_a_list_or_an_object_in_any_field_is_refused_in_one_line(store, value):
    """`"kind": []` in a moment (or a style, an outcome, a theme, a day part) ended in
    "unexpected error (TypeError: unhashable type: 'list')"."""
    _fill(store)
    doc = exporting.export_document(store)
    doc["custom_prompts"] = [{"id": "c1", "theme": "recognition", "parts": ["morning"],
                              "texts": {"en": {"text": "Thank someone by name", "try": "x"}}}]
    exporting.parse_export(json.dumps(doc).encode())  # the file itself is good
    tried = 0
    for section in ("people", "moments", "suggestions", "reflections", "prompt_events",
                    "custom_prompts"):
        for key in doc[section][0]:
            bad = json.loads(json.dumps(doc))
            bad[section][0][key] = value
            try:
                exporting.parse_export(json.dumps(bad).encode())
            except MlcoachError as exc:
                assert "\n" not in str(exc)
            tried += 1
    assert tried > 40


def test_another_computers_desktop_calendar_choice_is_not_taken(store, tmp_path,
                                                                memory_keyring):
    """An export from a GNOME laptop turned on reading Evolution's calendars here."""
    from dataclasses import replace

    store.save_settings(replace(store.settings(), calendar_eds=True))
    doc = exporting.export_document(store)
    other = open_store(Layout(tmp_path / "other"), keys=OSKeyring())
    assert "calendar_eds" in exporting.ignored_settings(other.store, doc)
    exporting.import_document(other.store, doc)
    assert other.store.settings().calendar_eds is False
    other.store.close()


def test_exports_carry_no_terminal_sequence_or_reordering_mark(store):
    """A moment holding ESC sequences, a bell or U+202E was written raw into the CSV and
    Markdown exports: `cat journal.md` ran the sequences, and "rtl\u202egnp.exe" showed
    as "rtlexe.png" in a viewer."""
    store.add_moment("Asked \x1b[2J\x1b]0;pwned\x07 about rtl\u202egnp.exe today")
    for text in (exporting.export_csv(store), exporting.export_markdown(store)):
        assert not any(ch in text for ch in "\x1b\x07\u202e"), text
        assert "\ufffd" in text and "rtl\ufffdgnp" in text


def _person(pid: str, name: str, **more):
    return {"id": f"0b9f3c2a-1d4e-4f5a-8b6c-7d8e9f0a1{pid}", "name": name,
            "created_at": "2026-01-05T09:00:00+00:00", **more}


def test_an_imported_at_ana_is_the_ana_here(store):
    """A file's "@Ana" (typed with `people add @Ana` before names dropped the "@") came
    in as a second person "@Ana" beside Ana, where a typed "@Ana" is Ana."""
    store.add_person("Ana", notes="likes data")
    at_ana = _person("b01", "@Ana", style="facts", notes="prefers mornings")
    doc = exporting.parse_export(json.dumps({
        "format": "mlcoach-export", "version": 1, "people": [at_ana],
        "moments": [{"id": "0b9f3c2a-1d4e-4f5a-8b6c-7d8e9f0a1b02", "text": "Asked her",
                     "created_at": "2026-01-05T09:00:00+00:00", "kind": "question",
                     "person": "@Ana", "person_id": at_ana["id"]},
                    {"id": "0b9f3c2a-1d4e-4f5a-8b6c-7d8e9f0a1b03", "text": "Thanked him",
                     "created_at": "2026-01-05T09:00:00+00:00", "kind": "recognition",
                     "person": "@ Cem"}],
    }).encode())
    exporting.import_document(store, doc)
    people = {p.name: (p.style, p.notes) for p in store.people()}
    assert people == {"Ana": (Style.FACTS, "likes data\n\nprefers mornings"),
                      "Cem": (None, "")}
    assert sorted(m.person for m in store.moments()) == ["Ana", "Cem"]
    assert exporting.preview_import(store, doc).nothing_new  # again: nothing new


@pytest.mark.parametrize("order", [1, -1])
def test_an_at_ana_kept_beside_an_ana_stays_apart_when_imported(store, order):
    """Migration 0012 left "@Ana" as it was where an Ana was already saved: both are in
    that computer's export, and stay two people here (never merged unasked)."""
    people = [_person("c01", "Ana", notes="one"), _person("c02", "@Ana", notes="two")]
    doc = exporting.parse_export(json.dumps({
        "format": "mlcoach-export", "version": 1, "people": people[::order]}).encode())
    assert exporting.import_document(store, doc)["people"] == 2
    assert {p.name: p.notes for p in store.people()} == {"Ana": "one", "@Ana": "two"}


def test_two_entries_of_one_file_that_both_clean_to_ana_keep_both_notes(store):
    """"@Ana" and "@ Ana" of one file are one Ana here: the second one's notes and
    style join the first's, not dropped."""
    doc = exporting.parse_export(json.dumps({
        "format": "mlcoach-export", "version": 1,
        "people": [_person("d01", "@Ana", notes="one"),
                   _person("d02", "@ Ana", style="facts", notes="two")]}).encode())
    assert exporting.import_document(store, doc)["people"] == 1
    (ana,) = store.people()
    assert (ana.name, ana.style, ana.notes) == ("Ana", Style.FACTS, "one\n\ntwo")


def test_an_export_holding_notes_with_a_nul_imports_without_it(store):
    """`people add --notes -` kept a NUL read from a pipe before session 27; that store's
    exports were refused whole by `mlcoach import` ("contains a NUL character"), so its
    backups could not be brought back. The NUL is left out; the notes come back."""
    person = {"id": "11111111-1111-4111-8111-111111111111",
              "created_at": "2026-01-05T09:00:00+00:00", "name": "Bo",
              "notes": "Reads\x00 numbers"}
    raw = json.dumps({"format": "mlcoach-export", "version": 1, "people": [person]}).encode()
    exporting.import_document(store, exporting.parse_export(raw))
    assert store.find_person("Bo").notes == "Reads numbers"
