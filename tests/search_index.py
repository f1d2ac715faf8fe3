"""What the search index holds, read straight from the store's file, for the tests of
what a moment's index entry says (tests/test_search_tags.py, tests/test_search_people.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config

from mlcoach.store import migrations
from mlcoach.store.db import connect_raw, make_engine
from mlcoach.store.file_checks import deep_check
from mlcoach.store.vault import Layout, Opened


def sound(layout: Layout, opened: Opened) -> bool:
    """The full check's comparison of every row with its index entry (deep_check)."""
    conn = connect_raw(layout.db, opened.secret)
    try:
        return deep_check(conn)
    finally:
        conn.close()


def entries(layout: Layout, opened: Opened, ref: str) -> list[Any]:
    """The index entries of the row `ref`."""
    conn = connect_raw(layout.db, opened.secret)
    try:
        return conn.execute("SELECT body FROM search_fts WHERE ref = ?", (ref,)).fetchall()
    finally:
        conn.close()


def alembic(opened: Opened, path: Path, action: str, target: str) -> None:
    """Alembic's `action` ("upgrade", "downgrade") to `target` on the store at `path`."""
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrations.__file__).parent))
    engine = make_engine(path, opened.secret)
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            getattr(command, action)(cfg, target)
    finally:
        engine.dispose()
