"""A real app process upgraded under it: the window asked for next opens in the new
version (the same process, started again), never from old and new code mixed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mlcoach.system import instance
from tests.ui.test_app import _app_env, _mark_welcome_done, _quit, _wait_ready

pytestmark = [pytest.mark.gui, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


def _install(site: Path) -> Path:
    """The package laid out as pip and the .deb install it (ui/ as mlcoach.ui)."""
    skip = shutil.ignore_patterns("__pycache__")
    package = site / "mlcoach"
    shutil.copytree(ROOT / "mlcoach", package, ignore=skip)
    shutil.copytree(ROOT / "ui", package / "ui", ignore=skip)
    shutil.copytree(ROOT / "resources", package / "resources", ignore=skip)
    return package


def _replace(path: Path, text: str) -> None:
    """As dpkg does: the new file beside the old, renamed over it."""
    new = path.with_name(path.name + ".dpkg-new")
    new.write_text(text)
    os.replace(new, path)


def _upgrade(package: Path) -> None:
    """A new version whose History window needs a name only the new app_windows has."""
    windows = package / "ui" / "app_windows.py"
    _replace(windows, windows.read_text() + "\nNEW_IN_THIS_VERSION = 2\n")
    history = package / "ui" / "history" / "window.py"
    _replace(history, history.read_text()
             + "\nfrom mlcoach.ui.app_windows import NEW_IN_THIS_VERSION  # noqa: E402,F401\n")


def test_a_window_asked_for_after_an_upgrade_opens_in_the_new_version(
        cli_env: dict[str, str], tmp_path: Path) -> None:
    package = _install(tmp_path / "site")
    env = dict(_app_env(cli_env), PYTHONPATH=str(tmp_path / "site"))
    res = subprocess.run([sys.executable, "-m", "mlcoach", "init", "--no-encryption"],
                         env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    _mark_welcome_done(env)  # no set-up window open: nothing stands in the restart's way
    data = Path(env["MLCOACH_DATA_DIR"])
    # Run from elsewhere: `python -m` puts the working folder first on the path.
    app = subprocess.Popen([sys.executable, "-m", "mlcoach", "run"], env=env, text=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp_path)
    try:
        _wait_ready(app, "store")
        _upgrade(package)
        assert instance.send(data, "history", env=env)
        # The same process (exec), started again from the new files, opens it.
        _wait_ready(app, "shown:history")
        assert app.poll() is None
    finally:
        code = _quit(app, data, env)
    assert code == 0
    log = (data / "mlcoach.log").read_text()
    assert "restarting" in log and "ImportError" not in log
