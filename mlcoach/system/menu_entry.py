"""The app's entry in the desktop's menu, where its install brought none (pipx, a wheel).

The .deb installs /usr/share/applications/<app id>.desktop; a pipx or wheel install
cannot, so GNOME showed the raw app id and a gear and the app grid had no mlcoach to open
again. The first start writes one in $XDG_DATA_HOME/applications (with the icon), unless
a package's entry exists. Later starts only tend an entry of ours: one for an install
that is gone is written again for this one, or removed when a package's entry is there
(after a move from pipx to the .deb, ours, of the same name, hid the package's from
GNOME's app grid and every menu). Core module: no Qt.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

from mlcoach.system.autostart import DESKTOP_FILE, default_command, entry_lines, exec_value
from mlcoach.system.paths import APP_ID, atomic_write, read_small

#: Marks an entry this module wrote (and may write again).
OURS = "X-mlcoach-Written=true"


def _data_home(env: Mapping[str, str]) -> Path:
    value = env.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path(env.get("HOME") or os.path.expanduser("~")) / ".local" / "share"


def _data_dirs(env: Mapping[str, str]) -> list[Path]:
    value = env.get("XDG_DATA_DIRS", "") or "/usr/local/share:/usr/share"
    return [Path(p) for p in value.split(":") if p and os.path.isabs(p)]


def entry_text(command: Sequence[str]) -> str:
    """The menu entry that runs `command`."""
    return "\n".join([
        *entry_lines(command,
                     "Practise small daily acts of leadership: influence, recognition, "
                     "example and support",
                     "Küçük günlük liderlik davranışlarını çalışın: etki, takdir, örnek "
                     "olma ve destek"),
        "Categories=Office;",
        "Keywords=leadership;coaching;habit;reflection;journal;influence;recognition;"
        "feedback;team;",
        "Keywords[tr]=liderlik;koçluk;alışkanlık;yansıtma;günlük;etki;takdir;"
        "geri bildirim;ekip;",
        "StartupNotify=false",
        "StartupWMClass=mlcoach",
        "Actions=capture;reflect;",
        "X-GNOME-UsesNotifications=true",
        OURS,
        "",
        # the .deb's actions (a right click on the launcher), with this install's program
        "[Desktop Action capture]",
        "Name=Capture a moment",
        "Name[tr]=Bir an kaydet",
        f"Exec={exec_value([*command[:-1], 'capture'])}",
        "",
        "[Desktop Action reflect]",
        "Name=Reflect on today",
        "Name[tr]=Bugünü değerlendirin",
        f"Exec={exec_value([*command[:-1], 'reflect'])}",
        "",
    ])


def _before_actions(text: str) -> str:
    """`text` as mlcoach wrote it before the entry had actions and keywords."""
    head = text.split("\n[Desktop Action", 1)[0]
    return "".join(line for line in head.splitlines(keepends=True)
                   if not line.startswith(("Keywords", "Actions=")))


def _try_exec(entry: str) -> str | None:
    for line in entry.splitlines():
        if line.startswith("TryExec="):
            return line.partition("=")[2]
        if line.startswith("[Desktop Action"):
            break
    return None


def _still_runs(entry: str) -> bool:
    """Whether the program an entry of ours names still exists (another install of
    mlcoach, or a test's venv, starting for the first time leaves it alone)."""
    program = _try_exec(entry)
    return program is None or os.path.isfile(program)  # None: on PATH, nothing to tell


def ensure(icon: Path, command: Sequence[str] | None = None,
           env: Mapping[str, str] | None = None, *, create: bool = True) -> Path | None:
    """Write the menu entry and its icon unless one is installed; returns the entry
    written, or None when nothing was needed.

    An entry of ours whose program is gone is written again for this install, or removed
    when a package's entry is there: a user entry hides the package's of the same name,
    and one whose TryExec fails shows nothing. With `create` False (every start after the
    first), no entry is written where there is none: the user may have deleted it.
    """
    environ = os.environ if env is None else env
    ours = _data_home(environ) / "applications" / DESKTOP_FILE
    try:
        current: str | None = read_small(ours).decode("utf-8")
    except FileNotFoundError:
        current = None
    except (OSError, UnicodeDecodeError):
        return None  # not ours to judge
    stale = current is not None and OURS in current and not _still_runs(current)
    if any((folder / "applications" / DESKTOP_FILE).exists()
           for folder in _data_dirs(environ)):
        if stale:  # a pipx install's, left behind when it was removed
            with contextlib.suppress(FileNotFoundError):
                ours.unlink()
        return None  # a package's own (the .deb)
    if current is None and not create:
        return None
    args = list(command) if command else default_command(env=environ)
    text = entry_text(args)
    # ours for this very install, as an older mlcoach wrote it (no actions yet): brought
    # up to date; one the user changed since (a menu editor keeps our mark) stays theirs
    outdated = current is not None and current == _before_actions(text)
    if current is not None and (current == text or not (stale or outdated)):
        return None  # up to date, written by the user, or ours for an install still there
    target = _data_home(environ) / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    if not target.exists():  # an icon the user put there stays
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(icon, target)
    ours.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(ours, text)
    return ours
