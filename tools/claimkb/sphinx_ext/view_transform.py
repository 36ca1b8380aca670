"""The post-transform shared by the views a directive places: each neutral node names its view
(`node["view"]`, a key of `views.catalogue`); at write time it is replaced by the rendering of
that view's model, the one the page's fingerprint was computed from."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.builders import Builder
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from ..views.nodes import record_link
from ._compat import builder_of
from .domain import claim_domain


class ViewTransform(SphinxPostTransform):
    default_priority = 6  # before references are resolved (10): page links views add get resolved
    node_class: type[nodes.Element] | tuple[type[nodes.Element], ...]

    def run(self, **kwargs: Any) -> None:
        found = list(self.document.findall(lambda n: isinstance(n, self.node_class)))
        if not found:
            return
        builder = builder_of(self.env)
        models = claim_domain(self.env).models(builder)
        for node in found:
            model = models.model(node["view"])
            rendered = [] if model is None else self.render(model, node)
            for tree in rendered:
                resolve_record_links(tree, builder, self.env.docname)
            node.replace_self(rendered)
        self.finish()

    def render(self, model: Any, node: nodes.Element) -> list[nodes.Node]:
        rendered = model.render()
        return rendered if isinstance(rendered, list) else [rendered]

    def finish(self) -> None:
        """After every node is replaced."""


def resolve_record_links(tree: nodes.Node, builder: Builder, docname: str) -> None:
    """Each link a view rendered to a record's page and anchor becomes a reference from
    `docname`, as Sphinx's own resolver writes it (its text alone where no URI can be given)."""
    if not isinstance(tree, nodes.Element):
        return
    for link in list(tree.findall(record_link)):
        try:
            reference = make_refnode(
                builder, docname, link["todoc"], link["anchor"], link.children, link["reftitle"]
            )
        except NoUri:
            link.replace_self(link.children)
            continue
        link.replace_self(reference)
