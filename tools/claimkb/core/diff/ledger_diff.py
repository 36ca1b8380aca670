"""What a change does to the ledger, record by record: two knowledge bases in, their differences
out. Pure: the command line (`claimkb diff`) reads both sides and prints the result.

Records are matched by type and id. A record only on one side is added or removed (a rename is
both, with a hint when the content is the same); a record on both sides is changed when it moved
to another file or a field differs, each difference written for people (`$5.58M → $5.6M`, with
the relative change of numbers). Findings are matched by what they say, not by their line, so
that an edit above a finding neither fixes nor introduces it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import cached_property

from ..codes import FindingCode
from ..currency import stated_unit
from ..fields import RELATION_FIELDS, important_fields
from ..formatting import format_value
from ..records import Finding, PageReference, Record
from ..registry import Registry
from .field_changes import FieldChange, compared_data, field_changes
from .finding_diff import compare_findings, relative_finding

#: findings that mean a file gave no record at all
UNREAD_CODES = (FindingCode.YAML, FindingCode.FILE)


@dataclass
class Side:
    """One knowledge base to compare: its records, findings, and the pages that show each."""

    label: str
    root: str
    registry: Registry
    page_claims: list[Record]
    findings: list[Finding]
    references: list[PageReference] = field(default_factory=list)
    #: claim id -> pages that show it; (type, id) of a registry record -> pages that show it
    claim_pages: dict[str, tuple[str, ...]] = field(default_factory=dict)
    record_pages: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)

    @property
    def records(self) -> list[Record]:
        return self.registry.records + self.page_claims

    def by_id(self, rtype: str) -> dict[str, Record]:
        """Records of one type by id; the first in file order where an id is duplicated."""
        return self._index.get(rtype, {})

    @cached_property
    def _index(self) -> dict[str, dict[str, Record]]:
        found: dict[str, dict[str, Record]] = {}
        for record in sorted(self.records, key=lambda r: (r.location.path, r.location.line)):
            if record.id:
                found.setdefault(record.type, {}).setdefault(record.id, record)
        return found

    @cached_property
    def users(self) -> dict[tuple[str, str], set[str]]:
        """(type, id) of a record -> the ids of the claims that name it."""
        found: dict[tuple[str, str], set[str]] = {}
        for claim in self.by_id("claim").values():
            for _, rtype, target in self.registry.schemas.references_of(claim):
                found.setdefault((rtype, target), set()).add(claim.id)
        return found

    def relative(self, path: str) -> str:
        """`path` relative to the root, with `/` separators (as it is when not below it)."""
        prefix = self.root.rstrip(os.sep) + os.sep
        return path[len(prefix) :].replace(os.sep, "/") if path.startswith(prefix) else path

    def place(self, record: Record, name: str | None = None) -> Place:
        return Place(self.relative(record.location.path), record.location.line_of(name))

    @property
    def unread(self) -> set[str]:
        """Files that gave no record because they cannot be read or are not collections."""
        return {self.relative(f.path) for f in self.findings if f.code in UNREAD_CODES}

    def unit(self, record: Record) -> str:
        """The unit of the claim's numbers as stated: in its currency, for money (`EUR`)."""
        return stated_unit(self.registry.unit_of(record.get("metric")), record.data)


@dataclass(frozen=True)
class Place:
    path: str
    line: int


@dataclass(frozen=True)
class Entry:
    """A record on one side only."""

    type: str
    id: str
    title: str
    place: Place
    value_text: str = ""
    pages: tuple[str, ...] = ()
    #: id of a record of the other side with the same content: a rename, most likely
    same_content_as: str = ""


@dataclass(frozen=True)
class Change:
    """A record on both sides that moved to another file, or whose fields differ."""

    type: str
    id: str
    title: str
    before: Place
    after: Place
    fields: tuple[FieldChange, ...] = ()
    #: pages that show it (after the change), and those that showed it only before
    pages: tuple[str, ...] = ()
    pages_before: tuple[str, ...] = ()
    #: for a registry record, the claims that name it (after the change)
    used_by: tuple[str, ...] = ()

    @property
    def moved(self) -> bool:
        return self.before.path != self.after.path

    @property
    def important(self) -> bool:
        return any(f.important for f in self.fields)


