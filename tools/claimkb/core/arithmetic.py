"""Checked arithmetic: a claim's `formula` computed with units from the values of the claims it
names, and compared with the claim's own value. No Sphinx here.

`check_knowledge_base` calls `check_formulas`, so the build and `claimkb validate` report the
same findings; cards call `outcome` to show the arithmetic and whether it checks out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .codes import FindingCode
from .currency import dollar_data
from .formulas import FormulaError, evaluate, formula_ids, parse
from .records import Finding, JSONValue, Record, is_number
from .registry import Registry
from .units import UnitError, in_unit, parse_unit, same_dimension, unit_registry, unit_words
from .validate import did_you_mean, record_finding

if TYPE_CHECKING:
    from .units import Amount

#: how far, in percent of the value, a computed result may be from it unless `tolerance` says
DEFAULT_TOLERANCE = 0.5


@dataclass(frozen=True)
class Outcome:
    """What a formula gives: the result in the claim's unit, or the problem that stopped it."""

    result: float | None = None
    problem: str = ""
    code: FindingCode = FindingCode.FORMULA
    hint: str = ""

    @property
    def checked(self) -> bool:
        return self.result is not None and not self.problem


def metric_unit(record: Record, registry: Registry) -> Amount | None:
    metric = registry.of_type("metric").get(record.get("metric"))
    if metric is None:
        return None
    return parse_unit(metric.get("unit"), registry.declared_units)


def compute(record: Record, by_id: Mapping[str, Record], registry: Registry) -> Outcome:
    """The formula's result in the claim's metric unit, or why there is none."""
    try:
        tree, names = parse(record.get("formula"))
    except FormulaError as error:
        hint = "claim ids, numbers, + - * /, parentheses and sum(...); a - b with spaces"
        return Outcome(problem=str(error), hint=hint)
    quantities: dict[str, Amount] = {}
    for name, claim_id in names.items():
        other = by_id.get(claim_id)
        if other is None:
            return Outcome(
                problem=f"unknown claim {claim_id!r}",
                code=FindingCode.REF,
                hint=did_you_mean(claim_id, by_id),
            )
        if not is_number(other.get("value")):
            return Outcome(problem=f"claim {claim_id!r} has no value to compute with")
        try:
            unit = metric_unit(other, registry)
        except UnitError:
            return Outcome(problem=f"the unit of claim {claim_id!r} cannot be read")
        if unit is None:
            return Outcome(problem=f"claim {claim_id!r} has no metric, so no unit")
        quantities[name] = _in_dollars(other).get("value") * unit
    try:
        own_unit = metric_unit(record, registry)
        if own_unit is None:
            return Outcome(problem="the claim has no metric, so no unit to compare with")
        number = unit_registry(registry.declared_units).Quantity
        total = evaluate(tree, quantities.__getitem__, lambda x: number(x, "dimensionless"))
        if not hasattr(total, "dimensionality"):
            total = number(total, "dimensionless")
    except UnitError:
        return Outcome(problem="the claim's unit cannot be read")
    except ZeroDivisionError:
        return Outcome(problem="the formula divides by zero")
    except Exception as error:  # pint: adding GPUs to dollars, and its other refusals
        return Outcome(
            problem=f"the formula cannot be computed: {str(error)[:120]}", code=FindingCode.UNIT
        )
    if not same_dimension(total, own_unit):
        return Outcome(
            problem=f"the formula gives {unit_words(1 * total.units)} but the metric is in "
            f"{unit_words(own_unit)}",
            code=FindingCode.UNIT,
            hint="the result's unit must be the metric's unit: check the operands' metrics",
        )
    return Outcome(result=in_unit(total, own_unit))


def _in_dollars(record: Record) -> Mapping[str, JSONValue]:
    """The claim's numbers as formulas compute with them: money stated in another currency in US
    dollars at its ECB rate (as stated when it has none)."""
    return dollar_data(record.data) or record.data


def tolerance_of(record: Record) -> float:
    tolerance = record.get("tolerance")
    return float(tolerance) if is_number(tolerance) and tolerance >= 0 else DEFAULT_TOLERANCE


def outcome(record: Record, by_id: Mapping[str, Record], registry: Registry) -> Outcome:
    """The formula computed and compared with the value (or the bounds) within the tolerance."""
    computed = compute(record, by_id, registry)
    if computed.result is None:
        return computed
    result, allowed = computed.result, tolerance_of(record) / 100
    unit = _unit_text(record, registry)
    numbers = _in_dollars(record)
    value, low, high = (numbers.get(k) for k in ("value", "low", "high"))
    if is_number(value):
        if abs(result - value) <= allowed * abs(value):
            return computed
        difference = f" ({(result - value) / value:+.1%})" if value else ""
        problem = (
            f"value {plain(value)} {unit} but the formula gives {plain(result)} {unit}{difference}"
        )
    elif is_number(low) or is_number(high):
        below = is_number(low) and result < low - allowed * abs(low)
        above = is_number(high) and result > high + allowed * abs(high)
        if not (below or above):
            return computed
        bounds = (
            f"{plain(low) if is_number(low) else '…'}–{plain(high) if is_number(high) else '…'}"
        )
        problem = f"bounds {bounds} {unit} but the formula gives {plain(result)} {unit}"
    else:
        return computed
    hint = f"tolerance {tolerance_of(record):g}%; state `tolerance` for a rounded figure"
    return Outcome(result=result, problem=problem, hint=hint)


def check_formulas(records: list[Record], registry: Registry) -> list[Finding]:
    """Every formula computed and compared; loops between formulas named."""
    from .time_checks import claims_by_id

    by_id = claims_by_id(records)
    findings: list[Finding] = []
    for record in by_id.values():
        if record.get("formula") is None:
            continue
        result = outcome(record, by_id, registry)
        if result.problem:
            findings.append(
                record_finding(record, "formula", result.problem, result.hint, code=result.code)
            )
    findings += _loops(by_id)
    return sorted(findings)


def _loops(by_id: Mapping[str, Record]) -> list[Finding]:
    """A loop of formulas (a from b, b from a), reported once, on its first claim by id."""
    edges = {cid: formula_ids(r.get("formula")) for cid, r in by_id.items() if r.get("formula")}
    found: dict[tuple[str, ...], list[str]] = {}
    for start in sorted(edges):
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for target in edges.get(node, []):
                if target == start:
                    loop = path + [start]
                    found.setdefault(tuple(sorted(set(path))), loop)
                elif target not in path and target in edges and len(path) < 50:
                    stack.append((target, path + [target]))
    findings = []
    for loop in found.values():
        first = min(loop)
        at = loop.index(first)
        ordered = loop[at:-1] + loop[:at] + [first]
        message = "the formulas form a loop: " + " → ".join(ordered)
        findings.append(
            record_finding(
                by_id[first],
                "formula",
                message,
                "a figure cannot be computed from itself",
                code=FindingCode.FORMULA,
            )
        )
    return findings


def _unit_text(record: Record, registry: Registry) -> str:
    metric = registry.of_type("metric").get(record.get("metric"))
    return str(metric.get("unit")) if metric is not None else ""


def plain(number: float) -> str:
    """`5,576,000`, `2`, `0.14`: digits a reader can check, grouped by thousands."""
    if float(number).is_integer() and abs(number) < 1e15:
        return f"{int(number):,}"
    if abs(number) >= 1e15 or number != number:
        return f"{number:.6g}"
    return f"{number:,.6g}" if abs(number) >= 1 else f"{number:.4g}"
