"""Start the desktop app, or hand the request to the one already running.

Imports no Qt until it knows this process will be the app, so a second
`mlcoach capture` only opens a socket.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from types import ModuleType

from mlcoach.domain.errors import MlcoachError
from mlcoach.system import instance
from mlcoach.system.desktop import activation_token, display_problem
from mlcoach.system.install_stamp import InstallStamp, installed_folders

logger = logging.getLogger(__name__)


def launch(data_root: Path, request: str) -> int:
    """Deliver `request` to the running app, or become the app. Returns an exit code."""
    # The launcher's token lets the running app's window take the front (xdg-activation
    # on Wayland, the startup id on X11); a first start leaves it to Qt, which reads it.
    if instance.send(data_root, request, token=activation_token(os.environ)):
        return 0
    problem = display_problem(os.environ)
    if problem is not None:  # Qt would abort the process (exit 134) with plugin errors
        raise MlcoachError(problem)
    stamp = _install_stamp()  # before the app's modules load (ui/run.py adds the rest)
    _cheaper_pyside_import_hook()
    from mlcoach.ui.run import run_app

    return run_app(data_root, request, stamp)


def _install_stamp() -> InstallStamp:
    """The installed code as this process starts: its packages' own folders (in a source
    tree, three folders apart), which every upgrade changes."""
    import mlcoach.resources  # noqa: F401  (mlcoach and mlcoach.ui are loaded already)

    return InstallStamp(installed_folders(walk=False))


def _uses_pyside(module: ModuleType) -> bool:
    """Whether a module's source mentions PySide6 (read directly, not via inspect)."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False
    try:
        with open(path, "rb") as fh:
            return b"PySide6" in fh.read()
    except OSError:
        return False


def _cheaper_pyside_import_hook() -> None:
    """PySide6 checks every module imported after it for the text "PySide6" (for its
    optional __feature__ switches) through inspect.getsource: about 1 ms a module, and
    the start path and the store stack import hundreds. Same answer, cheaper."""
    import PySide6  # noqa: F401  (installs the import hook)

    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        vars(feature)["_mod_uses_pyside"] = _uses_pyside
