"""A full disk and a read-only data folder: one clear line, and nothing already stored is lost.

The real faults need a private mount namespace (`unshare -rm`, no root needed where user
namespaces are allowed): a tiny tmpfs that really fills up (ENOSPC) and a read-only
bind mount (EROFS, which even root cannot write through). The file-size limit
(RLIMIT_FSIZE) variant runs anywhere. Each scenario runs in a child process and reports
JSON; the assertions are here.
"""

from __future__ import annotations

import io
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BEFORE = ["first moment before the fault", "second moment before the fault"]
MEGABYTE_TEXT = ("a whole megabyte of reflection " * 33_000)[:1_000_000]


def _namespaces() -> bool:
    if shutil.which("unshare") is None or not sys.platform.startswith("linux"):
        return False
    return subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode == 0


needs_ns = pytest.mark.skipif(not _namespaces(), reason="no private mount namespaces here")


def _env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MLCOACH_", "DBUS_"))}
    env.update(MLCOACH_DATA_DIR=str(data), PYTHONPATH=str(ROOT),
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    return env


def _run(scenario: str, folder: Path, *, namespace: bool,
         preexec: Callable[[], None] | None = None) -> dict[str, Any]:
    """Run `scenario` (a function below) in a child; returns what it reported."""
    code = (f"import json; from tests.reliability.test_faults import {scenario} as s; "
            f"print('RESULT', json.dumps(s({str(folder)!r})))")
    argv = [sys.executable, "-c", code]
    if namespace:
        argv = ["unshare", "-rm", *argv]
    res = subprocess.run(argv, env=_env(folder / "data"), capture_output=True, text=True,
                         timeout=120, cwd=ROOT, preexec_fn=preexec)
    lines = [ln for ln in res.stdout.splitlines() if ln.startswith("RESULT ")]
    assert lines, res.stdout[-2000:] + res.stderr[-2000:]
    return dict(json.loads(lines[-1][7:]))


# -- what runs in the child ----------------------------------------------------------------

def _cli(*argv: str) -> dict[str, Any]:
    from mlcoach.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return {"code": code, "out": out.getvalue(), "err": err.getvalue()}


def _stored() -> dict[str, Any]:
    res = _cli("export")
    if res["code"] != 0:
        return {"texts": None, "err": res["err"]}
    doc = json.loads(res["out"])
    return {"texts": sorted(m["text"] for m in doc["moments"])}


def _integrity(data: Path) -> str:
    from mlcoach.security.keys import Secret
    from mlcoach.store.db import connect_raw

    conn = connect_raw(data / "mlcoach.db", Secret("none"))
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def _prepare(data: Path) -> dict[str, Any]:
    from mlcoach.security.keys import Secret
    from mlcoach.store.backups import daily_backup
    from mlcoach.ui.draft import Draft, DraftFile

    assert _cli("init", "--no-encryption")["code"] == 0
    for text in BEFORE:
        assert _cli("capture", text)["code"] == 0
    daily_backup(data / "mlcoach.db", Secret("none"), data / "backups",
                 datetime(2026, 11, 20, 8, 0, tzinfo=timezone.utc))
    DraftFile(data / "capture-draft.txt").save(Draft(text="the draft typed before"))
    return {"files": sorted(p.name for p in data.rglob("*"))}


def _faulty_writes(data: Path) -> dict[str, Any]:
    """Everything that writes, tried while the fault is on."""
    from mlcoach.security.keys import Secret
    from mlcoach.store.backups import daily_backup
    from mlcoach.ui.draft import Draft, DraftFile

    out: dict[str, Any] = {"capture_big": _cli("capture", MEGABYTE_TEXT),
                           "capture_small": _cli("capture", "small one during the fault"),
                           "people_add": _cli("people", "add", "Ana", "--style", "facts")}
    DraftFile(data / "capture-draft.txt").save(Draft(text="a new draft " * 30_000))
    out["draft_after"] = (DraftFile(data / "capture-draft.txt").load() or Draft()).text
    try:
        daily_backup(data / "mlcoach.db", Secret("none"), data / "backups",
                     datetime(2026, 11, 23, 8, 0, tzinfo=timezone.utc))
        out["backup"] = "written"
    except Exception as exc:
        out["backup"] = type(exc).__name__
    return out


def tiny_disk(folder: str) -> dict[str, Any]:
    """A 1 MB tmpfs: fill it up, then try every kind of write."""
    mount = Path(folder) / "mnt"
    mount.mkdir(exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(mount)],
                   check=True)
    data = mount / "data"
    os.environ["MLCOACH_DATA_DIR"] = str(data)
    result: dict[str, Any] = {"prepared": _prepare(data)}
    fd = os.open(mount / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as exc:
        result["filled"] = exc.errno
    finally:
        os.close(fd)
    result.update(_faulty_writes(data))
    result["files_during"] = sorted(p.name for p in data.rglob("*"))
    (mount / "filler").unlink()
    result["after"] = _stored()
    result["integrity"] = _integrity(data)
    result["capture_after"] = _cli("capture", "after freeing space")["code"]
    return result


def read_only(folder: str) -> dict[str, Any]:
    """The data folder bind-mounted read-only (EROFS: no write gets through, even as root)."""
    data = Path(folder) / "data"
    os.environ["MLCOACH_DATA_DIR"] = str(data)
    result: dict[str, Any] = {"prepared": _prepare(data)}
    subprocess.run(["mount", "--bind", str(data), str(data)], check=True)
    subprocess.run(["mount", "-o", "remount,bind,ro", str(data)], check=True)
    result.update(_faulty_writes(data))
    result["doctor"] = _cli("doctor")
    result["files_during"] = sorted(p.name for p in data.rglob("*"))
    subprocess.run(["umount", str(data)], check=True)
    result["after"] = _stored()
    result["integrity"] = _integrity(data)
    return result


def read_only_wipe(folder: str) -> dict[str, Any]:
    """`wipe --yes` on a store encrypted with a key in the keyring, its folder read-only."""
    data = Path(folder) / "data"
    os.environ.update(MLCOACH_DATA_DIR=str(data), XDG_DATA_HOME=str(Path(folder) / "xdg"),
                      PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring")
    result: dict[str, Any] = {"capture": _cli("capture", BEFORE[0])}
    subprocess.run(["mount", "--bind", str(data), str(data)], check=True)
    subprocess.run(["mount", "-o", "remount,bind,ro", str(data)], check=True)
    result["wipe"] = _cli("wipe", "--yes")
    subprocess.run(["umount", str(data)], check=True)
    result["after"] = _stored()
    return result


def carry_over_past_the_limit(folder: str) -> dict[str, Any]:
    """A damaged store restored while no file may grow past what the backup needs: the
    rows carried over from the damaged file no longer fit in the restored copy."""
    from mlcoach.security.keys import Secret
    from mlcoach.store import recovery
    from mlcoach.store.backups import daily_backup

    data = Path(folder) / "data"
    os.environ["MLCOACH_DATA_DIR"] = str(data)
    assert _cli("init", "--no-encryption")["code"] == 0
    for text in BEFORE:
        assert _cli("capture", text)["code"] == 0
    made = daily_backup(data / "mlcoach.db", Secret("none"), data / "backups",
                        datetime(2026, 11, 20, 8, 0, tzinfo=timezone.utc))
    assert made is not None
    for i in range(300):
        assert _cli("capture", f"after the backup {i} " + "x" * 300)["code"] == 0
    size = (data / "mlcoach.db").stat().st_size
    with open(data / "mlcoach.db", "r+b") as fh:  # a page deep inside
        fh.seek((size // 4096 - 3) * 4096 + 700)
        fh.write(os.urandom(64))
    limit = made.stat().st_size + 8192  # this scenario runs in a child: the limit ends with it
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
    try:
        note = recovery.daily_check(data, Secret("none"), datetime(2026, 11, 23, 9, 30,
                                                                    tzinfo=timezone.utc))
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY,) * 2)
    return {"carried": None if note is None else note.carried,
            "restored": None if note is None else note.restored_from,
            "integrity": _integrity(data), "after": _stored(),
            "left": sorted(p.name for p in data.iterdir() if ".restore" in p.name)}


def size_limit(folder: str) -> dict[str, Any]:
    """RLIMIT_FSIZE: no file may grow past 256 KB (set by the parent before exec)."""
    data = Path(folder) / "data"
    os.environ["MLCOACH_DATA_DIR"] = str(data)
    result: dict[str, Any] = {}
    result.update(_faulty_writes(data))
    result["files_during"] = sorted(p.name for p in data.rglob("*"))
    result["integrity"] = _integrity(data)
    return result


def prepare_only(folder: str) -> dict[str, Any]:
    data = Path(folder) / "data"
    os.environ["MLCOACH_DATA_DIR"] = str(data)
    return {"prepared": _prepare(data)}


def stored_only(folder: str) -> dict[str, Any]:
    os.environ["MLCOACH_DATA_DIR"] = str(Path(folder) / "data")
    return _stored()


# -- the assertions ------------------------------------------------------------------------

def _one_line(res: dict[str, Any], *words: str) -> None:
    assert res["code"] == 1, res
    lines = res["err"].strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in res["err"], res["err"]
    assert any(w in lines[0] for w in words), lines[0]
    assert "nothing was written" in lines[0], lines[0]


def _nothing_lost(result: dict[str, Any]) -> None:
    assert result["after"]["texts"] == sorted(BEFORE)
    assert result["integrity"] == "ok"
    assert result["draft_after"] == "the draft typed before"  # the old draft stays whole
    assert result["backup"] != "written"
    during = result["files_during"]
    # No half-written backup, draft or store copy is left behind.
    assert not [f for f in during if f.endswith(".tmp") or f.startswith(".capture-draft")]
    # The backups are those made before the fault (the CLI's first capture took today's).
    before = [f for f in result["prepared"]["files"] if f.startswith("mlcoach-")]
    assert "mlcoach-20261120T080000-daily.db" in before
    assert [f for f in during if f.startswith("mlcoach-")] == before


@needs_ns
@pytest.mark.slow
def test_full_disk_refuses_new_writes_in_one_line_and_keeps_everything(tmp_path):
    result = _run("tiny_disk", tmp_path, namespace=True)
    assert result["filled"] == 28  # ENOSPC: the disk really was full
    for key in ("capture_big", "capture_small", "people_add"):
        _one_line(result[key], "disk is full", "disk refused the write")
    _nothing_lost(result)
    assert result["capture_after"] == 0  # and it works again once there is room


@needs_ns
@pytest.mark.slow
def test_read_only_data_folder_refuses_writes_in_one_line_and_keeps_everything(tmp_path):
    result = _run("read_only", tmp_path, namespace=True)
    for key in ("capture_big", "capture_small", "people_add"):
        _one_line(result[key], "read-only")
    _nothing_lost(result)
    assert result["doctor"]["code"] in (0, 1) and "Traceback" not in result["doctor"]["err"]


@needs_ns
@pytest.mark.slow
def test_wipe_of_a_read_only_folder_deletes_nothing_not_even_the_key(tmp_path):
    """The key went first, then the first file could not be deleted: the data stayed, and
    only the recovery key could open it again, which the message did not say."""
    result = _run("read_only_wipe", tmp_path, namespace=True)
    assert result["capture"]["code"] == 0, result["capture"]
    wipe = result["wipe"]
    assert wipe["code"] == 1 and len(wipe["err"].strip().splitlines()) == 1, wipe
    assert "nothing was deleted" in wipe["err"], wipe["err"]
    assert result["after"]["texts"] == [BEFORE[0]]  # still opens with the key it had


@pytest.mark.slow
def test_a_carry_over_that_does_not_fit_restores_the_backup_whole(tmp_path):
    """The review: with the disk full half-way through carrying rows over, the torn copy
    was put in place (a second damaged store, and a notice that said 297 rows came)."""
    result = _run("carry_over_past_the_limit", tmp_path, namespace=False)
    assert result["restored"] is not None and result["carried"] == 0
    assert result["integrity"] == "ok"
    assert result["after"]["texts"] == sorted(BEFORE)  # the backup, whole
    assert result["left"] == []  # no half copy or its -wal beside it


def _limit_file_size() -> None:  # preexec_fn: in the child, the tests' process keeps its own
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
    resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, 256 * 1024))


@pytest.mark.slow
def test_file_size_limit_is_a_full_disk_too(tmp_path):
    """RLIMIT_FSIZE makes every write past 256 KB fail (EFBIG), on any machine."""
    _run("prepare_only", tmp_path, namespace=False)
    result = _run("size_limit", tmp_path, namespace=False, preexec=_limit_file_size)
    _one_line(result["capture_big"], "disk is full", "disk refused the write")
    assert result["capture_small"]["code"] == 0  # small writes still fit
    assert result["integrity"] == "ok"
    assert result["draft_after"] == "the draft typed before"
    assert not [f for f in result["files_during"] if f.endswith(".tmp")]
    texts = _run("stored_only", tmp_path, namespace=False)["texts"]
    assert texts == sorted([*BEFORE, "small one during the fault"])
