"""A claim as a point of a chart: where on the time axis, which value, which mark."""

from __future__ import annotations

from ..core.periods import placed
from ..core.records import Record, is_number
from .charts import Point

#: years a chart's time axis can show; a figure dated outside them is left to its table
CHART_YEARS = range(1900, 2201)


def chart_point(record: Record) -> Point | None:
    """The figure at the middle of its period (else at its as_of, hollow), or None when it has
    no value or no valid date a chart can show."""
    value = record.get("value")
    where = placed(record.data)
    if not is_number(value) or where is None or where.when.year not in CHART_YEARS:
        return None
    mark = "period" if where.by_period else "stated"
    return Point(where.when, value, "forecast" if where.forecast else mark)
