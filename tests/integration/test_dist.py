"""Integration: the PyInstaller build (`make dist`) runs on its own.

Builds dist/mlcoach with `make dist` unless an up-to-date build is already there (or
MLCOACH_DIST names one), then checks the frozen app: `--version`, the command line on a
fresh store (SQLCipher, Alembic migrations, bundled prompts and wording, the Secret
Service keyring found through keyring's entry points), and under Xvfb with trayer its
tray icon and a notification with the app's name and icon.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest

import mlcoach
from mlcoach.system import instance
from mlcoach.system.paths import APP_ID
from tests.integration.conftest import Desktop
from tests.integration.test_desktop import _prepare, _wait_embedded, _wait_line

# A cold PyInstaller build on 2 busy cores can pass the default 300 s.
pytestmark = [pytest.mark.desktop, pytest.mark.slow, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("mlcoach", "ui", "resources", "packaging", "pyproject.toml")
SECRET_SERVICE = "keyring.backends.SecretService.Keyring"
REQUIRE = bool(os.environ.get("MLCOACH_REQUIRE_DESKTOP"))


def _newest_source() -> float:
    newest = 0.0
    for name in SOURCES:
        path = ROOT / name
        files = [path] if path.is_file() else path.rglob("*")
        for f in files:
            if f.is_file() and "__pycache__" not in f.parts:
                newest = max(newest, f.stat().st_mtime)
    return newest


def _cannot_freeze() -> str | None:
    """Why PyInstaller cannot run on this machine at all, or None."""
    if not sys.platform.startswith("linux"):
        return f"the dist test builds the Linux app only (this is {sys.platform})"
    if not sysconfig.get_config_var("Py_ENABLE_SHARED") and not any(
            Path(d, f"libpython{sys.version_info[0]}.{sys.version_info[1]}.so.1.0").exists()
            for d in ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib",
                      str(sysconfig.get_config_var("LIBDIR")))):
        return "this Python has no shared libpython, which PyInstaller bundles"
    return None


def _missing(reason: str) -> None:
    """Tools the project installs itself: their absence fails CI, skips elsewhere."""
    if REQUIRE:
        pytest.fail(f"{reason}, and MLCOACH_REQUIRE_DESKTOP is set")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def frozen() -> Path:
    """The built executable: MLCOACH_DIST, an up-to-date dist/mlcoach, or a fresh build."""
    explicit = os.environ.get("MLCOACH_DIST")
    if explicit:
        exe = Path(explicit) / "mlcoach" if Path(explicit).is_dir() else Path(explicit)
        assert exe.is_file(), f"MLCOACH_DIST={explicit} holds no mlcoach executable"
        return exe
    exe = ROOT / "dist" / "mlcoach" / "mlcoach"
    if exe.is_file() and exe.stat().st_mtime > _newest_source():
        return exe
    reason = _cannot_freeze()
    if reason:
        pytest.skip(reason)
    for tool in ("make", "objdump", "ldd"):
        if shutil.which(tool) is None:
            _missing(f"{tool} is missing (make dist needs it; scripts/system-deps.sh installs it)")
    start = time.monotonic()
    build = subprocess.run(["make", "-C", str(ROOT), "dist"], capture_output=True, text=True,
                           timeout=1200, check=False)
    took = time.monotonic() - start
    log = build.stdout[-4000:] + build.stderr[-6000:]
    if build.returncode != 0 and "Python library not found" in log:
        pytest.skip("PyInstaller cannot find this Python's shared library: " + log[-500:])
    assert build.returncode == 0, log
    assert exe.is_file(), log
    print(f"make dist took {took:.0f} s")
    return exe


def _env(desktop: Desktop, data: Path, **extra: str) -> dict[str, str]:
    env = dict(desktop.env)
    env.update(MLCOACH_DATA_DIR=str(data), MLCOACH_READY_SIGNAL="1")
    env.update(extra)
    return env


def _run(exe: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(exe), *args], env=env, capture_output=True, text=True,
                          timeout=60, check=False)


def test_version_answers(frozen: Path) -> None:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
    res = subprocess.run([str(frozen), "--version"], env=env, capture_output=True, text=True,
                         timeout=60, check=False)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == f"mlcoach {mlcoach.__version__}"


def test_bundle_holds_resources_and_no_test_only_keyrings(frozen: Path) -> None:
    internal = frozen.parent / "_internal"
    res = internal / "mlcoach" / "resources"
    assert sorted(p.name for p in (res / "prompts").glob("*.toml")) == sorted(
        p.name for p in (ROOT / "resources" / "prompts").glob("*.toml"))
    assert sorted(p.name for p in (res / "coach").glob("*.toml")) == sorted(
        p.name for p in (ROOT / "resources" / "coach").glob("*.toml"))
    apps = sorted(p.parent.parent.name for p in (res / "icons" / "hicolor").glob("*/apps/*"))
    assert "scalable" in apps and "512x512" in apps and "16x16" in apps
    if (ROOT / "resources" / "translations").is_dir():
        shipped = {p.name for p in (ROOT / "resources" / "translations").glob("*.qm")}
        assert shipped <= {p.name for p in (res / "translations").glob("*.qm")}
    versions = internal / "mlcoach" / "migrations" / "versions"
    assert {p.name for p in versions.glob("[0-9]*_*.py")} == {
        p.name for p in (ROOT / "mlcoach" / "migrations" / "versions").glob("[0-9]*_*.py")}
    assert not list(internal.glob("keyrings*")), "keyrings.alt is for tests only"
    assert list(internal.glob("keyring-*.dist-info")), "keyring needs its entry points"


def test_frozen_cli_on_a_fresh_store_with_the_secret_service(
        frozen: Path, desktop: Desktop, tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = _env(desktop, data)  # no PYTHON_KEYRING_BACKEND: keyring must find its backend
    res = _run(frozen, env, "capture", "Asked Ana how a shorter standup would work @Ana #meet")
    assert res.returncode == 0, res.stderr
    assert json.loads((data / "store.json").read_text())["encryption"] == "keyring"
    doctor = _run(frozen, env, "doctor")
    assert "schema 0001" in doctor.stdout or "[  OK] schema" in doctor.stdout, doctor.stdout
    assert "[  OK] keyring" in doctor.stdout, doctor.stdout
    # The key went to the Secret Service (gnome-keyring), not to some other backend.
    store_id = json.loads((data / "store.json").read_text())["store_id"]
    code = ("import keyring, sys; "
            f"sys.exit(keyring.get_password({APP_ID!r}, {store_id!r}) is None)")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={**env, "PYTHON_KEYRING_BACKEND": SECRET_SERVICE}, check=False)
    assert found.returncode == 0, f"no key in the Secret Service: {found.stderr}"
    suggestion = _run(frozen, env, "suggest", "--style", "facts", "--change",
                      "use the wiki instead of email", "--json")
    assert suggestion.returncode == 0, suggestion.stderr
    assert json.loads(suggestion.stdout)
    prompt = _run(frozen, env, "prompt", "--json")
    assert prompt.returncode == 0 and json.loads(prompt.stdout), prompt.stderr
    export = json.loads(_run(frozen, env, "export").stdout)
    assert export["moments"][0]["person"] == "Ana"


def test_frozen_app_shows_its_tray_icon_and_notifies(
        frozen: Path, desktop: Desktop, tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = _env(desktop, data)
    assert _run(frozen, env, "init").returncode == 0
    _prepare(_env(desktop, data, PYTHON_KEYRING_BACKEND=SECRET_SERVICE),
             notification_route="both")
    subprocess.run(["dunstctl", "history-clear"], env=env, capture_output=True, check=False)
    start = time.monotonic()
    app = subprocess.Popen([str(frozen), "run"], env=env, text=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_line(app, "tray")
        print(f"frozen app: start to tray {time.monotonic() - start:.2f} s")
        _wait_embedded(env, timeout=10)
        _wait_line(app, "store")
        assert instance.send(data, "prompt", timeout=20, env=env)
        _wait_line(app, "prompt")
        notes: list[dict[str, dict[str, object]]] = []
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not notes:
            time.sleep(0.3)
            subprocess.run(["dunstctl", "close-all"], env=env, check=False)
            history = json.loads(subprocess.run(["dunstctl", "history"], env=env,
                                                capture_output=True, text=True).stdout)
            notes = [n for group in history["data"] for n in group]
        assert notes, "no notification arrived"
        note = notes[0]
        assert note["appname"]["data"] == "mlcoach"
        icon = str(note.get("icon_path", {}).get("data", ""))
        assert icon.startswith(str(frozen.parent)) and icon.endswith(".png"), note
    finally:
        instance.send(data, "quit", env=env)
        try:
            code = app.wait(timeout=20)
        except subprocess.TimeoutExpired:
            app.kill()
            raise
    assert code == 0
