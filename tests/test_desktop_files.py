"""Packaging files: the desktop entry, the AppStream metainfo and the rendered icons.

The validators come from Debian's desktop-file-utils and appstream packages. Without
them these tests skip, unless MLCOACH_REQUIRE_DESKTOP is set (CI), where they fail.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest

import mlcoach
from mlcoach.system.paths import APP_ID

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"

APP_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
TRAY_SIZES = (16, 22, 24, 32, 48, 64)
TRAY_VARIANTS = ("tray", "tray-paused", "tray-attention")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

REQUIRE_DESKTOP = bool(os.environ.get("MLCOACH_REQUIRE_DESKTOP"))


def require_tool(name: str, package: str) -> str:
    """The tool's path; skip without it, unless MLCOACH_REQUIRE_DESKTOP is set (then fail)."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed (Debian package {package})"
    if REQUIRE_DESKTOP:
        pytest.fail(f"{message}, and MLCOACH_REQUIRE_DESKTOP is set")
    pytest.skip(message)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, check=False,
                          env={**os.environ, "LC_ALL": "C.UTF-8"})


# -- a small PNG reader (no Qt needed) ------------------------------------------------


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == PNG_SIGNATURE, "not a PNG file"
    chunks: list[tuple[bytes, bytes]] = []
    pos = 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        chunks.append((kind, data[pos + 8:pos + 8 + length]))
        pos += 12 + length
    return chunks


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which the format puts first."""
    head = path.read_bytes()[:24]
    assert head[:8] == PNG_SIGNATURE and head[12:16] == b"IHDR", f"{path} is not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def png_alpha(path: Path) -> list[list[int]]:
    """The alpha channel of an 8-bit RGBA, non-interlaced PNG, row by row."""
    chunks = png_chunks(path.read_bytes())
    ihdr = dict(chunks)[b"IHDR"]
    width, height, depth, colour, _comp, _filter, interlace = struct.unpack(">IIBBBBB", ihdr)
    assert (depth, colour, interlace) == (8, 6, 0), f"{path}: expected 8-bit RGBA"
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    bpp, stride = 4, width * 4
    rows: list[bytearray] = []
    prev = bytearray(stride)
    pos = 0
    for _ in range(height):
        kind, line = raw[pos], bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up = prev[i]
            corner = prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + pred) & 0xFF
        rows.append(line)
        prev = line
    return [[row[x * 4 + 3] for x in range(width)] for row in rows]


def app_pngs() -> list[tuple[int, Path]]:
    return [(n, ICONS / "hicolor" / f"{n}x{n}" / "apps" / f"{APP_ID}.png") for n in APP_SIZES]


def tray_pngs() -> list[tuple[int, Path]]:
    return [(n, ICONS / f"{variant}-{n}.png") for variant in TRAY_VARIANTS for n in TRAY_SIZES]


# -- desktop entry ---------------------------------------------------------------------


def desktop_keys(wanted: str = "[Desktop Entry]") -> dict[str, str]:
    keys: dict[str, str] = {}
    group = ""
    for line in DESKTOP.read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            group = line
        elif "=" in line and group == wanted and not line.startswith("#"):
            key, _, value = line.partition("=")
            keys[key] = value
    return keys


def test_desktop_file_passes_desktop_file_validate() -> None:
    tool = require_tool("desktop-file-validate", "desktop-file-utils")
    result = run(tool, str(DESKTOP))
    assert result.returncode == 0, result.stdout + result.stderr
    # Hints are fine (two main categories, as asked); errors and warnings are not.
    problems = [line for line in result.stdout.splitlines()
                if ": error:" in line or ": warning:" in line]
    assert not problems, result.stdout


def test_desktop_file_content() -> None:
    keys = desktop_keys()
    assert keys["Type"] == "Application"
    assert keys["Name"] == "mlcoach"
    assert keys["Exec"] == "mlcoach"
    assert keys["Icon"] == APP_ID
    assert keys["Categories"] == "Office;Utility;"
    assert keys["StartupNotify"] == "false"
    assert keys["Keywords"].endswith(";")
    for key in ("Name", "GenericName", "Comment", "Keywords"):
        assert keys.get(f"{key}[tr]"), f"{key}[tr] is missing"


def test_desktop_actions_run_commands_the_cli_knows() -> None:
    from mlcoach.cli.parser import build_parser

    keys = desktop_keys()
    assert keys["Actions"] == "capture;reflect;"
    for action, command in (("capture", "capture"), ("reflect", "reflect")):
        group = desktop_keys(f"[Desktop Action {action}]")
        assert group["Name"] and group["Name[tr]"], group
        program, *args = group["Exec"].split()
        assert program == keys["Exec"]
        ns = build_parser().parse_args(args)
        assert ns.command == command and not getattr(ns, "text", None)


def test_startup_wm_class_is_the_qt_application_name() -> None:
    """Qt's xcb plugin sets WM_CLASS's class to applicationName(); GNOME on X11 matches
    windows to the menu entry through it (test_deb checks the live window too)."""
    ui = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "ui").rglob("*.py")))
    assert f'setApplicationName("{desktop_keys()["StartupWMClass"]}")' in ui
    assert "setDesktopFileName(APP_ID)" in ui  # Wayland: app id = desktop file name


def test_metainfo_screenshots_are_the_committed_ones() -> None:
    root = ET.parse(METAINFO).getroot()
    shots = root.findall("screenshots/screenshot")
    assert len(shots) >= 3
    assert [s.get("type") for s in shots].count("default") == 1
    for shot in shots:
        assert shot.findtext("caption")
        url = shot.findtext("image") or ""
        assert url.startswith("https://"), url
        assert (ROOT / "docs" / "screenshots" / url.rsplit("/", 1)[1]).is_file(), url


def test_frozen_build_autostart_entry_passes_desktop_file_validate(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """"Launch at login" from the PyInstaller build writes an entry that runs the build."""
    from mlcoach.system import autostart

    tool = require_tool("desktop-file-validate", "desktop-file-utils")
    exe = tmp_path / "opt" / "mlcoach 0.1" / "mlcoach"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    env = {"HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_CONFIG_DIRS": str(tmp_path / "etc-xdg"), "PATH": ""}
    where = autostart.enable(platform="linux", env=env)
    assert where == tmp_path / "config" / "autostart" / DESKTOP.name
    assert autostart.is_enabled(platform="linux", env=env)
    result = run(tool, str(where))
    assert result.returncode == 0, result.stdout + result.stderr
    assert ": error:" not in result.stdout and ": warning:" not in result.stdout, result.stdout
    text = Path(where).read_text(encoding="utf-8")
    assert f'Exec="{exe}" run' in text.splitlines()
    assert f"Icon={APP_ID}" in text.splitlines()  # the same icon the menu entry uses


# -- AppStream metainfo ----------------------------------------------------------------


def test_metainfo_passes_appstreamcli_validate() -> None:
    tool = require_tool("appstreamcli", "appstream")
    result = run(tool, "validate", "--no-net", str(METAINFO))
    assert result.returncode == 0, result.stdout + result.stderr
    problems = [line for line in result.stdout.splitlines()
                if line.startswith(("E:", "W:"))]
    assert not problems, result.stdout


def test_installed_tree_passes_appstreamcli_validate_tree(tmp_path: Path) -> None:
    """Metainfo, desktop entry and icons together, laid out as a distribution installs them."""
    tool = require_tool("appstreamcli", "appstream")
    share = tmp_path / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    (share / "metainfo").mkdir()
    shutil.copy(DESKTOP, share / "applications")
    shutil.copy(METAINFO, share / "metainfo")
    shutil.copytree(ICONS / "hicolor", share / "icons" / "hicolor")
    result = run(tool, "validate-tree", "--no-net", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    problems = [line for line in result.stdout.splitlines()
                if line.strip().startswith(("E:", "W:"))]
    assert not problems, result.stdout


def test_metainfo_content() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "MIT"
    assert root.findtext("name") == "mlcoach"
    assert root.findtext("developer/name") == "mlcoach contributors"
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    assert root.findtext("provides/binary") == "mlcoach"
    rating = root.find("content_rating")
    assert rating is not None and rating.get("type", "").startswith("oars-")
    assert root.find("description/p") is not None
    releases = root.findall("releases/release")
    assert releases, "no releases"
    newest = releases[0]
    assert newest.get("version") == mlcoach.__version__
    if newest.get("version") == "0.1.0":
        assert newest.get("date") == "2026-11-23"


# -- icons -----------------------------------------------------------------------------


def test_scalable_icon_is_the_source_svg() -> None:
    scalable = ICONS / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert scalable.read_bytes() == (ICONS / "mlcoach.svg").read_bytes()
    for name in ("tray", "tray-paused", "tray-attention"):
        assert (ICONS / f"{name}.svg").is_file()


@pytest.mark.parametrize(("size", "path"), app_pngs() + tray_pngs(),
                         ids=lambda v: v.name if isinstance(v, Path) else str(v))
def test_icon_png_has_its_size(size: int, path: Path) -> None:
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing: run scripts/render_icons.py"
    assert png_size(path) == (size, size)


@pytest.mark.parametrize(("size", "path"), tray_pngs() + app_pngs()[:6],
                         ids=lambda v: v.name if isinstance(v, Path) else str(v))
def test_icon_corners_are_transparent(size: int, path: Path) -> None:
    alpha = png_alpha(path)
    last = size - 1
    corners = [alpha[0][0], alpha[0][last], alpha[last][0], alpha[last][last]]
    assert corners == [0, 0, 0, 0], f"{path.name}: corner alpha {corners}"
    assert alpha[size // 2][size // 2] == 255, f"{path.name}: the centre should be opaque"


def test_windows_ico_is_the_rendered_pngs() -> None:
    """resources/icons/<app id>.ico holds the hicolor PNGs (scripts/make_ico.py)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_ico
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    ico = ICONS / f"{APP_ID}.ico"
    data = ico.read_bytes()
    assert data == make_ico.build_ico({n: make_ico.png_for(n) for n in make_ico.SIZES}), \
        "the .ico is stale: run python scripts/make_ico.py"
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(make_ico.SIZES))
    for i in range(count):
        width, height, _c, _r, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i:22 + 16 * i])
        png = data[offset:offset + length]
        assert png_size_of(png) == (width or 256, height or 256)
        assert (planes, bits) == (1, 32)


def png_size_of(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height
