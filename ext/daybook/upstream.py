"""Every use daybook makes of another project's private or undocumented internals.

Nothing else in daybook touches them: each is wrapped here, with why it is
needed and the upstream issue that would make it unnecessary.
:func:`shape_problems` checks that each still has the shape daybook relies
on; ``tests/test_upstream.py`` fails, naming the entry, as soon as an upgrade
changes one.

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
renderer's ``render_fence`` and         fence as code, every ``project:`` link as a
``render_link``                         link
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
``setIndex``, ``_index``, and what
``query`` hands them
Sphinx ``search/minified-js/`` (its     daybook's engine stems Latin words as the      none filed
Snowball stemmers' scripts)             index does, with Sphinx's own English stemmer
Sphinx ``Config.values[name].default``  daybook fills in its extensions' settings       none filed
                                        only where ``conf.py`` left the default
Sphinx ``env.images`` entries           the copied name of a thumbnail in              none filed (Sphinx numbers images
``(docnames, unique name)``, its        ``_images/`` for its absolute ``og:image``;    of one name in the order it reads
``_existing`` names                     image names that do not depend on the order    them)
                                        pages were read
Sphinx ``builder.templates.environment``  the theme's search page loads              none filed (a theme option to
(the Jinja environment of the           ``searchindex.js``: daybook's template drops   load the index lazily:
HTML builder's template bridge)         the tag with a filter (:mod:`.search.lazy`)    pydata/pydata-sphinx-theme, none)
sphinx-design ``shared.create_          cards built as the same nodes sphinx-design's  none filed
component``, ``PassthroughText          ``grid-item-card`` makes
Element``, ``grids.row_columns_option``,
``gutter_option``
Sphinx ``Epub3Builder.make_id``,        the ePub's navigation and reading order come   none filed (the ePub builder
``get_toc``/``refnodes``,               from the book model; one id per file whether   takes its order from the toctrees, and
``build_content`` (writes               Sphinx names it plainly or percent-encoded     looks a Korean file name up twice)
``content.opf``), ``content_metadata``, (Korean names); pages with MathML declared;
``toc_metadata``,                       the NCX names the book as the package does;
``navigation_doc_metadata``,            a version when the book names none;
``write_doc``, ``copy_static_files``    the ePub's own stylesheet
(overridden in
:mod:`.takeaway.builders`)
Sphinx's script assets in a page's      scripts a page needs only once it is read      none filed (``add_js_file`` takes
``script_files`` (``_JavaScript``:      (Sphinx's ``doctools.js``,                     ``loading_method``, but Sphinx adds
its constructor, ``filename``,          ``sphinx_highlight.js``, ``translations.js``,  its own scripts without one)
``priority``, ``attributes``)           sphinx-book-theme's script) load with
                                        ``defer`` (:mod:`.writing.theme`)
Sphinx ``LaTeXBuilder.assemble_         the PDF's parts and chapters come from the     none filed (no hook between assembling
doctree``, ``docnames``, ``init_        book model (``\\part`` per category); Korean   and writing the single document)
babel``; ``builders.latex.util          has no Babel option and kotex does its work
.ExtBabel``                             (no warning for it)
Sphinx ``Epub3Builder.prepare_          every ePub page says ``lang``/``xml:lang``     none filed (the ePub's ``html_tag``
writing``, its ``globalcontext[         (Sphinx's ePub ``<html>`` has neither)         is a class attribute without the
"html_tag"]``                                                                          language)
Sphinx ``_CascadingStyleSheet           an ePub page links the ePub's stylesheet, not  none filed (no way to add a CSS file
.filename`` (the ``css_files`` of       the web's (``html-page-context``)              to one builder only)
the page context)
Sphinx ``LaTeXBuilder.copy_support_     daybook's Lua (the sandbox) beside the         none filed (``latex_additional_files``
files``, ``post_process_images``,       ``.tex``; an image's file name in the ``.tex``  is the user's setting)
``builder.images``                      holds only letters, digits, ``-`` and ``.``
======================================  =============================================  ===========================================
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx import package_dir
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
    "forget_document",
    "gutter_option",
    "js_index",
    "parse_with_myst",
    "row_columns_option",
    "shape_problems",
    "sphinx_stemmer_scripts",
    "stylesheet_file",
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


def stylesheet_file(css: object) -> str:
    """The file name of an entry of a page context's ``css_files`` (a ``_CascadingStyleSheet`` or a string)."""
    return str(getattr(css, "filename", css))


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


