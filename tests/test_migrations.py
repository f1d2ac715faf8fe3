"""The schema is versioned by Alembic from the first revision."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory

from mlcoach.store import migrations
from mlcoach.store.core import Store
from mlcoach.store.db import connect_raw, ensure_schema, make_engine, schema_version


def test_head_constant_matches_alembic_head():
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrations.__file__).parent))
    assert ScriptDirectory.from_config(cfg).get_current_head() == migrations.HEAD


def test_empty_folder_is_migrated_to_head(opened, layout):
    conn = connect_raw(layout.db, opened.secret)
    try:
        assert schema_version(conn) == migrations.HEAD
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    assert {"moments", "people", "suggestions", "reflections", "prompt_events",
            "custom_prompts", "settings", "moment_tags", "search_fts"} <= tables


def test_older_schema_is_backed_up_then_migrated(opened, layout):
    from datetime import datetime, timezone

    from mlcoach.store.db import ensure_schema

    opened.store.add_moment("Before the upgrade")
    opened.store.close()
    conn = connect_raw(layout.db, opened.secret)
    conn.execute("UPDATE alembic_version SET version_num = '0000'")
    conn.close()
    # '0000' is unknown: pretend it is an ancestor by registering nothing and expect refusal
    import pytest

    from mlcoach.domain.errors import MlcoachError

    with pytest.raises(MlcoachError, match="newer mlcoach"):
        ensure_schema(layout.db, opened.secret, layout.backups, datetime.now(timezone.utc))
    assert not layout.backups.exists() or not any(  # no copy made (store.json's is kept)
        p for p in layout.backups.iterdir() if p.name != "mlcoach-store.json")


def _alembic(engine, action: str, target: str) -> None:  # type: ignore[no-untyped-def]
    from alembic import command

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrations.__file__).parent))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, action)(cfg, target)


def _indexes(layout, secret) -> set[str]:  # type: ignore[no-untyped-def]
    conn = connect_raw(layout.db, secret)
    try:
        return {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'moments'")}
    finally:
        conn.close()


_STAMP = "2026-01-01 09:00:00.000000"


def _add_people(conn, people: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    """People p0, p1 … as an older version saved them: (name, name_key) each."""
    for i, (name, key) in enumerate(people):
        conn.execute("INSERT INTO people (id, name, name_key, style, notes, archived, "
                     "created_at, updated_at) VALUES (?, ?, ?, NULL, '', 0, ?, ?)",
                     (f"p{i}", name, key, _STAMP, _STAMP))


def _add_moment(conn, moment_id: str, text: str, person_id: str | None = None,  # type: ignore[no-untyped-def]
                tags: tuple[str, ...] = ()) -> None:
    conn.execute("INSERT INTO moments (id, text, kind, created_at, updated_at, planned, "
                 "person_id) VALUES (?, ?, 'other', ?, ?, 0, ?)",
                 (moment_id, text, _STAMP, _STAMP, person_id))
    for position, tag in enumerate(tags):
        conn.execute("INSERT INTO moment_tags (moment_id, tag, position) VALUES (?, ?, ?)",
                     (moment_id, tag, position))


@contextmanager
def _migrated_from(opened, layout, version: str, fill) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    """The rows `fill` writes, in a store set back to `version`, then opened as the app
    opens it: migrated to the head."""
    opened.store.close()
    conn = connect_raw(layout.db, opened.secret)
    fill(conn)
    conn.execute("UPDATE alembic_version SET version_num = ?", (version,))
    conn.commit()
    conn.close()
    assert ensure_schema(layout.db, opened.secret, layout.backups, datetime.now(timezone.utc))
    store = Store(make_engine(layout.db, opened.secret), layout.db, opened.secret)
    try:
        yield store
    finally:
        store.close()


def test_a_0001_store_is_backed_up_then_upgraded_with_its_data(opened, layout, caplog):
    import logging
    from datetime import datetime, timezone

    from mlcoach.store.db import HEAD, ensure_schema, make_engine

    moment = opened.store.add_moment("Written by the first release", person="Ana")
    opened.store.close()
    engine = make_engine(layout.db, opened.secret)
    try:
        _alembic(engine, "downgrade", "0001")
    finally:
        engine.dispose()
    assert "ix_moments_person_created" not in _indexes(layout, opened.secret)

    with caplog.at_level(logging.INFO):
        migrated = ensure_schema(layout.db, opened.secret, layout.backups,
                                 datetime.now(timezone.utc))
    assert migrated
    # one line of ours in the log, not Alembic's twenty ("setup plugin …", "Context impl")
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert not [r for r in caplog.records if r.name.startswith("alembic")], said
    assert said[-1] == f"updated the store from schema 0001 to {HEAD}", said
    assert "ix_moments_person_created" in _indexes(layout, opened.secret)
    (backup,) = [p for p in layout.backups.iterdir() if "pre-migrate-0001" in p.name]
    conn = connect_raw(backup, opened.secret)  # the copy is encrypted like the store
    try:
        assert schema_version(conn) == "0001"
        assert conn.execute("SELECT text FROM moments").fetchall() == [
            ("Written by the first release",)]
    finally:
        conn.close()
    from mlcoach.store.core import Store

    store = Store(make_engine(layout.db, opened.secret))
    try:
        assert store.get_moment(moment.id).text == "Written by the first release"
        assert "Ana" in store.last_interactions()
    finally:
        store.close()


def test_the_models_and_the_migrations_describe_the_same_schema(opened, layout):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from mlcoach.store.db import make_engine
    from mlcoach.store.models import Base

    opened.store.close()
    engine = make_engine(layout.db, opened.secret)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        engine.dispose()
    # The full-text table and its shadow tables live outside the ORM on purpose.
    diff = [d for d in diff if "search_fts" not in repr(d)]
    assert diff == []


def test_the_tray_apps_open_migrates_a_pending_store_and_only_then_imports_alembic(
        opened, layout, memory_keyring):
    import subprocess
    import sys
    import textwrap

    from mlcoach.store.db import make_engine

    opened.store.add_moment("Written by the first release")
    opened.store.close()
    engine = make_engine(layout.db, opened.secret)
    try:
        _alembic(engine, "downgrade", "0001")
    finally:
        engine.dispose()
    code = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from memkeyring import MemoryKeyring
        import keyring
        ring = MemoryKeyring()
        ring.items.update({memory_keyring.items!r})
        keyring.set_keyring(ring)
        from pathlib import Path
        from mlcoach.security.keys import OSKeyring
        from mlcoach.store.vault import Layout, open_light
        for _ in range(2):  # pending, then at head
            before = "alembic" in sys.modules
            opened = open_light(Layout(Path({str(layout.root)!r})), keys=OSKeyring())
            print(before, "alembic" in sys.modules, len(opened.store.people()))
            sys.modules.pop("alembic", None)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, check=True).stdout.split("\n")
    assert out[:2] == ["False True 0", "False False 0"]
    assert "ix_moments_person_created" in _indexes(layout, opened.secret)


def test_0004_folds_turkish_name_keys_without_merging_anyone(opened, layout):
    from mlcoach.store.light import LightStore

    def fill(conn) -> None:  # type: ignore[no-untyped-def]
        _add_people(conn, [("Işık", "işık"), ("IŞIK", "işik"), ("İsmail", "i\u0307smail"),
                           ("Ana", "ana")])

    with _migrated_from(opened, layout, "0003", fill) as store:
        conn = connect_raw(layout.db, opened.secret)
        try:
            keys = dict(conn.execute("SELECT name, name_key FROM people").fetchall())
        finally:
            conn.close()
        assert keys["İsmail"] == "ismail" and keys["Ana"] == "ana"
        assert keys["IŞIK"] == "işik" and keys["Işık"] == "işık"  # both kept, none merged
        # each is still reached by the name as written, by either write path
        assert store.add_moment("a", person="Işık").person == "Işık"
        assert store.add_moment("b", person="IŞIK").person == "IŞIK"
        assert store.add_moment("c", person="ışık").person == "IŞIK"  # the folded key's
        assert LightStore(layout.db, opened.secret).add_moment("d", person="Işık").person == "Işık"


def test_turkish_names_are_one_person_however_they_are_cased(store):
    from mlcoach.domain.errors import MlcoachError

    store.add_person("Işık")
    for other in ("IŞIK", "ışık", "işık"):
        try:
            store.add_person(other)
        except MlcoachError:
            continue
        raise AssertionError(f"{other} was added beside Işık")
    store.add_person("İsmail")
    moment = store.add_moment("Thanked him for the review", person="ismail")
    assert moment.person == "İsmail"
    assert [p.name for p in store.people()] == ["İsmail", "Işık"]


def test_0005_composes_names_so_one_person_is_found_either_way(opened, layout):
    """"José" stored with "e" and a combining accent: typed with "é" it was a second
    person who looks the same."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "José")
    cafe, decafe = "café", unicodedata.normalize("NFD", "café")

    def fill(conn) -> None:  # type: ignore[no-untyped-def]
        nfd_zoe = unicodedata.normalize("NFD", "Zoë")
        _add_people(conn, [(decomposed, decomposed.casefold()), ("Zoë", "zoë"),
                           (nfd_zoe, nfd_zoe.casefold())])
        _add_moment(conn, "m1", "tagged", tags=(decafe,))
        _add_moment(conn, "m2", "tagged twice", tags=(decafe, cafe))

    with _migrated_from(opened, layout, "0004", fill) as store:
        assert sorted(m.text for m in store.moments(tag=cafe)) == ["tagged", "tagged twice"]
        assert [tuple(m.tags) for m in store.moments(tag=cafe)] == [(cafe,), (cafe,)]
        names = sorted(p.name for p in store.people())
        assert names == sorted(["José", "Zoë", unicodedata.normalize("NFD", "Zoë")])
        for typed in ("José", decomposed):  # either form, the one person
            assert store.add_moment("x", person=typed).person == "José"
        assert len(store.people()) == 3  # the two Zoës stay apart, none merged or lost


