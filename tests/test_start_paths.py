"""Start-up fast paths: the CLI builds only the parser it needs, `mlcoach run` gets to
Qt without the domain model or the vault, and the cheaper PySide6 source check gives
PySide6's own answer. (Timings live in benchmarks/, not here.)"""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import pytest

from mlcoach.cli.parser import build_parser, command_in
from mlcoach.ui.launcher import _uses_pyside


@pytest.mark.parametrize(("argv", "command"), [
    ([], ""), (["run"], "run"), (["--data-dir", "/d", "capture", "x"], "capture"),
    (["--data-dir=/d", "search", "q"], "search"), (["--help"], None), (["--version"], None),
    (["--data-dir", "/d"], ""),
])
def test_the_command_is_found_before_parsing(argv: list[str], command: str | None) -> None:
    assert command_in(argv) == command


@pytest.mark.parametrize("argv", [
    ["capture", "Thanked", "@Ana", "--kind", "recognition", "--tag", "x", "--style", "facts"],
    ["suggest", "--change", "use the wiki", "--size", "large"],
    ["suggest", "--style", "facts"],
    ["people", "edit", "Ana", "--style", "credibility"],
    ["search", "notes", "--kind", "example", "--since", "2024-01-02", "--limit", "5"],
    ["--data-dir", "/tmp/d", "run"],
    [],
])
def test_the_partial_parser_reads_argv_like_the_full_one(argv: list[str]) -> None:
    assert build_parser(command_in(argv)).parse_args(argv) == build_parser().parse_args(argv)


def test_an_unknown_command_gets_the_full_parsers_message(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit):
        build_parser(command_in(["frobnicate"])).parse_args(["frobnicate"])
    assert "choose from" in capsys.readouterr().err


def _modules_after(code: str) -> set[str]:
    code += "\nimport sys\nprint(' '.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    return set(out.split())


def test_run_reaches_qt_without_the_domain_model_or_the_vault(tmp_path: Path) -> None:
    mods = _modules_after(
        "from mlcoach.cli.main import Context\n"
        "from mlcoach.cli.parser import build_parser, command_in\n"
        f"argv = ['--data-dir', {str(tmp_path)!r}, 'run']\n"
        "ns = build_parser(command_in(argv)).parse_args(argv)\n"
        "ctx = Context(ns, None, None, None)\n"
        "import mlcoach.ui.launcher\n"
        "assert ctx.root.name == " + repr(tmp_path.name))
    assert not {"mlcoach.domain.model", "mlcoach.store.vault", "mlcoach.security.keys",
                "zoneinfo", "datetime"} & mods


def test_the_pyside_source_check_gives_pysides_answer(tmp_path: Path) -> None:
    uses, plain = tmp_path / "uses.py", tmp_path / "plain.py"
    uses.write_text("from PySide6.QtCore import QObject\n")
    plain.write_text("import json\n")
    assert _uses_pyside(types.SimpleNamespace(__file__=str(uses)))  # type: ignore[arg-type]
    assert not _uses_pyside(types.SimpleNamespace(__file__=str(plain)))  # type: ignore[arg-type]
    assert not _uses_pyside(types.ModuleType("builtin_like"))
    assert not _uses_pyside(types.SimpleNamespace(__file__=str(tmp_path / "gone.py")))  # type: ignore[arg-type]


def test_building_a_commands_parser_does_not_import_shutil() -> None:
    """argparse's own formatter imports shutil (with bz2 and lzma) for the width."""
    mods = _modules_after("from mlcoach.cli.parser import build_parser\n"
                          "build_parser('capture').parse_args(['capture', 'x'])\n"
                          "build_parser('search').parse_args(['search', 'x'])")
    assert "shutil" not in mods and "lzma" not in mods


@pytest.mark.parametrize("columns", ["44", "120", "", "junk"])
def test_help_wraps_as_argparses_own_formatter_would(monkeypatch: pytest.MonkeyPatch,
                                                     columns: str) -> None:
    import argparse

    monkeypatch.setenv("COLUMNS", columns)
    ours = build_parser().format_help()
    theirs = build_parser()
    theirs.formatter_class = argparse.HelpFormatter
    assert ours == theirs.format_help()
    if columns == "44":
        assert max(len(line) for line in ours.splitlines()) <= 44


def test_the_app_reaches_its_tray_icon_without_the_coach_or_the_store(tmp_path: Path) -> None:
    """Everything up to the icon: the controller built (its sleep watch reads the boot
    clock) and the tray menu made. The coach's content, the domain model, the zone
    database and the store load after the icon is shown."""
    import os

    code = (
        "import sys\nfrom pathlib import Path\n"
        "from mlcoach.ui.launcher import _cheaper_pyside_import_hook\n"
        "_cheaper_pyside_import_hook()\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from mlcoach.ui.run import AppController, InstanceServer\n"
        "app = QApplication(['mlcoach'])\n"
        f"root = Path({str(tmp_path / 'data')!r})\n"
        "controller = AppController(app, root, InstanceServer(root))\n"
        "assert controller.menu is not None\n"
        "print(' '.join(sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}).stdout
    mods = set(out.split())
    assert "mlcoach.ui.tray" in mods
    assert not {"mlcoach.domain.model", "mlcoach.coaching.service", "mlcoach.coaching.content",
                "mlcoach.store.vault", "sqlcipher3", "sqlalchemy", "zoneinfo", "subprocess",
                "jeepney", "PySide6.QtNetwork",
                # following the tray (the session bus), the app's style (QStyle's classes,
                # ~8 ms) and the plain-text widgets come after the icon
                "mlcoach.ui.tray_presence", "mlcoach.ui.field_frames",
                "mlcoach.ui.widgets.plain_text",
                # datetime (~2 ms) and the domain's enums (~1 ms): the icon needs neither
                "datetime", "mlcoach.domain.enums"} & mods
