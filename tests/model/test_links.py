"""Gatsby link resolution on its own."""

from __future__ import annotations

import pytest

from daybook.model.links import PostLink, post_link
from daybook.model.urls import page_url

SITE = "https://blog.example.com"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("../day27-20210302", PostLink("boostcamp/day27-20210302", "")),
        ("../day27-20210302/", PostLink("boostcamp/day27-20210302", "")),
        ("../day27-20210302/#벡터", PostLink("boostcamp/day27-20210302", "벡터")),
        ("../day27-20210302#%EB%B2%A1%ED%84%B0", PostLink("boostcamp/day27-20210302", "벡터")),
        ("/boostcamp/day27-20210302/", PostLink("boostcamp/day27-20210302", "")),
        ("/react/error-declarative-handling-1/", PostLink("react/error-declarative-handling-1", "")),
        ("https://blog.example.com/boostcamp/day27-20210302/", PostLink("boostcamp/day27-20210302", "")),
        ("http://BLOG.example.com/boostcamp/day27-20210302", PostLink("boostcamp/day27-20210302", "")),
        ("https://other.example.com/boostcamp/day27/", None),
        ("#벡터", None),
        ("./img/x.png", None),
        # URLs clamp at the site root, as browsers resolve them; only docnames are looked up
        ("../../../../etc/passwd", PostLink("etc/passwd", "")),
        ("mailto:a@b.c", None),
    ],
)
def test_links_resolve_relative_to_the_page_url(href, expected):
    assert post_link(href, "boostcamp/day28-20210303", SITE) == expected


def test_folder_layout_and_candidates():
    assert page_url("diary/day7/index") == "/diary/day7/"
    link = post_link("../first-day", "diary/day7/index")
    assert link == PostLink("diary/first-day", "")
    assert link.candidates() == ("diary/first-day", "diary/first-day/index")


def test_site_with_a_path():
    assert post_link("https://x.org/blog/a/b/", "a/c", "https://x.org/blog") == PostLink("a/b", "")
    assert post_link("https://x.org/other/a/", "a/c", "https://x.org/blog") is None
