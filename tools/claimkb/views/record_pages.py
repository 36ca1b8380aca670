"""The models of the pages of one record: an entity, a metric over a scope (with its chart), a
source. Each lists every shown claim about it, newest first."""

from __future__ import annotations

from ..core.claim_filters import newest_first
from ..core.page_names import pair_doc
from ..core.records import Record
from .chart_build import ChartRequest, build_chart, chart_table
from .chart_model import ChartModel
from .claims_table import light_table
from .generated_pages import (
    FIGURE_COLUMNS,
    OTHER_COLUMNS,
    Anchors,
    PageFilter,
    PageModel,
    PageParts,
    is_figure,
    paragraph,
)
from .i18n import N_, _, entity_type_words, labelled, source_type_words
from .key_figures import HEADERS as KEY_HEADERS
from .key_figures import KeyFiguresModel, entity_key_figures
from .links import web_url
from .model import Inline, Items, Section, Styled, WebLink, joined, strong
from .names import date_of
from .selections import children_of, claims_about, claims_citing, claims_made_by, claims_of_pair

KEY_LEAD = N_(
    "The latest figure of each kind, those readers ask for most first; the tables below list "
    "every figure."
)


def entity_page(parts: PageParts, rid: str) -> PageModel:
    """The entity's description, its key figures, one filter for the page, then every claim
    about it (a table per metric and scope, metrics in the order readers ask for them) and
    every claim it makes."""
    kb, rows = parts.kb, parts.rows
    anchors = Anchors()
    record = parts.registry.of_type("entity").get(rid)
    name = record.get("name", rid) if record else rid
    blocks: list[object] = entity_facts(record) if record is not None else []
    about = claims_about(kb, rid)
    figures = [c for c in about if is_figure(c) and c.get("metric") and c.get("scope")]
    key_rows = entity_key_figures(kb, parts.names, figures, lambda r: key_label(parts, r, rid))
    if key_rows:
        key_table = KeyFiguresModel("", tuple(_(h) for h in KEY_HEADERS), key_rows)
        lead = paragraph(_(KEY_LEAD), classes=("claimkb-key-figures-lead",))
        blocks.append(anchors.section(_("Key figures"), "key-figures", lead, key_table))
    blocks.append(PageFilter(_("Filter every table of this page")))
    about_anchor = anchors.take("claims-about")
    inside: list[object] = []
    for (metric, scope), group in parts.figure_groups(figures):
        title = parts.pair_title(metric, scope)
        link = parts.doc_link(parts.pages_doc(pair_doc(metric, scope)), title)
        words = _("Newest first. Every figure of this metric and scope:") + " "
        table = rows.table(newest_first(group), FIGURE_COLUMNS)
        inside.append(
            anchors.section(title, f"about-{metric}--{scope}", paragraph(words, link, "."), table)
        )
    others = [c for c in about if c not in figures]
    if others:
        table = rows.table(newest_first(others), OTHER_COLUMNS)
        inside.append(
            anchors.section(_("Facts, viewpoints and other claims"), "about-other", table)
        )
    if not about:
        inside.append(paragraph(_("No claim is about it yet.")))
    blocks.append(Section(_("Claims about %s") % name, about_anchor, tuple(inside)))
    made = claims_made_by(kb, rid)
    columns = ("title", "value", "subject", "as_of", "source", "status")
    made_table = light_table(rows.table(newest_first(made), columns))
    blocks.append(anchors.section(_("Claims %s makes") % name, "claims-made", made_table))
    blocks.append(related(parts, anchors, rid, about))
    return PageModel(tuple(blocks))


def key_label(parts: PageParts, record: Record, rid: str) -> str:
    """What a key figure of an entity page is: its metric and scope, with the other entities
    it is about, and whether it is a forecast."""
    label = parts.pair_title(record.get("metric"), record.get("scope"))
    others = [parts.names.name_of("entity", s) for s in record.get("subject") or [] if s != rid]
    if others:
        label += " " + _("(with %s)") % ", ".join(others)
    return label


