"""Source hygiene for `claimkb lint`: sources no claim cites, entities nothing refers to."""

from __future__ import annotations

from .codes import FindingCode
from .records import Finding, Record
from .schema import Schemas

#: what lint says of a record of each type that nothing refers to: message, hint
UNUSED = {
    "source": ("cited by no claim", "cite it in a claim's source or also, or remove it"),
    "entity": (
        "no claim or record refers to it",
        "use it as a claim's subject or claimant or an entity's parent, or remove it",
    ),
}


def unused(records: list[Record], schemas: Schemas, rtype: str) -> list[Finding]:
    """Records of `rtype` that no record refers to; the schemas' `x-ref` says which fields refer."""
    message, hint = UNUSED[rtype]
    used = {
        target
        for record in records
        for _name, ref, target in schemas.references_of(record)
        if ref == rtype
    }
    return [
        Finding(r.location.path, r.location.line, code=FindingCode.unused(rtype),
                record_type=rtype, record_id=r.id, message=message, hint=hint)
        for r in records
        if r.type == rtype and r.id and r.id not in used
    ]  # fmt: skip
