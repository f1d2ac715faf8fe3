"""App and tray icons from the packaged resources."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPixmap

TRAY_SIZES = (16, 22, 24, 32, 48, 64)
#: The app icon's images loaded at start (title bars, up to 32 px at 200 %); larger ones
#: load when asked for (0.4 MB of pixels the idle app would hold).
APP_ICON_LOADED = 64


def icons_dir() -> Path:
    """The folder holding the packaged icons."""
    from mlcoach.resources import folder

    return folder("icons")


def _add_png(icon: QIcon, png: Path) -> None:
    # Loaded now, not by file name: Qt matched named files by what it had loaded so far,
    # so after a request at 125 % a 22 px tray slot at 200 % got the 32 px image drawn
    # at 1.45 (blurry), not the 48.
    icon.addPixmap(QPixmap(str(png)))


@cache
def tray_icon(variant: str = "") -> QIcon:
    """The tray icon: "" (normal), "paused" or "attention"."""
    stem = f"tray-{variant}" if variant else "tray"
    icon = QIcon()
    folder = icons_dir()
    for size in TRAY_SIZES:
        png = folder / f"{stem}-{size}.png"
        if png.exists():
            _add_png(icon, png)
    if icon.isNull():
        icon.addFile(str(folder / f"{stem}.svg"))
    return icon


@cache
def app_icon() -> QIcon:
    """The application icon at every packaged size."""
    icon = QIcon()
    hicolor = icons_dir() / "hicolor"
    for png in sorted(hicolor.glob("*/apps/*.png")):
        side = png.parent.parent.name.partition("x")[0]  # "48x48"
        if not side.isdigit():
            continue
        if int(side) <= APP_ICON_LOADED:
            _add_png(icon, png)
        else:
            icon.addFile(str(png), QSize(int(side), int(side)))
    if icon.isNull():
        icon.addFile(str(icons_dir() / "mlcoach.svg"))
    return icon
