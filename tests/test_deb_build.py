"""packaging/deb/build.py's fixed choices still match the code (no package is built here;
tests/integration/test_deb.py builds, installs and removes one)."""

from __future__ import annotations

import ast
import shutil
import subprocess
from pathlib import Path

from tests.integration.test_deb import ROOT, build_script


def test_each_declared_tool_is_still_used_where_the_script_says() -> None:
    # When a library call replaces a program (as QtDBus replaced notify-send), this fails
    # until RUNTIME_TOOLS drops the Debian package that only that program needed.
    for package, (program, module) in build_script().RUNTIME_TOOLS.items():
        text = (ROOT / module).read_text(encoding="utf-8")
        assert f'"{program}"' in text, f"{module} no longer runs {program}: drop {package}"


RUNNERS = {"run", "Popen", "check_output", "check_call", "call", "_ask", "start",
           "startDetached", "execute"}


def _started_programs() -> set[str]:
    """The first word of every literal argument list handed to something that runs it,
    in any position (desktop.py passes its lists through a helper: _ask(run, [...]))."""
    started: set[str] = set()
    for folder in ("mlcoach", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                if getattr(node.func, "attr", getattr(node.func, "id", "")) not in RUNNERS:
                    continue
                for arg in node.args:
                    if isinstance(arg, ast.List) and arg.elts \
                            and isinstance(arg.elts[0], ast.Constant) \
                            and isinstance(arg.elts[0].value, str):
                        started.add(arg.elts[0].value)
    return started


def test_the_code_starts_no_program_the_package_does_not_declare() -> None:
    declared = {program for program, _module in build_script().RUNTIME_TOOLS.values()}
    started = _started_programs()
    assert "xprop" in started  # the scan sees calls made through a helper
    assert started <= declared, started - declared


def test_launcher_isolates_python_and_finds_the_private_libraries() -> None:
    script = build_script()
    text = script.launcher()
    first, _, body = text.partition("\n")
    assert first == "#!/usr/bin/python3 -IS"  # no user site, no dist-packages, no PYTHON*
    ast.parse(body)
    assert f'site.addsitedir("/{script.SITE}")' in body
    assert "from mlcoach.cli.main import main" in body


def test_the_package_lists_its_files_checksums_for_dpkg_verify(tmp_path: Path) -> None:
    """The .deb had no DEBIAN/md5sums (dpkg-deb writes none): `dpkg --verify mlcoach` and
    debsums could not tell a changed or damaged installed file."""
    script = build_script()
    stage = tmp_path / "root"
    launcher = stage / "usr" / "bin" / "mlcoach"
    launcher.parent.mkdir(parents=True)
    launcher.write_text(script.launcher())
    icon = stage / "usr/share/icons/hicolor/scalable/apps/io.github.mlcoach.MLCoach.svg"
    icon.parent.mkdir(parents=True)
    icon.write_text("<svg/>")
    (stage / "usr" / "bin" / "link").symlink_to("mlcoach")
    (stage / "DEBIAN").mkdir()
    (stage / "DEBIAN" / "control").write_text("Package: mlcoach\n")
    script.write_md5sums(stage)
    lines = (stage / "DEBIAN" / "md5sums").read_text().splitlines()
    assert [line.split("  ", 1)[1] for line in lines] == [
        "usr/bin/mlcoach",
        "usr/share/icons/hicolor/scalable/apps/io.github.mlcoach.MLCoach.svg"]
    if shutil.which("md5sum"):
        check = subprocess.run(["md5sum", "--check", "--strict", "DEBIAN/md5sums"],
                               cwd=stage, capture_output=True, text=True, check=False)
        assert check.returncode == 0, check.stdout + check.stderr
    launcher.write_text("#!/bin/sh\n")
    if shutil.which("md5sum"):
        check = subprocess.run(["md5sum", "--check", "--quiet", "DEBIAN/md5sums"],
                               cwd=stage, capture_output=True, text=True, check=False)
        assert "usr/bin/mlcoach: FAILED" in check.stdout


def test_pruning_leaves_no_test_suites_build_files_or_empty_folders(tmp_path: Path) -> None:
    """lintian -I: the wheels' test suites one level down (jeepney/io/tests, 1.4 MB of
    recurring_ical_events/test), PySide6's CMake files and a plugin folder that pruning
    had emptied were all installed."""
    script = build_script()
    site = tmp_path / "lib"
    for name in ("jeepney/io/tests/test_asyncio.py", "jeepney/io/blocking.py",
                 "recurring_ical_events/test/calendars/x.ics", "recurring_ical_events/query.py",
                 "greenlet/tests/test_x.py", "PySide6/lib/cmake/PySide6/x.cmake",
                 "shiboken6/lib/cmake/Shiboken6/x.cmake", "PySide6/QtCore.abi3.so",
                 "PySide6/Qt/plugins/vectorimageformats/libqlottievectorimage.so",
                 "mlcoach/store/migrations/versions/__pycache__/x.pyc"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(b"")
    script.prune(site)
    (site / "PySide6/Qt/plugins/vectorimageformats/libqlottievectorimage.so").unlink()
    shutil.rmtree(site / "mlcoach/store/migrations/versions/__pycache__")
    (site / "mlcoach/store/migrations/versions/0001_initial.py").write_bytes(b"")
    script.drop_empty_folders(site)
    left = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    assert left == ["PySide6", "PySide6/QtCore.abi3.so", "jeepney", "jeepney/io",
                    "jeepney/io/blocking.py", "mlcoach", "mlcoach/store",
                    "mlcoach/store/migrations", "mlcoach/store/migrations/versions",
                    "mlcoach/store/migrations/versions/0001_initial.py",
                    "recurring_ical_events", "recurring_ical_events/query.py"]
