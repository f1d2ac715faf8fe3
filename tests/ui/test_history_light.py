"""History opened from the running app lists and searches through the raw store: the
ORM (SQLAlchemy, ~30 MB that stay for the app's life) loads only with the first edit.

A real app controller on a real SQLCipher store in a child process (so that what is
imported is this app's alone), on the offscreen platform; the key in keyrings.alt's file
backend (cli_env)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import run_cli

pytestmark = pytest.mark.gui

SCRIPT = r"""
import json, os, sys
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication(["mlcoach"])
from mlcoach.domain.model import Outcome
from mlcoach.security.keys import OSKeyring
from mlcoach.store.vault import Layout, open_light
from mlcoach.ui import ops
from mlcoach.ui.app import AppController
from mlcoach.ui.app_windows import Window
from mlcoach.ui.instance_server import InstanceServer

root = Path(os.environ["MLCOACH_DATA_DIR"])
opened = open_light(Layout(root), keys=OSKeyring())
opened.store.set_state("welcome_done", True)  # a user past the first start
ctl = AppController(app, root, InstanceServer(root), busy=lambda: False)
ctl.start("show", opened=opened)

def settle(window):
    for _ in range(2000):
        app.processEvents()
        if ops.pool().activeThreadCount() == 0 and not ops._live \
                and not window.timeline.model.loading():
            return
        ops.pool().waitForDone(5)
    raise SystemExit("History never finished loading")

out = {}
ctl.open_window(Window.HISTORY)
window = ctl.history_window()
settle(window)
out["listed"] = [e.text for e in window.timeline.model.entries()]
window.timeline.filter_bar.search.setText("agenda")
window.timeline.apply_filters()
settle(window)
out["found"] = [e.text for e in window.timeline.model.entries()]
window.close()
settle(window)
out["orm_before_edit"] = "sqlalchemy" in sys.modules
ctl.open_window(Window.HISTORY)
settle(window)
row = next(i for i, e in enumerate(window.timeline.model.entries()) if "agenda" in e.text)
window.timeline.set_outcome(row, Outcome.FOLLOWED)
settle(window)
out["orm_after_edit"] = "sqlalchemy" in sys.modules
out["outcome"] = str(window.timeline.model.entries()[row].outcome)
window.close()
ctl.stop()
print(json.dumps(out))
"""


def test_history_browses_and_searches_without_the_orm_and_loads_it_to_edit(cli_env):
    for text in ("Shared the agenda a day early @Bo", "Thanked Ana for the release notes"):
        assert run_cli(cli_env, "capture", text).returncode == 0
    env = dict(cli_env, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert sorted(out["listed"]) == ["Shared the agenda a day early",
                                     "Thanked Ana for the release notes"]
    assert out["found"] == ["Shared the agenda a day early"]
    assert out["orm_before_edit"] is False
    assert out["orm_after_edit"] is True and out["outcome"] == "followed"
    export = json.loads(run_cli(cli_env, "export", "--format", "json").stdout)
    [shared] = [m for m in export["moments"] if "agenda" in m["text"]]
    assert shared["outcome"] == "followed"  # the edit reached the store
