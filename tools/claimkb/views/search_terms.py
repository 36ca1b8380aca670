"""Search terms for claims: Sphinx's own search finds a claim by id, title, entity or number.

Sphinx's search drops numbers from full-text queries ("5.576" is split into 5 and 576, both
ignored), and its object results cannot link to an anchor unless the object's display name is its
id. Its index entries, though, match the whole query as a substring, rank first and link to their
target. So each card gets search index entries (not general-index entries: the general index stays
as authors wrote it): the claim's id, title and the clauses of its title, its values as people
write them ("5.576M", "$1.6B", "1.6 billion", "5,576,000") and the names and aliases of the
entities it is about or that claim it. Registry records get their id, name and aliases.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from babel import Locale
from babel.numbers import format_compact_decimal, format_decimal, get_decimal_symbol

from ..core.currency import stated_unit
from ..core.formatting import CURRENCIES, format_number, scale_suffix
from ..core.language import current_locale
from ..core.records import Record, is_number
from ..core.registry import Registry

#: (size, suffix, word): "5.576M" and "5.576 million"
SCALES = (
    (1e12, "T", "trillion"),
    (1e9, "B", "billion"),
    (1e6, "M", "million"),
    (1e3, "K", "thousand"),
)
#: where a title breaks into parts a reader may search on their own
CLAUSE_BREAKS = re.compile(r"[,;:()\[\]—–]| - ")


def number_forms(value: int | float, unit: str = "") -> set[str]:
    """The ways a reader may type a number: exact and rounded, with and without unit and scale."""
    sign = "-" if value < 0 else ""
    size = abs(value)
    bare = {f"{size:.15g}", f"{size:,.15g}"}
    for scale, suffix, word in SCALES:
        if size >= scale:
            # exact, and as headlines round it: 5.576M, 5.58M, 5.6M
            for digits in (6, 3, 2):
                mantissa = _significant(size / scale, digits)
                bare |= {f"{mantissa}{suffix}", f"{mantissa} {word}"}
            break
    forms = {sign + format_number(size, unit)}
    symbol = CURRENCIES.get(unit)
    locale = current_locale()
    if locale is not None:
        forms |= {sign + form for form in local_forms(size, symbol or unit, locale)}
    if symbol:
        # the search matches a query inside an entry: "1.6B" finds "$1.6B"
        return forms | {f"{sign}{symbol}{form}" for form in bare}
    forms |= {sign + form for form in bare}
    if unit:
        forms |= {f"{sign}{form} {unit}" for form in bare}
    return forms


def local_forms(size: float, unit: str, locale: Locale) -> set[str]:
    """How a reader of `locale` writes the number: French `5 576 000`, `5,576`, `5,58 M$`,
    `5,58 millions de dollars`, `1,6 milliard` (a plural word also finds its singular: the
    search matches a query inside an entry)."""
    comma = get_decimal_symbol(locale)
    exact = format_decimal(size, format="#,##0.###############", locale=locale)
    forms = {exact, " ".join(exact.split())}
    # "5,576" finds "5,576 millions" too: mantissas alone only for what the unit would spoil
    mantissas = set()
    for scale, _suffix, _word in SCALES:
        if size >= scale:
            suffix = scale_suffix(scale, locale)
            # the plural of the long compact form: "2 milliards" -> "milliards"
            word = format_compact_decimal(2 * scale, format_type="long", locale=locale)
            word = word.lstrip("2").strip()
            for digits in (6, 3, 2):
                mantissa = _significant(size / scale, digits).replace(".", comma)
                mantissas.add(mantissa)
                forms |= {f"{mantissa} {suffix}", f"{mantissa} {word}"}
                if unit == "$":
                    forms |= {f"{mantissa} {suffix}$", f"{mantissa} {word} de dollars"}
            break
    if unit and unit != "$":
        forms |= {f"{form} {unit}" for form in list(forms)}
    return forms | mantissas


def _significant(number: float, digits: int) -> str:
    """`number` rounded to `digits` significant digits, never in exponent form: 589 -> 590."""
    return f"{float(f'{number:.{digits}g}'):.15g}"


def claim_terms(record: Record, registry: Registry) -> set[str]:
    entities = registry.of_type("entity")
    unit = stated_unit(registry.unit_of(record.get("metric")), record.data)
    title = record.get("title") or ""
    terms = {record.id, title, *CLAUSE_BREAKS.split(title)}
    for field in ("value", "low", "high"):
        value = record.get(field)
        if is_number(value):
            terms |= number_forms(value, unit)
    for rid in list(record.get("subject") or []) + [record.get("claimant")]:
        entity = entities.get(rid)
        if entity is not None:
            terms |= {entity.get("name") or "", *(entity.get("aliases") or [])}
    return terms


def record_terms(record: Record) -> set[str]:
    return {
        record.id,
        record.get("name") or "",
        record.get("title") or "",
        *(record.get("aliases") or []),
    }


def index_entries(
    objects: Mapping[tuple[str, str], tuple[str, Record]], registry: Registry
) -> dict[str, set[tuple[str, str, str]]]:
    """docname -> (term, anchor, "main" or "") of every claim and record it is the page of."""
    found: dict[str, set[tuple[str, str, str]]] = {}
    for (rtype, _), (docname, record) in objects.items():
        if rtype == "claim":
            terms, main = claim_terms(record, registry), "main"
        else:
            # listed after the claims: "Cantor" should find what Cantor says first
            terms, main = record_terms(record), ""
        entries = {" ".join(t.replace(";", " ").split()) for t in terms} - {""}
        # the search lower-cases entries: "DeepSeek" and "deepseek" would be one entry twice
        unique = {entry.lower(): entry for entry in sorted(entries)}
        found.setdefault(docname, set()).update((e, record.anchor, main) for e in unique.values())
    return found
