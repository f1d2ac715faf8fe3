"""Writers that wait: a short write during a long one (an import) waits its turn and
succeeds; if it truly cannot, it says so in one plain line, never "unexpected error".

The long writer is held open deterministically (BEGIN IMMEDIATE on another connection
for longer than the old 5 s busy timeout), so the overlap does not depend on timing."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from mlcoach.security.keys import Secret
from mlcoach.store import db
from tests.conftest import run_cli

pytestmark = pytest.mark.slow

HOLD_S = 6.0  # longer than the 5 s after which writers used to give up


def _hold_write_lock(path: Path, seconds: float, started: threading.Event) -> threading.Thread:
    def hold() -> None:
        conn = db.connect_raw(path, Secret("none"))
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO settings (key, value) VALUES ('long-writer', '1')")
            started.set()
            time.sleep(seconds)
            conn.execute("COMMIT")
        finally:
            conn.close()

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    assert started.wait(30)
    return thread


@pytest.fixture
def plain(cli_env):  # type: ignore[no-untyped-def]
    assert run_cli(cli_env, "init", "--no-encryption").returncode == 0
    saved = run_cli(cli_env, "suggest", "--style", "facts", "--change", "send notes",
                    "--save", "--json")
    assert saved.returncode == 0, saved.stderr
    return cli_env, json.loads(saved.stdout)["id"]


def test_short_writes_wait_for_a_long_writer(plain) -> None:  # type: ignore[no-untyped-def]
    env, suggestion = plain
    path = Path(env["MLCOACH_DATA_DIR"]) / "mlcoach.db"
    holder = _hold_write_lock(path, HOLD_S, threading.Event())
    commands = [("capture", "during a long write @Ana #wait"), ("people", "add", "Bora"),
                ("outcome", suggestion, "followed"), ("capture", "a second one")]
    procs = [subprocess.Popen([sys.executable, "-m", "mlcoach", *c], env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for c in commands]
    # The app's own writes go through Store: one in this process too.
    from mlcoach.security.keys import OSKeyring
    from mlcoach.store.vault import Layout, open_store

    opened = open_store(Layout(path.parent), keys=OSKeyring(), auto_init=False)
    try:
        opened.store.add_person("Cem")
        opened.store.set_state("written-during-the-long-write", True)
    finally:
        opened.store.close()
    results = [(p.wait(120), *p.communicate()) for p in procs]
    holder.join()
    assert [code for code, _, _ in results] == [0] * len(commands), results
    assert not [err for _, _, err in results if "error" in err or "locked" in err]
    listed = json.loads(run_cli(env, "people", "list", "--json").stdout)
    assert {p["name"] for p in listed} >= {"Ana", "Bora", "Cem"}
    found = run_cli(env, "search", "long", "--json")
    assert len(json.loads(found.stdout)) == 1


def test_a_capture_during_a_real_long_import_succeeds(plain, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env, _ = plain
    moments = [{"id": f"{i:026d}", "text": f"imported moment {i}", "kind": "other",
                "created_at": "2025-01-01T10:00:00+00:00", "tags": ["bulk"]}
               for i in range(60_000)]
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"format": "mlcoach-export", "version": 1, "moments": moments}))
    importing = subprocess.Popen([sys.executable, "-m", "mlcoach", "import", str(big)],
                                 env=env, text=True, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE)
    captured = [run_cli(env, "capture", f"while importing {i}") for i in range(3)]
    code = importing.wait(240)
    assert (code, importing.stderr.read() if importing.stderr else "") == (0, "")
    assert [(c.returncode, c.stderr) for c in captured] == [(0, "")] * 3
    found = json.loads(run_cli(env, "search", "importing", "--json").stdout)
    assert len(found) == 3
    assert json.loads(run_cli(env, "stats", "--json").stdout)["moments_this_week"] == 4


def test_a_write_that_cannot_wait_says_so_in_plain_words(plain, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from mlcoach.cli.main import main

    env, suggestion = plain
    path = Path(env["MLCOACH_DATA_DIR"]) / "mlcoach.db"
    monkeypatch.setenv("MLCOACH_DATA_DIR", env["MLCOACH_DATA_DIR"])
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 300)
    holder = _hold_write_lock(path, 3.0, threading.Event())
    for argv in (["capture", "blocked"], ["people", "add", "Deniz"],
                 ["outcome", suggestion, "declined"]):
        err = io.StringIO()
        assert main(argv, stdout=io.StringIO(), stderr=err) == 1
        assert err.getvalue() == ("mlcoach: another mlcoach is still writing (a long "
                                  "import?) and did not finish within a minute: nothing "
                                  "was written; try again\n")
    holder.join()
