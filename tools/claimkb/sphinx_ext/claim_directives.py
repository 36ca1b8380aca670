"""Directives that show records: `claim` (one claim), `registry` (a list of records) and
`claim-collection` (the claims of a collection file); their cards and lists are rendered from
their views' models (`views.cards`, `views.registry_list`) in a post-transform, so they always
show current names, units and definitions.

The post-transform runs late, after those that walk the whole page (references, dropdowns, tabs,
highlighting): cards triple a page's nodes, and each of those walks would pay for them. So a card
resolves its own links (`view_transform.resolve_record_links`), as Sphinx's resolver would; it
still comes before the linkcheck builder's collector (800), which must see the sources' links.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..core.claim_options import ClaimDirectiveText, claim_from_directive
from ..core.page_directives import (
    check_arguments,
    check_collection_options,
    collection_layout,
    directive_references,
)
from ..myst.directive_syntax import ClaimSyntax, CollectionSyntax, ReferencesSyntax
from ..myst.option_lines import option_lines
from ..views.nodes import claim_node, collection_rows_node, collection_table_node, registry_node
from .domain import claim_domain
from .env_registry import registry_of
from .view_transform import ViewTransform


class ClaimDirective(ClaimSyntax, SphinxDirective):
    def run(self) -> list[nodes.Node]:
        env = self.env
        registry = registry_of(env)
        domain = claim_domain(env)
        if not domain.data["claims"].get(env.docname):  # the page's first claim
            for path in registry.schemas.paths:
                env.note_dependency(str(path))
        directive = ClaimDirectiveText(
            self.arguments[0].strip() if self.arguments else "",
            self.options,
            option_lines(self.block_text, self.lineno, self.options),
            "\n".join(self.content),
            str(env.doc2path(env.docname)),
            self.lineno,
            body_line=self.lineno + self.content_offset + 1,
            docname=env.docname,
        )
        record, findings = claim_from_directive(directive, registry.schemas)
        view = domain.note_claim(env.docname, record, findings)
        node = claim_node(record=record, view=view)
        self.set_source_info(node)
        self.state.nested_parse(self.content, self.content_offset, node)
        neutralise_raw(node)
        return [node]


def neutralise_raw(node: nodes.Element) -> None:
    """Raw HTML in a statement is refused (a finding); it is also shown as text, never run."""
    for raw in list(node.findall(nodes.raw)):
        text = raw.astext()
        raw.replace_self(
            nodes.literal(text, text) if "\n" not in text else nodes.literal_block(text, text)
        )


class ReferencingDirective(ReferencesSyntax, SphinxDirective):
    """Base of the directives whose arguments name things: the core checks them (located
    findings, reported once all pages are read) and the page notes what they name."""

    def noted_arguments(self) -> list[str]:
        env = self.env
        path = str(env.doc2path(env.docname))
        domain = claim_domain(env)
        domain.note_findings(
            env.docname, check_arguments(self.name, self.arguments, path, self.lineno)
        )
        domain.note_refs(
            env.docname,
            directive_references(self.name, self.arguments, {}, path, self.lineno, {}),
        )
        return self.arguments


class RegistryDirective(ReferencingDirective):
    """```{registry} scopes``` lists every record of a collection list, each with an anchor."""

    def run(self) -> list[nodes.Node]:
        registry = registry_of(self.env)
        arguments = self.noted_arguments()
        for path in registry.files:
            self.env.note_dependency(str(path))
        rtype = registry.schemas.collection_keys.get(arguments[0]) if len(arguments) == 1 else None
        if rtype is None:
            return []  # a finding says why
        records = sorted(registry.of_type(rtype).values(), key=lambda r: r.id)
        domain = claim_domain(self.env)
        domain.note_shown(self.env.docname, records)
        view = domain.note_view(self.env.docname, ("registry", rtype, *(r.id for r in records)))
        # the records' ids as the list's element ids too: `definitions.html#cost` stays a link
        node = registry_node(rtype=rtype, ids=[r.id for r in records], view=view)
        self.set_source_info(node)
        return [node]


class ClaimCollectionDirective(CollectionSyntax, ReferencingDirective):
    """```{claim-collection} epoch-model-costs``` shows the claims of `claims/<name>.yaml`: a
    card each (`:layout: cards`, the default), one sortable table whose rows are their homes
    with the cards' details (`:layout: rows`, `views.collection_rows`), or one lean table, what
    they share said once (`:layout: table`, `views.collection_table`)."""

    def run(self) -> list[nodes.Node]:
        registry = registry_of(self.env)
        arguments = self.noted_arguments()
        domain, docname = claim_domain(self.env), self.env.docname
        lines = option_lines(self.block_text, self.lineno, self.options)
        path = str(self.env.doc2path(docname))
        domain.note_findings(
            docname, check_collection_options(self.options, path, self.lineno, lines)
        )
        paths = [p for p in registry.files if [p.stem] == arguments]
        if not paths:
            return []  # a finding says why
        self.env.note_dependency(str(paths[0]))
        stem = paths[0].stem
        records = registry.claims_of(stem)
        domain.note_shown(docname, records)
        if collection_layout(self.options) == "table":
            return [self.table(docname, stem, records)]
        result = []
        for index, record in enumerate(records):
            view = domain.note_view(docname, ("collection-card", docname, stem, index))
            node = claim_node(record=record, view=view)
            self.set_source_info(node)
            if record.get("text"):
                node.extend(self.parse_text_to_nodes(record.get("text")))
                neutralise_raw(node)
            result.append(node)
        if collection_layout(self.options) != "rows":
            return result
        view = domain.note_view(docname, ("collection-rows", docname, stem))
        table = collection_rows_node(view=view)
        self.set_source_info(table)
        table.extend(result)
        return [table]

    def table(self, docname: str, stem: str, records) -> nodes.Node:
        view = claim_domain(self.env).note_view(docname, ("collection-table", stem))
        node = collection_table_node(view=view)
        self.set_source_info(node)
        for index, record in enumerate(records):
            if record.get("text"):
                statement = nodes.container(index=index, classes=["claimkb-row-statement"])
                statement.extend(self.parse_text_to_nodes(record.get("text")))
                neutralise_raw(statement)
                node += statement
        return node


class RenderCollectionRows(ViewTransform):
    """A collection shown as a table, before its rows' claims are rendered as cards."""

    default_priority = 780
    node_class = collection_rows_node

    def render(self, model, node):
        return [model.render([list(child.children) for child in node.children])]


class RenderCollectionTables(ViewTransform):
    """A collection's table, each claim's parsed statement under its row's first cell."""

    node_class = collection_table_node

    def render(self, model, node):
        statements = {child["index"]: [child] for child in node.children}
        return model.render(statements)


class RenderClaims(ViewTransform):
    """Cards and registry lists (see the module's docstring for why this runs late)."""

    default_priority = 790
    node_class = (claim_node, registry_node)

    def render(self, model, node):
        if isinstance(node, claim_node):
            return [model.render(list(node.children), node.source, node.line)]
        return [model.render()]


def setup_claim_directives(app: Sphinx) -> None:
    app.add_directive("claim", ClaimDirective)
    app.add_directive("registry", RegistryDirective)
    app.add_directive("claim-collection", ClaimCollectionDirective)
    app.add_post_transform(RenderCollectionRows)
    app.add_post_transform(RenderClaims)
    app.add_post_transform(RenderCollectionTables)
    app.add_js_file("claimkb-cards.js", loading_method="defer")
