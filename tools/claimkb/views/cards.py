"""Cards of claims (sphinx-design cards): the model of one card, and its rendering.

A card is shown at the claim's home (the page that writes it, or shows its collection) and, with
`claim-card`, away from it: then without the claim's id (its anchor stays at home), without the
`¶` and share links, with its statement and a line pointing home.
"""

from __future__ import annotations

from dataclasses import dataclass

from docutils import nodes

from ..core.current_status import status_of
from ..core.fields import RELATIONS, REVERSE_RELATIONS
from ..core.records import Record
from .arithmetic_line import arithmetic_line, relation_ids
from .i18n import N_, _, confidence_words, labelled, status_words
from .kb import KnowledgeBase
from .model import Inline, Ref, Styled, joined, para, render_inline, span, strong
from .money_view import constant_text, dollars_words
from .names import Names
from .nodes import claim_node
from .when import forecast_badge, when_text

#: the words before a figure's metric, scope and method on its badges
LABEL_WORDS = {"metric": N_("metric"), "scope": N_("scope"), "method": N_("method")}
KIND_LABELS = {"figure": N_("Figure"), "fact": N_("Fact"), "viewpoint": N_("Viewpoint")}
SHARE_TITLE = N_("A link to this claim that previews its title and value when shared")


@dataclass(frozen=True)
class CardModel:
    """Everything one card shows, resolved."""

    classes: tuple[str, ...]
    #: the card's anchor at the claim's home; None away from home or without an id
    anchor: str | None
    title_line: Styled
    #: a figure's value, constant dollars and badges, and its arithmetic
    figure: Styled | None
    arithmetic: Styled | None
    #: a viewpoint's holder
    held_by: Styled | None
    #: the statement away from home (at home, the page's own text is the statement)
    statement: str | None
    #: the statement was refused (raw HTML): only the claims nested in it are shown
    statement_refused: bool
    quote: str | None
    facts: Styled
    source: Styled
    relations: tuple[Styled, ...]
    ident: Styled
    invalid: Styled | None
    home: Styled | None

    def render(self, body: list[nodes.Node], source: str | None, line: int | None) -> nodes.Node:
        return render_card(self, body, source, line)


def card_model(
    kb: KnowledgeBase, names: Names, record: Record, share: str | None = None, away: bool = False
) -> CardModel:
    """The card of `record`; `share` is the address of its share page (HTML builds), `away`
    whether it is shown away from its home (`claim-card`)."""
    kind = record.get("kind", "")
    status = status_of(record, kb.superseded())
    classes = (
        "sd-card",
        "sd-sphinx-override",
        "sd-mb-3",
        "sd-shadow-sm",
        "claim-card",
        f"claim-kind-{kind}",
        f"claim-status-{status}",
        *(["claim-invalid"] if record.invalid else []),
        *(["claim-card-shown"] if away else []),
    )
    held_by = None
    if kind == "viewpoint":
        holder = names.entity(record.get("claimant", ""))
        held_by = para(_("Viewpoint held by") + " ", holder, classes=("claim-held-by",))
    home = None
    if away:
        home = para(
            _("Shown here from its home:") + " ",
            names.link("claim", record.id, record.get("title", record.id)),
            " " + _("(one figure, one claim)."),
            classes=("claim-home",),
        )
    return CardModel(
        classes=classes,
        anchor=record.anchor if record.id and not away else None,
        title_line=title_line(record, kind, status, None if away else share, away),
        figure=figure_line(kb, names, record) if kind == "figure" else None,
        arithmetic=arithmetic_line(kb, names, record) if kind == "figure" else None,
        held_by=held_by,
        statement=(record.get("text") or None) if away else None,
        statement_refused="text" in record.invalid,
        quote=record.get("quote") or None,
        facts=facts_line(kb, names, record, kind, status),
        source=source_line(names, record),
        relations=relation_lines(kb, names, record),
        ident=ident_line(record),
        invalid=invalid_line(record) if record.invalid else None,
        home=home,
    )


