"""A collection's claims as one sortable table (`claim-collection` with `:layout: rows`): the
"all the figures on this page" of an explainer, where a card per claim would be twenty screens.

Each row is its claim's home: it carries the claim's anchor, so links, search results and share
pages land on it. A row shows what a card's first lines show (title, value, scope, when, who says
so, the source) and keeps the rest of the card, the statement first, in the same collapsed
details block (`views.card_details`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from docutils import nodes

from ..core.periods import sort_key as time_key
from ..core.records import Record
from .card_details import quiet
from .cards import CardModel, card_model
from .i18n import N_, _
from .kb import KnowledgeBase
from .model import Inline, SortText, Styled, render_inline, span
from .names import Names
from .nodes import claim_node
from .when import sort_value, when_text

COLUMNS = ("title", "value", "scope", "when", "claimant", "source")
HEADERS = (N_("Claim"), N_("Value"), N_("Scope"), N_("When"), N_("Claimed by"), N_("Source"))
SORTS = ("text", "number", "text", "number", "text", "text")


@dataclass(frozen=True)
class CollectionRow:
    kind: str
    card: CardModel
    title: tuple[Inline, ...]
    cells: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True)
class CollectionRowsModel:
    headers: tuple[str, ...]
    rows: tuple[CollectionRow, ...]

    def render(self, bodies: list[list[nodes.Node]]) -> nodes.Node:
        """The table; `bodies` are the rows' statements as the page parsed them."""
        table = nodes.table(classes=["claimkb-claims", "claimkb-collection-rows"])
        group = nodes.tgroup(cols=len(COLUMNS))
        table += group
        group.extend(nodes.colspec(colwidth=1) for _column in COLUMNS)
        head = nodes.thead()
        header = nodes.row()
        for column, label, sort in zip(COLUMNS, self.headers, SORTS, strict=True):
            entry = nodes.entry(classes=[f"claimkb-col-{column}", f"claimkb-sort-{sort}"])
            entry += nodes.paragraph(label, label)
            header += entry
        head += header
        group += head
        body = nodes.tbody()
        for row, statement in zip(self.rows, bodies, strict=True):
            body += render_row(row, statement)
        group += body
        wrapper = nodes.container(classes=["claimkb-table-wrapper"])
        wrapper += table
        return wrapper


def render_row(row: CollectionRow, statement: list[nodes.Node]) -> nodes.row:
    card = row.card
    classes = [f"claimkb-row-{row.kind}", *(c for c in card.classes if c != "claim-card")]
    line = nodes.row(classes=classes, ids=[card.anchor] if card.anchor else [])
    title = nodes.entry(classes=["claimkb-col-title"])
    paragraph = nodes.paragraph(classes=["claim-row-title"])
    paragraph.extend(render_inline(part) for part in row.title)
    title += paragraph
    for part in (card.superseded_by, card.invalid):
        if part is not None:
            title += render_inline(part)
    details = card.details.render()
    inside = [child for child in statement if not isinstance(child, claim_node)]
    if card.statement_refused:
        inside = []
    for index, child in enumerate(inside):
        details.insert(index, child)
    title += details
    line += title
    for column, cell in zip(COLUMNS[1:], row.cells, strict=True):
        entry = nodes.entry(classes=[f"claimkb-col-{column}"])
        paragraph = nodes.paragraph()
        paragraph.extend(render_inline(part) for part in cell)
        entry += paragraph
        line += entry
    return line


def collection_row(
    kb: KnowledgeBase, names: Names, record: Record, share: str | None
) -> CollectionRow:
    card = card_model(kb, names, record, share)
    title: list[Inline] = [span(str(record.get("title", record.id)), ("claimkb-sort-text",))]
    title_line = card.title_line.parts
    badges = [p for p in title_line if isinstance(p, Styled) and "sd-badge" in p.classes]
    for badge in badges:
        title += [" ", badge]
    title += [p for p in title_line if not isinstance(p, str | Styled)]  # the ¶
    value = names.value_of(record)
    scope = record.get("scope")
    claimant = record.get("claimant")
    source = names.short_source(record.get("source", ""))
    if source is not None:  # the row's details name it in full
        source = replace(source, title="")
    when = when_text(record)
    cells: tuple[tuple[Inline, ...], ...] = (
        (SortText(value, sort_value(record.data)),) if value else (),
        (quiet(names.link("scope", scope)),) if scope else (),
        (SortText(when, time_key(record.data)[0]),) if when else (),
        (quiet(names.entity(claimant)),) if claimant else (),
        (source,) if source is not None else (),
    )
    return CollectionRow(record.get("kind", "claim"), card, (strong_title(title),), cells)


def strong_title(parts: list[Inline]) -> Styled:
    return Styled("inline", tuple(parts), ("claim-row-title-text",))


def collection_rows(
    kb: KnowledgeBase, names: Names, records: list[Record], shares: list[str | None]
) -> CollectionRowsModel:
    rows = tuple(
        collection_row(kb, names, record, share)
        for record, share in zip(records, shares, strict=True)
    )
    return CollectionRowsModel(tuple(_(h) for h in HEADERS), rows)
