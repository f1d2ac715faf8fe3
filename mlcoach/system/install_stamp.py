"""Notice that the installed code changed under a running process (an upgrade).

The app imports most of its modules when a window first opens; after `apt upgrade` or
`pipx install --force` those files are the new version while the loaded ones are the old,
and mixing them fails (or writes data the old way). A stamp of the package's folders and
`__init__.py` files, taken at start, tells cheaply (a few `stat` calls) whether that
happened: dpkg, pip and pipx replace files by renaming or removing them, which changes the
folder that holds them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

#: One path's (device, inode, size, mtime in ns); None when it is gone.
Stat = tuple[int, int, int, int] | None


class CodeChangedError(ImportError):
    """A module of the running program was to load from code installed after it started."""


def package_paths(packages: Iterable[ModuleType]) -> list[Path]:
    """The `__init__.py` of each package and the folder that holds it."""
    paths: list[Path] = []
    for package in packages:
        init = getattr(package, "__file__", None)
        if isinstance(init, str):
            paths += [Path(init), Path(init).parent]
    return paths


def _stat(path: Path) -> Stat:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


class InstallStamp:
    """The installed package as it was when this process started."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = tuple(paths)
        self.taken = self.read()

    def read(self) -> tuple[Stat, ...]:
        """The paths as they are now."""
        return tuple(_stat(p) for p in self.paths)

    def changed(self) -> bool:
        """Whether the installed code is no longer the one this process started from."""
        return self.read() != self.taken


class ImportGuard:
    """A `sys.meta_path` finder that lets no module of `prefix` load once the installed
    code changed: the old modules in memory and the new files would mix."""

    def __init__(self, stamp: InstallStamp, on_stale: Callable[[str], None],
                 prefix: str = "mlcoach") -> None:
        self._stamp, self._on_stale, self._prefix = stamp, on_stale, prefix

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> None:
        """Raise CodeChangedError for a new module of ours after an upgrade; else defer."""
        if fullname != self._prefix and not fullname.startswith(self._prefix + "."):
            return None
        if self._stamp.changed():
            self._on_stale(fullname)
            raise CodeChangedError(f"{fullname} not loaded: mlcoach was updated while "
                                   "running", name=fullname)
        return None

    def install(self) -> None:
        """First on the import path, before the finders that would load the new file."""
        if self not in sys.meta_path:
            sys.meta_path.insert(0, self)

    def remove(self) -> None:
        if self in sys.meta_path:
            sys.meta_path.remove(self)


def restart_command(data_root: Path, request: str, *, argv0: str | None = None,
                    executable: str | None = None, frozen: bool | None = None) -> list[str]:
    """The command that starts this program again (as the user started it: the entry
    point's script, the frozen bundle, or `python -m mlcoach`) and opens `request`."""
    argv0 = sys.argv[0] if argv0 is None else argv0
    executable = sys.executable if executable is None else executable
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    if frozen:
        program = [executable]
    elif argv0 and not argv0.endswith(".py") and os.path.isfile(argv0) \
            and os.access(argv0, os.X_OK):
        program = [os.path.abspath(argv0)]  # its first line names the new install's Python
    else:
        program = [executable, "-m", "mlcoach"]
    return [*program, "--data-dir", str(data_root), "run", "--open", request]


def runnable(command: Sequence[str]) -> bool:
    """Whether the command's program is still there to run (not removed by the upgrade)."""
    return bool(command) and os.path.isfile(command[0]) and os.access(command[0], os.X_OK)
