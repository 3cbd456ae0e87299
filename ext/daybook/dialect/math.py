"""Math in the book's HTML: MathML made while reading, no MathJax, no CDN.

:class:`MathTransform` typesets every formula of a page once, while it is
read (so each bad formula is one warning, with its line, even in parallel
builds), and keeps the MathML on the node. The HTML math renderer
``daybook`` writes it; Sphinx picks it over MathJax unless
``html_math_renderer`` names another one.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import _
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

from ..doctree import MATHML
from .mathml import MathError, tex_to_mathml

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)

RENDERER = "daybook"
MATHML_NAMESPACE = "http://www.w3.org/1998/Math/MathML"


def _displayed(node: nodes.Element) -> bool:
    return isinstance(node, nodes.math_block)


class MathTransform(SphinxTransform):
    """Typeset each formula as MathML; one warning for each that cannot be."""

    default_priority = 400

    def apply(self, **kwargs: object) -> None:
        for node in self.document.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block))):
            try:
                typeset = tex_to_mathml(node.astext(), _displayed(node))
            except MathError as error:
                logger.warning(
                    f"{error}; the formula is shown as TeX source: fix it, or write it in a code span",
                    location=node,
                    type="daybook",
                    subtype="math",
                )
                continue
            if typeset.unknown_commands:
                logger.warning(
                    f"unknown TeX command {', '.join(typeset.unknown_commands)}; it is shown as "
                    "written: check its spelling or write the formula without it",
                    location=node,
                    type="daybook",
                    subtype="math",
                )
            node[MATHML] = typeset.mathml


def _mathml(node: nodes.Element) -> str | None:
    """The node's MathML, typeset now if no transform saw it (e.g. made by a directive)."""
    if MATHML in node:
        return node[MATHML]
    try:
        return tex_to_mathml(node.astext(), _displayed(node)).mathml
    except MathError:
        return None


def _in_page(self: HTML5Translator, mathml: str, tex: str) -> str:
    """HTML needs no namespace on ``<math>``; the ePub's XHTML does, and its
    reading systems want the formula's text in ``alttext`` (EPUB accessibility)."""
    if self.builder.name == "epub" and mathml.startswith("<math"):
        alttext = html.escape(" ".join(tex.split()), quote=True)
        return f'<math xmlns="{MATHML_NAMESPACE}" alttext="{alttext}"' + mathml[len("<math") :]
    return mathml


def _source(node: nodes.Element) -> str:
    return f'<code class="daybook-math-source">{html.escape(node.astext())}</code>'


def visit_math(self: HTML5Translator, node: nodes.math) -> None:
    mathml = _mathml(node)
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate nohighlight daybook-math"))
    self.body.append(_in_page(self, mathml, node.astext()) if mathml is not None else _source(node))
    self.body.append("</span>")
    raise nodes.SkipNode


def visit_math_block(self: HTML5Translator, node: nodes.math_block) -> None:
    # $$…$$ inside a line of text (remark-math read it so) must stay phrasing content
    tag = "span" if isinstance(node.parent, nodes.TextElement) else "div"
    self.body.append(self.starttag(node, tag, "", CLASS="math notranslate nohighlight daybook-math daybook-math-display"))
    if node.get("number"):
        number = get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    mathml = _mathml(node)
    self.body.append(_in_page(self, mathml, node.astext()) if mathml is not None else _source(node))
    self.body.append(f"</{tag}>\n")
    raise nodes.SkipNode
