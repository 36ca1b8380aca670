"""The `compare` directive: claims side by side, with what differs or, when comparable, the ratio.

```{compare} deepseek-v3-final-run-cost deepseek-server-capex-semianalysis
```

Rendered at write time, so it always shows the claims' current values and names.
"""

from __future__ import annotations

from itertools import combinations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from . import comparability
from .domain import RoleRef
from .formatting import format_value
from .records import Record
from .render import CardBuilder, xref


class compare_node(nodes.General, nodes.Element):
    """Claims to compare; attribute `claim_ids` holds their ids in the order written."""


class CompareDirective(SphinxDirective):
    required_arguments = 2
    optional_arguments = 8

    def run(self) -> list[nodes.Node]:
        env = self.env
        domain = env.domains["claim"]
        path = str(env.doc2path(env.docname))
        for claim_id in self.arguments:
            domain.note_ref(env.docname, RoleRef(claim_id, path, self.lineno, "compare"))
        node = compare_node(claim_ids=list(self.arguments))
        self.set_source_info(node)
        return [node]


class CompareBuilder:
    """Side-by-side cards of claims and, for each pair, the verdict: what differs, or the ratio."""

    def __init__(self, domain, docname: str):
        self.domain = domain
        self.docname = docname
        self.names = CardBuilder(domain, docname)
        self.metrics = domain.registry.of_type("metric")

    def build(self, records: list[Record], block_id: str) -> nodes.container:
        block = nodes.container(classes=["claimkb-compare"], ids=[block_id])
        grid = nodes.container(classes=["sd-container-fluid", "sd-sphinx-override", "sd-mb-2"])
        row = nodes.container(
            classes=["sd-row", "sd-row-cols-1", "sd-row-cols-sm-2", "sd-g-2", "claimkb-compare-row"]
        )
        for record in records:
            column = nodes.container(classes=["sd-col", "sd-d-flex-row"])
            column += self.side(record)
            row += column
        grid += row
        block += grid
        for left, right in combinations(records, 2):
            block += self.verdict(left, right)
        return block

    def side(self, record: Record) -> nodes.container:
        card = nodes.container(
            classes=["sd-card", "sd-sphinx-override", "sd-w-100", "claimkb-compare-item"]
        )
        card["classes"].append(f"claimkb-compare-item-{record.id}")
        body = nodes.container(classes=["sd-card-body"])
        title = nodes.paragraph(classes=["claimkb-compare-title"])
        title += xref("claim", record.id, record.get("title", record.id), self.docname)
        body += title
        value = self.value(record)
        if value:
            para = nodes.paragraph(classes=["claimkb-compare-value"])
            para += nodes.strong(value, value)
            body += para
        facts = nodes.field_list(classes=["claimkb-compare-facts"])
        for label, content in self.facts(record):
            field = nodes.field(classes=[f"claimkb-compare-{label.lower().replace(' ', '-')}"])
            field += nodes.field_name(label, label)
            cell = nodes.field_body()
            para = nodes.paragraph()
            para.extend(content)
            cell += para
            field += cell
            facts += field
        body += facts
        card += body
        return card

    def facts(self, record: Record) -> list[tuple[str, list[nodes.Node]]]:
        facts = []
        for rtype in ("metric", "scope", "method"):
            rid = record.get(rtype)
            if rid:
                facts.append(
                    (
                        rtype.capitalize(),
                        [xref(rtype, rid, self.names.name_of(rtype, rid), self.docname)],
                    )
                )
        if record.get("price_year"):
            facts.append(("Prices", [nodes.Text(f"{record.get('price_year')} prices")]))
        if record.get("claimant"):
            facts.append(("Claimed by", [self.names.entity(record.get("claimant"))]))
        if record.get("as_of"):
            facts.append(("As of", [nodes.Text(record.get("as_of"))]))
        if record.get("source"):
            facts.append(("Source", [self.names.source_link(record.get("source"))]))
        return facts

    def value(self, record: Record) -> str:
        metric = self.metrics.get(record.get("metric"))
        return format_value(record.data, metric.get("unit", "") if metric else "")

    def verdict(self, left: Record, right: Record) -> nodes.paragraph:
        found = comparability.differences(left.data, right.data, self.names.name_of)
        if found:
            para = nodes.paragraph(classes=["claimkb-compare-verdict", "claimkb-not-comparable"])
            para += nodes.strong("Not comparable. ", "Not comparable. ")
            text = comparability.describe(found)
            text = text[0].upper() + text[1:] + ". No ratio is drawn between them."
            para += nodes.inline(text, text, classes=["claimkb-compare-differences"])
            return para
        para = nodes.paragraph(classes=["claimkb-compare-verdict", "claimkb-comparable"])
        para += nodes.strong("Comparable: ", "Comparable: ")
        para += nodes.Text("same metric, scope and method. ")
        ratio = comparability.ratio(left.data, right.data)
        if ratio is None:
            para += nodes.Text("The values are not both positive, so there is no ratio.")
            return para
        larger, smaller = (
            (left, right) if left.get("value") >= right.get("value") else (right, left)
        )
        ratio_text = comparability.ratio_text(ratio)
        sentence = nodes.inline(classes=["claimkb-compare-ratio"])
        sentence += xref("claim", larger.id, larger.get("title", larger.id), self.docname)
        sentence += nodes.Text(f" ({self.value(larger)}) is {ratio_text} ")
        sentence += xref("claim", smaller.id, smaller.get("title", smaller.id), self.docname)
        sentence += nodes.Text(f" ({self.value(smaller)}).")
        para += sentence
        return para


class RenderComparisons(SphinxPostTransform):
    default_priority = 6  # before references are resolved (10): the links we add get resolved

    def run(self, **kwargs) -> None:
        domain = self.env.domains["claim"]
        builder = CompareBuilder(domain, self.env.docname)
        for index, node in enumerate(list(self.document.findall(compare_node))):
            records = [found[1] for found in map(domain.claim, node["claim_ids"]) if found]
            if len(records) < 2:
                # unknown ids are reported, located, by the consistency check
                node.replace_self([])
                continue
            node.replace_self(builder.build(records, f"compare-{index + 1}"))


def setup_compare(app) -> None:
    app.add_node(compare_node)
    app.add_directive("compare", CompareDirective)
    app.add_post_transform(RenderComparisons)
