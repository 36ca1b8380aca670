"""The directives that select claims with filters: `claims` (a table of every match,
`views.claims_table`), `key-figures` (the latest figure of each metric and scope among them,
`views.key_figures`) and `claims-pivot` (subjects by years, `views.pivot`); `latest-figures`
(`sphinx_ext.latest_figures`) is one too.

```{claims}
:subject: deepseek, deepseek-v3
:metric: cost
```

Values in one option are alternatives (any of them); options combine (all of them). Rows are
newest `as_of` first; `:latest: 8` keeps the first 8 (`core.claim_filters.select`). A
`key-figures` table also takes `:claims:`, claims whose latest figure it shows, in that order.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..core.claim_filters import LATEST, SELECTING, named_claims, selection_filters, table_filters
from ..core.page_directives import check_table_options, directive_references
from ..myst.directive_syntax import ClaimsTableSyntax
from ..myst.option_lines import option_lines
from ..views.claims_table import number_tables
from ..views.nodes import claims_node, key_figures_node, pivot_node
from ..views.script_words import script_words
from .domain import claim_domain
from .view_transform import ViewTransform


class SelectingDirective(ClaimsTableSyntax, SphinxDirective):
    """A directive whose options select claims: the core checks what they name (located
    findings, reported once all pages are read)."""

    def noted_options(self) -> None:
        env = self.env
        domain = claim_domain(env)
        lines = option_lines(self.block_text, self.lineno, self.options)
        path = str(env.doc2path(env.docname))
        domain.note_refs(
            env.docname,
            directive_references(self.name, [], self.options, path, self.lineno, lines),
        )
        if LATEST in SELECTING[self.name]:  # `claims`, `latest-figures`
            domain.note_findings(
                env.docname, check_table_options(self.options, path, self.lineno, lines)
            )

    def placed(self, node_class: type[nodes.Element], view: tuple) -> list[nodes.Node]:
        self.noted_options()
        key = claim_domain(self.env).note_view(self.env.docname, view)
        node = node_class(view=key)
        self.set_source_info(node)
        return [node]


class ClaimsDirective(SelectingDirective):
    def run(self) -> list[nodes.Node]:
        return self.placed(claims_node, ("table", table_filters(self.options)))


class KeyFiguresDirective(SelectingDirective):
    def run(self) -> list[nodes.Node]:
        filters, ids = selection_filters(self.options), named_claims(self.options)
        return self.placed(key_figures_node, ("key-figures", filters, ids))


class PivotDirective(SelectingDirective):
    def run(self) -> list[nodes.Node]:
        return self.placed(pivot_node, ("pivot", selection_filters(self.options)))


class RenderClaimsTables(ViewTransform):
    node_class = (claims_node, key_figures_node, pivot_node)

    def finish(self) -> None:
        number_tables(self.document)


def add_script_words(app: Sphinx) -> None:
    """The scripts' words in the build's language, once on every page (HTML builds)."""
    if app.builder.format == "html":
        app.add_js_file(None, body=script_words())


def setup_claims_table(app: Sphinx) -> None:
    app.add_directive("claims", ClaimsDirective)
    app.add_directive("key-figures", KeyFiguresDirective)
    app.add_directive("claims-pivot", PivotDirective)
    app.add_post_transform(RenderClaimsTables)
    app.add_js_file("claimkb-table.js", loading_method="defer")
    app.connect("builder-inited", add_script_words, priority=600)  # after the language is set
