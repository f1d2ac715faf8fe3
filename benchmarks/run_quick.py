"""`make bench`: a quick subset of every benchmark, in under three minutes.

Fewer runs and a shorter idle window than the full scripts, so the figures are
rougher; the README's table comes from the full runs. `--smoke` (CI) only proves
that every script works: a one-year store, one run each, a 5 s idle window.

    .venv/bin/python benchmarks/run_quick.py [--smoke]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import harness as h

HERE = Path(__file__).resolve().parent

QUICK = (
    ("capture.py", ["--runs", "5"]),
    ("startup.py", ["--runs", "3"]),
    ("idle.py", ["--runs", "1", "--window", "20"]),
    ("scale.py", ["--runs", "3"]),
    ("calendar.py", ["--runs", "3"]),
    ("growth.py", ["--runs", "3", "--years", "1,10"]),
    ("secure_delete.py", ["--runs", "1"]),
)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--smoke", action="store_true", help="prove the scripts work (CI)")
    args = p.parse_args()
    t0 = time.monotonic()
    failed = []
    for script, extra in QUICK:
        cmd = [h.PY, str(HERE / script), *(["--smoke"] if args.smoke else extra)]
        sys.stdout.write(f"$ {' '.join(cmd[1:])}\n")
        sys.stdout.flush()
        if subprocess.run(cmd, cwd=HERE.parent).returncode != 0:
            failed.append(script)
    if args.smoke:
        cmd = [h.PY, str(HERE / "importtime.py"), "--smoke", "--out", str(h.cache_root())]
        h.cache_root().mkdir(parents=True, exist_ok=True)
        if subprocess.run(cmd, cwd=HERE.parent).returncode != 0:
            failed.append("importtime.py")
    sys.stdout.write(f"benchmarks took {time.monotonic() - t0:.0f} s"
                     + (f"; FAILED: {', '.join(failed)}\n" if failed else "\n"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
