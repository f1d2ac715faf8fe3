"""Launch at login, through each platform's own mechanism.

* Linux and other XDG desktops: a ``.desktop`` file in
  ``$XDG_CONFIG_HOME/autostart`` (XDG Autostart specification).
* macOS: a launchd agent, ``~/Library/LaunchAgents/<app id>.plist``.
* Windows: a value under ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``.

Every function takes ``platform`` (a ``sys.platform`` value, default the
running one) and ``env`` (default ``os.environ``, used for ``HOME``,
``XDG_CONFIG_HOME``, ``XDG_CONFIG_DIRS`` and ``PATH``), so that tests can point
them at temporary folders. Core module: never imports Qt. Light to import (plistlib,
tempfile and subprocess load where used): the app writes its menu entry at start.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from mlcoach.domain.errors import MlcoachError
from mlcoach.system.paths import APP_ID, APP_NAME, read_small

__all__ = [
    "AutostartError",
    "default_command",
    "desktop_entry",
    "disable",
    "enable",
    "entry_command",
    "is_enabled",
    "launch_agent",
    "location",
    "program_exists",
    "repair",
]

DESKTOP_FILE = f"{APP_ID}.desktop"
PLIST_FILE = f"{APP_ID}.plist"
WINDOWS_RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
WINDOWS_APPROVED_KEY = r"Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run"
WINDOWS_VALUE = APP_NAME

_XDG = "xdg"
_DARWIN = "darwin"
_WINDOWS = "win32"
_XDG_PLATFORMS = ("linux", "freebsd", "openbsd", "netbsd", "dragonfly", "sunos")
# Characters that force quoting inside an Exec value (Desktop Entry spec, "Exec key").
_EXEC_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")


class AutostartError(MlcoachError):
    """Launch at login cannot be set up on this platform."""


# -- shared helpers --------------------------------------------------------------


def _family(platform: str | None) -> str:
    name = sys.platform if platform is None else platform
    if name == _DARWIN:
        return _DARWIN
    if name == _WINDOWS:
        return _WINDOWS
    if name.startswith(_XDG_PLATFORMS):
        return _XDG
    raise AutostartError("launch at login is not supported on this platform ({platform})",
                         platform=name)


def _env(env: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if env is None else env


def _home(env: Mapping[str, str]) -> Path:
    home = env.get("HOME")
    return Path(home) if home else Path.home()


def _write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves the old or the new file."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # read by the session manager / launchd, no secrets inside
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def _stem(name: str) -> str:
    lowered = name.lower()
    for suffix in (".exe", "-script.pyw", "-script.py"):
        if lowered.endswith(suffix):
            return lowered[: -len(suffix)]
    return lowered


def default_command(*, platform: str | None = None,
                    env: Mapping[str, str] | None = None) -> list[str]:
    """The command that starts this installation of mlcoach in the tray.

    The absolute path of the running ``mlcoach`` entry point (from
    ``sys.argv[0]``), else the one ``PATH`` finds, else this interpreter with
    ``-m mlcoach``; always followed by ``run``. A frozen build runs itself. On
    Windows the console-less ``mlcoach-gui`` beside the entry point is preferred.
    """
    family = _family(platform)
    environ = _env(env)
    if getattr(sys, "frozen", False):
        return [os.path.abspath(sys.executable), "run"]
    exe: str | None = None
    argv0 = sys.argv[0] if sys.argv else ""
    if argv0 and _stem(Path(argv0).name) in (APP_NAME, f"{APP_NAME}-gui") \
            and Path(argv0).is_file():
        exe = os.path.abspath(argv0)
    elif argv0 and Path(argv0).name == "__main__.py" and Path(argv0).parent.name == APP_NAME:
        return [os.path.abspath(sys.executable), "-m", APP_NAME, "run"]
    else:
        found = shutil.which(APP_NAME, path=environ.get("PATH"))
        exe = os.path.abspath(found) if found else None
    if exe is None:
        return [os.path.abspath(sys.executable), "-m", APP_NAME, "run"]
    if family == _WINDOWS:
        here = Path(exe)
        gui = here.with_name(f"{APP_NAME}-gui{here.suffix}")
        if gui.is_file():
            exe = str(gui)
    return [exe, "run"]


def command_for(folder: Path | None, *, platform: str | None = None,
                env: Mapping[str, str] | None = None) -> list[str]:
    """`default_command()`, opening `folder` when that is not the data folder a login
    session would open by itself (--data-dir, or MLCOACH_DATA_DIR, which the session lacks)."""
    args = default_command(platform=platform, env=env)
    if folder is not None and not _same_folder(folder, _login_folder(env)):
        args[-1:-1] = ["--data-dir", str(folder)]
    return args


def entry_folder(args: Sequence[str], env: Mapping[str, str] | None = None) -> Path:
    """The data folder a login entry running `args` opens."""
    for i, arg in enumerate(args):
        if arg == "--data-dir" and i + 1 < len(args):
            return Path(args[i + 1])
        if arg.startswith("--data-dir="):
            return Path(arg.partition("=")[2])
    return _login_folder(env)


def starts_another_folder(folder: Path, *, platform: str | None = None,
                          env: Mapping[str, str] | None = None) -> bool:
    """Whether launch at login is on and opens a data folder other than `folder`."""
    args = entry_command(platform=platform, env=env)
    return args is not None and not _same_folder(entry_folder(args, env), folder)


def _login_folder(env: Mapping[str, str] | None) -> Path:
    from mlcoach.system.paths import data_dir

    session = {k: v for k, v in _env(env).items() if k != "MLCOACH_DATA_DIR"}
    return data_dir(None, env=session)


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return os.path.abspath(a) == os.path.abspath(b)


def _command(command: Sequence[str] | None, platform: str | None,
             env: Mapping[str, str] | None) -> list[str]:
    if isinstance(command, str):
        raise TypeError("command must be a sequence of arguments, not a string")
    args = default_command(platform=platform, env=env) if command is None else list(command)
    if not args or not args[0]:
        raise ValueError("command must name a program")
    return args


# -- Linux / XDG -----------------------------------------------------------------


def _xdg_config_home(env: Mapping[str, str]) -> Path:
    value = env.get("XDG_CONFIG_HOME", "")
    # The spec says relative paths are invalid and must be ignored.
    if value and os.path.isabs(value):
        return Path(value)
    return _home(env) / ".config"


def _xdg_config_dirs(env: Mapping[str, str]) -> list[Path]:
    value = env.get("XDG_CONFIG_DIRS", "") or "/etc/xdg"
    return [Path(p) for p in value.split(":") if p and os.path.isabs(p)]


def _exec_quote(arg: str) -> str:
    """Quote one argument for an Exec value (before the string-level escaping)."""
    arg = arg.replace("%", "%%")
    if arg and not (_EXEC_RESERVED & set(arg)):
        return arg
    inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
    return f'"{inner}"'


def desktop_string(value: str) -> str:
    """`value` escaped as a .desktop file's string value (TryExec, Name, Exec …)."""
    return (value.replace("\\", "\\\\").replace("\n", "\\n")
            .replace("\t", "\\t").replace("\r", "\\r"))