def title_line(record: Record, kind: str, status: str, share: str | None, away: bool) -> Styled:
    label = _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind
    title = record.get("title", record.id)
    parts: list[Inline] = [span(label, ("sd-badge", "claim-kind-badge")), " ", strong(title)]
    parts += forecast_badge(record)
    if status != "current":
        parts += [" ", span(status_words(status), ("sd-badge", "claim-status-badge"))]
    if record.id and not away:
        parts.append(
            Ref("¶", refid=record.anchor, title=_("Link to this claim"), classes=("headerlink",))
        )
    if share:
        parts += [
            " ",
            Ref(_("share"), refuri=share, title=_(SHARE_TITLE), classes=("claim-share",)),
        ]
    return para(*parts, classes=("claim-title",))


def figure_line(kb: KnowledgeBase, names: Names, record: Record) -> Styled:
    value = names.value_of(record)
    parts: list[Inline] = [strong(value, ("claim-value",))]
    in_constant = constant_text(kb, record)
    if in_constant:
        parts += [" ", span(in_constant, ("claim-constant",))]
    for rtype in ("metric", "scope", "method"):
        rid = record.get(rtype)
        if rid:
            text = labelled(_(LABEL_WORDS[rtype]), names.name_of(rtype, rid))
            classes = ("sd-badge", "claim-label", f"claim-label-{rtype}")
            parts += [" ", names.link(rtype, rid, text, classes)]
    return para(*parts, classes=("claim-figure",))


def facts_line(kb: KnowledgeBase, names: Names, record: Record, kind: str, status: str) -> Styled:
    parts: list[Inline | tuple[Inline, ...]] = []
    if when_text(record):
        parts.append(when_text(record))
    if dollars_words(kb, record):
        parts.append(dollars_words(kb, record))
    if kind != "viewpoint" and record.get("claimant"):
        parts.append((_("Claimed by") + " ", names.entity(record.get("claimant"))))
    if record.get("subject"):
        subjects = [names.entity(subject) for subject in record.get("subject")]
        parts.append((_("About") + " ", *joined(subjects)))
    if record.get("confidence"):
        parts.append(_("Confidence: %s") % confidence_words(record.get("confidence")))
    parts.append(_("Status: %s") % status_words(status))
    flat: list[Inline] = []
    for index, part in enumerate(parts):
        if index:
            flat.append(" · ")
        flat.extend(part if isinstance(part, tuple) else (part,))
    return para(*flat, classes=("claim-facts",))


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
    parts: list[Inline] = [_("Claim id:") + " ", Styled("literal", (record.id,))]
    if record.get("tags"):
        parts.append(" · " + _("Tags:") + " " + ", ".join(record.get("tags")))
    return para(*parts, classes=("claim-id",))


def invalid_line(record: Record) -> Styled:
    """The fields left out because they are invalid: the build's warnings say why."""
    page = record.docname is not None
    fields = ["body" if page and name == "text" else name for name in record.invalid]
    text = _("Not shown, because invalid: %s.") % ", ".join(fields)
    return para(text, classes=("claim-invalid-fields",))


def render_card(
    model: CardModel, body: list[nodes.Node], source: str | None, line: int | None
) -> nodes.container:
    """The card; `body` is the statement as its page parsed it (at home)."""
    card = nodes.container(classes=list(model.classes), ids=[model.anchor] if model.anchor else [])
    card.source, card.line = source, line
    header = nodes.container(classes=["sd-card-header", "claim-header"])
    header += render_inline(model.title_line)
    card += header
    inside = nodes.container(classes=["sd-card-body", "claim-body"])
    for part in (model.figure, model.arithmetic, model.held_by):
        if part is not None:
            inside += render_inline(part)
    if model.statement is not None:
        inside += nodes.paragraph(text=model.statement)
    elif model.statement_refused:
        inside.extend(child for child in body if isinstance(child, claim_node))
    else:
        inside.extend(body)
    if model.quote:
        quote = nodes.block_quote(classes=["claim-quote"])
        quote += nodes.paragraph(text=model.quote)
        inside += quote
    card += inside
    footer = nodes.container(classes=["sd-card-footer", "claim-meta"])
    for part in (model.facts, model.source, *model.relations, model.ident, model.invalid):
        if part is not None:
            footer += render_inline(part)
    if model.home is not None:
        footer += render_inline(model.home)
    card += footer
    return card
