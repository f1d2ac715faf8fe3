"""Store files this user cannot write: made read-only, or left by another user (a `sudo
mlcoach` makes root's -wal and -shm). Real processes, real permission checks: each
command runs as an ordinary user through a user namespace (`unshare --user`, no root
needed; the files the test makes as itself are that user's there, others' are
"nobody"'s), since root writes through any mode.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli


def _user_namespaces() -> bool:
    if shutil.which("unshare") is None or not sys.platform.startswith("linux"):
        return False
    return subprocess.run(["unshare", "--user", "--map-user=1000", "--map-group=1000",
                           "true"], capture_output=True).returncode == 0


pytestmark = pytest.mark.skipif(not _user_namespaces(), reason="no user namespaces here")


def _as_user(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m mlcoach ARGS` as an ordinary user who owns what this test made."""
    return subprocess.run(
        ["unshare", "--user", "--map-user=1000", "--map-group=1000",
         sys.executable, "-m", "mlcoach", *args],
        env=env, text=True, capture_output=True, timeout=60)


def _data(env: dict[str, str]) -> Path:
    return Path(env["MLCOACH_DATA_DIR"])


def _store(env: dict[str, str]) -> Path:
    assert run_cli(env, "init", "--no-encryption").returncode == 0
    assert run_cli(env, "capture", "written before").returncode == 0
    return _data(env) / "mlcoach.db"


def test_a_read_only_database_is_named_and_its_shm_follows_it_once_mended(
        cli_env: dict[str, str]) -> None:
    """SQLite makes a -shm with the database's mode and keeps it between opens: one made
    while the database was 0444 refused every write after the database was mended,
    saying "the data folder is read-only"."""
    db = _store(cli_env)
    shm = db.with_name("mlcoach.db-shm")
    shm.write_bytes(b"")
    for path in (db, shm):
        path.chmod(0o444)
    refused = _as_user(cli_env, "capture", "not while it is read-only")
    assert refused.returncode == 1
    assert refused.stderr.strip().endswith(
        "mlcoach.db cannot be written (its mode is 0444): nothing was written (your data "
        "is unchanged)"), refused.stderr
    assert oct(db.stat().st_mode & 0o777) == "0o444"  # the user's choice, left as it is

    db.chmod(0o600)  # the user mends the database; the -shm is SQLite's, mended with it
    done = _as_user(cli_env, "capture", "written once the files are mended")
    assert done.returncode == 0, done.stderr
    assert not shm.exists() or oct(shm.stat().st_mode & 0o777) == "0o600"
    found = run_cli(cli_env, "search", "mended")
    assert "written once the files are [mended]" in found.stdout, found.stderr
    assert "read-only" not in run_cli(cli_env, "search", "read").stdout


def test_a_read_only_data_folder_loses_nothing(cli_env: dict[str, str]) -> None:
    _store(cli_env)
    data = _data(cli_env)
    data.chmod(0o500)
    try:
        res = _as_user(cli_env, "capture", "new")
        assert res.returncode == 1, res.stderr
        assert res.stderr.strip().splitlines() == [
            "mlcoach: the data folder is read-only: nothing was written (your data is "
            "unchanged)"]
    finally:
        data.chmod(0o700)
    found = run_cli(cli_env, "search", "written").stdout
    assert "[written] before" in found and "new" not in found


def test_a_shm_of_another_user_is_named_and_nothing_is_lost(cli_env: dict[str, str]) -> None:
    db = _store(cli_env)
    shm = db.with_name("mlcoach.db-shm")
    shm.write_bytes(b"")
    os.chown(shm, 5, 5)  # another user's: not the namespace user's, "nobody" there
    shm.chmod(0o644)

    refused = _as_user(cli_env, "capture", "not saved")
    assert refused.returncode == 1
    line = refused.stderr.strip().splitlines()[-1]
    assert line.startswith("mlcoach: ") and "mlcoach.db-shm cannot be written (it belongs to" \
        in line and line.endswith("nothing was written (your data is unchanged)"), line
    doctor = _as_user(cli_env, "doctor")
    assert "readable by others: mlcoach.db-shm" in doctor.stdout, doctor.stdout
    assert "mlcoach.db-shm cannot be written (it belongs to" in doctor.stdout, doctor.stdout
    kept = _as_user(cli_env, "search", "written")  # reading still works
    assert "[written] before" in kept.stdout, kept.stderr

    os.chown(shm, os.getuid(), os.getgid())
    again = _as_user(cli_env, "capture", "saved once it is the user's again")
    assert again.returncode == 0, again.stderr
    assert "[saved] once" in run_cli(cli_env, "search", "saved").stdout


def test_another_users_backups_folder_or_store_json_is_named(cli_env: dict[str, str]) -> None:
    """The capture is stored; what was not done says which file is in the way and why,
    where it said "Permission denied" alone, or called store.json damaged."""
    _store(cli_env)
    data = _data(cli_env)
    os.chown(data / "store.json", 5, 5)
    done = _as_user(cli_env, "capture", "stored beside their store.json")
    assert done.returncode == 0, done.stderr
    assert "store.json is not readable (it belongs to" in done.stderr, done.stderr
    assert "damaged" not in done.stderr

    for old in (data / "backups").glob("*-daily.db"):
        old.unlink()  # no backup today yet: the capture takes one
    os.chown(data / "backups", 5, 5)
    done = _as_user(cli_env, "capture", "stored beside their backups")
    assert done.returncode == 0, done.stderr
    said = done.stderr
    assert "today's backup was not taken (Permission denied: " in said, said
    assert "backups/.daily.lock (its folder belongs to" in said, said
    os.chown(data / "store.json", 5, 5)  # and with no copy to read: one line, and why
    refused = _as_user(cli_env, "capture", "not stored")
    assert refused.returncode == 1
    assert refused.stderr.strip().endswith(
        "store.json is unreadable: Permission denied (it belongs to nobody)"), refused.stderr
    os.chown(data / "backups", os.getuid(), os.getgid())
    found = run_cli(cli_env, "search", "stored").stdout
    assert "[stored] beside their store.json" in found and "their backups" in found, found


def test_the_app_says_which_file_in_the_windows_language(cli_env: dict[str, str]) -> None:
    """The tray writes through `LightStore`; a write refused is shown in the windows'
    language, where it said "the data file could not be read (attempt to write a
    readonly database)"."""
    db = _store(cli_env)
    shm = db.with_name("mlcoach.db-shm")
    shm.write_bytes(b"")
    os.chown(shm, 5, 5)
    code = (
        "from pathlib import Path\n"
        "from mlcoach.domain.errors import StoreUnavailableError\n"
        "from mlcoach.domain.i18n import error_text\n"
        "from mlcoach.security.keys import OSKeyring\n"
        "from mlcoach.store.vault import Layout, open_light\n"
        f"opened = open_light(Layout(Path({str(_data(cli_env))!r})), keys=OSKeyring())\n"
        "try:\n"
        "    opened.store.add_moment('from the tray')\n"
        "except StoreUnavailableError as exc:\n"
        "    print(error_text(exc, 'tr'))\n")
    res = subprocess.run(["unshare", "--user", "--map-user=1000", "--map-group=1000",
                          sys.executable, "-c", code], env=cli_env, text=True,
                         capture_output=True, timeout=60)
    assert res.stdout.strip().endswith(
        "mlcoach.db-shm yazılamıyor (nobody kullanıcısına ait): hiçbir şey yazılmadı "
        "(verileriniz değişmedi)"), res.stdout + res.stderr
