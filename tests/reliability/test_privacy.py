"""Nobody in: no network of any kind, private files, nothing of the user's in the logs, and
"delete all data" leaves nothing behind.

No network is checked two ways: in-process, with every Python-level way to reach another
machine made to fail and recorded (the command line's main paths and the desktop app
started in-process); and from outside, with strace recording every connect/sendto/sendmsg
a real `mlcoach` process makes (Qt's own C++ sockets included)."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from mlcoach.cli.main import main
from mlcoach.security.keys import KEYRING_SERVICE, OSKeyring
from mlcoach.store.vault import Layout

SECRET_MOMENT = "Thanked Zyxwvut for the quarterly numbers 7e1f"
SECRET_NOTE = "prefers written summaries qwxz-notes"
SECRET_REFLECTION = "went well: the hard talk with Qlmnop 93ab"
SECRET_PASSPHRASE = "correct horse battery staple 55"


class NetworkGuard:
    """Makes every Python-level attempt to reach another host fail, and records it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.attempts: list[str] = []
        real_connect = socket.socket.connect
        real_connect_ex = socket.socket.connect_ex
        real_sendto = socket.socket.sendto

        def local(family: int) -> bool:
            return family == getattr(socket, "AF_UNIX", -1)

        def connect(sock: socket.socket, address: Any) -> None:
            if not local(sock.family):
                self.attempts.append(f"connect {address!r}")
                raise OSError("network blocked by the test")
            real_connect(sock, address)

        def connect_ex(sock: socket.socket, address: Any) -> int:
            if not local(sock.family):
                self.attempts.append(f"connect_ex {address!r}")
                return 111
            return real_connect_ex(sock, address)

        def sendto(sock: socket.socket, *args: Any) -> int:
            if not local(sock.family):
                self.attempts.append(f"sendto {args[-1]!r}")
                raise OSError("network blocked by the test")
            return real_sendto(sock, *args)  # type: ignore[arg-type]

        def resolve(*args: Any, **kw: Any) -> Any:
            self.attempts.append(f"name lookup {args[:2]!r}")
            raise socket.gaierror("name lookup blocked by the test")

        monkeypatch.setattr(socket.socket, "connect", connect)
        monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
        monkeypatch.setattr(socket.socket, "sendto", sendto)
        for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
            monkeypatch.setattr(socket, name, resolve)


