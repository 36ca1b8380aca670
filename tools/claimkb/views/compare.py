"""Compare blocks: claims side by side, with what differs or, when comparable, the ratio."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from docutils import nodes

from ..core import comparability
from ..core.bounds import conclusion, is_bound_only
from ..core.formatting import format_value
from ..core.money import Constant
from ..core.periods import as_of_words
from ..core.records import Record
from .i18n import N_, _
from .kb import KnowledgeBase
from .model import Inline, Styled, para, render_inline, span, strong
from .money_view import converted_pair
from .names import Names

#: the labels of a compared claim's facts (their field classes keep the English words)
FACT_LABELS = {"metric": N_("Metric"), "scope": N_("Scope"), "method": N_("Method")}
N_("Prices"), N_("Claimed by"), N_("As of"), N_("Source")


@dataclass(frozen=True)
class Fact:
    #: the English label, which names the field's class
    key: str
    label: str
    parts: tuple[Inline, ...]


@dataclass(frozen=True)
class Side:
    claim_id: str
    title: Styled
    value: str
    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class CompareModel:
    block_id: str
    sides: tuple[Side, ...]
    verdicts: tuple[Styled, ...]

    def render(self) -> nodes.container:
        block = nodes.container(classes=["claimkb-compare"], ids=[self.block_id])
        grid = nodes.container(classes=["sd-container-fluid", "sd-sphinx-override", "sd-mb-2"])
        row = nodes.container(
            classes=["sd-row", "sd-row-cols-1", "sd-row-cols-sm-2", "sd-g-2", "claimkb-compare-row"]
        )
        for side in self.sides:
            column = nodes.container(classes=["sd-col", "sd-d-flex-row"])
            column += render_side(side)
            row += column
        grid += row
        block += grid
        block.extend(render_inline(verdict) for verdict in self.verdicts)
        return block


def render_side(side: Side) -> nodes.container:
    card = nodes.container(
        classes=["sd-card", "sd-sphinx-override", "sd-w-100", "claimkb-compare-item"]
    )
    card["classes"].append(f"claimkb-compare-item-{side.claim_id}")
    body = nodes.container(classes=["sd-card-body"])
    body += render_inline(side.title)
    if side.value:
        body += render_inline(para(strong(side.value), classes=("claimkb-compare-value",)))
    facts = nodes.field_list(classes=["claimkb-compare-facts"])
    for fact in side.facts:
        field = nodes.field(classes=[f"claimkb-compare-{fact.key.lower().replace(' ', '-')}"])
        field += nodes.field_name(fact.label, fact.label)
        cell = nodes.field_body()
        cell += render_inline(para(*fact.parts))
        field += cell
        facts += field
    body += facts
    card += body
    return card


class Comparison:
    """Builds compare models: the sides, and for each pair the verdict."""

    def __init__(self, kb: KnowledgeBase, names: Names):
        self.kb = kb
        self.names = names

    def model(self, records: list[Record], block_id: str) -> CompareModel:
        sides = tuple(self.side(record) for record in records)
        verdicts = tuple(self.verdict(left, right) for left, right in combinations(records, 2))
        return CompareModel(block_id, sides, verdicts)

    def title(self, record: Record) -> Inline:
        return self.names.link("claim", record.id, record.get("title", record.id))

    def side(self, record: Record) -> Side:
        title = para(self.title(record), classes=("claimkb-compare-title",))
        return Side(record.id, title, self.names.value_of(record), tuple(self.facts(record)))

    def facts(self, record: Record) -> list[Fact]:
        names = self.names
        facts = []
        for rtype in ("metric", "scope", "method"):
            rid = record.get(rtype)
            if rid:
                facts.append(
                    Fact(FACT_LABELS[rtype], _(FACT_LABELS[rtype]), (names.link(rtype, rid),))
                )
        if record.get("price_year"):
            prices = _("%(year)s prices") % {"year": record.get("price_year")}
            facts.append(Fact("Prices", _("Prices"), (prices,)))
        if record.get("claimant"):
            facts.append(
                Fact("Claimed by", _("Claimed by"), (names.entity(record.get("claimant")),))
            )
        if record.get("as_of"):
            facts.append(Fact("As of", _("As of"), (as_of_words(record.get("as_of")),)))
        if record.get("source"):
            facts.append(Fact("Source", _("Source"), (names.source_link(record.get("source")),)))
        return facts

    def verdict(self, left: Record, right: Record) -> Styled:
        found = comparability.differences(left.data, right.data, self.names.name_of)
        if found:
            text = comparability.describe(found)
            text = text[0].upper() + text[1:] + ". " + _("No ratio is drawn between them.")
            return para(
                strong(_("Not comparable.") + " "),
                span(text, ("claimkb-compare-differences",)),
                classes=("claimkb-compare-verdict", "claimkb-not-comparable"),
            )
        parts: list[Inline] = [
            strong(_("Comparable:") + " "),
            _("same metric, scope and method.") + " ",
        ]
        converted = converted_pair(self.kb, left, right)
        values = {r.id: r.data for r in (left, right)}
        if converted is not None:
            constants, words = converted
            parts.append(words)
            values = {rid: found.as_data() for rid, found in constants.items()}
        if is_bound_only(left.data) or is_bound_only(right.data):
            parts.append(self.bounds_sentence(left, right, values, converted))
        else:
            parts.append(self.ratio_sentence(left, right, values, converted))
        return para(*parts, classes=("claimkb-compare-verdict", "claimkb-comparable"))

    def ratio_sentence(self, left: Record, right: Record, values, converted) -> Inline:
        ratio = comparability.ratio(values[left.id], values[right.id])
        if ratio is None:
            return _("The values are not both positive, so there is no ratio.")
        larger, smaller = (
            (left, right)
            if values[left.id]["value"] >= values[right.id]["value"]
            else (right, left)
        )
        is_times = _("is %(ratio)s") % {"ratio": comparability.ratio_text(ratio)}
        return Styled(
            "inline",
            (
                self.title(larger),
                f" ({self.shown(larger, converted)}) {is_times} ",
                self.title(smaller),
                f" ({self.shown(smaller, converted)}).",
            ),
            ("claimkb-compare-ratio",),
        )

    def shown(self, record: Record, converted) -> str:
        """The value, and, when the ratio is of converted values, what it was converted to."""
        value = self.names.value_of(record)
        if converted is None:
            return value
        found: Constant = converted[0][record.id]
        if not found.deflated:  # only its currency converted: its value says so already
            return value
        unit = self.names.registry.unit_of(record.get("metric"))
        in_base = format_value(found.as_data(), unit)
        in_dollars = _("%(value)s in %(year)s dollars") % {
            "value": in_base,
            "year": found.base_year,
        }
        return f"{value}; {in_dollars}"

    def bounds_sentence(self, left: Record, right: Record, values, converted) -> Styled:
        """What two figures allow when one gives bounds only: which is larger, if that is sure,
        and the least ratio (of `values`, converted when their dollars differ); else that
        nothing follows."""
        verdict, ratio = conclusion(values[left.id], values[right.id])
        classes = ("claimkb-compare-bounds",)
        if verdict not in ("larger", "smaller"):
            text = _(
                "One gives only a bound, and the bounds overlap or are open on the side that "
                "matters: neither can be said to be larger, and no ratio is drawn."
            )
            return Styled("inline", (text,), classes)
        larger, smaller = (left, right) if verdict == "larger" else (right, left)
        larger_than = _("is larger than")
        parts: list[Inline] = [
            self.title(larger),
            f" ({self.shown(larger, converted)}) {larger_than} ",
            self.title(smaller),
            f" ({self.shown(smaller, converted)})",
        ]
        if ratio is not None:
            at_least = _("at least %(ratio)s") % {"ratio": comparability.ratio_text(ratio)}
            parts.append(f", {at_least}")
        parts.append(". " + _("How much larger beyond that, the bounds do not say."))
        return Styled("inline", tuple(parts), classes)
