"""Quit with words typed in a window: the windows go from the screen at once, and what
was typed is kept (as drafts) on the store's worker, never on the GUI thread. A moment being
edited in History, with the ORM store not yet open (History browses through the raw
store), had the store opened on the GUI thread at quit: an open that waits on the store
(another process writing) held the windows on screen up to the store's minute.

A real app controller on a real SQLCipher store in a child process (so that the ORM is
this app's alone to open), offscreen; the store's open is held until the test's check
has run, within a deadline that only a broken build reaches."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import run_cli
from tests.ui.light_app_child import START

pytestmark = pytest.mark.gui

SCRIPT = START + r"""
import threading
from mlcoach.store import vault

ctl.open_window(Window.HISTORY)
window = ctl.history_window()
loaded(window)
window.timeline.edit_row(0)
editor = window.timeline.editor()
editor.text.setPlainText("Shared the agenda two days early")
ctl.open_window(Window.CAPTURE)
ctl.capture_window().edit.setText("Half a thought about Bo")

out = {"opened_on": [], "shown_at_settle": None}
gui = threading.current_thread()
let_go = threading.Event()
real_open = vault._open

def held_open(*args, **kwargs):
    out["opened_on"].append("gui" if threading.current_thread() is gui else "worker")
    let_go.wait(timeout=60)  # held as another process's write would hold it
    return real_open(*args, **kwargs)

vault._open = held_open
settle = ops.settle

def settling(timeout_s=None):
    out["shown_at_settle"] = [type(w).__name__ for w in QApplication.topLevelWidgets()
                              if w.isVisible()]
    let_go.set()
    return settle(timeout_s)

ops.settle = settling

class App:
    def exit(self, code=0):
        pass
    def __getattr__(self, name):
        return getattr(app, name)

ctl.app = App()
ctl.quit()
print(json.dumps(out))
"""

CHECK = r"""
import json, os
from pathlib import Path
from mlcoach.security.keys import OSKeyring
from mlcoach.store.vault import Layout, open_store
opened = open_store(Layout(Path(os.environ["MLCOACH_DATA_DIR"])), keys=OSKeyring())
from mlcoach.store.edit_drafts import moment_key
moments = opened.store.moments()
print(json.dumps({"moments": [m.text for m in moments],
                  "edited": [opened.store.get_state(moment_key(m.id)) for m in moments],
                  "draft": opened.store.get_state("capture_draft")}))
"""


def test_quit_writes_the_typed_words_on_the_worker_with_the_windows_already_gone(cli_env):
    assert run_cli(cli_env, "capture", "Shared the agenda a day early").returncode == 0
    env = dict(cli_env, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert "gui" not in out["opened_on"]  # the ORM store, if opened at all: on the worker
    assert out["shown_at_settle"] == []
    kept = subprocess.run([sys.executable, "-c", CHECK], env=env, capture_output=True,
                          text=True, timeout=120)
    assert kept.returncode == 0, kept.stderr[-2000:]
    store = json.loads(kept.stdout.strip().splitlines()[-1])
    # the half-typed edit is kept as the moment's draft, not applied unasked (§14)
    assert store["moments"] == ["Shared the agenda a day early"]
    assert "Shared the agenda two days early" in json.dumps(store["edited"])
    assert "Half a thought about Bo" in json.dumps(store["draft"])
