"""A claim as a point of a chart: where on the time axis, which value, which mark."""

from __future__ import annotations

from ..core.bounds import bound_mark
from ..core.money import constant
from ..core.periods import placed
from ..core.records import Record, is_number
from .charts import Point

#: years a chart's time axis can show; a figure dated outside them is left to its table
CHART_YEARS = range(1900, 2201)


def chart_point(record: Record, in_dollars_of: int | None = None) -> Point | None:
    """The figure at the middle of its period (else at its as_of, hollow), or None when it has
    no value or no valid date a chart can show."""
    numbers = record.data
    if in_dollars_of is not None:  # money: in constant dollars of that year, or not at all
        found = constant(record.data, in_dollars_of)
        if found is None:
            return None
        numbers = found.as_data()
    value, bound = numbers.get("value"), bound_mark(record.data)
    if bound in ("at-least", "at-most"):
        value = numbers.get("low" if bound == "at-least" else "high")
    where = placed(record.data)
    if not is_number(value) or where is None or where.when.year not in CHART_YEARS:
        return None
    mark = "period" if where.by_period else "stated"
    # a bound's direction matters more to a reader than whether it is a forecast
    return Point(where.when, value, bound or ("forecast" if where.forecast else mark))
