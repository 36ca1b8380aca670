"""Tables of claims: the `claims` directive's and the generated pages'.

A table is complete without JavaScript; `claimkb-table.js` makes its columns sortable and adds a
filter box. A row's cells depend only on the claim and the columns, so each row is computed once
per build however many tables list it (`Rows`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

from docutils import nodes

from ..core.claim_filters import as_of_key
from ..core.current_status import status_of
from ..core.periods import as_of_words
from ..core.records import Record
from .i18n import N_, _, labelled, status_words
from .model import (
    Inline,
    Link,
    SortText,
    joined,
    render_inline,
    table_frame,
    table_wrapper,
    untipped,
)
from .names import Names, short_title
from .when import sort_value, when_cell

#: column -> (header, sort type)
COLUMNS = {
    "title": (N_("Claim"), "text"),
    "value": (N_("Value"), "number"),
    "metric": (N_("Metric"), "text"),
    "scope": (N_("Scope"), "text"),
    "method": (N_("Method"), "text"),
    "subject": (N_("About"), "text"),
    "claimant": (N_("Claimed by"), "text"),
    "as_of": (N_("As of"), "number"),
    "period": (N_("Period"), "number"),
    "when": (N_("When"), "number"),
    "source": (N_("Source"), "text"),
    "status": (N_("Status"), "text"),
}
DEFAULT_COLUMNS = tuple(c for c in COLUMNS if c not in ("period", "when"))
#: columns that, when every row says the same, are said once above the table instead
FOLDABLE = ("metric", "scope", "method", "subject", "claimant", "source", "status")


@dataclass(frozen=True, repr=False)
class Row:
    kind: str
    cells: tuple[tuple[Inline, ...], ...]

    @cached_property
    def _repr(self) -> str:
        return f"Row({self.kind!r}, {self.cells!r})"

    def __repr__(self) -> str:
        # a row is in several tables: its repr, which the tables' digests read, is made once
        return self._repr


@dataclass(frozen=True)
class TableModel:
    """A table of claims, or, without rows, the sentence that says none matches."""

    columns: tuple[str, ...]
    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    caption: str = ""
    empty: str = ""
    #: what every row says, said once above the table: (header, cell) of each folded column
    common: tuple[tuple[str, tuple[Inline, ...]], ...] = ()

    def render(self) -> nodes.Node:
        if not self.rows:
            paragraph = nodes.paragraph(classes=["claimkb-claims-empty"])
            paragraph += nodes.Text(self.empty)
            return paragraph
        headers = [
            (label, [f"claimkb-col-{column}", f"claimkb-sort-{COLUMNS[column][1]}"])
            for column, label in zip(self.columns, self.headers, strict=True)
        ]
        table, body = table_frame(["claimkb-claims"], headers, self.caption)
        for model in self.rows:
            row = nodes.row(classes=[f"claimkb-row-{model.kind}"])
            for column, cell in zip(self.columns, model.cells, strict=True):
                entry = nodes.entry(classes=[f"claimkb-col-{column}"])
                paragraph = nodes.paragraph()
                paragraph.extend(render_inline(part) for part in cell)
                entry += paragraph
                row += entry
            body += row
        if self.common:
            return table_wrapper(table, render_common(self.common))
        return table_wrapper(table)


def render_common(common: tuple[tuple[str, tuple[Inline, ...]], ...]) -> nodes.paragraph:
    """`Method: Company disclosure · Status: current`: the columns every row agrees on."""
    paragraph = nodes.paragraph(classes=["claimkb-table-common"])
    for index, (header, cell) in enumerate(common):
        if index:
            paragraph += nodes.Text(" · ")
        paragraph += nodes.inline(header, labelled(header, ""), classes=["claimkb-common-label"])
        paragraph.extend(render_inline(part) for part in cell)
    return paragraph


class Rows:
    """Rows of claims as tables list them, each computed once per build."""

    def __init__(self, names: Names):
        self.names = names
        self._rows: dict[tuple[int, tuple[str, ...]], Row] = {}
        self._headers: dict[tuple[str, ...], tuple[str, ...]] = {}

    def table(
        self, records: list[Record], columns: tuple[str, ...] = DEFAULT_COLUMNS, caption: str = ""
    ) -> TableModel:
        if columns not in self._headers:
            self._headers[columns] = tuple(_(COLUMNS[column][0]) for column in columns)
        headers = self._headers[columns]
        rows = tuple(self.row(record, columns) for record in records)
        return fold(TableModel(columns, headers, rows, caption, _("No claims match.")))

    def row(self, record: Record, columns: tuple[str, ...]) -> Row:
        key = (id(record), columns)
        if key not in self._rows:
            cells = tuple(tuple(self.cell(record, column)) for column in columns)
            self._rows[key] = Row(record.get("kind", "claim"), cells)
        return self._rows[key]

    def cell(self, record: Record, column: str) -> list[Inline] | tuple[Inline, ...]:
        names = self.names
        if column == "title":
            return [names.link("claim", record.id, record.get("title", record.id))]
        if column == "value":
            text = names.value_of(record)
            return [SortText(text, sort_value(record.data))] if text else []
        if column in ("metric", "scope", "method"):
            rid = record.get(column)
            return [names.link(column, rid)] if rid else []
        if column == "subject":
            return joined([names.entity(s) for s in record.get("subject") or []])
        if column == "claimant":
            return [names.entity(record.get("claimant"))] if record.get("claimant") else []
        if column == "as_of":
            as_of = record.get("as_of")
            words = as_of_words(as_of) if as_of else ""
            return [SortText(words, as_of_key(as_of))] if as_of else []
        if column in ("period", "when"):
            text, key = when_cell(record, stated=column == "when")
            return [SortText(text, key)] if text else []
        if column == "source":
            # a few words (the publisher), the title on hover: the column stays narrow
            source = names.sources.get(record.get("source", ""))
            title = str(source.get("title")) if source else record.get("source", "")
            short = str(source.get("publisher") or short_title(title)) if source else title
            sid = record.get("source", "")
            return [names.link("source", sid, short, classes=names.source_language(sid))]
        if column == "status":
            return [status_words(status_of(record, names.kb.superseded()))]
        return []


def fold(table: TableModel) -> TableModel:
    """The table without the foldable columns on which its rows all agree (a table of one row:
    every foldable column), which are said once in `common`: the table then fits its column. A
    column is kept where a row leaves it empty."""
    folded = [
        index
        for index, column in enumerate(table.columns)
        if column in FOLDABLE
        and table.rows
        and table.rows[0].cells[index]
        and all(row.cells[index] == table.rows[0].cells[index] for row in table.rows)
    ]
    if not folded:
        return table
    kept = [index for index in range(len(table.columns)) if index not in folded]
    return TableModel(
        columns=tuple(table.columns[i] for i in kept),
        headers=tuple(table.headers[i] for i in kept),
        rows=tuple(Row(row.kind, tuple(row.cells[i] for i in kept)) for row in table.rows),
        caption=table.caption,
        empty=table.empty,
        common=tuple((table.headers[i], tuple(table.rows[0].cells[i])) for i in folded),
    )


#: the class of each kind of table of claims -> the start of its tables' ids
TABLE_IDS = {
    "claimkb-claims": "claims-table",
    "claimkb-key-figures": "key-figures",
    "claimkb-pivot": "pivot",
}


def number_tables(document: nodes.document) -> None:
    """Stable ids, in page order, for every table of claims, so tests and links can find them
    (and Sphinx, which numbers captioned tables, finds one)."""
    for index, table in enumerate(document.findall(nodes.table)):
        for kind, start in TABLE_IDS.items():
            if kind in table["classes"] and not table["ids"]:
                table["ids"] = [f"{start}-{index + 1}"]


#: columns whose links a light table shows as plain names (their pages are a search away)
PLAIN_COLUMNS = ("subject", "claimant", "source")


def light_table(table: TableModel, plain: tuple[str, ...] = PLAIN_COLUMNS) -> TableModel:
    """The table without its links' tooltips, and with its entities as plain names: on a page of
    hundreds of rows they are most of its weight, and each says again what the link's text or
    page says. The claims' own links stay."""
    rows = tuple(
        Row(
            row.kind,
            tuple(
                tuple(light(part, column in plain) for part in cell)
                for column, cell in zip(table.columns, row.cells, strict=True)
            ),
        )
        for row in table.rows
    )
    return replace(table, rows=rows)


def untipped_table(table: TableModel) -> TableModel:
    """The table without its links' tooltips, every link kept: a chart's table repeats the same
    definitions and descriptions row after row, a quarter of its weight, and each link's page
    says them."""
    return light_table(table, plain=())


def light(part: Inline, plain: bool) -> Inline:
    if not isinstance(part, Link):
        return part
    return part.text if plain else untipped(part)
