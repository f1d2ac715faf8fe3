"""Shared pieces of the benchmarks: a private headless desktop, alternating timing,
medians and ratios, and a cached generated store.

Plain Python; the only services are the ones `Desktop` starts itself (Xvfb, a
session bus, gnome-keyring as the Secret Service, trayer), killed by PID.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
PY = str(VENV / "bin" / "python") if (VENV / "bin" / "python").exists() else sys.executable
MLCOACH = str(VENV / "bin" / "mlcoach") if (VENV / "bin" / "mlcoach").exists() else "mlcoach"
APP_ID = "io.github.mlcoach.MLCoach"
# The generated benchmark store holds synthetic data only; its key is this published
# constant so that a cached copy needs no key file on disk.
BENCH_KEY = hashlib.sha256(b"mlcoach benchmark store, synthetic data only").digest()
READY = "mlcoach-ready: "


# -- timing ------------------------------------------------------------------------------

def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def alternate(cases: Mapping[str, Callable[[], float]], runs: int,
              warmup: int = 1) -> dict[str, list[float]]:
    """Run each case `runs` times, interleaved (A B C, B C A, ...), after `warmup` rounds.

    Each callable returns one measurement in seconds.
    """
    names = list(cases)
    for _ in range(warmup):
        for name in names:
            cases[name]()
    out: dict[str, list[float]] = {n: [] for n in names}
    for i in range(runs):
        order = names[i % len(names):] + names[:i % len(names)]
        for name in order:
            out[name].append(cases[name]())
    return out


def ratio(values: Sequence[float], base: Sequence[float]) -> float:
    """The figure every benchmark reports against its baseline: the median of the
    per-round ratios (each round ran both close together, so a slow spell of the shared
    machine cancels out), or median over median when the runs do not pair up."""
    if len(values) == len(base) and all(base):
        return median([v / b for v, b in zip(values, base, strict=True)])
    b = median(base)
    return median(values) / b if b else float("nan")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


@dataclass
class Row:
    """One line of a results table."""

    what: str
    value: str
    ratio: str = ""
    target: str = ""
    met: bool | None = None

    def cells(self) -> list[str]:
        verdict = "" if self.met is None else ("met" if self.met else "NOT MET")
        return [self.what, self.value, self.ratio, self.target, verdict]


@dataclass
class Report:
    """What a benchmark prints: a markdown table plus the raw figures as JSON."""

    title: str
    rows: list[Row] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, *args: Any, **kw: Any) -> None:
        self.rows.append(Row(*args, **kw))

    def markdown(self) -> str:
        head = ["what", "median", "ratio", "target", ""]
        lines = [f"### {self.title}", "", "| " + " | ".join(head) + " |",
                 "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(r.cells()) + " |" for r in self.rows]
        lines += [""] + [f"- {n}" for n in self.notes]
        return "\n".join(lines).rstrip() + "\n"

    def emit(self, json_path: Path | None = None) -> None:
        sys.stdout.write(self.markdown() + "\n")
        sys.stdout.flush()
        if json_path is not None:
            json_path.write_text(json.dumps(
                {"title": self.title, "rows": [r.__dict__ for r in self.rows],
                 "raw": self.raw, "notes": self.notes}, indent=1) + "\n")


# -- a private desktop ---------------------------------------------------------------------

def _display_range() -> range:
    """Display numbers to try: MLCOACH_BENCH_DISPLAYS="180-199" keeps a run to its own."""
    spec = os.environ.get("MLCOACH_BENCH_DISPLAYS", "")
    low, _, high = spec.partition("-")
    if low.isdigit() and high.isdigit():
        return range(int(low), int(high) + 1)
    # Far above the integration tests' numbers (91+), so parallel runs do not collide.
    return range(300, 500)


def _free_display(start: int = 0) -> int:
    for n in _display_range():
        if n < start:
            continue
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            return n
    raise RuntimeError("no free X display number")


def wait_for(check: Callable[[], bool], timeout: float = 10.0, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(step)
    return False


class Desktop:
    """Xvfb + a session bus + gnome-keyring (Secret Service) + trayer, started and
    stopped by this object. `x=False` gives just the bus and the keyring."""

    def __init__(self, *, x: bool = True, tray: bool = True) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="mlcoach-bench-"))
        self.home, self.runtime = self.root / "home", self.root / "run"
        self.home.mkdir()
        self.runtime.mkdir(mode=0o700)
        self.pids: list[int] = []
        self.x, self.tray = x, tray
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("MLCOACH_", "PYTHON_KEYRING", "DBUS_", "QT_",
                                         "DISPLAY", "WAYLAND", "XDG_"))
                    and k != "PYTHONDONTWRITEBYTECODE"}  # installs ship bytecode: use it
        self.env.update(HOME=str(self.home), XDG_RUNTIME_DIR=str(self.runtime),
                        XDG_DATA_HOME=str(self.home / ".local/share"),
                        XDG_CONFIG_HOME=str(self.home / ".config"),
                        XDG_CACHE_HOME=str(self.home / ".cache"), LANG="C.UTF-8")

    def _spawn(self, *args: str) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(args, env=self.env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        self.pids.append(proc.pid)
        return proc

    def _run(self, *args: str, stdin: str | None = None) -> str:
        return subprocess.run(args, env=self.env, input=stdin, capture_output=True,
                              text=True, check=True).stdout

    def start(self) -> Desktop:
        for tool in ("dbus-daemon", "gnome-keyring-daemon") + (
                ("Xvfb", "xdpyinfo", "xwininfo") if self.x else ()) + (
                ("trayer",) if self.tray else ()):
            if shutil.which(tool) is None:
                raise SystemExit(f"benchmark needs {tool} (see scripts/system-deps.sh)")
        try:
            if self.x:
                self._start_x()
            address, bus_pid = self._run("dbus-daemon", "--session", "--fork",
                                         "--print-address=1", "--print-pid=1").split()
            self.env["DBUS_SESSION_BUS_ADDRESS"] = address
            self.pids.append(int(bus_pid))
            # A stand-in for the machine's system bus, which every desktop has: without
            # one the app tries again to reach it (logind's wake), further apart each time.
            address, bus_pid = self._run("dbus-daemon", "--session", "--fork",
                                         "--print-address=1", "--print-pid=1").split()
            self.env["DBUS_SYSTEM_BUS_ADDRESS"] = address
            self.pids.append(int(bus_pid))
            out = self._run("gnome-keyring-daemon", "--unlock", "--daemonize",
                            "--components=secrets", stdin="bench-pw")
            for line in out.splitlines():
                key, _, value = line.partition("=")
                if key == "GNOME_KEYRING_CONTROL":
                    self.env[key] = value
                elif key == "GNOME_KEYRING_PID" and value.isdigit():
                    self.pids.append(int(value))
            owner = self._keyring_pid()
            if owner and owner not in self.pids:
                self.pids.append(owner)
            if self.x and self.tray:
                self._start_tray()
        except BaseException:
            self.stop()
            raise
        return self

    def _start_tray(self) -> None:
        """trayer, tried twice: on a loaded machine its first start has been seen to fail
        (a CI run with the test suite beside it)."""
        for _ in range(2):
            tray = self._spawn("trayer", "--edge", "top", "--align", "right",
                               "--widthtype", "request", "--height", "32",
                               "--transparent", "false", "--SetDockType", "true")
            if wait_for(lambda t=tray: t.poll() is not None or "trayer" in self.windows(),
                        30, 0.2) and tray.poll() is None:
                return
            if tray.poll() is None:
                tray.kill()
                tray.wait(10)
        raise RuntimeError("trayer did not start")

    def _start_x(self) -> None:
        """Xvfb on a free display; another display if someone took this one meanwhile."""
        display = _free_display()
        for _ in range(5):
            self.env["DISPLAY"] = f":{display}"
            xvfb = self._spawn("Xvfb", f":{display}", "-screen", "0", "1280x800x24",
                               "-nolisten", "tcp", "-noreset")
            if wait_for(lambda x=xvfb: x.poll() is not None or subprocess.run(
                    ["xdpyinfo"], env=self.env, capture_output=True).returncode == 0, 30, 0.1) \
                    and xvfb.poll() is None:
                return
            display = _free_display(display + 1)
        raise RuntimeError("Xvfb did not start")

    def _keyring_pid(self) -> int | None:
        """The Secret Service's PID, asked of the bus (it may register a moment late)."""
        for _ in range(50):
            out = subprocess.run(
                ["dbus-send", "--session", "--dest=org.freedesktop.DBus", "--print-reply",
                 "/org/freedesktop/DBus", "org.freedesktop.DBus.GetConnectionUnixProcessID",
                 "string:org.freedesktop.secrets"], env=self.env, capture_output=True,
                text=True).stdout.split()
            if out and out[-1].isdigit():
                return int(out[-1])
            time.sleep(0.1)
        return None

    def windows(self) -> str:
        return subprocess.run(["xwininfo", "-root", "-tree"], env=self.env,
                              capture_output=True, text=True).stdout

    def window_ids(self, title: str) -> list[int]:
        """Top-level windows whose title contains `title`."""
        out = []
        for line in self.windows().splitlines():
            parts = line.split(None, 1)
            if len(parts) == 2 and parts[0].startswith("0x") and '"' in parts[1]:
                name = parts[1].split('"')[1]
                if title in name:
                    out.append(int(parts[0], 16))
        return out

    def close_window(self, window: int) -> None:
        """Ask a window to close as a window manager's close button does (WM_DELETE_WINDOW)."""
        subprocess.run([PY, "-c", _CLOSE_WINDOW, str(window)], env=self.env, check=True,
                       timeout=20)

    def set_key(self, store_id: str, key: bytes) -> None:
        """Put a store's key into this session's Secret Service, as the app would."""
        code = ("import sys, keyring; keyring.set_password(sys.argv[1], sys.argv[2], "
                "sys.stdin.read().strip())")
        subprocess.run([PY, "-c", code, APP_ID, store_id], env=self.env, input=key.hex(),
                       text=True, check=True)

    def stop(self) -> None:
        for pid in reversed(self.pids):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        time.sleep(0.2)
        for pid in self.pids:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, os.WNOHANG)
            except (ProcessLookupError, ChildProcessError):
                pass
        self.pids.clear()
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Desktop:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


