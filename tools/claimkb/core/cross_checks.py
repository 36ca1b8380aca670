"""Checks across a whole knowledge base: duplicate ids, references between records, what pages
name (claims in roles and `compare`, collections, registry lists, `claims` filters) and
collection claims that no page shows. No Sphinx here.

`check_knowledge_base` is the one function behind both the Sphinx build and `claimkb validate`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from .arithmetic import check_formulas
from .bounds import check_figure_numbers
from .claim_filters import CLAIMS, SELECTING
from .codes import FindingCode
from .currency import check_currencies
from .duplicates import check_duplicate_figures
from .fields import FILTERS, filter_ref
from .money import is_money
from .records import Finding, PageReference, Record
from .registry import Registry
from .schema import Schemas
from .time_checks import check_times
from .units import UnitError, check_units, parse_unit
from .validate import did_you_mean, record_finding

#: roles that name a claim; every other reference comes from a directive
CLAIM_ROLES = ("claim", "claim-value")


def check_knowledge_base(
    registry: Registry,
    page_claims: list[Record],
    page_findings: Iterable[Finding],
    references: Iterable[PageReference],
    shown_claim_ids: set[str],
) -> list[Finding]:
    """Every finding of a knowledge base: the collections' own, the pages' (found as each claim was
    read), duplicates and references across everything, what pages name, and collection claims no
    page shows."""
    found = set(registry.findings)
    found.update(page_findings)
    records = registry.records + page_claims
    found.update(check_references(records, registry.schemas))
    found.update(check_times(records, registry))
    found.update(check_units(registry.records, registry.declared_units))
    found.update(check_currencies(records, _money_metric(registry)))
    found.update(check_formulas(records, registry))
    found.update(check_figure_numbers(records))
    flagged = {f.record_id for f in found if f.record_type == "claim"}
    found.update(check_duplicate_figures(records, flagged))
    claim_ids = {r.id for r in records if r.type == "claim" and r.id}
    found.update(check_page_references(references, registry, claim_ids))
    found.update(check_unshown_claims(registry, shown_claim_ids))
    return sorted(found)


def _money_metric(registry: Registry) -> Callable[[str], bool]:
    """Whether a metric is money; an unknown metric, or one whose unit cannot be read, has its
    own finding and counts as money here, so that a currency is not reported twice."""
    metrics, declared = registry.of_type("metric"), registry.declared_units

    def money(metric_id: str) -> bool:
        metric = metrics.get(metric_id)
        unit = metric.get("unit") if metric is not None else None
        if not isinstance(unit, str):
            return True
        try:
            parse_unit(unit, declared)
        except UnitError:
            return True
        return is_money(unit, declared)

    return money


def check_references(records: list[Record], schemas: Schemas) -> list[Finding]:
    """Duplicate ids, and references to records that do not exist."""
    findings: list[Finding] = []
    ids: dict[str, set[str]] = defaultdict(set)
    first: dict[tuple[str, str], Record] = {}
    for record in sorted(records, key=lambda r: (r.location.path, r.location.line)):
        if not record.id:
            continue
        key = (record.type, record.id)
        if key in first:
            other = first[key]
            findings.append(
                record_finding(
                    record,
                    "id",
                    f"duplicate {record.type} id {record.id!r}",
                    f"also defined at {other.location.path}:{other.location.line}",
                    code=FindingCode.DUPLICATE,
                )
            )
        else:
            first[key] = record
            ids[record.type].add(record.id)
    for record in records:
        for name, rtype, target in schemas.references_of(record):
            if target not in ids[rtype]:
                findings.append(
                    record_finding(
                        record,
                        name,
                        f"unknown {rtype} {target!r}",
                        did_you_mean(target, ids[rtype]),
                        code=FindingCode.REF,
                    )
                )
    return sorted(findings)


def check_page_references(
    references: Iterable[PageReference], registry: Registry, claim_ids: set[str]
) -> list[Finding]:
    """What pages name must exist: claims, collections, registry lists, filters and their values."""
    collections = [path.stem for path in registry.files]
    lists = list(registry.schemas.collection_keys)
    findings = []
    for ref in references:
        if ref.via in CLAIM_ROLES or ref.via in ("compare", "claim-card"):
            if ref.target not in claim_ids:
                findings.append(
                    _page_finding(
                        ref, f"unknown claim {ref.target!r}", did_you_mean(ref.target, claim_ids)
                    )
                )
        elif ref.via == "claim-collection":
            if ref.target not in collections:
                message = f"no collection {ref.target!r} in {', '.join(collections)}"
                findings.append(_page_finding(ref, message, did_you_mean(ref.target, collections)))
        elif ref.via == "registry":
            if ref.target not in lists:
                hint = did_you_mean(ref.target, lists) or f"use one of {', '.join(lists)}"
                findings.append(_page_finding(ref, f"unknown registry list {ref.target!r}", hint))
        elif ref.via in SELECTING and ref.option == CLAIMS:
            if ref.target not in claim_ids:
                message = f"unknown claim {ref.target!r}"
                hint = did_you_mean(ref.target, claim_ids)
                findings.append(_page_finding(ref, message, hint, field=CLAIMS))
        elif ref.via in SELECTING:
            findings += _check_filter(ref, registry)
    return sorted(findings)


def _check_filter(ref: PageReference, registry: Registry) -> list[Finding]:
    """A filter of a table of claims (`claims`, `key-figures`, `claims-pivot`): an option that
    exists, with values that name something."""
    if not ref.option:
        others = SELECTING[ref.via]
        if ref.target in FILTERS or ref.target in others:
            return []
        known = [*FILTERS, *others]
        hint = did_you_mean(ref.target, known) or f"filter on {', '.join(known)}"
        return [_page_finding(ref, f"unknown filter {ref.target!r}", hint, field=ref.target)]
    rtype = filter_ref(ref.option)
    specs = [registry.schemas.fields["claim"].get(name) for name in FILTERS[ref.option]]
    enum = [value for spec in specs if spec is not None for value in spec.enum]
    values: Iterable[str]
    if rtype:
        values = registry.of_type(rtype)
    elif enum:
        values = enum
    else:
        return []
    if ref.target in values:
        return []
    message = f"unknown {rtype or ref.option} {ref.target!r}"
    return [_page_finding(ref, message, did_you_mean(ref.target, values), field=ref.option)]


def _page_finding(ref: PageReference, message: str, hint: str, field: str = "") -> Finding:
    return Finding(
        ref.path,
        ref.line,
        code=FindingCode.REF,
        record_type="role" if ref.via in CLAIM_ROLES else "directive",
        record_id=ref.via,
        field=field,
        message=message,
        hint=hint,
    )


def check_unshown_claims(registry: Registry, shown: set[str]) -> list[Finding]:
    """A collection's claims must appear on some page, or readers never see them."""
    findings = []
    for path in registry.files:
        missing = [r for r in registry.claims_of(path.stem) if r.id and r.id not in shown]
        if missing:
            message = f"{len(missing)} claim(s) of collection {path.stem!r} are shown on no page"
            findings.append(
                Finding(
                    str(path),
                    missing[0].location.line,
                    code=FindingCode.SHOWN,
                    message=message,
                    hint=f"add a ```{{claim-collection}} {path.stem}``` directive to a page",
                )
            )
    return findings


def shown_claim_ids(registry: Registry, references: Iterable[PageReference]) -> set[str]:
    """Ids of the collection claims that pages show through `claim-collection` and `registry`."""
    shown: set[str] = set()
    for ref in references:
        if ref.via == "claim-collection":
            shown |= {r.id for r in registry.claims_of(ref.target) if r.id}
        elif ref.via == "registry" and ref.target == "claims":
            shown |= set(registry.of_type("claim"))
    return shown
