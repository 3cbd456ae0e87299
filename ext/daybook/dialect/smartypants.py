"""Smart punctuation in Markdown text, as gatsby-remark-smartypants made it.

Wire it (anywhere after ``create_md_parser``: it places itself after MyST's
``text_join`` core rule, so after :func:`.emoji.emoji_plugin`'s rule)::

    parser.use(smartypants_plugin)  # from .smartypants import smartypants_plugin

Pure: knows markdown-it, not Sphinx.

The blog ran retext-smartypants (3.0.3, through gatsby-remark-smartypants 2.x;
4.0.0 answers the same) with its defaults on every Markdown text node:
``"`` and ``'`` become “ ” ‘ ’ (``don't`` → don’t, ``"사수가 ..."고`` →
“사수가 ...”고), ``--`` an em dash — (``---`` is left as written), three or
more full stops an ellipsis …, ````` `` ````` “ and ``''`` ”; a single
backtick stays. Only Markdown text is read: never code spans, fences, math,
raw HTML (tags and attributes), link targets or autolinks' text.

retext decides a quote from its neighbours in the natural-language tree that
parse-latin builds: words (with ``'``, ``-``, ``.``, ... between two words
inside them), white space, punctuation (runs of one character), split into
sentences after ``.``, ``?``, ``!``, ``…`` and the closing quotes that follow.
This module builds the same neighbours for what the posts contain, and
applies retext-smartypants' rules to them.

gatsby-remark-smartypants ran once per mdast text node, so a quote is decided
from its own node's text only: in ``"**bold** text"`` the first ``"`` sees no
word after it (the bold is another node) and closes (”), as it did on the
blog. Here a node is a run of ``text`` tokens and the soft breaks between
them (remark kept line breaks inside one text node; markdown-it splits them).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .markdown import without_autolink_text

# kinds of nodes, as nlcst names them
_WORD, _TEXT, _WHITE, _PUNCT = "word", "text", "white", "punct"

_INNER_WORD = frozenset("'-_&.:/@=?’·")  # parse-latin joins `a'b`, `a-b`, ... into one word
_TERMINAL = re.compile(r"^[.?!…]+$")
_CLOSING = frozenset("\"')]}”’»")
_DECADE = re.compile(r"^\d\ds$")
_OPEN = {'"': "“", "'": "‘"}
_CLOSE = {'"': "”", "'": "’"}


@dataclass
class _Node:
    kind: str
    value: str = ""
    children: list[_Node] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c.text() for c in self.children) if self.kind == _WORD else self.value


def _is_word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LNM"


def _words(text: str) -> list[_Node]:
    """The leaves, word characters grouped, ``a'b``-like joins made words."""
    flat: list[_Node] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char.isspace():
            end = position
            while end < len(text) and text[end].isspace():
                end += 1
            flat.append(_Node(_WHITE, text[position:end]))
        elif _is_word_char(char):
            end = position
            while end < len(text) and _is_word_char(text[end]):
                end += 1
            flat.append(_Node(_WORD, children=[_Node(_TEXT, text[position:end])]))
        else:
            end = position
            while end < len(text) and text[end] == char:
                end += 1
            flat.append(_Node(_PUNCT, text[position:end]))
        position = end
    joined: list[_Node] = []
    for node in flat:
        if (
            node.kind == _WORD
            and len(joined) >= 2
            and joined[-2].kind == _WORD
            and joined[-1].kind == _PUNCT
            and joined[-1].value in _INNER_WORD
        ):
            inner = joined.pop()
            joined[-1].children.extend([inner, *node.children])
        else:
            joined.append(node)
    return joined


def _sentences(nodes: list[_Node]) -> list[list[_Node]]:
    """Sentences, and the white space between them as sentences of its own."""
    pieces: list[list[_Node]] = [[]]
    index = 0
    while index < len(nodes):
        node = nodes[index]
        pieces[-1].append(node)
        index += 1
        if node.kind == _PUNCT and _TERMINAL.match(node.value):
            while index < len(nodes) and nodes[index].kind == _PUNCT and nodes[index].value[0] in _CLOSING:
                pieces[-1].append(nodes[index])
                index += 1
            pieces.append([])
    sentences: list[list[_Node]] = []
    for piece in pieces:
        if not piece:
            continue
        lead = 0
        while lead < len(piece) and piece[lead].kind == _WHITE:
            lead += 1
        head = piece[lead] if lead < len(piece) else None
        first_word = next((n for n in piece if n.kind == _WORD), None)
        if sentences and (
            first_word is None  # a sentence without words joins the one before
            or not any(n.kind == _WORD for n in sentences[-1])
            or (head is not None and head.kind == _PUNCT and head.value[0] in ",;:")
            or (head is first_word and first_word.text()[0].islower())
            or (lead == 0 and head is first_word and first_word.text()[0].isdigit())
        ):
            sentences[-1].extend(piece)
            continue
        sentences.append(piece)
    # white space at either end of a sentence is not part of it
    result: list[list[_Node]] = []
    for sentence in sentences:
        start, end = 0, len(sentence)
        while start < end and sentence[start].kind == _WHITE:
            start += 1
        while end > start and sentence[end - 1].kind == _WHITE:
            end -= 1
        for part in (sentence[:start], sentence[start:end], sentence[end:]):
            if part:
                result.append(part)
    return result


