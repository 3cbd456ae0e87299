"""Every use daybook makes of another project's private or undocumented internals.

Nothing else in daybook touches them: each is wrapped here (or, for a
method daybook overrides, named here), with why it is needed and the upstream
issue that would make it unnecessary. ``tests/project/upstream_guard.py`` reads every
other module of daybook and lets it import only the public modules it lists
(an allow-list); ``tests/project/test_upstream.py`` checks what each entry below does,
on a small input, so an upgrade that changes one fails there, naming it.

======================================  =============================================  ===========================================
internal                                why daybook needs it                           upstream
======================================  =============================================  ===========================================
Sphinx ``Project._docname_to_path``,    drafts and undecodable files leave the         no API to change the documents found;
``_path_to_docname``, ``docnames``      project before reading (never read, so no      none filed
                                        byte reaches the output); generated pages
                                        join it
MyST ``create_md_parser``,              the Gatsby dialect adds markdown-it plugins    executablebooks/MyST-Parser#632
``SphinxRenderer`` (what                to MyST's parser; MyST has no hook for it.
``MystParser.parse`` does), the         A post switches MyST's own rules off by
names of MyST's markdown-it rules       name (``%`` comments, ``+++``, targets,
(``myst_line_comment``, …) and the      roles, front matter) and renders every
renderer's ``render_fence``,            fence as code, every ``project:`` link as a
``render_link``, ``render_s``,          link, ``~~struck~~`` without MyST's warning
``create_highlighted_code_block``       and every code block in relaxed highlighting
(overridden in :mod:`.dialect.parser`
MyST's ``env.myst_config``              a post is read with MyST's configuration,      none filed (MyST keeps it as an
(:func:`myst_config`)                   changed (:mod:`.dialect.parser`)               environment attribute, no API)
Sphinx ``highlighting.lexers``,         a fence Prism named is code of a language      none filed (``add_lexer`` registers,
``lexer_classes``                       Sphinx highlights (:mod:`.dialect.parser`)     nothing asks)
(:func:`sphinx_knows_lexer`)
markdown-it ``ParserBlock.tokenize``    Markdown nested past ``maxNesting`` keeps      none filed (markdown-it drops the
(wrapped per parser in                  its text (:mod:`.dialect.nesting`); every      rest of a container past the limit)
:mod:`.dialect.nesting`), reached by    container reads its content through it
containers as ``state.md.block``
Sphinx ``search._stopwords.en``         the Korean search language drops English       none filed (Sphinx moved its stop
                                        stop words from its Latin words, as Sphinx's   words into a private module in 8.x)
                                        English search does
Sphinx ``search.js_index``              search terms left with no page by an           none filed
                                        incremental build are dropped
                                        (:mod:`.publishing.stale`)
Sphinx ``searchtools.js``: the          daybook's search engine reads the query,       none filed (Sphinx's search has
``Search`` methods ``_parseQuery``,     ranks the pages from its own index and cuts    hooks for a language's splitter
``performTermsSearch``,                 the excerpt (:mod:`.search`,                   and stemmer and a ``Scorer``, not
``makeSearchSummary``, ``htmlToText``,  ``search-page.js``); Sphinx's page still       for a ranking of its own index or
``query``, ``performSearch``,           draws the results and highlights the words     the excerpt)
``setIndex``, ``_index``, ``init``,     (the search page calls ``init`` as its results
and what ``query`` hands them           box is read; Sphinx's own call on
                                        ``DOMContentLoaded`` then finds the search
                                        running)
Sphinx ``search/minified-js/`` (its     daybook's engine stems Latin words as the      none filed
Snowball stemmers' scripts)             index does, with Sphinx's own English stemmer
Sphinx ``Config.values[name].default``  daybook fills in its extensions' settings       none filed
                                        only where ``conf.py`` left the default
Sphinx ``env.images`` entries           the copied name of a thumbnail in              none filed (Sphinx numbers images
``(docnames, unique name)``, its        ``_images/`` for its absolute ``og:image``;    of one name in the order it reads
``_existing`` names                     image names that do not depend on the order    them)
                                        pages were read
Sphinx ``builder.templates``            the theme's search page loads                  none filed (a theme option to
``.environment`` (the Jinja             ``searchindex.js``: daybook's template drops   load the index lazily:
environment of the HTML builder's       the tag with a filter (:mod:`.search.lazy`)    pydata/pydata-sphinx-theme, none)
template bridge),
and the theme's ``<script>`` tag of
``searchindex.js``, matched as text
(:func:`without_theme_search_index`)
Sphinx ``builder.theme``                daybook's controls, icons and deferred         none filed (no API asks a theme
``.get_theme_dirs()``                   scripts only on pydata-sphinx-theme and the    which themes it extends)
(:func:`html_theme_folders`)            themes built on it (:mod:`.writing.theme`)
Sphinx ``builder.images``,              an ``<img>`` in a post's raw HTML points at    none filed (Sphinx rewrites only
``builder.imgpath``                     the copy Sphinx makes                          image nodes)
(:func:`builder_image_url`)             (:mod:`.reading.html_images`)
sphinx-design's ``shared``              cards built as the same nodes sphinx-design's  none filed
``create_component``,                   ``grid-item-card`` makes
``PassthroughTextElement``; its
``grids`` ``row_columns_option``,
``gutter_option``
Sphinx ``Epub3Builder.make_id``,        the ePub's navigation and reading order come   none filed (the ePub builder
``get_toc``/``refnodes``,               from the book model; one id per file whether   takes its order from the toctrees, and
``build_content`` (writes               Sphinx names it plainly or percent-encoded     looks a Korean file name up twice)
``content.opf``),                       (Korean names); pages with MathML declared;
``content_metadata``,                   the NCX names the book as the package does;
``toc_metadata``,                       a version when the book names none;
``navigation_doc_metadata``,
``write_doc``, ``copy_static_files``    the ePub's own stylesheet
(overridden in
:mod:`.takeaway.builders`)
Sphinx's script assets in a page's      scripts a page needs only once it is read      none filed (``add_js_file`` takes
``script_files`` (``_JavaScript``:      (Sphinx's ``doctools.js``,                     ``loading_method``, but Sphinx adds
its constructor, ``filename``,          ``sphinx_highlight.js``, ``translations.js``,  its own scripts without one)
``priority``, ``attributes``)           sphinx-book-theme's script) load with
                                        ``defer`` (:mod:`.writing.theme`)
Sphinx ``LaTeXBuilder.assemble_         the PDF's parts and chapters come from the     none filed (no hook between assembling
doctree``, ``docnames``, ``init_        book model (``\\part`` per category);           and writing the single document)
babel``; ``builders.latex.util          Korean has no Babel option and kotex does its
.ExtBabel``                             work (no warning for it)
Sphinx ``Epub3Builder.prepare_          every ePub page says ``lang``/``xml:lang``     none filed (the ePub's ``html_tag``
writing``, its ``globalcontext[         (Sphinx's ePub ``<html>`` has neither)         is a class attribute without the
"html_tag"]``                                                                          language)
Sphinx ``_CascadingStyleSheet           an ePub page links the ePub's stylesheet, not  none filed (no way to add a CSS file
.filename`` and ``_JavaScript           the web's (``html-page-context``); a page      to one builder only, or to one page)
.filename`` (the ``css_files``,         goes without the styles and scripts its
``script_files`` of the page            article does not use
context: :func:`asset_file`)
Sphinx ``LaTeXBuilder.copy_support_     daybook's Lua (the sandbox) beside the         none filed (``latex_additional_files``
files``, ``post_process_images``,       ``.tex``; an image's file name in the          is the user's setting)
``builder.images``                      ``.tex`` holds only letters, digits, ``-``
                                        and ``.``
Sphinx ``environment.adapters.toctree   a page's toc as the HTML builder renders it    none filed (pydata-sphinx-theme's
.document_toc`` (:func:`document_toc`)  into ``toc``: daybook writes the theme's       ``generate_toc_html`` parses ``toc``
                                        "on this page" from it                         with BeautifulSoup on every page)
                                        (:mod:`.writing.page_toc`)
Sphinx ``jinja2glue                     the theme's templates compiled once, not on    none filed (``template_bridge`` takes
.BuiltinTemplateLoader``                every build: Jinja's bytecode cache in the     a loader; Sphinx's own, which every
(subclassed: ``init``,                  doctree folder                                 theme needs, is undocumented)
``environment``)                        (:mod:`.writing.template_cache`)
======================================  =============================================  ===========================================
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx import package_dir
from sphinx.jinja2glue import BuiltinTemplateLoader
from sphinx.search import js_index
from sphinx.search._stopwords.en import ENGLISH_STOPWORDS
from sphinx_design.grids import gutter_option, row_columns_option
from sphinx_design.shared import PassthroughTextElement, create_component

if TYPE_CHECKING:
    from collections.abc import Callable

    from docutils import nodes
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.project import Project

__all__ = [
    "BuiltinTemplateLoader",
    "ENGLISH_STOPWORDS",
    "MYST_ONLY_RULES",
    "latex_babel",
    "PassthroughTextElement",
    "add_document",
    "add_template_filter",
    "config_is_default",
    "copied_image_name",
    "copied_image_names",
    "image_paths",
    "rename_copied_images",
    "create_component",
    "deferred_script",
    "document_toc",
    "forget_document",
    "gutter_option",
    "js_index",
    "parse_with_myst",
    "row_columns_option",
    "sphinx_stemmer_scripts",
    "asset_file",
    "builder_image_url",
    "html_theme_folders",
    "myst_config",
    "sphinx_knows_lexer",
    "without_theme_search_index",
]


# -- Sphinx's project: the documents found --------------------------------------


def forget_document(project: Project, docname: str) -> None:
    """Leave ``docname`` out of the project: ``found_docs`` and ``doc2path`` no longer know it."""
    path = project._docname_to_path.pop(docname, None)
    if path is not None:
        project._path_to_docname.pop(path, None)
    project.docnames.discard(docname)


def add_document(project: Project, docname: str, path: Path) -> None:
    """Add a document read from ``path`` (absolute: ``srcdir / path`` is then ``path``)."""
    project.docnames.add(docname)
    project._docname_to_path[docname] = path


# -- MyST's parser ----------------------------------------------------------------

#: the names of the markdown-it rules MyST adds that Gatsby's remark never had
#: (``%`` comments, ``+++`` block breaks, ``(target)=``, ``{role}``, front matter
#: blocks): a post's parser switches them off by name
MYST_ONLY_RULES = ("myst_line_comment", "myst_block_break", "myst_target", "myst_role", "front_matter")



def parse_with_myst(
    inputstring: str,
    document: nodes.document,
    config: Any,
    renderer: type,
    plugins: list[tuple[Callable[..., None], dict[str, Any]]],
    options: dict[str, Any] | None = None,
) -> None:
    """What ``MystParser.parse`` does, with markdown-it ``plugins`` added to the parser
    and ``options`` to its options (the renderer reads them as ``self.md.options``).

    MyST's file-level front matter is not read: daybook's own ``source-read``
    has replaced every post's front matter before MyST sees the text.
    """
    from myst_parser.parsers.mdit import create_md_parser

    parser = create_md_parser(config, renderer)
    for plugin, plugin_options in plugins:
        parser.use(plugin, **plugin_options)
    parser.options.update(options or {})
    parser.options["document"] = document
    parser.render(inputstring)


# -- the builders of the book to take away ------------------------------------------------


def latex_babel(language: str | None, use_polyglossia: bool) -> Any:
    """Sphinx's Babel helper for the LaTeX writer, made without its warning for Korean."""
    from sphinx.builders.latex.util import ExtBabel

    babel = ExtBabel(language, use_polyglossia)
    # kotex sets Korean's captions; Babel's "english" stands in, as Sphinx lets it
    # for Chinese, and the language counts as supported: the LaTeX writer checks
    # again for every document it writes and would warn each time
    babel.supported = True
    return babel


