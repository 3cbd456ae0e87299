"""What the ePub and the PDF need of a page that the web page does not.

:class:`TakeawayTransform` runs only for the ePub and LaTeX builders, after
links between posts are resolved and before images are collected:

* control characters (U+0008 pasted from elsewhere) are left out, with a
  warning at their line: XML and TeX both refuse them;
* a Prism code title above its code becomes the code's caption;
* raw HTML becomes document nodes (valid XHTML in the ePub, LaTeX in the
  PDF): ``<u>`` underline, ``<br>`` a line break, ``<details>`` its summary as
  a heading, ``<iframe>`` a link with its address, checkboxes, callout boxes;
  an element that holds paragraphs (``<small>``, ``<center>``, ``<div
  align>``) is a block around them; what has no equivalent keeps its text;
* missing and remote images become their alt text (a missing one was
  reported once, when read);
* (PDF) nothing of a post reaches LaTeX but text and math: raw LaTeX is left
  out, every formula is written again from an allow-list
  (:mod:`.formulas`); one LaTeX cannot take is shown as its source, with a
  warning; a table's columns are at least as wide as their longest word; an
  emoji sequence and Hangul jamo say which characters they stand for;
* (ePub) the cover is a title page and a part page the part's title: the
  ePub's navigation replaces their cards.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from .formulas import FormulaError, latex_formula
from ..api import get_book
from ..doctree import IMAGES, MATHML, raw_html_image, thumbnail_image
from ..model.book import Book
from ..upstream import copied_image_name
from . import fragments
from .nodes import actual_text, checkbox, line_break

if TYPE_CHECKING:
    from lxml import etree

logger = logging.getLogger(__name__)

_CODE_TITLE = re.compile(r'^\s*<div class="daybook-code-title">(.*)</div>\s*$', re.DOTALL)
#: C0 and C1 control characters but tab and line breaks: XML and TeX refuse them
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: an emoji sequence drawn from several glyphs (joined, with a skin tone or a variation
#: selector, a keycap, a flag)
_EMOJI = "[\u00a9\u00ae\u203c\u2049\u2122\u2139\u2190-\u21ff\u231a-\u23ff\u24c2\u25aa-\u27bf\u2934\u2935\u2b05-\u2b55\u3030\u303d\u3297\u3299\U0001F000-\U0001FAFF]"
_MODIFIER = "[\ufe0e\ufe0f\u20e3\U0001F3FB-\U0001F3FF\U000E0020-\U000E007F]"
#: what the PDF must say the characters of: an emoji sequence, and Hangul
#: compatibility jamo (ㅋㅋ), whose glyphs the Noto CJK fonts share with the
#: half-width forms (ﾻﾻ) that the font's own text map names
_ACTUAL_TEXT = re.compile(
    f"[0-9#*]\ufe0f?\u20e3|{_EMOJI}{_MODIFIER}*(?:\u200d{_EMOJI}{_MODIFIER}*)+|{_EMOJI}{_MODIFIER}+"
    "|[\U0001F1E6-\U0001F1FF]{2}|[\u3131-\u318e]+"
)
#: block-level HTML: an inline element holding one of these is a block
_BLOCK_TAGS = {
    "p", "div", "center", "section", "article", "aside", "figure", "blockquote", "ul", "ol", "li", "table", "pre",
    "hr", "details", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "header", "footer", "main", "nav", "iframe", "video",
}
#: classes of the blocks an inline element becomes when it holds paragraphs
_BLOCK_CLASSES = {
    **{tag: "daybook-bold" for tag in ("strong", "b")},
    **{tag: "daybook-italic" for tag in ("em", "i", "cite")},
    "small": "daybook-small",
    "u": "daybook-underline",
    "ins": "daybook-underline",
    "s": "daybook-strike",
    "strike": "daybook-strike",
    "del": "daybook-strike",
    "mark": "daybook-mark",
}
_ALIGN = re.compile(r"text-align\s*:\s*(center|right)", re.IGNORECASE)

#: inline HTML elements and the node each becomes
_INLINE_NODES: dict[str, type[nodes.Element]] = {
    "strong": nodes.strong,
    "b": nodes.strong,
    "em": nodes.emphasis,
    "i": nodes.emphasis,
    "cite": nodes.emphasis,
    "code": nodes.literal,
    "kbd": nodes.literal,
    "tt": nodes.literal,
    "samp": nodes.literal,
    "sub": nodes.subscript,
    "sup": nodes.superscript,
}
#: inline HTML elements drawn through a class (``\DUrole{class}`` in LaTeX, CSS in the ePub)
_INLINE_CLASSES = {
    "u": "daybook-underline",
    "ins": "daybook-underline",
    "s": "daybook-strike",
    "strike": "daybook-strike",
    "del": "daybook-strike",
    "small": "daybook-small",
    "mark": "daybook-mark",
}
#: elements whose content is not text of the post
_DROPPED = {"script", "style", "template", "head", "title", "meta", "link", "noscript", "source", "track"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "summary", "caption", "figcaption", "dt"}


def web_only_pages(book: Book) -> set[str]:
    """Generated pages that are web navigation, in no book to take away: the archive and the tags."""
    pages = {book.archive_docname}
    if book.tags:
        pages.add(book.tags_docname)
        pages.update(book.tag_docname(tag) for tag, _ in book.tags)
    return pages


class WebOnlyLinks(SphinxPostTransform):
    """Links to the archive and tag pages keep their text: those pages are not in the ePub."""

    # after links between posts (5), before references are resolved (10)
    default_priority = 7
    builders = ("epub",)

    def run(self, **kwargs: Any) -> None:
        web_only = web_only_pages(get_book(self.env))
        for xref in list(self.document.findall(addnodes.pending_xref)):
            if xref.get("refdomain") == "std" and xref.get("reftype") == "doc":
                if xref.get("reftarget", "").lstrip("/") in web_only:
                    xref.replace_self(xref.children or [nodes.Text(xref.astext())])


class TakeawayTransform(SphinxPostTransform):
    """The steps, for one of the two builders (the subclasses below, each registered)."""

    # after links between posts (5) and references (10), before images are fetched (100)
    default_priority = 50
    #: the page is LaTeX (else the ePub's XHTML)
    for_latex = False

    def run(self, **kwargs: Any) -> None:
        latex = self.for_latex
        self._control_characters()
        if not latex:
            # the LaTeX builder lays out the book itself and leaves these pages out
            self._generated_pages()
        self._tags()
        self._code_titles()
        if latex:
            self._raw_latex()
        self._raw_html()
        self._images()
        if latex:
            self._math()
            self._line_breaks()
            self._tables()
            self._actual_texts()

    def _control_characters(self) -> None:
        """U+0008 and its kind: no XML or TeX takes them; left out, one warning at each block."""
        warned: set[int] = set()
        for text in list(self.document.findall(nodes.Text)):
            if not _CONTROL.search(text):
                continue
            parent = text.parent
            clean = _CONTROL.sub("", str(text))
            if parent is None:
                continue
            parent.replace(text, nodes.Text(clean))
            if isinstance(parent, nodes.FixedTextElement) and parent.rawsource:
                # Sphinx highlights a code block from its source
                parent.rawsource = _CONTROL.sub("", parent.rawsource)
            block = parent
            while block is not None and block.line is None and block.parent is not None:
                block = block.parent
            if id(block) in warned:
                continue
            warned.add(id(block))
            characters = ", ".join(sorted({f"U+{ord(c):04X}" for c in _CONTROL.findall(str(text))}))
            logger.warning(
                f"control character {characters} in the text is left out of the ePub and the PDF; "
                "delete it from the post",
                location=block,
                type="daybook",
                subtype="control_character",
            )

    # -- pages -------------------------------------------------------------------

    def _generated_pages(self) -> None:
        book = get_book(self.env)
        docname = self.env.current_document.docname
        web_only = (
            "daybook-shortcuts",
            "daybook-part-heading",
            "daybook-part-count",
            "daybook-cards",
            "daybook-part-more",
            "toctree-wrapper",
        )
        if docname != book.root_docname and docname not in {p.docname for p in book.parts}:
            return
        for node in list(self.document.findall(nodes.Element)):
            if node.parent is not None and any(c in web_only for c in node.get("classes", ())):
                node.parent.remove(node)
        if docname == book.root_docname and self.config.author:
            section = next(iter(self.document.findall(nodes.section)), None)
            if section is not None and len(section) and isinstance(section[0], nodes.title):
                section.insert(1, nodes.paragraph(text=self.config.author, classes=["daybook-author"]))

    def _code_titles(self) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            match = _CODE_TITLE.match(raw.astext())
            parent = raw.parent
            if match is None or parent is None:
                continue
            index = parent.index(raw)
            following = parent[index + 1] if index + 1 < len(parent) else None
            title = unescape(match[1])
            if isinstance(following, nodes.literal_block):
                wrapper = nodes.container("", classes=["literal-block-wrapper"], literal_block=True)
                parent.remove(following)
                wrapper += nodes.caption(title, title)
                wrapper += following
                # Sphinx's writers number and link a captioned block by its id
                wrapper["ids"] = [self._new_id("daybook-code")]
                raw.replace_self(wrapper)
            else:
                raw.replace_self(nodes.paragraph(title, title, classes=["daybook-code-title"]))

    def _new_id(self, prefix: str) -> str:
        taken = {i for node in self.document.findall(nodes.Element) for i in node.get("ids", ())}
        number = 1
        while f"{prefix}-{number}" in taken:
            number += 1
        return f"{prefix}-{number}"

    def _tags(self) -> None:
        """The byline's tags are spaced by CSS on the web: by a space here."""
        for tags in self.document.findall(nodes.container):
            if "daybook-tags" in tags["classes"]:
                for tag in list(tags.children)[1:]:
                    tags.insert(tags.index(tag), nodes.Text(" "))

    # -- raw LaTeX and HTML ------------------------------------------------------

    def _raw_latex(self) -> None:
        """A post's raw LaTeX (MyST writes ``\\\\`` beside the ``<br />`` of a hard
        line break) never reaches the PDF: the line break is drawn once, by the node."""
        for raw in list(self.document.findall(nodes.raw)):
            if "latex" in raw.get("format", "").split() and raw.parent is not None:
                raw.parent.remove(raw)

    def _raw_html(self) -> None:
        parents: list[nodes.Element] = []
        for raw in self.document.findall(nodes.raw):
            if "html" in raw.get("format", "").split() and raw.parent is not None and raw.parent not in parents:
                parents.append(raw.parent)
        for parent in parents:
            children = list(parent.children)
            pieces: list[str | int] = [
                child.astext() if _is_html(child) else index for index, child in enumerate(children)
            ]
            root = fragments.parse_fragment(pieces)
            # <img src> of the raw HTML that the web build copied: (as written, path in the posts folder)
            sources = {
                written: path
                for child in children
                if _is_html(child)
                for written, path in child.get(IMAGES, ())
                if copied_image_name(self.env, path) is not None
            }
            converter = _Converter(children, sources)
            converted = converter.inline(root) if isinstance(parent, nodes.TextElement) else converter.blocks(root)
            if converter.dropped:
                first_raw = next(child for child in children if _is_html(child))
                logger.warning(
                    f"raw HTML {', '.join(f'<{t}>' for t in sorted(converter.dropped))} has no form in the "
                    "ePub or the PDF; it is left out of them",
                    location=first_raw,
                    type="daybook",
                    subtype="takeaway",
                )
            # a node the HTML parser did not place (it never should) still reaches the page, last
            for index, child in enumerate(children):
                if index not in converter.used and not _is_html(child):
                    converted.append(child)
            parent.clear()
            parent.extend(converted)

    # -- images ------------------------------------------------------------------

    def _images(self) -> None:
        srcdir = Path(self.env.srcdir)
        for image in list(self.document.findall(nodes.image)):
            if isinstance(image, (thumbnail_image, raw_html_image)):
                # drawn by no writer: the thumbnail is the web's, the raw HTML's files are drawn as images above
                image.parent.remove(image)
                continue
            uri = image.get("uri", "")
            if uri.startswith("data:"):
                continue
            candidates = image.get("candidates", {}).values()
            remote = "://" in uri
            if not remote and candidates and all((srcdir / c).is_file() for c in candidates if c):
                continue
            alt = image.get("alt") or Path(uri.split("?")[0]).name or uri
            text: nodes.Node = nodes.inline(alt, alt, classes=["daybook-alt-text"])
            if remote and fragments.safe_link(uri):
                text = nodes.reference("", "", text, refuri=uri)
            if isinstance(image.parent, nodes.TextElement):
                image.replace_self(text)
            else:
                image.replace_self(nodes.paragraph("", "", text))

    # -- math --------------------------------------------------------------------

    def _math(self) -> None:
        for node in list(self.document.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block)))):
            tex = node.astext()
            display = isinstance(node, nodes.math_block)
            try:
                latex = latex_formula(tex, display)
            except RecursionError:
                error = FormulaError("nested too deeply")
                latex = None
            except FormulaError as refused:
                error = refused
                latex = None
            if latex is None:
                if _typeset_on_the_web(node.get(MATHML)):
                    # typeset on the web, not in the PDF: a problem of its own, said here once
                    logger.warning(
                        f"formula not typeset in the PDF ({error}); it is shown as its TeX source",
                        location=node,
                        type="daybook",
                        subtype="math",
                    )
                # else not typeset on the web either (one warning when read): its source, as there
                if display and not isinstance(node.parent, nodes.TextElement):
                    node.replace_self(nodes.literal_block(tex, tex))
                else:
                    node.replace_self(nodes.literal(tex, tex))
                continue
            node.children = []
            if display:
                # the whole environment is written here; a label from the post is not LaTeX's business
                node["nowrap"] = True
                node.attributes.pop("label", None)
                node += nodes.Text("\n" + latex + "\n")
            else:
                node += nodes.Text(latex)

    # -- line breaks, tables, emoji ----------------------------------------------

    def _line_breaks(self) -> None:
        """A ``<br>`` that ends a paragraph ends no line (browsers drop it too)."""
        for paragraph in self.document.findall(nodes.paragraph):
            while len(paragraph):
                last = paragraph[-1]
                if isinstance(last, nodes.Text) and not last.strip():
                    paragraph.remove(last)
                elif isinstance(last, line_break):
                    paragraph.remove(last)
                else:
                    break

    def _tables(self) -> None:
        """Columns as wide as their longest word at least, the rest shared by their text."""
        for table in self.document.findall(nodes.table):
            groups = [g for g in table.children if isinstance(g, nodes.tgroup)]
            if len(groups) != 1:
                continue
            group = groups[0]
            specs = [c for c in group.children if isinstance(c, nodes.colspec)]
            rows = [row for part in group.children if isinstance(part, (nodes.thead, nodes.tbody)) for row in part.children]
            if not specs or any(
                entry.get("morecols") or entry.get("morerows") for row in rows for entry in row.children
            ):
                continue
            cells: list[list[str]] = [[] for _ in specs]
            for row in rows:
                for index, entry in enumerate(row.children[: len(specs)]):
                    cells[index].append(_cell_text(entry))
            widths = column_widths(cells)
            for spec, width in zip(specs, widths):
                spec["colwidth"] = width
            if "colwidths-given" not in table["classes"]:
                table["classes"].append("colwidths-given")

    def _actual_texts(self) -> None:
        """Text the PDF draws from glyphs that do not say it (see ``_ACTUAL_TEXT``) says it itself."""
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or isinstance(parent, (nodes.FixedTextElement, nodes.literal, actual_text)) \
                    or isinstance(parent, (nodes.math, nodes.math_block)) or not _ACTUAL_TEXT.search(text):
                continue
            pieces: list[nodes.Node] = []
            position = 0
            for match in _ACTUAL_TEXT.finditer(text):
                if match.start() > position:
                    pieces.append(nodes.Text(text[position : match.start()]))
                pieces.append(actual_text(match[0], match[0]))
                position = match.end()
            if position < len(text):
                pieces.append(nodes.Text(text[position:]))
            index = parent.index(text)
            parent[index : index + 1] = pieces


