"""The book as data: front matter, chapters and parts, links, URLs, text rules.

Pure: nothing here imports Sphinx or docutils, so every rule is unit-tested
on its own and the Sphinx glue around it stays thin.
"""
