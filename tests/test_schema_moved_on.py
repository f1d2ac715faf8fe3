"""A running mlcoach whose store a newer one migrated meanwhile writes nothing the old way:
each write says so in one line, reads go on, and nothing is lost."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from mlcoach.domain.errors import StoreUnavailableError
from mlcoach.store.migrations import HEAD

NEWER = f"{int(HEAD) + 1:04d}"


def _migrated_by_a_newer_mlcoach(layout, secret) -> None:  # type: ignore[no-untyped-def]
    from mlcoach.store.db import connect_raw

    conn = connect_raw(layout.db, secret)
    try:
        conn.execute("UPDATE alembic_version SET version_num = ?", (NEWER,))
        conn.commit()
    finally:
        conn.close()


def _moments(layout, secret) -> int:  # type: ignore[no-untyped-def]
    from mlcoach.store.db import connect_raw

    conn = connect_raw(layout.db, secret)
    try:
        return int(conn.execute("SELECT count(*) FROM moments").fetchone()[0])
    finally:
        conn.close()


def test_the_idle_apps_store_writes_nothing_on_a_newer_schema(opened, layout) -> None:  # type: ignore[no-untyped-def]
    from mlcoach.store.light import LightStore

    light = LightStore(layout.db, opened.secret)
    light.add_moment("Before the upgrade")
    _migrated_by_a_newer_mlcoach(layout, opened.secret)
    with pytest.raises(StoreUnavailableError, match=f"schema {NEWER}.*nothing was written"):
        light.add_moment("After the upgrade")
    with pytest.raises(StoreUnavailableError, match="restart mlcoach"):
        light.set_state("paused_until", "later")
    assert _moments(layout, opened.secret) == 1
    assert light.get_state("paused_until") is None
    assert len(light.search("upgrade")) == 1  # reads go on


def test_a_windows_store_writes_nothing_on_a_newer_schema(opened, layout) -> None:  # type: ignore[no-untyped-def]
    store = opened.store
    store.add_moment("Before the upgrade")
    _migrated_by_a_newer_mlcoach(layout, opened.secret)
    with pytest.raises(StoreUnavailableError, match=f"schema {NEWER}"):
        store.add_moment("After the upgrade")
    assert _moments(layout, opened.secret) == 1
    assert len(store.moments()) == 1


def test_a_shell_capture_writes_nothing_on_a_newer_schema(opened, layout) -> None:  # type: ignore[no-untyped-def]
    from mlcoach.domain.enums import Kind
    from mlcoach.store import quick

    _migrated_by_a_newer_mlcoach(layout, opened.secret)
    with pytest.raises(StoreUnavailableError):
        quick.add_moment(layout.db, opened.secret, "Late", Kind.OTHER, person=None,
                         style=None, tags=[], now=datetime.now(timezone.utc))
    assert _moments(layout, opened.secret) == 0


def test_the_migration_itself_still_writes(opened, layout) -> None:  # type: ignore[no-untyped-def]
    from mlcoach.store.db import connect_raw, ensure_schema, schema_version

    opened.store.close()
    conn = connect_raw(layout.db, opened.secret)
    conn.execute("UPDATE alembic_version SET version_num = ?", (f"{int(HEAD) - 1:04d}",))
    conn.commit()
    conn.close()
    assert ensure_schema(layout.db, opened.secret, layout.backups, datetime.now(timezone.utc))
    conn = connect_raw(layout.db, opened.secret)
    try:
        assert schema_version(conn) == HEAD
    finally:
        conn.close()
