"""How views name records: registry names, links to entities, claims and sources."""

from __future__ import annotations

from docutils import nodes

from ..core.formatting import format_value
from ..core.periods import as_of_words
from .links import web_link, xref


def date_of(record, field: str):
    """A date field as the build's language writes it (English: as written, `2024-12-27`)."""
    value = record.get(field)
    return as_of_words(value) if isinstance(value, str) else value


class Names:
    """Names and links of records, as one page (`docname`) shows them."""

    def __init__(self, domain, docname: str):
        self.domain = domain
        self.registry = domain.registry
        self.docname = docname
        self.sources = self.registry.of_type("source")

    def name_of(self, rtype: str, rid: str) -> str:
        return self.registry.name_of(rtype, rid)

    def value_of(self, record) -> str:
        """The claim's value in its metric's unit: `$5.58M`, `50,000 GPUs`; "" without one."""
        return format_value(record.data, self.registry.unit_of(record.get("metric")))

    def link(self, rtype: str, rid: str, classes=()) -> nodes.Node:
        return xref(rtype, rid, self.name_of(rtype, rid), self.docname, classes)

    def entity(self, rid: str) -> nodes.Node:
        return self.link("entity", rid)

    def claim_link(self, claim_id: str) -> nodes.Node:
        found = self.domain.claim(claim_id)
        title = found[1].get("title", claim_id) if found else claim_id
        return xref("claim", claim_id, title, self.docname)

    def source_link(self, sid: str) -> nodes.Node:
        source = self.sources.get(sid)
        if source is None:
            return nodes.Text(sid)
        title = source.get("title", sid)
        link = web_link(title, source.get("url"), classes=["claim-source-link"])
        text = ", ".join(
            str(d) for d in (source.get("publisher"), date_of(source, "published")) if d
        )
        span = nodes.inline(classes=["claim-source-ref"])
        span += link
        if text:
            span += nodes.Text(f" ({text})")
        return span
