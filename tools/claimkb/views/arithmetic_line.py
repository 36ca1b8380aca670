"""A card's arithmetic: `= 2,788,000 GPU-hours × $2 per GPU-hour ✓ checked`, each operand linked
to its claim. The check itself is the core's (`core.arithmetic.outcome`), as in the build."""

from __future__ import annotations

from docutils import nodes

from ..core.arithmetic import outcome, plain
from ..core.formulas import FormulaError, formula_ids, shown_parts
from ..core.records import Record
from ..core.time_checks import claims_by_id
from .i18n import _
from .links import xref

#: operators written without spaces around them (the others get one on each side)
_SPACED = {"(": "(", ")": ")", ",": ", "}


def relation_ids(record: Record, field: str) -> list[str]:
    """The claims a card lists under a relation; a formula's ids count as `derived_from`."""
    ids = [i for i in record.get(field) or [] if isinstance(i, str)]
    if field == "derived_from":
        ids += [i for i in formula_ids(record.get("formula")) if i not in ids]
    return ids


def arithmetic_line(domain, names, record: Record) -> nodes.paragraph | None:
    """The formula with each claim replaced by its value, and whether the build checked it."""
    if record.get("formula") is None:
        return None
    registry = domain.registry
    by_id = claims_by_id(registry.records + domain.page_claims())
    try:
        parts = shown_parts(record.get("formula"))
    except FormulaError:
        return None
    para = nodes.paragraph(classes=["claim-formula"])
    para += nodes.Text("= ")
    for token in parts:
        if token.kind == "id":
            other = by_id.get(token.text)
            text = names.value_of(other) if other is not None else token.text
            para += xref("claim", token.text, text or token.text, names.docname)
        elif token.kind == "number":
            para += nodes.Text(plain(float(token.text)))
        elif token.kind == "op":
            para += nodes.Text(_SPACED.get(token.text, f" {token.text} "))
        else:  # sum
            para += nodes.Text(token.text)
    result = outcome(record, by_id, registry)
    para += nodes.Text(" ")
    if result.checked:
        checked = "✓ " + _("checked")
        para += nodes.inline(checked, checked, classes=["claim-formula-checked"])
    else:
        words = "✗ " + _("not checked")
        words += f": {result.problem}" if result.problem else ""
        para += nodes.inline(words, words, classes=["claim-formula-unchecked"])
    return para
