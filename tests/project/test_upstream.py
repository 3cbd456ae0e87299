"""The boundary with other projects (ext/daybook/upstream.py).

First the guard (``upstream_guard.py``): an allow-list of what daybook's modules
may import from Sphinx, docutils, MyST, markdown-it, sphinx-design and the
themes, read from their syntax trees. Then one behavioural check for each
entry of ``upstream.py``'s table: the upstream thing is called on a small
input and what it does is checked, so an upstream reformat with the same
behaviour passes and a change of behaviour fails, naming the entry. The ePub
and LaTeX builders' overrides are checked by what the books they build hold
(``test_takeaway.py``, ``test_takeaway_diary.py``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from upstream_guard import PUBLIC_MODULES, offences, package_offences

from daybook import upstream

# -- the guard ------------------------------------------------------------------------


def test_no_module_outside_upstream_reaches_past_the_public_api_of_another_project():
    assert package_offences() == []


@pytest.mark.parametrize(
    ("source", "offence"),
    [
        ("from sphinx import highlighting", "imports sphinx.highlighting"),
        ("import sphinx.highlighting", "imports sphinx.highlighting"),
        ("from sphinx.search._stopwords.en import ENGLISH_STOPWORDS", "imports sphinx.search._stopwords.en"),
        ("from sphinx.util._files import FilenameUniqDict", "imports sphinx.util._files"),
        ("from sphinx_design.shared import create_component", "imports sphinx_design.shared"),
        ("from myst_parser.parsers.mdit import create_md_parser", "imports myst_parser.parsers.mdit"),
        ("from sphinx import package_dir", "imports sphinx, not a public"),
        ("from docutils.nodes import _add_node_class_names", "private name docutils.nodes._add_node_class_names"),
        ("from yaml import _private", "private name yaml._private"),
        ("def f(project):\n    project._docname_to_path.pop('a')", "private attribute project._docname_to_path"),
        ("def f(self):\n    return self._inherited", "private attribute self._inherited"),
        ("def f(env):\n    return env.images", "undocumented attribute env.images"),
        ("def f(app):\n    return app.env.myst_config", "undocumented attribute app.env.myst_config"),
        ("def f(app):\n    return app.builder.build_info.config_hash", "undocumented attribute app.builder.build_info"),
        ("def f(config):\n    return config.values['x'].default", "undocumented attribute config.values"),
        ("def f(x):\n    return getattr(x, '_hidden', None)", "getattr of _hidden"),
    ],
)
def test_the_guard_sees_each_kind_of_offence(source, offence):
    found = offences(source)
    assert any(offence in line for line in found), found


@pytest.mark.parametrize(
    "source",
    [
        "from sphinx.util import logging",
        "from sphinx import addnodes",
        "from sphinx.locale import _",
        "from docutils import nodes",
        "from ..upstream import create_component",
        "import os\nos._exit(1)",
        "from lxml import etree\nx: etree._Element",
        "class A:\n    def __init__(self):\n        self._own = 1\n    def f(self):\n        return self._own",
    ],
)
def test_the_guard_lets_public_and_own_names_pass(source):
    assert offences(source) == []


def test_the_allow_list_names_no_private_module():
    assert not [name for name in PUBLIC_MODULES if any(part.startswith("_") for part in name.split("."))]


# -- Sphinx's project ---------------------------------------------------------------------


def test_sphinx_project_forgets_and_adds_documents():
    from sphinx.project import Project

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "a.md").write_text("a", encoding="utf-8")
        (Path(folder) / "b.md").write_text("b", encoding="utf-8")
        project = Project(folder, {".md": "markdown"})
        project.discover()
        assert project.docnames == {"a", "b"}
        upstream.forget_document(project, "a")
        assert project.docnames == {"b"}
        extra = Path(folder) / "elsewhere" / "c.md"
        upstream.add_document(project, "c", extra)
        assert "c" in project.docnames
        assert Path(project.doc2path("c", absolute=True)) == extra
        assert project.path2doc(str(Path(folder) / "b.md")) == "b"


# -- MyST's parser and renderer ----------------------------------------------------------------


@pytest.fixture
def sphinx_env(make_app, tmp_path):
    (tmp_path / "conf.py").write_text('extensions = ["myst_parser"]\n', encoding="utf-8")
    (tmp_path / "index.md").write_text("# x\n", encoding="utf-8")
    app = make_app("html", srcdir=tmp_path)
    app.env.current_document.docname = "index"
    return app.env


def _document(env):
    from sphinx.util.docutils import new_document

    document = new_document(str(env.srcdir / "index.md"))
    document.settings.env = env
    return document


SAMPLE = "# Title\n\nSome *text* and a [link](https://example.com).\n\n```python\nx = 1\n```\n\n> quoted\n"


def test_parse_with_myst_does_what_mystparser_parse_does(sphinx_env):
    from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
    from myst_parser.parsers.sphinx_ import MystParser

    theirs = _document(sphinx_env)
    MystParser().parse(SAMPLE, theirs)
    ours = _document(sphinx_env)
    upstream.parse_with_myst(SAMPLE, ours, upstream.myst_config(sphinx_env), SphinxRenderer, [])
    assert ours.pformat() == theirs.pformat()
    assert "literal_block" in ours.pformat()


def test_parse_with_myst_runs_the_plugins_and_hands_the_options_to_the_renderer(sphinx_env):
    from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer

    seen = {}

    def plugin(md, mark):
        md.core.ruler.push("mark", lambda state: seen.setdefault("ran", mark))

    class Renderer(SphinxRenderer):
        def render_paragraph(self, token):  # a renderer method MyST dispatches by token type
            seen["option"] = self.md.options.get("daybook_probe")
            super().render_paragraph(token)

    upstream.parse_with_myst("a\n", _document(sphinx_env), upstream.myst_config(sphinx_env), Renderer, [(plugin, {"mark": 1})], {"daybook_probe": 2})
    assert seen == {"ran": 1, "option": 2}


def test_myst_config_is_the_mdparserconfig_of_the_myst_values(make_app, tmp_path):
    from myst_parser.config.main import MdParserConfig

    (tmp_path / "conf.py").write_text('extensions = ["myst_parser"]\nmyst_heading_anchors = 3\n', encoding="utf-8")
    (tmp_path / "index.md").write_text("# x\n", encoding="utf-8")
    app = make_app("html", srcdir=tmp_path)
    config = upstream.myst_config(app.env)
    assert isinstance(config, MdParserConfig)
    assert config.heading_anchors == 3


def test_myst_only_rules_are_mysts_and_switch_its_syntax_off_by_name():
    from markdown_it.token import Token
    from myst_parser.config.main import MdParserConfig
    from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
    from myst_parser.parsers.mdit import create_md_parser

    text = "---\na: 1\n---\n% a comment\n\n+++\n\n(target)=\n\n{emphasis}`role`\n"

    def types(md) -> set[str]:
        def walk(tokens: list[Token]):
            for token in tokens:
                yield token.type
                yield from walk(token.children or [])

        return set(walk(md.parse(text)))

    myst = create_md_parser(MdParserConfig(), SphinxRenderer)
    assert {"front_matter", "myst_line_comment", "myst_block_break", "myst_target", "myst_role"} <= types(myst)
    plain = create_md_parser(MdParserConfig(disable_syntax=list(upstream.MYST_ONLY_RULES)), SphinxRenderer)
    assert not {"front_matter", "myst_line_comment", "myst_block_break", "myst_target", "myst_role"} & types(plain)


def test_mysts_renderer_calls_the_methods_the_dialect_overrides(sphinx_env):
    """dialect/parser.py overrides render_fence, render_link, render_s, create_highlighted_code_block
    and calls render_link_url, render_link_unknown, add_line_and_source_path, current_node_context, render_children."""
    from docutils import nodes
    from myst_parser.config.main import MdParserConfig
    from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer

    calls: list[str] = []

    class Renderer(SphinxRenderer):
        def render_fence(self, token):
            calls.append("fence")
            super().render_fence(token)

        def render_link(self, token):
            calls.append("link")
            return self.render_link_url(token) if token.info == "auto" else self.render_link_unknown(token)

        def render_s(self, token):
            calls.append("s")
            node = nodes.inline(classes=["struck"])
            self.add_line_and_source_path(node, token)
            with self.current_node_context(node, append=True):
                self.render_children(token)

        def create_highlighted_code_block(self, *args, **kwargs):
            calls.append("code")
            node = super().create_highlighted_code_block(*args, **kwargs)
            assert isinstance(node, nodes.literal_block)
            return node

    document = _document(sphinx_env)
    config = MdParserConfig(enable_extensions={"strikethrough"})
    upstream.parse_with_myst("```py\nx\n```\n\n[a](b) <https://example.com>\n\n~~gone~~\n", document, config, Renderer, [])
    assert calls.count("fence") == 1 and "code" in calls and calls.count("link") == 2 and calls.count("s") == 1
    struck = [node for node in document.findall(nodes.inline) if "struck" in node["classes"]]
    assert [node.astext() for node in struck] == ["gone"] and struck[0].line is not None
    assert {node["refuri"] for node in document.findall(nodes.reference)} >= {"https://example.com"}


# -- markdown-it -------------------------------------------------------------------------


def test_markdown_it_drops_what_is_nested_past_max_nesting_and_containers_read_through_block_tokenize():
    """What dialect/nesting.py makes up for, and the door it uses (``state.md.block.tokenize``)."""
    from markdown_it import MarkdownIt

    deep = "> " * 8 + "deep words\n"
    md = MarkdownIt("commonmark", {"maxNesting": 4})
    assert "deep words" not in md.render(deep)
    assert "deep words" in MarkdownIt("commonmark").render(deep)

    md = MarkdownIt("commonmark")
    tokenize = md.block.tokenize
    ranges: list[tuple[int, int]] = []

    def counting(state, start, end, *args, **kwargs):
        ranges.append((start, end))
        return tokenize(state, start, end, *args, **kwargs)

    md.block.tokenize = counting
    md.parse("> quoted\n\n- listed\n")
    # the document, then the quote's content and the list item's content
    assert len(ranges) >= 3


# -- Sphinx's search ---------------------------------------------------------------------


def test_sphinx_english_stopwords_and_js_index():
    assert {"the", "and", "of"} <= set(upstream.ENGLISH_STOPWORDS)
    assert upstream.js_index.loads(upstream.js_index.dumps({"terms": {"a": 1}})) == {"terms": {"a": 1}}
    assert upstream.js_index.dumps({"a": 1}).startswith("Search.setIndex(")


def test_sphinx_stemmer_scripts_stem_as_the_index_does(tmp_path):
    import shutil
    import subprocess

    node = shutil.which("node")
    if node is None:
        from conftest import missing

        missing("node (apt-get install nodejs)")
    script = upstream.sphinx_stemmer_scripts("base", "english") + (
        "\nconst s = new EnglishStemmer();"
        "\nprocess.stdout.write(['running', 'connections', 'books'].map((w) => s.stemWord(w)).join(' '));\n"
    )
    (tmp_path / "stem.js").write_text(script, encoding="utf-8")
    stems = subprocess.run([node, str(tmp_path / "stem.js")], capture_output=True, text=True, check=True).stdout
    import snowballstemmer

    assert stems.split() == snowballstemmer.stemmer("english").stemWords(["running", "connections", "books"])


# -- Sphinx's configuration, environment and builders --------------------------------------------


def test_config_is_default_sees_registered_and_computed_defaults():
    from sphinx.config import Config

    config = Config({"project": "Mine"}, {})
    config.init_values()
    assert upstream.config_is_default(config, "root_doc")
    assert not upstream.config_is_default(config, "project")
    config.add("daybook_probe", lambda c: c.project + "!", "env", ())
    config.init_values()
    assert upstream.config_is_default(config, "daybook_probe")


def test_env_images_name_copies_as_daybook_reads_and_renames_them(sphinx_env):
    sphinx_env.images.add_file("a", "img/x.png")
    sphinx_env.images.add_file("b", "other/x.png")
    assert upstream.image_paths(sphinx_env) == ["img/x.png", "other/x.png"]
    assert upstream.copied_image_names(sphinx_env) == {"x.png", "x1.png"}
    assert upstream.copied_image_name(sphinx_env, "other/x.png") == "x1.png"
    assert upstream.rename_copied_images(sphinx_env, {"other/x.png": "y.png"}) == {"b"}
    assert upstream.copied_image_name(sphinx_env, "other/x.png") == "y.png"
    # a new image of an old name is numbered past the names now in use
    sphinx_env.images.add_file("c", "third/y.png")
    assert upstream.copied_image_name(sphinx_env, "third/y.png") not in {"x.png", "y.png"}


def test_builder_image_url_points_at_the_copy_the_html_builder_makes(make_app, tmp_path):
    (tmp_path / "conf.py").write_text("", encoding="utf-8")
    (tmp_path / "index.rst").write_text("x\n=\n\n.. image:: pics/a.png\n", encoding="utf-8")
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    app = make_app("html", srcdir=tmp_path)
    urls = []
    app.connect("html-page-context", lambda app, *args: urls.append(upstream.builder_image_url(app.builder, "pics/a.png")))
    app.build()
    assert set(urls) == {"_images/a.png"}
    assert (app.outdir / "_images" / "a.png").is_file()
    assert upstream.builder_image_url(app.builder, "pics/none.png") is None


def test_template_filter_and_theme_folders_of_the_html_builder(make_app, tmp_path):
    (tmp_path / "conf.py").write_text('html_theme = "sphinx_book_theme"\n', encoding="utf-8")
    (tmp_path / "index.rst").write_text("x\n=\n", encoding="utf-8")
    app = make_app("html", srcdir=tmp_path)
    app.builder.init()
    assert upstream.add_template_filter(app.builder, "daybook_probe", lambda text: text.upper())
    assert app.builder.templates.render_string("{{ 'a' | daybook_probe }}", {}) == "A"
    folders = upstream.html_theme_folders(app.builder)
    assert any("sphinx_book_theme" in folder for folder in folders)
    assert any("pydata_sphinx_theme" in folder for folder in folders)
    assert upstream.add_template_filter(object(), "x", str) is False
    assert upstream.html_theme_folders(object()) == []


def test_the_themes_search_index_tag_is_what_daybook_drops(make_app, tmp_path):
    """The theme's layout loads searchindex.js with the tag without_theme_search_index removes."""
    (tmp_path / "conf.py").write_text('html_theme = "sphinx_book_theme"\n', encoding="utf-8")
    (tmp_path / "index.rst").write_text("x\n=\n", encoding="utf-8")
    app = make_app("html", srcdir=tmp_path)
    app.build()
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "searchindex.js" in page
    assert "searchindex.js" not in upstream.without_theme_search_index(page)
    assert upstream.without_theme_search_index(page).count("<script") == page.count("<script") - 1


