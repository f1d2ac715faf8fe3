"""Write resources/icons/io.github.mlcoach.MLCoach.ico from the rendered hicolor PNGs.

Windows reads PNG-compressed icon entries (Vista and later), so the .ico is the PNGs
themselves behind an ICONDIR header: no Pillow, and the same bytes on every run.
tests/test_desktop_files.py checks that the committed file is what this writes.
Run: python scripts/make_ico.py
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "io.github.mlcoach.MLCoach"
SIZES = (16, 24, 32, 48, 64, 128, 256)  # what Explorer, the taskbar and toasts ask for
TARGET = ROOT / "resources" / "icons" / f"{APP_ID}.ico"


def png_for(size: int) -> bytes:
    return (ROOT / "resources" / "icons" / "hicolor" / f"{size}x{size}" / "apps"
            / f"{APP_ID}.png").read_bytes()


def build_ico(images: dict[int, bytes]) -> bytes:
    """An ICO file holding each PNG as one entry (256 is written as 0, as the format says)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in sorted(images.items()):
        edge = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
        blobs += png
    return header + entries + blobs


def main() -> int:
    TARGET.write_bytes(build_ico({size: png_for(size) for size in SIZES}))
    print(f"wrote {TARGET.relative_to(ROOT)} ({TARGET.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
