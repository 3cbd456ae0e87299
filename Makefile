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
# DRAFTS=1/true/yes/on builds drafts too; 0/false/no/off or empty leaves them
# out; anything else stops the build with an error (daybook reads the value as
# front matter's `draft:`). Unset: conf.py decides (DAYBOOK_DRAFTS).
DRAFTSOPT    = $(if $(filter undefined,$(origin DRAFTS)),,-D "daybook_drafts=$(DRAFTS)")
# Each output format keeps its own Sphinx environment under doctrees/<format>:
# one shared by html, epub and pdf would tell each build only what changed
# since the last build of any format, and leave the others' output stale.
# doctrees/ sits outside html/, so that what Read the Docs publishes is only the book.
DOCTREES     = $(BUILDDIR)/doctrees
SPHINXCMD    = $(SPHINXBUILD) -c . $(DRAFTSOPT) $(SPHINXOPTS)

FIDELITY     = tests/fidelity
LIGHTHOUSE   = tests/lighthouse
FIDELITYOPTS ?=

.PHONY: help all html epub latex pdf import clean livehtml linkcheck test bench bench-takeaway browser takeaway-tools fidelity fidelity-deps lighthouse-deps catalog

help:
	@echo "make html       build the book from $(POSTS)/ into $(BUILDDIR)/html (POSTS=, BUILDDIR=, DRAFTS=1, SPHINXOPTS=)"
	@echo "make epub       the book as an ePub: $(BUILDDIR)/epub/<title>.epub (same POSTS=, BUILDDIR=, DRAFTS=)"
	@echo "make pdf        the book as a PDF (LuaLaTeX): $(BUILDDIR)/pdf/<title>.pdf"
	@echo "make all        the ePub, the PDF, then the site, whose download button offers them"
	@echo "make latex      only the PDF's LaTeX sources: $(BUILDDIR)/latex"
	@echo "make test       run every test (installs test packages and Chromium when it can)"
	@echo "make livehtml   rebuild and reload in the browser while you write"
	@echo "make linkcheck  check external links"
	@echo "make fidelity   compare the book with the blog's own rendering of $(POSTS) (FIDELITYOPTS=--allow-differences)"
	@echo "make catalog    compile the Korean words for the theme (ext/daybook/locale/ko)"
	@echo "make bench N=   benchmark a synthetic archive of N posts (BENCHOPTS=\"--skip-b --repeat 3\")"
	@echo "make bench-takeaway N=  time make epub and make pdf on a synthetic archive of N posts"
	@echo "make import BLOG=<path>  move a gatsby-starter-bee blog in: posts, about page, profile, settings (BOOK_URL=, BOOK_LANG=)"
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
	$(SPHINXCMD) -d $(DOCTREES)/html -b $(BUILDER) $(POSTS) $(BUILDDIR)/html

# The ePub and the PDF first: the site built beside them offers them from its
# download button (publishing/downloads.py). Read the Docs runs this.
all:
	$(MAKE) epub
	$(MAKE) pdf
	$(MAKE) html

