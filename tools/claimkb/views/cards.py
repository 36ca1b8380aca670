"""Cards of claims (sphinx-design cards) and definition lists of registry records."""

from __future__ import annotations

from docutils import nodes

from ..core.currency import status_of
from ..core.records import RELATIONS, REVERSE_RELATIONS, Record
from .arithmetic_line import arithmetic_line, relation_ids
from .i18n import N_, _, confidence_words, entity_type_words, labelled, status_words
from .links import joined, web_link, xref
from .money_view import constant_text, dollars_words
from .names import Names
from .nodes import claim_node, registry_node
from .when import forecast_badge, when_text

#: the words before a figure's metric, scope and method on its badges
LABEL_WORDS = {"metric": N_("metric"), "scope": N_("scope"), "method": N_("method")}
KIND_LABELS = {"figure": N_("Figure"), "fact": N_("Fact"), "viewpoint": N_("Viewpoint")}
SHARE_TITLE = N_("A link to this claim that previews its title and value when shared")


class CardBuilder:
    """Builds the card of one claim from its record and the current registries."""

    def __init__(self, domain, docname: str, share_link=None):
        self.domain = domain
        self.names = Names(domain, docname)
        self.share_link = share_link  # claim id -> link to its share page (HTML builds), or None

    def card(self, node: claim_node) -> nodes.container:
        record: Record = node["record"]
        kind = record.get("kind", "")
        status = status_of(record, self.domain.superseded())
        card = nodes.container(
            classes=[
                "sd-card",
                "sd-sphinx-override",
                "sd-mb-3",
                "sd-shadow-sm",
                "claim-card",
                f"claim-kind-{kind}",
                f"claim-status-{status}",
                *(["claim-invalid"] if record.invalid else []),
            ],
            ids=[record.anchor] if record.id else [],
        )
        card.source, card.line = node.source, node.line
        card += self.header(record, kind, status)
        body = nodes.container(classes=["sd-card-body", "claim-body"])
        if kind == "figure":
            body += self.figure_line(record)
            arithmetic = arithmetic_line(self.domain, self.names, record)
            if arithmetic is not None:
                body += arithmetic
        elif kind == "viewpoint":
            held = nodes.paragraph(classes=["claim-held-by"])
            held += nodes.Text(_("Viewpoint held by") + " ")
            held += self.names.entity(record.get("claimant", ""))
            body += held
        if "text" in record.invalid:  # a statement refused (raw HTML): only nested claims stay
            body.extend(child for child in node.children if isinstance(child, claim_node))
        else:
            body.extend(node.children)
        if record.get("quote"):
            quote = nodes.block_quote(classes=["claim-quote"])
            quote += nodes.paragraph(text=record.get("quote"))
            body += quote
        card += body
        card += self.footer(record, kind, status)
        return card

    def header(self, record: Record, kind: str, status: str) -> nodes.container:
        header = nodes.container(classes=["sd-card-header", "claim-header"])
        line = nodes.paragraph(classes=["claim-title"])
        label = _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind
        line += nodes.inline(label, label, classes=["sd-badge", "claim-kind-badge"])
        line += nodes.Text(" ")
        title = record.get("title", record.id)
        line += nodes.strong(title, title)
        line.extend(forecast_badge(record))
        if status != "current":
            line += nodes.Text(" ")
            words = status_words(status)
            line += nodes.inline(words, words, classes=["sd-badge", "claim-status-badge"])
        if record.id:
            line += nodes.reference(
                "",
                "¶",
                refid=record.anchor,
                classes=["headerlink"],
                reftitle=_("Link to this claim"),
            )
        share = self.share_link(record.id) if self.share_link and record.id else None
        if share:
            line += nodes.Text(" ")
            line += nodes.reference(
                "",
                _("share"),
                refuri=share,
                internal=True,
                classes=["claim-share"],
                reftitle=_(SHARE_TITLE),
            )
        header += line
        return header

    def figure_line(self, record: Record) -> nodes.paragraph:
        para = nodes.paragraph(classes=["claim-figure"])
        value = self.names.value_of(record)
        para += nodes.strong(value, value, classes=["claim-value"])
        in_constant = constant_text(self.domain, record)
        if in_constant:
            para += nodes.Text(" ")
            para += nodes.inline(in_constant, in_constant, classes=["claim-constant"])
        for rtype in ("metric", "scope", "method"):
            rid = record.get(rtype)
            if rid:
                para += nodes.Text(" ")
                para += xref(
                    rtype,
                    rid,
                    labelled(_(LABEL_WORDS[rtype]), self.names.name_of(rtype, rid)),
                    self.names.docname,
                    classes=["sd-badge", "claim-label", f"claim-label-{rtype}"],
                )
        return para

    def footer(self, record: Record, kind: str, status: str) -> nodes.container:
        footer = nodes.container(classes=["sd-card-footer", "claim-meta"])
        facts = nodes.paragraph(classes=["claim-facts"])
        parts: list[list[nodes.Node]] = []
        if when_text(record):
            parts.append([nodes.Text(when_text(record))])
        if dollars_words(self.domain, record):
            parts.append([nodes.Text(dollars_words(self.domain, record))])
        if kind != "viewpoint" and record.get("claimant"):
            claimant = self.names.entity(record.get("claimant"))
            parts.append([nodes.Text(_("Claimed by") + " "), claimant])
        if record.get("subject"):
            subjects = [self.names.entity(subject) for subject in record.get("subject")]
            parts.append([nodes.Text(_("About") + " "), *joined(subjects)])
        if record.get("confidence"):
            words = confidence_words(record.get("confidence"))
            parts.append([nodes.Text(_("Confidence: %s") % words)])
        parts.append([nodes.Text(_("Status: %s") % status_words(status))])
        facts += joined(parts, " · ")
        footer += facts
        footer += self.source_line(record)
        for field, label in RELATIONS:
            self.add_links(footer, _(label), relation_ids(record, field))
        for field, label in REVERSE_RELATIONS:
            self.add_links(footer, _(label), self.domain.referrers(field, record.id))
        ident = nodes.paragraph(classes=["claim-id"])
        ident += nodes.Text(_("Claim id:") + " ")
        ident += nodes.literal(record.id, record.id)
        if record.get("tags"):
            ident += nodes.Text(" · " + _("Tags:") + " " + ", ".join(record.get("tags")))
        footer += ident
        if record.invalid:
            footer += self.invalid_line(record)
        return footer

    @staticmethod
    def invalid_line(record: Record) -> nodes.paragraph:
        """The fields left out because they are invalid: the build's warnings say why."""
        page = record.docname is not None
        names = ["body" if page and name == "text" else name for name in record.invalid]
        text = _("Not shown, because invalid: %s.") % ", ".join(names)
        return nodes.paragraph(text, text, classes=["claim-invalid-fields"])

    def source_line(self, record: Record) -> nodes.paragraph:
        para = nodes.paragraph(classes=["claim-source"])
        para += nodes.Text(_("Source:") + " ")
        para += self.names.source_link(record.get("source", ""))
        if record.get("locator"):
            para += nodes.Text(f", {record.get('locator')}")
        also = record.get("also") or []
        if also:
            para += nodes.Text(". " + _("Also:") + " ")
            para += joined([self.names.source_link(sid) for sid in also], "; ")
        return para

    def add_links(self, parent: nodes.Element, label: str, ids: list[str]) -> None:
        if not ids:
            return
        para = nodes.paragraph(classes=["claim-relation"])
        para += nodes.Text(labelled(label, ""))
        para += joined([self.names.claim_link(claim_id) for claim_id in ids], "; ")
        parent += para