# -- configuration and the environment ----------------------------------------------


def config_is_default(config: Config, name: str) -> bool:
    """``conf.py`` left ``name`` at its registered default (a computed one included)."""
    default = config.values[name].default
    if callable(default):
        default = default(config)
    return config[name] == default


def copied_image_names(env: BuildEnvironment) -> set[str]:
    """The names under ``_images/`` of every image the pages use."""
    return {name for _, name in env.images.values()}


def image_paths(env: BuildEnvironment) -> list[str]:
    """The path (in the posts folder) of every image the pages use."""
    return list(env.images)


def rename_copied_images(env: BuildEnvironment, names: dict[str, str]) -> set[str]:
    """Give each image its name under ``_images/``; the documents whose images were renamed."""
    renamed: set[str] = set()
    for path, (docnames, old) in list(env.images.items()):
        new = names.get(path, old)
        if new != old:
            env.images[path] = (docnames, new)
            renamed.update(docnames)
    env.images._existing = {name for _, name in env.images.values()}
    return renamed


def copied_image_name(env: BuildEnvironment, source_path: str) -> str | None:
    """The name under ``_images/`` of the image at ``source_path`` (relative to the source folder)."""
    entry = env.images.get(source_path)
    return entry[1] if entry else None


def builder_image_url(builder: Any, source_path: str) -> str | None:
    """Where the page being written finds the HTML builder's copy of the image at ``source_path``
    (``None``: the builder copies no such image)."""
    name = builder.images.get(source_path)
    return posixpath.join(builder.imgpath, name) if name is not None else None


