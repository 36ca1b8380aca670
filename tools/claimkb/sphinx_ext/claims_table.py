"""The `claims` directive: a table of the claims that match its filters (`views.claims_table`).

```{claims}
:subject: deepseek, deepseek-v3
:metric: cost
```

Values in one option are alternatives (any of them); options combine (all of them). Rows are
newest `as_of` first; `:latest: 8` keeps the first 8 (`core.claim_filters.select`).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..core.claim_filters import table_filters
from ..core.page_directives import check_table_options, directive_references
from ..myst.directive_syntax import ClaimsTableSyntax
from ..myst.option_lines import option_lines
from ..views.claims_table import number_tables
from ..views.nodes import claims_node
from .view_transform import ViewTransform


class ClaimsDirective(ClaimsTableSyntax, SphinxDirective):
    def run(self) -> list[nodes.Node]:
        env = self.env
        domain = env.domains["claim"]
        lines = option_lines(self.block_text, self.lineno, self.options)
        path = str(env.doc2path(env.docname))
        domain.note_refs(
            env.docname,
            directive_references("claims", [], self.options, path, self.lineno, lines),
        )
        domain.note_findings(
            env.docname, check_table_options(self.options, path, self.lineno, lines)
        )
        filters = table_filters(self.options)
        view = domain.note_view(env.docname, ("table", filters))
        node = claims_node(filters=filters, view=view)
        self.set_source_info(node)
        return [node]


class RenderClaimsTables(ViewTransform):
    node_class = claims_node

    def finish(self) -> None:
        number_tables(self.document)


def setup_claims_table(app: Sphinx) -> None:
    app.add_directive("claims", ClaimsDirective)
    app.add_post_transform(RenderClaimsTables)
    app.add_js_file("claimkb-table.js", loading_method="defer")
