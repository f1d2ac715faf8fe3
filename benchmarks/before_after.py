"""Before and after in one run, on the 10-year store: the History window's first page of
a search (in-process, each version's `Timeline` on its own kept connection, against the
calibration loop), `mlcoach stats` beyond a bare Python start and `mlcoach export
--format json` (a regular install of each version, against `python -c pass`), all
interleaved so a slow spell of the shared machine hits both versions.

    .venv/bin/python benchmarks/before_after.py [--before REV] [--runs 9]

REV (default: main) is laid out with `git archive`; "after" is this working tree.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks import harness as h
from benchmarks.scale import calibration, timed


def _install(root: Path, dest: Path) -> str:
    """A regular install of the tree at `root`, moved to `dest`."""
    saved = h.ROOT
    h.ROOT = root
    try:
        script = h.regular_install()
    finally:
        h.ROOT = saved
    venv = script.parents[1]
    shutil.rmtree(dest, ignore_errors=True)
    shutil.move(str(venv), dest)
    launcher = dest / "bin" / "mlcoach"
    launcher.write_text(launcher.read_text().replace(str(venv), str(dest)))
    return str(launcher)


def _run(env: dict[str, str], *args: str) -> Callable[[], float]:
    def once() -> float:
        t0 = time.perf_counter()
        subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        return time.perf_counter() - t0
    return once


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--before", default="main")
    p.add_argument("--runs", type=int, default=9)
    args = p.parse_args()
    from mlcoach.store import timeline as new_tl
    from mlcoach.store.vault import Layout, open_store

    with tempfile.TemporaryDirectory(prefix="mlcoach-ab-") as tmp:
        base = Path(tmp) / "before"
        base.mkdir()
        archive = subprocess.run(["git", "-C", str(h.ROOT), "archive", args.before],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
        before = _install(base, Path(tmp) / "venv-before")
        after = _install(h.ROOT, Path(tmp) / "venv-after")
        spec = importlib.util.spec_from_file_location(
            "before_timeline", base / "mlcoach" / "store" / "timeline.py")
        assert spec is not None and spec.loader is not None
        old_tl = importlib.util.module_from_spec(spec)
        sys.modules["before_timeline"] = old_tl
        spec.loader.exec_module(old_tl)
        with h.Desktop(x=False) as desk, h.store_copy(h.generated_store(10), desk) as data:
            store = open_store(Layout(data), keys=h._ConstKeys()).store
            t_old = old_tl.Timeline(store, keep_connection=True)
            t_new = new_tl.Timeline(store, keep_connection=True)
            try:
                ip = h.alternate({
                    "calibration": calibration,
                    "history_before": timed(lambda: t_old.next_page(
                        old_tl.TimelineFilter(query="agenda"))),
                    "history_after": timed(lambda: t_new.next_page(
                        new_tl.TimelineFilter(query="agenda"))),
                }, args.runs * 3)
            finally:
                t_old.release()
                t_new.release()
                store.close()
            dd = "--data-dir", str(data)
            out = str(Path(desk.root) / "export.json")
            sh = h.alternate({
                "bare_python": _run(desk.env, h.PY, "-c", "pass"),
                "stats_before": _run(desk.env, before, *dd, "stats"),
                "stats_after": _run(desk.env, after, *dd, "stats"),
                "export_before": _run(desk.env, before, *dd, "export", "--format", "json",
                                      "-o", out),
                "export_after": _run(desk.env, after, *dd, "export", "--format", "json",
                                     "-o", out),
            }, args.runs)
    ms = h.median
    print(f"before = {args.before}; load average {os.getloadavg()[0]:.1f}")
    print(f"calibration loop: {ms(ip['calibration']) * 1000:.1f} ms")
    for k in ("history_before", "history_after"):
        print(f"History first page of a search, {k[8:]}: {ms(ip[k]) * 1000:.1f} ms "
              f"({h.ratio(ip[k], ip['calibration']):.2f}x calibration)")
    print(f"bare python -c pass: {ms(sh['bare_python']) * 1000:.0f} ms")
    for k in ("stats_before", "stats_after"):
        beyond = ms([a - b for a, b in zip(sh[k], sh["bare_python"], strict=True)])
        print(f"mlcoach stats, {k[6:]}: {beyond * 1000:.0f} ms beyond bare Python "
              f"(whole command {ms(sh[k]) * 1000:.0f} ms)")
    for k in ("export_before", "export_after"):
        print(f"mlcoach export --format json, {k[7:]}: {ms(sh[k]) * 1000:.0f} ms "
              f"({h.ratio(sh[k], sh['bare_python']):.1f}x bare Python)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
