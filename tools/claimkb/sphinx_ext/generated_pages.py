"""The generated pages' directives: one page per entity, per metric and scope, per source, and the
sources, disputes and timeline pages. Their stubs come from `page_stubs`; their content is built
at write time from the domain (`views.generated_pages`), so it always shows every current claim.
"""

from __future__ import annotations

import hashlib
import json

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from ..core.records import Record
from ..views.claims_table import number_tables
from ..views.generated_pages import PageModel
from ..views.i18n import labelled
from ..views.nodes import kb_page_node
from ._compat import builder_of
from .chart_directive import write_chart_files
from .domain import claim_domain
from .env_registry import registry_of
from .page_stubs import write_stubs
from .view_transform import ViewTransform


def record_fingerprint(env: BuildEnvironment, rtype: str, rid: str) -> str:
    record = registry_of(env).of_type(rtype).get(rid)
    data = record.data if record is not None else None
    return hashlib.sha1(json.dumps(data, sort_keys=True, default=repr).encode()).hexdigest()


class PageDirective(SphinxDirective):
    """Base: the page is a view of the domain built at write time; a record's page reads its
    title now, and is read again when that record changes (`events.on_env_get_outdated`)."""

    page = ""
    required_arguments = 0
    optional_arguments = 0

    def run(self) -> list[nodes.Node]:
        domain = claim_domain(self.env)
        view = domain.note_view(self.env.docname, (self.page, *self.view_arguments()))
        node = kb_page_node(page=self.page, targets=list(self.arguments), view=view)
        self.set_source_info(node)
        return self.wrap(node)

    def view_arguments(self) -> list[str]:
        return list(self.arguments)

    def wrap(self, node: kb_page_node) -> list[nodes.Node]:
        return [node]

    def titled(self, node: kb_page_node, title: str, anchor: str, keys) -> list[nodes.Node]:
        domain = claim_domain(self.env)
        for rtype, rid in keys:
            domain.note_title(
                self.env.docname, rtype, rid, record_fingerprint(self.env, rtype, rid)
            )
        section = nodes.section(ids=[anchor])
        section += nodes.title(title, title)
        section += node
        return [section]

    def record(self, rtype: str, rid: str) -> Record | None:
        return registry_of(self.env).of_type(rtype).get(rid)


class RecordPageDirective(PageDirective):
    """The page of one record: titled with its name, and its home (links to it go there)."""

    required_arguments = 1
    name_field = "name"

    def wrap(self, node):
        rid = self.arguments[0]
        record = self.record(self.page, rid)
        claim_domain(self.env).note_home(self.env.docname, self.page, rid)
        title = record.get(self.name_field, rid) if record else rid
        return self.titled(node, title, f"{self.page}-{rid}", [(self.page, rid)])


class EntityPageDirective(RecordPageDirective):
    page = "entity"


class SourcePageDirective(RecordPageDirective):
    page = "source"
    name_field = "title"


class MetricScopePageDirective(PageDirective):
    page = "pair"
    required_arguments = 2

    def view_arguments(self) -> list[str]:
        # the chart's address is relative to the page
        return [self.env.docname, *self.arguments]

    def wrap(self, node):
        metric, scope = (
            self.record("metric", self.arguments[0]),
            self.record("scope", self.arguments[1]),
        )
        names = [
            r.get("name", r.id) if r else rid
            for r, rid in zip((metric, scope), self.arguments, strict=True)
        ]
        keys = [("metric", self.arguments[0]), ("scope", self.arguments[1])]
        return self.titled(node, labelled(*names), "metric-scope", keys)


class EntityListDirective(PageDirective):
    """Links to the pages of the entities it names, by name: one group of the entities page."""

    page = "entity_list"
    optional_arguments = 100_000


class PairListDirective(PageDirective):
    """Links to the pages of one metric over each scope it names: the metrics page."""

    page = "pair_list"
    required_arguments = 1
    optional_arguments = 100_000


class SourcesPageDirective(PageDirective):
    page = "sources"


class DisputesPageDirective(PageDirective):
    page = "disputes"


class TimelinePageDirective(PageDirective):
    """The timeline (no argument) or one year of it (`2024`, `undated`)."""

    page = "timeline"
    optional_arguments = 1

    def view_arguments(self) -> list[str]:
        # the year links and the filter's addresses are relative to the page
        return [self.env.docname, *self.arguments]


class RenderPages(ViewTransform):
    node_class = kb_page_node

    def render(self, model: PageModel, node) -> list[nodes.Node]:
        # a generated page's model: a record's page has a chart, a listing (the timeline...) none
        chart = getattr(model, "chart", None)
        if chart is not None:
            write_chart_files(builder_of(self.env), chart)
        return model.render()

    def finish(self) -> None:
        number_tables(self.document)


def setup_generated_pages(app: Sphinx) -> None:
    app.add_directive("entity-page", EntityPageDirective)
    app.add_directive("source-page", SourcePageDirective)
    app.add_directive("metric-scope-page", MetricScopePageDirective)
    app.add_directive("entity-list", EntityListDirective)
    app.add_directive("pair-list", PairListDirective)
    app.add_directive("sources-page", SourcesPageDirective)
    app.add_directive("disputes-page", DisputesPageDirective)
    app.add_directive("timeline-page", TimelinePageDirective)
    app.add_post_transform(RenderPages)
    app.add_js_file("claimkb-timeline.js", loading_method="defer")
    app.connect("builder-inited", write_stubs, priority=600)