def _quote(siblings: list[_Node], index: int) -> None:
    """retext-smartypants' ``quotes`` educator, its cases in its order."""
    node = siblings[index]
    value = node.value
    if value not in _OPEN:
        return
    prev = siblings[index - 1] if index > 0 else None
    after = siblings[index + 1] if index + 1 < len(siblings) else None
    after_next = siblings[index + 2] if index + 2 < len(siblings) else None
    after_value = after.text() if after else ""
    if after and after_next and after.kind == _PUNCT and after_next.kind != _WORD:
        node.value = _CLOSE[value]  # a quote then punctuation, not before a word
    elif after and after_next and after_value in _OPEN and after_next.kind == _WORD:
        node.value = _OPEN[value]  # "'Quoted' words ..."
        after.value = _OPEN[after_value]
    elif after and _DECADE.match(after_value):
        node.value = _CLOSE[value]  # the '80s
    elif prev and after and prev.kind in (_WHITE, _PUNCT) and after.kind == _WORD:
        node.value = _OPEN[value]
    elif prev and prev.kind not in (_WHITE, _PUNCT):
        node.value = _CLOSE[value]
    elif after is None or after.kind == _WHITE or (value == "'" and after_value == "s"):
        node.value = _CLOSE[value]
    else:
        node.value = _OPEN[value]


def _ellipsis(siblings: list[_Node], index: int) -> int:
    """``...`` (and ``. . .``) to …; returns how many siblings before it were removed."""
    node = siblings[index]
    if re.fullmatch(r"\.{3,}", node.value):
        node.value = "…"
        return 0
    if not re.fullmatch(r"\.+", node.value):
        return 0
    position, count, removed = index, 1, 0
    while position - 2 >= 0 and siblings[position - 1].kind == _WHITE:
        dots = siblings[position - 2]
        if position - 1 == 0 or dots.kind != _PUNCT or not re.fullmatch(r"\.+", dots.value):
            break
        position -= 2
        count += 1
        removed += 2
    if count < 3:
        return 0
    del siblings[position:index]
    node.value = "…"
    return removed


def _educate(siblings: list[_Node]) -> None:
    index = 0
    while index < len(siblings):
        node = siblings[index]
        if node.kind == _WORD:
            _educate(node.children)
        elif node.kind == _PUNCT:
            _quote(siblings, index)
            # retext's walk goes on at the next index of the shortened list,
            # so it skips as many nodes as the ellipsis removed: so does this
            _ellipsis(siblings, index)
            if node.value == "``":
                node.value = "“"
            elif node.value == "''":
                node.value = "”"
            elif node.value == "--":
                node.value = "—"
        index += 1


def smarten(text: str) -> str:
    """``text`` as retext-smartypants with its default options returns it."""
    # only quotes, backticks, "--" and dotted ellipses change: most Korean
    # sentences have none of them and a full stop only
    if not any(mark in text for mark in ('"', "'", "`", "--", "..", ". .")):
        return text
    sentences = _sentences(_words(text))
    for sentence in sentences:
        _educate(sentence)
    return "".join(node.text() for sentence in sentences for node in sentence)


def _text_nodes(children: list[Token]) -> Iterator[list[Token]]:
    """Runs of ``text`` tokens and soft breaks: the text nodes remark made; autolinks' text left out."""
    run: list[Token] = []
    for token in without_autolink_text(children):
        if token.type == "text" or (token.type == "softbreak" and run):
            run.append(token)
            continue
        yield from _trimmed(run)
        run = []
    yield from _trimmed(run)


def _trimmed(run: list[Token]) -> Iterator[list[Token]]:
    while run and run[-1].type == "softbreak":
        run = run[:-1]
    if run:
        yield run


def _smarten_node(run: list[Token]) -> None:
    texts = [t for t in run if t.type == "text"]
    source = "".join(t.content if t.type == "text" else "\n" for t in run)
    parts = smarten(source).split("\n")
    if len(parts) != len(texts):
        # a spaced ellipsis across a line break joined lines: smarten each line alone
        for token in texts:
            token.content = smarten(token.content)
        return
    for token, part in zip(texts, parts, strict=True):
        token.content = part


def smartypants_plugin(md: MarkdownIt) -> None:
    """Curly quotes, em dashes and ellipses in text tokens, per remark text node.

    Runs after ``text_join``, so an escaped or entity-written quote is text as
    remark read it.
    """

    def rule(state: StateCore) -> None:
        for block in state.tokens:
            if block.type != "inline" or not block.children:
                continue
            for run in _text_nodes(block.children):
                _smarten_node(run)

    md.core.ruler.after("text_join", "daybook_smartypants", rule)
