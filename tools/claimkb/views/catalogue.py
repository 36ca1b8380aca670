"""Every view, as its two steps: `model(parts, *arguments)` and `render(model, ...)`.

A page notes at read time the views it shows, each as a key `(kind, *arguments)` of plain values
(`sphinx_ext.domain.ClaimDomain.note_view`). Once every page is read, `Models` computes each key's
model once; a page's fingerprint is the digest of its keys' models, and the post-transforms render
the same models. A view that starts showing a new field changes its model, hence the fingerprint
of every page showing it: there is nothing else to keep in step.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..core.records import Record
from . import listing_pages, record_pages
from .cards import CardModel, card_model
from .chart_build import chart_table
from .chart_model import ChartModel
from .charts import block_chart
from .claims_table import Rows, TableModel
from .collection_rows import CollectionRowsModel, collection_rows
from .collection_table import CollectionTable, collection_table
from .compare import CompareModel, Comparison
from .exports import ClaimResolver
from .generated_pages import PageModel, PageParts
from .kb import KnowledgeBase
from .key_figures import KeyFiguresModel, key_figures_model
from .latest_figures import LatestFigures, latest_figures
from .model import Link, digest
from .names import Names
from .page_head import HeadModel, head_model
from .pivot import PivotModel, pivot_model
from .registry_list import RegistryList, registry_list
from .selections import table_rows
from .timeline import Timeline, TimelineModel


@dataclass(frozen=True)
class View:
    """A view's two steps; `render` reads nothing but the model (and, for a card at home, the
    statement its page parsed)."""

    model: Callable[..., Any]
    render: Callable[..., Any]


def _page_card(parts: Parts, docname: str, index: int) -> CardModel:
    record = parts.kb.page_claims(docname)[index]
    return card_model(parts.kb, parts.names, record, parts.share_uri(docname, record))


def _collection_card(parts: Parts, docname: str, collection: str, index: int) -> CardModel:
    record = parts.kb.registry.claims_of(collection)[index]
    return card_model(parts.kb, parts.names, record, parts.share_uri(docname, record))


def _collection_rows(parts: Parts, docname: str, collection: str) -> CollectionRowsModel:
    records = parts.kb.registry.claims_of(collection)
    shares = [parts.share_uri(docname, record) for record in records]
    return collection_rows(parts.kb, parts.names, records, shares)


def _shown_card(parts: Parts, docname: str, claim_id: str) -> CardModel | None:
    found = parts.kb.claim(claim_id)
    if found is None:
        return None  # an unknown id is reported, located, by the consistency check
    record = found[1]
    return card_model(parts.kb, parts.names, record, parts.share_uri(docname, record), away=True)


def _collection_table(parts: Parts, collection: str) -> CollectionTable:
    records = parts.kb.registry.claims_of(collection)
    return collection_table(parts.kb, parts.names, records)


def _registry(parts: Parts, rtype: str, *ids: str) -> RegistryList:
    return registry_list(parts.kb.registry, rtype, list(ids))


def _table(parts: Parts, filters: dict[str, list[str]]) -> TableModel:
    return parts.rows.table(table_rows(parts.kb, filters))


def _key_figures(parts: Parts, filters: dict[str, list[str]], ids: list[str]) -> KeyFiguresModel:
    return key_figures_model(parts.kb, parts.names, filters, ids)


def _pivot(parts: Parts, filters: dict[str, list[str]]) -> PivotModel:
    return pivot_model(parts.kb, parts.names, filters)


def _chart(
    parts: Parts, docname: str, chart_id: str, filters: dict[str, list[str]], title: str
) -> ChartModel | TableModel | None:
    if not parts.kb.charts:  # other builders (or charts turned off): the chart's table alone
        return chart_table(parts.pages, tuple(table_rows(parts.kb, filters)))
    return block_chart(parts.pages, docname, chart_id, filters, title)


def _compare(parts: Parts, block_id: str, *ids: str) -> CompareModel | None:
    found = [parts.kb.claim(claim_id) for claim_id in ids]
    records = [claim[1] for claim in found if claim]
    if len(records) < 2:
        return None  # unknown ids are reported, located, by the consistency check
    return parts.comparison.model(records, block_id)


def _claim_link(parts: Parts, claim_id: str) -> Link:
    """`{claim}`: a link with the claim's title."""
    found = parts.kb.claim(claim_id)
    title = str(found[1].get("title") or claim_id) if found else claim_id
    return parts.names.link("claim", claim_id, title)


