# daybook: `make html` builds the book, `make test` runs every test.
# Both create .venv and install what they need on first use.

PYTHON      ?= python3
VENV        ?= .venv
POSTS       ?= docs
BUILDDIR    ?= _build
SPHINXOPTS  ?=
PYTESTOPTS  ?=
N           ?= 300
BENCHOPTS   ?=
BUILDER     ?= dirhtml

BIN          = $(VENV)/bin
SPHINXBUILD  = $(BIN)/sphinx-build
DRAFTSOPT    = $(if $(filter-out 0,$(DRAFTS)),-D daybook_drafts=1,)
# doctrees outside html/, so that what Read the Docs publishes is only the book
SPHINXCMD    = $(SPHINXBUILD) -c . -d $(BUILDDIR)/doctrees $(DRAFTSOPT) $(SPHINXOPTS)

FIDELITY     = tests/fidelity
FIDELITYOPTS ?=

.PHONY: help html clean livehtml linkcheck test bench browser fidelity fidelity-deps

help:
	@echo "make html       build the book from $(POSTS)/ into $(BUILDDIR)/html (POSTS=, BUILDDIR=, DRAFTS=1, SPHINXOPTS=)"
	@echo "make test       run every test (installs test packages and Chromium when it can)"
	@echo "make livehtml   rebuild and reload in the browser while you write"
	@echo "make linkcheck  check external links"
	@echo "make fidelity   compare the book with the blog's own rendering of $(POSTS) (FIDELITYOPTS=--allow-differences)"
	@echo "make bench N=   benchmark a synthetic archive of N posts (BENCHOPTS=\"--skip-b --repeat 3\")"
	@echo "make clean      remove $(BUILDDIR)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-book: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-tests: tests/requirements.txt requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r tests/requirements.txt
	touch $@

html: $(VENV)/.installed-book
	$(SPHINXCMD) -b $(BUILDER) $(POSTS) $(BUILDDIR)/html

clean:
	rm -rf $(BUILDDIR)

livehtml: $(VENV)/.installed-book
	$(BIN)/python -m pip install --quiet sphinx-autobuild==2025.8.25
	$(BIN)/sphinx-autobuild -c . -d $(BUILDDIR)/doctrees $(DRAFTSOPT) $(SPHINXOPTS) -b $(BUILDER) $(POSTS) $(BUILDDIR)/html

linkcheck: $(VENV)/.installed-book
	$(SPHINXCMD) -b linkcheck $(POSTS) $(BUILDDIR)/linkcheck

# Browser tests need Debian's Chromium; as root on Debian this installs it.
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk fonts-noto-color-emoji >/dev/null; \
	else echo "chromium is missing: browser tests skip (they fail under CI=true)"; fi

# render.js's Node packages, exactly as tests/fidelity/package-lock.json pins
# them: installed when missing or older than the lock file
fidelity-deps:
	@if [ -d $(FIDELITY)/node_modules ] && [ ! $(FIDELITY)/package-lock.json -nt $(FIDELITY)/node_modules/.package-lock.json ]; then :; \
	elif command -v npm >/dev/null 2>&1; then npm ci --prefix $(FIDELITY) --no-audit --no-fund --loglevel=error; \
	else echo "npm is missing: the fidelity tests skip (they fail under CI=true)"; fi

fidelity: $(VENV)/.installed-tests fidelity-deps
	$(BIN)/python $(FIDELITY)/compare.py $(POSTS) --out $(BUILDDIR)/fidelity $(FIDELITYOPTS)

test: $(VENV)/.installed-tests browser fidelity-deps
	$(BIN)/python -m pytest $(PYTESTOPTS) tests

bench: $(VENV)/.installed-tests
	$(BIN)/python tests/benchmark/run.py --posts $(N) --out $(BUILDDIR)/bench $(BENCHOPTS)
