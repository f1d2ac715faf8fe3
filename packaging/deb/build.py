"""Build the Debian package: `make deb` (see packaging/README.md for the choices).

mlcoach runs on Debian's own python3; the Python packages Debian 12 lacks or has too old
(PySide6, SQLAlchemy 2, sqlcipher3, Alembic, keyring 25, …) are installed from wheels
into a private folder, /usr/lib/mlcoach/lib, that only /usr/bin/mlcoach puts on its
path. Depends come from dpkg-shlibdeps over every shared object in that folder, plus
python3 of the same minor version and the command-line tools the app runs.

Usage: python packaging/deb/build.py [--wheel FILE] [--out DIR]
Needs dpkg-dev (dpkg-deb, dpkg-shlibdeps) and the run-time libraries installed (it
resolves each library to the Debian package that holds it); pip reaches PyPI or its cache.
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
APP_ID = "io.github.mlcoach.MLCoach"
PACKAGE = "mlcoach"
PREFIX = Path("usr/lib/mlcoach")
SITE = PREFIX / "lib"
MAINTAINER = "mlcoach contributors <mlcoach@users.noreply.github.com>"
# Programs the app starts, with the Debian package that has them and where the code
# runs them. tests/test_deb_build.py fails when a named module no longer mentions the
# program, so this list follows the code (drop an entry when a library call replaces it).
RUNTIME_TOOLS = {
    "x11-utils": ("xprop", "mlcoach/system/desktop.py"),  # is the active window fullscreen?
    "libglib2.0-bin": ("gsettings", "mlcoach/system/desktop.py"),  # GNOME's Do Not Disturb
}
RECOMMENDS = "gnome-keyring | keepassxc"  # a Secret Service for the store's key
# Parts of the wheels that the app never loads: Qt's QML/Quick stack, Designer, the Qt
# developer tools and headers, and plugins for databases and compositors. Leaving them
# out saves ~90 MB and the run-time libraries only they need.
PRUNE = [
    "bin", "PySide6/Qt/qml", "PySide6/Qt/metatypes", "PySide6/Qt/libexec",
    "PySide6/include", "PySide6/typesystems", "PySide6/glue", "PySide6/doc",
    "PySide6/scripts", "PySide6/*.pyi", "PySide6/Qt/plugins/designer",
    "PySide6/Qt/plugins/qmltooling", "PySide6/Qt/plugins/qmllint",
    "PySide6/Qt/plugins/sqldrivers", "PySide6/Qt/plugins/wayland-graphics-integration-server",
    # Printing (no print command), network status and TLS (no network use), the
    # embedded-device platforms and input drivers; GTK's theme (it would pull in GTK 3:
    # the xdg-desktop-portal theme gives GNOME and KDE their file dialogs instead).
    "PySide6/Qt/plugins/printsupport", "PySide6/Qt/plugins/networkinformation",
    "PySide6/Qt/plugins/tls", "PySide6/Qt/plugins/egldeviceintegrations",
    "PySide6/Qt/plugins/generic", "PySide6/Qt/plugins/platforms/libqeglfs*",
    "PySide6/Qt/plugins/platforms/libqlinuxfb*", "PySide6/Qt/plugins/platforms/libqvnc*",
    "PySide6/Qt/plugins/platforms/libqvkkhrdisplay*",
    "PySide6/Qt/plugins/platforms/libqminimalegl*", "PySide6/Qt/plugins/platformthemes/libqgtk3*",
    "PySide6/Qt/lib/libQt6EglFs*",
    # Image formats the app never reads (its icons are PNG and SVG); these two also
    # carry their own copies of libtiff and libjpeg (lintian: embedded-library).
    "PySide6/Qt/plugins/imageformats/libqtiff*", "PySide6/Qt/plugins/imageformats/libqjpeg*",
    "PySide6/Qt/plugins/imageformats/libqwebp*", "PySide6/Qt/plugins/imageformats/libqtga*",
    "PySide6/Qt/plugins/imageformats/libqwbmp*", "PySide6/Qt/plugins/imageformats/libqicns*",
    # the wheels' own test suites (greenlet, icalendar, jeepney.io, recurring_ical_events)
    "*/tests", "*/*/tests", "recurring_ical_events/test",
    "PySide6/lib/cmake", "shiboken6/lib/cmake",  # CMake files for building against Qt
    "PySide6/Qt/lib/libQt6Quick*", "PySide6/Qt/lib/libQt6Qml*", "PySide6/Qt/lib/libQt6Labs*",
    "PySide6/Qt/lib/libQt6Designer*", "PySide6/Qt/lib/libQt6Help*",
    "PySide6/Qt/lib/libQt6UiTools*", "PySide6/Qt/lib/libQt6WaylandCompositor*",
    "PySide6/Qt/lib/libQt6Sql*", "PySide6/Qt/lib/libQt6Test*",
    "PySide6/libpyside6qml*", "PySide6/Qt*Quick*", "PySide6/QtQml*", "PySide6/QtDesigner*",
    "PySide6/QtHelp*", "PySide6/QtUiTools*", "PySide6/QtSql*", "PySide6/QtTest*",
    "PySide6/Qt/translations/assistant_*", "PySide6/Qt/translations/designer_*",
    "PySide6/Qt/translations/linguist_*", "PySide6/Qt/translations/qtdeclarative_*",
    "*.dist-info/RECORD",  # lists files that are pruned; pip is never run on this folder
]
PRUNE_EXECUTABLES_IN = ["PySide6"]  # designer, lupdate, qmlls, … (ELF tools, not libraries)


_LAST_STEP = [time.monotonic()]


def step(name: str) -> None:
    """Say how long the step that just ended took."""
    now = time.monotonic()
    print(f"build-deb: {name} ({now - _LAST_STEP[0]:.0f} s)")
    _LAST_STEP[0] = now


def run(*args: str | Path, cwd: Path | None = None) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        sys.exit(f"build-deb: {' '.join(map(str, args[:3]))} failed:\n"
                 f"{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return done.stdout


def version() -> str:
    text = (ROOT / "mlcoach" / "__init__.py").read_text()
    found = re.search(r'__version__\s*=\s*"([^"]+)"', text)
    assert found, "no __version__ in mlcoach/__init__.py"
    return found.group(1)


def build_wheel(out: Path) -> Path:
    run(sys.executable, "-m", "build", "--wheel", "--outdir", out, ROOT)
    (wheel,) = out.glob("mlcoach-*.whl")
    return wheel


def check_python() -> str:
    """This interpreter must be Debian's python3 version: the wheels are built for it."""
    system = run("/usr/bin/python3", "-c", "import sys; print('%d.%d' % sys.version_info[:2])")
    mine = "{}.{}".format(*sys.version_info[:2])
    if system.strip() != mine:
        sys.exit(f"build-deb: run with a Python {system.strip()} (this is {mine})")
    return mine


