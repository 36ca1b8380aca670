"""Constant dollars: each money figure in the dollars of one base year, through the US CPI-U of
the Bureau of Labor Statistics (series CUUR0000SA0, annual averages) as the `cpi` package
bundles it (its `cpi.db`: no network at run time). No Sphinx here.

A money figure's dollars are of its `price_year` when it states one, else of its period's year
(nominal dollars of the time it is about), else of its as_of year.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from .language import N_, gettext
from .periods import try_period
from .records import is_number
from .units import UnitError, parse_unit

#: the series the `cpi` package reads by default, for the words that cite it
CPI_SERIES = "CUUR0000SA0"
CPI_NAME = "US CPI-U"


@cache
def _cpi():
    """The `cpi` module, imported once; None if it cannot be (then nothing is converted)."""
    logger = logging.getLogger("cpi")
    level = logger.level
    try:
        with warnings.catch_warnings():
            # it warns (and logs) when its bundled data is more than 90 days old: the data is
            # what we cite, with its series and years, and nothing is downloaded
            warnings.simplefilter("ignore")
            logger.setLevel(logging.ERROR)
            import cpi
    except Exception:  # a missing or broken install: say "cannot convert", never crash
        return None
    finally:
        logger.setLevel(level)
    return cpi


def latest_full_year() -> int | None:
    """The latest year with an annual CPI-U average in the bundled data."""
    module = _cpi()
    return int(module.LATEST_YEAR) if module is not None else None


@cache
def cpi_of(year: int) -> float | None:
    """The CPI-U annual average of `year`, or None when the series has none."""
    module = _cpi()
    if module is None or not isinstance(year, int) or not 1913 <= year <= 2200:
        return None
    try:
        return float(module.get(year))
    except Exception:  # CPIObjectDoesNotExist, and whatever else a lookup raises
        return None


def is_money(unit_expression: Any) -> bool:
    """A metric unit in dollars, per anything: USD, USD / GPU_hour (not USD², not 1 / USD)."""
    return isinstance(unit_expression, str) and _is_money(unit_expression)


@cache  # views ask it of every claim they show; pint parses a unit in about 50 µs
def _is_money(unit_expression: str) -> bool:
    try:
        dimensions = parse_unit(unit_expression).dimensionality
    except UnitError:
        return False
    return dimensions.get("[currency]", 0) == 1


@dataclass(frozen=True)
class DollarYear:
    year: int
    #: "stated" (price_year), "period" (the period's year), "as_of" (the year it was stated)
    basis: str

    def words(self) -> str:
        if self.basis == "stated":
            return gettext(N_("%(year)s dollars")) % {"year": self.year}
        if self.basis == "period":
            why = gettext(N_("%(year)s dollars (nominal: the year of its period)"))
        else:
            why = gettext(N_("%(year)s dollars (nominal: the year it was stated)"))
        return why % {"year": self.year}


def dollar_year(data: Mapping[str, Any]) -> DollarYear | None:
    """The year of a money figure's dollars: price_year, else the year of the middle of its
    period (a fiscal year Jul 2023 – Jun 2024 has more days in 2023), else its as_of's."""
    stated = data.get("price_year")
    if isinstance(stated, int) and not isinstance(stated, bool):
        return DollarYear(stated, "stated")
    for field, basis in (("period", "period"), ("as_of", "as_of")):
        span = try_period(data.get(field))
        if span is not None:
            return DollarYear(span.middle.year, basis)
    return None


def convert(amount: float, from_year: int, to_year: int) -> float | None:
    """`amount` dollars of `from_year` in dollars of `to_year`, or None without both CPIs."""
    start, end = cpi_of(from_year), cpi_of(to_year)
    if start is None or end is None or not is_number(amount):
        return None
    return amount * end / start


@dataclass(frozen=True)
class Constant:
    """A money figure in dollars of `base_year`: value, low and high (None where not given)."""

    base_year: int
    dollars: DollarYear
    value: float | None
    low: float | None
    high: float | None
    #: the year whose CPI-U stood in for the dollars' year, when that year's was not published
    #: yet (`constant(..., latest_index=True)`); None when the dollars' own year was used
    stand_in_year: int | None = None

    def as_data(self) -> dict[str, Any]:
        return {"value": self.value, "low": self.low, "high": self.high}


def constant(
    data: Mapping[str, Any], base_year: int | None, latest_index: bool = False
) -> Constant | None:
    """The figure in constant dollars of `base_year`; None when it cannot be converted.

    With `latest_index`, dollars of a year after the latest published CPI-U (a figure of this
    year, a forecast) are taken as dollars of that latest year, and `stand_in_year` says so:
    charts then draw every figure, and say which ones were converted that way."""
    year = dollar_year(data)
    if year is None or base_year is None or cpi_of(base_year) is None:
        return None
    index_year, stand_in = year.year, None
    latest = latest_full_year()
    if cpi_of(index_year) is None and latest_index and latest is not None and index_year > latest:
        index_year = stand_in = latest
    if cpi_of(index_year) is None:
        return None
    numbers = {}
    for field in ("value", "low", "high"):
        found = data.get(field)
        numbers[field] = convert(found, index_year, base_year) if is_number(found) else None
    return Constant(base_year, year, **numbers, stand_in_year=stand_in)
