"""Links to the web: which addresses views link to, and which links open outside the site."""

from __future__ import annotations

from urllib.parse import urlsplit

from docutils import nodes

EXTERNAL_REL = "noopener noreferrer"


def web_url(url: object) -> str | None:
    """`url` if it is an http(s) address (the only ones views link to), else None: any other
    address (refused by the schema) stays text."""
    if isinstance(url, str) and url and urlsplit(url).scheme in ("http", "https"):
        return url
    return None


def is_external(node: nodes.reference) -> bool:
    uri = node.get("refuri", "")
    return not node.get("internal") and urlsplit(uri).scheme in ("http", "https")