def asset_file(asset: object) -> str:
    """The file name of an entry of a page context's ``css_files`` or ``script_files``
    (a ``_CascadingStyleSheet`` or ``_JavaScript``, or a string)."""
    return str(getattr(asset, "filename", asset))


# -- templates ----------------------------------------------------------------------


def add_template_filter(builder: object, name: str, function: Callable[..., Any]) -> bool:
    """Make ``function`` a Jinja filter of the HTML builder's templates; ``False`` if it has none."""
    environment = getattr(getattr(builder, "templates", None), "environment", None)
    if environment is None:
        return False
    environment.filters[name] = function
    return True


def deferred_script(asset: Any) -> Any:
    """A copy of Sphinx's script asset ``asset`` (a ``_JavaScript`` of ``script_files``) loaded with ``defer``."""
    attributes = {**asset.attributes, "defer": "defer"}
    attributes.pop("async", None)
    return type(asset)(asset.filename, priority=asset.priority, **attributes)


# -- Sphinx's search in the browser --------------------------------------------------

#: Sphinx's own minified Snowball stemmers, the ones its English search uses
SPHINX_STEMMERS = Path(package_dir, "search", "minified-js")


def sphinx_stemmer_scripts(*names: str) -> str:
    """Sphinx's minified Snowball stemmer scripts ``names`` (``base``, ``english``), joined."""
    return "\n".join((SPHINX_STEMMERS / f"{name}-stemmer.js").read_text(encoding="utf-8") for name in names)


