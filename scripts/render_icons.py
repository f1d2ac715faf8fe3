#!/usr/bin/env python3
"""Render mlcoach's SVG icons to the PNGs shipped as package data.

Run from anywhere: ``.venv/bin/python scripts/render_icons.py``. It rewrites

* ``resources/icons/hicolor/<N>x<N>/apps/io.github.mlcoach.MLCoach.png`` for
  the freedesktop sizes, plus the scalable SVG copy beside them;
* ``resources/icons/tray-<N>.png``, ``tray-paused-<N>.png`` and
  ``tray-attention-<N>.png`` for the tray sizes.

Rendering uses Qt's own SVG renderer on the offscreen platform, so it needs no
display and gives the same pixels Qt would draw at run time.

The masters are drawn on a 16-unit grid (one pixel at 16 px), so 16, 32, 48,
64 px and up land on whole pixels. 22 and 24 px do not divide that grid; for
them a hand-hinted copy in ``resources/icons/hinted/<name>-<N>.svg`` (one unit
per pixel) is used when present, so those sizes stay crisp too.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

APP_ID = "io.github.mlcoach.MLCoach"
APP_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
TRAY_SIZES = (16, 22, 24, 32, 48, 64)
TRAY_VARIANTS = ("tray", "tray-paused", "tray-attention")

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def render(svg: Path, size: int) -> QImage:
    """Draw `svg` into a transparent `size` x `size` ARGB image."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def source(icons: Path, name: str, size: int) -> Path:
    """The SVG to draw `name` from at `size`: a hinted copy if there is one."""
    hinted = icons / "hinted" / f"{name}-{size}.svg"
    return hinted if hinted.is_file() else icons / f"{name}.svg"


def save(image: QImage, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Quality 0 is the strongest PNG compression; Qt writes no timestamp, so
    # re-rendering unchanged SVGs gives byte-identical files.
    if not image.save(str(path), quality=0):
        raise SystemExit(f"render_icons: cannot write {path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--icons", type=Path, default=ICONS,
                        help="the resources/icons folder (default: %(default)s)")
    args = parser.parse_args(argv)
    icons: Path = args.icons

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    written: list[Path] = []

    app_svg = icons / "mlcoach.svg"
    hicolor = icons / "hicolor"
    for size in APP_SIZES:
        out = hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        save(render(source(icons, "mlcoach", size), size), out)
        written.append(out)
    scalable = hicolor / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(app_svg, scalable)
    written.append(scalable)

    for variant in TRAY_VARIANTS:
        for size in TRAY_SIZES:
            out = icons / f"{variant}-{size}.png"
            save(render(source(icons, variant, size), size), out)
            written.append(out)

    del app
    root = icons.parent.parent
    for path in written:
        print(path.relative_to(root) if path.is_relative_to(root) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
