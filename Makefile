# Tutela: `make demo` serves a demo site; `make test` runs every check. See README.md.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
export TUTELA_MODE ?= demo
# Where `make demo` serves: `make demo PORT=8001`, or HOST=0.0.0.0 to listen on every interface.
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test install lint typecheck migrations-check pytest clean

demo: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py register_publish
	$(PY) manage.py demo_data --seed 2026 --children 200
	@echo "Serving Tutela on http://$(HOST):$(PORT)/ with the worker that runs background tasks and scheduled jobs (Ctrl-C stops both)"
	@trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py tutela_worker --interval 2 & worker=$$!; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install lint typecheck migrations-check pytest

install: $(VENV)/.installed node_modules/.installed

# A Python of 3.11 or newer from PATH, newest first; a clear message if there is none.
$(VENV)/.installed: requirements.lock
	@set -e; \
	if [ ! -x $(PY) ]; then \
	  for candidate in python3.14 python3.13 python3.12 python3.11 python3; do \
	    if command -v $$candidate >/dev/null && $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then \
	      found=$$candidate; break; fi; \
	  done; \
	  if [ -z "$$found" ]; then echo "Tutela needs Python 3.11 or newer on PATH; none was found." >&2; exit 1; fi; \
	  echo "Creating $(VENV) with $$($$found --version)"; \
	  $$found -m venv $(VENV); \
	fi
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "Tutela needs npm (Node.js) on PATH for the GOV.UK Frontend package." >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

typecheck:
	$(VENV)/bin/mypy

migrations-check:
	$(PY) manage.py makemigrations --check --dry-run

pytest:
	$(VENV)/bin/pytest -n 2 --dist loadfile

clean:
	rm -rf $(VENV) node_modules var
