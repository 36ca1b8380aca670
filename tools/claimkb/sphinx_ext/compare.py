"""The `compare` directive: claims side by side (`views.compare`), with what differs or, when
comparable, the ratio. Blocks are numbered in the order the page writes them (`compare-1`...).

```{compare} deepseek-v3-final-run-cost deepseek-server-capex-semianalysis
```
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..views.nodes import compare_node
from .claim_directives import ReferencingDirective
from .domain import claim_domain
from .view_transform import ViewTransform


class CompareDirective(ReferencingDirective):
    def run(self) -> list[nodes.Node]:
        ids = list(self.noted_arguments())
        domain, docname = claim_domain(self.env), self.env.docname
        block_id = f"compare-{domain.views_of(docname, 'compare') + 1}"
        view = domain.note_view(docname, ("compare", block_id, *ids))
        node = compare_node(claim_ids=ids, view=view)
        self.set_source_info(node)
        return [node]


class RenderComparisons(ViewTransform):
    node_class = compare_node


def setup_compare(app: Sphinx) -> None:
    app.add_directive("compare", CompareDirective)
    app.add_post_transform(RenderComparisons)
