"""A post's formulas as LaTeX built only from an allow-list.

Pure: knows nothing of Sphinx. Every formula of a post reaches the PDF
through :func:`latex_formula`, which reads the TeX as KaTeX did on the blog
and writes it again, token by token: a command is written only if it is on
the allow-list below (math and text commands of LaTeX, amsmath, amssymb, bm,
mathtools, cancel and mathrsfs that KaTeX also knows), with its arguments
checked, so nothing else of TeX (``\\directlua``, ``\\input``, ``\\catcode``,
``\\csname``, ``^^`` escapes, ``\\def``) can appear in the ``.tex`` file, in
math or in ``\\text{}``. The checks also refuse what LaTeX would stop on
(unbalanced braces, ``&`` outside an alignment, a double superscript,
``\\left`` without ``\\right``), so an accepted formula typesets: a refused
one is shown as its source, with the reason (:class:`FormulaError`).

Unicode letters and symbols written straight into math (``L(θ;x)``, ``a ≤
b``) become their commands (``\\theta``, ``\\le``); other letters (Hangul,
emoji) are set as text (``\\text{손실}``), as KaTeX showed them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .tex import math_for_latex


class FormulaError(ValueError):
    """The formula cannot be typeset by LaTeX as written; the message says why."""


# -- what may appear ------------------------------------------------------------------

_GREEK = (
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa varkappa lambda mu nu xi "
    "pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega "
    "Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega digamma"
)
_SYMBOLS = (
    # relations
    "le leq ge geq ne neq approx equiv sim simeq cong propto ll gg lll ggg prec succ preceq succeq "
    "subset supset subseteq supseteq subsetneq supsetneq in notin ni owns mid nmid parallel nparallel perp "
    "models vdash dashv asymp doteq triangleq coloneqq eqqcolon lesssim gtrsim leqslant geqslant "
    "nless ngtr nleq ngeq approxeq thicksim bowtie smile frown "
    # arrows
    "to gets leftarrow rightarrow leftrightarrow Leftarrow Rightarrow Leftrightarrow longleftarrow "
    "longrightarrow longleftrightarrow Longleftarrow Longrightarrow Longleftrightarrow mapsto longmapsto "
    "implies impliedby iff uparrow downarrow updownarrow Uparrow Downarrow Updownarrow nearrow searrow "
    "swarrow nwarrow hookrightarrow hookleftarrow rightharpoonup rightleftharpoons leadsto "
    # binary operators
    "pm mp times div cdot circ bullet ast star oplus ominus otimes oslash odot cup cap sqcup sqcap "
    "bmod vee wedge land lor setminus smallsetminus wr dagger ddagger amalg uplus triangleleft triangleright "
    "bigtriangleup bigtriangledown diamond "
    # large operators
    "sum prod coprod int iint iiint oint bigcup bigcap bigsqcup bigvee bigwedge bigoplus bigotimes "
    "bigodot biguplus "
    # operator names
    "lim liminf limsup sup inf max min arg det dim exp gcd hom ker lg ln log Pr deg "
    "sin cos tan cot sec csc sinh cosh tanh coth arcsin arccos arctan "
    # ordinary symbols
    "infty partial nabla forall exists nexists neg lnot emptyset varnothing aleph beth hbar hslash ell "
    "wp Re Im prime backprime angle measuredangle triangle square blacksquare lozenge top bot "
    "clubsuit diamondsuit heartsuit spadesuit flat natural sharp surd imath jmath "
    "therefore because checkmark circledR maltese "
    "ldots cdots vdots ddots dots dotsc dotsb dotsm dotsi dotso colon "
    # delimiters
    "langle rangle lfloor rfloor lceil rceil lbrace rbrace lbrack rbrack vert Vert lvert rvert lVert rVert "
    "backslash "
    # spacing and style
    "quad qquad enspace thinspace medspace thickspace negthinspace negmedspace negthickspace space "
    "displaystyle textstyle scriptstyle scriptscriptstyle nonumber notag "
    "limits nolimits displaylimits not hline "
    # fractions written between their parts (TeX's own)
    "over choose atop "
    # sizes
    "big Big bigg Bigg bigl Bigl biggl Biggl bigr Bigr biggr Biggr bigm Bigm biggm Biggm left right middle "
)
#: control symbols (``\\,``) allowed in math
_MATH_CONTROL_SYMBOLS = set(",:;! {}|#$%&_>")
#: control symbols allowed in text (``\\text{…}``); accents take one argument
_TEXT_CONTROL_SYMBOLS = set(", #$%&_{}")
_TEXT_ACCENTS = set("'`^\"~=.")

#: commands and the arguments they take: "m" a math argument, "t" text, "o" an
#: optional math argument in brackets, "*" an optional star
_ARGUMENTS: dict[str, str] = {
    **dict.fromkeys("frac dfrac tfrac cfrac binom dbinom tbinom overset underset stackrel".split(), "mm"),
    "sqrt": "om",
    "xrightarrow": "om",
    "xleftarrow": "om",
    "cancelto": "mm",
    **dict.fromkeys(
        (
            "hat widehat tilde widetilde bar overline underline vec dot ddot dddot acute grave breve check "
            "mathring overrightarrow overleftarrow overleftrightarrow underrightarrow underleftarrow "
            "overbrace underbrace phantom hphantom vphantom smash boxed cancel bcancel xcancel "
            "bm boldsymbol pmb mathrm mathbf mathit mathsf mathtt mathcal mathscr mathfrak mathbb mathnormal "
            "mathop mathbin mathrel mathord mathopen mathclose mathpunct mathinner pmod pod mod substack"
        ).split(),
        "m",
    ),
    "operatorname": "*m",
    **dict.fromkeys("text textrm textbf textit textsf texttt textup textnormal mbox emph".split(), "t"),
}
#: KaTeX's own names for commands LaTeX spells otherwise
_REWRITES: dict[str, list[object]] = {}
#: environments: name -> (where it may be, what follows \begin{name})
_TOP_ENVIRONMENTS = {
    "align": "align*", "align*": "align*", "gather": "gather*", "gather*": "gather*",
    "equation": "equation*", "equation*": "equation*", "multline": "multline*", "multline*": "multline*",
    "alignat": "alignat*", "alignat*": "alignat*", "flalign": "flalign*", "flalign*": "flalign*",
}
_INNER_ENVIRONMENTS = {
    "aligned", "gathered", "alignedat", "cases", "dcases", "rcases", "matrix", "pmatrix", "bmatrix",
    "Bmatrix", "vmatrix", "Vmatrix", "smallmatrix", "array", "subarray",
}
_ENVIRONMENT_ARGUMENT = {"array": "columns", "subarray": "columns", "alignat": "number", "alignat*": "number", "alignedat": "number"}
_OPERATORS = set(
    "sum prod coprod int iint iiint oint bigcup bigcap bigsqcup bigvee bigwedge bigoplus bigotimes bigodot "
    "biguplus lim liminf limsup sup inf max min arg det gcd Pr mathop operatorname argmax argmin".split()
)
_DELIMITER_COMMANDS = set(
    "langle rangle lfloor rfloor lceil rceil lbrace rbrace lbrack rbrack vert Vert lvert rvert lVert rVert "
    "backslash uparrow downarrow updownarrow Uparrow Downarrow Updownarrow { } |".split()
)
_DELIMITER_CHARACTERS = set("()[]|/.<>")
_SIZES = set("big Big bigg Bigg bigl Bigl biggl Biggl bigr Bigr biggr Biggr bigm Bigm biggm Biggm".split())
_COLORS = set(
    "black blue brown cyan darkgray gray green lightgray lime magenta olive orange pink purple red teal "
    "violet white yellow".split()
)
_DIMENSION = re.compile(r"\s*-?\s*(?:\d+\.?\d*|\.\d+)\s*(?:em|ex|pt|mu|cm|mm|in|bp|pc|px)\s*")
_COLUMNS = re.compile(r"\s*[lcr|]+\s*")
_NUMBER = re.compile(r"\s*\d{1,2}\s*")
_HEX_COLOR = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")
#: deeper than this, a formula is refused (no recursion limit is ever reached)
MAX_DEPTH = 40

_SYMBOL_NAMES = set(_GREEK.split()) | set(_SYMBOLS.split())


# -- tokens -------------------------------------------------------------------------------


@dataclass
class Command:
    name: str  # without the backslash; one character for a control symbol


@dataclass
class Char:
    char: str


@dataclass
class Space:
    pass


@dataclass
class Group:
    items: list = field(default_factory=list)


def _command(name: str) -> list[object]:
    return [Command(name)]


def _letter_group(command: str, letter: str) -> list[object]:
    return [Command(command), Group([Char(letter)])]


def _operator_name(first: str, second: str) -> list[object]:
    return [Command("operatorname"), Char("*"), Group([*map(Char, first), Command(","), *map(Char, second)])]


_REWRITES.update(
    {
        "R": _letter_group("mathbb", "R"),
        "Reals": _letter_group("mathbb", "R"),
        "reals": _letter_group("mathbb", "R"),
        "N": _letter_group("mathbb", "N"),
        "natnums": _letter_group("mathbb", "N"),
        "Z": _letter_group("mathbb", "Z"),
        "Q": _letter_group("mathbb", "Q"),
        "C": _letter_group("mathbb", "C"),
        "cnums": _letter_group("mathbb", "C"),
        "bold": _command("mathbf"),
        "Bbb": _command("mathbb"),
        "hbox": _command("mbox"),
        "empty": _command("emptyset"),
        "lang": _command("langle"),
        "rang": _command("rangle"),
        "infin": _command("infty"),
        "isin": _command("in"),
        "larr": _command("leftarrow"),
        "rarr": _command("rightarrow"),
        "Larr": _command("Leftarrow"),
        "Rarr": _command("Rightarrow"),
        "harr": _command("leftrightarrow"),
        "Harr": _command("Leftrightarrow"),
        "plusmn": _command("pm"),
        "sdot": _command("cdot"),
        **{name: _letter_group("mathrm", latin) for name, latin in {
            "Alpha": "A", "Beta": "B", "Epsilon": "E", "Zeta": "Z", "Eta": "H", "Iota": "I", "Kappa": "K",
            "Mu": "M", "Nu": "N", "Omicron": "O", "Rho": "P", "Tau": "T", "Chi": "X"}.items()},
        "omicron": [Char("o")],
        # "arg max" with a thin space, as KaTeX's \argmax would need it
        "argmax": _operator_name("arg", "max"),
        "argmin": _operator_name("arg", "min"),
    }
)

#: Unicode written straight into math, and what LaTeX calls it
UNICODE_MATH: dict[str, list[object]] = {
    **{letter: _command(name) for letter, name in zip(
        "αβγδεζηθικλμνξπρςστυφχψω",
        "alpha beta gamma delta varepsilon zeta eta theta iota kappa lambda mu nu xi pi rho varsigma sigma tau "
        "upsilon varphi chi psi omega".split(),
    )},
    **{letter: _command(name) for letter, name in zip(
        "ΓΔΘΛΞΠΣΥΦΨΩ", "Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega".split()
    )},
    # capitals that look Latin: upright Latin letters, as KaTeX's \Alpha
    **{letter: _letter_group("mathrm", latin) for letter, latin in zip("ΑΒΕΖΗΙΚΜΝΟΡΤΧ", "ABEZHIKMNOPTX")},
    "ο": [Char("o")],
    "ϵ": _command("epsilon"), "ϑ": _command("vartheta"), "ϕ": _command("phi"), "ϖ": _command("varpi"),
    "ϱ": _command("varrho"), "ϰ": _command("varkappa"), "ϝ": _command("digamma"),
    "≤": _command("le"), "≥": _command("ge"), "≠": _command("ne"), "≈": _command("approx"),
    "≡": _command("equiv"), "∼": _command("sim"), "≃": _command("simeq"), "≅": _command("cong"),
    "∝": _command("propto"), "≪": _command("ll"), "≫": _command("gg"), "≺": _command("prec"),
    "≻": _command("succ"), "⪯": _command("preceq"), "⪰": _command("succeq"), "⊂": _command("subset"),
    "⊃": _command("supset"), "⊆": _command("subseteq"), "⊇": _command("supseteq"), "⊊": _command("subsetneq"),
    "∈": _command("in"), "∉": _command("notin"), "∋": _command("ni"), "∣": _command("mid"),
    "∤": _command("nmid"), "∥": _command("parallel"), "⊥": _command("perp"), "⊨": _command("models"),
    "⊢": _command("vdash"), "≜": _command("triangleq"), "≔": _command("coloneqq"),
    "→": _command("to"), "←": _command("gets"), "↔": _command("leftrightarrow"), "⇒": _command("Rightarrow"),
    "⇐": _command("Leftarrow"), "⇔": _command("Leftrightarrow"), "↦": _command("mapsto"),
    "⟶": _command("longrightarrow"), "⟵": _command("longleftarrow"), "⟹": _command("Longrightarrow"),
    "⟸": _command("Longleftarrow"), "⟺": _command("Longleftrightarrow"), "↑": _command("uparrow"),
    "↓": _command("downarrow"), "⇑": _command("Uparrow"), "⇓": _command("Downarrow"),
    "±": _command("pm"), "∓": _command("mp"), "×": _command("times"), "÷": _command("div"),
    "·": _command("cdot"), "⋅": _command("cdot"), "∘": _command("circ"), "•": _command("bullet"),
    "∗": _command("ast"), "⋆": _command("star"), "⊕": _command("oplus"), "⊖": _command("ominus"),
    "⊗": _command("otimes"), "⊙": _command("odot"), "∪": _command("cup"), "∩": _command("cap"),
    "∨": _command("lor"), "∧": _command("land"), "∖": _command("setminus"), "†": _command("dagger"),
    "∑": _command("sum"), "∏": _command("prod"), "∐": _command("coprod"), "∫": _command("int"),
    "∬": _command("iint"), "∭": _command("iiint"), "∮": _command("oint"), "⋃": _command("bigcup"),
    "⋂": _command("bigcap"),
    "∞": _command("infty"), "∂": _command("partial"), "∇": _command("nabla"), "∀": _command("forall"),
    "∃": _command("exists"), "∄": _command("nexists"), "¬": _command("neg"), "∅": _command("emptyset"),
    "ℵ": _command("aleph"), "ℏ": _command("hbar"), "ℓ": _command("ell"), "℘": _command("wp"),
    "∠": _command("angle"), "△": _command("triangle"), "□": _command("square"), "⊤": _command("top"),
    "∴": _command("therefore"), "∵": _command("because"), "√": _command("surd"),
    "…": _command("ldots"), "⋯": _command("cdots"), "⋮": _command("vdots"), "⋱": _command("ddots"),
    "⟨": _command("langle"), "⟩": _command("rangle"), "⌊": _command("lfloor"), "⌋": _command("rfloor"),
    "⌈": _command("lceil"), "⌉": _command("rceil"), "‖": _command("Vert"),
    "ℝ": _letter_group("mathbb", "R"), "ℕ": _letter_group("mathbb", "N"), "ℤ": _letter_group("mathbb", "Z"),
    "ℚ": _letter_group("mathbb", "Q"), "ℂ": _letter_group("mathbb", "C"),
    "′": [Char("'")], "″": [Char("'"), Char("'")], "‴": [Char("'"), Char("'"), Char("'")],
    "−": [Char("-")], "–": [Char("-")], "∶": [Char(":")],
    "°": [Char("^"), Group([Command("circ")])],
    "\u00a0": [Space()], "\u2009": [Command(",")], "\u200a": [Command(",")], "\u2003": [Command("quad")],
}
_SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ", "0123456789+-=()ni"))
_SUBSCRIPTS = dict(zip("₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓᵢⱼₖₙₘₜ", "0123456789+-=()aeoxijknmt"))

_ALLOWED = (_SYMBOL_NAMES | set(_ARGUMENTS) | _MATH_CONTROL_SYMBOLS | _TEXT_ACCENTS
            | {"begin", "end", "color", "textcolor", "colorbox", "tag", "hspace", "kern", "mkern", "mskip", "hskip", "\\"})


def _tokens(tex: str) -> list[object]:
    """The formula as tokens; raises on what LaTeX must never read from a post."""
    out: list[object] = []
    index = 0
    length = len(tex)
    while index < length:
        char = tex[index]
        if char == "\\":
            if index + 1 >= length:
                raise FormulaError("a backslash ends the formula")
            following = tex[index + 1]
            if following.isascii() and following.isalpha():
                end = index + 1
                while end < length and tex[end].isascii() and tex[end].isalpha():
                    end += 1
                out.append(Command(tex[index + 1 : end]))
                index = end
                continue
            out.append(Command(following))
            index += 2
            continue
        if char == "^" and index + 1 < length and tex[index + 1] == "^":
            raise FormulaError("'^^' (TeX's character escape) is not math")
        category = unicodedata.category(char)
        if category == "Cc" and char not in "\t\n\r":
            raise FormulaError(f"the control character U+{ord(char):04X}")
        if char.isspace() and char != "\u00a0":
            if not out or not isinstance(out[-1], Space):
                out.append(Space())
        elif char in _SUPERSCRIPTS or char in _SUBSCRIPTS:
            table, sign = (_SUPERSCRIPTS, "^") if char in _SUPERSCRIPTS else (_SUBSCRIPTS, "_")
            run = []
            while index < length and tex[index] in table:
                run.append(Char(table[tex[index]]))
                index += 1
            out += [Char(sign), Group(run)]
            continue
        else:
            out.append(Char(char))
        index += 1
    return out


def _groups(tokens: list[object]) -> list[object]:
    """Braces become nested groups; raises if they do not balance."""
    stack: list[list[object]] = [[]]
    for token in tokens:
        if isinstance(token, Char) and token.char == "{":
            stack.append([])
            if len(stack) > MAX_DEPTH:
                raise FormulaError("braces nested too deeply")
        elif isinstance(token, Char) and token.char == "}":
            if len(stack) == 1:
                raise FormulaError("a '}' closes nothing")
            items = stack.pop()
            stack[-1].append(Group(items))
        else:
            stack[-1].append(token)
    if len(stack) > 1:
        raise FormulaError("a '{' is never closed")
    return stack[0]


# -- writing ------------------------------------------------------------------------------


@dataclass
class _Context:
    #: '&' and '\\' separate cells and rows
    aligned: bool = False
    #: cells a row may have (None: any number)
    columns: int | None = None
    #: '\tag' may be given (the top of a displayed formula), once a row
    taggable: bool = False
    #: '\hline' may start a row
    lines: bool = False
    depth: int = 0


class _Writer:
    def __init__(self) -> None:
        self.out: list[str] = []

    def write(self, text: str) -> None:
        self.out.append(text)

    def command(self, name: str) -> None:
        # a space after a control word: the next letter never joins its name
        self.out.append("\\" + name + (" " if name.isalpha() else ""))


def _skip_spaces(items: list[object], index: int) -> int:
    while index < len(items) and isinstance(items[index], Space):
        index += 1
    return index


def _expand_unicode(items: list[object]) -> list[object]:
    """Greek and math symbols written as characters become their commands; KaTeX's names LaTeX's."""
    out: list[object] = []
    for item in items:
        if isinstance(item, Char) and item.char in UNICODE_MATH:
            out.extend(UNICODE_MATH[item.char])
        elif isinstance(item, Command) and item.name in _REWRITES:
            out.extend(_REWRITES[item.name])
        else:
            out.append(item)
    return out


def _text_of(items: list[object]) -> str:
    """The characters of a group (for names and dimensions); raises if it holds commands."""
    text = []
    for item in items:
        if isinstance(item, Char):
            text.append(item.char)
        elif isinstance(item, Space):
            text.append(" ")
        else:
            raise FormulaError("a command where a name or a size belongs")
    return "".join(text)


def _is_text_letter(item: object) -> bool:
    """A character math fonts lack (Hangul, emoji): set as text, as KaTeX showed it."""
    if not isinstance(item, Char) or item.char.isascii():
        return False
    category = unicodedata.category(item.char)
    return category[0] != "C" or item.char in "\u200b\u200c\u200d"


#: characters that may stand alone as an argument (``x^2``, ``\\frac12``)
_ARGUMENT_CHARACTERS = set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+-=<>()[]|/.,;:!?*@\"")
#: commands that are not atoms: never an argument on their own
_NOT_ARGUMENTS = {"left", "right", "middle", "limits", "nolimits", "displaylimits", "over", "choose", "atop",
                  "displaystyle", "textstyle", "scriptstyle", "scriptscriptstyle", "hline", "nonumber", "notag",
                  "not", "end", "tag", "\\"} | _SIZES


class _Math:
    """Writes math items, checking each against the allow-list."""

    def __init__(self, writer: _Writer) -> None:
        self.w = writer

    def argument(self, items: list[object], index: int, context: _Context, what: str) -> int:
        """One argument (a group, a character or a symbol), written in braces."""
        if context.depth > MAX_DEPTH:
            # \sqrt\sqrt\sqrt…: arguments within arguments, as deep as braces may be
            raise FormulaError("nested too deeply")
        index = _skip_spaces(items, index)
        if index >= len(items):
            raise FormulaError(f"{what} lacks its argument")
        item = items[index]
        inner = _Context(depth=context.depth + 1)
        if isinstance(item, Group):
            self.w.write("{")
            self.math(item.items, inner)
            self.w.write("}")
            return index + 1
        if isinstance(item, Char) and not (item.char in _ARGUMENT_CHARACTERS or _is_text_letter(item)):
            raise FormulaError(f"{what} followed by '{item.char}'")
        if isinstance(item, Command) and (item.name in _NOT_ARGUMENTS or len(item.name) == 1 and item.name not in "{}|,"):
            raise FormulaError(f"{what} followed by \\{item.name}")
        # x^\frac12: the command and its own arguments, braced
        self.w.write("{")
        index = self.one(items, index, inner)
        self.w.write("}")
        return index

    def math(self, items: list[object], context: _Context) -> None:
        if context.depth > MAX_DEPTH:
            raise FormulaError("nested too deeply")
        items = _expand_unicode(items)
        index = 0
        scripts: set[str] = set()
        fractions = 0
        lefts = 0
        cells = 1
        tags = 0
        row_start = context.lines
        last_operator = False
        while index < len(items):
            item = items[index]
            if isinstance(item, Space):
                self.w.write(" ")
                index += 1
                continue
            name = item.name if isinstance(item, Command) else None
            char = item.char if isinstance(item, Char) else None
            if name == "hline":
                if not row_start:
                    raise FormulaError("\\hline that does not start a row of a table")
                self.w.command("hline")
                index += 1
                continue
            row_start = False
            if char in ("^", "_"):
                if char in scripts:
                    raise FormulaError("a double " + ("superscript" if char == "^" else "subscript"))
                scripts.add(char)
                self.w.write(char)
                index = self.argument(items, index + 1, context, f"'{char}'")
                continue
            if char == "'":
                if "^" in scripts:
                    raise FormulaError("a prime after a superscript (a double superscript)")
                self.w.write("'")
                index += 1
                continue
            if name in ("limits", "nolimits", "displaylimits"):
                if not last_operator:
                    raise FormulaError(f"\\{name} after something that is not an operator")
                self.w.command(name)
                index += 1
                continue
            if name in ("over", "choose", "atop"):
                fractions += 1
                if fractions > 1:
                    raise FormulaError("two of \\over, \\choose, \\atop in one group")
                self.w.command(name)
                scripts, last_operator = set(), False
                index += 1
                continue
            if name == "left":
                lefts += 1
            elif name == "right":
                lefts -= 1
                if lefts < 0:
                    raise FormulaError("\\right without \\left")
            elif name == "middle" and lefts <= 0:
                raise FormulaError("\\middle outside \\left … \\right")
            elif name == "tag":
                tags += 1
                if tags > 1:
                    raise FormulaError("two \\tag on one line")
            if char == "&":
                if not context.aligned:
                    raise FormulaError("'&' outside an alignment")
                cells += 1
                if context.columns is not None and cells > context.columns:
                    raise FormulaError("more '&' in a row than its columns")
                self.w.write("&")
                scripts, last_operator = set(), False
                index += 1
                continue
            if name == "\\":
                if not context.aligned:
                    raise FormulaError("a line break outside an alignment")
                if lefts:
                    raise FormulaError("a line break between \\left and \\right")
                self.w.write("\\\\")
                index = self._row_space(items, index + 1)
                scripts, last_operator = set(), False
                cells, tags, row_start = 1, 0, context.lines
                continue
            if _is_text_letter(item):
                run = []
                while index < len(items) and (_is_text_letter(items[index]) or (
                    isinstance(items[index], Space) and index + 1 < len(items) and _is_text_letter(items[index + 1])
                )):
                    run.append(" " if isinstance(items[index], Space) else items[index].char)
                    index += 1
                self.w.write("\\text{" + "".join(run) + "}")
                scripts, last_operator = set(), False
                continue
            last_operator = name in _OPERATORS
            index = self.one(items, index, context)
            scripts = set()
        if lefts:
            raise FormulaError("\\left without \\right")

    def _row_space(self, items: list[object], index: int) -> int:
        """``\\\\[2pt]``: a valid size; a "[" that is not one is kept from LaTeX's reading."""
        start = _skip_spaces(items, index)
        if start < len(items) and isinstance(items[start], Char) and items[start].char == "[":
            end = start + 1
            while end < len(items) and not (isinstance(items[end], Char) and items[end].char == "]"):
                end += 1
            if end < len(items):
                try:
                    size = _text_of(items[start + 1 : end])
                except FormulaError:
                    size = ""
                if _DIMENSION.fullmatch(size):
                    self.w.write("[" + size.replace(" ", "") + "]")
                    return end + 1
            # "{}" stops LaTeX from reading the "[" as a size
            self.w.write("{}")
        return index

    def one(self, items: list[object], index: int, context: _Context) -> int:
        """One item (with the arguments of a command); returns the index after it."""
        item = items[index]
        if isinstance(item, Group):
            self.w.write("{")
            self.math(item.items, _Context(depth=context.depth + 1))
            self.w.write("}")
            return index + 1
        if isinstance(item, Space):
            self.w.write(" ")
            return index + 1
        if isinstance(item, Char):
            self._char(item)
            return index + 1
        name = item.name
        if len(name) == 1 and not name.isalpha():
            if name not in _MATH_CONTROL_SYMBOLS:
                raise FormulaError(f"'\\{name}' in math")
            self.w.write("\\" + name)
            return index + 1
        if name in ("left", "right", "middle") or name in _SIZES:
            self.w.command(name)
            return self._delimiter(items, index + 1, name)
        if name in _SYMBOL_NAMES:
            self.w.command(name)
            return index + 1
        if name == "begin":
            return self._environment(items, index, context)
        if name == "end":
            raise FormulaError("\\end without \\begin")
        if name == "tag":
            if not context.taggable:
                raise FormulaError("\\tag outside a displayed formula's line")
            self.w.command("tag")
            index = self._star(items, index + 1)
            return self._text_argument(items, index, context, "\\tag")
        if name in ("color", "textcolor", "colorbox"):
            return self._color(items, index, context, name)
        if name in ("hspace", "kern", "mkern", "mskip", "hskip"):
            return self._space(items, index, name)
        arguments = _ARGUMENTS.get(name)
        if arguments is None or name == "emph":
            raise FormulaError(f"\\{name} is not a command the PDF typesets")
        self.w.command(name)
        index += 1
        for kind in arguments:
            if kind == "*":
                index = self._star(items, index)
            elif kind == "o":
                index = self._optional(items, index, context)
            elif kind == "m" and name == "substack":
                index = _skip_spaces(items, index)
                if index >= len(items) or not isinstance(items[index], Group):
                    raise FormulaError("\\substack lacks its argument in braces")
                self.w.write("{")
                self.math(items[index].items, _Context(aligned=True, columns=1, depth=context.depth + 1))
                self.w.write("}")
                index += 1
            elif kind == "m":
                index = self.argument(items, index, context, f"\\{name}")
            elif kind == "t":
                index = self._text_argument(items, index, context, f"\\{name}")
        return index

    def _char(self, item: Char) -> None:
        char = item.char
        if char in "$&^_":
            raise FormulaError(f"'{char}' where it cannot be")
        if char in "#%":
            self.w.write("\\" + char)
            return
        if char.isascii() and char.isprintable():
            self.w.write(char)
            return
        if not _is_text_letter(item):
            raise FormulaError(f"the character U+{ord(char):04X}")
        self.w.write("\\text{" + char + "}")

    def _star(self, items: list[object], index: int) -> int:
        if index < len(items) and isinstance(items[index], Char) and items[index].char == "*":
            self.w.write("*")
            return index + 1
        return index

    def _optional(self, items: list[object], index: int, context: _Context) -> int:
        start = _skip_spaces(items, index)
        if start >= len(items) or not (isinstance(items[start], Char) and items[start].char == "["):
            return index
        end = start + 1
        while end < len(items) and not (isinstance(items[end], Char) and items[end].char == "]"):
            end += 1
        if end >= len(items):
            raise FormulaError("a '[' is never closed")
        self.w.write("[{")
        self.math(items[start + 1 : end], _Context(depth=context.depth + 1))
        self.w.write("}]")
        return end + 1

    def _delimiter(self, items: list[object], index: int, name: str) -> int:
        index = _skip_spaces(items, index)
        if index >= len(items):
            raise FormulaError(f"\\{name} lacks its delimiter")
        item = _expand_unicode([items[index]])
        if len(item) == 1 and isinstance(item[0], Char) and item[0].char in _DELIMITER_CHARACTERS:
            self.w.write(item[0].char)
        elif len(item) == 1 and isinstance(item[0], Command) and item[0].name in _DELIMITER_COMMANDS:
            self.w.write("\\" + item[0].name + (" " if item[0].name.isalpha() else ""))
        else:
            raise FormulaError(f"\\{name} is not followed by a delimiter")
        return index + 1

    def _text_argument(self, items: list[object], index: int, context: _Context, what: str) -> int:
        index = _skip_spaces(items, index)
        if index >= len(items):
            raise FormulaError(f"{what} lacks its argument")
        item = items[index]
        self.w.write("{")
        _Text(self.w).text(item.items if isinstance(item, Group) else [item], context.depth + 1)
        self.w.write("}")
        return index + 1

    def _group_text(self, items: list[object], index: int, what: str) -> tuple[str, int]:
        index = _skip_spaces(items, index)
        if index >= len(items) or not isinstance(items[index], Group):
            raise FormulaError(f"{what} lacks its argument in braces")
        return _text_of(items[index].items).strip(), index + 1

    def _color(self, items: list[object], index: int, context: _Context, name: str) -> int:
        at = _skip_spaces(items, index + 1)
        if at < len(items) and isinstance(items[at], Group) and items[at].items[:1] == [Command("#")]:
            # "#" was escaped with the rest of the formula
            spec, index = "#" + _text_of(items[at].items[1:]).strip(), at + 1
        else:
            spec, index = self._group_text(items, index + 1, f"\\{name}")
        hexadecimal = _HEX_COLOR.fullmatch(spec)
        if hexadecimal:
            digits = hexadecimal[1] if len(hexadecimal[1]) == 6 else "".join(c * 2 for c in hexadecimal[1])
            written = f"[HTML]{{{digits.upper()}}}"
        elif spec in _COLORS:
            written = "{" + spec + "}"
        else:
            raise FormulaError(f"the colour '{spec}'")
        self.w.write("\\" + name + written)
        if name == "textcolor":
            return self.argument(items, index, context, "\\textcolor")
        if name == "colorbox":
            return self._text_argument(items, index, context, "\\colorbox")
        return index

    def _space(self, items: list[object], index: int, name: str) -> int:
        if name == "hspace":
            index = _skip_spaces(items, index + 1)
            star = index < len(items) and isinstance(items[index], Char) and items[index].char == "*"
            size, index = self._group_text(items, index + 1 if star else index, "\\hspace")
            if not _DIMENSION.fullmatch(size) or size.strip().endswith("mu"):
                raise FormulaError(f"the size '{size}'")
            self.w.write("\\hspace" + ("*" if star else "") + "{" + size.replace(" ", "") + "}")
            return index
        # \kern1em, \mkern2mu: the size follows, not in braces
        index += 1
        text = []
        while index < len(items) and isinstance(items[index], (Char, Space)):
            text.append(" " if isinstance(items[index], Space) else items[index].char)
            index += 1
            following = items[index] if index < len(items) else None
            if _DIMENSION.fullmatch("".join(text)) and not (isinstance(following, Char) and following.char.isalnum()):
                size = "".join(text).replace(" ", "")
                if size.endswith("mu") != (name in ("mkern", "mskip")):
                    raise FormulaError(f"\\{name} with the size '{size}'")
                self.w.command(name)
                self.w.write(size + " ")
                return index
        raise FormulaError(f"\\{name} lacks its size")

    def _environment(self, items: list[object], index: int, context: _Context) -> int:
        name, after = self._group_text(items, index + 1, "\\begin")
        if name in _TOP_ENVIRONMENTS or name == "split":
            raise FormulaError(f"{{{name}}} may only be the whole of a displayed formula")
        if name not in _INNER_ENVIRONMENTS:
            raise FormulaError(f"the environment {{{name}}}")
        end = _matching_end(items, after, name)
        self.w.write(f"\\begin{{{name}}}")
        after, columns = self.environment_argument(items, after, name)
        inner = _Context(aligned=True, columns=columns, lines=True, depth=context.depth + 1)
        self.math(items[after:end], inner)
        self.w.write(f"\\end{{{name}}}")
        # past \end and its {name}
        return _skip_spaces(items, end + 1) + 1

    def environment_argument(self, items: list[object], index: int, name: str) -> tuple[int, int | None]:
        """Writes the argument of ``\\begin{array}{cc}``; returns where the content starts and its columns."""
        kind = _ENVIRONMENT_ARGUMENT.get(name)
        if kind is None:
            return index, _COLUMNS_OF.get(name)
        value, index = self._group_text(items, index, f"{{{name}}}")
        value = value.replace(" ", "")
        pattern = _COLUMNS if kind == "columns" else _NUMBER
        if not pattern.fullmatch(value) or kind == "number" and int(value) == 0:
            raise FormulaError(f"{{{name}}} with '{value}'")
        self.w.write("{" + value + "}")
        if kind == "columns":
            return index, sum(value.count(c) for c in "lcr")
        return index, 2 * int(value)