def _cli(layout: Layout, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--data-dir", str(layout.root), *argv], keys=OSKeyring(env={}),
                stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _main_paths(layout: Layout, tmp: Path) -> list[tuple[list[str], int]]:
    """Every command that does not open a window, with what a user would type."""
    pack = tmp / "pack.toml"
    pack.write_text('[[prompt]]\nid = "mine"\ntheme = "presence"\n[prompt.en]\n'
                    'text = "Notice one thing"\ntry = "Write it down"\n', encoding="utf-8")
    dump = tmp / "export.json"
    runs: list[list[str]] = [
        ["init"], ["capture", SECRET_MOMENT, "--person", "Zyxwvut", "--tag", "numbers"],
        ["people", "add", "Qlmnop", "--style", "facts", "--notes", SECRET_NOTE],
        ["people", "edit", "Qlmnop", "--notes", SECRET_NOTE + " 2"], ["people", "list"],
        ["people", "list", "--json"], ["search", "quarterly"], ["search", "x", "--json"],
        ["stats"], ["stats", "--json"], ["prompt"], ["prompt", "--json"], ["prompts", "list"],
        ["prompts", "validate", str(pack)], ["prompts", "import", str(pack)],
        ["prompts", "export"], ["suggest", "--style", "facts", "--change",
                                "how would it work to write it down instead of saying it"],
        ["suggest", "--style", "reassurance", "--change", "a instead of b", "--save",
         "--json"],
        ["export"], ["export", "--format", "csv"], ["export", "--format", "md"],
        ["export", "-o", str(dump)], ["import", str(dump)], ["doctor"], ["doctor", "--json"],
        ["doctor", "--recovery-key"], ["people", "archive", "Qlmnop"], ["--version"],
    ]
    done = []
    for argv in runs:
        try:
            code = _cli(layout, *argv)[0]
        except SystemExit as exc:  # --version
            code = int(exc.code or 0)
        done.append((argv, code))
    return done


def test_command_line_makes_no_network_attempt(layout, memory_keyring, monkeypatch, tmp_path):
    guard = NetworkGuard(monkeypatch)
    done = _main_paths(layout, tmp_path)
    assert guard.attempts == []
    assert [argv for argv, code in done if code != 0] == []  # the paths really ran


@pytest.mark.gui
def test_desktop_app_started_in_process_makes_no_network_attempt(opened, qtbot,
                                                                 monkeypatch):
    """The app's start, its windows, a prompt, the daily check and backup, and quitting."""
    from PySide6.QtWidgets import QApplication

    from mlcoach.ui import ops
    from mlcoach.ui.app import AppController
    from mlcoach.ui.app_windows import Window
    from mlcoach.ui.instance_server import InstanceServer

    guard = NetworkGuard(monkeypatch)
    opened.store.set_state("welcome_done", True)
    server = InstanceServer(opened.layout.root)
    assert server.claim() is True
    app = QApplication.instance()
    ctl = AppController(app, opened.layout.root, server, busy=lambda: False)
    monkeypatch.setattr(ctl, "quit", lambda: None)  # keep the test's QApplication alive
    ctl.start("show", tray_wait_ms=0, opened=opened)
    for name in ("capture", "reflect", "history", "suggest", "settings"):
        ctl.open_window(Window(name))
    ctl.show_prompt(manual=True)
    from mlcoach.store.recovery import daily_check

    daily_check(opened.layout.root, opened.secret, datetime.now(timezone.utc))
    ops.pool().waitForDone(10_000)
    qtbot.wait(200)
    for widget in ctl.windows.values():
        widget.hide()
    ctl.card.hide()
    if ctl.main_window is not None:
        ctl.main_window.close()
    ctl.stop()
    server.close()
    assert guard.attempts == []


def _strace_ok() -> bool:
    if shutil.which("strace") is None:
        return False
    res = subprocess.run(["strace", "-f", "-qq", "-e", "trace=none", "true"],
                         capture_output=True)
    return res.returncode == 0


NET = re.compile(r"(connect|sendto|sendmsg)\(\d+, .*sa_family=(AF_INET6?|AF_PACKET)")


@pytest.mark.slow
@pytest.mark.skipif(not _strace_ok(), reason="strace is missing or not allowed here")
def test_no_process_opens_a_network_socket_seen_from_outside(cli_env, tmp_path):
    """strace sees every connect/sendto/sendmsg of the CLI and of the running app."""
    log = tmp_path / "trace"
    env = dict(cli_env, QT_QPA_PLATFORM="offscreen", MLCOACH_READY_SIGNAL="1",
               XDG_RUNTIME_DIR=str(tmp_path / "run"))
    (tmp_path / "run").mkdir(mode=0o700)
    trace = ["strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", str(log),
             "--", sys.executable, "-m", "mlcoach"]

    def run(*argv: str) -> None:
        res = subprocess.run([*trace, *argv], env=env, capture_output=True, text=True,
                             timeout=120)
        assert res.returncode == 0, res.stderr[-1000:]
        lines.extend(log.read_text().splitlines())

    lines: list[str] = []
    # A control: the same trace does see a connect to another host.
    probe = subprocess.run(["strace", "-f", "-qq", "-e", "trace=connect", "-o", str(log),
                            sys.executable, "-c", "import socket; "
                            "socket.socket().connect_ex(('127.0.0.1', 9))"], timeout=60)
    assert probe.returncode == 0 and NET.search(log.read_text())
    run("capture", SECRET_MOMENT)
    run("export")
    run("search", "quarterly")
    run("doctor")
    run("suggest", "--style", "facts", "--change", "a instead of b")
    app = subprocess.Popen([*trace, "run"], env=env, text=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
    try:
        assert app.stderr is not None
        deadline = time.monotonic() + 90
        ready = False
        while not ready and time.monotonic() < deadline:
            line = app.stderr.readline()
            if not line:
                break  # the app ended; the assert below says so
            ready = line.strip() == "mlcoach-ready: store"
        assert ready, "the app under strace never said it was ready"
        from mlcoach.system import instance

        data = Path(env["MLCOACH_DATA_DIR"])
        for request in ("capture", "reflect", "history", "prompt", "settings"):
            assert instance.send(data, request, timeout=30, env=env)
        hand_over = [*trace[:5], "-o", str(tmp_path / "trace2"), "--", sys.executable, "-m",
                     "mlcoach", "capture"]
        assert subprocess.run(hand_over, env=env, timeout=120).returncode == 0
        lines.extend((tmp_path / "trace2").read_text().splitlines())
        time.sleep(3)
    finally:
        instance.send(data, "quit", timeout=30, env=env)
        app.wait(timeout=60)
    lines.extend(log.read_text().splitlines())
    assert any("AF_UNIX" in line for line in lines)  # strace did see the local channel
    assert [line for line in lines if NET.search(line)] == []


# -- files ---------------------------------------------------------------------------------

def _walk(root: Path) -> Iterator[Path]:
    yield root
    yield from root.rglob("*")


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_every_file_and_folder_is_private_even_with_a_loose_umask(layout, memory_keyring,
                                                                  tmp_path):
    from mlcoach.store.recovery import daily_check, repair
    from mlcoach.store.vault import open_store
    from mlcoach.ui.draft import Draft, DraftFile

    old = os.umask(0o022)  # what a desktop session often has
    try:
        opened = open_store(layout, keys=OSKeyring(env={}))
        opened.store.add_moment(SECRET_MOMENT)
        daily_check(layout.root, opened.secret, datetime(2026, 11, 20, tzinfo=timezone.utc))
        DraftFile(layout.root / "capture-draft.txt").save(Draft(text="half typed"))
        opened.store.close()
        layout.db.write_bytes(b"")  # damaged: recovery keeps it aside and writes a note
        repair(layout.root, opened.secret, "empty",
               datetime(2026, 11, 21, tzinfo=timezone.utc), None)
        again = open_store(layout, keys=OSKeyring(env={}))
        again.store.add_moment("after")  # a live -wal and -shm
        again.store.save_settings(  # the language kept beside the store
            dataclasses.replace(again.store.settings(), language="tr"))
        loose = []
        for path in _walk(layout.root):
            mode = stat.S_IMODE(path.stat().st_mode)
            want = 0o700 if path.is_dir() else 0o600
            if mode != want:
                loose.append(f"{path.relative_to(layout.root.parent)} {oct(mode)}")
        again.store.close()
    finally:
        os.umask(old)
    assert loose == []
    names = {p.name for p in layout.root.iterdir()}
    assert {"mlcoach.db", "store.json", "backups", "capture-draft.txt", "recovery.json",
            "mlcoach-language"} <= names
    assert any(n.startswith("mlcoach.db.damaged-") for n in names)


def test_the_app_log_is_private(opened, tmp_path):
    import logging

    from mlcoach.ui.run import _configure_file_logging

    root = logging.getLogger()
    before = list(root.handlers)
    old = os.umask(0o022)
    try:
        _configure_file_logging(opened.layout.root)
        logging.getLogger("mlcoach.test").warning("a line")
    finally:
        os.umask(old)
        for handler in root.handlers[:]:
            if handler not in before:
                handler.close()
                root.removeHandler(handler)
    log = opened.layout.root / "mlcoach.log"
    assert log.exists() and stat.S_IMODE(log.stat().st_mode) == 0o600


def test_the_app_log_rolls_over_into_private_files(tmp_path):
    import logging

    from mlcoach.ui.run import _RotatingLog

    old = os.umask(0o022)
    handler = _RotatingLog(tmp_path / "mlcoach.log", max_bytes=200, backups=2)
    try:
        handler.setFormatter(logging.Formatter("%(message)s"))
        for i in range(20):
            handler.handle(logging.makeLogRecord({"msg": f"line {i:02d} " + "x" * 40}))
    finally:
        handler.close()
        os.umask(old)
    files = sorted(tmp_path.iterdir())
    assert [p.name for p in files] == ["mlcoach.log", "mlcoach.log.1", "mlcoach.log.2"]
    assert [p.read_text().split()[1] for p in files] == ["16", "12", "08"]  # newest first
    assert all(p.stat().st_size < 200 for p in files)
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in files)


# -- logs ----------------------------------------------------------------------------------

def test_logs_at_debug_never_hold_what_the_user_wrote_or_any_key(layout, memory_keyring,
                                                                 monkeypatch, tmp_path,
                                                                 capfd):
    import logging

    monkeypatch.setenv("MLCOACH_DEBUG", "1")
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))
            if record.exc_info:
                records.append(logging.Formatter().formatException(record.exc_info))

    keep = Keep(logging.DEBUG)
    real = logging.Logger.callHandlers

    def call(self: logging.Logger, record: logging.LogRecord) -> None:
        keep.handle(record)  # every record that reaches any handler, whatever cli sets up
        real(self, record)

    monkeypatch.setattr(logging.Logger, "callHandlers", call)
    _main_paths(layout, tmp_path)
    from mlcoach.store.vault import open_store

    opened = open_store(layout, keys=OSKeyring(env={}))
    opened.store.save_reflection(date.today(), energy=4, went_well=SECRET_REFLECTION)
    # Error paths too: a duplicate person, a moment too long, a refused import.
    _cli(layout, "people", "add", "Qlmnop", "--notes", SECRET_NOTE)
    _cli(layout, "capture", SECRET_MOMENT + "x" * 1_000_000)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "mlcoach-export", "version": 1,
                               "moments": [{"id": "a", "text": SECRET_MOMENT}]}))
    _cli(layout, "import", str(bad))
    _cli(layout, "recover", stdin="AAAA-BBBB\n")
    key_hex = memory_keyring.items[(KEYRING_SERVICE, opened.meta.store_id)]
    recovery = _cli(layout, "doctor", "--recovery-key")[1].strip()
    opened.store.close()
    _, err = capfd.readouterr()
    logged = "\n".join(records) + err
    assert records, "nothing was logged at all: the check would prove nothing"
    for secret in (SECRET_MOMENT, "Zyxwvut", SECRET_NOTE, SECRET_REFLECTION, key_hex,
                   key_hex.upper(), recovery, SECRET_PASSPHRASE):
        assert secret not in logged, secret
    # ... and nothing on disk besides the store holds them in the clear.
    for path in layout.root.rglob("*"):
        if path.is_file() and path.suffix in (".log", ".json", ".txt"):
            text = path.read_text("utf-8", "replace")
            assert SECRET_NOTE not in text and key_hex not in text, path