# A WM_PROTOCOLS/WM_DELETE_WINDOW client message through libX11 (ctypes; no xdotool).
_CLOSE_WINDOW = """
import ctypes, ctypes.util, sys
x = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
x.XOpenDisplay.restype = ctypes.c_void_p
x.XFlush.argtypes = x.XCloseDisplay.argtypes = [ctypes.c_void_p]
x.XInternAtom.restype = ctypes.c_ulong
x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
class Msg(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong),
                ("message_type", ctypes.c_ulong), ("format", ctypes.c_int),
                ("l", ctypes.c_long * 5), ("pad", ctypes.c_long * 16)]
d = x.XOpenDisplay(None)
win = int(sys.argv[1])
ev = Msg(type=33, send_event=1, display=d, window=win, format=32)
ev.message_type = x.XInternAtom(d, b"WM_PROTOCOLS", 0)
ev.l[0] = x.XInternAtom(d, b"WM_DELETE_WINDOW", 0)
x.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long,
                         ctypes.c_void_p]
x.XSendEvent(d, win, 0, 0, ctypes.byref(ev))
x.XFlush(d)
x.XCloseDisplay(d)
"""


# -- processes that report readiness ------------------------------------------------------------

class ReadyProcess:
    """A child whose stderr lines `mlcoach-ready: WHAT` are time-stamped as they arrive."""

    def __init__(self, args: Sequence[str], env: Mapping[str, str],
                 cwd: Path | None = None) -> None:
        import threading

        self.marks: dict[str, float] = {}
        self.lines: list[str] = []
        self._cond = threading.Condition()
        self.t0 = time.perf_counter()
        self.proc = subprocess.Popen(list(args), env={**env, "MLCOACH_READY_SIGNAL": "1"},
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     cwd=cwd)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for raw in self.proc.stderr:
            now = time.perf_counter()
            line = raw.decode("utf-8", "replace").rstrip("\n")
            with self._cond:
                self.lines.append(line)
                if line.startswith(READY):
                    self.marks.setdefault(line[len(READY):].strip(), now)
                self._cond.notify_all()

    def wait(self, what: str, timeout: float = 30.0) -> float:
        """Seconds from process start until `what` was reported."""
        with self._cond:
            ok = self._cond.wait_for(lambda: what in self.marks or self.proc.poll() is not None,
                                     timeout)
            if what not in self.marks:
                tail = "\n".join(self.lines[-15:])
                raise RuntimeError(f"no '{what}' from {self.proc.args} "
                                   f"({'exited' if ok else 'timed out'}):\n{tail}")
            return self.marks[what] - self.t0

    def at(self, what: str, timeout: float = 30.0) -> float:
        """The perf_counter instant `what` was reported."""
        self.wait(what, timeout)
        return self.marks[what]

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stop(self, timeout: float = 10.0) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._reader.join(2)


