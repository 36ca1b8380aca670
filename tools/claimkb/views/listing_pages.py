"""The models of the pages that list across the ledger: every source with the claims citing it,
the disputes, the timeline, and the listings of entity and metric-and-scope pages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from docutils import nodes

from ..core.claim_filters import newest_first
from ..core.page_names import entity_doc, pair_doc
from ..core.periods import sort_key as time_key
from ..core.records import Record
from .generated_pages import TIMELINE_COLUMNS, Anchors, PageModel, PageParts, paragraph
from .i18n import _
from .model import Inline, Link, Section, joined, render_inline
from .names import date_of
from .selections import claims_citing, contradictions, disputed, shown_claims


@dataclass(frozen=True)
class SourceEntry:
    anchor: str
    title: Link
    details: str
    citing: tuple[Link, ...]


@dataclass(frozen=True)
class SourcesList:
    """The sources page's definition list: each source and the claims citing it."""

    entries: tuple[SourceEntry, ...]
    none_cites: str

    def render(self) -> nodes.definition_list:
        listing = nodes.definition_list(classes=["claimkb-sources"])
        for entry in self.entries:
            item = nodes.definition_list_item()
            term = nodes.term(ids=[entry.anchor])
            term += render_inline(entry.title)
            term += nodes.Text(entry.details)
            item += term
            definition = nodes.definition()
            parts: tuple[Inline, ...] = joined(list(entry.citing)) or (self.none_cites,)
            definition += render_inline(paragraph(*parts))
            item += definition
            listing += item
        return listing


def sources_page(parts: PageParts) -> PageModel:
    names, records = parts.names, parts.registry.of_type("source")
    entries = []
    for sid in sorted(records, key=lambda s: (records[s].get("title", s).lower(), s)):
        record = records[sid]
        details = [record.get("publisher"), date_of(record, "published")]
        citing = sorted(claims_citing(parts.kb, sid), key=lambda c: c.get("title", c.id).lower())
        entries.append(
            SourceEntry(
                f"sources-{sid}",
                names.link("source", sid, record.get("title", sid)),
                " (" + ", ".join(str(d) for d in details if d) + ")",
                tuple(names.link("claim", c.id, c.get("title", c.id)) for c in citing),
            )
        )
    return PageModel((SourcesList(tuple(entries), _("No claim on this site cites it.")),))


def disputes_page(parts: PageParts) -> PageModel:
    kb, names = parts.kb, parts.names
    anchors = Anchors()
    shown = {c.id: c for c in shown_claims(kb)}
    pairs = contradictions(kb)
    inside: list[object] = []
    for index, (left, right) in enumerate(pairs):
        inside.append(
            paragraph(
                names.link("claim", left, shown[left].get("title", left)),
                " " + _("contradicts") + " ",
                names.link("claim", right, shown[right].get("title", right)),
                ".",
                classes=("claimkb-dispute-heading",),
            )
        )
        inside.append(parts.comparison.model([shown[left], shown[right]], f"dispute-{index + 1}"))
    if not pairs:
        inside.append(paragraph(_("No claim contradicts another.")))
    title = _("Claims that contradict others")
    blocks: list[object] = [Section(title, anchors.take("contradictions"), tuple(inside))]
    table = parts.rows.table(newest_first(disputed(kb)))
    blocks.append(anchors.section(_("Claims marked as disputed"), "disputed", table))
    return PageModel(tuple(blocks))


def timeline_page(parts: PageParts) -> PageModel:
    anchors = Anchors()
    years: dict[str, list[Record]] = defaultdict(list)
    for claim in shown_claims(parts.kb):
        # the year of the period, else of as_of (its "Period" cell then says "stated")
        years[str(time_key(claim.data)[0] // 10000 or "")].append(claim)
    blocks = []
    for year in sorted(years, key=lambda y: (y == "", y)):
        records = sorted(years[year], key=lambda c: (time_key(c.data), c.id))
        table = parts.rows.table(records, TIMELINE_COLUMNS)
        blocks.append(anchors.section(year or _("Undated"), f"year-{year or 'undated'}", table))
    return PageModel(tuple(blocks))


def entity_list(parts: PageParts, *ids: str) -> PageModel:
    names = parts.names.name_of
    ordered = sorted(ids, key=lambda rid: (names("entity", rid).lower(), rid))
    return PageModel((parts.links([(entity_doc(rid), names("entity", rid)) for rid in ordered]),))


def pair_list(parts: PageParts, metric: str, *scopes: str) -> PageModel:
    names = parts.names.name_of
    ordered = sorted(scopes, key=lambda rid: (names("scope", rid).lower(), rid))
    return PageModel((parts.links([(pair_doc(metric, s), names("scope", s)) for s in ordered]),))
