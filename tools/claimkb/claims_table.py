"""The `claims` directive: a table of the claims that match its filters, built at write time.

```{claims}
:subject: deepseek, deepseek-v3
:metric: cost
```

Values in one option are alternatives (any of them); options combine (all of them). The table is
complete without JavaScript; `claimkb-table.js` makes its columns sortable and adds a filter box.
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from .formatting import format_value
from .records import Finding, Record
from .render import CardBuilder, xref
from .validate import did_you_mean

#: filter option -> the record type its values name (None: a fixed list or free words)
FILTERS = {
    "subject": "entity",
    "claimant": "entity",
    "metric": "metric",
    "scope": "scope",
    "method": "method",
    "kind": None,
    "status": None,
    "tag": None,
    "source": "source",
}

#: column -> (header, sort type)
COLUMNS = {
    "title": ("Claim", "text"),
    "value": ("Value", "number"),
    "metric": ("Metric", "text"),
    "scope": ("Scope", "text"),
    "method": ("Method", "text"),
    "subject": ("About", "text"),
    "claimant": ("Claimed by", "text"),
    "as_of": ("As of", "number"),
    "source": ("Source", "text"),
    "status": ("Status", "text"),
}
DEFAULT_COLUMNS = tuple(COLUMNS)


class claims_node(nodes.General, nodes.Element):
    """A claims table; attribute `filters` maps a filter option to the values it accepts."""


class sort_key(nodes.inline):
    """Text and the raw value a browser sorts by: `<data value=...>` in HTML, the text elsewhere."""


def visit_sort_key(translator, node: sort_key) -> None:
    translator.body.append(f'<data class="claimkb-sort-key" value="{escape(str(node["value"]))}">')


def depart_sort_key(translator, node: sort_key) -> None:
    translator.body.append("</data>")


def field_values(record: Record, name: str) -> list[str]:
    """The values a filter option is matched against."""
    if name == "tag":
        return list(record.get("tags") or [])
    if name == "source":
        return [record.get("source", "")] + list(record.get("also") or [])
    if name == "status":
        return [record.get("status", "current")]
    value = record.get(name)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def matches(record: Record, filters: dict[str, list[str]]) -> bool:
    return all(set(field_values(record, name)) & set(wanted) for name, wanted in filters.items())


def shown_claims(domain) -> list[Record]:
    """Every claim a page shows (written in a page, or from a collection a page shows), by id."""
    return [
        record for (rtype, _), (_, record) in sorted(domain.objects.items()) if rtype == "claim"
    ]


def as_of_key(as_of: str | None) -> int:
    """`2024-12-27` -> 20241227, `2024` -> 20240000: sorts numerically, least precise first."""
    if not as_of:
        return 0
    parts = [int(p) for p in as_of.split("-")] + [0, 0]
    return parts[0] * 10000 + parts[1] * 100 + parts[2]


def newest_first(records: list[Record]) -> list[Record]:
    return sorted(records, key=lambda r: (-as_of_key(r.get("as_of")), r.id))


class ClaimsTableBuilder:
    """Builds a docutils table of claims, with names from the registry and links to each card."""

    def __init__(self, domain, docname: str):
        self.domain = domain
        self.names = CardBuilder(domain, docname)
        self.docname = docname
        self.metrics = domain.registry.of_type("metric")

    def build(
        self, records: list[Record], columns=DEFAULT_COLUMNS, caption: str = ""
    ) -> nodes.Node:
        if not records:
            para = nodes.paragraph(classes=["claimkb-claims-empty"])
            para += nodes.Text("No claims match.")
            return para
        table = nodes.table(classes=["claimkb-claims"])
        if caption:
            table += nodes.title(caption, caption)
        group = nodes.tgroup(cols=len(columns))
        table += group
        for _ in columns:
            group += nodes.colspec(colwidth=1)
        head = nodes.thead()
        row = nodes.row()
        for column in columns:
            label, sort_type = COLUMNS[column]
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
            value = record.get("value")
            metric = self.metrics.get(record.get("metric"))
            text = format_value(record.data, metric.get("unit", "") if metric else "")
            if not text:
                return []
            return [sort_key(text, text, value=value)]
        if column in ("metric", "scope", "method"):
            rid = record.get(column)
            return [xref(column, rid, self.names.name_of(column, rid), self.docname)] if rid else []
        if column == "subject":
            return self.joined([self.names.entity(s) for s in record.get("subject") or []])
        if column == "claimant":
            return [self.names.entity(record.get("claimant"))] if record.get("claimant") else []
        if column == "as_of":
            as_of = record.get("as_of")
            return [sort_key(as_of, as_of, value=as_of_key(as_of))] if as_of else []
        if column == "source":
            source = self.names.sources.get(record.get("source", ""))
            title = source.get("title") if source else record.get("source", "")
            return [xref("source", record.get("source", ""), title, self.docname)]
        if column == "status":
            return [nodes.Text(record.get("status", "current"))]
        return []

    @staticmethod
    def joined(parts: list[nodes.Node]) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        for index, part in enumerate(parts):
            if index:
                result.append(nodes.Text(", "))
            result.append(part)
        return result


class ClaimsDirective(SphinxDirective):
    has_content = False
    option_spec = {name: directives.unchanged_required for name in FILTERS}

    def run(self) -> list[nodes.Node]:
        env = self.env
        domain = env.domains["claim"]
        domain.note_query(env.docname)
        filters = {
            name: [v.strip() for v in raw.split(",") if v.strip()]
            for name, raw in self.options.items()
        }
        domain.note_findings(env.docname, self.check(filters))
        node = claims_node(filters=filters)
        self.set_source_info(node)
        return [node]

    def check(self, filters: dict[str, list[str]]) -> list[Finding]:
        """Filter values that name nothing: a located finding each, with the closest name."""
        registry = self.env.claimkb_registry
        fields = registry.schemas.fields["claim"]
        path, line = self.get_source_info()
        findings = []
        for name, values in filters.items():
            rtype = FILTERS[name]
            if rtype:
                known = set(registry.of_type(rtype))
            elif name in fields and fields[name].enum:
                known = set(fields[name].enum)
            else:
                continue
            for value in values:
                if value not in known:
                    what = rtype or name
                    findings.append(
                        Finding(
                            str(path),
                            line,
                            code="ref",
                            record_type="directive",
                            record_id="claims",
                            field=name,
                            message=f"unknown {what} {value!r}",
                            hint=did_you_mean(value, known),
                        )
                    )
        return findings


class RenderClaimsTables(SphinxPostTransform):
    default_priority = 6  # after the cards (5), before references are resolved (10)

    def run(self, **kwargs) -> None:
        domain = self.env.domains["claim"]
        builder = ClaimsTableBuilder(domain, self.env.docname)
        for node in list(self.document.findall(claims_node)):
            records = [r for r in shown_claims(domain) if matches(r, node["filters"])]
            node.replace_self(builder.build(newest_first(records)))
        number_tables(self.document)


def number_tables(document: nodes.document) -> None:
    """Stable ids, in page order, for every claims table, so tests and links can find them."""
    for index, table in enumerate(document.findall(nodes.table)):
        if "claimkb-claims" in table["classes"] and not table["ids"]:
            table["ids"] = [f"claims-table-{index + 1}"]


def setup_claims_table(app) -> None:
    app.add_node(claims_node)
    app.add_node(sort_key, html=(visit_sort_key, depart_sort_key))
    app.add_directive("claims", ClaimsDirective)
    app.add_post_transform(RenderClaimsTables)
    app.add_js_file("claimkb-table.js", loading_method="defer")