#: the most cells a row of each environment may have (absent: any number)
_COLUMNS_OF: dict[str, int | None] = {
    "cases": 2, "dcases": 2, "rcases": 2, "gathered": 1, "gather*": 1, "multline*": 1, "split": 2,
    **dict.fromkeys(("matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "smallmatrix"), 40),
}


def _matching_end(items: list[object], index: int, name: str) -> int:
    """The index of the ``\\end`` that closes ``\\begin{name}`` (whose content starts at ``index``)."""
    depth = 0
    position = index
    while position < len(items):
        item = items[position]
        if isinstance(item, Command) and item.name in ("begin", "end"):
            at = _skip_spaces(items, position + 1)
            if at < len(items) and isinstance(items[at], Group):
                try:
                    inner = _text_of(items[at].items).strip()
                except FormulaError:
                    inner = ""
                if inner == name:
                    if item.name == "begin":
                        depth += 1
                    elif depth == 0:
                        return position
                    else:
                        depth -= 1
        position += 1
    raise FormulaError(f"{{{name}}} is never ended")


class _Text:
    """Writes the argument of ``\\text{…}``: characters, a few text commands, ``$…$`` math."""

    def __init__(self, writer: _Writer) -> None:
        self.w = writer

    def text(self, items: list[object], depth: int) -> None:
        if depth > MAX_DEPTH:
            raise FormulaError("nested too deeply")
        index = 0
        while index < len(items):
            item = items[index]
            if isinstance(item, Space):
                self.w.write(" ")
            elif isinstance(item, Group):
                self.w.write("{")
                self.text(item.items, depth + 1)
                self.w.write("}")
            elif isinstance(item, Char):
                char = item.char
                if char == "$":
                    end = index + 1
                    while end < len(items) and not (isinstance(items[end], Char) and items[end].char == "$"):
                        end += 1
                    if end >= len(items):
                        raise FormulaError("a '$' in text is never closed")
                    self.w.write("$")
                    _Math(self.w).math(items[index + 1 : end], _Context(depth=depth + 1))
                    self.w.write("$")
                    index = end + 1
                    continue
                if char in "^_":
                    raise FormulaError(f"'{char}' in text")
                if char in "&#%":
                    self.w.write("\\" + char)
                elif unicodedata.category(char)[0] == "C" and char not in "\u200b\u200c\u200d":
                    raise FormulaError(f"the character U+{ord(char):04X}")
                else:
                    self.w.write(char)
            else:
                index = self._command(items, index, depth)
                continue
            index += 1

    def _command(self, items: list[object], index: int, depth: int) -> int:
        name = items[index].name
        if name == "hbox":
            name = "mbox"
        if len(name) == 1 and not name.isalpha():
            if name in _TEXT_CONTROL_SYMBOLS:
                self.w.write("\\" + name)
                return index + 1
            if name in _TEXT_ACCENTS:
                self.w.write("\\" + name)
                return self._argument(items, index + 1, depth, f"\\{name}")
            raise FormulaError(f"'\\{name}' in text")
        if name in ("quad", "qquad", "space", "enspace", "thinspace"):
            self.w.command(name)
            return index + 1
        if _ARGUMENTS.get(name) == "t":
            self.w.command(name)
            return self._argument(items, index + 1, depth, f"\\{name}")
        raise FormulaError(f"\\{name} is not a command the PDF typesets in text")

    def _argument(self, items: list[object], index: int, depth: int, what: str) -> int:
        index = _skip_spaces(items, index)
        if index >= len(items):
            raise FormulaError(f"{what} lacks its argument")
        item = items[index]
        if isinstance(item, Command):
            raise FormulaError(f"{what} followed by a command")
        self.w.write("{")
        self.text(item.items if isinstance(item, Group) else [item], depth + 1)
        self.w.write("}")
        return index + 1


# -- the formula ---------------------------------------------------------------------------


def _environment_at_top(items: list[object], names: set[str] | dict[str, str]) -> tuple[str, list[object]] | None:
    """``\\begin{align}…\\end{align}`` as the whole formula: (name, what is inside)."""
    start = _skip_spaces(items, 0)
    if start >= len(items) or not (isinstance(items[start], Command) and items[start].name == "begin"):
        return None
    at = _skip_spaces(items, start + 1)
    if at >= len(items) or not isinstance(items[at], Group):
        return None
    try:
        name = _text_of(items[at].items).strip()
    except FormulaError:
        return None
    if name not in names:
        return None
    end = _matching_end(items, at + 1, name)
    after = _skip_spaces(items, end + 1) + 1
    if _skip_spaces(items, after) != len(items):
        return None
    return name, items[at + 1 : end]


def latex_formula(tex: str, display: bool) -> str:
    """The formula as LaTeX: math for ``\\(…\\)`` inline, a whole environment displayed.

    Raises :class:`FormulaError` when the formula cannot be written from the allow-list.
    """
    source = math_for_latex(unicodedata.normalize("NFC", tex))
    if not source.strip():
        raise FormulaError("the formula is empty")
    items = _groups(_tokens(source))
    writer = _Writer()
    math = _Math(writer)
    if not display:
        math.math(items, _Context())
        return "".join(writer.out).strip()
    top = _environment_at_top(items, _TOP_ENVIRONMENTS) or _environment_at_top(items, {"split"})
    if top is not None:
        name, inside = top
        if name == "split":
            environment, wrapper = "split", "equation*"
        else:
            environment, wrapper = _TOP_ENVIRONMENTS[name], None
        if wrapper:
            writer.write(f"\\begin{{{wrapper}}}")
        writer.write(f"\\begin{{{environment}}}")
        index, columns = math.environment_argument(inside, 0, name)
        aligned = environment != "equation*"
        math.math(inside[index:], _Context(aligned=aligned, columns=columns or _COLUMNS_OF.get(environment),
                                           taggable=wrapper is None))
        writer.write(f"\\end{{{environment}}}")
        if wrapper:
            writer.write(f"\\end{{{wrapper}}}")
        return "".join(writer.out)
    rows, cells = _top_level_rows_and_cells(items)
    if rows or cells:
        # several lines, as KaTeX stacked them: aligned at '&' if there are any
        environment = "align*" if cells else "gather*"
        writer.write(f"\\begin{{{environment}}}")
        math.math(items, _Context(aligned=True, columns=_COLUMNS_OF.get(environment), taggable=True))
        writer.write(f"\\end{{{environment}}}")
        return "".join(writer.out)
    writer.write("\\begin{equation*}")
    math.math(items, _Context(taggable=True))
    writer.write("\\end{equation*}")
    return "".join(writer.out)


def _top_level_rows_and_cells(items: list[object]) -> tuple[bool, bool]:
    """Whether ``\\\\`` and ``&`` occur outside the formula's environments."""
    rows = cells = False
    index = 0
    while index < len(items):
        item = items[index]
        if isinstance(item, Command) and item.name == "begin":
            at = _skip_spaces(items, index + 1)
            if at < len(items) and isinstance(items[at], Group):
                try:
                    name = _text_of(items[at].items).strip()
                    index = _skip_spaces(items, _matching_end(items, at + 1, name) + 1) + 1
                    continue
                except FormulaError:
                    pass
        rows = rows or isinstance(item, Command) and item.name == "\\"
        cells = cells or isinstance(item, Char) and item.char == "&"
        index += 1
    return rows, cells


def allowed_commands() -> frozenset[str]:
    """Every command :func:`latex_formula` may write (for tests)."""
    return frozenset(_ALLOWED)
