"""Compare blocks: each compared figure on one line (its value, then its title), then, for each
pair, whether they are comparable and, if so, the ratio or how far apart they are, and if not,
why, with the ledger's claims that each could be compared with instead. What each figure counts
(metric, scope, method, who says so, as of, source) is one click away, in a collapsed
`<details>` block as a card's quote is, the facts every side shares said once: a page of a
dozen compare blocks stays short and light."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from itertools import combinations
from typing import Any, TypeAlias

from docutils import nodes

from ..core import comparability
from ..core.bounds import conclusion, is_bound_only
from ..core.formatting import format_number, format_value
from ..core.hygiene import provenance_methods
from ..core.money import Constant
from ..core.periods import as_of_words
from ..core.periods import sort_key as time_key
from ..core.records import Record
from .i18n import N_, _, labelled
from .kb import KnowledgeBase
from .model import Inline, Link, Styled, para, render_inline, span, strong, untipped
from .money_view import converted_pair
from .names import Names
from .nodes import details_node
from .selections import claims_of_pair

#: the labels of a compared claim's facts (their classes keep the English words)
FACT_LABELS = {"metric": N_("Metric"), "scope": N_("Scope"), "method": N_("Method")}
N_("Prices"), N_("Claimed by"), N_("As of"), N_("Source")
#: how many comparable claims "compare instead" names for each side
INSTEAD = 3


#: claim id -> the fields of its figure a sentence compares (converted, when they must be)
Values: TypeAlias = Mapping[str, Mapping[str, Any]]
#: both figures in one year's dollars, and the words that say so (`money_view.converted_pair`)
Converted: TypeAlias = tuple[dict[str, Constant], str] | None


@dataclass(frozen=True)
class Fact:
    #: the label with its colon, as the language writes it (`Scope: `, `Périmètre : `)
    label: str
    parts: tuple[Inline, ...]


@dataclass(frozen=True)
class Side:
    claim_id: str
    title: Inline
    value: str
    facts: tuple[Fact, ...]
    #: what leads the side's line of facts in the details: its title and a colon
    lead: str = ""


@dataclass(frozen=True)
class CompareModel:
    block_id: str
    sides: tuple[Side, ...]
    verdicts: tuple[Styled, ...]
    #: the facts every side has alike, said once in the details (each side's `facts` lack them)
    shared: tuple[Fact, ...] = ()
    shared_lead: str = ""
    #: for pairs that are not comparable, the ledger's claims each side compares with instead
    instead: tuple[Styled, ...] = ()
    summary: str = ""

    def render(self) -> nodes.container:
        block = nodes.container(classes=["claimkb-compare"], ids=[self.block_id])
        figures = nodes.bullet_list(classes=["claimkb-compare-figures"])
        figures.extend(render_figure(side) for side in self.sides)
        block += figures
        block.extend(render_inline(verdict) for verdict in self.verdicts)
        details = details_node(summary=self.summary, classes=["claimkb-compare-details"])
        if self.shared:
            details += render_facts(self.shared_lead, self.shared, ["claimkb-compare-shared"])
        for side in self.sides:
            if side.facts:
                classes = ["claimkb-compare-facts", f"claimkb-compare-facts-{side.claim_id}"]
                details += render_facts(side.lead, side.facts, classes)
        details.extend(render_inline(line) for line in self.instead)
        block += details
        return block


def render_figure(side: Side) -> nodes.list_item:
    """One line: the value, then the title linking to the claim's card."""
    item = nodes.list_item(
        classes=["claimkb-compare-item", f"claimkb-compare-item-{side.claim_id}"]
    )
    line = nodes.paragraph()
    if side.value:
        line += render_inline(strong(side.value, ("claimkb-compare-value",)))
        line += nodes.Text(" ")
    line += render_inline(Styled("inline", (side.title,), ("claimkb-compare-title",)))
    item += line
    return item


def render_facts(lead: str, facts: tuple[Fact, ...], classes: list[str]) -> nodes.paragraph:
    """`Lead: Metric: X · Scope: Y · ...`, each fact labelled."""
    line = nodes.paragraph(classes=classes)
    line += nodes.inline(lead, lead, classes=["claimkb-compare-of"])
    for index, fact in enumerate(facts):
        if index:
            line += nodes.Text(" · ")
        line += nodes.inline(fact.label, fact.label, classes=["claimkb-compare-label"])
        line.extend(render_inline(part) for part in fact.parts)
    return line


