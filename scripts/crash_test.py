#!/usr/bin/env python3
"""Kill mlcoach with SIGKILL at random moments and check that nothing it confirmed is lost.

    python scripts/crash_test.py --kills 2000 [--seed N] [--json]

What is killed, in child processes:

* `mlcoach capture TEXT` (the CLI's quick path, mlcoach/store/quick.py): warm workers forked
  from this process call `mlcoach.cli.main.main` in a loop, two at a time on the same store,
  on an unencrypted and on an encrypted store (raw key in a keyring); plus real
  `python -m mlcoach capture` processes killed anywhere in their life, start-up included.
* The first start on an empty data folder (store set-up), killed half way.
* The quick-capture draft (ui/draft.py, the same atomic write the window uses).

A capture counts as confirmed when the CLI returned 0 and printed its id. Afterwards:
every confirmed moment is in the store with its exact text, `PRAGMA integrity_check`
and the full-text index check pass, opening the store restores nothing (no false alarm),
each draft read back is the last one confirmed or the one being written, and every
folder whose first start was killed works on the next try. Exit status 0 when all hold.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


@dataclass
class Report:
    """The figures of one run."""

    seed: int
    kills: int = 0
    kills_by_kind: dict[str, int] = field(default_factory=dict)
    confirmed: int = 0  # captures that returned 0 and printed an id
    lost: int = 0  # confirmed but missing or changed afterwards
    drafts_checked: int = 0
    drafts_lost: int = 0
    init_folders: int = 0
    init_stuck: int = 0  # folders whose next start failed after a killed first start
    integrity: dict[str, str] = field(default_factory=dict)
    false_recoveries: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def count(self, kind: str) -> None:
        self.kills += 1
        self.kills_by_kind[kind] = self.kills_by_kind.get(kind, 0) + 1

    @property
    def ok(self) -> bool:
        return (not self.problems and self.lost == 0 and self.drafts_lost == 0
                and self.init_stuck == 0 and self.false_recoveries == 0
                and all(v == "ok" for v in self.integrity.values()))


class AtomicFileKeyring:
    """A keyring backend for this run: one file per entry, replaced atomically.

    Every child (forked or spawned) reaches the same keys through it, as desktop
    processes reach the Secret Service. Not keyrings.alt's PlaintextKeyring: that one
    rewrites a single file in place, so a kill during any write (here: while a first
    start stores its new key) can empty it and lose every key in it.
    """

    priority = 1

    def _path(self, service: str, username: str) -> Path:
        import hashlib

        digest = hashlib.sha256(f"{service}\0{username}".encode()).hexdigest()
        return Path(os.environ["MLCOACH_CRASH_KEYRING"]) / digest

    def get_password(self, service: str, username: str) -> str | None:
        try:
            return self._path(service, username).read_text()
        except FileNotFoundError:
            return None

    def set_password(self, service: str, username: str, password: str) -> None:
        from mlcoach.system.paths import atomic_write

        atomic_write(self._path(service, username), password)

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        try:
            self._path(service, username).unlink()
        except FileNotFoundError:
            raise PasswordDeleteError(username) from None


def _keyring_class() -> type:
    """AtomicFileKeyring as a real keyring backend (keyring is imported only here)."""
    from keyring.backend import KeyringBackend

    return type("AtomicFileKeyring", (AtomicFileKeyring, KeyringBackend), {})


def __getattr__(name: str) -> object:
    # PYTHON_KEYRING_BACKEND=crash_test.Backend makes keyring build it in spawned children.
    if name == "Backend":
        return _keyring_class()
    raise AttributeError(name)


def _env(work: Path) -> dict[str, str]:
    """A private HOME and one crash-safe keyring for every child."""
    home = work / "home"
    keys = work / "keyring"
    keys.mkdir(mode=0o700, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MLCOACH_")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / ".local/share"),
               XDG_CONFIG_HOME=str(home / ".config"),
               PYTHON_KEYRING_BACKEND="crash_test.Backend", MLCOACH_CRASH_KEYRING=str(keys),
               PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "scripts")]))
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    return env


def _text(rng: random.Random, tag: str) -> str:
    """A moment with a unique token; some long, some with @Name and #tags."""
    token = f"{tag}-{rng.getrandbits(48):012x}"
    body = rng.choice(["Thanked @Ana for the notes #thanks", "Asked Bo how it would work",
                       "Showed the new checklist by example #example", "Recognised a small win"])
    return f"{token} {body}" + (" and more" * rng.randint(0, 200) if rng.random() < 0.2 else "")


