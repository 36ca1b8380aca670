"""Dates and periods of claims: when a figure was stated (`as_of`) and what time it is about
(`period`). No Sphinx here.

A date is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` and stands for every day it covers (`2024` is the
whole year); a period is a date or an ISO 8601 interval `START/END` of two dates. A figure whose
period ends after its `as_of` is a forecast.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from babel.dates import format_date

from .language import current_locale
from .records import JSONValue

_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class PeriodError(ValueError):
    """A date or period that is not in the calendar, or ends before it starts."""


@dataclass(frozen=True)
class Span:
    """The days a date or period covers, first and last included."""

    start: date
    end: date

    @property
    def middle(self) -> date:
        return self.start + timedelta(days=(self.end - self.start).days // 2)


def parse_date(text: str) -> Span:
    """`2024` -> the year, `2024-02` -> February, `2024-02-29` -> that day; PeriodError if the
    text is not such a date or names a day the calendar does not have."""
    if not isinstance(text, str):
        raise PeriodError(f"{text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return _parse_date(text)


@lru_cache(maxsize=8192)  # views read each claim's dates many times per build
def _parse_date(text: str) -> Span:
    found = _DATE.match(text.strip())
    if not found:
        raise PeriodError(f"{text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year = int(found.group(1))
    month, day = (int(part) if part else None for part in found.groups()[1:])
    if year < 1:
        raise PeriodError(f"{text!r} is not a year of the calendar (years start at 0001)")
    if month is not None and not 1 <= month <= 12:
        raise PeriodError(f"{text!r} has no month {month}")
    if month is None:
        return Span(date(year, 1, 1), date(year, 12, 31))
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return Span(date(year, month, 1), date(year, month, last))
    if not 1 <= day <= last:
        raise PeriodError(
            f"{text!r} is not a day of the calendar ({_MONTHS[month - 1]} {year} has {last} days)"
        )
    return Span(date(year, month, day), date(year, month, day))


def parse_period(text: str) -> Span:
    """A date, or `START/END` from the first day of START to the last day of END."""
    if not isinstance(text, str):
        raise PeriodError(f"{text!r} is not a period")
    if "/" not in text:
        return parse_date(text)
    first, _, last = text.partition("/")
    start, end = parse_date(first), parse_date(last)
    if start.start > end.end:
        raise PeriodError(f"the period starts ({first}) after it ends ({last})")
    return Span(start.start, end.end)


def try_period(text: JSONValue) -> Span | None:
    if not isinstance(text, str):  # no period (the common case): no exception to raise
        return None
    try:
        return parse_period(text)
    except PeriodError:
        return None


def date_words(text: str) -> str:
    """`2024` -> 2024, `2023-07` -> Jul 2023, `2024-12-27` -> 27 Dec 2024; in French (the
    build's locale) `juillet 2023`, `27 décembre 2024`."""
    found = _DATE.match(text.strip())
    if not found:
        return text
    year, month, day = found.groups()
    if month is None or not 1 <= int(month) <= 12:
        return year
    if current_locale() is not None:
        return _local_date_words(text.strip(), day is not None)
    words = f"{_MONTHS[int(month) - 1]} {year}"
    return f"{int(day)} {words}" if day else words


def _local_date_words(text: str, has_day: bool) -> str:
    try:
        day = parse_date(text).start
    except PeriodError:
        return text
    locale = current_locale()
    words = format_date(day, "d MMMM y" if has_day else "LLLL y", locale=locale)
    if has_day and day.day == 1 and locale is not None and locale.language == "fr":
        words = "1er" + words[1:]  # French says the first of a month as an ordinal
    return words


def as_of_words(as_of: str) -> str:
    """When a figure was stated, as a card says it: the ISO date in English (as it always was),
    the date in words in another language (`27 décembre 2024`)."""
    return as_of if current_locale() is None else date_words(as_of)


def period_words(text: str) -> str:
    """A period as a reader says it: `Jul 2023 – Jun 2024`, `Mar 2023`, `2027`."""
    if not isinstance(text, str):
        return ""
    if "/" in text:
        first, _, last = text.partition("/")
        return f"{date_words(first)} – {date_words(last)}"
    return date_words(text)


def is_forecast(data: Mapping[str, JSONValue]) -> bool:
    """Whether the period ends after the figure was stated (both valid)."""
    period, as_of = try_period(data.get("period")), try_period(data.get("as_of"))
    return period is not None and as_of is not None and period.end > as_of.end


@dataclass(frozen=True)
class Placed:
    """Where a figure goes on a time axis, and whether that date is its period or its as_of."""

    when: date
    by_period: bool
    forecast: bool


def placed(data: Mapping[str, JSONValue]) -> Placed | None:
    """The middle of the period, else the first day of as_of (as charts placed them before)."""
    period = try_period(data.get("period"))
    if period is not None:
        return Placed(period.middle, True, is_forecast(data))
    as_of = try_period(data.get("as_of"))
    if as_of is not None and "/" not in str(data.get("as_of")):
        return Placed(as_of.start, False, False)
    return None


def sort_key(data: Mapping[str, JSONValue]) -> tuple[int, str]:
    """Orders claims in time by their period's start, else by as_of: `(YYYYMMDD, text)`."""
    for field in ("period", "as_of"):
        span = try_period(data.get(field))
        if span is not None:
            start = span.start
            return start.year * 10000 + start.month * 100 + start.day, str(data.get(field))
    return 0, ""
