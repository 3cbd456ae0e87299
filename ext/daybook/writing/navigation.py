"""Fast sidebar navigation: the theme's own HTML, computed once per build.

pydata-sphinx-theme's ``generate_toctree_html`` resolves, renders and re-parses
the whole global toctree for every page, so a book of N chapters costs N² on
writing. Yet with ``collapse=False`` (sphinx-book-theme's sidebar) every page
shows the same tree; pages differ only in

* which entries are *current* (the page's own link and its branch: a
  ``current`` class on ``<a>``, ``<li>`` and ``<ul>``, ``active`` on the
  ``<li>``, ``href="#"`` on the link, ``open`` on the branch's ``<details>``);
* the relative ``href`` of every link, which depends only on where the page
  sits (pages of one folder share them).

So the theme's function runs once per build and set of arguments, on a tree
whose classes carry numbered markers and whose links are numbered tokens. The
result is cut into a :class:`SidebarTemplate`: literal text and *slots*. A
folder fills the link slots once; a page then changes only the few slots of its
own branch. Anything this does not cover (another ``startdepth``, ``collapse``,
``kind="raw"``, a builder with its own links, odd characters in a link, a
title that looks like a marker) goes to the theme's own function.

The template is kept between builds (``daybook-navigation.pickle`` in the
doctree folder) with a fingerprint of everything the toctree reads: a no-op or
body-edit rebuild reuses it. sphinx-notfound-page's 404 page is filled from it
too, with that extension's absolute links.

:class:`SidebarTemplate` and :func:`href_group` are pure; the rest is glue.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import pickle
import re
from pathlib import Path
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .window import DEFAULT_WINDOW, TreeShape
from ..upstream import (
    global_toctree_for_doc,
    is_notfound_toctree,
    is_sphinx_page_toctree,
    is_theme_toctree_function,
    run_right_after,
    theme_toctree_installer,
)

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

#: class given to every ``<li>``, ``<ul>`` and ``<a>`` of the sidebar tree while
#: it is rendered once; the number is the element's index in the tree
CLASS_MARKER = "daybook-nav-"
#: stands for a link's href while the tree is rendered once
HREF_TOKEN = "daybook-href-"
#: a docname no page has: the tree is resolved "from" it, so nothing is current
PHANTOM_DOCNAME = "\x00daybook-navigation"
#: last path segment of the made-up page a folder's links are computed from
_PHANTOM_SEGMENT = "\x00daybook"

LI, UL, A = "li", "ul", "a"
#: class of the entry that closes a part's list: a link to the part page
MORE_CLASS = "daybook-more"

_LI_TAG = re.compile(r"<li[\s>]|</li>")
_CLASS_ATTRIBUTE = re.compile(r' class="([^"]*)"')
_MARKER = re.compile(re.escape(CLASS_MARKER) + r"(\d+)$")
_HREF = re.compile(r' href="' + re.escape(HREF_TOKEN) + r'(\d+)"')
#: characters an href may not hold for the link slots to be filled as plain text
_UNSAFE_IN_HREF = re.compile(r"[&<>\"']")


class NotTemplatable(Exception):
    """The rendered sidebar is not one the template can specialise exactly."""


@dataclass(frozen=True)
class Slot:
    """A part of the sidebar HTML that may differ from page to page."""

    kind: str  # "class", "href" or "details"
    element: int  # index of the element (see :class:`SidebarTemplate`)
    #: for "class": the attribute's class names, with ``None`` for the marker
    classes: tuple[str | None, ...] = ()
    #: for "href": the index of the link token
    token: int = -1


@dataclass
class SidebarTemplate:
    """The sidebar HTML of every page, cut into literal text and slots.

    ``kinds[i]`` is ``li``, ``ul`` or ``a`` for element ``i``; ``ancestors[i]``
    the marked elements around it; ``links[i]`` (for an ``a``) the docname it
    points to and its anchor.
    """

    pieces: list[str | Slot]
    kinds: Sequence[str]
    ancestors: Sequence[tuple[int, ...]]
    links: Mapping[int, tuple[str, str]]
    #: link token -> docname it points to
    token_targets: Sequence[str]
    #: element -> positions in ``pieces`` of its slots
    slots_of: dict[int, list[int]] = field(default_factory=dict)
    #: docname -> the ``a`` elements that make it current (no anchor)
    current_links: dict[str, list[int]] = field(default_factory=dict)
    #: ``li`` element -> ``[start, end)`` in ``pieces`` (its trailing blank included)
    li_pieces: dict[int, tuple[int, int]] = field(default_factory=dict)
    #: the lists and entries, for the window a page shows (:mod:`.window`)
    shape: TreeShape | None = None

    @classmethod
    def cut(
        cls,
        html: str,
        kinds: Sequence[str],
        ancestors: Sequence[tuple[int, ...]],
        links: Mapping[int, tuple[str, str]],
        token_targets: Sequence[str],
    ) -> SidebarTemplate:
        """Find every marker and token in ``html``; refuse anything ambiguous."""
        spans: list[tuple[int, int, Slot]] = []
        seen: set[int] = set()
        for match in _CLASS_ATTRIBUTE.finditer(html):
            names = match[1].split(" ")
            marked = [n for n in names if n.startswith(CLASS_MARKER)]
            if not marked:
                continue
            found = _MARKER.match(marked[0])
            if len(marked) != 1 or found is None:
                raise NotTemplatable("several markers in one class attribute")
            element = int(found[1])
            if element in seen or element >= len(kinds):
                raise NotTemplatable("a marker appears twice")
            seen.add(element)
            classes = tuple(None if n == marked[0] else n for n in names)
            spans.append((match.start(), match.end(), Slot("class", element, classes)))
            if kinds[element] == LI and "has-children" in names:
                start = html.find("<details", match.end())
                if html.startswith("<details>", start):
                    spans.append((start, start + len("<details>"), Slot("details", element)))
            if kinds[element] == A:
                href = _HREF.match(html, match.end())
                if href is None:
                    raise NotTemplatable("a link without its token")
                token = int(href[1])
                if token >= len(token_targets):
                    raise NotTemplatable("an unknown link token")
                spans.append((href.start(), href.end(), Slot("href", element, token=token)))
        # a title that looks like a marker or a token would make the cut unsafe
        if html.count(CLASS_MARKER) != len(seen) or html.count(HREF_TOKEN) != sum(
            1 for _, _, s in spans if s.kind == "href"
        ):
            raise NotTemplatable("marker text outside the markers")
        spans.sort(key=lambda s: s[0])
        li_spans, more = _list_items(html, spans, kinds)
        bounds = sorted({p for span in li_spans.values() for p in span})
        piece_at: dict[int, int] = {}
        pieces: list[str | Slot] = []
        next_bound = 0

        def literal(start: int, end: int) -> None:
            """``html[start:end]``, cut where an entry starts or ends."""
            nonlocal next_bound
            while next_bound < len(bounds) and bounds[next_bound] <= end:
                bound = bounds[next_bound]
                if bound < start:
                    raise NotTemplatable("an entry starts inside a slot")
                pieces.append(html[start:bound])
                piece_at[bound] = len(pieces)
                start = bound
                next_bound += 1
            pieces.append(html[start:end])

        position = 0
        for start, end, slot in spans:
            if start < position:
                raise NotTemplatable("overlapping slots")
            literal(position, start)
            pieces.append(slot)
            position = end
        literal(position, len(html))
        template = cls(pieces, kinds, ancestors, links, token_targets)
        template.li_pieces = {e: (piece_at[a], piece_at[b]) for e, (a, b) in li_spans.items()}
        template.shape = TreeShape(kinds, ancestors, more)
        for index, piece in enumerate(pieces):
            if isinstance(piece, Slot):
                template.slots_of.setdefault(piece.element, []).append(index)
        for element, (docname, anchor) in links.items():
            if not anchor:
                template.current_links.setdefault(docname, []).append(element)
        return template

    def for_folder(self, hrefs: Sequence[str]) -> list[str]:
        """The HTML of a page with nothing current, as pieces, given each token's href."""
        out: list[str] = []
        for piece in self.pieces:
            if isinstance(piece, str):
                out.append(piece)
            else:
                out.append(self._render(piece, 0, hrefs))
        return out

    def for_page(
        self, folder_pieces: list[str], hrefs: Sequence[str], docname: str, window: int | None = None
    ) -> str:
        """The HTML of ``docname``'s sidebar: its folder's, with its own branch marked.

        With a ``window``, only the entries :meth:`.TreeShape.shown` keeps:
        the cost is that of what the page shows, not of the whole tree.
        """
        counts: dict[int, int] = {}
        for element in self.current_links.get(docname, ()):
            for marked in (element, *self.ancestors[element]):
                counts[marked] = counts.get(marked, 0) + 1
        changed: dict[int, str] = {}
        for element, count in counts.items():
            for index in self.slots_of.get(element, ()):
                slot = self.pieces[index]
                assert isinstance(slot, Slot)
                changed[index] = self._render(slot, count, hrefs)
        cuts: list[tuple[int, int]] = []
        if window is not None and self.shape is not None:
            current = [e for e in counts if self.kinds[e] == LI]
            for first, last in self.shape.hidden(current, window):
                cuts.append((self.li_pieces[first][0], self.li_pieces[last][1]))
            cuts.sort()
        out: list[str] = []
        position = 0
        for start, end in [*cuts, (len(folder_pieces), len(folder_pieces))]:
            kept = folder_pieces[position:start]
            for index in changed:
                if position <= index < start:
                    kept[index - position] = changed[index]
            out.extend(kept)
            position = end
        return "".join(out)

    def _render(self, slot: Slot, current: int, hrefs: Sequence[str]) -> str:
        if slot.kind == "href":
            return ' href="#"' if current else f' href="{hrefs[slot.token]}"'
        if slot.kind == "details":
            return '<details open="open">' if current else "<details>"
        names: list[str] = []
        for name in slot.classes:
            if name is not None:
                names.append(name)
                continue
            # where Sphinx appends "current" (the HTML writer drops repeats),
            # then the theme "active" on list items
            if current:
                names.append("current")
                if self.kinds[slot.element] == LI:
                    names.append("active")
        return f' class="{" ".join(names)}"' if names else ""


