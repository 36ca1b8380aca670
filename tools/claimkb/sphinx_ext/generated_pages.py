"""The generated pages' directives: one page per entity, per metric and scope, per source, and the
sources, disputes and timeline pages. Their stubs come from `page_stubs`; their content is built
at write time from the domain (`views.generated_pages`), so it always shows every current claim.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..core.records import Record
from ..views.claims_table import number_tables
from ..views.generated_pages import PageBuilder
from ..views.i18n import labelled
from ..views.nodes import kb_page_node
from ._compat import builder_of
from .page_stubs import write_stubs
from .view_transform import ViewTransform


class PageDirective(SphinxDirective):
    """Base: the page depends on every claim; a record's page reads its title now."""

    page = ""
    required_arguments = 0
    optional_arguments = 0

    def run(self) -> list[nodes.Node]:
        domain = self.env.domains["claim"]
        domain.note_query(self.env.docname)
        node = kb_page_node(page=self.page, targets=list(self.arguments))
        self.set_source_info(node)
        return self.wrap(node)

    def wrap(self, node: kb_page_node) -> list[nodes.Node]:
        return [node]

    def titled(self, node: kb_page_node, title: str, anchor: str, records) -> list[nodes.Node]:
        for record in records:
            if record is not None:
                self.env.note_dependency(record.location.path)
        section = nodes.section(ids=[anchor])
        section += nodes.title(title, title)
        section += node
        return [section]

    def record(self, rtype: str, rid: str) -> Record | None:
        return self.env.claimkb_registry.of_type(rtype).get(rid)


class RecordPageDirective(PageDirective):
    """The page of one record: titled with its name, and its home (links to it go there)."""

    required_arguments = 1
    name_field = "name"

    def wrap(self, node):
        rid = self.arguments[0]
        record = self.record(self.page, rid)
        self.env.domains["claim"].note_home(self.env.docname, self.page, rid)
        title = record.get(self.name_field, rid) if record else rid
        return self.titled(node, title, f"{self.page}-{rid}", [record])


class EntityPageDirective(RecordPageDirective):
    page = "entity"


class SourcePageDirective(RecordPageDirective):
    page = "source"
    name_field = "title"


class MetricScopePageDirective(PageDirective):
    page = "pair"
    required_arguments = 2

    def wrap(self, node):
        metric, scope = (
            self.record("metric", self.arguments[0]),
            self.record("scope", self.arguments[1]),
        )
        names = [
            r.get("name", r.id) if r else rid
            for r, rid in zip((metric, scope), self.arguments, strict=True)
        ]
        return self.titled(node, labelled(*names), "metric-scope", [metric, scope])


class SourcesPageDirective(PageDirective):
    page = "sources"


class DisputesPageDirective(PageDirective):
    page = "disputes"


class TimelinePageDirective(PageDirective):
    page = "timeline"


class RenderPages(ViewTransform):
    node_class = kb_page_node

    def view(self) -> PageBuilder:
        env = self.env
        return PageBuilder(
            env.domains["claim"],
            builder_of(env),
            env.docname,
            env.all_docs,
            env.config.claimkb_pages_dir,
        )

    def build(self, view: PageBuilder, node, index: int):
        return getattr(view, node["page"])(*node["targets"])

    def finish(self) -> None:
        number_tables(self.document)


def setup_generated_pages(app) -> None:
    app.add_directive("entity-page", EntityPageDirective)
    app.add_directive("source-page", SourcePageDirective)
    app.add_directive("metric-scope-page", MetricScopePageDirective)
    app.add_directive("sources-page", SourcesPageDirective)
    app.add_directive("disputes-page", DisputesPageDirective)
    app.add_directive("timeline-page", TimelinePageDirective)
    app.add_post_transform(RenderPages)
    app.connect("builder-inited", write_stubs, priority=600)
