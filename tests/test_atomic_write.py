"""atomic_write: the old content or the new one, owner-only, and no part file left
beside the target, whether the file system can keep the new content nameless until it
is whole (O_TMPFILE) or a named part file is written and renamed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mlcoach.system import paths


@pytest.fixture(params=["unnamed", "named"])
def route(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "named":  # as on a file system without O_TMPFILE (NFS, vfat)
        monkeypatch.setattr(paths, "_unnamed_file", lambda _folder: None)
    return str(request.param)


def test_the_new_content_replaces_the_old_and_nothing_else_is_left(tmp_path: Path,
                                                                   route: str) -> None:
    target = tmp_path / "notes.json"
    paths.atomic_write(target, "old")
    paths.atomic_write(target, "new words")
    assert target.read_text() == "new words"
    assert list(tmp_path.iterdir()) == [target]
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600


def test_a_write_that_fails_leaves_the_old_content_and_no_part(tmp_path: Path, route: str,
                                                                monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:
    target = tmp_path / "notes.json"
    paths.atomic_write(target, "old")

    def full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space"):
        paths.atomic_write(target, "Zanzibar's review was late")
    assert target.read_text() == "old"
    assert list(tmp_path.iterdir()) == [target]


def test_a_proc_that_cannot_be_linked_from_falls_back_to_a_named_part(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.link

    def refused(src: str, dst: str, **kw: object) -> None:
        if src.startswith("/proc/"):
            raise PermissionError(1, "Operation not permitted")
        real(src, dst, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "link", refused)
    target = tmp_path / "notes.json"
    paths.atomic_write(target, "kept")
    assert target.read_text() == "kept"
    assert list(tmp_path.iterdir()) == [target]
