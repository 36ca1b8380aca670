"""`claimkb import epoch`: write Epoch AI's training-cost data as `claims/epoch-model-costs.yaml`.

Exit codes: 0 written (or already up to date), 1 the import would clash with the knowledge base
(an id defined elsewhere) or produce invalid records, 2 unreadable input or a target file that was
not written by the importer (it is never overwritten).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..importers.checks import check_import, records_elsewhere
from ..importers.epoch.collection import MARKER
from ..importers.epoch.data import EpochImportError
from ..importers.epoch.run import import_epoch
from ..importers.generated import edited_by_hand
from .common import UsageError, add_root_argument, display_path, project_root, write_atomically
from .import_genai_prices import register_dataset as register_genai_prices
from .knowledge_base import load_knowledge_base

#: Relative to the project root: the shared folder sits beside the repository.
EPOCH_DIR = Path("..") / "shared" / "data" / "epoch"
OUTPUT = Path("claims") / "epoch-model-costs.yaml"


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import",
        help="turn an external data set into a claims collection",
        description="Turn an external data set into a claims collection.",
    )
    sources = parser.add_subparsers(dest="dataset", required=True, metavar="DATASET")
    epoch = sources.add_parser(
        "epoch",
        help="Epoch AI's training costs per model (model_costs.csv)",
        description="Write one figure claim per non-empty cost cell of Epoch AI's model_costs.csv. "
        "Ids already used anywhere in the knowledge base (collections and pages) are refused; "
        "existing entities and sources are referenced. Exit status: 0 written or up to date, "
        "1 clash or invalid record, 2 unreadable input or a target not written by the importer.",
    )
    epoch.add_argument(
        "--csv", type=Path, help=f"the costs (default: ROOT/{EPOCH_DIR / 'model_costs.csv'})"
    )
    epoch.add_argument(
        "--full-view",
        type=Path,
        help="the models database: organizations, publication dates "
        f"(default: ROOT/{EPOCH_DIR / 'all_ml_systems_full_view.csv'})",
    )
    epoch.add_argument(
        "--output", type=Path, help=f"the collection to write (default: ROOT/{OUTPUT})"
    )
    add_root_argument(epoch)
    epoch.set_defaults(run=run_epoch)
    register_genai_prices(sources)


def run_epoch(args: argparse.Namespace) -> int:
    root = project_root(args.root)
    costs_csv = args.csv or root / EPOCH_DIR / "model_costs.csv"
    full_view = args.full_view or root / EPOCH_DIR / "all_ml_systems_full_view.csv"
    output: Path = args.output or root / OUTPUT
    try:
        refusal = edited_by_hand(output, MARKER) if output.exists() else ""
        if refusal:
            raise UsageError(
                f"{display_path(output)}: {refusal}; refusing to overwrite it",
                "move it away or choose another --output; to change imported claims, change the "
                "input data and run the importer again",
            )
        base = load_knowledge_base(root)
        existing = records_elsewhere(base.records, output)
        text, imported = import_epoch(costs_csv, full_view, existing, base.registry.schemas)
    except EpochImportError as error:
        raise UsageError(error.text(), status=1 if error.clash else 2) from None
    except OSError as error:
        raise UsageError(f"{error.filename or output}: {error.strerror or error}") from None
    findings = check_import(text, output, base.registry, existing)
    if findings:
        for finding in findings:
            print(f"{display_path(finding.path)}:{finding.line}: {finding.text()}", file=sys.stderr)
        print(
            f"claimkb import: {len(findings)} problem(s); {display_path(output)} was not written",
            file=sys.stderr,
        )
        return 1
    if output.exists() and output.read_text(encoding="utf-8") == text:
        print(f"{display_path(output)} is up to date ({imported.claims} claims)")
        return 0
    write_atomically(output, text.encode("utf-8"))
    created = imported.created
    print(
        f"wrote {display_path(output)}: {imported.claims} claims, "
        f"{len(created.get('entities', []))} new entities, "
        f"{len(created.get('sources', []))} new sources; "
        f"referenced {len(imported.reused.get('entities', []))} existing entities and "
        f"{len(imported.reused.get('sources', []))} existing sources"
    )
    return 0
