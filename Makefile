# The two set-up commands are `make run` and `make test` (README.md).
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
NLDS := node_modules/@utrecht/component-library-css/dist/index.css

.PHONY: run test install lint check e2e ci clean-data

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

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

# Only the real-browser tests (Playwright + Debian's /usr/bin/chromium).
e2e: install
	$(BIN)/pytest -m e2e $(PYTEST_ARGS)

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