def entity_facts(record: Record) -> list[object]:
    out: list[object] = []
    if record.get("description"):
        out.append(paragraph(record.get("description"), classes=("claimkb-entity-description",)))
    facts = [_("Type: %s") % entity_type_words(record.get("type"))]
    if record.get("country"):
        facts.append(_("Country: %s") % record.get("country"))
    if record.get("aliases"):
        facts.append(_("Also known as:") + " " + "; ".join(record.get("aliases")))
    line: list[Inline] = [" · ".join(facts)]
    if record.get("url"):
        line += [" · ", WebLink(_("Website"), web_url(record.get("url")))]
    out.append(paragraph(*line, classes=("claimkb-entity-facts",)))
    return out


def related(parts: PageParts, anchors: Anchors, rid: str, about: list[Record]) -> Section:
    record = parts.registry.of_type("entity").get(rid)
    anchor = anchors.take("related")
    items = []
    parent = record.get("parent") if record else None
    if parent:
        items.append(related_item(parts, _("Part of"), [parent]))
    children = children_of(parts.kb, rid)
    if children:
        items.append(related_item(parts, _("Includes"), children))
    co_subjects = sorted({s for c in about for s in c.get("subject") or []} - {rid})
    if co_subjects:
        items.append(related_item(parts, _("Named with it in claims"), co_subjects))
    if items:
        block: object = Items(tuple(items), ("claimkb-related",))
    else:
        block = paragraph(_("No related entity is recorded."))
    return Section(_("Related entities"), anchor, (block,))


def related_item(parts: PageParts, label: str, ids: list[str]) -> Styled:
    return paragraph(labelled(label, ""), *joined([parts.names.entity(e) for e in ids]))


def pair_page(parts: PageParts, docname: str, metric: str, scope: str) -> PageModel:
    names = parts.names
    blocks: list[object] = []
    for rtype, rid in (("metric", metric), ("scope", scope)):
        record = parts.registry.of_type(rtype).get(rid)
        text = record.get("definition", "") if record else ""
        heading = (_("Metric:") if rtype == "metric" else _("Scope:")) + " "
        blocks.append(
            paragraph(
                strong(heading),
                names.link(rtype, rid),
                f". {text}" if text else ".",
                classes=(f"claimkb-pair-{rtype}",),
            )
        )
    records = newest_first(claims_of_pair(parts.kb, metric, scope))
    chart = pair_chart(parts, docname, metric, scope, records)
    # without a chart (charts turned off, or not HTML), the table the chart would show
    blocks.append(chart if chart is not None else chart_table(parts, tuple(records)))
    return PageModel(tuple(blocks), chart)


def pair_chart(
    parts: PageParts, docname: str, metric: str, scope: str, records: list[Record]
) -> ChartModel | None:
    """The chart of every figure of a metric over a scope (HTML builds that draw charts)."""
    if not parts.kb.charts:
        return None
    request = ChartRequest(
        docname=docname,
        path=docname,
        element_id="chart",
        title=parts.pair_title(metric, scope),
        subtitle=_("Every figure of this metric and scope, by the date it is about."),
        metric=metric,
        records=tuple(records),
    )
    return build_chart(parts, request)


#: the columns of a source's table: the source itself is what every row shares
SOURCE_COLUMNS = ("title", "value", "subject", "claimant", "as_of", "status")


def source_page(parts: PageParts, sid: str) -> PageModel:
    record = parts.registry.of_type("source").get(sid)
    blocks: list[object] = []
    if record is not None:
        details = [
            source_type_words(record.get("type")),
            record.get("publisher"),
            date_of(record, "published"),
        ]
        shown = ", ".join(str(d) for d in details if d)
        line: list[Inline] = [shown[:1].upper() + shown[1:] + ". "]
        if record.get("authors"):
            line.append(_("By %s.") % ", ".join(record.get("authors")) + " ")
        line.append(WebLink(_("Read the original"), web_url(record.get("url"))))
        if record.get("archive_url"):
            line += [" (", WebLink(_("archived copy"), web_url(record.get("archive_url"))), ")"]
        line.append(".")
        blocks.append(paragraph(*line, classes=("claimkb-source-facts",)))
        if record.get("notes"):
            blocks.append(paragraph(record.get("notes"), classes=("claimkb-source-notes",)))
    citing = claims_citing(parts.kb, sid)
    table = light_table(parts.rows.table(newest_first(citing), SOURCE_COLUMNS))
    blocks.append(Anchors().section(_("Claims citing it"), "claims-citing", table))
    return PageModel(tuple(blocks))