def test_0006_folds_a_turkish_capital_i_in_tags(opened, layout):
    """"#İzmir" was stored as "i" and a combining dot, a tag apart from "#izmir" that looks
    the same: a filter by one missed the moments of the other."""
    def fill(conn) -> None:  # type: ignore[no-untyped-def]
        for moment_id, tags in (("m1", ("i\u0307zmir",)), ("m2", ("i\u0307zmir", "izmir")),
                                ("m3", ("izmir", "ışık"))):
            _add_moment(conn, moment_id, moment_id, tags=tags)

    with _migrated_from(opened, layout, "0005", fill) as store:
        for typed in ("İzmir", "izmir", "#IZMIR"):
            found = store.moments(tag=typed)
            assert sorted(m.text for m in found) == ["m1", "m2", "m3"], typed
        assert {tuple(m.tags) for m in store.moments(tag="izmir")} == {
            ("izmir",), ("izmir", "ışık")}  # m2 keeps the tag once
        assert [m.text for m in store.moments(tag="ışık")] == ["m3"]  # ı is its own letter
        moment = store.add_moment("new", tags=["İstanbul"])
        assert moment.tags == ("istanbul",)


def test_0012_takes_the_at_off_names_unless_someone_has_that_name(opened, layout):
    """`people add @Ana` made a person "@Ana" beside the Ana an "@Ana" in a capture names:
    "@Bo" becomes Bo; "@Ana" stays apart from the Ana already there (a merge is the
    user's call); "@" alone stays."""
    def fill(conn) -> None:  # type: ignore[no-untyped-def]
        _add_people(conn, [(name, name.casefold())
                           for name in ["Ana", "@Ana", "@Bo", "@", "@@ Işık"]])
        _add_moment(conn, "m1", "with Bo", person_id="p2")

    with _migrated_from(opened, layout, "0011", fill) as store:
        assert sorted(p.name for p in store.people()) == sorted(
            ["Ana", "@Ana", "Bo", "@", "Işık"])
        assert store.add_moment("again", person="@Bo").person == "Bo"
        assert [m.text for m in store.moments(person="Bo")] == ["again", "with Bo"]
        assert store.add_moment("x", person="IŞIK").person == "Işık"
        assert len(store.people()) == 5


