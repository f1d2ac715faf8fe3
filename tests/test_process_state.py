"""`mlcoach` run in-process by a test (umask 077, core dumps off, its own log handler)
and the fault tests' limits and handlers are given back, so no later test runs under
them."""

from __future__ import annotations

import logging
import os
import resource
import signal
from pathlib import Path

import pytest

from tests.process_state import given_back


def test_what_the_command_and_the_fault_tests_set_is_given_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mlcoach.cli.main import main

    monkeypatch.delenv("MLCOACH_DEBUG", raising=False)  # it keeps core dumps on
    mask = os.umask(0o022)
    os.umask(mask)
    _soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
    core = (min(hard, 1 << 20), hard)  # some core dumps allowed, as a shell may
    resource.setrlimit(resource.RLIMIT_CORE, core)
    root = logging.getLogger()
    handlers = root.handlers[:]
    before = (signal.getsignal(signal.SIGTERM), resource.getrlimit(resource.RLIMIT_FSIZE),
              os.getcwd())
    with given_back():
        assert main(["--data-dir", str(tmp_path / "data"), "stats"]) == 0
        assert resource.getrlimit(resource.RLIMIT_CORE)[0] == 0  # as the command does
        assert root.handlers != handlers  # its own, to standard error
        os.umask(0o077)  # the command's, set explicitly whatever the test's process had
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 30, resource.RLIM_INFINITY))
        os.chdir(tmp_path)
    now = os.umask(mask)
    assert now == mask
    assert resource.getrlimit(resource.RLIMIT_CORE) == core
    assert (signal.getsignal(signal.SIGTERM), resource.getrlimit(resource.RLIMIT_FSIZE),
            os.getcwd()) == before
    assert root.handlers == handlers
