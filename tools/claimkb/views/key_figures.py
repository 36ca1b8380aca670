"""Key figures: the latest figure of each metric and scope for a selection, one row each (what
it is, its value, when, who says so), each linking to its card. At the top of an explainer (the
`key-figures` directive) and of an entity page, so that a page leads with the answer.

Which figures, in which order, is the core's (`core.summaries.latest_figures`): the latest
current figure of each group, guidance apart from results, metrics in the order readers ask for
them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from docutils import nodes

from ..core.fields import FILTERS
from ..core.periods import is_forecast, period_words, try_period
from ..core.records import Record
from ..core.summaries import latest_figures, latest_of
from .i18n import N_, _
from .kb import KnowledgeBase
from .model import Inline, Link, render_inline
from .names import Names
from .selections import shown_claims, table_rows
from .when import as_of_phrase

HEADERS = (N_("Figure"), N_("Value"), N_("When"), N_("Who says so"))
COLUMNS = ("figure", "value", "when", "claimant")
#: key figures an entity page shows at most (its tables below list every figure)
ENTITY_ROWS = 10


@dataclass(frozen=True)
class KeyFigure:
    figure: Link
    value: str
    when: str
    claimant: Inline
    forecast: bool


@dataclass(frozen=True)
class KeyFiguresModel:
    """A key-figures table; without rows, nothing is shown."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[KeyFigure, ...]

    def render(self) -> list[nodes.Node]:
        if not self.rows:
            return []
        table = nodes.table(classes=["claimkb-key-figures", "claimkb-stack"])
        if self.caption:
            table += nodes.title(self.caption, self.caption)
        group = nodes.tgroup(cols=len(COLUMNS))
        table += group
        group.extend(nodes.colspec(colwidth=1) for _column in COLUMNS)
        head = nodes.thead()
        head += table_row(self.headers, [f"claimkb-col-{c}" for c in COLUMNS])
        group += head
        body = nodes.tbody()
        for row in self.rows:
            cells = (row.figure, row.value, row.when, row.claimant)
            classes = ["claimkb-key-forecast"] if row.forecast else []
            body += table_row(cells, [f"claimkb-col-{c}" for c in COLUMNS], classes)
        group += body
        wrapper = nodes.container(classes=["claimkb-table-wrapper", "claimkb-key-figures-wrapper"])
        wrapper += table
        return [wrapper]


def table_row(
    cells: Sequence[Inline], classes: list[str], row_classes: list[str] | None = None
) -> nodes.row:
    row = nodes.row(classes=row_classes or [])
    for cell, cell_class in zip(cells, classes, strict=True):
        entry = nodes.entry(classes=[cell_class])
        paragraph = nodes.paragraph()
        if cell != "":
            paragraph += render_inline(cell)
        entry += paragraph
        row += entry
    return row


def when_words(record: Record) -> str:
    """The period a figure is about (a forecast says so), else the day it was stated."""
    period = record.get("period")
    if try_period(period) is not None:
        words = period_words(period)
        return _("%s (forecast)") % words if is_forecast(record.data) else words
    as_of = record.get("as_of")
    return as_of_phrase(as_of) if isinstance(as_of, str) and as_of else ""


def key_figure(names: Names, record: Record, label: str) -> KeyFigure:
    claimant = record.get("claimant")
    who: Inline = names.entity(claimant) if claimant else ""
    if isinstance(who, Link):
        who = Link(who.text, who.doc, who.anchor)
    return KeyFigure(
        figure=names.link("claim", record.id, label),
        value=names.value_of(record),
        when=when_words(record),
        claimant=who,
        forecast=is_forecast(record.data),
    )


def selected_figures(
    kb: KnowledgeBase, filters: dict[str, list[str]], ids: list[str]
) -> list[Record]:
    """The claims named (each replaced by the latest claim that supersedes it), then the latest
    figure of each group the filters select."""
    shown = {record.id: record for record in shown_claims(kb)}
    named = [latest_of(shown[i], kb.superseded(), shown) for i in ids if i in shown]
    if any(name in FILTERS for name in filters):
        named += latest_figures(table_rows(kb, filters), kb.superseded(), kb.registry)
    return list({record.id: record for record in reversed(named)}.values())[::-1]


def key_figures_model(
    kb: KnowledgeBase, names: Names, filters: dict[str, list[str]], ids: list[str]
) -> KeyFiguresModel:
    """The `key-figures` directive's table: each figure named by its claim's title."""
    records = selected_figures(kb, filters, ids)
    rows = tuple(key_figure(names, r, str(r.get("title") or r.id)) for r in records)
    return KeyFiguresModel(_("Key figures"), tuple(_(h) for h in HEADERS), rows)


def entity_key_figures(
    kb: KnowledgeBase, names: Names, figures: list[Record], label: Callable[[Record], str]
) -> tuple[KeyFigure, ...]:
    """An entity page's key figures: the latest of each metric and scope it has figures of,
    metrics in the order readers ask for them, at most `ENTITY_ROWS`, each named by
    `label(record)`."""
    records = latest_figures(figures, kb.superseded(), kb.registry, by_subject=False)
    return tuple(key_figure(names, record, label(record)) for record in records[:ENTITY_ROWS])
