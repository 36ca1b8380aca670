"""`claimkb import genai-prices`: the first-party labs' list prices from the `genai-prices`
package, as `claims/genai-prices.yaml`.

The data ships inside the pinned package, so the import works offline. Exit codes: 0 written (or
already up to date), 1 the import would clash with the knowledge base or produce invalid
records, 2 unreadable input, an unknown provider, or a target file that was not written by the
importer (it is never overwritten).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from ..importers.checks import check_import, records_elsewhere
from ..importers.genai_prices.collection import MARKER, Imported, build, render
from ..importers.genai_prices.dataset import DEFAULT_MODULE, DatasetError, load
from ..importers.genai_prices.providers import LABS
from ..importers.generated import edited_by_hand
from .common import UsageError, add_root_argument, display_path, project_root, write_atomically
from .knowledge_base import load_knowledge_base

OUTPUT = Path("claims") / "genai-prices.yaml"


def register_dataset(sources: argparse._SubParsersAction) -> None:
    parser = sources.add_parser(
        "genai-prices",
        help="the labs' token list prices from the pinned genai-prices package",
        description="Write one figure claim per first-party lab's text model, kind of price "
        "(input, output, cached input) and price set of the genai-prices package's bundled data "
        "(no network). Existing entities and sources are referenced; prices the data set is "
        "known to get wrong are left out and listed. Exit status: 0 written or up to date, "
        "1 clash or invalid record, 2 unreadable input, unknown provider or a target not "
        "written by the importer.",
    )
    parser.add_argument(
        "--provider",
        action="append",
        metavar="ID",
        help=f"import only this provider (repeatable; default: all of {', '.join(LABS)})",
    )
    parser.add_argument(
        "--dataset",
        default=DEFAULT_MODULE,
        metavar="MODULE",
        help="a Python module with the data set's `providers` (default: the installed package's "
        f"{DEFAULT_MODULE}); another one must also define VERSION and RELEASED",
    )
    parser.add_argument(
        "--output", type=Path, help=f"the collection to write (default: ROOT/{OUTPUT})"
    )
    add_root_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = project_root(args.root)
    output: Path = args.output or root / OUTPUT
    unknown = sorted(set(args.provider or ()) - set(LABS))
    if unknown:
        raise UsageError(
            f"unknown provider {unknown[0]!r}",
            f"use one of {', '.join(LABS)} (first-party labs; add one in "
            "claimkb.importers.genai_prices.providers.LABS)",
        )
    if output.exists() and (refusal := edited_by_hand(output, MARKER)):
        raise UsageError(
            f"{display_path(output)}: {refusal}; refusing to overwrite it",
            "move it away or choose another --output; to change imported claims, change the "
            "data set's version and run the importer again",
        )
    try:
        dataset = load(args.dataset)
    except DatasetError as error:
        raise UsageError(f"{args.dataset}: {error.message}", error.hint) from None
    if args.provider:
        kept = {p: v for p, v in dataset.providers.items() if p in args.provider}
        dataset = replace(dataset, providers=kept)
    base = load_knowledge_base(root)
    existing = records_elsewhere(base.records, output)
    imported = build(dataset, existing)
    text = render(imported, dataset, base.registry.schemas)
    findings = check_import(text, output, base.registry, existing)
    if findings:
        for finding in findings:
            print(f"{display_path(finding.path)}:{finding.line}: {finding.text()}", file=sys.stderr)
        print(
            f"claimkb import: {len(findings)} problem(s); {display_path(output)} was not written",
            file=sys.stderr,
        )
        return 1
    report(imported)
    if output.exists() and output.read_text(encoding="utf-8") == text:
        print(f"{display_path(output)} is up to date ({imported.claims} claims)")
        return 0
    write_atomically(output, text.encode("utf-8"))
    print(
        f"wrote {display_path(output)}: {imported.claims} claims, "
        f"{len(imported.created.get('entities', []))} new entities, "
        f"{len(imported.created.get('sources', []))} sources; referenced "
        f"{len(imported.reused.get('entities', []))} existing entities"
    )
    return 0


def report(imported: Imported) -> None:
    """What was left out and why, and the declared errors the data set no longer shows."""
    for provider, model, why in imported.skipped:
        print(f"not imported: {provider}/{model}: {why}")
    for error in imported.fixed:
        print(
            f"known error no longer in the data set: {error.provider}/{error.model} "
            f"({error.reason}); remove it from claimkb.importers.genai_prices.known_errors"
        )
