"""Windows kept whole on a screen that is there.

The app's windows are built once and reused for as long as it runs (weeks, on a laptop
that docks and undocks). A hidden window keeps the place it had: on a monitor unplugged
since, it came back in the void; sized on the main screen, it opened larger than the
smaller screen under the pointer.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, QRect, QSize, QTimer, Signal
from PySide6.QtGui import QCursor, QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from mlcoach.ui.wayland_frames import placed_by_compositor

#: Room left for the window manager's title bar and a panel, in pixels.
FRAME_ALLOWANCE = 48
#: The size Qt gives a window no one sized.
QT_DEFAULT_SIZE = QSize(640, 480)


def room_on(screen: QScreen) -> QSize:
    """The largest size a window can have and stay whole on `screen`."""
    room = screen.availableGeometry().size()
    return QSize(room.width() - FRAME_ALLOWANCE // 2, room.height() - FRAME_ALLOWANCE)


def pointer_screen() -> QScreen:
    """The screen under the mouse pointer (where the user is looking), else the main one."""
    return QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()


def inside(frame: QRect, area: QRect) -> QPoint:
    """Where `frame` goes to be inside `area`: moved the least, its top left kept in."""
    x = max(area.left(), min(frame.left(), area.right() + 1 - frame.width()))
    y = max(area.top(), min(frame.top(), area.bottom() + 1 - frame.height()))
    return QPoint(x, y)


def keep_on_screen(window: QWidget, *, recentre: bool = False) -> None:
    """Put top-level `window` whole on a screen that exists, before (or while) showing it.

    A window shown before stays on the screen that holds its centre, moved in as far as
    it reached out of it; one never shown, or whose screen is gone, opens in the middle
    of the screen under the pointer. Either way it is made no larger than that screen,
    after a window with an `arrange_for(screen)` method has laid itself out for it
    (buttons in two columns, inputs above the output).

    Args:
        recentre: always open in the middle of the screen under the pointer (quick
            capture, where the user is working; a dialog, as Qt centres one).
    """
    screen = opening_screen(window, recentre=recentre)
    arrange = getattr(window, "arrange_for", None)
    if callable(arrange):  # a window that lays itself out for a narrow or short screen
        arrange(screen)
    if placed_by_compositor():  # Wayland: the compositor places it; only its size is ours
        _bound(window, screen)
        return
    here = _screen_held(window, recentre=recentre)
    _bound(window, screen)
    frame = window.frameGeometry()
    area = screen.availableGeometry()
    if here is None:
        frame.moveCenter(area.center())
    target = inside(frame, area)
    if target != window.frameGeometry().topLeft():
        window.move(target)


def opening_screen(window: QWidget, *, recentre: bool = False) -> QScreen:
    """The screen `keep_on_screen(window, recentre=recentre)` will put `window` on (a
    window arranges itself for it first: two columns on a narrow one)."""
    if placed_by_compositor():
        return window.screen()
    return _screen_held(window, recentre=recentre) or pointer_screen()


def _screen_held(window: QWidget, *, recentre: bool) -> QScreen | None:
    """The screen holding the centre of a window shown before; None for one never shown,
    one whose screen is gone, or with `recentre`."""
    if window.windowHandle() is None or recentre:
        return None
    return QGuiApplication.screenAt(window.frameGeometry().center())


def _bound(window: QWidget, screen: QScreen) -> None:
    if not _sized(window):
        window.adjustSize()  # the size its contents ask for, as Qt gives it when shown
    size = window.size().boundedTo(room_on(screen)).expandedTo(window.minimumSize())
    if size != window.size():
        window.resize(size)


def _sized(window: QWidget) -> bool:
    """Whether `window` was given a size (else Qt sizes it to its contents when shown)."""
    if window.size() != QT_DEFAULT_SIZE:
        return True
    # Only then: PySide builds all of Qt's enums (~1 MB) at the first use of `Qt`, and
    # quick capture (sized already) is shown from the idle app.
    from PySide6.QtCore import Qt

    return window.testAttribute(Qt.WidgetAttribute.WA_Resized)


class ScreenChanges(QObject):
    """Says when the screens changed: one plugged or unplugged, or one's size, scale or
    free area (a panel moved) changed. Docking fires several of these: one `changed`
    for them, once Qt has finished its own moves.

    Signals:
        changed(): the screens are not what they were.
    """

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stopped = False
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.changed)
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.screenAdded.connect(self._added)
        app.screenRemoved.connect(self._changed)
        app.primaryScreenChanged.connect(self._changed)
        for screen in app.screens():
            self._watch(screen)

    def _added(self, screen: QScreen) -> None:
        self._watch(screen)
        self._changed()

    def _watch(self, screen: QScreen) -> None:
        for signal in (screen.geometryChanged, screen.availableGeometryChanged,
                       screen.logicalDotsPerInchChanged):
            signal.connect(self._changed)

    def _changed(self, *_: object) -> None:
        if not self._stopped:
            self._soon.start()

    def stop(self) -> None:
        """Say nothing more (the app is quitting)."""
        self._stopped = True
        self._soon.stop()