def exec_value(command: Sequence[str]) -> str:
    """`command` as the value of a .desktop file's Exec key."""
    return desktop_string(" ".join(_exec_quote(arg) for arg in command))


def entry_lines(command: Sequence[str], comment: str, comment_tr: str) -> list[str]:
    """The lines the login entry and the menu entry share, up to Terminal."""
    # With TryExec, a session manager or menu skips the entry once the program is gone
    # (after `apt remove` or `pipx uninstall`) instead of failing to start it.
    try_exec = ([f"TryExec={desktop_string(command[0])}"]
                if command and os.path.isabs(command[0]) else [])
    return [
        "[Desktop Entry]",
        "Type=Application",
        f"Name={APP_NAME}",
        "GenericName=Micro-leadership coach",
        "GenericName[tr]=Mikro liderlik koçu",
        f"Comment={desktop_string(comment)}",
        f"Comment[tr]={desktop_string(comment_tr)}",
        *try_exec,
        f"Exec={exec_value(command)}",
        f"Icon={APP_ID}",
        "Terminal=false",
    ]


def desktop_entry(command: Sequence[str]) -> str:
    """The text of the XDG autostart file that runs `command`."""
    return "\n".join([
        *entry_lines(command, "Start mlcoach in the system tray at login",
                     "Oturum açılınca mlcoach'u sistem tepsisinde başlat"),
        "StartupNotify=false",
        "X-GNOME-Autostart-enabled=true",
        "",
    ])