def install_site(wheel: Path, site: Path) -> None:
    run(sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "--no-compile", "--only-binary=:all:", "--no-warn-script-location",
        "--target", site, wheel)
    prune(site)
    drop_orphans(site)
    strip(site)
    for vcs in [*site.rglob(".gitignore"), *site.rglob(".gitattributes")]:
        vcs.unlink()  # shipped by a wheel or two; lintian: package-contains-vcs-control-file
    for cache in list(site.rglob("__pycache__")):
        shutil.rmtree(cache)
    for path in site.rglob("*.py[co]"):
        path.unlink()
    drop_empty_folders(site)


def prune(site: Path) -> None:
    """Leave out what PRUNE names, and the Qt tools (ELF programs) in PySide6."""
    for pattern in PRUNE:
        for path in site.glob(pattern):
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    for folder in PRUNE_EXECUTABLES_IN:
        for path in (site / folder).iterdir():
            if path.is_file() and not path.name.endswith(".so") and ".so." not in path.name \
                    and path.read_bytes()[:4] == b"\x7fELF":
                path.unlink()


def drop_empty_folders(site: Path) -> None:
    """Remove folders that pruning left empty (lintian: package-contains-empty-directory)."""
    for folder in sorted((p for p in site.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


def write_md5sums(stage: Path) -> None:
    """DEBIAN/md5sums: what `dpkg --verify mlcoach` and debsums check the installed files
    against (lintian: no-md5sums-control-file). dpkg-deb does not write it."""
    lines = []
    for path in sorted(stage.rglob("*")):
        relative = path.relative_to(stage)
        if relative.parts[0] == "DEBIAN" or path.is_symlink() or not path.is_file():
            continue
        lines.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {relative.as_posix()}\n")
    (stage / "DEBIAN" / "md5sums").write_text("".join(lines), encoding="utf-8")
    (stage / "DEBIAN" / "md5sums").chmod(0o644)


def _needed(path: Path) -> list[str]:
    out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True,
                         check=False).stdout
    return re.findall(r"^\s*NEEDED\s+(\S+)", out, re.M)


def strip(site: Path) -> None:
    """Strip debug symbols from the wheels' shared objects (lintian: unstripped-binary)."""
    elves = [str(p) for p in site.rglob("*") if p.is_file() and is_elf(p)]
    run("strip", "--strip-unneeded", "--remove-section=.comment", "--remove-section=.note",
        *elves)


def drop_orphans(site: Path) -> None:
    """Remove, until none is left, every plugin or library that needs a Qt or PySide
    library no longer in the folder (a QML-based image plugin, a compositor's helper)."""
    private = ("libQt6", "libpyside6", "libshiboken6", "libicu")
    needed: dict[Path, list[str]] = {}
    while True:
        elves = [p for p in site.rglob("*") if p.is_file() and is_elf(p)]
        present = {p.name for p in elves}
        for p in elves:
            if p not in needed:
                needed[p] = _needed(p)
        orphans = [p for p in elves
                   if any(n.startswith(private) and n not in present for n in needed[p])]
        if not orphans:
            return
        for path in orphans:
            print(f"build-deb: leaving out {path.relative_to(site)} (needs a pruned library)")
            path.unlink()


def launcher() -> str:
    # -I: no user site, no PYTHON* variables, not the script's folder; -S: not Debian's
    # dist-packages either (its older SQLAlchemy or keyring would shadow ours).
    return f"""#!/usr/bin/python3 -IS
\"\"\"mlcoach from its Debian package: the Python packages it needs are private to it.\"\"\"
import site
import sys

sys.dont_write_bytecode = True  # the package compiles them at install time (postinst)
site.addsitedir("/{SITE}")

from mlcoach.cli.main import main  # noqa: E402

sys.exit(main())
"""


def install_desktop_files(stage: Path) -> None:
    share = stage / "usr/share"
    copy(ROOT / "packaging" / f"{APP_ID}.desktop", share / "applications" / f"{APP_ID}.desktop")
    copy(ROOT / "packaging" / f"{APP_ID}.metainfo.xml",
         share / "metainfo" / f"{APP_ID}.metainfo.xml")
    for icon in (ROOT / "resources" / "icons" / "hicolor").glob("*/apps/*"):
        copy(icon, share / "icons" / "hicolor" / icon.relative_to(
            ROOT / "resources" / "icons" / "hicolor"))


def install_docs(stage: Path, ver: str) -> None:
    doc = stage / "usr/share/doc" / PACKAGE
    copy(HERE / "copyright", doc / "copyright")
    stamp = email.utils.formatdate(_source_date(), usegmt=False)
    changelog = (f"{PACKAGE} ({ver}) unstable; urgency=medium\n\n"
                 f"  * Release {ver}: see the releases in the AppStream metainfo.\n\n"
                 f" -- {MAINTAINER}  {stamp}\n")
    (doc / "changelog.gz").write_bytes(gzip.compress(changelog.encode(), 9, mtime=0))
    copy(HERE / "lintian-overrides", stage / "usr/share/lintian/overrides" / PACKAGE)
    man = stage / "usr/share/man/man1"
    man.mkdir(parents=True, exist_ok=True)
    (man / "mlcoach.1.gz").write_bytes(
        gzip.compress((HERE / "mlcoach.1").read_bytes(), 9, mtime=0))


def _source_date() -> float:
    return float(os.environ.get("SOURCE_DATE_EPOCH", time.time()))


def copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)


