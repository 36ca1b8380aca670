"""Tables of claims: the `claims` directive's and the generated pages'.

A table is complete without JavaScript; `claimkb-table.js` makes its columns sortable and adds a
filter box. A row's cells depend only on the claim and the columns, so each row is computed once
per build however many tables list it (`Rows`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from docutils import nodes

from ..core.claim_filters import as_of_key
from ..core.periods import as_of_words
from ..core.records import Record
from .i18n import N_, _, status_words
from .model import Inline, SortText, joined, render_inline
from .names import Names
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

    def render(self) -> nodes.Node:
        if not self.rows:
            paragraph = nodes.paragraph(classes=["claimkb-claims-empty"])
            paragraph += nodes.Text(self.empty)
            return paragraph
        table = nodes.table(classes=["claimkb-claims"])
        if self.caption:
            table += nodes.title(self.caption, self.caption)
        group = nodes.tgroup(cols=len(self.columns))
        table += group
        for _column in self.columns:
            group += nodes.colspec(colwidth=1)
        head = nodes.thead()
        row = nodes.row()
        for column, label in zip(self.columns, self.headers, strict=True):
            sort_type = COLUMNS[column][1]
            entry = nodes.entry(classes=[f"claimkb-col-{column}", f"claimkb-sort-{sort_type}"])
            entry += nodes.paragraph(label, label)
            row += entry
        head += row
        group += head
        body = nodes.tbody()
        for model in self.rows:
            row = nodes.row(classes=[f"claimkb-row-{model.kind}"])
            for column, cell in zip(self.columns, model.cells, strict=True):
                entry = nodes.entry(classes=[f"claimkb-col-{column}"])
                paragraph = nodes.paragraph()
                paragraph.extend(render_inline(part) for part in cell)
                entry += paragraph
                row += entry
            body += row
        group += body
        wrapper = nodes.container(classes=["claimkb-table-wrapper"])
        wrapper += table
        return wrapper


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
        return TableModel(columns, headers, rows, caption, _("No claims match."))

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
            source = names.sources.get(record.get("source", ""))
            title = source.get("title") if source else record.get("source", "")
            sid = record.get("source", "")
            return [names.link("source", sid, title, classes=names.source_language(sid))]
        if column == "status":
            return [status_words(record.get("status", "current"))]
        return []


def number_tables(document: nodes.document) -> None:
    """Stable ids, in page order, for every claims table, so tests and links can find them."""
    for index, table in enumerate(document.findall(nodes.table)):
        if "claimkb-claims" in table["classes"] and not table["ids"]:
            table["ids"] = [f"claims-table-{index + 1}"]