def _list_items(
    html: str, spans: list[tuple[int, int, Slot]], kinds: Sequence[str]
) -> tuple[dict[int, tuple[int, int]], set[int]]:
    """Each marked ``li``'s ``[start, end)`` in ``html``, trailing blank included; the *more* entries."""
    opens: list[int] = []
    closes: dict[int, int] = {}
    stack: list[int] = []
    for tag in _LI_TAG.finditer(html):
        if tag[0] == "</li>":
            if not stack:
                raise NotTemplatable("an entry closed twice")
            end = tag.end()
            while end < len(html) and html[end] in " \t\r\n":
                end += 1
            closes[stack.pop()] = end
        else:
            opens.append(tag.start())
            stack.append(tag.start())
    if stack:
        raise NotTemplatable("an entry left open")
    found: dict[int, tuple[int, int]] = {}
    more: set[int] = set()
    for start, _, slot in spans:
        if slot.kind != "class" or kinds[slot.element] != LI:
            continue
        at = bisect.bisect_right(opens, start) - 1
        if at < 0 or slot.element in found:
            raise NotTemplatable("an entry without its tag")
        found[slot.element] = (opens[at], closes[opens[at]])
        if MORE_CLASS in slot.classes:
            more.add(slot.element)
    return found, more


def href_group(uri: str, target_uris: Sequence[str]) -> tuple[str, str]:
    """The group of pages whose links to other pages are all alike, and a base URI for it.

    ``uri`` is the page's target URI; ``target_uris`` every page's, sorted.
    Sphinx's ``relative_uri(base, to)`` reads only the base's folders, and for
    a page that is a folder (``dirhtml``'s ``a/b/``) only the folder above it,
    as long as no other page lies inside it. The returned base is a made-up
    page of the same group, so no real link resolves to "this page".
    """
    segments = uri.split("#")[0].split("/")
    if segments[-1] or len(segments) < 2:
        # a file (``a/b.html``): its folder decides
        base = "/".join([*segments[:-1], _PHANTOM_SEGMENT])
        return "file:" + "/".join(segments[:-1]), base
    start = bisect.bisect_left(target_uris, uri)
    inside = [t for t in target_uris[start : start + 2] if t != uri and t.startswith(uri)]
    if inside:
        return "page:" + uri, uri
    base = "/".join([*segments[:-2], _PHANTOM_SEGMENT, ""])
    return f"folder:{len(segments)}:" + "/".join(segments[:-2]), base