# -- checks ---------------------------------------------------------------------------


# -- Sphinx's search in the browser --------------------------------------------------

#: Sphinx's own minified Snowball stemmers, the ones its English search uses
SPHINX_STEMMERS = Path(package_dir, "search", "minified-js")
SEARCHTOOLS = Path(package_dir, "themes", "basic", "static", "searchtools.js")
#: what daybook's search-page.js relies on in searchtools.js: the methods it stands in for,
#: and how ``Search.query`` hands their results from one to the next
SEARCHTOOLS_SHAPE = (
    "_parseQuery: (query) =>",
    "return [query, searchTerms, excludedTerms, highlightTerms, objectTerms];",
    "performTermsSearch: (searchTerms, excludedTerms) =>",
    "...Search.performTermsSearch(searchTerms, excludedTerms),",
    "Search.makeSearchSummary(data, searchTerms, anchor)",
    "htmlToText: (htmlString, anchor) =>",
    "_highlightText(listItem, term, \"highlighted\")",
    "setIndex: (index) =>",
    "Search._index = index;",
)


def sphinx_stemmer_scripts(*names: str) -> str:
    """Sphinx's minified Snowball stemmer scripts ``names`` (``base``, ``english``), joined."""
    return "\n".join((SPHINX_STEMMERS / f"{name}-stemmer.js").read_text(encoding="utf-8") for name in names)


