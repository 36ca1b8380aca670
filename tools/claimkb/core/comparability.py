"""When two figures can be compared, and what differs when they cannot. No Sphinx here.

Two figures are comparable when they measure the same metric over the same scope by the same
method, and, where either states the year of its prices, in the same year's prices or in years
the US CPI-U can convert between (the view converts them before any ratio); money stated in two
currencies is compared in US dollars at each figure's ECB rate, when both have one. Two methods
that only say how a figure became known (`provenance: true` in the registry: a disclosure, a news
report, an analyst's estimate) do not change what is measured, so figures obtained by two of them
are comparable too.

Two comparable figures *disagree* when their values are further apart than
`AGREEMENT_TOLERANCE` of the larger (or their bounds leave no common value): only then is one
said to contradict the other (`gap`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from babel.numbers import format_decimal

from . import currency, money
from .bounds import conclusion, extent, has_number
from .language import N_, current_locale, gettext
from .records import JSONValue, is_number

#: The fields that must match, with the words that name them in a sentence.
MATCHED_FIELDS = (("metric", "metric"), ("scope", "scope"), ("method", "method"))
#: what differs, as a verdict says it
DIFFERENT = {
    "metric": N_("different metric"),
    "scope": N_("different scope"),
    "method": N_("different method"),
    "kind": N_("different kind"),
    "price year": N_("different price year"),
    "currency": N_("different currency"),
}
#: a claim without a value, by kind
WITHOUT_VALUE = {
    "fact": N_("a fact without a value"),
    "viewpoint": N_("a viewpoint without a value"),
    "figure": N_("a figure without a value"),
    "claim": N_("a claim without a value"),
}

#: names(record type, id) -> the registry's name for it.
Namer = Callable[[str, str], str]


@dataclass(frozen=True)
class Difference:
    field: str
    left: str
    right: str

    def text(self) -> str:
        different = gettext(DIFFERENT[self.field])
        words = gettext(N_("%(different)s: %(left)s vs %(right)s"))
        return words % {"different": different, "left": self.left, "right": self.right}


def differences(
    left: Mapping[str, JSONValue],
    right: Mapping[str, JSONValue],
    names: Namer,
    provenance: Collection[str] = (),
) -> list[Difference]:
    """What keeps two claims' values from being compared; empty when they are comparable.
    `provenance`: the ids of the methods that say how a figure became known, not what it
    measures (two of them do not keep figures apart)."""
    found = []
    for value in (left, right):
        if not has_number(value):
            found.append(Difference("kind", _kind_words(left), _kind_words(right)))
            return found
    methods = (left.get("method"), right.get("method"))
    for field, words in MATCHED_FIELDS:
        if field == "method" and all(m in provenance for m in methods):
            continue
        if left.get(field) != right.get(field):
            found.append(
                Difference(
                    words,
                    _name(names, field, left.get(field)),
                    _name(names, field, right.get(field)),
                )
            )
    currencies = [currency.stated_currency(side) for side in (left, right)]
    if currencies[0] != currencies[1] and not all(map(currency.dollar_data, (left, right))):
        found.append(Difference("currency", *(_currency_words(side) for side in (left, right))))
    left_year, right_year = left.get("price_year"), right.get("price_year")
    if (left_year or right_year) and left_year != right_year and not convertible(left, right):
        found.append(
            Difference(
                "price year",
                _year_words(left_year) + _no_cpi(left),
                _year_words(right_year) + _no_cpi(right),
            )
        )
    return found


def convertible(left: Mapping[str, JSONValue], right: Mapping[str, JSONValue]) -> bool:
    """Whether both figures' dollars can be brought to one year with the CPI-U."""
    years = [money.dollar_year(side) for side in (left, right)]
    return all(year is not None and money.cpi_of(year.year) is not None for year in years)


def _no_cpi(record: Mapping[str, JSONValue]) -> str:
    year = money.dollar_year(record)
    if year is None or money.cpi_of(year.year) is not None:
        return ""
    words = gettext(N_(" (no %(cpi)s for %(year)s to convert them)"))
    return words % {"cpi": money.CPI_NAME, "year": year.year}


def comparable(
    left: Mapping[str, JSONValue], right: Mapping[str, JSONValue], provenance: Collection[str] = ()
) -> bool:
    return not differences(left, right, lambda _type, rid: rid, provenance)


#: two comparable values within this share of the larger agree: neither contradicts the other
AGREEMENT_TOLERANCE = 0.05