# --- Sphinx glue ---------------------------------------------------------


class _TokenLinks:
    """Stands in for the builder while the tree is resolved: links become tokens."""

    def __init__(self) -> None:
        self.targets: list[str] = []

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        self.targets.append(to)
        return f"{HREF_TOKEN}{len(self.targets) - 1}"


#: kept in the doctree folder: the templates of the last build, reused while
#: nothing the sidebar shows has changed (a no-op or body-edit rebuild)
STORE_FILENAME = "daybook-navigation.pickle"
#: bump when what the store holds changes shape
STORE_VERSION = 2


@dataclass
class _Store:
    version: int
    #: arguments key -> (fingerprint of the toctree it was built from, template)
    templates: dict[tuple, tuple[str, SidebarTemplate | None]]


def tree_fingerprint(env: Any, builder: Builder) -> str:
    """A digest of everything the global toctree of a page that is in no tree reads.

    Each page's table of contents and title, which pages include which, the
    root page's doctree (by the time it was read), section numbers, tocdepths,
    the HTML configuration and tags, and the versions of the code that renders.
    """
    import docutils
    import pydata_sphinx_theme
    import sphinx

    digest = hashlib.sha256()

    def add(*values: object) -> None:
        for value in values:
            digest.update(repr(value).encode("utf-8", "surrogatepass"))
            digest.update(b"\x00")

    build_info = getattr(builder, "build_info", None)
    add(
        STORE_VERSION,
        sphinx.__version__,
        docutils.__version__,
        pydata_sphinx_theme.__version__,
        type(builder).__qualname__,
        getattr(build_info, "config_hash", None),
        getattr(build_info, "tags_hash", None),
        env.config.root_doc,
        env.all_docs.get(env.config.root_doc),
        sorted(env.toctree_includes.items()),
        sorted((d, sorted(n.items())) for d, n in env.toc_secnumbers.items()),
        sorted((d, m["tocdepth"]) for d, m in env.metadata.items() if "tocdepth" in m),
    )
    for docname in sorted(env.all_docs):
        add(docname)
        for tree in (env.tocs.get(docname), env.titles.get(docname)):
            parts: list[object] = []
            if tree is not None:
                _flatten(tree, parts)
            add(parts)
    return digest.hexdigest()


