# Kinerja: thin aliases. A fresh machine needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
UV_VERSION := 0.13.9
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
export UV_PYTHON_DOWNLOADS := never

.PHONY: install system-deps demo serve test lint fmt fuzz clean

$(VENV)/.installed: pyproject.toml uv.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Kinerja memerlukan Python 3.11 atau lebih baru (PYTHON=python3.11 make ...)")'
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(VENV)/bin/uv sync --frozen --inexact --quiet
	@touch $@

install: $(VENV)/.installed

demo: install  ## set up the database, load the BKPSDM demo, serve on http://127.0.0.1:8000
	$(VENV)/bin/kinerja demo

serve: install
	$(VENV)/bin/kinerja serve

system-deps:  ## Debian packages the tests drive (pdftoppm, chromium), installed when missing
	tools/system-deps

test: install system-deps  ## the whole suite (DATABASE_URL selects PostgreSQL)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy kinerja
	$(VENV)/bin/lint-imports

fmt: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

fuzz: install  ## the long fuzz run: every target, FUZZ_INPUTS each (kinerja/imports/fuzz/README.md)
	nice $(VENV)/bin/python -m kinerja.imports.fuzz --inputs $(or $(FUZZ_INPUTS),10000) --report var/fuzz/report.json

clean:
	rm -rf $(VENV) var/kinerja.sqlite3 .pytest_cache .mypy_cache .ruff_cache
