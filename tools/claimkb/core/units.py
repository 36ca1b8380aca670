"""Units that compose: each metric's unit read by the pint library, so that arithmetic over
figures carries its units (GPU-hours × USD per GPU-hour = USD). No Sphinx here.

A metric's `unit` is a pint expression (`USD`, `GPU`, `GPU_hour`, `USD / GPU_hour`,
`USD / (1e6 * token)`, `TWh`, `percent`); plurals are read as their singular and a hyphen inside
a word as an underscore (`GPU-hours` is `GPU_hour`). Its `unit_text` is what readers see after a
number. pint reads expressions with its own parser, never with Python's `eval`.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from .codes import FindingCode
from .records import Finding, Record
from .validate import record_finding

#: units the knowledge base adds to pint's own: each is a dimension of its own
DEFINITIONS = (
    "USD = [currency]",
    "GPU = [gpu]",
    "GPU_hour = GPU * hour",
    "H100_equivalent = [h100_equivalent]",
    "token = [token]",
    "download = [download]",
)
MAX_LENGTH = 100
_HYPHEN = re.compile(r"(?<=[A-Za-z0-9])-(?=[A-Za-z])")


class UnitError(ValueError):
    """A unit that pint cannot read."""


@cache
def unit_registry():
    import pint

    registry = pint.UnitRegistry(cache_folder=None)
    for definition in DEFINITIONS:
        registry.define(definition)
    return registry


def parse_unit(text: Any):
    """The unit as a pint quantity of magnitude one (or the scale it names, `1e6 * token`)."""
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_LENGTH:
        raise UnitError(f"{text!r} is not a unit")
    try:
        quantity = unit_registry().parse_expression(_HYPHEN.sub("_", text.strip()))
    except Exception as error:  # pint raises many kinds: undefined, syntax, dimensionality
        raise UnitError(f"{text!r} is not a unit pint can read ({_reason(error)})") from None
    if not hasattr(quantity, "dimensionality"):
        quantity = unit_registry().Quantity(quantity)
    return quantity


def quantity(value: float, unit_text: str):
    """`value` in the unit `unit_text`, as a pint quantity; UnitError if the unit is unreadable."""
    return value * parse_unit(unit_text)


def same_dimension(left, right) -> bool:
    return left.dimensionality == right.dimensionality


def in_unit(amount, unit) -> float:
    """The magnitude of `amount` expressed in `unit` (both pint quantities of one dimension)."""
    return float((amount / unit).to("dimensionless").magnitude)


def unit_words(unit) -> str:
    """A pint unit as a reader can follow it: `USD / GPU_hour`."""
    text = f"{unit.units:~P}" if hasattr(unit, "units") else str(unit)
    scale = getattr(unit, "magnitude", 1)
    return text if scale == 1 else f"{scale:g} {text}"


def display_unit(metric: Record | None) -> str:
    """What follows a number of this metric: its `unit_text`, else its `unit`."""
    if metric is None:
        return ""
    return metric.get("unit_text") or metric.get("unit") or ""


def check_metric_units(records: list[Record]) -> list[Finding]:
    """Every metric's unit must be one pint reads."""
    findings = []
    for record in records:
        if record.type != "metric" or not isinstance(record.get("unit"), str):
            continue
        try:
            parse_unit(record.get("unit"))
        except UnitError as error:
            hint = "write it as pint does: USD, GPU, GPU_hour, USD / GPU_hour, USD / (1e6 * token)"
            findings.append(record_finding(record, "unit", str(error), hint, FindingCode.UNIT))
    return findings


def _reason(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:120]
