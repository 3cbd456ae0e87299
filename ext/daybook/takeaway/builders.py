"""The ePub and LaTeX builders, laying the book out from the book model.

Each method overridden here is an undocumented part of Sphinx's builders:
they are listed, with their shape checked, in :mod:`..upstream`.

Sphinx's builders follow the root document's toctrees; daybook's are hidden
and list web pages (part pages, archive, tags) that are navigation, not
chapters. These builders lay out what a reader takes away instead: the title
page, the table of contents (차례), each part with its chapters in day order,
then the pages that belong to no part ("더 보기").
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from docutils import nodes
from lxml import etree
from sphinx import addnodes
from sphinx.builders.epub3 import Epub3Builder
from sphinx.builders.latex import LaTeXBuilder
from sphinx.util import logging

from ..assets import STATIC_SUBDIR
from ..model.book import Book, chapter_title
from ..model.text import ui
from ..scan import book_state
from ..upstream import latex_babel
from .tex import part as latex_part
from .transforms import web_only_pages

logger = logging.getLogger(__name__)

_OPF = "http://www.idpf.org/2007/opf"
#: the ePub's stylesheet, written over the web's (see :meth:`DaybookEpubBuilder.copy_static_files`)
EPUB_CSS = Path(__file__).parent / "static" / "epub.css"
_MATH = re.compile(rb"<math[\s>]")


def book_layout(book: Book, titles: dict[str, str], language: str | None) -> list[tuple[str, str | None, list[tuple[str, str]]]]:
    """The parts of the book to take away: (title, part page, [(docname, title)])."""
    layout: list[tuple[str, str | None, list[tuple[str, str]]]] = [
        (part.title, part.docname, [(c.docname, chapter_title(c)) for c in part.chapters]) for part in book.parts
    ]
    if book.pages:
        layout.append((ui(language, "pages"), None, [(d, titles.get(d, d)) for d in book.pages]))
    return layout


def _titles(builder: Any) -> dict[str, str]:
    return {docname: title.astext() for docname, title in builder.env.titles.items()}


class DaybookEpubBuilder(Epub3Builder):
    """Sphinx's ePub 3 builder, with the book's navigation and valid packaging."""

    name = "epub"

    def make_id(self, name: str) -> str:
        # Sphinx asks once with the file's name and once with its URL
        # (percent-encoded): one file must have one id, or Korean names drop
        # out of the reading order
        return super().make_id(unquote(html.unescape(name)))

    def get_toc(self) -> None:
        state = book_state(self.env)
        if state is None:
            super().get_toc()
            return
        book = state.book
        titles = _titles(self)
        suffix = self.out_suffix

        def entry(level: int, docname: str, text: str) -> dict[str, Any]:
            return {"level": level, "refuri": quote(docname + suffix), "text": html.escape(text)}

        refnodes = [entry(1, book.root_docname, titles.get(book.root_docname, self.config.project))]
        for title, page, chapters in book_layout(book, titles, self.config.language):
            if page is None:
                # pages in no part ("About") have no part page: each is an entry of its own
                refnodes.extend(entry(1, docname, text) for docname, text in chapters)
                continue
            refnodes.append(entry(1, page, title))
            refnodes.extend(entry(2, docname, text) for docname, text in chapters)
        self.refnodes = refnodes

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        state = book_state(self.env)
        if state is not None and docname in web_only_pages(state.book):
            return
        super().write_doc(docname, doctree)

    def copy_static_files(self) -> None:
        super().copy_static_files()
        # the pages link daybook's web stylesheets; in the ePub they hold its own rules
        folder = Path(self.outdir) / "_static" / STATIC_SUBDIR
        for index, css in enumerate(sorted(folder.glob("*.css")) if folder.is_dir() else ()):
            text = EPUB_CSS.read_text(encoding="utf-8") if index == 0 else "/* see the first stylesheet */\n"
            css.write_text(text, encoding="utf-8")

    def navigation_doc_metadata(self, navlist: list[Any]) -> dict[str, Any]:
        metadata = super().navigation_doc_metadata(navlist)
        metadata["toc_locale"] = html.escape(ui(self.config.language, "contents"))
        return metadata

    def toc_metadata(self, level: int, navpoints: list[Any]) -> dict[str, Any]:
        # the NCX must name the book as the package does (Sphinx writes epub_uid, an id)
        metadata = super().toc_metadata(level, navpoints)
        metadata["uid"] = html.escape(self.config.epub_identifier)
        return metadata

    def build_content(self) -> None:
        super().build_content()
        self._declare_mathml_and_contents()

    def _declare_mathml_and_contents(self) -> None:
        """Pages with MathML say so (EPUB 3 requires it); 차례 follows the title page."""
        path = Path(self.outdir) / "content.opf"
        tree = etree.parse(str(path))
        ns = {"opf": _OPF}
        nav_id = None
        for item in tree.iterfind(".//opf:manifest/opf:item", ns):
            href = unquote(item.get("href", ""))
            if "nav" in (item.get("properties") or "").split():
                nav_id = item.get("id")
            if href.endswith(self.out_suffix) and (Path(self.outdir) / href).is_file():
                if _MATH.search((Path(self.outdir) / href).read_bytes()):
                    properties = set((item.get("properties") or "").split()) | {"mathml"}
                    item.set("properties", " ".join(sorted(properties)))
        spine = tree.find(".//opf:spine", ns)
        # Sphinx adds a page again, out of the reading order, when it knew it
        # by its URL (percent-encoded Korean name): one entry each
        seen: set[str] = set()
        for itemref in list(spine if spine is not None else ()):
            if itemref.get("idref") in seen:
                spine.remove(itemref)
            seen.add(itemref.get("idref"))
        if nav_id and spine is not None and not any(i.get("idref") == nav_id for i in spine):
            itemref = etree.Element(f"{{{_OPF}}}itemref", idref=nav_id)
            spine.insert(1 if len(spine) else 0, itemref)
        tree.write(str(path), xml_declaration=True, encoding="utf-8")


class DaybookLaTeXBuilder(LaTeXBuilder):
    """Sphinx's LaTeX builder, the book laid out as parts and chapters."""

    name = "latex"

    def init_babel(self) -> None:
        # Babel has no Korean; kotex sets the captions (see .tex): no warning for it
        if (self.config.language or "").replace("-", "_").split("_")[0] == "ko":
            self.babel = latex_babel(self.config.language, not self.context["babel"])
            return
        super().init_babel()

    def assemble_doctree(self, indexfile: str, toctree_only: bool, appendices: list[str]) -> nodes.document:
        state = book_state(self.env)
        if state is None or indexfile != state.book.root_docname:
            return super().assemble_doctree(indexfile, toctree_only, appendices)
        book = state.book
        tree = self.env.get_doctree(indexfile)
        tree["docname"] = indexfile
        del tree[:]
        # the writer takes the first section's title as the book's (\maketitle)
        root = nodes.section("", ids=["daybook-book"])
        root += nodes.title(self.config.project, self.config.project)
        tree += root
        included = [indexfile]
        for title, _page, chapters in book_layout(book, _titles(self), self.config.language):
            if not chapters:
                continue
            root += nodes.raw("", latex_part(title), format="latex")
            for docname, _title in chapters:
                logger.info(docname)
                chapter = self.env.get_doctree(docname)
                start = addnodes.start_of_file(docname=docname)
                start.extend(chapter.children)
                root += start
                included.append(docname)
        self.docnames = {*included, *appendices}
        for docname in appendices:
            appendix = self.env.get_doctree(docname)
            appendix["docname"] = docname
            tree.append(appendix)
        # the book's order is the model's: a toctree a page wrote (MyST syntax,
        # asked for) would be a node the LaTeX writer does not know
        for toctree in list(tree.findall(addnodes.toctree)):
            parent = toctree.parent
            parent.remove(toctree)
            if isinstance(parent, nodes.compound) and "toctree-wrapper" in parent["classes"] and not parent.children:
                parent.parent.remove(parent)
        self.env.resolve_references(tree, indexfile, self)
        # links to pages that are not in the PDF (part pages, tags) keep their text
        for pending in list(tree.findall(addnodes.pending_xref)):
            pending.replace_self(pending.children or [nodes.Text(pending.astext())])
        return tree
