"""The `latest-figures` directive: for each subject its filters select, the figure with the latest
period of each metric and scope (`views.latest_figures`). Its options are a `claims` table's:

```{latest-figures}
:subject: amazon, alphabet
:metric: capex
:scope: capex-property-and-equipment
```

`:latest: 2` keeps the two subjects whose figures are the latest.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..core.claim_filters import table_filters
from ..core.page_directives import check_table_options, directive_references
from ..myst.directive_syntax import ClaimsTableSyntax
from ..myst.option_lines import option_lines
from ..views.nodes import latest_figures_node
from .view_transform import ViewTransform


class LatestFiguresDirective(ClaimsTableSyntax, SphinxDirective):
    def run(self) -> list[nodes.Node]:
        env = self.env
        domain = env.domains["claim"]
        lines = option_lines(self.block_text, self.lineno, self.options)
        path = str(env.doc2path(env.docname))
        domain.note_refs(
            env.docname,
            directive_references("latest-figures", [], self.options, path, self.lineno, lines),
        )
        domain.note_findings(
            env.docname, check_table_options(self.options, path, self.lineno, lines)
        )
        view = domain.note_view(env.docname, ("latest", table_filters(self.options)))
        node = latest_figures_node(view=view)
        self.set_source_info(node)
        return [node]


class RenderLatestFigures(ViewTransform):
    node_class = latest_figures_node


def setup_latest_figures(app) -> None:
    app.add_directive("latest-figures", LatestFiguresDirective)
    app.add_post_transform(RenderLatestFigures)