class RegistryListBuilder:
    """A definition list of registry records: name, definition, what it includes and excludes."""

    def __init__(self, registry):
        self.registry = registry

    def build(self, node: registry_node) -> nodes.definition_list:
        records = self.registry.of_type(node["rtype"])
        dlist = nodes.definition_list(classes=["claim-registry", f"claim-registry-{node['rtype']}"])
        for rid in node["ids"]:
            record = records.get(rid)
            if record is None:
                continue
            item = nodes.definition_list_item(ids=[record.anchor])
            term = nodes.term()
            name = record.get("name") or record.get("title") or rid
            term += nodes.strong(name, name)
            term += nodes.Text(f" ({rid})")
            item += term
            definition = nodes.definition()
            for text in self.describe(record):
                definition += nodes.paragraph(text=text)
            url = record.get("url")
            if url:
                para = nodes.paragraph()
                para += web_link(url, url)
                definition += para
            item += definition
            dlist += item
        return dlist

    @staticmethod
    def describe(record: Record) -> list[str]:
        lines = []
        for field in ("definition", "description", "notes"):
            if record.get(field):
                lines.append(record.get(field))
        if record.get("unit"):
            lines.append(_("Unit: %s") % record.get("unit"))
        if record.type == "entity":
            lines.append(_("Type: %s") % entity_type_words(record.get("type")))
        if record.type == "source":
            details = [record.get("type"), record.get("publisher"), record.get("published")]
            lines.append(", ".join(str(d) for d in details if d))
        for field, label in (
            ("includes", N_("Includes")),
            ("excludes", N_("Excludes")),
            ("aliases", N_("Also known as")),
        ):
            if record.get(field):
                lines.append(labelled(_(label), "; ".join(record.get(field))))
        return lines
