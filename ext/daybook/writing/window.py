"""Which entries of the sidebar tree a page shows: a bounded window. Pure.

The book's sidebar lists parts (captions), each a list of chapters. Showing
every chapter on every page makes each page's weight grow with the book, and
the whole output with its square. A page shows instead:

* in a list that holds the page (its own part, or a branch of a nested
  list): at most ``2 * window + 1`` entries around it, then the list's
  *more* entry (a link to the part page, which lists them all);
* in a list of another part (one that has a *more* entry): only that entry;
* in any other list (the "more" pages, a tag list): its first
  ``2 * window + 1`` entries.

Lists inside an entry that is not shown are not looked at. The tree is
described by element numbers in document order (see
:class:`.navigation.SidebarTemplate`), so the fast sidebar and the tree the
theme renders for the same page decide alike.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

#: entries shown on each side of the page's own entry (``daybook_sidebar_window``)
DEFAULT_WINDOW = 4


def window_bounds(count: int, index: int, window: int) -> tuple[int, int]:
    """``[lo, hi)``: ``2 * window + 1`` entries around ``index``, shifted to stay inside ``count``."""
    size = 2 * window + 1
    if count <= size:
        return 0, count
    lo = min(max(0, index - window), count - size)
    return lo, lo + size


class TreeShape:
    """The lists and entries of a numbered sidebar tree, as :func:`shown_windows` reads them.

    ``kinds[i]`` is ``"li"``, ``"ul"`` or ``"a"``; ``ancestors[i]`` the
    numbered elements around element ``i``, nearest first; ``more`` the
    *more* entries (each the last of its list).
    """

    def __init__(self, kinds: Sequence[str], ancestors: Sequence[tuple[int, ...]], more: Collection[int]) -> None:
        #: top-level lists, in order
        self.lists: list[int] = []
        #: list -> its entries but the *more* one, in order
        self.real: dict[int, list[int]] = {}
        #: list -> its *more* entry
        self.more_of: dict[int, int] = {}
        #: entry -> the lists inside it
        self.nested: dict[int, list[int]] = {}
        #: entry -> (its list, its index among the list's real entries)
        self.place: dict[int, tuple[int, int]] = {}
        for element, kind in enumerate(kinds):
            parent = ancestors[element][0] if ancestors[element] else None
            if kind == "ul":
                self.real.setdefault(element, [])
                if parent is None:
                    self.lists.append(element)
                else:
                    self.nested.setdefault(parent, []).append(element)
            elif kind == "li" and parent is not None:
                if element in more:
                    self.more_of[parent] = element
                else:
                    entries = self.real.setdefault(parent, [])
                    self.place[element] = (parent, len(entries))
                    entries.append(element)

    def shown(self, current: Collection[int], window: int) -> dict[int, tuple[int, int]]:
        """For each list the page shows, ``[lo, hi)`` of its real entries (its *more* entry always shows)."""
        own = {self.place[li][0]: self.place[li][1] for li in current if li in self.place}
        shown: dict[int, tuple[int, int]] = {}
        pending = list(self.lists)
        while pending:
            ul = pending.pop()
            count = len(self.real[ul])
            if ul in own:
                lo, hi = window_bounds(count, own[ul], window)
            elif ul in self.more_of:
                lo = hi = 0  # another part: its link only
            else:
                lo, hi = 0, min(count, 2 * window + 1)
            shown[ul] = (lo, hi)
            for li in self.real[ul][lo:hi]:
                pending.extend(self.nested.get(li, ()))
        return shown

    def hidden(self, current: Collection[int], window: int) -> list[tuple[int, int]]:
        """Runs of neighbouring entries the page leaves out: ``(first, last)`` elements, in no order."""
        runs: list[tuple[int, int]] = []
        for ul, (lo, hi) in self.shown(current, window).items():
            entries = self.real[ul]
            if lo > 0:
                runs.append((entries[0], entries[lo - 1]))
            if hi < len(entries):
                runs.append((entries[hi], entries[-1]))
        return runs
