"""``make import``'s pure parts: the meta config read as data, the blog's rules,
the conf.py block, the redirect rules and the comments' thread term."""

from __future__ import annotations

import json
import math

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from daybook.comments.threads import pathname_term, widget_attributes
from daybook.config import CommentSettings, parse_comments, parse_profile, parse_rss_feed
from daybook.moving.blog import blog_hides, js_truthy
from daybook.moving.metaconfig import NOT_CONSTANT, MetaConfigError, read_meta_config
from daybook.moving.redirects import netlify_redirects, parse_netlify_redirects, redirect_rules
from daybook.moving.settings import (
    BLOCK_BEGIN,
    BLOCK_END,
    BookSettings,
    ConfBlockError,
    book_settings,
    conf_block,
    replace_block,
)
from daybook.publishing.feed import blog_guid
from sphinx.errors import ConfigError

# -- gatsby-meta-config.js --------------------------------------------------------------

BEE = """\
const author = `펭귄`
module.exports = {
  title: `코딩하는펭귄의 저장소`,  // a template string without substitution is a constant
  description: "하루하루의 기록",
  siteUrl: 'https://cooding-penguin.netlify.com',
  social: { github: `CoodingPenguin`, twitter: `` },
  configs: { countOfInitialPost: 10, ratio: -0.5 },
  keywords: [`blog`, 'python'],
  ga: process.env.GOOGLE_ANALYTICS_ID,
  share: { facebookAppId: `${process.env.FB_APP_ID}` },
  signature: `${author} 드림`,
  made: new Date().getFullYear(),
  nothing: null,
}
"""


def test_literal_fields_are_read_and_template_strings_without_substitution_are_constants():
    meta = read_meta_config(BEE)
    assert meta.get("title") == "코딩하는펭귄의 저장소"
    assert meta.get("description") == "하루하루의 기록"
    assert meta.get("social.github") == "CoodingPenguin"
    assert meta.get("configs.countOfInitialPost") == 10
    assert meta.get("configs.ratio") == -0.5
    assert meta.get("keywords") == ["blog", "python"]
    assert meta.values["nothing"] is None


def test_dynamic_values_are_refused_and_named_never_guessed():
    meta = read_meta_config(BEE)
    refused = {r.field: r for r in meta.refused}
    assert set(refused) == {"ga", "share.facebookAppId", "signature", "made"}
    assert "process.env.GOOGLE_ANALYTICS_ID" in refused["ga"].source
    assert "environment" in refused["ga"].reason
    assert "${process.env.FB_APP_ID}" in refused["share.facebookAppId"].reason
    assert "${author}" in refused["signature"].reason
    assert refused["ga"].line == 9
    for name in refused:
        assert meta.get(name) is None
        assert meta.get(name, "default") == "default"


@pytest.mark.parametrize(
    "source",
    [
        "export default { title: `a` }",
        "const config = { title: 'a' }\nmodule.exports = config",
        "module.exports = { title: 'old' }\nmodule.exports = { title: `a` }",
        "/* comment */ module.exports = {\n  'title': \"a\",\n}\n",
    ],
)
def test_the_exported_object_is_found_in_each_way_authors_write_it(source):
    assert read_meta_config(source).get("title") == "a"


def test_a_file_that_is_not_javascript_or_exports_no_object_is_an_error_with_its_line():
    with pytest.raises(MetaConfigError) as error:
        read_meta_config("module.exports = {\n  title: `a`,\n  ga: ,\n}")
    assert error.value.line == 3
    with pytest.raises(MetaConfigError):
        read_meta_config("const x = 1")
    with pytest.raises(MetaConfigError):
        read_meta_config("module.exports = require('./other')")


_JS_STRING_QUOTES = ("'", '"', "`")


