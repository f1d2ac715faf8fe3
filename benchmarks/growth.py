"""Growth: the same operations on stores of 1, 10 and 30 years (up to 150,000 moments),
in-process and from the shell, with a PNG plot of how each grows.

In-process (warm, interleaved with the fixed pure-Python calibration loop of scale.py):
the reflection dialog's data, a search, the History window's first page (its kept
connection, as the window holds one while open), the headline stats and the JSON export.
From the shell (a new process each time, from a regular install): `mlcoach search`,
`mlcoach stats` and `mlcoach export --format json` against a bare `python -c pass`,
interleaved; "beyond bare Python" is the median of the per-round differences.

    .venv/bin/python benchmarks/growth.py [--runs 5] [--years 1,10,30] [--smoke]
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks import harness as h
from benchmarks.scale import calibration, timed

TZ = ZoneInfo("Europe/Berlin")
HERE = Path(__file__).resolve().parent
PLOT = HERE / "growth.png"

IN_PROCESS = (  # key, label, target (s) at ten years or None
    ("reflection", "reflection dialog data", 0.050),
    ("search", "search \"release notes\"", 0.020),
    ("history_search", "History: first page of a search (warm)", 0.010),
    ("history_page", "History: first page, no filter (warm)", None),
    ("stats", "headline stats (compute_stats)", None),
    ("edit", "edit a moment's text and tags (update_moment)", None),
    ("export", "JSON export (in-process)", None),
)
SHELL = (
    ("sh_search", "`mlcoach search agenda` beyond bare Python", 0.150),
    ("sh_stats", "`mlcoach stats` beyond bare Python", 0.150),
    ("sh_export", "`mlcoach export --format json` (whole command)", 1.0),
)


def in_process(data: Path, now: datetime, runs: int) -> dict[str, list[float]]:
    from mlcoach.store.stats import compute_stats
    from mlcoach.store.timeline import Timeline, TimelineFilter
    from mlcoach.store.vault import Layout, open_store
    from mlcoach.transfer import exporting
    from mlcoach.ui.reflection_dialog import load_day_data

    store = open_store(Layout(data), keys=h._ConstKeys()).store
    timeline = Timeline(store, keep_connection=True)
    (oldest,) = store.moments(limit=1, newest_first=False)
    turn = iter(range(1_000_000))

    def edit() -> None:  # its search index entry is written again each time
        n = next(turn)
        store.update_moment(oldest.id, text=f"{oldest.text} ({n})", tags=[f"edit{n % 3}"])

    try:
        cases: dict[str, Callable[[], float]] = {
            "calibration": calibration,
            "reflection": timed(lambda: load_day_data(store, now, TZ)),
            "search": timed(lambda: store.search("release notes", limit=50)),
            "history_search": timed(lambda: timeline.next_page(
                TimelineFilter(query="agenda"))),
            "history_page": timed(lambda: timeline.next_page(TimelineFilter())),
            "stats": timed(lambda: compute_stats(store, now, TZ)),
            "edit": timed(edit),
        }
        res = h.alternate(cases, runs)
        export = h.alternate({"calibration_export": calibration,
                              "export": timed(lambda: exporting.export_json(store))},
                             max(1, min(runs, 3)))
    finally:
        timeline.release()
        store.close()
    return {**res, **export}


def shell(desk: h.Desktop, mlcoach: str, data: Path, runs: int) -> dict[str, list[float]]:
    out = Path(desk.root) / "export.json"

    def run(*args: str) -> Callable[[], float]:
        def once() -> float:
            t0 = time.perf_counter()
            subprocess.run(args, env=desk.env, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            return time.perf_counter() - t0
        return once

    base = "--data-dir", str(data)
    return h.alternate({
        "bare_python": run(h.PY, "-c", "pass"),
        "sh_search": run(mlcoach, *base, "search", "agenda"),
        "sh_stats": run(mlcoach, *base, "stats"),
        "sh_export": run(mlcoach, *base, "export", "--format", "json", "-o", str(out)),
    }, runs)


def measure(report: h.Report, runs: int, years: list[int]) -> dict[int, dict[str, float]]:
    mlcoach = str(h.regular_install())
    table: dict[int, dict[str, float]] = {}
    with h.Desktop(x=False) as desk:
        for y in years:
            src = h.generated_store(y)
            meta = h.bench_meta(src)
            now = datetime.fromisoformat(meta["now"])
            with h.store_copy(src, desk) as data:
                res = in_process(data, now, runs)
                res.update(shell(desk, mlcoach, data, runs))
            report.raw[str(y)] = {"meta": meta, **res}
            row = {k: h.median(res[k]) for k, _, _ in IN_PROCESS}
            row["moments"] = meta["counts"]["moments"]
            row["calibration"] = h.median(res["calibration"])
            row["bare_python"] = h.median(res["bare_python"])
            for key, _, _ in SHELL:
                if key == "sh_export":
                    row[key] = h.median(res[key])
                else:  # per-round differences: the rounds ran close together
                    row[key] = h.median([a - b for a, b in
                                         zip(res[key], res["bare_python"], strict=True)])
            table[y] = row
    ten = 10 if 10 in table else max(table)
    for key, label, target in IN_PROCESS + SHELL:
        cells = " / ".join(h.ms(table[y][key]) for y in years)
        m = table[ten][key]
        # The machine's speed factored out, at each size: in-process figures against the
        # calibration loop, shell figures against the bare Python start.
        base = "bare_python" if key.startswith("sh_") else "calibration"
        ratios = " / ".join(f"{table[y][key] / table[y][base]:.1f}×" for y in years)
        report.add(f"{label}: {' / '.join(f'{y} y' for y in years)}", cells,
                   f"{ratios} {'bare Python' if base == 'bare_python' else 'calibration'}",
                   f"≤ {h.ms(target)} at {ten} y" if target else "",
                   None if target is None else m <= target)
    report.add("bare `python -c pass` (shell baseline)",
               " / ".join(h.ms(table[y]["bare_python"]) for y in years))
    report.add("calibration loop (in-process baseline)",
               " / ".join(h.ms(table[y]["calibration"]) for y in years))
    report.notes.append("moments per store: " + ", ".join(
        f"{y} y: {table[y]['moments']:,}" for y in years))
    report.notes.append(f"{runs} interleaved runs per figure after a warm-up (export: up "
                        f"to 3); the shell commands from a regular install, the key in a "
                        "private gnome-keyring; plot: benchmarks/growth.png")
    return table


def plot(table: dict[int, dict[str, float]], path: Path) -> None:
    """Small multiples, one per operation: milliseconds against years (linear axes)."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen

    app = QGuiApplication.instance() or QGuiApplication(["growth"])
    series = [(k, label) for k, label, _ in IN_PROCESS + SHELL]
    cols, cell_w, cell_h = 3, 420, 260
    rows = (len(series) + cols - 1) // cols
    image = QImage(cols * cell_w, rows * cell_h + 40, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    title = QFont()
    title.setPointSize(12)
    title.setBold(True)
    p.setFont(title)
    p.drawText(QRectF(0, 6, image.width(), 28), Qt.AlignmentFlag.AlignCenter,
               "mlcoach: time per operation against years of history")
    small = QFont()
    small.setPointSize(8)
    years = sorted(table)
    xmax = max(years)
    for i, (key, label) in enumerate(series):
        ox, oy = (i % cols) * cell_w, 40 + (i // cols) * cell_h
        plot_r = QRectF(ox + 60, oy + 34, cell_w - 90, cell_h - 80)
        values = [table[y][key] * 1000 for y in years]
        ymax = max(values) * 1.25 or 1.0
        p.setFont(small)
        p.setPen(QColor("#222"))
        p.drawText(QRectF(ox + 10, oy + 6, cell_w - 20, 24), Qt.AlignmentFlag.AlignLeft,
                   label.replace("`", ""))
        p.setPen(QPen(QColor("#999"), 1))
        p.drawLine(plot_r.bottomLeft(), plot_r.bottomRight())
        p.drawLine(plot_r.bottomLeft(), plot_r.topLeft())
        for frac in (0.0, 0.5, 1.0):
            yv = ymax * frac
            yy = plot_r.bottom() - plot_r.height() * frac
            p.drawText(QRectF(ox, yy - 8, 55, 16), Qt.AlignmentFlag.AlignRight,
                       f"{yv:.0f} ms" if ymax >= 10 else f"{yv:.1f} ms")
        pts = []
        for y, v in zip(years, values, strict=True):
            x = plot_r.left() + plot_r.width() * (y / xmax)
            yy = plot_r.bottom() - plot_r.height() * (v / ymax)
            pts.append(QPointF(x, yy))
            p.drawText(QRectF(x - 30, plot_r.bottom() + 4, 60, 16),
                       Qt.AlignmentFlag.AlignCenter, f"{y} y")
        p.setPen(QPen(QColor("#1f6fb2"), 2))
        for a, b in itertools.pairwise(pts):
            p.drawLine(a, b)
        for pt, v in zip(pts, values, strict=True):
            p.drawEllipse(pt, 3, 3)
            p.drawText(QRectF(pt.x() - 40, pt.y() - 20, 80, 16), Qt.AlignmentFlag.AlignCenter,
                       f"{v:.0f}" if v >= 10 else f"{v:.1f}")
            p.setPen(QPen(QColor("#1f6fb2"), 2))
    p.end()
    image.save(str(path))
    del app


def main() -> int:
    p = h.common_args(__doc__.splitlines()[0])
    p.add_argument("--years", default="1,10,30", help="store sizes, comma-separated")
    p.add_argument("--plot", type=Path, default=PLOT, help="where to write the PNG")
    args = p.parse_args()
    years = [1] if args.smoke else [int(y) for y in args.years.split(",")]
    report = h.Report("growth" if not args.smoke else "growth (smoke: 1 year)")
    table = measure(report, 1 if args.smoke else args.runs, years)
    if not args.smoke:
        plot(table, args.plot)
    report.emit(args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
