"""The schema is versioned by Alembic from the first revision."""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory

from mlcoach import migrations
from mlcoach.db import connect_raw, schema_version


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

    from mlcoach.db import ensure_schema

    opened.store.add_moment("Before the upgrade")
    opened.store.close()
    conn = connect_raw(layout.db, opened.secret)
    conn.execute("UPDATE alembic_version SET version_num = '0000'")
    conn.close()
    # '0000' is unknown: pretend it is an ancestor by registering nothing and expect refusal
    import pytest

    from mlcoach.errors import MlcoachError

    with pytest.raises(MlcoachError, match="newer mlcoach"):
        ensure_schema(layout.db, opened.secret, layout.backups, datetime.now(timezone.utc))
    assert not layout.backups.exists() or not any(layout.backups.iterdir())