@dataclass(frozen=True)
class Gap:
    """How far apart two comparable figures are.

    `verdict`: "agree" (values within the tolerance), "disagree" (values further apart, or bounds
    with no common value), "overlap" (a bound that the other figure's number fits: neither is
    wrong), "unknown" (no number to compare)."""

    verdict: str
    #: the larger value less the smaller, for two values
    difference: float | None = None
    #: `difference` as a share of the larger magnitude
    share: float | None = None


def gap(
    left: Mapping[str, JSONValue],
    right: Mapping[str, JSONValue],
    tolerance: float = AGREEMENT_TOLERANCE,
) -> Gap:
    """How two comparable figures (in the same year's dollars, if money) stand to each other."""
    a, b = extent(left), extent(right)
    if a is None or b is None:
        return Gap("unknown")
    left_number, right_number = a.exact, b.exact
    if left_number is not None and right_number is not None:
        difference = abs(left_number - right_number)
        largest = max(abs(left_number), abs(right_number))
        share = difference / largest if largest else 0.0
        return Gap("agree" if share <= tolerance else "disagree", difference, share)
    verdict, _ratio = conclusion(left, right)
    return Gap("disagree" if verdict in ("larger", "smaller") else "overlap")


def in_same_dollars(
    left: Mapping[str, JSONValue], right: Mapping[str, JSONValue]
) -> tuple[Mapping[str, JSONValue], Mapping[str, JSONValue]]:
    """Two money figures in US dollars (at their ECB rates, when one is in another currency) of
    the later of their two years, when they differ and the CPI-U has both; else as they are. Only
    for figures whose metric is money."""
    if currency.stated_currency(left) != currency.stated_currency(right):
        dollars = [currency.dollar_data(side) for side in (left, right)]
        if dollars[0] is not None and dollars[1] is not None:
            left, right = dollars[0], dollars[1]  # both in US dollars at their ECB rates
    years = [money.dollar_year(side) for side in (left, right)]
    if years[0] is None or years[1] is None or years[0].year == years[1].year:
        return left, right
    base = max(years[0].year, years[1].year)
    converted = [money.constant(side, base) for side in (left, right)]
    if converted[0] is None or converted[1] is None:
        return left, right
    return converted[0].as_data(), converted[1].as_data()


def percent_text(share: float) -> str:
    """`under 1%`, `4%`, `27%`: how far apart two values are, for people."""
    if share < 0.01:
        return gettext(N_("under 1%"))
    locale = current_locale()
    number = round(share * 100)
    if locale is not None:
        return format_decimal(number, locale=locale) + "\u00a0%"
    return f"{number}%"


def describe(found: list[Difference]) -> str:
    """`different scope: A vs B; different method: C vs D`."""
    return "; ".join(d.text() for d in found)


def ratio(left: Mapping[str, JSONValue], right: Mapping[str, JSONValue]) -> float | None:
    """How many times the larger value is the smaller; None when both are not positive numbers."""
    a, b = left.get("value"), right.get("value")
    if not (is_number(a) and is_number(b)) or a <= 0 or b <= 0:
        return None
    return max(a, b) / min(a, b)


def ratio_text(number: float) -> str:
    """`287×`, `4.2×`, `1.05×`: three significant digits, thousands grouped."""
    locale = current_locale()
    if locale is not None:
        rounded = round(number) if number >= 100 else float(f"{number:.3g}")
        return format_decimal(rounded, locale=locale) + "\u00a0×"
    return f"{number:,.0f}×" if number >= 100 else f"{number:.3g}×"


def _name(names: Namer, rtype: str, rid: str | None) -> str:
    return names(rtype, rid) if rid else gettext(N_("none given"))


def _kind_words(record: Mapping[str, JSONValue]) -> str:
    if has_number(record):
        return gettext(N_("a figure"))
    kind = record.get("kind")
    return gettext(WITHOUT_VALUE.get(str(kind), WITHOUT_VALUE["claim"]))


def _currency_words(record: Mapping[str, JSONValue]) -> str:
    code = currency.stated_currency(record)
    if currency.dollar_data(record) is not None:
        return code
    return gettext(N_("%(currency)s (no ECB rate: no date)")) % {"currency": code}


def _year_words(year: JSONValue) -> str:
    if not year:
        return gettext(N_("price year not given"))
    return gettext(N_("%(year)s prices")) % {"year": year}
