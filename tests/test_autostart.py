"""Launch at login: the XDG autostart file and the macOS launch agent, in temporary homes."""

from __future__ import annotations

import os
import plistlib
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from mlcoach.system import autostart
from mlcoach.system.autostart import AutostartError
from mlcoach.system.paths import APP_ID

REQUIRE_DESKTOP = bool(os.environ.get("MLCOACH_REQUIRE_DESKTOP"))


def require_tool(name: str) -> str:
    """The tool's path; skip without it, unless MLCOACH_REQUIRE_DESKTOP is set (then fail)."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed (Debian package desktop-file-utils)"
    if REQUIRE_DESKTOP:
        pytest.fail(f"{message}, and MLCOACH_REQUIRE_DESKTOP is set")
    pytest.skip(message)


@pytest.fixture
def xdg_env(tmp_path: Path) -> dict[str, str]:
    return {
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CONFIG_DIRS": str(tmp_path / "etc-xdg"),
        "PATH": str(tmp_path / "empty-bin"),
    }


@pytest.fixture
def mac_env(tmp_path: Path) -> dict[str, str]:
    return {"HOME": str(tmp_path / "machome"), "PATH": str(tmp_path / "empty-bin")}


def desktop_keys(path: Path) -> dict[str, str]:
    keys: dict[str, str] = {}
    group = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            group = line
        elif "=" in line and group == "[Desktop Entry]":
            key, _, value = line.partition("=")
            keys[key] = value
    return keys


def split_exec(value: str) -> list[str]:
    """Undo the Exec quoting rules of the Desktop Entry specification."""
    # First the string-level escapes, then argument splitting with its own escapes.
    unescaped = value.replace("\\\\", "\x00").replace("\x00", "\\")
    args: list[str] = []
    current: list[str] = []
    quoted = False
    started = False
    i = 0
    while i < len(unescaped):
        ch = unescaped[i]
        if quoted:
            if ch == "\\" and i + 1 < len(unescaped):
                current.append(unescaped[i + 1])
                i += 2
                continue
            if ch == '"':
                quoted = False
            else:
                current.append(ch)
        elif ch == '"':
            quoted = started = True
        elif ch == " ":
            if started:
                args.append("".join(current))
                current, started = [], False
        else:
            current.append(ch)
            started = True
        i += 1
    if started:
        args.append("".join(current))
    return [a.replace("%%", "%") for a in args]


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.startswith(".")]


# -- Linux / XDG -----------------------------------------------------------------------


def test_linux_enable_writes_an_autostart_file(xdg_env: dict[str, str], tmp_path: Path) -> None:
    assert not autostart.is_enabled(platform="linux", env=xdg_env)
    command = [str(tmp_path / "bin" / "mlcoach"), "run"]

    where = autostart.enable(command, platform="linux", env=xdg_env)

    assert where == tmp_path / "config" / "autostart" / f"{APP_ID}.desktop"
    assert isinstance(where, Path) and where.is_file()
    assert autostart.location(platform="linux", env=xdg_env) == where
    assert autostart.is_enabled(platform="linux", env=xdg_env)
    assert stat.S_IMODE(where.stat().st_mode) == 0o644
    keys = desktop_keys(where)
    assert keys["Type"] == "Application"
    assert keys["Exec"] == f"{tmp_path}/bin/mlcoach run"
    assert keys["X-GNOME-Autostart-enabled"] == "true"
    assert keys["Icon"] == APP_ID
    assert "Hidden" not in keys
    assert no_temp_files(where.parent)


def test_linux_autostart_file_passes_desktop_file_validate(xdg_env: dict[str, str],
                                                           tmp_path: Path) -> None:
    tool = require_tool("desktop-file-validate")
    odd = tmp_path / "odd dir $HOME's 100%" / "mlcoach"
    where = autostart.enable([str(odd), "run"], platform="linux", env=xdg_env)
    result = subprocess.run([tool, str(where)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower(), result.stdout


@pytest.mark.parametrize("program", [
    "/opt/ml coach/bin/mlcoach",
    "/home/a\"b/`x`/$y/back\\slash/100%/mlcoach",
    "/plain/path/mlcoach",
])
def test_linux_exec_quoting_round_trips(xdg_env: dict[str, str], program: str) -> None:
    command = [program, "run"]
    where = autostart.enable(command, platform="linux", env=xdg_env)
    assert isinstance(where, Path)
    assert split_exec(desktop_keys(where)["Exec"]) == command


def test_linux_disable_is_idempotent(xdg_env: dict[str, str]) -> None:
    autostart.disable(platform="linux", env=xdg_env)  # nothing there yet: no error
    where = autostart.enable(["/usr/bin/mlcoach", "run"], platform="linux", env=xdg_env)
    assert isinstance(where, Path)
    autostart.disable(platform="linux", env=xdg_env)
    assert not where.exists()
    assert not autostart.is_enabled(platform="linux", env=xdg_env)
    autostart.disable(platform="linux", env=xdg_env)
    assert not autostart.is_enabled(platform="linux", env=xdg_env)


def test_linux_enable_again_replaces_the_command(xdg_env: dict[str, str]) -> None:
    autostart.enable(["/old/mlcoach", "run"], platform="linux", env=xdg_env)
    where = autostart.enable(["/new/mlcoach", "run"], platform="linux", env=xdg_env)
    assert isinstance(where, Path)
    assert desktop_keys(where)["Exec"] == "/new/mlcoach run"
    assert no_temp_files(where.parent)


def test_linux_defaults_to_home_config(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "XDG_CONFIG_DIRS": str(tmp_path / "etc")}
    expected = tmp_path / ".config" / "autostart" / f"{APP_ID}.desktop"
    assert autostart.location(platform="linux", env=env) == expected
    # A relative XDG_CONFIG_HOME is invalid by the spec and ignored.
    env["XDG_CONFIG_HOME"] = "relative/config"
    assert autostart.location(platform="linux", env=env) == expected
    assert autostart.enable(["/x/mlcoach", "run"], platform="linux", env=env) == expected


@pytest.mark.parametrize("line", ["Hidden=true", "X-GNOME-Autostart-enabled=false"])
def test_linux_switched_off_entry_is_not_enabled(xdg_env: dict[str, str], line: str) -> None:
    where = autostart.enable(["/usr/bin/mlcoach", "run"], platform="linux", env=xdg_env)
    assert isinstance(where, Path)
    text = where.read_text(encoding="utf-8").replace("X-GNOME-Autostart-enabled=true\n", "")
    where.write_text(text + line + "\n", encoding="utf-8")
    assert not autostart.is_enabled(platform="linux", env=xdg_env)


def test_linux_system_wide_entry_is_overridden_per_user(xdg_env: dict[str, str],
                                                        tmp_path: Path) -> None:
    system = tmp_path / "etc-xdg" / "autostart" / f"{APP_ID}.desktop"
    system.parent.mkdir(parents=True)
    system.write_text("[Desktop Entry]\nType=Application\nName=mlcoach\n"
                      "Exec=/usr/bin/mlcoach run\n", encoding="utf-8")
    assert autostart.is_enabled(platform="linux", env=xdg_env)

    autostart.disable(platform="linux", env=xdg_env)
    user = autostart.location(platform="linux", env=xdg_env)
    assert isinstance(user, Path)
    assert desktop_keys(user)["Hidden"] == "true"  # the spec's way to hide a system entry
    assert not autostart.is_enabled(platform="linux", env=xdg_env)
    assert system.exists()

    autostart.enable(["/usr/bin/mlcoach", "run"], platform="linux", env=xdg_env)
    assert autostart.is_enabled(platform="linux", env=xdg_env)


def test_linux_failed_write_keeps_the_old_file(xdg_env: dict[str, str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    where = autostart.enable(["/old/mlcoach", "run"], platform="linux", env=xdg_env)
    assert isinstance(where, Path)
    before = where.read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        autostart.enable(["/new/mlcoach", "run"], platform="linux", env=xdg_env)
    assert where.read_bytes() == before
    assert no_temp_files(where.parent)


# -- the default command ---------------------------------------------------------------


def test_default_command_uses_the_running_entry_point(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      xdg_env: dict[str, str]) -> None:
    script = tmp_path / "venv" / "bin" / "mlcoach"
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["venv/bin/mlcoach", "settings"])

    assert autostart.default_command(platform="linux", env=xdg_env) == [str(script), "run"]
    where = autostart.enable(platform="linux", env=xdg_env)
    assert isinstance(where, Path)
    assert desktop_keys(where)["Exec"] == f"{script} run"


def test_default_command_falls_back_to_path(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    exe = bindir / "mlcoach"
    exe.write_text("#!/bin/sh\n", encoding="utf-8")
    exe.chmod(0o755)
    monkeypatch.setattr(sys, "argv", ["/somewhere/pytest"])
    env = {"HOME": str(tmp_path), "PATH": str(bindir)}
    assert autostart.default_command(platform="linux", env=env) == [str(exe), "run"]


def test_default_command_last_resort_is_this_interpreter(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["/somewhere/pytest"])
    env = {"HOME": str(tmp_path), "PATH": str(tmp_path / "nothing")}
    assert autostart.default_command(platform="linux", env=env) == [
        os.path.abspath(sys.executable), "-m", "mlcoach", "run"]


def test_default_command_under_python_dash_m(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    main = tmp_path / "mlcoach" / "__main__.py"
    monkeypatch.setattr(sys, "argv", [str(main)])
    env = {"HOME": str(tmp_path), "PATH": ""}
    assert autostart.default_command(platform="linux", env=env)[1:] == ["-m", "mlcoach", "run"]


# -- macOS -----------------------------------------------------------------------------


def test_darwin_enable_writes_a_launch_agent(mac_env: dict[str, str], tmp_path: Path) -> None:
    assert not autostart.is_enabled(platform="darwin", env=mac_env)
    command = ["/Applications/mlcoach.app/Contents/MacOS/mlcoach", "run"]

    where = autostart.enable(command, platform="darwin", env=mac_env)

    assert where == tmp_path / "machome" / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
    assert isinstance(where, Path)
    with where.open("rb") as fh:
        agent = plistlib.load(fh)
    assert agent["Label"] == APP_ID
    assert agent["ProgramArguments"] == command
    assert agent["RunAtLoad"] is True
    assert stat.S_IMODE(where.stat().st_mode) == 0o644
    assert autostart.is_enabled(platform="darwin", env=mac_env)
    assert no_temp_files(where.parent)


def test_darwin_disable_is_idempotent(mac_env: dict[str, str]) -> None:
    autostart.disable(platform="darwin", env=mac_env)
    where = autostart.enable(["/usr/local/bin/mlcoach", "run"], platform="darwin", env=mac_env)
    assert isinstance(where, Path)
    autostart.disable(platform="darwin", env=mac_env)
    assert not where.exists()
    autostart.disable(platform="darwin", env=mac_env)
    assert not autostart.is_enabled(platform="darwin", env=mac_env)


def test_darwin_disabled_or_broken_agent_is_not_enabled(mac_env: dict[str, str]) -> None:
    where = autostart.enable(["/usr/local/bin/mlcoach", "run"], platform="darwin", env=mac_env)
    assert isinstance(where, Path)
    with where.open("rb") as fh:
        agent = plistlib.load(fh)
    agent["Disabled"] = True
    where.write_bytes(plistlib.dumps(agent))
    assert not autostart.is_enabled(platform="darwin", env=mac_env)

    where.write_bytes(b"not a property list")
    assert not autostart.is_enabled(platform="darwin", env=mac_env)
    autostart.enable(["/usr/local/bin/mlcoach", "run"], platform="darwin", env=mac_env)
    assert autostart.is_enabled(platform="darwin", env=mac_env)


# -- other platforms and arguments -----------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="checks the behaviour away from Windows")
def test_windows_registry_is_refused_elsewhere(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path)}
    assert autostart.location(platform="win32", env=env) == (
        "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\mlcoach")
    with pytest.raises(AutostartError):
        autostart.is_enabled(platform="win32", env=env)
    with pytest.raises(AutostartError):
        autostart.enable(["C:\\mlcoach.exe", "run"], platform="win32", env=env)
    with pytest.raises(AutostartError):
        autostart.disable(platform="win32", env=env)


def test_unknown_platform_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(AutostartError, match="not supported"):
        autostart.is_enabled(platform="plan9", env={"HOME": str(tmp_path)})


def test_freebsd_uses_xdg(xdg_env: dict[str, str], tmp_path: Path) -> None:
    assert autostart.location(platform="freebsd14", env=xdg_env) == (
        tmp_path / "config" / "autostart" / f"{APP_ID}.desktop")


def test_command_must_be_a_sequence_of_arguments(xdg_env: dict[str, str]) -> None:
    with pytest.raises(TypeError):
        autostart.enable("/usr/bin/mlcoach run", platform="linux", env=xdg_env)
    with pytest.raises(ValueError):
        autostart.enable([], platform="linux", env=xdg_env)


def test_module_does_not_import_qt() -> None:
    code = ("import sys, mlcoach.system.autostart; "
            "sys.exit(any(m.startswith('PySide6') for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], check=False)
    assert result.returncode == 0


# -- the command an entry runs (mlcoach doctor checks that its program exists) ----------


def test_entry_command_reads_back_a_quoted_xdg_exec(xdg_env: dict[str, str],
                                                    tmp_path: Path) -> None:
    exe = tmp_path / "my apps" / "50% \"done\"" / "mlcoach"
    autostart.enable([str(exe), "run"], platform="linux", env=xdg_env)
    assert autostart.entry_command(platform="linux", env=xdg_env) == [str(exe), "run"]
    assert not autostart.program_exists(str(exe), platform="linux", env=xdg_env)
    exe.parent.mkdir(parents=True)
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    assert autostart.program_exists(str(exe), platform="linux", env=xdg_env)
    autostart.disable(platform="linux", env=xdg_env)
    assert autostart.entry_command(platform="linux", env=xdg_env) is None


def test_entry_command_of_a_launch_agent(mac_env: dict[str, str]) -> None:
    autostart.enable(["/Applications/mlcoach.app/Contents/MacOS/mlcoach", "run"],
                     platform="darwin", env=mac_env)
    assert autostart.entry_command(platform="darwin", env=mac_env) == [
        "/Applications/mlcoach.app/Contents/MacOS/mlcoach", "run"]


def test_windows_run_values_split_into_program_and_arguments() -> None:
    line = subprocess.list2cmdline([r"C:\Users\Ana\App Data\mlcoach-gui.exe", "run"])
    assert autostart.windows_split(line) == [r"C:\Users\Ana\App Data\mlcoach-gui.exe", "run"]
    assert autostart.windows_split(r"C:\mlcoach\mlcoach.exe run") == [
        r"C:\mlcoach\mlcoach.exe", "run"]
    assert autostart.windows_split("  ") == []


def test_program_exists_looks_names_up_on_path(tmp_path: Path) -> None:
    (tmp_path / "mlcoach").write_text("#!/bin/sh\n")
    (tmp_path / "mlcoach").chmod(0o755)
    env = {"PATH": str(tmp_path)}
    assert autostart.program_exists("mlcoach", platform="linux", env=env)
    assert not autostart.program_exists("mlcoach", platform="linux", env={"PATH": ""})


def test_entry_names_its_program_in_try_exec(xdg_env: dict[str, str], tmp_path: Path) -> None:
    """Session managers skip an entry whose TryExec is missing (an uninstalled app)."""
    exe = tmp_path / "venv dir" / "bin" / "mlcoach"
    where = autostart.enable([str(exe), "run"], platform="linux", env=xdg_env)
    keys = desktop_keys(Path(where))
    assert keys["TryExec"] == str(exe)
    relative = autostart.desktop_entry(["mlcoach", "run"])
    assert "TryExec" not in relative  # a bare name is looked up on PATH by Exec anyway


# -- an entry left by an install since removed ------------------------------------------


def _program(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def test_a_login_entry_for_a_removed_install_points_at_this_one(
        xdg_env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Launch at login turned on under pipx, then pipx uninstall and the .deb: the entry
    still named ~/.local/bin/mlcoach, the session skipped it (TryExec) and mlcoach never
    started at login again, while nothing said so."""
    pipx = _program(tmp_path / "home" / ".local" / "bin" / "mlcoach")
    folder = tmp_path / "my data"
    autostart.enable([str(pipx), "--data-dir", str(folder), "run"], platform="linux",
                     env=xdg_env)
    deb = _program(tmp_path / "usr" / "bin" / "mlcoach")
    monkeypatch.setattr(sys, "argv", [str(deb), "run"])
    assert autostart.repair(platform="linux", env=xdg_env) is None  # pipx's still there
    pipx.unlink()  # pipx uninstall mlcoach
    where = autostart.repair(platform="linux", env=xdg_env)
    assert where == autostart.location(platform="linux", env=xdg_env)
    assert autostart.entry_command(platform="linux", env=xdg_env) == [
        str(deb), "--data-dir", str(folder), "run"]  # the same data folder
    assert desktop_keys(Path(where))["TryExec"] == str(deb)
    assert autostart.repair(platform="linux", env=xdg_env) is None  # now it works