def test_sphinx_knows_the_lexers_it_has_and_those_add_lexer_gave_it(make_app, tmp_path):
    from pygments.lexers.python import PythonLexer

    assert not upstream.sphinx_knows_lexer("daybook-probe")
    (tmp_path / "conf.py").write_text("", encoding="utf-8")
    (tmp_path / "index.rst").write_text("x\n=\n", encoding="utf-8")
    app = make_app("html", srcdir=tmp_path)
    app.add_lexer("daybook-probe", PythonLexer)
    assert upstream.sphinx_knows_lexer("daybook-probe")
    # Sphinx's own "none" is no Pygments name
    assert upstream.sphinx_knows_lexer("none")


def test_script_and_stylesheet_assets_of_the_page_context(make_app, tmp_path):
    (tmp_path / "conf.py").write_text("", encoding="utf-8")
    (tmp_path / "index.rst").write_text("x\n=\n", encoding="utf-8")
    app = make_app("html", srcdir=tmp_path)
    app.add_js_file("probe.js", priority=200, id="x")
    app.add_css_file("probe.css")
    seen = {}

    def page(app, pagename, templatename, context, doctree):
        scripts = [s for s in context["script_files"] if upstream.asset_file(s).endswith("probe.js")]
        seen["deferred"] = upstream.deferred_script(scripts[0])
        seen["css"] = [upstream.asset_file(c) for c in context["css_files"]]

    app.connect("html-page-context", page)
    app.build()
    script = seen["deferred"]
    assert upstream.asset_file(script) == "_static/probe.js" and script.priority == 200
    assert script.attributes == {"id": "x", "defer": "defer"}
    assert "_static/probe.css" in seen["css"]
    assert upstream.asset_file("plain.css") == "plain.css"