@dataclass(frozen=True)
class Relation:
    claim: str
    relation: str
    target: str
    place: Place


@dataclass(frozen=True)
class Dangling:
    """A record or a page left naming something the change removed."""

    record_type: str
    record_id: str
    field: str
    target_type: str
    target: str
    place: Place


@dataclass(frozen=True)
class Unread:
    """A file one side cannot read: its records are not compared."""

    path: str
    side: str
    records: int


@dataclass
class LedgerDiff:
    base: str
    head: str
    added: list[Entry] = field(default_factory=list)
    removed: list[Entry] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    relations_added: list[Relation] = field(default_factory=list)
    relations_removed: list[Relation] = field(default_factory=list)
    dangling: list[Dangling] = field(default_factory=list)
    findings_introduced: list[Finding] = field(default_factory=list)
    findings_fixed: list[Finding] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        claims = [c for c in self.changed if c.type == "claim"]
        records = [c for c in self.changed if c.type != "claim"]
        return {
            "claims_added": sum(e.type == "claim" for e in self.added),
            "claims_removed": sum(e.type == "claim" for e in self.removed),
            "claims_moved": sum(c.moved for c in claims),
            "claims_changed": sum(bool(c.fields) for c in claims),
            "records_added": sum(e.type != "claim" for e in self.added),
            "records_removed": sum(e.type != "claim" for e in self.removed),
            "records_changed": len(records),
            "important_changes": sum(c.important for c in self.changed),
            "relations_added": len(self.relations_added),
            "relations_removed": len(self.relations_removed),
            "dangling": len(self.dangling),
            "findings_introduced": len(self.findings_introduced),
            "findings_fixed": len(self.findings_fixed),
            "unread": len(self.unread),
        }


def compare(base: Side, head: Side) -> LedgerDiff:
    """Everything that differs from `base` to `head`."""
    diff = LedgerDiff(base.label, head.label)
    types = ["claim", *(t for t in head.registry.schemas.record_types if t != "claim")]
    base_unread, head_unread = base.unread, head.unread
    for rtype in types:
        before, after = base.by_id(rtype), head.by_id(rtype)
        removed = [
            r
            for rid, r in before.items()
            if rid not in after and base.place(r).path not in head_unread
        ]
        added = [
            r
            for rid, r in after.items()
            if rid not in before and head.place(r).path not in base_unread
        ]
        diff.removed += _entries(removed, added, base)
        diff.added += _entries(added, removed, head)
        for rid in sorted(before.keys() & after.keys()):
            change = _change(before[rid], after[rid], base, head)
            if change is not None:
                diff.changed.append(change)
    diff.unread = _unread(base, head, base_unread, head_unread)
    diff.relations_added, diff.relations_removed = _relations(base, head)
    diff.dangling = _dangling(base, head)
    diff.findings_introduced, diff.findings_fixed = compare_findings(
        [relative_finding(f, base.root) for f in base.findings],
        [relative_finding(f, head.root) for f in head.findings],
    )
    return diff


def title_of(record: Record) -> str:
    title = record.get("title") if record.type == "claim" else record.get("name")
    title = title or record.get("title") or ""
    return title if isinstance(title, str) else str(title)


def _content(record: Record) -> str:
    return json.dumps({k: v for k, v in record.data.items() if k != "id"}, sort_keys=True)


