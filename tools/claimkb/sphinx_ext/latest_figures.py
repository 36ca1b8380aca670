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
from sphinx.application import Sphinx

from ..core.claim_filters import table_filters
from ..views.nodes import latest_figures_node
from .claims_table import SelectingDirective
from .view_transform import ViewTransform


class LatestFiguresDirective(SelectingDirective):
    def run(self) -> list[nodes.Node]:
        return self.placed(latest_figures_node, ("latest", table_filters(self.options)))


class RenderLatestFigures(ViewTransform):
    node_class = latest_figures_node


def setup_latest_figures(app: Sphinx) -> None:
    app.add_directive("latest-figures", LatestFiguresDirective)
    app.add_post_transform(RenderLatestFigures)
