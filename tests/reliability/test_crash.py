"""SIGKILL at random moments: every confirmed capture survives, the store stays sound, the
draft being typed comes back, and a killed first start never leaves a stuck folder.

The run is scripts/crash_test.py (its docstring says what is killed and how); this test
runs it with a few hundred kills. `python scripts/crash_test.py --kills 2000` is the
longer run quoted in docs/reliability.md.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KILLS = 240


@pytest.mark.slow
@pytest.mark.timeout(280)
def test_sigkill_at_random_moments_loses_nothing(tmp_path: Path) -> None:
    seed = int(os.environ.get("MLCOACH_CRASH_SEED") or random.getrandbits(32))
    res = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "crash_test.py"), "--kills", str(KILLS),
         "--seed", str(seed), "--workdir", str(tmp_path / "work"), "--json"],
        capture_output=True, text=True, timeout=260, cwd=ROOT)
    assert res.stdout, res.stderr[-2000:]
    report = json.loads(res.stdout)
    again = f"reproduce with MLCOACH_CRASH_SEED={seed}; problems: {report['problems'][:5]}"
    assert report["kills"] >= 200, again
    kinds = report["kills_by_kind"]
    assert kinds["capture (plain)"] and kinds["capture (encrypted)"] and kinds["draft"], kinds
    assert kinds["process (plain)"] and kinds["process (encrypted)"], kinds
    assert report["confirmed"] > 100, again  # the kills did not all land before any work
    assert report["lost"] == 0, again
    assert report["integrity"] == {"plain": "ok", "encrypted": "ok"}, again
    assert report["drafts_lost"] == 0 and report["drafts_checked"] >= 40, again
    assert report["init_stuck"] == 0 and report["init_folders"] >= 10, again
    assert report["false_recoveries"] == 0, again
    assert report["ok"] and res.returncode == 0, again
