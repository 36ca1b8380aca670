"""`claimkb diff --format json`: the report for other tools, as `schema/diff.schema.json` says."""

from __future__ import annotations

import json

from ..core.diff.field_changes import INVALID, FieldChange
from ..core.diff.ledger_diff import Change, Dangling, Entry, LedgerDiff, Place, Relation
from .output import finding_document

#: Version of the `--format json` document; see schema/diff.schema.json.
JSON_VERSION = 1


def place(where: Place) -> dict:
    return {"path": where.path, "line": where.line}


def entry(item: Entry) -> dict:
    return {
        "type": item.type,
        "id": item.id,
        "title": item.title,
        **place(item.place),
        "value_text": item.value_text,
        "pages": list(item.pages),
        "same_content_as": item.same_content_as or None,
    }


def field_change(item: FieldChange) -> dict:
    return {
        "field": item.field,
        "before": None if item.before is INVALID else item.before,
        "after": None if item.after is INVALID else item.after,
        "before_invalid": item.before is INVALID,
        "after_invalid": item.after is INVALID,
        "before_text": item.before_text,
        "after_text": item.after_text,
        "relative_change": item.relative,
        "important": item.important,
    }


def change(item: Change) -> dict:
    return {
        "type": item.type,
        "id": item.id,
        "title": item.title,
        "before": place(item.before),
        "after": place(item.after),
        "moved": item.moved,
        "important": item.important,
        "fields": [field_change(f) for f in item.fields],
        "pages": list(item.pages),
        "pages_before": list(item.pages_before),
        "used_by": list(item.used_by),
    }


def relation(item: Relation) -> dict:
    return {"claim": item.claim, "relation": item.relation, "target": item.target} | place(
        item.place
    )


def dangling(item: Dangling) -> dict:
    return {
        "record_type": item.record_type,
        "record_id": item.record_id,
        "field": item.field,
        "target_type": item.target_type,
        "target": item.target,
        **place(item.place),
    }


def revision(item) -> dict:
    return {"label": item.label, "revision": item.given, "commit": item.commit}


def format_json(diff: LedgerDiff, revisions: dict, color: bool = False) -> str:
    claims = [c for c in diff.changed if c.type == "claim"]
    document = {
        "version": JSON_VERSION,
        "base": revision(revisions["base"]),
        "head": revision(revisions["head"]),
        "summary": diff.summary(),
        "claims": {
            "added": [entry(e) for e in diff.added if e.type == "claim"],
            "removed": [entry(e) for e in diff.removed if e.type == "claim"],
            "changed": [change(c) for c in claims],
        },
        "records": {
            "added": [entry(e) for e in diff.added if e.type != "claim"],
            "removed": [entry(e) for e in diff.removed if e.type != "claim"],
            "changed": [change(c) for c in diff.changed if c.type != "claim"],
        },
        "relations": {
            "added": [relation(r) for r in diff.relations_added],
            "removed": [relation(r) for r in diff.relations_removed],
        },
        "dangling": [dangling(d) for d in diff.dangling],
        "unread": [{"path": u.path, "side": u.side, "records": u.records} for u in diff.unread],
        "findings": {
            "introduced": [finding_document(f, f.path) for f in diff.findings_introduced],
            "fixed": [finding_document(f, f.path) for f in diff.findings_fixed],
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