def _read_desktop_group(path: Path) -> dict[str, str] | None:
    """The [Desktop Entry] keys of `path`, or None when it cannot be read."""
    try:
        text = read_small(path).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    keys: dict[str, str] = {}
    in_group = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            in_group = line == "[Desktop Entry]"
            continue
        if in_group and "=" in line:
            key, _, value = line.partition("=")
            keys.setdefault(key.strip(), value.strip())
    return keys


def _entry_active(keys: Mapping[str, str]) -> bool:
    if keys.get("Hidden", "false").lower() == "true":
        return False
    return keys.get("X-GNOME-Autostart-enabled", "true").lower() != "false"


def _system_entries(env: Mapping[str, str]) -> list[Path]:
    return [d / "autostart" / DESKTOP_FILE for d in _xdg_config_dirs(env)
            if (d / "autostart" / DESKTOP_FILE).is_file()]


def _xdg_is_enabled(env: Mapping[str, str]) -> bool:
    user = _file(_XDG, env)
    if user.exists():  # the user's file overrides system-wide ones
        keys = _read_desktop_group(user)
        return keys is not None and _entry_active(keys)
    for path in _system_entries(env):
        keys = _read_desktop_group(path)
        if keys is not None:
            return _entry_active(keys)
    return False


def _desktop_unescape(value: str) -> str:
    """Undo the string-level escapes of a .desktop value (\\s, \\n, \\t, \\r, \\\\)."""
    out, chars = [], iter(value)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            out.append({"s": " ", "n": "\n", "t": "\t", "r": "\r"}.get(nxt, nxt))
        else:
            out.append(ch)
    return "".join(out)


def _exec_split(value: str) -> list[str]:
    """The arguments of an Exec value (quoting rules of the Desktop Entry spec)."""
    import shlex

    try:
        args = shlex.split(_desktop_unescape(value), posix=True)
    except ValueError:
        return []
    return [a.replace("%%", "%") for a in args if not (len(a) == 2 and a[0] == "%")]


def _xdg_command(env: Mapping[str, str]) -> list[str] | None:
    user = _file(_XDG, env)
    for path in [user] if user.exists() else _system_entries(env):
        keys = _read_desktop_group(path)
        if keys is not None and _entry_active(keys):
            return _exec_split(keys.get("Exec", "")) or None
        return None
    return None


def _xdg_disable(env: Mapping[str, str]) -> None:
    user = _file(_XDG, env)
    if _system_entries(env):
        # A system-wide entry exists: the spec's way to switch it off for this user.
        text = "[Desktop Entry]\nType=Application\nName=mlcoach\nHidden=true\n"
        _write_atomically(user, text.encode("utf-8"))
    else:
        _unlink(user)


# -- macOS -----------------------------------------------------------------------


def launch_agent(command: Sequence[str]) -> bytes:
    """The launchd agent property list that runs `command` at login."""
    import plistlib

    agent: dict[str, object] = {
        "Label": APP_ID,
        "ProgramArguments": list(command),
        "RunAtLoad": True,
        "KeepAlive": False,
        "ProcessType": "Interactive",
        "LimitLoadToSessionType": "Aqua",
    }
    return plistlib.dumps(agent, fmt=plistlib.FMT_XML, sort_keys=True)


