"""The sidebar each page shows: the book's lists, a bounded window of each. Pure.

The sidebar lists the book (:class:`Navigation`): each part (its caption,
its chapters in book order, then a link to the part page, "418개의 글 모두
보기"), the pages in no part ("더 보기": the author's pages, the archive, the
tags) and any toctree the author wrote on the cover. An entry may hold lists
of its own: the toctrees a page holds (an author's, the tag pages under
"태그"). Showing every chapter on every page would make each page's weight
grow with the book, and the whole output with its square. A page shows
instead (:func:`sidebar`):

* in a list that holds the page (its own part, or a nested list of its
  branch): at most ``2 * window + 1`` entries around it, then the list's
  *more* entry if it has one;
* in a list of another part (a list with a *more* entry): only that entry;
* in any other list: its first ``2 * window + 1`` entries.

Lists inside an entry that is not shown are not looked at. The page's own
headings are never entries: they are the "on this page" box's.

On an incremental build, :func:`pages_to_rewrite` compares what each page
shows of the navigation before and after (its sidebar, its previous and next
pages): only pages whose view changed are written again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


def window_bounds(count: int, index: int, window: int) -> tuple[int, int]:
    """``[lo, hi)``: ``2 * window + 1`` entries around ``index``, shifted to stay inside ``count``."""
    size = 2 * window + 1
    if count <= size:
        return 0, count
    lo = min(max(0, index - window), count - size)
    return lo, lo + size


@dataclass(frozen=True)
class Link:
    """An entry: a page of the book (``docname``) or an address outside it (``url``)."""

    docname: str | None = None
    url: str | None = None
    #: the entry's own title (a toctree's ``Title <page>``, the *more* entry's); else the page's
    title: str | None = None


@dataclass(frozen=True)
class Listing:
    """A list at the top of the sidebar: a part, the pages in no part, or a toctree of the cover."""

    caption: str | None
    entries: tuple[Link, ...]
    #: a part's page, closing its list
    more: Link | None = None


@dataclass(frozen=True)
class Navigation:
    """Everything the sidebars and the previous/next links of a build show."""

    listings: tuple[Listing, ...]
    #: docname -> the entries of the toctrees it holds, in order
    children: Mapping[str, tuple[Link, ...]]
    #: docname -> its title as text
    titles: Mapping[str, str]
    #: docname -> (previous page, next page), as the theme links them
    neighbours: Mapping[str, tuple[str | None, str | None]]
    #: docname -> its title's markup, for titles that are more than text (prev/next show it)
    marked_up_titles: Mapping[str, str] = field(default_factory=dict)
    #: the page whose toctrees are the listings (the cover)
    root: str = "index"
    #: docname -> the pages whose toctrees list it (not compared, not kept: made from ``children``)
    parents: Mapping[str, frozenset[str]] = field(init=False, compare=False, repr=False)
    #: docname -> the one parent Sphinx's toctree takes it to have (see :meth:`chain`)
    sphinx_parent: Mapping[str, str] = field(init=False, compare=False, repr=False)
    #: listing -> docname -> its places in the listing's entries
    places: tuple[Mapping[str, tuple[int, ...]], ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        parents: dict[str, set[str]] = {}
        for parent, links in self.children.items():
            for link in links:
                if link.docname is not None:
                    parents.setdefault(link.docname, set()).add(parent)
        object.__setattr__(self, "parents", {d: frozenset(p) for d, p in parents.items()})
        places = []
        for listing in self.listings:
            found: dict[str, list[int]] = {}
            for index, link in enumerate(listing.entries):
                if link.docname is not None:
                    found.setdefault(link.docname, []).append(index)
            places.append({d: tuple(i) for d, i in found.items()})
        object.__setattr__(self, "places", tuple(places))
        # Sphinx reads the toctrees page by page in name order; the last page to list a page is its parent
        includes = dict(self.children)
        includes[self.root] = tuple(link for listing in self.listings for link in listing.entries)
        sphinx_parent = {}
        for parent in sorted(includes):
            for link in includes[parent]:
                if link.docname is not None:
                    sphinx_parent[link.docname] = parent
        object.__setattr__(self, "sphinx_parent", sphinx_parent)

    def __reduce__(self) -> tuple:
        # the indexes are made again on loading: the pickled environment keeps only the facts
        return (
            Navigation,
            (self.listings, self.children, self.titles, self.neighbours, self.marked_up_titles, self.root),
        )

    def chain(self, page: str) -> frozenset[str]:
        """``page`` and its one line of parents, as Sphinx's toctree ancestors (the cover left out)."""
        found = [page]
        while (parent := self.sphinx_parent.get(found[-1])) is not None and parent not in found and parent != self.root:
            found.append(parent)
        return frozenset(found)

    def holders(self, page: str) -> frozenset[str]:
        """``page`` and every page whose toctrees lead to it, at any depth."""
        found = {page}
        pending = [page]
        while pending:
            for parent in self.parents.get(pending.pop(), ()):
                if parent not in found:
                    found.add(parent)
                    pending.append(parent)
        return frozenset(found)

    def title(self, link: Link) -> str:
        if link.title is not None:
            return link.title
        if link.docname is not None:
            return self.titles.get(link.docname, link.docname)
        return link.url or ""

    @property
    def docnames(self) -> frozenset[str]:
        """Every page the navigation knows a title of."""
        return frozenset(self.titles)


