#!/usr/bin/env bash
# Install the Debian packages Qt and the desktop tests need, when missing.
# As root it uses apt-get; otherwise it prints the command to run.
set -euo pipefail
pkgs=(
  # the build itself
  make python3-venv python3-pip
  # Qt offscreen and on X11
  libgl1 libegl1 libxkbcommon0 libglib2.0-0 libfreetype6 libfontconfig1 libdbus-1-3
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-randr0 libxcb-render-util0 libxcb-image0 fonts-dejavu-core
  # headless desktop for the integration tests
  xvfb x11-utils xdotool trayer dbus dunst libnotify-bin gnome-keyring imagemagick
  # logind stood in for on a private bus: sleep and lock (tests/ui/test_wake.py)
  python3-dbusmock
  # GNOME's calendar store, read as a meeting source (tests/integration/test_eds.py)
  evolution-data-server
  # packaging checks; make deb: dpkg-deb and dpkg-shlibdeps (dpkg-dev), lintian
  desktop-file-utils appstream dpkg-dev lintian
  # make dist: PyInstaller reads binaries with objdump and bundles the shared libpython
  binutils "libpython$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || echo 3.11)"
)
# `make desktop-matrix` (scripts/desktop_matrix.py): the shells it starts headless.
# GNOME Shell (~390 MB) and sway + waybar (~20 MB); KDE Plasma is run by hand.
if [ -n "${MLCOACH_DESKTOPS:-}" ]; then
  pkgs+=(gnome-shell gnome-shell-extension-appindicator xwayland dconf-cli gnome-screenshot
         gjs libglib2.0-bin sway waybar grim)
fi
command -v dpkg-query >/dev/null || { echo "system-deps: not a Debian system; install the Qt runtime libraries yourself" >&2; exit 0; }
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo apt-get update -q
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "system-deps: missing Debian packages: ${missing[*]}" >&2
  echo "system-deps: run: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
