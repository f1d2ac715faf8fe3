"""Reading a named file: bounded, and never stuck on a pipe nobody writes to (real FIFOs,
devices and folders; no mocks)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from mlcoach.system.reading import read_at_most

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev")


def test_a_small_file_is_read_whole_and_a_large_one_one_byte_past_the_limit(tmp_path: Path):
    small = tmp_path / "small.json"
    small.write_bytes(b"{}")
    assert read_at_most(small, 10) == b"{}"
    big = tmp_path / "big.json"
    big.write_bytes(b"x" * 5000)
    assert len(read_at_most(big, 100)) == 101


@posix_only
def test_an_endless_device_stops_past_the_limit() -> None:
    assert len(read_at_most("/dev/zero", 4096)) == 4097


@posix_only
def test_a_pipe_nobody_writes_to_ends_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert read_at_most(fifo, 100) == b""  # open() would have waited for a writer for good


@posix_only
def test_a_pipe_with_a_writer_is_read_to_its_end(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()  # what a shell's <(…) hands over, as /dev/fd/N
    os.write(write_end, b'{"format": 1}')
    os.close(write_end)
    try:
        assert read_at_most(f"/dev/fd/{read_end}", 100) == b'{"format": 1}'
    finally:
        os.close(read_end)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        read_at_most(tmp_path, 100)
