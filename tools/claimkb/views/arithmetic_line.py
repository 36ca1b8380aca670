"""A card's arithmetic: `= 2,788,000 GPU-hours × $2 per GPU-hour ✓ checked`, each operand linked
to its claim. The check itself is the core's (`core.arithmetic.outcome`), as in the build."""

from __future__ import annotations

from ..core.arithmetic import outcome, plain
from ..core.formulas import FormulaError, formula_ids, shown_parts
from ..core.records import Record
from .i18n import _
from .kb import KnowledgeBase
from .model import Inline, Styled, span
from .names import Names

#: operators written without spaces around them (the others get one on each side)
_SPACED = {"(": "(", ")": ")", ",": ", "}


def relation_ids(record: Record, field: str) -> list[str]:
    """The claims a card lists under a relation; a formula's ids count as `derived_from`."""
    ids = [i for i in record.get(field) or [] if isinstance(i, str)]
    if field == "derived_from":
        ids += [i for i in formula_ids(record.get("formula")) if i not in ids]
    return ids


def arithmetic_line(kb: KnowledgeBase, names: Names, record: Record) -> Styled | None:
    """The formula with each claim replaced by its value, and whether the build checked it."""
    if record.get("formula") is None:
        return None
    by_id = kb.formula_inputs()
    try:
        parts = shown_parts(record.get("formula"))
    except FormulaError:
        return None
    line: list[Inline] = ["= "]
    for token in parts:
        if token.kind == "id":
            other = by_id.get(token.text)
            text = names.value_of(other) if other is not None else token.text
            line.append(names.link("claim", token.text, text or token.text))
        elif token.kind == "number":
            line.append(plain(float(token.text)))
        elif token.kind == "op":
            line.append(_SPACED.get(token.text, f" {token.text} "))
        else:  # sum
            line.append(token.text)
    result = outcome(record, by_id, kb.registry)
    line.append(" ")
    if result.checked:
        line.append(span("✓ " + _("checked"), ("claim-formula-checked",)))
    else:
        words = "✗ " + _("not checked")
        words += f": {result.problem}" if result.problem else ""
        line.append(span(words, ("claim-formula-unchecked",)))
    return Styled("paragraph", tuple(line), ("claim-formula",))
