"""```{finding-codes}```: the table of every finding code (`views.finding_codes`)."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..views.finding_codes import finding_codes_table


class FindingCodesDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        table = finding_codes_table()
        self.set_source_info(table)
        return [table]


def setup_finding_codes(app: Sphinx) -> None:
    app.add_directive("finding-codes", FindingCodesDirective)
