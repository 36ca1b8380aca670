"""External links open without giving the target our window (`noopener`) or page (`noreferrer`).

Sphinx's HTML writer renders a reference's `rel` attribute, so setting it on the doctree's external
references is enough: no regular expression on written files, no translator of our own.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

EXTERNAL_REL = "noopener noreferrer"


def web_link(text: str, url: str | None, classes=()) -> nodes.Element:
    """A link to `url` when it is http(s); any other address (refused by the schema) stays text."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return nodes.reference(text, text, refuri=url, classes=list(classes))
    return nodes.inline(text, text, classes=list(classes))


def is_external(node: nodes.reference) -> bool:
    uri = node.get("refuri", "")
    return not node.get("internal") and urlsplit(uri).scheme in ("http", "https")


class ExternalLinkRel(SphinxPostTransform):
    default_priority = 900  # after references are resolved
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for node in self.document.findall(nodes.reference):
            if is_external(node):
                rel = node.get("rel", "").split()
                node["rel"] = " ".join(dict.fromkeys(rel + EXTERNAL_REL.split()))


def setup_links(app) -> None:
    app.add_post_transform(ExternalLinkRel)
