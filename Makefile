# Two commands: `make run` serves the platform with demo data; `make test` runs the suite.
# Both set everything up first. No environment needed: SQLite, eager tasks, console email.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.9

# The first Python 3.12+ found: on PATH, then under pyenv if it is there.
PYTHON ?= $(shell for p in python3.13 python3.12 python3 \
	$$(ls -d $$HOME/.pyenv/versions/3.1[3-9]*/bin/python $$HOME/.pyenv/versions/3.12*/bin/python 2>/dev/null); do \
	  command -v $$p >/dev/null 2>&1 || [ -x "$$p" ] || continue; \
	  $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p || echo $$p; } && break; \
	done)

.PHONY: run test setup migrate static seed totp lint audit worker beat screenshots bench clean messages compilemessages

$(VENV)/.synced: pyproject.toml uv.lock
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed; none was found." >&2; exit 1; }
	@echo "Using $(PYTHON)"
	@test -x .tools/bin/uv || { $(PYTHON) -m venv .tools && .tools/bin/pip install -q "uv==$(UV_VERSION)"; }
	.tools/bin/uv sync --frozen --python "$(PYTHON)"
	@touch $@

setup: $(VENV)/.synced
	@mkdir -p var/static
	@$(PY) -m sanctuary.translations

# Translations (README "Welsh"). `messages` extracts every marked string into its catalogue:
# locale/ for templates/ and sanctuary/, <app>/locale/ for each app (needs GNU gettext's
# xgettext: `apt-get install gettext`). `compilemessages` rebuilds every .mo (pure Python).
messages: setup
	$(PY) -m sanctuary.translations messages

compilemessages: setup
	$(PY) -m sanctuary.translations --force

migrate: setup
	$(PY) manage.py migrate --noinput

# Static files as production serves them: hashed names, Brotli and gzip copies (WhiteNoise).
static: setup
	$(PY) manage.py collectstatic --noinput --verbosity 0

var/.demo-seeded: | migrate
	$(PY) manage.py seed_demo
	@touch $@

seed: migrate
	$(PY) manage.py seed_demo

# The server, and celery beat beside it so the periodic jobs run as they do in production
# (without REDIS_URL, tasks run eagerly: beat runs each due job itself). With REDIS_URL set, a
# worker is started too. Ctrl-C stops them all; their output goes to var/scheduler.log.
run: migrate var/.demo-seeded static
	@echo "Scheduled jobs: celery beat runs beside the server (output in var/scheduler.log)."
	@trap 'kill $$(jobs -p) 2>/dev/null; wait' EXIT INT TERM; \
	$(VENV)/bin/celery -A sanctuary beat --loglevel=info --schedule=var/celerybeat-schedule >var/scheduler.log 2>&1 & \
	if [ -n "$$REDIS_URL" ]; then \
	  $(VENV)/bin/celery -A sanctuary worker --loglevel=info --concurrency=2 >>var/scheduler.log 2>&1 & \
	fi; \
	$(PY) manage.py runserver 127.0.0.1:8000

# One test process per core (pytest-xdist); each gets its own test database and cache keys.
PYTEST_ARGS ?= -n auto
test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

# pip-audit over every package pinned in uv.lock (see .ci/audit.py for its exit codes).
audit: setup
	$(PY) .ci/audit.py

screenshots: migrate
	$(PY) docs/screenshots.py

totp: setup
	@$(PY) manage.py demo_totp

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# National-scale benchmark: needs PostgreSQL and Redis running locally (BENCH_DATABASE_URL,
# BENCH_REDIS_URL to point elsewhere); it creates and drops its own database. See bench/README.md.
bench: setup
	$(PY) -m bench.run

worker: setup
	$(VENV)/bin/celery -A sanctuary worker --loglevel=info --concurrency=2

beat: setup
	$(VENV)/bin/celery -A sanctuary beat --loglevel=info --schedule=var/celerybeat-schedule

clean:
	rm -rf $(VENV) .tools var .pytest_cache
