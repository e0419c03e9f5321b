# rasd — two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
SHARED ?= ../shared
PORT ?= 8765

.PHONY: install demo test test-fast lint bench eval browser-deps clean help

help:
	@echo "make demo   - create the venv, install, analyse and ingest the bundled example, serve the web app"
	@echo "              on port $(PORT) (PORT=N make demo for another; PORT=0 for any free port)"
	@echo "make test   - create the venv with dev extras, run lint and every test"
	@echo "make lint   - ruff and mypy"
	@echo "make eval   - score against the gold data in $(SHARED) and rewrite QUALITY.md"
	@echo "make bench  - speed and memory benchmarks, rewrite BENCHMARKS.md"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP) $@

install: $(DEV_STAMP)

# Debian's chromium for the browser tests (never a browser download by playwright)
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi; } \
	  || echo "chromium could not be installed; browser tests will be skipped"

demo: $(STAMP)
	$(BIN)/rasd analyze examples/000_17848a7770633ebb.txt --format pretty
	@if $(BIN)/rasd --help | grep -q ingest; then \
	  rm -f rasd.db; $(BIN)/rasd ingest examples --db rasd.db && \
	  $(BIN)/rasd serve --db rasd.db --port $(PORT); fi

test: $(DEV_STAMP) browser-deps lint
	$(BIN)/python -m pytest -q

test-fast: $(DEV_STAMP)
	$(BIN)/python -m pytest -q -m "not e2e"

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/mypy

eval: $(STAMP)
	$(BIN)/python benchmarks/quality.py --shared $(SHARED)

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py --shared $(SHARED)

clean:
	rm -rf $(VENV) build dist src/*.egg-info .mypy_cache .ruff_cache .pytest_cache
