"""Pivot tables: the stories that are tables, subjects by years (the four hyperscalers' capex,
token prices by model), each cell the figure of that year linking to its card.

Rows and columns are the core's (`core.summaries.pivot`): one row per subject, metric and scope
(guidance in a row of its own, apart from results), one column per year, figures about a
quarter or a decade listed below the table. A cell shows the latest figure stated for its year
and, smaller, up to two earlier ones (a price cut during the year, a raised guidance).
"""

from __future__ import annotations

from dataclasses import dataclass

from docutils import nodes

from ..core.formatting import CURRENCIES, format_value
from ..core.periods import date_words, is_forecast, period_words, try_period
from ..core.records import Record
from ..core.summaries import Pivot, PivotRow, pivot
from .i18n import _
from .kb import KnowledgeBase
from .model import Inline, Link, Styled, para, render_inline, span
from .names import Names
from .nodes import details_node
from .selections import table_rows

#: figures shown in a cell besides the latest one
EARLIER_SHOWN = 2


@dataclass(frozen=True)
class PivotModel:
    """A pivot table: its corner and year headers, its rows (a label, then one cell per year),
    and the figures that fit no year."""

    corner: str
    years: tuple[str, ...]
    rows: tuple[tuple[Styled, tuple[Styled, ...]], ...]
    left_out_summary: str
    left_out: tuple[Styled, ...]
    empty: str

    def render(self) -> list[nodes.Node]:
        if not self.rows:
            return [nodes.paragraph(self.empty, self.empty, classes=["claimkb-claims-empty"])]
        table = nodes.table(classes=["claimkb-pivot"])
        group = nodes.tgroup(cols=len(self.years) + 1)
        table += group
        group.extend(nodes.colspec(colwidth=1) for _column in range(len(self.years) + 1))
        head = nodes.thead()
        header = nodes.row()
        for text in (self.corner, *self.years):
            entry = nodes.entry()
            entry += nodes.paragraph(text, text)
            header += entry
        head += header
        group += head
        body = nodes.tbody()
        for label, cells in self.rows:
            row = nodes.row()
            entry = nodes.entry(classes=["claimkb-pivot-label"])
            entry += render_inline(label)
            row += entry
            for cell in cells:
                entry = nodes.entry(classes=["claimkb-pivot-cell"])
                entry += render_inline(cell)
                row += entry
            body += row
        group += body
        wrapper = nodes.container(classes=["claimkb-table-wrapper", "claimkb-pivot-wrapper"])
        wrapper += table
        shown: list[nodes.Node] = [wrapper]
        if self.left_out:
            others = details_node(summary=self.left_out_summary, classes=["claimkb-pivot-others"])
            listing = nodes.bullet_list()
            for item in self.left_out:
                list_entry = nodes.list_item()
                list_entry += render_inline(item)
                listing += list_entry
            others += listing
            shown.append(others)
        return shown


def when_in_year(record: Record) -> str:
    """What a cell adds to its value: a fiscal year's months; for a calendar year, nothing, but
    for a forecast the month it was given (guidance is revised during the year); without a
    period, the month a price was stated."""
    period, as_of = record.get("period"), record.get("as_of")
    stated = date_words(as_of[:7]) if isinstance(as_of, str) and len(as_of) >= 7 else ""
    if try_period(period) is None:
        return stated
    if len(str(period)) != 4:
        return period_words(period)
    return _("given %s") % stated if stated and is_forecast(record.data) else ""


def bare_value(names: Names, record: Record) -> str:
    """The value without the unit's words, which the table's corner says once: `$10`, not
    `$10 per million tokens` in every cell."""
    unit = names.registry.unit_of(record.get("metric"))
    code = unit.partition(" ")[0]
    return format_value(record.data, code if code in CURRENCIES else unit)


def figure_line(names: Names, record: Record, latest: bool) -> list[Inline]:
    value = bare_value(names, record) or str(record.get("title") or record.id)
    found = names.link("claim", record.id, value)
    link = Link(found.text, found.doc, found.anchor, "", ("claimkb-pivot-value",))
    parts: list[Inline] = [link]
    when = when_in_year(record)
    if when:
        parts += [" ", span(when, ("claimkb-pivot-when",))]
    classes = (
        ("claimkb-pivot-figure",) if latest else ("claimkb-pivot-figure", "claimkb-pivot-earlier")
    )
    return [Styled("inline", tuple(parts), classes)]


def cell_model(names: Names, records: list[Record]) -> Styled:
    parts: list[Inline] = []
    for index, record in enumerate(records[: EARLIER_SHOWN + 1]):
        parts += figure_line(names, record, latest=index == 0)
    hidden = len(records) - EARLIER_SHOWN - 1
    if hidden > 0:
        parts += [" ", span(_("and %d earlier") % hidden, ("claimkb-pivot-earlier",))]
    return para(*parts)


def row_label(names: Names, row: PivotRow, several: bool) -> Styled:
    """The subjects, the metric and scope when the table has several, and "forecast"."""
    parts: list[Inline] = []
    for index, subject in enumerate(row.key.subjects):
        entity = names.entity(subject)
        if isinstance(entity, Link):
            entity = Link(entity.text, entity.doc, entity.anchor)
        parts += [", ", entity] if index else [entity]
    if several:
        words = names.name_of("scope", row.key.scope)
        parts += [" ", span(words, ("claimkb-pivot-scope",))]
    if row.key.forecast:
        parts += [" ", span(_("forecast"), ("sd-badge", "claim-forecast-badge"))]
    return para(*parts)


def pivot_model(kb: KnowledgeBase, names: Names, filters: dict[str, list[str]]) -> PivotModel:
    """The `claims-pivot` directive's table of the figures its filters select."""
    records = table_rows(kb, filters)
    found: Pivot = pivot(records, kb.superseded(), kb.registry, filters.get("subject"))
    several = len({(row.key.metric, row.key.scope) for row in found.rows}) > 1
    rows = tuple(
        (
            row_label(names, row, several),
            tuple(cell_model(names, row.cells.get(year, [])) for year in found.years),
        )
        for row in found.rows
    )
    left_out = tuple(
        para(
            names.link("claim", r.id, str(r.get("title") or r.id)),
            f": {names.value_of(r)}" if names.value_of(r) else "",
        )
        for r in found.left_out
    )
    summary = _("Figures about other periods, not in this table (%d)") % len(left_out)
    corner = names.name_of("metric", found.rows[0].key.metric) if found.rows else ""
    return PivotModel(
        corner,
        tuple(str(year) for year in found.years),
        rows,
        summary,
        left_out,
        _("No claims match."),
    )
