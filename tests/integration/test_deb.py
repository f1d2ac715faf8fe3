"""Integration: the Debian package (`make deb`) installs, runs, and removes cleanly.

Builds the .deb once for this module (or takes MLCOACH_DEB), checks it with lintian,
then `apt-get install ./mlcoach_*.deb` on this machine, runs the installed app under the
desktop harness (Xvfb, trayer, gnome-keyring), captures a moment, `apt-get remove`s it,
and checks that nothing of it is left in /usr while the user's data still opens.
Needs root and a Debian system: it really installs the package (CI runs it once).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

import mlcoach
from mlcoach.system import instance
from mlcoach.system.paths import APP_ID
from tests.integration.conftest import Desktop
from tests.integration.test_desktop import _wait_embedded, _wait_line

pytestmark = [pytest.mark.desktop, pytest.mark.slow, pytest.mark.timeout(1800)]

ROOT = Path(__file__).resolve().parents[2]
REQUIRE = bool(os.environ.get("MLCOACH_REQUIRE_DESKTOP"))
TOOLS = ("apt-get", "dpkg", "dpkg-deb", "dpkg-shlibdeps", "objdump", "strip")
TEST_ONLY = ("xvfb", "trayer", "dunst", "gnome-keyring", "imagemagick", "lintian")


def build_script() -> ModuleType:
    """packaging/deb/build.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("build_deb", ROOT / "packaging/deb/build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _apt_env() -> dict[str, str]:
    return {**os.environ, "DEBIAN_FRONTEND": "noninteractive", "LC_ALL": "C.UTF-8"}


def _installed() -> bool:
    res = subprocess.run(["dpkg-query", "-W", "-f=${Status}", "mlcoach"],
                         capture_output=True, text=True, check=False)
    return "install ok installed" in res.stdout


def _skip_or_fail() -> None:
    if not sys.platform.startswith("linux") or shutil.which("dpkg") is None:
        pytest.skip("the .deb is for Debian systems")
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        reason = f"missing {', '.join(missing)} (scripts/system-deps.sh installs them)"
        if REQUIRE:
            pytest.fail(reason)
        pytest.skip(reason)
    if os.geteuid() != 0:
        pytest.skip("installing a .deb needs root")
    if _installed():
        pytest.skip("an mlcoach package is already installed here; not touching it")


@pytest.fixture(scope="module")
def deb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _skip_or_fail()
    explicit = os.environ.get("MLCOACH_DEB")
    if explicit:
        return Path(explicit).absolute()
    out = tmp_path_factory.mktemp("deb")
    start = time.monotonic()
    res = subprocess.run([sys.executable, str(ROOT / "packaging" / "deb" / "build.py"),
                          "--out", str(out)], capture_output=True, text=True, timeout=1200,
                         check=False)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    print(f"build.py took {time.monotonic() - start:.0f} s")
    (found,) = out.glob(f"mlcoach_{mlcoach.__version__}_*.deb")
    return found


def test_lintian_reports_no_errors(deb: Path) -> None:
    if shutil.which("lintian") is None:
        if REQUIRE:
            pytest.fail("lintian is missing (scripts/system-deps.sh installs it)")
        pytest.skip("lintian is missing")
    res = subprocess.run(["lintian", "--fail-on", "error", "--tag-display-limit", "0",
                          str(deb)], capture_output=True, text=True, timeout=900, check=False)
    assert res.returncode == 0, res.stdout + res.stderr
    assert not [line for line in res.stdout.splitlines() if line.startswith("E:")]


def test_control_declares_what_runs_and_ships_no_bytecode(deb: Path) -> None:
    fields = subprocess.run(["dpkg-deb", "-f", str(deb), "Depends", "Architecture"],
                            capture_output=True, text=True, check=True).stdout
    depends = {re.split(r"[ (]", d.strip())[0]
               for d in fields.split("\n", 1)[0].split(":", 1)[1].split(",")}
    # Python of the wheels' ABI, Qt's X11 needs, and the tools the app starts.
    assert {"python3", "libxcb-cursor0", "libxkbcommon-x11-0", "libdbus-1-3",
            "libfontconfig1", "libgl1", "libc6"} <= depends, depends
    assert set(build_script().RUNTIME_TOOLS) <= depends
    assert not depends & set(TEST_ONLY), depends & set(TEST_ONLY)
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True,
                             check=True).stdout
    assert "__pycache__" not in listing and ".pyc" not in listing
    for path in ("./usr/bin/mlcoach", f"./usr/share/applications/{APP_ID}.desktop",
                 f"./usr/share/metainfo/{APP_ID}.metainfo.xml",
                 f"./usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg",
                 f"./usr/share/icons/hicolor/48x48/apps/{APP_ID}.png",
                 "./usr/share/doc/mlcoach/copyright", "./usr/share/man/man1/mlcoach.1.gz",
                 "./usr/lib/mlcoach/lib/mlcoach/resources/translations/mlcoach_tr.qm"):
        assert f" {path}\n" in listing + "\n" or f" {path} " in listing, path


