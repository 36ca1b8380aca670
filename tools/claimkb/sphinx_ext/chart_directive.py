"""The `claim-chart` directive: a chart of the claims its filters select, as a `claims` table
selects them (`views.chart_build`), with its files (`views.chart_files`) and the site's list of
charts, `charts.json`.

```{claim-chart} token-prices-over-time
:title: Output prices of the labs' flagship models
:metric: token-price
:scope: api-output-list-price
:subject: gpt-4, gpt-4o, gpt-4o-mini
:from: 2023
```
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from ..core.claim_filters import table_filters
from ..core.page_directives import check_chart, directive_references, is_chart_id
from ..myst.directive_syntax import ChartSyntax
from ..myst.option_lines import option_lines
from ..views.chart_files import CHARTS_DIR, MANIFEST, manifest, write_files
from ..views.chart_model import ChartModel
from ..views.claims_table import TableModel, number_tables
from ..views.nodes import chart_node
from ._compat import builder_of
from .claim_titles import title_message
from .domain import claim_domain
from .view_transform import ViewTransform

#: what the charts of a page draw with: the view kind `views.catalogue.VIEWS` knows
VIEW = "chart"


class ClaimChartDirective(ChartSyntax, SphinxDirective):
    def run(self) -> list[nodes.Node]:
        env = self.env
        domain = claim_domain(env)
        lines = option_lines(self.block_text, self.lineno, self.options)
        path = str(env.doc2path(env.docname))
        earlier = {view[2] for view in domain.data["views"].get(env.docname, []) if view[0] == VIEW}
        domain.note_refs(
            env.docname,
            directive_references("claim-chart", [], self.options, path, self.lineno, lines),
        )
        findings = check_chart(self.arguments, self.options, path, self.lineno, lines, earlier)
        domain.note_findings(env.docname, findings)
        if not is_chart_id(self.arguments):
            return []  # no chart without its id (the finding says why)
        filters = table_filters(self.options)
        title = (self.options.get("title") or "").strip()
        view = domain.note_view(env.docname, (VIEW, env.docname, self.arguments[0], filters, title))
        node = chart_node(view=view)
        self.set_source_info(node)
        if not title:
            return [node]
        message = chart_title_message(title=title)
        self.set_source_info(message)
        return [message, node]


class chart_title_message(title_message):
    """A chart's `:title:` as a message of its page's catalog (as `claim_titles` does for a
    claim's title): a translated build gives the chart its translated title, in its view."""


class TranslateChartTitles(SphinxTransform):
    """After Sphinx's own translation (20): each translated title replaces the one in its
    chart's view, which the page noted at read time; then the messages leave the page."""

    default_priority = 23

    def apply(self, **kwargs: Any) -> None:
        domain = claim_domain(self.env)
        views = domain.data["views"].get(self.env.docname, [])
        for message in list(self.document.findall(chart_title_message)):
            chart = message.next_node(chart_node, siblings=True)
            if message.get("translated") and chart is not None and chart["view"] in views:
                old = chart["view"]
                new = (*old[:4], message["title"])
                views[views.index(old)] = new
                chart["view"] = new
            if builder_of(self.env).name != "gettext":
                message.parent.remove(message)


class RenderCharts(ViewTransform):
    node_class = chart_node

    def render(self, model: ChartModel | TableModel, node: nodes.Element) -> list[nodes.Node]:
        if isinstance(model, ChartModel):
            write_chart_files(builder_of(self.env), model)
        return [model.render()]

    def finish(self) -> None:
        number_tables(self.document)


def write_chart_files(builder: Builder, model: ChartModel) -> None:
    """The chart's files, in HTML builds, for a chart (not a table of one or two figures)."""
    if builder.format == "html" and model.files:
        write_files(Path(builder.outdir), model)


def site_charts(app: Sphinx) -> list[ChartModel]:
    """Every chart the site draws (not those shown as a table), each once."""
    domain = claim_domain(app.env)
    models = domain.models(app.builder)
    found: dict[str, ChartModel] = {}
    for docname in sorted(domain.data["views"]):
        for view in domain.data["views"][docname]:
            if view[0] not in (VIEW, "pair"):
                continue
            model = models.model(view)
            chart = model.chart if view[0] == "pair" else model
            if isinstance(chart, ChartModel) and chart.files:
                found[chart.path] = chart
    return [found[path] for path in sorted(found)]


def write_manifest(app: Sphinx, exception: BaseException | None) -> None:
    """build-finished, HTML builders: `charts.json`, the list of the site's charts."""
    if exception is not None or app.builder.format != "html":
        return
    text = manifest(site_charts(app))
    path = Path(app.outdir) / MANIFEST
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def setup_chart_directive(app: Sphinx) -> None:
    app.add_directive("claim-chart", ClaimChartDirective)
    app.add_node(chart_title_message)
    app.add_transform(TranslateChartTitles)
    app.add_post_transform(RenderCharts)
    app.add_js_file("claimkb-chart.js", loading_method="defer")
    app.add_css_file("claimkb-chart.css")
    app.connect("build-finished", write_manifest)


__all__ = ["CHARTS_DIR", "setup_chart_directive", "site_charts", "write_chart_files"]
