"""Open bounds: a figure that gives `low` and/or `high` without `value` ("more than $100M", "up
to $500B"), and what can be concluded when one is compared. No Sphinx here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .codes import FindingCode
from .records import Finding, JSONValue, Record, is_number
from .validate import record_finding


@dataclass(frozen=True)
class Extent:
    """What a figure says of its number: at least `low`, at most `high` (None: open)."""

    low: float | None
    high: float | None

    @property
    def exact(self) -> float | None:
        """The one number both bounds are, or None."""
        return self.low if self.low is not None and self.low == self.high else None


def extent(data: Mapping[str, JSONValue]) -> Extent | None:
    """A value is both bounds; a bound-only figure one or two; None without any number."""
    value = data.get("value")
    if is_number(value):
        return Extent(value, value)
    low, high = data.get("low"), data.get("high")
    low, high = (low if is_number(low) else None), (high if is_number(high) else None)
    if low is None and high is None:
        return None
    return Extent(low, high)


def is_bound_only(data: Mapping[str, JSONValue]) -> bool:
    return not is_number(data.get("value")) and extent(data) is not None


def has_number(data: Mapping[str, JSONValue]) -> bool:
    """A figure with a value, or with bounds only."""
    return extent(data) is not None


def bound_mark(data: Mapping[str, JSONValue]) -> str:
    """`at-least`, `at-most`, `range` (both bounds, no value) or "" (a value)."""
    if not is_bound_only(data):
        return ""
    low, high = is_number(data.get("low")), is_number(data.get("high"))
    return "range" if low and high else "at-least" if low else "at-most"


def check_figure_numbers(records: list[Record]) -> list[Finding]:
    """A figure needs a value, or at least one bound."""
    findings = []
    for record in records:
        written = {name for name, _line in record.location.field_lines} | set(record.data)
        if written & {"value", "low", "high"}:
            continue  # written, but not as a number: the schema's finding says so
        if (
            record.type == "claim"
            and record.get("kind") == "figure"
            and not has_number(record.data)
        ):
            findings.append(
                record_finding(
                    record,
                    "value",
                    "missing required field (a figure needs a value, or low and/or high)",
                    "for 'more than $100M' write low: 100000000 without a value",
                    code=FindingCode.SCHEMA,
                )
            )
    return findings


def conclusion(
    left: Mapping[str, JSONValue], right: Mapping[str, JSONValue]
) -> tuple[str, float | None]:
    """What comparing two figures allows: `("larger", ratio)` when left is surely larger (the
    ratio a floor), `("smaller", ratio)` the other way, `("unknown", None)` when the bounds
    overlap or are open on the side that matters, `("ratio", r)` for two values."""
    a, b = extent(left), extent(right)
    if a is None or b is None:
        return "unknown", None
    x, y = a.exact, b.exact
    if x is not None and y is not None:
        if x > 0 and y > 0:
            return "ratio", max(x, y) / min(x, y)
        return "unknown", None
    if a.low is not None and b.high is not None and a.low > b.high:
        return "larger", (a.low / b.high) if b.high > 0 else None
    if b.low is not None and a.high is not None and b.low > a.high:
        return "smaller", (b.low / a.high) if a.high > 0 else None
    return "unknown", None
