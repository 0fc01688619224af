# Two commands for a fresh clone:
#   make run   set up, migrate, seed the demo organisation, serve on http://127.0.0.1:$(PORT) with the worker
#   make test  set up (Python packages, Chromium, PostgreSQL) and run the suite on SQLite and PostgreSQL
PYTHON ?= python3
PORT ?= 5000
# Links in mail written outside a request (seed-demo, the worker's jobs) point at the port that serves.
SERVE_ENV = BASE_URL="$${BASE_URL:-http://127.0.0.1:$(PORT)}"
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app course
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The suite runs in parallel (pytest-xdist), one process per core; PYTEST_WORKERS=0 runs it in this one.
PYTEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -n $(PYTEST_WORKERS)

.PHONY: run dev test test-sqlite test-postgres e2e lint lessons-check benchmark install install-dev system-deps node-tools translations catalogue screenshots clean

run: install translations instance/config.py
	$(FLASK) db upgrade
	$(SERVE_ENV) $(FLASK) seed-demo
	@echo
	@echo "Vernetzt is starting on http://127.0.0.1:$(PORT) with its background worker (Ctrl+C stops both)."
	@echo "Without MAIL_SERVER, mail is printed here by the worker; everyone also reads theirs under Notifications."
	@export $(SERVE_ENV) SESSION_COOKIE_SECURE="$${SESSION_COOKIE_SECURE:-false}"; \
	[ -n "$$MAIL_SERVER" ] || export MAIL_BACKEND="$${MAIL_BACKEND:-console}"; \
	$(FLASK) worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	$(FLASK) run --reload --no-debugger --host 127.0.0.1 --port $(PORT)

# For working on Vernetzt itself: the same, with Flask's interactive debugger (never expose it).
dev: install translations instance/config.py
	$(FLASK) db upgrade
	@export $(SERVE_ENV); [ -n "$$MAIL_SERVER" ] || export MAIL_BACKEND=console; \
	$(FLASK) worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	$(FLASK) run --debug --host 127.0.0.1 --port $(PORT)

test: install-dev translations system-deps node-tools
	$(BIN)/ruff check course tests benchmarks
	$(BIN)/mypy
	@echo "=== Test suite on SQLite ==="
	$(PYTEST)
	@echo "=== Test suite on PostgreSQL ==="
	.ci/with-postgres $(PYTEST)

test-sqlite: install-dev translations node-tools
	$(PYTEST) $(ARGS)

test-postgres: install-dev translations system-deps node-tools
	.ci/with-postgres $(PYTEST) $(ARGS)

e2e: install-dev translations system-deps node-tools
	$(PYTEST) -m e2e $(ARGS)

# ruff over the code, tests and benchmarks; mypy over course/ (configured in pyproject.toml).
lint: install-dev
	$(BIN)/ruff check course tests benchmarks
	$(BIN)/mypy

lessons-check: install
	SECRET_KEY=lessons-check $(FLASK) lessons check

# Throughput of a lesson page against a bare Flask baseline, both under gunicorn; then time and
# SQL statements of review allocation and rebalancing for 1,000 learners and 5,000 submissions; the dashboard
# of 2,000 learners; the event wall with 500 posts and how soon an approval shows on it.
benchmark: install-dev translations
	$(BIN)/python benchmarks/lesson_page.py $(ARGS)
	$(BIN)/python benchmarks/review_allocation.py
	$(BIN)/python benchmarks/dashboard.py
	$(BIN)/python benchmarks/wall.py

# Refresh the README's screenshots from the browser tests.
screenshots: install-dev translations system-deps
	SCREENSHOT_DIR=static/screenshots $(PYTEST) -m e2e

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e ".[dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Debian's Chromium for the browser tests, PostgreSQL for the second test run and Node.js for the test tools.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v node >/dev/null 2>&1 || missing="$$missing nodejs"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi

# The tests' tools from npm (package-lock.json): the OpenID provider the sign-in tests use, and axe-core.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

node-tools: system-deps node_modules/.installed

translations: install
	$(BIN)/pybabel -q compile -d course/translations

# After changing UI strings: update the catalogue, then translate the new entries.
catalogue: install
	$(BIN)/pybabel -q extract -F course/translations/babel.cfg -k _l -k lazy_gettext --ignore-dirs ".*" \
		--no-location --sort-output --project Vernetzt -o course/translations/messages.pot .
	$(BIN)/pybabel -q update --no-fuzzy-matching --ignore-obsolete -i course/translations/messages.pot -d course/translations

instance/config.py:
	@mkdir -p instance
	@$(BIN)/python -c 'import secrets; print("SECRET_KEY = " + repr(secrets.token_hex(32)))' > $@
	@echo "Wrote $@ with a new random SECRET_KEY."

clean:
	rm -rf $(VENV) .pytest_cache node_modules
