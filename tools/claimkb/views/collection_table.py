"""A collection shown as one table (`claim-collection` with `:layout: table`): each row is the home
of one claim (its anchor), for data sets of hundreds of claims that would be hundreds of cards.

What every claim of the collection shares (its metric, method, claimant, date, source, the start
of its locator...) is said once above the table; the columns are what differs from one claim to
the next. Cells hold plain text, not links, so a row costs a few hundred bytes: the claims' own
links (their sources, their entities' pages) are listed once above the table.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from docutils import nodes

from ..core.current_status import status_of
from ..core.formatting import CURRENCIES, format_value
from ..core.periods import as_of_words
from ..core.records import Record
from .i18n import N_, _, confidence_words, labelled, status_words
from .kb import KnowledgeBase
from .model import (
    Inline,
    SortText,
    Styled,
    joined,
    para,
    render_inline,
    span,
    table_frame,
    table_wrapper,
)
from .names import Names
from .when import sort_value, when_cell

#: the fields a row may show, in order, with their headers (when they differ between claims)
ROW_FIELDS = {
    "subject": N_("About"),
    "metric": N_("Metric"),
    "scope": N_("Scope"),
    "method": N_("Method"),
    "value": N_("Value"),
    "period": N_("Period"),
    "as_of": N_("As of"),
    "claimant": N_("Claimed by"),
    "source": N_("Source"),
    "also": N_("Also cites"),
    "price_year": N_("Prices of"),
    "confidence": N_("Confidence"),
    "status": N_("Status"),
    "locator": N_("Where in the source"),
    "quote": N_("Quote"),
}
#: fields that name registry records: said once, with links, when every claim shares them
NAMED = {"subject": "entity", "metric": "metric", "scope": "scope", "method": "method",
         "claimant": "entity", "source": "source", "also": "source"}  # fmt: skip


@dataclass(frozen=True)
class CollectionRow:
    anchor: str
    cells: tuple[tuple[Inline, ...], ...]
    #: index of the claim in the collection (its statement, parsed by the page, goes under it)
    index: int


@dataclass(frozen=True)
class CollectionTable:
    shared: tuple[Styled, ...]
    columns: tuple[str, ...]
    headers: tuple[str, ...]
    rows: tuple[CollectionRow, ...]

    def render(self, statements: dict[int, list[nodes.Node]]) -> list[nodes.Node]:
        out: list[nodes.Node] = [render_inline(line) for line in self.shared]
        if not self.rows:
            return out
        headers = [
            (label, [f"claimkb-col-{c}", f"claimkb-sort-{'number' if c in NUMBERS else 'text'}"])
            for c, label in zip(self.columns, self.headers, strict=True)
        ]
        table, body = table_frame(["claimkb-claims", "claimkb-collection-table"], headers)
        for model in self.rows:
            # a few hundred bytes a row: no class, the cells' text straight in them
            row = nodes.row(ids=[model.anchor])
            for index, cell in enumerate(model.cells):
                entry = nodes.entry()
                entry.extend(render_inline(part) for part in cell)
                if index == 0:
                    entry.extend(statements.get(model.index, []))
                row += entry
            body += row
        return [*out, table_wrapper(table)]


#: the columns a reader sorts as numbers
NUMBERS = ("value", "period", "as_of")

#: fields that, when they differ, go on a small line under a row's first cell, not in a column
#: of their own: the columns stay few enough for a phone, the value always whole
DETAIL_FIELDS = (
    "as_of", "claimant", "source", "also", "price_year", "confidence", "locator", "quote"
)  # fmt: skip


def collection_table(kb: KnowledgeBase, names: Names, records: list[Record]) -> CollectionTable:
    """The table of `records` (a collection's claims, in the file's order)."""
    superseded = kb.superseded()
    texts = [
        {field: cell_text(names, r, field, superseded) for field in ROW_FIELDS} for r in records
    ]
    varying = [
        field
        for field in ROW_FIELDS
        if field in ("value", "subject") or len({t[field] for t in texts}) > 1
    ]
    prefix = common_prefix([t["locator"] for t in texts]) if "locator" in varying else ""
    unit, unit_words = value_unit(names, records)
    columns = tuple(f for f in varying if f not in DETAIL_FIELDS)
    details = [f for f in varying if f in DETAIL_FIELDS]
    rows = []
    for index, (record, text) in enumerate(zip(records, texts, strict=True)):
        # no unit shared by every claim: each value is written with its own, whole
        own = unit if unit or unit_words else names.registry.unit_of(record.get("metric"))
        cells = [list(cell(record, text, field, own)) for field in columns]
        detail = detail_line(names, record, text, details, prefix)
        if detail:
            # a bare span (no class: bytes on every row), shown as a small line by the CSS
            cells[0].append(Styled("inline", detail))
        rows.append(CollectionRow(record.anchor, tuple(tuple(c) for c in cells), index))
    headers = tuple(_(ROW_FIELDS[f]) for f in columns)
    shared = shared_lines(names, records, texts, varying, prefix, unit_words, details)
    return CollectionTable(shared, columns, headers, tuple(rows))


#: the fields of a row's small line written in the source's language, not the site's
SOURCE_WORDS = ("locator", "quote")


def detail_line(
    names: Names, record: Record, text: dict[str, str], details: list[str], prefix: str
) -> tuple[Inline, ...]:
    """The small line under a row's first cell: `14 Mar 2023 · OpenAI · Section "API" · “…”`.
    In an edition in another language than the source's, its locator and quote are marked as
    the source's (`lang="en"`); otherwise the line is one text, as few bytes as can be."""
    foreign = names.source_language(record.get("source", ""))
    parts: list[Inline] = []
    for field in details:
        shown = text[field][len(prefix) :] if field == "locator" else text[field]
        if not shown:
            continue
        if parts:
            parts.append(" · ")
        parts.append(span(shown, foreign) if foreign and field in SOURCE_WORDS else shown)
    merged: list[Inline] = []
    for part in parts:  # neighbouring texts as one
        if merged and isinstance(part, str) and isinstance(merged[-1], str):
            merged[-1] += part
        else:
            merged.append(part)
    return tuple(merged)


