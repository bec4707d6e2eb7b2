# `make run`: set up and run Proficio with the demo courses on SQLite (data in ./var).
# `make test`: set up and run the whole test suite (SQLite; DATABASE_URL=postgres://… for PostgreSQL).
# The browser tests drive Debian's Chromium, installed here with apt when it is missing
# (Playwright never downloads a browser of its own).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench-import clean chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(BIN)/proficio serve

# Debian's Chromium for the browser tests, checked on every run (a new machine may lack it);
# apt needs root, so sudo when we are not.
chromium:
	@command -v chromium >/dev/null || { \
	  sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$sudo apt-get update -q && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	}

test: $(VENV)/.installed-test chromium
	$(BIN)/pytest --create-db

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src

bench-import: $(VENV)/.installed-test
	$(BIN)/python bench/import_pack.py

clean:
	rm -rf $(VENV) var
