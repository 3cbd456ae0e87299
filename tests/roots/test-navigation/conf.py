project = "테스트 책"
author = "부캠러"
language = "ko"
root_doc = "index"
extensions = ["myst_parser", "sphinx_design", "daybook"]
source_suffix = {".md": "markdown"}
html_theme = "sphinx_book_theme"
html_theme_options = {"home_page_in_toc": True}
# the about pages nest their own toctrees: MyST syntax in posts, opted in
daybook_myst_syntax = True
