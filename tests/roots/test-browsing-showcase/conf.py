project = "부스트캠프 AI Tech 일지"
author = "코딩하는펭귄"
language = "ko"
root_doc = "index"
extensions = ["myst_parser", "sphinx_design", "daybook"]
source_suffix = {".md": "markdown"}
html_theme = "sphinx_book_theme"
html_title = project
html_baseurl = "https://daybook.example.org/ko/latest/"
daybook_description = "부스트캠프 AI Tech의 하루하루를 기록한 책입니다."
daybook_part_order = ["⛺ Boostcamp", "React"]
# pydata-sphinx-theme logs a console error without a default colour mode
html_context = {"default_mode": "auto"}
