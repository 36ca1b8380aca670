"""A claim as a point of a chart: where on the time axis, which value, which mark."""

from __future__ import annotations

from ..core.periods import placed
from ..core.records import Record, is_number
from .charts import Point


def chart_point(record: Record) -> Point | None:
    """The figure at the middle of its period (else at its as_of, hollow), or None when it has
    no value or no valid date."""
    value = record.get("value")
    where = placed(record.data)
    if not is_number(value) or where is None:
        return None
    mark = "period" if where.by_period else "stated"
    return Point(where.when, value, "forecast" if where.forecast else mark)
