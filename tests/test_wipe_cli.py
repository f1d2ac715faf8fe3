"""`mlcoach wipe` and the doctor's launch-at-login check, run as child processes.

The key lives in keyrings.alt's file backend (a real file under the test's HOME), the
login entry in the test's XDG_CONFIG_HOME: both are read back by separate processes.
"""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from mlcoach.system import autostart, instance
from mlcoach.system.paths import APP_ID
from tests.conftest import run_cli


def _key(env: dict[str, str], store_id: str) -> str:
    code = f"import keyring; print(keyring.get_password({APP_ID!r}, {store_id!r}))"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, check=True, timeout=60).stdout.strip()


def _filled(env: dict[str, str]) -> tuple[Path, str]:
    """A store with a moment, a backup and its key, and a launch-at-login entry."""
    res = run_cli(env, "capture", "Thanked Ana for the clear release notes @Ana")
    assert res.returncode == 0, res.stderr
    data = Path(env["MLCOACH_DATA_DIR"])
    store_id = json.loads((data / "store.json").read_text())["store_id"]
    (data / "backups").mkdir(exist_ok=True)
    shutil.copy(data / "mlcoach.db", data / "backups" / "mlcoach-20260101T000000-test.db")
    assert _key(env, store_id) not in ("", "None")
    # as Settings writes it for a store outside the default folder
    autostart.enable([sys.executable, "-m", "mlcoach", "--data-dir", str(data), "run"],
                     platform="linux", env=env)
    assert autostart.is_enabled(platform="linux", env=env)
    return data, store_id


def test_wiping_another_store_leaves_the_login_entry_of_the_default_one(
        cli_env: dict[str, str]) -> None:
    """`MLCOACH_DATA_DIR=/tmp/scratch mlcoach wipe --yes` removed the login entry that
    starts the user's real store: the next login started nothing."""
    data, _ = _filled(cli_env)
    autostart.enable([sys.executable, "-m", "mlcoach", "run"], platform="linux", env=cli_env)
    res = run_cli(cli_env, "wipe", "--yes")
    assert res.returncode == 0, res.stderr
    assert not data.exists() and "launch-at-login" not in res.stdout
    assert autostart.entry_command(platform="linux", env=cli_env) == [
        sys.executable, "-m", "mlcoach", "run"]


def test_wipe_yes_leaves_no_data_key_backup_or_login_entry(cli_env: dict[str, str]) -> None:
    data, store_id = _filled(cli_env)
    res = run_cli(cli_env, "wipe", "--yes")
    assert res.returncode == 0, res.stderr
    assert not data.exists()
    assert _key(cli_env, store_id) == "None"
    assert not autostart.is_enabled(platform="linux", env=cli_env)
    assert not (Path(cli_env["XDG_CONFIG_HOME"]) / "autostart" / f"{APP_ID}.desktop").exists()
    assert f"deleted {data}" in res.stdout
    assert "keyring" in res.stdout and "launch-at-login" in res.stdout
    again = run_cli(cli_env, "wipe", "--yes")
    assert again.returncode == 0 and "no mlcoach data" in again.stdout


def test_wipe_without_a_terminal_or_yes_refuses_and_changes_nothing(
        cli_env: dict[str, str]) -> None:
    data, store_id = _filled(cli_env)
    res = run_cli(cli_env, "wipe", input="delete\n")  # piped: no one could have read a prompt
    assert res.returncode == 2
    assert len(res.stderr.strip().splitlines()) == 1 and "--yes" in res.stderr
    assert (data / "mlcoach.db").exists() and (data / "backups").is_dir()
    assert _key(cli_env, store_id) not in ("", "None")
    assert autostart.is_enabled(platform="linux", env=cli_env)


