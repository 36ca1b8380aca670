"""A claim as a chart draws it: where on the time axis, which number (money in constant dollars,
a year whose CPI-U is not published yet in the latest one's), which mark, over which length of
period; or why it cannot be drawn."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ..core.bounds import bound_mark, extent
from ..core.language import N_
from ..core.periods import placed, try_period
from ..core.records import Record, is_number
from .kb import KnowledgeBase
from .money_view import constant_of

#: years a chart's time axis can show; a figure dated outside them is left to its table
CHART_YEARS = range(1900, 2201)
#: period lengths that share an axis: (longest in days, class); longer than all: "years"
PERIOD_CLASSES = ((45, "moment"), (135, "quarter"), (250, "half"), (400, "year"))
#: why a figure of the selection is not drawn (the chart says it, the table lists it)
NO_NUMBER = N_("no number to draw")
NO_DATE = N_("no date a chart can place")
NO_DOLLARS = N_("its dollars cannot be converted")
RETRACTED = N_("retracted")
TOO_LARGE = N_("too large to draw")


@dataclass(frozen=True)
class Figure:
    """A drawable figure: its record, place in time and numbers in the axis' base unit."""

    record: Record
    when: date
    forecast: bool
    #: the number drawn (a range's middle), and the range or bound drawn as a bar
    value: float
    low: float | None
    high: float | None
    #: "value", "range", "at-least", "at-most"
    mark: str
    #: the year whose CPI-U stood in for the dollars' year (not published yet), else None
    stand_in: int | None
    #: the year of its dollars, for money
    dollars_year: int | None
    #: "moment", "quarter", "half", "year" or "N-years"
    period_class: str


def figure_of(kb: KnowledgeBase, record: Record, money: bool) -> Figure | str:
    """The figure to draw, or the (untranslated) reason it is not drawn."""
    if record.get("status") == "retracted":
        return RETRACTED
    numbers, stand_in, dollars_year = dict(record.data), None, None
    if money:
        found = constant_of(kb, record, latest_index=True)
        if found is None:
            return NO_DOLLARS
        numbers = found.as_data()
        stand_in, dollars_year = found.stand_in_year, found.dollars.year
    span = extent(numbers)
    if span is None:
        return NO_NUMBER
    where = placed(record.data)
    if where is None or where.when.year not in CHART_YEARS:
        return NO_DATE
    mark = bound_mark(record.data) or "value"
    value = numbers.get("value")
    if not is_number(value):
        value = _middle(span.low, span.high)
    if not all(math.isfinite(v) for v in (value, span.low, span.high) if v is not None):
        return TOO_LARGE  # its constant dollars overflow
    low = span.low if mark != "value" or _has_range(numbers) else None
    high = span.high if mark != "value" or _has_range(numbers) else None
    return Figure(
        record, where.when, where.forecast, float(value), low, high, mark, stand_in,
        dollars_year, period_class(record),
    )  # fmt: skip


def _has_range(numbers: Mapping[str, object]) -> bool:
    return is_number(numbers.get("low")) or is_number(numbers.get("high"))


def _middle(low: float | None, high: float | None) -> float:
    if low is not None and high is not None:
        return (low + high) / 2
    return float(low if low is not None else high)  # type: ignore[arg-type]


def period_class(record: Record) -> str:
    """How long the period a figure is about: figures of different lengths (a quarter's and a
    year's spending) never share an axis. No period, a day or a month: "moment"."""
    span = try_period(record.get("period"))
    if span is None:
        return "moment"
    days = (span.end - span.start).days + 1
    for longest, name in PERIOD_CLASSES:
        if days <= longest:
            return name
    return f"{round(days / 365.25)}-years"
