"""Waiting for the store's worker in a test: its jobs finished, their outcomes delivered."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from mlcoach.ui import ops


def drain() -> None:
    """Let every job given to the store's worker finish and hand its outcome to the GUI
    thread (a broken build's bound: a minute)."""
    assert ops.pool().waitForDone(60_000), "the store's worker never finished"
    QApplication.processEvents()
