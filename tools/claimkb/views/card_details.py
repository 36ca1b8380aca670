"""What a card keeps one click away, in a collapsed `<details>` block: the quote and where it is
in the source, the figure's metric, method, confidence, status and dollars, the claims it relates
to, its tags and id, and how to cite it. Still in the page: search finds it, print shows it
(`claimkb-cards.js` opens every block before printing).

"Cite this" gives the claim's permalink (its share page, `c/<id>.html`) and the date the reader
reads it, which only the reader's browser knows: the page says "on the day you read this" and
`claimkb-cards.js` writes the day in, and offers the citation as a CSL-JSON file, which
reference managers (Zotero, Mendeley, Pandoc) import.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from docutils import nodes

from ..core.fields import RELATIONS, REVERSE_RELATIONS
from ..core.records import Record
from .arithmetic_line import relation_ids
from .i18n import N_, _, confidence_words, labelled, status_words
from .kb import KnowledgeBase
from .model import Inline, Link, Ref, Styled, joined, para, render_inline, span
from .money_view import constant_text, dollars_words
from .names import Names
from .nodes import details_node

LABEL_WORDS = {"metric": N_("metric"), "scope": N_("scope"), "method": N_("method")}


@dataclass(frozen=True)
class Details:
    """The collapsed part of a card: its summary words and its lines."""

    summary: str
    quote: str | None
    lines: tuple[Styled, ...]

    def render(self) -> nodes.Element:
        block = details_node(summary=self.summary, classes=["claim-details"])
        if self.quote:
            quote = nodes.block_quote(classes=["claim-quote"])
            quote += nodes.paragraph(text=self.quote)
            block += quote
        block.extend(render_inline(line) for line in self.lines)
        return block


def card_details(
    kb: KnowledgeBase, names: Names, record: Record, status: str, share: str | None
) -> Details:
    quote = record.get("quote") or None
    summary = _("Quote, source and details") if quote else _("Source and details")
    lines = [
        source_line(names, record),
        labels_line(names, record),
        facts_line(kb, names, record, status),
        *relation_lines(kb, names, record),
        ident_line(record),
    ]
    if share and record.id:
        lines.append(cite_line(kb, record, share))
    return Details(summary, quote, tuple(line for line in lines if line is not None))


def quiet(link: Inline) -> Inline:
    """A link without its tooltip: the details name many records, and each link leads to what
    the record is."""
    return replace(link, tooltip="") if isinstance(link, Link) else link


def source_line(names: Names, record: Record) -> Styled:
    parts: list[Inline] = [_("Source:") + " ", names.source_link(record.get("source", ""))]
    locator = record.get("locator")
    if locator:
        # a locator names the source's own sections and tables: it is in the source's language
        foreign = names.source_language(record.get("source", ""))
        parts += [", ", span(locator, ("claim-locator", *foreign))] if foreign else [f", {locator}"]
    also = record.get("also") or []
    if also:
        parts.append(". " + _("Also:") + " ")
        parts += joined([names.source_link(sid) for sid in also], "; ")
    return para(*parts, classes=("claim-source",))


def labels_line(names: Names, record: Record) -> Styled | None:
    """The metric and the method, in words (the scope, on the card's context line, links to the
    definitions)."""
    parts: list[Inline] = []
    for rtype in ("metric", "method"):
        rid = record.get(rtype)
        if rid:
            text = labelled(_(LABEL_WORDS[rtype]), names.name_of(rtype, rid))
            parts += [" · "] if parts else []
            parts.append(span(text, ("claim-label", f"claim-label-{rtype}")))
    return para(*parts, classes=("claim-labels",)) if parts else None


def facts_line(kb: KnowledgeBase, names: Names, record: Record, status: str) -> Styled:
    parts: list[Inline | tuple[Inline, ...]] = []
    if record.get("subject"):
        subjects = [quiet(names.entity(subject)) for subject in record.get("subject")]
        parts.append((_("About") + " ", *joined(subjects)))
    if record.get("confidence"):
        parts.append(_("Confidence: %s") % confidence_words(record.get("confidence")))
    parts.append(_("Status: %s") % status_words(status))
    if dollars_words(kb, record):
        parts.append(dollars_words(kb, record))
    in_constant = constant_text(kb, record)
    if in_constant:
        parts.append(span(in_constant, ("claim-constant",)))
    flat: list[Inline] = []
    for index, part in enumerate(parts):
        if index:
            flat.append(" · ")
        flat.extend(part if isinstance(part, tuple) else (part,))
    return para(*flat, classes=("claim-facts",))


def relation_lines(kb: KnowledgeBase, names: Names, record: Record) -> tuple[Styled, ...]:
    lines = []
    for field, label in RELATIONS:
        lines.append((_(label), relation_ids(record, field)))
    for field, label in REVERSE_RELATIONS:
        lines.append((_(label), kb.referrers(field, record.id)))
    return tuple(
        para(
            labelled(label, ""),
            *joined([names.claim_link(claim_id) for claim_id in ids], "; "),
            classes=("claim-relation",),
        )
        for label, ids in lines
        if ids
    )


def ident_line(record: Record) -> Styled:
    parts: list[Inline] = [_("Claim id:") + " ", span(record.id, ("claim-id-text",))]
    if record.get("tags"):
        parts.append(" · " + _("Tags:") + " " + ", ".join(record.get("tags")))
    return para(*parts, classes=("claim-id",))


def cite_line(kb: KnowledgeBase, record: Record, share: str) -> Styled:
    """`Cite this: <permalink> (accessed on the day you read this).` The permalink is absolute
    when the site's address is known, else relative to the page (the browser shows it absolute);
    `claimkb-cards.js` puts the claim's title and the site's name in front of it, the day in, and
    a download of the citation after it."""
    permalink = f"{kb.site_url}c/{record.id}.html" if kb.site_url else share
    return para(
        span(_("Cite this:"), ("claim-cite-lead",)),
        " ",
        Ref(permalink if kb.site_url else _("permalink"), refuri=share, classes=("claim-share",)),
        " (" + _("accessed") + " ",
        span(_("on the day you read this"), ("claim-cite-date",)),
        ").",
        classes=("claim-cite",),
    )
