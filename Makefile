# The two commands: `make serve` and `make test`. Both set everything up on a fresh machine
# (Python 3.11+ and make): a virtual environment in .venv, and for the browser tests
# Chromium and a Java runtime from Debian's packages plus the Node.js checkers.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

export NO_MKDOCS_2_WARNING := 1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: serve build test lint unit golden test-build test-browser test-serve browser-deps bench clean url-manifest

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict

# Chromium, a JRE (for the Nu Html Checker), DejaVu fonts (the importer's test draws a PDF
# with them) and, when missing, Node.js come from Debian's packages; Playwright never
# downloads a browser.
DEJAVU := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
browser-deps:
	@if ! command -v chromium >/dev/null || ! command -v java >/dev/null || ! command -v npm >/dev/null \
			|| [ ! -f $(DEJAVU) ]; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium default-jre-headless fonts-dejavu-core \
			$$(command -v npm >/dev/null || echo nodejs npm) >/dev/null; \
	fi
	@if [ -f package.json ] && [ ! -d node_modules ]; then npm ci --ignore-scripts --no-audit --no-fund --silent; fi

# The importer and its line reader are a classifier and small handlers: no function of theirs
# may grow past McCabe complexity 15 (ruff's C901).
lint: $(STAMP)
	$(BIN)/ruff check plugins site_tests bench
	$(BIN)/ruff check --select C901 --config 'lint.mccabe.max-complexity = 15' plugins/conclusions/importer plugins/conclusions/reader
	$(BIN)/ruff format --check plugins site_tests bench
	$(BIN)/mypy  # plugins/, bench/ and site_tests/, strict ([tool.mypy] in pyproject.toml)

# Every layer and `make test` run in one pytest-xdist worker per core; the tests that share
# a build run in one worker (site_tests/conftest.py), and a document's build is made once for
# all of them (site_tests/support/shared.py). `make test PARALLEL=` runs them in one process.
PARALLEL ?= -n auto --dist loadgroup

# The tests in layers, one folder each (markers of the same names, pyproject.toml). The core,
# the importer and the reader alone, no build: site_tests/unit/. No unit test uses Hypothesis,
# whose pytest plugin imports it at the end of every run (about a second). Where no bytecode is
# written (PYTHONDONTWRITEBYTECODE), pytest's assertion rewriting is redone in every worker for
# every test module, the largest part of a worker's start: the tests run with plain asserts
# (the same checks), and when one fails the failures run again with rewriting, for pytest's
# detailed messages; the target fails either way.
UNIT := $(BIN)/python -m pytest -q -p no:hypothesispytest $(PARALLEL) site_tests/unit
unit: $(STAMP)
	$(UNIT) --assert=plain || { echo "make unit: the failures again, with pytest's messages:"; $(UNIT) --lf; exit 1; }

# Write the golden files again (site_tests/golden/: what the core makes of the mini fixture
# and of a collection made from it), after a change to the output that is meant; commit them.
golden: $(STAMP)
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q site_tests/unit/test_golden.py

# Builds with MkDocs and the `conclusions` command, and what they write (the Nu Html Checker
# needs browser-deps' Java and node_modules).
test-build: $(STAMP) browser-deps
	$(BIN)/python -m pytest -q $(PARALLEL) site_tests/build -m "not browser"

# Everything that drives headless Chromium, wherever its folder.
test-browser: $(STAMP) browser-deps
	$(BIN)/python -m pytest -q $(PARALLEL) site_tests -m browser

# `mkdocs serve` and its rebuilds.
test-serve: $(STAMP)
	$(BIN)/python -m pytest -q $(PARALLEL) site_tests/serve -m "not browser"

test: $(STAMP) browser-deps lint
	$(BIN)/python -m pytest $(PARALLEL)

# BENCH_ARGS, e.g. `make bench BENCH_ARGS="--quick"` or "--only build,weight" (see bench/README.md).
bench: $(STAMP) browser-deps
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf site .venv node_modules .pytest_cache

# Record new URLs and anchors in the manifest of every document of site_tests/support/documents.py
# (site_tests/url_manifests/<document id>.txt; written when missing; never removes a line).
url-manifest: $(STAMP)
	UPDATE_URL_MANIFEST=1 $(BIN)/python -m pytest -q site_tests/build/test_url_manifest.py site_tests/build/test_collection.py -k disappears

# PNGs of every page type, phone and desktop, light and dark, into screenshots/ (not committed).
screenshots: $(STAMP) browser-deps
	$(BIN)/python -m site_tests.screenshots screenshots
