# certwarn — every target creates .venv and installs what it needs on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CERTWARN := $(BIN)/certwarn

.PHONY: html preview test lint gettext update-po check verify screenshots serve bench docs golden system-deps clean

$(BIN)/.installed-runtime: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e .
	touch $@

$(BIN)/.installed-docs: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[sphinx]'
	touch $(BIN)/.installed-runtime $@

$(BIN)/.installed-all: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev,verify,bench,sphinx]'
	touch $(BIN)/.installed-runtime $(BIN)/.installed-docs $@

html: $(BIN)/.installed-runtime
	$(CERTWARN) build

preview: $(BIN)/.installed-runtime
	$(CERTWARN) build --preview

lint: $(BIN)/.installed-all
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q --durations=15

gettext: $(BIN)/.installed-runtime
	$(CERTWARN) catalog extract

update-po: gettext
	$(CERTWARN) catalog update

check: $(BIN)/.installed-runtime
	$(CERTWARN) catalog check

verify: $(BIN)/.installed-all
	$(CERTWARN) verify --all

# Shoots certwarn's own error pages (so it builds first) and records the real Firefox pages
# into content/_verify/, then builds again so the pages show them: at once when review is off
# and in build/preview/, on the published pages once the record is revised and approved.
screenshots: $(BIN)/.installed-all html
	$(CERTWARN) verify --screenshots --record
	$(CERTWARN) build
	$(CERTWARN) build --preview

# Live preview: rebuilds on every change and reloads open pages (--published: approved only).
serve: $(BIN)/.installed-runtime
	$(CERTWARN) serve

# The project's own documentation, built with Sphinx and certwarn's extension.
docs: $(BIN)/.installed-docs
	$(BIN)/python -m sphinx -W --keep-going -q -b html docs build/docs

# The speed targets' sweep: certwarn, Hugo and Sphinx (3 locales, scaled per page), cold.
BENCH_SIZES ?= 10x60,30x60,100x60,10x300,10x1000
bench: $(BIN)/.installed-all
	$(CERTWARN) bench --sphinx-locales 3 --sizes $(BENCH_SIZES)

# Regenerates the golden site that tests/test_golden.py compares against.
golden: $(BIN)/.installed-all
	cd tests && ../$(BIN)/python golden_site.py

# Browsers, NSS tools, gettext and fonts from Debian (needs root; CI runs it).
system-deps:
	bash .ci/system-deps

clean:
	rm -rf build
