"""``python -m daybook.moving BLOG``: what ``make import BLOG=<path>`` runs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

from .importer import CannotImport, ImportOptions, run_import
from .settings import ConfBlockError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="make import",
        description="Move a gatsby-starter-bee blog into the book: posts, about page, profile, settings, redirects.",
    )
    parser.add_argument("blog", type=Path, help="the Gatsby repository (holds gatsby-meta-config.js and content/blog/)")
    parser.add_argument("--posts", type=Path, default=Path("docs"), help="the book's posts folder (default: docs)")
    parser.add_argument("--conf", type=Path, default=Path("conf.py"), help="the book's conf.py (default: conf.py)")
    parser.add_argument("--book-url", default="", help="where the book is served, for redirects and the feed")
    parser.add_argument("--language", default="", help="the book's language, if not the blog's (ko, en, ...)")
    args = parser.parse_args(argv)
    book_url = args.book_url.strip()
    if book_url:
        parts = urlsplit(book_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            print(f"make import: BOOK_URL={book_url!r} is not an http(s) address", file=sys.stderr)
            return 2
        book_url = book_url if book_url.endswith("/") else book_url + "/"
    if not args.conf.is_file():
        print(f"make import: {args.conf} does not exist", file=sys.stderr)
        return 2
    options = ImportOptions(
        blog=args.blog,
        posts=args.posts,
        conf=args.conf,
        book_url=book_url or None,
        language=args.language.strip() or None,
    )
    try:
        plan, _ = run_import(options)
    except (CannotImport, ConfBlockError) as error:
        print(f"make import: {error}. Nothing was written.", file=sys.stderr)
        return 2
    sys.stdout.write(plan.report.text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
