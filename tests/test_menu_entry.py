"""mlcoach/system/menu_entry.py: the desktop menu's entry for installs that bring none
(real files in temporary XDG folders, checked with desktop-file-validate)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from mlcoach.system import menu_entry
from tests.test_desktop_files import require_tool

ICON = Path(__file__).parent.parent / "resources" / "icons" / "mlcoach.svg"
NAME = "io.github.mlcoach.MLCoach.desktop"


def _env(tmp_path: Path) -> dict[str, str]:
    return {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "share"),
            "XDG_DATA_DIRS": str(tmp_path / "system"), "PATH": "/usr/bin:/bin"}


def test_a_pipx_install_gets_an_entry_and_its_icon_once(tmp_path: Path) -> None:
    env = _env(tmp_path)
    program = tmp_path / "pipx venv" / "bin" / "mlcoach"
    where = menu_entry.ensure(ICON, [str(program), "run"], env)
    assert where == tmp_path / "share" / "applications" / NAME
    text = where.read_text(encoding="utf-8")
    assert f'Exec="{program}" run' in text and f"TryExec={program}" in text
    icon = tmp_path / "share/icons/hicolor/scalable/apps/io.github.mlcoach.MLCoach.svg"
    assert icon.read_bytes() == ICON.read_bytes()
    assert menu_entry.ensure(ICON, [str(program), "run"], env) is None  # up to date
    tool = require_tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([tool, str(where)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "error" not in result.stdout.lower(), result.stdout


def test_a_packaged_entry_or_the_users_own_is_left_alone(tmp_path: Path) -> None:
    env = _env(tmp_path)
    packaged = tmp_path / "system" / "applications" / NAME
    packaged.parent.mkdir(parents=True)
    packaged.write_text("[Desktop Entry]\n")
    assert menu_entry.ensure(ICON, ["/usr/bin/mlcoach", "run"], env) is None
    assert not (tmp_path / "share").exists()
    packaged.unlink()
    own = tmp_path / "share" / "applications" / NAME
    own.parent.mkdir(parents=True)
    own.write_text("[Desktop Entry]\nExec=my-wrapper\n")
    assert menu_entry.ensure(ICON, ["/usr/bin/mlcoach", "run"], env) is None
    assert own.read_text() == "[Desktop Entry]\nExec=my-wrapper\n"


def test_an_entry_of_ours_for_an_install_gone_is_written_again(tmp_path: Path) -> None:
    env = _env(tmp_path)
    menu_entry.ensure(ICON, [str(tmp_path / "old" / "mlcoach"), "run"], env)
    where = menu_entry.ensure(ICON, [str(tmp_path / "new" / "mlcoach"), "run"], env)
    assert where is not None and "/new/" in where.read_text(encoding="utf-8")


def test_another_install_starting_leaves_a_working_entry_and_the_users_icon(
        tmp_path: Path) -> None:
    """A first start from a test's venv rewrote the menu to that interpreter, and replaced
    an icon the user had put in place (review)."""
    env = _env(tmp_path)
    program = tmp_path / "pipx" / "mlcoach"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    icon = tmp_path / "share/icons/hicolor/scalable/apps/io.github.mlcoach.MLCoach.svg"
    icon.parent.mkdir(parents=True)
    icon.write_text("<svg>mine</svg>")
    where = menu_entry.ensure(ICON, [str(program), "run"], env)
    assert where is not None and icon.read_text() == "<svg>mine</svg>"
    assert menu_entry.ensure(ICON, ["/some/venv/bin/python", "-m", "mlcoach", "run"],
                             env) is None
    assert str(program) in where.read_text(encoding="utf-8")
