# backcoach: `make run` opens the app, `make test` runs every check headless.
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed
TSTAMP  = $(VENV)/.installed-test

.PHONY: run test lint typecheck pytest bench install-desktop translations screenshots clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	$(PY) -m backcoach.i18n build
	touch $@

$(TSTAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP) $@

run: $(STAMP)
	$(VENV)/bin/backcoach

lint: $(TSTAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

typecheck: $(TSTAMP)
	$(VENV)/bin/mypy

pytest: $(TSTAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider

test: lint typecheck pytest

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
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
