"""The theme's templates compiled once, not on every build.

The book theme's pages are made of some forty Jinja templates (the book
theme's, pydata-sphinx-theme's, Sphinx's and daybook's). Jinja compiles each
to Python the first time a build renders it, and a build is a new process:
an edit of one post paid about half a second compiling templates that had not
changed. Jinja's own bytecode cache keeps the compiled templates between
builds; daybook gives the HTML builders a template loader that has one, through
Sphinx's ``template_bridge`` setting (:mod:`..defaults`).

The cache lives in the doctree folder, which is the build's own and never
published. Jinja checks each template's source against its cached code, so an
edited template is compiled again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import FileSystemBytecodeCache

from ..upstream import BuiltinTemplateLoader

if TYPE_CHECKING:
    from sphinx.builders import Builder

#: ``template_bridge``'s value: the loader below, by the name Sphinx imports it by
TEMPLATE_BRIDGE = f"{__name__}.CachedTemplateLoader"


class CachedTemplateLoader(BuiltinTemplateLoader):
    """Sphinx's template loader, with compiled templates kept in the doctree folder."""

    def init(self, builder: Builder, theme: object | None = None, dirs: list[str] | None = None) -> None:
        super().init(builder, theme, dirs)
        environment = self.environment
        # Jinja keys its cache by a template's name and source only: what the environment compiles
        # with (the i18n extension when the book has a language) names a folder of its own
        kind = [type(environment).__module__, type(environment).__name__, *sorted(environment.extensions)]
        folder = Path(builder.doctreedir) / "templates" / hashlib.sha256("\n".join(kind).encode()).hexdigest()[:16]
        folder.mkdir(parents=True, exist_ok=True)
        environment.bytecode_cache = FileSystemBytecodeCache(str(folder))
