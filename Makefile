# faire-lien — `make run` and `make test` each create .venv when missing and install into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BABEL_KEYWORDS := -k msg:1,2c -k plural:1,2,4c

.PHONY: run test lint setup migrate i18n i18n-compile diagrams bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when the dependency list changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) i18n-compile migrate

## run: install, compile translations, migrate, start the bot (or the terminal chat without a token)
run: setup
	$(BIN)/faire-lien run

## test: the same set-up, then lint, type checks and the whole test suite (PostgreSQL and Chromium installed if missing)
test: setup lint
	./scripts/ensure-postgres.sh
	./scripts/ensure-chromium.sh
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

migrate: $(STAMP)
	$(BIN)/faire-lien db upgrade

i18n-compile: $(STAMP)
	$(BIN)/pybabel compile -d locales -D messages --statistics
	$(BIN)/pybabel compile -d locales -D console --statistics

## i18n: extract French source strings (code, flow YAML, console templates), update every catalog (a changed text loses its review flag), compile
i18n: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg $(BABEL_KEYWORDS) -c TRANSLATORS: --sort-by-file \
		--project faire-lien --copyright-holder "faire-lien contributors" -o locales/messages.pot .
	$(BIN)/pybabel update -i locales/messages.pot -d locales -D messages --ignore-obsolete --previous
	$(BIN)/python -c "from dialogs.review import drop_stale_reviews; drop_stale_reviews()"
	$(BIN)/pybabel extract -F babel-console.cfg -k N_ -k text -k ntext:1,2 -k counted:1,2 -c TRANSLATORS: --sort-by-file \
		--project faire-lien --copyright-holder "faire-lien contributors" -o locales/console.pot .
	$(BIN)/pybabel update -i locales/console.pot -d locales -D console --ignore-obsolete --previous
	$(MAKE) i18n-compile

## diagrams: regenerate the Mermaid diagram next to each flow and grid file
diagrams: $(STAMP)
	$(BIN)/faire-lien flows diagram --write next-to-yaml

## bench: every benchmark in bench/ (not run by CI; figures in bench/RESULTS.md; PostgreSQL installed if missing)
bench: setup
	./scripts/ensure-postgres.sh
	$(BIN)/python bench/rights.py
	if command -v valgrind >/dev/null; then $(BIN)/python bench/card_instructions.py; else echo 'bench/card_instructions.py skipped: it needs valgrind (apt-get install valgrind)'; fi
	$(BIN)/python bench/broadcast.py
	$(BIN)/python bench/workers_broadcast.py
	$(BIN)/python bench/workers_broadcast.py --writers 50
	$(BIN)/python bench/latency.py
	$(BIN)/python bench/unit_of_work.py
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/durability.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
