"""What the website publishes, on its own: the Atom feed, the sitemap, summaries and social meta tags."""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree

import feedparser
from bs4 import BeautifulSoup
from docutils.core import publish_doctree

from daybook.model.book import Chapter
from daybook.publishing.feed import FeedEntry, FeedInfo, atom_feed, latest
from daybook.publishing.sitemap import sitemap_xml
from daybook.publishing.social import PageMeta, extra_meta_tags, opengraph_fields
from daybook.publishing.summaries import first_paragraph

BASE = "https://example.org/book/"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def chapter(docname: str, date: dt.datetime | None, **fields: object) -> Chapter:
    return Chapter(docname=docname, title=fields.pop("title", docname), date=date, category="c", day=None, draft=False, **fields)  # type: ignore[arg-type]


def test_same_date_puts_the_later_chapter_in_the_book_first():
    same = dt.datetime(2021, 1, 18)
    first, second = chapter("x", same), chapter("y", same)
    assert [c.docname for c in latest([first, second], 5)] == ["y", "x"]
    assert [c.docname for c in latest([first, second], 1)] == ["y"]


def test_atom_feed_is_read_back_by_feedparser_in_order():
    info = FeedInfo(site_url=BASE, feed_url=BASE + "feed.xml", title="책 <제목>", subtitle="설명", language="ko")
    entries = [
        FeedEntry(BASE + "b/", "둘째 & <b>", dt.datetime(2021, 1, 19, 10), "캠프", "요약 <i>", ("태그",)),
        FeedEntry(BASE + "a/", "첫째\x00\x1b", dt.datetime(2021, 1, 18, 9, tzinfo=dt.timezone(dt.timedelta(hours=9))), "캠프"),
    ]
    parsed = feedparser.parse(atom_feed(info, entries))
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.feed.title == "책 <제목>"
    assert [e.title for e in parsed.entries] == ["둘째 & <b>", "첫째"]
    assert [e.link for e in parsed.entries] == [BASE + "b/", BASE + "a/"]
    assert parsed.entries[0].summary == "요약 <i>"
    assert [t.term for t in parsed.entries[0].tags] == ["캠프", "태그"]
    assert parsed.entries[1].published_parsed[:5] == (2021, 1, 18, 0, 0)  # 09:00 KST in UTC
    # no build time inside: the newest entry dates the feed
    assert parsed.feed.updated_parsed[:4] == (2021, 1, 19, 10)
    assert atom_feed(info, entries) == atom_feed(info, entries)


def test_sitemap_lists_each_url_once():
    xml = sitemap_xml([BASE, BASE + "a/", BASE])
    root = ElementTree.fromstring(xml)
    assert [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)] == [BASE, BASE + "a/"]


def test_first_paragraph_skips_images_code_and_admonitions():
    doctree = publish_doctree(
        ".. note:: 참고\n\n.. image:: x.png\n\n::\n\n  code\n\n.. container:: skip-me\n\n   바이라인\n\n"
        "첫 *문단* 입니다.\n\n둘째 문단.\n"
    )
    assert first_paragraph(doctree, skip_classes=frozenset({"skip-me"})) == "첫 문단 입니다."
    assert first_paragraph(publish_doctree(".. image:: x.png\n")) == ""
    # link text runs on into the word after it; markup for one writer is not text
    linked = publish_doctree("`UpStage <https://x.org>`_\\ 에서 |br| 특강.\n\n.. |br| raw:: html\n\n   <br />\n")
    assert first_paragraph(linked) == "UpStage에서 특강."
    assert first_paragraph(publish_doctree("끝났다!\\ |br|\\ 다음.\n\n.. |br| raw:: html\n\n   <br />\n")) == "끝났다! 다음."


def test_social_meta_is_escaped_for_html():
    meta = PageMeta(
        title='제목 "따옴표" <script>',
        description="설명 & <b>",
        url=BASE + "a/",
        image=BASE + "_images/a.png?x=1&y=2",
        published=dt.datetime(2021, 3, 3, 10, 50),
        section="캠프",
        tags=("태그",),
    )
    fields = opengraph_fields(meta)
    assert fields["og:type"] == "article"
    # sphinxext-opengraph quotes only '"': everything else is escaped here
    assert fields["og:title"] == '제목 "따옴표" &lt;script&gt;'
    assert fields["og:image"].endswith("x=1&amp;y=2")
    tags = BeautifulSoup(extra_meta_tags(meta), "html.parser")
    assert tags.find("meta", attrs={"property": "article:published_time"})["content"] == "2021-03-03T10:50:00+00:00"
    assert tags.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    assert tags.find("meta", attrs={"name": "description"})["content"] == "설명 & <b>"
    assert "<b>" not in extra_meta_tags(meta)
    # X falls back to og:title and og:description: no copies on every page
    assert tags.find("meta", attrs={"name": "twitter:title"}) is None
    assert tags.find("meta", attrs={"name": "twitter:description"}) is None
