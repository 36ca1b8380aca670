"""The models of the pages that list across the ledger: every source with the claims citing it,
the disputes, the timeline, and the listings of entity and metric-and-scope pages."""

from __future__ import annotations

from dataclasses import dataclass

from docutils import nodes

from ..core.claim_filters import newest_first
from ..core.comparability import AGREEMENT_TOLERANCE, percent_text
from ..core.page_names import entity_doc, pair_doc
from .generated_pages import Anchors, PageModel, PageParts, paragraph
from .i18n import N_, _, source_type_words
from .model import Inline, Link, Section, SortText, render_inline, table_frame, table_wrapper
from .names import date_of
from .selections import claims_citing, contradictions, disputed, shown_claims


@dataclass(frozen=True)
class SourcesTable:
    """The sources page: one sortable row per source (title, publisher, kind, date, how many
    claims cite it); each source's page lists those claims."""

    headers: tuple[str, ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    #: the sort type of each column: "text" or "number"
    sorts: tuple[str, ...]

    def render(self) -> nodes.Node:
        headers = [
            (label, [f"claimkb-sort-{sort}"])
            for label, sort in zip(self.headers, self.sorts, strict=True)
        ]
        table, body = table_frame(["claimkb-claims", "claimkb-sources-table"], headers)
        for cells in self.rows:
            row = nodes.row()
            for cell in cells:
                entry, paragraph = nodes.entry(), nodes.paragraph()
                paragraph.extend(render_inline(part) for part in cell)
                entry += paragraph
                row += entry
            body += row
        return table_wrapper(table)


def sources_page(parts: PageParts) -> PageModel:
    names, records = parts.names, parts.registry.of_type("source")
    rows = []
    for sid in sorted(records, key=lambda s: (records[s].get("title", s).lower(), s)):
        record = records[sid]
        link = names.link("source", sid, record.get("title", sid))
        published = record.get("published")
        count = len(claims_citing(parts.kb, sid))
        rows.append(
            (
                (Link(link.text, link.doc, link.anchor),),
                (str(record.get("publisher") or ""),),
                (source_type_words(record.get("type")),),
                (SortText(str(date_of(record, "published")), published),) if published else (),
                (SortText(str(count), count),),
            )
        )
    headers = (_("Source"), _("Publisher"), _("Kind"), _("Published"), _("Claims citing it"))
    lead = paragraph(
        _(
            "%(count)s publications. Select a column heading to sort by it, or type in the box "
            "to keep only the sources whose row contains your words; each source's page lists "
            "the claims that cite it, with its notes."
        )
        % {"count": len(rows)}
    )
    table = SourcesTable(headers, tuple(rows), ("text", "text", "text", "number", "number"))
    return PageModel((lead, table))


#: how a pair said to contradict stands, as its heading says it (before "A" and "B")
STANDING_WORDS = {
    "disagree": N_("contradicts"),
    "agree": N_("agrees, within the tolerance, with"),
    "overlap": N_("is consistent with (a bound the other fits)"),
    "different": N_("measures something different from"),
    "unknown": N_("cannot be set against"),
}


def disputes_page(parts: PageParts) -> PageModel:
    kb, names = parts.kb, parts.names
    anchors = Anchors()
    shown = {c.id: c for c in shown_claims(kb)}
    contradicting: list[object] = []
    others: list[object] = []
    for index, (left, right) in enumerate(contradictions(kb)):
        standing = parts.comparison.standing(shown[left], shown[right])
        heading = paragraph(
            names.link("claim", left, shown[left].get("title", left)),
            " " + _(STANDING_WORDS[standing]) + " ",
            names.link("claim", right, shown[right].get("title", right)),
            ".",
            classes=("claimkb-dispute-heading", f"claimkb-dispute-{standing}"),
        )
        block = parts.comparison.model([shown[left], shown[right]], f"dispute-{index + 1}")
        (contradicting if standing == "disagree" else others).extend((heading, block))
    tolerance = percent_text(AGREEMENT_TOLERANCE)
    lead = _(
        "Two claims contradict each other when they measure the same thing (same metric and "
        "scope, and methods that do not change what is counted) and their values are more than "
        "%(tolerance)s apart, or their bounds leave no value in common."
    ) % {"tolerance": tolerance}
    if not contradicting:
        contradicting.append(paragraph(_("No claim contradicts another.")))
    blocks: list[object] = [
        paragraph(lead, classes=("claimkb-dispute-rule",)),
        Section(_("Claims that contradict others"), anchors.take("contradictions"),
                tuple(contradicting)),
    ]  # fmt: skip
    if others:
        title = _("Said to contradict, but they do not disagree")
        blocks.append(anchors.section(title, "not-contradictions", *others))
    table = parts.rows.table(newest_first(disputed(kb)))
    blocks.append(anchors.section(_("Claims marked as disputed"), "disputed", table))
    return PageModel(tuple(blocks))


def entity_list(parts: PageParts, *ids: str) -> PageModel:
    names = parts.names.name_of
    ordered = sorted(ids, key=lambda rid: (names("entity", rid).lower(), rid))
    return PageModel((parts.links([(entity_doc(rid), names("entity", rid)) for rid in ordered]),))


def pair_list(parts: PageParts, metric: str, *scopes: str) -> PageModel:
    names = parts.names.name_of
    ordered = sorted(scopes, key=lambda rid: (names("scope", rid).lower(), rid))
    return PageModel((parts.links([(pair_doc(metric, s), names("scope", s)) for s in ordered]),))
