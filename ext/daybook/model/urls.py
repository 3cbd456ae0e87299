"""Where pages live and what a post's references point to.

Pure: knows nothing of Sphinx. Two rules every other module asks here:

* a page's URL from its docname, the way Gatsby served posts: ``a/b.md`` and
  ``a/b/index.md`` are both ``/a/b/``;
* what kind of address a post references (image, thumbnail, download, link):
  a web address, a path to a file in the posts folder, or something that is
  neither and is never fetched or copied.
"""

from __future__ import annotations

import enum
import hashlib
import posixpath
import re
from collections.abc import Iterable
from urllib.parse import quote, urljoin

#: the schemes a post may point readers to
WEB_SCHEMES = ("http", "https")
#: a link target with one of these endings names a file, not a post
FILE_SUFFIXES = frozenset(
    ".md .png .jpg .jpeg .gif .svg .webp .pdf .zip .txt .csv .json .ipynb .py .html .htm".split()
)

#: what an image reference may name: a post's own source, a draft or any other file is never copied as an image
IMAGE_SUFFIXES = frozenset(".png .jpg .jpeg .jfif .gif .svg .webp .avif .bmp .ico .tif .tiff .apng".split())
#: what a download link may name (a post's ``.md`` source never)
DOWNLOAD_SUFFIXES = frozenset(
    (
        ".pdf .zip .tar .gz .tgz .7z .txt .csv .tsv .json .ipynb .py .r .js .ts .java .c .cpp .h .go .rs .rb .sh "
        ".sql .yaml .yml .toml .xml .hwp .hwpx .doc .docx .ppt .pptx .xls .xlsx .key .mp3 .mp4 .wav .webm"
    ).split()
) | IMAGE_SUFFIXES

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


class Reference(enum.Enum):
    """What a post's reference (``src``, ``href``, ``thumbnail``) points to."""

    #: an ``http(s)://`` address: left to the reader's browser
    WEB = "web"
    #: inline data (``data:image/png;base64,…``): nothing to fetch or copy
    DATA = "data"
    #: a path, relative to the post or to the posts folder: may be copied if inside it
    PATH = "path"
    #: anything else (``javascript:``, ``file:``, ``//host``, a glob): never used
    REFUSED = "refused"


def reference_kind(uri: str) -> Reference:
    """Classify ``uri`` as written in a post."""
    scheme = _SCHEME.match(uri)
    if scheme is not None:
        name = scheme[1].lower()
        if name in WEB_SCHEMES and uri[scheme.end() :].startswith("//"):
            return Reference.WEB
        if name == "data":
            return Reference.DATA
        # a Windows drive ("C:\…") is a path outside the posts folder, refused too
        return Reference.REFUSED
    if uri.startswith("//") or "*" in uri:
        return Reference.REFUSED
    return Reference.PATH


def copyable_as(path: str, what: str) -> bool:
    """``path`` (a file a post references) may be copied into the output as an image or a download."""
    suffix = posixpath.splitext(path.split("#", 1)[0].split("?", 1)[0])[1].lower()
    return suffix in (IMAGE_SUFFIXES if what == "image" else DOWNLOAD_SUFFIXES)


#: the most bytes one name in a path may have on the file systems books are built on (ext4, APFS, NTFS)
NAME_BYTES = 255
#: the longest ending a build adds to a page's file name: Sphinx's ``<name>.doctree``
#: (then ``_sources/<name>.md.txt``, ePub's ``<name>.xhtml``, ``<name>.html``)
LONGEST_ADDED_ENDING = ".doctree"
#: a name daybook makes from a tag, a category or the book's title is cut to this
#: many bytes: room for ``-2`` when another page has it, and for the build's endings
MADE_NAME_BYTES = 200
#: the digest that keeps names cut to the same bytes apart
_DIGEST_CHARACTERS = 10


