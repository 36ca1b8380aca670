"""Cards of claims: the model of one card, and its rendering.

A card is compact: the value and the title, one line of context (what the figure counts, when,
who says so, the source), the statement, and the arithmetic of a derived figure. The rest (the
quote and where it is in the source, metric, method, confidence, status, the year of the dollars,
the claims it relates to, the tags, the claim id and how to cite it) is in a collapsed details
block, one click away and still in the page for search and print (`views.card_details`).

A card is shown at the claim's home (the page that writes it, or shows its collection) and, with
`claim-card`, away from it: then without the claim's id (its anchor stays at home) and `¶`, with
its statement and a line pointing home. A collection shown as a table renders each card as a row
(`views.collection_rows`).
"""

from __future__ import annotations

from dataclasses import dataclass

from docutils import nodes

from ..core.current_status import status_of
from ..core.records import Record
from .arithmetic_line import arithmetic_line
from .card_details import Details, card_details, quiet
from .i18n import N_, _, status_words
from .kb import KnowledgeBase
from .model import Inline, Ref, Styled, para, render_inline, span, strong
from .names import Names
from .nodes import claim_node
from .when import forecast_badge, when_text

KIND_LABELS = {"figure": N_("Figure"), "fact": N_("Fact"), "viewpoint": N_("Viewpoint")}


@dataclass(frozen=True)
class CardModel:
    """Everything one card shows, resolved."""

    classes: tuple[str, ...]
    #: the card's anchor at the claim's home; None away from home or without an id
    anchor: str | None
    #: the value (of a figure) and the title, with the badges that matter to readers
    title_line: Styled
    #: scope, when, who says so, the source
    context: Styled | None
    arithmetic: Styled | None
    #: a viewpoint's holder
    held_by: Styled | None
    #: the statement away from home (at home, the page's own text is the statement)
    statement: str | None
    #: the statement was refused (raw HTML): only the claims nested in it are shown
    statement_refused: bool
    #: the claims that replace it, said where readers see its status
    superseded_by: Styled | None
    details: Details
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
        title_line=title_line(names, record, kind, status, away),
        context=context_line(names, record, kind),
        arithmetic=arithmetic_line(kb, names, record) if kind == "figure" else None,
        held_by=held_by,
        statement=(record.get("text") or None) if away else None,
        statement_refused="text" in record.invalid,
        superseded_by=superseded_line(kb, names, record) if status == "superseded" else None,
        details=card_details(kb, names, record, status, share),
        invalid=invalid_line(record) if record.invalid else None,
        home=home,
    )


def title_line(names: Names, record: Record, kind: str, status: str, away: bool) -> Styled:
    """`$5.58M DeepSeek-V3 final training run cost ¶`: a figure's value first; a fact or a
    viewpoint says which it is."""
    title = record.get("title", record.id)
    parts: list[Inline] = []
    value = names.value_of(record) if kind == "figure" else ""
    if value:
        parts += [strong(value, ("claim-value",)), " "]
    elif kind != "figure":
        label = _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind
        parts += [span(label, ("sd-badge", "claim-kind-badge")), " "]
    parts.append(strong(title, ("claim-title-text",)))
    parts += forecast_badge(record)
    if status != "current":
        parts += [" ", span(status_words(status), ("sd-badge", "claim-status-badge"))]
    if record.id and not away:
        parts.append(
            Ref("¶", refid=record.anchor, title=_("Link to this claim"), classes=("headerlink",))
        )
    return para(*parts, classes=("claim-title",))


def context_line(names: Names, record: Record, kind: str) -> Styled | None:
    """What the figure counts, when, who says so and where: `Final training run · As of
    2024-12-27 · DeepSeek · arXiv`."""
    parts: list[Inline] = []
    scope = record.get("scope")
    if scope:
        classes = ("claim-label", "claim-label-scope")
        parts.append(names.link("scope", scope, names.name_of("scope", scope), classes))
    if when_text(record):
        parts.append(span(when_text(record), ("claim-when",)))
    if kind != "viewpoint" and record.get("claimant"):
        parts.append(quiet(names.entity(record.get("claimant"))))
    source = names.short_source(record.get("source", ""))
    if source is not None:
        parts.append(source)
    if not parts:
        return None
    flat: list[Inline] = []
    for index, part in enumerate(parts):
        flat += [" · ", part] if index else [part]
    return para(*flat, classes=("claim-context",))


def superseded_line(kb: KnowledgeBase, names: Names, record: Record) -> Styled | None:
    ids = list(kb.superseded().get(record.id, []))
    if not ids:
        return None
    links: list[Inline] = []
    for index, claim_id in enumerate(ids):
        links += ["; ", names.claim_link(claim_id)] if index else [names.claim_link(claim_id)]
    return para(_("Superseded by") + ": ", *links, classes=("claim-superseded-by",))


def invalid_line(record: Record) -> Styled:
    """The fields left out because they are invalid: the build's warnings say why."""
    page = record.docname is not None
    fields = ["body" if page and name == "text" else name for name in record.invalid]
    text = _("Not shown, because invalid: %s.") % ", ".join(fields)
    return para(text, classes=("claim-invalid-fields",))


def card_body(model: CardModel, body: list[nodes.Node]) -> list[nodes.Node]:
    """What a card shows below its title line, the details last; `body` is the statement as its
    page parsed it (at home)."""
    shown: list[nodes.Node] = []
    for part in (model.context, model.held_by, model.superseded_by, model.arithmetic):
        if part is not None:
            shown.append(render_inline(part))
    if model.statement is not None:
        shown.append(nodes.paragraph(text=model.statement))
    elif model.statement_refused:
        shown.extend(child for child in body if isinstance(child, claim_node))
    else:
        shown.extend(body)
    for part in (model.invalid, model.home):
        if part is not None:
            shown.append(render_inline(part))
    shown.append(model.details.render())
    return shown


def render_card(
    model: CardModel, body: list[nodes.Node], source: str | None, line: int | None
) -> nodes.container:
    """The card; `body` is the statement as its page parsed it (at home)."""
    card = nodes.container(classes=list(model.classes), ids=[model.anchor] if model.anchor else [])
    card.source, card.line = source, line
    card += render_inline(model.title_line)
    card.extend(card_body(model, body))
    return card