def _flatten(node: Any, out: list[object]) -> None:
    """Every node's kind, attributes and text, in order (cheaper than ``pformat``)."""
    attributes = getattr(node, "attributes", None)
    if attributes is None:
        out.append(str(node))
        return
    out.append((node.tagname, len(node.children), sorted(attributes.items())))
    for child in node.children:
        _flatten(child, out)


@dataclass
class _BuiltTemplate:
    template: SidebarTemplate | None
    #: group key -> (hrefs, pieces with nothing current), or None when unsafe
    folders: dict[str, tuple[list[str], list[str]] | None] = field(default_factory=dict)


class NavigationCache:
    """What one build's pages share; emptied when a build reads its sources."""

    def __init__(self) -> None:
        self.templates: dict[tuple, _BuiltTemplate] = {}
        self.target_uris: list[str] | None = None
        self.fingerprint: str | None = None
        #: the templates of the last build, as read from the doctree folder
        self.stored: dict[tuple, tuple[str, SidebarTemplate | None]] | None = None
        #: keys whose template this process built (to be stored)
        self.built_here: set[tuple] = set()

    def clear(self, *_: object) -> None:
        self.templates.clear()
        self.target_uris = None
        self.fingerprint = None
        self.stored = None
        self.built_here.clear()

    def stored_template(self, key: tuple, builder: Builder) -> tuple[bool, SidebarTemplate | None]:
        """The last build's template for ``key``, if the toctree is still the same."""
        if self.stored is None:
            self.stored = _load_store(_store_path(builder))
        entry = self.stored.get(key)
        if entry is None or entry[0] != self._fingerprint(builder):
            return False, None
        return True, entry[1]

    def remember(self, key: tuple, template: SidebarTemplate | None, builder: Builder) -> None:
        if self.stored is None:
            self.stored = _load_store(_store_path(builder))
        self.stored[key] = (self._fingerprint(builder), template)
        self.built_here.add(key)

    def _fingerprint(self, builder: Builder) -> str:
        if self.fingerprint is None:
            self.fingerprint = tree_fingerprint(builder.env, builder)
        return self.fingerprint

    def take_over(self, app: Sphinx) -> None:
        """The theme is loaded with the builder: take over its sidebar function then."""
        take_over_theme_sidebar(app, self)

    def store_templates(self, app: Sphinx, exception: BaseException | None) -> None:
        """Keep this build's templates for the next one (the main process writes them)."""
        try:
            if exception is None and self.built_here and self.stored is not None:
                fingerprint = self.fingerprint
                current = {k: v for k, v in self.stored.items() if v[0] == fingerprint}
                _save_store(_store_path(app.builder), _Store(STORE_VERSION, current))
        finally:
            self.clear()

    def on_html_page_context(
        self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
    ) -> None:
        original = context.get("generate_toctree_html")
        if original is None or not is_theme_toctree_function(original):
            return
        if _links_of(context.get("toctree"), app, pagename) is None:
            return  # another extension links the sidebar its own way
        builder = app.builder
        context["generate_toctree_html"] = _FastToctree(self, app, builder, pagename, original, context)


