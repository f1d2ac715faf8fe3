"""Simultaneous first starts: several `mlcoach capture` on an empty data folder at once,
with a real gnome-keyring. Exactly one sets the store up and shows its recovery key; the
others wait for it and store their moment (or, if the wait truly ran out, say that another
start is setting up). The store always opens with the one recovery key that was shown.

MLCOACH_FIRST_START_ROUNDS=100 runs the long version (docs/reliability.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mlcoach.security.keys import Secret, decode_recovery_key
from mlcoach.store.db import connect_raw
from tests.reliability.bus import session_bus

pytestmark = [pytest.mark.secretservice, pytest.mark.slow]

ROUNDS = int(os.environ.get("MLCOACH_FIRST_START_ROUNDS", "0"))
BUSY = "another start is setting up mlcoach; try again"


def _round(env: dict[str, str], data: Path, width: int) -> tuple[int, int]:
    """Start `width` captures together on an empty folder; check the outcome. Returns
    (captures stored, starts told to try again)."""
    procs = [subprocess.Popen([sys.executable, "-m", "mlcoach", "--data-dir", str(data),
                               "capture", f"first start {i}"], env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for i in range(width)]
    results = [(p.wait(timeout=240), *p.communicate()) for p in procs]
    keys, ids, busy = [], [], 0
    for code, out, err in results:
        lines = err.splitlines()
        if code == 0:
            ids.append(out.strip())
            keys += [line.strip() for line in lines if line.startswith("    ")]
            assert all(line.startswith("mlcoach: ") or line.startswith("    ")
                       for line in lines), err
            assert not [line for line in lines if "damaged" in line or "locked" in line
                        or "refused" in line or "does not open" in line], err
        else:
            assert (code, err) == (1, f"mlcoach: {BUSY}\n"), (code, err)
            busy += 1
    assert len(keys) == 1, f"recovery keys shown: {len(keys)}; {results}"
    shown = subprocess.run([sys.executable, "-m", "mlcoach", "--data-dir", str(data), "doctor",
                            "--recovery-key"], env=env, capture_output=True, text=True,
                           timeout=120)
    assert shown.stdout.strip() == keys[0], shown.stderr
    conn = connect_raw(data / "mlcoach.db", Secret("keyring", raw_key=decode_recovery_key(keys[0])),
                       read_only=True)
    try:
        stored = {r[0] for r in conn.execute("SELECT id FROM moments")}
    finally:
        conn.close()
    assert stored == set(ids)
    return len(ids), busy


@pytest.mark.parametrize(("width", "rounds"), [(2, 6), (10, 2)])
def test_simultaneous_first_starts_make_one_store_with_one_key(tmp_path: Path, width: int,
                                                               rounds: int) -> None:
    rounds = ROUNDS or rounds
    with session_bus(tmp_path, keyring=True) as env:
        stored = busy = 0
        for n in range(rounds):
            got, told = _round(env, tmp_path / f"data-{n}", width)
            stored, busy = stored + got, busy + told
    print(f"first starts: {rounds} rounds of {width}: {stored} captures stored, "
          f"{busy} told to try again")
    assert stored + busy == rounds * width
