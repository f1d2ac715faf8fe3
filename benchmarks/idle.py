"""Idle: memory after start-up settles, then CPU time and wake-ups over a minute of idle.

The bare PySide6 tray app, mlcoach with an empty store and mlcoach with the 10-year
store run side by side on one private Xvfb + trayer desktop, so each round shares the
same machine noise. After the store is open and 10 s have passed: RSS and PSS from
/proc/PID/smaps_rollup; then CPU seconds (all threads) and voluntary context switches
(summed over threads, from /proc/PID/task/*/status) over the idle window.

    .venv/bin/python benchmarks/idle.py [--runs 5] [--window 60] [--smoke]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import harness as h

BARE = str(Path(__file__).resolve().parent / "bare_tray.py")
SETTLE = 10.0


def one_round(desk: h.Desktop, data: dict[str, Path], window: float,
              order: list[str]) -> dict[str, dict[str, float]]:
    procs: dict[str, h.ReadyProcess] = {}
    try:
        for name in order:
            args = [h.PY, BARE] if name == "bare" else [
                h.MLCOACH, "--data-dir", str(data[name]), "run"]
            procs[name] = h.ReadyProcess(args, desk.env)
        ready = 0.0
        for name, proc in procs.items():
            ready = max(ready, proc.at("tray" if name == "bare" else "store", 60))
        time.sleep(max(0.0, ready + SETTLE - time.perf_counter()))
        mem = {n: h.memory_kb(p.pid) for n, p in procs.items()}
        cpu0 = {n: h.cpu_seconds(p.pid) for n, p in procs.items()}
        ctx0 = {n: h.ctx_switches(p.pid) for n, p in procs.items()}
        time.sleep(window)
        out: dict[str, dict[str, float]] = {}
        per_min = 60.0 / window
        for n, p in procs.items():
            ctx1 = h.ctx_switches(p.pid)
            threads = {t: c - ctx0[n].get(t, 0) for t, c in ctx1.items()}
            out[n] = {"rss": mem[n]["Rss"] / 1024, "pss": mem[n]["Pss"] / 1024,
                      "cpu": (h.cpu_seconds(p.pid) - cpu0[n]) * per_min,
                      "ctx": sum(threads.values()) * per_min}
            busiest = sorted(threads.items(), key=lambda kv: -kv[1])[:3]
            out[n]["threads"] = ", ".join(f"{t.split('/')[0]} {c}" for t, c in busiest)  # type: ignore[assignment]
        for n in order:
            if n != "bare":
                out[n]["rss_history"] = after_history(desk, data[n], procs[n]) / 1024
        return out
    finally:
        for p in procs.values():
            p.stop()


def after_history(desk: h.Desktop, data: Path, proc: h.ReadyProcess) -> float:
    """Open the History window (a second start asks the running app, as the menu
    does), close it as a window
    manager would, wait SETTLE seconds: RSS in kB. The ORM stays loaded after this."""
    code = ("import sys; from pathlib import Path; from mlcoach.ui.launcher import launch; "
            "sys.exit(launch(Path(sys.argv[1]), 'history'))")  # no `mlcoach history` command
    h.subprocess.run([h.PY, "-c", code, str(data)], env=desk.env, check=True, timeout=60,
                     capture_output=True)
    proc.wait("shown:history", 60)
    title = "History & insights"
    if not h.wait_for(lambda: bool(desk.window_ids(title)), 10):
        raise RuntimeError("the History window did not appear")
    time.sleep(1.0)
    for window in desk.window_ids(title):
        desk.close_window(window)
    if not h.wait_for(lambda: not mapped(desk, title), 10):
        raise RuntimeError("the History window did not close")
    time.sleep(SETTLE)
    return h.memory_kb(proc.pid)["Rss"]


def mapped(desk: h.Desktop, title: str) -> bool:
    for window in desk.window_ids(title):
        info = h.subprocess.run(["xwininfo", "-id", str(window)], env=desk.env,
                                capture_output=True, text=True).stdout
        if "IsViewable" in info:
            return True
    return False


def measure(report: h.Report, runs: int, window: float, years: int) -> None:
    rounds: list[dict[str, dict[str, float]]] = []
    with h.Desktop() as desk, h.store_copy(None, desk) as empty, \
            h.store_copy(h.generated_store(years), desk) as big:
        data = {"empty": empty, "big": big}
        names = ["bare", "empty", "big"]
        for i in range(runs):
            rounds.append(one_round(desk, data, window, names[i % 3:] + names[:i % 3]))
    report.raw["rounds"] = rounds

    def col(name: str, key: str) -> list[float]:
        return [r[name][key] for r in rounds]

    report.add("bare PySide6 tray: RSS / PSS",
               f"{h.median(col('bare', 'rss')):.0f} / {h.median(col('bare', 'pss')):.0f} MB",
               "1.00×")
    for name, what in (("empty", "empty store"), ("big", f"{years}-year store")):
        r = h.ratio(col(name, "rss"), col("bare", "rss"))
        rp = h.ratio(col(name, "pss"), col("bare", "pss"))
        report.add(f"mlcoach, {what}: RSS / PSS",
                   f"{h.median(col(name, 'rss')):.0f} / {h.median(col(name, 'pss')):.0f} MB",
                   f"{r:.2f}× / {rp:.2f}×", "RSS ≤ 1.3×", r <= 1.3)
    for name, what in (("empty", "empty store"), ("big", f"{years}-year store")):
        r = h.ratio(col(name, "rss_history"), col("bare", "rss"))
        report.add(f"mlcoach, {what}: RSS after History was opened and closed",
                   f"{h.median(col(name, 'rss_history')):.0f} MB", f"{r:.2f}×",
                   "RSS ≤ 1.3×", r <= 1.3)
    for name, what in (("bare", "bare PySide6 tray"), ("empty", "mlcoach, empty store"),
                       ("big", f"mlcoach, {years}-year store")):
        cpu, ctx = h.median(col(name, "cpu")), h.median(col(name, "ctx"))
        target = name != "bare"
        report.add(f"{what}: CPU per idle minute", f"{cpu:.3f} s", "",
                   "≤ 0.05 s" if target else "", cpu <= 0.05 if target else None)
        report.add(f"{what}: voluntary context switches per minute", f"{ctx:.0f}", "",
                   "< 60" if target else "", ctx < 60 if target else None)
    last = rounds[-1]
    report.notes.append(f"{runs} rounds, {window:.0f} s idle window each (figures scaled to a "
                        f"minute), after the store opened + {SETTLE:.0f} s; the three apps "
                        "ran side by side; then History was opened (a `history` request, as "
                        "from the tray menu), "
                        f"closed (WM_DELETE_WINDOW) and RSS read {SETTLE:.0f} s later")
    report.notes.append("busiest threads in the last round (context switches): "
                        + "; ".join(f"{n}: {last[n]['threads']}" for n in last))


def main() -> int:
    p = h.common_args(__doc__.splitlines()[0])
    p.add_argument("--window", type=float, default=60.0, help="idle seconds measured")
    args = p.parse_args()
    report = h.Report("idle")
    measure(report, 1 if args.smoke else args.runs, 5.0 if args.smoke else args.window,
            1 if args.smoke else 10)
    report.emit(args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