@dataclass(frozen=True)
class Shown:
    """An entry as one page shows it."""

    link: Link
    title: str
    #: 1 for a listing's entries, 2 for the entries of a list inside one of them, ...
    level: int
    #: the page is this entry or lies inside it: the theme marks and opens the branch ("current")
    holds_page: bool
    #: the entry is the page itself: its link is the page's own
    is_page: bool
    #: the part page's entry that closes a part's list
    more: bool = False
    children: tuple[Shown, ...] = ()


@dataclass(frozen=True)
class ShownListing:
    caption: str | None
    #: the page is in this list ("current")
    holds_page: bool
    entries: tuple[Shown, ...]


def sidebar(
    navigation: Navigation, page: str, window: int, *, maxdepth: int = 0, collapse: bool = False
) -> tuple[ShownListing, ...]:
    """What ``page``'s sidebar shows of ``navigation``.

    ``maxdepth`` (the theme's ``max_navbar_depth``; 0: no limit) is the
    deepest level shown; with ``collapse``, only the entries of the page and
    its line of parents (:meth:`Navigation.chain`) show their toctrees' lists.
    """
    # collapsed, Sphinx keeps the lists only of the page and its line of parents,
    # before it marks the page's branch
    holders = navigation.chain(page) if collapse else navigation.holders(page)
    walk = _Walk(navigation, page, holders, window, maxdepth, collapse)
    out = []
    for listing in navigation.listings:
        entries = walk.entries(listing.entries, listing.more, 1, ())
        out.append(ShownListing(listing.caption, any(e.holds_page for e in entries), entries))
    return tuple(out)


@dataclass(frozen=True)
class _Walk:
    navigation: Navigation
    page: str
    holders: frozenset[str]
    window: int
    maxdepth: int
    collapse: bool

    def entries(self, links: tuple[Link, ...], more: Link | None, level: int, chain: tuple[str, ...]) -> tuple[Shown, ...]:
        holding = [i for i, link in enumerate(links) if link.docname in self.holders]
        if holding:
            # several entries may hold the page (a page listed twice): around the last, as the theme's tree is cut
            lo, hi = window_bounds(len(links), holding[-1], self.window)
        elif more is not None:
            lo = hi = 0  # another part: its page only
        else:
            lo, hi = 0, min(len(links), 2 * self.window + 1)
        shown = [self.entry(link, level, chain) for link in links[lo:hi]]
        if more is not None:
            here = more.docname == self.page
            shown.append(Shown(more, self.navigation.title(more), level, here, here, more=True))
        return tuple(shown)

    def entry(self, link: Link, level: int, chain: tuple[str, ...]) -> Shown:
        docname = link.docname
        holds = docname is not None and docname in self.holders
        children: tuple[Shown, ...] = ()
        inner = self.navigation.children.get(docname, ()) if docname is not None else ()
        deeper = self.maxdepth <= 0 or level < self.maxdepth
        # a page whose toctrees lead back to itself shows its list once (Sphinx warns of the circle);
        # collapsed (the theme's collapse_navbar), only the page's branch shows its lists
        if inner and deeper and docname not in chain and (holds or not self.collapse):
            children = self.entries(inner, None, level + 1, (*chain, docname))
        return Shown(link, self.navigation.title(link), level, holds, docname == self.page, children=children)


