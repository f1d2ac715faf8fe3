"""Run the tray app: the QApplication, the single-instance claim, signals and the file log."""

from __future__ import annotations

import logging
import os
import signal
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import QApplication

from mlcoach.system.paths import APP_ID
from mlcoach.ui import ops
from mlcoach.ui.app import AppController
from mlcoach.ui.icons import app_icon
from mlcoach.ui.instance_server import InstanceServer

if TYPE_CHECKING:
    from types import TracebackType

    from mlcoach.system.install_stamp import InstallStamp

logger = logging.getLogger(__name__)

_kept_alive: list[object] = []  # the signal sockets and their notifier, for the app's life


def _install_signal_handlers(app: QApplication, controller: AppController) -> None:
    """Quit cleanly on SIGINT/SIGTERM/SIGHUP through a wake-up socket (no polling timer)."""
    rsock, wsock = socket.socketpair()
    rsock.setblocking(False)
    wsock.setblocking(False)
    signal.set_wakeup_fd(wsock.fileno())
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: None)
    hangup = getattr(signal, "SIGHUP", None)  # the terminal or session went away (POSIX)
    if hangup is not None and signal.getsignal(hangup) is not signal.SIG_IGN:  # not nohup
        signal.signal(hangup, lambda *_: None)
    notifier = QSocketNotifier(rsock.fileno(), QSocketNotifier.Type.Read, app)

    def on_signal() -> None:
        try:
            rsock.recv(64)
        except OSError:
            pass
        controller.quit()

    notifier.activated.connect(on_signal)
    _kept_alive.extend((rsock, wsock, notifier))


def _create_private(path: str) -> None:
    """Owner-only from the first byte, whatever the umask of whoever started us."""
    from mlcoach.system.paths import make_private

    # No link followed: one planted at mlcoach.log would have a `sudo mlcoach run` write
    # the log into, and chmod, any file it names.
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | nofollow, 0o600))
    make_private(Path(path))


class _RotatingLog(logging.FileHandler):
    """The log file, moved to .1 (and .1 to .2 ...) when the next line would pass
    `max_bytes`: RotatingFileHandler's rule without importing logging.handlers, whose
    imports (pickle, queue, ...) the idle app would hold all day (~0.8 MB). Every log
    file it starts is owner-only."""

    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        self._max_bytes, self._backups = max_bytes, backups
        _create_private(str(path))
        super().__init__(path, encoding="utf-8")

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._full(record):
                self._roll_over()
        except Exception:
            self.handleError(record)
            return
        super().emit(record)

    def _full(self, record: logging.LogRecord) -> bool:
        if self.stream is None or not os.path.isfile(self.baseFilename):
            return False
        written = self.stream.tell()
        return bool(written) and written + len(self.format(record)) + 1 >= self._max_bytes

    def _roll_over(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None  # FileHandler.emit opens the file again
        base = self.baseFilename
        for n in range(self._backups - 1, 0, -1):
            if os.path.exists(f"{base}.{n}"):
                os.replace(f"{base}.{n}", f"{base}.{n + 1}")
        if self._backups > 0:
            os.replace(base, f"{base}.1")
        else:
            os.truncate(base, 0)
        _create_private(base)


def _configure_file_logging(data_root: Path) -> None:
    from mlcoach.system.paths import ensure_private_dir

    log = data_root / "mlcoach.log"
    try:
        ensure_private_dir(data_root)
        handler = _RotatingLog(log, max_bytes=512_000, backups=2)
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.DEBUG if os.environ.get("MLCOACH_DEBUG")
                                 else logging.INFO)
    sys.excepthook = _log_uncaught


def _log_uncaught(kind: type[BaseException], value: BaseException,
                  tb: TracebackType | None) -> None:
    """An error no slot caught goes to the log as well as to stderr: started at login, the
    app's stderr goes nowhere (Qt carries on after the slot that raised)."""
    logger.critical("uncaught error", exc_info=(kind, value, tb))
    sys.__excepthook__(kind, value, tb)


