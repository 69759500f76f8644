# The two set-up commands are `make run` and `make test` (README.md).
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
NLDS := node_modules/@utrecht/component-library-css/dist/index.css

.PHONY: run test install lint check e2e screenshots ci clean-data data bench

install: $(VENV)/.installed node_modules/.installed static/vendor/utrecht/component-library.css

$(VENV)/.installed: requirements-dev.lock
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	touch $@

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/utrecht/component-library.css: node_modules/.installed
	mkdir -p static/vendor/utrecht
	cp $(NLDS) $@

run: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py demo
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The whole suite, in two pytest processes side by side (two cores): the real-browser
# tests and half of the URL permission matrix (-m "e2e or matrix") in one, with its own
# test database and cache keys (TEST_SUITE_SUFFIX), everything else in the other. The
# first one's output is printed after the rest; either failing fails the target.
test: install
	@e2e_log=$$(mktemp); \
	TEST_SUITE_SUFFIX=_e2e $(BIN)/pytest -m "e2e or matrix" $(PYTEST_ARGS) > $$e2e_log 2>&1 & e2e_pid=$$!; \
	$(BIN)/pytest -m "not e2e and not matrix" $(PYTEST_ARGS); rest=$$?; \
	wait $$e2e_pid; e2e=$$?; \
	echo; echo "==> Browser tests and permission matrix (-m 'e2e or matrix'), run beside the rest:"; \
	cat $$e2e_log; rm -f $$e2e_log; \
	echo "==> pytest exit codes: rest $$rest, e2e and matrix $$e2e (5: no test selected)"; \
	case "$$rest$$e2e" in 00|05|50) exit 0;; *) exit 1;; esac

# Only the real-browser tests (Playwright + Debian's /usr/bin/chromium).
e2e: install
	$(BIN)/pytest -m e2e $(PYTEST_ARGS)

# The role journeys, saving their screenshots to docs/screenshots/ (commit the PNGs).
screenshots: install
	SCREENSHOTS=1 $(BIN)/pytest -m e2e tests/e2e/test_journey_*.py $(PYTEST_ARGS)

# What CI runs on a fresh machine: services, apt chromium, install, tests and checks.
ci:
	bash .ci/run

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

clean-data:
	rm -rf .data

# Generated data at the scale of a large municipality (issue 12, docs/performance.md):
# `make data SCHAAL=groot` on the database of DATABASE_URL. It EMPTIES that database first.
SCHAAL ?= klein
data: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py genereer_data --schaal $(SCHAAL) --leegmaken

# The load benchmark against the bare-Django ceiling, on that data (docs/performance.md).
bench: install
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-bench.lock
	$(BIN)/python bench/load.py --uitvoer docs/performance.md $(BENCH_ARGS)
