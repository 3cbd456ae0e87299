project = "신뢰 테스트"
author = "부캠러"
language = "ko"
root_doc = "index"
extensions = ["myst_parser", "sphinx_design", "daybook"]
source_suffix = {".md": "markdown"}
html_theme = "sphinx_book_theme"
html_baseurl = "https://book.example.com/"