def test_latex_babel_counts_korean_as_supported():
    babel = upstream.latex_babel("ko", False)
    assert babel.is_supported_language()
    assert babel.get_language() == "english"


def test_sphinx_design_components():
    from docutils import nodes

    card = upstream.create_component("grid-item-card", ["sd-card"])
    assert isinstance(card, nodes.Element) and "sd-card" in card["classes"]
    assert upstream.row_columns_option("1 2 3 4")
    assert upstream.gutter_option("2")
    assert isinstance(upstream.PassthroughTextElement(), nodes.TextElement)


def test_document_toc_is_the_toc_the_html_builder_renders_into_the_page_context(make_app, tmp_path):
    (tmp_path / "conf.py").write_text('html_theme = "sphinx_book_theme"\n', encoding="utf-8")
    (tmp_path / "index.rst").write_text("Title\n=====\n\nOne\n---\n\nTwo & more\n----------\n", encoding="utf-8")
    app = make_app("html", srcdir=tmp_path)
    seen = {}

    def keep(app, pagename, templatename, context, doctree):
        if pagename == "index":
            seen["toc"] = context["toc"]
            seen["ours"] = app.builder.render_partial(upstream.document_toc(app.env, pagename, app.tags))["fragment"]
            seen["none"] = upstream.document_toc(app.env, "no-such-page", app.tags)

    app.connect("html-page-context", keep)
    app.build()
    assert seen["toc"] == seen["ours"]
    assert 'href="#one">One</a>' in seen["ours"] and "Two &amp; more" in seen["ours"]
    assert seen["none"].astext() == ""


def test_sphinx_template_loader_is_the_jinja_environment_a_template_bridge_extends(make_app, tmp_path):
    from daybook.writing.template_cache import TEMPLATE_BRIDGE

    conf = f'html_theme = "sphinx_book_theme"\ntemplate_bridge = "{TEMPLATE_BRIDGE}"\n'
    (tmp_path / "conf.py").write_text(conf, encoding="utf-8")
    (tmp_path / "index.rst").write_text("x\n=\n", encoding="utf-8")
    app = make_app("html", srcdir=tmp_path)
    templates = app.builder.templates
    assert isinstance(templates, upstream.BuiltinTemplateLoader)
    # Sphinx's init made the environment the loader renders with; daybook's gave it a cache
    templates.environment.get_template("page.html")
    cached = list(Path(app.doctreedir).rglob("__jinja2_*.cache"))
    assert cached, "the page's templates are kept compiled in the doctree folder"