def cell(record: Record, text: dict[str, str], field: str, unit: str) -> tuple[Inline, ...]:
    if field == "value":
        shown = format_value(record.data, unit)
        return (SortText(shown, sort_value(record.data)),) if shown else ()
    if field == "period":
        words, key = when_cell(record, stated=False)
        return (SortText(words, key),) if words else ()
    return (text[field],)


def cell_text(names: Names, record: Record, field: str, superseded: Mapping[str, list[str]]) -> str:
    """What a cell (or the line of shared facts) says of `field`: plain text."""
    value = record.get(field)
    if field == "status":
        status = status_of(record, superseded)
        return status_words(status) if status != "current" else ""
    if field in ("subject", "also"):
        return ", ".join(names.name_of(NAMED[field], v) for v in value or [])
    if field in NAMED:
        return names.name_of(NAMED[field], value) if value else ""
    if field == "as_of":
        return as_of_words(value) if value else ""
    if field == "period":
        return when_cell(record, stated=False)[0]
    if field == "confidence":
        return confidence_words(value) if value else ""
    if field == "quote":
        return f"“{value}”" if value else ""
    return str(value) if value not in (None, "") else ""


def value_unit(names: Names, records: list[Record]) -> tuple[str, str]:
    """The unit values are written in, and what the line of shared facts says of it: a unit all
    claims share is said once (`per million tokens`), the currency sign stays in the cell."""
    units = {names.registry.unit_of(r.get("metric")) for r in records}
    if len(units) != 1:
        return "", ""
    unit = units.pop()
    code, _space, rest = unit.partition(" ")
    if code in CURRENCIES:
        return code, rest
    return "", unit


def common_prefix(texts: list[str]) -> str:
    """The start every text shares, up to its last `, ` (`genai_prices/data.py 0.2.5, `)."""
    found = os.path.commonprefix([t for t in texts if t]) if any(texts) else ""
    cut = found.rfind(", ")
    return found[: cut + 2] if cut >= 0 else ""


def shared_lines(
    names: Names,
    records: list[Record],
    texts: list[dict[str, str]],
    varying: list[str],
    prefix: str,
    unit_words: str,
    details: list[str],
) -> tuple[Styled, ...]:
    """`Every claim below: metric …; method …; claimed by …`, what the small line under each
    row's first cell says, and the sources cited, linked."""
    if not records:
        return ()
    first = records[0]
    parts: list[Inline] = []
    for field, label in ROW_FIELDS.items():
        if field in varying or field in ("value", "status") or not texts[0][field]:
            continue
        if field == "also":
            shown: Inline = Styled(
                "inline", joined([names.link("source", s) for s in first.get("also")])
            )
        elif field in NAMED:
            shown = names.link(NAMED[field], first.get(field))
        else:
            shown = texts[0][field]
        parts += ["; " if parts else "", labelled(_(label), ""), shown]
    if unit_words:
        parts += ["; " if parts else "", labelled(_("Values"), unit_words)]
    if prefix:
        locator, label = prefix.rstrip(", "), _(ROW_FIELDS["locator"])
        foreign = names.source_language(first.get("source", ""))  # marked, as in the rows
        where: list[Inline] = [labelled(label, locator)]
        if foreign:
            where = [labelled(label, ""), span(locator, foreign)]
        parts += ["; " if parts else "", *where]
    lines = []
    if parts:  # nothing but the values shared: no line
        lines.append(
            para(_("Every claim in this table:") + " ", *parts, ".", classes=("claimkb-shared",))
        )
    if details:
        said = ", ".join(_(ROW_FIELDS[f]).lower() for f in details)
        lines.append(
            para(_("Under each row's first cell: %s.") % said, classes=("claimkb-shared",))
        )
    cited = sorted({s for r in records for s in [r.get("source"), *(r.get("also") or [])] if s})
    if any(f in varying for f in ("source", "also")) and cited:
        links = joined([names.link("source", s) for s in cited])
        lines.append(
            para(_("Sources cited in the table:") + " ", *links, ".", classes=("claimkb-shared",))
        )
    return tuple(lines)
