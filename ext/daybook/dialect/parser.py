"""The Markdown parser of the book: MyST, reading the Gatsby dialect.

A post is Gatsby Markdown (remark 10 with the blog's plugins), nothing more:
MyST's own syntax means nothing in it. MyST's parser is used with every
MyST-only rule switched off, from the configuration MyST built (never the
user's ``myst_*`` values themselves):

* no directives and no roles: a fence whose info starts with a brace
  (```` ```{r} ````, ```` ```{literalinclude} ````, ```` ```{raw} latex ````)
  is a code block, as Prism showed it, and ``{name}`` before backticks is text;
* no ``%`` comments, ``+++`` block breaks, ``(target)=`` lines, front matter
  blocks (daybook read the front matter already), substitutions or equation
  labels: those lines are text;
* no file insertion and no raw directive, should any directive run at all.

daybook's own pages (cover, parts, archive, tags: :func:`..model.generated.generated_source`) are
not posts and keep MyST with daybook's directives; the author's own root page
may place the cover's cards with a ```` ```{daybook-cover} ```` fence and
nothing else of MyST. ``daybook_myst_syntax = True`` in ``conf.py`` gives posts
MyST's syntax back, still without file insertion, raw content and
substitutions (which run Jinja).

What the dialect adds, in every page:

* ``dollarmath`` (``$…$`` inline, ``$$…$$`` display, also inside a line, as
  remark-math read it), ``html_image`` (``<img>`` tags become images Sphinx
  copies, width and height kept), ``strikethrough``, ``tasklist`` and
  ``gfm_autolink`` (GitHub Markdown, which remark read by default);
* the rules of :mod:`.markdown`: Markdown inside ``markdown=1`` HTML, Prism
  fences, headings that skip levels;
* every code block is highlighted in Sphinx's relaxed ("force") mode: Prism
  showed any code it was given, so Pygments highlights what it can and never
  warns that it could not lex a block (what it could not read looks like
  plain text, ``dialect.css``);
* :mod:`.nesting`: Markdown nested past markdown-it's limit is shown flattened,
  never dropped, with a warning;
* :mod:`.links`: a link with no target (``[여기]()``) is its text, with a warning.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from docutils import nodes
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.sphinx_ import MystParser
from pygments.filters import ErrorToken
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound
from sphinx.util import logging

from ..api import get_book
from ..environment import settings_of
from ..model.generated import COVER_DIRECTIVE
from ..upstream import MYST_ONLY_RULES, myst_config, parse_with_myst, sphinx_knows_lexer
from .emoji import emoji_plugin
from .emphasis import cjk_emphasis_plugin
from .links import empty_links_plugin
from .markdown import heading_levels_plugin, markdown_in_html_plugin, prism_fences_plugin
from .smartypants import smartypants_plugin
from .nesting import nesting_plugin

logger = logging.getLogger(__name__)

DIALECT_EXTENSIONS = frozenset({"dollarmath", "html_image", "strikethrough", "tasklist", "gfm_autolink"})
#: MyST extensions a post never gets, even with ``daybook_myst_syntax``:
#: substitutions are Jinja templates, which can run code
NEVER_IN_POSTS = frozenset({"substitution"})
#: link schemes only MyST gives a meaning (``<project:#x>``, ``inv:``, ``path:``)
MYST_LINK_SCHEMES = frozenset({"project", "inv", "path"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def dialect_config(config: MdParserConfig) -> MdParserConfig:
    """MyST's configuration with the dialect's syntax on (a copy): daybook's own pages."""
    return dataclasses.replace(
        config,
        enable_extensions=set(config.enable_extensions) | DIALECT_EXTENSIONS,
        dmath_double_inline=True,
        # no MathJax reads the pages: its ignore classes would only be noise
        update_mathjax=False,
    )


def gatsby_config(config: MdParserConfig) -> MdParserConfig:
    """The configuration a post is read with: the dialect and nothing MyST-only (a copy)."""
    return dataclasses.replace(
        dialect_config(config),
        commonmark_only=False,
        gfm_only=False,
        enable_extensions=set(DIALECT_EXTENSIONS),
        disable_syntax=[*config.disable_syntax, *MYST_ONLY_RULES],
        fence_as_directive=set(),
        # remark-math read `$$x$$ (1)` as math and text, not a numbered equation
        dmath_allow_labels=False,
        substitutions={},
        all_links_external=False,
    )


def myst_post_config(config: MdParserConfig) -> MdParserConfig:
    """A post's configuration with ``daybook_myst_syntax``: MyST's, without substitutions (a copy)."""
    dialect = dialect_config(config)
    return dataclasses.replace(dialect, enable_extensions=set(dialect.enable_extensions) - NEVER_IN_POSTS)