#: a command the web's MathML showed as written (warned about when the page was read)
_UNKNOWN_COMMAND = re.compile(r"<m[io][^>]*>\\[A-Za-z]+</m[io]>")


def _typeset_on_the_web(mathml: str | None) -> bool:
    """Whether the web typeset the formula without a warning (its TeX annotation aside)."""
    if mathml is None:
        return False
    return not _UNKNOWN_COMMAND.search(mathml.split("<annotation", 1)[0])


def _cell_text(entry: nodes.Element) -> str:
    """A cell's text as it prints (a formula as its MathML's characters, not its TeX)."""
    parts = []
    for node in entry.findall(lambda n: isinstance(n, (nodes.Text, nodes.math))):
        if isinstance(node, nodes.math):
            parts.append(re.sub(r"\\[A-Za-z]+|[{}^_ ]", "", node.astext()) or "x")
        elif not any(isinstance(a, nodes.math) for a in _ancestors(node)):
            parts.append(str(node))
    return " ".join(parts)


def _ancestors(node: nodes.Node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def _text_width(text: str) -> float:
    """Roughly how wide ``text`` prints, in ems: Hangul and other wide letters 1, the rest about half."""
    return sum(1.0 if ord(c) >= 0x1100 and not 0x2000 <= ord(c) < 0x2E80 else 0.55 for c in text)


#: the text block of the PDF, in ems of its body text, less the cells' padding
_LINE_EMS = 42.0


def column_widths(cells: list[list[str]], line: float = _LINE_EMS) -> list[int]:
    """Each column's share of the line (whole numbers, about 100 in all): at least its
    longest word (Latin words and formulas do not break; Korean breaks between
    syllables), the rest by how much text it holds."""
    longest = []
    amount = []
    for column in cells:
        words = [w for text in column for w in re.split(r"\s+|(?<=[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af])", text) if w]
        longest.append(max((_text_width(w) for w in words), default=1.0) + 1.0)
        amount.append(max((_text_width(text) for text in column), default=1.0) + 1.0)
    minimum = sum(longest)
    if minimum >= line:
        shares = longest
    else:
        spare = line - minimum
        extra = [max(a - w, 0.0) for a, w in zip(amount, longest)]
        total_extra = sum(extra)
        shares = [w + (spare * e / total_extra if total_extra else spare / len(longest)) for w, e in zip(longest, extra)]
    total = sum(shares)
    return [max(1, round(100 * share / total)) for share in shares]


def _alignment(element: etree._Element) -> str | None:
    """``center`` or ``right`` for ``align="center"`` or ``style="text-align: right"``, else ``None``."""
    align = (element.get("align") or "").strip().lower()
    if align in ("center", "right"):
        return align
    match = _ALIGN.search(element.get("style") or "")
    return match[1].lower() if match else None


def _is_html(node: nodes.Node) -> bool:
    return isinstance(node, nodes.raw) and "html" in node.get("format", "").split()


class _Converter:
    """HTML elements (with placeholders for the original nodes) to document nodes."""

    def __init__(self, originals: list[nodes.Node], sources: dict[str, str]) -> None:
        self.originals = originals
        self.sources = sources
        self.used: set[int] = set()
        #: elements left out (scripts, styles), for one warning
        self.dropped: set[str] = set()

    def _original(self, element: etree._Element) -> nodes.Node | None:
        index = fragments.placeholder_index(element)
        if index is None or not 0 <= index < len(self.originals) or index in self.used:
            return None
        self.used.add(index)
        return self.originals[index]

    # inline context: a paragraph, a title, a list item's text
    def inline(self, element: etree._Element) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        if element.text:
            out.append(nodes.Text(element.text))
        for child in element:
            out.extend(self._inline_element(child))
            if child.tail:
                out.append(nodes.Text(child.tail))
        return out

    def _inline_element(self, element: etree._Element) -> list[nodes.Node]:
        if not isinstance(element.tag, str):  # a comment or processing instruction
            return []
        tag = element.tag.lower()
        if fragments.placeholder_index(element) is not None:
            original = self._original(element)
            return [] if original is None else [original]
        if tag in _DROPPED:
            self._drop(tag)
            return []
        if tag == "br":
            return [line_break()]
        if tag == "img":
            src = element.get("src") or ""
            if src in self.sources:
                path = self.sources[src]
                return [nodes.image("", uri=path, candidates={"*": path}, alt=element.get("alt") or "")]
            alt = element.get("alt") or Path(src.split("?")[0]).name
            return [nodes.inline(alt, alt, classes=["daybook-alt-text"])] if alt else []
        if tag == "iframe":
            return self._embed(element)
        if tag == "input":
            if (element.get("type") or "").lower() == "checkbox":
                return [checkbox(checked=element.get("checked") is not None)]
            return []
        content = self.inline(element)
        if tag == "a":
            href = fragments.safe_link(element.get("href"))
            if href and content:
                return [nodes.reference("", "", *content, refuri=href)]
            return content
        if tag in _INLINE_NODES:
            return [_INLINE_NODES[tag]("", "", *content)] if content else []
        if tag in _INLINE_CLASSES:
            return [nodes.inline("", "", *content, classes=[_INLINE_CLASSES[tag]])] if content else []
        return content

    def _drop(self, tag: str) -> None:
        if tag in ("script", "style", "noscript", "template", "object"):
            self.dropped.add(tag)

    def _embed(self, element: etree._Element) -> list[nodes.Node]:
        src = fragments.safe_link(element.get("src"))
        title = element.get("title") or ""
        if src is None:
            return [nodes.Text(title)] if title else []
        label = f"{title}: {src}" if title else src
        return [nodes.reference("", "", nodes.Text("▶ " + label), refuri=src)]

    # block context: a section, a list item, a box
    def blocks(self, element: etree._Element) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        pending: list[nodes.Node] = []

        def flush() -> None:
            if any(not isinstance(n, nodes.Text) or n.astext().strip() for n in pending):
                while pending and isinstance(pending[0], nodes.Text) and not pending[0].astext().strip():
                    pending.pop(0)
                out.append(nodes.paragraph("", "", *pending))
            pending.clear()

        if element.text:
            pending.append(nodes.Text(element.text))
        for child in element:
            for node in self._block_element(child):
                if isinstance(node, (nodes.Inline, nodes.Text)):
                    pending.append(node)
                else:
                    flush()
                    out.append(node)
            if child.tail:
                pending.append(nodes.Text(child.tail))
        flush()
        return out

    def _block_element(self, element: etree._Element) -> list[nodes.Node]:
        if not isinstance(element.tag, str):
            return []
        tag = element.tag.lower()
        if fragments.placeholder_index(element) is not None:
            original = self._original(element)
            return [] if original is None else [original]
        classes = fragments.classes_of(element)
        if "quote-block" in classes:
            return [self._callout(element)]
        if tag == "details":
            box = nodes.container("", classes=["daybook-details"])
            box.extend(self.blocks(element))
            return [box]
        alignment = _alignment(element) if tag in ("div", "p", "section", "figure", "article") else None
        if tag == "center" or alignment:
            # <center>, <div align="center">, <p align="right">: a block around its content
            box = nodes.container("", classes=[f"daybook-{alignment or 'center'}"])
            box.extend(self.blocks(element))
            return [box] if len(box) else []
        if tag in _HEADINGS | {"p"} and self._holds_blocks(element):
            # <p> around a Markdown paragraph, a heading around a list: the blocks, in place
            return self.blocks(element)
        if tag in _HEADINGS:
            content = self.inline(element)
            return [nodes.rubric("", "", *content)] if content else []
        if tag == "p":
            content = self.inline(element)
            return [nodes.paragraph("", "", *content)] if content else []
        if tag == "blockquote":
            return [nodes.block_quote("", *self.blocks(element))]
        if tag in ("ul", "ol"):
            listing = nodes.bullet_list() if tag == "ul" else nodes.enumerated_list()
            for item in element:
                if isinstance(item.tag, str) and item.tag.lower() == "li":
                    listing += nodes.list_item("", *self.blocks(item))
            return [listing] if len(listing) else []
        if tag == "pre":
            code = "".join(element.itertext())
            return [nodes.literal_block(code, code)]
        if tag == "hr":
            return [nodes.paragraph("", "* * *", classes=["daybook-rule"])]
        if tag == "tr":
            cells = [fragments.text_of(cell) for cell in element if isinstance(cell.tag, str)]
            return [nodes.paragraph("", " | ".join(cells))]
        if tag in ("iframe", "video", "audio", "object", "embed"):
            content = self._embed(element)
            return [nodes.paragraph("", "", *content)] if content else []
        if tag in _DROPPED:
            self._drop(tag)
            return []
        inline_tags = {"br", "img", "input", "a", "span", "font", *_INLINE_NODES, *_INLINE_CLASSES}
        if tag in inline_tags and self._holds_blocks(element):
            # <small> around paragraphs (a source credit): a block of small text, not a span
            box = nodes.container("", classes=[_BLOCK_CLASSES[tag]] if tag in _BLOCK_CLASSES else [])
            box.extend(self.blocks(element))
            return [box] if len(box) else []
        if tag in inline_tags:
            return self._inline_element(element)
        # div, section, figure, table, center and any other container: its content, in place
        return self.blocks(element)

    def _holds_blocks(self, element: etree._Element) -> bool:
        """Whether an element holds a paragraph, a list or any other block (HTML or Markdown)."""
        for inner in element.iter():
            if inner is element or not isinstance(inner.tag, str):
                continue
            index = fragments.placeholder_index(inner)
            if index is not None:
                if 0 <= index < len(self.originals) and not isinstance(self.originals[index], (nodes.Inline, nodes.Text)):
                    return True
            elif inner.tag.lower() in _BLOCK_TAGS:
                return True
        return False

    def _callout(self, element: etree._Element) -> nodes.Element:
        """The blog's ``quote-block``: its emoji as the title of a box holding the content."""
        emoji = ""
        body: list[nodes.Node] = []
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if "quote-block__emoji" in fragments.classes_of(child):
                emoji = fragments.text_of(child)
            else:
                body.extend(self._block_element(child))
        box = nodes.admonition("", classes=["daybook-callout"])
        box += nodes.title(emoji, emoji)
        for node in body:
            box += nodes.paragraph("", "", node) if isinstance(node, (nodes.Inline, nodes.Text)) else node
        return box


class EpubTransform(TakeawayTransform):
    builders = ("epub",)


class LatexTransform(TakeawayTransform):
    formats = ("latex",)
    for_latex = True
