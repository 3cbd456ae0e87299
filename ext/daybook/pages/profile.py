"""The author's profile on the cover and the about page, as every gatsby-starter-bee page showed it.

``daybook_profile`` (written by ``make import``) gives the photo, name, bio
and links. While the cover and the about page are read, a transform puts
them under the page's title as plain docutils nodes (an image, paragraphs,
links): every builder writes them its own way, the photo is checked and
copied like a post's image (a file in the posts folder), and the text is
text, escaped by the writers.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.fileutil import copy_asset_file

from ..assets import STATIC_SUBDIR
from ..config import ProfileSettings
from ..environment import settings_of
from ..model.text import ui
from ..model.urls import page_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

STYLESHEET = Path(__file__).parent / "static" / "profile.css"
PROFILE_CLASS = "daybook-profile"


def shows_profile(docname: str, root_doc: str, settings: ProfileSettings | None) -> bool:
    """The cover shows the profile, and the about page (``about`` names ``about.md`` and ``about/index.md``)."""
    if settings is None:
        return False
    return docname == root_doc or bool(settings.page) and page_url(docname) == page_url(settings.page)


def photo_in_posts(srcdir: str | Path, settings: ProfileSettings) -> bool:
    """The profile's photo is a file inside the posts folder (never a link out of it)."""
    if not settings.photo:
        return False
    root = Path(srcdir).resolve()
    try:
        photo = (root / settings.photo).resolve()
    except (OSError, ValueError):
        return False
    return root in photo.parents and photo.is_file()


def profile_node(settings: ProfileSettings, language: str | None, *, with_photo: bool) -> nodes.container:
    box = nodes.container(classes=[PROFILE_CLASS, "no-search"])
    if with_photo:
        box += nodes.image(
            uri="/" + settings.photo.lstrip("/"),
            alt=ui(language, "profile_photo", name=settings.name) if settings.name else "",
            classes=["daybook-profile-photo"],
            # a photo's own size can be large; the ePub and the PDF have no stylesheet of ours to bound it
            width="72px",
        )
    text = nodes.container(classes=["daybook-profile-text"])
    if settings.name:
        name = nodes.paragraph(classes=["daybook-profile-name"])
        name += nodes.strong(text=settings.name)
        text += name
    if settings.bio:
        text += nodes.paragraph(text=settings.bio, classes=["daybook-profile-bio"])
    if settings.links:
        links = nodes.paragraph(classes=["daybook-profile-links"])
        for index, (label, address) in enumerate(settings.links):
            if index:
                links += nodes.Text(" · ")
            links += nodes.reference("", label, refuri=address, internal=False)
        text += links
    box += text
    return box


class ProfileTransform(SphinxTransform):
    """The profile right under the title of the cover and the about page."""

    # after the byline (860), before images are checked against the posts folder (870)
    default_priority = 865

    def apply(self, **kwargs: Any) -> None:
        settings = settings_of(self.env).profile
        docname = self.env.current_document.docname
        if not shows_profile(docname, self.config.root_doc, settings):
            return
        assert settings is not None
        box = profile_node(settings, self.config.language, with_photo=photo_in_posts(self.env.srcdir, settings))
        for child in box.findall(nodes.Element):
            child.source, child.line = self.document["source"], 1
        title = next(self.document.findall(nodes.title), None)
        if title is not None and isinstance(title.parent, nodes.section):
            title.parent.insert(title.parent.index(title) + 1, box)
        else:
            self.document.insert(0, box)


def check_profile_photo(app: Sphinx) -> None:
    """Once per build: a profile photo that is not in the posts folder is left out, with one warning."""
    settings = settings_of(app.env).profile
    if settings is not None and settings.photo and not photo_in_posts(app.srcdir, settings):
        logger.warning(
            f"daybook_profile photo '{settings.photo}' is not a file in the posts folder; the profile shows no photo",
            location=str(Path(app.confdir) / "conf.py"),
            type="daybook",
            subtype="profile_photo",
        )


def add_profile_stylesheet(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Only the pages that show the profile load its styles."""
    if app.builder.format != "html" or doctree is None:
        return
    if shows_profile(pagename, app.config.root_doc, settings_of(app.env).profile):
        app.add_css_file(f"{STATIC_SUBDIR}/{STYLESHEET.name}")


def copy_profile_stylesheet(app: Sphinx) -> None:
    if app.builder.format == "html" and settings_of(app.env).profile is not None:
        target = Path(app.outdir) / "_static" / STATIC_SUBDIR
        target.mkdir(parents=True, exist_ok=True)
        copy_asset_file(STYLESHEET, target, force=True)
