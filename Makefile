# backcoach: `make run` opens the app, `make test` runs every check headless.
#
# Installs are locked: uv (itself pinned by hash in tools/uv-requirements.txt)
# installs exactly what uv.lock says. `make upgrade` re-resolves and rewrites
# the lock; `make test-latest` runs the suite against the newest releases in a
# separate venv without touching the lock.
PYTHON ?= python3
VENV   ?= .venv
TOOLS  ?= .venv-uv
PY      = $(VENV)/bin/python
UV      = $(TOOLS)/bin/uv
STAMP   = $(VENV)/.installed
TSTAMP  = $(VENV)/.installed-test
LATEST ?= .venv-latest
# uv installs into $(VENV), for the interpreter $(PYTHON); it never downloads a Python.
UVENV   = UV_PROJECT_ENVIRONMENT=$(VENV) UV_PYTHON_DOWNLOADS=never

.PHONY: run test lint typecheck pytest bench install-desktop translations screenshots \
	upgrade test-latest clean

$(UV): tools/uv-requirements.txt
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install -q --require-hashes --no-deps -r tools/uv-requirements.txt
	touch $@

$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UVENV) $(UV) sync -q --locked --no-dev --inexact --python $(PYTHON)
	touch $@

$(TSTAMP): pyproject.toml uv.lock | $(UV)
	$(UVENV) $(UV) sync -q --locked --python $(PYTHON)
	touch $(STAMP) $@

run: $(STAMP)
	$(VENV)/bin/backcoach

lint: $(TSTAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/lint-imports

typecheck: $(TSTAMP)
	$(VENV)/bin/mypy

pytest: $(TSTAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider

test: lint typecheck pytest

upgrade: $(UV)
	UV_PYTHON_DOWNLOADS=never $(UV) lock --upgrade

test-latest: $(UV)
	rm -rf $(LATEST)
	UV_PYTHON_DOWNLOADS=never $(UV) venv -q --python $(PYTHON) $(LATEST)
	UV_PYTHON_DOWNLOADS=never $(UV) pip install -q --python $(LATEST)/bin/python --upgrade \
		-e . --group dev
	QT_QPA_PLATFORM=offscreen $(LATEST)/bin/python -m pytest -q -p no:cacheprovider

bench: $(TSTAMP)
	for b in bench/bench_*.py; do QT_QPA_PLATFORM=offscreen $(PY) $$b || exit 1; done

translations: $(TSTAMP)
	$(PY) -m backcoach.i18n update
	$(PY) -m backcoach.i18n build

screenshots: $(TSTAMP)
	sh tools/screenshots.sh

install-desktop: $(STAMP)
	$(PY) -m backcoach.desktop install

clean:
	rm -rf $(VENV) $(TOOLS) $(LATEST) .venv-3.* build dist src/*.egg-info .pytest_cache \
		.mypy_cache .ruff_cache
