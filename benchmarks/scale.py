"""Scale: the store at ten years of heavy use (50,000 moments, 20,000 prompt events,
2,500 reflections, 300 people; benchmarks/generate_store.py, cached).

Each operation runs in-process on a copy of the encrypted store, interleaved with a
fixed pure-Python calibration workload; the ratio to it shows the figure with the
machine's current speed factored out. Timings are warm (after one untimed run).

    .venv/bin/python benchmarks/scale.py [--runs 7] [--smoke]
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks import harness as h

TZ = ZoneInfo("Europe/Berlin")


def calibration() -> float:
    """A fixed ~10 ms of pure Python: the yardstick for the machine's speed right now."""
    t0 = time.perf_counter()
    total = 0
    for i in range(150_000):
        total += i * i % 7
    return time.perf_counter() - t0


def timed(fn: Callable[[], Any]) -> Callable[[], float]:
    def run() -> float:
        t0 = time.perf_counter()
        fn()
        return time.perf_counter() - t0
    return run


def measure(report: h.Report, runs: int, years: int) -> None:
    from mlcoach.store.insights import compute_insights
    from mlcoach.store.stats import compute_stats
    from mlcoach.store.timeline import Timeline, TimelineFilter
    from mlcoach.store.vault import Layout, open_store
    from mlcoach.transfer import exporting
    from mlcoach.ui.reflection_dialog import load_day_data

    src = h.generated_store(years)
    meta = h.bench_meta(src)
    now = datetime.fromisoformat(meta["now"])  # the day the history ends: a busy "today"
    with h.store_copy(src) as data:
        opened = open_store(Layout(data), keys=h._ConstKeys())
        store = opened.store
        timeline = Timeline(store)
        try:
            cases: dict[str, Callable[[], float]] = {
                "calibration": calibration,
                "reflection": timed(lambda: load_day_data(store, now, TZ)),
                "stats": timed(lambda: compute_stats(store, now, TZ)),
                "search": timed(lambda: store.search("release notes", limit=50)),
                "search_common": timed(lambda: store.search("ana", limit=50)),
                "history_search": timed(lambda: timeline.next_page(
                    TimelineFilter(query="agenda"))),
                "history_page": timed(lambda: timeline.next_page(TimelineFilter())),
                "insights": timed(lambda: compute_insights(store, now, TZ)),
            }
            res = h.alternate(cases, runs)
            export_runs = max(1, min(runs, 3))
            export = h.alternate({"calibration": calibration,
                                  "export": timed(lambda: exporting.export_json(store))},
                                 export_runs)
            size = len(exporting.export_json(store).encode())
        finally:
            store.close()
        db = data / "mlcoach.db"
        wal = db.with_name(db.name + "-wal")
        db_size = db.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    res["export"] = export["export"]
    res["calibration_export"] = export["calibration"]
    report.raw.update(res)
    report.raw["meta"] = meta
    base = res["calibration"]
    report.add("calibration (fixed pure-Python loop)", h.ms(h.median(base)), "1.00×")
    rows = (
        ("reflection dialog data (load_day_data)", "reflection", 0.050),
        ("reflection streak/stats (compute_stats, off the GUI thread)", "stats", None),
        ("search \"release notes\" (50 hits)", "search", 0.020),
        ("search \"ana\" (50 hits, a common prefix)", "search_common", 0.020),
        # Per-call connections; the window keeps one (≤ 10 ms warm: growth.py measures it).
        ("history: first page of a search (a connection per call)", "history_search", None),
        ("history: first page, no filter", "history_page", None),
        ("insights (compute_insights)", "insights", 0.200),
    )
    for what, key, target in rows:
        m = h.median(res[key])
        report.add(what, h.ms(m), f"{h.ratio(res[key], base):.1f}×",
                   f"≤ {target * 1000:.0f} ms" if target else "",
                   None if target is None else m <= target)
    m = h.median(res["export"])
    report.add(f"JSON export ({size / 1e6:.1f} MB)", h.ms(m),
               f"{h.ratio(res['export'], res['calibration_export']):.0f}×", "≤ 1000 ms",
               m <= 1.0)
    report.add("database on disk (SQLCipher, with FTS5 index)", f"{db_size / 1e6:.1f} MB")
    counts = meta["counts"]
    report.notes.append(
        f"{counts['moments']} moments, {counts['prompt_events']} prompt events, "
        f"{counts['reflections']} reflections, {counts['people']} people, "
        f"{counts['suggestions']} suggestions; \"today\" is the last generated day")


def main() -> int:
    args = h.common_args(__doc__.splitlines()[0]).parse_args()
    report = h.Report("scale (10-year store)" if not args.smoke else "scale (smoke: 1 year)")
    measure(report, 1 if args.smoke else args.runs, 1 if args.smoke else 10)
    report.emit(args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