def is_elf(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(4) == b"\x7fELF"


def normalise_modes(stage: Path) -> None:
    """Directories 0755, files 0644, only the launcher executable (lintian's rules)."""
    for path in stage.rglob("*"):
        if path.is_symlink():
            continue
        path.chmod(0o755 if path.is_dir() else 0o644)
    (stage / "usr/bin/mlcoach").chmod(0o755)


def shlib_depends(stage: Path, site: Path) -> str:
    elves = sorted(str(p) for p in site.rglob("*") if p.is_file() and is_elf(p))
    libdirs = sorted({str(Path(p).parent) for p in elves})
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "debian").mkdir()
        (Path(tmp) / "debian" / "control").write_text(
            f"Source: {PACKAGE}\n\nPackage: {PACKAGE}\nArchitecture: any\n")
        out = run("dpkg-shlibdeps", "-O", "--warnings=0", *(f"-l{d}" for d in libdirs),
                  *elves, cwd=Path(tmp))
    found = re.search(r"shlibs:Depends=(.*)", out)
    return found.group(1).strip() if found else ""


def control(stage: Path, ver: str, py: str, shlibs: str) -> str:
    size = sum(p.stat().st_size for p in stage.rglob("*") if p.is_file()) // 1024
    major, minor = (int(x) for x in py.split("."))
    depends = [f"python3 (>= {major}.{minor})", f"python3 (<< {major}.{minor + 1})",
               *sorted(RUNTIME_TOOLS), shlibs]
    arch = run("dpkg", "--print-architecture").strip()
    desc = (HERE / "description.txt").read_text().rstrip("\n").splitlines()
    body = "\n".join(" " + (line if line.strip() else ".") for line in desc[1:])
    return (f"Package: {PACKAGE}\nVersion: {ver}\nArchitecture: {arch}\n"
            f"Maintainer: {MAINTAINER}\nInstalled-Size: {size}\n"
            f"Depends: {', '.join(d for d in depends if d)}\nRecommends: {RECOMMENDS}\n"
            f"Section: utils\nPriority: optional\n"
            f"Homepage: https://github.com/mlcoach/mlcoach\n"
            f"Description: {desc[0]}\n{body}\n")


