"""The generated pages' models, computed from the knowledge base: one page per entity, per metric
and scope, per source (`record_pages`), and the sources, disputes and timeline pages and the
listings (`listing_pages`). This module holds what they share."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from docutils import nodes

from ..core.bounds import has_number
from ..core.records import Record
from ..core.summaries import metric_rank
from .charts import ChartModel
from .claims_table import Rows
from .compare import Comparison
from .i18n import labelled
from .kb import KnowledgeBase
from .model import DocLink, Inline, Items, Section, Styled, para, render_blocks
from .names import Names

FIGURE_COLUMNS = ("title", "value", "period", "method", "claimant", "as_of", "source", "status")
OTHER_COLUMNS = ("title", "subject", "claimant", "as_of", "source", "status")
TIMELINE_COLUMNS = ("when", "as_of", "title", "value", "subject", "claimant", "source")


@dataclass(frozen=True)
class PageModel:
    """A generated page's content: its blocks, in order; a metric-and-scope page also names its
    chart's file (`chart_file`), drawn from `chart` or, without points, removed."""

    blocks: tuple[object, ...]
    chart_file: str | None = None
    chart: ChartModel | None = None

    def render(self) -> list[nodes.Node]:
        return render_blocks(self.blocks)


@dataclass(frozen=True)
class PageFilter:
    """Where one filter box for every table of the page goes (`claimkb-table.js` puts it there
    and gives the page's tables none of their own); `label` says what it filters."""

    label: str

    def render(self) -> nodes.Node:
        box = nodes.container(classes=["claimkb-page-filter"])
        box += nodes.paragraph(self.label, self.label, classes=["claimkb-page-filter-label"])
        return box


def chart_name(metric: str, scope: str) -> str:
    """The file of the chart of a metric over a scope (ids never hold `--`)."""
    return f"claimkb-chart-{metric}--{scope}.svg"


def is_figure(record: Record) -> bool:
    return has_number(record.data)


class PageParts:
    """What the generated pages are built with: names, rows of tables, compare blocks, and
    section anchors unique within one page."""

    def __init__(self, kb: KnowledgeBase, names: Names, rows: Rows, comparison: Comparison):
        self.kb = kb
        self.names = names
        self.rows = rows
        self.comparison = comparison
        self.registry = kb.registry

    def doc_link(self, docname: str, text: str) -> DocLink:
        return DocLink(text, docname if self.kb.has_doc(docname) else None)

    def pages_doc(self, relative: str) -> str:
        return f"{self.kb.pages_dir}/{relative}"

    def pair_title(self, metric: str, scope: str) -> str:
        return labelled(self.names.name_of("metric", metric), self.names.name_of("scope", scope))

    def figure_groups(self, records: list[Record]) -> list[tuple[tuple[str, str], list[Record]]]:
        groups: dict[tuple[str, str], list[Record]] = defaultdict(list)
        for record in records:
            groups[(record.get("metric"), record.get("scope"))].append(record)
        return sorted(
            groups.items(),
            key=lambda g: (metric_rank(self.registry, g[0][0]), self.pair_title(*g[0]).lower()),
        )

    def links(self, pages: list[tuple[str, str]]) -> Items:
        """A list of links to generated pages (relative to the pages folder), with their texts."""
        items = tuple(para(self.doc_link(self.pages_doc(rel), text)) for rel, text in pages)
        return Items(items, ("claimkb-page-list",))


class Anchors:
    """Section anchors of one page, each unique (`-x` added until it is)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, anchor: str) -> str:
        while anchor in self.used:
            anchor += "-x"
        self.used.add(anchor)
        return anchor

    def section(self, title: str, anchor: str, *blocks: object) -> Section:
        return Section(title, self.take(anchor), tuple(blocks))


def paragraph(*parts: Inline, classes: tuple[str, ...] = ()) -> Styled:
    return para(*parts, classes=classes)