def fit_name(name: str, limit: int = MADE_NAME_BYTES) -> str:
    """``name`` if its UTF-8 fits in ``limit`` bytes; else its start, cut on a
    character boundary, then ``-`` and a digest of the whole name.

    The same name always gives the same result (a tag page keeps its URL from
    build to build), and two names never give the same one.
    """
    data = name.encode("utf-8", "surrogatepass")
    if len(data) <= limit:
        return name
    digest = hashlib.sha1(data).hexdigest()[:_DIGEST_CHARACTERS]
    room = max(limit - len(digest) - 1, 0)
    start = data[:room].decode("utf-8", "ignore").rstrip("-")
    return f"{start}-{digest}" if start else digest


def name_too_long(docname: str) -> int | None:
    """The bytes of the longest file name the build would make for ``docname``, if over the limit."""
    parts = docname.split("/")
    names = [*parts[:-1], parts[-1] + LONGEST_ADDED_ENDING]
    longest = max(len(name.encode("utf-8", "surrogatepass")) for name in names)
    return longest if longest > NAME_BYTES else None


def page_parts(docname: str) -> list[str]:
    """The path segments of a page's URL: ``a/b/index`` -> ``[a, b]``; the root -> ``[]``."""
    parts = docname.split("/")
    if parts[-1] == "index":
        parts = parts[:-1]
    return parts


def page_url(docname: str) -> str:
    """The site-absolute URL path Gatsby gave a page: ``a/b`` and ``a/b/index`` -> ``/a/b/``."""
    return "/" + "".join(part + "/" for part in page_parts(docname))


def page_name(docname: str) -> str:
    """The last segment of a page's URL, the name a post goes by without a title."""
    parts = page_parts(docname)
    return parts[-1] if parts else docname


def top_folder(docname: str) -> str | None:
    """The folder a post sits in under the posts folder (flat or ``<slug>/index.md``)."""
    parts = page_parts(docname)
    return parts[0] if len(parts) > 1 else None


def has_file_suffix(path: str) -> bool:
    return posixpath.splitext(path.rstrip("/"))[1].lower() in FILE_SUFFIXES


#: characters a file name may hold that would end or break a URL path
_URL_BREAKERS = re.compile(r"[%#?]")


def url_path(path: str) -> str:
    """A page's path as it may stand in a link: ``%``, ``#`` and ``?`` percent-encoded.

    Hangul and other letters stay as they are: browsers send them encoded, and
    the output stays readable. ``c#sharp/`` -> ``c%23sharp/``.
    """
    return _URL_BREAKERS.sub(lambda match: f"%{ord(match[0]):02X}", path)


def absolute_url(base: str, path: str) -> str:
    """``path`` of the output under ``base``, fully percent-encoded.

    ``path`` is a link path (see :func:`url_path`): an existing ``%XX`` stays.
    """
    if not base.endswith("/"):
        base += "/"
    return urljoin(base, quote(path, safe="/%"))


def image_file_names(paths: Iterable[str]) -> dict[str, str]:
    """The name in ``_images/`` of each image (by its path in the posts folder).

    An image keeps its own name unless another image has it too; then each of
    them gets a digest of its path in its name (``1-3f2a9c1b.png``). A name
    never depends on the order in which pages were read.
    """
    paths = sorted(set(paths))
    by_name: dict[str, list[str]] = {}
    for path in paths:
        by_name.setdefault(posixpath.basename(path).casefold(), []).append(path)
    names: dict[str, str] = {}
    for path in paths:
        name = posixpath.basename(path)
        if len(by_name[name.casefold()]) > 1:
            stem, suffix = posixpath.splitext(name)
            digest = hashlib.sha1(path.encode("utf-8", "surrogatepass")).hexdigest()[:8]
            ending = f"-{digest}{suffix}"
            name = fit_name(stem, NAME_BYTES - len(ending.encode("utf-8", "surrogatepass"))) + ending
        names[path] = name
    return names
