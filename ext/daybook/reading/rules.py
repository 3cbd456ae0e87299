"""Horizontal rules wherever the blog drew them.

A post may end with ``---`` (or ``***``), open with one, or draw two in a row;
the blog showed each as a rule. docutils allows a transition only between
body elements of a section and warns about the others ("Document may not end
with a transition"). Such a rule is written as the HTML rule the blog showed,
``<hr>``, without a warning; every other rule stays a transition.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform

#: what an HTML page shows for ``---``: the same as a transition docutils accepts
RULE_HTML = '<hr class="docutils" />\n'

_OPENERS = (nodes.title, nodes.subtitle, nodes.meta, nodes.decoration)


def is_misplaced(rule: nodes.transition) -> bool:
    """docutils' ``Transitions`` would warn about ``rule`` (same conditions, same order)."""
    parent = rule.parent
    if not isinstance(parent, (nodes.document, nodes.section)):
        return True
    index = parent.index(rule)
    previous = parent[index - 1] if index else None
    if previous is None or isinstance(previous, (*_OPENERS, nodes.transition)):
        return True
    # the last thing of the page: last in its section, that section last in its own, up to the document
    node: nodes.Element = rule
    while node.parent is not None:
        if node.parent.index(node) != len(node.parent) - 1:
            return False
        node = node.parent
    return True


class RulesAsWritten(SphinxTransform):
    """A rule docutils cannot place becomes the ``<hr>`` the blog showed."""

    # before docutils' Transitions (830), which warns about them
    default_priority = 820

    def apply(self, **kwargs: object) -> None:
        for rule in list(self.document.findall(nodes.transition)):
            if is_misplaced(rule):
                drawn = nodes.raw("", RULE_HTML, format="html")
                drawn.source, drawn.line = rule.source, rule.line
                rule.replace_self(drawn)
