# The words of the README: `make run` starts the application with demo data, `make test` runs the tests.
# Each sets up what is missing first: the Debian/Ubuntu packages (scripts/system-packages.sh), then .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install system system-test messages lint format ci clean bench

# Web server and Celery worker together (embedded broker without REDIS_URL); one Ctrl+C stops both.
run: system install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "KIZ-Verwaltung läuft auf http://$(HOST):$(PORT)/ (Beenden mit Strg+C)"
	$(BIN)/python manage.py serve $(HOST):$(PORT)

test: system-test install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/pytest

system:
	@PYTHON=$(PYTHON) bash scripts/system-packages.sh run

system-test:
	@PYTHON=$(PYTHON) bash scripts/system-packages.sh test

install: $(STAMP)

# uv (from PyPI, into .venv) installs the dependencies of pyproject.toml in seconds.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet --disable-pip-version-check "uv>=0.5,<1"
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r pyproject.toml --extra dev
	rm -f $(VENV)/.installed-*
	touch $@

# Compile the German catalogues (core in locale/, each app in <app>/locale/); the .mo files are committed.
messages:
	for po in $$(find . -path ./$(VENV) -prune -o -name django.po -print); do \
		msgfmt --check -o $${po%.po}.mo $$po || exit 1; done

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

ci:
	bash .ci/run

# State-scale figures (54 KIZ, 2018–2026) in a database of their own; the table goes to bench-results/latest.md.
bench: install
	$(BIN)/python manage.py bench

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm var staticfiles media .pytest_cache .ruff_cache *.egg-info build
