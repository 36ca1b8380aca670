"""Constant dollars: each money figure in the dollars of one base year, through the US CPI-U of
the Bureau of Labor Statistics (series CUUR0000SA0, annual averages) as the `cpi` package
bundles it (its `cpi.db`: no network at run time). No Sphinx here.

The annual averages are read from that SQLite file with the standard library: importing the `cpi`
package itself costs a second of start-up (it imports pandas and loads its series), and the
numbers are the same (`tests/test_cost_semantics.py` compares them with `cpi.get`).

A money figure's dollars are of its `price_year` when it states one, else of its period's year
(nominal dollars of the time it is about), else of its as_of year.
"""

from __future__ import annotations

import importlib.util
import sqlite3
from collections.abc import Mapping
from contextlib import closing
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import disk_cache
from .currency import dollar_data, in_dollars
from .language import N_, gettext
from .periods import try_period
from .records import JSONValue, is_number
from .units import Declared, UnitError, parse_unit

#: the series the `cpi` package reads by default, for the words that cite it
CPI_SERIES = "CUUR0000SA0"
CPI_NAME = "US CPI-U"
#: the periods the `cpi` package counts as annual (`cpi.models.Period.type`), M13 the average
ANNUAL_PERIODS = ("M13", "S03")


def cpi_database() -> Path | None:
    """The `cpi` package's bundled database, found without importing the package."""
    try:
        spec = importlib.util.find_spec("cpi")
    except (ImportError, ValueError):
        return None
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    found = [Path(folder) / "cpi.db" for folder in folders if (Path(folder) / "cpi.db").is_file()]
    return found[0] if found else None


@cache
def annual_cpi() -> dict[int, float]:
    """Year -> CPI-U annual average, as `cpi.get(year)` gives it (the first annual row of the
    year, in the table's order); empty when the database is missing or unreadable (then nothing
    is converted, and nothing crashes)."""
    path = cpi_database()
    if path is None:
        return {}
    try:
        cached = f"cpi-{disk_cache.data_file_key(path, CPI_SERIES, ANNUAL_PERIODS)}.json"
    except OSError:
        return {}
    found = disk_cache.read_json(cached)
    if isinstance(found, dict) and found:
        return {int(year): float(value) for year, value in found.items()}
    table = _read_annual_cpi(path)
    if table:
        disk_cache.write_json(cached, table)
    return table


def _read_annual_cpi(path: Path) -> dict[int, float]:
    """The annual averages out of the SQLite file (a scan of every series: a few tenths of a
    second, hence `disk_cache`)."""
    query = (
        "SELECT year, value FROM indexes WHERE series = ? "
        f"AND period IN ({', '.join('?' * len(ANNUAL_PERIODS))})"
    )
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
            rows = connection.execute(query, (CPI_SERIES, *ANNUAL_PERIODS)).fetchall()
    except sqlite3.Error:
        return {}
    table: dict[int, float] = {}
    for year, value in rows:
        if value not in (None, "-"):
            table.setdefault(int(year), float(value))
    return table


def latest_full_year() -> int | None:
    """The latest year with an annual CPI-U average in the bundled data."""
    return max(annual_cpi(), default=None)


def cpi_of(year: int) -> float | None:
    """The CPI-U annual average of `year`, or None when the series has none."""
    if not isinstance(year, int) or isinstance(year, bool):
        return None
    return annual_cpi().get(year)


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
    #: the year whose CPI-U stood in for the dollars' year, when that year's was not published
    #: yet (`constant(..., latest_index=True)`); None when the dollars' own year was used
    stand_in_year: int | None = None

    def as_data(self) -> dict[str, float | None]:
        return {"value": self.value, "low": self.low, "high": self.high}


def constant(
    data: Mapping[str, JSONValue], base_year: int | None, latest_index: bool = False
) -> Constant | None:
    """The figure in constant dollars of `base_year` (after its currency, if not the dollar,
    is converted at its ECB rate); None when it cannot be converted.

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
    dollars = dollar_data(data)  # money stated in another currency: first in US dollars
    if dollars is None:
        return None
    value, low, high = (
        convert(found, index_year, base_year) if is_number(found := dollars.get(field)) else None
        for field in ("value", "low", "high")
    )
    return Constant(base_year, year, value, low, high, stand_in_year=stand_in)
