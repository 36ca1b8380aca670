"""Post-transform: claim nodes become sphinx-design cards, registry nodes definition lists.

Runs at write time, so cards always show current names, units and definitions. It runs late,
after the post-transforms that walk the whole page (references, dropdowns, tabs, highlighting):
cards triple a page's nodes, and each of those walks would pay for them. So a card resolves its
own links, with the domain's resolver, as Sphinx's would; it still comes before the linkcheck
builder's collector (800), which must see the sources' links.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform

from .formatting import format_value
from .links import web_link
from .nodes import claim_node, registry_node
from .records import Record

KIND_LABELS = {"figure": "Figure", "fact": "Fact", "viewpoint": "Viewpoint"}
RELATIONS = (
    ("relies_on", "Relies on"),
    ("derived_from", "Derived from"),
    ("supersedes", "Supersedes"),
    ("contradicts", "Contradicts"),
)
REVERSE_RELATIONS = (("supersedes", "Superseded by"), ("contradicts", "Contradicted by"))


def xref(rtype: str, target: str, text: str, docname: str, classes=()) -> addnodes.pending_xref:
    ref = addnodes.pending_xref(
        "",
        refdomain="claim",
        reftype=rtype,
        reftarget=target,
        refdoc=docname,
        refexplicit=True,
        refwarn=False,
    )
    ref += nodes.inline(text, text, classes=list(classes))
    return ref


class CardBuilder:
    """Builds the card of one claim from its record and the current registries."""

    def __init__(self, domain, docname: str):
        self.domain = domain
        self.docname = docname
        registry = domain.registry
        self.entities = registry.of_type("entity")
        self.sources = registry.of_type("source")
        self.definitions = {t: registry.of_type(t) for t in ("metric", "scope", "method")}

    def name_of(self, rtype: str, rid: str) -> str:
        table = self.entities if rtype == "entity" else self.definitions.get(rtype, {})
        record = table.get(rid)
        return record.get("name", rid) if record else rid

    def entity(self, rid: str) -> nodes.Node:
        return xref("entity", rid, self.name_of("entity", rid), self.docname)

    def claim_link(self, claim_id: str) -> nodes.Node:
        found = self.domain.claim(claim_id)
        title = found[1].get("title", claim_id) if found else claim_id
        return xref("claim", claim_id, title, self.docname)

    def card(self, node: claim_node) -> nodes.container:
        record: Record = node["record"]
        kind = record.get("kind", "")
        status = record.get("status", "current")
        card = nodes.container(
            classes=[
                "sd-card",
                "sd-sphinx-override",
                "sd-mb-3",
                "sd-shadow-sm",
                "claim-card",
                f"claim-kind-{kind}",
                f"claim-status-{status}",
            ],
            ids=[record.anchor] if record.id else [],
        )
        card.source, card.line = node.source, node.line
        card += self.header(record, kind, status)
        body = nodes.container(classes=["sd-card-body", "claim-body"])
        if kind == "figure":
            body += self.figure_line(record)
        elif kind == "viewpoint":
            held = nodes.paragraph(classes=["claim-held-by"])
            held += nodes.Text("Viewpoint held by ")
            held += self.entity(record.get("claimant", ""))
            body += held
        body.extend(node.children)
        if record.get("quote"):
            quote = nodes.block_quote(classes=["claim-quote"])
            quote += nodes.paragraph(text=record.get("quote"))
            body += quote
        card += body
        card += self.footer(record, kind, status)
        return card

    def header(self, record: Record, kind: str, status: str) -> nodes.container:
        header = nodes.container(classes=["sd-card-header", "claim-header"])
        line = nodes.paragraph(classes=["claim-title"])
        label = KIND_LABELS.get(kind, kind)
        line += nodes.inline(label, label, classes=["sd-badge", "claim-kind-badge"])
        line += nodes.Text(" ")
        title = record.get("title", record.id)
        line += nodes.strong(title, title)
        if status != "current":
            line += nodes.Text(" ")
            line += nodes.inline(status, status, classes=["sd-badge", "claim-status-badge"])
        if record.id:
            line += nodes.reference(
                "", "¶", refid=record.anchor, classes=["headerlink"], reftitle="Link to this claim"
            )
        header += line
        return header

    def figure_line(self, record: Record) -> nodes.paragraph:
        metric = self.definitions["metric"].get(record.get("metric"))
        para = nodes.paragraph(classes=["claim-figure"])
        value = format_value(record.data, metric.get("unit", "") if metric else "")
        para += nodes.strong(value, value, classes=["claim-value"])
        for rtype in ("metric", "scope", "method"):
            rid = record.get(rtype)
            if rid:
                para += nodes.Text(" ")
                para += xref(
                    rtype,
                    rid,
                    f"{rtype}: {self.name_of(rtype, rid)}",
                    self.docname,
                    classes=["sd-badge", "claim-label", f"claim-label-{rtype}"],
                )
        return para

    def footer(self, record: Record, kind: str, status: str) -> nodes.container:
        footer = nodes.container(classes=["sd-card-footer", "claim-meta"])
        facts = nodes.paragraph(classes=["claim-facts"])
        parts: list[list[nodes.Node]] = []
        if record.get("as_of"):
            parts.append([nodes.Text(f"As of {record.get('as_of')}")])
        if record.get("price_year"):
            parts.append([nodes.Text(f"{record.get('price_year')} prices")])
        if kind != "viewpoint" and record.get("claimant"):
            parts.append([nodes.Text("Claimed by "), self.entity(record.get("claimant"))])
        if record.get("subject"):
            about: list[nodes.Node] = [nodes.Text("About ")]
            for index, subject in enumerate(record.get("subject")):
                if index:
                    about.append(nodes.Text(", "))
                about.append(self.entity(subject))
            parts.append(about)
        if record.get("confidence"):
            parts.append([nodes.Text(f"Confidence: {record.get('confidence')}")])
        parts.append([nodes.Text(f"Status: {status}")])
        for index, part in enumerate(parts):
            if index:
                facts += nodes.Text(" · ")
            facts.extend(part)
        footer += facts
        footer += self.source_line(record)
        for field, label in RELATIONS:
            self.add_links(footer, label, record.get(field) or [])
        for field, label in REVERSE_RELATIONS:
            self.add_links(footer, label, self.domain.referrers(field, record.id))
        ident = nodes.paragraph(classes=["claim-id"])
        ident += nodes.Text("Claim id: ")
        ident += nodes.literal(record.id, record.id)
        if record.get("tags"):
            ident += nodes.Text(" · Tags: " + ", ".join(record.get("tags")))
        footer += ident
        return footer

    def source_line(self, record: Record) -> nodes.paragraph:
        para = nodes.paragraph(classes=["claim-source"])
        para += nodes.Text("Source: ")
        para += self.source_link(record.get("source", ""))
        if record.get("locator"):
            para += nodes.Text(f", {record.get('locator')}")
        also = record.get("also") or []
        if also:
            para += nodes.Text(". Also: ")
            for index, sid in enumerate(also):
                if index:
                    para += nodes.Text("; ")
                para += self.source_link(sid)
        return para

    def source_link(self, sid: str) -> nodes.Node:
        source = self.sources.get(sid)
        if source is None:
            return nodes.Text(sid)
        title = source.get("title", sid)
        link = web_link(title, source.get("url"), classes=["claim-source-link"])
        details = [source.get("publisher"), source.get("published")]
        text = ", ".join(str(d) for d in details if d)
        span = nodes.inline(classes=["claim-source-ref"])
        span += link
        if text:
            span += nodes.Text(f" ({text})")
        return span

    def add_links(self, parent: nodes.Element, label: str, ids: list[str]) -> None:
        if not ids:
            return
        para = nodes.paragraph(classes=["claim-relation"])
        para += nodes.Text(f"{label}: ")
        for index, claim_id in enumerate(ids):
            if index:
                para += nodes.Text("; ")
            para += self.claim_link(claim_id)
        parent += para


class RegistryListBuilder:
    """A definition list of registry records: name, definition, what it includes and excludes."""

    def __init__(self, domain):
        self.domain = domain

    def build(self, node: registry_node) -> nodes.definition_list:
        records = self.domain.registry.of_type(node["rtype"])
        dlist = nodes.definition_list(classes=["claim-registry", f"claim-registry-{node['rtype']}"])
        for rid in node["ids"]:
            record = records.get(rid)
            if record is None:
                continue
            item = nodes.definition_list_item(ids=[record.anchor])
            term = nodes.term()
            name = record.get("name") or record.get("title") or rid
            term += nodes.strong(name, name)
            term += nodes.Text(f" ({rid})")
            item += term
            definition = nodes.definition()
            for text in self.describe(record):
                definition += nodes.paragraph(text=text)
            url = record.get("url")
            if url:
                para = nodes.paragraph()
                para += web_link(url, url)
                definition += para
            item += definition
            dlist += item
        return dlist

    @staticmethod
    def describe(record: Record) -> list[str]:
        lines = []
        for field in ("definition", "description", "notes"):
            if record.get(field):
                lines.append(record.get(field))
        if record.get("unit"):
            lines.append(f"Unit: {record.get('unit')}")
        if record.type == "entity":
            lines.append(f"Type: {record.get('type')}")
        if record.type == "source":
            details = [record.get("type"), record.get("publisher"), record.get("published")]
            lines.append(", ".join(str(d) for d in details if d))
        for field, label in (
            ("includes", "Includes"),
            ("excludes", "Excludes"),
            ("aliases", "Also known as"),
        ):
            if record.get(field):
                lines.append(f"{label}: " + "; ".join(record.get(field)))
        return lines


class RenderClaims(SphinxPostTransform):
    default_priority = 790  # see the module's docstring

    def run(self, **kwargs) -> None:
        domain = self.env.domains["claim"]
        cards = CardBuilder(domain, self.env.docname)
        lists = RegistryListBuilder(domain)
        for node in list(
            self.document.findall(lambda n: isinstance(n, claim_node | registry_node))
        ):
            built = cards.card(node) if isinstance(node, claim_node) else lists.build(node)
            self.resolve_links(built)
            node.replace_self(built)

    def resolve_links(self, tree: nodes.Element) -> None:
        """What Sphinx's ReferencesResolver does for our links: a link, or its text if the
        target is unknown (`refwarn` is off: the validator reports unknown ids)."""
        domain = self.env.domains["claim"]
        for ref in list(tree.findall(addnodes.pending_xref)):
            contnode = ref[0]
            try:
                resolved = domain.resolve_xref(
                    self.env,
                    ref["refdoc"],
                    self.env._app.builder,  # as Sphinx's own ReferencesResolver reaches it
                    ref["reftype"],
                    ref["reftarget"],
                    ref,
                    contnode,
                )
            except NoUri:
                resolved = None
            ref.replace_self(resolved or contnode)


def setup_render(app) -> None:
    app.add_node(claim_node)
    app.add_node(registry_node)
    app.add_post_transform(RenderClaims)
