# Two entry points do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck system venv bench dist clean screenshots translations

run: $(STAMP)
	$(VENV)/bin/mlcoach run

test: $(STAMP)
	$(PY) -m ruff check mlcoach ui tests
	$(PY) -m mypy
	$(VENV)/bin/lint-imports
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check mlcoach ui tests

typecheck: $(STAMP)
	$(PY) -m mypy

system:
	@bash scripts/system-deps.sh

$(STAMP): pyproject.toml scripts/system-deps.sh
	@bash scripts/system-deps.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

# Qt translations: lupdate keeps what is translated and adds new strings as unfinished
# (tests/ui/test_translations.py fails until they are translated); lrelease compiles
# the .qm that the app loads. The core's own text is in resources/i18n/*.toml.
# carry_translations.py keeps the Turkish of strings whose class (context) moved or split.
TS := resources/translations/mlcoach_tr.ts
translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -no-obsolete -locations none $(shell find ui -name '*.py' | sort) -ts $(TS)
	$(PY) scripts/carry_translations.py $(TS)
	$(VENV)/bin/pyside6-lrelease $(TS) -qm $(TS:.ts=.qm)

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

clean:
	rm -rf $(VENV) build dist *.egg-info
