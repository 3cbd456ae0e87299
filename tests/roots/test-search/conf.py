project = "검색 테스트 책"
author = "부캠러"
language = "ko"
root_doc = "index"
extensions = ["myst_parser", "sphinx_design", "daybook"]
source_suffix = {".md": "markdown"}
html_theme = "sphinx_book_theme"
html_theme_options = {"search_as_you_type": True}
# pydata-sphinx-theme logs a console error without a default colour mode
html_context = {"default_mode": "auto"}
