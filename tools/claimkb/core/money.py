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
from types import ModuleType

from .currency import dollar_data, in_dollars
from .language import N_, gettext
from .periods import try_period
from .records import JSONValue, is_number
from .units import Declared, UnitError, parse_unit

#: the series the `cpi` package reads by default, for the words that cite it
CPI_SERIES = "CUUR0000SA0"
CPI_NAME = "US CPI-U"


@cache
def _cpi() -> ModuleType | None:
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
    module: ModuleType = cpi  # the package has no type information: what it holds is Any
    return module


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


def is_money(unit_expression: JSONValue, declared: Declared = ()) -> bool:
    """A metric unit in dollars, per anything: USD, USD / GPU_hour (not USD², not 1 / USD)."""
    return isinstance(unit_expression, str) and _is_money(unit_expression, declared)


@cache  # views ask it of every claim they show; pint parses a unit in about 50 µs
def _is_money(unit_expression: str, declared: Declared) -> bool:
    try:
        dimensions = parse_unit(unit_expression, declared).dimensionality
    except UnitError:
        return False
    return dimensions.get("[currency]", 0) == 1


@dataclass(frozen=True)
class DollarYear:
    year: int
    #: "stated" (price_year), "period" (the period's year), "as_of" (the year it was stated),
    #: "exchange" (money in another currency: the year of the ECB rate it was converted at)
    basis: str

    def words(self) -> str:
        if self.basis == "stated":
            return gettext(N_("%(year)s dollars")) % {"year": self.year}
        if self.basis == "period":
            why = gettext(N_("%(year)s dollars (nominal: the year of its period)"))
        elif self.basis == "exchange":
            why = gettext(N_("%(year)s dollars (converted at the ECB rate of that year)"))
        else:
            why = gettext(N_("%(year)s dollars (nominal: the year it was stated)"))
        return why % {"year": self.year}


def dollar_year(data: Mapping[str, JSONValue]) -> DollarYear | None:
    """The year of a money figure's dollars: price_year, else, for money in another currency,
    the year of its ECB rate, else the year of the middle of its period (a fiscal year Jul 2023 –
    Jun 2024 has more days in 2023), else its as_of's."""
    stated = data.get("price_year")
    if isinstance(stated, int) and not isinstance(stated, bool):
        return DollarYear(stated, "stated")
    exchanged = in_dollars(data)
    if exchanged is not None:  # its dollars are those of the day it was converted at
        return DollarYear(exchanged.rate.day.year, "exchange")
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
    #: False when only the currency was converted (dollars of their own year, no CPI-U)
    deflated: bool = True

    def as_data(self) -> dict[str, float | None]:
        return {"value": self.value, "low": self.low, "high": self.high}


def constant(data: Mapping[str, JSONValue], base_year: int | None) -> Constant | None:
    """The figure in constant dollars of `base_year` (after its currency, if not the dollar,
    is converted at its ECB rate); None when it cannot be converted."""
    year = dollar_year(data)
    if year is None or base_year is None or cpi_of(year.year) is None or cpi_of(base_year) is None:
        return None
    dollars = dollar_data(data)  # money stated in another currency: first in US dollars
    if dollars is None:
        return None
    value, low, high = (
        convert(found, year.year, base_year) if is_number(found := dollars.get(field)) else None
        for field in ("value", "low", "high")
    )
    return Constant(base_year, year, value, low, high)