# -- children ------------------------------------------------------------------------------

def _capture_loop(data: Path, out_fd: int, seed: int) -> None:
    """Forked child: capture through the CLI until killed; report each confirmed one."""
    from mlcoach.cli.main import main

    rng = random.Random(seed)
    while True:
        text = _text(rng, f"f{os.getpid()}")
        out, err = io.StringIO(), io.StringIO()
        code = main(["--data-dir", str(data), "capture", text], stdout=out, stderr=err)
        if code == 0 and out.getvalue().strip():
            os.write(out_fd, json.dumps({"id": out.getvalue().strip(), "text": text})
                     .encode() + b"\n")
        elif code != 0:
            os.write(out_fd, json.dumps({"error": err.getvalue().strip()}).encode() + b"\n")


def _draft_loop(path: Path, out_fd: int, start: int) -> None:
    """Forked child: save ever newer drafts until killed; report each saved one."""
    from mlcoach.ui.draft import Draft, DraftFile

    drafts = DraftFile(path)
    n = start
    while True:
        n += 1
        drafts.save(Draft(text=_draft_text(n)))
        os.write(out_fd, f"{n}\n".encode())


def _draft_text(n: int) -> str:
    return f"{n}|" + "typing a moment about @Ana " * (n % 37 + 1)


def _init_once(data: Path) -> None:
    """Forked child: the first capture in an empty folder (sets the store up)."""
    from mlcoach.cli.main import main

    os._exit(main(["--data-dir", str(data), "capture", "first"], stdout=io.StringIO(),
                  stderr=io.StringIO()))


def _fork(target, *args) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Start `target(*args, write_fd)` in a forked child; returns (pid, read_fd)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(r)
        try:
            target(*args[:1], w, *args[1:])
        finally:
            os._exit(0)
    os.close(w)
    return pid, r


def _read_all(fd: int) -> list[str]:
    chunks = []
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(fd)
    raw = b"".join(chunks).decode("utf-8", "replace")
    return raw.split("\n")[:-1]  # only complete lines were confirmed


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)


# -- phases ---------------------------------------------------------------------------------

def _pace(data: Path, rng: random.Random, confirmed: dict[str, str]) -> float:
    """Seconds one warm capture takes on this machine now (the median of three).

    Kill moments are drawn over a few captures' time, so a slow or busy machine still
    has its workers killed in the middle of their work, not before the first write.
    """
    from mlcoach.cli.main import main

    times = []
    for _ in range(3):
        text, out = _text(rng, "pace"), io.StringIO()
        started = time.monotonic()
        code = main(["--data-dir", str(data), "capture", text], stdout=out,
                    stderr=io.StringIO())
        times.append(time.monotonic() - started)
        if code == 0 and out.getvalue().strip():
            confirmed[out.getvalue().strip()] = text
    return sorted(times)[1]


def _captures(report: Report, data: Path, kills: int, rng: random.Random, kind: str,
              confirmed: dict[str, str]) -> None:
    """Two warm CLI workers on one store, each killed at a random moment, again and again."""
    window = max(0.15, 4 * _pace(data, rng, confirmed))
    done = 0
    while done < kills:
        pairs = [_fork(_capture_loop, data, rng.getrandbits(32)) for _ in range(2)]
        for pid, fd in pairs:
            time.sleep(rng.uniform(0.0, window))
            _kill(pid)
            report.count(kind)
            done += 1
            for line in _read_all(fd):
                msg = json.loads(line)
                if "error" in msg:
                    report.problems.append(f"{kind}: capture failed: {msg['error']}")
                else:
                    confirmed[msg["id"]] = msg["text"]


