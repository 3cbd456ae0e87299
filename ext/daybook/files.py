"""Writing daybook's own files and naming files in patterns. Pure: no Sphinx.

Every stage that writes a file of its own (feeds, the sitemap, the search
shards, the chrome's script and stylesheet, the import's posts) writes it with
:func:`write_atomically`, so a reader (a web server, the next build, an
editor) sees the old file or the new one, never half of one. Every stage that
puts a file's name into a glob pattern (``Path.glob``, Sphinx's
``exclude_patterns``) escapes it with :func:`escape_glob`, so a post named
``[draft] day 1.md`` or ``why?.md`` names that file and no other.
"""

from __future__ import annotations

import os
from pathlib import Path

#: the characters a glob pattern reads as wildcards (``*``, ``?``, ``[...]``)
GLOB_SPECIALS = frozenset("*?[")


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` beside ``path``, then rename it over ``path``.

    A reader sees the old file or the new one, never half of one; a write
    stopped midway (an error, Ctrl-C) leaves no temporary file behind. The
    temporary name starts with a dot (hidden from listings, and from Sphinx's
    source discovery) and holds the process id, so two processes writing the
    same file never share one.
    """
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def escape_glob(name: str) -> str:
    """``name`` as a glob pattern that matches exactly that name.

    Each wildcard character is put in a one-character class (``[*]``), which
    both ``pathlib``/``fnmatch`` and Sphinx's own pattern matcher read as the
    character itself. Slashes are left alone: a path stays a path.
    """
    return "".join(f"[{c}]" if c in GLOB_SPECIALS else c for c in name)
