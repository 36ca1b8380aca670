"""Values written for people: $5.58M, 50,000 GPUs, $1.3B–$1.6B; in French (Babel's forms for
the build's locale, `core.language`) 5,58 M$, 50 000 GPU, 1,3 Md$–1,6 Md$."""

from __future__ import annotations

import math
from collections.abc import Mapping

from babel import Locale
from babel.numbers import format_compact_decimal, format_decimal

from .currency import DOLLAR, in_dollars, stated_unit
from .language import N_, current_locale, gettext
from .periods import date_words
from .records import JSONValue, is_number
from .units import UnitText

_SUFFIXES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))
#: the symbol of each currency a figure may be stated in (`core.currency.CURRENCIES`)
CURRENCIES = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "CN¥"}


def format_number(value: float, unit: str = "") -> str:
    """A value in its unit: money compact with three significant digits, counts in full.

    A unit that starts with a currency code is money too: `USD per GPU-hour` -> `$2 per GPU-hour`.
    """
    code, _, rest = unit.partition(" ")
    locale = current_locale()
    if code in CURRENCIES:
        if locale is None:
            money = _sign(value) + CURRENCIES[code] + _compact(abs(value))
        else:
            money = _sign(value) + _local_compact(abs(value), locale) + CURRENCIES[code]
        return f"{money} {rest}" if rest else money
    text = _plain(value) if locale is None else _local_plain(value, locale)
    words = unit.for_number(value) if isinstance(unit, UnitText) else unit
    return f"{text} {words}" if words else text


def format_value(record_data: Mapping[str, JSONValue], unit: str = "") -> str:
    """The claim's value, with its range when it has one: `$1.6B (range $1.3B–$1.6B)`; a money
    figure stated in another currency as stated and in US dollars at its ECB rate:
    `€1.7B ≈ $2B at the ECB rate of 9 Sep 2025`."""
    stated = _value_text(record_data, stated_unit(unit, record_data))
    converted = in_dollars(record_data) if stated and unit.startswith(DOLLAR) else None
    if converted is None:
        return stated
    words = {
        "stated": stated,
        "dollars": _value_text(converted.as_data(), unit),
        "date": date_words(converted.rate.day.isoformat()),
        "wanted": date_words(converted.rate.wanted.isoformat()),
    }
    if converted.rate.nearest:
        sentence = N_(
            "%(stated)s ≈ %(dollars)s at the ECB rate of %(date)s "
            "(the nearest published to %(wanted)s)"
        )
        return gettext(sentence) % words
    return gettext(N_("%(stated)s ≈ %(dollars)s at the ECB rate of %(date)s")) % words


def stated_text(record_data: Mapping[str, JSONValue], unit: str = "") -> str:
    """The value as stated, in its own currency, without its value in dollars: `€1.7B`."""
    return _value_text(record_data, stated_unit(unit, record_data))


def _value_text(record_data: Mapping[str, JSONValue], unit: str) -> str:
    value = record_data.get("value")
    if not is_number(value):
        return format_bounds(record_data, unit)
    text = format_number(value, unit)
    low, high = record_data.get("low"), record_data.get("high")
    if is_number(low) or is_number(high):
        range_text = format_range(low, high, unit)
        text = gettext(N_("%(value)s (range %(range)s)")) % {"value": text, "range": range_text}
    return text


def format_bounds(record_data: Mapping[str, JSONValue], unit: str = "") -> str:
    """A figure without a value: `at least $100M`, `up to $500B`, `between $1.3B and $1.6B`."""
    low, high = record_data.get("low"), record_data.get("high")
    if is_number(low) and is_number(high):
        words = gettext(N_("between %(low)s and %(high)s"))
        return words % {"low": format_number(low, unit), "high": format_number(high, unit)}
    if is_number(low):
        return gettext(N_("at least %(low)s")) % {"low": format_number(low, unit)}
    if is_number(high):
        return gettext(N_("up to %(high)s")) % {"high": format_number(high, unit)}
    return ""


def format_range(low: JSONValue, high: JSONValue, unit: str = "") -> str:
    parts = [format_number(v, unit) if is_number(v) else "?" for v in (low, high)]
    return "–".join(parts)


def _sign(value: float) -> str:
    return "−" if value < 0 else ""


def _compact(value: float) -> str:
    for size, suffix in _SUFFIXES:
        if value >= size * 0.9995:
            return _significant(value / size) + suffix
    return _significant(value) if value < 1000 else f"{value:,.0f}"


def _significant(number: float) -> str:
    """Three significant digits, trailing zeros dropped: 5.576 -> 5.58, 1.6 -> 1.6, 589 -> 589,
    0.028 -> 0.028 (a price of a fraction of a dollar keeps its digits: not $0.03)."""
    if number >= 100:
        text = f"{number:.0f}"
    elif number >= 10:
        text = f"{number:.1f}"
    elif number >= 1 or number <= 0:
        text = f"{number:.2f}"
    else:
        text = f"{number:.{2 - math.floor(math.log10(number))}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _plain(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) >= 1 else f"{value:.3g}"


#: a no-break space: "5,58 M$" never breaks between the number and its scale
NBSP = "\u00a0"


def scale_suffix(size: float, locale: Locale) -> str:
    """The locale's short word for a power of a thousand: French 1e9 -> `Md`, 1e3 -> `k`."""
    return format_compact_decimal(size, locale=locale).lstrip("1").strip()


def _local_compact(value: float, locale: Locale) -> str:
    """`5,58${NBSP}M`-style mantissa and scale, before the currency symbol: `5,58 M`, `589 `."""
    for size, _suffix in _SUFFIXES:
        if value >= size * 0.9995:
            mantissa = format_decimal(float(_significant(value / size)), locale=locale)
            return mantissa + NBSP + scale_suffix(size, locale)
    if value < 1000:
        return format_decimal(float(_significant(value)), locale=locale) + NBSP
    return format_decimal(round(value), locale=locale) + NBSP


def _local_plain(value: float, locale: Locale) -> str:
    """A count in full, grouped as the locale groups it: `50 000`, `2,5`."""
    if float(value).is_integer():
        return format_decimal(int(value), locale=locale)
    digits = 6 if abs(value) >= 1 else 3
    return format_decimal(float(f"{value:.{digits}g}"), format="#,##0.##########", locale=locale)