class _FastToctree:
    """The page context's ``generate_toctree_html``, from the build's template."""

    def __init__(
        self,
        cache: NavigationCache,
        app: Sphinx,
        builder: Builder,
        pagename: str,
        original: Callable,
        context: Mapping[str, Any],
    ) -> None:
        self.cache = cache
        self.app = app
        self.builder = builder
        self.pagename = pagename
        self.original = original
        #: the page context: its ``toctree`` decides how links are written
        self.context = context
        self.results: dict[tuple, str] = {}
        #: how many calls the template answered (the rest went to the theme)
        self.served_from_template = 0

    def __call__(self, kind: str, startdepth: int = 1, show_nav_level: int = 1, **kwargs: Any) -> Any:
        key = _arguments_key(kind, startdepth, show_nav_level, kwargs)
        if key is None or not self._fast_enough(kind, startdepth, show_nav_level, kwargs):
            return self.original(kind, startdepth, show_nav_level, **kwargs)
        html = self.results.get(key) or self._from_template(key, kind, show_nav_level, kwargs)
        if html is None:
            return self.theme_own(kind, startdepth, show_nav_level, **kwargs)
        self.results[key] = html
        self.served_from_template += 1
        return html

    def _fast_enough(self, kind: str, startdepth: Any, show_nav_level: Any, kwargs: dict[str, Any]) -> bool:
        from sphinx.builders import Builder

        try:
            level = int(show_nav_level)
        except (TypeError, ValueError):
            return False
        return (
            kind == "sidebar"
            and startdepth == 0
            and level >= 1
            and kwargs.get("collapse", True) is False
            and set(kwargs) <= {"maxdepth", "collapse", "includehidden", "titles_only"}
            and type(self.builder).get_relative_uri is Builder.get_relative_uri
        )

    def _from_template(self, key: tuple, kind: str, show_nav_level: int, kwargs: dict[str, Any]) -> str | None:
        built = self.cache.templates.get(key)
        if built is None:
            try:
                found, template = self.cache.stored_template(key, self.builder)
                if not found:
                    template = self._build_template(kind, show_nav_level, kwargs)
                    self.cache.remember(key, template, self.builder)
            except Exception:  # noqa: BLE001 - whatever it is, the theme's own function still works
                template = None
            built = _BuiltTemplate(template)
            self.cache.templates[key] = built
        template = built.template
        if template is None:
            return None
        links = _links_of(self.context.get("toctree"), self.app, self.pagename)
        if links is None:
            return None
        uri = self.builder.get_target_uri(self.pagename)
        if links == "sphinx":
            group, base = href_group(uri, self._target_uris())
            rewrite = None
        else:
            # sphinx-notfound-page: links relative to the page itself, then
            # made absolute under its prefix
            prefix = self.app.config.notfound_urls_prefix or "/"
            group, base = f"notfound:{uri}:{prefix}", uri
            rewrite = _notfound_rewrite(prefix, _is_dirhtml(self.builder))
        if group not in built.folders:
            built.folders[group] = self._fill_folder(template, base, rewrite)
        folder = built.folders[group]
        if folder is None:
            return None
        hrefs, pieces = folder
        return template.for_page(pieces, hrefs, self.pagename, _window(self.app))

    def theme_own(self, kind: str, startdepth: int = 1, show_nav_level: int = 1, **kwargs: Any) -> Any:
        """What the theme itself renders for the page's tree: the window of it, where the fast path cuts one.

        Slow (the whole tree is resolved for the page): the fallback, and
        what the tests hold the fast sidebar to.
        """
        if _arguments_key(kind, startdepth, show_nav_level, kwargs) is None or not self._fast_enough(
            kind, startdepth, show_nav_level, kwargs
        ):
            return self.original(kind, startdepth, show_nav_level, **kwargs)
        from docutils import nodes
        from sphinx.util.logging import suppress_logging

        links_kind = _links_of(self.context.get("toctree"), self.app, self.pagename)
        links = _TokenLinks()
        with suppress_logging():
            tree = global_toctree_for_doc(
                self.builder.env, self.pagename, links, tags=self.builder.tags, **_toctree_arguments(kwargs)  # type: ignore[arg-type]
            )
        if tree is None or links_kind is None:
            return self.original(kind, startdepth, show_nav_level, **kwargs)
        _add_more_entries(tree, self.app, links, nodes, current=self.pagename)
        numbered = _number(tree, nodes)
        kinds = [kind_ for _, kind_ in numbered]
        ancestors = _ancestors_of(tree, numbered)
        more = {i for i, (node, k) in enumerate(numbered) if k == LI and MORE_CLASS in node["classes"]}
        current = [i for i, (node, k) in enumerate(numbered) if k == LI and "current" in node["classes"]]
        shape = TreeShape(kinds, ancestors, more)
        for first, last in shape.hidden(current, _window(self.app)):
            entry = numbered[first][0]
            parent = entry.parent
            start, end = parent.index(entry), parent.index(numbered[last][0])
            del parent.children[start : end + 1]
        uri = self.builder.get_target_uri(self.pagename)
        rewrite = None
        if links_kind == "notfound":
            rewrite = _notfound_rewrite(self.app.config.notfound_urls_prefix or "/", _is_dirhtml(self.builder))
        for reference in tree.findall(nodes.reference):
            refuri = reference.get("refuri", "")
            if not refuri.startswith(HREF_TOKEN):
                continue
            number = re.match(r"\d+", refuri[len(HREF_TOKEN) :])
            assert number is not None
            target = links.targets[int(number[0])]
            if rewrite is None:
                href = self.builder.get_relative_uri(self.pagename, target)
            else:
                from sphinx.util.osutil import relative_uri

                href = relative_uri(uri, self.builder.get_target_uri(target))
                href = rewrite(href) if href else href
            reference["refuri"] = href + refuri[len(HREF_TOKEN) + len(number[0]) :]
        fragment = self.builder.render_partial(tree)["fragment"]
        context: dict[str, Any] = {"toctree": lambda **_: fragment}
        install = theme_toctree_installer()
        if install is None:
            return self.original(kind, startdepth, show_nav_level, **kwargs)
        install(self.app, self.pagename, "page.html", context, None)
        return context["generate_toctree_html"](kind, startdepth=0, show_nav_level=show_nav_level, **kwargs)

    def _target_uris(self) -> list[str]:
        if self.cache.target_uris is None:
            uris = {self.builder.get_target_uri(d) for d in self.builder.env.all_docs}
            self.cache.target_uris = sorted(uris)
        return self.cache.target_uris

    def _fill_folder(
        self, template: SidebarTemplate, base: str, rewrite: Callable[[str], str] | None
    ) -> tuple[list[str], list[str]] | None:
        from sphinx.util.osutil import relative_uri

        hrefs = []
        for target in template.token_targets:
            href = relative_uri(base, self.builder.get_target_uri(target))
            if rewrite is not None:
                if not href:
                    return None  # a link to the page itself: leave it to the theme
                href = rewrite(href)
            href = href or "#"
            # an href with "#" is dropped by the theme, unless it is only "#"
            if _UNSAFE_IN_HREF.search(href) or ("#" in href and href != "#"):
                return None
            hrefs.append(href)
        return hrefs, template.for_folder(hrefs)

    def _build_template(self, kind: str, show_nav_level: int, kwargs: dict[str, Any]) -> SidebarTemplate | None:
        """Render the tree once, through the theme's own function, with markers."""
        from docutils import nodes
        from sphinx.util.logging import suppress_logging

        arguments = _toctree_arguments(kwargs)
        links = _TokenLinks()
        tree = global_toctree_for_doc(
            self.builder.env,
            PHANTOM_DOCNAME,
            links,  # type: ignore[arg-type]
            tags=self.builder.tags,
            **arguments,
        )
        if tree is None:
            return None
        # Sphinx marks the current branch before it cuts the tree to maxdepth,
        # so a cut entry can still make its parents current; and it copies a
        # page's ancestors whole when the page sets a tocdepth. Both need the
        # uncut tree of each page: leave them to the theme.
        with suppress_logging():  # its warnings were just given for the same tree
            whole = global_toctree_for_doc(
                self.builder.env,
                PHANTOM_DOCNAME,
                _TokenLinks(),  # type: ignore[arg-type]
                tags=self.builder.tags,
                **{**arguments, "maxdepth": -1},
            )
        env_metadata = self.builder.env.metadata
        if whole is None or _size(whole) != _size(tree) or any("tocdepth" in m for m in env_metadata.values()):
            return None
        _add_more_entries(tree, self.app, links, nodes, current=None)
        kinds, ancestors, link_of = _mark(tree, links.targets, nodes)
        fragment = self.builder.render_partial(tree)["fragment"]
        context: dict[str, Any] = {"toctree": lambda **_: fragment}
        install_theme_toctree_functions = theme_toctree_installer()
        if install_theme_toctree_functions is None:
            return None
        install_theme_toctree_functions(self.app, PHANTOM_DOCNAME, "page.html", context, None)
        html = str(context["generate_toctree_html"](kind, startdepth=0, show_nav_level=show_nav_level, **kwargs))
        try:
            return SidebarTemplate.cut(html, kinds, ancestors, link_of, links.targets)
        except NotTemplatable:
            return None


