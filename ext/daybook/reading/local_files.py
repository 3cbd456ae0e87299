"""No file outside the posts folder is ever copied into the output."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..doctree import thumbnail_image
from ..model.urls import Reference, copyable_as, reference_kind
from ..posts import file_in_posts

logger = logging.getLogger(__name__)


class LocalFilesTransform(SphinxTransform):
    """Images and downloads are web addresses, inline data or files inside the posts folder."""

    default_priority = 870  # after the thumbnail is added, before doctree-read

    def apply(self, **kwargs: object) -> None:
        docname = self.env.current_document.docname
        for node in list(self.document.findall(nodes.image)):
            node["uri"] = self._as_file(node.get("uri", ""), docname)
            self._check(node, node["uri"], docname, "image")
        for node in list(self.document.findall(addnodes.download_reference)):
            node["reftarget"] = self._as_file(node.get("reftarget", ""), docname)
            self._check(node, node["reftarget"], docname, "download")

    def _as_file(self, uri: str, docname: str) -> str:
        """The path as the file is named: MyST percent-encodes a Markdown address
        (``./img/그림.png`` becomes ``./img/%EA%B7%B8%EB%A6%BC.png``), Gatsby read it decoded."""
        if "%" not in uri or reference_kind(uri) is not Reference.PATH:
            return uri
        decoded = unquote(uri)

        def exists(path: str) -> bool:
            return Path(self.env.relfn2path(path, docname)[1]).exists()

        # a file whose own name holds "%XX" keeps it
        return uri if exists(uri) and not exists(decoded) else decoded

    def _check(self, node: nodes.Element, uri: str, docname: str, what: str) -> None:
        kind = reference_kind(uri)
        if kind in (Reference.WEB, Reference.DATA):
            return
        if kind is Reference.PATH and file_in_posts(self.env, uri, docname) is not None:
            if copyable_as(uri, what):
                return
            kind_of_file = "an image" if what == "image" else "a file to download (a post's source never is)"
            message, subtype = f"{what} '{uri}' is not {kind_of_file}; it is not copied", "not_" + what
        else:
            message, subtype = f"{what} '{uri}' is outside the posts folder; it is not copied", "outside_path"
        if isinstance(node, thumbnail_image):
            message = "thumbnail" + message[len(what) :]
        logger.warning(message, location=node, type="daybook", subtype=subtype)
        alt = node.get("alt", "") if isinstance(node, nodes.image) else node.astext()
        node.replace_self(nodes.inline(text=alt))
