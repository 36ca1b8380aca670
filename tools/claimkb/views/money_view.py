"""How views show money in constant dollars: `≈ $6.01M in 2025 dollars`, the year of a figure's
dollars on its card, and the base year of the site (`claimkb_base_year` in `conf.py`, else the
latest full year of the CPI-U the `cpi` package bundles)."""

from __future__ import annotations

from ..core.formatting import format_value
from ..core.money import CPI_NAME, Constant, constant, dollar_year, is_money
from ..core.records import Record
from ..core.registry import Registry
from .i18n import _
from .kb import KnowledgeBase


def money_metric(registry: Registry, metric_id: object) -> bool:
    metric = registry.of_type("metric").get(metric_id) if isinstance(metric_id, str) else None
    return metric is not None and is_money(metric.get("unit"))


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
    """For two money figures whose dollars are of different years: both in constant dollars of
    the base year and the sentence that says so, `({id: Constant}, words)`; None otherwise (same
    year, not money, or not convertible: comparability then says why no ratio is drawn)."""
    first, second = constant_of(kb, left), constant_of(kb, right)
    if first is None or second is None:
        return None
    if first.dollars.year == second.dollars.year:
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
    words += " "
    return {left.id: first, right.id: second}, words
