"""`claimkb import epoch`: write Epoch AI's training-cost data as `claims/epoch-model-costs.yaml`.

Exit codes: 0 written (or already up to date), 1 the import would clash with the knowledge base
(an id defined elsewhere) or produce invalid records, 2 unreadable input or a target file that was
not written by the importer (it is never overwritten).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from .collections import load_collection
from .epoch_import import (
    EpochImportError,
    build,
    is_generated,
    read_costs,
    read_full_view,
    render,
)
from .project import page_claims
from .records import Finding, Record
from .schema import load_schemas
from .validate import check_record, check_references

EPOCH_DIR = Path("..") / "shared" / "data" / "epoch"


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import", help="turn an external data set into a claims collection",
        description="Turn an external data set into a claims collection.",
    )
    sources = parser.add_subparsers(dest="dataset", required=True, metavar="DATASET")
    epoch = sources.add_parser(
        "epoch", help="Epoch AI's training costs per model (model_costs.csv)",
        description="Write one figure claim per non-empty cost cell of Epoch AI's model_costs.csv. "
        "Paths are relative to the current directory, the repository's root.",
    )
    epoch.add_argument("--csv", type=Path, default=EPOCH_DIR / "model_costs.csv",
                       help="the costs (default: %(default)s)")
    epoch.add_argument("--full-view", type=Path,
                       default=EPOCH_DIR / "all_ml_systems_full_view.csv",
                       help="the models database: organizations, publication dates "
                       "(default: %(default)s)")
    epoch.add_argument("--output", type=Path, default=Path("claims") / "epoch-model-costs.yaml",
                       help="the collection to write (default: %(default)s)")
    epoch.add_argument("--schema", type=Path, default=Path("schema"),
                       help="the JSON Schemas (default: %(default)s)")
    epoch.add_argument("--docs", type=Path, default=Path("docs"),
                       help="the pages, whose claim ids must not clash (default: %(default)s)")
    epoch.set_defaults(run=run_epoch)


def run_epoch(args: argparse.Namespace) -> int:
    output: Path = args.output
    if output.exists() and not is_generated(output):
        return _fail(f"{output}: not written by the importer; refusing to overwrite it",
                     "move it away or choose another --output")
    try:
        schemas = load_schemas(args.schema)
        costs = read_costs(args.csv)
        infos = read_full_view(args.full_view, {row.model for row in costs})
        existing, _ = _existing_records(output, schemas, args.docs)
        imported = build(costs, infos, existing, str(args.csv))
    except EpochImportError as error:
        return _fail(error.text(), code=2)
    except (OSError, KeyError) as error:
        return _fail(f"cannot read the schemas in {args.schema}: {error}", code=2)
    text = render(imported, [args.csv, args.full_view])
    findings = _check(text, output, schemas, existing)
    if findings:
        for finding in findings:
            print(f"{finding.path}:{finding.line}: {finding.text()}", file=sys.stderr)
        print(f"claimkb import: {len(findings)} problem(s); {output} was not written",
              file=sys.stderr)
        return 1
    if output.exists() and output.read_text(encoding="utf-8") == text:
        print(f"{output} is up to date ({imported.claims} claims)")
        return 0
    _write(output, text)
    created = imported.created
    print(f"wrote {output}: {imported.claims} claims, "
          f"{len(created.get('entities', []))} new entities, "
          f"{len(created.get('sources', []))} new sources; "
          f"referenced {len(imported.reused.get('entities', []))} existing entities and "
          f"{len(imported.reused.get('sources', []))} existing sources")
    return 0


def _existing_records(output: Path, schemas, docs: Path) -> tuple[list[Record], list[Finding]]:
    """Records of every other collection beside `output`, and the claims written in pages."""
    records: list[Record] = []
    findings: list[Finding] = []
    directory = output.parent
    for path in sorted(directory.glob("*.yaml")) if directory.is_dir() else []:
        if path.resolve() == output.resolve():
            continue
        found, problems = load_collection(path, schemas)
        records += found
        findings += problems
    records += page_claims(docs, schemas)
    return records, findings


def _check(text: str, output: Path, schemas, existing: list[Record]) -> list[Finding]:
    """Problems of the records about to be written: schema, and ids clashing with `existing`."""
    with tempfile.TemporaryDirectory() as scratch:
        draft = Path(scratch) / output.name
        draft.write_text(text, encoding="utf-8")
        records, findings = load_collection(draft, schemas)
    records = [_located_at(r, output) for r in records]
    findings = [f for r in records for f in check_record(r, schemas)] + findings
    mine = {(r.type, r.id) for r in records}
    for finding in check_references(existing + records, schemas):
        # only what the import causes: clashes with its ids, or references it cannot resolve
        if finding.path == str(output) or (finding.record_type, finding.record_id) in mine:
            findings.append(finding)
    return sorted(set(findings))


def _located_at(record: Record, output: Path) -> Record:
    from dataclasses import replace

    return replace(record, location=replace(record.location, path=str(output)))


def _write(output: Path, text: str) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temp, output)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _fail(message: str, hint: str = "", code: int = 2) -> int:
    print(f"claimkb import: error: {message}" + (f" (hint: {hint})" if hint else ""),
          file=sys.stderr)
    return code
