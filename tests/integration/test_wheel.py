"""Integration: the wheel a user installs with pipx, in a virtual environment of its own.

`python -m build` makes the sdist and, from it, the wheel; the wheel goes into a fresh
venv (no editable install; every command runs from a temporary folder, never the
repository), and that venv's `mlcoach` answers --version, captures a moment into a
store whose key is in the Secret Service, and shows its tray icon under Xvfb + trayer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

import mlcoach
from mlcoach.system import instance
from tests.integration.conftest import Desktop
from tests.integration.test_desktop import _wait_embedded, _wait_line

pytestmark = [pytest.mark.desktop, pytest.mark.slow, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[2]
SECRET_SERVICE = "keyring.backends.SecretService.Keyring"


def _clean_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment without anything that points Python at the repository."""
    env = dict(os.environ if base is None else base)
    for key in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "PYTHONSTARTUP"):
        env.pop(key, None)
    return env


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("dist")
    res = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
                         cwd=out, capture_output=True, text=True, timeout=600, check=False,
                         env=_clean_env())
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-3000:]
    (wheel,) = out.glob(f"mlcoach-{mlcoach.__version__}-*.whl")
    (sdist,) = out.glob(f"mlcoach-{mlcoach.__version__}.tar.gz")
    return wheel, sdist


@pytest.fixture(scope="module")
def venv_bin(built: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("venv")
    env = _clean_env()
    subprocess.run([sys.executable, "-m", "venv", str(where / "v")], cwd=where, env=env,
                   check=True, timeout=120)
    res = subprocess.run([str(where / "v" / "bin" / "python"), "-m", "pip", "install",
                          "--quiet", "--disable-pip-version-check", str(built[0])],
                         cwd=where, env=env, capture_output=True, text=True, timeout=600,
                         check=False)
    assert res.returncode == 0, res.stderr[-3000:]
    return where / "v" / "bin"


def _repo_files(folder: str, pattern: str) -> set[str]:
    return {p.relative_to(ROOT / folder).as_posix()
            for p in (ROOT / folder).glob(pattern) if p.is_file()}


def test_wheel_carries_every_resource_and_nothing_of_the_repository(
        built: tuple[Path, Path]) -> None:
    names = set(zipfile.ZipFile(built[0]).namelist())
    res = "mlcoach/resources/"
    expected = set()
    for pattern in ("prompts/*.toml", "coach/*.toml", "i18n/*.toml", "reflection/*.toml",
                    "translations/*.qm",
                    "icons/*.png", "icons/*.svg", "icons/hicolor/*/apps/*",
                    "icons/hinted/*"):
        expected |= {res + f for f in _repo_files("resources", pattern)}
    expected |= {"mlcoach/store/migrations/" + f for f in
                 _repo_files("mlcoach/store/migrations", "versions/*.py")
                 | {"env.py", "script.py.mako"}}
    expected |= {"mlcoach/ui/" + f for f in _repo_files("ui", "**/*.py")}
    expected |= {"mlcoach/" + f for f in _repo_files("mlcoach", "**/*.py")}
    assert len(expected) > 60
    assert expected <= names, sorted(expected - names)
    tops = {n.split("/")[0] for n in names}
    assert tops == {"mlcoach", f"mlcoach-{mlcoach.__version__}.dist-info"}, tops
    assert not [n for n in names if n.endswith(".ts") or "/tests/" in n]


def test_sdist_carries_what_the_packages_are_built_from(built: tuple[Path, Path]) -> None:
    with tarfile.open(built[1]) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for path in ("pyproject.toml", "README.md", "Makefile", "packaging/deb/build.py",
                 "packaging/io.github.mlcoach.MLCoach.desktop",
                 "packaging/io.github.mlcoach.MLCoach.metainfo.xml",
                 "resources/translations/mlcoach_tr.ts", "ui/app.py", "LICENSE"):
        assert path in names, path


def test_the_sdist_carries_a_test_suite_that_runs(built: tuple[Path, Path],
                                                  tmp_path: Path) -> None:
    """The sdist held tests/test_*.py only (setuptools' default): no conftest.py, no
    tests/ui, no tests/data, none of the benchmarks they import, so pytest in the
    unpacked sdist stopped at collection. Nor was there a licence file, which MIT asks
    copies to carry (the wheel's dist-info had none either)."""
    with tarfile.open(built[1]) as tar:
        tar.extractall(tmp_path, filter="data")
    unpacked = tmp_path / f"mlcoach-{mlcoach.__version__}"
    for folder in ("tests", "benchmarks"):
        tracked = {p.relative_to(ROOT).as_posix() for p in (ROOT / folder).rglob("*")
                   if p.is_file() and "__pycache__" not in p.parts}
        carried = {p.relative_to(unpacked).as_posix()
                   for p in (unpacked / folder).rglob("*") if p.is_file()}
        assert tracked <= carried, sorted(tracked - carried)[:10]
    assert not list(unpacked.rglob("__pycache__"))
    collect = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                              "--collect-only", "tests"], cwd=unpacked, capture_output=True,
                             text=True, timeout=300, check=False)
    assert collect.returncode == 0, collect.stdout[-3000:] + collect.stderr[-2000:]
    licence = (unpacked / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in licence and "mlcoach contributors" in licence
    names = zipfile.ZipFile(built[0]).namelist()
    assert f"mlcoach-{mlcoach.__version__}.dist-info/licenses/LICENSE" in names


def test_the_venv_runs_its_own_copy(venv_bin: Path, tmp_path: Path) -> None:
    env = _clean_env()
    version = subprocess.run([str(venv_bin / "mlcoach"), "--version"], cwd=tmp_path, env=env,
                             capture_output=True, text=True, timeout=60, check=False)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"mlcoach {mlcoach.__version__}"
    where = subprocess.run([str(venv_bin / "python"), "-c",
                            "import mlcoach.ui.app, mlcoach; print(mlcoach.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
                           check=False)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(venv_bin.parent), where.stdout
    assert not Path(where.stdout.strip()).is_relative_to(ROOT)


def test_capture_and_tray_icon_from_the_wheel(venv_bin: Path, desktop: Desktop,
                                             tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = _clean_env(desktop.env)
    env.update(MLCOACH_DATA_DIR=str(data), MLCOACH_READY_SIGNAL="1")
    exe = str(venv_bin / "mlcoach")
    res = subprocess.run([exe, "capture", "Asked Ana how a shorter standup would work @Ana"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
                         check=False)
    assert res.returncode == 0, res.stderr
    # No PYTHON_KEYRING_BACKEND: keyring found the Secret Service by itself in this venv.
    assert json.loads((data / "store.json").read_text())["encryption"] == "keyring"
    app = subprocess.Popen([exe, "run"], cwd=tmp_path, env=env, text=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_line(app, "tray", timeout=60)
        _wait_embedded(env, timeout=15)
    finally:
        instance.send(data, "quit", env=env)
        try:
            code = app.wait(timeout=30)
        except subprocess.TimeoutExpired:
            app.kill()
            raise
    assert code == 0
    export = subprocess.run([exe, "export"], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=120, check=False)
    assert json.loads(export.stdout)["moments"][0]["person"] == "Ana", export.stderr
