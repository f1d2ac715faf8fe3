"""`mlcoach capture TEXT` from the shell, against `python -c "import sqlite3"` and jrnl.

The store is encrypted with a random key held by gnome-keyring (the Secret Service)
on a private session bus, as on a desktop. jrnl writes an unencrypted plain-text
journal with a config in a temporary HOME. The three commands run interleaved.
Also: the quick-capture window's latency after `mlcoach capture` in a running app
(Xvfb + trayer), and a check that the shell path never imports Qt.

    .venv/bin/python benchmarks/capture.py [--runs 9] [--smoke]
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import harness as h

TEXT = "Thanked @Ana for the clear release notes #retro"
JRNL_VENV = Path(__file__).resolve().parent / ".venv-jrnl"
JRNL_CONFIG = """\
colors: {body: none, date: none, tags: none, title: none}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: %s
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%%F %%r'
version: v4.6
"""


def jrnl_bin() -> str | None:
    """jrnl in its own venv (installed on first use from PyPI), or None if that fails."""
    exe = JRNL_VENV / "bin" / "jrnl"
    if not exe.exists():
        sys.stderr.write(f"installing jrnl into {JRNL_VENV} (once)...\n")
        subprocess.run([h.PY, "-m", "venv", str(JRNL_VENV)], check=False)
        subprocess.run([str(JRNL_VENV / "bin" / "pip"), "-q", "install", "jrnl"], check=False)
    return str(exe) if exe.exists() else None


def timed(args: Sequence[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    return time.perf_counter() - t0


def imported_modules(args: Sequence[str], env: dict[str, str]) -> list[str]:
    """Every module a command imports (from -X importtime)."""
    out = subprocess.run([h.PY, "-X", "importtime", *args], env=env, capture_output=True,
                         text=True, check=True).stderr
    return [line.rsplit("|", 1)[1].strip() for line in out.splitlines()
            if line.startswith("import time:") and "|" in line][1:]


def jrnl_in(desk: h.Desktop) -> str | None:
    """jrnl, set up to write a plain journal in the desktop's HOME."""
    jrnl = jrnl_bin()
    cfg = desk.home / ".config" / "jrnl"
    cfg.mkdir(parents=True, exist_ok=True)
    (cfg / "jrnl.yaml").write_text(JRNL_CONFIG % (desk.home / "journal.txt"))
    return jrnl


def kde_dbus_env(desk: h.Desktop) -> dict[str, str]:
    """KDE with dbus-python importable (a distribution's Python): keyring would put its
    KWallet backend first. The stand-in dbus package only makes it importable; mlcoach
    reads KWallet itself (kwallet_stand_in), keyring's own backend could not run."""
    stand_in = desk.home / "dbus-stand-in"
    (stand_in / "dbus").mkdir(parents=True, exist_ok=True)
    (stand_in / "dbus" / "__init__.py").write_text("")
    return {**desk.env, "XDG_CURRENT_DESKTOP": "KDE", "PYTHONPATH": str(stand_in)}


KWALLETD = "org.kde.kwalletd5"


