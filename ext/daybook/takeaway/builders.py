"""The ePub and LaTeX builders, laying the book out from the book model.

Each method overridden here is an undocumented part of Sphinx's builders:
they are listed in :mod:`..upstream`; the books they build are checked in
the takeaway tests.

Sphinx's builders follow the root document's toctrees; daybook's are hidden
and list web pages (part pages, archive, tags) that are navigation, not
chapters. These builders lay out what a reader takes away instead: the title
page, the table of contents (차례), each part with its chapters in day order,
then the pages that belong to no part ("더 보기").
"""

from __future__ import annotations

import hashlib
import html
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from docutils import nodes
from lxml import etree
from sphinx import addnodes
from sphinx.builders.epub3 import Epub3Builder
from sphinx.builders.latex import LaTeXBuilder
from sphinx.util import logging

from ..api import get_book
from ..assets import STATIC_SUBDIR
from ..model.book import Book, chapter_title
from ..model.text import ui
from ..posts import file_in_posts
from ..upstream import asset_file, latex_babel
from .cover import draw_cover, korean_font
from .nodes import part_heading, post_start
from .settings import COVER_IMAGE, EPUB_BOOK_VERSION
from .transforms import web_only_pages

logger = logging.getLogger(__name__)

_OPF = "http://www.idpf.org/2007/opf"
#: the ePub's stylesheet, which every page links instead of the web's (see :func:`epub_stylesheets`)
EPUB_CSS = Path(__file__).parent / "static" / "epub.css"
_MATH = re.compile(rb"<math[\s>]")
#: daybook's Lua for LuaLaTeX, copied beside the .tex
LUA = Path(__file__).parent / "static" / "daybook.lua"
_SAFE_FILE_NAME = re.compile(r"(?:[^\W_]|-)+(?:\.[A-Za-z0-9]+)?")
_SAFE_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,5}")


def book_layout(book: Book, titles: dict[str, str], language: str | None) -> list[tuple[str, str | None, list[tuple[str, str]]]]:
    """The parts of the book to take away: (title, part page, [(docname, title)])."""
    layout: list[tuple[str, str | None, list[tuple[str, str]]]] = [
        (part.title, part.docname, [(c.docname, chapter_title(c)) for c in part.chapters]) for part in book.parts
    ]
    if book.pages:
        layout.append((ui(language, "pages"), None, [(d, titles.get(d, d)) for d in book.pages]))
    return layout


def first_thumbnail(env: Any, book: Book) -> Path | None:
    """The first chapter's thumbnail in book order that is a file in the posts folder."""
    for part in book.parts:
        for chapter in part.chapters:
            if not chapter.thumbnail:
                continue
            relative = file_in_posts(env, chapter.thumbnail, chapter.docname)
            if relative is not None and (Path(env.srcdir) / relative).is_file():
                return Path(env.srcdir) / relative
    return None


