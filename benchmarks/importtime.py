"""`python -X importtime` of the start paths, as text tables (median of several runs).

- benchmarks/importtime-capture.txt: `mlcoach capture TEXT` into an encrypted store.
- benchmarks/importtime-app.txt: `mlcoach run` until the tray icon is shown, then
  what the store opening imports afterwards (on the worker thread).

    .venv/bin/python benchmarks/importtime.py [--runs 5] [--smoke] [--out benchmarks]
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import harness as h

HERE = Path(__file__).resolve().parent


def parse(lines: list[str]) -> dict[str, tuple[int, int, int]]:
    """module -> (self µs, cumulative µs, depth) from -X importtime lines."""
    out: dict[str, tuple[int, int, int]] = {}
    for line in lines:
        if not line.startswith("import time:") or "|" not in line or "self [us]" in line:
            continue
        head, cum, name = line.split("|")
        depth = (len(name) - len(name.lstrip())) // 2
        out[name.strip()] = (int(head.split(":")[1]), int(cum), depth)
    return out


def table(title: str, runs: list[dict[str, tuple[int, int, int]]], top: int = 30) -> str:
    mods = set().union(*runs)
    med = {m: (h.median([r[m][0] for r in runs if m in r]),
               h.median([r[m][1] for r in runs if m in r])) for m in mods}
    total = sum(v[0] for v in med.values())
    by_pkg: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    for m, (s, _) in med.items():
        by_pkg[m.split(".")[0]] += s
        count[m.split(".")[0]] += 1
    lines = [title, "=" * len(title), "",
             f"{len(mods)} modules, {total / 1000:.0f} ms of import time in all "
             f"(median of {len(runs)} runs, self times summed)", "",
             "By top-level package (self time summed):", "",
             f"{'package':<34}{'modules':>8}{'ms':>9}"]
    for pkg, s in sorted(by_pkg.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"{pkg:<34}{count[pkg]:>8}{s / 1000:>9.1f}")
    lines += ["", f"Top {top} modules by cumulative time:", "",
              f"{'module':<52}{'self ms':>9}{'cumul ms':>10}"]
    for m, (s, c) in sorted(med.items(), key=lambda kv: -kv[1][1])[:top]:
        lines.append(f"{m:<52}{s / 1000:>9.1f}{c / 1000:>10.1f}")
    return "\n".join(lines) + "\n"


def capture_runs(desk: h.Desktop, data: Path, n: int) -> list[dict[str, tuple[int, int, int]]]:
    runs = []
    for _ in range(n + 1):
        err = subprocess.run([h.PY, "-X", "importtime", "-m", "mlcoach", "--data-dir",
                              str(data), "capture", "importtime run"], env=desk.env,
                             capture_output=True, text=True, check=True).stderr
        runs.append(parse(err.splitlines()))
    return runs[1:]


def app_runs(desk: h.Desktop, data: Path, n: int) -> tuple[list[dict[str, tuple[int, int, int]]],
                                                            list[dict[str, tuple[int, int, int]]]]:
    before, after = [], []
    for _ in range(n + 1):
        proc = h.ReadyProcess([h.PY, "-X", "importtime", "-m", "mlcoach", "--data-dir",
                               str(data), "run"], desk.env)
        try:
            proc.wait("store", 60)
            time.sleep(1.0)
        finally:
            proc.stop()
        cut = proc.lines.index("mlcoach-ready: tray")
        before.append(parse(proc.lines[:cut]))
        after.append(parse(proc.lines[cut:]))
    return before[1:], after[1:]


def main() -> int:
    p = h.common_args(__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=HERE, help="folder for the .txt tables")
    args = p.parse_args()
    n = 1 if args.smoke else max(3, args.runs)
    with h.Desktop() as desk, h.store_copy(None, desk) as data:
        cap = capture_runs(desk, data, n)
        before, after = app_runs(desk, data, n)
    note = ("Made by `.venv/bin/python benchmarks/importtime.py`; times vary with the load on "
            "the machine, the shares and the module lists are what to read.\n\n")
    (args.out / "importtime-capture.txt").write_text(
        note + table("mlcoach capture TEXT (encrypted store, Secret Service)", cap))
    (args.out / "importtime-app.txt").write_text(
        note + table("mlcoach run: process start until the tray icon is shown", before)
        + "\n\n" + table("mlcoach run: after the icon (store opening, on the worker thread)",
                         after))
    for name in ("importtime-capture.txt", "importtime-app.txt"):
        text = (args.out / name).read_text()
        summary = next(line for line in text.splitlines() if " modules, " in line)
        sys.stdout.write(f"{name}: {summary}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
