"""Shared fixtures. Unit tests use an in-memory keyring set through keyring's API;
CLI subprocess tests use keyrings.alt's file backend chosen by PYTHON_KEYRING_BACKEND;
tests marked `secretservice` use a real gnome-keyring on a private session bus."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from hypothesis import settings as hypothesis_settings

from tests.memkeyring import MemoryKeyring
from tests.process_state import given_back

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# CI draws the same examples every run (a red CI holds everything back); a developer's
# runs draw new ones, and a failure found there becomes an @example.
hypothesis_settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


# A wait for the app (its worker, a window coming up) is bounded so a broken build ends,
# never timed: a passing wait returns as soon as its condition holds, so a bound of a
# minute costs a passing test nothing, where pytest-qt's 5 s (and the 2-3 s some tests
# gave) failed a correct app on a busy machine.
WAIT_BOUND_MS = 60_000


def pytest_configure(config: pytest.Config) -> None:
    from typing import Any

    from pytestqt.qtbot import QtBot

    def bound(wait: Any) -> Any:
        def bounded(self: QtBot, *args: Any, timeout: int = WAIT_BOUND_MS,
                    **kwargs: Any) -> Any:
            if kwargs.get("raising") is False:  # a look whether it comes: as asked
                return wait(self, *args, timeout=timeout, **kwargs)
            return wait(self, *args, timeout=max(timeout, WAIT_BOUND_MS), **kwargs)

        return bounded

    for name in ("waitUntil", "waitSignal", "waitSignals", "waitActive", "waitExposed"):
        setattr(QtBot, name, bound(getattr(QtBot, name)))


@pytest.fixture(autouse=True)
def process_state_given_back() -> Iterator[None]:
    """The umask, limits, signal handlers and folder of the tests' own process as they
    were: `main()` run in-process sets the umask to 077 and core dumps off, as the
    command does, and a later test must not run under them."""
    with given_back():
        yield


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Install an in-memory keyring backend for the test."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def layout(tmp_path: Path):  # type: ignore[no-untyped-def]
    from mlcoach.store.vault import Layout

    return Layout(tmp_path / "data")


@pytest.fixture
def opened(layout, memory_keyring):  # type: ignore[no-untyped-def]
    """A fresh encrypted store with its key in the in-memory keyring."""
    from mlcoach.security.keys import OSKeyring
    from mlcoach.store.vault import open_store

    result = open_store(layout, keys=OSKeyring())
    yield result
    result.store.close()


@pytest.fixture
def store(opened):  # type: ignore[no-untyped-def]
    return opened.store


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    """Environment for running the CLI in a child process with a file-backed keyring."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MLCOACH_")}
    home = tmp_path / "home"
    home.mkdir()
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
        MLCOACH_DATA_DIR=str(tmp_path / "data"),
    )
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    return env


def run_cli(env: dict[str, str], *args: str, input: str | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run `python -m mlcoach ARGS` and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "mlcoach", *args], env=env, input=input, text=True,
        capture_output=True, timeout=timeout,
    )


@pytest.fixture
def gate(tmp_path: Path) -> Iterator[Path]:
    """A FIFO a held read or write waits at; let go of at the end whatever happened."""
    path = tmp_path / "gate"
    os.mkfifo(path)
    yield path
    let_go(path)


def let_go(fifo: Path) -> None:
    """Open the FIFO for writing and close it: whoever waits at it reads the end."""
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:  # no one waits there (any more)
        return
    os.close(fd)