def test_delete_all_data_leaves_nothing_of_the_user(layout, memory_keyring, tmp_path):
    from mlcoach.store.recovery import daily_check
    from mlcoach.store.vault import open_store
    from mlcoach.store.wipe import delete_all
    from mlcoach.ui.draft import Draft, DraftFile

    opened = open_store(layout, keys=OSKeyring(env={}))
    opened.store.add_moment(SECRET_MOMENT)
    now = datetime(2026, 11, 20, tzinfo=timezone.utc)
    for day in range(3):
        daily_check(layout.root, opened.secret, now + timedelta(days=day))
    DraftFile(layout.root / "capture-draft.txt").save(Draft(text="half typed"))
    (layout.root / "mlcoach.log").write_text("a log line\n")
    (layout.root / "mlcoach.log.1").write_text("an older log line\n")
    assert len(list(layout.backups.glob("mlcoach-*.db"))) == 3
    assert memory_keyring.items
    delete_all(layout, OSKeyring(env={}), store=opened.store)
    assert not layout.root.exists()
    assert memory_keyring.items == {}


def test_an_error_no_slot_caught_is_in_the_app_log(opened, capsys):
    """Started at login, the app's stderr goes nowhere: the log must have it."""
    import logging
    import sys

    from mlcoach.ui.run import _configure_file_logging

    root = logging.getLogger()
    before, hook = list(root.handlers), sys.excepthook
    try:
        _configure_file_logging(opened.layout.root)
        try:
            raise OverflowError("date value out of range")
        except OverflowError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = hook
        for handler in root.handlers[:]:
            if handler not in before:
                handler.close()
                root.removeHandler(handler)
    text = (opened.layout.root / "mlcoach.log").read_text()
    assert "CRITICAL" in text and "uncaught error" in text
    assert "Traceback" in text and "OverflowError: date value out of range" in text
    assert "OverflowError: date value out of range" in capsys.readouterr().err  # as before


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_loosened_permissions_are_made_private_again_at_the_next_open(opened, layout,
                                                                      memory_keyring):
    """A chmod, a copy or an archive tool may loosen them; the next open tightens all."""
    from mlcoach.security.keys import OSKeyring
    from mlcoach.store.vault import open_light, open_store

    opened.store.add_moment("kept private")
    opened.store.close()
    layout.backups.mkdir(exist_ok=True)
    (layout.backups / "mlcoach-2026-12-01-daily.db").write_bytes(b"x")
    loose = [(layout.root, 0o777), (layout.backups, 0o777), (layout.db, 0o644),
             (layout.meta, 0o644), (layout.backups / "mlcoach-2026-12-01-daily.db", 0o644)]
    for opener in (open_light, open_store):
        for path, mode in loose:
            path.chmod(mode)
        opener(layout, keys=OSKeyring()).store.close()
        assert [(p.name, oct(stat.S_IMODE(p.stat().st_mode))) for p, _ in loose] == [
            (p.name, oct(0o700 if p.is_dir() else 0o600)) for p, _ in loose]