def test_0015_names_show_what_they_are_and_stay_apart_visibly(opened, layout):
    """A name saved with a character that does not show ("Cem\x1b", "Ana\u200b") before
    such names were refused looked like another and could not be named at the command
    line. It becomes what it shows; beside an Ana already there, "Ana (2)"."""
    def fill(conn) -> None:  # type: ignore[no-untyped-def]
        _add_people(conn, [(name, name.casefold()) for name in
                           ["Ana", "Ana\u200b", "Cem\x1b", "\u200b", "Evil\u202eeman"]])
        _add_moment(conn, "m1", "paired", person_id="p2")

    with _migrated_from(opened, layout, "0014", fill) as store:
        assert sorted(p.name for p in store.people()) == sorted(
            ["Ana", "Ana (2)", "Cem", "\u200b", "Evileman"])
        assert [m.text for m in store.moments(person="Cem")] == ["paired"]
        assert store.add_moment("again", person="Cem").person == "Cem"
        # the index entry says the name as it shows now (the trigger on people wrote it)
        assert "m1" in {h.ref for h in store.search("cem") if h.entity == "moment"}


def test_0016_tags_show_what_they_are_and_a_moment_keeps_each_once(opened, layout):
    """"#ops\u200b" saved by `capture --tag` before such tags were refused showed as a
    second #ops that the filter and `search "#ops"` missed."""
    def fill(conn) -> None:  # type: ignore[no-untyped-def]
        _add_moment(conn, "m1", "paged at night", tags=("ops\u200b",))
        _add_moment(conn, "m2", "tagged twice", tags=("ops", "ops\x1b", "team"))
        _add_moment(conn, "m3", "nothing that shows", tags=("\u200b",))

    with _migrated_from(opened, layout, "0015", fill) as store:
        assert sorted(m.text for m in store.moments(tag="ops")) == [
            "paged at night", "tagged twice"]
        assert {m.text: tuple(m.tags) for m in store.moments()} == {
            "paged at night": ("ops",), "tagged twice": ("ops", "team"),
            "nothing that shows": ("\u200b",)}
        # the index entry says the tag as it shows now (the triggers on moment_tags)
        assert {h.ref for h in store.search("#ops") if h.entity == "moment"} == {"m1", "m2"}


