"""External links open without giving the target our window (`noopener`) or page (`noreferrer`).

Sphinx's HTML writer renders a reference's `rel` attribute, so setting it on the doctree's external
references is enough: no regular expression on written files, no translator of our own.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..views.links import EXTERNAL_REL, is_external


class ExternalLinkRel(SphinxPostTransform):
    default_priority = 900  # after references are resolved
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for node in self.document.findall(nodes.reference):
            if is_external(node):
                rel = node.get("rel", "").split()
                node["rel"] = " ".join(dict.fromkeys(rel + EXTERNAL_REL.split()))


def setup_links(app: Sphinx) -> None:
    app.add_post_transform(ExternalLinkRel)