def _toctree_arguments(kwargs: dict[str, Any]) -> dict[str, Any]:
    arguments = dict(kwargs)
    arguments.setdefault("includehidden", False)
    if arguments.get("maxdepth") == "":
        arguments.pop("maxdepth")
    return arguments


def _window(app: Sphinx) -> int:
    from ..config import daybook_config

    try:
        return daybook_config(app.config).sidebar_window
    except Exception:  # noqa: BLE001 - a build without daybook's values
        return DEFAULT_WINDOW


def _add_more_entries(tree: Any, app: Sphinx, links: _TokenLinks, nodes_module: Any, current: str | None) -> None:
    """Close each part's list with a link to the part page, made as Sphinx makes an entry.

    The entry is a copy of the list's last one, with the part page's link and
    title; on the part page itself it is current, as Sphinx marks an entry.
    """
    from ..model.text import ui
    from ..scan import book_state

    state = book_state(app.env)
    if state is None:
        return
    part_of = {chapter.docname: part for part in state.book.parts for chapter in part.chapters}
    for listing in [c for c in tree.children if isinstance(c, nodes_module.bullet_list)]:
        entries = [c for c in listing.children if isinstance(c, nodes_module.list_item)]
        first = next(iter(entries[0].findall(nodes_module.reference)), None) if entries else None
        if first is None or not first.get("refuri", "").startswith(HREF_TOKEN):
            continue
        number = re.match(r"\d+", first["refuri"][len(HREF_TOKEN) :])
        part = part_of.get(links.targets[int(number[0])]) if number else None
        if part is None:
            continue
        entry = entries[-1].deepcopy()
        for inner in list(entry.findall(nodes_module.bullet_list)):
            inner.parent.remove(inner)
        entry["classes"] = [c for c in entry["classes"] if c != "current"] + [MORE_CLASS]
        reference = next(iter(entry.findall(nodes_module.reference)))
        reference.children = []
        reference += nodes_module.Text(ui(app.config.language, "part_all", count=len(part.chapters)))
        reference["refuri"] = links.get_relative_uri(current or PHANTOM_DOCNAME, part.docname)
        reference["anchorname"] = ""
        for node in entry.findall(nodes_module.Element):
            node["classes"] = [c for c in node["classes"] if c != "current"]
            node.attributes.pop("iscurrent", None)
        listing += entry
        if current == part.docname:
            # as Sphinx marks the page's own entry: the whole branch is current
            branch = reference
            while branch is not None:
                branch["classes"].append("current")
                branch = branch.parent


