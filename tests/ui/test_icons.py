"""Icons at a high-DPI scale: drawn from the image made for the size, never upscaled."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPainter

from mlcoach.ui.icons import app_icon, icons_dir, tray_icon

pytestmark = pytest.mark.gui


def drawn(icon: QIcon, side: int, scale: float) -> QImage:
    """`icon` as a tray or title bar draws it in a `side` px slot at `scale`."""
    device = round(side * scale)
    image = QImage(device, device, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(scale)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    icon.paint(painter, QRect(0, 0, side, side))
    painter.end()
    return image


def from_png(name: str, device: int) -> QImage:
    image = QImage(str(icons_dir() / name)).convertToFormat(
        QImage.Format.Format_ARGB32_Premultiplied)
    return image.scaled(device, device, Qt.AspectRatioMode.IgnoreAspectRatio,
                        Qt.TransformationMode.SmoothTransformation)


@pytest.mark.parametrize(("side", "scale", "source"), [
    (22, 2.0, "tray-48.png"), (24, 2.0, "tray-48.png"), (22, 1.5, "tray-48.png"),
    (16, 2.0, "tray-32.png"), (32, 2.0, "tray-64.png"),
])
def test_the_tray_icon_at_a_high_scale_is_drawn_from_the_larger_image(
        qapp: Any, side: int, scale: float, source: str) -> None:
    pixmap = tray_icon().pixmap(QSize(side, side), scale)
    assert pixmap.devicePixelRatio() == pytest.approx(scale)
    assert pixmap.width() == round(side * scale)
    assert drawn(tray_icon(), side, scale) == from_png(source, round(side * scale))


@pytest.mark.parametrize("variant", ["paused", "attention"])
def test_every_tray_variant_is_sharp_at_200_percent(qapp: Any, variant: str) -> None:
    assert drawn(tray_icon(variant), 22, 2.0) == from_png(f"tray-{variant}-48.png", 44)


def test_the_app_icon_at_200_percent_is_drawn_from_the_larger_image(qapp: Any) -> None:
    pixmap = app_icon().pixmap(QSize(32, 32), 2.0)
    assert (pixmap.width(), pixmap.devicePixelRatio()) == (64, 2.0)
    assert drawn(app_icon(), 32, 2.0) == from_png(
        "hicolor/64x64/apps/io.github.mlcoach.MLCoach.png", 64)


def test_a_request_at_125_percent_does_not_make_the_200_percent_icon_blurry(
        qapp: Any) -> None:
    """Qt matched icons added by file name by what it had loaded so far: after a 125 %
    screen asked for it, a 200 % screen got the 32 px image stretched to 44 px."""
    tray_icon.cache_clear()
    for side, scale in ((22, 1.25), (16, 2.0), (22, 1.5)):
        tray_icon().pixmap(QSize(side, side), scale)
    assert drawn(tray_icon(), 22, 2.0) == from_png("tray-48.png", 44)
    assert drawn(tray_icon(), 24, 2.0) == from_png("tray-48.png", 48)