# The books to take away. Sphinx writes its working files beside them
# ($(BUILDDIR)/epub-build, $(BUILDDIR)/latex); epub/ and pdf/ hold one file
# each, the way Read the Docs publishes downloads.
# The ePub packs every file of its folder: it starts empty, so no page or
# image of a post that was deleted or turned back into a draft goes in.
# epubcheck (where installed) checks it: an error, and none is shipped.
epub: $(VENV)/.installed-book
	rm -rf $(BUILDDIR)/epub-build
	$(SPHINXCMD) -d $(DOCTREES)/epub -b epub $(POSTS) $(BUILDDIR)/epub-build
	rm -rf $(BUILDDIR)/epub && mkdir -p $(BUILDDIR)/epub
	$(BIN)/python ext/daybook/takeaway/epubcheck.py $(BUILDDIR)/epub-build/*.epub
	cp $(BUILDDIR)/epub-build/*.epub $(BUILDDIR)/epub/

# Sphinx's LaTeX sources of the PDF, in $(BUILDDIR)/latex (what `make pdf`
# hands to LuaLaTeX).
latex: $(VENV)/.installed-book
	$(SPHINXCMD) -d $(DOCTREES)/latex -b latex $(POSTS) $(BUILDDIR)/latex

# LuaLaTeX, hardened, runs until the contents and bookmarks are stable; a
# LaTeX error stops it with LaTeX's message and the post it came from, and
# no PDF is written (ext/daybook/takeaway/lualatex.py)
pdf: latex
	PYTHONPATH=ext $(BIN)/python -m daybook.takeaway.lualatex $(BUILDDIR)/latex $(BUILDDIR)/pdf

# A gatsby-starter-bee repository becomes the book: its posts into $(POSTS)/,
# its settings into conf.py (ext/daybook/moving/). BOOK_URL= is where the book
# will be served: with it, the import writes redirect rules for the old host.
import: $(VENV)/.installed-book
	@test -n "$(BLOG)" || { echo "usage: make import BLOG=<path of the Gatsby repository> [BOOK_URL=https://...] [BOOK_LANG=ko]"; exit 2; }
	PYTHONPATH=ext $(BIN)/python -m daybook.moving "$(BLOG)" --posts "$(POSTS)" --conf conf.py \
	  --book-url "$(BOOK_URL)" --language "$(BOOK_LANG)"

clean:
	rm -rf $(BUILDDIR)

livehtml: $(VENV)/.installed-book
	$(BIN)/python -m pip install --quiet sphinx-autobuild==2025.8.25
	$(BIN)/sphinx-autobuild -c . -d $(DOCTREES)/html $(DRAFTSOPT) $(SPHINXOPTS) -b $(BUILDER) $(POSTS) $(BUILDDIR)/html

linkcheck: $(VENV)/.installed-book
	$(SPHINXCMD) -d $(DOCTREES)/linkcheck -b linkcheck $(POSTS) $(BUILDDIR)/linkcheck

# Browser tests need Debian's Chromium; as root on Debian this installs it.
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk fonts-noto-color-emoji >/dev/null; \
	else echo "chromium is missing: browser tests skip (they fail under CI=true)"; fi

# The ePub and PDF tests need LuaLaTeX with kotex, Noto CJK, an emoji font,
# epubcheck and poppler (about 240 MB to download, 620 MB installed); as root
# on Debian this installs them.
TAKEAWAY_PACKAGES = texlive-luatex texlive-lang-korean texlive-latex-extra texlive-latex-recommended \
  texlive-fonts-recommended latexmk fonts-noto-cjk fonts-noto-color-emoji fonts-symbola epubcheck poppler-utils
takeaway-tools:
	@if command -v lualatex >/dev/null 2>&1 && command -v epubcheck >/dev/null 2>&1 \
	  && command -v pdftotext >/dev/null 2>&1 && kpsewhich kotex.sty >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    $(TAKEAWAY_PACKAGES) >/dev/null; \
	else echo "LuaLaTeX, kotex, epubcheck or poppler is missing: ePub/PDF tests skip (they fail under CI=true)"; fi

# render.js's Node packages, exactly as tests/fidelity/package-lock.json pins
# them: installed when missing or older than the lock file
fidelity-deps:
	@if [ -d $(FIDELITY)/node_modules ] && [ ! $(FIDELITY)/package-lock.json -nt $(FIDELITY)/node_modules/.package-lock.json ]; then :; \
	elif command -v npm >/dev/null 2>&1; then npm ci --prefix $(FIDELITY) --no-audit --no-fund --loglevel=error; \
	else echo "npm is missing: the fidelity tests skip (they fail under CI=true)"; fi

fidelity: $(VENV)/.installed-tests fidelity-deps
	$(BIN)/python $(FIDELITY)/compare.py $(POSTS) --out $(BUILDDIR)/fidelity $(FIDELITYOPTS)

test: $(VENV)/.installed-tests browser takeaway-tools fidelity-deps
	$(BIN)/python -m pytest $(PYTESTOPTS) tests

# daybook's Korean words for the theme: sphinx.mo compiled from sphinx.po
CATALOG = ext/daybook/locale/ko/LC_MESSAGES/sphinx
catalog: $(VENV)/.installed-book
	$(BIN)/python -c "import sys; from babel.messages import pofile, mofile; \
	mofile.write_mo(open(sys.argv[2], 'wb'), pofile.read_po(open(sys.argv[1], 'rb'), locale='ko'))" $(CATALOG).po $(CATALOG).mo

# Lighthouse for the benchmark's reader figures, as tests/lighthouse/package-lock.json pins it
lighthouse-deps:
	@if [ -d $(LIGHTHOUSE)/node_modules ] && [ ! $(LIGHTHOUSE)/package-lock.json -nt $(LIGHTHOUSE)/node_modules/.package-lock.json ]; then :; \
	elif command -v npm >/dev/null 2>&1; then npm ci --prefix $(LIGHTHOUSE) --no-audit --no-fund --loglevel=error; \
	else echo "npm is missing: the benchmark leaves out Lighthouse"; fi

bench: $(VENV)/.installed-tests browser lighthouse-deps
	$(BIN)/python tests/benchmark/run.py --posts $(N) --out $(BUILDDIR)/bench $(BENCHOPTS)

bench-takeaway: $(VENV)/.installed-tests
	$(BIN)/python tests/benchmark/takeaway.py --posts $(N) --out $(BUILDDIR)/bench-takeaway
