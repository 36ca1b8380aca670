"""The `claim-card` directive: the card of a claim defined elsewhere, so that one figure stays
one claim (`views.shown_card`).

```{claim-card} epoch-gpt-4-final-run-cloud
```
"""

from __future__ import annotations

from docutils import nodes

from ..views.nodes import claim_card_node
from ..views.shown_card import ShownCardBuilder
from .claim_directives import ReferencingDirective
from .view_transform import ViewTransform


class ClaimCardDirective(ReferencingDirective):
    def run(self) -> list[nodes.Node]:
        arguments = self.noted_arguments()
        node = claim_card_node(claim_id=arguments[0] if len(arguments) == 1 else "")
        self.set_source_info(node)
        return [node]


class RenderShownCards(ViewTransform):
    node_class = claim_card_node

    def view(self) -> ShownCardBuilder:
        return ShownCardBuilder(self.env.domains["claim"], self.env.docname)

    def build(self, view: ShownCardBuilder, node, index: int):
        found = self.env.domains["claim"].claim(node["claim_id"])
        if found is None:
            return []  # an unknown id is reported, located, by the consistency check
        return view.build(found[0], found[1], node)


def setup_claim_card(app) -> None:
    app.add_directive("claim-card", ClaimCardDirective)
    app.add_post_transform(RenderShownCards)