def _darwin_is_enabled(path: Path) -> bool:
    import plistlib

    try:
        with path.open("rb") as fh:
            agent = plistlib.load(fh)
    except (OSError, plistlib.InvalidFileException, ValueError):
        return False  # missing or unreadable: not a working login item
    return isinstance(agent, dict) and agent.get("Disabled") is not True \
        and bool(agent.get("ProgramArguments") or agent.get("Program"))


def _darwin_command(path: Path) -> list[str] | None:
    import plistlib

    try:
        with path.open("rb") as fh:
            agent = plistlib.load(fh)
    except (OSError, plistlib.InvalidFileException, ValueError):
        return None
    if not isinstance(agent, dict) or agent.get("Disabled") is True:
        return None
    args = agent.get("ProgramArguments") or ([agent["Program"]] if agent.get("Program") else [])
    return [str(a) for a in args] or None


# -- Windows ---------------------------------------------------------------------
# winreg exists only on Windows. Each body sits under a platform check so that
# mypy checks it with `--platform win32` and skips it elsewhere.


def _windows_location() -> str:
    return f"HKEY_CURRENT_USER\\{WINDOWS_RUN_KEY}\\{WINDOWS_VALUE}"


def _windows_is_enabled() -> bool:
    if sys.platform != "win32":
        raise AutostartError("the Windows registry can only be read on Windows")
    else:
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, WINDOWS_RUN_KEY) as key:
                value, _kind = winreg.QueryValueEx(key, WINDOWS_VALUE)
        except FileNotFoundError:
            return False
        if not value:
            return False
        # Task Manager's "Disable" keeps the Run value and records an odd first byte here.
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, WINDOWS_APPROVED_KEY) as key:
                approved, _kind = winreg.QueryValueEx(key, WINDOWS_VALUE)
        except FileNotFoundError:
            return True
        return not (isinstance(approved, bytes) and approved[:1] and approved[0] & 1)


def windows_split(line: str) -> list[str]:
    """The program and the rest of a Run value ("C:\\a b\\x.exe" run -> [exe, "run"])."""
    line = line.strip()
    if line.startswith('"'):
        program, _, rest = line[1:].partition('"')
    else:
        program, _, rest = line.partition(" ")
    return [program, *rest.split()] if program else []


def _windows_command() -> list[str] | None:
    if sys.platform != "win32":
        raise AutostartError("the Windows registry can only be read on Windows")
    else:
        import winreg

        if not _windows_is_enabled():
            return None
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, WINDOWS_RUN_KEY) as key:
            value, _kind = winreg.QueryValueEx(key, WINDOWS_VALUE)
        return windows_split(str(value)) or None


def _windows_enable(command: Sequence[str]) -> str:
    if sys.platform != "win32":
        raise AutostartError("the Windows registry can only be written on Windows")
    else:
        import subprocess
        import winreg

        line = subprocess.list2cmdline(list(command))
        with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, WINDOWS_RUN_KEY, 0,
                                winreg.KEY_SET_VALUE) as key:
            winreg.SetValueEx(key, WINDOWS_VALUE, 0, winreg.REG_SZ, line)
        # Forget an earlier "Disable" from Task Manager, which would otherwise win.
        with contextlib.suppress(FileNotFoundError), \
                winreg.OpenKey(winreg.HKEY_CURRENT_USER, WINDOWS_APPROVED_KEY, 0,
                               winreg.KEY_SET_VALUE) as key:
            winreg.DeleteValue(key, WINDOWS_VALUE)
        return _windows_location()