def _entries(records: list[Record], others: list[Record], side: Side) -> list[Entry]:
    """Entries of the records on one side only; `others` are those only on the other side."""
    same = {}
    for other in sorted(others, key=lambda r: r.id, reverse=True):
        same[_content(other)] = other.id
    return [
        Entry(
            record.type,
            record.id,
            title_of(record),
            side.place(record),
            format_value(record.data, side.unit(record)) if record.type == "claim" else "",
            side.claim_pages.get(record.id, ())
            if record.type == "claim"
            else side.record_pages.get((record.type, record.id), ()),
            same.get(_content(record), ""),
        )
        for record in sorted(records, key=lambda r: r.id)
    ]


def _change(before: Record, after: Record, base: Side, head: Side) -> Change | None:
    key = (after.type, after.id)
    used_by = tuple(sorted(head.users.get(key, ()))) if after.type != "claim" else ()
    # a registry record's change matters when claims stand on it (`x-important` in the schema)
    important = important_fields(after.type) if after.type == "claim" or used_by else ()
    known = list(head.registry.schemas.fields.get(after.type, {}))
    units = (base.unit(before), head.unit(after))
    fields = tuple(
        field_changes(compared_data(before), compared_data(after), known, units, important)
    )
    place_before, place_after = base.place(before), head.place(after)
    if not fields and place_before.path == place_after.path:
        return None
    if after.type == "claim":
        pages, pages_before = head.claim_pages.get(after.id, ()), base.claim_pages.get(after.id, ())
    else:
        pages, pages_before = head.record_pages.get(key, ()), base.record_pages.get(key, ())
    return Change(
        after.type,
        after.id,
        title_of(after),
        place_before,
        place_after,
        fields,
        pages,
        tuple(p for p in pages_before if p not in pages),
        used_by,
    )


def _unread(base: Side, head: Side, base_unread: set[str], head_unread: set[str]) -> list[Unread]:
    found = []
    for path in sorted(head_unread - base_unread):
        count = sum(base.place(r).path == path for r in base.records)
        found.append(Unread(path, "head", count))
    for path in sorted(base_unread - head_unread):
        count = sum(head.place(r).path == path for r in head.records)
        found.append(Unread(path, "base", count))
    return found


def _relation_set(side: Side, unread: set[str]) -> dict[tuple[str, str, str], Relation]:
    """The relations of the claims of one side, but those in files the other cannot read."""
    found = {}
    for rid, record in side.by_id("claim").items():
        if side.place(record).path in unread:
            continue
        for name in RELATION_FIELDS:
            targets = record.get(name)
            for target in targets if isinstance(targets, list) else []:
                if isinstance(target, str):
                    found[(rid, name, target)] = Relation(
                        rid, name, target, side.place(record, name)
                    )
    return found


def _relations(base: Side, head: Side) -> tuple[list[Relation], list[Relation]]:
    before, after = _relation_set(base, head.unread), _relation_set(head, base.unread)
    return (
        [after[key] for key in sorted(after.keys() - before.keys())],
        [before[key] for key in sorted(before.keys() - after.keys())],
    )


def _dangling(base: Side, head: Side) -> list[Dangling]:
    """What the head still names among the records the change removed."""
    unread = head.unread  # records of a file head cannot read are not compared
    gone = {
        rtype: {
            rid
            for rid, record in base.by_id(rtype).items()
            if rid not in head.by_id(rtype) and base.place(record).path not in unread
        }
        for rtype in head.registry.schemas.record_types
    }
    found = []
    schemas = head.registry.schemas
    for record in sorted(head.records, key=lambda r: (r.location.path, r.location.line)):
        for name, rtype, target in schemas.references_of(record):
            if target in gone.get(rtype, ()):
                found.append(
                    Dangling(record.type, record.id, name, rtype, target, head.place(record, name))
                )
    for ref in head.references:
        if ref.via in ("claim", "claim-value", "compare") and ref.target in gone["claim"]:
            kind = "directive" if ref.via == "compare" else "role"
            place = Place(head.relative(ref.path), ref.line)
            found.append(Dangling(kind, ref.via, "", "claim", ref.target, place))
    return sorted(set(found), key=lambda d: (d.place.path, d.place.line, d.target, d.record_id))