def _number(tree: Any, nodes_module: Any) -> list[tuple[Any, str]]:
    """Every list, item and link of ``tree`` in document order, as :func:`_mark` numbers them."""
    found: list[tuple[Any, str]] = []

    def visit(node: Any) -> None:
        if isinstance(node, nodes_module.list_item):
            found.append((node, LI))
        elif isinstance(node, nodes_module.bullet_list):
            found.append((node, UL))
        elif isinstance(node, nodes_module.reference):
            found.append((node, A))
        for child in node.children:
            if isinstance(child, nodes_module.Element):
                visit(child)

    visit(tree)
    return found


def _ancestors_of(tree: Any, numbered: list[tuple[Any, str]]) -> list[tuple[int, ...]]:
    index = {id(node): i for i, (node, _) in enumerate(numbered)}
    out: list[tuple[int, ...]] = []
    for node, _ in numbered:
        chain: list[int] = []
        parent = node.parent
        while parent is not None:
            if id(parent) in index:
                chain.append(index[id(parent)])
            parent = parent.parent
        out.append(tuple(chain))
    return out


def _store_path(builder: Builder) -> Path:
    return Path(builder.doctreedir) / STORE_FILENAME


def _load_store(path: Path) -> dict[tuple, tuple[str, SidebarTemplate | None]]:
    try:
        with path.open("rb") as file:
            store = pickle.load(file)
    except Exception:  # noqa: BLE001 - missing, old or damaged: build the templates anew
        return {}
    if not isinstance(store, _Store) or store.version != STORE_VERSION:
        return {}
    return dict(store.templates)


