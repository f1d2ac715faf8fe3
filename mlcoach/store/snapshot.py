"""Reading one committed state of the store across several statements."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any


@contextlib.contextmanager
def one_snapshot(conn: Any) -> Iterator[None]:
    """Every read inside sees the store as one commit left it: a commit landing between
    two of them (another process writing) is seen by none. Reads only: nothing is kept."""
    conn.execute("BEGIN")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")