def _spawned(report: Report, data: Path, kills: int, rng: random.Random, env: dict[str, str],
             kind: str, confirmed: dict[str, str]) -> None:
    """Real `python -m mlcoach capture` processes, killed anywhere from start-up on."""
    for _ in range(kills):
        text = _text(rng, "s")
        proc = subprocess.Popen([sys.executable, "-m", "mlcoach", "--data-dir", str(data),
                                 "capture", text], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.05, 0.9))
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate()
        report.count(kind)
        if proc.returncode == 0 and out.strip():
            confirmed[out.decode().strip()] = text
        elif proc.returncode not in (0, -signal.SIGKILL):
            report.problems.append(f"{kind}: exit {proc.returncode}: {err.decode()[-300:]}")


def _drafts(report: Report, work: Path, kills: int, rng: random.Random) -> None:
    from mlcoach.ui.draft import DraftFile

    folder = work / "drafts"
    folder.mkdir(mode=0o700)
    path = folder / "capture-draft.txt"
    last = 0
    for _ in range(kills):
        pid, fd = _fork(_draft_loop, path, last)
        time.sleep(rng.uniform(0.0, 0.05))
        _kill(pid)
        report.count("draft")
        lines = _read_all(fd)
        confirmed = int(lines[-1]) if lines else last
        draft = DraftFile(path).load()  # what the capture window shows at the next start
        report.drafts_checked += 1
        if draft is None:
            n, intact = 0, True  # killed before the first save: nothing was typed yet
        else:
            n = int(draft.text.split("|", 1)[0])
            intact = draft.text == _draft_text(n)
        if not intact or n not in (confirmed, confirmed + 1):
            report.drafts_lost += 1
            report.problems.append(f"draft: confirmed {confirmed}, read back {n}")
        last = max(n, confirmed)


def _first_starts(report: Report, work: Path, kills: int, rng: random.Random) -> None:
    from mlcoach.cli.main import main

    for i in range(kills):
        data = work / f"first-{i}"
        pid = os.fork()
        if pid == 0:
            _init_once(data)
        time.sleep(rng.uniform(0.0, 0.12))
        _kill(pid)
        report.count("first start")
        report.init_folders += 1
        err = io.StringIO()
        if main(["--data-dir", str(data), "capture", "second"], stdout=io.StringIO(),
                stderr=err) != 0:
            report.init_stuck += 1
            report.problems.append(f"first start {i}: next start failed: {err.getvalue()}")


# -- checks ---------------------------------------------------------------------------------

def _verify(report: Report, name: str, data: Path, confirmed: dict[str, str]) -> None:
    from mlcoach.domain.capture import parse_capture
    from mlcoach.security.keys import OSKeyring
    from mlcoach.store.db import connect_raw
    from mlcoach.store.recovery import read_note, verify
    from mlcoach.store.vault import Layout, open_store

    layout = Layout(data)
    opened = open_store(layout, keys=OSKeyring())
    opened.store.close()
    if opened.recovered is not None or read_note(data) is not None:
        report.false_recoveries += 1
    if not verify(layout.db, opened.secret):
        report.false_recoveries += 1
    conn = connect_raw(layout.db, opened.secret)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        try:
            conn.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
        except Exception as exc:
            integrity = f"full-text index: {exc}"
        unindexed = conn.execute(
            "SELECT count(*) FROM moments WHERE id NOT IN "
            "(SELECT ref FROM search_fts WHERE entity = 'moment')").fetchone()[0]
        if unindexed:
            integrity = f"{unindexed} moments missing from the search index"
        stored = dict(conn.execute("SELECT id, text FROM moments").fetchall())
    finally:
        conn.close()
    report.integrity[name] = integrity
    report.confirmed += len(confirmed)
    for moment_id, typed in confirmed.items():
        if stored.get(moment_id) != parse_capture(typed).text:
            report.lost += 1
            report.problems.append(f"{name}: confirmed moment {moment_id} is "
                                   + ("missing" if moment_id not in stored else "changed"))