# -- /proc figures --------------------------------------------------------------------------------

def memory_kb(pid: int) -> dict[str, int]:
    """Rss and Pss from /proc/PID/smaps_rollup, in kB."""
    out: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("Rss", "Pss"):
            out[key] = int(rest.split()[0])
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the whole process (all threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def ctx_switches(pid: int) -> dict[str, int]:
    """Voluntary context switches per thread ("name/tid" -> count)."""
    out: dict[str, int] = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            status = (task / "status").read_text()
            name = (task / "comm").read_text().strip()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("voluntary_ctxt_switches:"):
                out[f"{name}/{task.name}"] = int(line.split()[1])
    return out


# -- a regular (non-editable) install --------------------------------------------------------

def regular_install() -> Path:
    """A venv with mlcoach copied in as a wheel would lay it out (bytecode compiled) and the
    dev venv's packages on its path: a user's install, without the editable install's
    import hook (~15 ms on every start of the dev venv). Rebuilt on each call."""
    import compileall
    import sysconfig

    venv = cache_root() / "venv-regular"
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([PY, "-m", "venv", "--without-pip", str(venv)], check=True)
    code = "import sysconfig; print(sysconfig.get_path('purelib'))"
    site = Path(subprocess.run([str(venv / "bin" / "python"), "-c", code],
                               capture_output=True, text=True, check=True).stdout.strip())
    dev_site = sysconfig.get_path("purelib", vars={"base": str(VENV), "platbase": str(VENV)})
    (site / "zz-dev-packages.pth").write_text(dev_site + "\n")
    pkg = site / "mlcoach"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "mlcoach", pkg, ignore=ignore)
    shutil.copytree(ROOT / "ui", pkg / "ui", ignore=ignore)
    shutil.copytree(ROOT / "resources", pkg / "resources", ignore=ignore)
    compileall.compile_dir(str(pkg), quiet=1)
    script = venv / "bin" / "mlcoach"
    script.write_text(f"#!{venv / 'bin' / 'python'}\nimport sys\n"
                      "from mlcoach.cli.main import main\n"
                      "if __name__ == '__main__':\n    sys.exit(main())\n")
    script.chmod(0o755)
    return script


