"""The post-transform shape shared by the views a directive places: each neutral node of one class
is replaced, at write time, by what a view builds from the domain's current records."""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform


class ViewTransform(SphinxPostTransform):
    default_priority = 6  # before references are resolved (10): the links views add get resolved
    node_class: type[nodes.Element]

    def run(self, **kwargs) -> None:
        found = list(self.document.findall(self.node_class))
        if not found:
            return
        view = self.view()
        for index, node in enumerate(found):
            node.replace_self(self.build(view, node, index))
        self.finish()

    def view(self):
        """The view that builds this page's nodes."""
        raise NotImplementedError

    def build(self, view, node: nodes.Element, index: int) -> nodes.Node | list[nodes.Node]:
        raise NotImplementedError

    def finish(self) -> None:
        """After every node is replaced."""
