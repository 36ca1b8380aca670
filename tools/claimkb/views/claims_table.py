"""Tables of claims: the `claims` directive's and the generated pages'.

A table is complete without JavaScript; `claimkb-table.js` makes its columns sortable and adds a
filter box.
"""

from __future__ import annotations

from docutils import nodes

from ..core.claim_filters import as_of_key
from ..core.periods import as_of_words
from ..core.records import Record
from .i18n import N_, _, status_words
from .links import joined, xref
from .names import Names
from .nodes import sort_key
from .when import sort_value, when_cell

#: column -> (header, sort type)
COLUMNS = {
    "title": (N_("Claim"), "text"),
    "value": (N_("Value"), "number"),
    "metric": (N_("Metric"), "text"),
    "scope": (N_("Scope"), "text"),
    "method": (N_("Method"), "text"),
    "subject": (N_("About"), "text"),
    "claimant": (N_("Claimed by"), "text"),
    "as_of": (N_("As of"), "number"),
    "period": (N_("Period"), "number"),
    "when": (N_("When"), "number"),
    "source": (N_("Source"), "text"),
    "status": (N_("Status"), "text"),
}
DEFAULT_COLUMNS = tuple(c for c in COLUMNS if c not in ("period", "when"))


def shown_claims(domain) -> list[Record]:
    """Every claim a page shows (written in a page, or from a collection a page shows), by id."""
    return [
        record for (rtype, _), (_, record) in sorted(domain.objects.items()) if rtype == "claim"
    ]


class ClaimsTableBuilder:
    """Builds a docutils table of claims, with names from the registry and links to each card."""

    def __init__(self, domain, docname: str):
        self.domain = domain
        self.names = Names(domain, docname)
        self.docname = docname

    def build(
        self, records: list[Record], columns=DEFAULT_COLUMNS, caption: str = ""
    ) -> nodes.Node:
        if not records:
            para = nodes.paragraph(classes=["claimkb-claims-empty"])
            para += nodes.Text(_("No claims match."))
            return para
        table = nodes.table(classes=["claimkb-claims"])
        if caption:
            table += nodes.title(caption, caption)
        group = nodes.tgroup(cols=len(columns))
        table += group
        for _column in columns:
            group += nodes.colspec(colwidth=1)
        head = nodes.thead()
        row = nodes.row()
        for column in columns:
            label, sort_type = COLUMNS[column]
            label = _(label)
            entry = nodes.entry(classes=[f"claimkb-col-{column}", f"claimkb-sort-{sort_type}"])
            entry += nodes.paragraph(label, label)
            row += entry
        head += row
        group += head
        body = nodes.tbody()
        for record in records:
            row = nodes.row(classes=[f"claimkb-row-{record.get('kind', 'claim')}"])
            for column in columns:
                entry = nodes.entry(classes=[f"claimkb-col-{column}"])
                para = nodes.paragraph()
                para.extend(self.cell(record, column))
                entry += para
                row += entry
            body += row
        group += body
        wrapper = nodes.container(classes=["claimkb-table-wrapper"])
        wrapper += table
        return wrapper

    def cell(self, record: Record, column: str) -> list[nodes.Node]:
        if column == "title":
            return [xref("claim", record.id, record.get("title", record.id), self.docname)]
        if column == "value":
            text = self.names.value_of(record)
            return [sort_key(text, text, value=sort_value(record.data))] if text else []
        if column in ("metric", "scope", "method"):
            rid = record.get(column)
            return [xref(column, rid, self.names.name_of(column, rid), self.docname)] if rid else []
        if column == "subject":
            return joined([self.names.entity(s) for s in record.get("subject") or []])
        if column == "claimant":
            return [self.names.entity(record.get("claimant"))] if record.get("claimant") else []
        if column == "as_of":
            as_of = record.get("as_of")
            words = as_of_words(as_of) if as_of else ""
            return [sort_key(words, words, value=as_of_key(as_of))] if as_of else []
        if column in ("period", "when"):
            text, key = when_cell(record, stated=column == "when")
            return [sort_key(text, text, value=key)] if text else []
        if column == "source":
            source = self.names.sources.get(record.get("source", ""))
            title = source.get("title") if source else record.get("source", "")
            return [xref("source", record.get("source", ""), title, self.docname)]
        if column == "status":
            return [nodes.Text(status_words(record.get("status", "current")))]
        return []


def number_tables(document: nodes.document) -> None:
    """Stable ids, in page order, for every claims table, so tests and links can find them."""
    for index, table in enumerate(document.findall(nodes.table)):
        if "claimkb-claims" in table["classes"] and not table["ids"]:
            table["ids"] = [f"claims-table-{index + 1}"]
