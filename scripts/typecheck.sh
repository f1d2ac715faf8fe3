#!/usr/bin/env bash
# mypy over the core and the Qt layer together, as they are installed: ui/ is the
# package mlcoach.ui (setuptools package-dir), which an editable install provides through
# a meta-path finder that mypy cannot follow. So this builds build/typecheck/mlcoach,
# a tree of symlinks in the installed shape (mlcoach/<core packages> + mlcoach/ui -> ui
# + mlcoach/resources -> resources),
# and checks it with the project's own config (pyproject.toml [tool.mypy]).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-$root/.venv/bin/python}"
case "$python" in /*) ;; */*) python="$PWD/$python" ;; esac  # we cd below
tree="$root/build/typecheck"
rm -rf "$tree/mlcoach"
mkdir -p "$tree/mlcoach"
for entry in "$root"/mlcoach/*; do
    ln -s "$entry" "$tree/mlcoach/$(basename "$entry")"
done
ln -s "$root/ui" "$tree/mlcoach/ui"
ln -s "$root/resources" "$tree/mlcoach/resources"
cd "$tree"
exec "$python" -m mypy --config-file "$root/pyproject.toml" --cache-dir "$tree/.mypy_cache" \
    -p mlcoach "$@"