def has_lexer(name: str) -> bool:
    if sphinx_knows_lexer(name):
        return True
    try:
        get_lexer_by_name(name)
    except ClassNotFound:
        return False
    return True


def lexes_cleanly(name: str, code: str) -> bool:
    """The Pygments lexer ``name`` reads ``code`` without an error token."""
    try:
        lexer = get_lexer_by_name(name)
    except ClassNotFound:
        return False
    lexer.add_filter("raiseonerror")
    try:
        for _ in lexer.get_tokens(code):
            pass
    except ErrorToken:
        return False
    return True


class DialectRenderer(SphinxRenderer):
    @property
    def gatsby(self) -> bool:
        """The page is a post read as Gatsby Markdown: MyST's own syntax means nothing."""
        return self.md.options.get("daybook_directives") is not None

    def render_fence(self, token) -> None:  # type: ignore[no-untyped-def]
        """In a post, a fence is code unless it is a directive daybook allows there (the dialect's
        fence rule has made brace fences code already: this holds even if it did not run)."""
        allowed = self.md.options.get("daybook_directives")
        name = token.info.split(maxsplit=1)[0] if token.info and token.info.strip() else ""
        if allowed is not None and name.startswith("{") and name not in allowed:
            line = token.map[0] if getattr(token, "map", None) else None
            node = self.create_highlighted_code_block(token.content, "text", source=self.document["source"], line=line)
            self.current_node.append(node)
            return
        super().render_fence(token)

    def render_link(self, token) -> None:  # type: ignore[no-untyped-def]
        """In a post, ``project:``, ``inv:`` and ``path:`` are no schemes of MyST's: a link like any other."""
        scheme = _SCHEME.match(str(token.attrGet("href") or ""))
        if self.gatsby and scheme is not None and scheme[1].lower() in MYST_LINK_SCHEMES:
            # as MyST reads an autolink or a link of a scheme it does not know
            return self.render_link_url(token) if token.info == "auto" else self.render_link_unknown(token)
        return super().render_link(token)

    def render_s(self, token) -> None:  # type: ignore[no-untyped-def]
        """``~~struck~~`` as the blog showed it, in every output, without MyST's warning."""
        node = nodes.inline(classes=["daybook-strike"])
        self.add_line_and_source_path(node, token)
        with self.current_node_context(node, append=True):
            self.render_children(token)

    def create_highlighted_code_block(self, *args, **kwargs) -> nodes.Element:  # type: ignore[no-untyped-def]
        """A code block Prism showed: highlighted as far as Pygments can, never a lexing warning."""
        node = super().create_highlighted_code_block(*args, **kwargs)
        if isinstance(node, nodes.literal_block):
            node["force"] = True
        return node


class DialectParser(MystParser):
    """MyST's parser, reading Markdown as the blog's Gatsby pipeline did."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = document.settings.env
        docname = env.current_document.docname
        book = get_book(env)
        if docname in book.generated:
            # daybook's own page: its text is daybook's, its titles escaped
            config = dialect_config(myst_config(env))
            directives: frozenset[str] | None = None
        else:
            # a post, or the author's root page: no file is read into it and
            # no raw content passes, whatever runs
            document.settings.file_insertion_enabled = False
            document.settings.raw_enabled = False
            if settings_of(env).myst_syntax:
                config = myst_post_config(myst_config(env))
                directives = None
            else:
                config = gatsby_config(myst_config(env))
                root = docname == book.root_docname
                directives = frozenset({f"{{{COVER_DIRECTIVE}}}"}) if root else frozenset()

        def warner(subtype: str) -> Callable[[str, int], None]:
            def warn(message: str, line: int) -> None:
                logger.warning(message, location=(docname, line), type="daybook", subtype=subtype)

            return warn

        plugins = [
            # Korean text around emphasis, emoji names and smart punctuation, as the blog's remark did
            (cjk_emphasis_plugin, {}),
            (emoji_plugin, {}),
            (smartypants_plugin, {}),
            (nesting_plugin, {"warn": warner("nesting")}),
            # after the nesting limits, which may have turned a link into text already
            (empty_links_plugin, {"warn": warner("empty_link")}),
            (markdown_in_html_plugin, {"warn": warner("nesting")}),
            (
                prism_fences_plugin,
                {
                    "known": has_lexer,
                    "warn": warner("fence"),
                    "directives": frozenset(config.fence_as_directive) | (directives or frozenset()),
                    "lexes_cleanly": lexes_cleanly,
                    "brace_directives": directives is None,
                },
            ),
            (heading_levels_plugin, {}),
        ]
        options = {} if directives is None else {"daybook_directives": directives}
        parse_with_myst(inputstring, document, config, DialectRenderer, plugins, options)
