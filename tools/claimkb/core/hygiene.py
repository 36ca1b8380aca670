"""Hygiene for `claimkb lint`: sources no claim cites, entities nothing refers to, `contradicts`
between claims that do not disagree, and figures that count a total under a one-item scope."""

from __future__ import annotations

from collections.abc import Mapping

from . import comparability, money
from .codes import FindingCode
from .prose_checks import scope_contradiction
from .records import Finding, JSONValue, Record
from .registry import Registry
from .schema import Schemas
from .validate import record_finding

#: what lint says of a record of each type that nothing refers to: message, hint
UNUSED = {
    "source": ("cited by no claim", "cite it in a claim's source or also, or remove it"),
    "entity": (
        "no claim or record refers to it",
        "use it as a claim's subject or claimant or an entity's parent, or remove it",
    ),
}


def unused(records: list[Record], schemas: Schemas, rtype: str) -> list[Finding]:
    """Records of `rtype` that no record refers to; the schemas' `x-ref` says which fields refer."""
    message, hint = UNUSED[rtype]
    used = {
        target
        for record in records
        for _name, ref, target in schemas.references_of(record)
        if ref == rtype
    }
    return [
        Finding(r.location.path, r.location.line, code=FindingCode.unused(rtype),
                record_type=rtype, record_id=r.id, message=message, hint=hint)
        for r in records
        if r.type == rtype and r.id and r.id not in used
    ]  # fmt: skip


def provenance_methods(registry: Registry) -> frozenset[str]:
    """The methods that say how a figure became known, not what it measures."""
    return frozenset(m.id for m in registry.of_type("method").values() if m.get("provenance"))


def idle_contradictions(claims: list[Record], registry: Registry) -> list[Finding]:
    """`contradicts` between claims that do not disagree: they measure different things
    (comparability's differences), or their numbers agree within the tolerance or overlap."""
    by_id = {c.id: c for c in claims if c.id}
    provenance = provenance_methods(registry)
    findings = []
    for claim in claims:
        for other_id in claim.get("contradicts") or []:
            other = by_id.get(other_id)
            if other is None:
                continue  # validate reports an unknown id
            why = contradiction_missing(claim, other, registry, provenance)
            if why:
                findings.append(
                    record_finding(
                        claim,
                        "contradicts",
                        f"{other_id}: {why}",
                        "keep both claims and say how they differ in the text; contradicts is "
                        "for comparable figures that disagree",
                        code=FindingCode.CONTRADICTS,
                    )
                )
    return findings


def contradiction_missing(
    claim: Record, other: Record, registry: Registry, provenance: frozenset[str]
) -> str:
    """Why `claim` does not contradict `other` ("" when it does)."""
    found = comparability.differences(claim.data, other.data, registry.name_of, provenance)
    if found:
        return "they measure different things (" + comparability.describe(found) + ")"
    left: Mapping[str, JSONValue] = claim.data
    right: Mapping[str, JSONValue] = other.data
    metric = registry.of_type("metric").get(claim.get("metric"))
    if metric is not None and money.is_money(metric.get("unit")):
        left, right = comparability.in_same_dollars(left, right)
    found_gap = comparability.gap(left, right)
    if found_gap.verdict == "agree":
        tolerance = comparability.percent_text(comparability.AGREEMENT_TOLERANCE)
        return f"their values agree within {tolerance}"
    if found_gap.verdict == "overlap":
        return "one gives a bound that the other's number fits"
    return ""


def scope_mismatches(claims: list[Record], registry: Registry) -> list[Finding]:
    """Figures whose unit or statement counts a total under a scope that counts one item."""
    scopes, metrics = registry.of_type("scope"), registry.of_type("metric")
    findings = []
    for claim in claims:
        metric = metrics.get(claim.get("metric"))
        unit = str(metric.get("unit") or "") if metric is not None else ""
        scope = scopes.get(claim.get("scope"))
        why = scope_contradiction(claim.data, unit, scope.data if scope is not None else None)
        if why:
            findings.append(
                record_finding(
                    claim,
                    "scope",
                    f"scope {claim.get('scope')!r} counts one item, but {why}",
                    "choose a scope that counts the whole total (or the metric per item)",
                    code=FindingCode.SCOPE_MISMATCH,
                )
            )
    return findings
