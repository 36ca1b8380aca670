"""How views say when a figure is about and when it was stated: `For Jul 2023 – Jun 2024, as of
2024-07-30`, a forecast badge, and the sortable "When" cell of tables."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..core.bounds import extent
from ..core.periods import as_of_words, is_forecast, period_words, sort_key, try_period
from ..core.records import Record
from .i18n import _
from .model import Inline, span


def when_text(record: Record) -> str:
    """`For Jul 2023 – Jun 2024, as of 2024-07-30`; `Forecast for 2027, as of 2024-11`;
    `As of 2024-12-27` without a period; "" with neither."""
    period, as_of = record.get("period"), record.get("as_of")
    words = period_words(period) if try_period(period) is not None else ""
    stated = isinstance(as_of, str) and as_of
    as_of_text = as_of_phrase(as_of) if stated else ""
    if not words:
        return as_of_text[:1].upper() + as_of_text[1:]
    lead = _("Forecast for %s") if is_forecast(record.data) else _("For %s")
    lead = lead % words
    return f"{lead}, {as_of_text}" if as_of_text else lead


def as_of_phrase(as_of: str) -> str:
    """`as of 2024-12-27`, `as of 2023-08`: one message per precision, because other languages
    say a day and a month differently (French: `au 27 décembre 2024`, but `en août 2023`). The
    named placeholders keep the English words as they were."""
    words = as_of_words(as_of)
    if len(as_of) == 4:
        return _("as of %(year)s") % {"year": words}
    if len(as_of) == 7:
        return _("as of %(month)s") % {"month": words}
    return _("as of %s") % words


def forecast_badge(record: Record) -> list[Inline]:
    """A `forecast` badge for the card's title line, when the figure is one."""
    if not is_forecast(record.data):
        return []
    return [" ", span(_("forecast"), ("sd-badge", "claim-forecast-badge"))]


def when_cell(record: Record, stated: bool = True) -> tuple[str, int]:
    """A table's "Period" or "When" cell and its sort value: the period in words, else (for
    "When", `stated`) the as_of date marked `(stated)`: the time it is about was not given."""
    period = record.get("period")
    key = sort_key(record.data)[0]
    if try_period(period) is not None:
        text = period_words(period)
        return (_("%s (forecast)") % text if is_forecast(record.data) else text), key
    as_of = record.get("as_of")
    if stated and isinstance(as_of, str) and as_of:
        return _("%s (stated)") % as_of_words(as_of), key
    return "", key


def sort_value(data: Mapping[str, Any]) -> float | None:
    """The number a table sorts a figure by: its value, else its lower (or upper) bound."""
    found = extent(data)
    if found is None:
        return None
    return found.low if found.low is not None else found.high