def _js(value, quote_index: int) -> str:
    """``value`` written as a JavaScript literal, quoted in rotation."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if value >= 0 else f"-{-value!r}"
    if isinstance(value, str):
        quote = _JS_STRING_QUOTES[quote_index % 3]
        escaped = value.replace("\\", "\\\\").replace(quote, "\\" + quote)
        if quote == "`":
            # a template literal keeps line breaks, but reads a raw CR (or CR LF) as LF
            escaped = escaped.replace("${", "\\${").replace("\r", "\\r")
        else:
            escaped = escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        return quote + escaped + quote
    if isinstance(value, list):
        return "[" + ", ".join(_js(v, quote_index + i) for i, v in enumerate(value)) + "]"
    return "{" + ", ".join(f"{json.dumps(k)}: {_js(v, quote_index + i)}" for i, (k, v) in enumerate(value.items())) + "}"


_texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00"), max_size=20)
_leaves = st.none() | st.booleans() | st.integers(-(2**40), 2**40) | _texts
_values = st.recursive(
    _leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_texts, inner, max_size=4),
    max_leaves=12,
)


@given(st.dictionaries(_texts, _values, max_size=6), st.integers(0, 2))
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_any_literal_object_reads_back_as_written(config, quote_index):
    meta = read_meta_config("module.exports = " + _js(config, quote_index) + "\n")
    assert meta.refused == ()
    assert meta.values == config


@given(st.dictionaries(st.from_regex(r"[a-z]{1,8}", fullmatch=True), _leaves, min_size=1, max_size=5), st.data())
@settings(max_examples=60)
def test_a_non_literal_anywhere_is_refused_by_its_path_and_the_rest_is_read(config, data):
    victim = data.draw(st.sampled_from(sorted(config)))
    expression = data.draw(st.sampled_from(["process.env.X", "`${a}b`", "f()", "a + 'b'", "x ? 1 : 2", "[...xs]"]))
    body = ", ".join(f"{k}: {expression if k == victim else _js(v, 0)}" for k, v in config.items())
    meta = read_meta_config(f"module.exports = {{ {body} }}")
    refused = [r.field for r in meta.refused]
    if expression == "[...xs]":
        assert refused == [f"{victim}[0]"]
    else:
        assert refused == [victim]
        assert meta.values[victim] is NOT_CONSTANT
    assert {k: v for k, v in meta.values.items() if k != victim} == {k: v for k, v in config.items() if k != victim}


# -- the blog's rules ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front_matter", "hidden"),
    [
        ("category: a\ndraft: false", False),
        ("category: a\ndraft: true", True),
        ("category: a\ndraft: 'false'", True),  # a string, true in JavaScript
        ("category: a\ndraft: no", True),  # js-yaml reads YAML 1.2: the string "no"
        ("category: a\ndraft: 0", False),
        ("category: a\ndraft: 0x0", False),
        ("category: a\ndraft: .nan", False),
        ("category: a\ndraft: ''", False),
        ("category: a\ndraft: ~", False),
        ("category: a\ndraft: []", True),
        ("category: a", False),
        ("title: no category", True),
        ("category: ''", True),
        ("category: null", True),
        ("category: 0", True),
    ],
)
def test_the_blog_hides_a_post_as_its_gatsby_node_did(front_matter, hidden):
    assert bool(blog_hides(f"---\n{front_matter}\n---\nbody\n")) is hidden


@given(st.text(max_size=12))
def test_quoted_front_matter_values_are_true_when_not_empty(text):
    node = yaml.compose(json.dumps(text), Loader=yaml.BaseLoader)
    assert js_truthy(node) is (text != "")


@given(st.integers(-(10**6), 10**6) | st.floats(allow_nan=True, allow_infinity=True))
def test_numbers_are_true_unless_zero_or_nan(number):
    text = repr(number) if not isinstance(number, float) or math.isfinite(number) else {
        "inf": ".inf", "-inf": "-.inf", "nan": ".nan"}[repr(number)]
    if isinstance(number, float) and math.isfinite(number) and "." not in text and "e" not in text:
        text += ".0"
    node = yaml.compose(text, Loader=yaml.BaseLoader)
    expected = not (number == 0 or (isinstance(number, float) and math.isnan(number)))
    assert js_truthy(node) is expected, text


# -- settings and the conf.py block -------------------------------------------------------


def _exec(block: str) -> dict:
    namespace: dict = {"html_theme_options": {"search_as_you_type": True}}
    exec(compile(block, "conf.py", "exec"), namespace)  # noqa: S102 - the block is ours, tested as Python
    return namespace


_hostile = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40) | st.sampled_from(
    ['"""', "'''", "\\", "\n# -- daybook import: end", "'); import os; os.remove('x'); ('", "${x}", "\x00", "\r\n"]
)