def test_repair_leaves_an_entry_switched_off_or_none_at_all(
        xdg_env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deb = _program(tmp_path / "usr" / "bin" / "mlcoach")
    monkeypatch.setattr(sys, "argv", [str(deb), "run"])
    assert autostart.repair(platform="linux", env=xdg_env) is None
    assert not Path(autostart.location(platform="linux", env=xdg_env)).exists()
    where = Path(autostart.enable([str(tmp_path / "gone" / "mlcoach"), "run"],
                                  platform="linux", env=xdg_env))
    text = where.read_text(encoding="utf-8").replace(
        "X-GNOME-Autostart-enabled=true", "X-GNOME-Autostart-enabled=false")
    where.write_text(text, encoding="utf-8")  # switched off in GNOME Tweaks
    assert autostart.repair(platform="linux", env=xdg_env) is None
    assert where.read_text(encoding="utf-8") == text


def test_repair_of_a_launch_agent(mac_env: dict[str, str], tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    app = _program(tmp_path / "Applications" / "mlcoach.app" / "Contents" / "MacOS" / "mlcoach")
    autostart.enable([str(tmp_path / "old venv" / "bin" / "mlcoach"), "run"],
                     platform="darwin", env=mac_env)
    monkeypatch.setattr(sys, "argv", [str(app), "run"])
    assert autostart.repair(platform="darwin", env=mac_env) is not None
    assert autostart.entry_command(platform="darwin", env=mac_env) == [str(app), "run"]
