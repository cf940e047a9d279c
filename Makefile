# The words of the README: `make run` starts the application with demo data, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install messages lint format ci clean bench

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "KIZ-Verwaltung läuft auf http://$(HOST):$(PORT)/ (Beenden mit Strg+C)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/pytest

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[dev]"
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
	rm -rf $(VENV) db.sqlite3 staticfiles media .pytest_cache .ruff_cache *.egg-info build
