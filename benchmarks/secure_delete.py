"""What wiping deleted text costs: captures, a bulk import and deletions, with neither
wipe, SQLite's secure_delete, and FTS5's secure-delete too, on a plain and an encrypted
store.

    .venv/bin/python benchmarks/secure_delete.py [--years 2] [--captures 200] [--runs 3]
        [--smoke] [--json FILE]

Each figure is the median of `--runs` fresh stores. SQLCipher turns secure_delete on for
every keyed connection by itself, so on an encrypted store only FTS5's option differs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import keyring
from keyring.backend import KeyringBackend

from mlcoach.domain.enums import Kind
from mlcoach.security.keys import OSKeyring
from mlcoach.store import db
from mlcoach.store.quick import insert_moment
from mlcoach.store.vault import Layout, init_store


class _Memory(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self._items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._items.pop((service, username), None)


@contextmanager
def _sqlite_wipe(on: bool) -> Iterator[None]:
    saved = db._PRAGMAS  # the benchmark compares the pragma off and on
    mode = "ON" if on else "OFF"
    db._PRAGMAS = tuple(
        f"PRAGMA secure_delete = {mode}" if p.startswith("PRAGMA secure_delete") else p
        for p in saved)
    try:
        yield
    finally:
        db._PRAGMAS = saved


def _once(mode: str, level: int, years: int, captures: int) -> dict[str, float]:
    """level 0: neither wipe; 1: SQLite's secure_delete; 2: and FTS5's secure-delete."""
    from benchmarks.generate_store import generate

    with tempfile.TemporaryDirectory() as folder, _sqlite_wipe(level >= 1):
        opened = init_store(Layout(Path(folder) / "data"), mode,  # type: ignore[arg-type]
                            keys=OSKeyring())
        store = opened.store
        with store.connection() as conn:
            conn.execute("INSERT INTO search_fts(search_fts, rank) VALUES "
                         f"('secure-delete', {int(level >= 2)})")
        started = time.perf_counter()
        generate(store, years=years, now=datetime(2026, 12, 1, tzinfo=UTC))
        figures = {"bulk import": time.perf_counter() - started}
        conn = db.connect_raw(opened.layout.db, opened.secret)
        try:
            started = time.perf_counter()
            for i in range(captures):
                insert_moment(conn, f"captured moment {i} about Ana's review", Kind.OTHER,
                              person="Ana", style=None, tags=["review"],
                              now=datetime.now(UTC))
            figures["capture (each)"] = (time.perf_counter() - started) / captures
            ids = [r[0] for r in conn.execute(
                "SELECT id FROM moments ORDER BY created_at LIMIT ?", (captures,))]
        finally:
            conn.close()
        started = time.perf_counter()
        for moment_id in ids:
            store.delete_moment(moment_id)
        figures["delete (each)"] = (time.perf_counter() - started) / len(ids)
        store.close()
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--captures", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--smoke", action="store_true",
                        help="one small run (CI: proves the script works)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    args = parser.parse_args(argv)
    if args.smoke:
        args.years, args.captures, args.runs = 1, 10, 1
    figures: dict[str, dict[str, list[float]]] = {}
    keyring.set_keyring(_Memory())
    show: Callable[[float], str] = lambda s: f"{s * 1000:9.2f} ms"  # noqa: E731
    for mode in ("none", "keyring"):
        rows: dict[int, list[dict[str, float]]] = {level: [] for level in (0, 1, 2)}
        for _ in range(args.runs):  # interleaved, so a busy moment hits all three alike
            for level in rows:
                rows[level].append(_once(mode, level, args.years, args.captures))
        for what in rows[0][0]:
            base, *wiped = (statistics.median(r[what] for r in rows[level]) for level in rows)
            figures.setdefault(mode, {})[what] = [base, *wiped]
            print(f"{mode:8} {what:15} neither {show(base)}  "
                  + "  ".join(f"{name} {show(t)} {t / base:5.2f}x" for name, t in
                              zip(("secure_delete", "+ FTS5 secure-delete"), wiped,
                                  strict=True)))
    if args.json is not None:  # seconds: neither, secure_delete, + FTS5 secure-delete
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