@given(title=_hostile, author=_hostile, description=_hostile, bio=_hostile, account=_hostile)
@example(title="0\r0", author="a\r\nb", description="", bio="", account="")  # CR in a template literal
@settings(max_examples=80)
def test_every_value_of_the_block_is_a_literal_that_reads_back_exactly(title, author, description, bio, account):
    meta = read_meta_config(
        "module.exports = " + _js({
            "title": title, "author": author, "description": description, "introduction": bio,
            "siteUrl": "https://blog.example", "social": {"github": account},
            "comment": {"utterances": "owner/repo"}, "ga": "G-ABC123",
        }, 2)
    )
    settings_ = book_settings(meta, language="ko", language_source="test")
    block = conf_block(settings_, favicon="docs/_daybook/icon.png", photo="_daybook/profile.png", about="about",
                       book_url="https://book.example/ko/latest/")
    lines = block.splitlines()
    assert [line.startswith(BLOCK_BEGIN) for line in lines].count(True) == 1
    assert [line.startswith(BLOCK_END) for line in lines].count(True) == 1
    values = _exec(block)
    if title.strip():
        assert values["project"] == title.strip() == values["html_title"]
    if author.strip():
        assert values["author"] == author.strip()
        assert values["daybook_profile"]["name"] == author.strip()
    assert values["daybook_description"] == description.strip()
    assert values["daybook_comments"] == {"provider": "utterances", "repo": "owner/repo"}
    assert values["html_theme_options"] == {"search_as_you_type": True, "analytics": {"google_analytics_id": "G-ABC123"}}
    assert values["html_favicon"] == "docs/_daybook/icon.png"
    # the profile the block writes is one daybook accepts
    assert parse_profile("daybook_profile", values["daybook_profile"]) is not None


def test_the_block_replaces_itself_and_leaves_the_rest_of_conf_py():
    settings_ = BookSettings()
    settings_.carry("project", "A", "title")
    first = conf_block(settings_, favicon=None, photo=None, about=None, book_url=None)
    conf = "project = 'x'\nextensions = []\n"
    once = replace_block(conf, first)
    assert once.startswith(conf) and once.endswith(first)
    assert replace_block(once, first) == once
    settings_.carry("project", "B", "title")
    second = conf_block(settings_, favicon=None, photo=None, about=None, book_url=None)
    twice = replace_block(once + "after = 1\n", second)
    assert "project = 'B'" in twice and "project = 'A'" not in twice and twice.endswith("after = 1\n")
    with pytest.raises(ConfBlockError):
        replace_block(conf + first.split("\n", 1)[0] + "\n", first)


def test_a_universal_analytics_id_and_disqus_are_reported_not_carried():
    meta = read_meta_config("module.exports = { ga: 'UA-1234-1', comment: { disqusShortName: 'blog' } }")
    settings_ = book_settings(meta, language="ko", language_source="test")
    dropped = {n.field: n.text for n in settings_.notes if not n.carried}
    assert "analytics" not in settings_.values
    assert "Universal Analytics" in dropped["ga"]
    assert "Disqus" in dropped["comment.disqusShortName"]


def test_giscus_settings_of_a_fork_are_carried():
    meta = read_meta_config(
        "module.exports = { giscus: { repo: 'a/b', repoId: 'R_1', category: '댓글', categoryId: 'DIC_1',"
        " mapping: 'pathname', strict: '0', reactionsEnabled: '1', inputPosition: 'top', lang: 'ko' } }"
    )
    settings_ = book_settings(meta, language="ko", language_source="test")
    parsed = parse_comments("daybook_comments", settings_.values["daybook_comments"])
    assert parsed == CommentSettings(provider="giscus", repo="a/b", repo_id="R_1", category="댓글", category_id="DIC_1",
                                     strict=False, reactions=True, input_position="top", lang="ko",
                                     theme_light="light", theme_dark="dark")


