# Stop Scanning Me: `make run` to try it, `make test` to test it. `make help` lists the rest.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.lock | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000
# The development settings build mail links from them (SITE_URL), in the server and the worker.
export HOST PORT

.DEFAULT_GOAL := help
.PHONY: help install run test test-browser chaos lint fmt messages bench mutation ci clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $@

# axe-core (pinned in package-lock.json) runs inside the page in the browser tests.
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --ignore-scripts --no-audit --no-fund && touch $@; \
	else echo "npm not found: axe-core not installed, the accessibility checks will skip"; fi

install: $(STAMP) $(AXE) ## Create .venv and install the locked dependencies
	$(MANAGE) compile_translations

run: install ## Install, migrate, load the campaign, serve on http://127.0.0.1:8000 (+ worker)
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable
	$(MANAGE) setup_dev
	@mkdir -p var; \
	$(MANAGE) run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	echo "Worker running (pid $$worker); mail is written to var/outbox/"; \
	$(MANAGE) runserver $(HOST):$(PORT)

test: install ## Run the whole test suite (browser tests too when Chromium is installed)
	$(PY) -m pytest $(PYTEST_ARGS)

test-browser: install ## Run only the real-browser tests
	$(PY) -m pytest -m browser $(PYTEST_ARGS)

chaos: install ## Fault tests: workers and app servers killed, mail server, Redis and database down, hostile input
	$(PY) -m pytest -m chaos e2e/chaos $(PYTEST_ARGS)

lint: install ## ruff, mypy on services and selectors, import-linter (imports run downward), djhtml
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-logo --no-cache
	$(VENV)/bin/mypy $(wildcard */services.py */selectors.py) core/translation.py core/languages.py core/optin.py core/forms.py core/loading.py privacy/*.py tools/*.py
	find . \( -path ./.venv -o -path ./mutants \) -prune -o -name '*.html' -path '*templates*' -print0 | xargs -0 $(VENV)/bin/djhtml --check

fmt: install ## Format Python and templates
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	find . \( -path ./.venv -o -path ./mutants \) -prune -o -name '*.html' -path '*templates*' -print0 | xargs -0 $(VENV)/bin/djhtml

messages: install ## Extract strings into locale/*/django.po for every language in settings (gettext)
	$(MANAGE) makemessages --no-obsolete --no-location -i '.venv/*' -i 'var/*' -i 'bench/*' -i 'mutants/*'
	$(MANAGE) compile_translations

bench: install ## Load and scale benchmarks, proof-of-work costs (writes bench/results/)
	$(PY) bench/run.py $(BENCH_ARGS)

# The security core by default (pyproject's [tool.mutmut] only_mutate); MUTATE="a.py b.py" for others.
MUTATE ?=
mutation: install ## Mutation testing (mutmut): a score table per file; MUTATE="core/optin.py" for others, MUTATION_WORKERS=1 for one process
	$(PY) tools/mutation.py $(if $(MUTATION_WORKERS),--max-children $(MUTATION_WORKERS)) $(MUTATE)

ci: ## What CI runs: lint, tests on SQLite and PostgreSQL, migrations, deploy check
	bash .ci/run

clean: ## Remove the virtual environment, local data (var/) and mutation copies (mutants/)
	rm -rf $(VENV) var mutants