def _value_link(parts: Parts, claim_id: str) -> Link:
    """`{claim-value}`: a link with the claim's value, else its title."""
    found = parts.kb.claim(claim_id)
    if found is None:
        return parts.names.link("claim", claim_id, claim_id)
    title = str(found[1].get("title") or claim_id)
    value = parts.names.value_of(found[1]) or title
    return parts.names.link("claim", claim_id, value, ("claim-value-ref",))


def _head(parts: Parts, docname: str) -> HeadModel:
    return head_model(parts.kb, parts.resolver, docname)


def _no_render(model: object) -> None:
    raise TypeError("links are rendered by the domain's resolver")


#: kind (as pages note it) -> its model and rendering
VIEWS: dict[str, View] = {
    "card": View(_page_card, CardModel.render),
    "collection-card": View(_collection_card, CardModel.render),
    "collection-rows": View(_collection_rows, CollectionRowsModel.render),
    "collection-table": View(_collection_table, CollectionTable.render),
    "latest": View(lambda p, filters: latest_figures(p.kb, p.names, filters), LatestFigures.render),
    "shown-card": View(_shown_card, CardModel.render),
    "registry": View(_registry, RegistryList.render),
    "table": View(_table, TableModel.render),
    "key-figures": View(_key_figures, KeyFiguresModel.render),
    "pivot": View(_pivot, PivotModel.render),
    "chart": View(_chart, ChartModel.render),
    "compare": View(_compare, CompareModel.render),
    "claim": View(_claim_link, _no_render),
    "value": View(_value_link, _no_render),
    "head": View(_head, HeadModel.json_ld),
    "entity": View(lambda p, rid: record_pages.entity_page(p.pages, rid), PageModel.render),
    "pair": View(lambda p, *a: record_pages.pair_page(p.pages, *a), PageModel.render),
    "source": View(lambda p, sid: record_pages.source_page(p.pages, sid), PageModel.render),
    "sources": View(lambda p: listing_pages.sources_page(p.pages), PageModel.render),
    "disputes": View(lambda p: listing_pages.disputes_page(p.pages), PageModel.render),
    "timeline": View(lambda p, doc, *year: p.timeline.page(doc, *year), TimelineModel.render),
    "entity_list": View(lambda p, *ids: listing_pages.entity_list(p.pages, *ids), PageModel.render),
    "pair_list": View(lambda p, *a: listing_pages.pair_list(p.pages, *a), PageModel.render),
}


class Parts:
    """What models are computed with, once per state of the knowledge base: the names and links,
    the rows of tables, compare verdicts, generated pages' parts."""

    def __init__(self, kb: KnowledgeBase, share_uri: Callable[[str, str], str | None]):
        self.kb = kb
        self.names = Names(kb)
        self.rows = Rows(self.names)
        self.comparison = Comparison(kb, self.names)
        self.pages = PageParts(kb, self.names, self.rows, self.comparison)
        self.resolver = ClaimResolver(kb)
        self._share_uri = share_uri

    @cached_property
    def timeline(self) -> Timeline:
        """The timeline's rows by year, once for every timeline page of the build."""
        return Timeline(self.kb, self.names)

    def share_uri(self, docname: str, record: Record) -> str | None:
        return self._share_uri(docname, record.id) if record.id else None


class Models:
    """The models of one build, each computed once, and their digests."""

    def __init__(self, parts: Parts):
        self.parts = parts
        self._models: dict[str, Any] = {}
        self._digests: dict[str, str] = {}

    @staticmethod
    def key(view: tuple[Any, ...]) -> str:
        return json.dumps(view, sort_keys=True)

    def model(self, view: tuple[Any, ...]) -> Any:
        key = self.key(view)
        if key not in self._models:
            kind, *arguments = view
            self._models[key] = VIEWS[kind].model(self.parts, *arguments)
        return self._models[key]

    def digest(self, view: tuple[Any, ...]) -> str:
        key = self.key(view)
        if key not in self._digests:
            self._digests[key] = digest(self.model(view))
        return self._digests[key]

    def page(self, views: list[tuple[Any, ...]], every_page: object) -> str:
        """A page's fingerprint: what every page shows, then each of its views' models."""
        return digest((every_page, tuple(self.digest(view) for view in views)))
