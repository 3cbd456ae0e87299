# The ranking corpus: a Korean bootcamp diary written for the search's ranking set
# (tests/search_ranking.py). Days, particles, mixed spellings, repeated topics.
project = "부트캠프 AI 일지"
language = "ko"
root_doc = "index"
extensions = ["myst_parser", "sphinx_design", "daybook"]
source_suffix = {".md": "markdown"}
html_theme = "sphinx_book_theme"
html_theme_options = {"search_as_you_type": True}
# pydata-sphinx-theme logs a console error without a default colour mode
html_context = {"default_mode": "auto"}