def _wipe_on_a_terminal(env: dict[str, str], answer: str,
                        end: bytes = b"\n") -> subprocess.CompletedProcess[str]:
    primary, secondary = pty.openpty()
    try:
        proc = subprocess.Popen([sys.executable, "-m", "mlcoach", "wipe"], env=env,
                                stdin=secondary, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        os.write(primary, answer.encode() + end)
        out, err = proc.communicate(timeout=60)
    finally:
        os.close(primary)
        os.close(secondary)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def test_wipe_on_a_terminal_deletes_only_after_the_word(cli_env: dict[str, str]) -> None:
    data, store_id = _filled(cli_env)
    no = _wipe_on_a_terminal(cli_env, "yes")
    assert no.returncode == 1, no.stderr
    assert "Type delete to confirm" in no.stderr and "nothing was deleted" in no.stderr
    assert (data / "mlcoach.db").exists() and autostart.is_enabled(platform="linux",
                                                                  env=cli_env)
    yes = _wipe_on_a_terminal(cli_env, "delete")
    assert yes.returncode == 0, yes.stderr
    assert not data.exists() and _key(cli_env, store_id) == "None"


def test_ctrl_d_at_the_wipe_question_refuses_on_a_line_of_its_own(
        cli_env: dict[str, str]) -> None:
    """Ctrl+D at "Type delete to confirm: " ends no line: the refusal was printed on the
    question's own line."""
    data, _store_id = _filled(cli_env)
    res = _wipe_on_a_terminal(cli_env, "", end=b"\x04")
    assert res.returncode == 1, res.stderr
    assert "\nmlcoach: not confirmed; nothing was deleted" in res.stderr
    assert (data / "mlcoach.db").exists()


def test_wipe_asks_in_turkish_and_takes_the_turkish_word(cli_env: dict[str, str]) -> None:
    """Under a Turkish locale the question, the word and the refusal were English."""
    turkish = {**cli_env, "LANG": "tr_TR.UTF-8", "LANGUAGE": "tr"}
    data, store_id = _filled(cli_env)
    no = _wipe_on_a_terminal(turkish, "evet")
    assert no.returncode == 1 and "Onaylamak için «sil» yazın" in no.stderr, no.stderr
    assert "onaylanmadı; hiçbir şey silinmedi" in no.stderr
    assert (data / "mlcoach.db").exists()
    yes = _wipe_on_a_terminal(turkish, "SİL")
    assert yes.returncode == 0, yes.stderr
    assert not data.exists() and _key(cli_env, store_id) == "None"


# Stands in for a running app: owns the channel and its lock (then FAKE_APP or HUNG_APP).
_APP_HOLDS_CHANNEL = textwrap.dedent("""
    import os, socket, sys, time
    from pathlib import Path
    from mlcoach.system import instance
    root = Path(sys.argv[1])
    path = instance.channel_path(root)
    path.with_suffix(".lock").write_text(f"{os.getpid()}\\nmlcoach\\nhost\\n")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path)); server.listen(8)
    print("ready", flush=True)
""")

# Answers "quit", then (like the real app closing its store) writes into the data folder
# and exits.
FAKE_APP = _APP_HOLDS_CHANNEL + textwrap.dedent("""
    conn, _ = server.accept()
    conn.recv(1024); conn.sendall(b"ok\\n"); conn.close()
    server.close(); path.unlink()
    time.sleep(1.0)
    (root / "mlcoach.log").write_text("closing the store\\n")
    path.with_suffix(".lock").unlink()
""")


def _stand_in(cli_env: dict[str, str], tmp_path: Path,
              script: str) -> tuple[Path, subprocess.Popen[str]]:
    """A filled store and a stand-in app (FAKE_APP, HUNG_APP) holding its channel."""
    if not hasattr(__import__("socket"), "AF_UNIX"):
        pytest.skip("needs AF_UNIX")
    data, _store_id = _filled(cli_env)
    cli_env["XDG_RUNTIME_DIR"] = str(tmp_path / "run")
    os.makedirs(cli_env["XDG_RUNTIME_DIR"], mode=0o700)
    return data, subprocess.Popen([sys.executable, "-c", script, str(data)], env=cli_env,
                                  stdout=subprocess.PIPE, text=True)


def test_wipe_waits_for_a_running_app_to_quit(cli_env: dict[str, str],
                                              tmp_path: Path) -> None:
    data, app = _stand_in(cli_env, tmp_path, FAKE_APP)
    # Reaped as soon as it exits (a real app's parent does that; a zombie still has a pid).
    reaper = threading.Thread(target=app.wait, daemon=True)
    try:
        assert app.stdout is not None and app.stdout.readline().strip() == "ready"
        reaper.start()
        res = run_cli(cli_env, "wipe", "--yes")
        assert res.returncode == 0, res.stderr
        reaper.join(timeout=30)
        assert app.returncode == 0
    finally:
        if app.poll() is None:
            app.kill()
    # Had wipe not waited, the app's last write would have re-created the folder.
    assert not data.exists()
    assert not instance.channel_path(data, cli_env).exists()


# Never answers (stopped, or hung).
HUNG_APP = _APP_HOLDS_CHANNEL + "time.sleep(120)\n"


def test_wipe_refuses_while_a_running_app_does_not_answer(cli_env: dict[str, str],
                                                          tmp_path: Path) -> None:
    """Deleting the folder under a live app that did not answer left it writing into
    nothing (and, with the welcome open, impossible to quit)."""
    data, app = _stand_in(cli_env, tmp_path, HUNG_APP)
    try:
        assert app.stdout is not None and app.stdout.readline().strip() == "ready"
        res = run_cli(cli_env, "wipe", "--yes")
        assert res.returncode == 1
        assert f"process {app.pid}" in res.stderr and "nothing was deleted" in res.stderr
        assert (data / "mlcoach.db").exists()
    finally:
        app.kill()
        app.wait()


def test_doctor_says_when_the_login_entry_runs_a_missing_program(
        cli_env: dict[str, str], tmp_path: Path) -> None:
    gone = tmp_path / "old venv" / "bin" / "mlcoach"
    autostart.enable([str(gone), "run"], platform="linux", env=cli_env)
    res = run_cli(cli_env, "doctor")
    line = next(x for x in res.stdout.splitlines() if "autostart" in x)
    assert line.startswith("[WARN]") and str(gone) in line and "does not exist" in line
    autostart.enable([sys.executable, "-m", "mlcoach", "run"], platform="linux", env=cli_env)
    line = next(x for x in run_cli(cli_env, "doctor").stdout.splitlines() if "autostart" in x)
    assert line.startswith("[  OK]") and sys.executable in line, line


def test_wipe_is_quick_when_nothing_runs(cli_env: dict[str, str]) -> None:
    _filled(cli_env)
    start = time.monotonic()
    assert run_cli(cli_env, "wipe", "--yes").returncode == 0
    assert time.monotonic() - start < 30  # no waiting for an app that is not there


def test_output_is_utf8_even_when_the_locale_says_otherwise(cli_env: dict[str, str]) -> None:
    """As on Windows, where a pipe gets the ANSI code page (cp1252 has no ğ or ı)."""
    cli_env["PYTHONIOENCODING"] = "cp1252"
    assert run_cli(cli_env, "capture", "Ayşe'ye ılık bir teşekkür: çağrı notları için")\
        .returncode == 0
    res = subprocess.run([sys.executable, "-m", "mlcoach", "export", "--format", "md"],
                         env=cli_env, capture_output=True, timeout=60, check=False)
    assert res.returncode == 0, res.stderr
    assert "Ayşe'ye ılık bir teşekkür" in res.stdout.decode("utf-8")


def _on_terminal(env: dict[str, str], *args: str) -> bytes:
    """What `mlcoach ARGS` writes to a terminal (a pseudo-terminal), as bytes."""
    import os
    import pty

    main, side = pty.openpty()
    try:
        res = subprocess.run([sys.executable, "-m", "mlcoach", *args], env=env,
                             stdin=subprocess.DEVNULL, stdout=side, stderr=side, timeout=60,
                             check=False)
        os.close(side)
        side = -1
        chunks = []
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # EIO: the terminal's other end is closed and all was read
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(main)
        if side >= 0:
            os.close(side)
    assert res.returncode == 0, b"".join(chunks)
    return b"".join(chunks)


def test_a_latin5_terminal_shows_turkish_letters(cli_env: dict[str, str]) -> None:
    """A tr_TR.ISO-8859-9 terminal showed "AyÅe" for "Ayşe": output was always UTF-8.
    To a terminal mlcoach now writes its encoding; what it cannot show becomes "?"."""
    assert run_cli(cli_env, "capture", "Ayşe'ye ılık bir teşekkür 🙂").returncode == 0
    env = dict(cli_env, PYTHONIOENCODING="iso-8859-9", LANGUAGE="tr")
    shown = _on_terminal(env, "export", "--format", "md")
    assert "Ayşe'ye ılık bir teşekkür ?".encode("iso-8859-9") in shown
    assert "Ayşe".encode() not in shown  # no UTF-8 bytes for the terminal to garble
