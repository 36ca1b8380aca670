"""Search terms for claims: Sphinx's own search finds a claim by id, title, entity or number.

Sphinx's search drops numbers from full-text queries ("5.576" is split into 5 and 576, both
ignored), and its object results cannot link to an anchor unless the object's display name is its
id. Its index entries, though, match the whole query as a substring and link to their target, and
they rank first. So each card gets hidden index entries, added at write time (after the general
index was collected, so they do not clutter it): the claim's id and title, its values as people
write them ("5.576M", "$1.6B", "1.6 billion", "5,576,000") and the names and aliases of the
entities it is about or that claim it. Registry records get their id, name and aliases.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .formatting import CURRENCIES, format_number
from .records import Record

#: (size, suffix, word): "5.576M" and "5.576 million"
SCALES = ((1e12, "T", "trillion"), (1e9, "B", "billion"), (1e6, "M", "million"),
          (1e3, "K", "thousand"))


def number_forms(value: int | float, unit: str = "") -> set[str]:
    """The ways a reader may type a number: exact and rounded, with and without unit and scale."""
    sign = "-" if value < 0 else ""
    size = abs(value)
    bare = {f"{size:.15g}", f"{size:,.15g}"}
    for scale, suffix, word in SCALES:
        if size >= scale:
            mantissa = f"{size / scale:.6g}"
            bare |= {f"{mantissa}{suffix}", f"{mantissa} {word}"}
            break
    rounded = format_number(size, unit)
    forms = {sign + form for form in bare} | {sign + rounded}
    symbol = CURRENCIES.get(unit)
    if symbol:
        forms |= {f"{sign}{symbol}{form}" for form in bare}
        forms.add(sign + rounded.removeprefix(symbol))
    elif unit:
        forms |= {f"{sign}{form} {unit}" for form in bare}
    return forms


def claim_terms(record: Record, registry) -> set[str]:
    entities = registry.of_type("entity")
    metric = registry.of_type("metric").get(record.get("metric"))
    unit = metric.get("unit", "") if metric else ""
    terms = {record.id, record.get("title") or ""}
    for field in ("value", "low", "high"):
        value = record.get(field)
        if isinstance(value, int | float) and not isinstance(value, bool):
            terms |= number_forms(value, unit)
    for rid in list(record.get("subject") or []) + [record.get("claimant")]:
        entity = entities.get(rid)
        if entity is not None:
            terms |= {entity.get("name") or "", *(entity.get("aliases") or [])}
    return terms


def record_terms(record: Record) -> set[str]:
    return {record.id, record.get("name") or "", record.get("title") or "",
            *(record.get("aliases") or [])}


def index_node(terms: set[str], anchor: str) -> addnodes.index:
    # a semicolon would split an entry into two; a reader does not type it
    entries = sorted({" ".join(t.replace(";", " ").split()) for t in terms} - {""})
    return addnodes.index(entries=[("single", term, anchor, "main", None) for term in entries])


class AddSearchTerms(SphinxPostTransform):
    """Appends, per claim or record this page is the home of, hidden entries for the search."""

    default_priority = 6  # after the cards (5) got their anchors
    formats = ("html",)

    def run(self, **kwargs) -> None:
        domain = self.env.domains["claim"]
        docname = self.env.docname
        anchors = {node_id for node in self.document.findall(nodes.Element)
                   for node_id in node.get("ids", ())}
        for (rtype, _), (home, record) in sorted(domain.objects.items()):
            if home != docname or record.anchor not in anchors:
                continue
            if rtype == "claim":
                terms = claim_terms(record, domain.registry)
            else:
                terms = record_terms(record)
            self.document += index_node(terms, record.anchor)


def setup_search(app) -> None:
    app.add_post_transform(AddSearchTerms)
