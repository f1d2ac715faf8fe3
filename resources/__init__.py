"""mlcoach's data folders: prompts, coach wording, messages, icons and translations."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).parent


def folder(*parts: str) -> Path:
    """A data folder or file of this package, on disk.

    Every install (wheel, pipx, .deb, a clone) lays the package out as plain files, which Qt
    needs for icons and translations anyway; importlib.resources would add ~5 ms to the
    start before the tray icon."""
    return _HERE.joinpath(*parts)