def _victim(tmp_path: Path, name: str) -> Path:
    """A file of another user (uid 5), open to all to read, as /etc/passwd is."""
    victim = tmp_path / name
    victim.write_text("another user's file\n")
    os.chown(victim, 5, 5)
    victim.chmod(0o644)
    return victim


@pytest.mark.skipif(os.geteuid() != 0, reason="makes a file of another user (root only)")
def test_a_planted_link_is_never_followed_to_another_users_file(opened, layout, tmp_path,
                                                               memory_keyring):
    """Under a `sudo mlcoach`, a link in the data folder to a file of another user was
    made owner-only (chmod follows links), and the app's log was written into it."""
    import logging

    from mlcoach.security.keys import OSKeyring
    from mlcoach.store.vault import open_light
    from mlcoach.ui.run import _configure_file_logging

    opened.store.close()
    layout.backups.mkdir(exist_ok=True)
    linked = {layout.backups / "mlcoach-20261201T080000-daily.db": _victim(tmp_path, "a"),
              layout.root / "mlcoach.log": _victim(tmp_path, "b")}
    for link, victim in linked.items():
        link.symlink_to(victim)
    open_light(layout, keys=OSKeyring()).store.close()
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        _configure_file_logging(layout.root)
        logging.getLogger("mlcoach.test").warning("a line for the log")
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                handler.close()
                root.removeHandler(handler)
    assert [(v.read_text(), oct(stat.S_IMODE(v.stat().st_mode))) for v in linked.values()] \
        == [("another user's file\n", "0o644")] * 2


