"""Compare blocks: claims side by side, with what differs or, when comparable, the ratio.

Built at write time, so they always show the claims' current values and names.
"""

from __future__ import annotations

from itertools import combinations

from docutils import nodes

from ..core import comparability
from ..core.bounds import conclusion, is_bound_only
from ..core.formatting import format_value
from ..core.periods import as_of_words
from ..core.records import Record
from .i18n import N_, _
from .links import xref
from .money_view import converted_pair
from .names import Names

#: the labels of a compared claim's facts (their field classes keep the English words)
FACT_LABELS = {"metric": N_("Metric"), "scope": N_("Scope"), "method": N_("Method")}
N_("Prices"), N_("Claimed by"), N_("As of"), N_("Source")


class CompareBuilder:
    """Side-by-side cards of claims and, for each pair, the verdict: what differs, or the ratio."""

    def __init__(self, domain, docname: str):
        self.domain = domain
        self.docname = docname
        self.names = Names(domain, docname)

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
            field += nodes.field_name(_(label), _(label))
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
                facts.append((FACT_LABELS[rtype], [self.names.link(rtype, rid)]))
        if record.get("price_year"):
            prices = _("%(year)s prices") % {"year": record.get("price_year")}
            facts.append(("Prices", [nodes.Text(prices)]))
        if record.get("claimant"):
            facts.append(("Claimed by", [self.names.entity(record.get("claimant"))]))
        if record.get("as_of"):
            facts.append(("As of", [nodes.Text(as_of_words(record.get("as_of")))]))
        if record.get("source"):
            facts.append(("Source", [self.names.source_link(record.get("source"))]))
        return facts

    def value(self, record: Record) -> str:
        return self.names.value_of(record)

    def verdict(self, left: Record, right: Record) -> nodes.paragraph:
        found = comparability.differences(left.data, right.data, self.names.name_of)
        if found:
            para = nodes.paragraph(classes=["claimkb-compare-verdict", "claimkb-not-comparable"])
            words = _("Not comparable.") + " "
            para += nodes.strong(words, words)
            text = comparability.describe(found)
            text = text[0].upper() + text[1:] + ". " + _("No ratio is drawn between them.")
            para += nodes.inline(text, text, classes=["claimkb-compare-differences"])
            return para
        para = nodes.paragraph(classes=["claimkb-compare-verdict", "claimkb-comparable"])
        words = _("Comparable:") + " "
        para += nodes.strong(words, words)
        para += nodes.Text(_("same metric, scope and method.") + " ")
        converted = converted_pair(self.domain, left, right)
        values = {r.id: r.data for r in (left, right)}
        if converted is not None:
            constants, words = converted
            para += nodes.Text(words)
            values = {rid: found.as_data() for rid, found in constants.items()}
        if is_bound_only(left.data) or is_bound_only(right.data):
            para += self.bounds_sentence(left, right, values, converted)
            return para
        ratio = comparability.ratio(values[left.id], values[right.id])
        if ratio is None:
            para += nodes.Text(_("The values are not both positive, so there is no ratio."))
            return para
        larger, smaller = (
            (left, right)
            if values[left.id]["value"] >= values[right.id]["value"]
            else (right, left)
        )
        ratio_text = comparability.ratio_text(ratio)
        sentence = nodes.inline(classes=["claimkb-compare-ratio"])
        sentence += xref("claim", larger.id, larger.get("title", larger.id), self.docname)
        is_times = _("is %(ratio)s") % {"ratio": ratio_text}
        sentence += nodes.Text(f" ({self.shown(larger, converted)}) {is_times} ")
        sentence += xref("claim", smaller.id, smaller.get("title", smaller.id), self.docname)
        sentence += nodes.Text(f" ({self.shown(smaller, converted)}).")
        para += sentence
        return para

    def shown(self, record: Record, converted) -> str:
        """The value, and, when the ratio is of converted values, what it was converted to."""
        if converted is None:
            return self.value(record)
        found = converted[0][record.id]
        if not found.deflated:  # only its currency converted: its value says so already
            return self.value(record)
        unit = self.names.registry.unit_of(record.get("metric"))
        in_base = format_value(found.as_data(), unit)
        in_dollars = _("%(value)s in %(year)s dollars") % {
            "value": in_base,
            "year": found.base_year,
        }
        return f"{self.value(record)}; {in_dollars}"

    def bounds_sentence(self, left: Record, right: Record, values, converted) -> nodes.inline:
        """What two figures allow when one gives bounds only: which is larger, if that is sure,
        and the least ratio (of `values`, converted when their dollars differ); else that
        nothing follows."""
        verdict, ratio = conclusion(values[left.id], values[right.id])
        sentence = nodes.inline(classes=["claimkb-compare-bounds"])
        if verdict not in ("larger", "smaller"):
            text = _(
                "One gives only a bound, and the bounds overlap or are open on the side that "
                "matters: neither can be said to be larger, and no ratio is drawn."
            )
            sentence += nodes.Text(text)
            return sentence
        larger, smaller = (left, right) if verdict == "larger" else (right, left)
        sentence += xref("claim", larger.id, larger.get("title", larger.id), self.docname)
        larger_than = _("is larger than")
        sentence += nodes.Text(f" ({self.shown(larger, converted)}) {larger_than} ")
        sentence += xref("claim", smaller.id, smaller.get("title", smaller.id), self.docname)
        sentence += nodes.Text(f" ({self.shown(smaller, converted)})")
        if ratio is not None:
            at_least = _("at least %(ratio)s") % {"ratio": comparability.ratio_text(ratio)}
            sentence += nodes.Text(f", {at_least}")
        sentence += nodes.Text(". " + _("How much larger beyond that, the bounds do not say."))
        return sentence
