"""The Markdown parser of the book: MyST, reading the Gatsby dialect.

MyST's own parser with the dialect switched on for every document, from the
configuration MyST built (never the user's ``myst_*`` values themselves):

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
from collections.abc import Callable

from docutils import nodes
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.sphinx_ import MystParser
from pygments.filters import ErrorToken
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound
from sphinx import highlighting
from sphinx.util import logging

from ..upstream import parse_with_myst
from .emoji import emoji_plugin
from .emphasis import cjk_emphasis_plugin
from .links import empty_links_plugin
from .markdown import heading_levels_plugin, markdown_in_html_plugin, prism_fences_plugin
from .smartypants import smartypants_plugin
from .nesting import nesting_plugin

logger = logging.getLogger(__name__)

DIALECT_EXTENSIONS = frozenset({"dollarmath", "html_image", "strikethrough", "tasklist", "gfm_autolink"})


def dialect_config(config: MdParserConfig) -> MdParserConfig:
    """MyST's configuration with the dialect's syntax on (a copy)."""
    return dataclasses.replace(
        config,
        enable_extensions=set(config.enable_extensions) | DIALECT_EXTENSIONS,
        dmath_double_inline=True,
        # no MathJax reads the pages: its ignore classes would only be noise
        update_mathjax=False,
    )


def has_lexer(name: str) -> bool:
    if name in highlighting.lexers or name in highlighting.lexer_classes:
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
        config = dialect_config(env.myst_config)
        docname = env.current_document.docname

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
                    "directives": frozenset(config.fence_as_directive),
                    "lexes_cleanly": lexes_cleanly,
                },
            ),
            (heading_levels_plugin, {}),
        ]
        parse_with_myst(inputstring, document, config, DialectRenderer, plugins)