#: the tag by which the theme's layout loads Sphinx's search index
_THEME_INDEX_SCRIPT = re.compile(r'\s*<script src="[^"<>]*searchindex\.js"></script>')


def without_theme_search_index(html: str) -> str:
    """``html`` (a block the theme's layout renders) without the tag that loads ``searchindex.js``."""
    return _THEME_INDEX_SCRIPT.sub("", html)


def html_theme_folders(builder: object) -> list[str]:
    """The folders of the HTML builder's theme and of every theme it extends (none if the builder has no theme)."""
    theme = getattr(builder, "theme", None)
    return [str(folder) for folder in theme.get_theme_dirs()] if theme is not None else []


# -- MyST's configuration and Sphinx's highlighting -------------------------------------


def myst_config(env: BuildEnvironment) -> Any:
    """The configuration MyST built from the ``myst_*`` values (an ``MdParserConfig``)."""
    return env.myst_config


def sphinx_knows_lexer(name: str) -> bool:
    """Sphinx highlights code of language ``name`` with a lexer of its own or one ``add_lexer`` gave it."""
    from sphinx import highlighting

    return name in highlighting.lexers or name in highlighting.lexer_classes


# -- Sphinx's page toc ---------------------------------------------------------------


def document_toc(env: BuildEnvironment, docname: str, tags: Any) -> nodes.Node:
    """The toc node of page ``docname``, as the HTML builder renders it into the page context's ``toc``
    (a paragraph, which renders to nothing, for a page with none)."""
    from sphinx.environment.adapters.toctree import document_toc as sphinx_document_toc

    return sphinx_document_toc(env, docname, tags)