def _save_store(path: Path, store: _Store) -> None:
    # written whole then renamed, so a stopped build leaves no half file
    partial = path.with_name(path.name + f".{os.getpid()}")
    try:
        with partial.open("wb") as file:
            pickle.dump(store, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
    except OSError:
        partial.unlink(missing_ok=True)


def _mark(
    tree: nodes.Element, targets: list[str], nodes_module: Any
) -> tuple[list[str], list[tuple[int, ...]], dict[int, tuple[str, str]]]:
    """Number every list, item and link; read each link's target back from its token."""
    kinds: list[str] = []
    ancestors: list[tuple[int, ...]] = []
    links: dict[int, tuple[str, str]] = {}

    def visit(node: Any, outer: tuple[int, ...]) -> None:
        kind = None
        if isinstance(node, nodes_module.list_item):
            kind = LI
        elif isinstance(node, nodes_module.bullet_list):
            kind = UL
        elif isinstance(node, nodes_module.reference):
            kind = A
        inner = outer
        if kind is not None:
            element = len(kinds)
            kinds.append(kind)
            ancestors.append(outer)
            node["classes"].append(f"{CLASS_MARKER}{element}")
            inner = (element, *outer)
            refuri = node.get("refuri", "")
            if kind == A and refuri.startswith(HREF_TOKEN):
                number = re.match(r"\d+", refuri[len(HREF_TOKEN) :])
                assert number is not None
                links[element] = (targets[int(number[0])], refuri[len(HREF_TOKEN) + len(number[0]) :])
        for child in node.children:
            if isinstance(child, nodes_module.Element):
                visit(child, inner)

    visit(tree, ())
    return kinds, ancestors, links


def _size(tree: nodes.Element) -> int:
    return sum(1 for _ in tree.findall())


def _arguments_key(kind: str, startdepth: Any, show_nav_level: Any, kwargs: dict[str, Any]) -> tuple | None:
    try:
        return (kind, startdepth, show_nav_level, tuple(sorted(kwargs.items())))
    except TypeError:
        return None


def _links_of(toctree: object, app: Sphinx, pagename: str) -> str | None:
    """How the page's ``toctree`` writes links: Sphinx's way, sphinx-notfound-page's, or unknown."""
    if is_sphinx_page_toctree(toctree):
        return "sphinx"
    if is_notfound_toctree(toctree) and pagename == getattr(app.config, "notfound_pagename", None):
        return "notfound"
    return None


def _is_dirhtml(builder: Builder) -> bool:
    from sphinx.builders.dirhtml import DirectoryHTMLBuilder

    return isinstance(builder, DirectoryHTMLBuilder)


def _notfound_rewrite(prefix: str, dirhtml: bool) -> Callable[[str], str]:
    """The link sphinx-notfound-page writes for a relative one (its ``replace_uris``)."""

    def rewrite(href: str) -> str:
        if dirhtml:
            # the 404 page is served from any folder: it drops every "../"
            href = href.replace("../", "")
        if re.match(r"https?://", href):
            return href
        return prefix + href

    return rewrite


def take_over_theme_sidebar(app: Sphinx, cache: NavigationCache) -> None:
    """Install the fast function right after the theme installs its own.

    pydata-sphinx-theme renders the sidebar once already on ``html-page-context``
    (to drop empty templates), in a handler of the same priority registered
    just after the one that installs ``generate_toctree_html``: nothing may run
    between them.
    """
    install_theme_toctree_functions = theme_toctree_installer()
    if install_theme_toctree_functions is not None:
        run_right_after(app, "html-page-context", install_theme_toctree_functions, cache.on_html_page_context)
