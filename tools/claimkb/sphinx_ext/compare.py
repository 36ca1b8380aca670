"""The `compare` directive: claims side by side (`views.compare`), with what differs or, when
comparable, the ratio.

```{compare} deepseek-v3-final-run-cost deepseek-server-capex-semianalysis
```
"""

from __future__ import annotations

from docutils import nodes

from ..views.compare import CompareBuilder
from ..views.nodes import compare_node
from .claim_directives import ReferencingDirective
from .view_transform import ViewTransform


class CompareDirective(ReferencingDirective):
    def run(self) -> list[nodes.Node]:
        node = compare_node(claim_ids=list(self.noted_arguments()))
        self.set_source_info(node)
        return [node]


class RenderComparisons(ViewTransform):
    node_class = compare_node

    def view(self) -> CompareBuilder:
        return CompareBuilder(self.env.domains["claim"], self.env.docname)

    def build(self, view: CompareBuilder, node, index: int):
        found = map(self.env.domains["claim"].claim, node["claim_ids"])
        records = [claim[1] for claim in found if claim]
        if len(records) < 2:
            return []  # unknown ids are reported, located, by the consistency check
        return view.build(records, f"compare-{index + 1}")


def setup_compare(app) -> None:
    app.add_directive("compare", CompareDirective)
    app.add_post_transform(RenderComparisons)
