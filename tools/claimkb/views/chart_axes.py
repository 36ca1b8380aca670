"""A chart's axes in readers' words: "$ billions", "$ per million tokens", "TWh", the scale
stated when it is logarithmic, ticks written by Babel for the build's language, every year of
the time axis labelled where it fits."""

from __future__ import annotations

import math

from babel.numbers import format_decimal

from ..core.formatting import CURRENCIES
from ..core.language import N_, current_locale
from .i18n import _

#: A value axis is logarithmic when its largest value is this many times its smallest.
LOG_SCALE_SPAN = 100
#: the scales of an axis: (factor, words for money, words for anything else)
SCALES = (
    (1e12, N_("%(currency)s trillions"), N_("trillions of %(unit)s")),
    (1e9, N_("%(currency)s billions"), N_("billions of %(unit)s")),
    (1e6, N_("%(currency)s millions"), N_("millions of %(unit)s")),
)
#: a count is written in thousands only from this size on (a TWh axis stays in TWh)
PLAIN_UP_TO = 1e5


def use_log_scale(values: list[float]) -> bool:
    positive = [v for v in values if v > 0]
    return (
        bool(values)
        and len(positive) == len(values)
        and max(values) >= LOG_SCALE_SPAN * min(values)
    )


def scale_of(values: list[float], unit_text: str) -> tuple[float, str]:
    """The factor the axis divides values by, and the axis' unit words: `(1e9, "$ billions")`,
    `(1, "$ per million tokens")`, `(1, "TWh")`."""
    code, _space, rest = unit_text.partition(" ")
    largest = max((abs(v) for v in values), default=0)
    if code in CURRENCIES:
        currency = CURRENCIES[code]
        for factor, money_words, _other in SCALES:
            if largest >= factor and not rest:
                return factor, _(money_words) % {"currency": currency}
        return 1, f"{currency} {rest}".strip()
    for factor, _money, other_words in SCALES:
        if largest >= max(factor, PLAIN_UP_TO) and unit_text:
            return factor, _(other_words) % {"unit": unit_text}
    return 1, unit_text


def nice_ticks(low: float, high: float, count: int = 5) -> tuple[float, float, list[float]]:
    """A linear axis from 0 (or below, for negative values) with round steps: the domain and
    the ticks."""
    low = min(low, 0.0)
    high = max(high, 0.0)
    if high == low:
        high = low + 1
    raw = high / count - low / count  # (high - low) could overflow
    if not math.isfinite(raw) or raw <= 0:
        return low, high, [low, high]
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    end = math.ceil(high / step) * step
    if not (math.isfinite(start) and math.isfinite(end) and math.isfinite(end + step)):
        return low, high, [low, high]
    ticks = []
    index = 0
    while start + index * step <= end + step / 1e6:
        ticks.append(round(start + index * step, 12))
        index += 1
    return start, end, ticks


def log_ticks(low: float, high: float) -> tuple[float, float, list[float]]:
    """Powers of ten around the values; 1, 2 and 5 of each decade when there are few."""
    first = math.floor(math.log10(low))
    last = max(math.ceil(math.log10(high)), first + 1)
    if last - first > 2:
        step = max(1, math.ceil((last - first) / 10))  # ten ticks at most
        powers = range(first, last + 1, step)
        return 10.0**first, 10.0**last, [10.0**power for power in powers]
    ticks = [
        round(10.0**power * m, 12)
        for power in range(first, last + 1)
        for m in (1, 2, 5)
        if 10.0**power * m <= 10.0**last
    ]
    return 10.0**first, 10.0**last, ticks


def tick_text(value: float) -> str:
    """A tick as the build's language writes a number: 1,000 / 1 000; 0.5 / 0,5."""
    locale = current_locale() or "en_US"
    return format_decimal(value, format="#,##0.########", locale=locale)


def year_ticks(first: int, last: int, width: int, font_size: float) -> tuple[int, ...]:
    """The years labelled on a time axis `width` pixels wide: every year where they fit, else
    every 2nd, 5th or 10th, the first always."""
    years = list(range(first, last + 1))
    room = 4 * font_size * 0.62 + 8  # "2026" and a gap
    for step in (1, 2, 5, 10, 20, 50):
        if len(years[::step]) * room <= width:
            break
    return tuple(year for year in years if (year - first) % step == 0)


def log_words(title: str) -> str:
    return _("%(unit)s, log scale") % {"unit": title}
