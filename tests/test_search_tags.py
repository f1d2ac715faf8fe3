"""Search finds a moment by its tags (migration 0013): the capture takes "#oncall" out of
the text, so `search oncall` missed the moment it was written for.

Unit tests on a real SQLCipher file with the in-memory keyring; the CLI test runs
`python -m mlcoach` in a child process with keyrings.alt's file backend."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from mlcoach.store import migrations
from mlcoach.store.core import Store
from mlcoach.store.db import connect_raw, ensure_schema, make_engine, schema_version
from mlcoach.store.vault import Layout, Opened
from tests.conftest import run_cli
from tests.search_index import alembic, entries, sound


def _found(store: Store, query: str) -> list[str]:
    return [h.ref for h in store.search(query)]


def test_a_moment_is_found_by_its_tags(store: Store, opened: Opened, layout: Layout) -> None:
    moment = store.add_moment("Fixed the pager rota", tags=["oncall", "İzmir"])
    other = store.add_moment("Thanked Ana for the oncall notes")
    assert sorted(_found(store, "oncall")) == sorted([other.id, moment.id])
    assert _found(store, "#oncall") == _found(store, "oncall")
    assert _found(store, "pager izmir") == [moment.id]  # a word and a tag together
    assert _found(store, "IZMIR") == [moment.id]
    (hit,) = store.search("pager izmir")
    assert "#[izmir]" in hit.snippet and "[pager]" in hit.snippet
    assert entries(layout, opened, moment.id) == [("Fixed the pager rota\n#oncall #izmir",)]
    assert sound(layout, opened)


def test_a_tag_taken_off_is_no_longer_found(store: Store, opened: Opened,
                                            layout: Layout) -> None:
    moment = store.add_moment("Paired on the release notes", tags=["oncall", "mentoring"])
    store.update_moment(moment.id, tags=["release"])
    assert _found(store, "oncall") == [] and _found(store, "mentoring") == []
    assert _found(store, "release") == [moment.id]
    store.update_moment(moment.id, text="Paired on the rollout")
    assert entries(layout, opened, moment.id) == [("Paired on the rollout\n#release",)]
    store.update_moment(moment.id, tags=[])
    assert _found(store, "release") == []
    assert entries(layout, opened, moment.id) == [("Paired on the rollout",)]
    assert sound(layout, opened)
    store.update_moment(moment.id, tags=["oncall"])
    store.delete_moment(moment.id)
    assert _found(store, "oncall") == [] and entries(layout, opened, moment.id) == []
    assert sound(layout, opened)


def test_the_capture_command_finds_its_tags(cli_env: dict[str, str]) -> None:
    assert run_cli(cli_env, "init").returncode == 0
    assert run_cli(cli_env, "capture", "Fixed the pager with Ana #oncall").returncode == 0
    out = run_cli(cli_env, "search", "oncall", "--json")
    assert out.returncode == 0, out.stderr
    (hit,) = json.loads(out.stdout)
    assert hit["type"] == "moment" and "#[oncall]" in hit["snippet"]
    line = run_cli(cli_env, "search", "#oncall").stdout
    assert line.rstrip().endswith("Fixed the pager with Ana #[oncall]"), line


def test_a_store_from_before_is_checked_as_it_was_written_then_indexed_anew(
        store: Store, opened: Opened, layout: Layout) -> None:
    """A store at 0012 indexes a moment's text alone. Its full check (the doctor's, the
    daily one before the upgrade has run) must not take that for damage; the upgrade
    puts the tags in."""
    moment = store.add_moment("Ran the retro", tags=["team", "retro"])
    store.close()
    alembic(opened, layout.db, "downgrade", "0012")
    assert entries(layout, opened, moment.id) == [("Ran the retro",)]
    assert sound(layout, opened)

    assert ensure_schema(layout.db, opened.secret, layout.backups, datetime.now(UTC))
    conn = connect_raw(layout.db, opened.secret)
    try:
        assert schema_version(conn) == migrations.HEAD
    finally:
        conn.close()
    again = Store(make_engine(layout.db, opened.secret), layout.db, opened.secret)
    try:
        assert _found(again, "team") == [moment.id]
        assert entries(layout, opened, moment.id) == [("Ran the retro\n#team #retro",)]
        assert sound(layout, opened)
        # the migration may run again over itself (its version row alone set back)
        again.close()
        conn = connect_raw(layout.db, opened.secret)
        conn.execute("UPDATE alembic_version SET version_num = '0012'")
        conn.commit()
        conn.close()
        assert ensure_schema(layout.db, opened.secret, layout.backups, datetime.now(UTC))
        assert entries(layout, opened, moment.id) == [("Ran the retro\n#team #retro",)]
        assert sound(layout, opened)
    finally:
        again.close()
