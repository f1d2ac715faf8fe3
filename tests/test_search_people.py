"""Search finds a moment by the person it is with (migration 0014): a moment captured
with `--person Ana` whose words do not name her was missed by `search ana`.

Unit tests on a real SQLCipher file with the in-memory keyring; the CLI test runs
`python -m mlcoach` in a child process with keyrings.alt's file backend."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

from mlcoach.store.core import Store
from mlcoach.store.db import connect_raw, ensure_schema
from mlcoach.store.vault import Layout, Opened
from tests.conftest import run_cli
from tests.search_index import alembic, entries, sound


def _found(store: Store, query: str) -> list[str]:
    return [h.ref for h in store.search(query) if h.entity == "moment"]


def test_a_moment_is_found_by_its_person(store: Store, opened: Opened, layout: Layout) -> None:
    moment = store.add_moment("Gave the demo without notes", person="Ayşe Işık",
                              tags=["demo"])
    store.add_moment("Reviewed the budget")
    assert _found(store, "ayşe") == [moment.id]
    assert _found(store, "AYŞE IŞIK") == [moment.id]  # Turkish capitals, as names are typed
    assert _found(store, "demo ayşe") == [moment.id]  # a word and the person together
    (hit,) = [h for h in store.search("isik") if h.entity == "moment"]
    assert "@Ayşe [Işık]" in hit.snippet
    assert entries(layout, opened, moment.id) == [
        ("Gave the demo without notes\n#demo\n@Ayşe Işık",)]
    assert sound(layout, opened)


def test_a_rename_a_merge_and_a_deletion_move_the_name_in_the_index(
        store: Store, opened: Opened, layout: Layout) -> None:
    moment = store.add_moment("Covered the standup", person="Deniz")
    store.edit_person("Deniz", new_name="Deniz Kaya")
    assert _found(store, "kaya") == [moment.id]
    assert entries(layout, opened, moment.id) == [("Covered the standup\n@Deniz Kaya",)]

    other = store.add_moment("Paired on the fix", person="Dnz")
    store.merge_person("Dnz", "Deniz Kaya")
    assert _found(store, "dnz") == []
    assert sorted(_found(store, "kaya")) == sorted([moment.id, other.id])
    assert sound(layout, opened)

    store.delete_person("Deniz Kaya")
    assert _found(store, "kaya") == [] and _found(store, "deniz") == []
    assert entries(layout, opened, moment.id) == [("Covered the standup",)]
    assert sound(layout, opened)


def test_a_moment_written_before_its_person_gets_the_name(store: Store, opened: Opened,
                                                          layout: Layout) -> None:
    """An import may write a moment before the person it points to (the foreign keys
    checked at the commit); the person's arrival writes the moment's entry again."""
    store.close()
    person, moment = str(uuid.uuid4()), str(uuid.uuid4())
    now = "2026-12-06 09:00:00.000000"
    conn = connect_raw(layout.db, opened.secret)
    try:
        conn.execute("BEGIN")
        conn.execute("PRAGMA defer_foreign_keys = ON")
        conn.execute("INSERT INTO moments (id, kind, text, person_id, created_at, updated_at,"
                     " planned) VALUES (?, 'other', 'Ran the retro', ?, ?, ?, 0)",
                     (moment, person, now, now))
        conn.execute("INSERT INTO people (id, name, name_key, notes, archived, created_at,"
                     " updated_at) VALUES (?, 'Selin', 'selin', '', 0, ?, ?)",
                     (person, now, now))
        conn.commit()
    finally:
        conn.close()
    assert entries(layout, opened, moment) == [("Ran the retro\n@Selin",)]
    assert sound(layout, opened)


def test_a_store_from_before_is_checked_as_written_then_indexed_anew(
        store: Store, opened: Opened, layout: Layout) -> None:
    moment = store.add_moment("Ran the retro", person="Ana", tags=["team"])
    store.close()
    alembic(opened, layout.db, "downgrade", "0013")
    assert entries(layout, opened, moment.id) == [("Ran the retro\n#team",)]
    assert sound(layout, opened)  # the doctor's check before the upgrade has run

    for _ in range(2):  # the migration may run again over itself
        assert ensure_schema(layout.db, opened.secret, layout.backups, datetime.now(UTC))
        assert entries(layout, opened, moment.id) == [("Ran the retro\n#team\n@Ana",)]
        assert sound(layout, opened)
        conn = connect_raw(layout.db, opened.secret)
        conn.execute("UPDATE alembic_version SET version_num = '0013'")
        conn.commit()
        conn.close()


def test_the_capture_command_is_found_by_its_person(cli_env: dict[str, str]) -> None:
    assert run_cli(cli_env, "init").returncode == 0
    assert run_cli(cli_env, "capture", "Thanked her for the handover",
                   "--person", "Ana").returncode == 0
    out = run_cli(cli_env, "search", "ana", "--json")
    assert out.returncode == 0, out.stderr
    hits = [h for h in json.loads(out.stdout) if h["type"] == "moment"]
    assert len(hits) == 1 and "@[Ana]" in hits[0]["snippet"], hits


def test_a_name_searched_with_its_case_ending_finds_the_person(store: Store) -> None:
    """Turkish puts a case ending on a name ("Ana'ya", "Ayşe’nin"); the search reads it as
    the name, as a name typed on its own is read, so her moments are found though the
    ending is in none of them."""
    thanked = store.add_moment("Thanked her for the handover", person="Ana")
    notes = store.add_moment("Ayşe'nin notları çok iyiydi")
    assert _found(store, "Ana'ya") == [thanked.id]
    assert _found(store, "ana’dan,") == [thanked.id]
    assert _found(store, "Ayşe’nin") == [notes.id]
    said = store.add_moment("I don't think the demo needs more slides")
    assert _found(store, "don't think") == [said.id]  # an English apostrophe still finds


def test_a_search_for_someone_finds_the_suggestions_for_them(store: Store) -> None:
    """`search --person Ana wiki` listed Ana's moments only, not the suggestion composed
    for her about the wiki; a kind (which only moments have) still lists moments only."""
    from mlcoach.domain.enums import ChangeKind, Kind, Size

    store.add_person("Ana")
    for_ana, _ = store.add_suggestion(style=None, change="use the wiki for decisions",
                                      action=ChangeKind.START, size=Size.SMALL,
                                      text="Show the page.", person="Ana", plan=False)
    store.add_suggestion(style=None, change="use the wiki for notes", action=ChangeKind.START,
                         size=Size.SMALL, text="Show the page.", person="Bo", plan=False)
    moment = store.add_moment("Showed Ana the wiki", person="Ana")
    found = {(h.entity, h.ref) for h in store.search("wiki", person="ana")}
    assert found == {("suggestion", for_ana.id), ("moment", moment.id)}
    assert [(h.entity, h.ref) for h in store.search("wiki", person="Ana", kind=Kind.OTHER)] \
        == [("moment", moment.id)]
