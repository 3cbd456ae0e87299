"""Sphinx configuration of the book. The posts live in docs/ (or POSTS=<folder>)."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "ext"))

# The book is the diary that the blog 코딩하는펭귄의 저장소 kept of the first
# Boostcamp AI Tech (2021); its parts are the blog's categories.
project = "부스트캠프 AI Tech 일지"
author = "코딩하는펭귄"
language = "ko"
root_doc = "index"

extensions = [
    "myst_parser",
    "sphinx_design",
    "daybook",
]
source_suffix = {".md": "markdown"}
# daybook curls quotes itself, on Markdown text only, as the blog did
# (dialect/smartypants.py); docutils would also curl them in literal places
smartquotes = False
exclude_patterns = ["_build", "**/.ipynb_checkpoints", ".DS_Store"]

html_theme = "sphinx_book_theme"
html_title = project
# the theme's light/dark switch starts from the reader's system setting
html_context = {"default_mode": "auto"}
html_theme_options = {
    "show_toc_level": 2,
    "home_page_in_toc": True,
    # results while typing, from daybook's Korean index
    "search_as_you_type": True,
}
# Read the Docs sets its canonical URL; links in the feed and sitemap need it
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")

daybook_description = (
    "코딩하는펭귄이 블로그 '코딩하는펭귄의 저장소'에 남긴 2021년 부스트캠프 AI Tech 1기의 하루하루를 엮은 책입니다."
)
# the blog: its full links to its own posts become links between chapters
daybook_site_url = "https://cooding-penguin.netlify.com"
# DAYBOOK_DRAFTS=1/true/yes/on builds drafts too, 0/false/no/off/empty does not;
# daybook reads the text as front matter's `draft:` and stops at anything else
daybook_drafts = os.environ.get("DAYBOOK_DRAFTS", False)
