# Lantern's two front doors: `make demo` and `make test`. Everything they need is installed here.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM := /usr/bin/chromium
STATIC_BUILT := src/lantern/static/lantern/lantern.css

.PHONY: demo test install install-test assets chromium lint serve clean bench-load

demo: install assets
	mkdir -p var
	LANTERN_ENV=demo $(BIN)/lantern migrate --noinput
	LANTERN_ENV=demo $(BIN)/lantern demo
	LANTERN_ENV=demo $(BIN)/lantern generate --scale demo --seed 1 --if-absent
	LANTERN_ENV=demo $(BIN)/lantern link
	LANTERN_ENV=demo $(BIN)/lantern import-nrm-statistics src/lantern/synth/reference
	@echo "Serving Lantern at http://127.0.0.1:8000/ (Ctrl+C stops it)"
	LANTERN_ENV=demo $(BIN)/lantern runserver 127.0.0.1:8000 --noreload

test: install-test assets chromium
	LANTERN_ENV=test $(BIN)/ruff check src tests
	LANTERN_ENV=test $(BIN)/mypy src
	LANTERN_ENV=test $(BIN)/pytest

# The load benchmark (benchmarks/load/): realistic signed-in users against gunicorn and the national
# data on PostgreSQL database lantern_load (made and filled on first use), ramped until it breaks.
bench-load: install-test assets
	LANTERN_ENV=test $(BIN)/python benchmarks/load/run.py $(BENCH_LOAD_ARGS)

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test,spark]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: $(STATIC_BUILT)

$(STATIC_BUILT): node_modules/.installed scripts/build-assets.mjs $(wildcard src/lantern/static_src/*)
	npm run --silent build

# Browser tests drive Debian's Chromium; install it when missing and we may, else say exactly what to do.
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Debian's chromium package: run 'sudo apt-get install -y chromium', then make test again."; \
	    exit 1; \
	  fi; \
	fi

clean:
	rm -rf $(VENV) node_modules src/lantern/static var .mypy_cache .pytest_cache .ruff_cache
