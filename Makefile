# The AI Cost Ledger. `make html` builds the site, `make test` runs every test.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SPHINXOPTS ?= -W --keep-going -n

.PHONY: html test validate lint clean bench serve

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,bench,dev]'
	touch $@

html: $(STAMP)
	$(BIN)/sphinx-build $(SPHINXOPTS) -b html docs _build/html

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

validate: $(STAMP)
	$(BIN)/claimkb validate

lint: $(STAMP)
	$(BIN)/ruff check tools tests
	$(BIN)/ruff format --check tools tests

clean:
	rm -rf _build