# -- incremental builds ---------------------------------------------------------------


def page_view(navigation: Navigation, page: str, window: int) -> tuple:
    """Everything ``page`` shows of the navigation: its whole sidebar, its previous and next pages."""
    previous, following = navigation.neighbours.get(page, (None, None))
    return (
        sidebar(navigation, page, window),
        tuple(
            (d, navigation.titles.get(d), navigation.marked_up_titles.get(d)) if d is not None else None
            for d in (previous, following)
        ),
    )


def pages_to_rewrite(old: Navigation, new: Navigation, window: int) -> set[str]:
    """The pages whose sidebar or previous/next links differ between two navigations.

    Exact, and cheaper than comparing every page: only pages that can show
    something that changed are compared (see :func:`_candidates`).
    """
    if old == new:
        return set()
    return {d for d in _candidates(old, new, window) if page_view(old, d, window) != page_view(new, d, window)}


def _candidates(old: Navigation, new: Navigation, window: int) -> set[str]:
    """A superset of the pages whose view changed.

    What every page can show (:func:`_frame`: the captions and *more*
    entries, the lists that are no part, the entries' own lists, their
    titles) changed: every page. Otherwise a page shows what changed only
    if it is in a part whose chapters changed, or near enough to a retitled
    chapter of its part that its window can hold it, or if a page next to it
    changed or was retitled (its previous/next).
    """
    everything = old.docnames | new.docnames
    if _frame(old) != _frame(new):
        return set(everything)
    found: set[str] = set()
    for before, after in zip(old.listings, new.listings):
        if before.more is None:
            continue  # in the frame
        if before.entries != after.entries:
            found.update(link.docname for link in (*before.entries, *after.entries) if link.docname is not None)
            continue
        retitled_at = [
            i for i, (was, now) in enumerate(zip(_titles(old, before.entries), _titles(new, after.entries))) if was != now
        ]
        if retitled_at:
            found |= _within_reach(new, after.entries, retitled_at, window)
    retitled = {
        d for d in everything
        if old.titles.get(d) != new.titles.get(d) or old.marked_up_titles.get(d) != new.marked_up_titles.get(d)
    }
    for d in everything:
        if old.neighbours.get(d) != new.neighbours.get(d):
            found.add(d)
    for navigation in (old, new):
        for d, pair in navigation.neighbours.items():
            if any(n in retitled for n in pair if n is not None):
                found.add(d)
    return found


def _within_reach(navigation: Navigation, entries: tuple[Link, ...], positions: list[int], window: int) -> set[str]:
    """The pages of ``entries`` whose window can hold an entry at one of ``positions``.

    A page's window is ``2 * window + 1`` entries around the last entry that
    holds it (:meth:`Navigation.holders`), so it holds only entries at most
    ``2 * window`` away from one of those.
    """
    at: dict[str, list[int]] = {}
    for i, link in enumerate(entries):
        if link.docname is not None:
            at.setdefault(link.docname, []).append(i)
    reach = 2 * window
    return {
        docname
        for docname in at
        if any(abs(i - p) <= reach for holder in navigation.holders(docname) for i in at.get(holder, ()) for p in positions)
    }


def _frame(navigation: Navigation) -> tuple:
    """What a page shows whichever part it is in: the same on every page but for its window."""
    listings = tuple(
        (listing.caption, listing.more, navigation.title(listing.more))
        if listing.more is not None
        else (listing.caption, listing.entries, _titles(navigation, listing.entries))
        for listing in navigation.listings
    )
    nested = sorted(navigation.children.items())
    inside = sorted({link.docname for _, links in nested for link in links if link.docname is not None} | set(navigation.children))
    # which toctree Sphinx takes to be a page's parent (a collapsed sidebar opens that line)
    parents = sorted((d, p) for d, p in navigation.sphinx_parent.items() if p != navigation.root)
    return (navigation.root, listings, nested, tuple((d, navigation.titles.get(d)) for d in inside), parents)


def _titles(navigation: Navigation, links: Iterable[Link]) -> tuple[str, ...]:
    return tuple(navigation.title(link) for link in links)

