"""The `claims` directive: a table of the claims that match its filters (`views.claims_table`).

```{claims}
:subject: deepseek, deepseek-v3
:metric: cost
```

Values in one option are alternatives (any of them); options combine (all of them). Rows are
newest `as_of` first; `:latest: 8` keeps the first 8 (`core.claim_filters.select`).
"""

from __future__ import annotations

import json

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..core.claim_filters import table_filters
from ..core.page_directives import check_table_options, directive_references
from ..myst.directive_syntax import ClaimsTableSyntax
from ..myst.option_lines import option_lines
from ..views.claims_table import number_tables
from ..views.i18n import N_, _
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


#: the words of `claimkb-table.js`, which it shows in English unless a build gives them
TABLE_SCRIPT_WORDS = {
    "sort": N_("Sort by this column"),
    "filter": N_("Filter this table"),
    "filterLabel": N_("Filter the claims in this table"),
}


def give_table_script_its_words(app: Sphinx) -> None:
    """builder-inited: in another language than English, the table script's words from the
    `claimkb` catalog, as a small inline script before it (English pages stay as they were)."""
    if (app.config.language or "en") == "en" or app.builder.format != "html":
        return
    words = {key: _(message) for key, message in TABLE_SCRIPT_WORDS.items()}
    body = "window.claimkbTableWords = " + json.dumps(words, ensure_ascii=False) + ";"
    app.add_js_file(None, body=body, priority=400)


def setup_claims_table(app: Sphinx) -> None:
    app.add_directive("claims", ClaimsDirective)
    app.add_post_transform(RenderClaimsTables)
    app.add_js_file("claimkb-table.js", loading_method="defer")
    app.connect("builder-inited", give_table_script_its_words, priority=500)
