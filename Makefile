# Outcome Bees — two commands: `make run` and `make test`.
# Everything else here is what those two need, and a few conveniences.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# xdist workers for make test: browser tests run in one group on one worker while the other takes
# the rest. Three workers were tried on this 2-core machine (2026-12-07): slower, and sign-in waits
# timed out (bench/history/suite.md)
TEST_WORKERS ?= 2
PIP := $(VENV)/bin/pip
PORT ?= 8050
export PYTHONPATH := $(CURDIR)
export PORT

.PHONY: run serve test lint setup deps test-deps node browser postgres db bench bench-seed bench-import bench-smoke clean help vendor lock

help:
	@echo "make run    - set up, migrate, seed and serve on http://127.0.0.1:$(PORT) (embedded SQLite)"
	@echo "make test   - set up everything the suite needs and run the whole suite"
	@echo "make serve  - production server (gunicorn, debug off)"
	@echo "make lint   - ruff, ruff format --check, mypy and import-linter (make test runs it first)"
	@echo "make bench  - bench: the speed figures of BENCHMARKS.md (not part of make test)"

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

deps: $(VENV)/.installed

# The test and development lock (pytest, dash[testing], ruff, mypy, import-linter) on top of the runtime one.
$(VENV)/.test-installed: $(VENV)/.installed requirements-test.txt
	$(PIP) install --quiet -r requirements-test.txt
	touch $@

test-deps: $(VENV)/.test-installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

node: node_modules/.installed

setup: deps test-deps node

# The app needs no npm: Bootstrap and plotly.js are committed in assets/vendor (npm is for axe-core in tests).
db: deps
	$(PY) -m data_access migrate
	$(PY) -m data_access seed

run: db
	@echo "Serving Outcome Bees on http://127.0.0.1:$(PORT) (Ctrl+C to stop)"
	$(PY) app.py

serve: db
	$(VENV)/bin/gunicorn --config deploy/gunicorn.conf.py app:server

# Debian chromium + chromium-driver for the browser tests (dash_duo, kaleido, axe).
browser:
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then \
		echo "chromium and chromedriver present"; \
	else \
		echo "Installing Debian chromium and chromium-driver..."; \
		if [ "$$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -qq >/dev/null 2>&1 || true; \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null || \
		{ echo "!!! Could not install chromium/chromium-driver: browser tests cannot run." >&2; exit 1; }; \
	fi

# Make sure a PostgreSQL answers on 127.0.0.1:5432, starting the local cluster if it is installed.
postgres:
	@sh scripts/ensure_postgres.sh

# The rules the suite enforces before any test runs: lint, format, types, architecture contracts.
lint: test-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: setup browser postgres lint
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup

# Regenerate requirements.txt and requirements-test.txt from pyproject.toml.
lock:
	sh scripts/lock.sh

bench: setup
	$(PY) -m bench.run
	$(PY) -m bench.seed_bench
	$(PY) bench/import_bench.py --rows 1000000

# the 1,000,000-row Fingertips import against the raw bulk-insert baseline (SQLite, PostgreSQL)
bench-import: setup
	$(PY) bench/import_bench.py --rows 1000000

# seeding the published data (SQLite, PostgreSQL) and a fresh clone's make run to the first page
bench-seed: setup
	$(PY) -m bench.seed_bench

# After changing the pinned versions in package.json: copy the new files into assets/vendor.
vendor: node
	cp node_modules/bootstrap/dist/css/bootstrap.min.css assets/vendor/bootstrap.min.css
	cp node_modules/plotly.js-basic-dist-min/plotly-basic.min.js assets/vendor/plotly-basic.min.js

clean:
	rm -rf $(VENV) node_modules instance .pytest_cache
