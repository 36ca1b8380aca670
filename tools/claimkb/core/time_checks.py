"""Checks of time across claims: periods in the calendar, forecasts made by forecasting methods,
and relations that only point back in time. No Sphinx here.

`check_knowledge_base` calls `check_times`, so the build and `claimkb validate` agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .codes import FindingCode
from .periods import PeriodError, is_forecast, parse_period, try_period
from .records import Finding, Record
from .registry import Registry
from .validate import record_finding

#: relations that must point to a claim stated no later than the claim itself
BACKWARD_RELATIONS = (
    ("relies_on", "relies on"),
    ("derived_from", "is derived from"),
    ("supersedes", "supersedes"),
)
#: the form the schema accepts; a period out of this form is the schema's finding, not ours
_FORM = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?(/[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?$")


def claims_by_id(records: list[Record]) -> dict[str, Record]:
    """Claims by id, the first one read winning where an id is duplicated."""
    found: dict[str, Record] = {}
    for record in sorted(records, key=lambda r: (r.location.path, r.location.line)):
        if record.type == "claim" and record.id:
            found.setdefault(record.id, record)
    return found


def check_times(records: list[Record], registry: Registry) -> list[Finding]:
    claims = [r for r in records if r.type == "claim"]
    by_id = claims_by_id(records)
    findings: list[Finding] = []
    for record in claims:
        findings += check_period(record)
        findings += check_forecast(record, registry)
        findings += check_relation_times(record, by_id, registry)
    return sorted(findings)


def check_period(record: Record) -> list[Finding]:
    period = record.get("period")
    if not isinstance(period, str) or not _FORM.match(period):
        return []
    try:
        parse_period(period)
    except PeriodError as error:
        hint = "a period is YYYY, YYYY-MM, YYYY-MM-DD or START/END, e.g. 2023-07/2024-06"
        return [record_finding(record, "period", str(error), hint, code=FindingCode.PERIOD)]
    return []


def check_forecast(record: Record, registry: Registry) -> list[Finding]:
    """A period ending after as_of is a forecast: its method must be one."""
    if not is_forecast(record.data):
        return []
    method_id = record.get("method")
    method = registry.of_type("method").get(method_id) if isinstance(method_id, str) else None
    if method is not None and method.get("forecast") is True:
        return []
    said = f"method {method_id!r} is not a forecast" if method_id else "it has no method"
    forecasts = sorted(m.id for m in registry.of_type("method").values() if m.get("forecast"))
    hint = (
        f"use a forecast method ({', '.join(forecasts)})"
        if forecasts
        else "mark a method `forecast: true` in the methods registry and use it"
    )
    message = (
        f"the period {record.get('period')} ends after as_of {record.get('as_of')}, so the "
        f"figure is a forecast, but {said}"
    )
    return [
        record_finding(
            record, "period", message, hint + ", or correct the period", code=FindingCode.FORECAST
        )
    ]


def backward_targets(record: Record) -> Iterator[tuple[str, str, str]]:
    """(field, verb, claim id) of every relation that must point back in time."""
    from .formulas import formula_ids

    for field, verb in BACKWARD_RELATIONS:
        targets = record.get(field)
        for target in targets if isinstance(targets, list) else []:
            if isinstance(target, str):
                yield field, verb, target
    for target in formula_ids(record.get("formula")):
        yield "formula", "is computed from", target


def stated(record: Record, registry: Registry) -> str | None:
    """When a claim was stated: its as_of (a claim without one is not checked; its source's
    publication date would be a guess about when the claimant said it)."""
    as_of = record.get("as_of")
    return as_of if isinstance(as_of, str) else None


def check_relation_times(
    record: Record, by_id: dict[str, Record], registry: Registry
) -> list[Finding]:
    """A claim cannot rely on, derive from or supersede a claim stated after it."""
    own_date = stated(record, registry)
    own = try_period(own_date)
    if own is None:
        return []
    findings = []
    for field, verb, target in backward_targets(record):
        other = by_id.get(target)
        their_date = stated(other, registry) if other is not None else None
        theirs = try_period(their_date)
        if theirs is None or theirs.start <= own.end:
            continue
        message = (
            f"{verb} claim {target!r} (as of {their_date}), stated after this claim "
            f"(as of {own_date})"
        )
        hint = "a claim can only build on what was already said; check both as_of dates"
        findings.append(record_finding(record, field, message, hint, code=FindingCode.TIME_ORDER))
    return findings