def _setup(env: dict[str, str], data: Path, *args: str) -> None:
    res = subprocess.run([sys.executable, "-m", "mlcoach", "--data-dir", str(data), "init",
                          *args], env=env, capture_output=True, text=True, timeout=120)
    if res.returncode != 0:
        raise SystemExit(f"cannot set up {data}: {res.stderr}")
    # The day's first write takes the day's backup (as for any user); after it, the
    # killed workers below measure captures, not a backup started again and again.
    subprocess.run([sys.executable, "-m", "mlcoach", "--data-dir", str(data), "capture",
                    "set-up"], env=env, capture_output=True, text=True, timeout=120,
                   check=True)


def run(kills: int, seed: int, work: Path) -> Report:
    """Run every phase, sharing `kills` among them; returns the figures."""
    started = time.monotonic()
    report = Report(seed=seed)
    rng = random.Random(seed)
    env = _env(work)
    os.environ.update(env)  # forked children and the checks use the same keyring file
    share = {"plain": 0.34, "encrypted": 0.22, "draft": 0.24, "spawned": 0.12, "first": 0.08}
    n = {k: max(2, round(kills * v)) for k, v in share.items()}
    n["plain"] += kills - sum(n.values())

    plain, secure = work / "plain", work / "encrypted"
    _setup(env, plain, "--no-encryption")
    _setup(env, secure)  # a random raw key in the (file) keyring, as on a desktop
    # Warm imports: forked workers start capturing at once.
    import mlcoach.cli.main
    import mlcoach.store.quick  # noqa: F401

    confirmed: dict[str, dict[str, str]] = {"plain": {}, "encrypted": {}}
    _captures(report, plain, n["plain"], rng, "capture (plain)", confirmed["plain"])
    _captures(report, secure, n["encrypted"], rng, "capture (encrypted)",
              confirmed["encrypted"])
    half = n["spawned"] // 2
    _spawned(report, plain, half, rng, env, "process (plain)", confirmed["plain"])
    _spawned(report, secure, n["spawned"] - half, rng, env, "process (encrypted)",
             confirmed["encrypted"])
    _drafts(report, work, n["draft"], rng)
    _first_starts(report, work, n["first"], rng)
    _verify(report, "plain", plain, confirmed["plain"])
    _verify(report, "encrypted", secure, confirmed["encrypted"])
    report.seconds = round(time.monotonic() - started, 1)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--workdir", type=Path, help="keep the stores here for inspection")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    ns = parser.parse_args(argv)
    seed = ns.seed if ns.seed is not None else random.SystemRandom().getrandbits(32)
    if ns.workdir:
        ns.workdir.mkdir(parents=True, exist_ok=True)
        work = ns.workdir
    else:
        work = Path(tempfile.mkdtemp(prefix="mlcoach-crash-"))
    try:
        report = run(ns.kills, seed, work)
    finally:
        if not ns.workdir:
            shutil.rmtree(work, ignore_errors=True)
    if ns.json:
        print(json.dumps({**asdict(report), "ok": report.ok}, indent=1))
    else:
        print(f"seed {report.seed}: {report.kills} kills in {report.seconds} s "
              f"({', '.join(f'{k} {v}' for k, v in report.kills_by_kind.items())})")
        print(f"confirmed captures {report.confirmed}, lost {report.lost}; drafts checked "
              f"{report.drafts_checked}, lost {report.drafts_lost}; killed first starts "
              f"{report.init_folders}, stuck {report.init_stuck}; integrity "
              f"{report.integrity}; false recoveries {report.false_recoveries}")
        for problem in report.problems[:20]:
            print("PROBLEM:", problem)
        print("OK" if report.ok else "FAILED")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
