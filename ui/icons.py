"""App and tray icons from the packaged resources."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

TRAY_SIZES = (16, 22, 24, 32, 48, 64)


def icons_dir() -> Path:
    """The folder holding the packaged icons."""
    from mlcoach.resources import folder

    return folder("icons")


@cache
def tray_icon(variant: str = "") -> QIcon:
    """The tray icon: "" (normal), "paused" or "attention"."""
    stem = f"tray-{variant}" if variant else "tray"
    icon = QIcon()
    folder = icons_dir()
    for size in TRAY_SIZES:
        png = folder / f"{stem}-{size}.png"
        if png.exists():
            icon.addFile(str(png))
    if icon.isNull():
        icon.addFile(str(folder / f"{stem}.svg"))
    return icon


@cache
def app_icon() -> QIcon:
    """The application icon at every packaged size."""
    icon = QIcon()
    hicolor = icons_dir() / "hicolor"
    for png in sorted(hicolor.glob("*/apps/*.png")):
        icon.addFile(str(png))
    if icon.isNull():
        icon.addFile(str(icons_dir() / "mlcoach.svg"))
    return icon
