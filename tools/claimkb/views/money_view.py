"""How views show money in constant dollars: `≈ $6.01M in 2025 dollars`, the year of a figure's
dollars on its card, and the base year of the site (`claimkb_base_year` in `conf.py`, else the
latest full year of the CPI-U the `cpi` package bundles)."""

from __future__ import annotations

from ..core.currency import dollar_data, in_dollars, stated_currency
from ..core.formatting import format_value, stated_text
from ..core.money import CPI_NAME, Constant, constant, dollar_year, is_money
from ..core.periods import date_words
from ..core.records import Record, is_number
from ..core.registry import Registry
from .i18n import _
from .kb import KnowledgeBase

NUMBERS = ("value", "low", "high")


def money_metric(registry: Registry, metric_id: object) -> bool:
    metric = registry.of_type("metric").get(metric_id) if isinstance(metric_id, str) else None
    return metric is not None and is_money(metric.get("unit"), registry.declared_units)


def constant_of(kb: KnowledgeBase, record: Record, latest_index: bool = False) -> Constant | None:
    """The record in constant dollars of the site's base year, if it is money and convertible;
    with `latest_index`, a year whose CPI-U is not published yet uses the latest one (charts:
    `core.money.constant`)."""
    if kb.base_year is None or not money_metric(kb.registry, record.get("metric")):
        return None
    return constant(record.data, kb.base_year, latest_index)


def constant_text(kb: KnowledgeBase, record: Record) -> str:
    """`≈ $6.01M in 2025 dollars`; "" when the figure is not money, already in base-year dollars
    or cannot be converted."""
    found = constant_of(kb, record)
    if found is None or found.dollars.year == found.base_year:
        return ""
    unit = kb.registry.unit_of(record.get("metric"))
    text = format_value(found.as_data(), unit)
    words = _("≈ %(value)s in %(year)s dollars (%(cpi)s)")
    return words % {"value": text, "year": found.base_year, "cpi": CPI_NAME} if text else ""


def dollars_words(kb: KnowledgeBase, record: Record) -> str:
    """The year of a money figure's dollars as its card states it; "" for other figures."""
    if not money_metric(kb.registry, record.get("metric")):
        year = record.get("price_year")
        return _("%(year)s prices") % {"year": year} if year else ""
    year = dollar_year(record.data)
    return year.words() if year is not None else ""


def converted_pair(
    kb: KnowledgeBase, left: Record, right: Record
) -> tuple[dict[str, Constant], str] | None:
    """For two money figures whose dollars are of different years, or whose currencies differ:
    both in US dollars (at each one's ECB rate), in constant dollars of the base year when their
    years differ, and the sentence that says so, `({id: Constant}, words)`; None otherwise (same
    year and currency, not money, or not convertible: comparability then says why no ratio is
    drawn)."""
    if not all(money_metric(kb.registry, r.get("metric")) for r in (left, right)):
        return None
    first_year, second_year = dollar_year(left.data), dollar_year(right.data)
    if first_year is None or second_year is None:
        return None
    if first_year.year != second_year.year:
        first, second = constant_of(kb, left), constant_of(kb, right)
        if first is None or second is None:
            return None
        words = _(
            "Their dollars are of different years (%(first)s and %(second)s), so both are "
            "converted to %(base)s dollars with the %(cpi)s before the ratio."
        ) % {
            "first": first.dollars.year,
            "second": second.dollars.year,
            "base": first.base_year,
            "cpi": CPI_NAME,
        }
        return {left.id: first, right.id: second}, words + " " + exchange_words(kb, (left, right))
    if stated_currency(left.data) == stated_currency(right.data):
        return None
    found: dict[str, Constant] = {}
    for record, year in ((left, first_year), (right, second_year)):
        exchanged = dollar_data(record.data)
        if exchanged is None:
            return None
        value, low, high = (_number(exchanged.get(field)) for field in NUMBERS)
        found[record.id] = Constant(year.year, year, value, low, high, deflated=False)
    return found, exchange_words(kb, (left, right))


def _number(value: object) -> float | None:
    return value if is_number(value) else None


def exchange_words(kb: KnowledgeBase, records: tuple[Record, ...]) -> str:
    """`€1.7B is converted to US dollars at the ECB rate of 9 Sep 2025 before the ratio.` for
    each figure stated in another currency; "" when there is none."""
    sentences = []
    for record in records:
        converted = in_dollars(record.data)
        if converted is None:
            continue
        unit = kb.registry.unit_of(record.get("metric"))
        words = _(
            "%(stated)s is converted to US dollars at the ECB rate of %(date)s before the ratio."
        )
        stated = stated_text(record.data, unit)
        sentences.append(
            words % {"stated": stated, "date": date_words(converted.rate.day.isoformat())}
        )
    return "".join(f"{sentence} " for sentence in sentences)
