project = "테스트 책"
author = "부캠러"
language = "ko"
root_doc = "index"
extensions = ["myst_parser", "sphinx_design", "daybook"]
source_suffix = {".md": "markdown"}
html_theme = "sphinx_book_theme"
