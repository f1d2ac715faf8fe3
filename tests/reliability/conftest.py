"""Figures for docs/reliability.md, printed at the end of a run."""

from __future__ import annotations

import sys
from typing import Any


def pytest_terminal_summary(terminalreporter: Any) -> None:
    paths = sys.modules.get("tests.reliability.test_time_paths")
    scenarios = getattr(paths, "SCENARIOS", None)
    if scenarios:
        terminalreporter.write_line(f"time paths: {dict(scenarios)}")