def _named_like_us() -> set[str]:
    """Every path under /usr whose name says mlcoach."""
    found = subprocess.run(["find", "/usr", "-xdev", "(", "-iname", "*mlcoach*", "-o",
                            "-iname", f"*{APP_ID}*", ")"], capture_output=True, text=True,
                           check=False).stdout
    return set(found.splitlines())


def _wm_classes(tree: str) -> set[tuple[str, str]]:
    return set(re.findall(r'\("(mlcoach)" "([^"]*)"\)', tree))


def _desktop_value(path: Path, key: str) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"{key}="):
            return line.split("=", 1)[1]
        if line.startswith("[Desktop Action"):
            break
    raise AssertionError(f"{key} not in {path}")


def _run_installed_app(env: dict[str, str], data: Path, cwd: Path) -> set[tuple[str, str]]:
    """Start /usr/bin/mlcoach, wait for its icon in trayer, return its windows' WM_CLASS."""
    app = subprocess.Popen(["/usr/bin/mlcoach", "run"], cwd=cwd, env=env, text=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_line(app, "tray", timeout=60)
        tree = _wait_embedded(env, timeout=15)
        _wait_line(app, "store", timeout=60)
        # A moment captured while the app runs lands in the store it has open.
        res = subprocess.run(["/usr/bin/mlcoach", "capture", "Thanked Bo for the review #review"],
                             cwd=cwd, env=env, capture_output=True, text=True, timeout=120,
                             check=False)
        assert res.returncode == 0, res.stderr
        return _wm_classes(tree)
    finally:
        instance.send(data, "quit", env=env)
        try:
            assert app.wait(timeout=30) == 0
        except subprocess.TimeoutExpired:
            app.kill()
            raise


def test_install_run_capture_and_remove_leaves_only_the_users_data(
        deb: Path, desktop: Desktop, tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {k: v for k, v in desktop.env.items() if not k.startswith("PYTHON")}
    env.update(MLCOACH_DATA_DIR=str(data), MLCOACH_READY_SIGNAL="1")
    files: list[str] = []
    before = _named_like_us()  # anything else of that name on this machine is not ours
    try:
        res = subprocess.run(["apt-get", "install", "-y", "-q", "--no-install-recommends",
                              f"./{deb.name}"], cwd=deb.parent, env=_apt_env(),
                             capture_output=True, text=True, timeout=900, check=False)
        assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
        files = subprocess.run(["dpkg", "-L", "mlcoach"], capture_output=True, text=True,
                               check=True).stdout.split()
        # postinst byte-compiled the modules (its path was once a literal "/{SITE}":
        # every start then compiled all of them in memory, 0.1 s more to capture)
        cached = Path("/usr/lib/mlcoach/lib/mlcoach/__pycache__")
        assert list(cached.glob("__init__.*.pyc")), "postinst compiled nothing"
        # DEBIAN/md5sums: dpkg can check every installed file (it had nothing to check)
        verify = subprocess.run(["dpkg", "--verify", "mlcoach"], capture_output=True,
                                text=True, check=False)
        assert verify.returncode == 0 and not verify.stdout, verify.stdout + verify.stderr
        assert Path("/var/lib/dpkg/info/mlcoach.md5sums").is_file()
        version = subprocess.run(["/usr/bin/mlcoach", "--version"], cwd=tmp_path, env=env,
                                 capture_output=True, text=True, timeout=60, check=False)
        assert version.stdout.strip() == f"mlcoach {mlcoach.__version__}", version.stderr
        first = subprocess.run(["/usr/bin/mlcoach", "capture", "Asked Ana how a shorter "
                                "standup would work @Ana"], cwd=tmp_path, env=env,
                               capture_output=True, text=True, timeout=120, check=False)
        assert first.returncode == 0, first.stderr
        assert json.loads((data / "store.json").read_text())["encryption"] == "keyring"
        classes = _run_installed_app(env, data, tmp_path)
        entry = Path(f"/usr/share/applications/{APP_ID}.desktop")
        assert ("mlcoach", _desktop_value(entry, "StartupWMClass")) in classes, classes
    finally:
        if _installed():
            removed = subprocess.run(["apt-get", "remove", "-y", "-q", "mlcoach"],
                                     env=_apt_env(), capture_output=True, text=True,
                                     timeout=600, check=False)
            assert removed.returncode == 0, removed.stdout + removed.stderr
    assert files, "the package listed no files"
    left = [f for f in files if f.startswith("/usr/") and os.path.lexists(f)
            and not os.path.isdir(f)]
    assert not left, left
    assert not Path("/usr/lib/mlcoach").exists()
    assert _named_like_us() == before, sorted(_named_like_us() - before)
    # The user's data is untouched: the store opens (its key still in the keyring) and
    # holds both moments, read by this checkout's own mlcoach.
    export = subprocess.run([sys.executable, "-m", "mlcoach", "export"], env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert export.returncode == 0, export.stderr
    people = sorted(m.get("person") or "" for m in json.loads(export.stdout)["moments"])
    assert people == ["", "Ana"], people