def _windows_disable() -> None:
    if sys.platform != "win32":
        raise AutostartError("the Windows registry can only be written on Windows")
    else:
        import winreg

        for subkey in (WINDOWS_RUN_KEY, WINDOWS_APPROVED_KEY):
            with contextlib.suppress(FileNotFoundError), \
                    winreg.OpenKey(winreg.HKEY_CURRENT_USER, subkey, 0,
                                   winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, WINDOWS_VALUE)


# -- public API ------------------------------------------------------------------


def _file(family: str, env: Mapping[str, str]) -> Path:
    if family == _XDG:
        return _xdg_config_home(env) / "autostart" / DESKTOP_FILE
    return _home(env) / "Library" / "LaunchAgents" / PLIST_FILE


def location(*, platform: str | None = None,
             env: Mapping[str, str] | None = None) -> Path | str:
    """Where the login entry lives: a file path, or a registry value name on Windows."""
    family = _family(platform)
    return _windows_location() if family == _WINDOWS else _file(family, _env(env))


def is_enabled(*, platform: str | None = None, env: Mapping[str, str] | None = None) -> bool:
    """Whether mlcoach is set to start at login."""
    family = _family(platform)
    environ = _env(env)
    if family == _XDG:
        return _xdg_is_enabled(environ)
    if family == _DARWIN:
        return _darwin_is_enabled(_file(family, environ))
    return _windows_is_enabled()


def enable(command: Sequence[str] | None = None, *, platform: str | None = None,
           env: Mapping[str, str] | None = None) -> Path | str:
    """Start mlcoach at login, running `command` (default: `default_command()`).

    Returns the file written, or on Windows the registry value set. Calling it
    again rewrites the entry, so it also repairs a stale path.
    """
    family = _family(platform)
    environ = _env(env)
    args = _command(command, platform, environ)
    if family == _WINDOWS:
        return _windows_enable(args)
    where = _file(family, environ)
    if family == _XDG:
        _write_atomically(where, desktop_entry(args).encode("utf-8"))
    else:
        _write_atomically(where, launch_agent(args))
    return where


def disable(*, platform: str | None = None, env: Mapping[str, str] | None = None) -> None:
    """Stop starting mlcoach at login. Does nothing when it is already off."""
    family = _family(platform)
    environ = _env(env)
    if family == _XDG:
        _xdg_disable(environ)
    elif family == _DARWIN:
        _unlink(_file(family, environ))
    else:
        _windows_disable()


def entry_command(*, platform: str | None = None,
                  env: Mapping[str, str] | None = None) -> list[str] | None:
    """The command the active login entry runs, or None when mlcoach does not start at login."""
    family = _family(platform)
    environ = _env(env)
    if family == _XDG:
        return _xdg_command(environ)
    if family == _DARWIN:
        return _darwin_command(_file(family, environ))
    return _windows_command()


def program_exists(program: str, *, platform: str | None = None,
                   env: Mapping[str, str] | None = None) -> bool:
    """Whether `program` (a path, or a name looked up on PATH) can be started."""
    windows = _family(platform) == _WINDOWS
    if os.path.isabs(program) or (windows and ":" in program):
        return os.path.isfile(program) and (windows or os.access(program, os.X_OK))
    return shutil.which(program, path=_env(env).get("PATH")) is not None


def repair(*, platform: str | None = None,
           env: Mapping[str, str] | None = None) -> Path | str | None:
    """Point a login entry whose program is gone at this installation; returns where it
    was written, or None when there was nothing to mend.

    Moving from pipx to the .deb (or to another venv) left the entry naming the removed
    program: the session skipped it (TryExec), so mlcoach no longer started at login,
    though the user had asked for it and nothing said so. The data folder the entry
    opened is kept. An entry that still starts something is never touched.
    """
    args = entry_command(platform=platform, env=env)
    if not args or program_exists(args[0], platform=platform, env=env):
        return None
    command = command_for(entry_folder(args, env), platform=platform, env=env)
    if not program_exists(command[0], platform=platform, env=env):
        return None
    return enable(command, platform=platform, env=env)