def test_one_process_migrates_at_a_time(opened, layout, monkeypatch):
    """The first start after an upgrade is often the app and a few commands at once, each
    finding the store behind. Each began the pre-migration backup under the same name and
    deleted the others' copy: most failed with "read-only" or "the disk refused the
    write". Here three callers meet; the backup sees them one at a time, and the store
    is migrated once."""
    import threading
    from datetime import datetime, timezone

    from mlcoach.store import db as dbmod

    opened.store.add_moment("before the upgrade")
    opened.store.close()
    conn = connect_raw(layout.db, opened.secret)
    conn.execute("UPDATE alembic_version SET version_num = '0003'")
    conn.close()
    inside, most, lock = 0, 0, threading.Lock()
    someone_else = threading.Event()
    real_backup = dbmod.backup_file

    def watched_backup(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal inside, most
        with lock:
            inside += 1
            most = max(most, inside)
        someone_else.wait(0.5)  # room for another caller to come in, if it may
        try:
            return real_backup(*args, **kwargs)
        finally:
            with lock:
                inside -= 1

    monkeypatch.setattr(dbmod, "backup_file", watched_backup)
    results: list[object] = []

    def migrate() -> None:
        try:
            results.append(dbmod.ensure_schema(layout.db, opened.secret, layout.backups,
                                               datetime.now(timezone.utc)))
        except Exception as exc:  # reported by the assertion below
            results.append(exc)

    threads = [threading.Thread(target=migrate) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(map(repr, results)) == ["False", "False", "True"]  # migrated once
    assert most == 1
    conn = connect_raw(layout.db, opened.secret)
    try:
        assert schema_version(conn) == migrations.HEAD
        assert conn.execute("SELECT text FROM moments").fetchall() == [("before the upgrade",)]
    finally:
        conn.close()