class Comparison:
    """Builds compare models: the sides, and for each pair the verdict."""

    def __init__(self, kb: KnowledgeBase, names: Names):
        self.kb = kb
        self.names = names
        self.provenance = provenance_methods(kb.registry)

    def model(self, records: list[Record], block_id: str) -> CompareModel:
        sides = tuple(self.side(record) for record in records)
        verdicts, instead = [], []
        for left, right in combinations(records, 2):
            found = self.differences(left, right)
            verdicts.append(self.verdict(left, right, found))
            alternatives = self.instead(left, right) if found else []
            if alternatives:
                instead.append(para(*alternatives, classes=("claimkb-compare-instead",)))
        shared = self.shared_facts(sides)
        sides = tuple(
            replace(
                s,
                facts=tuple(f for f in s.facts if f not in shared),
                lead=labelled(s.title.text if isinstance(s.title, Link) else s.claim_id, ""),
            )
            for s in sides
        )
        summary = (
            _("What each figure counts, its source, and what to compare instead")
            if instead
            else _("What each figure counts, and its source")
        )
        shared_lead = labelled(_("In common"), "")
        return CompareModel(
            block_id, sides, tuple(verdicts), shared, shared_lead, tuple(instead), summary
        )

    @staticmethod
    def shared_facts(sides: tuple[Side, ...]) -> tuple[Fact, ...]:
        """The facts every side states alike (none for a single side)."""
        if len(sides) < 2:
            return ()
        return tuple(fact for fact in sides[0].facts if all(fact in s.facts for s in sides[1:]))

    def title(self, record: Record) -> Inline:
        return untipped(self.names.link("claim", record.id, record.get("title", record.id)))

    def side(self, record: Record) -> Side:
        return Side(record.id, self.title(record), self.names.value_of(record), self.facts(record))

    def facts(self, record: Record) -> tuple[Fact, ...]:
        names = self.names
        facts = []

        def add(label: str, part: Inline) -> None:
            facts.append(Fact(labelled(label, ""), (part,)))

        for rtype in ("metric", "scope", "method"):
            rid = record.get(rtype)
            if rid:
                add(_(FACT_LABELS[rtype]), untipped(names.link(rtype, rid)))
        if record.get("price_year"):
            add(_("Prices"), _("%(year)s prices") % {"year": record.get("price_year")})
        if record.get("claimant"):
            add(_("Claimed by"), untipped(names.entity(record.get("claimant"))))
        if record.get("as_of"):
            add(_("As of"), as_of_words(record.get("as_of")))
        if record.get("source"):
            add(_("Source"), names.source_link(record.get("source")))
        return tuple(facts)

    def differences(self, left: Record, right: Record) -> list[comparability.Difference]:
        return comparability.differences(left.data, right.data, self.names.name_of, self.provenance)

    def standing(self, left: Record, right: Record) -> str:
        """ "different" (not comparable), else `comparability.gap`'s verdict ("agree",
        "disagree", "overlap", "unknown"), of values in the same year's dollars."""
        if self.differences(left, right):
            return "different"
        converted = converted_pair(self.kb, left, right)
        values = {r.id: r.data for r in (left, right)}
        if converted is not None:
            values = {rid: found.as_data() for rid, found in converted[0].items()}
        return comparability.gap(values[left.id], values[right.id]).verdict

    def verdict(self, left: Record, right: Record, found: list[comparability.Difference]) -> Styled:
        """The pair's verdict, given what makes them different (`differences`; none: comparable)."""
        if found:
            text = comparability.describe(found)
            text = text[0].upper() + text[1:] + ". " + _("No ratio is drawn between them.")
            parts: list[Inline] = [
                strong(_("Not comparable:") + " "),
                _("they measure different things.") + " ",
                span(text, ("claimkb-compare-differences",)),
            ]
            return para(*parts, classes=("claimkb-compare-verdict", "claimkb-not-comparable"))
        methods = (
            _("same metric and scope; their methods only say how each became known.")
            if left.get("method") != right.get("method")
            else _("same metric, scope and method.")
        )
        parts = [strong(_("Comparable:") + " "), methods + " "]
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

    def ratio_sentence(
        self, left: Record, right: Record, values: Values, converted: Converted
    ) -> Inline:
        ratio = comparability.ratio(values[left.id], values[right.id])
        if ratio is None:
            return self.apart_sentence(left, right, values)
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

    def apart_sentence(self, left: Record, right: Record, values: Values) -> Styled:
        """Two values without a ratio (one is zero or negative): how far apart they are,
        `$4B apart (under 1%)`."""
        found = comparability.gap(values[left.id], values[right.id])
        if found.difference is None or found.share is None:
            text = _("The values cannot be set against each other.")
            return Styled("inline", (text,), ("claimkb-compare-apart",))
        unit = self.names.registry.unit_of(left.get("metric"))
        words = _("%(left)s and %(right)s: %(difference)s apart (%(share)s).") % {
            "left": self.names.value_of(left),
            "right": self.names.value_of(right),
            "difference": format_number(found.difference, unit),
            "share": comparability.percent_text(found.share),
        }
        return Styled("inline", (words,), ("claimkb-compare-apart",))

    def shown(self, record: Record, converted: Converted) -> str:
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

    def bounds_sentence(
        self, left: Record, right: Record, values: Values, converted: Converted
    ) -> Styled:
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

    def instead(self, left: Record, right: Record) -> list[Inline]:
        """`Compare instead: A with B (value), C (value); …`: for each side, the claims of the
        ledger it can be compared with, nearest first (same subject, then nearest in time); no
        parts when there are none."""
        found: list[Inline] = []
        for record in (left, right):
            others = self.comparable_with(record, exclude={left.id, right.id})
            if not others:
                continue
            found.append(" " if not found else "; ")
            found += [self.title(record), " " + _("with") + " "]
            for index, other in enumerate(others):
                if index:
                    found.append(", ")
                found += [self.title(other), f" ({self.names.value_of(other)})"]
        if not found:
            return []
        return [_("Compare instead:") + " ", *found[1:], "."]

    def comparable_with(self, record: Record, exclude: set[str]) -> list[Record]:
        if not record.get("metric") or not record.get("scope"):
            return []
        subjects = set(record.get("subject") or [])
        when = time_key(record.data)[0]
        candidates = [
            other
            for other in claims_of_pair(self.kb, record.get("metric"), record.get("scope"))
            if other.id not in exclude
            and other.get("status") != "retracted"
            and not self.differences(record, other)
        ]
        candidates.sort(
            key=lambda o: (
                not subjects & set(o.get("subject") or []),
                abs(time_key(o.data)[0] - when),
                o.id,
            )
        )
        return candidates[:INSTEAD]