# -- the generated store ------------------------------------------------------------------------

def cache_root() -> Path:
    base = os.environ.get("MLCOACH_BENCH_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "mlcoach-bench")
    return Path(base)


class _ConstKeys:
    """A KeyStore holding only the benchmark key (nothing is written anywhere)."""

    def available(self) -> bool:
        return True

    def get(self, store_id: str) -> bytes | None:
        return BENCH_KEY

    def set(self, store_id: str, key: bytes) -> None:
        pass

    def delete(self, store_id: str) -> None:
        pass


def generated_store(years: int, seed: int = 1) -> Path:
    """A data folder with `years` of generated history (cached; built on first use).

    The folder also holds bench.json: the store id and when the history ends.
    """
    from mlcoach.store.migrations import HEAD

    folder = cache_root() / f"store-{years}y-seed{seed}-{HEAD}"
    if (folder / "bench.json").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    code = (
        "import dataclasses, json, sys, time\n"
        "from datetime import UTC, datetime\n"
        "from pathlib import Path\n"
        "from benchmarks import harness\n"
        "from benchmarks.generate_store import generate\n"
        "from mlcoach.store import vault\n"
        "vault.new_raw_key = lambda: harness.BENCH_KEY\n"
        "layout = vault.Layout(Path(sys.argv[1]))\n"
        "now = datetime.now(UTC)\n"
        "t = time.perf_counter()\n"
        "opened = vault.init_store(layout, 'keyring', keys=harness._ConstKeys())\n"
        "counts = generate(opened.store, years=int(sys.argv[2]), seed=int(sys.argv[3]), now=now)\n"
        "opened.store.close()\n"
        "(layout.root / 'bench.json').write_text(json.dumps({'store_id': opened.meta.store_id,"
        " 'now': now.isoformat(), 'counts': dataclasses.asdict(counts),"
        " 'seconds': round(time.perf_counter() - t, 1)}))\n"
    )
    sys.stderr.write(f"generating a {years}-year store in {folder} (once; cached)...\n")
    subprocess.run([PY, "-c", code, str(tmp), str(years), str(seed)], cwd=ROOT, check=True)
    tmp.rename(folder)
    return folder


def bench_meta(folder: Path) -> dict[str, Any]:
    return dict(json.loads((folder / "bench.json").read_text()))


def _welcome_done(data: Path, env: Mapping[str, str]) -> None:
    """Past the first-run welcome, like every later start of a user's app. `-P`: the code
    of PY's own install, not a tree in the working folder (an A/B's older install)."""
    code = ("import sys; from pathlib import Path\n"
            "from mlcoach.security.keys import OSKeyring\n"
            "from mlcoach.store.vault import Layout, open_light\n"
            "opened = open_light(Layout(Path(sys.argv[1])), keys=OSKeyring())\n"
            "opened.store.set_state('welcome_done', True)\n")
    subprocess.run([PY, "-P", "-c", code, str(data)], env=dict(env), check=True,
                   capture_output=True)


@contextmanager
def store_copy(src: Path | None, desktop: Desktop | None = None) -> Iterator[Path]:
    """A scratch data folder: a copy of `src` (its key put into the desktop's keyring),
    or an initialised empty encrypted store when `src` is None."""
    folder = Path(tempfile.mkdtemp(prefix="mlcoach-data-"))
    data = folder / "data"
    try:
        if src is None:
            env = desktop.env if desktop else os.environ
            subprocess.run([MLCOACH, "--data-dir", str(data), "init"], env=env, check=True,
                           capture_output=True)
            _welcome_done(data, env)
        else:
            shutil.copytree(src, data, ignore=shutil.ignore_patterns("backups", "*.log"))
            if desktop is not None:
                desktop.set_key(bench_meta(src)["store_id"], BENCH_KEY)
                _welcome_done(data, desktop.env)
        yield data
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def common_args(description: str) -> Any:
    import argparse

    p = argparse.ArgumentParser(description=description)
    p.add_argument("--runs", type=int, default=7, help="measured runs per case (median)")
    p.add_argument("--smoke", action="store_true",
                   help="prove the script works: tiny store, 1-2 runs; figures mean little")
    p.add_argument("--json", type=Path, help="also write the figures here")
    return p
