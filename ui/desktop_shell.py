"""What the app does differently per desktop session: where a tray may still appear,
the window that stands in for it, whether a card can be placed, and the launcher's
activation token. A mixin of AppController (ui/app.py), kept apart to keep that small."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from mlcoach.ui.tray import MainWindow
    from mlcoach.ui.wayland_frames import RepaintWhenActive


def ready_signal(what: str) -> None:
    """Tell a benchmark or test harness that a milestone was reached."""
    if os.environ.get("MLCOACH_READY_SIGNAL"):
        sys.stderr.write(f"mlcoach-ready: {what}\n")
        sys.stderr.flush()


class DesktopShell:
    """Mixin: the session-dependent parts of the app controller."""

    app: QApplication
    main_window: MainWindow | None
    _activation_token: str
    _frames: RepaintWhenActive | None = None

    def card_placeable(self) -> bool:
        """A card can sit beside the tray on X11 (and macOS, Windows), never on Wayland,
        where a window cannot choose its place: there the notification is the prompt."""
        from mlcoach.system.desktop import session_kind

        return session_kind(os.environ, self.app.platformName()) != "wayland"

    def _desktop(self) -> str:
        from mlcoach.system.desktop import desktop_name

        return desktop_name(os.environ)

    def _tray_may_appear(self) -> bool:
        """A panel started after us may still bring a tray (X11 sessions, KDE); GNOME
        shows one only through an extension that loads with the shell itself."""
        if self.app.platformName() in ("offscreen", "minimal"):
            return False
        if self._desktop() == "gnome":
            return False
        # Started by hand in a session up for a while: no panel is still on its way, so
        # the window comes at once instead of after the full wait.
        import os

        from mlcoach.system.desktop import started_with_the_session

        return started_with_the_session(os.environ)

    def show_main_window(self) -> None:
        """The window that stands in for the tray."""
        if self.main_window is None:
            return
        self.settle_frames(self.main_window)
        if not self.main_window.isVisible():
            from mlcoach.ui.widgets.on_screen import keep_on_screen

            keep_on_screen(self.main_window)
        self.main_window.show()
        self.main_window.raise_()
        ready_signal("window")

    def settle_frames(self, window: QWidget) -> None:
        """On Wayland, repaint `window` whole once it is active (see ui/wayland_frames)."""
        from mlcoach.ui.wayland_frames import RepaintWhenActive, placed_by_compositor

        if not placed_by_compositor(self.app.platformName()):
            return

        if self._frames is None:
            self._frames = RepaintWhenActive(self.app)
        window.installEventFilter(self._frames)  # installed once however often it is asked

    def take_activation_token(self, token: str) -> None:
        """Keep the launcher's token for the window its request opens next."""
        self._activation_token = token

    @contextmanager
    def activation(self) -> Iterator[None]:
        """Hand the kept token to Qt while a window asks to be activated.

        On Wayland a window may take the keyboard only with an xdg-activation token;
        Qt's xdg-shell reads XDG_ACTIVATION_TOKEN in requestActivate() (PySide6 has no
        qputenv: os.environ sets the C environment Qt reads). On X11, Qt reads the
        startup id only at start; activateWindow() sends _NET_ACTIVE_WINDOW, which
        window managers honour for an app's own windows.
        """
        token, self._activation_token = self._activation_token, ""
        from mlcoach.ui.wayland_frames import placed_by_compositor

        wayland = placed_by_compositor(self.app.platformName())
        if token and wayland:
            os.environ["XDG_ACTIVATION_TOKEN"] = token
        try:
            yield
        finally:
            if token and wayland:
                os.environ.pop("XDG_ACTIVATION_TOKEN", None)  # used once, never inherited
