# Two entry points do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck system venv bench dist clean screenshots translations wheel deb desktop-matrix

run: $(STAMP)
	$(VENV)/bin/mlcoach run

# mypy and the import contracts see the core and ui/ together in their installed shape:
# scripts/typecheck.sh builds that tree (build/typecheck) and runs mypy on it.
test: $(STAMP)
	$(PY) -m ruff check mlcoach ui tests
	PYTHON=$(PY) bash scripts/typecheck.sh
	cd build/typecheck && ../../$(VENV)/bin/lint-imports ../../pyproject.toml
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check mlcoach ui tests

typecheck: $(STAMP)
	PYTHON=$(PY) bash scripts/typecheck.sh

system:
	@bash scripts/system-deps.sh

$(STAMP): pyproject.toml scripts/system-deps.sh
	@bash scripts/system-deps.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

# The README's screenshots (docs/screenshots): light and dark on Xvfb with trayer,
# Turkish the same, History & insights from two generated years, 200 % offscreen.
# optipng (apt) keeps the PNGs small when it is installed.
screenshots: $(STAMP)
	$(PY) scripts/screenshots.py
	$(PY) scripts/screenshots_history.py
	$(PY) scripts/screenshots_scaled.py
	$(PY) scripts/screenshots_tr.py
	@if command -v optipng >/dev/null; then optipng -quiet -o2 docs/screenshots/*.png; \
	else echo "optipng is not installed: PNGs left as Qt wrote them"; fi

# Qt translations: lupdate keeps what is translated and adds new strings as unfinished
# (tests/ui/test_translations.py fails until they are translated); lrelease compiles
# the .qm that the app loads. The core's own text is in resources/i18n/*.toml.
# carry_translations.py keeps the Turkish of strings whose class (context) moved or split.
TS := resources/translations/mlcoach_tr.ts
translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -no-obsolete -locations none $(shell find ui -name '*.py' | sort) -ts $(TS)
	$(PY) scripts/carry_translations.py $(TS)
	$(VENV)/bin/pyside6-lrelease $(TS) -qm $(TS:.ts=.qm)

# The daily loop on real desktops, headless (scripts/desktop_matrix.py); installs the
# shells first (GNOME Shell is ~390 MB, so not part of `make test`). kde and kde-restart
# need KDE Plasma's packages (~820 MB more): `make desktop-matrix DESKTOPS=kde-restart`.
DESKTOPS ?= x11 gnome gnome-appindicator sway gnome-x11-restart gnome-appindicator-toggle
desktop-matrix: $(STAMP)
	@MLCOACH_DESKTOPS=1 bash scripts/system-deps.sh
	$(PY) scripts/desktop_matrix.py $(DESKTOPS)

bench: $(STAMP)
	$(PY) benchmarks/run_quick.py

# A one-folder app in dist/mlcoach, built by PyInstaller (packaging/README.md).
DIST_STAMP := $(VENV)/.installed-dist

$(DIST_STAMP): $(STAMP)
	$(PY) -m pip install -q -e '.[test,dist]'
	touch $(DIST_STAMP)

dist: $(DIST_STAMP)
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/mlcoach.spec
	dist/mlcoach/mlcoach --version

# The wheel and sdist a user installs with pipx (README: Install).
wheel: $(STAMP)
	$(PY) -m build --outdir dist .

# The Debian package, checked by lintian (packaging/README.md: how it carries Python and Qt).
deb: $(STAMP)
	$(PY) packaging/deb/build.py --out dist --lintian

clean:
	rm -rf $(VENV) build dist *.egg-info
