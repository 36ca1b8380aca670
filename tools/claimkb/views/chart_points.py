"""A claim as a point of a chart: where on the time axis, which value, which mark."""

from __future__ import annotations

from ..core.bounds import bound_mark
from ..core.periods import placed
from ..core.records import Record, is_number
from .charts import Point

#: years a chart's time axis can show; a figure dated outside them is left to its table
CHART_YEARS = range(1900, 2201)


def chart_point(record: Record) -> Point | None:
    """The figure at the middle of its period (else at its as_of, hollow), or None when it has
    no value or no valid date a chart can show."""
    value, bound = record.get("value"), bound_mark(record.data)
    if bound in ("at-least", "at-most"):
        value = record.get("low" if bound == "at-least" else "high")
    where = placed(record.data)
    if not is_number(value) or where is None or where.when.year not in CHART_YEARS:
        return None
    mark = "period" if where.by_period else "stated"
    # a bound's direction matters more to a reader than whether it is a forecast
    return Point(where.when, value, bound or ("forecast" if where.forecast else mark))