# -- config values ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        {"provider": "disqus", "repo": "a/b"},
        {"provider": "utterances", "repo": "not a repo"},
        {"provider": "utterances", "repo": "a/b", "issue_term": "title"},
        {"provider": "giscus", "repo": "a/b", "repo_id": "R"},
        {"provider": "utterances", "repo": "a/b", "strict": "maybe"},
        "utterances",
    ],
)
def test_bad_comment_settings_stop_the_build_naming_the_value(value):
    with pytest.raises(ConfigError, match="daybook_comments"):
        parse_comments("daybook_comments", value)


@pytest.mark.parametrize(
    "value",
    [
        {"links": [["x", "javascript:alert(1)"]]},
        {"links": [["x"]]},
        {"photo": "../../etc/passwd"},
        {"photo": "/etc/passwd"},
        {"nickname": "x"},
        {"name": 3},
    ],
)
def test_bad_profiles_stop_the_build_naming_the_value(value):
    with pytest.raises(ConfigError, match="daybook_profile"):
        parse_profile("daybook_profile", value)


@pytest.mark.parametrize("value", ["feed.xml", "../rss.xml", "rss.json", "a?b.xml", 3])
def test_bad_rss_paths_stop_the_build(value):
    with pytest.raises(ConfigError, match="daybook_rss_feed"):
        parse_rss_feed("daybook_rss_feed", value)


# -- redirects, guids, thread terms ---------------------------------------------------------


def test_redirect_rules_keep_each_path_under_the_book_and_read_back():
    rules = redirect_rules(
        "https://book.example/ko/latest/",
        [("/boostcamp/day28-20210303/", "post"), ("/알고리즘/이분 탐색/", "post"), ("/c#sharp/", "post")],
        feed="rss.xml",
    )
    text = netlify_redirects(rules, site_url="https://blog.example", book_url="https://book.example/ko/latest/")
    parsed = parse_netlify_redirects(text)
    assert parsed[0] == ("/", "https://book.example/ko/latest/", "301!")
    assert ("/boostcamp/day28-20210303/", "https://book.example/ko/latest/boostcamp/day28-20210303/", "301!") in parsed
    encoded = "/%EC%95%8C%EA%B3%A0%EB%A6%AC%EC%A6%98/%EC%9D%B4%EB%B6%84%20%ED%83%90%EC%83%89/"
    assert (encoded, "https://book.example/ko/latest" + encoded, "301!") in parsed
    assert ("/c%23sharp/", "https://book.example/ko/latest/c%23sharp/", "301!") in parsed
    assert ("/rss.xml", "https://book.example/ko/latest/rss.xml", "301!") in parsed
    assert parsed[-1] == ("/*", "https://book.example/ko/latest/:splat", "301!")


def test_the_guid_is_the_blog_feed_s_site_url_plus_slug():
    assert blog_guid("https://blog.example", "/a/b/") == "https://blog.example/a/b/"
    # concatenated as gatsby-plugin-feed did, even with the slash doubled
    assert blog_guid("https://blog.example/", "/a/b/") == "https://blog.example//a/b/"
    assert blog_guid("", "/a/b/") == ""


@pytest.mark.parametrize(
    ("docname", "term"),
    [
        ("boostcamp/day28-20210303", "boostcamp/day28-20210303/"),
        ("react/error-handling/index", "react/error-handling/"),
        ("알고리즘/이분-탐색", "%EC%95%8C%EA%B3%A0%EB%A6%AC%EC%A6%98/%EC%9D%B4%EB%B6%84-%ED%83%90%EC%83%89/"),
        ("Deep Learning/test", "Deep%20Learning/test/"),
        ("index", "index"),
    ],
)
def test_the_thread_term_is_the_blog_path_as_utterances_read_it(docname, term):
    assert pathname_term(docname) == term


def test_widget_attributes_name_the_blog_s_thread_for_each_provider():
    utterances = parse_comments("c", {"provider": "utterances", "repo": "a/b", "label": "comment"})
    assert widget_attributes(utterances, "x/y/", "ko") == {"repo": "a/b", "issue-term": "x/y/", "label": "comment"}
    giscus = parse_comments("c", {"provider": "giscus", "repo": "a/b", "repo_id": "R", "category_id": "C"})
    attributes = widget_attributes(giscus, "x/y/", "ko")
    assert attributes["data-mapping"] == "specific" and attributes["data-term"] == "x/y/"
    assert attributes["data-lang"] == "ko"
