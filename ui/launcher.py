"""Start the desktop app, or hand the request to the one already running.

Imports no Qt until it knows this process will be the app, so a second
`mlcoach capture` only opens a socket.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mlcoach import instance

logger = logging.getLogger(__name__)


def launch(data_root: Path, request: str) -> int:
    """Deliver `request` to the running app, or become the app. Returns an exit code."""
    if instance.send(data_root, request):
        return 0
    from mlcoach.ui.app import run_app

    return run_app(data_root, request)
