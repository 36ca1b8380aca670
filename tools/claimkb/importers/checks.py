"""What an importer is about to write, checked as the knowledge base would check it: the records
of the collection's text against the schema, their references, and ids that records elsewhere
already use. The command line prints the findings and writes nothing when there are any."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from ..core.codes import FindingCode
from ..core.collection_records import load_collection
from ..core.cross_checks import check_references
from ..core.records import Finding, Record
from ..core.registry import Registry
from ..core.validate import check_record


def records_elsewhere(records: list[Record], output: Path) -> list[Record]:
    """The records of the knowledge base but those of `output`, which the import replaces."""
    target = output.resolve()
    return [r for r in records if Path(r.location.path).resolve() != target]


def check_import(
    text: str, output: Path, registry: Registry, existing: list[Record]
) -> list[Finding]:
    """Problems of the records about to be written to `output`: schema, references that do not
    resolve, and ids that `existing` records (other collections, pages) already use."""
    schemas = registry.schemas
    with tempfile.TemporaryDirectory() as scratch:
        draft = Path(scratch) / output.name
        draft.write_text(text, encoding="utf-8")
        records, findings = load_collection(draft, schemas)
    records = [_located_at(r, output) for r in records]
    findings += [f for r in records for f in check_record(r, schemas)]
    findings += [
        f
        for f in check_references(existing + records, schemas)
        if f.code != FindingCode.DUPLICATE and f.path == str(output)
    ]
    taken = {(r.type, r.id): r for r in existing if r.id}
    for record in records:
        other = taken.get((record.type, record.id))
        if other is not None:
            findings.append(
                Finding(str(output), record.location.line, code=FindingCode.DUPLICATE,
                        record_type=record.type, record_id=record.id, field="id",
                        message=f"the import would define {record.type} id {record.id!r} again",
                        hint=f"it is already defined at {other.location.path}:"
                        f"{other.location.line}; rename one of them")
            )  # fmt: skip
    return sorted(set(findings))


def _located_at(record: Record, output: Path) -> Record:
    return replace(record, location=replace(record.location, path=str(output)))