def kwallet_stand_in(desk: h.Desktop, data: Path) -> subprocess.Popen[bytes] | None:
    """kwalletd5 on the desktop's bus (python-dbusmock; a Python service, so slower to
    answer than the real one), activatable as on Plasma, its open wallet holding the key
    of the store in `data` (copied from the Secret Service). None without dbusmock."""
    import json

    system_python = "/usr/bin/python3"
    if subprocess.run([system_python, "-c", "import dbusmock"], capture_output=True,
                      check=False).returncode != 0:
        return None
    store_id = json.loads((data / "store.json").read_text())["store_id"]
    key = subprocess.run(
        [h.PY, "-c", "import keyring, sys; print(keyring.get_password("
         "'io.github.mlcoach.MLCoach', sys.argv[1]))", store_id],
        env={**desk.env, "PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring"},
        capture_output=True, text=True, check=True).stdout.strip()
    services = Path(desk.env["XDG_DATA_HOME"]) / "dbus-1" / "services"
    services.mkdir(parents=True, exist_ok=True)
    (services / f"{KWALLETD}.service").write_text(
        f"[D-BUS Service]\nName={KWALLETD}\nExec=/bin/false\n")
    bus = ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus"]
    subprocess.run([*bus, "/org/freedesktop/DBus", "org.freedesktop.DBus.ReloadConfig"],
                   env=desk.env, check=True, capture_output=True)
    proc = subprocess.Popen([system_python, "-m", "dbusmock", "--session", KWALLETD,
                             "/modules/kwalletd5", "org.kde.KWallet"], env=desk.env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    mock = [*bus[:3], f"--dest={KWALLETD}", "/modules/kwalletd5",
            "org.freedesktop.DBus.Mock.AddMethod", "string:org.kde.KWallet"]
    methods = [("networkWallet", "", "s", "ret = 'kdewallet'"),
               ("isOpen", "s", "b", "ret = True"), ("open", "sxs", "i", "ret = 7"),
               ("hasEntry", "isss", "b", f"ret = args[2] == {store_id!r}"),
               ("readPassword", "isss", "s", f"ret = {key!r}")]
    for name, in_sig, out_sig, code in methods:
        while subprocess.run([*mock, f"string:{name}", f"string:{in_sig}",
                              f"string:{out_sig}", f"string:{code}"], env=desk.env,
                             capture_output=True, check=False).returncode != 0:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise SystemExit("the stand-in kwalletd did not start")
            time.sleep(0.05)
    return proc


def shell_capture(report: h.Report, runs: int, smoke: bool) -> None:
    with h.Desktop(x=False) as desk:
        env = desk.env
        jrnl = jrnl_in(desk)
        big_src = h.generated_store(1 if smoke else 10)
        regular = h.regular_install()
        with h.store_copy(None, desk) as empty, h.store_copy(big_src, desk) as big:
            cases = {
                "python -c 'import sqlite3'": lambda: timed([h.PY, "-c", "import sqlite3"], env),
                "mlcoach capture": lambda: timed(
                    [h.MLCOACH, "--data-dir", str(empty), "capture", TEXT], env),
                "mlcoach capture (10-year store)": lambda: timed(
                    [h.MLCOACH, "--data-dir", str(big), "capture", TEXT], env),
                "mlcoach capture (regular install)": lambda: timed(
                    [str(regular), "--data-dir", str(empty), "capture", TEXT], env),
            }
            # Each way the key may come. On KDE as installed (no dbus-python) keyring
            # would take the Secret Service itself, and keyring's Secret Service backend
            # chosen by name is the same service: both are read directly. With
            # dbus-python keyring would read KWallet: mlcoach reads it directly too
            # (kwallet_stand_in). Only a backend mlcoach does not read itself goes
            # through the keyring library: keyring's chainer named here stands in for
            # them (macOS, Windows, a third-party backend), finding the key in the
            # Secret Service.
            kde = {**env, "XDG_CURRENT_DESKTOP": "KDE"}
            kde_dbus = kde_dbus_env(desk)
            named = {**env, "PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring"}
            chainer = {**env, "PYTHON_KEYRING_BACKEND": "keyring.backends.chainer.ChainerBackend"}
            wallet = kwallet_stand_in(desk, empty)
            if wallet is not None:
                cases["capture, KWallet (regular install)"] = lambda: timed(
                    [str(regular), "--data-dir", str(empty), "capture", TEXT], kde_dbus)
            cases["capture, KDE without dbus-python (regular install)"] = lambda: timed(
                [str(regular), "--data-dir", str(empty), "capture", TEXT], kde)
            cases["capture, backend named (regular install)"] = lambda: timed(
                [str(regular), "--data-dir", str(empty), "capture", TEXT], named)
            cases["capture, key via keyring (regular install)"] = lambda: timed(
                [str(regular), "--data-dir", str(empty), "capture", TEXT], chainer)
            if jrnl:
                cases["jrnl TEXT"] = lambda: timed([jrnl, TEXT.replace("@", "")], env)
            try:
                res = h.alternate(cases, runs)
            finally:
                if wallet is not None:
                    wallet.kill()
                    wallet.wait()
            mods = imported_modules(["-m", "mlcoach", "--data-dir", str(empty), "capture",
                                     "import check"], env)
            # Both stores must have received every capture (and nothing failed quietly).
            count = subprocess.run(
                [h.MLCOACH, "--data-dir", str(empty), "search", "release", "--json"],
                env=env, capture_output=True, text=True, check=True).stdout.count('"id"')
    base = res["python -c 'import sqlite3'"]
    cap = res["mlcoach capture"]
    report.raw.update(res)
    report.add("python -c 'import sqlite3' (baseline)", h.ms(h.median(base)), "1.00×")
    report.add("mlcoach capture TEXT (encrypted, Secret Service)", h.ms(h.median(cap)),
               f"{h.ratio(cap, base):.2f}× sqlite3", "≤ 150 ms", h.median(cap) <= 0.150)
    big = res["mlcoach capture (10-year store)"]
    report.add(f"… into the {1 if smoke else 10}-year store", h.ms(h.median(big)),
               f"{h.ratio(big, base):.2f}× sqlite3", "≤ 150 ms", h.median(big) <= 0.150)
    reg = res["mlcoach capture (regular install)"]
    report.add("… from a regular install (no editable-install hook; what users run)",
               h.ms(h.median(reg)), f"{h.ratio(reg, base):.2f}× sqlite3", "≤ 150 ms",
               h.median(reg) <= 0.150)
    if jrnl:
        jr = res["jrnl TEXT"]
        report.add("jrnl TEXT (unencrypted, a regular install)", h.ms(h.median(jr)),
                   f"{h.ratio(jr, base):.2f}× sqlite3")
        report.add("mlcoach capture / jrnl, dev venv (editable install)",
                   f"{h.ratio(cap, jr):.2f}×")
        r = h.ratio(reg, jr)
        report.add("mlcoach capture / jrnl, both regular installs", f"{r:.2f}×", "", "≤ 0.5×",
                   r <= 0.5)
        for key, what in (("capture, KWallet (regular install)",
                           "KDE with dbus-python: KWallet (a stand-in kwalletd), read "
                           "directly"),
                          ("capture, KDE without dbus-python (regular install)",
                           "KDE as installed, no dbus-python (keyring would take the Secret "
                           "Service: read directly)"),
                          ("capture, backend named (regular install)",
                           "PYTHON_KEYRING_BACKEND=keyring's Secret Service (read directly)"),
                          ("capture, key via keyring (regular install)",
                           "key through the keyring library (a backend mlcoach does not "
                           "read itself; keyring's chainer named)")):
            if key not in res:
                report.notes.append(f"not measured: {what} (python3-dbusmock missing)")
                continue
            r = h.ratio(res[key], jr)
            report.add(f"mlcoach capture / jrnl, {what}", f"{r:.2f}× "
                       f"({h.ms(h.median(res[key]))})", "", "≤ 0.5×", r <= 0.5)
    else:
        report.notes.append("jrnl could not be installed: no jrnl comparison this run")
    qt = [m for m in mods if m.split(".")[0] in ("PySide6", "shiboken6")]
    orm = [m for m in mods if m.split(".")[0] in ("sqlalchemy", "alembic")]
    report.add("modules imported by `mlcoach capture`", str(len(mods)), "",
               "no PySide6", not qt)
    report.notes.append(f"the shell path imports {'Qt: ' + ', '.join(qt[:3]) if qt else 'no Qt'}"
                        f" and {'the ORM' if orm else 'no SQLAlchemy/Alembic'}; "
                        f"{count} captures found by search in the empty store")
    if qt:
        raise SystemExit("mlcoach capture imported PySide6")


def running_app_capture(report: h.Report, runs: int) -> None:
    """`mlcoach capture TEXT` while the app runs: the moment is handed to the app, which
    has the key and the store open, whatever the key path."""
    with h.Desktop() as desk, h.store_copy(None, desk) as data:
        jrnl = jrnl_in(desk)
        regular = str(h.regular_install())
        args = [regular, "--data-dir", str(data), "capture", TEXT]
        library = kde_dbus_env(desk)
        app = h.ReadyProcess([h.MLCOACH, "--data-dir", str(data), "run"], desk.env)
        try:
            app.wait("store", 60)
            time.sleep(1)
            cases = {
                "python -c 'import sqlite3'": lambda: timed([h.PY, "-c", "import sqlite3"],
                                                            desk.env),
                "app running, Secret Service": lambda: timed(args, desk.env),
                "app running, KDE with dbus-python": lambda: timed(args, library),
            }
            if jrnl:
                cases["jrnl TEXT"] = lambda: timed([jrnl, TEXT.replace("@", "")], desk.env)
            res = h.alternate(cases, runs)
        finally:
            app.stop()
        count = subprocess.run([h.MLCOACH, "--data-dir", str(data), "search", "release",
                                "--json"], env=desk.env, capture_output=True, text=True,
                               check=True).stdout.count('"id"')
    report.raw.update({f"running: {k}": v for k, v in res.items()})
    base = res["python -c 'import sqlite3'"]
    for key in ("app running, Secret Service", "app running, KDE with dbus-python"):
        what = "key in the Secret Service" if "Secret" in key else \
            "KDE with dbus-python (no key is read)"
        line = f"mlcoach capture TEXT, app running (handed over), {what}"
        if "jrnl TEXT" in res:
            r = h.ratio(res[key], res["jrnl TEXT"])
            report.add(f"{line} / jrnl", f"{r:.2f}× ({h.ms(h.median(res[key]))})",
                       f"{h.ratio(res[key], base):.2f}× sqlite3", "≤ 0.5×", r <= 0.5)
        else:
            report.add(line, h.ms(h.median(res[key])), f"{h.ratio(res[key], base):.2f}× "
                       "sqlite3", "≤ 150 ms", h.median(res[key]) <= 0.150)
    report.notes.append(f"app running: {count} handed-over captures found by search "
                        "(the app stores them; the shell reads no key)")


def window_latency(report: h.Report, runs: int) -> None:
    """`mlcoach capture` (no text) handed to a running app until the window is shown."""
    samples, base = [], []
    with h.Desktop() as desk, h.store_copy(None, desk) as data:
        env = desk.env
        for i in range(runs + 1):
            app = h.ReadyProcess([h.MLCOACH, "--data-dir", str(data), "run"], env)
            try:
                app.wait("store", 60)
                time.sleep(0.5)  # let the warm-up (building the window) finish
                base_s = timed([h.PY, "-c", "import sqlite3"], env)
                t0 = time.perf_counter()
                subprocess.run([h.MLCOACH, "--data-dir", str(data), "capture"], env=env,
                               check=True, stderr=subprocess.DEVNULL)
                shown = app.at("shown:capture", 10) - t0
                if i:  # the first round warms the disk cache
                    samples.append(shown)
                    base.append(base_s)
            finally:
                app.stop()
    report.raw["window"] = samples
    report.raw["window_base"] = base
    report.add("quick-capture window shown after `mlcoach capture` (app running)",
               h.ms(h.median(samples)), f"{h.ratio(samples, base):.2f}× sqlite3",
               "≤ 150 ms", h.median(samples) <= 0.150)


def main() -> int:
    p = h.common_args(__doc__.splitlines()[0])
    p.add_argument("--no-window", action="store_true", help="skip the running-app part")
    args = p.parse_args()
    runs = 2 if args.smoke else args.runs
    report = h.Report("capture")
    shell_capture(report, runs, args.smoke)
    if not args.no_window:
        running_app_capture(report, runs)
        window_latency(report, 1 if args.smoke else max(5, args.runs // 2))
    report.emit(args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
