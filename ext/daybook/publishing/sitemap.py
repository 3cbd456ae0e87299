"""``sitemap.xml``: every page of the book, by absolute URL.

Pure: knows nothing of Sphinx. Written from the whole project on every build,
not from the pages written this time, so incremental builds keep it whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.etree import ElementTree

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_xml(urls: Iterable[str]) -> bytes:
    """A sitemap listing ``urls`` once each, in the order given."""
    urlset = ElementTree.Element("urlset", xmlns=SITEMAP_NS)
    seen: set[str] = set()
    for url in urls:
        if url in seen:
            continue
        seen.add(url)
        ElementTree.SubElement(ElementTree.SubElement(urlset, "url"), "loc").text = url
    ElementTree.indent(urlset)
    return ElementTree.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"