def shape_problems() -> list[str]:
    """Each internal above that no longer has the shape daybook relies on, by name."""
    problems: list[str] = []

    def expect(condition: bool, what: str) -> None:
        if not condition:
            problems.append(what)

    import tempfile

    from myst_parser.parsers.sphinx_ import MystParser
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.project import Project
    from sphinx.util._files import FilenameUniqDict

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "a.md").write_text("a", encoding="utf-8")
        project = Project(folder, {".md": "markdown"})
        project.discover()
        expect(
            isinstance(getattr(project, "_docname_to_path", None), dict)
            and isinstance(getattr(project, "_path_to_docname", None), dict)
            and project.docnames == {"a"},
            "sphinx Project._docname_to_path/_path_to_docname/docnames",
        )
        if not problems:
            forget_document(project, "a")
            expect(
                not (project.docnames or project._docname_to_path or project._path_to_docname),
                "sphinx Project: forget a document",
            )

    parse = inspect.getsource(MystParser.parse)
    expect(
        "create_md_parser(config, SphinxRenderer)" in parse and "parser.render(inputstring)" in parse,
        "myst_parser MystParser.parse: create_md_parser(config, SphinxRenderer) then render",
    )
    from myst_parser.config.main import MdParserConfig
    from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
    from myst_parser.parsers.mdit import create_md_parser

    md = create_md_parser(MdParserConfig(), SphinxRenderer)
    rules = {rule for chain in (md.block.ruler, md.inline.ruler, md.core.ruler) for rule in chain.get_all_rules()}
    expect(set(MYST_ONLY_RULES) <= rules, "myst_parser's markdown-it rules " + ", ".join(sorted(set(MYST_ONLY_RULES) - rules)))
    expect(
        all(callable(getattr(SphinxRenderer, name, None)) for name in ("render_fence", "render_link", "render_link_url",
                                                                        "render_link_unknown", "create_highlighted_code_block")),
        "myst_parser SphinxRenderer.render_fence/render_link/render_link_url/render_link_unknown",
    )

    from markdown_it.parser_block import ParserBlock
    from markdown_it.rules_block import blockquote, list_block

    expect(
        "maxNesting" in inspect.getsource(ParserBlock.tokenize)
        and all("state.md.block.tokenize(" in inspect.getsource(rule) for rule in (blockquote, list_block)),
        "markdown-it ParserBlock.tokenize honours maxNesting; quotes and lists read through state.md.block.tokenize",
    )

    from sphinx.builders.html._assets import _JavaScript

    script = deferred_script(_JavaScript("a.js", priority=200, id="x"))
    expect(
        isinstance(script, _JavaScript) and script.filename == "a.js" and script.priority == 200
        and script.attributes == {"id": "x", "defer": "defer"},
        "sphinx _JavaScript(filename, priority=, **attributes) of script_files",
    )

    from sphinx.jinja2glue import BuiltinTemplateLoader

    expect(
        "self.environment = SandboxedEnvironment(" in inspect.getsource(BuiltinTemplateLoader.init),
        "sphinx BuiltinTemplateLoader.environment (Jinja filters)",
    )
    expect("the" in ENGLISH_STOPWORDS, "sphinx search._stopwords.en.ENGLISH_STOPWORDS")
    searchtools = SEARCHTOOLS.read_text(encoding="utf-8") if SEARCHTOOLS.is_file() else ""
    for shape in SEARCHTOOLS_SHAPE:
        expect(shape in searchtools, f"sphinx searchtools.js: {shape}")
    expect(
        "EnglishStemmer=function" in sphinx_stemmer_scripts("base", "english").replace(" ", "")
        and "BaseStemmer=function" in sphinx_stemmer_scripts("base"),
        "sphinx search/minified-js base and English stemmers",
    )
    expect(js_index.loads(js_index.dumps({"terms": {"a": 1}})) == {"terms": {"a": 1}}, "sphinx search.js_index")
    expect(
        hasattr(Config().values.get("root_doc"), "default"),
        "sphinx Config.values[name].default",
    )
    images = FilenameUniqDict()
    images.add_file("doc", "img/a.png")
    images.add_file("doc", "other/a.png")
    expect(
        images.get("img/a.png") == ({"doc"}, "a.png")
        and images.get("other/a.png") == ({"doc"}, "a1.png")
        and getattr(images, "_existing", None) == {"a.png", "a1.png"}
        and BuildEnvironment is not None,
        "sphinx env.images entries (docnames, unique name) and _existing",
    )
    expect(
        callable(create_component) and callable(row_columns_option) and callable(gutter_option),
        "sphinx_design create_component/row_columns_option/gutter_option",
    )

    from sphinx.builders.epub3 import Epub3Builder
    from sphinx.builders.latex import LaTeXBuilder

    def parameters_of(function: Callable[..., Any]) -> list[str]:
        return list(inspect.signature(function).parameters)

    expect(
        parameters_of(Epub3Builder.make_id) == ["self", "name"]
        and parameters_of(Epub3Builder.get_toc) == ["self"]
        and parameters_of(Epub3Builder.toc_metadata) == ["self", "level", "navpoints"]
        and parameters_of(Epub3Builder.navigation_doc_metadata) == ["self", "navlist"]
        and parameters_of(Epub3Builder.content_metadata) == ["self"]
        and parameters_of(Epub3Builder.write_doc) == ["self", "docname", "doctree"]
        and parameters_of(Epub3Builder.copy_static_files) == ["self"]
        and "refnodes = self.refnodes" in inspect.getsource(Epub3Builder.build_navigation_doc)
        and "for refnode in self.refnodes" in inspect.getsource(Epub3Builder.build_content)
        and "self.make_id(" in inspect.getsource(Epub3Builder.build_content),
        "sphinx Epub3Builder make_id/get_toc/refnodes/build_content/content_metadata/toc_metadata/navigation_doc_metadata/write_doc",
    )
    expect(
        parameters_of(LaTeXBuilder.assemble_doctree) == ["self", "indexfile", "toctree_only", "appendices"]
        and "self.docnames" in inspect.getsource(LaTeXBuilder.assemble_doctree)
        and "self.babel = ExtBabel(" in inspect.getsource(LaTeXBuilder.init_babel)
        and callable(latex_babel),
        "sphinx LaTeXBuilder assemble_doctree/docnames/init_babel, builders.latex.util.ExtBabel",
    )
    expect(
        parameters_of(Epub3Builder.prepare_writing) == ["self", "docnames"]
        and "self.globalcontext['html_tag'] = self.html_tag" in inspect.getsource(Epub3Builder.prepare_writing),
        "sphinx Epub3Builder prepare_writing/globalcontext html_tag",
    )
    from sphinx.builders.html._assets import _CascadingStyleSheet

    expect(_CascadingStyleSheet("x.css").filename == "x.css", "sphinx _CascadingStyleSheet.filename")
    expect(
        parameters_of(LaTeXBuilder.copy_support_files) == ["self"]
        and parameters_of(LaTeXBuilder.post_process_images) == ["self", "doctree"]
        and "self.images[candidate] = " in inspect.getsource(LaTeXBuilder.post_process_images)
        and "self.builder.images" in inspect.getsource(__import__("sphinx.writers.latex", fromlist=["x"]).LaTeXTranslator.visit_image),
        "sphinx LaTeXBuilder copy_support_files/post_process_images/images",
    )
    return problems
