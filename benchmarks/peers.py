"""Peers: mlcoach beside Workrave, Safe Eyes and the bare PySide6 tray, in the same run.

One private Xvfb + trayer desktop (plus a session bus with gnome-keyring, and a stand-in
system bus, which Safe Eyes needs). Each round starts the four apps one after another,
in a rotating order; the time from process start until its icon is embedded in trayer
is read the same way for all four (the tray panel gains a child window; polled with
xwininfo, so all share the polling's granularity). With all four running, 10 s after the
last icon (and mlcoach's store open): RSS, then CPU seconds and voluntary context switches
(all threads) over the idle window. Workrave and Safe Eyes are Debian's packages
(`apt-get install workrave safeeyes`); the script says so when they are missing.

    .venv/bin/python benchmarks/peers.py [--runs 5] [--window 60] [--smoke]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import harness as h

BARE = str(Path(__file__).resolve().parent / "bare_tray.py")
SETTLE = 10.0
APPS = ("bare", "mlcoach", "workrave", "safeeyes")
LABELS = {"bare": "bare PySide6 tray", "mlcoach": "mlcoach",
          "workrave": "Workrave", "safeeyes": "Safe Eyes"}


def tray_icons(desk: h.Desktop) -> int:
    """How many windows trayer's panel holds (its own placeholder included)."""
    lines = desk.windows().splitlines()
    for i, line in enumerate(lines):
        if '"panel": ("panel" "trayer")' in line and i + 1 < len(lines):
            words = lines[i + 1].split()
            if words and words[0].isdigit() and words[1].startswith("child"):
                return int(words[0])
            return 0
    return 0


def start(desk: h.Desktop, name: str, data: Path) -> tuple[h.ReadyProcess, float]:
    """Start one app; seconds from Popen until trayer holds one more icon."""
    before = tray_icons(desk)
    args = {"bare": [h.PY, BARE], "mlcoach": [h.MLCOACH, "--data-dir", str(data), "run"],
            "workrave": ["workrave"], "safeeyes": ["safeeyes"]}[name]
    proc = h.ReadyProcess(args, desk.env)  # its start instant is t0
    while time.perf_counter() - proc.t0 < 60:
        if tray_icons(desk) > before:
            return proc, time.perf_counter() - proc.t0
        if proc.proc.poll() is not None:
            break
        time.sleep(0.005)
    proc.stop()
    raise RuntimeError(f"{name}: no icon in trayer (exit code {proc.proc.poll()})")


def store_open(proc: h.ReadyProcess) -> None:
    proc.wait("store", 60)


def one_round(desk: h.Desktop, data: Path, order: list[str],
              window: float) -> dict[str, dict[str, float]]:
    procs: dict[str, h.ReadyProcess] = {}
    out: dict[str, dict[str, float]] = {}
    try:
        for name in order:
            procs[name], t = start(desk, name, data)
            out[name] = {"icon": t}
        store_open(procs["mlcoach"])
        time.sleep(SETTLE)
        for n, p in procs.items():
            out[n]["rss"] = h.memory_kb(p.pid)["Rss"] / 1024
        cpu0 = {n: h.cpu_seconds(p.pid) for n, p in procs.items()}
        ctx0 = {n: h.ctx_switches(p.pid) for n, p in procs.items()}
        time.sleep(window)
        per_min = 60.0 / window
        for n, p in procs.items():
            out[n]["cpu"] = (h.cpu_seconds(p.pid) - cpu0[n]) * per_min
            # Per thread, as idle.py: a pool thread that ended meanwhile drops out of the
            # sum instead of making it negative.
            ctx1 = h.ctx_switches(p.pid)
            out[n]["ctx"] = sum(c - ctx0[n].get(t, 0) for t, c in ctx1.items()) * per_min
        return out
    finally:
        for p in procs.values():
            p.stop()


def system_bus(desk: h.Desktop) -> None:
    """A stand-in system bus (Safe Eyes connects to one at start)."""
    sock = desk.runtime / "system_bus_socket"
    out = subprocess.run(["dbus-daemon", "--session", f"--address=unix:path={sock}",
                          "--fork", "--print-pid=1"], env=desk.env, capture_output=True,
                         text=True, check=True).stdout.split()
    desk.pids.append(int(out[0]))
    desk.env["DBUS_SYSTEM_BUS_ADDRESS"] = f"unix:path={sock}"


def measure(report: h.Report, runs: int, window: float, years: int) -> None:
    missing = [a for a in ("workrave", "safeeyes") if shutil.which(a) is None]
    if missing:
        raise SystemExit(f"peers.py needs {', '.join(missing)} "
                         "(apt-get install workrave safeeyes)")
    rounds = []
    with h.Desktop() as desk, h.store_copy(h.generated_store(years), desk) as data:
        system_bus(desk)
        one_round(desk, data, list(APPS), min(window, 5.0))  # warm-up: caches, first runs
        for i in range(runs):
            order = list(APPS[i % 4:] + APPS[:i % 4])
            rounds.append(one_round(desk, data, order, window))
    report.raw["rounds"] = rounds

    def col(name: str, key: str) -> list[float]:
        return [r[name][key] for r in rounds]

    for name in APPS:
        icon, rss = col(name, "icon"), col(name, "rss")
        label = LABELS[name] + (f" ({years}-year store)" if name == "mlcoach" else "")
        report.add(f"{label}: start → icon / idle RSS / CPU per idle min / wake-ups "
                   "per min",
                   f"{h.ms(h.median(icon))} / {h.median(rss):.0f} MB / "
                   f"{h.median(col(name, 'cpu')):.3f} s / {h.median(col(name, 'ctx')):.0f}",
                   f"{h.ratio(icon, col('bare', 'icon')):.2f}× / "
                   f"{h.ratio(rss, col('bare', 'rss')):.2f}× bare")
    report.notes.append(f"{runs} rounds after a warm-up round; apps started one after "
                        "another in a rotating order, icon = trayer's panel gains a child "
                        f"window (xwininfo, polled); RSS {SETTLE:.0f} s after the last icon "
                        f"(mlcoach's store open); CPU and voluntary context switches (all "
                        f"threads) over {window:.0f} s, scaled to a minute; main process "
                        "only for each app")


def main() -> int:
    p = h.common_args(__doc__.splitlines()[0])
    p.add_argument("--window", type=float, default=60.0, help="idle seconds measured")
    args = p.parse_args()
    report = h.Report("peers")
    measure(report, 1 if args.smoke else args.runs, 5.0 if args.smoke else args.window,
            1 if args.smoke else 10)
    report.emit(args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