def test_a_linked_side_file_is_named(cli_env, tmp_path):
    """SQLite will not open a -wal or -shm that is a link: the store did not open, "check
    the data folder's permissions", which they were not."""
    from tests.conftest import run_cli

    assert run_cli(cli_env, "capture", "before the link").returncode == 0
    data = Path(cli_env["MLCOACH_DATA_DIR"])
    (data / "mlcoach.db-shm").symlink_to(tmp_path / "elsewhere")
    res = run_cli(cli_env, "capture", "not stored")
    assert res.returncode == 1
    assert res.stderr.strip().splitlines() == [
        f"mlcoach: {data / 'mlcoach.db-shm'} is a link or not a regular file, which SQLite "
        "will not open; move it out of the data folder (nothing was written)"]
    assert not (tmp_path / "elsewhere").exists()
    (data / "mlcoach.db-shm").unlink()
    assert "[before] the link" in run_cli(cli_env, "search", "before").stdout


def test_a_folder_of_the_users_own_keeps_its_mode(cli_env, tmp_path):
    """`--data-dir` at a folder that holds the user's own files (as root, `--data-dir /`
    did this to the root folder) made the folder owner-only, locking others out of it.
    There only others' write is taken away (no one may put a store.json there); mlcoach's
    own files are private; an empty folder becomes private, and so does the store's own
    folder with a stray .DS_Store in it (the review: it was left open to all)."""
    from tests.conftest import run_cli

    theirs = tmp_path / "Documents"
    theirs.mkdir()
    (theirs / "report.txt").write_text("mine")
    theirs.chmod(0o775)
    env = {**cli_env, "MLCOACH_DATA_DIR": str(theirs)}
    for args in (("capture", "Thanked Ana"), ("people", "add", "Quinn"), ("stats",)):
        assert run_cli(env, *args).returncode == 0
    assert stat.S_IMODE(theirs.stat().st_mode) == 0o755
    assert stat.S_IMODE((theirs / "mlcoach.db").stat().st_mode) == 0o600
    assert stat.S_IMODE((theirs / "store.json").stat().st_mode) == 0o600
    assert (theirs / "report.txt").read_text() == "mine"
    empty = tmp_path / "new-empty"
    empty.mkdir()
    empty.chmod(0o755)
    assert run_cli({**cli_env, "MLCOACH_DATA_DIR": str(empty)}, "capture", "x").returncode == 0
    assert stat.S_IMODE(empty.stat().st_mode) == 0o700
    (empty / ".DS_Store").write_bytes(b"\0")
    empty.chmod(0o777)
    assert run_cli({**cli_env, "MLCOACH_DATA_DIR": str(empty)}, "stats").returncode == 0
    assert stat.S_IMODE(empty.stat().st_mode) & 0o022 == 0