def run_app(data_root: Path, first_request: str = "show",
            stamp: InstallStamp | None = None) -> int:
    """Run the tray app until Quit (or, after an upgrade, until it restarts into the new
    version). Returns the process exit code.

    Args:
        stamp: the installed code when this process started (see ui/upgrade.py).
    """
    app = QApplication.instance() or QApplication(["mlcoach"])
    assert isinstance(app, QApplication)
    app.setApplicationName("mlcoach")
    app.setOrganizationName("mlcoach")
    app.setDesktopFileName(APP_ID)
    app.setQuitOnLastWindowClosed(False)
    from mlcoach.ui.macos import hide_dock_icon

    hide_dock_icon()  # a menu-bar app, as LSUIElement makes a bundled one (no-op elsewhere)
    server = InstanceServer(data_root)
    claimed = server.claim()
    if claimed is None:
        return 0  # another start became the app and took our request
    if not claimed:
        sys.stderr.write(
            "mlcoach: another mlcoach is running but does not answer (busy or stopped); "
            "try again, or end that process\n" if server.owner_silent else
            "mlcoach: another mlcoach is starting; try again in a moment\n")
        return 1
    from mlcoach.system.language_hint import read_language_hint
    from mlcoach.ui.i18n import install_translators

    # The language chosen in Settings, as far as it is known before the store opens (its
    # passphrase prompt); the store's own setting is applied once it is open.
    install_translators(app, read_language_hint(data_root))
    controller = AppController(app, data_root, server, stamp=stamp)
    guard = controller.upgrade.guard()
    if guard is not None:
        guard.install()
    _install_signal_handlers(app, controller)
    controller.start(first_request)
    # Not needed for the icon, so after it (nothing is drawn before the loop runs): the
    # app's own style (it loads QStyle's classes, ~8 ms), the file log, the windows' icon,
    # and every folder of the installed code in the stamp (a pull that changed one
    # sub-package).
    from mlcoach.ui import field_frames  # the app's own: once it is the app

    field_frames.install(app)
    if stamp is not None:
        from mlcoach.system.install_stamp import installed_folders

        stamp.add(installed_folders())
    _configure_file_logging(data_root)
    app.setWindowIcon(app_icon())
    try:
        code = app.exec()
    finally:
        server.close()
    controller.finish()  # the loop may have ended without our Quit (a session manager)
    if controller.restart_command is not None:
        return run_again(controller.restart_command)
    end_now(code)


def end_now(code: int) -> NoReturn:
    """End the process without waiting for the workers, and without Python's own end:
    what is left on them is a read or a question to another process (a keyring showing
    its prompt holds one for minutes), which Python's exit would wait for with the app
    already gone from the screen, and a start meanwhile would find this one still there.
    Python's end also tore down Qt's objects while a worker thread could still be
    handing its last outcome over (a crash, SIGSEGV, in about one quit in ten in
    tests/ui/test_quit_promptly.py). The store's writes are done (`ops.settle`) or past
    their bound; the log is flushed first. The app's own text on the X11 clipboard is
    handed to a clipboard manager first, as Qt's own end does."""
    from mlcoach.ui.clipboard_handover import hand_over_the_clipboard

    if not ops.idle():
        logger.info("quitting without waiting for the work still under way")
    try:
        hand_over_the_clipboard()
    except Exception:  # the end goes on; the log says what failed
        logger.exception("the clipboard was not handed over")
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):  # closed, or none (pythonw)
            pass
    os._exit(code)


def run_again(command: list[str]) -> int:
    """Replace this process with `command` (the new version, as the user started it): the
    same process id for whoever started it, the channel and the store already closed."""
    from mlcoach.ui.clipboard_handover import hand_over_the_clipboard

    logger.info("restarting: %s", " ".join(command))
    try:
        hand_over_the_clipboard()  # exec, like os._exit, skips Qt's own handover
    except Exception:
        logger.exception("the clipboard was not handed over")
    logging.shutdown()
    try:
        os.execv(command[0], command)
    except OSError as exc:
        sys.stderr.write(f"mlcoach: could not restart after the update ({exc.strerror}); "
                         "start mlcoach again\n")
    return 1
