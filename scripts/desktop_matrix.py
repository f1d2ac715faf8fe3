#!/usr/bin/env python3
"""Run mlcoach's daily loop on real desktops, headless, each in its own session bus.

    scripts/desktop_matrix.py [x11] [gnome] [gnome-appindicator] [sway] [kde] [kde-restart]
                              [gnome-x11-restart] [gnome-appindicator-toggle]

For each desktop: start the shell (Debian's packages), start `mlcoach run`, see the tray
icon or the app's window, ask for a prompt, answer it from the notification's Done
button, capture a moment (shell and window), open the reflection, quit; then check the
store recorded it all. kde-restart and gnome-x11-restart restart the notification
server under a waiting prompt; gnome-appindicator-toggle switches GNOME's AppIndicator
extension off under the app and on again. Screenshots land in
docs/screenshots/desktops/. Exit status 0 when every desktop asked for passed; a desktop
whose packages are missing fails with the apt-get line to run. Display numbers:
$MLCOACH_MATRIX_DISPLAY (default 160).
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHOTS = REPO / "docs" / "screenshots" / "desktops"
APP_ID = "io.github.mlcoach.MLCoach"
NOBODY = 65534
PACKAGES = {
    "x11": ["xvfb", "x11-utils", "trayer", "dunst", "imagemagick"],
    "gnome": ["gnome-shell", "xwayland", "dconf-cli", "gnome-screenshot", "gjs"],
    "gnome-appindicator": ["gnome-shell", "gnome-shell-extension-appindicator", "xwayland",
                           "dconf-cli", "gnome-screenshot", "gjs"],
    "sway": ["sway", "waybar", "grim", "dunst"],
    "kde": ["kwin-wayland", "plasma-workspace", "plasma-desktop", "kde-spectacle",
            "qtwayland5"],
}
PACKAGES["kde-restart"] = PACKAGES["kde-panel-gone"] = PACKAGES["kde"]
PACKAGES["gnome-x11-restart"] = PACKAGES["gnome"] + ["xvfb", "x11-utils", "imagemagick"]
PACKAGES["gnome-appindicator-toggle"] = PACKAGES["gnome-appindicator"] + ["imagemagick"]
TOOLS = {"x11": ["Xvfb", "trayer", "dunst", "import"],
         "gnome": ["gnome-shell", "gnome-screenshot", "gsettings"],
         "gnome-appindicator": ["gnome-shell", "gnome-screenshot", "gsettings"],
         "sway": ["sway", "waybar", "grim", "dunst", "setpriv"],
         "kde": ["kwin_wayland", "plasmashell", "spectacle"],
         "kde-restart": ["kwin_wayland", "plasmashell", "spectacle"],
         "kde-panel-gone": ["kwin_wayland", "plasmashell", "spectacle"],
         "gnome-x11-restart": ["gnome-shell", "gsettings", "Xvfb", "import"],
         "gnome-appindicator-toggle": ["gnome-shell", "gnome-screenshot", "gsettings",
                                       "compare"]}


class Failed(Exception):
    """A step of the loop did not happen."""


class Session:
    """One desktop's processes, environment and the app under test."""

    def __init__(self, name: str, root: Path) -> None:
        self.name = name
        self.root = root
        self.procs: list[subprocess.Popen[bytes]] = []
        self.pids: list[int] = []
        self.env: dict[str, str] = {}
        self.app: subprocess.Popen[str] | None = None
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.log = root / "log.txt"

    def spawn(self, *args: str, env: dict[str, str] | None = None,
              user: int | None = None) -> subprocess.Popen[bytes]:
        cmd = list(args)
        if user is not None:
            cmd = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *cmd]
        with self.log.open("ab") as out:
            proc = subprocess.Popen(cmd, env=env or self.env, stdout=out, stderr=out,
                                    start_new_session=True)
        self.procs.append(proc)
        return proc

    def run(self, *args: str, check: bool = True, timeout: float = 30,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        res = subprocess.run(args, env=env or self.env, capture_output=True, text=True,
                             timeout=timeout)
        if check and res.returncode != 0:
            raise Failed(f"{' '.join(args)}: exit {res.returncode}: {res.stderr.strip()[:300]}")
        return res

    def stop(self) -> None:
        if self.app is not None and self.app.poll() is None:
            self.app.kill()
        for proc in reversed(self.procs):
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        time.sleep(0.5)
        for proc in self.procs:
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            proc.wait()
        for pid in self.pids:  # the buses (and what they started: kded, ...)
            for kill in (os.killpg, os.kill):
                try:
                    kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass

    # -- the app ----------------------------------------------------------------------

    def mlcoach(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return self.run(sys.executable, "-m", "mlcoach", *args, check=check, env=self.app_env)

    @property
    def app_env(self) -> dict[str, str]:
        env = dict(self.env)
        env.update(MLCOACH_DATA_DIR=str(self.root / "data"), MLCOACH_READY_SIGNAL="1")
        return env

    def start_app(self) -> None:
        self.app = subprocess.Popen([sys.executable, "-m", "mlcoach", "run"],
                                    env=self.app_env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, text=True)
        threading.Thread(target=self._read, args=(self.app,), daemon=True).start()

    def _read(self, app: subprocess.Popen[str]) -> None:
        assert app.stderr is not None
        with (self.root / "app.txt").open("a") as out:
            for line in app.stderr:
                out.write(line)
                out.flush()
                if line.startswith("mlcoach-ready: "):
                    self.lines.put(line.split(": ", 1)[1].strip())

    def wait_for(self, *wanted: str, timeout: float = 30) -> str:
        """Wait for one of the app's milestones (each one counts once)."""
        deadline = time.monotonic() + timeout
        while True:
            for line in wanted:
                if line in self.seen:
                    self.seen.remove(line)
                    return line
            left = deadline - time.monotonic()
            if left <= 0:
                raise Failed(f"the app never said {' or '.join(wanted)}")
            try:
                self.seen.append(self.lines.get(timeout=left))
            except queue.Empty:
                continue

    def send(self, request: str, token: str = "") -> None:
        sys.path.insert(0, str(REPO))
        from mlcoach.system import instance

        if not instance.send(self.root / "data", request, env=self.app_env, token=token):
            raise Failed(f"the running app did not take {request!r}")

    def quit_app(self) -> None:
        """Quit the app through its channel; it must end with 0."""
        self.send("quit")
        assert self.app is not None
        code = self.app.wait(timeout=30)
        if code != 0:
            raise Failed(f"the app exited {code}")

    def answered_done(self) -> dict[str, Any]:
        """The store's export, once its one prompt was recorded as Done."""
        doc: dict[str, Any] = json.loads(self.mlcoach("export").stdout)
        responses = [e["response"] for e in doc["prompt_events"]]
        if responses != ["done"]:
            raise Failed(f"prompt responses recorded: {responses}")
        return doc


def wait_until(check: Callable[[], bool], what: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise Failed(f"timed out waiting for {what}")
        time.sleep(0.1)


def base_env(root: Path) -> dict[str, str]:
    home, run = root / "home", root / "run"
    home.mkdir(parents=True, exist_ok=True)
    run.mkdir(mode=0o700, exist_ok=True)
    data_home = home / ".local" / "share"
    install_launcher(data_home)
    path = f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin"
    return {"HOME": str(home), "XDG_RUNTIME_DIR": str(run), "PATH": path,
            "XDG_DATA_HOME": str(data_home), "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_CACHE_HOME": str(home / ".cache"), "LANG": "C.UTF-8",
            "XDG_DATA_DIRS": f"{data_home}:/usr/local/share:/usr/share",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}


def install_launcher(data_home: Path) -> None:
    """Install the desktop entry and icons as a package would (app id -> icon)."""
    apps = data_home / "applications"
    apps.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "packaging" / f"{APP_ID}.desktop", apps)
    shutil.copytree(REPO / "resources" / "icons" / "hicolor", data_home / "icons" / "hicolor",
                    dirs_exist_ok=True)


def start_bus(s: Session, allow_all: bool = False, notifications: str = "") -> None:
    """A private session bus (any local user may connect when `allow_all`: sway's
    components run unprivileged, the app as the caller). `notifications`: the one
    service file that may start a notification server, as on a desktop with only its
    own (this machine also has dunst's, which D-Bus could start instead)."""
    bus = Path(s.env["XDG_RUNTIME_DIR"]) / "bus"
    config = s.root / "bus.conf"
    services = "<standard_session_servicedirs/>"
    if notifications:
        folder = s.root / "dbus-services"
        folder.mkdir(exist_ok=True)
        for entry in Path("/usr/share/dbus-1/services").glob("*.service"):
            text = entry.read_text(errors="replace")
            if entry.name == notifications or \
                    "Name=org.freedesktop.Notifications\n" not in text + "\n":
                (folder / entry.name).symlink_to(entry)
        services = f"<servicedir>{folder}</servicedir>"
    config.write_text(
        "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\""
        " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n<busconfig>"
        f"<type>session</type><listen>unix:path={bus}</listen><auth>EXTERNAL</auth>"
        f"{services}<policy context=\"default\">"
        + ("<allow user=\"*\"/>" if allow_all else "")
        + "<allow send_destination=\"*\" eavesdrop=\"true\"/><allow eavesdrop=\"true\"/>"
        "<allow own=\"*\"/></policy></busconfig>\n")
    out = s.run("dbus-daemon", f"--config-file={config}", "--fork", "--print-pid=1")
    s.pids.append(int(out.stdout.split()[0]))
    s.env["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={bus}"
    if allow_all:
        os.chmod(bus, 0o777)


def prepare_store(s: Session, route: str = "both") -> None:
    s.mlcoach("init", "--no-encryption")
    code = ("import os\nfrom dataclasses import replace\nfrom pathlib import Path\n"
            "from mlcoach.security.keys import OSKeyring\n"
            "from mlcoach.store.vault import Layout, open_store\n"
            "o = open_store(Layout(Path(os.environ['MLCOACH_DATA_DIR'])), keys=OSKeyring())\n"
            "o.store.set_state('welcome_done', True)\n"
            f"o.store.save_settings(replace(o.store.settings(), notification_route={route!r}))\n"
            "o.store.close()\n")
    s.run(sys.executable, "-c", code, env=s.app_env)


def shot(s: Session, step: str, take: Callable[[Path], None]) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{s.name}-{step}.png"
    try:
        take(path)
    except (Failed, subprocess.SubprocessError, OSError) as exc:
        print(f"  [{s.name}] screenshot {step} not taken: {exc}")
        return
    print(f"  [{s.name}] screenshot {path.relative_to(REPO)}")


# -- the loop, the same on every desktop ----------------------------------------------

def daily_loop(s: Session, answer: Callable[[], None], screenshot: Callable[[Path], None],
               expect_shell: tuple[str, ...],
               before_shots: Callable[[], None] = lambda: None,
               banner_wait: float = 1.5,
               before_prompt: Callable[[], None] = lambda: None,
               click_tray: bool = False) -> dict[str, str]:
    prepare_store(s)
    s.start_app()
    shell = s.wait_for("tray", "window", timeout=40)
    if shell not in expect_shell:
        raise Failed(f"expected {' or '.join(expect_shell)}, the app showed its {shell}")
    s.wait_for("store")
    time.sleep(1.5)  # let the panel draw the icon
    before_shots()
    shot(s, "1-start", screenshot)
    before_prompt()
    s.send("prompt")
    s.wait_for("prompt")
    time.sleep(banner_wait)  # the banner slides in (after any still on screen)
    shot(s, "2-prompt", screenshot)
    if click_tray:  # a StatusNotifierItem host: clicking the icon opens the prompt's card
        activate_tray_item(s)
        s.wait_for("card")
        time.sleep(2)
        shot(s, "2-card", screenshot)
    answer()
    s.wait_for("responded:done", timeout=20)
    res = s.mlcoach("capture", "Thanked Bo for the clear review #review")
    # As a launcher would hand it over (the compositor refuses a made-up token; the
    # path through the app is what this exercises).
    s.send("capture", token="matrix-launch_TIME1")
    s.wait_for("shown:capture")
    time.sleep(0.8)
    shot(s, "3-capture", screenshot)
    s.send("reflect")
    s.wait_for("shown:reflect")
    time.sleep(0.8)
    shot(s, "4-reflect", screenshot)
    s.quit_app()
    doc = s.answered_done()
    if not any(m["id"] == res.stdout.strip() for m in doc["moments"]):
        raise Failed("the captured moment is not in the store")
    return {"shell": shell, "answered": "notification Done"}


def activate_tray_item(s: Session) -> None:
    """Click the app's StatusNotifierItem as the panel would (its Activate method)."""
    out = s.run("gdbus", "call", "--session", "--dest", "org.kde.StatusNotifierWatcher",
                "--object-path", "/StatusNotifierWatcher", "--method",
                "org.freedesktop.DBus.Properties.Get", "org.kde.StatusNotifierWatcher",
                "RegisteredStatusNotifierItems").stdout
    items = [i for i in out.replace("'", " ").replace(",", " ").split() if "/" in i]
    if not items:
        raise Failed(f"no StatusNotifierItem registered: {out.strip()}")
    service, _, path = items[-1].partition("/")  # GNOME's extension writes "name@/path"
    s.run("gdbus", "call", "--session", "--dest", service.rstrip("@"), "--object-path",
          "/" + path,
          "--method", "org.kde.StatusNotifierItem.Activate", "0", "0")


# -- dunst (X11 and sway) -----------------------------------------------------------------

def dunst_picker(s: Session, label: str = "Done") -> Path:
    """dunst's context menu runs this "dmenu": it picks the action a user would."""
    script = s.root / "pick.sh"
    script.write_text(f"#!/bin/sh\ngrep -m1 '^#{label} '\n")
    script.chmod(0o755)
    config = Path(s.env["XDG_CONFIG_HOME"]) / "dunst"
    config.mkdir(parents=True, exist_ok=True)
    (config / "dunstrc").write_text(f"[global]\n    dmenu = {script}\n")
    return script


def dunst_answer(s: Session) -> Callable[[], None]:
    def answer() -> None:
        wait_until(lambda: s.run("dunstctl", "count", "displayed", check=False)
                   .stdout.strip() not in ("", "0"), "the notification")
        s.run("dunstctl", "context")
    return answer


# -- each desktop ---------------------------------------------------------------------

def x11(s: Session) -> dict[str, str]:
    display = f":{os.environ.get('MLCOACH_MATRIX_DISPLAY', '160')}"
    s.env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", XDG_SESSION_TYPE="x11")
    start_bus(s)
    s.spawn("Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset")
    wait_until(lambda: s.run("xdpyinfo", check=False).returncode == 0, "Xvfb")
    dunst_picker(s)
    s.spawn("dunst")
    s.spawn("trayer", "--edge", "top", "--align", "right", "--widthtype", "request",
            "--height", "32", "--transparent", "false", "--SetDockType", "true")
    wait_until(lambda: "trayer" in s.run("xwininfo", "-root", "-tree").stdout, "trayer")

    def screenshot(path: Path) -> None:
        s.run("import", "-window", "root", str(path))

    return daily_loop(s, dunst_answer(s), screenshot, ("tray",))


GNOME_HELPER = "mlcoach-matrix@mlcoach.github.io"
GNOME_HELPER_JS = """
// Test helper for the desktop matrix only: what a user's click would do.
const { Gio } = imports.gi;
const Main = imports.ui.main;
const IFACE = `<node><interface name="io.github.mlcoach.Matrix">
  <method name="InvokeAction"><arg type="s" direction="in"/><arg type="s" direction="in"/>
    <arg type="b" direction="out"/></method>
  <method name="HideOverview"/><method name="ClearBanners"/></interface></node>`;
class Helper {
  InvokeAction(app, label) {
    for (const source of Main.messageTray.getSources()) {
      for (const n of source.notifications) {
        const action = (n.actions || []).find(a => a.label === label);
        if (action && (source.title === app || n.title !== undefined)) {
          action.callback(); return true;
        }
      }
    }
    return false;
  }
  ClearBanners() {
    for (const source of Main.messageTray.getSources()) source.destroy();
  }
  HideOverview() {
    Main.overview.hide();
    // GNOME's own start-up notices would hide the app's banner behind them.
    for (const source of Main.messageTray.getSources())
      if (source.title !== 'mlcoach') source.destroy();
  }
}
let exported = null;
function init() { return { enable() {
    exported = Gio.DBusExportedObject.wrapJSObject(IFACE, new Helper());
    exported.export(Gio.DBus.session, '/io/github/mlcoach/Matrix');
    Gio.DBus.session.own_name('io.github.mlcoach.Matrix', Gio.BusNameOwnerFlags.NONE,
                              null, null);
  }, disable() { if (exported) exported.unexport(); exported = null; } }; }
"""


def _gnome_helper(s: Session) -> None:
    folder = Path(s.env["XDG_DATA_HOME"]) / "gnome-shell" / "extensions" / GNOME_HELPER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "extension.js").write_text(GNOME_HELPER_JS)
    (folder / "metadata.json").write_text(json.dumps({
        "uuid": GNOME_HELPER, "name": "mlcoach matrix helper", "shell-version": ["43"],
        "description": "test only"}))


def gnome(s: Session, appindicator: bool = False) -> dict[str, str]:
    helper_call = _gnome_session(s, appindicator)

    def hide_overview() -> bool:
        return helper_call("HideOverview").returncode == 0

    def answer() -> None:
        def invoked() -> bool:
            return "true" in helper_call("InvokeAction", "mlcoach", "Done").stdout
        wait_until(invoked, "GNOME's notification with a Done button")

    return daily_loop(s, answer, lambda path: _gnome_screenshot(s, path),
                      ("tray",) if appindicator else ("window",),
                      before_shots=hide_overview, banner_wait=2.5,
                      before_prompt=lambda: helper_call("ClearBanners"),
                      click_tray=appindicator)


def _gnome_screenshot(s: Session, path: Path) -> None:
    tmp = s.root / "shot.png"  # gnome-screenshot leaves temporary files beside it
    tmp.unlink(missing_ok=True)  # one it failed to write must not pass for the last one
    s.run("gnome-screenshot", "-f", str(tmp))
    if not tmp.is_file() or not tmp.stat().st_size:
        raise Failed("gnome-screenshot wrote no picture")
    shutil.copy(tmp, path)


def _gnome_session(s: Session, appindicator: bool
                   ) -> Callable[..., subprocess.CompletedProcess[str]]:
    """gnome-shell --wayland --headless with the matrix's helper extension (and Debian's
    AppIndicator extension when `appindicator`); the helper's caller."""
    for lock in ("/tmp/.X0-lock", "/tmp/.X1-lock"):
        if Path(lock).exists() and not _pid_alive(Path(lock).read_text().strip()):
            Path(lock).unlink()  # left by a crashed GNOME (its Xwayland takes :0 and :1)
    s.env.update(XDG_CURRENT_DESKTOP="GNOME", XDG_SESSION_TYPE="wayland",
                 XDG_SESSION_DESKTOP="gnome", GSETTINGS_BACKEND="dconf")
    start_bus(s)
    # GNOME aborts without a system bus (loginManager.js): a dummy one.
    system = Path(s.env["XDG_RUNTIME_DIR"]) / "system_bus_socket"
    out = s.run("dbus-daemon", "--session", f"--address=unix:path={system}", "--fork",
                "--print-pid=1")
    s.pids.append(int(out.stdout.split()[0]))
    s.env["DBUS_SYSTEM_BUS_ADDRESS"] = f"unix:path={system}"
    _gnome_helper(s)
    extensions = [GNOME_HELPER] + (["ubuntu-appindicators@ubuntu.com"] if appindicator else [])
    s.run("gsettings", "set", "org.gnome.shell", "enabled-extensions", json.dumps(extensions)
          .replace('"', "'"))
    s.run("gsettings", "set", "org.gnome.shell", "welcome-dialog-last-shown-version", "'999'")
    s.spawn("gnome-shell", "--wayland", "--headless", "--virtual-monitor", "1280x800")
    socket = Path(s.env["XDG_RUNTIME_DIR"]) / "wayland-0"
    wait_until(socket.exists, "gnome-shell's Wayland socket", timeout=60)
    def helper_call(method: str, *args: str) -> subprocess.CompletedProcess[str]:
        return s.run("gdbus", "call", "--session", "--dest", "io.github.mlcoach.Matrix",
                     "--object-path", "/io/github/mlcoach/Matrix", "--method",
                     f"io.github.mlcoach.Matrix.{method}", *args, check=False)

    def hide_overview() -> bool:
        return helper_call("HideOverview").returncode == 0

    wait_until(hide_overview, "the shell's extensions", 60)
    s.env.update(WAYLAND_DISPLAY="wayland-0", QT_QPA_PLATFORM="wayland")
    return helper_call


def sway(s: Session) -> dict[str, str]:
    """sway refuses root: the compositor, its bar and dunst run as `nobody`; the app
    runs as the caller and reaches them (root passes the socket permissions)."""
    # The app's own data folder stays the caller's: mlcoach refuses to work as root in a
    # folder another user owns (what it made there would lock that user out).
    (s.root / "data").mkdir(mode=0o700, exist_ok=True)
    os.chown(s.root, NOBODY, NOBODY)
    for folder in (Path(s.env["HOME"]), Path(s.env["XDG_RUNTIME_DIR"])):
        for path in [folder, *folder.rglob("*")]:
            os.chown(path, NOBODY, NOBODY)
    start_bus(s, allow_all=True)
    config = s.root / "sway.cfg"
    waybar_cfg = s.root / "waybar.json"
    waybar_cfg.write_text(json.dumps({"layer": "top", "position": "top", "height": 30,
                                      "modules-right": ["tray", "clock"],
                                      "tray": {"icon-size": 22, "spacing": 8}}))
    config.write_text(f"output * bg #3b4252 solid_color\nexec waybar -c {waybar_cfg}\n"
                      "bar {\n mode invisible\n}\n"
                      # as the README suggests: mlcoach's small windows float
                      f'for_window [app_id="{APP_ID}"] floating enable\n')
    dunst_picker(s)
    env = dict(s.env, WLR_BACKENDS="headless", WLR_LIBINPUT_NO_DEVICES="1",
               WLR_RENDERER="pixman", WLR_HEADLESS_OUTPUTS="1", XDG_CURRENT_DESKTOP="sway",
               XDG_SESSION_TYPE="wayland")
    s.spawn("sway", "-c", str(config), env=env, user=NOBODY)
    socket = Path(s.env["XDG_RUNTIME_DIR"]) / "wayland-1"
    wait_until(lambda: any(Path(s.env["XDG_RUNTIME_DIR"]).glob("wayland-*")), "sway")
    socket = sorted(p for p in Path(s.env["XDG_RUNTIME_DIR"]).glob("wayland-*")
                    if not p.name.endswith(".lock"))[0]
    s.env.update(WAYLAND_DISPLAY=socket.name, QT_QPA_PLATFORM="wayland",
                 XDG_CURRENT_DESKTOP="sway", XDG_SESSION_TYPE="wayland")
    s.spawn("dunst", user=NOBODY)
    wait_until(lambda: s.run("dunstctl", "is-paused", check=False).returncode == 0, "dunst")
    wait_until(lambda: "org.kde.StatusNotifierWatcher" in s.run(
        "dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
        "/org/freedesktop/DBus", "org.freedesktop.DBus.ListNames", check=False).stdout,
        "waybar's tray")

    def screenshot(path: Path) -> None:
        tmp = s.root / "shot.png"
        s.run("grim", str(tmp))
        shutil.copy(tmp, path)

    return daily_loop(s, dunst_answer(s), screenshot, ("tray",), click_tray=True)


def _bus_names(s: Session) -> str:
    return s.run("dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
                 "/org/freedesktop/DBus", "org.freedesktop.DBus.ListNames",
                 check=False).stdout


def _plasma_up(s: Session) -> None:
    wait_until(lambda: "org.kde.StatusNotifierWatcher" in _bus_names(s)
               and "org.freedesktop.Notifications" in _bus_names(s), "plasmashell", 90)


def _kde_session(s: Session, restartable: bool = False) -> None:
    """kwin_wayland --virtual with plasmashell in it. `restartable`: the session is kwin's
    own (plasmashell runs beside it, so it may be ended and started again, its PID in
    plasmashell.pid); else plasmashell is the session and kwin ends with it."""
    kwin = s.root / "kwin_wayland"
    shutil.copy("/usr/bin/kwin_wayland", kwin)  # the copy drops cap_sys_resource (refused)
    s.env.update(XDG_CURRENT_DESKTOP="KDE", KDE_FULL_SESSION="true", KDE_SESSION_VERSION="5",
                 XDG_SESSION_TYPE="wayland")
    start_bus(s, notifications="org.kde.plasma.Notifications.service")
    inner = s.root / "inner.sh"
    shell = (f"plasmashell &\necho $! > {s.root / 'plasmashell.pid'}\necho $DISPLAY > "
             f"{s.root / 'display'}\nexec sleep infinity\n") if restartable \
        else "exec plasmashell\n"
    inner.write_text("#!/bin/sh\ndbus-update-activation-environment WAYLAND_DISPLAY DISPLAY "
                     "XDG_CURRENT_DESKTOP\n" + shell)
    inner.chmod(0o755)
    s.spawn(str(kwin), "--virtual", "--width", "1280", "--height", "800", "--xwayland",
            "--exit-with-session", str(inner))
    wait_until((Path(s.env["XDG_RUNTIME_DIR"]) / "wayland-0").exists, "kwin", 60)
    s.env.update(WAYLAND_DISPLAY="wayland-0", QT_QPA_PLATFORM="wayland")
    _plasma_up(s)


def kde(s: Session) -> dict[str, str]:
    """KDE Plasma 5.27 on kwin_wayland --virtual; the prompt is answered through Plasma's
    own notification server (org.kde.NotificationManager.InvokeAction, what its popup's
    button does), which sends the app ActionInvoked."""
    _kde_session(s)
    _kde_plain_background(s)

    def answer() -> None:
        wait_until(lambda: len(_prompt_notifications(s)) >= 1, "the notification id")
        _kde_invoke(s, _prompt_notifications(s)[-1], "done")

    return daily_loop(s, answer, lambda path: _kde_screenshot(s, path), ("tray",),
                      click_tray=True)


def _kde_plain_background(s: Session) -> None:
    # A plain background keeps the screenshots small (the default wallpaper is a photo).
    s.run("gdbus", "call", "--session", "--dest", "org.kde.plasmashell", "--object-path",
          "/PlasmaShell", "--method", "org.kde.PlasmaShell.evaluateScript",
          "desktops().forEach(d => { d.wallpaperPlugin = 'org.kde.color'; "
          "d.currentConfigGroup = ['Wallpaper', 'org.kde.color', 'General']; "
          "d.writeConfig('Color', '#2e3440'); });", check=False)
    time.sleep(3)  # the panel draws


def _kde_screenshot(s: Session, path: Path) -> None:
    s.run("spectacle", "-b", "-n", "-f", "-o", str(path), timeout=30)


def _prompt_notifications(s: Session) -> list[str]:
    """The ids the app logged for its prompt's notifications, oldest first."""
    log = s.root / "data" / "mlcoach.log"
    marker = "prompt sent as notification "
    text = log.read_text() if log.exists() else ""
    return [part.split()[0] for part in text.split(marker)[1:]]


def _kde_invoke(s: Session, nid: str, key: str) -> None:
    """What a click on the popup's button does: Plasma's server sends ActionInvoked."""
    s.run("gdbus", "call", "--session", "--dest", "org.freedesktop.Notifications",
          "--object-path", "/org/freedesktop/Notifications", "--method",
          "org.kde.NotificationManager.InvokeAction", nid, key)


def kde_restart(s: Session) -> dict[str, str]:
    """plasmashell (Plasma's notification server) ends and starts again while a prompt
    waits as its notification, twice: at once (SIGTERM), then as after a crash (SIGKILL,
    back 8 s later: the prompt sent meanwhile makes D-Bus start plasma_waitforname, which
    holds the call until plasmashell comes). Each time the prompt comes back there once,
    with its buttons; its Done is recorded (docs/reliability.md §17, the real server)."""
    _kde_session(s, restartable=True)
    _kde_plain_background(s)
    prepare_store(s, route="notification")
    s.start_app()
    s.wait_for("tray", "window", timeout=40)
    s.wait_for("store")
    s.send("prompt")
    s.wait_for("prompt")
    wait_until(lambda: len(_prompt_notifications(s)) == 1, "the prompt's notification")
    time.sleep(1.5)
    shot(s, "1-prompt", lambda path: _kde_screenshot(s, path))
    pid = int((s.root / "plasmashell.pid").read_text())
    display = (s.root / "display").read_text().strip()
    for step, (sig, gap) in enumerate([(signal.SIGTERM, 0), (signal.SIGKILL, 8)], 2):
        os.kill(pid, sig)
        wait_until(lambda: "org.freedesktop.Notifications" not in _bus_names(s),
                   "plasmashell to end", 30)
        time.sleep(gap)
        pid = s.spawn("plasmashell", env=dict(s.env, DISPLAY=display)).pid
        _plasma_up(s)
        wait_until(lambda n=step: len(_prompt_notifications(s)) >= n,
                   "the prompt's notification on the new server", 30)
        time.sleep(4)  # a second copy would come meanwhile
        shot(s, f"{step}-restarted", lambda path: _kde_screenshot(s, path))
        sent = _prompt_notifications(s)
        if len(sent) != step:
            raise Failed(f"the prompt was sent {len(sent)} times (ids {sent}), not {step}")
    _kde_invoke(s, sent[-1], "done")
    s.wait_for("responded:done", timeout=20)
    s.quit_app()
    s.answered_done()
    log = (s.root / "data" / "mlcoach.log").read_text()
    late = log.count("shown after its deadline: taken away")
    return {"notification ids": " then ".join(sent), "late copies taken away": str(late),
            "answered": "Done after two restarts"}


def kde_panel_gone(s: Session) -> dict[str, str]:
    """plasmashell (the panel, the StatusNotifierHost) ends and stays away while kded's
    StatusNotifierWatcher stays, still saying a host is registered: started again, the
    app opens the window that stands in for the tray; plasmashell started again, the
    icon is back with its new host (docs/reliability.md §17)."""
    _kde_session(s, restartable=True)
    _kde_plain_background(s)
    prepare_store(s)
    s.start_app()
    shell = s.wait_for("tray", "window", timeout=40)
    if shell != "tray":
        raise Failed(f"expected the tray, the app showed its {shell}")
    s.wait_for("store")
    os.kill(int((s.root / "plasmashell.pid").read_text()), signal.SIGTERM)
    wait_until(lambda: "org.kde.StatusNotifierHost-" not in _bus_names(s), "the panel to go",
               30)
    if "org.kde.StatusNotifierWatcher" not in _bus_names(s):
        raise Failed("the watcher went with the panel: not the case this checks")
    time.sleep(1)
    s.mlcoach()  # started again from the shell (the launcher hands it over)
    s.wait_for("window", timeout=20)
    time.sleep(1.5)
    shot(s, "1-panel-gone-started-again", lambda path: _kde_screenshot(s, path))
    display = (s.root / "display").read_text().strip()
    s.spawn("plasmashell", env=dict(s.env, DISPLAY=display))
    _plasma_up(s)
    log = s.root / "data" / "mlcoach.log"
    wait_until(lambda: "system tray there" in log.read_text(), "the tray back", 30)
    s.quit_app()
    return {"panel gone, started again": "the window", "panel back": "the tray"}


def gnome_appindicator_toggle(s: Session) -> dict[str, str]:
    """GNOME's AppIndicator extension switched off under the running app (gsettings):
    started again from the shell, the app opens the window that stands in for the tray;
    switched on again, the icon comes back."""
    helper_call = _gnome_session(s, appindicator=True)

    def items() -> str:
        return s.run("gdbus", "call", "--session", "--dest", "org.kde.StatusNotifierWatcher",
                     "--object-path", "/StatusNotifierWatcher", "--method",
                     "org.freedesktop.DBus.Properties.Get", "org.kde.StatusNotifierWatcher",
                     "RegisteredStatusNotifierItems", check=False).stdout

    def extensions(*names: str) -> None:
        s.run("gsettings", "set", "org.gnome.shell", "enabled-extensions",
              json.dumps([GNOME_HELPER, *names]).replace('"', "'"))

    prepare_store(s)
    s.start_app()
    shell = s.wait_for("tray", "window", timeout=40)
    if shell != "tray":
        raise Failed(f"expected the tray, the app showed its {shell}")
    s.wait_for("store")
    wait_until(lambda: "StatusNotifierItem" in items(), "the icon in the panel")
    helper_call("HideOverview")
    time.sleep(1)
    shot(s, "1-tray", lambda path: _gnome_screenshot(s, path))
    extensions()
    wait_until(lambda: "StatusNotifierItem" not in items(), "the extension to go")
    time.sleep(1)
    s.mlcoach()  # started again from the shell (the launcher hands it over)
    s.wait_for("window", timeout=20)
    time.sleep(1.5)
    shot(s, "2-off-started-again", lambda path: _gnome_screenshot(s, path))
    extensions("ubuntu-appindicators@ubuntu.com")
    wait_until(lambda: "StatusNotifierItem" in items(), "the icon back in the panel", 30)
    time.sleep(5)  # the extension draws it
    shot(s, "3-on-again", lambda path: _gnome_screenshot(s, path))
    if not _same_corner(s, SHOTS / f"{s.name}-1-tray.png", SHOTS / f"{s.name}-3-on-again.png"):
        raise Failed("the icon is not back in the panel (see the screenshots)")
    s.quit_app()
    return {"extension off, started again": "the window", "extension on": "the icon back"}


def _same_corner(s: Session, first: Path, second: Path) -> bool:
    """Whether the panel's top right corner (the tray icons) looks the same in both."""
    res = s.run("compare", "-metric", "AE", "-fuzz", "10%", f"{first}[160x32+1120+0]",
                f"{second}[160x32+1120+0]", "null:", check=False)
    differing = res.stderr.strip().split()[0] if res.stderr.strip() else "?"
    return differing.replace(".", "", 1).isdigit() and float(differing) < 40


def gnome_x11_restart(s: Session) -> dict[str, str]:
    """GNOME Shell on X11 (Xvfb) replaced by a new one (`gnome-shell --replace`, as
    Alt+F2 r restarts it) while a prompt waits as its notification: the prompt comes
    back on the new shell and its Done is recorded. (On Wayland a shell restart ends
    the session, the app with it.)"""
    display = f":{int(os.environ.get('MLCOACH_MATRIX_DISPLAY', '160')) + 1}"
    s.env.update(XDG_CURRENT_DESKTOP="GNOME", XDG_SESSION_TYPE="x11",
                 XDG_SESSION_DESKTOP="gnome", GSETTINGS_BACKEND="dconf", DISPLAY=display,
                 QT_QPA_PLATFORM="xcb")
    start_bus(s, notifications="org.gnome.Shell.Notifications.service")
    system = Path(s.env["XDG_RUNTIME_DIR"]) / "system_bus_socket"
    out = s.run("dbus-daemon", "--session", f"--address=unix:path={system}", "--fork",
                "--print-pid=1")
    s.pids.append(int(out.stdout.split()[0]))
    s.env["DBUS_SYSTEM_BUS_ADDRESS"] = f"unix:path={system}"
    s.spawn("Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset")
    wait_until(lambda: s.run("xdpyinfo", check=False).returncode == 0, "Xvfb")
    _gnome_helper(s)
    s.run("gsettings", "set", "org.gnome.shell", "enabled-extensions", f"['{GNOME_HELPER}']")
    s.run("gsettings", "set", "org.gnome.shell", "welcome-dialog-last-shown-version", "'999'")
    shell = s.spawn("gnome-shell", "--x11")

    def helper(method: str, *args: str) -> subprocess.CompletedProcess[str]:
        return s.run("gdbus", "call", "--session", "--dest", "io.github.mlcoach.Matrix",
                     "--object-path", "/io/github/mlcoach/Matrix", "--method",
                     f"io.github.mlcoach.Matrix.{method}", *args, check=False)

    wait_until(lambda: helper("HideOverview").returncode == 0, "gnome-shell --x11", 60)

    def screenshot(path: Path) -> None:
        s.run("import", "-window", "root", str(path))

    prepare_store(s, route="notification")
    s.start_app()
    s.wait_for("tray", "window", timeout=40)
    s.wait_for("store")
    helper("ClearBanners")
    s.send("prompt")
    s.wait_for("prompt")
    wait_until(lambda: len(_prompt_notifications(s)) == 1, "the prompt's notification")
    time.sleep(2)
    shot(s, "1-prompt", screenshot)
    s.spawn("gnome-shell", "--x11", "--replace")
    wait_until(lambda: shell.poll() is not None, "the old shell to go", 60)
    wait_until(lambda: helper("HideOverview").returncode == 0, "the new shell", 60)
    wait_until(lambda: len(_prompt_notifications(s)) >= 2,
               "the prompt's notification on the new shell", 30)
    time.sleep(2.5)
    shot(s, "2-replaced", screenshot)
    wait_until(lambda: "true" in helper("InvokeAction", "mlcoach", "Done").stdout,
               "Done on the new shell's notification")
    s.wait_for("responded:done", timeout=20)
    s.quit_app()
    s.answered_done()
    return {"notification ids": " then ".join(_prompt_notifications(s)),
            "answered": "Done on the replaced shell"}


def _pid_alive(text: str) -> bool:
    try:
        os.kill(int(text), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


DESKTOPS: dict[str, Callable[[Session], dict[str, str]]] = {
    "x11": x11,
    "gnome": gnome,
    "gnome-appindicator": lambda s: gnome(s, appindicator=True),
    "sway": sway,
    "kde": kde,
    "kde-restart": kde_restart,
    "kde-panel-gone": kde_panel_gone,
    "gnome-x11-restart": gnome_x11_restart,
    "gnome-appindicator-toggle": gnome_appindicator_toggle,
}


@contextmanager
def session(name: str) -> Iterator[Session]:
    root = Path(tempfile.mkdtemp(prefix=f"mlcoach-{name}-"))
    os.chmod(root, 0o755)
    s = Session(name, root)
    s.env = base_env(root)
    try:
        yield s
    finally:
        s.stop()


def main(argv: list[str]) -> int:
    names = argv or ["x11", "gnome", "gnome-appindicator", "sway", "kde", "kde-restart",
                     "gnome-x11-restart", "gnome-appindicator-toggle"]
    unknown = [n for n in names if n not in DESKTOPS]
    if unknown:
        print(f"unknown desktop(s): {', '.join(unknown)}; choose from {', '.join(DESKTOPS)}")
        return 2
    failures = 0
    for name in names:
        missing = [t for t in TOOLS[name] if shutil.which(t) is None]
        if missing:
            print(f"[{name}] FAIL: missing {', '.join(missing)}: apt-get install "
                  f"--no-install-recommends {' '.join(PACKAGES[name])}")
            failures += 1
            continue
        start = time.monotonic()
        with session(name) as s:
            try:
                result = DESKTOPS[name](s)
            except (Failed, subprocess.SubprocessError) as exc:
                failures += 1
                print(f"[{name}] FAIL: {exc} (logs in {s.root})")
                continue
        print(f"[{name}] ok in {time.monotonic() - start:.0f} s: {result}")
        shutil.rmtree(s.root, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
