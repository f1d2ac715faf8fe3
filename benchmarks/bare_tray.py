"""The baseline: a bare PySide6 app that only shows a QSystemTrayIcon (mlcoach's icon).

Prints `mlcoach-ready: tray` on stderr once the icon is shown when MLCOACH_READY_SIGNAL
is set, exactly where the real app does. Quits on SIGTERM.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


def main() -> int:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    app = QApplication(["bare-tray"])
    app.setQuitOnLastWindowClosed(False)
    icon = QIcon()
    for size in (16, 22, 24, 32, 48, 64):
        icon.addFile(str(ICONS / f"tray-{size}.png"))
    tray = QSystemTrayIcon(icon)
    tray.setToolTip("bare")
    tray.show()
    if os.environ.get("MLCOACH_READY_SIGNAL"):
        sys.stderr.write("mlcoach-ready: tray\n")
        sys.stderr.flush()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
