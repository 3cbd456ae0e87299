"""The book theme as daybook's pages use it: its options and daybook's layout template.

* sphinx-book-theme 1.4 leaves ``navbar_persistent`` empty so that it has no
  header bar, but pydata-sphinx-theme 0.20 fills in its own default (a
  search field) whenever the *book's* conf.py does not name the option: every
  page got a second, page-wide search bar above the book. daybook names it
  empty, as the book theme means, unless the book's conf.py sets it.
* ``templates/layout.html`` extends the theme's layout (see there).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

TEMPLATES = Path(__file__).with_name("templates")

def theme_defaults(app: Sphinx, config: Config) -> None:
    """daybook's theme options under the book's own; its layout before the theme's."""
    options = config.html_theme_options or {}
    if "navbar_persistent" not in options:
        # a new dict: the book's conf.py keeps its own
        config.html_theme_options = {**options, "navbar_persistent": []}
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES)]