def maintainer_scripts(debian: Path) -> None:
    # Byte-compile at install time (Debian policy 4.x: no .pyc in the package) and remove
    # what that wrote before dpkg removes the files, so `apt-get remove` leaves no trace.
    (debian / "postinst").write_text(
        "#!/bin/sh\nset -e\n"
        'if [ "$1" = configure ]; then\n'
        f"    python3 -m compileall -q -j 0 /{SITE} >/dev/null || true\n"
        "fi\n")
    (debian / "prerm").write_text(
        "#!/bin/sh\nset -e\n"
        f"find /{PREFIX} -depth -type d -name __pycache__ -exec rm -rf {{}} + 2>/dev/null"
        " || true\n")
    for name in ("postinst", "prerm"):
        (debian / name).chmod(0o755)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--wheel", type=Path, help="use this wheel instead of building one")
    ap.add_argument("--out", type=Path, default=ROOT / "dist")
    ap.add_argument("--lintian", action="store_true", help="check the result with lintian")
    args = ap.parse_args(argv)
    for tool in ("dpkg-deb", "dpkg-shlibdeps"):
        if shutil.which(tool) is None:
            sys.exit(f"build-deb: {tool} is missing (Debian package dpkg-dev)")
    started = time.monotonic()
    py = check_python()
    ver = version()
    work = ROOT / "build" / "deb"
    shutil.rmtree(work, ignore_errors=True)
    stage = work / "root"
    wheel = args.wheel or build_wheel(work / "wheel")
    step("wheel")
    site = stage / SITE
    install_site(wheel, site)
    step("private site-packages")
    bin_ = stage / "usr/bin"
    bin_.mkdir(parents=True)
    (bin_ / "mlcoach").write_text(launcher())
    install_desktop_files(stage)
    install_docs(stage, ver)
    debian = stage / "DEBIAN"
    debian.mkdir()
    normalise_modes(stage)
    shlibs = shlib_depends(stage, site)
    step("dpkg-shlibdeps")
    (debian / "control").write_text(control(stage, ver, py, shlibs))
    maintainer_scripts(debian)
    write_md5sums(stage)
    args.out.mkdir(parents=True, exist_ok=True)
    arch = run("dpkg", "--print-architecture").strip()
    deb = args.out / f"{PACKAGE}_{ver}_{arch}.deb"
    run("dpkg-deb", "--root-owner-group", "-Zxz", "-z1", "--threads-max=2", "--build",
        stage, deb)
    print(f"{deb} ({deb.stat().st_size / 1e6:.0f} MB) in {time.monotonic() - started:.0f} s")
    if args.lintian:
        if shutil.which("lintian") is None:
            sys.exit("build-deb: lintian is missing (apt-get install lintian)")
        print(run("lintian", "--fail-on", "error", "--tag-display-limit", "0", deb), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
