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
from tests.ui.light_app_child import START

pytestmark = pytest.mark.gui

SCRIPT = START + r"""
from mlcoach.domain.model import Outcome

out = {}
ctl.open_window(Window.HISTORY)
window = ctl.history_window()
loaded(window)
out["listed"] = [e.text for e in window.timeline.model.entries()]
window.timeline.filter_bar.search.setText("agenda")
window.timeline.apply_filters()
loaded(window)
out["found"] = [e.text for e in window.timeline.model.entries()]
window.close()
loaded(window)
out["orm_before_edit"] = "sqlalchemy" in sys.modules
ctl.open_window(Window.HISTORY)
loaded(window)
row = next(i for i, e in enumerate(window.timeline.model.entries()) if "agenda" in e.text)
window.timeline.edit_row(row)  # typed in, kept as its draft: still no ORM
editor = window.timeline.editor()
editor.text.setPlainText("Shared the agenda a day early, again")
editor.draft.flush()
loaded(window)
editor.done(0)
window.timeline.edit_row(row)
again = window.timeline.editor()
out["draft_back"] = again.text.toPlainText()
again.done(0)
out["orm_after_draft"] = "sqlalchemy" in sys.modules
window.timeline.set_outcome(row, Outcome.FOLLOWED)
loaded(window)
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
    # the editor's draft is kept and read through the raw store too
    assert out["draft_back"] == "Shared the agenda a day early, again"
    assert out["orm_after_draft"] is False
    assert out["orm_after_edit"] is True and out["outcome"] == "followed"
    export = json.loads(run_cli(cli_env, "export", "--format", "json").stdout)
    [shared] = [m for m in export["moments"] if "agenda" in m["text"]]
    assert shared["outcome"] == "followed"  # the edit reached the store
