"""Notice that the installed code changed under a running process (an upgrade).

The app imports most of its modules when a window first opens; after `apt upgrade` or
`pipx install --force` those files are the new version while the loaded ones are the old,
and mixing them fails (or writes data the old way). A stamp of the package's folders,
taken at start, tells cheaply whether that happened: dpkg, pip, pipx and git replace a
file by renaming a new one over it (a new inode) or by removing it, and either changes
the folder that holds it (one `stat` a folder; its entries are read only then).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

SKIPPED = "__pycache__"  # Python's own writes (a first import compiles into it)


class CodeChangedError(ImportError):
    """A module of the running program was to load from code installed after it started."""


#: The app's packages: installed inside one another, in a source tree side by side.
PACKAGES = ("mlcoach", "mlcoach.ui", "mlcoach.resources")


def installed_folders(*, walk: bool = True) -> list[Path]:
    """The folders of the app's packages loaded in this process (`walk`: with every
    sub-folder but the icons, read at start, whose change breaks nothing)."""
    loaded = [sys.modules[name] for name in PACKAGES if name in sys.modules]
    folders = package_paths(loaded, skip=("icons",), walk=walk)
    if getattr(sys, "frozen", False):  # the code is in the executable: an upgrade replaces it
        folders.insert(0, Path(sys.executable).parent)
    return folders


def package_paths(packages: Iterable[ModuleType], skip: Sequence[str] = (),
                  walk: bool = True) -> list[Path]:
    """Every folder of each package (its data folders too), but Python's caches and the
    folders named in `skip` (and what they hold); only the packages' own without `walk`."""
    folders: dict[Path, None] = {}  # in order, each once (mlcoach.ui may be inside mlcoach)
    for package in packages:
        init = getattr(package, "__file__", None)
        if not isinstance(init, str):
            continue
        if not walk:
            folders[Path(init).parent] = None
            continue
        for top, subdirs, _files in os.walk(Path(init).parent):
            subdirs[:] = sorted(d for d in subdirs if d != SKIPPED and d not in skip
                                and not d.startswith("."))
            folders[Path(top)] = None
    return list(folders)


class Folder(NamedTuple):
    """One folder as it was: itself, its time, and each entry's inode by name."""

    identity: tuple[int, int] | None
    mtime_ns: int
    entries: dict[str, int]


def _entries(path: Path) -> dict[str, int]:
    try:
        with os.scandir(path) as found:  # the inode comes with the name: no stat each
            return {e.name: e.inode() for e in found
                    if e.name != SKIPPED and not e.name.startswith(".")
                    and not e.name.endswith("~")}  # an editor's own files
    except OSError:
        return {}


def _folder(path: Path, entries: dict[str, int] | None = None) -> Folder:
    try:
        st = os.stat(path)
    except OSError:
        return Folder(None, 0, {})
    return Folder((st.st_dev, st.st_ino), st.st_mtime_ns,
                  _entries(path) if entries is None else entries)


class InstallStamp:
    """The installed package as it was when this process started."""

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = tuple(folders)
        self._taken = [_folder(f) for f in self.folders]
        # The packages' own folders: every upgrade (dpkg, pip, pipx) renames or removes
        # files in them, so a check on each import looks at these alone.
        inside = set(self.folders)
        self._roots = [n for n, f in enumerate(self.folders) if f.parent not in inside]

    def add(self, folders: Iterable[Path]) -> None:
        """Watch these folders too, as they are now (the walk waits until after the tray
        icon: a start taking the packages' own folders only is ~3 ms quicker)."""
        for folder in folders:
            if folder not in self.folders:
                self.folders += (folder,)
                self._taken.append(_folder(folder))

    def read(self) -> tuple[Folder, ...]:
        """The folders as they are now (to tell whether an install is still going on)."""
        return tuple(_folder(f) for f in self.folders)

    def changed(self, *, quick: bool = False) -> bool:
        """Whether the installed code is no longer the one this process started from.

        Args:
            quick: look at the packages' own folders only (a git pull that changed one
                sub-package is seen by the full look).
        """
        for n in self._roots if quick else range(len(self.folders)):
            path, then = self.folders[n], self._taken[n]
            try:
                st = os.stat(path)
            except OSError:
                if then.identity is None:
                    continue  # not there at start either: a frozen bundle's code is archived
                return True
            if (st.st_dev, st.st_ino) != then.identity:
                return True
            if st.st_mtime_ns == then.mtime_ns:
                continue
            now = _entries(path)
            if now != then.entries:
                return True
            # Only a cache folder came (a first import): remembered, not read again.
            self._taken[n] = then._replace(mtime_ns=st.st_mtime_ns)
        return False


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
        if self._stamp.changed(quick=True):
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
