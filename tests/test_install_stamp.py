"""The installed code changing under a running process: the stamp, the import guard, and
the command that starts the program again."""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path

import pytest

from mlcoach.cli.parser import _OPEN_REQUESTS
from mlcoach.system import instance
from mlcoach.system.install_stamp import (
    CodeChangedError,
    ImportGuard,
    InstallStamp,
    installed_folders,
    package_paths,
    restart_command,
    runnable,
)


def _package(root: Path, name: str = "upgpkg") -> Path:
    pkg = root / name
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("VERSION = 1\n")
    (pkg / "old.py").write_text("X = 1\n")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "window.py").write_text("W = 1\n")
    return pkg


def _stamp(pkg: Path) -> InstallStamp:
    return InstallStamp([pkg, pkg / "sub"])


def _replace(path: Path, text: str) -> None:
    new = path.with_name(path.name + ".dpkg-new")
    new.write_text(text)
    os.replace(new, path)


def test_the_stamp_covers_every_folder_of_the_packages_but_caches(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    (pkg / "__pycache__").mkdir()
    module = types.ModuleType("upgpkg")
    module.__file__ = str(pkg / "__init__.py")
    assert package_paths([module, module]) == [pkg, pkg / "sub"]


def test_a_file_replaced_in_a_sub_package_changes_the_stamp(tmp_path: Path) -> None:
    """git pull, or an upgrade that touched one window only."""
    pkg = _package(tmp_path)
    stamp = _stamp(pkg)
    _replace(pkg / "sub" / "window.py", "W = 2\n")
    assert stamp.changed()
    assert not stamp.changed(quick=True)  # the import guard's look: the package's own folder
    _replace(pkg / "old.py", "X = 2\n")  # as every upgrade does
    assert stamp.changed(quick=True)


def test_a_first_import_compiling_into_a_new_cache_changes_nothing(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    stamp = _stamp(pkg)
    (pkg / "sub" / "__pycache__").mkdir()
    (pkg / "sub" / "__pycache__" / "window.cpython-311.pyc").write_bytes(b"")
    (pkg / "sub" / ".window.py.swp").write_bytes(b"")  # an editor's, beside the file
    assert not stamp.changed()
    assert not stamp.changed()  # and again, from what it remembered


def test_a_file_replaced_by_rename_changes_the_stamp(tmp_path: Path) -> None:
    """dpkg and pip write the new file beside the old and rename it over."""
    pkg = _package(tmp_path)
    stamp = _stamp(pkg)
    assert not stamp.changed()
    _replace(pkg / "old.py", "X = 2\n")
    assert stamp.changed()


def test_a_reinstalled_package_changes_the_stamp(tmp_path: Path) -> None:
    """pipx install --force: the folder is made anew, with the same names and sizes."""
    pkg = _package(tmp_path)
    stamp = _stamp(pkg)
    moved = tmp_path / "gone"
    pkg.rename(moved)
    _package(tmp_path)
    assert stamp.changed()


def test_a_removed_package_changes_the_stamp(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    stamp = _stamp(pkg)
    import shutil

    shutil.rmtree(pkg)
    assert stamp.changed()


def test_reading_the_package_changes_nothing(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    stamp = _stamp(pkg)
    (pkg / "old.py").read_text()
    list(pkg.iterdir())
    assert not stamp.changed()


def test_the_guard_loads_nothing_new_after_an_upgrade(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    pkg = _package(tmp_path, "upgpkg_guarded")
    monkeypatch.syspath_prepend(str(tmp_path))
    import upgpkg_guarded  # (as the app: the stamp is taken once it runs)

    stale: list[str] = []
    guard = ImportGuard(_stamp(pkg), stale.append, prefix="upgpkg_guarded")
    guard.install()
    try:
        import upgpkg_guarded.old  # (before the upgrade: loads)

        (pkg / "new.py").write_text("Z = 3\n")  # the upgrade adds a module
        with pytest.raises(CodeChangedError):
            import upgpkg_guarded.new  # noqa: F401
        assert stale == ["upgpkg_guarded.new"]
        assert "upgpkg_guarded.new" not in sys.modules
        import json  # other packages load as before

        assert json.dumps(1) == "1"
    finally:
        guard.remove()
        for name in [n for n in sys.modules if n.startswith("upgpkg_guarded")]:
            del sys.modules[name]
    assert guard not in sys.meta_path


def test_the_restart_runs_the_entry_point_the_user_started(tmp_path: Path) -> None:
    script = tmp_path / "bin" / "mlcoach"
    script.parent.mkdir()
    script.write_text("#!/usr/bin/python3\n")
    script.chmod(0o755)
    data = tmp_path / "data"
    command = restart_command(data, "history", argv0=str(script), executable="/py",
                              frozen=False)
    assert command == [str(script), "--data-dir", str(data), "run", "--open", "history"]
    assert runnable(command)
    script.unlink()  # the upgrade removed it
    assert not runnable(command)


def test_the_restart_of_python_m_mlcoach_and_of_a_bundle(tmp_path: Path) -> None:
    module_run = restart_command(tmp_path, "show", argv0="/src/mlcoach/__main__.py",
                                 executable="/venv/bin/python", frozen=False)
    assert module_run[:3] == ["/venv/bin/python", "-m", "mlcoach"]
    bundle = restart_command(tmp_path, "capture", argv0="mlcoach", executable="/opt/mlcoach",
                             frozen=True)
    assert bundle[0] == "/opt/mlcoach" and bundle[-2:] == ["--open", "capture"]


def test_run_open_carries_every_request_but_quit() -> None:
    assert set(_OPEN_REQUESTS) == set(instance.REQUESTS) - {"quit"}


def test_run_open_hands_its_request_to_the_launcher(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from mlcoach.cli import main as cli

    asked: list[str] = []
    monkeypatch.setattr(cli, "cmd_gui", lambda _ctx, request: asked.append(request) or 0)
    assert cli.main(["--data-dir", str(tmp_path), "run", "--open", "history"]) == 0
    assert cli.main(["--data-dir", str(tmp_path), "run"]) == 0
    assert asked == ["history", "show"]


def test_sub_folders_added_after_the_start_are_watched_from_then(tmp_path: Path) -> None:
    """The start takes the packages' own folders; the walk comes after the tray icon."""
    pkg = _package(tmp_path)
    stamp = InstallStamp([pkg])
    stamp.add([pkg, pkg / "sub"])
    assert stamp.folders == (pkg, pkg / "sub")
    assert not stamp.changed()
    _replace(pkg / "sub" / "window.py", "W = 2\n")
    assert stamp.changed() and not stamp.changed(quick=True)


def test_the_installed_folders_are_the_apps_packages() -> None:
    import mlcoach
    import mlcoach.resources
    import mlcoach.ui

    own = installed_folders(walk=False)
    assert own == [Path(p.__file__).parent for p in (mlcoach, mlcoach.ui, mlcoach.resources)
                   if p.__file__]
    every = installed_folders()
    assert set(own) <= set(every)
    assert Path(mlcoach.__file__).parent / "store" / "migrations" / "versions" in every
    assert not any(f.name in ("icons", "__pycache__") for f in every)


def test_a_frozen_bundles_package_folder_that_is_not_there_is_no_upgrade(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PyInstaller bundle keeps the code in its archive: mlcoach/ui/ is named by the
    package but not on disk. Taken for a removed package, every request restarted the
    frozen app, again and again. Its executable's folder is watched instead."""
    bundle = tmp_path / "dist" / "mlcoach"
    (bundle / "_internal" / "mlcoach").mkdir(parents=True)
    (bundle / "mlcoach").write_bytes(b"ELF")
    stamp = InstallStamp([bundle, bundle / "_internal" / "mlcoach",
                          bundle / "_internal" / "mlcoach" / "ui"])
    assert not stamp.changed() and not stamp.changed(quick=True)
    (bundle / "_internal" / "mlcoach" / "ui").mkdir()  # code where none was
    assert stamp.changed()

    stamp = InstallStamp([bundle, bundle / "_internal" / "mlcoach" / "absent"])
    _replace(bundle / "mlcoach", "ELF 2")  # a new bundle unpacked over the old
    assert stamp.changed(quick=True)

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(bundle / "mlcoach"))
    assert installed_folders(walk=False)[0] == bundle
