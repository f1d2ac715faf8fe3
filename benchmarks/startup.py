"""Start-up: process start until the tray icon is shown, mlcoach against a bare
PySide6 tray app, on a private Xvfb + trayer desktop, runs interleaved.

mlcoach runs with an empty encrypted store and with the generated 10-year store
(key in gnome-keyring), from the dev venv and from a regular install (no editable-install
import hook); the time on to "store open" is printed beside.

With --before REV: regular installs of REV (laid out with `git archive`) and of this
working tree instead, each on an empty store it made itself, interleaved with the bare
tray: whether a change of ours moved the start, apart from the machine's own speed.

    .venv/bin/python benchmarks/startup.py [--runs 7] [--smoke] [--before REV]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import harness as h

BARE = str(Path(__file__).resolve().parent / "bare_tray.py")


def _bare_start(desk: h.Desktop) -> float:
    """The bare tray's start to its icon, the icon checked to be in trayer."""
    proc = h.ReadyProcess([h.PY, BARE], desk.env)
    try:
        t = proc.wait("tray")
        if not h.wait_for(lambda: "bare-tray" in desk.windows(), 5):
            raise RuntimeError("the bare tray icon never reached trayer")
        return t
    finally:
        proc.stop()


def _app_start(exe: str, data: Path, desk: h.Desktop, store_times: list[float]) -> float:
    """mlcoach's start to its icon; the time to its store open goes in `store_times`."""
    proc = h.ReadyProcess([exe, "--data-dir", str(data), "run"], desk.env)
    try:
        t = proc.wait("tray", 60)
        store_times.append(proc.wait("store", 60))
        return t
    finally:
        proc.stop()


def measure(report: h.Report, runs: int, years: int) -> None:
    src = h.generated_store(years)
    store_times: dict[str, list[float]] = {"empty": [], "big": [], "regular": []}
    regular = str(h.regular_install())  # what users run: no editable-install import hook
    with h.Desktop() as desk, h.store_copy(None, desk) as empty, \
            h.store_copy(src, desk) as big:

        def app(data: Path, label: str, exe: str = h.MLCOACH) -> float:
            return _app_start(exe, data, desk, store_times[label])

        res = h.alternate({
            "bare": lambda: _bare_start(desk),
            "empty": lambda: app(empty, "empty"),
            "big": lambda: app(big, "big"),
            "regular": lambda: app(empty, "regular", regular),
        }, runs)
    for label in store_times:
        store_times[label] = store_times[label][-runs:]  # drop the warm-up round
    report.raw.update(res)
    report.raw["store_open"] = store_times
    base = res["bare"]
    report.add("bare PySide6 tray (baseline)", h.ms(h.median(base)), "1.00×")
    for label, what in (("empty", "empty store"), ("big", f"{years}-year store"),
                        ("regular", "empty store, regular install (what users run)")):
        r = h.ratio(res[label], base)
        report.add(f"mlcoach to tray icon, {what}", h.ms(h.median(res[label])), f"{r:.2f}×",
                   "≤ 1.2×", r <= 1.2)  # PRODUCT.md §6
        ro = h.ratio(store_times[label], base)
        report.add(f"… and on to store open, {what}", h.ms(h.median(store_times[label])),
                   f"{ro:.2f}×", "≤ 2×", ro <= 2.0)
    report.notes.append("process start (Popen) to the `mlcoach-ready: tray` line, written "
                        "right after QSystemTrayIcon.show(); the bare app writes it at the "
                        "same point, and its icon is checked to be embedded in trayer")


@contextmanager
def _empty_store_of(exe: str, desk: h.Desktop) -> Iterator[Path]:
    """An empty store made by `exe`'s own version (a newer one's schema stops an older)."""
    saved = h.MLCOACH, h.PY
    h.MLCOACH, h.PY = exe, str(Path(exe).parent / "python")
    try:
        with h.store_copy(None, desk) as data:
            h.MLCOACH, h.PY = saved
            yield data
    finally:
        h.MLCOACH, h.PY = saved


def measure_before(report: h.Report, runs: int, rev: str) -> None:
    from benchmarks.before_after import _install

    with tempfile.TemporaryDirectory(prefix="mlcoach-ab-") as tmp:
        old = Path(tmp) / "before"
        old.mkdir()
        archive = subprocess.run(["git", "-C", str(h.ROOT), "archive", rev], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
        exes = {"before": _install(old, Path(tmp) / "venv-before"),
                "after": _install(h.ROOT, Path(tmp) / "venv-after")}
        store_times: dict[str, list[float]] = {"before": [], "after": []}
        with h.Desktop() as desk, _empty_store_of(exes["before"], desk) as d_before, \
                _empty_store_of(exes["after"], desk) as d_after:
            data = {"before": d_before, "after": d_after}

            def app(label: str) -> float:
                return _app_start(exes[label], data[label], desk, store_times[label])

            res = h.alternate({"bare": lambda: _bare_start(desk), "before": lambda: app("before"),
                               "after": lambda: app("after")}, runs)
    report.raw.update(res)
    report.add("bare PySide6 tray (baseline)", h.ms(h.median(res["bare"])), "1.00×")
    for label, what in (("before", f"{rev}, regular install"),
                        ("after", "this tree, regular install")):
        r = h.ratio(res[label], res["bare"])
        report.add(f"mlcoach to tray icon, {what}", h.ms(h.median(res[label])), f"{r:.2f}×",
                   "≤ 1.2×", r <= 1.2)
        kept = store_times[label][-runs:]  # the warm-up round dropped
        ro = h.ratio(kept, res["bare"])
        report.add(f"… and on to store open, {what}", h.ms(h.median(kept)), f"{ro:.2f}×",
                   "≤ 2×", ro <= 2.0)


def main() -> int:
    parser = h.common_args(__doc__.splitlines()[0])
    parser.add_argument("--before", metavar="REV",
                        help="A/B: regular installs of REV and of this tree")
    args = parser.parse_args()
    report = h.Report("start-up")
    runs = 1 if args.smoke else args.runs
    if args.before:
        measure_before(report, runs, args.before)
    else:
        measure(report, runs, 1 if args.smoke else 10)
    report.emit(args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
