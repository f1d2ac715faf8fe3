"""mlcoach/system/menu_entry.py: the desktop menu's entry for installs that bring none
(real files in temporary XDG folders, checked with desktop-file-validate)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

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


def _program(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def _package_entry(tmp_path: Path, program: Path) -> Path:
    """The .deb's entry, as it installs it in /usr/share/applications."""
    text = (Path(__file__).parent.parent / "packaging" / NAME).read_text(encoding="utf-8")
    packaged = tmp_path / "system" / "applications" / NAME
    packaged.parent.mkdir(parents=True, exist_ok=True)
    packaged.write_text(text.replace("Exec=mlcoach", f"Exec={program}"), encoding="utf-8")
    return packaged


def _menu_commands(env: dict[str, str]) -> list[str] | None:
    """The command lines GLib's menu (GNOME's app grid, most menus) lists for mlcoach,
    or None without Debian's python3-gi."""
    code = ("import gi; gi.require_version('Gio', '2.0'); from gi.repository import Gio; "
            f"print([a.get_commandline() for a in Gio.AppInfo.get_all() if a.get_id() == "
            f"{NAME!r}])")
    try:
        done = subprocess.run(["/usr/bin/python3", "-I", "-c", code], env=env,
                              capture_output=True, text=True, timeout=60, check=False)
    except OSError:
        return None
    if done.returncode != 0:
        return None
    return list(eval(done.stdout))  # a printed list of str


def test_a_pipx_entry_left_behind_no_longer_hides_the_packages_entry(
        tmp_path: Path) -> None:
    """pipx install, a first start (the entry), pipx uninstall, apt install ./mlcoach.deb:
    GNOME's app grid had no mlcoach, since the user's entry of the same name hid the
    package's and its TryExec named the removed program. The next start removes it."""
    env = _env(tmp_path)
    pipx = _program(tmp_path / "home" / ".local" / "bin" / "mlcoach")
    ours = menu_entry.ensure(ICON, [str(pipx), "run"], env)
    assert ours is not None
    deb = _program(tmp_path / "usr" / "bin" / "mlcoach")
    _package_entry(tmp_path, deb)
    # both installed: the user's entry for pipx stays (it works)
    assert menu_entry.ensure(ICON, [str(deb), "run"], env, create=False) is None
    assert ours.is_file()
    pipx.unlink()  # pipx uninstall mlcoach
    shown = _menu_commands(env)
    assert shown in (None, [])  # nothing in the menu, though the .deb is installed
    assert menu_entry.ensure(ICON, [str(deb), "run"], env, create=False) is None
    assert not ours.exists()
    shown = _menu_commands(env)
    assert shown is None or shown == [str(deb)]


def test_a_later_start_mends_an_entry_of_ours_but_writes_none_the_user_deleted(
        tmp_path: Path) -> None:
    env = _env(tmp_path)
    assert menu_entry.ensure(ICON, ["/usr/bin/mlcoach", "run"], env, create=False) is None
    assert not (tmp_path / "share").exists()
    menu_entry.ensure(ICON, [str(tmp_path / "old venv" / "mlcoach"), "run"], env)
    new = _program(tmp_path / "new venv" / "mlcoach")
    where = menu_entry.ensure(ICON, [str(new), "run"], env, create=False)
    assert where is not None and f"TryExec={new}" in where.read_text(encoding="utf-8")


def _groups(text: str) -> dict[str, dict[str, str]]:
    groups: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("["):
            current = groups.setdefault(line.strip("[]"), {})
        elif "=" in line and not line.startswith("#"):
            key, _, value = line.partition("=")
            current[key] = value
    return groups


def test_a_pipx_entry_has_the_actions_and_keywords_of_the_packages(tmp_path: Path) -> None:
    """A right click on the launcher offered "Capture a moment" and "Reflect on today"
    with the .deb only, and a search for "leadership" in the app grid found only the
    .deb's entry: the pipx install's had neither actions nor keywords."""
    packaged = _groups((Path(__file__).parent.parent / "packaging" / NAME)
                       .read_text(encoding="utf-8"))
    program = tmp_path / "pipx venv" / "bin" / "mlcoach"
    ours = _groups(menu_entry.entry_text([str(program), "run"]))
    main = ours["Desktop Entry"]
    for key in ("Actions", "Keywords", "Keywords[tr]", "StartupWMClass", "Icon"):
        assert main[key] == packaged["Desktop Entry"][key], key
    for action in ("capture", "reflect"):
        group = f"Desktop Action {action}"
        assert {k: v for k, v in ours[group].items() if k != "Exec"} == \
            {k: v for k, v in packaged[group].items() if k != "Exec"}
        assert ours[group]["Exec"] == f'"{program}" {action}'


def test_an_entry_of_ours_from_an_older_mlcoach_is_brought_up_to_date(tmp_path: Path) -> None:
    env = _env(tmp_path)
    program = _program(tmp_path / "pipx" / "mlcoach")
    own = tmp_path / "share" / "applications" / NAME
    own.parent.mkdir(parents=True)
    own.write_text(_as_written_before_actions([str(program), "run"]), encoding="utf-8")
    where = menu_entry.ensure(ICON, [str(program), "run"], env, create=False)
    assert where == own and "[Desktop Action capture]" in own.read_text(encoding="utf-8")
    other = menu_entry.ensure(ICON, [str(tmp_path / "venv" / "mlcoach"), "run"], env)
    assert other is None and str(program) in own.read_text(encoding="utf-8")


def _as_written_before_actions(command: list[str]) -> str:
    """The entry mlcoach wrote before it had actions and keywords (2f11a46)."""
    from mlcoach.system.autostart import entry_lines

    return "\n".join([
        *entry_lines(command,
                     "Practise small daily acts of leadership: influence, recognition, "
                     "example and support",
                     "Küçük günlük liderlik davranışlarını çalışın: etki, takdir, örnek "
                     "olma ve destek"),
        "Categories=Office;", "StartupNotify=false", "StartupWMClass=mlcoach",
        "X-GNOME-UsesNotifications=true", menu_entry.OURS, "",
    ])


@pytest.mark.parametrize("edit", ["NoDisplay=true\n", "Keywords=coach;\n"])
def test_an_entry_of_ours_the_user_changed_is_left_as_they_made_it(tmp_path: Path,
                                                                   edit: str) -> None:
    """A menu editor (alacarte, menulibre, kmenuedit) edits our file in place and keeps
    our mark: hiding mlcoach from the menu was undone at the next start."""
    env = _env(tmp_path)
    program = _program(tmp_path / "pipx" / "mlcoach")
    own = tmp_path / "share" / "applications" / NAME
    own.parent.mkdir(parents=True)
    edited = _as_written_before_actions([str(program), "run"]).replace(
        "Categories=", edit + "Categories=")
    own.write_text(edited, encoding="utf-8")
    assert menu_entry.ensure(ICON, [str(program), "run"], env, create=False) is None
    assert own.read_text(encoding="utf-8") == edited
