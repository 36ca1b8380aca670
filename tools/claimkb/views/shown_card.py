"""A claim's card shown away from its home: the same card, without the claim's id (its anchor
stays on its home page) and with a link to where it is defined."""

from __future__ import annotations

from docutils import nodes

from ..core.records import Record
from .cards import CardBuilder
from .i18n import _
from .links import xref
from .nodes import claim_node


class ShownCardBuilder:
    def __init__(self, domain, docname: str):
        self.cards = CardBuilder(domain, docname)
        self.docname = docname

    def build(self, home: str, record: Record, placeholder: nodes.Element) -> nodes.container:
        stand_in = claim_node(record=record)
        stand_in.source, stand_in.line = placeholder.source, placeholder.line
        if record.get("text"):
            stand_in += nodes.paragraph(text=record.get("text"))
        card = self.cards.card(stand_in)
        card["ids"] = []
        card["classes"].append("claim-card-shown")
        for link in list(card.findall(nodes.reference)):
            if link.get("refid") == record.anchor:  # the ¶ of its home page
                link.parent.remove(link)
        home_line = nodes.paragraph(classes=["claim-home"])
        home_line += nodes.Text(_("Shown here from its home:") + " ")
        home_line += xref("claim", record.id, record.get("title", record.id), self.docname)
        home_line += nodes.Text(" " + _("(one figure, one claim)."))
        card.children[-1] += home_line
        return card