def epub_stylesheets(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """An ePub page links Sphinx's epub.css and daybook's, not the web's stylesheets."""
    if app.builder.name != "epub" or "css_files" not in context:
        return
    kept = []
    for css in context["css_files"]:
        name = asset_file(css)
        if not name.startswith((f"_static/{STATIC_SUBDIR}/", f"{STATIC_SUBDIR}/")) and "sphinx-design" not in name:
            kept.append(css)
    kept.append(f"_static/{STATIC_SUBDIR}/{EPUB_CSS.name}")
    context["css_files"] = kept


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
        book = get_book(self.env)
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
        if docname in web_only_pages(get_book(self.env)):
            return
        super().write_doc(docname, doctree)

    def prepare_writing(self, docnames: Any) -> None:
        super().prepare_writing(docnames)
        # every page says its language, as EPUB readers (and their hyphenation and fonts) need
        language = html.escape(self.config.epub_language or self.config.language or "en")
        self.globalcontext["html_tag"] = (
            f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
            f'lang="{language}" xml:lang="{language}">'
        )

    def copy_static_files(self) -> None:
        super().copy_static_files()
        # the web's stylesheets and scripts are not the ePub's: each page links epub.css (epub_stylesheets)
        folder = Path(self.outdir) / "_static" / STATIC_SUBDIR
        if folder.is_dir():
            for file in folder.iterdir():
                if file.suffix in (".css", ".js"):
                    file.unlink()
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(EPUB_CSS, folder / EPUB_CSS.name)
        if self.config.epub_cover and self.config.epub_cover[0] == COVER_IMAGE:
            self._draw_cover(Path(self.outdir) / COVER_IMAGE)

    def _draw_cover(self, out: Path) -> None:
        picture = first_thumbnail(self.env, get_book(self.env))
        try:
            draw_cover(self.config.project, self.config.author or "", picture, out, korean_font())
        except ImportError:
            logger.warning(
                "Pillow is not installed, so the ePub has no cover: pip install -r requirements.txt",
                type="daybook",
                subtype="takeaway",
            )

    def content_metadata(self) -> dict[str, Any]:
        metadata = super().content_metadata()
        # EPUB 3 readers want a version; a blog has none (see settings.lend_epub_version)
        metadata["version"] = metadata["version"] or EPUB_BOOK_VERSION
        return metadata

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
        """Pages with MathML say so (EPUB 3 requires it), the cover image too; 차례 follows the title page."""
        path = Path(self.outdir) / "content.opf"
        tree = etree.parse(str(path))
        ns = {"opf": _OPF}
        nav_id = None
        cover = self.config.epub_cover[0] if self.config.epub_cover else None
        for item in tree.iterfind(".//opf:manifest/opf:item", ns):
            href = unquote(item.get("href", ""))
            if "nav" in (item.get("properties") or "").split():
                nav_id = item.get("id")
            if cover and href == cover:
                # EPUB 3 names its cover image so (Sphinx writes only EPUB 2's <meta name="cover">)
                item.set("properties", " ".join(sorted(set((item.get("properties") or "").split()) | {"cover-image"})))
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
            # after the title page (the cover, if any, comes first)
            root_id = self.make_id(self.config.root_doc + self.out_suffix)
            ids = [i.get("idref") for i in spine]
            itemref = etree.Element(f"{{{_OPF}}}itemref", idref=nav_id)
            spine.insert(ids.index(root_id) + 1 if root_id in ids else min(1, len(spine)), itemref)
        tree.write(str(path), xml_declaration=True, encoding="utf-8")


class DaybookLaTeXBuilder(LaTeXBuilder):
    """Sphinx's LaTeX builder, the book laid out as parts and chapters."""

    name = "latex"

    def copy_support_files(self) -> None:
        super().copy_support_files()
        # the preamble loads it: the Lua sandbox
        shutil.copyfile(LUA, Path(self.outdir) / LUA.name)

    def post_process_images(self, doctree: nodes.Node) -> None:
        super().post_process_images(doctree)
        # an image's file name is written into the .tex: only letters, digits, '-' and '.'
        for source, name in list(self.images.items()):
            if not _SAFE_FILE_NAME.fullmatch(name):
                digest = hashlib.sha256(source.encode("utf-8")).hexdigest()[:12]
                self.images[source] = f"image-{digest}{Path(name).suffix.lower() if _SAFE_SUFFIX.fullmatch(Path(name).suffix) else ''}"

    def init_babel(self) -> None:
        # Babel has no Korean; kotex sets the captions (see .tex): no warning for it
        if (self.config.language or "").replace("-", "_").split("_")[0] == "ko":
            self.babel = latex_babel(self.config.language, not self.context["babel"])
            return
        super().init_babel()

    def assemble_doctree(self, indexfile: str, toctree_only: bool, appendices: list[str]) -> nodes.document:
        book = get_book(self.env)
        if indexfile != book.root_docname:
            return super().assemble_doctree(indexfile, toctree_only, appendices)
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
            root += part_heading(title=title)
            for docname, _title in chapters:
                logger.info(docname)
                chapter = self.env.get_doctree(docname)
                # LaTeX's errors name the post they come from (see lualatex.py)
                root += post_start(source=str(self.env.doc2path(docname, False)))
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
