"""Every image of a post knows its line, so every warning about it names the line.

Sphinx's ``ApplySourceWorkaround`` transform (priority 10) resets the line of
an image node with neither raw source nor alt text to nothing, so
``![](./img/missing.png)`` gave ``post.md:: WARNING: image file not readable``.
Before it runs, such an image gets what the post wrote, its address, as raw
source; an image made without a line (by another transform) takes the line
of the nearest element around it that has one. Runs again just before
images are collected, for images transforms add later (the thumbnail).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform


def keep_line(image: nodes.image, document: nodes.document) -> None:
    """Give ``image`` a source line, and keep Sphinx from dropping it."""
    if image.line is None:
        around: nodes.Node | None = image.parent
        while around is not None and around.line is None:
            around = around.parent
        if around is not None:
            image.line = around.line
            image.source = image.source or around.source
    if image.source is None:
        image.source = document.get("source")
    if not image.rawsource and not image.get("alt"):
        image.rawsource = image.get("uri", "")


class ImageLines(SphinxTransform):
    """Images made while parsing keep their lines."""

    # before Sphinx's ApplySourceWorkaround (10)
    default_priority = 9

    def apply(self, **kwargs: object) -> None:
        for image in self.document.findall(nodes.image):
            keep_line(image, self.document)


class LateImageLines(ImageLines):
    """Images added by later transforms (the thumbnail at 860) have lines too."""

    # after the local files (870), before images are collected (doctree-read)
    default_priority = 879
