"""The files of the posts folder a page may use: inside it, never outside.

A post names images, downloads and its thumbnail by path; only a file inside
the posts folder (symbolic links followed) is ever copied into the output.
reading/ checks every path a page names (:mod:`.reading.local_files`); the
generated pages, the social tags and the ePub ask here for the same answer.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .model.urls import Reference, copyable_as, reference_kind

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from .model.book import Chapter


def file_in_posts(env: BuildEnvironment, uri: str, docname: str) -> str | None:
    """The path, relative to the posts folder, of the file ``uri`` names from ``docname``.

    ``None`` when ``uri`` is not a path or leads outside the posts folder
    (``../..``, an absolute path, a symbolic link out).
    """
    if reference_kind(uri) is not Reference.PATH:
        return None
    relative, full = env.relfn2path(uri, docname)
    try:
        real = Path(os.path.realpath(full))
        srcdir = Path(env.srcdir).resolve()
    except (OSError, ValueError):
        return None
    if real != srcdir and srcdir not in real.parents:
        return None
    return relative


def thumbnail_file(env: BuildEnvironment, chapter: Chapter) -> str | None:
    """The chapter's thumbnail as a path relative to the posts folder, if it is a file there.

    A web address, a missing file or one outside the posts folder gives
    ``None``: the chapter itself warns about a bad thumbnail once.
    """
    if not chapter.thumbnail:
        return None
    relative = file_in_posts(env, chapter.thumbnail, chapter.docname)
    if relative is None or not copyable_as(relative, "image") or not (Path(env.srcdir) / relative).is_file():
        return None
    return relative
