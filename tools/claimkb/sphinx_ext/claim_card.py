"""The `claim-card` directive: the card of a claim defined elsewhere, so that one figure stays
one claim (`views.cards`, shown away from its home).

```{claim-card} epoch-gpt-4-final-run-cloud
```
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..views.nodes import claim_card_node
from .claim_directives import ReferencingDirective
from .domain import claim_domain
from .view_transform import ViewTransform


class ClaimCardDirective(ReferencingDirective):
    def run(self) -> list[nodes.Node]:
        arguments = self.noted_arguments()
        docname = self.env.docname
        claim_id = arguments[0] if len(arguments) == 1 else ""
        view = claim_domain(self.env).note_view(docname, ("shown-card", docname, claim_id))
        node = claim_card_node(claim_id=claim_id, view=view)
        self.set_source_info(node)
        return [node]


class RenderShownCards(ViewTransform):
    node_class = claim_card_node

    def render(self, model, node):
        return [model.render([], node.source, node.line)]


def setup_claim_card(app: Sphinx) -> None:
    app.add_directive("claim-card", ClaimCardDirective)
    app.add_post_transform(RenderShownCards)
